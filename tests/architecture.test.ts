import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { REPO_ROOT } from './support/repo.js';

function sources(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
}

/** The pure core: parse → plan → render, and the config it reads. */
const CORE = ['src/parse', 'src/plan', 'src/render', 'src/config'].flatMap(sources);
/** The use case. */
const USE_CASE = ['src/rebuild.ts', ...sources('src/rebuild')];
/** The Lambda shell. */
const SHELLS = sources('functions');
/** The CLI, the other shell. */
const CLI = sources('src/cli');
/**
 * The core modules the CLI imports at run time besides `src/index.ts` and `src/adapters/` (type-only
 * imports leave no trace in the module graph): what it does beside a run (`check`'s extra problems,
 * `upload`'s sync, `dev`'s feed path, the site config read as a run reads it). Each one is a decision:
 * add a module here on purpose, and take it off when the CLI no longer imports it.
 */
const CLI_CORE_IMPORTS = [
  'src/config/config-keys.ts',
  'src/config/no-site-config-error.ts',
  'src/errors.ts',
  'src/manifest.ts',
  'src/parse/pages.ts',
  'src/parse/parse-article.ts',
  'src/ports.ts',
  'src/rebuild.ts',
  'src/rebuild/state.ts',
  'src/render/article-html.ts',
  'src/render/formats.ts',
  'src/site.ts',
  'src/util/map-limit.ts',
  'src/util/record.ts',
];

// The module graph as esbuild resolves it (its metafile; nothing is written): every import form counts,
// side-effect `import './x.js'`, `export … from`, dynamic `import('…')` and `require('…')`, each with
// its resolved path, where matching `import … from` lines with a regular expression missed the others.
let inputs: Metafile['inputs'];

beforeAll(async () => {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [...CORE, ...USE_CASE, ...SHELLS, ...CLI],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: 'architecture-test-out', // never written (write: false); esbuild wants one for several entries
    logLevel: 'error',
  });
  inputs = result.metafile.inputs;
}, 30_000);

/** The direct imports of `file`: resolved repository paths, or the specifier of an external package. */
function importsOf(file: string): Metafile['inputs'][string]['imports'] {
  const input = inputs[file];
  if (!input) throw new Error(`${file} is not in the module graph`);
  return input.imports;
}

/** Every source file `entries` load, transitively, themselves included. */
function loadedBy(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of importsOf(file)) if (!i.external) visit(i.path);
  };
  for (const entry of entries) visit(entry);
  return [...seen];
}

describe('architecture', () => {
  it('the pure core (parse, plan, render, config) loads no adapter, shell, filesystem, network or AWS SDK, by any import form', () => {
    expect(CORE.length).toBeGreaterThan(20);
    const offending = loadedBy(CORE).flatMap((file) =>
      importsOf(file)
        .filter((i) =>
          i.external
            ? /^(node:)?(fs|fs\/promises|http|https|http2|net|dgram|child_process|worker_threads)$|^@aws-sdk\//.test(i.path)
            : /^(src\/(adapters|cli|rebuild)\/|src\/rebuild\.ts$|functions\/)/.test(i.path),
        )
        .map((i) => `${file} → ${i.path} (${i.kind})`),
    );
    expect(offending).toEqual([]);
  });

  it('the core imports nothing esbuild cannot follow: no require, no import() of a computed name', () => {
    const offending = loadedBy(CORE).filter((file) => /\brequire\s*\(|\bimport\s*\(\s*[^'"\s]/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the core and the use case read no clock, environment or argv, nor do the modules they load', () => {
    const files = loadedBy([...CORE, ...USE_CASE]);
    expect(files).toContain('src/rebuild.ts');
    const offending = files.filter((file) =>
      /\bDate\.now\(|new Date\(\)|\bperformance\.(now|timeOrigin)\b|process\.(env|argv|hrtime|uptime)\b/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')),
    );
    expect(offending).toEqual([]);
  });

  it('the shells import the core only through src/index.ts and src/adapters/', () => {
    expect(SHELLS.length).toBeGreaterThan(3);
    const offending = SHELLS.flatMap((file) =>
      importsOf(file)
        .filter((i) => !i.external && i.path.startsWith('src/') && !/^src\/(index|adapters\/[\w-]+)\.ts$/.test(i.path))
        .map((i) => `${file} → ${i.path} (${i.kind})`),
    );
    expect(offending).toEqual([]);
  });

  it('the Lambda shell loads no FsStorage, so it throws no LinkOutsideError (left out of CONFIG_ERROR_TYPES)', () => {
    expect(loadedBy(SHELLS)).toContain('src/adapters/s3-storage.ts');
    expect(loadedBy(SHELLS)).not.toContain('src/adapters/fs-storage.ts');
    // (A line of code, not of a doc comment's example.)
    const throwers = loadedBy(SHELLS).filter((file) => /^[^*\n]*\bnew LinkOutsideError\(/m.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')));
    expect(throwers).toEqual([]);
  });

  it('the CLI imports the core only through src/index.ts, src/adapters/ and the modules on its list, each of which it imports', () => {
    expect(CLI.length).toBeGreaterThan(20);
    const outside = CLI.flatMap((file) =>
      importsOf(file)
        .filter((i) => !i.external && i.path.startsWith('src/') && !/^src\/(cli\/|adapters\/|index\.ts$)/.test(i.path))
        .map((i) => ({ file, ...i })),
    );
    const allowed = new Set(CLI_CORE_IMPORTS);
    expect(outside.filter((i) => !allowed.has(i.path)).map((i) => `${i.file} → ${i.path} (${i.kind})`)).toEqual([]);
    // No dead entry: a module the CLI stopped importing leaves the list.
    expect([...new Set(outside.map((i) => i.path))].sort()).toEqual(CLI_CORE_IMPORTS);
  });

  it('documents every declaration the public surface (src/index.ts) exports with TSDoc', () => {
    /** `export { a, type b } from './x.js'` lines of a file: each name with the file it comes from. */
    const reExports = (file: string): [name: string, from: string][] =>
      [...readFileSync(path.join(REPO_ROOT, file), 'utf8').matchAll(/^export (?:type )?\{([^}]*)\} from '(\.[^']+)\.js';$/gm)].flatMap(
        ([, names = '', from = '']) =>
          names
            .split(',')
            .map((n) => n.trim().replace(/^type /, ''))
            .filter((n) => n !== '')
            .map((n): [string, string] => [n, path.posix.join(path.posix.dirname(file), `${from}.ts`)]),
      );
    /** Whether `name`'s declaration in `file` (or where `file` re-exports it from) has a doc comment right above it. */
    const documented = (file: string, name: string): boolean => {
      const lines = readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
      const at = lines.findIndex((line) =>
        new RegExp(`^export (?:declare )?(?:async )?(?:abstract )?(?:const|function|class|interface|type) ${name}\\b`).test(line),
      );
      if (at < 0) {
        const from = reExports(file).find(([n]) => n === name)?.[1];
        return from !== undefined && documented(from, name);
      }
      return (
        lines
          .slice(0, at)
          .findLast((line) => line.trim() !== '')
          ?.trimEnd()
          .endsWith('*/') === true
      );
    };
    const exported = reExports('src/index.ts');
    expect(exported.length).toBeGreaterThan(30);
    expect(exported.filter(([name, file]) => !documented(file, name)).map(([name, file]) => `${file}: ${name}`)).toEqual([]);
  });

  it('pins the public API', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CdnError',
      'ConfigError',
      'EventError',
      'FREE_INVALIDATION_PATHS',
      'INVALIDATION_MODES',
      'ObjectTooLargeError',
      'PublisherError',
      'RunLimitError',
      'SourceChangedError',
      'StorageError',
      'UnreadableObjectError',
      'WriteConflictError',
      'isConfigKey',
      'isMarkdownKey',
      'noopCdn',
      'rebuild',
      'silentLogger',
    ]);
  });
});
