import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { cliBuildOptions } from '../../scripts/cli-build-options.mjs';
import { REPO_ROOT } from '../support/repo.js';

// What each command loads before it runs, read off the bundle's module graph (esbuild's metafile):
// the AWS SDK took ~0.2 s to load, and a local build or a check has no use for it.

let outputs: Metafile['outputs'];

beforeAll(async () => {
  const outdir = await mkdtemp(path.join(tmpdir(), 'feedpub-cli-startup-'));
  try {
    const result = await build({ ...cliBuildOptions(REPO_ROOT), outdir, write: false, metafile: true, logLevel: 'error' });
    if (!result.metafile) throw new Error('esbuild wrote no metafile');
    outputs = result.metafile.outputs;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}, 60_000);

/** The output file that holds `source` (a repository-relative path). */
function outputOf(source: string): string {
  const found = Object.entries(outputs).find(([, output]) => Object.keys(output.inputs).includes(source));
  if (!found) throw new Error(`${source} is in no output`);
  return found[0];
}

/** Everything loaded when `start` is imported: its static imports, transitively (not dynamic ones). */
function loadedWith(start: string): { files: Set<string>; packages: Set<string>; sources: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const sources = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const output = outputs[file];
    if (!output) throw new Error(`no output ${file}`);
    for (const source of Object.keys(output.inputs)) sources.add(source);
    for (const imported of output.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(start);
  return { files, packages, sources };
}

/** What running `command` loads: the CLI entry, then the command's own chunk. */
function loadedBy(command: string): { packages: Set<string>; sources: Set<string> } {
  const entry = loadedWith(outputOf('src/cli/run.ts'));
  const own = loadedWith(outputOf(`src/cli/commands/${command}-command.ts`));
  return { packages: new Set([...entry.packages, ...own.packages]), sources: new Set([...entry.sources, ...own.sources]) };
}

const sdk = (packages: Set<string>): string[] => [...packages].filter((p) => p.startsWith('@aws-sdk/') || p.startsWith('@smithy/'));

describe('what each CLI command loads', () => {
  it('the entry point alone (help, version, usage errors) loads no dependency', () => {
    const { packages, sources } = loadedWith(outputOf('src/cli/run.ts'));
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect([...sources].filter((s) => s.includes('node_modules'))).toEqual([]);
  });

  it.each(['build', 'check'])('`feedpub %s` loads no AWS SDK', (command) => {
    expect(sdk(loadedBy(command).packages)).toEqual([]);
  });

  it('commands that talk to S3 do load it (the check above can fail)', () => {
    expect(sdk(loadedBy('upload').packages)).toContain('@aws-sdk/client-s3');
  });

  it('the engine is bundled with the stubs for code it never reaches', () => {
    const { sources, packages } = loadedBy('build');
    expect([...sources].some((s) => s.includes('node_modules/markdown-it/'))).toBe(true);
    expect([...sources].filter((s) => s.includes('node_modules/postcss/'))).toEqual([]);
    // markdown-it's own copy of entities (v4) is replaced by feedpub's (v9): one copy of the tables.
    expect([...sources].filter((s) => s.includes('node_modules/markdown-it/node_modules/'))).toEqual([]);
    // The repository's copy, its only node_modules segment: esbuild names it node_modules/entities/…, or
    // ../../elsewhere/node_modules/entities/… when node_modules is a link; a nested copy has two segments.
    const entities = [...sources].filter((s) => s.includes('node_modules/entities/'));
    expect(entities.length).toBeGreaterThan(0);
    expect(entities.filter((s) => s.split('node_modules/').length !== 2)).toEqual([]);
    // gray-matter's default engines (js-yaml 3, an eval-based one) are replaced by an empty module.
    expect([...sources].filter((s) => s.includes('node_modules/gray-matter/node_modules/'))).toEqual([]);
    const engines = Object.values(outputs)
      .flatMap((o) => Object.entries(o.inputs))
      .find(([s]) => s.endsWith('gray-matter/lib/engines.js'));
    expect(engines?.[1].bytesInOutput).toBeLessThan(300);
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
  });
});
