import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsStorage } from '../../../src/adapters/fs-storage.js';
import { StorageError } from '../../../src/errors.js';
import type { Storage } from '../../../src/ports.js';

const decoder = new TextDecoder();

async function keys(storage: Storage, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of storage.list(prefix)) found.push(object.key);
  return found.sort();
}

function file(key: string, body: string | Uint8Array = `body of ${key}`) {
  return { key, body, contentType: 'application/rss+xml', cacheControl: 'max-age=60' };
}

describe('FsStorage', () => {
  let base: string;
  let root: string;
  let storage: FsStorage;
  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'feedpub-fs-'));
    root = path.join(base, 'root');
    await mkdir(root);
    storage = new FsStorage(root);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes into new folders and reads back the same bytes', async () => {
    await storage.write(file('tags/中文 tag/index.xml', 'héllo ✓'));
    expect(await readFile(path.join(root, 'tags', '中文 tag', 'index.xml'), 'utf8')).toBe('héllo ✓');
    expect(decoder.decode(await storage.read('tags/中文 tag/index.xml'))).toBe('héllo ✓');
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await storage.write(file('raw.bin', bytes));
    expect(await storage.read('raw.bin')).toEqual(bytes);
  });

  it('replaces a file atomically and leaves no temporary file behind', async () => {
    await storage.write(file('index.xml', 'old'));
    await storage.write(file('index.xml', 'new'));
    expect(await readdir(root)).toEqual(['index.xml']);
    expect(decoder.decode(await storage.read('index.xml'))).toBe('new');
  });

  it('survives concurrent writes and deletes in the same folders', async () => {
    const writes = Array.from({ length: 20 }, (_, i) => storage.write(file(`a/b/${i}.xml`)));
    const deletes = Array.from({ length: 20 }, (_, i) => storage.delete(`a/b/gone-${i}.xml`));
    await Promise.all([...writes, ...deletes]);
    expect(await keys(storage, '')).toHaveLength(20);
  });

  it('returns undefined for a missing file, and under a path that is a file', async () => {
    await storage.write(file('a.xml'));
    expect(await storage.read('missing.xml')).toBeUndefined();
    expect(await storage.read('a.xml/below')).toBeUndefined();
  });

  it('lists recursively with posix keys relative to the root, filtered by prefix, with sizes', async () => {
    await storage.write(file('content/posts/a.md', 'aaaa'));
    await storage.write(file('content/posts/deep/b.md'));
    await storage.write(file('content/other.md'));
    await storage.write(file('contents.md'));
    await storage.write(file('hugo.toml'));
    expect(await keys(storage, '')).toEqual(['content/other.md', 'content/posts/a.md', 'content/posts/deep/b.md', 'contents.md', 'hugo.toml']);
    expect(await keys(storage, 'content/')).toEqual(['content/other.md', 'content/posts/a.md', 'content/posts/deep/b.md']);
    expect(await keys(storage, 'content')).toEqual(['content/other.md', 'content/posts/a.md', 'content/posts/deep/b.md', 'contents.md']);
    expect(await keys(storage, 'content/posts/de')).toEqual(['content/posts/deep/b.md']);
    expect(await keys(storage, 'nothing/here/')).toEqual([]);
    const sizes = new Map<string, number | undefined>();
    for await (const object of storage.list('content/posts/a')) sizes.set(object.key, object.size);
    expect(sizes).toEqual(new Map([['content/posts/a.md', 4]]));
  });

  it('lists the same keys without size or version when asked for keys only (details: false)', async () => {
    // Arrange
    await storage.write(file('content/posts/a.md', 'aaaa'));
    await storage.write(file('content/posts/deep/b.md'));
    await storage.write(file('hugo.toml'));
    const keysOnly = new FsStorage(root, { details: false });
    // Act
    const listed = [];
    for await (const object of keysOnly.list('')) listed.push(object);
    // Assert
    expect(listed.map((o) => o.key).sort()).toEqual(await keys(storage, ''));
    expect(listed.every((o) => o.size === undefined && o.version === undefined)).toBe(true);
  });

  it('lists a version that changes when a file is rewritten, even with the same size', async () => {
    await storage.write(file('a.xml', 'one'));
    await storage.write(file('b.xml', 'two'));
    const versions = async () => {
      const found = new Map<string, string | undefined>();
      for await (const object of storage.list('')) found.set(object.key, object.version);
      return found;
    };
    const before = await versions();
    expect(await versions()).toEqual(before);
    await storage.write(file('a.xml', 'ONE'));
    const after = await versions();
    expect(after.get('a.xml')).toBeDefined();
    expect(after.get('a.xml')).not.toBe(before.get('a.xml'));
    expect(after.get('b.xml')).toBe(before.get('b.xml'));
  });

  it('lists nothing (and fails nothing) when the root does not exist', async () => {
    expect(await keys(new FsStorage(path.join(base, 'absent')), '')).toEqual([]);
  });

  it('never follows symbolic links out of the root', async () => {
    // Prepare: a secret outside the root, reachable through a folder link and a file link.
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.md'), 'secret');
    await symlink(outside, path.join(root, 'linked-dir'));
    await symlink(path.join(outside, 'secret.md'), path.join(root, 'linked.md'));
    await storage.write(file('real.md'));
    // Act + Assess
    expect(await keys(storage, '')).toEqual(['real.md']);
    await expect(storage.read('linked-dir/secret.md')).rejects.toBeInstanceOf(StorageError);
    await expect(storage.read('linked.md')).rejects.toBeInstanceOf(StorageError);
    await expect(storage.write(file('linked-dir/planted.md'))).rejects.toBeInstanceOf(StorageError);
    await expect(storage.delete('linked-dir/secret.md')).rejects.toBeInstanceOf(StorageError);
    expect(await readdir(outside)).toEqual(['secret.md']);
  });

  it.each([
    ['..', 'parent'],
    ['../outside.xml', 'parent'],
    ['a/../../outside.xml', 'nested parent'],
    ['/etc/passwd', 'absolute'],
    ['C:/Windows/x', 'drive letter'],
    ['a\\..\\..\\x', 'backslash'],
    ['a\0b', 'NUL'],
    ['', 'empty'],
    ['a//b', 'empty segment'],
    ['./a', 'dot segment'],
  ])('rejects the key %j (%s) in every operation', async (key) => {
    for (const run of [() => storage.read(key), () => storage.write(file(key)), () => storage.delete(key)]) {
      const error = await run().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).key).toBe(key);
    }
    expect(await readdir(base)).toEqual(['root']);
  });

  it('rejects list prefixes that leave the root', async () => {
    await expect(keys(storage, '../')).rejects.toBeInstanceOf(StorageError);
    await expect(keys(storage, '/etc/')).rejects.toBeInstanceOf(StorageError);
  });

  it('deletes, removes the folders left empty, keeps the root, and ignores missing files', async () => {
    await storage.write(file('tags/go/index.xml'));
    await storage.write(file('tags/rust/index.xml'));
    await storage.delete('tags/go/index.xml');
    expect(await readdir(path.join(root, 'tags'))).toEqual(['rust']);
    await storage.delete('tags/rust/index.xml');
    expect(await readdir(root)).toEqual([]);
    await expect(storage.delete('tags/rust/index.xml')).resolves.toBeUndefined();
  });

  it('wraps filesystem failures in StorageError with the cause', async () => {
    await storage.write(file('a.xml'));
    const error = await storage.write(file('a.xml/child.xml')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).operation).toBe('write');
    expect((error as StorageError).cause).toMatchObject({ code: expect.stringMatching(/EEXIST|ENOTDIR/) });
  });
});
