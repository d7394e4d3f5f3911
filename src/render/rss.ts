/**
 * RSS 2.0 serializer (with the RSS Advisory Board's RSS Profile conventions: `dc:creator` for names,
 * `atom:link rel="self"`, hex references in plain-text elements).
 */
import { copyrightOf, type SiteConfig } from '../model.js';
import { itemKey } from './fragment-cache.js';
import type { RenderInput, RenderItem } from './render-feed.js';
import {
  articleTerms,
  cleanText,
  FORMAT_ORDER,
  FH_NS,
  feedDescription,
  formatRfc822,
  hasTitle,
  historyLinks,
  isHttpUrl,
  itemAuthors,
  MEDIA_TYPE,
  rssImageUrl,
  summaryOrTitle,
  toUri,
} from './formats.js';
import { joinParts, type Part } from './parts.js';
import { declareNamespaces, el, memoFragment, serializeXmlParts, textEl, type XmlChild, type XmlElement } from './xml.js';

/** Depth at which items are serialized (children of `<channel>`). */
export const RSS_ITEM_DEPTH = 2;

/** Namespaces RSS output may use; only those used are declared. */
export const RSS_NAMESPACES: Readonly<Record<string, string>> = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
  fh: FH_NS,
};

/** Plain text in RSS: hex references, as the RSS Profile recommends. */
function plain(name: string, value: string): XmlElement {
  return textEl(name, value, undefined, 'hex');
}

/**
 * RSS `description` is HTML (RSS 2.0: "entity-encoded HTML is allowed"), so a plain-text summary
 * is HTML-escaped first and XML-escaped on output: `a<b` reaches a reader's HTML renderer as
 * `a&lt;b` and is shown as written.
 */
function htmlFromPlainText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function guid(id: string, link: string): XmlElement {
  // isPermaLink defaults to true: only an http(s) id equal to the (written) link may rely on it.
  const permalink = isHttpUrl(id) && id === link;
  return textEl('guid', id, { isPermaLink: permalink ? undefined : 'false' });
}

/** One `<item>` (the same in every feed: RSS items carry no per-feed language). */
export function rssItem(site: SiteConfig, entry: RenderItem): XmlElement {
  const { article, html } = entry;
  const link = toUri(article.url);
  const children: XmlChild[] = [
    // RSS 2.0: "at least one of title or description must be present"; an untitled item has no title
    // and always a description (its summary, never empty for one: see `hasTitle`).
    hasTitle(article) && plain('title', article.title),
    textEl('link', link),
    guid(article.id, link),
    textEl('pubDate', formatRfc822(article.published)),
    // The summary. A titled article without one that has content gets an empty description, as Hugo
    // writes it: the element keeps the W3C validator's NeedDescriptionBeforeContent quiet, and readers
    // do not show the title twice (Atom and JSON Feed have no summary then either).
    textEl(
      'description',
      htmlFromPlainText(html !== '' && hasTitle(article) && cleanText(article.summary) === '' ? '' : summaryOrTitle(article)),
      undefined,
      'markup',
    ),
    html !== '' && textEl('content:encoded', html, undefined, 'markup'),
    // Names only: RSS 2.0's `<author>` is an e-mail address (RSS Profile: names go to `dc:creator`).
    ...itemAuthors(site, article).map((p) => plain('dc:creator', p.name)),
    ...articleTerms(site, article).map((term) => plain('category', term)),
    article.image !== undefined && el('media:thumbnail', { url: toUri(article.image) }),
  ];
  return el('item', {}, children);
}

/**
 * Renders the feed as RSS 2.0. Pure: the same input gives the same bytes.
 *
 * @example
 * const xml = renderRss(input); // '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" …'
 */
export function renderRss(input: RenderInput): string {
  return joinParts(renderRssParts(input));
}

/** The same document as {@link renderRss}, in parts (items shared across feeds; see serializeXmlParts). */
export function renderRssParts(input: RenderInput): Part[] {
  return serializeXmlParts(rssDocument(input));
}

/** The document {@link renderRss} writes, as an element tree (its root, namespaces declared). */
export function rssDocument(input: RenderInput): XmlElement {
  const { site, feed, urls } = input;
  const alternates = FORMAT_ORDER.filter((f) => f !== 'rss' && site.feeds.formats.includes(f));
  const image = rssImageUrl(site.feeds);
  const copyright = copyrightOf(site, feed.lang);
  const channel = el('channel', {}, [
    plain('title', feed.title),
    textEl('link', toUri(feed.link)),
    // HTML, as an item's description is: readers render every RSS description as HTML, so a plain-text
    // `Notes & <things>` written as plain text lost `<things>` in Python's feedparser.
    textEl('description', htmlFromPlainText(feedDescription(site, feed.description, feed.title)), undefined, 'markup'),
    feed.languageCode !== undefined && textEl('language', feed.languageCode),
    copyright !== undefined && copyright.trim() !== '' && plain('copyright', copyright),
    textEl('generator', 'feedpub'),
    // Any feed with items, as Hugo writes it (also one whose newest item is dated before 1970).
    feed.items.length > 0 && textEl('lastBuildDate', formatRfc822(feed.updated)),
    // The W3C validator wants the image's title and link to be the channel's (ImageTitleDoesntMatch, ImageLinkDoesntMatch).
    image !== undefined && el('image', {}, [textEl('url', toUri(image)), plain('title', feed.title), textEl('link', toUri(feed.link))]),
    el('atom:link', { href: toUri(urls.rss), rel: 'self', type: MEDIA_TYPE.rss }),
    ...alternates.map((f) => el('atom:link', { href: toUri(urls[f]), rel: 'alternate', type: MEDIA_TYPE[f] })),
    input.hub !== undefined && el('atom:link', { href: toUri(input.hub), rel: 'hub' }),
    ...historyLinks(site, feed.history, 'rss').map((l) => el('atom:link', { href: toUri(l.href), rel: l.rel, type: MEDIA_TYPE.rss })),
    feed.history?.complete === true && el('fh:complete'),
    feed.history?.archive === true && el('fh:archive'),
    ...input.items.map((entry) => memoFragment(input.fragments?.xml, itemKey('rss', false, entry), RSS_ITEM_DEPTH, () => rssItem(site, entry))),
  ]);
  return declareNamespaces(el('rss', { version: '2.0' }, [channel]), RSS_NAMESPACES);
}
