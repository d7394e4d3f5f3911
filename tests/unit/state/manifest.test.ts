import { isAscii } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import {
  type ArticleEntry,
  asciiJson,
  decodeShard,
  encodeManifest,
  encodeShards,
  gunzipChunk,
  joinManifest,
  MANIFEST_FORMAT,
  MANIFEST_KEY,
  type Manifest,
  type ManifestArticle,
  openManifestHead,
  SHARDS,
  shardOf,
} from '../../../src/manifest.js';
import { WriteConflictError } from '../../../src/errors.js';
import { rebuild } from '../../../src/rebuild.js';
import { readManifest, writeManifest } from '../../../src/rebuild/state.js';
import { memoryDeps } from '../../support/build.js';
import { SAMPLE_NOW } from '../../support/repo.js';
import { sampleSource } from '../../support/sample-source.js';

function record(n: number): ManifestArticle {
  return { version: `v${n}`, hash: `h${n}`.padEnd(64, '0') };
}

function manifestOf(count: number): Manifest {
  const articles = new Map<string, ManifestArticle>();
  for (let n = 0; n < count; n++) articles.set(`content/en/a-${String(n).padStart(4, '0')}.md`, record(n));
  return { format: MANIFEST_FORMAT, configHash: 'c', articles, feeds: { '': { fingerprint: 'f', files: { 'index.xml': 'x' } } } };
}

function calls(storage: MemoryStorage): { read: number; write: number; delete: number } {
  const { read, write, delete: del } = storage.calls;
  return { read, write, delete: del };
}

/** A head read whole, as a run reads it. */
const readHead = (bytes: Uint8Array | undefined) => openManifestHead(bytes)?.rest();

describe('the manifest store: a head and 16 content-addressed article shards', () => {
  it('reads back what it wrote, from the head and every shard', async () => {
    const state = new MemoryStorage();
    const manifest = manifestOf(500);
    await writeManifest(state, manifest, undefined);
    const stored = await readManifest(state);
    expect(stored?.manifest).toEqual(manifest);
    expect([...state.snapshot().keys()].filter((k) => k.startsWith('manifest/'))).toHaveLength(SHARDS);
    expect(calls(state).read).toBe(1 + SHARDS);
  });

  it("stores feeds' files by path and reads them back", async () => {
    // Arrange: feeds at the root, in folders, a file outside its feed's folder, and the site-wide extras.
    const state = new MemoryStorage();
    const feeds: Manifest['feeds'] = {
      '': { fingerprint: 'a', files: { 'index.xml': 'h1', 'odd.xml': 'h2' }, versions: { 'index.xml': 'v1' } },
      'tags/go/': { fingerprint: 'b', files: { 'tags/go/index.xml': 'h3', 'tags/go/archive/1/atom.xml': 'h4', 'elsewhere/feed.json': 'h5' } },
      '@site': { fingerprint: 'c', files: { 'feeds/index.html': 'h6' }, versions: { 'feeds/index.html': 'v2' } },
    };
    const manifest = { ...manifestOf(20), feeds };
    // Act
    await writeManifest(state, manifest, undefined);
    const rest = gunzipSync(state.snapshot().get(MANIFEST_KEY)?.body ?? new Uint8Array())
      .toString('latin1')
      .split('\n')[1];
    // Assert (an older feedpub's head, format 7 with files named within their folders: legacy-manifest.test.ts)
    expect(rest).toContain('"tags/go/archive/1/atom.xml"');
    expect(openManifestHead(state.snapshot().get(MANIFEST_KEY)?.body)?.rest()?.feeds).toEqual(feeds);
    expect((await readManifest(state))?.manifest).toEqual(manifest);
  });

  it('keeps a feed or file named __proto__ a plain key when it reads the head back', async () => {
    // Arrange: names a crafted head could hold (JSON.parse makes them own properties).
    const state = new MemoryStorage();
    const feeds = JSON.parse(
      '{"": {"fingerprint": "a", "files": {"__proto__": "h1"}}, "__proto__/": {"fingerprint": "b", "files": {"__proto__/index.xml": "h2"}}, "__proto__": {"fingerprint": "c", "files": {"x": "h3"}}}',
    ) as Manifest['feeds'];
    // Act
    await writeManifest(state, { ...manifestOf(5), feeds }, undefined);
    const read = openManifestHead(state.snapshot().get(MANIFEST_KEY)?.body)?.rest();
    // Assert
    expect(Object.getPrototypeOf(read?.feeds)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(read?.feeds['']?.files)).toBe(Object.prototype);
    expect(Object.keys(read?.feeds ?? {})).toEqual(['', '__proto__/', '__proto__']);
    expect(read?.feeds['']?.files).toEqual(feeds['']?.files);
    expect(Object.hasOwn(read?.feeds['']?.files ?? {}, '__proto__')).toBe(true);
    expect(read?.feeds['__proto__/']?.files).toEqual(feeds['__proto__/']?.files);
  });

  it("names the shards on the head's first line: they are read even when the rest of the head is not readable", async () => {
    // Arrange: a head whose second line is cut.
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(50), undefined);
    const [index = '', rest = ''] = gunzipSync(state.snapshot().get(MANIFEST_KEY)?.body ?? new Uint8Array())
      .toString('latin1')
      .split('\n');
    await state.write({ key: MANIFEST_KEY, body: gzipSync(`${index}\n${rest.slice(0, 20)}`), contentType: '', cacheControl: '' });
    const before = calls(state).read;
    // Act
    const opened = openManifestHead(state.snapshot().get(MANIFEST_KEY)?.body);
    const read = await readManifest(state);
    // Assert
    expect(opened?.articleShards).toHaveLength(SHARDS);
    expect(opened?.rest()).toBeUndefined();
    expect(read).toBeUndefined();
    expect(calls(state).read - before).toBe(1 + SHARDS);
  });

  it('reads the articles back in key order, whichever shards hold them', async () => {
    // Arrange: keys that sort one way and hash into shards another (a run takes them in this order).
    const state = new MemoryStorage();
    const keys = fc.sample(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '新', '/', '0'), minLength: 1, maxLength: 12 }), { numRuns: 400, seed: 7 });
    const articles = new Map([...new Set(keys)].sort().map((key, n): [string, ManifestArticle] => [key, record(n)]));
    expect(new Set([...articles.keys()].map(shardOf)).size).toBe(SHARDS);
    // Act
    await writeManifest(state, { ...manifestOf(0), articles }, undefined);
    const read = await readManifest(state);
    // Assert
    expect([...(read?.manifest.articles.keys() ?? [])]).toEqual([...articles.keys()]);
    expect(read?.manifest.articles).toEqual(articles);
  });

  it("a one-article change rewrites that article's shard and the head, and removes the shard's old copy", async () => {
    // Arrange
    const state = new MemoryStorage();
    const stored = await writeManifest(state, manifestOf(500), undefined);
    const read = await readManifest(state);
    if (!read) throw new Error('no manifest');
    const before = calls(state);
    const key = 'content/en/a-0042.md';
    // Act: the run reuses every other record object as read.
    const next: Manifest = { ...read.manifest, articles: new Map([...read.manifest.articles, [key, record(9999)]]) };
    await writeManifest(state, next, read);
    // Assert
    const written = calls(state).write - before.write;
    expect(written).toBe(2); // the shard, then the head
    expect(calls(state).delete - before.delete).toBe(1);
    const names = [...state.snapshot().keys()].filter((k) => k.startsWith('manifest/'));
    expect(names).toHaveLength(SHARDS);
    expect(names.filter((n) => !stored.shards.some((s) => s?.name === n))).toEqual([expect.stringContaining(`articles-${shardOf(key).toString(16)}-`)]);
    expect((await readManifest(state))?.manifest).toEqual(next);
  });

  it('writes nothing when nothing changed', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(100), undefined);
    const read = await readManifest(state);
    if (!read) throw new Error('no manifest');
    const before = calls(state);
    await writeManifest(state, { ...read.manifest }, read);
    expect(calls(state).write - before.write).toBe(0);
    expect(calls(state).delete - before.delete).toBe(0);
  });

  it('a run that dies after writing shards and before the head leaves the previous manifest whole', async () => {
    const state = new MemoryStorage();
    const first = manifestOf(200);
    await writeManifest(state, first, undefined);
    const read = await readManifest(state);
    if (!read) throw new Error('no manifest');
    // A store whose head write fails: the new shards land, the head does not.
    const failing = Object.assign(Object.create(state) as MemoryStorage, {
      write: async (request: Parameters<MemoryStorage['write']>[0]) => {
        if (request.key === MANIFEST_KEY) throw new Error('head write failed');
        return state.write(request);
      },
    });
    const next: Manifest = { ...first, articles: new Map([...read.manifest.articles, ['content/en/new.md', record(1)]]) };
    await expect(writeManifest(failing, next, read)).rejects.toThrow('head write failed');
    expect((await readManifest(state))?.manifest).toEqual(first);
  });

  it('a shard gone or unreadable: the rest of the manifest, without its articles, marked unfinished (a full run follows)', async () => {
    const state = new MemoryStorage();
    const written = manifestOf(50);
    await writeManifest(state, written, undefined);
    const shard = [...state.snapshot().keys()].find((k) => k.startsWith('manifest/') && state.snapshot().get(k)?.body.byteLength);
    if (!shard) throw new Error('no shard');
    const lost = [...written.articles.keys()].filter((key) => shard.startsWith(`manifest/articles-${shardOf(key).toString(16)}-`));
    expect(lost.length).toBeGreaterThan(0);
    const kept = new Map([...written.articles].filter(([key]) => !lost.includes(key)));
    for (const damage of [() => state.write({ key: shard, body: 'not gzip', contentType: '', cacheControl: '' }), () => state.delete(shard)]) {
      await damage();
      const read = await readManifest(state);
      expect(read?.manifest).toEqual({ ...written, articles: kept, unfinished: true });
      // Stored again, the lost shard is named as empty, not as the missing one.
      expect(read?.shards.filter((s) => s.name === shard)).toEqual([]);
    }
  });

  it('a first head write (no head read) creates the head only where there is none, and replaces one this version cannot read', async () => {
    // Two first runs: the second to write its head is refused, and the first one's stands.
    const state = new MemoryStorage();
    const first = await writeManifest(state, manifestOf(3), undefined);
    const stored = state.snapshot().get(MANIFEST_KEY)?.body;
    await expect(writeManifest(state, manifestOf(4), undefined)).rejects.toBeInstanceOf(WriteConflictError);
    expect(state.snapshot().get(MANIFEST_KEY)?.body).toEqual(stored);
    expect(first.version).toBeDefined();
    // A head this version cannot read (damaged, a format it does not know) reads as none, and is replaced.
    for (const body of ['not gzip', gzipSync(JSON.stringify({ format: 'feedpub-manifest/9', configHash: 'c', articles: {}, feeds: {} }))]) {
      const old = new MemoryStorage();
      await old.write({ key: MANIFEST_KEY, body, contentType: '', cacheControl: '' });
      expect(await readManifest(old)).toBeUndefined();
      await writeManifest(old, manifestOf(5), undefined);
      expect((await readManifest(old))?.manifest).toEqual(manifestOf(5));
    }
  });

  it('an unreadable manifest, or one of a format this version does not know, reads as none (a full run follows)', async () => {
    const state = new MemoryStorage();
    expect(await readManifest(state)).toBeUndefined();
    await state.write({ key: MANIFEST_KEY, body: 'not gzip', contentType: '', cacheControl: '' });
    expect(await readManifest(state)).toBeUndefined();
    const old = new MemoryStorage();
    await old.write({
      key: MANIFEST_KEY,
      body: gzipSync(JSON.stringify({ format: 'feedpub-manifest/9', configHash: 'c', articles: {}, feeds: {} })),
      contentType: '',
      cacheControl: '',
    });
    expect(await readManifest(old)).toBeUndefined();
  });

  it('encodes against the previous manifest, told the changed keys or not, exactly what it encodes from scratch, reusing the shards no change touched (property)', () => {
    const key = fc.integer({ min: 0, max: 300 }).map((n) => `content/en/${n % 7}/a-${n}.md`);
    const change = fc.record({ key, kind: fc.constantFrom('add', 'remove', 'replace', 'same') });
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 120 }), fc.array(change, { maxLength: 8 }), (keys, changes) => {
        const before = new Map([...keys].sort().map((k, n): [string, ManifestArticle] => [k, record(n)]));
        const previous = encodeManifest({ ...manifestOf(0), articles: before }, undefined).stored;
        const next = new Map(previous.manifest.articles);
        changes.forEach(({ key: k, kind }, n) => {
          if (kind === 'remove') next.delete(k);
          else if (kind === 'replace' || (kind === 'add' && !next.has(k))) next.set(k, record(1000 + n));
          else if (kind === 'same' && next.has(k)) next.set(k, { ...(next.get(k) as ManifestArticle) });
        });
        const articles = new Map([...next].sort(([a], [b]) => (a < b ? -1 : 1)));
        const incremental = encodeShards(articles, previous);
        const hinted = encodeShards(
          articles,
          previous,
          changes.map((c) => c.key),
        );
        const scratch = encodeShards(articles, undefined);
        expect(incremental.shards.map((s) => [s.name, [...s.records]])).toEqual(scratch.shards.map((s) => [s.name, [...s.records]]));
        expect(hinted.shards.map((s) => [s.name, [...s.records]])).toEqual(scratch.shards.map((s) => [s.name, [...s.records]]));
        expect(hinted.shardWrites.map((w) => w.key)).toEqual(incremental.shardWrites.map((w) => w.key));
        const touched = new Set(changes.map((c) => shardOf(c.key)));
        incremental.shards.forEach((shard, i) => {
          if (!touched.has(i)) expect(shard).toBe(previous.shards[i]);
        });
        const rewritten = new Set(incremental.shardWrites.map((w) => w.key));
        incremental.shards.forEach((shard, i) => {
          expect(rewritten.has(shard.name)).toBe(shard.name !== '' && shard.name !== previous.shards[i]?.name);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('spreads keys over every shard', () => {
    const used = new Set(Array.from({ length: 1000 }, (_, n) => shardOf(`content/zh-CN/news/${n}.md`)));
    expect(used.size).toBe(SHARDS);
  });

  it("keeps every field of the sample site's articles, optional ones and problems included", async () => {
    // Arrange: a real run's manifest (entries with and without image and expiry, rejected files with problems).
    const state = new MemoryStorage();
    await rebuild(memoryDeps(sampleSource(), SAMPLE_NOW, { state }));
    const first = await readManifest(state);
    if (!first) throw new Error('no manifest');
    const records = [...first.manifest.articles.values()];
    expect(records.some((r) => r.entry?.image !== undefined)).toBe(true);
    expect(records.some((r) => r.entry?.expiresAt !== undefined)).toBe(true);
    expect(records.some((r) => r.problems !== undefined)).toBe(true);
    expect(records.some((r) => r.list?.title !== undefined)).toBe(true);
    // Act: store it again from scratch, with a record whose entry hash differs from its file hash, and
    // `local` entries (`_build.list: local`) with and without such a hash, one with a `_build` of its own
    // (`local: false`), one with `:sections` permalinks, ref shortcodes with and without those, and param
    // shortcodes' values with and without refs.
    const [odd, local, both, nested, own, refs, refsNested, params, paramsRefs] = [...first.manifest.articles].filter(([, r]) => r.entry);
    if (!odd || !local || !both || !nested || !own || !refs || !refsNested || !params || !paramsRefs) throw new Error('too few entries');
    const changed = (record: ManifestArticle, change: Partial<ArticleEntry>): ManifestArticle => ({
      ...record,
      entry: { ...(record.entry as ArticleEntry), ...change },
    });
    const manifest: Manifest = {
      ...first.manifest,
      articles: new Map([
        ...first.manifest.articles,
        [odd[0], changed(odd[1], { hash: 'f'.repeat(64) })],
        [local[0], changed(local[1], { local: true })],
        [both[0], changed(both[1], { hash: 'e'.repeat(64), local: true })],
        [nested[0], changed(nested[1], { sectionUrls: ['https://example.org/news/a/', 'https://example.org/news/world/a/'] })],
        [own[0], changed(own[1], { local: false })],
        [refs[0], changed(refs[1], { refs: [{ path: 'b.md#x', line: 9 }] })],
        [refsNested[0], changed(refsNested[1], { local: true, sectionUrls: ['https://example.org/a/'], refs: [{ path: '/news/c', lang: 'fr', line: 12 }] })],
        [
          params[0],
          changed(params[1], {
            params: [
              ['author', 'A'],
              ['__proto__', 'p'],
            ],
          }),
        ],
        [paramsRefs[0], changed(paramsRefs[1], { refs: [{ path: 'b.md', line: 3 }], params: [['Social.Twitter', 't']] })],
        // A page in no feed (`quiet`, with and without times, with and without terms), and a record with a
        // list page's fields too (none has both: the quiet page's are written after the list page's place).
        ['content/en/docs/undated.md', { hash: 'd'.repeat(64), problems: [], quiet: { lang: 'en', section: 'docs' } }],
        [
          'content/en/docs/tagged.md',
          { hash: 'c'.repeat(64), problems: [], quiet: { lang: 'en', section: '', terms: { tags: ['Go', 'solo'], categories: ['Notes'] } } },
        ],
        ...[...first.manifest.articles]
          .filter(([, r]) => r.list !== undefined)
          .slice(0, 1)
          .map(([key, r]): [string, ManifestArticle] => [
            key,
            { ...r, quiet: { lang: 'en', section: 'news', draft: true, publishAt: 1, expiresAt: 2, states: 3 } },
          ]),
        // A list page's cascade (with a target, dates and terms) and the keys it settles.
        [
          'content/en/legacy/_index.md',
          {
            hash: 'b'.repeat(64),
            problems: [],
            list: {
              title: 'L',
              states: 33,
              cascade: [
                { target: { path: '/legacy/**', kind: 'page' }, draft: true, build: {} },
                { dates: { date: { ms: 5, offset: 540 }, pubdate: { ms: 6 } }, terms: { tags: ['Go'], series: [] } },
              ],
            },
          },
        ],
        // Where a page's dates come from (with and without `states` before it), and a page without a date of its
        // own, which a cascade may date: its entry in the row, read back as the record's `undated`.
        [own[0], changed(own[1], { local: false, dates: { ranks: [1, 0, 3, -1], lastmod: 7, empty: ['date'], link: { slug: 'bee' } } })],
        [refs[0], changed(refs[1], { refs: [{ path: 'b.md#x', line: 9 }], states: 64, dates: { ranks: [0, 3, 0, 1] } })],
        // An HTML body (`markup: html`), alone and after the dates.
        [nested[0], changed(nested[1], { markup: 'html' })],
        [paramsRefs[0], changed(paramsRefs[1], { params: [['a', 'b']], dates: { ranks: [0, 3, 0, 1] }, markup: 'html' })],
        [
          'content/en/docs/dateless.md',
          {
            hash: 'a'.repeat(64),
            problems: [],
            undated: { ...(odd[1].entry as ArticleEntry), key: 'content/en/docs/dateless.md', dates: { ranks: [-1, -1, -1, -1], link: {} } },
            quiet: { lang: 'en', section: 'docs', terms: { tags: [] } },
          },
        ],
      ]),
    };
    const fresh = new MemoryStorage();
    await writeManifest(fresh, manifest, undefined);
    // Assert
    expect((await readManifest(fresh))?.manifest).toEqual(manifest);
  });

  it('stores one row per line and reads a shard a piece of lines at a time, whatever its strings hold', async () => {
    // Arrange: titles made of what could be taken for row boundaries (brackets, commas, escaped newlines)
    // and CJK (six bytes each, escaped), enough rows that every shard spans several 64 KiB pieces.
    const state = new MemoryStorage();
    const base = manifestOf(0);
    const titles = fc.sample(fc.string({ unit: fc.constantFrom('],[', ',', '\n', '\\', '"', '新', 'a', ']', '['), maxLength: 60 }), {
      numRuns: 12000,
      seed: 11,
    });
    const articles = new Map<string, ManifestArticle>();
    titles.forEach((title, n) => {
      const key = `content/zh-CN/news/${String(n).padStart(5, '0')}.md`;
      const entry = {
        key,
        hash: 'h',
        id: `urn:uuid:${n}`,
        lang: 'zh-cn',
        translationKey: key,
        title,
        published: n,
        updated: n,
        publishAt: n,
        draft: false,
        terms: { tags: [title] },
        authors: [],
        section: 'news',
        url: `https://example.org/${n}/`,
      };
      articles.set(key, { version: `"${n}"`, hash: 'h', entry: entry as ArticleEntry });
    });
    const manifest: Manifest = { ...base, articles };
    // Act
    await writeManifest(state, manifest, undefined);
    const read = await readManifest(state);
    // Assert
    const shards = [...state.snapshot()].filter(([key]) => key.startsWith('manifest/')).map(([, object]) => gunzipSync(object.body).toString('latin1'));
    expect(Math.min(...shards.map((text) => text.length))).toBeGreaterThan(2 * 64 * 1024);
    expect(shards.every((text) => text.split('\n').length === JSON.parse(text).length)).toBe(true);
    expect(read?.manifest).toEqual(manifest);
  });

  it('reads a shard stored with its rows on one line, as feedpub stored them before', async () => {
    const state = new MemoryStorage();
    const manifest = manifestOf(3000);
    await writeManifest(state, manifest, undefined);
    for (const [key, object] of state.snapshot()) {
      if (!key.startsWith('manifest/')) continue;
      const oneLine = JSON.stringify(JSON.parse(gunzipSync(object.body).toString('latin1')));
      await state.write({ key, body: gzipSync(oneLine), contentType: '', cacheControl: '' });
    }
    expect((await readManifest(state))?.manifest).toEqual(manifest);
  });

  it('reads a shard whose lines are not rows, or not JSON, as none (the manifest as unfinished)', async () => {
    for (const text of ['[[1,\n2]]', '[["k",null,"h",null,null],\n', '{"a":1,\n"b":2}', '[\n]x']) {
      const state = new MemoryStorage();
      await writeManifest(state, manifestOf(50), undefined);
      const shard = [...state.snapshot().keys()].find((k) => k.startsWith('manifest/') && state.snapshot().get(k)?.body.byteLength);
      if (!shard) throw new Error('no shard');
      await state.write({ key: shard, body: gzipSync(text), contentType: '', cacheControl: '' });
      const read = await readManifest(state);
      expect(read?.manifest.unfinished).toBe(true);
      expect(read?.manifest.articles.size).toBeLessThan(50);
    }
  });

  it('stores ASCII (CJK as \\u escapes), and still reads a manifest stored as UTF-8 by an earlier feedpub', async () => {
    // Arrange: the sample site has Chinese titles, summaries and terms.
    const state = new MemoryStorage();
    await rebuild(memoryDeps(sampleSource(), SAMPLE_NOW, { state }));
    const first = await readManifest(state);
    if (!first) throw new Error('no manifest');
    const blobs = [...state.snapshot()]
      .filter(([key]) => key === MANIFEST_KEY || key.startsWith('manifest/'))
      .map(([key, object]): [string, Uint8Array] => [key, object.body]);
    expect(blobs.length).toBeGreaterThan(2);
    expect(blobs.every(([, bytes]) => isAscii(gunzipSync(bytes)))).toBe(true);
    expect(JSON.stringify(first.manifest)).toMatch(/[\u4e00-\u9fff]/);
    // Act: the same manifest as earlier versions stored it, UTF-8 JSON (each of the head's two lines;
    // a shard's rows on one line).
    const asUtf8 = (key: string, bytes: Uint8Array): Buffer => {
      const text = gunzipSync(bytes).toString('latin1');
      const lines = key === MANIFEST_KEY ? text.split('\n') : [text];
      return gzipSync(lines.map((line) => JSON.stringify(JSON.parse(line))).join('\n'));
    };
    const utf8 = new MemoryStorage(blobs.map(([key, bytes]) => [key, asUtf8(key, bytes)]));
    expect(blobs.some(([key]) => !isAscii(gunzipSync(utf8.snapshot().get(key)?.body ?? new Uint8Array())))).toBe(true);
    // Assert
    expect((await readManifest(utf8))?.manifest).toEqual(first.manifest);
  });
});

describe('the manifest as stored: what a run writes and what it accepts back', () => {
  /** A stored head made of two JSON lines, as `encodeHead` writes them. */
  const headOf = (index: unknown, rest: unknown): Buffer => gzipSync(`${JSON.stringify(index)}\n${JSON.stringify(rest)}`);
  const names = Array.from({ length: SHARDS }, () => '');

  it('names the format on the head first line, and keeps every key in the shard earlier versions put it in', async () => {
    const state = new MemoryStorage();
    await writeManifest(state, manifestOf(3), undefined);
    const first = gunzipSync(state.snapshot().get(MANIFEST_KEY)?.body ?? new Uint8Array())
      .toString('latin1')
      .split('\n')[0];
    expect(first).toMatch(/^\{"format":"feedpub-manifest\/8","articleShards":\[/);
    // FNV-1a of the key: a manifest written by an earlier feedpub has each key in this shard.
    expect(['content/en/posts/a.md', 'content/zh-CN/news/新闻.md', 'x', ''].map(shardOf)).toEqual([11, 10, 7, 5]);
  });

  it('names a shard by its bytes, leaves an empty one unnamed and unwritten, and deletes nothing on a first write', async () => {
    const state = new MemoryStorage();
    const stored = await writeManifest(state, manifestOf(1), undefined);
    const named = stored.shards.filter((shard) => shard.name !== '');
    expect(named.map((shard) => shard.name)).toEqual([expect.stringMatching(/^manifest\/articles-[0-9a-f]-[0-9a-f]{20}\.json\.gz$/)]);
    expect(calls(state)).toEqual({ read: 0, write: 2, delete: 0 });
    expect(encodeManifest(manifestOf(1), undefined).deletes).toEqual([]);
  });

  it('deletes only the shards the new head no longer names, never an empty one', async () => {
    // One article (15 empty shards), then 500 (none empty): the one shard named before is replaced.
    const state = new MemoryStorage();
    const stored = await writeManifest(state, manifestOf(1), undefined);
    const before = calls(state);
    const next = manifestOf(500);
    const write = encodeManifest(next, stored);
    expect(write.stored.shards.every((shard) => shard.name !== '')).toBe(true);
    expect(write.deletes).toEqual(stored.shards.filter((shard) => shard.name !== '').map((shard) => shard.name));
    await writeManifest(state, next, stored);
    expect(calls(state).delete - before.delete).toBe(1);
  });

  it('returns the stored manifest, with nothing to write or delete, when the head is the same', async () => {
    const state = new MemoryStorage();
    const stored = await writeManifest(state, manifestOf(10), undefined);
    const again = { ...stored.manifest, articles: new Map(stored.manifest.articles) };
    expect(encodeManifest(again, stored)).toEqual({ shardWrites: [], deletes: [], stored });
    expect(await writeManifest(state, again, stored)).toBe(stored);
  });

  it('uses shards encoded early only for these very articles against these very shards', () => {
    const previous = encodeManifest(manifestOf(40), undefined).stored;
    const next: Manifest = { ...previous.manifest, articles: new Map([...previous.manifest.articles, ['content/en/new.md', record(1)]]) };
    const scratch = encodeManifest(next, undefined);
    const names = (write: { readonly shardWrites: readonly { readonly key: string }[] }): string[] => write.shardWrites.map((w) => w.key);
    // Encoded early for a first run (no previous manifest): used as they are.
    const first = encodeShards(next.articles, undefined);
    expect(names(encodeManifest(next, undefined, first))).toEqual(names(scratch));
    // Encoded against the previous manifest, but the head goes over none: every shard is written.
    const against = encodeShards(next.articles, previous);
    expect(names(against).length).toBe(1);
    expect(names(encodeManifest(next, undefined, against))).toEqual(names(scratch));
    // Encoded for other articles: not used.
    const other = encodeShards(manifestOf(5).articles, previous);
    const write = encodeManifest(next, previous, other);
    expect(write.stored.shards.map((s) => s.name)).toEqual(scratch.stored.shards.map((s) => s.name));
  });

  it('stores every combination of an entry optional fields and reads it back', async () => {
    const entry: ArticleEntry = {
      key: 'content/en/a.md',
      hash: 'a'.repeat(64),
      id: 'urn:x:a',
      lang: 'en',
      translationKey: 'a',
      section: 'posts',
      title: 'A',
      published: 1,
      updated: 2,
      publishAt: 1,
      draft: false,
      terms: {},
      authors: [],
      url: 'https://example.org/a/',
    };
    const optional: Partial<ArticleEntry>[] = [
      { hash: 'e'.repeat(64) },
      { local: true },
      { sectionUrls: ['https://example.org/news/a/'] },
      { refs: [{ path: 'b.md', line: 3 }] },
      { params: [['author', 'A']] },
      { idOther: 'urn:uuid:00000000-0000-5000-8000-000000000000' },
      { states: 5 },
    ];
    const articles = new Map<string, ManifestArticle>();
    for (let mask = 0; mask < 2 ** optional.length; mask++) {
      const key = `content/en/${String(mask).padStart(2, '0')}.md`;
      const fields = optional.filter((_, i) => (mask >> i) & 1);
      articles.set(key, { hash: 'a'.repeat(64), entry: Object.assign({}, entry, { key }, ...fields) as ArticleEntry });
    }
    const state = new MemoryStorage();
    await writeManifest(state, { ...manifestOf(0), articles }, undefined);
    expect((await readManifest(state))?.manifest.articles).toEqual(articles);
  });

  it('stores the articles in key order whatever order a run gives them in', () => {
    const sorted = manifestOf(60).articles;
    const reversed = new Map([...sorted].reverse());
    const names = (articles: ReadonlyMap<string, ManifestArticle>): string[] => encodeShards(articles, undefined).shards.map((s) => s.name);
    expect(names(reversed)).toEqual(names(sorted));
    const first = encodeShards(reversed, undefined).shards.find((s) => s.records.size > 1);
    expect([...(first?.records.keys() ?? [])]).toEqual([...(first?.records.keys() ?? [])].sort());
  });

  it('joins shards that both hold a key (a hand-edited head) into one record of it, the later shard’s, in key order', () => {
    // Arrange: slots 2 and 9 both hold content/en/b.md, each with its own record.
    const shards = Array.from({ length: SHARDS }, () => new Map<string, ManifestArticle>());
    shards[2] = new Map([
      ['content/en/a.md', record(1)],
      ['content/en/b.md', record(2)],
    ]);
    shards[9] = new Map([
      ['content/en/b.md', record(3)],
      ['content/en/c.md', record(4)],
    ]);
    const head = { ...manifestOf(0), articleShards: shards.map(() => '') };
    // Act
    const { articles } = joinManifest(new Uint8Array(0), head, shards).manifest;
    // Assert
    expect([...articles]).toEqual([
      ['content/en/a.md', record(1)],
      ['content/en/b.md', record(3)],
      ['content/en/c.md', record(4)],
    ]);
  });

  it('reads a head only with its format, 16 shard names, a config hash and feeds', () => {
    const rest = { configHash: 'c', feeds: {} };
    const index = { format: MANIFEST_FORMAT, articleShards: names };
    expect(readHead(headOf(index, rest))).toEqual({ format: MANIFEST_FORMAT, articleShards: names, ...rest });
    for (const articleShards of [names.slice(1), [5, ...names.slice(1)], Array.from({ length: SHARDS }, () => 5)]) {
      expect(openManifestHead(headOf({ ...index, articleShards }, rest))).toBeUndefined();
    }
    for (const bad of [{ feeds: {} }, { configHash: 1, feeds: {} }, { configHash: 'c' }, { configHash: 'c', feeds: 'x' }]) {
      expect(readHead(headOf(index, bad))).toBeUndefined();
    }
    expect(readHead(undefined)).toBeUndefined();
    expect(readHead(gzipSync('not a head'))).toBeUndefined();
  });

  it('reads no shard that is not an array of rows with a string key and hash', () => {
    const row = '["content/a.md",null,"h",null,null]';
    expect(decodeShard(gzipSync(`[${row},\n${row.replace('a.md', 'b.md')}]`))?.size).toBe(2);
    for (const text of [`x${row},\n${row}]`, `[${row},\n[1,null,"h",null,null]]`, `[${row},\n["k",null,1,null,null]]`]) {
      expect(decodeShard(gzipSync(text))).toBeUndefined();
    }
  });

  it('reads a shard an earlier feedpub stored as UTF-8 with one row per line', () => {
    const row = (key: string): string =>
      JSON.stringify([key, null, 'h', ['urn:x', 'zh-cn', key, '新闻 ü', 1, 1, 1, null, false, {}, [], null, 'news', 'u'], null]);
    const records = decodeShard(gzipSync(Buffer.from(`[${row('a')},\n${row('b')}]`, 'utf8')));
    expect([...(records?.values() ?? [])].map((r) => r.entry?.title)).toEqual(['新闻 ü', '新闻 ü']);
  });
});

describe('gunzipChunk', () => {
  it('asks zlib for the size the gzip trailer records in one piece, within 16 KiB and 64 MiB', () => {
    expect(gunzipChunk(gzipSync(Buffer.alloc(1_400_000, 'a')))).toBe(1_400_001);
    expect(gunzipChunk(gzipSync(''))).toBe(16 * 1024);
    expect(gunzipChunk(new Uint8Array(5))).toBe(16 * 1024);
    expect(gunzipChunk(new Uint8Array(2))).toBe(16 * 1024);
    // Shorter than any gzip (18 bytes: header and trailer), whatever its last bytes claim; from 18 bytes, the trailer.
    expect(gunzipChunk(Buffer.concat([Buffer.alloc(13), Buffer.from([0, 0, 1, 0])]))).toBe(16 * 1024);
    expect(gunzipChunk(Buffer.concat([Buffer.alloc(14), Buffer.from([0, 0, 1, 0])]))).toBe(65_537);
    const claimsFourGigabytes = Buffer.concat([gzipSync('{}').subarray(0, -4), Buffer.from([0xff, 0xff, 0xff, 0xff])]);
    expect(gunzipChunk(claimsFourGigabytes)).toBe(64 * 2 ** 20);
  });
});

describe('asciiJson', () => {
  it('writes any JSON value as ASCII that parses back to the same value', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('新', 'é', '\u{1F600}', '\uD800', '\uDFFF', '"', '\\', '\u0000', '\u007F', '\u0080', '\u07FF', '\u0800', '\uFFFF') }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node')),
        fc.dictionary(text, tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const bytes = asciiJson(v);
        expect(isAscii(bytes)).toBe(true);
        expect(JSON.parse(bytes.toString('latin1'))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
    // A value JSON has no text for (undefined) is written as null.
    expect(asciiJson(undefined).toString()).toBe('null');
  });
});
