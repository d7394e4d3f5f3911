/**
 * The per-article work on the calling thread: the default `Compute`, and what each worker thread of
 * `WorkerCompute` runs.
 */
import type { SiteConfig } from './model.js';
import { parseArticle, type ParseResult } from './parse/parse-article.js';
import type { ArticleFile, Compute, ParseOptions } from './ports.js';
import { type PreparedItem, type PrepareRequest, prepareItems } from './render/prepare-items.js';

/**
 * Parses files, in order.
 *
 * @example parseFiles(site, [{ key, bytes, hash, location }])[0].article?.title
 * @example parseFiles(site, files, { withBodies: false })[0].article?.body // ''
 */
export function parseFiles(site: SiteConfig, files: readonly ArticleFile[], options: ParseOptions = {}): ParseResult[] {
  return files.map((file) => parseArticle(site, file, file.location, { body: options.withBodies ?? true }));
}

/** Runs everything on the calling thread (Lambda, tests, small sites). */
export const inProcessCompute: Compute = {
  parse: async (site: SiteConfig, files: readonly ArticleFile[], options?: ParseOptions): Promise<ParseResult[]> => parseFiles(site, files, options),
  prepare: async (site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]> => prepareItems(site, requests),
};
