/**
 * What the subscriber-facing extras (feed directory page, OPML, discovery links) need to know about
 * one published feed. Plain readonly data, built by `summarizeFeeds` from the planner's output.
 */
import type { FeedFormat } from '../../model.js';

/**
 * One published feed, as listed in the directory.
 *
 * @example
 * const go: FeedSummary = {
 *   dir: 'tags/go/', kind: 'term', lang: 'en', languageCode: 'en', taxonomy: 'tags', term: 'Go',
 *   title: 'Go on News', link: 'https://example.com/tags/go/', itemCount: 3, latest: Date.UTC(2024, 5, 1),
 *   urls: { rss: 'https://example.com/tags/go/index.xml', atom: 'https://example.com/tags/go/atom.xml' },
 * };
 */
export interface FeedSummary {
  /** Site-relative folder with trailing slash: `''`, `zh-cn/`, `tags/go/`, `all/`. */
  readonly dir: string;
  readonly kind: 'site' | 'language' | 'section' | 'term';
  /** Language key (`zh-cn`); absent for the all-languages feed. */
  readonly lang?: string;
  /** BCP 47 code (`zh-CN`). */
  readonly languageCode?: string;
  /** Taxonomy plural (`tags`), for term feeds. */
  readonly taxonomy?: string;
  /** Term display name, for term feeds. */
  readonly term?: string;
  readonly title: string;
  /** Absolute URL of the HTML page the feed describes. */
  readonly link: string;
  readonly itemCount: number;
  /** Epoch ms of the newest item (negative before 1970); 0 when the feed is empty. */
  readonly latest: number;
  /** Absolute URL of each enabled format; formats that are off are absent. */
  readonly urls: Readonly<Partial<Record<FeedFormat, string>>>;
}
