/**
 * The per-article work on the calling thread: the default `Compute`, and what each worker thread of
 * `WorkerCompute` runs.
 */
import type { SiteConfig } from './model.js';
import { parseArticle, type ParseResult } from './parse/parse-article.js';
import type { ArticleFile, Compute, ParseOptions } from './ports.js';
import { checkEmojiTable, type EmojiTable } from './render/emoji.js';
import { emojiTableFor } from './emoji-table-for.js';
import { ITEM_BUILDERS, type PreparedItem, type PrepareRequest, prepareItems } from './render/prepare-items.js';

/**
 * Parses files, in order; a site that sets `enableEmoji` needs its alias table (`emojiTableFor`).
 *
 * @example parseFiles(site, [{ key, bytes, hash, location }])[0].article?.title
 * @example parseFiles(site, files, { withBodies: false })[0].article?.body // ''
 */
export function parseFiles(site: SiteConfig, files: readonly ArticleFile[], options: ParseOptions = {}, emoji?: EmojiTable): ParseResult[] {
  checkEmojiTable(site, emoji);
  const parseOptions = { body: options.withBodies ?? true, ...(emoji !== undefined ? { emoji } : {}) };
  return files.map((file) => parseArticle(site, file, file.location, parseOptions));
}

/** Runs everything on the calling thread (Lambda, tests, small sites). */
export const inProcessCompute: Compute = {
  parse: async (site: SiteConfig, files: readonly ArticleFile[], options?: ParseOptions): Promise<ParseResult[]> =>
    parseFiles(site, files, options, await emojiTableFor(site)),
  prepare: async (site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]> =>
    prepareItems(site, requests, ITEM_BUILDERS, await emojiTableFor(site)),
};
