/**
 * Hand-built FeedSummary lists for the directory tests. Functions, so every test gets fresh objects.
 */
import type { FeedFormat, SiteConfig } from '../../../src/model.js';
import type { FeedSummary } from '../../../src/render/directory/feed-summary.js';
import { testSite } from '../../support/site.js';

/** A name that breaks naive HTML and XML writers. */
export const HOSTILE_TERM = '<script>alert("x")</script> & \'q\' ]]> \u0008';

/** The two-language test site (en at the root, zh-cn under zh-cn/, Asia/Shanghai). */
export function sampleSite(overrides: Record<string, unknown> = {}): SiteConfig {
  return testSite({ taxonomies: { category: 'categories', tag: 'tags' }, ...overrides });
}

function urls(site: SiteConfig, dir: string, formats: readonly FeedFormat[] = ['rss', 'atom', 'json']): Partial<Record<FeedFormat, string>> {
  const files: Record<FeedFormat, string> = { rss: 'index.xml', atom: 'atom.xml', json: 'feed.json' };
  const out: Partial<Record<FeedFormat, string>> = {};
  for (const f of formats) out[f] = `${site.baseURL}${dir}${files[f]}`;
  return out;
}

/**
 * Feeds of the two-language sample: all-languages, en, zh-cn, two en categories, en tags (one
 * hostile, one C#), a zh-cn tag, and an empty zh-cn category with only Atom.
 */
export function sampleFeeds(site: SiteConfig = sampleSite()): FeedSummary[] {
  const b = site.baseURL;
  return [
    { dir: 'all/', kind: 'site', title: 'News', link: b, itemCount: 30, latest: Date.UTC(2024, 5, 1, 20, 30), urls: urls(site, 'all/') },
    {
      dir: '',
      kind: 'language',
      lang: 'en',
      languageCode: 'en',
      title: 'News',
      link: b,
      itemCount: 20,
      latest: Date.UTC(2024, 5, 1, 20, 30),
      urls: urls(site, ''),
    },
    {
      dir: 'zh-cn/',
      kind: 'language',
      lang: 'zh-cn',
      languageCode: 'zh-CN',
      title: '新闻',
      link: `${b}zh-cn/`,
      itemCount: 10,
      latest: Date.UTC(2024, 4, 30, 1),
      urls: urls(site, 'zh-cn/'),
    },
    {
      dir: 'categories/world/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'categories',
      term: 'World',
      title: 'World on News',
      link: `${b}categories/world/`,
      itemCount: 7,
      latest: Date.UTC(2024, 4, 20, 8),
      urls: urls(site, 'categories/world/'),
    },
    {
      dir: 'categories/tech/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'categories',
      term: 'Tech',
      title: 'Tech on News',
      link: `${b}categories/tech/`,
      itemCount: 12,
      latest: Date.UTC(2024, 5, 1, 20, 30),
      urls: urls(site, 'categories/tech/'),
    },
    {
      dir: 'tags/go/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'tags',
      term: 'Go',
      title: 'Go on News',
      link: `${b}tags/go/`,
      itemCount: 3,
      latest: Date.UTC(2024, 2, 10, 12),
      urls: urls(site, 'tags/go/'),
    },
    {
      dir: 'tags/c#-.net/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'tags',
      term: 'C# & .NET',
      title: 'C# & .NET on News',
      link: `${b}tags/c%23-.net/`,
      itemCount: 2,
      latest: Date.UTC(2024, 1, 2, 3),
      urls: urls(site, 'tags/c%23-.net/'),
    },
    {
      dir: 'tags/script/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'tags',
      term: HOSTILE_TERM,
      title: `${HOSTILE_TERM} on News`,
      link: `${b}tags/script/`,
      itemCount: 1,
      latest: Date.UTC(2023, 11, 31, 17),
      urls: urls(site, 'tags/script/'),
    },
    {
      dir: 'zh-cn/tags/科技/',
      kind: 'term',
      lang: 'zh-cn',
      languageCode: 'zh-CN',
      taxonomy: 'tags',
      term: '科技',
      title: '科技 on 新闻',
      link: `${b}zh-cn/tags/%E7%A7%91%E6%8A%80/`,
      itemCount: 4,
      latest: Date.UTC(2024, 4, 30, 1),
      urls: urls(site, 'zh-cn/tags/%E7%A7%91%E6%8A%80/'),
    },
    {
      dir: 'zh-cn/categories/empty/',
      kind: 'term',
      lang: 'zh-cn',
      languageCode: 'zh-CN',
      taxonomy: 'categories',
      term: '空',
      title: '空 on 新闻',
      link: `${b}zh-cn/categories/empty/`,
      itemCount: 0,
      latest: 0,
      urls: urls(site, 'zh-cn/categories/empty/', ['atom']),
    },
  ];
}
