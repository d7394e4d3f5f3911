import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FsStorage } from '../../../src/adapters/fs-storage.js';
import { StorageError } from '../../../src/errors.js';

// Counts the real-path look-ups the adapter makes: each one reads every folder on the way.
const looks = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const native = (file: string) => {
    looks.count++;
    return fs.realpathSync.native(file);
  };
  return { ...fs, realpathSync: Object.assign((file: string) => fs.realpathSync(file), { native }) };
});

const DEPTH = 60;
const decoder = new TextDecoder();
/** The keys of the folders nested in one another, `d0`, `d0/d1`, …, DEPTH of them. */
const folders = Array.from({ length: DEPTH }, (_, d) => Array.from({ length: d + 1 }, (_, k) => `d${k}`).join('/'));

describe('FsStorage in deeply nested folders', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'feedpub-fs-depth-'));
    looks.count = 0;
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes a file in each of 60 nested folders with a few real-path look-ups, not one a folder', async () => {
    // Prepare
    const output = new FsStorage(path.join(base, 'out'));
    // Act
    for (const folder of folders) await output.write({ key: `${folder}/index.xml`, body: folder, contentType: 'application/xml', cacheControl: 'max-age=60' });
    // Assess: every file is there, and the folders were checked from their parents (a look-up each was 60+)
    expect(decoder.decode(await output.read(`${folders.at(-1)}/index.xml`))).toBe(folders.at(-1));
    expect(looks.count).toBeLessThanOrEqual(4);
  });

  it('reads a file in each of 60 nested folders of a site with a few real-path look-ups, and still no link out', async () => {
    // Prepare: a page in each folder, and a folder link out of the root half way down
    const root = path.join(base, 'site');
    for (const folder of folders) {
      await mkdir(path.join(root, folder), { recursive: true });
      await writeFile(path.join(root, folder, 'p.md'), folder);
    }
    await mkdir(path.join(base, 'outside'));
    await writeFile(path.join(base, 'outside', 'p.md'), 'secret');
    await symlink(path.join(base, 'outside'), path.join(root, folders[29] as string, 'away'));
    const site = new FsStorage(root, { followLinks: true });
    // Act
    const texts = [];
    for (const folder of folders) texts.push(decoder.decode(await site.read(`${folder}/p.md`)));
    const looked = looks.count;
    // Assess
    expect(texts).toEqual(folders);
    expect(looked).toBeLessThanOrEqual(4);
    await expect(site.read(`${folders[29]}/away/p.md`)).rejects.toBeInstanceOf(StorageError);
    await expect(
      new FsStorage(root).write({ key: `${folders[29]}/away/x.md`, body: 'x', contentType: 'text/markdown', cacheControl: 'max-age=60' }),
    ).rejects.toBeInstanceOf(StorageError);
    expect(await readdir(path.join(base, 'outside'))).toEqual(['p.md']);
  });
});
