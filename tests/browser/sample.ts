/**
 * FeedSummary objects built by hand for the browser test: a two-language news site.
 */
import type { FeedFormat, SiteConfig } from '../../src/model.js';
import type { FeedSummary } from '../../src/render/directory/feed-summary.js';
import { testSite } from '../support/site.js';

/** A name that must show as text, never run. */
export const HOSTILE = '<script>document.title="pwned"</script> "q" ]]>';

/** The site: English at the root, Simplified Chinese under zh-cn/, Asia/Shanghai. */
export function browserSite(): SiteConfig {
  return testSite({
    baseURL: 'https://news.example.org/',
    title: 'Example News',
    taxonomies: { category: 'categories', tag: 'tags' },
    languages: {
      en: { contentDir: 'content/en', weight: 1, languageName: 'English' },
      'zh-CN': { contentDir: 'content/zh-CN', weight: 2, title: '示例新闻', languageName: '简体中文' },
    },
  });
}

function feed(
  site: SiteConfig,
  dir: string,
  head: Pick<FeedSummary, 'kind' | 'title' | 'itemCount' | 'latest'> & Partial<Pick<FeedSummary, 'lang' | 'languageCode' | 'taxonomy' | 'term'>>,
  formats: readonly FeedFormat[] = ['rss', 'atom', 'json'],
): FeedSummary {
  const encoded = dir.split('/').map(encodeURIComponent).join('/');
  const files: Record<FeedFormat, string> = { rss: 'index.xml', atom: 'atom.xml', json: 'feed.json' };
  const urls: Partial<Record<FeedFormat, string>> = {};
  for (const f of formats) urls[f] = `${site.baseURL}${encoded}${files[f]}`;
  return { dir, ...head, link: dir === 'all/' ? site.baseURL : `${site.baseURL}${encoded}`, urls };
}

/** A realistic directory: all-languages, two languages, categories and tags in each. */
export function browserFeeds(site: SiteConfig): FeedSummary[] {
  const en = { lang: 'en', languageCode: 'en' };
  const zh = { lang: 'zh-cn', languageCode: 'zh-CN' };
  const at = (iso: string): number => Date.parse(iso);
  return [
    feed(site, 'all/', { kind: 'site', title: 'Example News', itemCount: 20, latest: at('2025-05-31T22:15:00Z') }),
    feed(site, '', { kind: 'language', ...en, title: 'Example News', itemCount: 20, latest: at('2025-05-31T22:15:00Z') }),
    feed(site, 'categories/world/', {
      kind: 'term',
      ...en,
      taxonomy: 'categories',
      term: 'World',
      title: 'World on Example News',
      itemCount: 14,
      latest: at('2025-05-31T22:15:00Z'),
    }),
    feed(site, 'categories/technology/', {
      kind: 'term',
      ...en,
      taxonomy: 'categories',
      term: 'Technology',
      title: 'Technology on Example News',
      itemCount: 9,
      latest: at('2025-05-28T03:00:00Z'),
    }),
    feed(site, 'tags/ai/', {
      kind: 'term',
      ...en,
      taxonomy: 'tags',
      term: 'AI',
      title: 'AI on Example News',
      itemCount: 6,
      latest: at('2025-05-28T03:00:00Z'),
    }),
    feed(site, 'tags/climate/', {
      kind: 'term',
      ...en,
      taxonomy: 'tags',
      term: 'Climate',
      title: 'Climate on Example News',
      itemCount: 4,
      latest: at('2025-05-20T09:30:00Z'),
    }),
    feed(
      site,
      'tags/c#/',
      { kind: 'term', ...en, taxonomy: 'tags', term: 'C# & .NET', title: 'C# & .NET on Example News', itemCount: 2, latest: at('2025-04-02T12:00:00Z') },
      ['rss', 'atom'],
    ),
    feed(site, 'zh-cn/', { kind: 'language', ...zh, title: '示例新闻', itemCount: 12, latest: at('2025-05-31T01:00:00Z') }),
    feed(site, 'zh-cn/categories/科技/', {
      kind: 'term',
      ...zh,
      taxonomy: 'categories',
      term: '科技',
      title: '科技 on 示例新闻',
      itemCount: 7,
      latest: at('2025-05-31T01:00:00Z'),
    }),
    feed(site, 'zh-cn/tags/人工智能/', {
      kind: 'term',
      ...zh,
      taxonomy: 'tags',
      term: '人工智能',
      title: '人工智能 on 示例新闻',
      itemCount: 3,
      latest: at('2025-05-30T16:30:00Z'),
    }),
    feed(site, 'zh-cn/tags/空/', { kind: 'term', ...zh, taxonomy: 'tags', term: '空', title: '空 on 示例新闻', itemCount: 0, latest: 0 }, ['json']),
  ];
}

/** The realistic directory plus one hostile tag. */
export function hostileFeeds(site: SiteConfig): FeedSummary[] {
  return [
    ...browserFeeds(site),
    feed(site, 'tags/script/', {
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'tags',
      term: HOSTILE,
      title: `${HOSTILE} on Example News`,
      itemCount: 1,
      latest: Date.parse('2025-01-01T00:00:00Z'),
    }),
  ];
}

/** Words longer than a 320 px line: a German compound and a host name, neither with a break opportunity. */
export const LONG_WORD = 'Rechtsschutzversicherungsgesellschaften';
export const LONG_HOST = 'Weblog.example.com';

/** A one-language German site whose title and tags are long unbroken words. */
export function longWordSite(): SiteConfig {
  return testSite({
    baseURL: 'https://weblog.example.com/',
    title: `${LONG_WORD} ${LONG_HOST}`,
    languageCode: 'de-DE',
    taxonomies: { tag: 'tags' },
  });
}

/** The site feed and a tag named by a long word, in German. */
export function longWordFeeds(site: SiteConfig): FeedSummary[] {
  const de = { lang: site.languages[0]?.key ?? 'de', languageCode: 'de-DE' };
  const at = Date.parse('2025-05-31T22:15:00Z');
  return [
    feed(site, '', { kind: 'site', ...de, title: site.title, itemCount: 3, latest: at }),
    feed(site, 'tags/x/', {
      kind: 'term',
      ...de,
      taxonomy: 'tags',
      term: `${LONG_WORD}${LONG_WORD}`,
      title: `${LONG_WORD} on ${LONG_HOST}`,
      itemCount: 1,
      latest: at,
    }),
  ];
}
