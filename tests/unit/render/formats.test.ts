import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_CACHE_CONTROL,
  articleTerms,
  CONTENT_TYPE,
  FEED_CACHE_CONTROL,
  FH_NS,
  FORMAT_FILE,
  FORMAT_ORDER,
  feedAuthors,
  feedDescription,
  feedFile,
  formatOfPath,
  formatRfc822,
  formatRfc3339,
  hasTitle,
  historyLinks,
  isHttpUrl,
  itemAuthors,
  languageCode,
  MEDIA_TYPE,
  namedPeople,
  rssImageUrl,
  summaryOrTitle,
  toUri,
} from '../../../src/render/formats.js';
import { stripInvalidXmlChars } from '../../../src/render/xml-chars.js';
import { sampleArticle, sampleSite } from '../../support/sample-feed.js';
import { checkRfc822, parseRfc3339 } from '../../support/validate-values.js';

/** RFC 3986 Appendix A's `URI` (an IP-literal host loosely: hex digits, `:` and `.` in brackets). */
const RFC3986_URI = (() => {
  const pct = '%[0-9A-Fa-f]{2}';
  const unreservedOrSubDelim = "A-Za-z0-9\\-._~!$&'()*+,;=";
  const pchar = `(?:[${unreservedOrSubDelim}:@]|${pct})`;
  const authority = `(?:(?:[${unreservedOrSubDelim}:]|${pct})*@)?(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${unreservedOrSubDelim}]|${pct})*)(?::[0-9]*)?`;
  const hierPart = `(?://${authority}(?:/${pchar}*)*|/(?:${pchar}+(?:/${pchar}*)*)?|${pchar}+(?:/${pchar}*)*|)`;
  return new RegExp(`^[A-Za-z][A-Za-z0-9+.-]*:${hierPart}(?:\\?(?:${pchar}|[/?])*)?(?:#(?:${pchar}|[/?])*)?$`);
})();

/** Any text, with the characters URIs treat specially (and hex digits, for `%XX`) made frequent. */
const uriText = fc.string({
  unit: fc.oneof(fc.constantFrom(...'%[]#?/:@ "<>\\^`{|}aF09'.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  maxLength: 30,
});

/** Instants from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z. */
const instant = fc.integer({ min: -62135596800000, max: 253402300799999 });

describe('file names and media types', () => {
  it('uses the fixed file names, registered media types and cache policy (trap 20)', () => {
    expect(FORMAT_FILE).toEqual({ rss: 'index.xml', atom: 'atom.xml', json: 'feed.json' });
    expect(CONTENT_TYPE).toEqual({
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    });
    expect(FEED_CACHE_CONTROL).toBe('public, max-age=300, stale-while-revalidate=600');
    expect(FORMAT_ORDER).toEqual(['rss', 'atom', 'json']);
    expect(MEDIA_TYPE).toEqual({ rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' });
    expect(ARCHIVE_CACHE_CONTROL).toBe('public, max-age=2592000');
    expect(FH_NS).toBe('http://purl.org/syndication/history/1.0');
  });

  it('names the RSS file as the site renames it, and knows a feed file by its name in its folder only', () => {
    const renamed = { rssFile: 'feed.xml' };
    expect(FORMAT_ORDER.map((f) => feedFile(renamed, f))).toEqual(['feed.xml', 'atom.xml', 'feed.json']);
    expect(FORMAT_ORDER.map((f) => feedFile({}, f))).toEqual(['index.xml', 'atom.xml', 'feed.json']);
    expect(['index.xml', 'tags/go/atom.xml', 'tags/go/feed.json', 'all.opml', 'tags/go/xatom.xml', 'atom.xml/x'].map((p) => formatOfPath({}, p))).toEqual([
      'rss',
      'atom',
      'json',
      undefined,
      undefined,
      undefined,
    ]);
    expect(['feed.xml', 'tags/go/feed.xml', 'tags/go/index.xml'].map((p) => formatOfPath(renamed, p))).toEqual(['rss', 'rss', undefined]);
  });

  it('links an archive document to the current feed and its neighbours in the same format (RFC 5005)', () => {
    const site = sampleSite({ rssFile: 'feed.xml' });
    const history = { archive: true, current: 'tags/go/', prevArchive: 'tags/go/archive/1/', nextArchive: 'tags/go/archive/3/' };
    expect(historyLinks(site, history, 'atom')).toEqual([
      { rel: 'current', href: 'https://example.org/tags/go/atom.xml' },
      { rel: 'prev-archive', href: 'https://example.org/tags/go/archive/1/atom.xml' },
      { rel: 'next-archive', href: 'https://example.org/tags/go/archive/3/atom.xml' },
    ]);
    expect(historyLinks(site, { prevArchive: 'archive/2/' }, 'rss')).toEqual([{ rel: 'prev-archive', href: 'https://example.org/archive/2/feed.xml' }]);
    expect(historyLinks(site, { complete: true }, 'json')).toEqual([]);
    expect(historyLinks(site, undefined, 'json')).toEqual([]);
  });
});

describe('formatRfc822 (trap 11)', () => {
  it('writes the GMT form with a four-digit year', () => {
    expect(formatRfc822(Date.UTC(2024, 0, 2, 10, 0, 0))).toBe('Tue, 02 Jan 2024 10:00:00 GMT');
    expect(formatRfc822(Date.UTC(999, 11, 31, 23, 59, 59))).toBe('Tue, 31 Dec 0999 23:59:59 GMT');
  });

  it('always passes the W3C RFC 822 check with the right day of the week and round-trips to the second', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const result = checkRfc822(formatRfc822(ms));
        expect(result).toEqual({ ok: true, ms: Math.floor(ms / 1000) * 1000 });
      }),
      { numRuns: 500 },
    );
  });

  it('throws instead of printing "Invalid Date"', () => {
    expect(() => formatRfc822(Number.NaN)).toThrow(RangeError);
    expect(() => formatRfc822(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatRfc822(Date.UTC(10000, 0, 1))).toThrow(RangeError);
    expect(() => formatRfc822(Date.UTC(-1, 0, 1))).toThrow(RangeError);
    // A finite number past what a Date holds (±8.64e15 ms) is no date either.
    expect(() => formatRfc822(1e16)).toThrow(new RangeError('RFC 822 date: not a printable date (10000000000000000)'));
  });
});

describe('formatRfc3339 (trap 11)', () => {
  it('writes UTC with Z, without milliseconds unless they are non-zero', () => {
    expect(formatRfc3339(Date.UTC(2024, 0, 2, 10))).toBe('2024-01-02T10:00:00Z');
    expect(formatRfc3339(Date.UTC(2024, 0, 2, 10) + 5)).toBe('2024-01-02T10:00:00.005Z');
    expect(formatRfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('round-trips every instant exactly', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        expect(parseRfc3339(formatRfc3339(ms))).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });

  it('throws on invalid dates', () => {
    expect(() => formatRfc3339(Number.NaN)).toThrow(new RangeError('RFC 3339 date: not a printable date (NaN)'));
  });
});

describe('articleTerms', () => {
  it('lists taxonomies in site order and terms in article order, cleaned, blank and repeated names dropped', () => {
    // Arrange: the article lists tags before categories; an undeclared taxonomy is ignored.
    const article = sampleArticle(1, {
      terms: { series: ['Ignored'], tags: ['b', ' a\u0008 ', 'Go', '  '], categories: ['Go', 'News'] },
    });
    // Act / Assert
    expect(articleTerms(sampleSite(), article)).toEqual(['Go', 'News', 'b', 'a']);
    expect(articleTerms(sampleSite(), sampleArticle(1, { terms: { tags: ['x'] } }))).toEqual(['x']);
  });
});

describe('people and fallbacks', () => {
  it('keeps only people with a name and cleans names', () => {
    expect(namedPeople([{ name: ' \u0008 ' }, { name: ' Ada\uFFFE ' }])).toEqual([{ name: 'Ada' }]);
    // Only a link a reader can follow safely is kept.
    expect(
      namedPeople([
        { name: 'A', email: 'a@example.org', url: 'https://a.example/' },
        { name: 'B', url: 'javascript:alert(1)' },
        { name: 'C', url: '/about/' },
      ]),
    ).toEqual([{ name: 'A', email: 'a@example.org', url: 'https://a.example/' }, { name: 'B' }, { name: 'C' }]);
  });

  it('names the item authors: its own, else the site author, else none', () => {
    const site = sampleSite();
    expect(itemAuthors(site, sampleArticle(1, { authors: [{ name: ' Bo ' }] }))).toEqual([{ name: 'Bo' }]);
    expect(itemAuthors(site, sampleArticle(1, { authors: [{ name: ' ' }] }))).toEqual([
      { name: 'Ada Lovelace', email: 'ada@example.org', url: 'https://example.org/about/' },
    ]);
    const { authors: _a, ...noAuthor } = site;
    expect(itemAuthors(noAuthor, sampleArticle(1, { authors: [] }))).toEqual([]);
  });

  it('knows an untitled article, an http(s) URL, and a language code', () => {
    expect([hasTitle(sampleArticle(1, { title: ' \u0008 ' })), hasTitle(sampleArticle(1))]).toEqual([false, true]);
    expect(['http://a.example', 'HTTPS://a.example/x', 'https:///x', 'ftp://a.example', ' https://a.example', 'see https://a.example'].map(isHttpUrl)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(['zh-cn', 'en', 'fr'].map((key) => languageCode(sampleSite(), key))).toEqual(['zh-CN', 'en-GB', 'fr']);
  });

  it('takes as the RSS image the icon, else the logo, that is a GIF, JPEG or PNG by its path', () => {
    expect(rssImageUrl({ icon: 'https://a.example/icon.svg', logo: 'https://a.example/logo.png' })).toBe('https://a.example/logo.png');
    expect(rssImageUrl({ icon: 'https://a.example/icon.JPG?v=2', logo: 'https://a.example/logo.png' })).toBe('https://a.example/icon.JPG?v=2');
    expect(rssImageUrl({ logo: 'https://a.example/logo.gif' })).toBe('https://a.example/logo.gif');
    expect(rssImageUrl({ icon: 'https://a.example/a.png.svg', logo: 'https://a.example/x.webp' })).toBeUndefined();
    expect(rssImageUrl({})).toBeUndefined();
  });

  it('uses the site authors, else the site title, as feed authors', () => {
    expect(feedAuthors(sampleSite(), undefined).map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(feedAuthors({ ...sampleSite(), authors: [{ name: 'Me' }, { name: ' ' }, { name: 'You' }] }, undefined)).toEqual([{ name: 'Me' }, { name: 'You' }]);
    const { authors: _a, ...noAuthor } = sampleSite();
    expect(feedAuthors(noAuthor, undefined)).toEqual([{ name: 'Example Site' }]);
  });

  it('uses the own authors of a language for its feeds and its items without authors, those of the site for the all-languages feed', () => {
    const site = sampleSite();
    const fr = { ...site, languages: site.languages.map((l) => (l.key === 'en' ? l : { ...l, authors: [{ name: 'Jean' }] })) };
    const other = fr.languages.find((l) => l.key !== 'en')?.key;
    expect(other).toBeDefined();
    expect(feedAuthors(fr, other)).toEqual([{ name: 'Jean' }]);
    expect(feedAuthors(fr, 'en').map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(feedAuthors(fr, undefined).map((p) => p.name)).toEqual(['Ada Lovelace']);
  });

  it('never gives an empty description', () => {
    const site = sampleSite();
    expect(feedDescription(site, 'Own', 'Title')).toBe('Own');
    expect(feedDescription(site, '  ', 'Title')).toBe('Title');
    expect(feedDescription(site, '', '')).toBe('Notes about examples');
    // A site whose description and title hold no text (a control character XML forbids) is named by its address.
    expect(feedDescription({ ...site, description: '', title: '\u0001' }, ' ', '\u0002')).toBe(site.baseURL);
  });

  it('falls back from an empty summary to the title', () => {
    expect(summaryOrTitle(sampleArticle(1, { summary: ' ' }))).toBe('Post number 1');
    expect(summaryOrTitle(sampleArticle(1))).toBe('Summary of post 1.');
  });
});

describe('toUri (trap 19)', () => {
  it('percent-encodes what a URI may not contain and keeps existing escapes', () => {
    expect(toUri('https://example.org/tags/中文 x/')).toBe('https://example.org/tags/%E4%B8%AD%E6%96%87%20x/');
    expect(toUri('https://example.org/a%20b/?q="<x>"&r={1|2}^`\\')).toBe('https://example.org/a%20b/?q=%22%3Cx%3E%22&r=%7B1%7C2%7D%5E%60%5C');
    expect(toUri('https://example.org/😀\u0008/')).toBe('https://example.org/%F0%9F%98%80/');
    // Hosts are not percent-encoded: an internationalized host takes its IDNA form.
    expect(toUri('https://例子.example/文?q=文#文')).toBe('https://xn--fsqu00a.example/%E6%96%87?q=%E6%96%87#%E6%96%87');
  });

  it('percent-encodes brackets outside the host and a % that starts no escape (W3C InvalidURLAttribute)', () => {
    expect(toUri('https://example.org/img/a[1]%20100%.png')).toBe('https://example.org/img/a%5B1%5D%20100%25.png');
    expect(toUri('https://example.org/a%2?q=[x]%zz#f[1]#2')).toBe('https://example.org/a%252?q=%5Bx%5D%25zz#f%5B1%5D%232');
    // Valid escapes, in either case, are kept; an IPv6 host keeps its brackets.
    expect(toUri('https://[2001:db8::1]:8080/%e4%B8%ad/')).toBe('https://[2001:db8::1]:8080/%e4%B8%ad/');
    // In the host too: a % that starts no escape is encoded, an escape kept.
    expect(toUri('https://a%4z%41.example/')).toBe('https://a%254z%41.example/');
  });

  it('keeps an ASCII host as written, and encodes URLs without a scheme or an authority', () => {
    expect(toUri('https://Example.ORG/A')).toBe('https://Example.ORG/A');
    expect(toUri('/tags/中文 x/')).toBe('/tags/%E4%B8%AD%E6%96%87%20x/');
    expect(toUri('mailto:José@example.org')).toBe('mailto:Jos%C3%A9@example.org');
  });

  it('always gives an RFC 3986 URI, keeping every character (property)', () => {
    fc.assert(
      fc.property(uriText, (s) => {
        const out = toUri(`https://example.org/${s}`);
        expect(out).toMatch(RFC3986_URI);
        // Nothing is lost but what XML forbids: without escapes in the input, decoding gives it back.
        if (!s.includes('%')) expect(decodeURIComponent(out)).toBe(`https://example.org/${stripInvalidXmlChars(s)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a URI that is already valid unchanged (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true, validSchemes: ['https', 'http'] }), (url) => {
        expect(url).toMatch(RFC3986_URI);
        expect(toUri(url)).toBe(url);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent and its output is always ASCII URI characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = toUri(`https://example.org/${s}`);
        expect(toUri(once)).toBe(once);
        expect(once).toMatch(/^[\u0021-\u007E]*$/);
      }),
      { numRuns: 300 },
    );
  });
});
