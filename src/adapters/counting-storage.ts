import type { ReadOptions, Storage, StoredObject, WriteRequest } from '../ports.js';
import { emptyRequestCounts, type RequestCounts } from './request-counts.js';

/** S3 returns at most this many keys per ListObjectsV2 request. */
const S3_PAGE_SIZE = 1000;

/** A storage that also reports the requests made through it. */
export type CountingStorage = Storage & { readonly requests: Readonly<RequestCounts> };

/**
 * Wraps a storage and counts requests by type, as S3 would bill them: each `read`, `write` and
 * `delete` is one request, and each `list` is one request per started page of 1,000 keys (so an
 * empty listing still costs one). Used by the bench to compare runs on any adapter; `S3Storage`
 * counts its real pages itself in `S3Storage.requests`.
 *
 * @example
 * const target = countingStorage(new MemoryStorage());
 * await rebuild({ ...deps, target });
 * console.log(target.requests); // { list: 1, read: 12, write: 3, delete: 0 }
 */
export function countingStorage(inner: Storage, pageSize = S3_PAGE_SIZE): CountingStorage {
  const requests = emptyRequestCounts();
  return {
    requests,
    async *list(prefix: string): AsyncIterable<StoredObject> {
      requests.list += 1;
      let inPage = 0;
      for await (const object of inner.list(prefix)) {
        if (inPage === pageSize) {
          requests.list += 1;
          inPage = 0;
        }
        inPage += 1;
        yield object;
      }
    },
    read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
      requests.read += 1;
      return inner.read(key, options);
    },
    ...(inner.readVersioned !== undefined
      ? {
          readVersioned: (key: string) => {
            requests.read += 1;
            return inner.readVersioned?.(key) ?? Promise.resolve(undefined);
          },
        }
      : {}),
    write(request: WriteRequest): Promise<string | undefined> {
      requests.write += 1;
      return inner.write(request);
    },
    delete(key: string): Promise<void> {
      requests.delete += 1;
      return inner.delete(key);
    },
  };
}
