/**
 * What the three serializers share: file names, media types, date syntaxes, and the item fields
 * that are derived the same way for RSS, Atom and JSON Feed (so the formats stay in parity).
 */
import { type Article, authorsOf, type FeedFormat, type FeedHistory, type Person, type SiteConfig } from '../model.js';
import { absoluteUrl } from '../plan/urls.js';
import { stripInvalidXmlChars } from './xml-chars.js';

/** The formats in the fixed order files are returned in. */
export const FORMAT_ORDER: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/**
 * File name of each format inside a feed folder.
 *
 * @example
 * `${feed.dir}${FORMAT_FILE.atom}`; // 'tags/go/atom.xml'
 */
export const FORMAT_FILE: Readonly<Record<FeedFormat, string>> = {
  rss: 'index.xml',
  atom: 'atom.xml',
  json: 'feed.json',
};

/**
 * File name of a format inside the site's feed folders: {@link FORMAT_FILE}, but RSS where Hugo writes it
 * when the site renames its RSS output format (`SiteConfig.rssFile`).
 *
 * @example feedFile({ rssFile: 'feed.xml' }, 'rss') // 'feed.xml'
 */
export function feedFile(site: Pick<SiteConfig, 'rssFile'>, format: FeedFormat): string {
  return format === 'rss' && site.rssFile !== undefined ? site.rssFile : FORMAT_FILE[format];
}

/**
 * The format of a feed file by its name in its folder (`tags/go/feed.json` → json), undefined for any
 * other file (the directory, OPML and discovery files).
 *
 * @example formatOfPath({}, 'tags/go/atom.xml') // 'atom'
 */
export function formatOfPath(site: Pick<SiteConfig, 'rssFile'>, path: string): FeedFormat | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return FORMAT_ORDER.find((f) => name === feedFile(site, f));
}

/**
 * HTTP Content-Type of each format (the registered media types; see feed-correctness trap 20).
 *
 * @example
 * CONTENT_TYPE.json; // 'application/feed+json; charset=utf-8'
 */
export const CONTENT_TYPE: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The media type alone (for `type` attributes of links). */
export const MEDIA_TYPE: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** Cache-Control of every feed file. */
export const FEED_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';

/**
 * Cache-Control of RFC 5005 archive documents: they change when an archived article does, or when a post
 * dated before an archived one comes in, or an archived one goes out or is re-dated (pages shift: see
 * `feed` in src/plan/plan-feeds.ts). Not shorter for a page a shift rewrote: the header is part of the
 * published file, which a clean build must write alike, and RFC 5005 lets a client keep a fetched archive
 * page as final whatever it says; CloudFront's copy is invalidated (and capped at a day).
 */
export const ARCHIVE_CACHE_CONTROL = 'public, max-age=2592000';

/** RFC 5005's namespace (`fh:complete`, `fh:archive`). */
export const FH_NS = 'http://purl.org/syndication/history/1.0';

/** The RFC 5005 link relations of a document, as absolute URLs of one format. */
export function historyLinks(site: SiteConfig, history: FeedHistory | undefined, format: FeedFormat): { rel: string; href: string }[] {
  if (!history) return [];
  const url = (dir: string): string => absoluteUrl(site, dir + feedFile(site, format));
  return [
    ...(history.current !== undefined ? [{ rel: 'current', href: url(history.current) }] : []),
    ...(history.prevArchive !== undefined ? [{ rel: 'prev-archive', href: url(history.prevArchive) }] : []),
    ...(history.nextArchive !== undefined ? [{ rel: 'next-archive', href: url(history.nextArchive) }] : []),
  ];
}

function checkedDate(ms: number, what: string): Date {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(ms) || Number.isNaN(year) || year < 1 || year > 9999) {
    throw new RangeError(`${what}: not a printable date (${String(ms)})`);
  }
  return date;
}

/**
 * RFC 822 date with a four-digit year, in GMT (`Tue, 02 Jan 2024 10:00:00 GMT`), for RSS.
 * Throws a RangeError for NaN/infinite values and years outside 1–9999 instead of printing
 * `Invalid Date`.
 *
 * @example
 * formatRfc822(Date.UTC(2024, 0, 2, 10)); // 'Tue, 02 Jan 2024 10:00:00 GMT'
 */
export function formatRfc822(ms: number): string {
  return checkedDate(ms, 'RFC 822 date').toUTCString();
}

/**
 * RFC 3339 date in UTC with `Z`: seconds precision, milliseconds only when non-zero.
 *
 * @example
 * formatRfc3339(Date.UTC(2024, 0, 2, 10));      // '2024-01-02T10:00:00Z'
 * formatRfc3339(Date.UTC(2024, 0, 2, 10) + 5);  // '2024-01-02T10:00:00.005Z'
 */
export function formatRfc3339(ms: number): string {
  return checkedDate(ms, 'RFC 3339 date').toISOString().replace('.000Z', 'Z');
}

/** Strips forbidden characters and trims: the form every name, term and title is compared in. */
export function cleanText(value: string): string {
  return stripInvalidXmlChars(value).trim();
}

/**
 * The article's terms across all taxonomies, for `category`/`tags`: taxonomies in site order,
 * terms in article order, blank names dropped, each name once.
 *
 * @example
 * articleTerms(site, article); // ['News', 'Go', 'C#']
 */
export function articleTerms(site: SiteConfig, article: Article): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const taxonomy of site.taxonomies) {
    for (const term of article.terms[taxonomy.plural] ?? []) {
      const name = cleanText(term);
      if (name === '' || seen.has(name)) continue;
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** People with a non-blank name (after stripping forbidden characters), names cleaned. */
export function namedPeople(people: readonly Person[]): Person[] {
  const out: Person[] = [];
  for (const { url, ...person } of people) {
    const name = cleanText(person.name);
    // Only a link a reader can follow safely (the site's own author comes from its config unchecked).
    if (name !== '') out.push({ ...person, name, ...(url !== undefined && isHttpUrl(url) ? { url } : {}) });
  }
  return out;
}

/**
 * The authors an item names: its own, else the site's author when the config names one. Every format
 * writes them on the item itself: Python's feedparser, rss-parser and feed-extractor show no author for an
 * Atom entry or a JSON Feed item that relies on the feed's (RFC 4287 §4.2.1 allows the entry its own), and
 * RSS has no feed-level author at all. Not the site's title, which Atom and JSON Feed fall back to for
 * the feed only because they must name someone.
 *
 * @example itemAuthors(site, { ...article, authors: [] }) // site.authors, when the config names some
 */
export function itemAuthors(site: SiteConfig, article: Article): Person[] {
  const own = namedPeople(article.authors);
  // Its language's, so that an item is the same in every feed that lists it (the all-languages one too).
  return own.length > 0 ? own : namedPeople(authorsOf(site, article.lang) ?? []);
}

/** The feed-level authors: its language's (the site's for the all-languages feed), else the site title as a name. */
export function feedAuthors(site: SiteConfig, lang: string | undefined): Person[] {
  const authors = namedPeople(authorsOf(site, lang) ?? []);
  return authors.length > 0 ? authors : [{ name: cleanText(site.title) || site.baseURL }];
}

/**
 * A URL as written into a feed: forbidden XML characters removed, and every character an RFC 3986 URI
 * may not hold there percent-encoded as UTF-8: non-ASCII, space, controls, `"`, `<`, `>`, backslash,
 * `^`, backtick, `{`, `|`, `}`, a `%` that does not start a `%XX` escape, `[` and `]` outside the
 * authority (they may only bracket an IPv6 host), and any `#` after the first (the fragment holds
 * none); an internationalized host takes its IDNA form. Existing `%XX` escapes are kept, so the result
 * is stable (`toUri(toUri(u)) === toUri(u)`) and a valid URI comes back unchanged. RSS readers and
 * the W3C validator require URIs, not IRIs (InvalidURLAttribute); the same form is used in all three
 * formats so readers see the same links.
 *
 * @example
 * toUri('https://example.org/tags/中文 x/'); // 'https://example.org/tags/%E4%B8%AD%E6%96%87%20x/'
 * toUri('https://example.org/a[1] 100%.png'); // 'https://example.org/a%5B1%5D%20100%25.png'
 * toUri('https://例子.example/');            // 'https://xn--fsqu00a.example/'
 */
export function toUri(url: string): string {
  const clean = stripInvalidXmlChars(url);
  // RFC 3986 §3: scheme, `//` authority, then path, query and fragment.
  const [, scheme = '', authority = '', rest = ''] = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?(\/\/[^/?#]*)?(.*)$/s.exec(clean) ?? [];
  let host = authority;
  // An internationalized host becomes its IDNA (punycode) form; percent-encoding is not for hosts.
  if (scheme !== '' && /[^\u0021-\u007E]/u.test(authority)) {
    try {
      host = `//${new URL(`http:${authority}`).host}`;
    } catch {
      // Not a valid host: fall through to percent-encoding, the reader will reject it either way.
    }
  }
  const hash = rest.indexOf('#');
  const before = hash < 0 ? rest : rest.slice(0, hash);
  const fragment = hash < 0 ? '' : `#${rest.slice(hash + 1).replace(/#/g, '%23')}`;
  return scheme + host.replace(NOT_IN_AUTHORITY, encodeChar) + (before + fragment).replace(NOT_IN_PATH, encodeChar);
}

/** Characters a URI's authority may not hold as they are (brackets may: an IPv6 host). */
const NOT_IN_AUTHORITY = /%(?![0-9A-Fa-f]{2})|[^\u0021-\u007E]|["<>\\^`{|}]/gu;

/** Characters a URI's path, query and fragment may not hold as they are (`#` is handled by the caller). */
const NOT_IN_PATH = /%(?![0-9A-Fa-f]{2})|[^\u0021-\u007E]|["<>\\^`{|}[\]]/gu;

function encodeChar(c: string): string {
  return encodeURIComponent(c);
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value);
}

/**
 * Whether an article has a title to show. One without (a note, a link post) is published untitled, as
 * Hugo publishes it: RSS without `title` (its `description` is then the item's text), Atom with an empty
 * `title` (the element is required, its text is not), JSON Feed without `title`. Its summary is never
 * empty (see `Article.summary`).
 *
 * @example hasTitle({ ...article, title: '' }) // false
 */
export function hasTitle(article: Article): boolean {
  return cleanText(article.title) !== '';
}

/**
 * The plain-text stand-in used where a format needs some text and the summary is empty:
 * the summary, else the title.
 */
export function summaryOrTitle(article: Article): string {
  return cleanText(article.summary) === '' ? article.title : article.summary;
}

/**
 * BCP 47 code of an article's language (the configured code, else the key as written); undefined for a
 * configured language that has none (see `LanguageConfig.code`): its items then name no language.
 */
export function languageCode(site: SiteConfig, langKey: string): string | undefined {
  const language = site.languages.find((l) => l.key === langKey);
  return language === undefined ? langKey : language.code;
}

/**
 * Whether a feed mixes languages (the all-languages feed: no language of its own, nor a code), so that each
 * item names its own. A language's feed without a code (see `LanguageConfig.code`) does not.
 */
export function mixesLanguages(feed: { readonly lang?: string; readonly languageCode?: string }): boolean {
  return feed.lang === undefined && feed.languageCode === undefined;
}

/** A non-empty feed description: the feed's, else the feed title, else the site's description or title. */
export function feedDescription(site: SiteConfig, description: string, title: string): string {
  for (const candidate of [description, title, site.description, site.title]) {
    if (cleanText(candidate) !== '') return candidate;
  }
  return site.baseURL;
}

/** The image formats RSS 2.0 names for a channel's `<image>` (the W3C validator warns of others: ImageUrlFormat). */
const RSS_IMAGE_PATH = /\.(?:gif|jpe?g|png)$/i;

/**
 * The channel image of RSS feeds: the site's `icon`, else its `logo`, whichever is a GIF, JPEG or PNG by
 * its path (RSS 2.0: "a GIF, JPEG or PNG image"); undefined when neither is.
 *
 * @example rssImageUrl({ icon: 'https://example.com/icon.svg', logo: 'https://example.com/logo.png' }) // 'https://example.com/logo.png'
 */
export function rssImageUrl(feeds: { readonly icon?: string; readonly logo?: string }): string | undefined {
  return [feeds.icon, feeds.logo].find((url) => url !== undefined && RSS_IMAGE_PATH.test(new URL(url).pathname));
}
