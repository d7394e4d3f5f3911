import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { inProcessCompute } from '../../src/compute.js';
import { CdnError, RunLimitError, StorageError } from '../../src/errors.js';
import type { Compute, Storage, WriteRequest } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles, sampleSource } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

const OPENAI_EN = 'content/en/news/world/openai-funding.en.md';
const RUST = 'content/en/news/tech/toml-front-matter.en.md';

/** A clean build of whatever `source` holds now: what every incremental run must converge to. */
const cleanBuild = (source: MemoryStorage): Promise<Map<string, string>> => cleanBuildOf(source, SAMPLE_NOW);

/** `target`, with every write after the first `writes` failing as a crash would stop the run there. */
function crashingAfter(target: Storage, writes: number): Storage {
  let done = 0;
  return {
    list: (p) => target.list(p),
    read: (k) => target.read(k),
    delete: (k) => target.delete(k),
    write: async (request: WriteRequest) => {
      if (++done > writes) throw new StorageError('write', request.key, { cause: new Error('simulated crash') });
      return await target.write(request);
    },
  };
}

describe('reconcile: incremental runs converge to the bytes of a clean build', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let state: MemoryStorage;
  let invalidations: string[][];
  let deps: RebuildDeps;

  beforeEach(async () => {
    // Prepare: a first full run over the sample site.
    source = sampleSource();
    target = new MemoryStorage();
    state = new MemoryStorage();
    invalidations = [];
    deps = memoryDeps(source, SAMPLE_NOW, { target, state, cdn: { invalidate: async (paths) => void invalidations.push([...paths]) } });
    await rebuild(deps);
    invalidations = [];
  });

  function counts(storage: MemoryStorage): { list: number; read: number; write: number; delete: number } {
    const { list, read, write, delete: del } = storage.calls;
    return { list, read, write, delete: del };
  }

  it('a run with nothing changed reads no article, writes nothing and invalidates nothing', async () => {
    const before = { source: counts(source), target: counts(target), state: counts(state) };
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(0);
    expect(report.written).toEqual([]);
    expect(report.deleted).toEqual([]);
    expect(invalidations).toEqual([]);
    expect(counts(target).write - before.target.write).toBe(0);
    expect(counts(state).write - before.state.write).toBe(0);
    expect(counts(source).read - before.source.read).toBe(0); // not even hugo.toml: its change token is unchanged
  });

  it('an update rewrites exactly the feeds that list the article, reading only that article', async () => {
    const text =
      source.text(OPENAI_EN)?.replace('OpenAI nears the largest funding round in history', 'OpenAI closes the largest funding round in history') ?? '';
    await source.write({ key: OPENAI_EN, body: text, contentType: 'text/markdown', cacheControl: '' });
    const readsBefore = counts(source).read;
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(1);
    expect(counts(source).read - readsBefore).toBe(1); // the changed article only
    const dirs = ['', 'all/', 'categories/world-news/', 'news/', 'tags/ai/', 'tags/venture-capital/'];
    expect(report.written).toEqual(dirs.flatMap((d) => ['atom.xml', 'feed.json', 'index.xml'].map((f) => d + f)).sort());
    expect(invalidations).toEqual([report.written.map((p) => `/${p}`)]);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('a delete removes the article everywhere and deletes feeds left empty', async () => {
    await source.delete(OPENAI_EN);
    const report = await rebuild(deps);
    expect(report.deleted).toEqual(['tags/venture-capital/atom.xml', 'tags/venture-capital/feed.json', 'tags/venture-capital/index.xml']);
    const files = textFiles(target);
    expect([...files.values()].some((body) => body.includes('openai-funding/"') || body.includes('/news/world/openai-funding/<'))).toBe(false);
    expect(files).toEqual(await cleanBuild(source));
    expectValidFeeds(files, 'https://news.example.org/');
  });

  it('a repeated or stale event after convergence writes nothing new', async () => {
    await source.delete(OPENAI_EN);
    await rebuild(deps);
    invalidations = [];
    for (let i = 0; i < 3; i++) {
      const report = await rebuild(deps);
      expect(report.written).toEqual([]);
      expect(report.deleted).toEqual([]);
    }
    expect(invalidations).toEqual([]);
  });

  it('a config change re-renders every feed and still writes only changed bytes', async () => {
    const config = source.text('hugo.toml')?.replace('limit = 20', 'limit = 1') ?? '';
    await source.write({ key: 'hugo.toml', body: config, contentType: 'application/toml', cacheControl: '' });
    const report = await rebuild(deps);
    expect(report.rendered).toBe(report.feeds);
    expect(report.articles.parsed).toBe(report.articles.total);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('renaming a taxonomy singular (which no feed reads) renders nothing again; renaming its plural does', async () => {
    const edit = (from: string, to: string) =>
      source.write({ key: 'hugo.toml', body: source.text('hugo.toml')?.replace(from, to) ?? '', contentType: 'application/toml', cacheControl: '' });
    await edit('tag = "tags"', 'label = "tags"');
    const renamed = await rebuild(deps);
    expect([renamed.rendered, renamed.articles.parsed, renamed.written]).toEqual([0, 0, []]);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
    await edit('category = "categories"', 'category = "sections"');
    const moved = await rebuild(deps);
    expect(moved.rendered).toBe(moved.feeds);
  });

  it('a run killed half-way leaves valid feeds, and the next run repairs everything', async () => {
    const text = source.text(OPENAI_EN)?.replace('SoftBank is close', 'SoftBank is now close') ?? '';
    await source.write({ key: OPENAI_EN, body: text, contentType: 'text/markdown', cacheControl: '' });
    const failing = crashingAfter(target, 4);
    await expect(rebuild({ ...deps, target: failing })).rejects.toThrow(StorageError);
    expectValidFeeds(textFiles(target), 'https://news.example.org/');
    await rebuild(deps);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('a run that fails at the invalidation, after writing and deleting: the next run invalidates those paths without writing them again', async () => {
    // Prepare: an edit and a delete (which empties the venture-capital feeds); the CDN refuses once.
    const text = source.text(RUST)?.replace('The Rust team shipped', 'The Rust team has shipped') ?? '';
    expect(text).toContain('has shipped');
    await source.write({ key: RUST, body: text, contentType: 'text/markdown', cacheControl: '' });
    await source.delete(OPENAI_EN);
    const refused: string[][] = [];
    const failingCdn = {
      invalidate: async (paths: readonly string[]) => {
        refused.push([...paths]);
        throw new CdnError('CloudFront invalidation failed: simulated');
      },
    };
    await expect(rebuild({ ...deps, cdn: failingCdn })).rejects.toThrow(CdnError);
    const [missed = []] = refused;
    expect(missed.length).toBeGreaterThan(3);
    expect(missed).toContain('/tags/venture-capital/index.xml'); // deleted, and the failed run deleted it
    expect(target.text('tags/venture-capital/index.xml')).toBeUndefined();
    const writesBefore = counts(target).write;
    // Act: the next run finds the new bytes already published, under change tokens no manifest records.
    const report = await rebuild(deps);
    // Assess: nothing written again, every path the failed run changed invalidated once.
    expect(report.written).toEqual([]);
    expect(report.deleted).toEqual([]);
    expect(counts(target).write).toBe(writesBefore);
    expect([...report.invalidated].sort()).toEqual([...missed].sort());
    expect(invalidations).toEqual([report.invalidated]);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
    // And the run after it is a no-op again.
    invalidations = [];
    const after = await rebuild(deps);
    expect(after.invalidated).toEqual([]);
    expect(invalidations).toEqual([]);
  });

  it('a corrupt or missing manifest falls back to a full run with the same result', async () => {
    await state.write({ key: 'manifest.json.gz', body: 'not gzip', contentType: '', cacheControl: '' });
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(report.articles.total);
    expect(report.written).toEqual([]);
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });
});

describe('diff before write on a fresh state', () => {
  it('a full run over an existing output writes only files whose bytes differ', async () => {
    const first = await buildToMemory(sampleSource(), SAMPLE_NOW);
    const report = await rebuild(memoryDeps(sampleSource(), SAMPLE_NOW, { target: first.target }));
    expect(report.written).toEqual([]);
    expect(report.unchanged).toBe(first.files.size);
    // Files feedpub has no record of writing are not invalidated either.
    expect(report.invalidated).toEqual([]);
  });

  it('a first run that dies after a few writes: the next run invalidates the files it wrote as well as its own', async () => {
    // Prepare: the first run's sixth write to the feeds fails (its write-ahead of paths is in the state).
    const source = sampleSource();
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const failing = crashingAfter(target, 5);
    const base = memoryDeps(source, SAMPLE_NOW, { state });
    await expect(rebuild({ ...base, target: failing })).rejects.toThrow(StorageError);
    const early = [...textFiles(target).keys()];
    expect(early).toHaveLength(5);
    // Act
    const invalidated: string[] = [];
    const report = await rebuild({ ...base, target, cdn: { invalidate: async (paths) => void invalidated.push(...paths) } });
    // Assess: the five are not written again, but invalidated with everything written now.
    for (const path of early) expect(report.written).not.toContain(path);
    expect(invalidated.sort()).toEqual([...textFiles(target).keys()].map((p) => `/${p}`).sort());
  });
});

describe('run limits', () => {
  it('stops a run over its time or memory limit with a clear message, before the manifest is written', async () => {
    let t = SAMPLE_NOW;
    const state = new MemoryStorage();
    const deps = memoryDeps(sampleSource(), () => (t += 1000), { state });
    await expect(rebuild(deps, { limits: { maxRunMs: 5_000 } })).rejects.toThrow(/over its limit of 5000 ms/);
    expect(state.snapshot().has('manifest.json.gz')).toBe(false);
    const memory = { ...deps, clock: () => SAMPLE_NOW, memoryUsage: () => 3 * 2 ** 30 };
    await expect(rebuild(memory, { limits: { maxMemoryBytes: 2 ** 30 } })).rejects.toThrow(/uses 3072 MiB, over its limit of 1024 MiB/);
    expect((await rebuild({ ...deps, clock: () => SAMPLE_NOW }, { limits: { maxRunMs: 60_000 } })).articles.published).toBe(9);
  });

  it('a run stopped by its memory limit between feeds leaves only whole files and no manifest, and the next run finishes', async () => {
    // Arrange: resident memory (as the Lambda reads it) goes over the limit once three files are written.
    const source = sampleSource();
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const limits = { maxMemoryBytes: 2 ** 30 };
    let overFrom = 3;
    const memoryUsage = (): number => (target.snapshot().size >= overFrom ? 3 * 2 ** 30 : 2 ** 20);
    const deps = memoryDeps(source, SAMPLE_NOW, { target, state, memoryUsage });
    const clean = await cleanBuild(source);
    // Act
    const stopped = await rebuild(deps, { limits }).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Assert: stopped while rendering, after some feeds; each file written is whole, and the stored manifest
    // is only the write-ahead, marked unfinished, naming them.
    expect(stopped).toBeInstanceOf(RunLimitError);
    expect(stopped).toMatchObject({ limit: 'memory', message: expect.stringMatching(/^run stopped while rendering feeds: it uses 3072 MiB/) });
    const early = textFiles(target);
    expect(early.size).toBeGreaterThanOrEqual(3);
    expect(early.size).toBeLessThan(clean.size);
    for (const [path, body] of early) expect(body, path).toBe(clean.get(path));
    const writeAhead = (await readManifest(state))?.manifest;
    expect(writeAhead?.unfinished).toBe(true);
    expect(writeAhead?.intents).toEqual(expect.arrayContaining([...early.keys()]));
    // Act: the next run, under the same limit, with memory to spare.
    overFrom = Number.POSITIVE_INFINITY;
    const report = await rebuild(deps, { limits });
    // Assert: it finishes, with the bytes of a clean build.
    expect(report.articles.published).toBe(9);
    expect(textFiles(target)).toEqual(clean);
    expect((await readManifest(state))?.manifest.unfinished).toBeUndefined();
  });
});

describe('duplicate item ids', () => {
  it("a copy that repeats an article's id is held back with a warning: one item per id, feeds valid and updated", async () => {
    // Arrange: an article with an id of its own, and a newer one pasted from it, the id unchanged.
    const source = sampleSource();
    const original = (source.text(OPENAI_EN) ?? '').replace(/^translationKey: .*$/m, 'id: "openai-2025"');
    await source.write({ key: OPENAI_EN, body: original, contentType: 'text/markdown', cacheControl: '' });
    const copy = 'content/en/news/tech/openai-copy.en.md';
    const text = original.replace(/^title: .*$/m, 'title: "A newer article"').replace(/^date: .*$/m, 'date: "2025-02-11 09:00:00"');
    await source.write({ key: copy, body: text, contentType: 'text/markdown', cacheControl: '' });
    // Act
    const { report, files } = await buildToMemory(source, SAMPLE_NOW);
    // Assert: the copy (first by key, but newer) is left out and named; the original keeps its item.
    expect(report.problems).toContainEqual(
      expect.objectContaining({ file: copy, severity: 'warning', rule: 'duplicate-id', message: expect.stringContaining(OPENAI_EN) }),
    );
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: { id: string; title: string }[] };
    expect(feed.items.map((i) => i.title)).toContain('OpenAI nears the largest funding round in history');
    expect(feed.items.map((i) => i.title)).not.toContain('A newer article');
    for (const [path, body] of files) {
      if (!path.endsWith('feed.json')) continue;
      const ids = (JSON.parse(body) as { items: { id: string }[] }).items.map((i) => i.id);
      expect(new Set(ids).size, path).toBe(ids.length);
    }
    expectValidFeeds(files, 'https://news.example.org/');
  });
});

describe('memory bounds', () => {
  it('a site whose files do not fit the budget is read twice where feeds need it, and gives the same bytes', async () => {
    const plain = await buildToMemory(sampleSource(), SAMPLE_NOW);
    const source = sampleSource();
    const target = new MemoryStorage();
    // A compute that records what it was asked for: the parse of the listing asks for no bodies (they
    // are decoded from the kept or re-read bytes when items are made).
    const asked: (boolean | undefined)[] = [];
    const compute: Compute = {
      ...inProcessCompute,
      parse: (site, files, options) => {
        asked.push(options?.withBodies);
        return inProcessCompute.parse(site, files, options);
      },
    };
    const report = await rebuild(memoryDeps(source, SAMPLE_NOW, { target, compute }), { sourceBudgetBytes: 0 });
    expect(asked[0]).toBe(false);
    expect(textFiles(target)).toEqual(plain.files);
    expect(report.articles).toEqual(plain.report.articles);
    // Every published article appears in some feed: each is read a second time.
    const markdownReads = source.calls.read - 1; // the config file
    expect(markdownReads).toBe(report.articles.total + report.articles.published);
  });

  it('files within the budget are kept from parsing to rendering and not read again; past it they are, with the same bytes', async () => {
    const plain = await buildToMemory(sampleSource(), SAMPLE_NOW);
    const reads = async (sourceBudgetBytes?: number): Promise<number> => {
      const source = sampleSource();
      const target = new MemoryStorage();
      const report = await rebuild(memoryDeps(source, SAMPLE_NOW, { target }), sourceBudgetBytes === undefined ? {} : { sourceBudgetBytes });
      expect(textFiles(target)).toEqual(plain.files);
      expect(report.articles).toEqual(plain.report.articles);
      return source.calls.read - 1; // the config file
    };
    const { total, published } = plain.report.articles;
    // The default budget holds the whole sample site: each file is read once.
    expect(await reads()).toBe(total);
    // A budget for about half of it: some published articles are read again, not all.
    const half = await reads(6_000);
    expect(half).toBeGreaterThan(total);
    expect(half).toBeLessThan(total + published);
  });

  it('rendering one feed at a time (items prepared late and let go early) gives the same bytes, first and incremental runs', async () => {
    const plain = await buildToMemory(sampleSource(), SAMPLE_NOW);
    const source = sampleSource();
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target, state });
    await rebuild(deps, { renderChunkFeeds: 1, sourceBudgetBytes: 0 });
    expect(textFiles(target)).toEqual(plain.files);
    const text = source.text(OPENAI_EN)?.replace('nears', 'closes') ?? '';
    await source.write({ key: OPENAI_EN, body: text, contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { renderChunkFeeds: 1 });
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('reads ahead of parsing by a few batches only, however slow parsing is (another thread)', async () => {
    // Prepare: 1,500 articles, and a compute that parses each batch only after a while.
    const files = sampleSiteFiles();
    for (let i = 0; i < 1500; i++) {
      files.set(`content/en/news/bulk/post-${i}.en.md`, `---\ntitle: Post ${i}\ndate: 2025-01-01T00:00:00Z\n---\nBody ${i}.\n`);
    }
    const source = new MemoryStorage(files);
    let readsAtFirstParse: number | undefined;
    const compute: Compute = {
      parse: async (site, batch) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        readsAtFirstParse ??= source.calls.read;
        return inProcessCompute.parse(site, batch);
      },
      prepare: inProcessCompute.prepare,
    };
    // Act
    const report = await rebuild(memoryDeps(source, SAMPLE_NOW, { compute }));
    // Assess: when the first batch came back, reading had stopped a few batches (of 128) ahead, not at the end.
    expect(report.articles.parsed).toBeGreaterThan(1500);
    expect(readsAtFirstParse).toBeGreaterThan(128);
    expect(readsAtFirstParse).toBeLessThan(1000);
  });

  it('tells the compute how many files it is about to parse before it reads the first (threads then boot meanwhile)', async () => {
    const source = sampleSource();
    const told: { items: number; readsBefore: number }[] = [];
    const compute: Compute = { ...inProcessCompute, expect: (items) => void told.push({ items, readsBefore: source.calls.read }) };
    const deps = memoryDeps(source, SAMPLE_NOW, { compute });
    const full = await rebuild(deps);
    const articleFiles = [...source.snapshot().keys()].filter((key) => key.startsWith('content/') && key.endsWith('.md')).length;
    // Config files are read before (they say where the content is); no article is.
    expect(told).toEqual([{ items: articleFiles, readsBefore: 1 }]);
    expect(full.articles.parsed).toBe(articleFiles);
    // A run for one reported key announces one file.
    told.length = 0;
    await rebuild(deps, { changedKeys: [OPENAI_EN] });
    expect(told.map((t) => t.items)).toEqual([1]);
  });

  it('tells the compute while listing, every 500 Markdown files, when it will read every file it lists (not when a manifest spares most)', async () => {
    // Prepare: 1,200 more articles and 300 images beside them (listed, not Markdown).
    const files = sampleSiteFiles();
    for (let i = 0; i < 1200; i++) files.set(`content/en/news/bulk/post-${i}.en.md`, `---\ntitle: Post ${i}\ndate: 2025-01-01T00:00:00Z\n---\nBody.\n`);
    for (let i = 0; i < 300; i++) files.set(`content/en/news/bulk/img-${i}.png`, 'png');
    const source = new MemoryStorage(files);
    const told: { items: number; readsBefore: number }[] = [];
    const compute: Compute = { ...inProcessCompute, expect: (items) => void told.push({ items, readsBefore: source.calls.read }) };
    const deps = memoryDeps(source, SAMPLE_NOW, { compute });
    // Act: a first run (nothing to reuse), then one after an edit.
    await rebuild(deps);
    const first = [...told];
    told.length = 0;
    await source.write({
      key: 'content/en/news/bulk/post-7.en.md',
      body: '---\ntitle: Seven\ndate: 2025-01-01T00:00:00Z\n---\nB.\n',
      contentType: 'text/markdown',
      cacheControl: '',
    });
    await rebuild(deps);
    // Assess: counts of Markdown files listed so far, then the files to parse, all before the first article is read.
    const articleFiles = [...files.keys()].filter((key) => key.startsWith('content/') && key.endsWith('.md')).length;
    expect(first).toEqual([
      { items: 500, readsBefore: 1 },
      { items: 1000, readsBefore: 1 },
      { items: articleFiles, readsBefore: 1 },
    ]);
    expect(told.map((t) => t.items)).toEqual([1]);
  });

  it.each([1, 3])("prepares up to %i chunks' items while a chunk's files are written, each item once, with the same bytes", async (ahead) => {
    // Prepare: two items per feed, and tags t0..t7 that each share an article with the next, so that
    // chunks being prepared at the same time want some of the same articles; a compute that notes which
    // articles it was asked for and how many calls were pending (it is slower than writing a chunk), and a
    // target whose writes take a while.
    const twoItems = (): MemoryStorage => {
      const files = sampleSiteFiles();
      const config = files.get('hugo.toml')?.replace('limit = 20', 'limit = 2') ?? '';
      expect(config).toContain('limit = 2\n');
      files.set('hugo.toml', config);
      for (let i = 0; i < 24; i++) {
        const tags = `["t${i % 8}", "t${(i + 1) % 8}"]`;
        const date = `2025-01-01T${String(i).padStart(2, '0')}:00:00Z`;
        files.set(`content/en/news/chain/post-${i}.en.md`, `---\ntitle: Post ${i}\ndate: ${date}\ntags: ${tags}\n---\nBody ${i}.\n`);
      }
      return new MemoryStorage(files);
    };
    const plain = await buildToMemory(twoItems(), SAMPLE_NOW);
    const asked: string[] = [];
    let pending = 0;
    let mostPending = 0;
    let writes = 0;
    /** For each call to prepare items: how many files had been written before it. */
    const writtenBefore: number[] = [];
    /** For each write: how many calls to prepare items were pending. */
    const pendingAtWrite: number[] = [];
    const compute: Compute = {
      parse: inProcessCompute.parse,
      prepare: async (site, requests) => {
        asked.push(...requests.map((r) => r.article.key));
        writtenBefore.push(writes);
        pending++;
        mostPending = Math.max(mostPending, pending);
        await new Promise((resolve) => setTimeout(resolve, 40));
        pending--;
        return inProcessCompute.prepare(site, requests);
      },
    };
    const target = new MemoryStorage();
    const slow: Storage = {
      list: (prefix) => target.list(prefix),
      read: (key) => target.read(key),
      write: async (request) => {
        pendingAtWrite.push(pending);
        await new Promise((resolve) => setTimeout(resolve, 5));
        writes++;
        return target.write(request);
      },
      delete: (key) => target.delete(key),
    };
    const deps = memoryDeps(twoItems(), SAMPLE_NOW, { target: slow, compute });
    // Act: one feed (three files) per chunk.
    await rebuild(deps, { renderChunkFeeds: 1, prepareAheadChunks: ahead });
    // Assess: the first chunk's items are prepared before anything is written; files are written while
    // later chunks are prepared, never more than `ahead` at a time (and more than one when allowed); no
    // article is prepared twice.
    expect(writtenBefore.length).toBeGreaterThan(3);
    expect(writtenBefore[0]).toBe(0);
    expect(pendingAtWrite.filter((n) => n > 0).length).toBeGreaterThan(2);
    expect(mostPending).toBeLessThanOrEqual(ahead);
    if (ahead > 1) expect(mostPending).toBeGreaterThan(1);
    expect(new Set(asked).size).toBe(asked.length);
    expect(textFiles(target)).toEqual(plain.files);
  });

  it('an edited body is published on incremental runs that keep no bodies (a local build), never the render cache copy', async () => {
    // Arrange: the first run publishes the article; its body is then edited (its title and feeds stay).
    const source = sampleSource();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps, { sourceBudgetBytes: 0 });
    const edit = async (paragraph: string): Promise<void> => {
      await source.write({ key: OPENAI_EN, body: `${source.text(OPENAI_EN) ?? ''}\n${paragraph}\n`, contentType: 'text/markdown', cacheControl: '' });
    };
    // Act + Assert: a full run, then a run for the reported key, each after an edit.
    await edit('First added paragraph.');
    const full = await rebuild(deps, { sourceBudgetBytes: 0 });
    expect(full.articles.parsed).toBe(1);
    expect(target.text('feed.json')).toContain('First added paragraph.');
    expect(textFiles(target)).toEqual(await cleanBuild(source));
    await edit('Second added paragraph.');
    await rebuild(deps, { sourceBudgetBytes: 0, changedKeys: [OPENAI_EN] });
    expect(target.text('index.xml')).toContain('Second added paragraph.');
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('two articles with the same bytes at different paths keep their own links on incremental runs', async () => {
    // Arrange: a copy of an article with a relative link, in another folder (so its link resolves elsewhere).
    const source = sampleSource();
    const original = 'content/en/news/tech/deepseek-r1.en.md';
    const copy = 'content/en/news/world/deepseek-r1.en.md';
    const text = `${source.text(original) ?? ''}\nSee [the notes](notes/).\n`;
    await source.write({ key: original, body: text, contentType: 'text/markdown', cacheControl: '' });
    await source.write({ key: copy, body: text, contentType: 'text/markdown', cacheControl: '' });
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    expect(target.text('feed.json')).toContain('/news/tech/deepseek-r1/notes/');
    expect(target.text('feed.json')).toContain('/news/world/deepseek-r1/notes/');
    // Act: another article changes, so the site feed is rendered again from the render cache.
    const other = RUST;
    await source.write({ key: other, body: `${source.text(other) ?? ''}\nMore.\n`, contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { changedKeys: [other] });
    // Assert
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });

  it('the feed directory is kept while no feed summary changes, restored when edited by hand, and redone when a feed appears', async () => {
    const source = sampleSource();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    const page = target.text('feeds/index.html') ?? '';
    // Edited by hand: its change token differs from the recorded one, so the next run writes it back.
    await target.write({ key: 'feeds/index.html', body: 'defaced', contentType: 'text/html', cacheControl: '' });
    const restored = await rebuild(deps);
    expect(restored.written).toEqual(['feeds/index.html']);
    expect(target.text('feeds/index.html')).toBe(page);
    // A new tag: the directory lists it.
    await source.write({
      key: 'content/en/news/tech/new-tag.en.md',
      body: '---\ntitle: New\ndate: 2025-05-30 10:00:00\ntags: [brand-new-tag]\n---\nHello.\n',
      contentType: '',
      cacheControl: '',
    });
    const grown = await rebuild(deps);
    expect(grown.written).toContain('feeds/index.html');
    expect(target.text('feeds/index.html')).toContain('brand-new-tag');
    expect(textFiles(target)).toEqual(await cleanBuild(source));
  });
});
