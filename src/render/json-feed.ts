/**
 * JSON Feed 1.1 serializer: plain objects with a fixed key order, `JSON.stringify`, never templates.
 * Strings are cleaned of the characters XML forbids too, so all three formats carry the same text.
 */
import type { Person, SiteConfig } from '../model.js';
import { itemKey } from './fragment-cache.js';
import { joinParts, type Part, SharedText } from './parts.js';
import { absoluteUrl } from '../plan/urls.js';
import type { RenderInput, RenderItem } from './render-feed.js';
import {
  articleTerms,
  FORMAT_FILE,
  cleanText,
  feedAuthors,
  feedDescription,
  formatRfc3339,
  hasTitle,
  itemAuthors,
  languageCode,
  mixesLanguages,
  summaryOrTitle,
  toUri,
} from './formats.js';
import { stripInvalidXmlChars } from './xml-chars.js';

/** The `version` this serializer writes. */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonAuthor {
  name: string;
  url?: string;
}

interface JsonItem {
  id: string;
  url: string;
  /** Absent for an untitled article (JSON Feed 1.1: optional). */
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: JsonAuthor[];
  tags?: string[];
  language?: string;
}

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  icon?: string;
  favicon?: string;
  language?: string;
  authors: JsonAuthor[];
  hubs?: { type: string; url: string }[];
  next_url?: string;
  items: JsonItem[];
}

const s = stripInvalidXmlChars;

function author(p: Person): JsonAuthor {
  return p.url !== undefined && p.url.trim() !== '' ? { name: p.name, url: toUri(p.url) } : { name: p.name };
}

/**
 * One item; `multi` when the feed mixes languages (each item then names its language). `contentHtml` is
 * what `content_html` holds when the item has HTML (the cleaned HTML unless a caller puts it in itself).
 */
function jsonItem(site: SiteConfig, multi: boolean, entry: RenderItem, contentHtml?: string): JsonItem {
  const { article, html } = entry;
  const authors = itemAuthors(site, article);
  const tags = articleTerms(site, article);
  const code = multi ? languageCode(site, article.lang) : undefined;
  // Keys in the documented order; every item has content_html or content_text (JSON Feed 1.1).
  return {
    id: s(article.id),
    url: toUri(article.url),
    ...(hasTitle(article) ? { title: s(article.title) } : {}),
    ...(html !== '' ? { content_html: contentHtml ?? s(html) } : { content_text: s(summaryOrTitle(article)) }),
    ...(cleanText(article.summary) !== '' ? { summary: s(article.summary) } : {}),
    ...(article.image !== undefined ? { image: toUri(article.image) } : {}),
    date_published: formatRfc3339(article.published),
    date_modified: formatRfc3339(article.updated),
    ...(authors.length > 0 ? { authors: authors.map(author) } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(code !== undefined ? { language: s(code) } : {}),
  };
}

/** Indentation of an item's lines inside the feed document (`items` is a top-level key). */
const ITEM_INDENT = '    ';

/** Where an item written with an empty `content_html` holds it: a raw line break is never inside a JSON string. */
const EMPTY_CONTENT_HTML = '\n  "content_html": ""';

/**
 * One item serialized as it appears in the document (its first line unindented, the following lines
 * indented for their depth), in segments: `[before, content_html, after]` where the item has HTML (its
 * JSON string, which the item's two variants share and a check can leave out: `JSON.stringify` of a
 * string is always a JSON string), else the whole item. `JSON.stringify` never writes a raw line break
 * inside a string, so re-indenting at line breaks is exact.
 *
 * @example jsonItemSegments(site, false, item).join('') === jsonItemText(site, false, item) // true
 */
export function jsonItemSegments(site: SiteConfig, multi: boolean, entry: RenderItem): string[] {
  if (entry.html === '') return [indented(JSON.stringify(jsonItem(site, multi, entry), null, 2))];
  const text = JSON.stringify(jsonItem(site, multi, entry, ''), null, 2);
  const at = text.indexOf(EMPTY_CONTENT_HTML) + EMPTY_CONTENT_HTML.length - '""'.length;
  return [indented(text.slice(0, at)), htmlLiteral(entry.html), indented(text.slice(at + '""'.length))];
}

/** One item as text: {@link jsonItemSegments} joined. */
export function jsonItemText(site: SiteConfig, multi: boolean, entry: RenderItem): string {
  return jsonItemSegments(site, multi, entry).join('');
}

function indented(text: string): string {
  return text.replace(/\n/g, `\n${ITEM_INDENT}`);
}

/** An article's HTML as a JSON string; the last one is remembered (an item has two variants, one HTML). */
function htmlLiteral(html: string): string {
  if (html !== lastHtml.html) lastHtml = { html, literal: JSON.stringify(s(html)) };
  return lastHtml.literal;
}
let lastHtml = { html: '', literal: '""' };

/**
 * Renders the feed as JSON Feed 1.1 (`JSON.stringify(feed, null, 2)` plus a newline).
 *
 * @example
 * JSON.parse(renderJsonFeed(input)).version; // 'https://jsonfeed.org/version/1.1'
 */
export function renderJsonFeed(input: RenderInput): string {
  return joinParts(renderJsonFeedParts(input));
}

/**
 * The same document as {@link renderJsonFeed}, in parts: each item is one shared text (cached in
 * `input.fragments`), so a feed written as bytes copies its one encoding.
 *
 * @example encodeParts(renderJsonFeedParts(input)).toString() === renderJsonFeed(input) // true
 */
export function renderJsonFeedParts(input: RenderInput): Part[] {
  const { site, feed, urls } = input;
  const out: JsonFeed = {
    version: JSON_FEED_VERSION,
    title: s(feed.title),
    home_page_url: toUri(feed.link),
    feed_url: toUri(urls.json),
    description: s(feedDescription(site, feed.description, feed.title)),
    // One square image for both: `icon` (a timeline's avatar, 512 × 512 suggested) and `favicon` (a source list's).
    ...(site.feeds.icon !== undefined ? { icon: toUri(site.feeds.icon), favicon: toUri(site.feeds.icon) } : {}),
    ...(feed.languageCode !== undefined ? { language: s(feed.languageCode) } : {}),
    authors: feedAuthors(site, feed.lang).map(author),
    ...(input.hub !== undefined ? { hubs: [{ type: 'WebSub', url: toUri(input.hub) }] } : {}),
    // JSON Feed 1.1 pagination: next_url leads to the next (older) page, here the newest archive.
    ...(feed.history?.prevArchive !== undefined ? { next_url: toUri(absoluteUrl(site, `${feed.history.prevArchive}${FORMAT_FILE.json}`)) } : {}),
    items: [],
  };
  const skeleton = JSON.stringify(out, null, 2);
  if (input.items.length === 0) return [`${skeleton}\n`];
  // `items` is the last key: the skeleton ends `"items": []` + `\n}`; splice the serialized items in.
  const multi = mixesLanguages(feed);
  const cache = input.fragments?.json;
  const parts: Part[] = [`${skeleton.slice(0, -'[]\n}'.length)}[\n${ITEM_INDENT}`];
  for (const [i, entry] of input.items.entries()) {
    const key = itemKey('json', multi, entry);
    let item = cache?.get(key);
    if (item === undefined) {
      item = sharedJsonItem(jsonItemText(site, multi, entry));
      cache?.set(key, item);
    }
    if (i > 0) parts.push(`,\n${ITEM_INDENT}`);
    parts.push(item);
  }
  parts.push('\n  ]\n}\n');
  return parts;
}

/** An item's text (from {@link jsonItemText}), or its UTF-8 bytes, as every feed's `items` array shares it. */
export function sharedJsonItem(text: string | Uint8Array | readonly Uint8Array[]): SharedText {
  return new SharedText(text);
}
