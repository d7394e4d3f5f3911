import { createHash } from 'node:crypto';
import {
  type BigIntStats,
  closeSync,
  type Dirent,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { LinkOutsideError, ObjectTooLargeError, StorageError, UnreadableObjectError, WriteConflictError } from '../errors.js';
import type { ReadOptions, Storage, StoredObject, WriteRequest } from '../ports.js';
import { keyProblem } from './key-problem.js';
import { processRunning } from './process-running.js';

/** Marks the temporary files of in-flight writes; `list` never shows them. */
const TEMP_MARK = '.feedpub-tmp-';
/**
 * A temporary file's name: the mark, the {@link processPlace} of the process that writes it, its id and a
 * counter (base 36); or, as earlier versions wrote it, without the place.
 */
const TEMP_NAME = /^\.feedpub-tmp-(?:([0-9a-f]{12})-)?(\d+)-[0-9a-z]+$/;
/** Numbers this process's temporary files. */
let nextTemp = 0;
/** The temporary files of this process's writes in flight (paths), which no listing removes. */
const inFlight = new Set<string>();
/**
 * A temporary file older than this is abandoned whoever wrote it: a write takes milliseconds, and the id of
 * a killed process may have been given to another one that runs for days.
 */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
/** This process's {@link processPlace}, once known. */
let place: string | undefined;

/**
 * Where this process's id means what it says, as 12 hex digits: a hash of the host's name and, on Linux, the
 * kernel's boot id and this process's PID namespace (in a container, node is often pid 1, as it is in the
 * container beside it that shares the same volume; two hosts sharing a folder over NFS have the same PID
 * namespace number and may have the same name, but not the same boot id). Part of a temporary file's name:
 * a listing judges by process id only the files of its own place, and the others by their age alone. On a
 * system without /proc, the host's name alone.
 *
 * @example `.feedpub-tmp-${processPlace()}-${process.pid}-0`
 */
export function processPlace(): string {
  if (place === undefined) {
    const parts = [
      hostname(),
      readOrEmpty(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
      readOrEmpty(() => readlinkSync('/proc/self/ns/pid')),
    ];
    place = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 12);
  }
  return place;
}

/**
 * A symbolic link that a listing of an {@link FsStorage} with `followLinks` did not follow: `outside`, it
 * resolves outside the root; `broken`, to nothing (or to a loop of links); `repeat`, to a folder a link
 * listed before in the same listing (`via`, as Hugo lists each linked folder once); `loop`, a `repeat`
 * inside that folder (`via` is a link to a folder that holds it).
 *
 * @example { key: 'content/news/old.md', reason: 'outside' }
 */
export interface SkippedLink {
  readonly key: string;
  readonly reason: 'outside' | 'broken' | 'repeat' | 'loop';
  /** For `repeat` and `loop`: the key of the link the folder was listed through. */
  readonly via?: string;
  /** For `outside`: where the link leads, as it is written (`../shared/content`). */
  readonly target?: string;
}

/** A folder link a listing followed: its key, and its path on disk (the same link may be met under several keys). */
interface FollowedLink {
  readonly key: string;
  readonly file: string;
}

/** Options of an {@link FsStorage}. */
export interface FsStorageOptions {
  /**
   * `false`: `list` gives keys only, without size and version, for a caller with no earlier run to
   * compare against (a build without `--state`): the `lstat` of every file was two thirds of walking a
   * 100,000-article site (0.94 s with it, 0.35 s without). Default `true`.
   */
  readonly details?: boolean;
  /**
   * `true` (a site folder, which Hugo reads through links): `list` and `read` follow a symbolic link, to
   * a file or a folder, whose real path is inside the root, under the link's own key; the others are
   * skipped and kept in {@link FsStorage.skippedLinks}. Default `false` (output folders): `list` skips
   * every link and `read` refuses a key that is one.
   */
  readonly followLinks?: boolean;
  /**
   * `true` (the output and state folders of a local build): a listing removes the temporary files that
   * writes killed half-way left (`.feedpub-tmp-<place>-<pid>-<n>`) from each folder it reads and from the
   * folders above, then the folders they alone kept, so nobody's file stays in a published folder or keeps a
   * removed feed's folder. A file written where process ids are this process's ({@link processPlace}) is
   * removed when its process is gone, or is this one and the write not in flight; any file (one from another
   * host or container, where the same id names another process, or one an earlier version named
   * `.feedpub-tmp-<pid>-<n>`) when it is over an hour old. Another process's write in flight is left alone.
   * Default `false`.
   */
  readonly removeAbandoned?: boolean;
}

/**
 * {@link Storage} on a local folder: keys are posix paths relative to `root`.
 *
 * Every key is checked to stay inside the root: empty keys, absolute paths, `..` and `.` segments,
 * empty segments, backslashes and NUL are rejected with a {@link StorageError}, and so is a key that
 * resolves through a symbolic link to somewhere outside the root. `list` walks the tree without
 * following symbolic links (but with `followLinks`, those that stay inside the root); an object's
 * `version` is its size, mtime (ns) and inode. `write`
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
  readonly #followLinks: boolean;
  readonly #removeAbandoned: boolean;
  #realRoot: string | undefined;
  /** Folders already found to exist inside the root. */
  readonly #verified = new Set<string>();
  /** With `followLinks`: the real path of each folder read from, checked inside the root on its first read. */
  readonly #realDirs = new Map<string, string>();
  /** The links listings skipped, by path on disk: one met under several keys (through a folder link) is one. */
  readonly #skipped = new Map<string, SkippedLink>();

  constructor(root: string, options: FsStorageOptions = {}) {
    this.#root = path.resolve(root);
    this.#details = options.details ?? true;
    this.#followLinks = options.followLinks ?? false;
    this.#removeAbandoned = options.removeAbandoned ?? false;
  }

  /**
   * With `followLinks`: the symbolic links the listings so far did not follow, by key, for the caller to
   * report (without it, links are skipped as files of no interest are, and this stays empty).
   *
   * @example for (const link of site.skippedLinks) console.warn(`${link.key}: ${link.reason}`);
   */
  get skippedLinks(): readonly SkippedLink[] {
    return [...this.#skipped.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    // Start at the deepest folder the prefix names; the rest of the prefix filters names.
    const slash = prefix.lastIndexOf('/');
    const dirKey = slash < 0 ? '' : prefix.slice(0, slash);
    if (dirKey !== '') this.#check(dirKey, 'list');
    if (prefix.includes('\0')) throw new StorageError('list', prefix, { cause: new Error('NUL in prefix') });
    try {
      let dir = this.#root;
      if (dirKey !== '') {
        // The folder the prefix names may be (or lie under) a link: it is listed only inside the root.
        const named = path.join(this.#root, ...dirKey.split('/'));
        const start = this.#resolve(named);
        if (start === undefined || !this.#isInside(start)) {
          // With followLinks (a site folder), a folder behind a link out of the root (there or missing there)
          // would be left out whole: an error that names the link.
          this.refuseLinkOutside(dirKey);
          if (start !== undefined) this.#skip(named, { key: dirKey, reason: 'outside' });
          return;
        }
        dir = start;
      }
      // The folders above the one listed hold temporary files too (a state folder's head is written at its root).
      if (this.#removeAbandoned && dirKey !== '') this.#removeAbandonedAbove(dirKey);
      // Per listing, as Hugo's walk: the real paths of the folders followed through links, with the link's key.
      const gone = yield* this.#walk(dirKey, dir, prefix, new Map());
      // The folder listed held only abandoned temporary files: so may the ones above it have.
      if (gone) this.#removeEmptyAbove(dirKey);
    } catch (error) {
      if (error instanceof StorageError || error instanceof LinkOutsideError) throw error;
      throw new StorageError('list', prefix, { cause: error });
    }
  }

  /**
   * The files under `dirKey` whose keys start with `prefix`, depth first, each folder's entries by name.
   * Synchronous, as `read`: a folder of a site is read in microseconds, and an asynchronous `readdir` (a
   * thread-pool round trip for each of a built site's ~1,600 feed folders) and a chain of async
   * generators, one per folder level, made listing 10,000 articles and 4,730 feed files take
   * ~140 ms each.
   *
   * With `followLinks`, a link is followed under its own key when its real path is inside the root, as
   * Hugo 0.111 follows links in a content folder: a file link is a file (its size and version those of
   * the file it leads to); a folder link is walked unless a link listed the same real folder before
   * (`seen`: Hugo's rule, which also makes a link to a folder that holds it end after one round), the
   * folder links of a folder being claimed in name order before any of its folders is walked, as Hugo
   * does. Each real folder is walked at most once through links, so a listing ends, with at most
   * (links + 1) times the files of the tree.
   *
   * With `removeAbandoned`, the temporary files of writes that will never finish are removed, and a folder
   * that held nothing else (nor folders but such) is removed too: the result says whether it was.
   */
  *#walk(dirKey: string, dir: string, prefix: string, seen: Map<string, FollowedLink>): Generator<StoredObject, boolean> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return false;
      // Named by the folder that could not be read (content/en/blog/, not the prefix listed), ./ for the root.
      throw new StorageError('list', dirKey === '' ? './' : `${dirKey}/`, { cause: error });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const keyOf = (name: string) => (dirKey === '' ? name : `${dirKey}/${name}`);
    // Where keys below can still match the prefix.
    const wanted = (key: string) => prefix.startsWith(`${key}/`) || `${key}/`.startsWith(prefix);
    /** The links followed: what each leads to (its real path and stats). */
    const links = new Map<string, { readonly real: string; readonly stats: BigIntStats }>();
    if (this.#followLinks) {
      for (const entry of entries) {
        const key = keyOf(entry.name);
        if (!entry.isSymbolicLink() || entry.name.startsWith(TEMP_MARK) || !wanted(key)) continue;
        const target = this.#followable(path.join(dir, entry.name), key, seen);
        if (target !== undefined) links.set(entry.name, target);
      }
    }
    /** The entries removed: abandoned temporary files, and folders that held only such. */
    let removed = 0;
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_MARK)) {
        if (this.#removeAbandoned && entry.isFile() && removeIfAbandoned(dir, entry.name)) removed += 1;
        continue;
      }
      const key = keyOf(entry.name);
      const link = entry.isSymbolicLink() ? links.get(entry.name) : undefined;
      if (entry.isSymbolicLink() && link === undefined) continue;
      if (link ? link.stats.isDirectory() : entry.isDirectory()) {
        // A linked folder is read at the real path checked, not through the link (which may change).
        if (wanted(key) && (yield* this.#walk(key, link?.real ?? path.join(dir, entry.name), prefix, seen))) removed += 1;
      } else if ((link ? link.stats.isFile() : entry.isFile()) && key.startsWith(prefix)) {
        if (!this.#details) {
          yield { key };
          continue;
        }
        const stats = link?.stats ?? lstatSync(path.join(dir, entry.name), { bigint: true });
        yield { key, size: Number(stats.size), version: versionOf(stats) };
      }
    }
    // Emptied by this listing (a removed feed's folder that a killed write's file kept): removed, as `delete`
    // leaves no empty folder. Never the root; a file written there meanwhile keeps it.
    return removed > 0 && removed === entries.length && dirKey !== '' && this.#removeFolder(dir);
  }

  /** Removes the abandoned temporary files in the folders above `dirKey`, the root included (see {@link #walk}). */
  #removeAbandonedAbove(dirKey: string): void {
    const parts = dirKey.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = path.join(this.#root, ...parts.slice(0, i));
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) if (entry.name.startsWith(TEMP_MARK) && entry.isFile()) removeIfAbandoned(dir, entry.name);
    }
  }

  /** Removes the folders above `dirKey` (never the root) that are empty, up to the first that is not. */
  #removeEmptyAbove(dirKey: string): void {
    for (let key = dirKey; key.includes('/'); ) {
      key = key.slice(0, key.lastIndexOf('/'));
      if (!this.#removeFolder(path.join(this.#root, ...key.split('/')))) return;
    }
  }

  /** Removes the folder `dir` if it is empty; whether it did. */
  #removeFolder(dir: string): boolean {
    try {
      rmdirSync(dir);
    } catch {
      return false;
    }
    this.#verified.delete(dir);
    return true;
  }

  /**
   * The real path and stats of what the link at `file` leads to, when a listing follows it; else
   * undefined, the link kept in {@link skippedLinks} with the reason (a link to something neither file
   * nor folder is then skipped as such entries are).
   */
  #followable(file: string, key: string, seen: Map<string, FollowedLink>): { real: string; stats: BigIntStats } | undefined {
    const real = this.#resolve(file);
    if (real === undefined) return this.#skip(file, { key, reason: 'broken' });
    if (!this.#isInside(real)) return this.#skip(file, { key, reason: 'outside' });
    let stats: BigIntStats;
    try {
      stats = statSync(real, { bigint: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return this.#skip(file, { key, reason: 'broken' });
      throw error;
    }
    if (stats.isDirectory()) {
      const first = seen.get(real);
      if (first !== undefined) {
        const loop = key.startsWith(`${first.key}/`);
        // The very link that was followed, met again in a copy of its folder: reported only as the loop.
        if (loop || first.file !== file) this.#skip(file, { key, reason: loop ? 'loop' : 'repeat', via: first.key });
        return undefined;
      }
      seen.set(real, { key, file });
    }
    return { real, stats };
  }

  /**
   * Keeps a link (at `file`, its path on disk) that a listing did not follow, with `followLinks` (without,
   * links are not reported): under the shortest of the keys it was met under.
   */
  #skip(file: string, link: SkippedLink): undefined {
    const known = this.#skipped.get(file);
    if (this.#followLinks && (known === undefined || link.key.length < known.key.length)) {
      this.#skipped.set(file, link.reason === 'outside' ? { ...link, target: readLink(file) } : link);
    }
    return undefined;
  }

  /**
   * With `followLinks` (a site folder): throws a {@link LinkOutsideError} when the folder `dirKey` is reached
   * through a symbolic link that leads out of the root, the first such link on the way (itself included)
   * named with where it leads, whether the folder exists there or not: every page under it would be left
   * out. A link inside the root on the way (`content -> real`) is passed through. Without, does nothing.
   *
   * @example site.refuseLinkOutside('content/en'); // throws when content -> ../shared/content
   */
  refuseLinkOutside(dirKey: string): void {
    if (!this.#followLinks || dirKey === '') return;
    const parts = dirKey.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const file = path.join(this.#root, ...parts.slice(0, i));
      let isLink: boolean;
      try {
        isLink = lstatSync(file).isSymbolicLink();
      } catch {
        return;
      }
      if (!isLink) continue;
      const real = this.#resolve(file);
      if (real === undefined) return;
      if (!this.#isInside(real)) throw new LinkOutsideError(dirKey, parts.slice(0, i).join('/'), readLink(file));
    }
  }

  /** The real path of `file` (links resolved), or undefined when it leads to nothing (or to a loop of links). */
  #resolve(file: string): string | undefined {
    try {
      return realpathSync.native(file);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR') || isCode(error, 'ELOOP')) return undefined;
      throw error;
    }
  }

  /** Whether a real path is the root or inside it. */
  #isInside(real: string): boolean {
    // Once per storage: the root's own real path (the root as given while it does not exist yet).
    if (this.#realRoot === undefined) this.#realRoot = this.#resolve(this.#root) ?? this.#root;
    const root = this.#realRoot;
    return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
  }

  async read(key: string, options: ReadOptions = {}): Promise<Uint8Array | undefined> {
    const file = this.#check(key, 'read');
    try {
      let target = file;
      if (this.#followLinks) {
        // The folder's real path, resolved and checked on its first read (not trusted from the listing: a
        // link may have been changed since), is where the file is opened: a folder link changed after that
        // is not followed, and the real folder checked stays inside the root. One `realpath` a folder, not
        // a file (one a file took reading 10,000 articles from ~0.26 to ~0.43 s).
        const realDir = this.#realFolder(path.dirname(file), key);
        if (realDir === undefined) return undefined;
        target = path.join(realDir, path.basename(file));
      } else {
        this.#assertDirInsideRoot(path.dirname(file), key, 'read');
      }
      // O_NOFOLLOW: the file itself must not be a symbolic link (its folder was checked above); a file link
      // (with followLinks) is resolved and checked at every read, and its real path opened.
      // Synchronous on purpose: one small file is microseconds, and a build reads thousands; the
      // thread-pool round trips of the async API cost more than the reads themselves.
      const fd = this.#followLinks ? this.#openFollowing(target, key) : openSync(target, constants.O_RDONLY | constants.O_NOFOLLOW);
      let bytes: Buffer;
      try {
        // A file over the bound is not read: its size first.
        const { maxBytes } = options;
        if (maxBytes !== undefined) {
          const { size } = fstatSync(fd);
          if (size > maxBytes) throw new ObjectTooLargeError(key, size, maxBytes);
        }
        bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      if (error instanceof StorageError) throw error;
      if (isCode(error, 'ELOOP')) throw new StorageError('read', key, { cause: new Error('key is a symbolic link') });
      // This file's own permissions (its folder was listed): no retry reads it.
      if (isCode(error, 'EACCES')) throw new UnreadableObjectError(key, 'permission denied: this user may not read the file', { cause: error });
      throw new StorageError('read', key, { cause: error });
    }
  }

  /**
   * The real path of the folder `dir` (the root or one below it), checked inside the root, or undefined
   * when there is none: remembered from its first read, and found from its parent's (one `lstat`) when it is
   * a folder itself (no link), else resolved (`realpath`). A `realpath` looks at every folder on the way, so
   * one for each folder took the cube of the nesting depth (800 nested folders, ~6 s).
   */
  #realFolder(dir: string, key: string): string | undefined {
    const known = this.#realDirs.get(dir);
    if (known !== undefined) return known;
    let real: string | undefined;
    if (dir !== this.#root) {
      const parent = this.#realFolder(path.dirname(dir), key);
      if (parent === undefined) return undefined;
      const inParent = path.join(parent, path.basename(dir));
      if (kindOf(inParent) === 'folder') real = inParent;
    }
    if (real === undefined) {
      real = this.#resolve(dir);
      if (real === undefined) return undefined;
      if (!this.#isInside(real)) throw new StorageError('read', key, { cause: new Error('key resolves outside the storage root') });
    }
    this.#realDirs.set(dir, real);
    return real;
  }

  /** Opens `file` (in a checked real folder) for reading; when it is a link, the real path it leads to, checked. */
  #openFollowing(file: string, key: string): number {
    try {
      return openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if (!isCode(error, 'ELOOP')) throw error;
    }
    const real = this.#resolve(file);
    if (real === undefined) throw Object.assign(new Error(`${file}: broken link`), { code: 'ENOENT' });
    if (!this.#isInside(real)) throw new StorageError('read', key, { cause: new Error('key resolves outside the storage root') });
    return openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  }

  /** The file's bytes and change token (its `stat` after reading: a local folder has one writer at a time). */
  async readVersioned(key: string): Promise<{ bytes: Uint8Array; version: string } | undefined> {
    const bytes = await this.read(key);
    if (bytes === undefined) return undefined;
    try {
      return { bytes, version: versionOf(lstatSync(this.#check(key, 'read'), { bigint: true })) };
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
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
        if (attempt > 1 || !this.#verified.has(dir)) {
          // Checked before creating: a link above `dir` would have mkdir make folders outside the root.
          this.#assertDirInsideRoot(dir, request.key, 'write');
          makeFolders(dir);
        }
        this.#assertDirInsideRoot(dir, request.key, 'write');
        // Unique by this process's place, id and a counter; `wx` refuses a name that is taken all the same.
        temp = path.join(dir, `${TEMP_MARK}${processPlace()}-${process.pid}-${(nextTemp++).toString(36)}`);
        try {
          fd = openSync(temp, 'wx');
          inFlight.add(path.basename(temp));
        } catch (error) {
          // A concurrent delete may have removed the (then empty) folder: create it again. A temporary
          // file a dead process of the same place and id left behind: take the next name.
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
      if (request.ifVersion !== undefined) {
        // Checked, then renamed: not atomic as S3's conditional write is, but a folder has one writer at a time.
        let current: string | null = null;
        try {
          current = versionOf(lstatSync(file, { bigint: true }));
        } catch (error) {
          if (!isCode(error, 'ENOENT')) throw error;
        }
        if (current !== request.ifVersion) throw new WriteConflictError(request.key);
      }
      renameSync(temp as string, file);
      return versionOf(stats);
    } catch (error) {
      if (temp !== undefined) await rm(temp, { force: true }).catch(() => {});
      if (error instanceof StorageError) throw error;
      throw new StorageError('write', request.key, { cause: aboutDestination(error, file) });
    } finally {
      if (temp !== undefined) inFlight.delete(path.basename(temp));
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.#check(key, 'delete');
    try {
      this.#assertDirInsideRoot(path.dirname(file), key, 'delete');
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
   * Rejects `dir` when it, or the nearest folder above it that exists (the one a `mkdir` would make it in),
   * resolves (through symbolic links) outside the root; the root itself, and where it lies, are the caller's
   * choice. A folder found inside is remembered for the life of this storage, so a build checks each folder
   * once, not every file.
   */
  #assertDirInsideRoot(dir: string, key: string, operation: string): void {
    this.#verifiedFolder(dir, key, operation);
  }

  /**
   * Whether the folder `dir` (the root or one below it) exists inside the root (throws when it resolves
   * outside), remembered once found: after the folders above it (so the nearest one that exists is
   * checked too), from its parent's answer and one `lstat` when it is a folder itself (no link), else from
   * its real path. A `realpath` looks at every folder on the way, so one for each folder took the cube of
   * the nesting depth (writing the feeds of 800 nested sections took ~15 s).
   */
  #verifiedFolder(dir: string, key: string, operation: string): boolean {
    if (this.#verified.has(dir)) return true;
    if (dir !== this.#root) {
      // Nothing below a folder that is not there to escape through (a `realpath` would say ENOENT too).
      if (!this.#verifiedFolder(path.dirname(dir), key, operation)) return false;
      const kind = kindOf(dir);
      if (kind === 'missing') return false;
      if (kind === 'folder') {
        this.#verified.add(dir);
        return true;
      }
    }
    if (!this.#assertInsideRoot(dir, key, operation)) return false;
    this.#verified.add(dir);
    return true;
  }

  /** Rejects paths that resolve (through symbolic links) outside the root. */
  #assertInsideRoot(target: string, key: string, operation: string): boolean {
    let real: string;
    try {
      real = realpathSync.native(target);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return false; // nothing there to escape through
      throw error;
    }
    if (!this.#isInside(real)) {
      throw new StorageError(operation, key, { cause: new Error('key resolves outside the storage root') });
    }
    return true;
  }
}

/**
 * Creates the folder `dir` and those above it. Node's recursive `mkdir` reports some failures as ENOENT
 * (a read-only file system, EROFS: nodejs/node#47098): then the first missing folder, made alone, throws
 * what the system said (or the ENOENT stands, when that folder is a link to nothing).
 */
function makeFolders(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
    let first = dir;
    while (path.dirname(first) !== first && !existsSync(path.dirname(first))) first = path.dirname(first);
    try {
      mkdirSync(first);
    } catch (cause) {
      throw isCode(cause, 'EEXIST') || isCode(cause, 'ENOENT') ? error : cause;
    }
    // Made after all (another writer raced this one): the rest as usual.
    mkdirSync(dir, { recursive: true });
  }
}

/**
 * A write's system error about its temporary file, made about what the user knows: the destination (a
 * feed that cannot be replaced, a full disk), or its folder when the temporary file could not be created
 * there (Node names the temporary file, which the user never sees).
 */
function aboutDestination(error: unknown, file: string): unknown {
  const system = error as { path?: unknown; syscall?: unknown } | null;
  if (typeof system?.path !== 'string' || path.dirname(system.path) !== path.dirname(file) || !path.basename(system.path).startsWith(TEMP_MARK)) {
    return error;
  }
  system.path = system.syscall === 'open' ? path.dirname(file) : file;
  return error;
}

/**
 * Removes the temporary file `name` in `dir` when no write will finish it (see {@link FsStorageOptions.removeAbandoned}):
 * whether it is gone (removed, or by someone else meanwhile).
 */
function removeIfAbandoned(dir: string, name: string): boolean {
  const parts = TEMP_NAME.exec(name);
  const pid = Number(parts?.[2] ?? Number.NaN);
  if (!Number.isSafeInteger(pid) || inFlight.has(name)) return false;
  const file = path.join(dir, name);
  // Judged by its process only where that id is this process's to check; elsewhere (or unknown), by age.
  const ours = parts?.[1] === processPlace();
  if (!ours || (pid !== process.pid && processRunning(pid))) {
    // Another process's write, in flight, unless it is too old to be one.
    try {
      if (Date.now() - lstatSync(file).mtimeMs < ABANDONED_AFTER_MS) return false;
    } catch (error) {
      return isCode(error, 'ENOENT');
    }
  }
  try {
    unlinkSync(file);
    return true;
  } catch (error) {
    // Not removable (a read-only folder): left, as a listing does not fail for it; a write there will.
    return isCode(error, 'ENOENT');
  }
}

/** What `read` gives, or '' when it throws (a file of /proc that this system does not have). */
function readOrEmpty(read: () => string): string {
  try {
    return read();
  } catch {
    return '';
  }
}

/** A file's change token: size, modification time (ns) and inode. */
function versionOf(stats: { size: bigint; mtimeNs: bigint; ino: bigint }): string {
  return `${stats.size}-${stats.mtimeNs}-${stats.ino}`;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** What is at `file`, its own kind (a link is not followed): a folder, nothing, or anything else. */
function kindOf(file: string): 'folder' | 'missing' | 'other' {
  try {
    return lstatSync(file).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    return isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR') ? 'missing' : 'other';
  }
}

/** Where the link at `file` leads, as it is written ('' when it cannot be read). */
function readLink(file: string): string {
  try {
    return readlinkSync(file);
  } catch {
    return '';
  }
}
