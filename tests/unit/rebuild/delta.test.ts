import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArticleEntry, MANIFEST_FORMAT, type Manifest, type ManifestArticle } from '../../../src/manifest.js';
import type { SiteConfig } from '../../../src/model.js';
import type { QuietPage } from '../../../src/parse/parse-article.js';
import { type FeedPlan, NO_SECTIONS, type Sections, sectionKey } from '../../../src/plan/plan-feeds.js';
import type { Selection } from '../../../src/plan/select.js';
import {
  affectedFeeds,
  idsSharedLastRun,
  inListingOrder,
  makesFullRun,
  recordedFiles,
  reportedPages,
  withReportedRecords,
} from '../../../src/rebuild/delta.js';
import { testSite } from '../../support/site.js';

const site = testSite();
const NOW = Date.UTC(2025, 5, 1);
const DAY = 86_400_000;

/** An English article of `section` (`news`), live since January, with its own id and translation key. */
function entry(name: string, extra: Partial<ArticleEntry> = {}): ArticleEntry {
  const key = `content/en/${extra.section ?? 'news'}/${name}.md`;
  return {
    key,
    hash: `${name}-bytes`,
    id: `urn:x:${name}`,
    lang: 'en',
    translationKey: `t:${name}`,
    section: 'news',
    title: name,
    published: Date.UTC(2025, 0, 1),
    updated: Date.UTC(2025, 0, 1),
    publishAt: Date.UTC(2025, 0, 1),
    draft: false,
    terms: {},
    authors: [],
    url: `https://example.com/${name}/`,
    ...extra,
  };
}

function record(e: ArticleEntry | undefined, extra: Partial<ManifestArticle> = {}): ManifestArticle {
  return { hash: e?.hash ?? 'h', ...(e ? { entry: e } : {}), ...extra };
}

function manifestOf(records: Iterable<readonly [string, ManifestArticle]>, extra: Partial<Manifest> = {}): Manifest {
  return { format: MANIFEST_FORMAT, configHash: 'c', articles: new Map(records), feeds: {}, ...extra };
}

describe('makesFullRun', () => {
  it('makes a run full for a config file: Hugo s, feedpub s, one of the config folder s at any depth', () => {
    for (const key of ['hugo.toml', 'config.yaml', 'feedpub.json', 'config/_default/params.toml', 'config/production/menus/menus.en.YAML']) {
      expect(makesFullRun(key), key).toBe(true);
    }
  });

  it('makes a run full for a leaf bundle s index and for a list page, in any language', () => {
    for (const key of ['content/en/trip/index.md', 'content/en/trip/index.fr.markdown', 'content/en/news/_index.md', 'content/zh-CN/_index.zh-cn.md']) {
      expect(makesFullRun(key), key).toBe(true);
    }
  });

  it('leaves a run for other keys: pages, files that only look like config files or indexes', () => {
    for (const key of [
      'content/en/news/a.md',
      'content/en/news/reindex.md',
      'content/en/news/index-card.md',
      'static/hugo.toml',
      'config/staging/params.toml',
      'assets/index.html',
    ]) {
      expect(makesFullRun(key), key).toBe(false);
    }
  });
});

describe('reportedPages', () => {
  it('gives the reported keys that are pages, in key order, without a size', () => {
    const keys = new Set([
      'content/en/news/b.md',
      'content/en/news/a.md',
      'content/zh-CN/news/c.md',
      'static/logo.png',
      'content/en/news/.hidden.md',
      'README.md',
    ]);
    expect(reportedPages(site, new Map(), keys)).toStrictEqual([
      { key: 'content/en/news/a.md' },
      { key: 'content/en/news/b.md' },
      { key: 'content/zh-CN/news/c.md' },
    ]);
  });

  it('gives each page the change token the event gave for it, and none where it gave none', () => {
    const keys = new Set(['content/en/news/a.md', 'content/en/news/b.md']);
    const versions = new Map([
      ['content/en/news/b.md', '"etag-b"'],
      ['static/logo.png', '"etag-logo"'],
    ]);
    expect(reportedPages(site, new Map(), keys, versions)).toStrictEqual([
      { key: 'content/en/news/a.md' },
      { key: 'content/en/news/b.md', version: '"etag-b"' },
    ]);
  });

  it('gives no file of a leaf bundle the manifest knows: it is a resource of the bundle s page', () => {
    const known = new Map([
      ['content/en/news/a.md', record(entry('a'))],
      ['content/en/trip/index.md', record(entry('trip', { key: 'content/en/trip/index.md' }))],
    ]);
    const keys = new Set(['content/en/trip/notes.md', 'content/en/trip/day/one.md', 'content/en/news/b.md']);
    expect(reportedPages(site, known, keys)).toStrictEqual([{ key: 'content/en/news/b.md' }]);
    // Without the bundle, they are pages.
    expect(reportedPages(site, new Map([['content/en/news/a.md', record(entry('a'))]]), keys).map((o) => o.key)).toEqual([
      'content/en/news/b.md',
      'content/en/trip/day/one.md',
      'content/en/trip/notes.md',
    ]);
  });

  it('gives a leaf bundle index the manifest knows when it is reported itself, once', () => {
    // rebuild makes such a run a full one (makesFullRun), but the index is a page all the same, not a second copy of itself.
    const known = new Map([['content/en/trip/index.md', record(entry('trip', { key: 'content/en/trip/index.md' }))]]);
    const keys = new Set(['content/en/trip/index.md', 'content/en/trip/notes.md']);
    expect(reportedPages(site, known, keys)).toStrictEqual([{ key: 'content/en/trip/index.md' }]);
  });

  it('gives nothing for no reported key, and a page beside an index at the top of a content folder, which is no bundle', () => {
    const known = new Map([['content/en/index.md', record(entry('home', { key: 'content/en/index.md' }))]]);
    expect(reportedPages(site, known, new Set())).toStrictEqual([]);
    expect(reportedPages(site, known, new Set(['content/en/about.md']))).toStrictEqual([{ key: 'content/en/about.md' }]);
  });
});

describe('withReportedRecords', () => {
  const [a, c, e] = [entry('a'), entry('c'), entry('e')];
  const known = new Map([
    [a.key, record(a)],
    [c.key, record(c)],
    [e.key, record(e)],
  ]);

  it('gives back the records themselves when no reported key is new: an edit keeps its place, a page that went leaves', () => {
    const articles = new Map(known);
    const edited = record(entry('c', { title: 'C again' }));
    articles.set(c.key, edited);
    const result = withReportedRecords(articles, known, new Set([c.key, e.key, 'content/en/news/never.md']));
    expect(result).toBe(articles);
    expect([...result]).toEqual([
      [a.key, known.get(a.key)],
      [c.key, edited],
    ]);
  });

  it('leaves the records as they are for no reported key', () => {
    const articles = new Map(known);
    expect(withReportedRecords(articles, known, new Set())).toBe(articles);
    expect([...articles.keys()]).toEqual([a.key, c.key, e.key]);
  });

  it('puts new pages, which went in last, in their places in key order: before the first, between, after the last', () => {
    const articles = new Map(known);
    const added = ['f', 'b', '0', 'd'].map((name) => entry(name));
    // Read in the order the event reported them, not in key order.
    for (const page of added) articles.set(page.key, record(page));
    const result = withReportedRecords(articles, known, new Set([...added.map((page) => page.key), a.key]));
    expect([...result.keys()]).toEqual(['0', 'b', 'c', 'd', 'e', 'f'].map((name) => `content/en/news/${name}.md`));
    for (const page of added) expect(result.get(page.key)).toBe(articles.get(page.key));
    expect(result.get(c.key)).toBe(known.get(c.key));
  });

  it('puts a new page in when it is the only record left', () => {
    const articles = new Map([[a.key, known.get(a.key) as ManifestArticle]]);
    const b = record(entry('b'));
    articles.set('content/en/news/b.md', b);
    const result = withReportedRecords(articles, new Map([[a.key, known.get(a.key) as ManifestArticle]]), new Set([a.key, 'content/en/news/b.md']));
    expect([...result]).toEqual([['content/en/news/b.md', b]]);
  });
});

describe('withReportedRecords against a plain model', () => {
  it('gives the records a full run would list: the known ones but those gone, edits in place, new pages, in key order (property)', () => {
    // Each known page is kept (not reported), read again (a new record, edited or not) or gone (reported, its
    // old record left); each other reported key is a new page or a removal of nothing.
    const name = fc.stringMatching(/^[a-e]{1,3}$/);
    const cases = fc.record({
      known: fc.uniqueArray(fc.tuple(name, fc.constantFrom('keep', 'edit', 'gone')), { selector: ([n]) => n, maxLength: 8 }),
      reported: fc.uniqueArray(fc.tuple(fc.stringMatching(/^[f-h]?[a-h]{1,2}$/), fc.boolean()), { selector: ([n]) => n, maxLength: 6 }),
    });
    fc.assert(
      fc.property(cases, ({ known: knownPages, reported }) => {
        const keyOf = (n: string) => `content/en/news/${n}.md`;
        const known = new Map([...knownPages].sort(([x], [y]) => (keyOf(x) < keyOf(y) ? -1 : 1)).map(([n]) => [keyOf(n), record(entry(n))] as const));
        const articles = new Map(known);
        const keys = new Set<string>();
        const expected = new Map<string, ManifestArticle>();
        for (const [n, fate] of knownPages) {
          if (fate !== 'keep') keys.add(keyOf(n));
          if (fate === 'edit') articles.set(keyOf(n), record(entry(n, { title: 'again' })));
          if (fate !== 'gone') expected.set(keyOf(n), articles.get(keyOf(n)) as ManifestArticle);
        }
        let added = false;
        for (const [n, isPage] of reported) {
          if (known.has(keyOf(n))) continue;
          keys.add(keyOf(n));
          if (!isPage) continue;
          articles.set(keyOf(n), record(entry(n)));
          expected.set(keyOf(n), articles.get(keyOf(n)) as ManifestArticle);
          added = true;
        }
        const result = withReportedRecords(articles, known, keys);
        expect([...result]).toEqual([...expected].sort(([x], [y]) => (x < y ? -1 : 1)));
        for (const [key, value] of expected) expect(result.get(key)).toBe(value);
        expect(result === articles).toBe(!added);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('inListingOrder', () => {
  it('gives the records of the listed keys in listing order, each once, none for a key without one', () => {
    const [a, b] = [record(entry('a')), record(entry('b'))];
    const articles = new Map([
      ['content/en/news/b.md', b],
      ['content/en/news/a.md', a],
      ['content/en/news/unlisted.md', a],
    ]);
    const sources = [
      { key: 'content/en/news/a.md' },
      { key: 'content/en/news/b.md', version: '"v"' },
      { key: 'content/en/news/gone.md' },
      { key: 'content/en/news/a.md' },
    ];
    const result = inListingOrder(sources, articles);
    expect([...result]).toEqual([
      ['content/en/news/a.md', a],
      ['content/en/news/b.md', b],
    ]);
    expect(result.has('content/en/news/gone.md')).toBe(false);
    expect(inListingOrder([], articles).size).toBe(0);
  });
});

describe('recordedFiles', () => {
  it('gives every file of every feed the manifest records, with its change token where it has one', () => {
    const manifest = manifestOf([], {
      feeds: {
        'news/': {
          fingerprint: 'f1',
          files: { 'news/index.xml': 'h1', 'news/feed.json': 'h2' },
          versions: { 'news/index.xml': '"v1"' },
        },
        '@site': { fingerprint: 'f2', files: { 'feeds/all.opml': 'h3' } },
      },
    });
    expect([...recordedFiles(manifest)]).toEqual([
      ['news/index.xml', '"v1"'],
      ['news/feed.json', undefined],
      ['feeds/all.opml', undefined],
    ]);
    expect(recordedFiles(manifestOf([])).size).toBe(0);
  });
});

describe('affectedFeeds', () => {
  /** The feed folders a test looks at: every one the articles below can be in. */
  const DIRS = ['all/', '', 'news/', 'sport/', 'docs/', 'tags/go/', 'tags/rust/', 'tags/quiet/', 'tags/cascaded/', 'categories/x/', 'zh-cn/', 'zh-cn/news/'];
  const plan = (dir: string, items: readonly ArticleEntry[] = []) => ({ dir, items }) as unknown as FeedPlan<ArticleEntry>;
  const stable = { since: NOW - DAY, until: NOW + DAY };

  /** The folders of `DIRS` whose empty feed the test says may have changed, or undefined for every feed. */
  function affected(
    previous: readonly (readonly [string, ManifestArticle])[],
    current: readonly (readonly [string, ManifestArticle])[],
    keys: readonly string[],
    options: {
      entries?: readonly ArticleEntry[];
      sections?: Sections;
      site?: SiteConfig;
      now?: number;
      stableSelection?: Manifest['stableSelection'] | null;
    } = {},
  ): string[] | undefined {
    const selection = options.stableSelection === undefined ? stable : (options.stableSelection ?? undefined);
    const manifest = manifestOf(previous, selection ? { stableSelection: selection } : {});
    const test = affectedFeeds(
      options.site ?? site,
      manifest,
      new Set(keys),
      new Map(current),
      options.entries ?? current.flatMap(([, r]) => (r.entry ? [r.entry] : [])),
      options.now ?? NOW,
      options.sections ?? NO_SECTIONS,
    );
    return test && DIRS.filter((dir) => test(plan(dir)));
  }

  const a = entry('a', { terms: { tags: ['Go'] } });
  const moved = entry('a', { section: 'sport', key: a.key, terms: { tags: ['Rust'] } });

  it('names the feeds of a reported article as it was and as it is', () => {
    expect(affected([[a.key, record(a)]], [[a.key, record(moved)]], [a.key])).toEqual(['all/', '', 'news/', 'sport/', 'tags/go/', 'tags/rust/']);
  });

  it('names the feeds of a new article, and of one that went', () => {
    expect(affected([], [[a.key, record(a)]], [a.key])).toEqual(['all/', '', 'news/', 'tags/go/']);
    expect(affected([[moved.key, record(moved)]], [], [moved.key])).toEqual(['all/', '', 'sport/', 'tags/rust/']);
  });

  it('names no feed of an article not reported, and none for a reported key that is no article', () => {
    const b = entry('b', { terms: { tags: ['Rust'] } });
    expect(affected([[b.key, record(b)]], [[b.key, record(b)]], [])).toEqual([]);
    expect(affected([[b.key, record(b)]], [[b.key, record(b)]], ['content/en/news/c.md'])).toEqual([]);
    expect(
      affected([['content/en/news/rejected.md', record(undefined)]], [['content/en/news/rejected.md', record(undefined)]], ['content/en/news/rejected.md']),
    ).toEqual([]);
  });

  it('names the feeds of a page without a date of its own as the article a cascade may make it', () => {
    const undated = entry('u', { section: 'docs', terms: { tags: ['Go'] } });
    const quietRecord = record(undefined, { undated, quiet: { lang: 'en', section: 'docs' } });
    expect(affected([], [[undated.key, quietRecord]], [undated.key])).toEqual(['all/', '', 'docs/', 'tags/go/']);
    expect(affected([[undated.key, quietRecord]], [], [undated.key])).toEqual(['all/', '', 'docs/', 'tags/go/']);
  });

  it('names the feeds of the articles that share either id of a reported one', () => {
    const reported = entry('r', { id: 'urn:x:shared', idOther: 'urn:x:r' });
    const sameId = entry('zh', { key: 'content/zh-CN/news/zh.md', lang: 'zh-cn', id: 'urn:x:shared' });
    const otherAsId = entry('o', { section: 'sport', key: 'content/en/sport/o.md', id: 'urn:x:r' });
    const idAsOther = entry('p', { section: 'docs', key: 'content/en/docs/p.md', id: 'urn:x:p', idOther: 'urn:x:shared' });
    const stranger = entry('s', { terms: { categories: ['X'] }, id: 'urn:x:s', idOther: 'urn:x:s2' });
    const entries = [reported, sameId, otherAsId, idAsOther, stranger];
    const result = affected([[reported.key, record(reported)]], [[reported.key, record(reported)]], [reported.key], { entries });
    expect(result).toEqual(['all/', '', 'news/', 'sport/', 'docs/', 'zh-cn/', 'zh-cn/news/']);
    // A reported article without another id: its id alone.
    const plain = entry('r', { id: 'urn:x:r' });
    expect(affected([[plain.key, record(plain)]], [], [plain.key], { entries: [otherAsId, stranger, sameId] })).toEqual(['all/', '', 'news/', 'sport/']);
  });

  it('names the section and term feeds of a reported page in no feed, as it was and as it is, never the site or language feeds', () => {
    const key = 'content/en/docs/about.md';
    const was: QuietPage = { lang: 'en', section: 'docs', terms: { tags: ['Quiet'] } };
    const is: QuietPage = { lang: 'en', section: 'news' };
    expect(affected([[key, record(undefined, { quiet: was })]], [[key, record(undefined, { quiet: is })]], [key])).toEqual(['news/', 'docs/', 'tags/quiet/']);
    expect(affected([[key, record(undefined, { quiet: was })]], [], [key])).toEqual(['docs/', 'tags/quiet/']);
    expect(affected([], [[key, record(undefined, { quiet: is })]], [key])).toEqual(['news/']);
  });

  it('names the feeds the cascades above a reported article or page in no feed give it', () => {
    const cascade = {
      listPages: new Map([[sectionKey('en', 'news'), { origin: 'content/en/news/_index.md', entries: [{ terms: { tags: ['Cascaded'] } }] }]]),
      site: new Map(),
      states: new Map(),
      now: NOW,
    };
    const sections: Sections = { ...NO_SECTIONS, cascade };
    const bare = entry('b');
    expect(affected([[bare.key, record(bare)]], [], [bare.key], { sections })).toEqual(['all/', '', 'news/', 'tags/cascaded/']);
    expect(affected([], [[bare.key, record(bare)]], [bare.key], { sections })).toEqual(['all/', '', 'news/', 'tags/cascaded/']);
    expect(affected([[bare.key, record(bare)]], [], [bare.key])).toEqual(['all/', '', 'news/']);
    const key = 'content/en/news/about.md';
    const quiet = record(undefined, { quiet: { lang: 'en', section: 'news' } });
    expect(affected([[key, quiet]], [], [key], { sections })).toEqual(['news/', 'tags/cascaded/']);
    expect(affected([], [[key, quiet]], [key], { sections })).toEqual(['news/', 'tags/cascaded/']);
    expect(affected([[key, quiet]], [], [key])).toEqual(['news/']);
  });

  it('names a feed by its items too: one with a translation of a reported article, one with an article that has ref shortcodes', () => {
    const test = affectedFeeds(site, manifestOf([[a.key, record(a)]], { stableSelection: stable }), new Set([a.key]), new Map(), [], NOW, NO_SECTIONS);
    const translation = entry('zh', { key: 'content/zh-CN/news/zh.md', lang: 'zh-cn', translationKey: a.translationKey });
    const other = entry('o', { key: 'content/zh-CN/news/o.md', lang: 'zh-cn' });
    const linking = entry('l', { key: 'content/zh-CN/news/l.md', lang: 'zh-cn', refs: [] });
    expect(test?.(plan('zh-cn/', [other, translation]))).toBe(true);
    expect(test?.(plan('zh-cn/', [other, linking]))).toBe(true);
    expect(test?.(plan('zh-cn/', [other]))).toBe(false);
    expect(test?.(plan('zh-cn/'))).toBe(false);
    // The translations of the articles sharing an id with it too.
    const twin = entry('twin', { key: 'content/en/news/twin.md', id: a.id, translationKey: 't:twin' });
    const withTwin = affectedFeeds(site, manifestOf([[a.key, record(a)]], { stableSelection: stable }), new Set([a.key]), new Map(), [twin], NOW, NO_SECTIONS);
    expect(withTwin?.(plan('zh-cn/', [entry('zh2', { key: 'content/zh-CN/news/zh2.md', lang: 'zh-cn', translationKey: 't:twin' })]))).toBe(true);
  });

  it('names every feed (undefined) with archive pages, or without a stable selection recorded', () => {
    const current: [string, ManifestArticle][] = [[a.key, record(a)]];
    expect(affected([], current, [a.key], { site: testSite({ feedpub: { archives: true } }) })).toBeUndefined();
    expect(affected([], current, [a.key], { stableSelection: null })).toBeUndefined();
  });

  it('names every feed (undefined) outside the stable selection: before its start (a clock set back), from its end on', () => {
    const current: [string, ManifestArticle][] = [[a.key, record(a)]];
    const at = (now: number, stableSelection: Manifest['stableSelection']) => affected([], current, [a.key], { now, stableSelection });
    expect(at(NOW - DAY - 1, stable)).toBeUndefined();
    expect(at(NOW - DAY, stable)).toEqual(['all/', '', 'news/', 'tags/go/']);
    expect(at(NOW + DAY - 1, stable)).toEqual(['all/', '', 'news/', 'tags/go/']);
    expect(at(NOW + DAY, stable)).toBeUndefined();
    expect(at(NOW + 2 * DAY, stable)).toBeUndefined();
    // Open at either end.
    expect(at(-DAY, { since: null, until: null })).toEqual(['all/', '', 'news/', 'tags/go/']);
    expect(at(NOW + 100 * DAY, { since: NOW, until: null })).toEqual(['all/', '', 'news/', 'tags/go/']);
    expect(at(NOW - 100 * DAY, { since: null, until: NOW })).toEqual(['all/', '', 'news/', 'tags/go/']);
  });
});

describe('idsSharedLastRun', () => {
  const [a, b, c] = [entry('a', { id: 'urn:x:s' }), entry('b', { id: 'urn:x:s' }), entry('c')];
  const fr = entry('a.FR', { id: 'urn:x:a.FR', idOther: 'urn:x:fr-other' });
  const frEn = entry('a.FR.en', { id: 'urn:x:a.FR.en', idOther: 'urn:x:fr-other' });
  const previous = manifestOf([a, b, c, fr, frEn].map((e) => [e.key, record(e)] as const).concat([['content/en/news/rejected.md', record(undefined)]]));

  it('after a full run: the ids two articles of the last run had, either id of a page with two', () => {
    expect([...idsSharedLastRun(previous, undefined)].sort()).toEqual(['urn:x:fr-other', 'urn:x:s']);
  });

  it('after a full run: an id and another page s other id are shared too, an id met once is not', () => {
    const other = entry('o', { id: 'urn:x:o', idOther: 'urn:x:c' });
    expect([
      ...idsSharedLastRun(
        manifestOf([
          [c.key, record(c)],
          [other.key, record(other)],
        ]),
        undefined,
      ),
    ]).toEqual(['urn:x:c']);
    expect([...idsSharedLastRun(manifestOf([[c.key, record(c)]]), undefined)]).toEqual([]);
    expect([...idsSharedLastRun(manifestOf([]), undefined)]).toEqual([]);
  });

  it('after a full run: each id met twice among the recorded articles ids and other ids (property)', () => {
    const id = fc.constantFrom('urn:1', 'urn:2', 'urn:3', 'urn:4', 'urn:5');
    const rows = fc.array(fc.record({ id, idOther: fc.option(id, { nil: undefined }), rejected: fc.boolean() }), { maxLength: 6 });
    fc.assert(
      fc.property(rows, (list) => {
        const records = list.map((row, i) => {
          const e = entry(`p${i}`, { id: row.id, ...(row.idOther !== undefined ? { idOther: row.idOther } : {}) });
          return [e.key, row.rejected ? record(undefined) : record(e)] as const;
        });
        const met = list.filter((row) => !row.rejected).flatMap((row) => (row.idOther === undefined ? [row.id] : [row.id, row.idOther]));
        const twice = new Set(met.filter((x, i) => met.indexOf(x) !== i));
        expect(idsSharedLastRun(manifestOf(records), undefined)).toEqual(twice);
      }),
      { numRuns: 500 },
    );
  });

  it('in a run for reported keys: the ids of the articles held as duplicates now, and either id of each reported article as it was', () => {
    const held: Selection<ArticleEntry>['held'] = [
      { entry: entry('dup', { id: 'urn:x:dup' }), reason: 'duplicate-id', duplicateOf: c },
      { entry: entry('draft', { id: 'urn:x:draft' }), reason: 'draft' },
      { entry: entry('future', { id: 'urn:x:future' }), reason: 'future' },
      { entry: entry('expired', { id: 'urn:x:expired' }), reason: 'expired' },
    ];
    const keys = new Set([fr.key, c.key, 'content/en/news/rejected.md', 'content/en/news/new.md']);
    expect([...idsSharedLastRun(previous, { keys, held })].sort()).toEqual(['urn:x:a.FR', 'urn:x:c', 'urn:x:dup', 'urn:x:fr-other']);
    // Not the ids the last run's other articles shared: those are found without a pass over them.
    expect([...idsSharedLastRun(previous, { keys: new Set(), held: [] })]).toEqual([]);
  });
});
