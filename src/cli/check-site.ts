import { MemoryStorage } from '../adapters/memory-storage.js';
import { readManifest } from '../rebuild/state.js';
import type { Problem } from '../model.js';
import { parseArticle } from '../parse/parse-article.js';
import { contentParents, locateArticle, outsideContentProblems } from '../parse/pages.js';
import { noopCdn, silentLogger, type Storage } from '../ports.js';
import { type RebuildReport, rebuild } from '../rebuild.js';
import { mapLimit } from '../util/map-limit.js';
import { readSiteConfig } from './read-site-config.js';
import { relativeUrlProblems } from './relative-url-problems.js';

/** What `check` looks at beyond the rebuild itself. */
export interface CheckSiteOptions {
  /** Epoch ms: decides what is held back as future or expired. */
  readonly now: number;
  readonly baseURL?: string;
  /** Also report every relative URL that publishing rewrites (renders every article). */
  readonly verbose?: boolean;
  /** Parallel reads (default 16). */
  readonly concurrency?: number;
}

/** The rebuild's report and every problem found, the report's plus `check`'s own. */
export interface CheckSiteResult {
  readonly report: RebuildReport;
  readonly problems: readonly Problem[];
}

/**
 * Checks a site exactly as publishing would see it: one full `rebuild` of `source` into memory
 * (nothing leaves the process; planned only, nothing rendered, unless `verbose`), whose report gives
 * the parse, date, front matter, draft, schedule and term slug collision problems; then the Markdown
 * files beside the languages' content folders, which no run lists; and with `verbose` the relative URLs
 * that will be rewritten, from the accepted articles (read back from the in-memory manifest) parsed
 * and rendered again.
 *
 * @example const { report, problems } = await checkSite(new FsStorage('.'), { now: Date.now() });
 */
export async function checkSite(source: Storage, options: CheckSiteOptions): Promise<CheckSiteResult> {
  const state = new MemoryStorage();
  const baseURL = options.baseURL !== undefined ? { baseURL: options.baseURL } : {};
  // Plan only (nothing rendered) unless relative URLs are wanted: those need the accepted articles,
  // which a full in-memory run leaves in its manifest.
  const report = await rebuild(
    { source, target: new MemoryStorage(), state, cdn: noopCdn, clock: () => options.now, logger: silentLogger },
    { trigger: 'check', planOnly: !options.verbose, ...baseURL, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) },
  );
  const problems: Problem[] = [...report.problems];
  const site = await readSiteConfig(source, options.baseURL);
  // Markdown beside the languages' content folders, which no run lists (a full run lists the folders).
  const beside: string[] = [];
  for (const parent of contentParents(site)) for await (const object of source.list(parent)) beside.push(object.key);
  problems.push(...outsideContentProblems(site, beside));
  if (options.verbose) {
    const manifest = (await readManifest(state))?.manifest;
    const entries = [...(manifest?.articles.values() ?? [])].flatMap((record) => (record.entry ? [record.entry] : []));
    const found = await mapLimit(entries, options.concurrency ?? 16, async (entry) => {
      const bytes = await source.read(entry.key);
      const location = locateArticle(site, entry.key);
      if (!bytes || !location) return [];
      const { article } = parseArticle(site, { key: entry.key, bytes }, location);
      return article ? relativeUrlProblems(article, site.markdown) : [];
    });
    problems.push(...found.flat());
  }
  return { report, problems };
}
