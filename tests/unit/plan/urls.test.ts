import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  cleanUrlField,
  encodePath,
  languageHost,
  languageUrl,
  linkUsesDate,
  listPageUrl,
  pagePath,
  pagePathsBySections,
  pageUrl,
  pageUrlsBySections,
  sectionsSlice,
  urlFieldPath,
} from '../../../src/plan/urls.js';
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

  it('places a leaf bundle at its folder whatever follows index. in its name, as Hugo 0.111 does (index.fr.md on a site without fr)', () => {
    expect(pagePath(site, { lang: en, relPath: 'posts/trip/index.md' }, { date })).toBe('posts/trip/');
    expect(pagePath(site, { lang: en, relPath: 'posts/trip/index.fr.md' }, { date })).toBe('posts/trip/');
    expect(pagePath(site, { lang: en, relPath: 'posts/trip/index.zh-CN.md' }, { date })).toBe('posts/trip/');
    expect(pagePath(site, { lang: en, relPath: 'posts/trip/index.v1.2.md' }, { date })).toBe('posts/trip/');
    expect(pagePath(site, { lang: en, relPath: 'trip/index.ja.md' }, { date })).toBe('trip/');
    expect(pagePath(site, { lang: en, relPath: 'posts/reindex.fr.md' }, { date })).toBe('posts/reindex.fr/');
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
    const withoutAccents = testSite({ timeZone: 'UTC', permalinks: pattern, disablePathToLower: true, removePathAccents: true });
    expect(pagePath(withoutAccents, { lang: language(withoutAccents, 0), relPath: 'posts/Pé.md' }, fields)).toBe('March/Tuesday/Pe/');
  });

  it('expands every date token, zero-padded, in the site time zone (checked with Hugo 0.111)', () => {
    const utc = testSite({ timeZone: 'UTC', permalinks: { dated: '/:year/:month/:day/:monthname/:weekday/:weekdayname/:yearday/:filename/' } });
    const page = { lang: language(utc, 0), relPath: 'dated/Some-File.md' };
    expect(pagePath(utc, page, { date: Date.UTC(2024, 2, 5, 12) })).toBe('2024/03/05/march/2/tuesday/65/some-file/');
    expect(pagePath(utc, page, { date: Date.UTC(2023, 11, 31, 12) })).toBe('2023/12/31/december/0/sunday/365/some-file/');
  });

  it('names every month and weekday', () => {
    const utc = testSite({ timeZone: 'UTC', permalinks: { posts: '/:monthname/:weekdayname/:filename/' } });
    const page = { lang: language(utc, 0), relPath: 'posts/a.md' };
    // The first of each month of 2024, then 2024-09-01 (a Sunday) to 2024-09-07.
    const months = Array.from({ length: 12 }, (_, m) => pagePath(utc, page, { date: Date.UTC(2024, m, 1) }).split('/')[0]);
    const weekdays = Array.from({ length: 7 }, (_, d) => pagePath(utc, page, { date: Date.UTC(2024, 8, 1 + d) }).split('/')[1]);
    expect(months).toEqual(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
    expect(weekdays).toEqual(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);
  });

  it('reads the date in the zone it was written with, else in the site zone', () => {
    // 2023-01-01T01:30:00+09:00 is still 2022-12-31 in UTC.
    const utc = testSite({ timeZone: 'UTC', permalinks: { posts: '/:year/:month/:day/:filename/' } });
    const page = { lang: language(utc, 0), relPath: 'posts/east.md' };
    const date = Date.parse('2023-01-01T01:30:00+09:00');
    expect(pagePath(utc, page, { date, dateOffsetMinutes: 540 })).toBe('2023/01/01/east/');
    expect(pagePath(utc, page, { date })).toBe('2022/12/31/east/');
  });

  // Hugo 0.111 formats the page's date with a token it knows no name of, as a Go layout: feedpub linked
  // https://example.com/%3A06/%3AJan/a/ where Hugo wrote /25/feb/a/.
  it('formats the date with a token that is a Go date layout, lower-cased as the rest of the path (checked with Hugo 0.111)', () => {
    const utc = testSite({ timeZone: 'UTC', permalinks: { posts: '/:06/:Jan/:slug/', long: '/:2006_01_02/:Monday:03PM/:002/:filename/' } });
    const lang = language(utc, 0);
    const day = Date.UTC(2025, 1, 10, 15, 4, 5);
    expect(pagePath(utc, { lang, relPath: 'posts/a.md' }, { date: day, title: 'A' })).toBe('25/feb/a/');
    expect(pagePath(utc, { lang, relPath: 'long/b.md' }, { date: day })).toBe('2025_02_10/monday03pm/041/b/');
    const asWritten = testSite({ timeZone: 'UTC', disablePathToLower: true, permalinks: { posts: '/:06/:Jan/:MST/:slug/' } });
    expect(pagePath(asWritten, { lang: language(asWritten, 0), relPath: 'posts/a.md' }, { date: day, title: 'A' })).toBe('25/Feb/UTC/A/');
  });

  it("makes a layout's spaces, and a zone offset's sign, a dash as Hugo's path does, one beside another (checked with Hugo 0.111)", () => {
    const utc = testSite({ timeZone: 'UTC', permalinks: { a: '/:Jan:_2/x-:_2/:__2/', b: '/:MST/:Z0700/:Z07/' } });
    const lang = language(utc, 0);
    const fifth = Date.UTC(2025, 1, 5);
    expect(pagePath(utc, { lang, relPath: 'a/p.md' }, { date: fifth })).toBe('feb-5/x-5/-36/');
    // A date written with an offset is in a zone without a name: Go's MST writes the offset (`+0900`).
    expect(pagePath(utc, { lang, relPath: 'b/p.md' }, { date: fifth, dateOffsetMinutes: 540 })).toBe('-0900/-0900/-09/');
    expect(pagePath(utc, { lang, relPath: 'b/p.md' }, { date: fifth, dateOffsetMinutes: -210 })).toBe('-0330/-0330/-03/');
    // An offset of 0 is UTC, as Go's time.Parse gives it (on a host in UTC).
    expect(pagePath(utc, { lang, relPath: 'b/p.md' }, { date: fifth, dateOffsetMinutes: 0 })).toBe('utc/z/z/');
    // Etc/GMT-5 is UTC+05:00, named +05 by tzdata.
    const east = testSite({ timeZone: 'Etc/GMT-5', permalinks: { b: '/:MST/:Z0700/:15/' } });
    expect(pagePath(east, { lang: language(east, 0), relPath: 'b/p.md' }, { date: fifth })).toBe('-05/-0500/05/');
  });

  it("reads a date without an offset in its language's own zone, and a layout's clock and offset there too (checked with Hugo 0.111)", () => {
    const zoned = testSite({
      timeZone: 'UTC',
      permalinks: { posts: '/:2006/:01/:02/:15/:Z0700/' },
      languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-CN': { contentDir: 'content/zh-CN', weight: 2, timeZone: 'Asia/Shanghai' } },
    });
    const instant = Date.UTC(2025, 1, 10, 20);
    expect(pagePath(zoned, { lang: language(zoned, 0), relPath: 'posts/a.md' }, { date: instant })).toBe('2025/02/10/20/z/');
    expect(pagePath(zoned, { lang: language(zoned, 1), relPath: 'posts/a.md' }, { date: instant })).toBe('zh-cn/2025/02/11/04/-0800/');
    // Berlin's local mean time before 1893 is +00:53:28: Go cuts it to minutes, or writes its seconds.
    const berlin = testSite({ timeZone: 'Europe/Berlin', permalinks: { posts: '/:15:04:05/:Z0700/:Z070000/' } });
    expect(pagePath(berlin, { lang: language(berlin, 0), relPath: 'posts/a.md' }, { date: Date.UTC(1850, 5, 1, 11, 6, 32) })).toBe('120000/-0053/-005328/');
  });

  it("makes the pattern's own text as Hugo's path does: lower-cased, spaces and + as a dash, other characters dropped (checked with Hugo 0.111)", () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { a: '/Blog/:slug/', b: '/a b/c++/x :slug/', c: '/a!b?/Café/:slug/' } });
    const lang = language(site, 0);
    expect(pagePath(site, { lang, relPath: 'a/p.md' }, { date, title: 'P' })).toBe('blog/p/');
    expect(pagePath(site, { lang, relPath: 'b/p.md' }, { date, title: 'P' })).toBe('a-b/c-/x-p/');
    expect(pagePath(site, { lang, relPath: 'c/p.md' }, { date, title: 'P' })).toBe('ab/café/p/');
    const bare = testSite({ timeZone: 'UTC', removePathAccents: true, disablePathToLower: true, permalinks: { c: '/Café/:slug/' } });
    expect(pagePath(bare, { lang: language(bare, 0), relPath: 'c/p.md' }, { date, title: 'P' })).toBe('Cafe/P/');
  });

  it('expands :section, :sections, :slug and :slugorfilename, with and without a slug (checked with Hugo 0.111)', () => {
    const site = testSite({ permalinks: { s: '/:sections/:slug/', sec: '/:section/:slugorfilename/' } });
    const lang = language(site, 0);
    expect(pagePath(site, { lang, relPath: 's/x/y/a.md' }, { date, slug: 'S', title: 'Title' })).toBe('s/x/y/s/');
    expect(pagePath(site, { lang, relPath: 's/x/y/b.md' }, { date, title: 'S2' })).toBe('s/x/y/s2/');
    expect(pagePath(site, { lang, relPath: 'sec/x/a.md' }, { date })).toBe('sec/a/');
    expect(pagePath(site, { lang, relPath: 'sec/x/b.md' }, { date, slug: 'Sl' })).toBe('sec/sl/');
  });

  it('urlizes a :title, :slug or :slugorfilename whole, no dash at its start or end (checked with Hugo 0.111: audit repros r1, r4)', () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { posts: '/:title/', n: '/n/:slug/', f: '/f/:slugorfilename/' } });
    const lang = language(site, 0);
    const at = (relPath: string, fields: { title?: string; slug?: string }): string => pagePath(site, { lang, relPath }, { date, ...fields });
    expect(at('posts/a.md', { title: 'Pourquoi Hugo ?' })).toBe('pourquoi-hugo/');
    expect(at('posts/b.md', { title: '🚀 Launch day' })).toBe('launch-day/');
    expect(at('posts/c.md', { title: 'x / y' })).toBe('x-/-y/');
    expect(at('posts/d.md', { title: '?' })).toBe('');
    expect(at('n/a.md', { title: 'A', slug: 'Qui suis-je ?' })).toBe('n/qui-suis-je/');
    expect(at('n/b.md', { title: 'Pourquoi ?' })).toBe('n/pourquoi/');
    expect(at('f/a.md', { slug: '¿Qué?' })).toBe('f/qué/');
    expect(at('f/b.md', { slug: '?' })).toBe('f/');
    // Without a permalink, a slug is in the page's whole path: white space at its ends is a dash there.
    expect(at('other/a.md', { slug: 'Qui suis-je ?' })).toBe('other/qui-suis-je-/');
  });

  it('makes a `+` in a :title or :slug a space of the path, a dash but beside one (checked with Hugo 0.111)', () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { posts: '/p/:title/' } });
    const lang = language(site, 0);
    const at = (title: string): string => pagePath(site, { lang, relPath: 'posts/a.md' }, { date, title });
    expect(['C++ Tips', 'a+b', '+lead', 'trail+', '--+', 'a--+--b', '+-+', 'x+/+y'].map(at)).toEqual([
      'p/c-tips/',
      'p/a-b/',
      'p/-lead/',
      'p/trail-/',
      'p/--/',
      'p/a----b/',
      'p/-/',
      'p/x-/-y/',
    ]);
  });

  it('keeps the folders of a :sections slice and of a title with a slash, and drops an empty title with its folder (checked with Hugo 0.111)', () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { posts: '/:sections[1:]/:filename/', other: '/:year/:title/' } });
    const lang = language(site, 0);
    const day = Date.UTC(2024, 2, 5);
    expect(pagePath(site, { lang, relPath: 'posts/branch/deep/c.md' }, { date: day })).toBe('branch/deep/c/');
    expect(pagePath(site, { lang, relPath: 'other/a.md' }, { date: day, title: 'A/B testing' })).toBe('2024/a/b-testing/');
    expect(pagePath(site, { lang, relPath: 'other/a.md' }, { date: day, title: '' })).toBe('2024/');
  });

  it('resolves the . and .. folders of a permalink as Go path.Clean does, never above the site (checked with Hugo 0.111)', () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { dots: '/./../:year/:filename/', up: '/a/../:slug/', out: '/x/:slug/../../../etc/' } });
    const lang = language(site, 0);
    expect(pagePath(site, { lang, relPath: 'dots/a.md' }, { date: Date.UTC(2024, 2, 5) })).toBe('2024/a/');
    expect(pagePath(site, { lang, relPath: 'up/a.md' }, { date, slug: '123' })).toBe('123/');
    expect(pagePath(site, { lang, relPath: 'out/a.md' }, { date, slug: '123' })).toBe('etc/');
  });

  it('never cuts a segment of a page link, nor prefixes a name Windows reserves, as Hugo 0.111 links the page (audit repros r6, r7)', () => {
    const site = testSite({ timeZone: 'UTC', permalinks: { news: '/:year/:title/', posts: '/:title/' } });
    const lang = language(site, 0);
    const day = Date.UTC(2024, 2, 1);
    // 63 Chinese characters, 189 bytes: one segment, as Hugo writes it (it was cut at 180 bytes and hashed, a dead link).
    const cjk = '关于在大型分布式系统中实现高可用性与数据一致性的若干工程实践经验总结以及我们团队在过去三年里踩过的坑和对未来架构演进方向的思考';
    expect(pagePath(site, { lang, relPath: 'news/a.md' }, { date: day, title: cjk })).toBe(`2024/${cjk}/`);
    expect(pagePath(site, { lang, relPath: `other/${cjk}.md` }, { date: day })).toBe(`other/${cjk}/`);
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`);
    expect(pagePath(site, { lang, relPath: 'posts/a.md' }, { date: day, title: words.join(' ') })).toBe(`${words.join('-')}/`);
    expect(pagePath(site, { lang, relPath: 'other/a.md' }, { date: day, slug: 'x'.repeat(300) })).toBe(`other/${'x'.repeat(300)}/`);
    expect(pagePath(site, { lang, relPath: 'other/CON.md' }, { date: day })).toBe('other/con/');
    expect(pagePath(site, { lang, relPath: 'aux/a.md' }, { date: day })).toBe('aux/a/');
  });

  it('nests a slug at each slash, empty parts left out (checked with Hugo 0.111)', () => {
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: '/a//b/' })).toBe('news/a/b/');
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 'Part One/Part Two' })).toBe('news/part-one/part-two/');
  });

  it('reads spaces in a slug as Go does: NEL is one, a BOM is none (checked with Hugo 0.111)', () => {
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 'n\u0085m' })).toBe('news/n-m/');
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 'p\uFEFFq' })).toBe('news/pq/');
    // A part of spaces alone is a `-` folder, NEL as a space, as Hugo 0.111 writes it.
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 's1/\u0085/s2' })).toBe('news/s1/-/s2/');
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 's1/ /s2' })).toBe('news/s1/-/s2/');
    expect(pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug: 's1/\u3000\t/s2' })).toBe('news/s1/-/s2/');
  });

  // Hugo 0.111 urlizes the whole path, a part between two `/`, after cleaning it (checked with `hugo`).
  it('writes white space at either end of a slug part as a dash, and cleans the path first, as Hugo 0.111 does', () => {
    const path = (slug: string): string => pagePath(site, { lang: en, relPath: 'news/a.md' }, { date, slug });
    expect(path(' v1/y')).toBe('news/-v1/y/');
    expect(path('x/ v1 /y')).toBe('news/x/-v1-/y/');
    expect(path('x/ ')).toBe('news/x/-/');
    expect(path(' /x')).toBe('news/-/x/');
    expect(path(' ')).toBe('news/-/');
    expect(path('x/ - /y')).toBe('news/x/-/y/');
    expect(path('x//y')).toBe('news/x/y/');
    expect(path('x/./y')).toBe('news/x/y/');
    expect(path('x/../y')).toBe('news/y/');
  });

  it('puts a url without a leading slash under the language, one with it at the site root', () => {
    expect(pagePath(site, { lang: zh, relPath: 'other/u.md' }, { date, url: 'custom/' })).toBe('zh-cn/custom/');
    expect(urlFieldPath(site, 'zh-cn', 'custom')).toBe('zh-cn/custom/');
    expect(urlFieldPath(site, 'zh-cn', '/custom')).toBe('custom/');
    expect(urlFieldPath(site, 'zh-cn', '?only=query')).toBe('');
    expect(urlFieldPath(site, 'en', 'custom/')).toBe('custom/');
  });

  it('uses the folder of a leaf bundle', () => {
    expect(pagePath(site, { lang: en, relPath: 'blog/2025/photo-essay/index.md' }, { date })).toBe('blog/2025/photo-essay/');
  });

  it('honours uglyURLs', () => {
    const ugly = testSite({ uglyURLs: true });
    expect(pagePath(ugly, { lang: language(ugly, 0), relPath: 'news/a.md' }, { date })).toBe('news/a.html');
  });

  it('makes only the sections uglyURLs names ugly, with or without a permalink (checked with Hugo 0.111)', () => {
    const ugly = testSite({ timeZone: 'UTC', uglyURLs: { news: true, blog: false }, permalinks: { news: '/:year/:filename/', other: '/:year/:filename/' } });
    const lang = language(ugly, 0);
    const day = Date.UTC(2024, 2, 5);
    expect(pagePath(ugly, { lang, relPath: 'news/N.md' }, { date: day })).toBe('2024/n.html');
    expect(pagePath(ugly, { lang, relPath: 'news/deep/N.md' }, { date: day })).toBe('2024/n.html');
    expect(pagePath(ugly, { lang, relPath: 'other/O.md' }, { date: day })).toBe('2024/o/');
    expect(pagePath(ugly, { lang, relPath: 'blog/B.md' }, { date: day })).toBe('blog/b/');
    const plain = testSite({ uglyURLs: { news: true } });
    expect(pagePath(plain, { lang: language(plain, 0), relPath: 'news/N.md' }, { date })).toBe('news/n.html');
    expect(pagePath(plain, { lang: language(plain, 0), relPath: 'blog/B.md' }, { date })).toBe('blog/b/');
  });
});

describe('pagePathsBySections (the paths a page would have, were fewer of its folders sections)', () => {
  const site = testSite({ permalinks: { s: '/:sections/:slug/', plain: '/:section/:filename/' } });
  const lang = language(site, 0);

  it('gives the path for the top folder alone, then for each folder more but the last', () => {
    expect(pagePathsBySections(site, { lang, relPath: 's/x/y/a.md' }, { date })).toEqual(['s/a/', 's/x/a/']);
    expect(pagePathsBySections(site, { lang, relPath: 's/x/a.md' }, { date })).toEqual(['s/a/']);
  });

  it('gives none for a page with a url, a page one folder deep, or a permalink without :sections', () => {
    expect(pagePathsBySections(site, { lang, relPath: 's/x/y/a.md' }, { date, url: '/moved/' })).toBeUndefined();
    expect(pagePathsBySections(site, { lang, relPath: 's/a.md' }, { date })).toBeUndefined();
    expect(pagePathsBySections(site, { lang, relPath: 'plain/x/a.md' }, { date })).toBeUndefined();
    expect(pagePathsBySections(site, { lang, relPath: 'other/x/a.md' }, { date })).toBeUndefined();
  });
});

describe('listPageUrl', () => {
  it('puts an ugly list page beside its folder, by the section lower-cased, and leaves others in their folder', () => {
    expect(listPageUrl(testSite({ uglyURLs: true }), 'zh-cn/tags/go/', 'tags')).toBe('https://example.com/zh-cn/tags/go.html');
    const table = testSite({ uglyURLs: { blog: true } });
    expect(listPageUrl(table, 'blog/', 'Blog')).toBe('https://example.com/blog.html');
    expect(listPageUrl(table, 'news/', 'news')).toBe('https://example.com/news/');
    expect(listPageUrl(testSite(), 'posts/', 'posts')).toBe('https://example.com/posts/');
  });
});

describe('a language with a host of its own (multihost): pageUrl, pageUrlsBySections, languageUrl, listPageUrl', () => {
  // Checked against Hugo 0.111 (hugo-compat.test.ts): pages at the host, without the language's folder; a url with or without its leading slash there too.
  const languages = {
    en: { contentDir: 'content/en', weight: 1, baseURL: 'https://example.com/' },
    'zh-CN': { contentDir: 'content/zh-CN', weight: 2, baseURL: 'https://zh.example.org/news' },
  };
  const site = testSite({ languages, permalinks: { s: '/:sections/:slug/' }, uglyURLs: { tags: true } });
  const en = language(site, 0);
  const zh = language(site, 1);

  it('links pages at the host, a url too, and keeps the paths of a language without one', () => {
    expect(languageHost(site, 'zh-cn')).toBe('https://zh.example.org/news/');
    expect(languageHost(site, undefined)).toBeUndefined();
    expect(languageHost(testSite(), 'zh-cn')).toBeUndefined();
    expect(pageUrl(site, { lang: zh, relPath: 'posts/A.md' }, { date })).toBe('https://zh.example.org/news/posts/a/');
    expect(pageUrl(site, { lang: zh, relPath: 'posts/a.md' }, { date, url: '/custom/' })).toBe('https://zh.example.org/news/custom/');
    expect(pageUrl(site, { lang: zh, relPath: 'posts/a.md' }, { date, url: 'rel/' })).toBe('https://zh.example.org/news/rel/');
    expect(pageUrl(site, { lang: zh, relPath: 'posts/人工智能.md' }, { date })).toBe('https://zh.example.org/news/posts/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/');
    expect(pageUrl(site, { lang: en, relPath: 'posts/a.md' }, { date })).toBe('https://example.com/posts/a/');
    const plain = testSite();
    expect(pageUrl(plain, { lang: language(plain, 1), relPath: 'posts/a.md' }, { date })).toBe('https://example.com/zh-cn/posts/a/');
    expect(pageUrl(plain, { lang: language(plain, 1), relPath: 'posts/a.md' }, { date, url: '/custom/' })).toBe('https://example.com/custom/');
    expect(pageUrlsBySections(site, { lang: zh, relPath: 's/x/y/a.md' }, { date })).toEqual([
      'https://zh.example.org/news/s/a/',
      'https://zh.example.org/news/s/x/a/',
    ]);
    expect(pageUrlsBySections(plain, { lang: language(plain, 1), relPath: 's/x/a.md' }, { date })).toBeUndefined();
    expect(pageUrlsBySections(testSite({ permalinks: { s: '/:sections/:slug/' } }), { lang: en, relPath: 's/x/a.md' }, { date })).toEqual([
      'https://example.com/s/a/',
    ]);
  });

  it('links a feed folder of the language at the host without its folder, ugly where the section is', () => {
    expect(languageUrl(site, 'zh-cn', 'zh-cn/')).toBe('https://zh.example.org/news/');
    expect(languageUrl(site, 'zh-cn', 'zh-cn/posts/')).toBe('https://zh.example.org/news/posts/');
    // A folder moved to the site root by a list page's `/url`, at the host as it is.
    expect(languageUrl(site, 'zh-cn', 'articles/')).toBe('https://zh.example.org/news/articles/');
    expect(languageUrl(site, undefined, 'all/')).toBe('https://example.com/all/');
    expect(languageUrl(site, 'en', 'posts/')).toBe('https://example.com/posts/');
    expect(listPageUrl(site, 'zh-cn/tags/go/', 'tags', 'zh-cn')).toBe('https://zh.example.org/news/tags/go.html');
    expect(listPageUrl(site, 'zh-cn/posts/', 'posts', 'zh-cn')).toBe('https://zh.example.org/news/posts/');
    expect(listPageUrl(testSite(), 'zh-cn/posts/', 'posts', 'zh-cn')).toBe('https://example.com/zh-cn/posts/');
  });
});

describe('cleanUrlField: a front matter url as Hugo 0.111 links it', () => {
  it.each([
    ['/release/v1.2/', 'release/v1.2/'],
    ['/docs/node.js/', 'docs/node.js/'],
    ['/a.b/c', 'a.b/c'],
    ['/p/index.html', 'p/index.html/'],
    ['index.html', 'index.html/'],
    ['/p/page.html/', 'p/page.html/'],
    ['/plain', 'plain/'],
    ['q/r', 'q/r/'],
    ['/v1.2', 'v1.2'],
    ['/s/Index.HTML', 's/Index.HTML'],
    ['/t/myindex.html', 't/myindex.html'],
    ['/', ''],
  ] as const)('%s', (url, expected) => {
    // Each as Hugo 0.111 linked it on a page with that url.
    expect(cleanUrlField(url)).toBe(expected);
  });

  it('drops empty and . folders, as Hugo 0.111 does', () => {
    expect(cleanUrlField('/a//b/')).toBe('a/b/');
    expect(cleanUrlField('//a/b')).toBe('a/b/');
    expect(cleanUrlField('/./a/./b/')).toBe('a/b/');
  });
});

describe('encodePath / absoluteUrl', () => {
  it('percent-encodes non-ASCII, # and ? but keeps + and ~', () => {
    expect(encodePath('tags/c#/')).toBe('tags/c%23/');
    expect(encodePath('tags/c++/')).toBe('tags/c++/');
    expect(encodePath('tags/人工智能/')).toBe('tags/%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD/');
    expect(absoluteUrl(testSite({ baseURL: 'https://example.com/blog' }), '/tags/x?y/')).toBe('https://example.com/blog/tags/x%3Fy/');
  });

  it('joins a path to the base URL with one slash, whatever slashes it starts with', () => {
    const site = testSite({ baseURL: 'https://example.com/blog/' });
    expect(['tags/go/', '/tags/go/', '//tags/go/'].map((path) => absoluteUrl(site, path))).toEqual(Array(3).fill('https://example.com/blog/tags/go/'));
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

// Each checked with hugo 0.111 (the links of its feeds) on posts/a.md, posts/branch/b.md and
// posts/branch/deep/c.md, each folder with a list page; and on posts/a.md without posts/_index.md, whose
// sections Hugo ends with an empty one (a0).
describe('sectionsSlice: Hugo permalinks slices of :sections', () => {
  const a = ['posts'];
  const b = ['posts', 'branch'];
  const c = ['posts', 'branch', 'deep'];
  const a0 = ['posts', ''];
  it.each([
    ['1:', [[], ['branch'], ['branch', 'deep'], ['']]],
    ['last', [['posts'], ['branch'], ['deep'], ['']]],
    [':last', [[], ['posts'], ['posts', 'branch'], ['posts']]],
    ['0:last', [[], ['posts'], ['posts', 'branch'], ['posts']]],
    ['last:last', [[], [], [], []]],
    ['0', [['posts'], ['posts'], ['posts'], ['posts']]],
    [':0', [[], [], [], []]],
    [':1', [['posts'], ['posts'], ['posts'], ['posts']]],
    ['1:2', [[], ['branch'], ['branch'], ['']]],
    ['5:', [[], [], [], []]],
  ] as const)('[%s]', (slice, expected) => {
    expect([a, b, c, a0].map((sections) => sectionsSlice(sections, slice))).toEqual(expected);
  });

  it('gives a page of a top folder without a list page the path Hugo 0.111 gives it: :sections[last] is none, :sections[:last] the folder', () => {
    const site = testSite({ permalinks: { posts: '/:sections[last]/:slug/', news: '/:sections[:last]/:slug/', blog: '/:sections/:slug/' } });
    const lang = site.languages[0];
    if (lang === undefined) throw new Error('no language');
    const fields = { date: Date.UTC(2025, 0, 1), slug: 'a' };
    const paths = (relPath: string) => [pagePath(site, { lang, relPath }, fields), pagePathsBySections(site, { lang, relPath }, fields)];
    // The parse gives the path with a list page, and the other last: the run picks (withSectionUrl).
    expect(paths('posts/a.md')).toEqual(['posts/a/', ['a/']]);
    expect(paths('news/a.md')).toEqual(['a/', ['news/a/']]);
    expect(paths('posts/x/a.md')).toEqual(['x/a/', ['posts/a/', 'a/']]);
    expect(paths('blog/a.md')).toEqual(['blog/a/', undefined]);
    expect(paths('blog/x/a.md')).toEqual(['blog/x/a/', ['blog/a/']]);
  });

  it('leaves what is no slice as written', () => {
    expect(sectionsSlice(c, 'x')).toBeUndefined();
    expect(sectionsSlice(c, '1:2:3')).toBeUndefined();
    expect(['1x', 'x1', 'x:1', '1:x', '-1'].map((slice) => sectionsSlice(c, slice))).toEqual(Array(5).fill(undefined));
  });

  it('reads an index of more than one digit, and gives none for one out of range', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `s${i}`);
    expect(sectionsSlice(eleven, '10')).toEqual(['s10']);
    expect(sectionsSlice(eleven, '9:')).toEqual(['s9', 's10']);
    expect(sectionsSlice(c, '5')).toEqual([]);
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

describe('linkUsesDate: whether a cascaded date would move a page (its link made again from it)', () => {
  const site = testSite({ permalinks: { news: '/:year/:slug/', notes: '/:06/:Jan/:slug/', posts: '/:sections[last]/:slug/', docs: '/:section/:title/' } });
  const en = language(site, 0);
  it('is true under a date token or a Go date layout, false under names, without a permalink, or with a url', () => {
    expect(linkUsesDate(site, { lang: en, relPath: 'news/a.md' }, {})).toBe(true);
    expect(linkUsesDate(site, { lang: en, relPath: 'notes/a.md' }, {})).toBe(true);
    expect(linkUsesDate(site, { lang: en, relPath: 'posts/x/a.md' }, {})).toBe(false);
    expect(linkUsesDate(site, { lang: en, relPath: 'docs/a.md' }, {})).toBe(false);
    expect(linkUsesDate(site, { lang: en, relPath: 'other/a.md' }, {})).toBe(false);
    expect(linkUsesDate(site, { lang: en, relPath: 'news/a.md' }, { url: '/fixed/' })).toBe(false);
    expect(linkUsesDate(site, { lang: en, relPath: 'news/a.md' }, { url: ' ' })).toBe(true);
  });
});
