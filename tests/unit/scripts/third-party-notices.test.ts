import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { cliBuildOptions } from '../../../scripts/cli-build-options.mjs';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { lambdaBuildOptions } from '../../../scripts/lambda-build-options.mjs';
// @ts-expect-error: a plain .mjs build script, without type declarations
import { thirdPartyNotices } from '../../../scripts/third-party-notices.mjs';
import { REPO_ROOT } from '../../support/repo.js';

type Notices = (options: { root: string; metafile: Pick<Metafile, 'inputs'>; bundle: string }) => string;
const notices = thirdPartyNotices as Notices;

const scratch: string[] = [];
afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Text as the notices hold it: LF line ends, no trailing spaces, no trailing blank lines. */
const normalise = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();

/** The section of the notices about one package: from its heading to the next rule. */
function section(text: string, id: string): string | undefined {
  const start = text.indexOf(`\n${id}\nLicense: `);
  if (start < 0) return undefined;
  const end = text.indexOf(`\n${'-'.repeat(78)}\n`, start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

const APACHE_TERMS = [
  '                                 Apache License',
  '                           Version 2.0, January 2004',
  '',
  '   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION',
  '   (the terms)',
  '   END OF TERMS AND CONDITIONS',
].join('\n');
const apacheLicense = (owner: string): string =>
  `${APACHE_TERMS}\n\n   APPENDIX\n   Copyright [yyyy] [name of copyright owner]\n\n   Copyright 2020 ${owner}\n`;

describe('scripts/third-party-notices.mjs on a made-up node_modules', () => {
  let root: string;
  let metafile: Pick<Metafile, 'inputs'>;

  beforeAll(async () => {
    root = await tempDir('feedpub-notices-');
    const pkg = async (dir: string, manifest: Record<string, unknown>, files: Record<string, string>) => {
      await mkdir(path.join(root, dir), { recursive: true });
      await writeFile(path.join(root, dir, 'package.json'), JSON.stringify(manifest));
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(root, dir, name), text);
    };
    await writeFile(path.join(root, 'LICENSE'), 'MIT License\n\nCopyright (c) 2026 The feedpub authors\n');
    await pkg('node_modules/alpha', { name: 'alpha', version: '1.0.0', license: 'MIT' }, { LICENSE: 'MIT\r\nCopyright Alpha  \r\n', 'index.js': '' });
    await pkg(
      'node_modules/@scope/beta',
      { name: '@scope/beta', version: '3.1.0', license: 'Apache-2.0' },
      { LICENSE: apacheLicense('Beta Inc.'), NOTICE: 'Beta NOTICE text' },
    );
    await pkg('node_modules/gamma', { name: 'gamma', version: '0.2.0', license: 'Apache-2.0' }, { 'LICENSE.txt': apacheLicense('Gamma Ltd.') });
    await pkg('node_modules/gamma/node_modules/alpha', { name: 'alpha', version: '2.0.0', licenses: [{ type: 'MIT' }] }, { 'license.md': 'alpha two' });
    await pkg('node_modules/delta', { name: 'delta', version: '6.0.0', license: 'ISC', author: { name: 'Dee', email: 'd@example.org' } }, {});
    await pkg(
      'node_modules/odd',
      { name: 'odd', version: '1.0.0', license: 'Apache-2.0' },
      { LICENSE: 'Apache License\nVersion 2.0, January 2004\nother terms' },
    );
    const inputs = [
      'node_modules/gamma/node_modules/alpha/index.js',
      'node_modules/odd/a.js',
      'feedpub-stub:postcss',
      'node_modules/delta/lib/x.js',
      'src/own.ts',
      'node_modules/@scope/beta/dist-es/a.js',
      'node_modules/gamma/index.js',
      'node_modules/alpha/index.js',
      'node_modules/alpha/other.js',
    ];
    metafile = { inputs: Object.fromEntries(inputs.map((input) => [input, { bytes: 1, imports: [] }])) };
  });

  it('lists every package once per name and version, sorted, with its licence text or a note', () => {
    const text = notices({ root, metafile, bundle: 'dist/' });
    const list = text.slice(text.indexOf('Packages:'), text.indexOf('-'.repeat(78)));
    expect(list.trim().split('\n').slice(2)).toEqual([
      '  @scope/beta@3.1.0  Apache-2.0',
      '  alpha@1.0.0  MIT',
      '  alpha@2.0.0  MIT',
      '  delta@6.0.0  ISC',
      '  gamma@0.2.0  Apache-2.0',
      '  odd@1.0.0  Apache-2.0',
    ]);
    expect(text).toContain('Copyright (c) 2026 The feedpub authors');
    expect(section(text, 'alpha@1.0.0')).toContain('LICENSE:\n\nMIT\nCopyright Alpha\n');
    expect(section(text, 'alpha@2.0.0')).toContain('license.md:\n\nalpha two');
    expect(section(text, 'delta@6.0.0')).toContain('ships no licence file');
    expect(section(text, 'delta@6.0.0')).toContain('SPDX id (package.json "license"): ISC');
    expect(section(text, 'delta@6.0.0')).toContain('Author (package.json "author"): Dee <d@example.org>');
    expect(section(text, 'delta@6.0.0')).toContain('Copyright (c) Dee <d@example.org>\n\nPermission to use, copy, modify, and/or distribute');
    expect(section(text, 'delta@6.0.0')).toContain('appear in all copies.');
  });

  it('writes the Apache License once, each package keeping its copyright lines and NOTICE; other terms in full', () => {
    const text = notices({ root, metafile, bundle: 'dist/' });
    expect(text.split('TERMS AND CONDITIONS FOR USE')).toHaveLength(2);
    expect(text.endsWith(`${normalise(APACHE_TERMS)}\n`)).toBe(true);
    expect(section(text, '@scope/beta@3.1.0')).toContain('Copyright 2020 Beta Inc.');
    expect(section(text, '@scope/beta@3.1.0')).toContain('NOTICE:\n\nBeta NOTICE text');
    expect(section(text, '@scope/beta@3.1.0')).not.toContain('[yyyy]');
    expect(section(text, 'gamma@0.2.0')).toContain('Copyright 2020 Gamma Ltd.');
    expect(section(text, 'odd@1.0.0')).toContain('other terms');
  });

  it('gives the same bytes whatever the order of the inputs', () => {
    const reversed = { inputs: Object.fromEntries(Object.entries(metafile.inputs).reverse()) };
    expect(notices({ root, metafile: reversed, bundle: 'dist/' })).toBe(notices({ root, metafile, bundle: 'dist/' }));
  });
});

describe('scripts/third-party-notices.mjs on odd packages, bundled by esbuild', () => {
  /** A package of one module exporting `v_<name>`, with its package.json and `files`. */
  const pkg = async (root: string, dir: string, manifest: Record<string, unknown>, files: Record<string, string> = {}) => {
    await mkdir(path.join(root, dir), { recursive: true });
    await writeFile(path.join(root, dir, 'package.json'), JSON.stringify({ main: 'index.js', ...manifest }));
    await writeFile(path.join(root, dir, 'index.js'), `export const v_${String(manifest.name).replace(/\W/g, '_')} = 1;\n`);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, dir, file)), { recursive: true });
      await writeFile(path.join(root, dir, file), text);
    }
  };
  const bundle = async (root: string, names: readonly string[]) => {
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0' }));
    await writeFile(path.join(root, 'entry.js'), names.map((name) => `export * from '${name}';\n`).join(''));
    const { metafile } = await build({
      entryPoints: ['entry.js'],
      bundle: true,
      format: 'esm',
      write: false,
      metafile: true,
      absWorkingDir: root,
      logLevel: 'silent',
    });
    return () => notices({ root, metafile, bundle: 'x/' });
  };

  it('names a linked package (npm link, file:, a workspace: esbuild reports its real path) and finds every form of licence file', async () => {
    const root = await tempDir('feedpub-notices-odd-');
    await pkg(root, 'node_modules/symfile', { name: 'symfile', version: '1.0.0', license: 'MIT' }, { REAL: 'SYMLINKED LICENCE TEXT' });
    await symlink('REAL', path.join(root, 'node_modules/symfile/LICENSE'));
    await pkg(root, 'node_modules/seelic', { name: 'seelic', version: '1.0.0', license: 'SEE LICENSE IN EULA.txt' }, { 'EULA.txt': 'EULA TEXT' });
    await pkg(root, 'node_modules/mitlic', { name: 'mitlic', version: '1.0.0', license: 'MIT' }, { 'MIT-LICENSE': 'MIT-LICENSE TEXT', 'license.js': 'code' });
    await pkg(
      root,
      'node_modules/folder',
      { name: 'folder', version: '1.0.0', license: 'MIT AND BSD-3-Clause' },
      { 'licenses/MIT.txt': 'MIT TEXT', 'licenses/BSD.txt': 'BSD TEXT' },
    );
    // Its module is in a folder whose package.json names no package: the package is the one above.
    await pkg(
      root,
      'packages/linked',
      { name: 'linked', version: '3.0.0', license: 'GPL-3.0', main: 'dist/index.js' },
      { COPYING: 'GPL TEXT', 'dist/package.json': '{"type":"module"}', 'dist/index.js': 'export const linked = 1;\n' },
    );
    await symlink('../packages/linked', path.join(root, 'node_modules/linked'));
    const text = (await bundle(root, ['symfile', 'seelic', 'mitlic', 'folder', 'linked']))();
    const list = text.slice(text.indexOf('Packages:'), text.indexOf('-'.repeat(78)));
    expect(list.trim().split('\n').slice(2)).toEqual([
      '  folder@1.0.0  MIT AND BSD-3-Clause',
      '  linked@3.0.0  GPL-3.0',
      '  mitlic@1.0.0  MIT',
      '  seelic@1.0.0  SEE LICENSE IN EULA.txt',
      '  symfile@1.0.0  MIT',
    ]);
    expect(section(text, 'linked@3.0.0')).toContain('COPYING:\n\nGPL TEXT');
    expect(section(text, 'symfile@1.0.0')).toContain('LICENSE:\n\nSYMLINKED LICENCE TEXT');
    expect(section(text, 'seelic@1.0.0')).toContain('EULA.txt:\n\nEULA TEXT');
    expect(section(text, 'mitlic@1.0.0')).toContain('MIT-LICENSE:\n\nMIT-LICENSE TEXT');
    expect(section(text, 'mitlic@1.0.0')).not.toContain('license.js');
    expect(section(text, 'folder@1.0.0')).toContain('licenses/BSD.txt:\n\nBSD TEXT');
    expect(section(text, 'folder@1.0.0')).toContain('licenses/MIT.txt:\n\nMIT TEXT');
    expect(text).not.toContain('ships no licence file');
    expect(text).not.toContain('project@');
  });

  it('fails, naming the package, when one without a licence file has no standard licence by its SPDX id', async () => {
    const root = await tempDir('feedpub-notices-none-');
    await pkg(root, 'node_modules/plain', { name: 'plain', version: '1.0.0', license: '(MIT OR Apache-2.0)' });
    await pkg(root, 'node_modules/eula', { name: 'eula', version: '2.0.0', license: 'SEE LICENSE IN EULA.txt' });
    expect((await bundle(root, ['plain']))()).toContain('SPDX id (package.json "license"): (MIT OR Apache-2.0)');
    expect(await bundle(root, ['plain', 'eula'])).toThrow(/eula@2\.0\.0 .*ships no licence file.*SEE LICENSE IN EULA\.txt/);
    for (const license of ['UNLICENSED', 'Proprietary', 'MIT AND Custom-1.0']) {
      await pkg(root, 'node_modules/eula', { name: 'eula', version: '2.0.0', license });
      expect(await bundle(root, ['eula']), license).toThrow(/eula@2\.0\.0/);
    }
    await pkg(root, 'node_modules/eula', { name: 'eula', version: '2.0.0' });
    expect(await bundle(root, ['eula'])).toThrow(/eula@2\.0\.0 .*\(none given\)/);
  });
});

/** Each package folder with a file among the inputs (the last node_modules of the path), as name@version. */
async function packagesOf(metafile: Metafile): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match?.[1]) continue;
    const dir = path.resolve(REPO_ROOT, match[1]);
    const { name, version } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    found.set(`${name}@${version}`, dir);
  }
  return found;
}

describe('the notices of the real bundles', () => {
  const bundles = {
    lambda: () => ({ ...lambdaBuildOptions(REPO_ROOT), entryPoints: [path.join(REPO_ROOT, 'functions/publish.ts')] }),
    cli: () => cliBuildOptions(REPO_ROOT),
  };
  for (const [name, options] of Object.entries(bundles)) {
    it(`names every package of the ${name} bundle's metafile, each with its licence files' text or an explicit note`, async () => {
      const out = await tempDir(`feedpub-notices-${name}-`);
      const result = await build({ ...options(), outdir: out, write: false, metafile: true, logLevel: 'error' });
      const metafile = result.metafile as Metafile;
      const text = notices({ root: REPO_ROOT, metafile, bundle: 'dist/' });
      const packages = await packagesOf(metafile);
      expect(packages.size).toBeGreaterThan(20);
      for (const [id, dir] of packages) {
        const about = section(text, id);
        expect(about, id).toBeDefined();
        const files = (await readdir(dir)).filter((file) => /^(.*[-_.])?(licen[cs]e|copying)([-_.].*)?$/i.test(file) && !/\.([cm]?[jt]sx?|map)$/i.test(file));
        if (files.length === 0) {
          expect(about, id).toContain('ships no licence file');
          if (/^License: (ISC|MIT)$/m.test(about ?? '')) expect(about, id).toContain('permission notice');
          continue;
        }
        for (const file of files) {
          const licence = normalise(await readFile(path.join(dir, file), 'utf8'));
          if (/^License: Apache-2\.0$/m.test(about ?? '') && about?.includes('its text is at the end of this file')) {
            const terms = licence.slice(0, licence.indexOf('END OF TERMS AND CONDITIONS'));
            expect(text.replace(/\s+/g, ' '), id).toContain(terms.replace(/\s+/g, ' ').trim());
          } else expect(about, id).toContain(licence);
        }
      }
    }, 60_000);
  }
});

describe('scripts/bundle.mjs', () => {
  it('writes the notices beside the bundle, and every file it writes but meta.json is one serverless.yml ships', async () => {
    const out = await tempDir('feedpub-notices-bundle-');
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'scripts/bundle.mjs'), '--outdir', out, '--quiet'], { timeout: 60_000 });
    const files = (await readdir(out, { recursive: true })).filter((file) => !file.endsWith('chunks')).map((file) => file.split(path.sep).join('/'));
    expect(files).toContain('THIRD_PARTY_NOTICES.txt');
    expect(files.some((file) => file.endsWith('.LEGAL.txt'))).toBe(true);
    // serverless.yml's package patterns, applied in order as the framework does (a later `!` excludes).
    const yml = await readFile(path.join(REPO_ROOT, 'serverless.yml'), 'utf8');
    const block = /^package:\n(?:[ ].*\n)*?[ ]+patterns:\n((?:[ ]+(?:- .*|#.*)\n)+)/m.exec(yml)?.[1] ?? '';
    const patterns = [...block.matchAll(/^[ ]+- '?([^'\n]+)'?$/gm)].map((match) => match[1] as string);
    expect(patterns.length).toBeGreaterThan(2);
    // `**` any path, `*` any name within one folder.
    const toRegExp = (glob: string) =>
      new RegExp(
        `^${glob
          .split('**')
          .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('.*')}$`,
      );
    const shipped = (file: string) =>
      patterns.reduce((included, pattern) => {
        const negated = pattern.startsWith('!');
        return toRegExp(negated ? pattern.slice(1) : pattern).test(file) ? !negated : included;
      }, false);
    const notShipped = files.filter((file) => !shipped(`dist/lambda/${file}`));
    expect(notShipped).toEqual(['meta.json']);
  }, 90_000);
});
