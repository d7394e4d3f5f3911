import type { FeedFormat } from '../../model.js';
import { cleanText, FORMAT_ORDER, MEDIA_TYPE, toUri } from '../formats.js';
import type { FeedSummary } from './feed-summary.js';

/** How each format is named to people. */
export const FORMAT_LABEL: Readonly<Record<FeedFormat, string>> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** One `<link rel="alternate">` worth of data. */
export interface FeedLink {
  readonly format: FeedFormat;
  readonly rel: 'alternate';
  /** Media type (`application/rss+xml`). */
  readonly type: string;
  /** `<feed title> (<format label>)`, forbidden characters removed. */
  readonly title: string;
  /** Absolute URI of the feed file. */
  readonly href: string;
}

/**
 * The links of a feed's enabled formats, in the fixed format order (RSS, Atom, JSON Feed).
 *
 * @example
 * feedLinks(goFeed)[0]; // { format: 'rss', rel: 'alternate', type: 'application/rss+xml', title: 'Go on News (RSS)', href: '…/tags/go/index.xml' }
 */
export function feedLinks(feed: FeedSummary): FeedLink[] {
  const out: FeedLink[] = [];
  for (const format of FORMAT_ORDER) {
    const url = feed.urls[format];
    if (url === undefined) continue;
    out.push({ format, rel: 'alternate', type: MEDIA_TYPE[format], title: `${cleanText(feed.title)} (${FORMAT_LABEL[format]})`, href: toUri(url) });
  }
  return out;
}

/**
 * The URL a reader should subscribe to when only one is asked for (OPML `xmlUrl`): RSS, else Atom,
 * else JSON Feed; undefined when the feed has no format.
 *
 * @example preferredFeedUrl({ ...feed, urls: { atom: a, json: j } }); // a
 */
export function preferredFeedUrl(feed: FeedSummary): string | undefined {
  const url = feed.urls.rss ?? feed.urls.atom ?? feed.urls.json;
  return url === undefined ? undefined : toUri(url);
}
