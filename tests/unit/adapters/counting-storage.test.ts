import { describe, expect, it } from 'vitest';
import { countingStorage } from '../../../src/adapters/counting-storage.js';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';

describe('countingStorage', () => {
  it('counts each read, write and delete as one request and passes calls through', async () => {
    const inner = new MemoryStorage({ a: 'A' });
    const storage = countingStorage(inner);
    expect(await storage.read('a')).toEqual(new TextEncoder().encode('A'));
    await storage.write({ key: 'b', body: 'B', contentType: 't', cacheControl: 'c' });
    await storage.delete('a');
    expect(storage.requests).toEqual({ list: 0, read: 1, write: 1, delete: 1 });
    expect([...inner.snapshot().keys()]).toEqual(['b']);
  });

  it.each([
    [0, 1],
    [1, 1],
    [1000, 1],
    [1001, 2],
    [2500, 3],
  ])('counts a listing of %i keys as %i S3 page request(s)', async (count, pages) => {
    const inner = new MemoryStorage(Array.from({ length: count }, (_, i) => [`k${i}`, ''] as const));
    const storage = countingStorage(inner);
    let seen = 0;
    for await (const _ of storage.list('')) seen += 1;
    expect(seen).toBe(count);
    expect(storage.requests.list).toBe(pages);
  });

  it('honours a custom page size', async () => {
    const storage = countingStorage(new MemoryStorage({ a: '', b: '', c: '' }), 2);
    for await (const _ of storage.list('')) void _;
    expect(storage.requests.list).toBe(2);
  });
});
