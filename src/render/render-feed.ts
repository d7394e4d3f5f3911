/**
 * One feed → its files in the enabled formats, within the byte budget.
 */
import type { Article, FeedFormat, FeedSpec, OutputFile, SiteConfig } from '../model.js';
import { renderAtomParts } from './atom.js';
import { ARCHIVE_CACHE_CONTROL, CONTENT_TYPE, FEED_CACHE_CONTROL, FORMAT_ORDER, feedFile } from './formats.js';
import { renderJsonFeedParts } from './json-feed.js';
import { encodeParts, type Part } from './parts.js';
import { renderRssParts } from './rss.js';
import type { FragmentCache, FragmentKeys } from './fragment-cache.js';

export { renderAtom } from './atom.js';
export { renderJsonFeed } from './json-feed.js';
export { renderRss } from './rss.js';

/** One article as the serializers need it. */
export interface RenderItem {
  readonly article: Article;
  /** Sanitized absolute-URL HTML of the content ('' when the site disables full content). */
  readonly html: string;
  /** Translations: other-language versions of this article. */
  readonly alternates: readonly { readonly hreflang: string; readonly href: string }[];
  /** The article's keys in `RenderInput.fragments`, when the caller made them once (else made here). */
  readonly keys?: FragmentKeys;
}

/** Everything one feed's serialization depends on; nothing else (no clock) is read. */
export interface RenderInput {
  readonly site: SiteConfig;
  /** `feed.items` are the articles, newest first (already limited by count). */
  readonly feed: FeedSpec;
  /** Same order and length as `feed.items`. */
  readonly items: readonly RenderItem[];
  /** Permanent id of the feed itself (a `urn:uuid:` string). */
  readonly feedId: string;
  /** Absolute URL of this feed in each format (self links; the enabled others as alternates). */
  readonly urls: Readonly<Record<FeedFormat, string>>;
  /** Optional WebSub hub URL. */
  readonly hub?: string;
  /**
   * Per-run cache of serialized items. Only valid while an article key + hash fixes everything about its
   * item (one run of one site config), which is how `rebuild` uses it.
   */
  readonly fragments?: FragmentCache;
}

/** The rendered files of one feed and how many items survived the byte budget. */
export interface RenderedFeed {
  readonly files: OutputFile[];
  readonly kept: number;
}

const RENDERERS: Readonly<Record<FeedFormat, (input: RenderInput) => Part[]>> = {
  rss: renderRssParts,
  atom: renderAtomParts,
  json: renderJsonFeedParts,
};

function withFirst(input: RenderInput, count: number): RenderInput {
  if (count === input.items.length) return input;
  return { ...input, feed: { ...input.feed, items: input.feed.items.slice(0, count) }, items: input.items.slice(0, count) };
}

/** The feed without `fh:complete`: it is about to lose items to the byte budget. */
function incomplete(input: RenderInput): RenderInput {
  const history = input.feed.history;
  if (history?.complete !== true) return input;
  const { complete: _complete, ...rest } = history;
  const { history: _history, ...feed } = input.feed;
  return { ...input, feed: Object.keys(rest).length > 0 ? { ...feed, history: rest } : feed };
}

/** Each format's file as UTF-8 bytes: items are copied from their one encoding (see parts.ts). */
function renderAll(input: RenderInput, formats: readonly FeedFormat[]): Buffer[] {
  return formats.map((format) => encodeParts(RENDERERS[format](input)));
}

/** A rendered file: its bytes, and its text only when someone asks (tests, a whole-file check). */
function outputFile(path: string, bytes: Buffer, contentType: string, cacheControl: string): OutputFile {
  let text: string | undefined;
  return {
    path,
    bytes,
    contentType,
    cacheControl,
    get body(): string {
      text ??= bytes.toString('utf8');
      return text;
    },
  };
}

/**
 * Renders the enabled formats (`site.feeds.formats`) of one feed to files: `${dir}index.xml`
 * (RSS), `${dir}atom.xml`, `${dir}feed.json`, always in that order. If any body exceeds
 * `site.feeds.maxBytes` (UTF-8), items are dropped from the oldest end — the same number in every
 * format, so the formats stay in parity — until all fit, keeping at least one item; a feed that drops
 * items is then not marked `fh:complete` (RFC 5005 §2: readers would take the dropped items as
 * removed). A complete feed over the budget first loses its mark: when all its items fit without it,
 * it keeps them all, unmarked. RFC 5005 archive documents are never cut: with the subscription feed they must hold every
 * item, and they are written once and cached (their size is bounded by `limit` items, each item's
 * content by a quarter of `maxBytes`). `feed.updated` is kept as given.
 *
 * @example
 * const { files, kept } = renderFeedFiles(input);
 * files.map((f) => f.path); // ['tags/go/index.xml', 'tags/go/atom.xml', 'tags/go/feed.json']
 */
export function renderFeedFiles(input: RenderInput): RenderedFeed {
  if (input.items.length !== input.feed.items.length) {
    throw new RangeError(`render ${input.feed.dir}: ${input.items.length} render items for ${input.feed.items.length} feed items`);
  }
  const formats = FORMAT_ORDER.filter((f) => input.site.feeds.formats.includes(f));
  const max = input.site.feeds.maxBytes;
  const fits = (bodies: readonly Buffer[]): boolean => bodies.every((b) => b.length <= max);

  let kept = input.items.length;
  let bodies = renderAll(input, formats);
  if (!fits(bodies) && kept > 1 && input.feed.history?.archive !== true) {
    const cut = incomplete(input);
    // Size grows with the item count: binary-search the largest count that fits (at least 1). A feed
    // that no longer says `fh:complete` is smaller by its declaration: all its items may fit then.
    let lo = 1;
    let hi = cut === input ? kept - 1 : kept;
    let best = 1;
    let bestBodies: Buffer[] | undefined;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const candidate = renderAll(withFirst(cut, mid), formats);
      if (fits(candidate)) {
        best = mid;
        bestBodies = candidate;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    kept = best;
    bodies = bestBodies ?? renderAll(withFirst(cut, 1), formats);
  }

  const files = formats.map((format, i) =>
    outputFile(
      `${input.feed.dir}${feedFile(input.site, format)}`,
      bodies[i] ?? Buffer.alloc(0),
      CONTENT_TYPE[format],
      input.feed.history?.archive ? ARCHIVE_CACHE_CONTROL : FEED_CACHE_CONTROL,
    ),
  );
  return { files, kept };
}
