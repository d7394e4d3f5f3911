import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import type { Problem, SiteConfig } from '../../../src/model.js';
import {
  allLanguagesPathProblems,
  compareEntries,
  draftSectionOf,
  droppedFeedProblem,
  feedDirsOf,
  NO_SECTIONS,
  type PlanEntry,
  pageCascade,
  planFeeds,
  sectionKey,
  termCollisions,
} from '../../../src/plan/plan-feeds.js';
import { buildToMemory } from '../../support/build.js';
import { testSite } from '../../support/site.js';

function entry(key: string, lang: string, published: number, terms: Record<string, string[]> = {}, section = ''): PlanEntry {
  return { key, lang, section, published, updated: published, terms };
}

describe('planFeeds', () => {
  const site = testSite();

  it('plans the all-languages feed, each language at Hugo paths, and term feeds per language', () => {
    const feeds = planFeeds(site, [
      entry('content/en/a.md', 'en', 3, { categories: ['World News'], tags: ['Go', 'go'] }),
      entry('content/zh-CN/b.md', 'zh-cn', 2, { categories: ['科技'], tags: ['人工智能'] }),
    ]);
    expect(feeds.map((f) => f.dir)).toEqual(['all/', '', 'categories/world-news/', 'tags/go/', 'zh-cn/', 'zh-cn/categories/科技/', 'zh-cn/tags/人工智能/']);
    const go = feeds.find((f) => f.dir === 'tags/go/');
    expect(go?.items).toHaveLength(1); // Go and go are one term, as in Hugo; the item is listed once
    expect(go?.link).toBe('https://example.com/tags/go/');
    expect(feeds.find((f) => f.dir === 'zh-cn/')?.link).toBe('https://example.com/zh-cn/');
  });

  it('links the list pages Hugo makes with uglyURLs (posts.html), feeds staying in their folders; homes and moved list pages keep theirs', () => {
    // Arrange
    const ugly = testSite({ uglyURLs: true });
    const sections = { ...NO_SECTIONS, dirs: new Map([[sectionKey('en', 'blog'), 'articles/']]) };
    // Act
    const feeds = planFeeds(
      ugly,
      [
        entry('content/en/posts/a.md', 'en', 3, { tags: ['C#'] }, 'posts'),
        entry('content/en/blog/b.md', 'en', 2, {}, 'blog'),
        entry('content/zh-CN/news/c.md', 'zh-cn', 1, { tags: ['人工智能'] }, 'news'),
      ],
      sections,
    );
    // Assess
    expect(feeds.map((f) => [f.dir, f.link])).toEqual([
      ['all/', 'https://example.com/'],
      ['', 'https://example.com/'],
      ['articles/', 'https://example.com/articles/'],
      ['posts/', 'https://example.com/posts.html'],
      ['tags/c#/', 'https://example.com/tags/c%23.html'],
      ['zh-cn/', 'https://example.com/zh-cn/'],
      ['zh-cn/news/', 'https://example.com/zh-cn/news.html'],
      ['zh-cn/tags/人工智能/', 'https://example.com/zh-cn/tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD.html'],
    ]);
  });

  it('puts the all-languages feed at the root when the default language is in a subdir', () => {
    const inSubdir = testSite({ defaultContentLanguageInSubdir: true });
    const dirs = planFeeds(inSubdir, [entry('content/en/a.md', 'en', 1)]).map((f) => f.dir);
    expect(dirs).toEqual(['', 'en/', 'zh-cn/']);
  });

  it('has no all-languages feed on a monolingual site', () => {
    const mono = testSite({ languages: undefined });
    const feeds = planFeeds(mono, [entry('content/a.md', 'en', 1, { tags: ['x'] })]);
    expect(feeds.map((f) => [f.dir, f.kind])).toEqual([
      ['', 'site'],
      ['tags/x/', 'term'],
    ]);
  });

  it('sorts newest first with a key tie-break, limits items, and sets updated to the newest item', () => {
    const limited = testSite({ feedpub: { limit: 2 } });
    const feeds = planFeeds(limited, [
      entry('content/en/b.md', 'en', 5),
      entry('content/en/a.md', 'en', 5),
      entry('content/en/c.md', 'en', 9),
      entry('content/en/d.md', 'en', 1),
    ]);
    const root = feeds.find((f) => f.dir === '');
    expect(root?.items.map((i) => i.key)).toEqual(['content/en/c.md', 'content/en/a.md']);
    expect(root?.updated).toBe(9);
  });

  it('sets updated to the newest item also when every item is dated before 1970 (a negative time)', () => {
    const moon = Date.UTC(1969, 6, 20, 20, 17);
    const root = planFeeds(testSite(), [entry('content/en/a.md', 'en', moon), entry('content/en/b.md', 'en', moon - 1000)]).find((f) => f.dir === '');
    expect(root?.updated).toBe(moon);
  });

  it('never depends on input order (property)', () => {
    const arb = fc.array(
      fc.record({
        n: fc.integer({ min: 0, max: 50 }),
        published: fc.integer({ min: 0, max: 10 }),
        lang: fc.constantFrom('en', 'zh-cn'),
        tags: fc.array(fc.constantFrom('Go', 'go', 'Rust', '人工智能', 'a b'), { maxLength: 3 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.integer(), (rows, seed) => {
        const unique = [...new Map(rows.map((r) => [r.n, r])).values()];
        const entries = unique.map((r) => entry(`content/${r.lang === 'en' ? 'en' : 'zh-CN'}/${r.n}.md`, r.lang, r.published, { tags: r.tags }));
        const shuffled = [...entries].sort((a, b) => ((a.key.length * 31 + seed) % 7) - ((b.key.length * 31 + seed) % 7) || (a.key < b.key ? 1 : -1));
        expect(JSON.stringify(planFeeds(site, shuffled))).toBe(JSON.stringify(planFeeds(site, entries)));
      }),
    );
  });

  it('feedDirsOf names the very feeds planFeeds lists an article in (property)', () => {
    const sites = [site, testSite({ defaultContentLanguageInSubdir: true }), testSite({ languages: undefined })];
    const arb = fc.record({
      site: fc.constantFrom(...sites.keys()),
      lang: fc.constantFrom('en', 'zh-cn'),
      categories: fc.array(fc.constantFrom('World News', 'world news', '科技', 'C#', ' Go '), { maxLength: 2 }),
      tags: fc.array(fc.constantFrom('Go', 'go', 'Rust', '人工智能', 'a b', 'AT&T', 'Tag/Slash'), { maxLength: 4 }),
      // Sections, among them names that are another feed's folder (the all-languages one, a language's).
      section: fc.constantFrom('', 'news', 'Blog Posts', 'all', 'zh-cn', 'en', '###'),
    });
    fc.assert(
      fc.property(arb, (row) => {
        const chosen = sites[row.site] ?? site;
        const lang = chosen.languages.some((l) => l.key === row.lang) ? row.lang : 'en';
        const one = entry(`content/${lang}/a.md`, lang, 1, { categories: row.categories, tags: row.tags }, row.section);
        expect(new Set(feedDirsOf(chosen, one))).toEqual(new Set(planFeeds(chosen, [one]).flatMap((f) => (f.items.includes(one) ? [f.dir] : []))));
      }),
    );
  });

  it('makes folders that differ only in case one section: named by the least without a list page, spelled as its list page with one', () => {
    const one = testSite({ languages: undefined });
    const entries = [
      entry('content/blog/a.md', 'en', 1, {}, 'blog'),
      entry('content/Blog/b.md', 'en', 2, {}, 'Blog'),
      entry('content/BLOG/c.md', 'en', 3, {}, 'BLOG'),
      entry('content/news/d.md', 'en', 4, {}, 'news'),
      entry('content/NEWS/world/e.md', 'en', 5, {}, 'NEWS'),
    ];
    // news/_index.md kept (its folder's case), and NEWS/World/_index.md a nested section.
    const sections = {
      ...NO_SECTIONS,
      nested: new Set([sectionKey('en', 'NEWS/World')]),
      titles: new Map([
        [sectionKey('en', 'news'), 'Listed'],
        [sectionKey('en', 'NEWS/World'), 'World'],
      ]),
      spellings: new Map([
        [sectionKey('en', 'news'), 'news'],
        [sectionKey('en', 'news/world'), 'NEWS/World'],
      ]),
    };
    const feeds = planFeeds(one, entries, sections).filter((f) => f.kind === 'section');
    expect(feeds.map((f) => [f.dir, f.title, f.section, f.items.map((i) => i.key)])).toEqual([
      ['blog/', 'BLOGS on News', 'BLOG', ['content/BLOG/c.md', 'content/Blog/b.md', 'content/blog/a.md']],
      ['news/world/', 'World on News', 'NEWS/World', ['content/NEWS/world/e.md']],
      ['news/', 'Listed on News', 'news', ['content/news/d.md']],
    ]);
    // feedDirsOf agrees on each page's section feeds (its own, and its top folder's when that is another).
    for (const e of entries) {
      expect(
        feedDirsOf(one, e, sections).filter((d) => d !== ''),
        e.key,
      ).toEqual(feeds.filter((f) => f.items.includes(e) || (e.key.includes('/world/') && f.dir === 'news/')).map((f) => f.dir));
    }
  });

  it('feedDirsOf names no term feed of a taxonomy whose list page Hugo does not publish, as planFeeds plans none', () => {
    const one = entry('content/en/a.md', 'en', 1, { categories: ['World News'], tags: ['Go'] });
    const sections = { ...NO_SECTIONS, hiddenTaxonomies: new Set([sectionKey('en', 'tags')]) };
    expect(feedDirsOf(site, one, sections)).toEqual(['all/', '', 'categories/world-news/']);
    expect(planFeeds(site, [one], sections).map((f) => f.dir)).toEqual(['all/', '', 'categories/world-news/', 'zh-cn/']);
  });

  it('lists an entry of a language the site does not have (a hand-edited manifest) in no language’s, section’s or term’s feed', () => {
    const stray = entry('content/fr/a.md', 'fr', 2, { tags: ['Go'] }, 'news');
    const quietTerms = [{ key: 'content/fr/q.md', lang: 'fr', terms: { tags: ['Rust'] } }];
    const feeds = planFeeds(site, [stray, entry('content/en/b.md', 'en', 1)], { ...NO_SECTIONS, quietTerms });
    expect(feeds.map((f) => [f.dir, f.items.map((i) => i.key)])).toEqual([
      ['all/', ['content/fr/a.md', 'content/en/b.md']],
      ['', ['content/en/b.md']],
      ['zh-cn/', []],
    ]);
  });

  it("plans a feed per top folder (section) of each language, titled as Hugo titles it, never in a language's folder", () => {
    const feeds = planFeeds(site, [
      entry('content/en/news/a.md', 'en', 3, {}, 'news'),
      entry('content/en/blog/b.md', 'en', 2, {}, 'blog'),
      entry('content/en/zh-cn/c.md', 'en', 1, {}, 'zh-cn'), // the zh-cn language's folder: no section feed
      entry('content/zh-CN/news/d.md', 'zh-cn', 4, {}, 'news'),
      entry('content/zh-CN/e.md', 'zh-cn', 5),
    ]);
    const sections = feeds.filter((f) => f.kind === 'section');
    expect(sections.map((f) => [f.dir, f.title, f.description, f.items.map((i) => i.key)])).toEqual([
      ['blog/', 'Blogs on News', 'Recent content in Blogs on News', ['content/en/blog/b.md']],
      // A section titled as the site is: Hugo names the feed by the site alone.
      ['news/', 'News', 'Recent content on News', ['content/en/news/a.md']],
      ['zh-cn/news/', 'News on 新闻', 'Recent content in News on 新闻', ['content/zh-CN/news/d.md']],
    ]);
    // Nor does feedDirsOf name the language's folder for the page in that top folder.
    expect(feedDirsOf(site, entry('content/en/zh-cn/c.md', 'en', 1, {}, 'zh-cn'))).toEqual(['all/', '']);
  });

  it('titles a section by its name alone with pluralizeListTitles = false, as Hugo 0.111 does', () => {
    const plain = testSite({ pluralizeListTitles: false });
    const feeds = planFeeds(plain, [entry('content/en/blog/b.md', 'en', 2, {}, 'blog'), entry('content/en/music/m.md', 'en', 1, {}, 'music')]);
    expect(feeds.filter((f) => f.kind === 'section').map((f) => f.title)).toEqual(['Blog on News', 'Music on News']);
  });

  it("titles a section by its list page's title in that language, where it has one", () => {
    const entries = [
      entry('content/en/news/a.md', 'en', 3, {}, 'news'),
      entry('content/zh-CN/news/d.md', 'zh-cn', 4, {}, 'news'),
      entry('content/en/blog/b.md', 'en', 2, {}, 'blog'),
    ];
    const titles = new Map([
      [sectionKey('zh-cn', 'news'), '要闻'],
      [sectionKey('en', 'blog'), 'Notebook'],
      // A section with a list page and no page live: an empty feed, as Hugo writes (its subscribers get no 404).
      [sectionKey('en', 'soon'), 'Coming soon'],
      // A term's list page makes no section.
      [sectionKey('en', 'tags/go'), 'Go'],
    ]);
    const sections = planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set(), titles }).filter((f) => f.kind === 'section');
    expect(sections.map((f) => [f.dir, f.title, f.description, f.items.length])).toEqual([
      ['blog/', 'Notebook on News', 'Recent content in Notebook on News', 1],
      ['news/', 'News', 'Recent content on News', 1],
      ['soon/', 'Coming soon on News', 'Recent content in Coming soon on News', 0],
      ['zh-cn/news/', '要闻 on 新闻', 'Recent content in 要闻 on 新闻', 1],
    ]);
    // Unless the list page is not published (a draft, not live yet), or one above it is not.
    const hidden = planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set(), titles, hidden: new Set([sectionKey('en', 'soon')]) });
    expect(hidden.map((f) => f.dir)).not.toContain('soon/');
    const below = new Map([...titles, [sectionKey('en', 'soon/later'), 'Later']]);
    const drafts = new Map([[sectionKey('en', 'soon'), { key: 'content/en/soon/_index.md', reason: 'draft' as const }]]);
    const underDraft = planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set([sectionKey('en', 'soon/later')]), titles: below, drafts });
    expect(underDraft.map((f) => f.dir)).not.toContain('soon/later/');
    expect(planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set([sectionKey('en', 'soon/later')]), titles: below }).map((f) => f.dir)).toContain(
      'soon/later/',
    );
    // A list page without a title, or with the site's: Hugo names the feed by the site alone.
    for (const title of ['', '新闻']) {
      const untitled = planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set(), titles: new Map([[sectionKey('zh-cn', 'news'), title]]) });
      expect(untitled.filter((f) => f.dir === 'zh-cn/news/').map((f) => [f.title, f.description])).toEqual([['新闻', 'Recent content on 新闻']]);
    }
  });

  it("puts a page in its nearest nested section (a leaf bundle in its parent folder's), and only there", () => {
    const entries = [
      entry('content/en/news/a.md', 'en', 1, {}, 'news'),
      entry('content/en/news/world/b.md', 'en', 2, {}, 'news'),
      entry('content/en/news/world/trip/index.md', 'en', 3, {}, 'news'),
      entry('content/en/news/world/asia/c.md', 'en', 4, {}, 'news'),
      entry('content/en/news/local/d.md', 'en', 5, {}, 'news'),
      entry('content/en/news/local/deep/e.md', 'en', 6, {}, 'news'),
      entry('content/zh-CN/news/world/f.md', 'zh-cn', 7, {}, 'news'), // no nested section in this language
    ];
    const sections = {
      ...NO_SECTIONS,
      nested: new Set([sectionKey('en', 'news/world'), sectionKey('en', 'news/world/asia'), sectionKey('en', 'news/local/deep')]),
      titles: new Map(),
    };
    const feeds = planFeeds(site, entries, sections);
    expect(feeds.filter((f) => f.kind === 'section').map((f) => [f.dir, f.title, f.items.map((i) => i.key.split('/').pop())])).toEqual([
      ['news/', 'News', ['d.md', 'a.md']],
      ['news/local/deep/', 'Deeps on News', ['e.md']],
      ['news/world/', 'Worlds on News', ['index.md', 'b.md']],
      ['news/world/asia/', 'Asias on News', ['c.md']],
      ['zh-cn/news/', 'News on 新闻', ['f.md']],
    ]);
    // feedDirsOf agrees: each page's section feed is its own section's, and its top folder's (a page that
    // goes can leave that one empty) when that is another.
    for (const e of entries) {
      const section = feeds.find((f) => f.kind === 'section' && f.items.includes(e))?.dir;
      const top = e.lang === 'en' ? 'news/' : 'zh-cn/news/';
      expect(
        feedDirsOf(site, e, sections).filter((d) => feeds.some((f) => f.dir === d && f.kind === 'section')),
        e.key,
      ).toEqual(section === top ? [section] : [section, top]);
    }
    // A top folder whose pages are all in nested sections is a section of Hugo's too: its feed is empty.
    const nestedOnly = planFeeds(site, [entry('content/en/docs/a/p.md', 'en', 1, {}, 'docs')], {
      ...NO_SECTIONS,
      nested: new Set([sectionKey('en', 'docs/a')]),
    });
    expect(nestedOnly.filter((f) => f.kind === 'section').map((f) => [f.dir, f.items.length])).toEqual([
      ['docs/', 0],
      ['docs/a/', 1],
    ]);
  });

  it("titles a term by its list page's title (keyed by its slug), else by its name, and by the site alone when untitled", () => {
    const entries = [entry('content/en/a.md', 'en', 1, { tags: ['Go', 'Rust Lang'], categories: ['World'] })];
    const titles = new Map([
      [sectionKey('en', 'tags/go'), 'The Go language'],
      [sectionKey('en', 'categories/world'), ''],
    ]);
    const terms = planFeeds(site, entries, { ...NO_SECTIONS, nested: new Set(), titles }).filter((f) => f.kind === 'term');
    expect(terms.map((f) => [f.dir, f.term, f.title, f.description])).toEqual([
      ['categories/world/', 'World', 'News', 'Recent content on News'],
      ['tags/go/', 'Go', 'The Go language on News', 'Recent content in The Go language on News'],
      ['tags/rust-lang/', 'Rust Lang', 'Rust Lang on News', 'Recent content in Rust Lang on News'],
    ]);
  });

  it('reports term collisions', () => {
    expect(termCollisions(site, [entry('a', 'en', 1, { tags: ['Go', 'go'] })])).toEqual([{ taxonomy: 'tags', slug: 'go', names: ['Go', 'go'] }]);
  });

  it('reports the terms that share a feed folder for the site RSS file name, as planFeeds slugs them', () => {
    // `[outputFormats.RSS] baseName = "feed"`: a tag `feed.xml` gets the folder `_feed.xml`, as `_feed.xml` does.
    const feedSite = { ...site, rssFile: 'feed.xml' };
    const entries = [entry('a', 'en', 2, { tags: ['feed.xml'] }), entry('b', 'en', 1, { tags: ['_feed.xml'] })];
    const folders = planFeeds(feedSite, entries)
      .filter((f) => f.kind === 'term')
      .map((f) => [f.dir, f.items.length]);
    expect(folders).toEqual([['tags/_feed.xml/', 2]]);
    expect(termCollisions(feedSite, entries)).toEqual([{ taxonomy: 'tags', slug: '_feed.xml', names: ['_feed.xml', 'feed.xml'] }]);
    expect(termCollisions(site, entries)).toEqual([]);
  });

  it('compareEntries puts the newer first, then the smaller key, and finds an entry equal to itself only', () => {
    const [older, a, b] = [entry('content/en/z.md', 'en', 1), entry('content/en/a.md', 'en', 2), entry('content/en/b.md', 'en', 2)];
    expect([compareEntries(a, older), compareEntries(older, a)]).toEqual([-1, 1]);
    expect([Math.sign(compareEntries(a, b)), Math.sign(compareEntries(b, a)), compareEntries(a, a)]).toEqual([-1, 1, 0]);
  });

  it('lists a page that says _build.list: local in its section and term feeds only, not in its language or all-languages feed', () => {
    const feeds = planFeeds(site, [entry('content/en/a.md', 'en', 1), { ...entry('content/en/notes/b.md', 'en', 2, { tags: ['x'] }, 'notes'), local: true }]);
    expect(feeds.map((f) => [f.dir, f.items.map((i) => i.key)])).toEqual([
      ['all/', ['content/en/a.md']],
      ['', ['content/en/a.md']],
      ['notes/', ['content/en/notes/b.md']],
      ['tags/x/', ['content/en/notes/b.md']],
      ['zh-cn/', []],
    ]);
  });

  it('titles the home feeds by their list pages, describes them by the config, and names the all-languages feed apart', () => {
    // Arrange: en has a description of its own, zh-cn none (the site has none either).
    const described = testSite({
      languages: {
        en: { contentDir: 'content/en', weight: 1, description: 'English news' },
        'zh-CN': { contentDir: 'content/zh-CN', weight: 2, title: '新闻' },
      },
    });
    const titles = new Map([
      [sectionKey('en', ''), 'Welcome'],
      [sectionKey('zh-cn', ''), '欢迎'],
    ]);
    // Act
    const feeds = planFeeds(described, [entry('content/en/a.md', 'en', 1)], { ...NO_SECTIONS, titles });
    const plain = planFeeds(testSite({ description: 'All the news' }), [entry('content/en/a.md', 'en', 1)]);
    // Assess
    expect(feeds.map((f) => [f.dir, f.title, f.description])).toEqual([
      ['all/', 'News · All languages', 'Recent content on News'],
      ['', 'Welcome on News', 'English news'],
      ['zh-cn/', '欢迎 on 新闻', 'Recent content in 欢迎 on 新闻'],
    ]);
    expect(plain.map((f) => [f.dir, f.title, f.description])).toEqual([
      ['all/', 'News · All languages', 'All the news'],
      ['', 'News', 'All the news'],
      ['zh-cn/', '新闻', 'All the news'],
    ]);
  });

  it('archives full pages of limit items counted from the oldest, linked both ways (RFC 5005), and marks a short feed complete', () => {
    // Arrange: five posts, two a page: the feed keeps the newest two, archive 1 the oldest two, archive 2 the next two.
    const archived = testSite({ languages: undefined, feedpub: { archives: true, limit: 2 } });
    const posts = (n: number) => [1, 2, 3, 4, 5].slice(0, n).map((k) => entry(`content/p${k}.md`, 'en', k));
    // Act
    const five = planFeeds(archived, posts(5));
    // Assess
    expect(five.map((f) => [f.dir, f.title, f.items.map((i) => i.key.slice(8, -3)), f.history, f.updated])).toEqual([
      ['', 'News', ['p5', 'p4'], { prevArchive: 'archive/2/' }, 5],
      ['archive/2/', 'News (archive 2)', ['p4', 'p3'], { archive: true, current: '', prevArchive: 'archive/1/' }, 4],
      ['archive/1/', 'News (archive 1)', ['p2', 'p1'], { archive: true, current: '', nextArchive: 'archive/2/' }, 2],
    ]);
    // As many items as the limit, or fewer: one complete feed, no archive page.
    for (const n of [0, 1, 2]) {
      expect(planFeeds(archived, posts(n)).map((f) => [f.dir, f.items.length, f.history])).toEqual([['', n, { complete: true }]]);
    }
    // Three posts: one full page archived.
    expect(planFeeds(archived, posts(3)).map((f) => [f.dir, f.history])).toEqual([
      ['', { prevArchive: 'archive/1/' }],
      ['archive/1/', { archive: true, current: '' }],
    ]);
    // Without archives: the newest, and no history at all.
    const unarchived = planFeeds(testSite({ languages: undefined, feedpub: { limit: 2 } }), posts(5));
    expect(unarchived.map((f) => [f.dir, f.items.length, f.history])).toEqual([['', 2, undefined]]);
  });

  it('finds the nearest nested section any number of folders up, and links it ugly by its top folder, as Hugo 0.111 does', () => {
    // Hugo 0.111 with `[uglyURLs] news = true`: news/world/_index.md is linked as /news/world.html.
    const ugly = testSite({ uglyURLs: { news: true } });
    const sections = { ...NO_SECTIONS, nested: new Set([sectionKey('en', 'news/world')]), titles: new Map([[sectionKey('en', 'news/world'), 'World']]) };
    const feeds = planFeeds(ugly, [entry('content/en/news/world/europe/east/a.md', 'en', 1, {}, 'news')], sections);
    expect(feeds.filter((f) => f.kind === 'section').map((f) => [f.dir, f.link, f.items.length])).toEqual([
      ['news/', 'https://example.com/news.html', 0],
      ['news/world/', 'https://example.com/news/world.html', 1],
    ]);
  });

  it('keeps the case and the dots of a section with a list page, and lower-cases and trims a top folder without one, as Hugo 0.111 does', () => {
    // Hugo 0.111 with disablePathToLower: Blog-Posts/index.xml and y../index.xml (list pages), mixed/, v1/ and v2/ (none).
    const keepCase = testSite({ languages: undefined, disablePathToLower: true });
    const folders = ['Blog-Posts', 'Mixed', 'v1.', 'v2..', 'y..'];
    const titles = new Map([
      [sectionKey('en', 'Blog-Posts'), 'BP'],
      [sectionKey('en', 'y..'), 'Y'],
    ]);
    const feeds = planFeeds(
      keepCase,
      folders.map((folder) => entry(`content/${folder}/p.md`, 'en', 1, {}, folder)),
      { ...NO_SECTIONS, titles },
    );
    expect(feeds.filter((f) => f.kind === 'section').map((f) => f.dir)).toEqual(['Blog-Posts/', 'mixed/', 'v1/', 'v2/', 'y../']);
    // Without disablePathToLower every section is lower-cased, list page or not (y.. keeps its dots).
    expect(
      planFeeds(testSite({ languages: undefined }), [entry('content/Blog-Posts/p.md', 'en', 1, {}, 'Blog-Posts')], { ...NO_SECTIONS, titles }).map(
        (f) => f.dir,
      ),
    ).toEqual(['', 'blog-posts/', 'y../']);
  });

  it('plans a feed for a term with a list page and no article, unless Hugo publishes no page for it, titled by it else by its slug', () => {
    // Arrange: tags/go/ and tags/ada/ have list pages (ada untitled), tags/old/ a draft one; one article is tagged Go.
    const titles = new Map([
      [sectionKey('en', 'tags/go'), 'The Go language'],
      [sectionKey('en', 'tags/ada'), ''],
      [sectionKey('en', 'tags/old'), 'Old'],
      [sectionKey('en', 'tags/'), 'All tags'],
    ]);
    const sections = { ...NO_SECTIONS, titles, hidden: new Set([sectionKey('en', 'tags/old')]) };
    // Act
    const dropped: string[] = [];
    const terms = planFeeds(site, [entry('content/en/a.md', 'en', 1, { tags: ['Go'] })], sections, (plan) => dropped.push(plan.dir)).filter(
      (f) => f.kind === 'term',
    );
    const permalink = testSite({ permalinks: { tags: '/topic/:title/' } });
    const byTitle = planFeeds(permalink, [entry('content/en/a.md', 'en', 1, { tags: ['Go'] })], sections).filter((f) => f.kind === 'term');
    const untagged = planFeeds(permalink, [], sections).filter((f) => f.kind === 'term');
    // Assess: the term feeds under their taxonomy, the tagged one with its item; the permalink takes the title.
    expect(terms.map((f) => [f.dir, f.term, f.title, f.items.length])).toEqual([
      ['tags/ada/', 'ada', 'News', 0],
      ['tags/go/', 'Go', 'The Go language on News', 1],
    ]);
    expect(dropped).toEqual([]);
    expect(byTitle.map((f) => [f.dir, f.term, f.link])).toEqual([
      ['topic/ada/', 'ada', 'https://example.com/topic/ada/'],
      ['topic/the-go-language/', 'Go', 'https://example.com/topic/the-go-language/'],
    ]);
    expect(untagged.map((f) => [f.dir, f.term])).toEqual([
      ['topic/ada/', 'ada'],
      ['topic/the-go-language/', 'The Go language'],
    ]);
    // A term list page moved by its `url`: its feed and link there (as written, with uglyURLs too).
    const moved = planFeeds(testSite({ uglyURLs: true }), [entry('content/en/a.md', 'en', 1, { tags: ['Go'] })], {
      ...NO_SECTIONS,
      dirs: new Map([[sectionKey('en', 'tags/go'), 'golang/']]),
    });
    expect(moved.filter((f) => f.kind === 'term').map((f) => [f.dir, f.link])).toEqual([['golang/', 'https://example.com/golang/']]);
  });

  it('puts a term where its permalink says, dot segments resolved, and under its taxonomy when nothing is left', () => {
    const feedsWith = (pattern: string) =>
      planFeeds(testSite({ languages: undefined, permalinks: { tags: pattern } }), [entry('content/a.md', 'en', 1, { tags: ['Go'] })])
        .filter((f) => f.kind === 'term')
        .map((f) => f.dir);
    // As Hugo 0.111 places them (checked with hugo): `.` and `..` resolved, not dropped.
    expect(feedsWith('/topic/./../:slug/')).toEqual(['go/']);
    expect(feedsWith('/topic/./x/../:slug/')).toEqual(['topic/go/']);
    expect(feedsWith('/../')).toEqual(['tags/go/']);
  });

  it('leaves out a feed in a folder named like a feed file of the folder above, and says whose file it is', () => {
    // Arrange: a top folder index.xml/ beside the site feed's index.xml, a nested one in news/.
    const mono = testSite({ languages: undefined });
    const entries = [
      entry('content/index.xml/a.md', 'en', 1, {}, 'index.xml'),
      entry('content/news/world/atom.xml/b.md', 'en', 2, {}, 'news'),
      entry('content/news/world/c.md', 'en', 3, {}, 'news'),
    ];
    const sections = { ...NO_SECTIONS, nested: new Set([sectionKey('en', 'news/world'), sectionKey('en', 'news/world/atom.xml')]) };
    const dropped: Problem[] = [];
    // Act
    const feeds = planFeeds(mono, entries, sections, (plan, holder) => dropped.push(droppedFeedProblem(plan, holder)));
    // Assess
    expect(feeds.map((f) => f.dir)).toEqual(['', 'news/', 'news/world/']);
    expect(dropped).toEqual([
      {
        file: '(site)',
        severity: 'warning',
        rule: 'feed-path-collision',
        message:
          'the feed of section "index.xml" (language en) would be in index.xml/, a folder named like a file of the site feed (language en) in /: not published',
      },
      {
        file: '(site)',
        severity: 'warning',
        rule: 'feed-path-collision',
        message:
          'the feed of section "news/world/atom.xml" (language en) would be in news/world/atom.xml/, a folder named like a file of the feed of section "news/world" (language en) in news/world/: not published',
      },
    ]);
    // Without a listener, the same feeds.
    expect(planFeeds(mono, entries, sections)).toEqual(feeds);
  });

  it('names the feed that keeps a folder a list page moves another to: a section, the site feed, the all-languages feed', () => {
    // Arrange: blog/_index.md says `url: /tags/go/`, news/_index.md `url: /`, and on a site with its default
    // language in a subdir (the all-languages feed at the root), notes/_index.md `url: /index.xml/`.
    const mono = testSite({ languages: undefined });
    const dirs = new Map([
      [sectionKey('en', 'blog'), 'tags/go/'],
      [sectionKey('en', 'news'), ''],
      [sectionKey('en', 'notes'), 'index.xml/'],
    ]);
    const entries = [entry('content/blog/a.md', 'en', 1, { tags: ['Go'] }, 'blog'), entry('content/news/b.md', 'en', 2, {}, 'news')];
    const messages = (s: SiteConfig, list: PlanEntry[]) => {
      const out: string[] = [];
      planFeeds(s, list, { ...NO_SECTIONS, dirs }, (plan, holder) => out.push(droppedFeedProblem(plan, holder).message));
      return out;
    };
    // Act, Assess (without a listener, the same feeds are left out)
    expect(messages(mono, entries)).toEqual([
      'the feed of section "news" (language en) would be in /, the folder of the site feed (language en): not published',
      'the feed of tags "Go" (language en) would be in tags/go/, the folder of the feed of section "blog" (language en): not published',
    ]);
    expect(planFeeds(mono, entries, { ...NO_SECTIONS, dirs }).map((f) => f.dir)).toEqual(['', 'tags/go/']);
    expect(messages(testSite({ defaultContentLanguageInSubdir: true }), [entry('content/en/notes/c.md', 'en', 3, {}, 'notes')])).toEqual([
      'the feed of section "notes" (language en) would be in index.xml/, a folder named like a file of the site feed in /: not published',
    ]);
  });

  it('finds the nearest unpublished section above a page, and the nearest cascade of _build above it, deepest first', () => {
    // Arrange: news/_index.md is a draft, news/world/_index.md expired; notes/ cascades list: local, notes/kept/ a list always.
    const drafts = new Map([
      [sectionKey('en', 'news'), { key: 'content/en/news/_index.md', reason: 'draft' as const }],
      [sectionKey('en', 'news/world'), { key: 'content/en/news/world/_index.md', reason: 'expired' as const }],
    ]);
    const listPages = new Map([
      [sectionKey('en', 'notes'), { origin: 'content/en/notes/_index.md', entries: [{ build: { local: true } }] }],
      [sectionKey('en', 'notes/kept'), { origin: 'content/en/notes/kept/_index.md', entries: [{ build: {} }] }],
      [sectionKey('en', ''), { origin: 'content/en/_index.md', entries: [{ build: { local: true } }] }],
    ]);
    const sections = { ...NO_SECTIONS, drafts, cascade: { listPages, site: new Map(), states: new Map(), now: 0 } };
    const at = (key: string, section: string) => entry(key, 'en', 1, {}, section);
    const local = (key: string, section: string, given: typeof sections | typeof NO_SECTIONS = sections) =>
      pageCascade(site, at(key, section), given)?.build?.value.local === true;
    // Act, Assess
    expect(draftSectionOf(site, at('content/en/news/world/trip/index.md', 'news'), sections)?.reason).toBe('expired');
    expect(draftSectionOf(site, at('content/en/news/a.md', 'news'), sections)?.reason).toBe('draft');
    expect(draftSectionOf(site, at('content/en/news/other/a.md', 'news'), sections)?.reason).toBe('draft');
    expect(draftSectionOf(site, at('content/en/blog/a.md', 'blog'), sections)).toBeUndefined();
    expect(draftSectionOf(site, at('content/en/a.md', ''), sections)).toBeUndefined();
    expect(draftSectionOf(site, at('content/en/news/a.md', 'news'), NO_SECTIONS)).toBeUndefined();
    expect(local('content/en/notes/deep/a.md', 'notes')).toBe(true);
    expect(local('content/en/notes/kept/a.md', 'notes')).toBe(false);
    expect(pageCascade(site, at('content/en/notes/kept/a.md', 'notes'), sections)?.build?.origin).toBe('content/en/notes/kept/_index.md');
    // The home page's cascade is for every page of its language, below the list pages' above it.
    expect(local('content/en/blog/a.md', 'blog')).toBe(true);
    expect(local('content/en/a.md', '')).toBe(true);
    expect(local('content/en/notes/a.md', 'notes', NO_SECTIONS)).toBe(false);
  });

  it('plans the feed of a section below one whose list page renders no page (a `_build` of its own, which cascades nothing)', () => {
    const titles = new Map([
      [sectionKey('en', 'notes'), 'Notes'],
      [sectionKey('en', 'notes/later'), 'Later'],
    ]);
    const dirs = (hidden: Set<string>) => planFeeds(site, [], { ...NO_SECTIONS, titles, hidden }).map((f) => f.dir);
    expect(dirs(new Set())).toEqual(['all/', '', 'notes/', 'notes/later/', 'zh-cn/']);
    expect(dirs(new Set([sectionKey('en', 'notes')]))).toEqual(['all/', '', 'notes/later/', 'zh-cn/']);
  });

  it('feedDirsOf leaves out the feeds of terms Hugo publishes no page for, and places the others by their list pages', () => {
    const byTitle = testSite({ permalinks: { tags: '/topic/:title/' } });
    const sections = {
      ...NO_SECTIONS,
      titles: new Map([[sectionKey('en', 'tags/go'), 'The Go language']]),
      hidden: new Set([sectionKey('en', 'tags/old')]),
    };
    const one = entry('content/en/a.md', 'en', 1, { tags: ['Go', 'Old', 'Rust'] });
    expect(feedDirsOf(byTitle, one, sections)).toEqual(['all/', '', 'topic/the-go-language/', 'topic/rust/']);
    // An entry with no terms of a taxonomy is in no feed of it; a local one in its section's and terms' only.
    expect(feedDirsOf(byTitle, entry('content/en/b.md', 'en', 1), sections)).toEqual(['all/', '']);
    expect(feedDirsOf(byTitle, { ...entry('content/en/notes/c.md', 'en', 1, { tags: ['Rust'] }, 'notes'), local: true }, sections)).toEqual([
      'notes/',
      'topic/rust/',
    ]);
  });
});

describe('the all-languages folder taken by another feed', () => {
  const site = testSite();

  it('gives the folder to a section feed, as Hugo publishes it there, whatever the input order, and warns naming both', () => {
    // Prepare
    const entries = [entry('content/en/all/a.md', 'en', 2, {}, 'all'), entry('content/zh-CN/b.md', 'zh-cn', 3)];
    // Act
    const feeds = planFeeds(site, entries);
    // Assess
    expect(planFeeds(site, [...entries].reverse())).toEqual(feeds);
    expect(feeds.map((f) => [f.dir, f.kind])).toEqual([
      ['', 'language'],
      ['all/', 'section'],
      ['zh-cn/', 'language'],
    ]);
    expect(feeds.find((f) => f.dir === 'all/')?.items.map((i) => i.key)).toEqual(['content/en/all/a.md']);
    expect(allLanguagesPathProblems(site, feeds)).toEqual([
      {
        file: '(site)',
        severity: 'warning',
        rule: 'feed-path-collision',
        message:
          'allLanguagesPath "all/" is also the folder of the section feed "Alls on News" (language en): that feed is published there, as Hugo publishes it, and the all-languages feed is not; give allLanguagesPath a folder of its own',
      },
    ]);
  });

  it('gives the folder to a term feed there, and names the term', () => {
    // Prepare
    const termPath = testSite({ feedpub: { allLanguagesPath: 'tags/go/' } });
    // Act
    const feeds = planFeeds(termPath, [entry('content/en/a.md', 'en', 1, { tags: ['Go'] }), entry('content/zh-CN/b.md', 'zh-cn', 2)]);
    // Assess
    expect(feeds.filter((f) => f.kind === 'site')).toEqual([]);
    expect(feeds.find((f) => f.dir === 'tags/go/')).toMatchObject({ kind: 'term', term: 'Go', items: [{ key: 'content/en/a.md' }] });
    expect(allLanguagesPathProblems(termPath, feeds).map((p) => [p.rule, p.message])).toEqual([
      [
        'feed-path-collision',
        'allLanguagesPath "tags/go/" is also the folder of the feed of tags "Go" (language en): that feed is published there, as Hugo publishes it, and the all-languages feed is not; give allLanguagesPath a folder of its own',
      ],
    ]);
  });

  it('leaves out the archives of the all-languages feed with it, so every archive there is the section feeds', () => {
    // Prepare
    const archived = testSite({ feedpub: { archives: true, limit: 1 } });
    const entries = [1, 2, 3].map((n) => entry(`content/en/all/${n}.md`, 'en', n, {}, 'all')).concat(entry('content/zh-CN/z.md', 'zh-cn', 4));
    // Act
    const feeds = planFeeds(archived, entries).filter((f) => f.dir.startsWith('all/'));
    // Assess
    expect(feeds.map((f) => [f.dir, f.kind, f.items.map((i) => i.key)])).toEqual([
      ['all/', 'section', ['content/en/all/3.md']],
      ['all/archive/3/', 'section', ['content/en/all/3.md']],
      ['all/archive/2/', 'section', ['content/en/all/2.md']],
      ['all/archive/1/', 'section', ['content/en/all/1.md']],
    ]);
  });

  it('warns of nothing when the all-languages feed has its folder, or on a site of one language', () => {
    // Prepare
    const mono = testSite({ languages: undefined });
    // Act
    const multilingual = planFeeds(site, [entry('content/en/news/a.md', 'en', 1, { tags: ['all'] }, 'news')]);
    const single = planFeeds(mono, [entry('content/all/a.md', 'en', 1, {}, 'all')]);
    // Assess
    expect(multilingual.find((f) => f.dir === 'all/')?.kind).toBe('site');
    expect(allLanguagesPathProblems(site, multilingual)).toEqual([]);
    expect(single.map((f) => f.dir)).toEqual(['', 'all/']);
    expect(allLanguagesPathProblems(mono, single)).toEqual([]);
  });
});

describe('feeds that would share a folder', () => {
  it('keeps a language feed where a taxonomy permalink would put a term of the same name, and says so', () => {
    // Arrange: `tags = "/:slug/"` puts the en tag `zh-cn` at zh-cn/, the Chinese feed's folder.
    const site = testSite({ permalinks: { tags: '/:slug/' } });
    const dropped: string[] = [];
    // Act
    const feeds = planFeeds(
      site,
      [entry('content/en/a.md', 'en', 2, { tags: ['zh-CN'] }), entry('content/zh-CN/b.md', 'zh-cn', 1)],
      NO_SECTIONS,
      (plan, holder) => dropped.push(droppedFeedProblem(plan, holder).message),
    );
    // Assess
    expect(feeds.find((f) => f.dir === 'zh-cn/')).toMatchObject({ kind: 'language', lang: 'zh-cn' });
    expect(dropped).toEqual(['the feed of tags "zh-CN" (language en) would be in zh-cn/, the folder of the feed of language zh-cn: not published']);
  });

  it('says when a nested term would be where another term keeps an archive page', () => {
    // Arrange: five posts tagged x make archive pages tags/x/archive/1/ and 2/ (limit 2); two are tagged x/archive/1.
    const site = testSite({ feedpub: { limit: 2, archives: true } });
    const posts = [1, 2, 3, 4, 5].map((n) => entry(`content/en/p${n}.md`, 'en', n, { tags: n <= 2 ? ['x', 'x/archive/1'] : ['x'] }));
    const dropped: string[] = [];
    // Act
    const feeds = planFeeds(site, posts, NO_SECTIONS, (plan, holder) => dropped.push(droppedFeedProblem(plan, holder).message));
    // Assess: the archive page keeps its folder (it was planned first); the nested term is reported.
    expect(feeds.filter((f) => f.dir === 'tags/x/archive/1/').map((f) => f.history?.archive)).toEqual([true]);
    expect(dropped).toEqual([
      'the feed of tags "x/archive/1" (language en) would be in tags/x/archive/1/, the folder of the archive page of the feed of tags "x" (language en): not published',
    ]);
  });
});

/** A Map that counts the questions `has` answers. */
class CountingMap<K, V> extends Map<K, V> {
  asked = 0;
  override has(key: K): boolean {
    this.asked++;
    return super.has(key);
  }
}

describe('planFeeds on deeply nested sections', () => {
  const site = testSite();

  it('asks about each folder above a section once, not once a section below it', () => {
    // Prepare: 400 sections nested in one another, each with a list page; the one 300 deep a draft
    const paths = Array.from({ length: 400 }, (_, d) => Array.from({ length: d + 1 }, (_, k) => `s${k}`).join('/'));
    const entries = [entry('content/en/s0/p.md', 'en', 1, {}, 's0')];
    const drafts = new CountingMap([[sectionKey('en', paths[299] as string), { key: `content/en/${paths[299]}/_index.md`, reason: 'draft' as const }]]);
    const titles = new Map(paths.map((path, d) => [sectionKey('en', path), `S${d}`]));
    const nested = new Set(paths.slice(1).map((path) => sectionKey('en', path)));
    // Act
    const feeds = planFeeds(site, entries, { ...NO_SECTIONS, nested, titles, drafts });
    // Assess: the sections above the draft and the draft itself have feeds, none below it
    const dirs = new Set(feeds.filter((f) => f.kind === 'section').map((f) => f.dir));
    expect(dirs.has(`${paths[299]}/`)).toBe(true);
    expect(dirs.has(`${paths[300]}/`)).toBe(false);
    // (the cube of the depth before: 75,149 questions)
    expect(drafts.asked).toBeLessThanOrEqual(4 * paths.length);
  });
});

describe('planFeeds over a build: a home page a cascade dates', () => {
  it('publishes nothing while a cascade of the config to the home page says it is not published yet, as Hugo 0.111 does', async () => {
    // Prepare: the home page alone (its target) is published in 2099; its pages have dates of their own.
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01T00:00:00Z\n---\nBody.\n`;
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\n[cascade]\npublishDate = 2099-01-01\n[cascade._target]\nkind = "home"\n'],
      ['content/posts/a.md', page('a')],
      ['content/b.md', page('b')],
    ]);
    // Act
    const { report, files } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    // Assess
    expect([...files.keys()].filter((path) => path.endsWith('index.xml'))).toEqual([]);
    expect(report.problems.map((p) => `${p.file} ${p.rule}: ${p.message}`)).toEqual([
      'content/b.md future: in a section not published yet (hugo.toml): not in feeds, as in Hugo',
      'content/posts/a.md future: in a section not published yet (hugo.toml): not in feeds, as in Hugo',
    ]);
  });
});
