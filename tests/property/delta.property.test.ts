import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

/**
 * A run for the keys an event reported trusts the manifest for every other article and renders only the
 * feeds those keys can have changed. Whatever the history of uploads and removals, what it publishes
 * must be what a clean build of the same files publishes, byte for byte. Small sites, a small item limit
 * (so that articles move in and out of feeds), shared dates, translations, drafts, future and expired
 * posts, ids written in front matter (so that duplicates are held back and released), and time passing
 * between events (posts going live and expiring with no article changed).
 */

const NOW = Date.UTC(2025, 2, 1, 12);

/** The site config: the options an event may change (a config upload makes the next run a full one). */
const settings = fc.record({
  archives: fc.boolean(),
  limit: fc.constantFrom(1, 2, 3),
  title: fc.constantFrom('News', 'Nouvelles'),
  formats: fc.constantFrom('["rss", "atom", "json"]', '["atom", "json"]'),
  /** A `:sections` permalink makes links depend on which folders have a list page. */
  sectionsPermalink: fc.boolean(),
});
type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

const config = ({ archives, limit, title, formats, sectionsPermalink }: Settings): string =>
  [
    'baseURL = "https://example.com/"',
    `title = "${title}"`,
    'timeZone = "Asia/Shanghai"',
    'defaultContentLanguage = "en"',
    '[languages.en]',
    'contentDir = "content/en"',
    'weight = 1',
    '[languages.zh-CN]',
    'contentDir = "content/zh-CN"',
    'weight = 2',
    '[feedpub]',
    `limit = ${limit}`,
    `archives = ${archives}`,
    `formats = ${formats}`,
    ...(sectionsPermalink ? ['[permalinks]', 'news = "/:sections/:slug/"'] : []),
    '',
  ].join('\n');

const KEYS = [
  'content/en/news/a.md',
  'content/en/news/b.md',
  'content/en/news/world/c.md',
  'content/en/blog/d.md',
  'content/en/e.md',
  'content/zh-CN/news/a.md',
  'content/zh-CN/news/f.md',
  'content/zh-CN/blog/g.md',
  // A leaf bundle's index and a page beside it (the index turns it into a resource), a list page.
  'content/en/news/h/index.md',
  'content/en/news/h/extra.md',
  'content/en/news/_index.md',
  'content/en/news/world/_index.md',
  'content/en/news/world/deep/i.md',
  'content/en/tags/go/_index.md',
] as const;

const article = fc.record(
  {
    title: fc.constantFrom('Alpha', 'Beta', 'Gamma', '新闻'),
    // Equal dates on purpose: ties are broken by key, in every run alike.
    date: fc.constantFrom('2025-02-01 10:00:00', '2025-02-01 10:00:00', '2025-02-03T08:00:00Z', '2025-02-10', '2025-03-05 09:00:00'),
    lastmod: fc.option(fc.constantFrom('2025-02-20 10:00:00', '2025-02-02'), { nil: undefined }),
    expiryDate: fc.option(fc.constantFrom('2025-02-15', '2025-04-01'), { nil: undefined }),
    draft: fc.boolean(),
    tags: fc.subarray(['go', 'rust', 'ai']),
    categories: fc.subarray(['tech', 'world']),
    translationKey: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
    id: fc.option(fc.constantFrom('urn:x:1', 'urn:x:2'), { nil: undefined }),
    summary: fc.option(fc.constantFrom('Short.', '概要'), { nil: undefined }),
    publishDate: fc.option(fc.constantFrom('2025-02-05', '2025-03-03 08:00:00'), { nil: undefined }),
    slug: fc.option(fc.constantFrom('same', 'other'), { nil: undefined }),
    url: fc.option(fc.constantFrom('/fixed/', '/zh-cn/fixed/'), { nil: undefined, freq: 8 }),
    headless: fc.constantFrom(false, false, false, true),
    /** `_build.list`: local (in its section's and terms' feeds only), or always (a `_build` a cascade does not replace). */
    list: fc.constantFrom(undefined, undefined, undefined, 'local', 'always'),
    /** On a list page, a cascaded `_build.list`: local (the pages below in their sections' and terms' feeds only) or always. */
    cascadeList: fc.constantFrom(undefined, undefined, undefined, 'local', 'always'),
    body: fc.constantFrom('Body text.', 'A [link](/news/a/) and ![img](pic.png).', '正文。'),
  },
  { requiredKeys: ['title', 'date', 'draft', 'tags', 'categories', 'body', 'headless', 'list', 'cascadeList'] },
);
type Article = typeof article extends fc.Arbitrary<infer T> ? T : never;

function markdown(a: Article): string {
  const lines = ['---', `title: "${a.title}"`, `date: "${a.date}"`];
  if (a.lastmod !== undefined) lines.push(`lastmod: "${a.lastmod}"`);
  if (a.expiryDate !== undefined) lines.push(`expiryDate: "${a.expiryDate}"`);
  if (a.draft) lines.push('draft: true');
  if (a.tags.length > 0) lines.push(`tags: [${a.tags.join(', ')}]`);
  if (a.categories.length > 0) lines.push(`categories: [${a.categories.join(', ')}]`);
  if (a.translationKey !== undefined) lines.push(`translationKey: ${a.translationKey}`);
  if (a.id !== undefined) lines.push(`id: "${a.id}"`);
  if (a.summary !== undefined) lines.push(`summary: "${a.summary}"`);
  if (a.publishDate !== undefined) lines.push(`publishDate: "${a.publishDate}"`);
  if (a.slug !== undefined) lines.push(`slug: ${a.slug}`);
  if (a.url !== undefined) lines.push(`url: ${a.url}`);
  if (a.headless) lines.push('headless: true');
  if (a.list !== undefined) lines.push('_build:', `  list: ${a.list}`);
  if (a.cascadeList !== undefined) lines.push('cascade:', '  _build:', `    list: ${a.cascadeList}`);
  lines.push('---', '', a.body, '');
  return lines.join('\n');
}

/** One event: some keys uploaded (with their new text) or removed, reported together. */
const event = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.option(article, { nil: undefined, freq: 4 })), { minLength: 1, maxLength: 2 });

/** Clock steps between runs: none, or past a future post's date or an expiry (the selection changes by itself). */
const LATER = [0, 5 * 86_400_000, 32 * 86_400_000] as const;

const history = fc.record({
  settings,
  /** One warm container for every run (decoded shards kept), or a cold one each time. */
  warm: fc.boolean(),
  initial: fc.array(fc.tuple(fc.constantFrom(...KEYS), article), { maxLength: KEYS.length }),
  /**
   * Each event with the clock step before it, whether the run is the scheduled full one instead, and
   * the site config uploaded with it, if any.
   */
  events: fc.array(fc.tuple(event, fc.constantFrom(...LATER), fc.constantFrom(false, false, false, true), fc.option(settings, { nil: undefined, freq: 5 })), {
    minLength: 1,
    maxLength: 5,
  }),
});

const put = (source: MemoryStorage, key: string, text: string) => source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });

/** More with `FEEDPUB_PROPERTY_RUNS=2000` (the time limit grows with it). */
const RUNS = Number(process.env.FEEDPUB_PROPERTY_RUNS ?? 100);

describe('event runs against clean builds (property)', () => {
  it(
    'after every event, the feeds bucket holds exactly what a clean build of the same files writes',
    async () => {
      await fc.assert(
        fc.asyncProperty(history, async ({ settings: first, warm, initial, events }) => {
          const source = new MemoryStorage([['hugo.toml', config(first)]]);
          for (const [key, a] of initial) await put(source, key, markdown(a));
          let now = NOW;
          const deps = runDeps(source, () => now, warm);
          await rebuild(deps);
          for (const [step, [articles, later, full, reconfigured]] of events.entries()) {
            now += later;
            if (reconfigured) await put(source, 'hugo.toml', config(reconfigured));
            for (const [key, a] of articles) {
              if (a === undefined) await source.delete(key);
              else await put(source, key, markdown(a));
            }
            const keys = [...articles.map(([key]) => key), ...(reconfigured ? ['hugo.toml'] : [])];
            await rebuild(deps, full ? {} : { changedKeys: keys });
            const published = textFiles(deps.target as MemoryStorage);
            const clean = await cleanBuildOf(source, now);
            // The paths first: a missing or stale feed reads better than a diff of every file.
            expect([...published.keys()], `paths after event ${step + 1}`).toEqual([...clean.keys()]);
            for (const [path, text] of clean) expect(published.get(path), `${path} after event ${step + 1}`).toBe(text);
          }
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(120_000, RUNS * 400),
  );
});
/**
 * Ids of files whose names carry a language suffix (`a.FR.md`, `a.zh-CN.md`, `c.fr.en.md`): their id is made
 * without it, and where another page has that id they take the id of the path with it (`idOther`,
 * `sharedIdsResolved`). Which page has which id depends on the other files, so a run for reported keys must
 * find the same ids as a clean build whatever came, went, was renamed, drafted or dated; and an item has
 * one id in every format.
 */
const idSettings = fc.record({
  limit: fc.constantFrom(1, 2, 3),
  /** Permalink ids: no page has another id. */
  permalinkIds: fc.constantFrom(false, false, false, true),
});
type IdSettings = typeof idSettings extends fc.Arbitrary<infer T> ? T : never;

/** `split`: each language has a content folder of its own, else all share one (a history keeps its layout: a contentDir emptied is refused). */
const idConfig = (split: boolean, { limit, permalinkIds }: IdSettings): string =>
  [
    'baseURL = "https://example.com/"',
    'title = "News"',
    'defaultContentLanguage = "en"',
    ...['en', 'fr', 'zh-CN'].flatMap((key, i) => [`[languages.${key}]`, ...(split ? [`contentDir = "content/${key}"`] : []), `weight = ${i + 1}`]),
    '[feedpub]',
    `limit = ${limit}`,
    'formats = ["rss", "atom", "json"]',
    ...(permalinkIds ? ['itemIds = "permalink"'] : []),
    '',
  ].join('\n');

/**
 * Names that share an id: in a folder every language shares, and in the languages' own folders
 * (`content/en/news/a.fr.md` is a French page there, `content/zh-CN/news/a.ZH-cn.md` a zh-cn one); `a.FR.md` and
 * `a.FR.en.md` are one English page `news/a.FR`, as `a.md` and `a.en.md` are one `news/a`.
 */
const SHARED_KEYS = ['a.md', 'a.FR.md', 'a.fr.md', 'a.en.md', 'a.zh-CN.md', 'a.ZH-cn.md', 'a.zh-cn.md', 'a.FR.en.md', 'c.md', 'c.fr.en.md', 'c.fr.md'].map(
  (name) => `content/news/${name}`,
);
const SPLIT_KEYS = [
  ...['a.md', 'a.FR.md', 'a.zh-CN.md', 'a.fr.md', 'a.FR.en.md', 'c.md', 'c.fr.en.md'].map((name) => `content/en/news/${name}`),
  ...['a.md', 'a.FR.md', 'a.en.md'].map((name) => `content/fr/news/${name}`),
  ...['a.md', 'a.zh-CN.md', 'a.ZH-cn.md', 'a.FR.md'].map((name) => `content/zh-CN/news/${name}`),
];
/** A file of the site's layout by its number. */
const slot = fc.constantFrom(...Array.from({ length: Math.max(SHARED_KEYS.length, SPLIT_KEYS.length) }, (_, n) => n));
const keyOf = (split: boolean, n: number): string => {
  const keys = split ? SPLIT_KEYS : SHARED_KEYS;
  return keys[n % keys.length] as string;
};

const idArticle = fc.record(
  {
    title: fc.constantFrom('Alpha', 'Beta'),
    // Equal dates on purpose: which page keeps a shared id is then the first in key order.
    date: fc.constantFrom('2025-02-01 10:00:00', '2025-02-01 10:00:00', '2025-02-10', '2025-01-05'),
    draft: fc.constantFrom(false, false, true),
    // One in four: a post not live yet, or one expired by a later event.
    publishDate: fc.constantFrom(undefined, undefined, undefined, '2025-03-03 08:00:00'),
    expiryDate: fc.constantFrom(undefined, undefined, undefined, '2025-03-04'),
    tags: fc.subarray(['go']),
    translationKey: fc.constantFrom(undefined, undefined, undefined, 't1'),
    id: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, 'urn:x:1'),
    body: fc.constantFrom('Body text.', '正文。'),
  },
  { requiredKeys: ['title', 'date', 'draft', 'tags', 'body'] },
);

function idMarkdown(a: typeof idArticle extends fc.Arbitrary<infer T> ? T : never): string {
  const lines = ['---', `title: "${a.title}"`, `date: "${a.date}"`];
  if (a.draft) lines.push('draft: true');
  if (a.publishDate !== undefined) lines.push(`publishDate: "${a.publishDate}"`);
  if (a.expiryDate !== undefined) lines.push(`expiryDate: "${a.expiryDate}"`);
  if (a.tags.length > 0) lines.push(`tags: [${a.tags.join(', ')}]`);
  if (a.translationKey !== undefined) lines.push(`translationKey: ${a.translationKey}`);
  if (a.id !== undefined) lines.push(`id: "${a.id}"`);
  lines.push('---', '', a.body, '');
  return lines.join('\n');
}

/** An upload (with its text), a removal, or a rename (the file moved as it is, else a new one at the new name). */
const idOp = fc.oneof(
  fc.record({ put: slot, text: idArticle.map(idMarkdown) }),
  fc.record({ remove: slot }),
  fc.record({ from: slot, to: slot, text: idArticle.map(idMarkdown) }),
);

const idHistory = fc.record({
  split: fc.boolean(),
  settings: idSettings,
  warm: fc.boolean(),
  initial: fc.array(fc.tuple(slot, idArticle.map(idMarkdown)), { minLength: 2, maxLength: 8 }),
  events: fc.array(
    fc.tuple(
      fc.array(idOp, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(...LATER),
      fc.constantFrom(false, false, false, true),
      // A config uploaded with one event in six (`fc.option`'s freq is the odds of none: each config upload makes a full run).
      fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: idSettings }),
    ),
    { minLength: 1, maxLength: 6 },
  ),
});

/** Each item's id in a feed file, in feed order: RSS guids, Atom entry ids, JSON Feed item ids. */
function itemIds(path: string, text: string): string[] {
  if (path.endsWith('feed.json')) return (JSON.parse(text) as { items: { id: string }[] }).items.map((item) => item.id);
  const tag = path.endsWith('atom.xml') ? /<entry[ >][\s\S]*?<id>([^<]*)<\/id>/g : /<item>[\s\S]*?<guid[^>]*>([^<]*)<\/guid>/g;
  return [...text.matchAll(tag)].map((m) => m[1] ?? '');
}

describe('ids of language-suffixed names against clean builds (property)', () => {
  it(
    'after every event, the feeds bucket holds what a clean build writes, each item with one id in all three formats',
    async () => {
      await fc.assert(
        fc.asyncProperty(idHistory, async ({ split, settings: first, warm, initial, events }) => {
          const source = new MemoryStorage([['hugo.toml', idConfig(split, first)]]);
          for (const [n, text] of initial) await put(source, keyOf(split, n), text);
          let now = NOW;
          const deps = runDeps(source, () => now, warm);
          await rebuild(deps);
          for (const [step, [ops, later, full, reconfigured]] of events.entries()) {
            now += later;
            const keys = new Set<string>(reconfigured ? ['hugo.toml'] : []);
            if (reconfigured) await put(source, 'hugo.toml', idConfig(split, reconfigured));
            for (const op of ops) {
              if ('put' in op) {
                await put(source, keyOf(split, op.put), op.text);
                keys.add(keyOf(split, op.put));
              } else if ('remove' in op) {
                await source.delete(keyOf(split, op.remove));
                keys.add(keyOf(split, op.remove));
              } else {
                const [from, to] = [keyOf(split, op.from), keyOf(split, op.to)];
                const moved = await source.read(from);
                await source.delete(from);
                await put(source, to, moved ? new TextDecoder().decode(moved) : op.text);
                keys.add(from).add(to);
              }
            }
            await rebuild(deps, full ? {} : { changedKeys: [...keys] });
            const published = textFiles(deps.target as MemoryStorage);
            const clean = await cleanBuildOf(source, now);
            expect([...published.keys()], `paths after event ${step + 1}`).toEqual([...clean.keys()]);
            for (const [path, text] of clean) expect(published.get(path), `${path} after event ${step + 1}`).toBe(text);
            // One id per item in every format, and no id twice in a feed.
            for (const [path, text] of clean) {
              if (!path.endsWith('/index.xml') && path !== 'index.xml') continue;
              const dir = path.slice(0, -'index.xml'.length);
              const ids = itemIds(path, text);
              expect(new Set(ids).size, `${path}: an id twice`).toBe(ids.length);
              expect(itemIds(`${dir}atom.xml`, clean.get(`${dir}atom.xml`) ?? ''), `${dir}atom.xml ids`).toEqual(ids);
              expect(itemIds(`${dir}feed.json`, clean.get(`${dir}feed.json`) ?? '{"items":[]}'), `${dir}feed.json ids`).toEqual(ids);
            }
          }
        }),
        { numRuns: RUNS },
      );
    },
    Math.max(120_000, RUNS * 400),
  );
});

/** A run's ports: the source given, empty feeds and state, the clock given; a warm container keeps its shard cache. */
function runDeps(source: MemoryStorage, clock: () => number, warm: boolean): RebuildDeps {
  return memoryDeps(source, clock, warm ? { shardCache: new Map() } : {});
}
