import { describe, expect, it } from 'vitest';
import { resolveSiteConfig } from '../../../src/config/site-config.js';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { articleId } from '../../../src/plan/ids.js';
import { toUri } from '../../../src/render/formats.js';
import { testSite } from '../../support/site.js';

const site = testSite();

function idOf(key: string, frontMatter: string, on = site): string | undefined {
  return parse(key, frontMatter, on)?.id;
}

function parse(key: string, frontMatter: string, on = site) {
  const location = locateArticle(on, key);
  if (!location) throw new Error(`no location for ${key}`);
  const text = `---\ntitle: "A"\ndate: 2025-01-02T03:04:05Z\n${frontMatter}---\nBody.\n`;
  return parseArticle(on, { key, bytes: new TextEncoder().encode(text) }, location).article;
}

describe("an article's id", () => {
  it('stays the same when the author links the article to a translation with translationKey, or changes that key', () => {
    const key = 'content/en/news/openai-funding.en.md';
    const plain = idOf(key, '');
    expect(plain).toMatch(/^urn:uuid:/);
    expect(idOf(key, 'translationKey: "openai-2025"\n')).toBe(plain);
    expect(idOf(key, 'translationKey: "something-else"\n')).toBe(plain);
  });

  it('follows the content path and the front matter id, and differs between two files that share a translationKey', () => {
    const shared = 'translationKey: "openai-2025"\n';
    expect(idOf('content/en/news/a.en.md', shared)).not.toBe(idOf('content/en/news/b.en.md', shared));
    expect(idOf('content/en/news/a.en.md', 'id: "post-1"\n')).toBe(idOf('content/en/news/b.en.md', 'id: "post-1"\n'));
    expect(idOf('content/en/news/a.en.md', 'id: "tag:example.org,2025:1"\n')).toBe('tag:example.org,2025:1');
  });

  it('is the page URL as feeds write it with itemIds = "permalink", unless the front matter names one', () => {
    const permalinks = { ...site, feeds: { ...site.feeds, itemIds: 'permalink' as const } };
    const article = parse('content/en/news/文章 一.en.md', '', permalinks);
    expect(article?.id).toBe('https://example.com/news/%E6%96%87%E7%AB%A0-%E4%B8%80/');
    expect(article?.id).toBe(toUri(article?.url ?? ''));
    expect(idOf('content/en/news/a.en.md', 'slug: "moved"\n', permalinks)).toBe('https://example.com/news/moved/');
    expect(idOf('content/en/news/a.en.md', 'id: "tag:example.org,2025:1"\n', permalinks)).toBe('tag:example.org,2025:1');
    expect(idOf('content/en/news/a.en.md', 'id: "post-1"\n', permalinks)).toBe(idOf('content/en/news/a.en.md', 'id: "post-1"\n'));
  });
});

describe("an article's translationKey and id: its path without extension and its own language's suffix", () => {
  const keyOf = (key: string, on = site): string | undefined => parse(key, '', on)?.translationKey;
  const withFr = testSite({ languages: { en: { weight: 1 }, fr: { weight: 2 } } });

  it('takes off the extension and a suffix that names the language', () => {
    expect(keyOf('content/en/news/tech/deepseek-r1.en.md')).toBe('news/tech/deepseek-r1');
    expect(keyOf('content/en/news/tech/deepseek-r1.zh-cn.md')).toBe('news/tech/deepseek-r1');
    expect(keyOf('content/posts/a.fr.md', withFr)).toBe('posts/a');
  });

  it('takes off the extension at the end only, and a language key only after a dot', () => {
    expect(keyOf('content/en/notes/a.mdown-tips.md')).toBe('notes/a.mdown-tips');
    expect(keyOf('content/en/notes/b.Markdown')).toBe('notes/b');
    expect(keyOf('content/en/posts/en.md')).toBe('posts/en');
    // A leaf bundle's index keeps its `index`, as Hugo 0.111 pairs it: no translation of a file `posts.md`.
    expect(keyOf('content/en/posts/index.md')).toBe('posts/index');
  });

  it('keeps the suffix of a leaf bundle index that names no language, as Hugo 0.111 pairs it (with no index.<lang>.md)', () => {
    expect(keyOf('content/en/posts/trip/index.zh-cn.md')).toBe('posts/trip/index');
    expect(keyOf('content/en/posts/trip/index.fr.md')).toBe('posts/trip/index.fr');
  });

  it('reads the suffix by the site asked about, not the one asked about last', () => {
    expect(keyOf('content/en/posts/a.fr.md')).toBe('posts/a.fr');
    expect(keyOf('content/posts/a.fr.md', withFr)).toBe('posts/a');
    expect(keyOf('content/en/posts/a.fr.md')).toBe('posts/a.fr');
  });

  // Hugo 0.111 on languages en and fr: news/a.md is /news/a/ (key page/news/a), news/a.FR.md /news/a.fr/
  // (key page/news/a.FR, no translations); on en and zh-CN, zh-CN/news/a.zh-CN.md is zh-cn's
  // /zh-cn/news/a.zh-cn/ (key page/news/a.zh-CN), no translation of en/news/a.md; c.fr.en.md is page/news/c.fr.
  it('keeps a suffix in another case than the language key, and a second suffix, as Hugo 0.111 does', () => {
    expect(keyOf('content/news/a.FR.md', withFr)).toBe('news/a.FR');
    expect(keyOf('content/zh-CN/news/a.zh-CN.md')).toBe('news/a.zh-CN');
    expect(keyOf('content/news/c.fr.en.md', withFr)).toBe('news/c.fr');
  });

  it('makes ids as before: without a suffix naming any language in any case, with the id of the path with it as its other id', () => {
    // Ids survive upgrades: these are the ids feedpub published for these files before pairing followed Hugo.
    expect(idOf('content/news/a.FR.md', '', withFr)).toBe(idOf('content/news/a.md', '', withFr));
    expect(idOf('content/news/c.fr.en.md', '', withFr)).toBe(idOf('content/news/c.md', '', withFr));
    // The other id: the path with the suffix of another language (a.md beside it takes nothing from it).
    const ns = withFr.feeds.idNamespace;
    expect(parse('content/news/a.FR.md', '', withFr)?.idOther).toBe(articleId(ns, 'en', 'news/a.FR', undefined));
    expect(parse('content/news/c.fr.en.md', '', withFr)?.idOther).toBe(articleId(ns, 'en', 'news/c.fr', undefined));
    // None for a page whose suffix is its own language's (in any case), nor with a front matter id or permalink ids.
    expect(parse('content/news/a.md', '', withFr)?.idOther).toBeUndefined();
    expect(parse('content/news/a.fr.md', '', withFr)?.idOther).toBeUndefined();
    expect(parse('content/zh-CN/news/a.zh-CN.md', '')?.idOther).toBeUndefined();
    expect(parse('content/news/a.FR.md', 'id: "post-1"\n', withFr)?.idOther).toBeUndefined();
    const permalinks = { ...withFr, feeds: { ...withFr.feeds, itemIds: 'permalink' as const } };
    expect(parse('content/news/a.FR.md', '', permalinks)?.idOther).toBeUndefined();
  });

  // The files and guids of a build by feedpub as of 6ed1fd0 (before this change of pairing), in a content
  // folder that en, zh-CN and fr share, all English pages in Hugo 0.111.
  it('keeps the ids published before for x.zh-CN.md, b.FR.md and c.fr.en.md in a shared folder', () => {
    const shared = resolveSiteConfig(
      {
        baseURL: 'https://example.com/',
        title: 'T',
        defaultContentLanguage: 'en',
        languages: { en: { weight: 1 }, 'zh-CN': { weight: 2 }, fr: { weight: 3 } },
      },
      { file: 'hugo.toml' },
    );
    expect(parse('content/news/x.zh-CN.md', '', shared)?.id).toBe('urn:uuid:5d7fd824-6128-5e7c-beb3-7923582fe9da');
    expect(parse('content/news/b.FR.md', '', shared)?.id).toBe('urn:uuid:45cc23a6-f913-5069-a835-0bd319c3bfd2');
    expect(parse('content/news/c.fr.en.md', '', shared)?.id).toBe('urn:uuid:e431ee3b-37e8-597d-9a9f-89aac9d39288');
  });

  it('keeps the id of a page whose suffix names its own language in another case, as ids were made before', () => {
    // zh-CN/news/a.zh-CN.md is zh-cn (its folder) and no translation of news/a in Hugo, but its readers know
    // it by the id of zh-cn `news/a` (the sample site names its pages so): that id stays.
    expect(idOf('content/zh-CN/news/a.zh-CN.md', '')).toBe(idOf('content/en/news/a.zh-cn.md', ''));
    expect(idOf('content/zh-CN/news/qq/20250210A05MD2.zh-CN.md', '')).toBe(idOf('content/zh-CN/news/qq/20250210A05MD2.md', ''));
  });
});
