import { createHash } from 'node:crypto';
import { taxonomiesOf } from '../../config/language-settings.js';
import { type OutputFile, type SiteConfig, timeZoneOf } from '../../model.js';
import { absoluteUrl } from '../../plan/urls.js';
import { formatRfc3339, toUri } from '../formats.js';
import { escapeAttr, escapeText } from '../xml.js';
import { compareText } from './compare-text.js';
import { type DirectoryPage, DIRECTORY_CACHE_CONTROL, directoryPages, opmlPath } from './directory-paths.js';
import { type DirectoryStrings, directoryStrings, taxonomyLabel } from './directory-strings.js';
import type { FeedSummary } from './feed-summary.js';
import { FORMAT_LABEL, feedLinks, preferredFeedUrl } from './feed-links.js';
import { type FeedGroups, groupFeeds, type LanguageGroup } from './group-feeds.js';
import { configuredLanguageName } from './language-name.js';
import { localIsoDate } from './local-date.js';
import { textDirection, wordsLanguage } from './text-direction.js';

/**
 * The page's only style sheet. It holds no `<` or `&`, so it needs no escaping: the page stays
 * well-formed XML once its `<!doctype html>` is spelled `<!DOCTYPE html>`, as the tests read it (it is
 * HTML5, not polyglot markup: the lower-case doctype is no XML). Long unbroken words (a German compound
 * in a title, `Weblog.example.com`) wrap anywhere rather than widen a 320 px screen (WCAG 1.4.10).
 */
const CSS = [
  ':root{color-scheme:light dark;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;--line:#8885}',
  'body{margin:0 auto;max-width:60rem;padding:1rem;overflow-wrap:anywhere}',
  'h1{font-size:1.7rem;margin:.5rem 0}',
  'h2{font-size:1.3rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}',
  'h3{font-size:1.05rem;margin:1.5rem 0 .25rem}',
  'a{color:#0b57d0}',
  'nav ul{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}',
  'nav a[aria-current]{font-weight:700;color:inherit;text-decoration:none}',
  '.toc h2{font-size:1rem;margin:1rem 0 0;padding:0;border:0}',
  '.toc>ul{flex-direction:column;gap:.15rem}',
  '.toc ul ul{display:inline-flex;margin:0 0 0 1rem}',
  'table{border-collapse:collapse;width:100%;table-layout:fixed}',
  'thead th:nth-child(1){width:36%}',
  'thead th:nth-child(2){width:5.5rem;text-align:end}',
  'thead th:nth-child(3){width:8.5rem}',
  'th,td{text-align:start;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:baseline}',
  'thead th{font-size:.85rem;opacity:.75;font-weight:600}',
  'tbody th{font-weight:600}',
  'td.n{text-align:end;font-variant-numeric:tabular-nums}',
  'td.d{white-space:nowrap;font-variant-numeric:tabular-nums}',
  'td.s a{display:inline-block;margin:.1rem .4rem .1rem 0;padding:0 .5rem;border:1px solid currentColor;border-radius:.3rem;text-decoration:none;white-space:nowrap;font-size:.9rem}',
  '@media (prefers-color-scheme:dark){a{color:#8ab4f8}}',
  '@media (max-width:40rem){',
  'thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}',
  'table,tbody,tr,th,td{display:block}',
  'tr{padding:.5rem 0;border-bottom:1px solid var(--line)}',
  'th,td,td.n{border:0;padding:.1rem 0;text-align:start}',
  'td[data-label]::before{content:attr(data-label);display:inline-block;min-width:6.5rem;font-size:.85rem;opacity:.75}',
  '}',
].join('\n');

/** The exact content of the `<style>` element: what the CSP hash covers, newlines included. */
const STYLE = `\n${CSS}\n`;

/** Content-Security-Policy of the page: nothing but this exact style sheet (and no script at all). */
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'`;

const text = (value: string): string => escapeText(value);
const attr = (value: string): string => escapeAttr(value);

/**
 * The attributes of an element holding a site-controlled string (a title, a feed or language name) in
 * the language tagged `code`: its `lang` (none for a language without a code, see `LanguageConfig.code`),
 * and `dir="rtl"` for a right-to-left language, else `dir="auto"` (the name may be in any script: an
 * Arabic tag on an English site reads right to left).
 */
function langDir(code: string | undefined): string {
  return `${code === undefined ? '' : ` lang="${attr(code)}"`} dir="${textDirection(code)}"`;
}

/** `hreflang` of a link to a language's page or list, none for a language without a code. */
function hreflang(code: string | undefined): string {
  return code === undefined ? '' : ` hreflang="${attr(code)}"`;
}

/** The code of the site's default language, which the site title and the all-languages feed's title are in. */
function defaultCode(site: SiteConfig): string | undefined {
  return (site.languages.find((l) => l.key === site.defaultContentLanguage) ?? site.languages[0])?.code;
}

/**
 * The feed directory: `feeds/index.html` with every feed (the all-languages or site feed, then each
 * language's own feed and its categories, tags, … tables), and on multilingual sites
 * `<prefix>feeds/index.html` per other language with the all-languages feed and that language's
 * feeds. Each page is in its own language's words (English, Simplified or Traditional Chinese,
 * else English), which its `<html lang>` names (`en` on a French page), and lists, per feed, its
 * title, item count, newest item date (in the site's time zone) and a subscribe link per enabled
 * format. Every site-controlled string (the site title, language and feed names) carries its own
 * `lang` and a `dir` (`rtl` for a right-to-left language, else `auto`). Static HTML5 without script
 * or external resources, pinned by a Content-Security-Policy; every name escaped; deterministic (no
 * clock, input order ignored).
 *
 * @example
 * renderDirectoryPages(site, summarizeFeeds(site, plans)).map((f) => f.path); // ['feeds/index.html', 'zh-cn/feeds/index.html']
 */
export function renderDirectoryPages(site: SiteConfig, feeds: readonly FeedSummary[]): OutputFile[] {
  const groups = groupFeeds(site, feeds);
  // The OPML files renderOpml writes: only feeds with at least one format.
  const opml = groupFeeds(
    site,
    feeds.filter((f) => preferredFeedUrl(f) !== undefined),
  );
  const pages = directoryPages(site);
  const ids = headingIds(site, groups);
  return pages.map((page) => ({
    path: `${page.dir}index.html`,
    body: renderPage(site, { groups, opml, ids }, page, pages),
    contentType: 'text/html; charset=utf-8',
    cacheControl: DIRECTORY_CACHE_CONTROL,
  }));
}

function renderPage(
  site: SiteConfig,
  { groups, opml, ids }: { readonly groups: FeedGroups; readonly opml: FeedGroups; readonly ids: HeadingIds },
  page: DirectoryPage,
  pages: readonly DirectoryPage[],
): string {
  const strings = directoryStrings(page.language.code);
  const multilingual = site.languages.length > 1;
  const languages = page.full ? groups.languages : groups.languages.filter((l) => l.key === page.language.key);
  // The site title is the default language's unless this language has its own.
  const siteTitle = page.full ? site.title : page.language.title || site.title;
  const titleLang = page.full || !page.language.title ? defaultCode(site) : page.language.code;
  const title = `${strings.feeds} · ${siteTitle}`;

  const own = page.full ? [] : (languages[0]?.main ?? []);
  const siteFeeds = [...groups.global, ...groups.languages.flatMap((l) => l.main)].filter((f) => f.kind === 'site');
  const alternates = [...new Map([...own, ...siteFeeds].map((f) => [f.dir, f] as const)).values()].flatMap(feedLinks);

  const out: string[] = [
    '<!doctype html>',
    // The language of the page's words (English on a French page: its words fall back to English); every
    // site-controlled string says its own language, and `<title>`, which holds no markup, is in the words'.
    `<html lang="${attr(wordsLanguage(page.language.code, strings.locale))}">`,
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<meta http-equiv="Content-Security-Policy" content="${attr(CSP)}"/>`,
    `<title>${text(title)}</title>`,
    '<link rel="icon" href="data:,"/>',
    ...alternates.map((l) => `<link rel="alternate" type="${attr(l.type)}" title="${attr(l.title)}" href="${attr(l.href)}"/>`),
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${text(strings.feeds)} · <span${langDir(titleLang)}>${text(siteTitle)}</span></h1>`,
    `<p>${text(strings.intro)}</p>`,
    ...opmlParagraph(site, opml, page, strings, multilingual),
    ...(pages.length > 1 ? navigation(site, page, pages, strings) : []),
    ...contents(groups, languages, ids, strings, multilingual),
    '</header>',
    '<main>',
  ];
  if (groups.global.length > 0) {
    out.push('<section>', `<h2 id="${ALL_LANGUAGES_ID}">${text(strings.allLanguages)}</h2>`, ...table(site, groups.global, strings), '</section>');
  }
  for (const language of languages) out.push(...languageSection(site, language, ids, strings, multilingual));
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

function opmlParagraph(site: SiteConfig, groups: FeedGroups, page: DirectoryPage, strings: DirectoryStrings, multilingual: boolean): string[] {
  if (groups.global.length === 0 && groups.languages.length === 0) return [];
  const links: string[] = [];
  const link = (path: string, label: string, language?: LanguageGroup): string =>
    `<a href="${attr(toUri(absoluteUrl(site, path)))}" type="text/x-opml"${language ? `${hreflang(language.code)}${langDir(language.code)}` : ''}>${text(label)}</a>`;
  const languageLinks = multilingual
    ? groups.languages.filter((l) => page.full || l.key === page.language.key).map((l) => link(opmlPath(l.key), l.name, l))
    : [];
  if (page.full) links.push(link(opmlPath(), strings.allFeeds), ...languageLinks);
  else links.push(...languageLinks, link(opmlPath(), strings.allFeeds));
  // No space after full-width punctuation (Chinese "：").
  const gap = /[\u3000-\u303f\uff00-\uffef]$/u.test(strings.opmlIntro) ? '' : ' ';
  return [`<p>${text(strings.opmlIntro)}${gap}${links.join(' · ')}</p>`];
}

function navigation(site: SiteConfig, page: DirectoryPage, pages: readonly DirectoryPage[], strings: DirectoryStrings): string[] {
  const items = pages.map((p) => {
    const label = p.full ? strings.allLanguages : configuredLanguageName(p.language);
    const lang = p.full ? '' : `${hreflang(p.language.code)}${langDir(p.language.code)}`;
    const current = p.dir === page.dir ? ' aria-current="page"' : '';
    return `<li><a href="${attr(toUri(absoluteUrl(site, p.dir)))}"${lang}${current}>${text(label)}</a></li>`;
  });
  return [`<nav aria-label="${attr(strings.otherPages)}">`, '<ul>', ...items, '</ul>', '</nav>'];
}

function languageSection(site: SiteConfig, language: LanguageGroup, ids: HeadingIds, strings: DirectoryStrings, multilingual: boolean): string[] {
  // The name in a span: a right-to-left heading block would also align to the other side of the page.
  const heading = multilingual ? `<span${langDir(language.code)}>${text(language.name)}</span>` : text(strings.wholeSite);
  const out = ['<section>', `<h2 id="${attr(ids.language(language.key))}">${heading}</h2>`];
  if (language.main.length > 0) out.push(...table(site, language.main, strings));
  for (const group of language.taxonomies) {
    out.push(
      `<h3 id="${attr(ids.taxonomy(language.key, group.taxonomy))}">${taxonomyHeading(strings, group.taxonomy)}</h3>`,
      ...table(site, group.feeds, strings),
    );
  }
  out.push('</section>');
  return out;
}

/** Fragment ids of the all-languages heading and the table of contents (language ids start `lang-`). */
const ALL_LANGUAGES_ID = 'all-languages';
const CONTENTS_ID = 'contents';

/**
 * A language key or taxonomy plural as part of a fragment id: ASCII letters, digits and `-` as they
 * are, any other character as `_<hex code point>_` (so two keys never give one id, and no id holds a
 * space or a character a CSS selector would need escaped, such as `.`).
 */
function idPart(value: string): string {
  return [...value].map((c) => (/^[A-Za-z0-9-]$/.test(c) ? c : `_${(c.codePointAt(0) ?? 0).toString(16)}_`)).join('');
}

/** The fragment id of each language's and taxonomy's heading. */
interface HeadingIds {
  language(key: string): string;
  taxonomy(key: string, taxonomy: string): string;
}

/**
 * Heading ids from the site's configuration, not from the feeds a run has, so a heading keeps its id on
 * every page and run (a bookmarked `#lang-zh-cn-tags` never lands on another heading once a feed appears):
 * `lang-<key>` for each configured language, then `lang-<key>-<plural>` for each of its configured
 * taxonomies. An id another heading already has gets `-2`, `-3`, …, in a fixed order that neither feeds
 * nor weights move: languages first (language `zh-cn` before language `zh`'s taxonomy `cn`), then the
 * taxonomies of the language with the longest key (`zh-cn`'s `tags` before `zh`'s `cn-tags`), then by key
 * and plural. Languages and taxonomies that only feeds name (no config has them) come last.
 */
function headingIds(site: SiteConfig, groups: FeedGroups): HeadingIds {
  const used = new Set([ALL_LANGUAGES_ID, CONTENTS_ID]);
  const take = (candidate: string): string => {
    let id = candidate;
    for (let n = 2; used.has(id); n++) id = `${candidate}-${n}`;
    used.add(id);
    return id;
  };
  const pair = (key: string, taxonomy: string): string => `${key}\u0000${taxonomy}`;
  const configured = [...site.languages].sort((a, b) => compareText(a.key, b.key));
  const pairs = configured
    .flatMap((l) => [...new Set(taxonomiesOf(site, l).map((t) => t.plural))].map((plural) => [l.key, plural] as const))
    .sort(([ak, ap], [bk, bp]) => bk.length - ak.length || compareText(ak, bk) || compareText(ap, bp));
  const languages = new Map<string, string>();
  const taxonomies = new Map<string, string>();
  for (const l of configured) languages.set(l.key, take(`lang-${idPart(l.key)}`));
  for (const [key, plural] of pairs) taxonomies.set(pair(key, plural), take(`lang-${idPart(key)}-${idPart(plural)}`));
  for (const l of groups.languages) if (!languages.has(l.key)) languages.set(l.key, take(`lang-${idPart(l.key)}`));
  for (const l of groups.languages) {
    for (const g of l.taxonomies) {
      if (!taxonomies.has(pair(l.key, g.taxonomy))) taxonomies.set(pair(l.key, g.taxonomy), take(`lang-${idPart(l.key)}-${idPart(g.taxonomy)}`));
    }
  }
  return {
    language: (key) => languages.get(key) ?? `lang-${idPart(key)}`,
    taxonomy: (key, taxonomy) => taxonomies.get(pair(key, taxonomy)) ?? `lang-${idPart(key)}-${idPart(taxonomy)}`,
  };
}

/**
 * The page's table of contents: a link to each heading below (the all-languages feed, each language,
 * its taxonomies nested), so a reader of a page of thousands of feeds can jump; none for one heading.
 */
function contents(groups: FeedGroups, languages: readonly LanguageGroup[], ids: HeadingIds, strings: DirectoryStrings, multilingual: boolean): string[] {
  const link = (id: string, label: string, extra = ''): string => `<a href="#${attr(id)}"${extra}>${label}</a>`;
  const items: string[] = [];
  if (groups.global.length > 0) items.push(`<li>${link(ALL_LANGUAGES_ID, text(strings.allLanguages))}</li>`);
  let count = items.length;
  for (const language of languages) {
    const id = ids.language(language.key);
    const name = multilingual ? link(id, text(language.name), langDir(language.code)) : link(id, text(strings.wholeSite));
    const taxonomies = language.taxonomies.map((g) => `<li>${link(ids.taxonomy(language.key, g.taxonomy), taxonomyHeading(strings, g.taxonomy))}</li>`);
    count += 1 + taxonomies.length;
    items.push(`<li>${name}${taxonomies.length > 0 ? `<ul>${taxonomies.join('')}</ul>` : ''}</li>`);
  }
  if (count < 2) return [];
  return [`<nav class="toc" aria-labelledby="${CONTENTS_ID}">`, `<h2 id="${CONTENTS_ID}">${text(strings.contents)}</h2>`, '<ul>', ...items, '</ul>', '</nav>'];
}

/** A taxonomy's heading: the page's word for a well-known one, else its configured plural (any script). */
function taxonomyHeading(strings: DirectoryStrings, taxonomy: string): string {
  const label = text(taxonomyLabel(strings, taxonomy));
  return Object.hasOwn(strings.taxonomies, taxonomy) ? label : `<span dir="auto">${label}</span>`;
}

function table(site: SiteConfig, feeds: readonly FeedSummary[], strings: DirectoryStrings): string[] {
  const head = [strings.feed, strings.items, strings.latest, strings.subscribe].map((h) => `<th scope="col">${text(h)}</th>`).join('');
  return ['<table>', `<thead><tr>${head}</tr></thead>`, '<tbody>', ...feeds.map((f) => row(site, f, strings)), '</tbody>', '</table>'];
}

function row(site: SiteConfig, feed: FeedSummary, strings: DirectoryStrings): string {
  const name = feed.kind === 'term' && feed.term !== undefined ? feed.term : feed.title;
  // The all-languages feed is titled in the default language's words ("News · All languages").
  const lang = langDir(feed.lang === undefined ? defaultCode(site) : feed.languageCode);
  const latest =
    feed.itemCount === 0
      ? text(strings.none)
      : // The day in the feed's language's zone (its own timeZone, else the site's), as its pages' dates are read.
        `<time datetime="${attr(formatRfc3339(feed.latest))}">${text(localIsoDate(feed.latest, feed.lang === undefined ? site.timeZone : timeZoneOf(site, feed.lang)))}</time>`;
  const subscribe = feedLinks(feed)
    .map((l) => `<a href="${attr(l.href)}" type="${attr(l.type)}" title="${attr(l.title)}">${text(FORMAT_LABEL[l.format])}</a>`)
    .join(' ');
  return [
    '<tr>',
    `<th scope="row"><a href="${attr(toUri(feed.link))}"${lang}>${text(name)}</a></th>`,
    `<td class="n" data-label="${attr(strings.items)}">${text(String(feed.itemCount))}</td>`,
    `<td class="d" data-label="${attr(strings.latest)}">${latest}</td>`,
    `<td class="s" data-label="${attr(strings.subscribe)}">${subscribe}</td>`,
    '</tr>',
  ].join('');
}
