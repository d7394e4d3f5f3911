import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absoluteUrl, encodePath, pagePath, sectionsSlice, translationKeyOf } from '../../../src/plan/urls.js';
import type { SiteConfig } from '../../../src/model.js';
import { testSite } from '../../support/site.js';

/** The site's language at `index` (the test sites have two). */
function language(site: SiteConfig, index: number): SiteConfig['languages'][number] {
  const found = site.languages[index];
  if (found === undefined) throw new Error(`the test site has no language ${index}`);
  return found;
}

const date = Date.parse('2025-02-10T08:27:09Z'); // 16:27:09 in Asia/Shanghai

describe('pagePath (checked against Hugo 0.111 on the same files)', () => {
  const site = testSite();
  const en = language(site, 0);
  const zh = language(site, 1);

  it('keeps a .zh-CN suffix that does not equal the lower-cased language key, as Hugo does', () => {
    expect(pagePath(site, { lang: zh, relPath: 'news/qq/20250210A05MD2.zh-CN.md' }, { date })).toBe('zh-cn/news/qq/20250210a05md2.zh-cn/');
  });

  it('strips a suffix equal to a language key and lower-cases the path', () => {
    expect(pagePath(site, { lang: en, relPath: 'news/bbc/Plain-Name.en.md' }, { date })).toBe('news/bbc/plain-name/');
  });

  it('urlizes slugs and file names with spaces', () => {
    expect(pagePath(site, { lang: en, relPath: 'news/bbc/Hello.en.md' }, { date, slug: 'My Slug' })).toBe('news/bbc/my-slug/');
    expect(pagePath(site, { lang: en, relPath: 'news/bbc/with space.md' }, { date })).toBe('news/bbc/with-space/');
  });

  it('uses front matter url verbatim, without a language prefix', () => {
    expect(pagePath(site, { lang: zh, relPath: 'other/u.md' }, { date, url: '/zh/custom/' })).toBe('zh/custom/');
    expect(pagePath(site, { lang: en, relPath: 'a.md' }, { date, url: '../../etc/passwd' })).toBe('etc/passwd/');
  });

  it('expands permalink patterns in the site time zone', () => {
    const withPermalinks = testSite({ permalinks: { other: '/:year/:month/:day/:title/' } });
    const zh2 = language(withPermalinks, 1);
    // 2025-02-11T20:00Z is the 12th in Shanghai.
    expect(
      pagePath(withPermalinks, { lang: zh2, relPath: 'other/TitlePerm.md' }, { date: Date.parse('2025-02-11T20:00:00Z'), title: 'Hello Wörld Title' }),
    ).toBe('zh-cn/2025/02/12/hello-wörld-title/');
  });

  it('names the month and weekday as Go does, lower-cased with the path and kept as written with disablePathToLower (checked with Hugo 0.111)', () => {
    // 2024-03-05 is a Tuesday, the 65th day of a leap year.
    const fields = { date: Date.UTC(2024, 2, 5, 12) };
    const pattern = { posts: '/:monthname/:weekdayname/:filename/' };
    const lowered = testSite({ timeZone: 'UTC', permalinks: pattern });
    const asWritten = testSite({ timeZone: 'UTC', permalinks: pattern, disablePathToLower: true });
    expect(pagePath(lowered, { lang: language(lowered, 0), relPath: 'posts/P.md' }, fields)).toBe('march/tuesday/p/');
    expect(pagePath(asWritten, { lang: language(asWritten, 0), relPath: 'posts/P.md' }, fields)).toBe('March/Tuesday/P/');
  });

  it('uses the folder of a leaf bundle', () => {
    expect(pagePath(site, { lang: en, relPath: 'blog/2025/photo-essay/index.md' }, { date })).toBe('blog/2025/photo-essay/');
  });

  it('honours uglyURLs', () => {
    const ugly = testSite({ uglyURLs: true });
    expect(pagePath(ugly, { lang: language(ugly, 0), relPath: 'news/a.md' }, { date })).toBe('news/a.html');
  });
});

describe('encodePath / absoluteUrl', () => {
  it('percent-encodes non-ASCII, # and ? but keeps + and ~', () => {
    expect(encodePath('tags/c#/')).toBe('tags/c%23/');
    expect(encodePath('tags/c++/')).toBe('tags/c++/');
    expect(encodePath('tags/人工智能/')).toBe('tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/');
    expect(absoluteUrl(testSite({ baseURL: 'https://example.com/blog' }), '/tags/x?y/')).toBe('https://example.com/blog/tags/x%3Fy/');
  });

  it('returns a path of unreserved characters as it is, as encoding each segment would', () => {
    const segmentwise = (path: string): string =>
      path
        .split('/')
        .map((segment) => encodeURIComponent(segment).replace(/%2B/g, '+').replace(/%40/g, '@').replace(/%7E/gi, '~'))
        .join('/');
    const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(ascii, (path) => {
        expect(encodePath(path)).toBe(segmentwise(path));
      }),
      { numRuns: 2000 },
    );
    expect(encodePath("news/a-b_c.d!e~f*g'h(i)/index.xml")).toBe("news/a-b_c.d!e~f*g'h(i)/index.xml");
  });
});

describe('translationKeyOf', () => {
  it('is the path without extension and recognized language suffix', () => {
    expect(translationKeyOf(testSite(), 'news/tech/deepseek-r1.en.md')).toBe('news/tech/deepseek-r1');
  });
});

// Each checked with `hugo list all` (0.111) on posts/a.md, posts/branch/b.md and posts/branch/deep/c.md.
describe('sectionsSlice: Hugo permalinks slices of :sections', () => {
  const a = ['posts'];
  const b = ['posts', 'branch'];
  const c = ['posts', 'branch', 'deep'];
  it.each([
    ['1:', [[], ['branch'], ['branch', 'deep']]],
    ['last', [['posts'], ['branch'], ['deep']]],
    [':last', [['posts'], ['posts'], ['posts', 'branch']]],
    ['0:last', [['posts'], ['posts'], ['posts', 'branch']]],
    ['1:last', [[], [], ['branch']]],
    ['0', [['posts'], ['posts'], ['posts']]],
    [':0', [[], [], []]],
    [':1', [['posts'], ['posts'], ['posts']]],
    ['1:2', [[], ['branch'], ['branch']]],
    ['5:', [[], [], []]],
  ] as const)('[%s]', (slice, expected) => {
    expect([a, b, c].map((sections) => sectionsSlice(sections, slice))).toEqual(expected);
  });

  it('leaves what is no slice as written', () => {
    expect(sectionsSlice(c, 'x')).toBeUndefined();
    expect(sectionsSlice(c, '1:2:3')).toBeUndefined();
  });

  it('expands a slice in a permalink as Hugo does', () => {
    const site = testSite({ permalinks: { posts: '/:sections[1:]/:filename/' } });
    const lang = site.languages[0];
    if (lang === undefined) throw new Error('no language');
    const date = Date.UTC(2025, 0, 1);
    expect([pagePath(site, { lang, relPath: 'posts/a.md' }, { date }), pagePath(site, { lang, relPath: 'posts/branch/b.md' }, { date })]).toEqual([
      'a/',
      'branch/b/',
    ]);
  });
});
