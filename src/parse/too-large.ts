import type { Problem, SiteConfig } from '../model.js';
import type { ParseResult } from './parse-article.js';
import { type ArticleLocation, isListPage, listPageFeed, taxonomyListPage } from './pages.js';

// The `too-large` rejection on its own, without the parsers: `rebuild` rejects a file unread when its
// size is over the limit, and loads the parsers only for the files it reads.

/** Why a list page's section is published as if it had none. */
export const LIST_PAGE_IGNORED = 'the list page is ignored: its section is published as if it had none';

/** Why a taxonomy's own list page (`tags/_index.md`) changes no term's feed. */
export const TAXONOMY_PAGE_IGNORED = "the list page is ignored: its taxonomy's terms are published as if it had none";

/**
 * What `parseArticle` gives for a file of `size` bytes, over `feedpub.maxArticleBytes`: a caller that
 * knows the size (a listing gives it) rejects the file unread, with the very problems parsing reports.
 *
 * @example tooLargeResult(site, 'content/en/dump.md', location, 400 * 2 ** 20).problems[0]?.rule // 'too-large'
 */
export function tooLargeResult(site: SiteConfig, key: string, location: ArticleLocation, size: number): ParseResult {
  const message = tooLargeMessage(site, size);
  if (!isListPage(key)) return { problems: [{ file: key, severity: 'error', rule: 'too-large', message }] };
  const listed = listPageNote(key);
  const ignored =
    listPageFeed(site, location.relPath, location.lang) !== undefined
      ? LIST_PAGE_IGNORED
      : taxonomyListPage(site, location.relPath, location.lang) !== undefined
        ? TAXONOMY_PAGE_IGNORED
        : undefined;
  if (ignored === undefined) return { problems: [listed] };
  return { problems: [listed, { file: key, severity: 'error', rule: 'too-large', message: `${message}: ${ignored}` }] };
}

/** The message of `too-large`. */
export function tooLargeMessage(site: SiteConfig, size: number): string {
  return `file is ${size} bytes; the limit is ${site.feeds.maxArticleBytes} (feedpub.maxArticleBytes)`;
}

/** The note on every list page: not an article. */
export function listPageNote(key: string): Problem {
  return { file: key, severity: 'info', rule: 'list-page', message: 'list page (_index), not an article: not in feeds' };
}
