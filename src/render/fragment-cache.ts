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
