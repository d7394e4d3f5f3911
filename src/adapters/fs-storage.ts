import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../errors.js';
import type { Storage, StoredObject, WriteRequest } from '../ports.js';

/** Marks the temporary files of in-flight writes; `list` never shows them. */
const TEMP_MARK = '.feedpub-tmp-';

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
  #realRoot: Promise<string> | undefined;

  constructor(root: string) {
    this.#root = path.resolve(root);
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

  async *#walk(dirKey: string, prefix: string): AsyncGenerator<StoredObject> {
    const dir = dirKey === '' ? this.#root : path.join(this.#root, ...dirKey.split('/'));
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
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
        const stats = await lstat(path.join(dir, entry.name), { bigint: true });
        yield { key, size: Number(stats.size), version: `${stats.size}-${stats.mtimeNs}-${stats.ino}` };
      }
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const file = this.#check(key, 'read');
    try {
      await this.#assertInsideRoot(file, key, 'read');
      const bytes = await readFile(file);
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      if (error instanceof StorageError) throw error;
      throw new StorageError('read', key, { cause: error });
    }
  }

  async write(request: WriteRequest): Promise<void> {
    const file = this.#check(request.key, 'write');
    const dir = path.dirname(file);
    const temp = path.join(dir, `${TEMP_MARK}${randomBytes(6).toString('hex')}`);
    try {
      for (let attempt = 1; ; attempt += 1) {
        await mkdir(dir, { recursive: true });
        await this.#assertInsideRoot(dir, request.key, 'write');
        try {
          await writeFile(temp, request.body, { flag: 'wx' });
          break;
        } catch (error) {
          // A concurrent delete may have removed the (then empty) folder: create it again, once.
          if (attempt > 1 || !isCode(error, 'ENOENT')) throw error;
        }
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      if (error instanceof StorageError) throw error;
      throw new StorageError('write', request.key, { cause: error });
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.#check(key, 'delete');
    try {
      await this.#assertInsideRoot(path.dirname(file), key, 'delete');
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

  /** Rejects paths that resolve (through symbolic links) outside the root. */
  async #assertInsideRoot(target: string, key: string, operation: string): Promise<void> {
    this.#realRoot ??= realpath(this.#root).catch(() => this.#root);
    const root = await this.#realRoot;
    let real: string;
    try {
      real = await realpath(target);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return; // nothing there to escape through
      throw error;
    }
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new StorageError(operation, key, { cause: new Error('key resolves outside the storage root') });
    }
  }
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
