import type { LanguageConfig, SiteConfig } from '../model.js';
import { permalinkOf } from '../config/language-settings.js';
import { zoneAbbreviation } from '../config/time-zone-names.js';
import { zoneOffsetMinutes } from '../parse/zone-offset.js';
import { stripInvalidXmlChars } from '../render/xml-chars.js';
import { type GoTime, goTimeFormat, isGoDateLayout } from './go-time-format.js';
import { GO_SPACE, lowerAsGo, type PathStyle, pathStyle, permalinkValue, urlizeLink, urlizeValue } from './slug.js';

/** The folder prefix of a language: '' for the default language at the root, else `zh-cn/`. */
export function languagePrefix(site: SiteConfig, lang: string): string {
  if (lang === site.defaultContentLanguage && !site.defaultContentLanguageInSubdir) return '';
  return `${lang}/`;
}

/**
 * Percent-encodes a site-relative path for use in a URL: non-ASCII, spaces, `#`, `?` and `%` are
 * encoded; `/` separates segments.
 *
 * @example encodePath('tags/c#/') // 'tags/c%23/'
 */
export function encodePath(path: string): string {
  // Most paths (`news/world/`, `tags/go/index.xml`) hold only characters encodeURIComponent keeps as they
  // are: a site's thousands of feed URLs are made without splitting them.
  if (UNRESERVED_PATH.test(path)) return path;
  return (
    path
      .split('/')
      // A lone surrogate (from a front matter `url`) cannot be percent-encoded: it is dropped, as in titles.
      .map((segment) => encodeURIComponent(stripInvalidXmlChars(segment)).replace(/%2B/g, '+').replace(/%40/g, '@').replace(/%7E/gi, '~'))
      .join('/')
  );
}

/** Paths encodePath returns as they are: encodeURIComponent's unescaped characters, and `/`. */
const UNRESERVED_PATH = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/** Absolute URL of a site-relative path (no leading slash). */
export function absoluteUrl(site: SiteConfig, path: string): string {
  return site.baseURL + encodePath(path.replace(/^\/+/, ''));
}

/**
 * The language's own host (Hugo's multihost, `[languages.fr] baseURL = "https://fr.example.org/"`), an
 * absolute URL with a trailing slash, when it has one: Hugo 0.111 puts its pages there, at their paths
 * without the language's folder (checked against Hugo in `hugo-compat.test.ts`). feedpub links its pages
 * there and writes its feeds under the site's baseURL and the language's folder all the same (`multihost`).
 *
 * @example languageHost(site, 'fr') // 'https://fr.example.org/'
 */
export function languageHost(site: SiteConfig, lang: string | undefined): string | undefined {
  if (lang === undefined) return undefined;
  for (const l of site.languages) if (l.key === lang) return l.hostBaseURL;
  return undefined;
}

/**
 * The absolute URL of the page of a feed in `dir` (site-relative, as feeds are placed: `fr/posts/`) of
 * language `lang`: {@link absoluteUrl}, or for a language with a host of its own ({@link languageHost}) that
 * host and the folder without the language's (`https://fr.example.org/posts/`), as Hugo links it.
 *
 * @example languageUrl(site, 'fr', 'fr/tags/go/') // 'https://fr.example.org/tags/go/' with [languages.fr] baseURL
 */
export function languageUrl(site: SiteConfig, lang: string | undefined, dir: string): string {
  const host = languageHost(site, lang);
  if (host === undefined || lang === undefined) return absoluteUrl(site, dir);
  const prefix = languagePrefix(site, lang);
  return host + encodePath((prefix !== '' && dir.startsWith(prefix) ? dir.slice(prefix.length) : dir).replace(/^\/+/, ''));
}

/**
 * Absolute URL of the list page Hugo 0.111 makes for the section or term whose feed is in `dir`: that
 * folder, or with `uglyURLs` a page beside it (`posts/` → `posts.html`, `tags/go/` → `tags/go.html`;
 * the feed itself stays at `posts/index.xml`, as Hugo's RSS output format is never ugly). Checked against
 * Hugo in `hugo-compat.test.ts`. A list page moved by its `url` keeps that folder: use {@link languageUrl}. Of a
 * language with a host of its own, at that host ({@link languageUrl}).
 *
 * @example listPageUrl({ ...site, uglyURLs: true }, 'zh-cn/tags/go/', 'tags') // 'https://example.com/zh-cn/tags/go.html'
 */
export function listPageUrl(site: SiteConfig, dir: string, section: string, lang?: string): string {
  // A list page's section is looked up lower-cased, a page's as its folder is written (Hugo 0.111: with
  // `[uglyURLs] blog = true`, `Blog/c.md` is `blog/c/`, its list page `blog.html`).
  return languageUrl(site, lang, uglyIn(site, section.toLowerCase()) && dir.endsWith('/') ? `${dir.slice(0, -1)}.html` : dir);
}

/**
 * Whether pages in a top-level section (a term's: its taxonomy) are ugly (`posts/a.html`): `uglyURLs` true,
 * or true for that section in its table (`[uglyURLs] posts = true`, keys lower-cased; the section as
 * written, as Hugo 0.111 compares them).
 *
 * @example uglyIn({ uglyURLs: { posts: true } }, 'posts') // true
 */
export function uglyIn(site: Pick<SiteConfig, 'uglyURLs'>, section: string): boolean {
  return typeof site.uglyURLs === 'boolean' ? site.uglyURLs : Object.hasOwn(site.uglyURLs, section) && site.uglyURLs[section] === true;
}

export interface PageLocation {
  readonly lang: LanguageConfig;
  /** Path inside the language's contentDir, posix: `news/qq/20250210A05MD2.zh-CN.md`. */
  readonly relPath: string;
}

/** What of the front matter shapes the URL. */
export interface UrlFields {
  readonly title?: string;
  readonly slug?: string;
  readonly url?: string;
  /** Epoch ms of the page's date, for permalink tokens. */
  readonly date: number;
  /**
   * The offset the date was written with (minutes east of UTC): Hugo's tokens read the date in it, as
   * written (`2023-01-01T01:30:00+09:00` is `/2023/01/01/`), in a zone without a name (Go's `MST` layout
   * writes `+0900`; `UTC` for an offset of 0). A date without one is in its language's zone (its own
   * `timeZone`, else the site's).
   */
  readonly dateOffsetMinutes?: number;
}

/**
 * The page's base name as Hugo sees it: the file name without `.md` and without a `.<language key>`
 * suffix naming a configured language (compared as Hugo does, with the lower-cased keys), and the
 * folder for a leaf bundle (`post/index.md`, and `post/index.fr.md` on a site without `fr`: Hugo 0.111
 * makes any `index.*` a bundle's page).
 */
export function baseName(site: SiteConfig, relPath: string): BaseName {
  const base = pairingName(site, relPath);
  if (!base.name.startsWith('index.') || base.dirs.length === 0) return base;
  return { dirs: base.dirs.slice(0, -1), name: base.dirs.at(-1) ?? base.name };
}

/**
 * The folders and name a page's translations pair it by (`pairingKey` in src/parse/parse-article.ts), and
 * its id is made from: as {@link baseName}, but a leaf bundle's index whose suffix names no language keeps it
 * (`post/index.fr` on a site without `fr`, where `post/index.md` is `post`), as Hugo 0.111 pairs such a
 * page with no `post/index.<lang>.md` (and its id stays the one it had before it was placed at its folder).
 */
export function pairingName(site: SiteConfig, relPath: string): BaseName {
  // Parsing an article asks four times for the same page's (its section, path, sections, pairing key).
  if (relPath === lastBase.relPath && site === lastBase.site) return lastBase.base;
  const parts = relPath.split('/');
  const file = parts.pop() ?? '';
  let name = file.replace(/\.(md|markdown|mdown)$/i, '');
  const dot = name.lastIndexOf('.');
  if (dot > 0 && site.languages.some((l) => l.key === name.slice(dot + 1))) name = name.slice(0, dot);
  if (name === 'index' && parts.length > 0) name = parts.pop() ?? name;
  const base: BaseName = { dirs: parts, name };
  lastBase = { site, relPath, base };
  return base;
}

/** A page's folders and base name (see {@link baseName}). */
export interface BaseName {
  readonly dirs: readonly string[];
  readonly name: string;
}

let lastBase: { site: SiteConfig | undefined; relPath: string; base: BaseName } = { site: undefined, relPath: '', base: { dirs: [], name: '' } };

/**
 * A front matter slug as Hugo 0.111 puts it in the path of a page its section gives no permalink
 * (`posts/<slug>/`; in a permalink's `:slug`, see {@link urlizeValue}): a `/` in it nests the page (`a/b` →
 * `a/b/`), the path cleaned first (empty and `.` parts dropped, `..` taking off the part before it, never
 * above the slug: `x//y` and `x/./y` → `x/y/`, `x/../y` → `y/`), then each part urlized as in Hugo's whole
 * path, where white space beside a `/` is a dash (`x/ /y` → `x/-/y/`, `" v1"` → `-v1/`; checked with Hugo
 * 0.111); undefined when it names nothing.
 */
function slugPath(slug: string, lower: PathStyle): string | undefined {
  const parts: string[] = [];
  for (const raw of slug.split('/')) {
    if (raw === '' || raw === '.') continue;
    if (raw === '..') parts.pop();
    else parts.push(urlizeLink(raw, lower, true));
  }
  return parts.length === 0 ? undefined : parts.join('/');
}

/**
 * For a page whose section's permalink uses `:sections`, its path were its section only the first 1, 2, …
 * of the folders it sits in, but all (index 0: the top folder alone); and, last, when a slice of
 * `:sections` makes it another, its path were its section the top folder and that folder without a list
 * page (so the array is as long as the folders are many: see {@link pagePath}'s `topListed`). Undefined when
 * there are none. Hugo's `:sections` is the page's section's path, and which folders are sections depends
 * on the site's list pages, which the page's parse does not see: the run picks one (`withSectionUrl` in
 * src/rebuild/sections.ts).
 *
 * @example pagePathsBySections(site, { lang, relPath: 'blog/2024/a.md' }, fields) // ['blog/a/'] with blog = '/:sections/:slug/'
 * @example pagePathsBySections(site, { lang, relPath: 'blog/a.md' }, fields) // ['a/'] with blog = '/:sections[last]/:slug/'
 */
export function pagePathsBySections(site: SiteConfig, page: PageLocation, fields: UrlFields, prefix?: string): string[] | undefined {
  if (fields.url !== undefined && fields.url.trim() !== '') return undefined;
  const { dirs } = baseName(site, page.relPath);
  const pattern = dirs.length === 0 ? undefined : permalinkOf(site, page.lang, dirs[0] ?? '');
  if (pattern === undefined || !pattern.includes(':sections')) return undefined;
  const out = dirs.slice(1).map((_, i) => pagePath(site, page, fields, i + 1, prefix));
  const unlisted = pattern.includes(':sections[') ? pagePath(site, page, fields, 1, prefix, false) : undefined;
  if (unlisted !== undefined && unlisted !== pagePath(site, page, fields, 1, prefix)) out.push(unlisted);
  return out.length > 0 ? out : undefined;
}

/** Permalink tokens that read a page's date (Go date layouts aside), and those that read something else. */
const DATE_TOKENS = new Set(['year', 'month', 'monthname', 'day', 'weekday', 'weekdayname', 'yearday']);
const NAMED_TOKENS = new Set(['section', 'sections', 'title', 'slug', 'filename', 'slugorfilename', 'contentbasename', 'slugorcontentbasename']);

/**
 * Whether a page's link is made from its date: its section's permalink has a date token (`:year`, `:month`…,
 * or a Go date layout such as `:06`), and the page has no `url`.
 *
 * @example linkUsesDate(site, { lang, relPath: 'posts/a.md' }, {}) // true with posts = '/:year/:slug/'
 */
export function linkUsesDate(site: SiteConfig, page: PageLocation, fields: Pick<UrlFields, 'url'>): boolean {
  if (fields.url !== undefined && fields.url.trim() !== '') return false;
  const { dirs } = baseName(site, page.relPath);
  const pattern = permalinkOf(site, page.lang, dirs[0] ?? '');
  if (pattern === undefined) return false;
  for (const [token] of pattern.matchAll(PERMALINK_TOKEN)) {
    const name = token.slice(1);
    if (DATE_TOKENS.has(name) || (!name.startsWith('sections') && !NAMED_TOKENS.has(name) && isGoDateLayout(name))) return true;
  }
  return false;
}

/**
 * The absolute URL of an article page as Hugo 0.111 links it: {@link pagePath} under the baseURL, or, for a
 * language with a host of its own, under that host without the language's folder (a `url` too, with or
 * without its leading slash: `https://fr.example.org/custom/`).
 *
 * @example pageUrl(site, { lang: fr, relPath: 'posts/a.md' }, { date }) // 'https://fr.example.org/posts/a/' with [languages.fr] baseURL
 */
export function pageUrl(site: SiteConfig, page: PageLocation, fields: UrlFields): string {
  const host = page.lang.hostBaseURL;
  if (host === undefined) return absoluteUrl(site, pagePath(site, page, fields));
  return host + encodePath(pagePath(site, page, fields, undefined, '').replace(/^\/+/, ''));
}

/**
 * {@link pagePathsBySections} as absolute URLs, as {@link pageUrl} makes them.
 *
 * @example pageUrlsBySections(site, { lang, relPath: 'blog/2024/a.md' }, fields) // ['https://example.com/blog/a/']
 */
export function pageUrlsBySections(site: SiteConfig, page: PageLocation, fields: UrlFields): string[] | undefined {
  const host = page.lang.hostBaseURL;
  if (host === undefined) return pagePathsBySections(site, page, fields)?.map((p) => absoluteUrl(site, p));
  return pagePathsBySections(site, page, fields, '')?.map((p) => host + encodePath(p.replace(/^\/+/, '')));
}

/**
 * The site-relative path of an article page as Hugo 0.111 makes it (no leading slash): front matter
 * `url` verbatim (under the language prefix only when it has no leading slash, as Hugo does), else the section's permalink pattern, else
 * `<sections>/<slug or file name>/`, lower-cased unless `disablePathToLower`, under the language prefix
 * (`prefix`: '' for the path inside a language's own host, see {@link pageUrl}). `sectionDepth`: how many of
 * its folders its section's path holds (by default all); `topListed`: whether its top folder has a list page,
 * which Hugo's slices of `:sections` tell (see {@link sectionsSlice}).
 *
 * @example pagePath(site, { lang, relPath: 'news/qq/A.zh-CN.md' }, { date }) // 'zh-cn/news/qq/a.zh-cn/'
 */
export function pagePath(
  site: SiteConfig,
  page: PageLocation,
  fields: UrlFields,
  sectionDepth?: number,
  prefix: string = languagePrefix(site, page.lang.key),
  topListed = true,
): string {
  const lower = pathStyle(site);
  if (fields.url !== undefined && fields.url.trim() !== '') return urlFieldPath(site, page.lang.key, fields.url, prefix);
  const { dirs, name } = baseName(site, page.relPath);
  const section = dirs[0] ?? '';
  const pattern = permalinkOf(site, page.lang, section);
  let path: string;
  if (pattern) {
    const sections = sectionDepth === undefined ? dirs : dirs.slice(0, sectionDepth);
    const time = goTimeOf(fields.date, page.lang.timeZone ?? site.timeZone, fields.dateOffsetMinutes);
    // Hugo 0.111's sections of a page in a top folder without a list page end with an empty one: its
    // `:sections[last]` is none, its `:sections[:last]` the folder (checked with hugo).
    const sliced = sections.length === 1 && !topListed ? [...sections, ''] : sections;
    path = expandPermalink(site, pattern, { dirs, sections, sliced, name, slug: fields.slug, title: fields.title, time, lower });
  } else {
    const slug = fields.slug === undefined ? undefined : slugPath(fields.slug, lower);
    const segments = [...dirs.map((d) => urlizeLink(d, lower)), slug ?? urlizeLink(name, lower)];
    path = segments.join('/');
    path = uglyIn(site, dirs[0] ?? '') ? `${path}.html` : `${path}/`;
  }
  return prefix + path.replace(/^\/+/, '');
}

function expandPermalink(
  site: SiteConfig,
  pattern: string,
  p: {
    dirs: readonly string[];
    /** The folders `:sections` stands for: the page's section's (by default, every folder it sits in). */
    sections: readonly string[];
    /** Those its slices (`:sections[last]`) take, as Hugo 0.111 has them. */
    sliced: readonly string[];
    name: string;
    /** Its front matter `slug`, as written. */
    slug: string | undefined;
    title: string | undefined;
    /** The page's date, in its zone. */
    time: GoTime;
    lower: PathStyle;
  },
): string {
  const filename = permalinkValue(urlizeLink(p.name, p.lower));
  // Hugo 0.111 urlizes a title or slug whole (`Pourquoi Hugo ?` → `pourquoi-hugo`, not `pourquoi-hugo-`), and
  // keeps its `/` (`A/B testing` → `a/b-testing/`). An empty title (an untitled page), or one of nothing a
  // path keeps (`?`), expands to nothing, and its folder is dropped (`/:year/:title/` → `/2024/`).
  const title = p.title === undefined ? filename : permalinkValue(urlizeValue(p.title, p.lower));
  const slug = p.slug === undefined ? undefined : permalinkValue(urlizeValue(p.slug, p.lower));
  const t = p.time;
  // Hugo's names (resources/page/permalinks.go); the month's and weekday's as Go writes them (`March`).
  const values = new Map<string, string>([
    ['year', String(t.year)],
    ['month', String(t.month).padStart(2, '0')],
    ['monthname', goTimeFormat('January', t)],
    ['day', String(t.day).padStart(2, '0')],
    ['weekday', String(t.weekday)],
    ['weekdayname', goTimeFormat('Monday', t)],
    ['yearday', String(t.yearday)],
    ['section', permalinkValue(urlizeLink(p.dirs[0] ?? '', p.lower))],
    ['sections', p.sections.map((d) => permalinkValue(urlizeLink(d, p.lower))).join('/')],
    ['title', title],
    ['slug', slug ?? title],
    ['filename', filename],
    ['slugorfilename', slug ?? filename],
    // Hugo 0.144's names for a page's: its content base name is its file's translation base name, a leaf
    // bundle's folder's name (the two above, deprecated since).
    ['contentbasename', filename],
    ['slugorcontentbasename', slug ?? filename],
  ]);
  const sections = p.sliced.map((d) => (d === '' ? '' : permalinkValue(urlizeLink(d, p.lower))));
  const expanded = pattern.replace(PERMALINK_TOKEN, (token) => {
    const name = token.slice(1);
    const value = values.get(name);
    if (value !== undefined) return value;
    // Hugo's slices of the sections (`:sections[1:]`, `:sections[last]`, `:sections[:last]`, `:sections[0]`).
    if (name.startsWith('sections[')) return sectionsSlice(sections, name.slice('sections['.length, -1).toLowerCase())?.join('/') ?? '';
    // Any other token the config takes is a Go date layout (`:06`, `:Jan`), formatted with the page's date
    // as Hugo 0.111 formats it.
    return isGoDateLayout(name) ? goTimeFormat(name, t) : '';
  });
  const clean = cleanFolders(permalinkPath(expanded, p.lower));
  // As Hugo 0.111 does, with or without a trailing slash in the pattern: a folder, or with uglyURLs a file.
  return uglyIn(site, p.dirs[0] ?? '') ? `${clean}.html` : `${clean}/`;
}

/**
 * A permalink's path with its `.` and `..` folders resolved as Go's path.Clean resolves them, as Hugo 0.111
 * does, without leading or trailing slashes: a `..` above the site's root stays there.
 *
 * @example cleanFolders('/a/../123/') // '123'
 * @example cleanFolders('/x/123/../../../etc/') // 'etc'
 */
export function cleanFolders(path: string): string {
  const folders: string[] = [];
  for (const folder of path.split('/')) {
    if (folder === '..') folders.pop();
    else if (folder !== '' && folder !== '.') folders.push(folder);
  }
  return folders.join('/');
}

/**
 * A token of a permalink pattern as Hugo 0.111 finds one (`attributeRegexp` in resources/page/permalinks.go):
 * `:` and word characters, and a `[…]` right after them (`:sections[1:]`). `:06` and `:Jan_2` are tokens
 * too: the name Hugo knows none of, it formats the date with, as a Go layout.
 */
export const PERMALINK_TOKEN = /:\w+(?:\[.+?\])?/g;

/** What Hugo's paths keep (`paths.Sanitize`), but `+` (a space by then), `\` and `%`. */
const PATH_CHARACTER = /[\p{L}\p{Nd}\p{M}./_#~@-]/u;

/**
 * An expanded permalink as Hugo 0.111 makes the page's path of it (`url.QueryUnescape`, then
 * `MakePathSanitized`): a `+` is a space, characters a path may not hold are dropped, white space is a
 * dash (one, and none beside a dash: `:Jan:_2` on 5 February is `feb-5`), accents go with
 * `removePathAccents`, and all is lower-cased unless `disablePathToLower`. What tokens give is already so;
 * this makes the pattern's own text (`/Blog/` → `blog/`) and a date layout's (`Feb 5`) so too. A pattern
 * with `%`, `#` or `\` of its own, which Hugo reads otherwise, is refused by the config.
 *
 * @example permalinkPath('/Blog/Feb 5/a/', true) // '/blog/feb-5/a/'
 */
export function permalinkPath(expanded: string, style: PathStyle): string {
  // Most (`/2025/02/my-post/`) are so already.
  if (/^[a-z0-9./_~@-]*$/.test(expanded)) return expanded;
  const { lower, removeAccents } = typeof style === 'boolean' ? { lower: style, removeAccents: false } : style;
  let out = '';
  let dash = false;
  for (const ch of expanded.replaceAll('+', ' ')) {
    if (PATH_CHARACTER.test(ch)) {
      if (dash && ch !== '-') out += '-';
      dash = false;
      out += ch;
    } else if (out !== '' && !out.endsWith('-') && GO_SPACE.test(ch)) {
      dash = true;
    }
  }
  if (removeAccents) {
    out = out
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .normalize('NFC');
  }
  return lower ? lowerAsGo(out) : out;
}

/**
 * A slice of a page's sections as Hugo 0.111's permalinks take one: `[i]`, `[i:j]`, `[i:]` or `[:j]`, where
 * an index is a number or `last` (the last section's), `j` is not included, and one out of range gives
 * none; undefined for what is no slice (left as written). Hugo's sections of a page whose section is a top
 * folder without a list page end with an empty one (`posts`, ''; see {@link pagePath}'s `topListed`).
 *
 * @example sectionsSlice(['a', 'b', 'c'], '1:') // ['b', 'c']
 */
export function sectionsSlice(sections: readonly string[], slice: string): string[] | undefined {
  const index = (text: string, fallback: number): number | undefined => {
    const t = text.trim();
    if (t === '') return fallback;
    if (t === 'last') return sections.length - 1;
    return /^\d{1,4}$/.test(t) ? Number(t) : undefined;
  };
  const parts = slice.split(':');
  if (parts.length === 1) {
    const at = index(parts[0] ?? '', -1);
    if (at === undefined || at < 0) return at === undefined ? undefined : [];
    const one = sections[at];
    return one === undefined ? [] : [one];
  }
  if (parts.length !== 2) return undefined;
  const from = index(parts[0] ?? '', 0);
  const to = index(parts[1] ?? '', sections.length);
  if (from === undefined || to === undefined) return undefined;
  return from < 0 || to < from ? [] : sections.slice(from, to);
}

/**
 * The site-relative path a front matter `url` gives a page of language `lang`, as Hugo 0.111 places it:
 * `/x/` from the site root in every language, `x/` from the language's root (`zh-cn/x/`); '' when it
 * names no path.
 *
 * @example urlFieldPath(site, 'zh-cn', 'custom/') // 'zh-cn/custom/'
 */
export function urlFieldPath(site: SiteConfig, lang: string, url: string, prefix: string = languagePrefix(site, lang)): string {
  const path = cleanUrlField(url);
  return path === '' || url.trim().startsWith('/') ? path : prefix + path;
}

/**
 * A front matter `url` as Hugo 0.111 links it: a trailing slash is kept; without one, a url with a dot
 * anywhere (`/v1.2`, `/a.b/c`) is kept as written and any other gets one (`/plain` → `plain/`); and, Hugo's
 * quirk, one ending in `/index.html` gets one too. Checked against Hugo in `hugo-compat.test.ts`.
 */
export function cleanUrlField(url: string): string {
  const [pathOnly = ''] = url.trim().split(/[?#]/);
  const segments = pathOnly.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  const path = segments.join('/');
  if (path === '') return '';
  if (pathOnly.endsWith('/') || path === 'index.html' || path.endsWith('/index.html')) return `${path}/`;
  return path.includes('.') ? path : `${path}/`;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  yearday: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar parts of an instant in a zone. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  let fmt = partFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hourCycle: 'h23' });
    partFormatters.set(timeZone, fmt);
  }
  const get = (type: string): number => Number(fmt.formatToParts(ms).find((x) => x.type === type)?.value ?? 0);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  const utcMidnight = Date.UTC(year, month - 1, day);
  const weekday = new Date(utcMidnight).getUTCDay();
  const yearday = Math.round((utcMidnight - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  return { year, month, day, weekday, yearday };
}

/**
 * The instant `ms` as Go's time reads it in a page's zone: a date written with an offset in a zone of that
 * offset without a name (`UTC` for 0, as Go's `time.Parse` gives on a host whose zone is UTC), else in
 * `zone` (the page's language's, or the site's), named as tzdata names it where that is known
 * ({@link zoneAbbreviation}; the config refuses Go's `MST` layout in other zones).
 *
 * @example goTimeOf(Date.UTC(2025, 1, 10, 1), 'UTC', 540).hour // 10
 */
export function goTimeOf(ms: number, zone: string, writtenOffsetMinutes?: number): GoTime {
  const offsetSeconds = Math.round((writtenOffsetMinutes ?? zoneOffsetMinutes(zone, ms) ?? 0) * 60);
  const zoneName = writtenOffsetMinutes !== undefined ? (offsetSeconds === 0 ? 'UTC' : '') : (zoneAbbreviation(zone) ?? '');
  const wall = Math.floor(ms / 1000) + offsetSeconds;
  const days = Math.floor(wall / 86_400);
  const second = wall - days * 86_400;
  // The civil date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const yearday = (DAYS_BEFORE_MONTH[month - 1] ?? 0) + day + (leap && month > 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    weekday: (((days + 4) % 7) + 7) % 7,
    yearday,
    hour: Math.floor(second / 3600),
    minute: Math.floor((second % 3600) / 60),
    second: second % 60,
    offsetSeconds,
    zoneName,
  };
}

/** Days of a common year before each month. */
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
