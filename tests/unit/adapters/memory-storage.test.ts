import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { ObjectTooLargeError } from '../../../src/errors.js';

const decoder = new TextDecoder();

describe('MemoryStorage', () => {
  it('is seeded from a record or entries, without counting the seed as calls', async () => {
    const fromRecord = new MemoryStorage({ 'content/a.md': 'A', 'hugo.toml': new Uint8Array([1]) });
    const fromEntries = new MemoryStorage([['content/b.md', 'B']]);
    expect(decoder.decode(await fromRecord.read('content/a.md'))).toBe('A');
    expect(await fromRecord.read('hugo.toml')).toEqual(new Uint8Array([1]));
    expect(fromEntries.text('content/b.md')).toBe('B');
    expect(fromRecord.calls).toEqual({ list: 0, read: 2, write: 0, delete: 0 });
  });

  it('stores content type and cache control, visible in snapshot()', async () => {
    const storage = new MemoryStorage();
    await storage.write({ key: 'index.xml', body: '<rss/>', contentType: 'application/rss+xml', cacheControl: 'max-age=300' });
    const snapshot = storage.snapshot();
    expect([...snapshot.keys()]).toEqual(['index.xml']);
    expect(snapshot.get('index.xml')).toEqual({
      body: new TextEncoder().encode('<rss/>'),
      revision: 1,
      contentType: 'application/rss+xml',
      cacheControl: 'max-age=300',
    });
  });

  it('copies bodies in and out: mutating a buffer never changes what is stored', async () => {
    const storage = new MemoryStorage();
    const body = new Uint8Array([1, 2, 3]);
    await storage.write({ key: 'k', body, contentType: 'x', cacheControl: '' });
    body[0] = 9;
    const read = await storage.read('k');
    if (read) read[1] = 9;
    const snap = storage.snapshot().get('k');
    if (snap) (snap.body as Uint8Array)[2] = 9;
    expect(await storage.read('k')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('lists by prefix with sizes in bytes, undisturbed by writes during the listing', async () => {
    const storage = new MemoryStorage({ 'content/a.md': 'é', 'content/b.md': 'bb', 'contents.md': 'x', 'other.md': '' });
    const listed: Array<[string, number | undefined]> = [];
    for await (const object of storage.list('content/')) {
      listed.push([object.key, object.size]);
      await storage.write({ key: `content/new-${object.key.length}.md`, body: '', contentType: '', cacheControl: '' });
      await storage.delete('content/b.md');
    }
    expect(listed).toEqual([
      ['content/a.md', 2],
      ['content/b.md', 2],
    ]);
  });

  it('lists a version that changes on every write of the key, and only then', async () => {
    const storage = new MemoryStorage({ a: 'A', b: 'B' });
    const versions = async () => {
      const found = new Map<string, string | undefined>();
      for await (const object of storage.list('')) found.set(object.key, object.version);
      return found;
    };
    const before = await versions();
    await storage.write({ key: 'a', body: 'A', contentType: '', cacheControl: '' });
    const after = await versions();
    expect(new Set(before.values()).size).toBe(2);
    expect(after.get('a')).not.toBe(before.get('a'));
    expect(after.get('b')).toBe(before.get('b'));
  });

  it('returns undefined for a missing key; deleting a missing key is fine', async () => {
    const storage = new MemoryStorage({ a: 'A' });
    expect(await storage.read('b')).toBeUndefined();
    await storage.delete('b');
    await storage.delete('a');
    expect(await storage.read('a')).toBeUndefined();
    expect(storage.snapshot().size).toBe(0);
  });

  it('refuses a read over maxBytes with the size, and reads up to it', async () => {
    const storage = new MemoryStorage({ 'a.md': 'x'.repeat(10) });
    const failure = await storage.read('a.md', { maxBytes: 9 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ObjectTooLargeError);
    expect((failure as ObjectTooLargeError).size).toBe(10);
    expect(await storage.read('a.md', { maxBytes: 10 })).toHaveLength(10);
    expect(await storage.read('b.md', { maxBytes: 1 })).toBeUndefined();
  });

  it('counts calls by operation', async () => {
    const storage = new MemoryStorage();
    for await (const _ of storage.list('')) void _;
    await storage.write({ key: 'a', body: 'A', contentType: '', cacheControl: '' });
    await storage.write({ key: 'b', body: 'B', contentType: '', cacheControl: '' });
    await storage.read('a');
    await storage.delete('a');
    expect(storage.calls).toEqual({ list: 1, read: 1, write: 2, delete: 1 });
  });
});
