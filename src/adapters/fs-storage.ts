import {
  type BigIntStats,
  closeSync,
  type Dirent,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { realpath, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../errors.js';
import type { Storage, StoredObject, WriteRequest } from '../ports.js';

/** Marks the temporary files of in-flight writes; `list` never shows them. */
const TEMP_MARK = '.feedpub-tmp-';
/** Numbers this process's temporary files. */
let nextTemp = 0;

/**
 * {@link Storage} on a local folder: keys are posix paths relative to `root`.
 *
 * Every key is checked to stay inside the root: empty keys, absolute paths, `..` and `.` segments,
 * empty segments, backslashes and NUL are rejected with a {@link StorageError}, and so is a key that
 * resolves through a symbolic link to somewhere outside the root. `list` walks the tree without
 * following symbolic links; an object's `version` is its size, mtime (ns) and inode. `write`
 * creates the folders and replaces the file atomically (a temporary file in the same folder, then
 * `rename`); content type and cache control are not stored. `delete`
 * removes folders it leaves empty (never the root).
 *
 * @example
 * const out = new FsStorage('public');
 * await out.write({ key: 'tags/go/index.xml', body: xml, contentType: 'application/rss+xml', cacheControl: '' });
 */
export class FsStorage implements Storage {
  readonly #root: string;
  readonly #details: boolean;
  #realRoot: Promise<string> | undefined;
  /** Folders already found to exist inside the root. */
  readonly #verified = new Set<string>();

  /**
   * `details: false`: `list` gives keys only, without size and version, for a caller with no earlier run
   * to compare against (a build without `--state`): the `lstat` of every file was two thirds of walking a
   * 100,000-article site (0.94 s with it, 0.35 s without).
   */
  constructor(root: string, options: { readonly details?: boolean } = {}) {
    this.#root = path.resolve(root);
    this.#details = options.details ?? true;
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    // Start at the deepest folder the prefix names; the rest of the prefix filters names.
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash < 0 ? '' : prefix.slice(0, slash);
    if (dirKey !== '') this.#check(dirKey, 'list');
    if (prefix.includes('\0')) throw new StorageError('list', prefix, { cause: new Error('NUL in prefix') });
    try {
      yield* this.#walk(dirKey, prefix);
    } catch (error) {
      if (error instanceof StorageError) throw error;
      throw new StorageError('list', prefix, { cause: error });
    }
  }

  /**
   * The files under `dirKey` whose keys start with `prefix`, depth first, each folder's entries by name.
   * Synchronous, as `read`: a folder of a site is read in microseconds, and an asynchronous `readdir` (a
   * thread-pool round trip for each of a built site's ~1,600 feed folders) and a chain of async
   * generators, one per folder level, made listing 10,000 articles and 4,730 feed files take
   * ~140 ms each.
   */
  *#walk(dirKey: string, prefix: string): Generator<StoredObject> {
    const dir = dirKey === '' ? this.#root : path.join(this.#root, ...dirKey.split('/'));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
      throw error;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isSymbolicLink() || entry.name.startsWith(TEMP_MARK)) continue;
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) {
        // Descend only where keys below can still match the prefix.
        if (prefix.startsWith(`${key}/`) || `${key}/`.startsWith(prefix)) yield* this.#walk(key, prefix);
      } else if (entry.isFile() && key.startsWith(prefix)) {
        if (!this.#details) {
          yield { key };
          continue;
        }
        const stats = lstatSync(path.join(dir, entry.name), { bigint: true });
        yield { key, size: Number(stats.size), version: versionOf(stats) };
      }
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const file = this.#check(key, 'read');
    try {
      await this.#assertDirInsideRoot(path.dirname(file), key, 'read');
      // O_NOFOLLOW: the file itself must not be a symbolic link (its folder was checked above).
      // Synchronous on purpose: one small file is microseconds, and a build reads thousands; the
      // thread-pool round trips of the async API cost more than the reads themselves.
      const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
      let bytes: Buffer;
      try {
        bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      if (error instanceof StorageError) throw error;
      if (isCode(error, 'ELOOP')) throw new StorageError('read', key, { cause: new Error('key is a symbolic link') });
      throw new StorageError('read', key, { cause: error });
    }
  }

  async write(request: WriteRequest): Promise<string> {
    const file = this.#check(request.key, 'write');
    const dir = path.dirname(file);
    let temp: string | undefined;
    try {
      let fd: number | undefined;
      for (let attempt = 1; fd === undefined; attempt += 1) {
        // Synchronous too: a build creates a folder per feed, and the async call took ~80 µs a folder, this ~10.
        if (attempt > 1 || !this.#verified.has(dir)) mkdirSync(dir, { recursive: true });
        await this.#assertDirInsideRoot(dir, request.key, 'write');
        // Unique by this process's id and a counter; `wx` refuses a name that is taken all the same.
        temp = path.join(dir, `${TEMP_MARK}${process.pid}-${(nextTemp++).toString(36)}`);
        try {
          fd = openSync(temp, 'wx');
        } catch (error) {
          // A concurrent delete may have removed the (then empty) folder: create it again. A temporary
          // file a dead process with the same id left behind: take the next name.
          temp = undefined;
          if (attempt > 2 || !(isCode(error, 'ENOENT') || isCode(error, 'EEXIST'))) throw error;
          if (isCode(error, 'ENOENT')) this.#verified.delete(dir);
        }
      }
      let stats: BigIntStats;
      try {
        // Synchronous, as `read` is: the thread pool's round trips cost more than the writes.
        writeFileSync(fd, request.body);
        // A rename keeps the inode and the modification time: this is the published file's token.
        stats = fstatSync(fd, { bigint: true });
      } finally {
        closeSync(fd);
      }
      renameSync(temp as string, file);
      return versionOf(stats);
    } catch (error) {
      if (temp !== undefined) await rm(temp, { force: true }).catch(() => {});
      if (error instanceof StorageError) throw error;
      throw new StorageError('write', request.key, { cause: error });
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.#check(key, 'delete');
    try {
      await this.#assertDirInsideRoot(path.dirname(file), key, 'delete');
      await rm(file);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return;
      if (error instanceof StorageError) throw error;
      throw new StorageError('delete', key, { cause: error });
    }
    // Tidy up folders the delete left empty, up to (never including) the root.
    for (let dir = path.dirname(file); dir !== this.#root; dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
        this.#verified.delete(dir);
      } catch {
        break;
      }
    }
  }

  /** The absolute path of a key, or a StorageError when the key could leave the root. */
  #check(key: string, operation: string): string {
    const reason = keyProblem(key);
    if (reason !== undefined) throw new StorageError(operation, key, { cause: new Error(reason) });
    return path.join(this.#root, ...key.split('/'));
  }

  /**
   * Rejects folders that resolve (through symbolic links) outside the root. A folder found inside is
   * remembered for the life of this storage, so a build checks each folder once, not every file.
   */
  async #assertDirInsideRoot(dir: string, key: string, operation: string): Promise<void> {
    if (this.#verified.has(dir)) return;
    if (await this.#assertInsideRoot(dir, key, operation)) this.#verified.add(dir);
  }

  /** Rejects paths that resolve (through symbolic links) outside the root. */
  async #assertInsideRoot(target: string, key: string, operation: string): Promise<boolean> {
    this.#realRoot ??= realpath(this.#root).catch(() => this.#root); // once per storage
    const root = await this.#realRoot;
    let real: string;
    try {
      real = realpathSync.native(target);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return false; // nothing there to escape through
      throw error;
    }
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new StorageError(operation, key, { cause: new Error('key resolves outside the storage root') });
    }
    return true;
  }
}

/** A file's change token: size, modification time (ns) and inode. */
function versionOf(stats: { size: bigint; mtimeNs: bigint; ino: bigint }): string {
  return `${stats.size}-${stats.mtimeNs}-${stats.ino}`;
}

/** Why a key is not a safe relative posix path, or undefined when it is. */
function keyProblem(key: string): string | undefined {
  if (key === '') return 'empty key';
  if (key.includes('\0')) return 'NUL in key';
  if (key.includes('\\')) return 'backslash in key';
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return 'absolute key';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty path segment';
    if (segment === '.' || segment === '..') return `"${segment}" segment`;
  }
  return undefined;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
