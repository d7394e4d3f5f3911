/**
 * Items serialized once per run and reused by every feed that lists them. A fragment's bytes depend
 * only on the article (key + content hash), the site config and whether the feed mixes languages,
 * so one run of one config can share them across feeds (and across threads).
 */
import type { FeedFormat } from '../model.js';
import type { SharedText } from './parts.js';
import type { XmlFragmentCache } from './xml.js';

/** Serialized items of one run: frozen XML elements and JSON Feed item texts (indented as in a feed). */
export interface FragmentCache {
  readonly xml: XmlFragmentCache;
  readonly json: Map<string, SharedText>;
}

/** An empty cache. */
export function newFragmentCache(): FragmentCache {
  return { xml: new Map(), json: new Map() };
}

/**
 * The cache key of an article's item in `format`; `multi` when the feed mixes languages (RSS items
 * are the same either way).
 *
 * @example fragmentKey('atom', true, { key: 'content/en/a.md', hash: 'ab12' }) // 'atom|multi|content/en/a.md|ab12'
 */
export function fragmentKey(format: FeedFormat, multi: boolean, article: { readonly key: string; readonly hash: string }): string {
  if (format === 'rss') return `rss|${article.key}|${article.hash}`;
  return `${format}|${multi ? 'multi' : 'one'}|${article.key}|${article.hash}`;
}

/**
 * An article's keys in every format and variant, made once a run: each is a long string to build and
 * hash, and building them on every use (each item of each feed, a check, and the letting go) was ~0.8 s of
 * a 100,000-article build's main thread.
 */
export interface FragmentKeys {
  readonly rss: string;
  /** [single-language feeds, feeds that mix languages] */
  readonly atom: readonly [string, string];
  readonly json: readonly [string, string];
}

/**
 * @example keyIn(fragmentKeys(article), 'atom', true) === fragmentKey('atom', true, article) // true
 */
export function fragmentKeys(article: { readonly key: string; readonly hash: string }): FragmentKeys {
  return {
    rss: fragmentKey('rss', false, article),
    atom: [fragmentKey('atom', false, article), fragmentKey('atom', true, article)],
    json: [fragmentKey('json', false, article), fragmentKey('json', true, article)],
  };
}

/** The key of `format`'s item (in a feed that mixes languages when `multi`) among an article's keys. */
export function keyIn(keys: FragmentKeys, format: FeedFormat, multi: boolean): string {
  return format === 'rss' ? keys.rss : keys[format][multi ? 1 : 0];
}

/**
 * The key of a render item's `format` item: from the keys its caller made once, else made now.
 *
 * @example itemKey('rss', false, { article }) === fragmentKey('rss', false, article) // true
 */
export function itemKey(
  format: FeedFormat,
  multi: boolean,
  item: { readonly article: { readonly key: string; readonly hash: string }; readonly keys?: FragmentKeys },
): string {
  return item.keys ? keyIn(item.keys, format, multi) : fragmentKey(format, multi, item.article);
}
