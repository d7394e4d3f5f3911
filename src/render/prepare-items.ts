/**
 * The per-article half of rendering: derive an article's content (Markdown → sanitized HTML, fallback
 * summary and image) and serialize its item once per format and variant, checking each item through
 * the output gate's rules on its own. Pure, and independent per article, so it can run on any thread:
 * feeds are then assembled from these fragments by `renderFeedFiles`.
 */
import type { Article, FeedFormat, ProblemRule, SiteConfig } from '../model.js';
import { characterDataProblems, validateItemFragment } from '../validate/validate-output.js';
import { footnotesLeftAsText, MAX_FOOTNOTE_MARKS } from './article-html.js';
import { ATOM_ENTRY_DEPTH, atomEntry } from './atom.js';
import { EXCERPT_MARKDOWN_CHARS } from './body-excerpt.js';
import { type DerivedContent, deriveContent } from './derive-content.js';
import { checkEmojiTable, type EmojiTable } from './emoji.js';
import { fragmentKey } from './fragment-cache.js';
import { HtmlOverAllowance } from './html-floor.js';
import { FORMAT_ORDER } from './formats.js';
import { jsonItemSegments } from './json-feed.js';
import type { RenderItem } from './render-feed.js';
import { RSS_ITEM_DEPTH, rssItem } from './rss.js';
import { renderedArticle } from './rendered-article.js';
import { frozenInParts, LONG_TEXT, type XmlElement } from './xml.js';
import type { ResolvedRefs } from '../parse/shortcodes.js';
import { bodyFromSource } from '../parse/source-body.js';

/** One article to prepare. */
export interface PrepareRequest {
  /** The article as feeds list it; `body` is only read when `derived` and `source` are absent. */
  readonly article: Article;
  /**
   * The file the article was parsed from, its body not cut yet: `bodyStart` is where parsing found it
   * (`bodyFromSource`). A run sends the bytes it read (kept since parsing, or read again), not a decoded
   * copy of the body.
   */
  readonly source?: { readonly bytes: Uint8Array; readonly bodyStart: number };
  /** Content derived by an earlier run (the render cache): not derived again. */
  readonly derived?: DerivedContent;
  /** What the body's `ref` / `relref` shortcodes resolve to this run (`resolveRefs`). */
  readonly refs?: ResolvedRefs;
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
   * The item as every feed shares it, in UTF-8, in pieces to be written one after another: the article's
   * escaped HTML is one piece its RSS item and Atom entries share. All the pieces of an article are views
   * of one buffer of its own: a worker thread hands it over without a copy, and the run keeps these bytes
   * and lets the strings go.
   */
  readonly pieces: readonly Uint8Array[];
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
  /** What the author should know about the item as published (its content left out, say). */
  readonly notes: readonly { readonly rule: ProblemRule; readonly message: string }[];
}

/**
 * An item's HTML may take at most this share of a feed's byte budget: above it the item carries its
 * summary only, so that one huge article cannot push every other item out of the feeds listing it.
 */
export const MAX_CONTENT_SHARE = 4;

/** How items are serialized; a parameter so that tests can model a serializer bug. */
export interface ItemBuilders {
  readonly rss: (site: SiteConfig, item: RenderItem) => XmlElement;
  readonly atom: (site: SiteConfig, multi: boolean, item: RenderItem) => XmlElement;
  /** An item's segments (`jsonItemSegments`): the odd ones JSON strings, left out of the check. */
  readonly json: (site: SiteConfig, multi: boolean, item: RenderItem) => readonly string[];
}

export const ITEM_BUILDERS: ItemBuilders = { rss: rssItem, atom: atomEntry, json: jsonItemSegments };

/**
 * A serialized item before it is checked and encoded: `segments` are its text (see `frozenInParts`: long
 * texts at odd indices), `check` (an XML item's shape), `texts` (its character data, the long texts first)
 * and `attributeValues` what the gate reads of it.
 */
type Serialized = Omit<ItemFragment, 'pieces'> & {
  readonly segments: readonly string[];
  readonly check: string;
  readonly texts: readonly string[];
  readonly attributeValues: readonly string[];
};

function xmlFragment(format: FeedFormat, key: string, node: XmlElement, depth: number): Serialized {
  const { segments, shape, texts, shortTexts, attributeValues, prefixes } = frozenInParts(node, depth);
  return { key, format, name: node.name, segments, check: shape, texts: [...texts, ...shortTexts], attributeValues, depth, prefixes };
}

/** Buffers made by {@link encodeSegments}: each belongs to one article's items alone, so it may be transferred. */
const ownBuffers = new WeakSet<ArrayBufferLike>();

/** Where {@link encodeSegments} writes first (grown as needed, kept by the thread). */
let scratch = Buffer.allocUnsafeSlow(1 << 16);

/**
 * Several texts' UTF-8 bytes as views of one new buffer, a long segment (odd index) that recurs in another
 * text encoded once and shared: an article's escaped HTML is in its RSS item and its Atom entries.
 * The texts are written once into a scratch buffer (room for 3 bytes a UTF-16 unit, the most UTF-8 takes)
 * and copied into a buffer of their exact size, which is not zeroed first since every byte of it is copied:
 * sizing with `Buffer.byteLength` then encoding with `encodeInto` into a new zeroed buffer took ~19 µs an
 * article of the bench corpus, this ~14 µs (and in a full build the zeroing of fresh memory was most of it).
 *
 * @example encodeSegments([['<a>', html, '</a>'], ['<b>', html, '</b>']])[1][1] // the same view as [0][1]
 */
export function encodeSegments(texts: readonly (readonly string[])[]): Uint8Array[][] {
  const slots: string[] = [];
  // An article has a few long segments, mostly the very same string objects (the memos of `escapeText` and
  // `jsonItemSegments`): a scan comparing them (`===` is a pointer check for those) beats hashing 10 KB
  // strings for a Map.
  const shared: number[] = [];
  const slotOf = (segment: string): number => {
    for (const slot of shared) if (slots[slot] === segment) return slot;
    shared.push(slots.length);
    return slots.push(segment) - 1;
  };
  const layout = texts.map((segments) => segments.map((segment, i) => (i % 2 === 0 ? slots.push(segment) - 1 : slotOf(segment))));
  let room = 0;
  for (const slot of slots) room += slot.length * 3;
  if (scratch.length < room) scratch = Buffer.allocUnsafeSlow(Math.max(room, scratch.length * 2));
  const ends: number[] = [];
  let size = 0;
  for (const slot of slots) {
    size += scratch.write(slot, size, 'utf8');
    ends.push(size);
  }
  const own = Buffer.allocUnsafeSlow(size);
  scratch.copy(own, 0, 0, size);
  const buffer = new Uint8Array(own.buffer, own.byteOffset, size);
  ownBuffers.add(buffer.buffer);
  let start = 0;
  const views = ends.map((end) => {
    const view = buffer.subarray(start, end);
    start = end;
    return view;
  });
  return layout.map((indices) => indices.map((index) => views[index] as Uint8Array));
}

/**
 * The buffers of prepared items' bytes, one an article, each its items' own: what a worker thread transfers.
 *
 * @example port.postMessage(response, transferables(prepared));
 */
export function transferables(prepared: readonly PreparedItem[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const item of prepared) {
    for (const fragment of item.fragments) {
      for (const piece of fragment.pieces) if (ownBuffers.has(piece.buffer)) buffers.add(piece.buffer as ArrayBuffer);
    }
  }
  return [...buffers];
}

/**
 * Markdown longer than this many times an item's HTML allowance (`maxBytes / MAX_CONTENT_SHARE`, in
 * characters) is not rendered whole: its HTML would be over the allowance anyway (Markdown seldom
 * shrinks by half as HTML), and rendering is what an untrusted body could make expensive (5 MB of
 * `a\n\n` took markdown-it 33 s and 2 GB).
 */
export const MAX_MARKDOWN_SHARE = 2;

/** What {@link contentOf} derived, and why the content was left out when it was. */
interface ContentOutcome {
  readonly content: DerivedContent;
  /** Rendering threw: the reason. */
  readonly failure?: string;
  /** The body was too long to render whole: its length in characters. */
  readonly markdownChars?: number;
  /** Its HTML was found to be over the allowance before it was read whole: at least this many bytes. */
  readonly htmlFloor?: number;
  /** Its footnotes were left as written: too many marks (`footnotesLeftAsText`). */
  readonly footnotesAsText?: true;
}

/**
 * An article's content as feeds show it. The body is untrusted: one too long to render within the
 * item's allowance, or found while rendering to make more HTML than that (a long table: `HtmlOverAllowance`),
 * is not rendered whole (its first characters give the summary and image), and whatever
 * rendering throws (a stack overflow in a linkifier on a 3 MB URL, raw HTML over `MAX_HTML_TAGS`) leaves
 * this one article without content, and says why, instead of stopping the run.
 */
function contentOf(
  site: SiteConfig,
  article: Article,
  body: string,
  maxContent: number,
  refs: ResolvedRefs | undefined,
  emoji: EmojiTable | undefined,
): ContentOutcome {
  // The excerpt is only a fallback for an article whose front matter has no summary.
  const withSummary = article.summary === '';
  // Hugo's canonifyURLs puts the baseURL of the page's site there: its language's own host, else the site's.
  const canonify = site.canonifyURLs === true ? (site.languages.find((l) => l.key === article.lang)?.hostBaseURL ?? site.baseURL) : undefined;
  // Its first characters, for the summary and image of a body not rendered whole.
  const preview = (): DerivedContent =>
    deriveContent(body.slice(0, EXCERPT_MARKDOWN_CHARS), article.url, false, withSummary, refs, site.markdown, article.params, emoji, canonify, article.markup);
  try {
    if (body.length > MAX_MARKDOWN_SHARE * maxContent) return { content: preview(), markdownChars: body.length };
    let content: DerivedContent;
    try {
      content = deriveContent(
        body,
        article.url,
        site.feeds.fullContent,
        withSummary,
        refs,
        site.markdown,
        article.params,
        emoji,
        canonify,
        article.markup,
        maxContent,
      );
    } catch (error) {
      if (error instanceof HtmlOverAllowance) return { content: preview(), htmlFloor: error.floor };
      throw error;
    }
    // An HTML body (`markup: html`) has no footnotes to read.
    return site.feeds.fullContent && article.markup === undefined && footnotesLeftAsText(body, site.markdown)
      ? { content, footnotesAsText: true }
      : { content };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { content: { html: '', summary: '' }, failure: reason.slice(0, 200) };
  }
}

/** The article's body: cut from its source when the request brings one, else the article's own. */
function bodyOf(request: PrepareRequest): string {
  if (request.source === undefined) return request.article.body;
  const body = bodyFromSource(request.source.bytes, request.source.bodyStart);
  // The caller checked that these are the bytes the article was parsed from, which decoded then.
  if (body === undefined) throw new Error(`internal error: ${request.article.key} no longer decodes as it did when parsed`);
  return body;
}

/**
 * Prepares one article: derives its content unless given (with `emoji`'s aliases replaced, for a site that
 * sets `enableEmoji`), and serializes and checks its items.
 *
 * @example const prepared = prepareItem(site, { article, alternates: [], multi: false, single: true });
 */
export function prepareItem(site: SiteConfig, request: PrepareRequest, builders: ItemBuilders = ITEM_BUILDERS, emoji?: EmojiTable): PreparedItem {
  const { article: source } = request;
  const maxContent = Math.floor(site.feeds.maxBytes / MAX_CONTENT_SHARE);
  const outcome: ContentOutcome =
    request.derived !== undefined ? { content: request.derived } : contentOf(site, source, bodyOf(request), maxContent, request.refs, emoji);
  const { content: full, failure, markdownChars, htmlFloor, footnotesAsText } = outcome;
  const contentBytes = full.html === '' ? 0 : Buffer.byteLength(full.html, 'utf8');
  const notes: PreparedItem['notes'] =
    failure !== undefined
      ? [{ rule: 'content-failed', message: `its content could not be rendered (${failure}): feeds carry its title and summary only` }]
      : markdownChars !== undefined && site.feeds.fullContent
        ? [
            {
              rule: 'content-too-large',
              message: `its Markdown is ${markdownChars} characters, over twice what a quarter of a feed's byte budget holds (maxBytes ${site.feeds.maxBytes}): not rendered, feeds carry its summary only`,
            },
          ]
        : htmlFloor !== undefined && site.feeds.fullContent
          ? [
              {
                rule: 'content-too-large',
                message: `its HTML is over ${htmlFloor} bytes, over a quarter of a feed's byte budget (maxBytes ${site.feeds.maxBytes}): not rendered whole, feeds carry its summary only`,
              },
            ]
          : contentBytes > maxContent
            ? [
                {
                  rule: 'content-too-large',
                  message: `its HTML is ${contentBytes} bytes, over a quarter of a feed's byte budget (maxBytes ${site.feeds.maxBytes}): feeds carry its summary only`,
                },
              ]
            : [];
  const derived = notes.length > 0 ? { ...full, html: '' } : full;
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
        const segments = builders.json(site, multi, item);
        const check = segments.map((segment, i) => (i % 2 === 0 ? segment : '""')).join('');
        serialized.push({ key, format, name: '', segments, check, texts: [], attributeValues: [], depth: 0, prefixes: [] });
      }
    }
  }
  // The RSS item and the Atom entries hold the same escaped HTML (one string object): its check is made
  // once, and counts for each. Found by a scan, as in `encodeSegments`.
  const checked: { readonly text: string; readonly problems: string[] }[] = [];
  const textProblems = (text: string): string[] => {
    if (text.length < LONG_TEXT) return characterDataProblems(text);
    for (const seen of checked) if (seen.text === text) return seen.problems;
    const problems = characterDataProblems(text);
    checked.push({ text, problems });
    return problems;
  };
  const failures = serialized.flatMap((f) =>
    validateItemFragment(f.format, f.check, f.prefixes, f.texts, textProblems, f.attributeValues).map((message) => ({ format: f.format, message })),
  );
  const pieces = encodeSegments(serialized.map((f) => f.segments));
  const fragments = serialized.map(
    ({ segments: _segments, check: _check, texts: _texts, attributeValues: _values, ...fragment }, i): ItemFragment => ({
      ...fragment,
      pieces: pieces[i] ?? [],
    }),
  );
  const { summary, image } = derived;
  // Content it carries, but not as the site's pages show it: said, not left out.
  const told: PreparedItem['notes'] =
    footnotesAsText && notes.length === 0
      ? [
          ...notes,
          {
            rule: 'footnotes-as-text',
            message: `it has over ${MAX_FOOTNOTE_MARKS} footnote marks ([^), more than feedpub reads in one article: feeds show its footnotes as written`,
          },
        ]
      : notes;
  return { key: source.key, hash: source.hash, derived: { summary, ...(image !== undefined ? { image } : {}) }, fragments, failures, notes: told };
}

/**
 * Prepares many articles, in order; a site that sets `enableEmoji` needs its alias table (`emojiTableFor`).
 *
 * @example const prepared = prepareItems(site, requests, ITEM_BUILDERS, await emojiTableFor(site));
 */
export function prepareItems(
  site: SiteConfig,
  requests: readonly PrepareRequest[],
  builders: ItemBuilders = ITEM_BUILDERS,
  emoji?: EmojiTable,
): PreparedItem[] {
  checkEmojiTable(site, emoji);
  return requests.map((request) => prepareItem(site, request, builders, emoji));
}
