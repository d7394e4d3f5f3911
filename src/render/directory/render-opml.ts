import { defaultLanguageCode } from '../../config/language-settings.js';
import type { OutputFile, SiteConfig } from '../../model.js';
import { cleanText, formatRfc822, namedPeople, toUri } from '../formats.js';
import { el, serializeXml, textEl, type XmlElement } from '../xml.js';
import { DIRECTORY_CACHE_CONTROL, opmlPath } from './directory-paths.js';
import { type DirectoryStrings, directoryStrings, taxonomyLabel } from './directory-strings.js';
import type { FeedSummary } from './feed-summary.js';
import { preferredFeedUrl } from './feed-links.js';
import { type FeedGroups, groupFeeds, type LanguageGroup } from './group-feeds.js';

/** Content-Type of OPML files. */
export const OPML_CONTENT_TYPE = 'text/x-opml; charset=utf-8';

/**
 * OPML 2.0 subscription lists: `feeds/all.opml` with every feed (the all-languages feed first, then
 * per language one outline holding its own feed and one per taxonomy, named `<language> · <taxonomy>`
 * in the language's words: one level of folders, as readers import them), and
 * `feeds/<language key>.opml` per language with only that language's feeds. Every feed is an
 * `<outline type="rss">` with `text`, `title`, `xmlUrl` (RSS, else Atom, else JSON Feed), `htmlUrl`,
 * `language` and, when it has RSS, `version="RSS"` (OPML 2.0 defines `language` and `version` only for
 * `type="rss"` outlines: folders carry `text` alone). `<dateCreated>` is the newest item's date
 * (RFC 822), never the clock, and is left out when every feed is empty. Group names use the file's
 * language (all.opml: each group's).
 * No feeds, no files (OPML requires at least one outline). Feeds without any format are left out.
 *
 * @example
 * renderOpml(site, feeds).map((f) => f.path); // ['feeds/all.opml', 'feeds/en.opml', 'feeds/zh-cn.opml']
 */
export function renderOpml(site: SiteConfig, feeds: readonly FeedSummary[]): OutputFile[] {
  const listed = feeds.filter((f) => preferredFeedUrl(f) !== undefined);
  if (listed.length === 0) return [];
  const groups = groupFeeds(site, listed);
  const files: OutputFile[] = [file(opmlPath(), renderAll(site, groups, directoryStrings(defaultLanguageCode(site))))];
  for (const language of groups.languages) {
    const path = opmlPath(language.key);
    const strings = directoryStrings(language.code);
    const body = document(site, `${language.title} · ${strings.feeds}`, languageFeeds(language), languageOutlines(language, strings));
    files.push(file(path, body));
  }
  return files;
}

function file(path: string, body: string): OutputFile {
  return { path, body, contentType: OPML_CONTENT_TYPE, cacheControl: DIRECTORY_CACHE_CONTROL };
}

function languageFeeds(language: LanguageGroup): FeedSummary[] {
  return [...language.main, ...language.taxonomies.flatMap((t) => t.feeds)];
}

function renderAll(site: SiteConfig, groups: FeedGroups, strings: DirectoryStrings): string {
  // One level of folders, each named for its language: readers file a feed under the outline right above
  // it (Miniflux, Inoreader), so a "Categories" folder per language nested in a language folder put every
  // language's categories into one "Categories" (a syndication audit). Taxonomies in the language's words.
  const outlines = [
    ...groups.global.map(feedOutline),
    ...groups.languages.flatMap((language) => {
      const name = cleanText(language.name) || language.code;
      const own = directoryStrings(language.code);
      return [
        ...(language.main.length > 0 ? [el('outline', { text: name }, language.main.map(feedOutline))] : []),
        ...language.taxonomies.map((group) => el('outline', { text: `${name} · ${taxonomyLabel(own, group.taxonomy)}` }, group.feeds.map(feedOutline))),
      ];
    }),
  ];
  const all = [...groups.global, ...groups.languages.flatMap(languageFeeds)];
  return document(site, `${site.title} · ${strings.feeds}`, all, outlines);
}

function languageOutlines(language: LanguageGroup, strings: DirectoryStrings): XmlElement[] {
  return [
    ...language.main.map(feedOutline),
    ...language.taxonomies.map((group) => el('outline', { text: taxonomyLabel(strings, group.taxonomy) }, group.feeds.map(feedOutline))),
  ];
}

function feedOutline(feed: FeedSummary): XmlElement {
  const xmlUrl = preferredFeedUrl(feed) ?? '';
  const title = cleanText(feed.title) || xmlUrl;
  return el('outline', {
    type: 'rss',
    text: title,
    title,
    xmlUrl,
    htmlUrl: toUri(feed.link),
    language: feed.languageCode,
    // OPML 2.0's values: "RSS1 for RSS 1.0; RSS for 0.91, 0.92 or 2.0" (feedpub writes RSS 2.0).
    version: feed.urls.rss !== undefined ? 'RSS' : undefined,
  });
}

function document(site: SiteConfig, title: string, feeds: readonly FeedSummary[], outlines: readonly XmlElement[]): string {
  const dated = feeds.filter((f) => f.itemCount > 0);
  const newest = dated.reduce((max, f) => Math.max(max, f.latest), Number.NEGATIVE_INFINITY);
  const owner = namedPeople(site.authors ?? [])
    .map((p) => p.name)
    .join(', ');
  const head = el('head', {}, [
    textEl('title', title),
    dated.length > 0 && textEl('dateCreated', formatRfc822(newest)),
    owner !== '' && textEl('ownerName', owner),
    textEl('docs', 'http://opml.org/spec2.opml'),
  ]);
  return serializeXml(el('opml', { version: '2.0' }, [head, el('body', {}, outlines)]));
}
