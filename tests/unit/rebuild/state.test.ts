import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { WriteConflictError } from '../../../src/errors.js';
import { MANIFEST_FORMAT, MANIFEST_KEY, type Manifest, type ManifestArticle, type ShardCache, type StoredManifest } from '../../../src/manifest.js';
import type { Storage, WriteRequest } from '../../../src/ports.js';
import { markUnfinished, readManifest, readState, storeManifest, writeManifest, writeShardsEarly } from '../../../src/rebuild/state.js';

function manifestOf(count: number, extra: Partial<Manifest> = {}): Manifest {
  const articles = new Map<string, ManifestArticle>();
  for (let n = 0; n < count; n++) articles.set(`content/en/a-${String(n).padStart(4, '0')}.md`, { version: `v${n}`, hash: `h${n}`.padEnd(64, '0') });
  return { format: MANIFEST_FORMAT, configHash: 'c', articles, feeds: {}, ...extra };
}

/** The store's calls by operation, from a snapshot taken now. */
function counter(state: MemoryStorage): () => { read: number; write: number; delete: number } {
  const start = { ...state.calls };
  return () => ({ read: state.calls.read - start.read, write: state.calls.write - start.write, delete: state.calls.delete - start.delete });
}

/** A store without change tokens (no `readVersioned`), over a memory store. */
function withoutVersions(inner: MemoryStorage): Storage {
  return {
    list: (prefix) => inner.list(prefix),
    read: (key) => inner.read(key),
    write: async (request) => {
      await inner.write(request);
      return undefined;
    },
    delete: (key) => inner.delete(key),
  };
}

/** A memory store, its methods bound (its fields are private), with some replaced. */
function over(inner: MemoryStorage, replaced: Partial<Storage>): Storage {
  return {
    list: (prefix) => inner.list(prefix),
    read: (key, options) => inner.read(key, options),
    readVersioned: (key) => inner.readVersioned(key),
    write: (request) => inner.write(request),
    delete: (key) => inner.delete(key),
    ...replaced,
  };
}

/** A memory store whose head writes run `hook` first (which may throw). */
function hookedHead(inner: MemoryStorage, hook: (request: WriteRequest) => Promise<void> | void): Storage {
  return over(inner, {
    write: async (request: WriteRequest) => {
      if (request.key === MANIFEST_KEY) await hook(request);
      return inner.write(request);
    },
  });
}

const shardNames = (stored: StoredManifest | undefined): string[] => (stored?.shards ?? []).map((shard) => shard.name);

describe('readState and readManifest', () => {
  it('gives the head change token, so that a write over a head another run replaced meanwhile is refused', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(3), undefined);
    const read = await readManifest(state);
    expect(read?.version).toBe(state.snapshot().get(MANIFEST_KEY)?.revision.toString());
    await writeManifest(state, manifestOf(4), await readManifest(state));
    await expect(writeManifest(state, manifestOf(5), read)).rejects.toBeInstanceOf(WriteConflictError);
  });

  it('reads a store without change tokens, and writes over its head as it is', async () => {
    const inner = new MemoryStorage();
    const state = withoutVersions(inner);
    await writeManifest(state, manifestOf(3), undefined);
    const read = await readManifest(state);
    expect(read?.manifest).toEqual(manifestOf(3));
    expect(read !== undefined && 'version' in read).toBe(false);
    await writeManifest(state, manifestOf(4), read);
    expect((await readManifest(state))?.manifest).toEqual(manifestOf(4));
  });

  it('reads a shard once a cache holds it, and keeps in the cache only the shards of the head read', async () => {
    const state = new MemoryStorage();
    const first = await writeManifest(state, manifestOf(40), undefined);
    const cache: ShardCache = new Map();
    await readState(state, cache);
    expect([...cache.keys()].sort()).toEqual(shardNames(first).filter(Boolean).sort());
    const calls = counter(state);
    expect((await readState(state, cache)).stored?.manifest).toEqual(manifestOf(40));
    expect(calls().read).toBe(1);
    // A new head: the shards it no longer names leave the cache.
    const second = await writeManifest(state, manifestOf(41), await readManifest(state));
    await readState(state, cache);
    expect([...cache.keys()].sort()).toEqual(shardNames(second).filter(Boolean).sort());
  });

  it('names a shard gone as empty and keeps the names of the others, so that the next head removes only theirs', async () => {
    const state = new MemoryStorage();
    const written = await writeManifest(state, manifestOf(40), undefined);
    const lost = shardNames(written).find(Boolean) ?? '';
    await state.delete(lost);
    const read = await readManifest(state);
    expect(shardNames(read)).toEqual(shardNames(written).map((name) => (name === lost ? '' : name)));
    // Written again from the same articles: the lost shard is written anew, and nothing is deleted.
    const calls = counter(state);
    await writeManifest(state, manifestOf(40), read);
    expect(calls().delete).toBe(0);
    expect(state.snapshot().has(lost)).toBe(true);
  });
});

describe('writeManifest: the first head', () => {
  it('replaces an unreadable head in a store without change tokens', async () => {
    const inner = new MemoryStorage();
    await inner.write({ key: MANIFEST_KEY, body: 'not gzip', contentType: '', cacheControl: '' });
    const state: Storage = {
      ...withoutVersions(inner),
      write: async (request) => {
        if (request.ifVersion === null && inner.snapshot().has(request.key)) throw new WriteConflictError(request.key);
        const { ifVersion: _, ...unconditional } = request;
        await inner.write(unconditional);
        return undefined;
      },
    };
    await writeManifest(state, manifestOf(2), undefined);
    expect((await readManifest(inner))?.manifest).toEqual(manifestOf(2));
  });

  it('gives up with the conflict when the head it was refused over is gone when read again', async () => {
    const inner = new MemoryStorage();
    await inner.write({ key: MANIFEST_KEY, body: 'not gzip', contentType: '', cacheControl: '' });
    const state = {
      ...hookedHead(inner, (request) => {
        if (request.ifVersion === null) throw new WriteConflictError(request.key);
      }),
      readVersioned: async () => undefined,
    };
    await expect(writeManifest(state, manifestOf(2), undefined)).rejects.toBeInstanceOf(WriteConflictError);
  });

  it('replaces an unreadable head only over the bytes it found: another write meanwhile wins', async () => {
    const state = new MemoryStorage();
    await state.write({ key: MANIFEST_KEY, body: 'not gzip', contentType: '', cacheControl: '' });
    const racing = over(state, {
      readVersioned: async (key: string) => {
        const found = await state.readVersioned(key);
        await state.write({ key: MANIFEST_KEY, body: 'also not gzip', contentType: '', cacheControl: '' });
        return found;
      },
    });
    await expect(writeManifest(racing, manifestOf(2), undefined)).rejects.toBeInstanceOf(WriteConflictError);
    expect(state.text(MANIFEST_KEY)).toBe('also not gzip');
  });

  it('throws an error of the store as it is, without reading the head again', async () => {
    const state = new MemoryStorage();
    await state.write({ key: MANIFEST_KEY, body: 'not gzip', contentType: '', cacheControl: '' });
    let failures = 0;
    const flaky = hookedHead(state, () => {
      if (failures++ === 0) throw new Error('network down');
    });
    await expect(writeManifest(flaky, manifestOf(2), undefined)).rejects.toThrow('network down');
    expect(state.text(MANIFEST_KEY)).toBe('not gzip');
  });
});

describe('markUnfinished', () => {
  it('marks the stored manifest unfinished, with its intents and these paths sorted, and the fields given', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(2, { intents: ['b.xml'] }), undefined);
    await markUnfinished(state, ['c.xml', 'a.xml', 'b.xml'], { reportHash: 'r' });
    const read = await readManifest(state);
    expect(read?.manifest).toEqual({ ...manifestOf(2), intents: ['a.xml', 'b.xml', 'c.xml'], reportHash: 'r', unfinished: true });
  });

  it('adds no intents where there are none, and does nothing without a manifest', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(2), undefined);
    await markUnfinished(state, []);
    const read = await readManifest(state);
    expect(read?.manifest).toEqual({ ...manifestOf(2), unfinished: true });
    expect(read !== undefined && 'intents' in read.manifest).toBe(false);
    const empty = new MemoryStorage();
    await markUnfinished(empty, ['a.xml']);
    expect(empty.snapshot().size).toBe(0);
  });

  it('reads the manifest again when another run wrote it meanwhile, up to three times', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(2), undefined);
    const stale = await readManifest(state);
    await writeManifest(state, manifestOf(3), await readManifest(state));
    await markUnfinished(state, ['a.xml'], {}, stale);
    expect((await readManifest(state))?.manifest).toEqual({ ...manifestOf(3), intents: ['a.xml'], unfinished: true });
    // Refused every time: three attempts, then it gives up without throwing.
    let attempts = 0;
    const refusing = hookedHead(state, (request) => {
      attempts++;
      throw new WriteConflictError(request.key);
    });
    await markUnfinished(refusing, ['b.xml']);
    expect(attempts).toBe(3);
    // Any other error is thrown.
    const broken = hookedHead(state, () => {
      throw new Error('disk full');
    });
    await expect(markUnfinished(broken, ['b.xml'])).rejects.toThrow('disk full');
  });
});

describe('writeShardsEarly and storeManifest', () => {
  it('writes the shards ahead, and then the head alone', async () => {
    const state = new MemoryStorage();
    const manifest = manifestOf(30);
    const shards = writeShardsEarly(state, manifest.articles, undefined, undefined);
    const written = await shards.written;
    expect(written.size).toBeGreaterThan(1);
    expect([...written].every((key) => state.snapshot().get(key)?.contentType === 'application/gzip')).toBe(true);
    const calls = counter(state);
    await storeManifest(state, manifest, { stored: undefined, shards, written: [], fullRun: false });
    expect(calls()).toEqual({ read: 0, write: 1, delete: 0 });
    expect((await readManifest(state))?.manifest).toEqual(manifest);
  });

  it('writes nothing ahead when the shards cannot be encoded: the manifest is encoded again where it is written', async () => {
    const state = new MemoryStorage();
    const broken = { manifest: manifestOf(0), head: new Uint8Array(0), shards: Array.from({ length: 16 }, () => null) } as unknown as StoredManifest;
    const shards = writeShardsEarly(state, manifestOf(3).articles, broken, undefined);
    expect(await shards.early).toBeUndefined();
    expect(await shards.written).toEqual(new Set());
    expect(state.snapshot().size).toBe(0);
  });

  it('marks the manifest unfinished with the paths it wrote when another run stored one meanwhile, and throws the conflict', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(2), undefined);
    const stale = await readManifest(state);
    await writeManifest(state, manifestOf(3), await readManifest(state));
    await expect(storeManifest(state, manifestOf(4), { stored: stale, shards: undefined, written: ['index.xml'], fullRun: true })).rejects.toBeInstanceOf(
      WriteConflictError,
    );
    expect((await readManifest(state))?.manifest).toEqual({ ...manifestOf(3), intents: ['index.xml'], unfinished: true });
  });

  it('throws any other error of the head write as it is, and marks nothing', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(2), undefined);
    const stored = await readManifest(state);
    let failures = 0;
    const broken = hookedHead(state, () => {
      if (failures++ === 0) throw new Error('network down');
    });
    await expect(storeManifest(broken, manifestOf(3), { stored, shards: undefined, written: ['index.xml'], fullRun: false })).rejects.toThrow('network down');
    expect((await readManifest(state))?.manifest).toEqual(manifestOf(2));
  });

  it('removes the shards no head names after a full run only', async () => {
    const orphan = 'manifest/articles-0-00000000000000000000.json.gz';
    for (const fullRun of [false, true]) {
      const state = new MemoryStorage();
      await writeManifest(state, manifestOf(2), undefined);
      await state.write({ key: orphan, body: 'left by a run that died', contentType: '', cacheControl: '' });
      await storeManifest(state, manifestOf(3), { stored: await readManifest(state), shards: undefined, written: [], fullRun });
      expect(state.snapshot().has(orphan)).toBe(!fullRun);
      expect((await readManifest(state))?.manifest).toEqual(manifestOf(3));
    }
  });
});
