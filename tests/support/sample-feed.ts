/**
 * Render inputs for tests. Every function returns a FRESH object (no shared mutable fixture), so
 * a test may change what it gets without affecting others.
 *
 * - `sampleSite()`       a bilingual site (en, zh-cn), two taxonomies, all formats enabled.
 * - `sampleArticle(n)`   a benign article numbered n (newer for larger n).
 * - `benignInput()`      three benign articles, English feed.
 * - `hostileInput()`     the traps: `]]>` twice, `<`/`"`/`&` in terms and titles, U+0008/U+FFFE,
 *                        HTML in a title, CJK, an item without authors and image, a non-URL id,
 *                        a translation, an http id equal to the link.
 * - `emptyInput()`       a feed without items.
 * - `multilingualInput()` the all-languages feed (no feed language; items carry theirs).
 * - `untitledInput()`    untitled articles (a note with HTML, one with its summary only) beside a titled one.
 * - `inputOf(articles)`  wraps articles into a RenderInput for the English site feed.
 */
import { DEFAULT_FEED_OPTIONS } from '../../src/config/site-config.js';
import type { Article, FeedSpec, SiteConfig } from '../../src/model.js';
import type { RenderInput, RenderItem } from '../../src/render/render-feed.js';

/** A fixed instant: 2024-03-01T12:00:00Z. */
export const BASE_TIME = Date.UTC(2024, 2, 1, 12, 0, 0);
const DAY = 86_400_000;

/** The sample site's configuration. */
export function sampleSite(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    baseURL: 'https://example.org/',
    title: 'Example Site',
    description: 'Notes about examples',
    authors: [{ name: 'Ada Lovelace', email: 'ada@example.org', url: 'https://example.org/about/' }],
    copyright: '© 2024 Ada Lovelace',
    timeZone: 'Europe/London',
    defaultContentLanguage: 'en',
    defaultContentLanguageInSubdir: false,
    languages: [
      { key: 'en', code: 'en-GB', name: 'English', title: 'Example Site', description: 'Notes about examples', contentDir: 'content', weight: 1 },
      { key: 'zh-cn', code: 'zh-CN', name: '中文', title: '示例网站', description: '关于示例的笔记', contentDir: 'content/zh-cn', weight: 2 },
    ],
    taxonomies: [
      { singular: 'category', plural: 'categories' },
      { singular: 'tag', plural: 'tags' },
    ],
    permalinks: { posts: '/posts/:slug/' },
    disablePathToLower: false,
    uglyURLs: false,
    feeds: { ...DEFAULT_FEED_OPTIONS, formats: ['rss', 'atom', 'json'] },
    ...overrides,
  };
}

function uuid(n: number): string {
  return `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A benign article numbered `n`: published n days after BASE_TIME, updated an hour later. */
export function sampleArticle(n: number, overrides: Partial<Article> = {}): Article {
  const published = BASE_TIME + n * DAY;
  return {
    key: `content/posts/post-${n}.md`,
    hash: String(n).padStart(64, '0'),
    id: uuid(n),
    lang: 'en',
    translationKey: `post-${n}`,
    section: 'posts',
    title: `Post number ${n}`,
    published,
    updated: published + 3_600_000,
    publishAt: published,
    draft: false,
    summary: `Summary of post ${n}.`,
    terms: { categories: ['Notes'], tags: [`tag-${n}`, 'shared'] },
    authors: [{ name: 'Ada Lovelace', url: 'https://example.org/about/' }],
    image: `https://example.org/posts/post-${n}/cover.jpg`,
    url: `https://example.org/posts/post-${n}/`,
    body: `Body of post ${n}.`,
    bodyLine: 5,
    ...overrides,
  };
}

/** The HTML the markdown stage would give for a benign article. */
export function sampleHtml(article: Article): string {
  return `<p>${article.body}</p>`;
}

function feedOf(site: SiteConfig, articles: readonly Article[], overrides: Partial<FeedSpec> = {}): FeedSpec {
  const items = [...articles].sort((a, b) => b.published - a.published);
  return {
    dir: '',
    kind: 'site',
    lang: 'en',
    title: site.title,
    description: site.description,
    link: site.baseURL,
    languageCode: 'en-GB',
    items,
    updated: items.length > 0 ? items.reduce((max, a) => Math.max(max, a.updated), Number.NEGATIVE_INFINITY) : 0,
    ...overrides,
  };
}

/** Wraps articles (any order; sorted newest first) into the English site feed's RenderInput. */
export function inputOf(
  articles: readonly Article[],
  options: {
    readonly site?: SiteConfig;
    /** Overrides of the feed spec, or a function of the default spec (to remove optional keys). */
    readonly feed?: Partial<FeedSpec> | ((defaults: FeedSpec) => FeedSpec);
    readonly html?: (a: Article) => string;
    readonly alternates?: (a: Article) => RenderItem['alternates'];
    readonly hub?: string;
  } = {},
): RenderInput {
  const site = options.site ?? sampleSite();
  const feed = typeof options.feed === 'function' ? options.feed(feedOf(site, articles)) : feedOf(site, articles, options.feed);
  const dir = feed.dir;
  const items: RenderItem[] = feed.items.map((article) => ({
    article,
    html: (options.html ?? sampleHtml)(article),
    alternates: options.alternates?.(article) ?? [],
  }));
  return {
    site,
    feed,
    items,
    feedId: 'urn:uuid:6f1c2a50-0000-4000-8000-00000000feed',
    urls: {
      rss: `${site.baseURL}${dir}index.xml`,
      atom: `${site.baseURL}${dir}atom.xml`,
      json: `${site.baseURL}${dir}feed.json`,
    },
    ...(options.hub !== undefined ? { hub: options.hub } : {}),
  };
}

/** Three benign articles in the English site feed, with a WebSub hub. */
export function benignInput(): RenderInput {
  return inputOf([sampleArticle(1), sampleArticle(2), sampleArticle(3)], { hub: 'https://pubsubhubbub.appspot.com/' });
}

/** The hostile values every serializer must survive. */
export const HOSTILE = {
  title: 'Tom & Jerry: <b>bold</b> ]]> and ]]> again "quoted" \u0008back\uFFFEspace 中文标题',
  summary: 'Summary with ]]> twice ]]> and a<b & c > d, "quotes" and \u0008 a control',
  html: '<p>Content ]]> with ]]&gt; &amp; <a href="https://example.org/x?a=1&amp;b=2">a link</a> 中文&nbsp;内容</p>\r\n<p>2nd</p>',
  categories: ['News ]]> ]]>', 'a<b "c" & d'],
  tags: ['中文', 'C#', 'x\u0008y', '  ', 'News ]]> ]]>'],
} as const;

/** Hostile input: see the module comment. Newest first: hostile (3), no-authors (2), permalink (1). */
export function hostileInput(): RenderInput {
  const hostile = sampleArticle(3, {
    title: HOSTILE.title,
    summary: HOSTILE.summary,
    terms: { categories: [...HOSTILE.categories], tags: [...HOSTILE.tags] },
    authors: [{ name: 'Ada "The Countess" <Lovelace>', email: 'ada@example.org' }, { name: '巴贝奇 & Babbage' }],
    url: 'https://example.org/posts/%E4%B8%AD%E6%96%87/',
    image: 'https://example.org/img/a.jpg?w=1&h=2',
  });
  const bare = sampleArticle(2, {
    id: 'tag:example.org,2024:post-2',
    title: '没有作者的文章',
    summary: '',
    authors: [],
    terms: {},
  });
  const { image: _drop, ...bareWithoutImage } = bare;
  const permalink = sampleArticle(1, { id: 'https://example.org/posts/post-1/' });
  return inputOf([hostile, bareWithoutImage, permalink], {
    html: (a) => (a.id === hostile.id ? HOSTILE.html : sampleHtml(a)),
    alternates: (a) => (a.id === hostile.id ? [{ hreflang: 'zh-CN', href: 'https://example.org/zh-cn/posts/%E4%B8%AD%E6%96%87/' }] : []),
    hub: 'https://hub.example.org/?a=1&b=2',
  });
}

/** A feed without items (updated 0). */
export function emptyInput(): RenderInput {
  return inputOf([], {
    feed: { dir: 'tags/empty/', kind: 'term', taxonomy: 'tags', term: 'empty', title: 'Empty tag', description: '', link: 'https://example.org/tags/empty/' },
  });
}

/** The all-languages feed: no feed language, an English and a Chinese article. */
export function multilingualInput(): RenderInput {
  const en = sampleArticle(1);
  const zh = sampleArticle(2, {
    lang: 'zh-cn',
    title: '第二篇',
    summary: '摘要',
    url: 'https://example.org/zh-cn/posts/post-2/',
    terms: { tags: ['标签'] },
  });
  return inputOf([en, zh], {
    feed: ({ lang: _lang, languageCode: _code, ...rest }) => ({ ...rest, dir: 'all/', kind: 'language', title: 'All languages' }),
  });
}

/** Untitled articles, as Hugo publishes them: a note with HTML, a link post with its summary only, and a titled post. */
export function untitledInput(): RenderInput {
  const note = sampleArticle(3, { title: '', summary: 'Just a note.' });
  const link = sampleArticle(2, { title: '', summary: 'A link post: https://example.net/' });
  return inputOf([note, link, sampleArticle(1)], { html: (a) => (a.id === link.id ? '' : sampleHtml(a)) });
}
