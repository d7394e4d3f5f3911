/**
 * The per-article half of rendering: derive an article's content (Markdown → sanitized HTML, fallback
 * summary and image) and serialize its item once per format and variant, checking each item through
 * the output gate's rules on its own. Pure, and independent per article, so it can run on any thread:
 * feeds are then assembled from these fragments by `renderFeedFiles`.
 */
import type { Article, FeedFormat, SiteConfig } from '../model.js';
import { validateItemFragment } from '../validate/validate-output.js';
import { ATOM_ENTRY_DEPTH, atomEntry } from './atom.js';
import { type DerivedContent, deriveContent } from './derive-content.js';
import { type FragmentCache, fragmentKey } from './fragment-cache.js';
import { FORMAT_ORDER } from './formats.js';
import { jsonItemText, sharedJsonItem } from './json-feed.js';
import type { RenderItem } from './render-feed.js';
import { RSS_ITEM_DEPTH, rssItem } from './rss.js';
import { frozenInParts, thawed, type XmlElement } from './xml.js';

/** One article to prepare. */
export interface PrepareRequest {
  /** The article as feeds list it; `body` is only read when `derived` is absent. */
  readonly article: Article;
  /** Content derived by an earlier run (the render cache): not derived again. */
  readonly derived?: DerivedContent;
  readonly alternates: RenderItem['alternates'];
  /** Variants needed: in feeds that mix languages, in single-language feeds. */
  readonly multi: boolean;
  readonly single: boolean;
}

/** One serialized item. */
export interface ItemFragment {
  readonly key: string;
  readonly format: FeedFormat;
  /** Element name (`item`, `entry`); '' for JSON. */
  readonly name: string;
  /**
   * The item as every feed shares it, in UTF-8, in a buffer of its own: a worker thread hands it over
   * without a copy, and the run keeps these bytes and lets the string go (it used to keep both).
   */
  readonly bytes: Uint8Array;
  readonly depth: number;
  readonly prefixes: readonly string[];
}

/** What preparing one article yields. */
export interface PreparedItem {
  readonly key: string;
  readonly hash: string;
  /**
   * What the feed level uses of the content (summary and image, as derived or given). Not the HTML: it is
   * in the fragments, and a worker thread would copy it back for nothing (~70 MB at 10,000 articles).
   */
  readonly derived: Omit<DerivedContent, 'html'>;
  readonly fragments: readonly ItemFragment[];
  /** Gate failures of its fragments: every file of that format listing the article would be invalid. */
  readonly failures: readonly { readonly format: FeedFormat; readonly message: string }[];
}

/** How items are serialized; a parameter so that tests can model a serializer bug. */
export interface ItemBuilders {
  readonly rss: (site: SiteConfig, item: RenderItem) => XmlElement;
  readonly atom: (site: SiteConfig, multi: boolean, item: RenderItem) => XmlElement;
  readonly json: (site: SiteConfig, multi: boolean, item: RenderItem) => string;
}

export const ITEM_BUILDERS: ItemBuilders = { rss: rssItem, atom: atomEntry, json: jsonItemText };

/**
 * The article as feeds show it: front matter summary and image first, else the derived ones.
 *
 * @example renderedArticle(entry, deriveContent(entry.body, entry.url, true)).summary
 */
export function renderedArticle(article: Article, derived: DerivedContent): Article {
  return {
    ...article,
    summary: article.summary || derived.summary,
    ...(article.image === undefined && derived.image !== undefined ? { image: derived.image } : {}),
    body: '',
    bodyLine: 0,
  };
}

/** A serialized item before it is checked and encoded: `check` and `texts` are what the gate reads of it. */
type Serialized = Omit<ItemFragment, 'bytes'> & { readonly text: string; readonly check: string; readonly texts: readonly string[] };

function xmlFragment(format: FeedFormat, key: string, node: XmlElement, depth: number): Serialized {
  const { element, skeleton, texts } = frozenInParts(node, depth);
  const raw = element.raw;
  return { key, format, name: node.name, text: raw?.shared.text ?? '', check: skeleton, texts, depth, prefixes: raw?.prefixes ?? [] };
}

const UTF8 = new TextEncoder();

/**
 * UTF-8 bytes in an ArrayBuffer of their own, which a worker can transfer. Measured on Node 20 with
 * flat strings of ~5,000 characters, mostly CJK: `TextEncoder.encode` takes ~26 µs, this ~5 µs (a
 * freshly serialized item is a rope, which both flatten first: there the saving is ~17%).
 *
 * @example new TextDecoder().decode(ownUtf8('中文')) // '中文'
 */
export function ownUtf8(text: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
  UTF8.encodeInto(text, bytes);
  return bytes;
}

/**
 * The ArrayBuffers of prepared items' bytes, each the item's own: what a worker thread transfers.
 *
 * @example port.postMessage(response, transferables(prepared));
 */
export function transferables(prepared: readonly PreparedItem[]): ArrayBuffer[] {
  const owned = (bytes: Uint8Array): boolean => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return prepared.flatMap((item) => item.fragments.filter((f) => owned(f.bytes)).map((f) => f.bytes.buffer as ArrayBuffer));
}

/**
 * Prepares one article: derives its content unless given, and serializes and checks its items.
 *
 * @example const prepared = prepareItem(site, { article, alternates: [], multi: false, single: true });
 */
export function prepareItem(site: SiteConfig, request: PrepareRequest, builders: ItemBuilders = ITEM_BUILDERS): PreparedItem {
  const { article: source } = request;
  // The excerpt is only a fallback for an article whose front matter has no summary.
  const derived = request.derived ?? deriveContent(source.body, source.url, site.feeds.fullContent, source.summary === '');
  const item: RenderItem = { article: renderedArticle(source, derived), html: derived.html, alternates: request.alternates };
  const variants = [...(request.multi ? [true] : []), ...(request.single ? [false] : [])];
  const serialized: Serialized[] = [];
  for (const format of FORMAT_ORDER.filter((f) => site.feeds.formats.includes(f))) {
    if (format === 'rss') {
      serialized.push(xmlFragment(format, fragmentKey('rss', false, source), builders.rss(site, item), RSS_ITEM_DEPTH));
      continue;
    }
    for (const multi of variants) {
      const key = fragmentKey(format, multi, source);
      if (format === 'atom') serialized.push(xmlFragment(format, key, builders.atom(site, multi, item), ATOM_ENTRY_DEPTH));
      else {
        const text = builders.json(site, multi, item);
        serialized.push({ key, format, name: '', text, check: text, texts: [], depth: 0, prefixes: [] });
      }
    }
  }
  const failures = serialized.flatMap((f) => validateItemFragment(f.format, f.check, f.prefixes, f.texts).map((message) => ({ format: f.format, message })));
  const fragments = serialized.map(({ text, check: _check, texts: _texts, ...fragment }): ItemFragment => ({ ...fragment, bytes: ownUtf8(text) }));
  const { summary, image } = derived;
  return { key: source.key, hash: source.hash, derived: { summary, ...(image !== undefined ? { image } : {}) }, fragments, failures };
}

/**
 * Prepares many articles, in order.
 *
 * @example const prepared = prepareItems(site, requests);
 */
export function prepareItems(site: SiteConfig, requests: readonly PrepareRequest[], builders: ItemBuilders = ITEM_BUILDERS): PreparedItem[] {
  return requests.map((request) => prepareItem(site, request, builders));
}

/**
 * Puts prepared fragments into a run's cache, where `renderFeedFiles` finds them.
 *
 * @example addFragments(cache, prepared.fragments);
 */
export function addFragments(cache: FragmentCache, fragments: readonly ItemFragment[]): void {
  for (const f of fragments) {
    if (f.format === 'json') cache.json.set(f.key, sharedJsonItem(f.bytes));
    else cache.xml.set(f.key, thawed(f.name, f.bytes, f.depth, f.prefixes));
  }
}
