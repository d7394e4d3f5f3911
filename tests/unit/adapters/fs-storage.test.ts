import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsStorage, processPlace } from '../../../src/adapters/fs-storage.js';
import { LinkOutsideError, ObjectTooLargeError, StorageError, UnreadableObjectError } from '../../../src/errors.js';
import type { Storage } from '../../../src/ports.js';
import { skipBecause } from '../../support/skip-because.js';

const decoder = new TextDecoder();

async function keys(storage: Storage, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const object of storage.list(prefix)) found.push(object.key);
  return found.sort();
}

/** The user (and group) root reads as in the permission tests: root itself may read anything. */
const NOBODY = 65534;

/**
 * Whether the user `nobody` may pass through every folder above `dir` (the tests below make `dir` and
 * its own folders open to all, then read as nobody when run as root). A private TMPDIR (mode 0700) shuts
 * it out: nothing below can be reached, whatever the modes there.
 */
async function othersMayReach(dir: string): Promise<boolean> {
  for (let above = path.dirname(await realpath(dir)); ; above = path.dirname(above)) {
    const { mode, uid, gid } = await stat(above);
    const bit = uid === NOBODY ? 0o100 : gid === NOBODY ? 0o010 : 0o001;
    if ((mode & bit) === 0) return false;
    if (path.dirname(above) === above) return true;
  }
}

/** The id of a process that has ended. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (pid === undefined) throw new Error('no process started');
  return pid;
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

  it('reads no file over maxBytes: its size comes from stat, and the read fails with ObjectTooLargeError', async () => {
    // Prepare: 3 GiB, sparse: reading it whole would fail (over Node's 2 GiB buffer) or take the memory.
    await storage.write(file('content/dump.md', '---\ntitle: dump\n---\n'));
    await truncate(path.join(root, 'content', 'dump.md'), 3 * 2 ** 30);
    await storage.write(file('content/fits.md', 'x'.repeat(4096)));
    // Act
    const failure = await storage.read('content/dump.md', { maxBytes: 5 * 2 ** 20 }).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(ObjectTooLargeError);
    expect((failure as ObjectTooLargeError).size).toBe(3 * 2 ** 30);
    expect((failure as ObjectTooLargeError).key).toBe('content/dump.md');
    expect(await storage.read('content/fits.md', { maxBytes: 4096 })).toHaveLength(4096);
  });

  it('reads a file it may not open (EACCES) as an UnreadableObjectError, that file only', async (ctx) => {
    // Prepare: one file no one may read; the folders open to all (as root, the test reads as nobody).
    await storage.write(file('content/locked.md', 'secret'));
    await storage.write(file('content/open.md', 'open'));
    await chmod(path.join(root, 'content', 'locked.md'), 0o000);
    for (const dir of [base, root, path.join(root, 'content')]) await chmod(dir, 0o755);
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !(await othersMayReach(base)))
      skipBecause(ctx, `run as root, it reads as nobody, who may not pass through ${path.dirname(base)}: give TMPDIR mode 0755`);
    // Act
    if (asRoot) process.seteuid?.(NOBODY);
    let failure: unknown;
    let open: Uint8Array | undefined;
    try {
      failure = await storage.read('content/locked.md').catch((error: unknown) => error);
      open = await storage.read('content/open.md');
    } finally {
      if (asRoot) process.seteuid?.(0);
    }
    // Assess
    expect(failure).toBeInstanceOf(UnreadableObjectError);
    expect((failure as UnreadableObjectError).reason).toBe('permission denied: this user may not read the file');
    expect(decoder.decode(open)).toBe('open');
  });

  it('names the folder it may not list (EACCES), not the prefix it was listing', async (ctx) => {
    // Prepare: a folder no one may read, below the one listed (as root, the test lists as nobody).
    await storage.write(file('content/en/blog/a.md'));
    await storage.write(file('content/en/news/b.md'));
    await chmod(path.join(root, 'content', 'en', 'blog'), 0o000);
    for (const dir of [base, root, path.join(root, 'content'), path.join(root, 'content', 'en'), path.join(root, 'content', 'en', 'news')]) {
      await chmod(dir, 0o755);
    }
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !(await othersMayReach(base)))
      skipBecause(ctx, `run as root, it lists as nobody, who may not pass through ${path.dirname(base)}: give TMPDIR mode 0755`);
    // Act
    if (asRoot) process.seteuid?.(NOBODY);
    let failure: unknown;
    try {
      failure = await keys(storage, 'content/en/').catch((error: unknown) => error);
    } finally {
      if (asRoot) process.seteuid?.(0);
      await chmod(path.join(root, 'content', 'en', 'blog'), 0o755);
    }
    // Assess
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).operation).toBe('list');
    expect((failure as StorageError).key).toBe('content/en/blog/');
    expect((failure as StorageError).cause).toMatchObject({ code: 'EACCES' });
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
    // A write into folders that do not exist yet under the link creates none of them outside.
    await expect(storage.write(file('linked-dir/new/deeper/planted.md'))).rejects.toBeInstanceOf(StorageError);
    await expect(storage.delete('linked-dir/secret.md')).rejects.toBeInstanceOf(StorageError);
    expect(await readdir(outside)).toEqual(['secret.md']);
    expect(storage.skippedLinks).toEqual([]);
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

  it('removes, when it lists, the temporary files killed writes left and the folders they alone kept', async () => {
    // Prepare: a build's files, and what writes killed half-way leave (a dead process's, and this one's
    // from a write not in flight: an earlier process with the same id), beside another process's write in flight.
    const sweeping = new FsStorage(root, { removeAbandoned: true });
    await sweeping.write(file('all/index.xml'));
    await sweeping.write(file('tags/go/index.xml'));
    const dead = deadPid();
    const live = process.ppid;
    const temp = (dir: string, pid: number, n: string) => path.join(root, ...dir.split('/').filter(Boolean), `.feedpub-tmp-${processPlace()}-${pid}-${n}`);
    await mkdir(path.join(root, 'tags', 'gone'));
    await mkdir(path.join(root, 'tags', 'deep', 'er'), { recursive: true });
    const abandoned = [
      temp('tags/gone', dead, '3'),
      temp('tags/deep/er', dead, '4'),
      temp('all', dead, '5'),
      temp('', process.pid, 'zz'),
      temp('all', live, 'old'),
    ];
    const kept = [temp('all', live, '1'), path.join(root, 'all', '.feedpub-tmp-not-a-write')];
    for (const each of [...abandoned, ...kept]) await writeFile(each, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(temp('all', live, 'old'), twoHoursAgo, twoHoursAgo);
    // Act
    const listed = await keys(sweeping, '');
    // Assess: the feeds listed as before; the abandoned files gone, and the folders that held only them.
    expect(listed).toEqual(['all/index.xml', 'tags/go/index.xml']);
    for (const each of abandoned) expect(existsSync(each), each).toBe(false);
    for (const each of kept) expect(existsSync(each), each).toBe(true);
    expect(await readdir(path.join(root, 'tags'))).toEqual(['go']);
    expect((await readdir(root)).sort()).toEqual(['all', 'tags']);
  });

  it('judges a temporary file by its process only when written in this place, else (or named by an earlier version) by its age', async () => {
    // Prepare: the place of another host or container (where a dead id here may be a live process, pid 1
    // in both), files of this place, and the names earlier versions wrote (no place), young and old.
    const here = processPlace();
    const elsewhere = here === '0123456789ab' ? 'ba9876543210' : '0123456789ab';
    const dead = deadPid();
    const named = (name: string) => path.join(root, 'all', `.feedpub-tmp-${name}`);
    const sweeping = new FsStorage(root, { removeAbandoned: true });
    await sweeping.write(file('all/index.xml'));
    const cases = {
      foreignDeadYoung: { file: named(`${elsewhere}-${dead}-1`), old: false, kept: true },
      foreignDeadOld: { file: named(`${elsewhere}-${dead}-2`), old: true, kept: false },
      foreignOwnPidYoung: { file: named(`${elsewhere}-${process.pid}-3`), old: false, kept: true },
      ownDeadYoung: { file: named(`${here}-${dead}-4`), old: false, kept: false },
      ownOwnPidNotInFlight: { file: named(`${here}-${process.pid}-zz`), old: false, kept: false },
      ownLiveYoung: { file: named(`${here}-${process.ppid}-5`), old: false, kept: true },
      earlierDeadYoung: { file: named(`${dead}-6`), old: false, kept: true },
      earlierOwnPidYoung: { file: named(`${process.pid}-7`), old: false, kept: true },
      earlierDeadOld: { file: named(`${dead}-8`), old: true, kept: false },
    };
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const each of Object.values(cases)) {
      await writeFile(each.file, 'half');
      if (each.old) await utimes(each.file, twoHoursAgo, twoHoursAgo);
    }
    // Act
    const listed = await keys(sweeping, 'all/');
    // Assess: no temporary file listed, whichever its name; each kept or removed by its rule.
    expect(listed).toEqual(['all/index.xml']);
    const left = Object.fromEntries(Object.entries(cases).map(([name, each]) => [name, existsSync(each.file)]));
    expect(left).toEqual(Object.fromEntries(Object.entries(cases).map(([name, each]) => [name, each.kept])));
  });

  it('names its temporary files by this place and process, and a listing leaves one of its writes in flight alone', async () => {
    // Prepare: a file a killed write of this place left, and a write whose body, read once its temporary
    // file is open, lists the folder (a listing sweeps a folder before it yields its first key).
    const sweeping = new FsStorage(root, { removeAbandoned: true });
    const killed = path.join(root, 'all', `.feedpub-tmp-${processPlace()}-${deadPid()}-0`);
    await mkdir(path.dirname(killed));
    await writeFile(killed, 'half');
    let during: { names: string[]; own: string; killedLeft: boolean; ownLeft: boolean; listing: Promise<string[]> } | undefined;
    const request = {
      ...file('all/index.xml'),
      get body() {
        const names = readdirSync(path.join(root, 'all'));
        const own = names.find((name) => name !== path.basename(killed)) ?? '';
        const listing = keys(sweeping, 'all/');
        during = { names, own, killedLeft: existsSync(killed), ownLeft: existsSync(path.join(root, 'all', own)), listing };
        return 'written';
      },
    };
    // Act
    await sweeping.write(request);
    // Assess: the write's own file named by this place and process, kept; the killed one removed; the feed written.
    expect(during?.names).toHaveLength(2);
    expect(during?.own).toMatch(new RegExp(`^\\.feedpub-tmp-${processPlace()}-${process.pid}-[0-9a-z]+$`));
    expect([during?.killedLeft, during?.ownLeft]).toEqual([false, true]);
    expect(await during?.listing).toEqual([]);
    expect(await readdir(path.join(root, 'all'))).toEqual(['index.xml']);
  });

  it('removes them from the folders above the one it lists (a state folder head), and only with removeAbandoned', async () => {
    // Prepare: a shard, and a killed write of the head at the root and of a shard in an otherwise empty folder.
    await storage.write(file('manifest/articles-0.json.gz'));
    const dead = deadPid();
    const here = processPlace();
    const atRoot = path.join(root, `.feedpub-tmp-${here}-${dead}-1`);
    const beside = path.join(root, 'manifest', `.feedpub-tmp-${here}-${dead}-2`);
    const alone = path.join(root, 'other', 'deeper', `.feedpub-tmp-${here}-${dead}-3`);
    await mkdir(path.dirname(alone), { recursive: true });
    for (const each of [atRoot, beside, alone]) await writeFile(each, 'half');
    // Act: without the option, nothing goes.
    expect(await keys(storage, 'manifest/')).toEqual(['manifest/articles-0.json.gz']);
    expect([atRoot, beside, alone].map((each) => existsSync(each))).toEqual([true, true, true]);
    const sweeping = new FsStorage(root, { removeAbandoned: true });
    expect(await keys(sweeping, 'manifest/')).toEqual(['manifest/articles-0.json.gz']);
    expect(await keys(sweeping, 'other/deeper/')).toEqual([]);
    // Assess: the root's and the folder's own; a folder emptied, and the one above it.
    expect([atRoot, beside].map((each) => existsSync(each))).toEqual([false, false]);
    expect((await readdir(root)).sort()).toEqual(['manifest']);
  });

  it('blames the folder for a temporary file it may not create there, never that file (EACCES)', async (ctx) => {
    // Prepare: a folder no one may write in (as root, the test writes as nobody).
    await storage.write(file('all/index.xml'));
    for (const dir of [base, root]) await chmod(dir, 0o755);
    await chmod(path.join(root, 'all'), 0o555);
    const asRoot = process.getuid?.() === 0;
    if (asRoot && !(await othersMayReach(base)))
      skipBecause(ctx, `run as root, it writes as nobody, who may not pass through ${path.dirname(base)}: give TMPDIR mode 0755`);
    // Act
    if (asRoot) process.seteuid?.(NOBODY);
    let failure: unknown;
    try {
      failure = await storage.write(file('all/index.xml', 'new')).catch((error: unknown) => error);
    } finally {
      if (asRoot) process.seteuid?.(0);
    }
    // Assess
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).cause).toMatchObject({ code: 'EACCES', path: path.join(root, 'all') });
  });

  it('wraps filesystem failures in StorageError with the cause', async () => {
    await storage.write(file('a.xml'));
    const error = await storage.write(file('a.xml/child.xml')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).operation).toBe('write');
    expect((error as StorageError).cause).toMatchObject({ code: expect.stringMatching(/EEXIST|ENOTDIR/) });
  });
});

describe('FsStorage with followLinks (a site folder)', () => {
  let base: string;
  let root: string;
  let site: FsStorage;
  /** Writes a file (creating its folders) under `base`. */
  const put = async (relative: string, text = `text of ${relative}`) => {
    await mkdir(path.dirname(path.join(base, relative)), { recursive: true });
    await writeFile(path.join(base, relative), text);
  };
  const link = (target: string, relative: string) => symlink(target, path.join(root, relative));
  const text = async (storage: Storage, key: string) => decoder.decode(await storage.read(key));
  beforeEach(async () => {
    // Prepare: the audit's site: content/news has a file link and a folder link into content/other.
    base = await mkdtemp(path.join(tmpdir(), 'feedpub-fs-links-'));
    root = path.join(base, 'root');
    await put('root/content/news/real.md');
    await put('root/content/other/t.md', 'tt');
    await put('root/content/other/u.md');
    await put('outside/secret.md', 'secret');
    await link('../other/t.md', 'content/news/link.md');
    await link('../other', 'content/news/ld');
    site = new FsStorage(root, { followLinks: true });
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it("lists and reads a file link and a folder link inside the root under the link's keys", async () => {
    // Act
    const listed = new Map<string, { size?: number; version?: string }>();
    for await (const object of site.list('content/')) listed.set(object.key, object);
    // Assess: the link's own keys (the URL Hugo gives), beside the files they lead to.
    expect([...listed.keys()].sort()).toEqual([
      'content/news/ld/t.md',
      'content/news/ld/u.md',
      'content/news/link.md',
      'content/news/real.md',
      'content/other/t.md',
      'content/other/u.md',
    ]);
    // The size and version of the file it leads to.
    expect(listed.get('content/news/link.md')).toEqual({ ...listed.get('content/other/t.md'), key: 'content/news/link.md' });
    expect(listed.get('content/news/link.md')?.size).toBe(2);
    expect(await text(site, 'content/news/link.md')).toBe('tt');
    expect(await text(site, 'content/news/ld/t.md')).toBe('tt');
    expect(await keys(new FsStorage(root, { followLinks: true, details: false }), 'content/news/l')).toEqual([
      'content/news/ld/t.md',
      'content/news/ld/u.md',
      'content/news/link.md',
    ]);
    expect(site.skippedLinks).toEqual([]);
  });

  it('never follows a link out of the root or a broken one, and reports each once with its key', async () => {
    // Prepare
    await link(path.join(base, 'outside/secret.md'), 'content/news/out.md');
    await link(path.join(base, 'outside'), 'content/news/outdir');
    await link('../nowhere.md', 'content/news/broken.md');
    await link('loop-b.md', 'content/news/loop-a.md');
    await link('loop-a.md', 'content/news/loop-b.md');
    // Act
    const listed = await keys(site, 'content/');
    await keys(site, 'content/news/'); // a second listing reports nothing twice
    // Assess
    expect(listed.filter((key) => key.startsWith('content/news/'))).toEqual([
      'content/news/ld/t.md',
      'content/news/ld/u.md',
      'content/news/link.md',
      'content/news/real.md',
    ]);
    expect(site.skippedLinks).toEqual([
      { key: 'content/news/broken.md', reason: 'broken' },
      { key: 'content/news/loop-a.md', reason: 'broken' },
      { key: 'content/news/loop-b.md', reason: 'broken' },
      { key: 'content/news/out.md', reason: 'outside', target: path.join(base, 'outside/secret.md') },
      { key: 'content/news/outdir', reason: 'outside', target: path.join(base, 'outside') },
    ]);
    await expect(site.read('content/news/out.md')).rejects.toBeInstanceOf(StorageError);
    await expect(site.read('content/news/outdir/secret.md')).rejects.toBeInstanceOf(StorageError);
    expect(await site.read('content/news/broken.md')).toBeUndefined();
    expect(await site.read('content/news/loop-a.md')).toBeUndefined();
    // A prefix that names a folder through a link out of the root (a content folder: all its pages would be
    // left out) is an error naming the link, where it leads, and the folder under it.
    await put('outside/sub/x.md', 'x');
    const error = await keys(site, 'content/news/outdir/sub/').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LinkOutsideError);
    expect(error).toMatchObject({
      folder: 'content/news/outdir/sub',
      link: 'content/news/outdir',
      target: path.join(base, 'outside'),
      file: 'content/news/outdir',
    });
    // Without followLinks (an output folder), such a listing lists nothing, as before.
    expect(await keys(new FsStorage(root), 'content/news/outdir/')).toEqual([]);
    // A folder missing behind such a link is named too (its language would publish nothing, said nowhere).
    await expect(keys(site, 'content/news/outdir/gone/')).rejects.toMatchObject({ link: 'content/news/outdir', folder: 'content/news/outdir/gone' });
    // The link named is the one that leads out, not a link inside the root on the way to it.
    await link('../other', 'content/news/inlink');
    await link(path.join(base, 'outside'), 'content/other/outx');
    const deeper = await keys(site, 'content/news/inlink/outx/sub/').catch((caught: unknown) => caught);
    expect(deeper).toMatchObject({ name: 'LinkOutsideError', link: 'content/news/inlink/outx', target: path.join(base, 'outside') });
  });

  it('re-checks a link when reading: one changed to lead out of the root after the listing is never followed', async () => {
    // Prepare: list, and read once through the file link and through the folder link (not its second file).
    await put('root/content/other/u.md', 'uu');
    expect(await keys(site, 'content/news/')).toEqual(expect.arrayContaining(['content/news/ld/t.md', 'content/news/ld/u.md']));
    expect(await text(site, 'content/news/ld/t.md')).toBe('tt');
    expect(await text(site, 'content/news/link.md')).toBe('tt');
    await put('outside/t.md', 'secret');
    await put('outside/u.md', 'secret');
    // Act: both links now lead out of the root.
    await rm(path.join(root, 'content/news/ld'));
    await rm(path.join(root, 'content/news/link.md'));
    await link(path.join(base, 'outside'), 'content/news/ld');
    await link(path.join(base, 'outside/t.md'), 'content/news/link.md');
    // Assess: the file link is refused; the folder link's files are read in the real folder checked at its
    // first read (inside the root), never through the changed link.
    const error = await site.read('content/news/link.md').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).message).toBe('storage read content/news/link.md failed: key resolves outside the storage root');
    expect(await text(site, 'content/news/ld/u.md')).toBe('uu');
    // A fresh storage (the next run) checks the folder again and refuses it.
    const fresh = new FsStorage(root, { followLinks: true });
    const refused = await fresh.read('content/news/ld/t.md').catch((caught: unknown) => caught);
    expect((refused as StorageError).message).toBe('storage read content/news/ld/t.md failed: key resolves outside the storage root');
  });

  it('ends on a link to a folder that holds it, and lists a folder through its first link only, as Hugo 0.111', async () => {
    // Prepare: a link to the content folder (an ancestor) and one to its own folder; content/b, content/a/l and
    // content/news/ld2 lead to content/other as content/news/ld does (Hugo claims a folder's links in name
    // order before it walks any of its folders, so content/b, claimed with the content folder, wins).
    await link('..', 'content/news/cyc');
    await link('.', 'content/news/self');
    await link('../other', 'content/news/ld2');
    await put('root/content/a/x.md');
    await link('../other', 'content/a/l');
    await link('other', 'content/b');
    // Act
    const listed = await keys(site, 'content/');
    // Assess: the pages Hugo 0.111 publishes for this folder (checked with `hugo`): a/x b/t b/u
    // news/cyc/a/x news/cyc/news/link news/cyc/news/real news/cyc/other/t news/cyc/other/u news/link
    // news/real news/self/link news/self/real other/t other/u.
    expect(listed).toEqual([
      'content/a/x.md',
      'content/b/t.md',
      'content/b/u.md',
      'content/news/cyc/a/x.md',
      'content/news/cyc/news/link.md',
      'content/news/cyc/news/real.md',
      'content/news/cyc/other/t.md',
      'content/news/cyc/other/u.md',
      'content/news/link.md',
      'content/news/real.md',
      'content/news/self/link.md',
      'content/news/self/real.md',
      'content/other/t.md',
      'content/other/u.md',
    ]);
    // Each link once (not again for each copy of its folder), under its shortest key.
    expect(site.skippedLinks).toEqual([
      { key: 'content/a/l', reason: 'repeat', via: 'content/b' },
      { key: 'content/news/cyc/news/cyc', reason: 'loop', via: 'content/news/cyc' },
      { key: 'content/news/ld', reason: 'repeat', via: 'content/b' },
      { key: 'content/news/ld2', reason: 'repeat', via: 'content/b' },
      { key: 'content/news/self/self', reason: 'loop', via: 'content/news/self' },
    ]);
  });

  it('still writes through no link out of the root, and lists only links inside it', async () => {
    // Prepare
    await link(path.join(base, 'outside'), 'content/planted');
    // Act + Assess
    await expect(site.write(file('content/planted/x.md'))).rejects.toBeInstanceOf(StorageError);
    await expect(site.delete('content/planted/secret.md')).rejects.toBeInstanceOf(StorageError);
    expect(await readdir(path.join(base, 'outside'))).toEqual(['secret.md']);
    // A file link is replaced by a write, never written through.
    await site.write(file('content/news/link.md', 'new'));
    expect(await readFile(path.join(root, 'content/other/t.md'), 'utf8')).toBe('tt');
  });

  it('follows nothing without followLinks (output folders), as before', async () => {
    const output = new FsStorage(root);
    expect(await keys(output, 'content/')).toEqual(['content/news/real.md', 'content/other/t.md', 'content/other/u.md']);
    await expect(output.read('content/news/link.md')).rejects.toBeInstanceOf(StorageError);
    expect(output.skippedLinks).toEqual([]);
  });
});
