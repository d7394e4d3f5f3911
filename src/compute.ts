/**
 * The per-article work on the calling thread: the default `Compute`, and what each worker thread of
 * `WorkerCompute` runs.
 */
import type { SiteConfig } from './model.js';
import { parseArticle, type ParseResult } from './parse/parse-article.js';
import type { ArticleFile, Compute } from './ports.js';
import { type PreparedItem, type PrepareRequest, prepareItems } from './render/prepare-items.js';

/**
 * Parses files, in order.
 *
 * @example parseFiles(site, [{ key, bytes, hash, location }])[0].article?.title
 */
export function parseFiles(site: SiteConfig, files: readonly ArticleFile[]): ParseResult[] {
  return files.map((file) => parseArticle(site, file, file.location));
}

/** Runs everything on the calling thread (Lambda, tests, small sites). */
export const inProcessCompute: Compute = {
  parse: async (site: SiteConfig, files: readonly ArticleFile[]): Promise<ParseResult[]> => parseFiles(site, files),
  prepare: async (site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]> => prepareItems(site, requests),
};
