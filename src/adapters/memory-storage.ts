import { ObjectTooLargeError, WriteConflictError } from '../errors.js';
import type { ReadOptions, Storage, StoredObject, WriteRequest } from '../ports.js';
import { emptyRequestCounts, type RequestCounts } from './request-counts.js';

/** One stored object of a {@link MemoryStorage}. */
export interface MemoryObject {
  readonly body: Uint8Array;
  /** Revision number, new on every write (the listing's `version`). */
  readonly revision: number;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** Initial content: key → text (UTF-8) or bytes. */
export type MemorySeed = Readonly<Record<string, string | Uint8Array>> | Iterable<readonly [string, string | Uint8Array]>;

const encoder = new TextEncoder();

/**
 * {@link Storage} on a `Map`, for tests and dry runs. Bodies are copied in and out, so callers can
 * never change what is stored by mutating a buffer. Every write gets a new revision number, listed
 * as the object's `version`. `calls` counts the calls by operation (seeding
 * does not count); `snapshot()` returns a copy of everything stored.
 *
 * @example
 * const source = new MemoryStorage({ 'content/a.md': '---\ntitle: A\n---\nHello' });
 * await rebuild({ source, target: new MemoryStorage(), ... });
 */
export class MemoryStorage implements Storage {
  readonly #objects = new Map<string, MemoryObject>();
  #revision = 0;
  /** Calls made so far, by operation. */
  readonly calls: RequestCounts = emptyRequestCounts();

  constructor(seed?: MemorySeed) {
    const entries = seed === undefined ? [] : isIterable(seed) ? seed : Object.entries(seed);
    for (const [key, body] of entries) {
      this.#objects.set(key, {
        body: toBytes(body),
        revision: ++this.#revision,
        contentType: 'application/octet-stream',
        cacheControl: '',
      });
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    this.calls.list += 1;
    // Iterate over a copy: writes and deletes during the listing do not disturb it.
    const matching = [...this.#objects].filter(([key]) => key.startsWith(prefix));
    for (const [key, object] of matching) {
      yield { key, size: object.body.byteLength, version: String(object.revision) };
    }
  }

  async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
    return (await this.readVersioned(key, options))?.bytes;
  }

  async readVersioned(key: string, options: ReadOptions = {}): Promise<{ bytes: Uint8Array; version: string } | undefined> {
    this.calls.read += 1;
    const object = this.#objects.get(key);
    if (object === undefined) return undefined;
    const { maxBytes } = options;
    if (maxBytes !== undefined && object.body.byteLength > maxBytes) throw new ObjectTooLargeError(key, object.body.byteLength, maxBytes);
    return { bytes: object.body.slice(), version: String(object.revision) };
  }

  async write(request: WriteRequest): Promise<string> {
    this.calls.write += 1;
    if (request.ifVersion !== undefined) {
      const current = this.#objects.get(request.key);
      if (request.ifVersion === null ? current !== undefined : current === undefined || String(current.revision) !== request.ifVersion) {
        throw new WriteConflictError(request.key);
      }
    }
    const revision = ++this.#revision;
    this.#objects.set(request.key, {
      body: toBytes(request.body),
      revision,
      contentType: request.contentType,
      cacheControl: request.cacheControl,
    });
    return String(revision);
  }

  async delete(key: string): Promise<void> {
    this.calls.delete += 1;
    this.#objects.delete(key);
  }

  /** A copy of every stored object, by key (insertion order). */
  snapshot(): Map<string, MemoryObject> {
    return new Map([...this.#objects].map(([key, object]) => [key, { ...object, body: object.body.slice() }]));
  }

  /** The object's body decoded as UTF-8, or undefined; a test convenience that is not counted. */
  text(key: string): string | undefined {
    const object = this.#objects.get(key);
    return object === undefined ? undefined : new TextDecoder().decode(object.body);
  }
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body.slice();
}

function isIterable(value: MemorySeed): value is Iterable<readonly [string, string | Uint8Array]> {
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}
