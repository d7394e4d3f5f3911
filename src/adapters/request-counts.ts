/** Requests (or calls) made to a storage, by operation. */
export interface RequestCounts {
  list: number;
  read: number;
  write: number;
  delete: number;
}

/**
 * A fresh set of zero counters.
 *
 * @example
 * const counts = emptyRequestCounts(); // { list: 0, read: 0, write: 0, delete: 0 }
 */
export function emptyRequestCounts(): RequestCounts {
  return { list: 0, read: 0, write: 0, delete: 0 };
}
