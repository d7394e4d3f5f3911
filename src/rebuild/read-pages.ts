import { ObjectTooLargeError, UnreadableObjectError } from '../errors.js';
import type { ArticleEntry, Manifest, ManifestArticle } from '../manifest.js';
import type { Article, SiteConfig } from '../model.js';
import { type ArticleLocation, locateArticle } from '../parse/pages.js';
import { tooLargeResult } from '../parse/too-large.js';
import type { ArticleFile, Compute, Storage, StoredObject } from '../ports.js';
import { sha256 } from '../sha256.js';
import { mapLimit } from '../util/map-limit.js';
import { StringPool } from '../util/string-pool.js';
import type { LimitCheck } from './run-limits.js';

/** Files handed to `compute.parse` at a time: big enough to amortize a thread hop, small enough to overlap reading. */
const PARSE_BATCH = 128;

/**
 * Batches handed to `compute.parse` and not parsed yet, at most: reading outruns parsing on another
 * thread, and without a bound every file of a 100,000-article site waited in memory (1.7 GB peak).
 */
const PARSE_AHEAD = 4;

/** A parsed file kept for its body: the bytes as read (outside the JavaScript heap) and where parsing found the body. */
export interface KeptSource {
  readonly bytes: Uint8Array;
  readonly bodyStart: number;
  readonly bodyLine: number;
}

/** What reading and parsing a run's pages left for rendering. */
export interface PagesRead {
  /**
   * Parsed files kept for their bodies, up to a budget: a worker thread preparing an item decodes the body
   * from them; bodies decoded at parse time would cross between threads twice as strings, for every article.
   */
  readonly sourcesKept: Map<string, KeptSource>;
  /** Where the bodies of files not kept start: read again, they need no second parse. */
  readonly bodyStarts: ReadonlyMap<string, { readonly start: number; readonly line: number }>;
  /** Files parsed in this run: new or changed, so the published feeds cannot hold their content. */
  readonly parsedKeys: ReadonlySet<string>;
  /** Files read and parsed (or rejected unread, by their size). */
  readonly parsed: number;
  /** Files gone since the listing (or the removals an event reported). */
  readonly vanished: number;
}

/** What {@link readPages} reads, and with what. */
export interface PagesToRead {
  readonly source: Storage;
  readonly compute: Compute;
  readonly site: SiteConfig;
  /** The pages to read, in key order. */
  readonly toRead: readonly StoredObject[];
  /** The manifest whose records stand for files with the same bytes (none when the config changed or the run is forced). */
  readonly reusable: Manifest | undefined;
  /** The last run's manifest (a page it found unreadable counts neither way in the storage-wide guard). */
  readonly previous: Manifest | undefined;
  /** Reads an event run started ahead of the manifest, by key. */
  readonly early?: ReadonlyMap<string, Promise<Uint8Array | undefined>>;
  /** The pages the run knows of (the guard's "every page of the site"). */
  readonly pageCount: number;
  readonly concurrency: number;
  /** Bytes of parsed files kept for rendering (0 in a run that renders nothing). */
  readonly sourceBudget: number;
  readonly checkLimits: LimitCheck;
  /** The run's records, by key: each page read gets its record here. */
  readonly articles: Map<string, ManifestArticle>;
}

/**
 * Reads the pages, `concurrency` at a time, and parses them where `compute` puts it (worker threads for big
 * local builds), in batches handed over while reading goes on. A page whose bytes the reusable manifest
 * knows keeps its record; one over `maxArticleBytes` or that the storage will not give is rejected with a
 * problem. Throws the storage's refusal when most pages read (two or more), or every page of the site,
 * cannot be read: that is the storage, not the files.
 *
 * @example const read = await readPages({ source, compute, site, toRead, reusable, previous, pageCount, concurrency: 16, sourceBudget, checkLimits, articles });
 */
export async function readPages(input: PagesToRead): Promise<PagesRead> {
  const { source, compute, site, toRead, reusable, previous, early, pageCount, concurrency, sourceBudget, checkLimits, articles } = input;
  const sourcesKept = new Map<string, KeptSource>();
  const bodyStarts = new Map<string, { readonly start: number; readonly line: number }>();
  const parsedKeys = new Set<string>();
  /** The parsed records' languages, sections and terms, one string of each. */
  const pool = new StringPool();
  let parsed = 0;
  let vanished = 0;
  let retained = 0;
  const parsing: Promise<void>[] = [];
  // Reading waits while more than PARSE_AHEAD batches are being parsed; each finished batch wakes it.
  let pendingBatches = 0;
  let wakeups: (() => void)[] = [];
  const batchDone = (): void => {
    pendingBatches--;
    const waiting = wakeups;
    wakeups = [];
    for (const wake of waiting) wake();
  };
  let batch: { file: ArticleFile; version: string | undefined }[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const files = batch;
    batch = [];
    // Parsing reads each file's head only: a body is decoded when its article's items are made.
    parsing.push(
      compute
        .parse(
          site,
          files.map((f) => f.file),
          { withBodies: false },
        )
        .then((results) =>
          results.forEach((result, i) => {
            // One result per file, in order (`Compute.parse`).
            const { file, version } = files[i] as (typeof files)[number];
            const article = result.article ?? result.undated;
            parsedKeys.add(file.key);
            // Files are kept for the render step only up to a budget: a very large site re-reads the few
            // it lists in feeds instead of holding every file in memory.
            const bodyStart = article?.bodyStart;
            if (article && bodyStart !== undefined) {
              if (retained + file.bytes.byteLength <= sourceBudget) {
                sourcesKept.set(file.key, { bytes: file.bytes, bodyStart, bodyLine: article.bodyLine });
                retained += file.bytes.byteLength;
              } else bodyStarts.set(file.key, { start: bodyStart, line: article.bodyLine });
            }
            articles.set(file.key, {
              ...(version !== undefined ? { version } : {}),
              hash: file.hash,
              ...(result.article ? { entry: toEntry(result.article, file, pool) } : {}),
              ...(result.undated ? { undated: toEntry(result.undated, file, pool) } : {}),
              ...(result.problems.length > 0 ? { problems: result.problems } : {}),
              ...(result.list !== undefined ? { list: result.list } : {}),
              ...(result.quiet !== undefined ? { quiet: result.quiet } : {}),
            });
          }),
        ),
    );
    pendingBatches++;
    // Waited for below; a failure while reading stops the run first, so none may go unhandled meanwhile.
    parsing[parsing.length - 1]?.then(batchDone, batchDone);
  };
  /**
   * A page's bytes; its size instead when that is over `maxArticleBytes` (by the listing, or found by a read
   * that stops there: a 400 MiB upload took the function from 159 to 1,389 MiB just to be rejected); the
   * storage's refusal when it will not give this page (archived, encrypted with a key the run lacks).
   */
  const maxBytes = site.feeds.maxArticleBytes;
  const readPage = async (
    object: StoredObject,
  ): Promise<Uint8Array | { readonly tooLarge: number } | { readonly unreadable: UnreadableObjectError } | undefined> => {
    if (object.size !== undefined && object.size > maxBytes) return { tooLarge: object.size };
    let reading = early?.get(object.key) ?? source.read(object.key, { maxBytes });
    for (;;) {
      try {
        return await reading;
      } catch (error) {
        if (error instanceof UnreadableObjectError) return { unreadable: error };
        if (!(error instanceof ObjectTooLargeError)) throw error;
        if (error.size > maxBytes || error.maxBytes >= maxBytes) return { tooLarge: error.size };
        reading = source.read(object.key, { maxBytes }); // read ahead under a smaller bound than the site's
      }
    }
  };
  /** Pages this run could not read for a reason of their own (archived, encrypted with a key it lacks). */
  const unreadable: UnreadableObjectError[] = [];
  compute.expect?.(toRead.length);
  await mapLimit(toRead, concurrency, async (object) => {
    checkLimits('while reading articles');
    const bytes = await readPage(object);
    if (bytes === undefined) {
      vanished++; // deleted since the listing, or the removal an event reported
      return;
    }
    if ('unreadable' in bytes) {
      // Rejected, as a page whose edit does not parse: out of the feeds. No version, so that every full run
      // tries it again (a restored or re-keyed object keeps its ETag).
      unreadable.push(bytes.unreadable);
      const message = `cannot be read: ${bytes.unreadable.reason}; not in feeds until it can be (every full run tries again)`;
      articles.set(object.key, { hash: '', problems: [{ file: object.key, severity: 'error', rule: 'unreadable', message }] });
      return;
    }
    if (!(bytes instanceof Uint8Array)) {
      // Rejected unread, with the problems parsing would report; read again once its listing changes.
      parsed++;
      const location = pageLocation(site, object.key);
      parsedKeys.add(object.key);
      const { problems } = tooLargeResult(site, object.key, location, bytes.tooLarge);
      articles.set(object.key, { ...(object.version !== undefined ? { version: object.version } : {}), hash: '', problems });
      return;
    }
    const hash = sha256(bytes);
    const known = reusable?.articles.get(object.key);
    if (known && known.hash === hash) {
      articles.set(object.key, { ...known, ...(object.version !== undefined ? { version: object.version } : {}) });
      return;
    }
    parsed++;
    const location = pageLocation(site, object.key);
    batch.push({ file: { key: object.key, bytes, hash, location }, version: object.version });
    if (batch.length >= PARSE_BATCH) flush();
    while (pendingBatches > PARSE_AHEAD) await new Promise<void>((wake) => wakeups.push(wake));
  });
  flush();
  await Promise.all(parsing);
  // Most of what this run read unreadable (two pages or more), or every page of the site, is the storage
  // (every object under a KMS key the function may not use), not its files: thrown, so that nothing is
  // taken out of the feeds and the run is retried (and alarms). Counted against the pages read, not the
  // site's: a run reads only the pages that changed (a review found a storage-wide denial dropping every
  // edited page of a large site, and emptying a one-page site's feeds). One page of several is its own
  // (archived, another key): rejected as above. A page already rejected as unreadable by an earlier run is
  // read again by every full run (so that it comes back once readable): it counts neither way, else two
  // such pages would fail every full run from then on (a second review).
  const knownUnreadable = (key: string): boolean => previous?.articles.get(key)?.problems?.some((p) => p.rule === 'unreadable') === true;
  const fresh = unreadable.filter((error) => !knownUnreadable(error.key));
  const tried = toRead.length - vanished - (unreadable.length - fresh.length);
  if (fresh.length > 0 && ((fresh.length > 1 && fresh.length * 2 > tried) || unreadable.length >= pageCount)) throw fresh[0];
  return { sourcesKept, bodyStarts, parsedKeys, parsed, vanished };
}

/**
 * Where a page of the run is in its content folders. Every key a run reads, or prepares an item of, is one
 * `pageKeys` found with this run's site (a run for reported keys has the site of the manifest whose records
 * it keeps), so an unlocated key is feedpub's bug: thrown, where a page was dropped without a word.
 *
 * @example pageLocation(site, 'content/posts/a.md') // { lang: en, relPath: 'posts/a.md' }
 */
export function pageLocation(site: SiteConfig, key: string): ArticleLocation {
  const location = locateArticle(site, key);
  if (location === undefined) throw new Error(`internal error: ${key} is in no content folder of the site`);
  return location;
}

/**
 * The record a run keeps of a parsed article. Its key and hash are the strings the run already holds
 * (a worker thread's result brings copies of them: at 100,000 articles, ~20 MB of the heap); its
 * languages, sections and terms are the pool's (~500,000 tag names at 100,000 articles).
 */
function toEntry(article: Article, file: Pick<ArticleFile, 'key' | 'hash'>, pool: StringPool): ArticleEntry {
  const { body: _body, bodyLine: _line, bodyStart: _start, ...entry } = article;
  // fromEntries, as the parser builds them: a taxonomy named `__proto__` stays an own property.
  const terms = Object.fromEntries(Object.entries(entry.terms).map(([taxonomy, names]) => [taxonomy, names.map((name) => pool.intern(name))]));
  // The rest object is this function's own: its fields are set in place, not copied again.
  return Object.assign(entry, { key: file.key, hash: file.hash, lang: pool.intern(entry.lang), section: pool.intern(entry.section), terms });
}
