import { ignoredConfigWarnings } from './config/config-keys.js';
import { ConfigError, SourceChangedError } from './errors.js';
import { MANIFEST_FORMAT, type ArticleEntry, type Manifest, type ManifestArticle, type ManifestFeed, type ShardCache } from './manifest.js';
import type { FeedPlan } from './plan/plan-feeds.js';
import type { OutputFile, Problem } from './model.js';
import { absoluteUrl } from './plan/urls.js';
import { deferredCompute } from './deferred-compute.js';
import type { Cdn, Clock, Compute, Hub, Logger, Scheduler, Storage, StoredObject } from './ports.js';
import { FORMAT_ORDER, feedFile, formatOfPath } from './render/formats.js';
import { renderFeedFiles } from './render/render-feed.js';
import { type PlannedFeed, summarizeFeeds } from './render/directory/index.js';
import { recordFrom } from './util/record.js';
import { loadValidation } from './validate/load-validation.js';
import { sha256 } from './sha256.js';
import { affectedFeeds, idsSharedLastRun, inListingOrder, makesFullRun, recordedFiles, reportedPages, withReportedRecords } from './rebuild/delta.js';
import { SITE_EXTRAS, feedFingerprint, feedsToRender, siteExtras, translationIndex } from './rebuild/feed-inputs.js';
import { cascadesMarkup, ItemPreparer } from './rebuild/item-preparer.js';
import {
  disabledKindNotes,
  feedImageNotes,
  idNamespaceNotes,
  languageCodeNotes,
  multihostNotes,
  renderVersionNotes,
  stateNotes,
  strayFeedFiles,
} from './rebuild/notes.js';
import { planRun } from './rebuild/plan-run.js';
import { publishedIndex } from './rebuild/published.js';
import { type GateResult, Publisher } from './rebuild/publisher.js';
import { readPages } from './rebuild/read-pages.js';
import { renderInChunks } from './rebuild/render-chunks.js';
import { idContinuity } from './rebuild/retired.js';
import { resolveRunConfig } from './rebuild/run-config.js';
import { CONFIG_VERSION, RENDER_VERSION } from './rebuild/render-version.js';
import { limitCheck, type RunLimits } from './rebuild/run-limits.js';
import { setWakeUp } from './rebuild/schedule.js';
import { collect } from './util/collect.js';
import { emptyContentFolderWarning, emptyContentFolders, listSources, readAhead, refuseEmptiedFolders } from './rebuild/sources.js';
import { markUnfinished, readManifest, readState, storeManifest, writeShardsEarly } from './rebuild/state.js';
import { invalidateOrDefer } from './rebuild/invalidate.js';
import {
  DEFAULT_INVALIDATION_POLICY,
  type InvalidationPolicy,
  type InvalidationReport,
  invalidationAllowance,
  invalidationReport,
  usageAfter,
} from './rebuild/invalidation-budget.js';
import { notifyHub } from './rebuild/websub.js';
import { writeFeed } from './rebuild/write-feed.js';
import { compareZoneRules, knownZoneRules, siteZoneRules, zoneRulesNotes } from './rebuild/zone-rules.js';
import { tzdataVersion } from './parse/zone-rules.js';

export { RENDER_VERSION } from './rebuild/render-version.js';
export type { RunLimits } from './rebuild/run-limits.js';

/** The adapters one run uses. */
export interface RebuildDeps {
  /** The site: config file at its root, articles under the languages' contentDirs (`content/` by default). */
  readonly source: Storage;
  /** Where feeds are published (the feeds bucket, or the output folder). */
  readonly target: Storage;
  /** Private state of feedpub (the manifest; the only render cache is the published JSON Feeds, in `target`): never served to subscribers. */
  readonly state: Storage;
  /** Where the run report for authors goes (not public); optional. */
  readonly report?: Storage;
  readonly cdn: Cdn;
  /** The WebSub hub to notify of changed feeds (only when the site configures `feedpub.hub`). */
  readonly hub?: Hub;
  /** Sets the next wake-up for scheduled posts and expiries. */
  readonly scheduler?: Scheduler;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Resident memory in bytes, for `limits.maxMemoryBytes`. */
  readonly memoryUsage?: () => number;
  /** Where parsing and item preparation run (default: this thread). */
  readonly compute?: Compute;
  /** Manifest shards decoded by earlier runs of this process (a warm Lambda container); see `ShardCache`. */
  readonly shardCache?: ShardCache;
}

/** How one run goes: what started it, what it may trust or skip, its limits. All optional. */
export interface RebuildOptions {
  /** Overrides the config's baseURL. */
  readonly baseURL?: string;
  /** Every content folder must lie under it (`content/`): the folder a deployment may read and is notified of. */
  readonly contentPrefix?: string;
  /** Ignore the manifest: re-read and re-render everything (still writes only changed files). */
  readonly force?: boolean;
  /**
   * What publishes anyway what a refusal holds back (a content folder that lost its pages), in words for
   * the caller's user: `run feedpub rebuild --force` unless given (a local build has no `force`: deleting
   * its --state folder lifts it).
   */
  readonly forceAdvice?: string;
  /** Compute everything, write nothing, invalidate nothing. */
  readonly dryRun?: boolean;
  /** What started the run, for the report (`cli`, `s3`, `schedule`, ...). */
  readonly trigger?: string;
  /** Parallel storage requests (default 16). */
  readonly concurrency?: number;
  /**
   * Keep the manifest in `state` (default true). A local one-off build turns it off: without a previous
   * run to compare with, writing it would only cost time.
   */
  readonly keepState?: boolean;
  /** Stop after planning: parse and report, render and write nothing (what `feedpub check` needs). */
  readonly planOnly?: boolean;
  /**
   * Set the pending wake-up again even when the manifest says this very one is set (the hourly safety-net
   * run: a schedule deleted by hand, or lost, is back within the hour). Nothing is asked when nothing is due.
   */
  readonly refreshSchedule?: boolean;
  /**
   * Publish nothing when an article is rejected or held back as a duplicate of another's id (`--strict`):
   * the run stops after planning, as `planOnly`, and its report says `withheld`, so the published feeds
   * stay those of the last good run.
   */
  readonly strict?: boolean;
  /**
   * The keys an event reported created or removed (site-relative, e.g. `content/en/a.md`). With the
   * manifest of a complete earlier run, only these are read and nothing is listed; the run is a full
   * one when a key is a config file, with `force`, or when the manifest cannot be trusted.
   */
  readonly changedKeys?: readonly string[];
  /**
   * The change token the event gave for a created key (S3: the object's ETag, quoted as a listing
   * gives it), recorded with the article as the listing's would be: the next full run then knows the
   * file and does not read it again. A token older than the file read is harmless (the full run reads
   * it once more); S3 never serves content older than the event that named it.
   */
  readonly changedVersions?: ReadonlyMap<string, string>;
  /**
   * Bytes of parsed files kept between parsing and rendering (default 64 MiB), for the bodies of the
   * articles feeds list. Past it, files are let go once parsed and the articles feeds list are read
   * again: memory stays bounded on a very large site, for a second read of those articles.
   */
  readonly sourceBudgetBytes?: number;
  /** Feeds rendered per chunk (default 64): a chunk's items are prepared together, and let go after their last feed. */
  readonly renderChunkFeeds?: number;
  /** Chunks whose items are being prepared while one chunk's feeds are written (default 3). */
  readonly prepareAheadChunks?: number;
  /** Limits of one run; going over one stops the run with a RunLimitError before the manifest is written. */
  readonly limits?: RunLimits;
  /**
   * How the CDN is invalidated: the changed paths, or everything (`/*`) once this month's paths would pass
   * the free ones (default `{ mode: 'budget', freePaths: 1000 }`: src/rebuild/invalidation-budget.ts).
   */
  readonly invalidation?: InvalidationPolicy;
  /** The feed renderer; tests substitute a faulty one to prove the output gate. */
  readonly render?: typeof renderFeedFiles;
}

/** What one run did; the shells log or print it. */
export interface RebuildReport {
  readonly trigger: string;
  readonly articles: {
    /** Source files seen (Markdown under the content dirs). */
    readonly total: number;
    /** Files read and parsed in this run (the rest came from the manifest). */
    readonly parsed: number;
    readonly published: number;
    readonly rejected: number;
    /** Drafts, future and expired articles held back. */
    readonly held: number;
    /**
     * Pages that are no articles for feeds, found and not rejected: list pages (`_index.md`), pages
     * without any date, pages of a draft section. With the others, every page found is counted once.
     */
    readonly skipped: number;
  };
  readonly feeds: number;
  /** Feeds re-rendered in this run (the others were unchanged by fingerprint). */
  readonly rendered: number;
  /** Paths written (changed or new), site-relative without leading slash. */
  readonly written: readonly string[];
  /** Paths deleted (feeds that no longer exist). */
  readonly deleted: readonly string[];
  /** Files rendered but identical to the published copy. */
  readonly unchanged: number;
  /**
   * Files published already and kept without rendering: those of feeds whose sources did not change
   * (same fingerprint, or not touched by the reported keys) and the site-wide extras when their inputs did
   * not. With `written` and `unchanged`, every file the run publishes is counted once.
   */
  readonly kept: number;
  /** Paths sent to the CDN (leading slash): the changed files, whether they went out as they are or as `/*`. */
  readonly invalidated: readonly string[];
  /** What the invalidation sent, by the CDN's count, and the month's count (absent: a dry run, `check`, a withheld run). */
  readonly invalidation?: InvalidationReport;
  readonly problems: readonly Problem[];
  /** Epoch ms of the next scheduled change (a future post or an expiry), if any. */
  readonly nextChangeAt?: number;
  /** Nothing was written because an article was rejected (or held back as a duplicate) and the run was `strict`. */
  readonly withheld?: boolean;
}

const REPORT_KEY = 'report.json';
/**
 * Bytes of parsed files a run keeps for rendering (~43 MB for the bench's 10,000 articles of 1–6 KB).
 * Past it, files are let go after parsing and the articles that feeds list are read again when rendering.
 */
const SOURCE_BUDGET_BYTES = 64 * 2 ** 20;

/**
 * Feeds rendered per chunk: their items are prepared together (one batch for the compute threads). A
 * chunk's items stay in memory until its last feed is written: at 10,000 articles, 64 feeds a chunk
 * peaked at ~30 MiB less than 256, in the same time.
 */
const RENDER_CHUNK = 64;

/**
 * Chunks whose items are prepared ahead of the one being written. With one, each chunk's turn ended with
 * one thread waiting for the other (their shares of a chunk differ): at 100,000 articles the worker idled
 * a fifth of the rendering phase and the main thread a third. With three, both stay busy; the items of
 * up to four chunks are held at once (~10 MiB more at 10,000 articles).
 */
const PREPARE_AHEAD = 3;

/**
 * The one use case: list → read → parse → plan → render → diff → write → invalidate → manifest.
 * Content problems are collected into the report; storage and CDN failures are thrown (retry).
 * Unchanged articles come from the manifest without being read; feeds whose inputs did not change are
 * not rendered; files whose bytes did not change are not written.
 *
 * @example const report = await rebuild({ source, target, state, cdn: noopCdn, clock: Date.now, logger }, { trigger: 'cli' });
 */
export async function rebuild(deps: RebuildDeps, options: RebuildOptions = {}): Promise<RebuildReport> {
  // Writes a run starts ahead of their turn settle before it returns or throws: none lands after it is over.
  const inFlight: Promise<unknown>[] = [];
  const startedAt = deps.clock();
  try {
    try {
      return await runRebuild(deps, options, inFlight, startedAt);
    } catch (error) {
      if (!(error instanceof SourceChangedError)) throw error;
      // The records the run trusted are out of date: a full run lists and reads what is there now (anything
      // it already wrote, it wrote after marking the manifest unfinished), within what is left of the time.
      await Promise.allSettled(inFlight);
      deps.logger.warn('source-changed', { key: error.key, action: 'running again as a full run' });
      const { changedKeys: _keys, changedVersions: _versions, ...full } = options;
      // That page is read again even if its listing says it is unchanged (unreadable now, under its old ETag).
      return await runRebuild(deps, full, inFlight, startedAt, new Set([error.key]));
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      await Promise.allSettled(inFlight);
      await reportConfigError(deps, options, error);
    }
    throw error;
  } finally {
    await Promise.allSettled(inFlight);
  }
}

/**
 * A config that does not resolve publishes nothing: the authors' report says why (one `config-invalid`
 * problem), and the manifest is marked unfinished with that report's hash, so that every run until the
 * config is fixed reads the config again (an event run would trust the last good one) and fails the same
 * way, and the first run after the fix writes its own report.
 */
async function reportConfigError(deps: RebuildDeps, options: RebuildOptions, error: ConfigError): Promise<void> {
  if (deps.report === undefined || options.dryRun) return;
  const stored = await readManifest(deps.state, deps.shardCache);
  const problem: Problem = { file: error.file ?? '(config)', severity: 'error', rule: 'config-invalid', message: error.message };
  const report = JSON.stringify({ problems: [problem] }, null, 2);
  const reportHash = sha256(report);
  if (stored?.manifest.reportHash !== reportHash) {
    await deps.report.write({ key: REPORT_KEY, body: report, contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });
  }
  if (options.keepState ?? true) await markUnfinished(deps.state, [], { reportHash }, stored);
}

async function runRebuild(
  deps: RebuildDeps,
  options: RebuildOptions,
  inFlight: Promise<unknown>[],
  startedAt: number,
  /** Pages whose records are not trusted, whatever their listing says: read again. */
  distrusted?: ReadonlySet<string>,
): Promise<RebuildReport> {
  const concurrency = options.concurrency ?? 16;
  const keepState = options.keepState ?? true;
  // The run's clock: its limits count from the start of the first attempt (a rerun gets what is left).
  const now = startedAt;
  const limits = options.limits ?? {};
  const checkLimits = limitCheck(deps.clock, now, limits, deps.memoryUsage);
  const compute = deps.compute ?? deferredCompute;
  compute.warm?.();
  // The files an event reported are read while the manifest is: a run for reported keys reads them
  // first thing after it (any other run lists and reads them itself, and lets these go).
  const eventKeys = options.changedKeys !== undefined && !options.force && !options.changedKeys.some(makesFullRun) ? options.changedKeys : undefined;
  const early = readAhead(deps.source, eventKeys);
  // The manifest as last stored: the write-ahead replaces it, the end of the run stores the new one.
  const stateRead = await readState(deps.state, deps.shardCache);
  const previous = stateRead.stored?.manifest;
  /** The version of this runtime's time zone data, which names the rules the manifest's fingerprints hold. */
  const tzdata = tzdataVersion();

  // A run for keys an event reported (an upload, a removal) trusts the manifest of the last complete run
  // for everything else: it lists nothing and reads only those keys, so its work does not grow with
  // the site. Anything the manifest cannot vouch for (a config change, a new feedpub, a run that died
  // half-way, dates read with other time zone rules) makes it a full run; the scheduled full run repairs
  // whatever an event missed.
  const delta =
    eventKeys !== undefined &&
    previous?.site !== undefined &&
    previous.configSource?.renderVersion === RENDER_VERSION &&
    previous.configSource.configVersion === CONFIG_VERSION &&
    previous.configSource.baseURL === options.baseURL &&
    (previous.intents ?? []).length === 0 &&
    previous.unfinished !== true &&
    compareZoneRules(previous.zoneRules, siteZoneRules(previous.site, knownZoneRules(previous, tzdata))).same
      ? { previous, keys: new Set(eventKeys) }
      : undefined;

  // The config: the manifest's resolved copy when the config files are the very ones it was read from.
  const { configListing, configSource, site, configWarnings, configHash, configFile } = await resolveRunConfig(
    deps.source,
    previous,
    delta !== undefined,
    options,
  );
  // Dates written without a zone are read with the runtime's time zone data: the manifest's hold only while
  // the site's zones have the rules they were read with (fingerprinted once per zone and process, ~12,000
  // Intl calls and 30-60 ms a zone: a run with no manifest to compare with or to write does without, and one
  // whose manifest recorded them with this runtime's tzdata version takes those).
  const zoneRules = previous !== undefined || (keepState && options.planOnly !== true) ? siteZoneRules(site, knownZoneRules(previous, tzdata)) : undefined;
  const zoneCheck = previous !== undefined && zoneRules !== undefined ? compareZoneRules(previous.zoneRules, zoneRules) : undefined;
  const reusable = !options.force && previous?.configHash === configHash && zoneCheck?.same === true ? previous : undefined;
  // Articles: reuse what the manifest knows, read and parse the rest. A run for reported keys keeps the
  // manifest's records: it starts from a copy of them and reads the reported pages only (listing 30,000
  // keys, setting them one by one and ordering them again were ~40 ms of a one-article update). Its config
  // is the one that manifest resolved and hashed (`resolveRunConfig`), so the manifest is `reusable` too.
  const reported = delta ? reportedPages(site, delta.previous.articles, delta.keys, options.changedVersions) : [];
  const listed = delta
    ? undefined
    : // A run that will read every page it lists tells the compute as the count grows: threads that take a
      // moment to start boot while a big site is still being listed (~0.5 s at 100,000 pages).
      await listSources(site, deps.source, reusable === undefined ? compute.expect?.bind(compute) : undefined);
  const sources: StoredObject[] = listed?.sources ?? [];
  const emptyFolders = delta ? [] : emptyContentFolders(site, sources);
  if (!options.force && previous !== undefined) refuseEmptiedFolders(site, emptyFolders, previous, configFile, options.forceAdvice);
  // (The reported keys keep their places and old records until they are read: see `withReportedRecords`.)
  const articles = delta ? new Map(delta.previous.articles) : new Map<string, ManifestArticle>();
  /** The pages the run knows of: listed, or the manifest's (but the reported keys) and the reported pages. */
  const pageCount = delta ? [...delta.keys].reduce((n, key) => n - (articles.has(key) ? 1 : 0), articles.size) + reported.length : sources.length;
  const toRead: StoredObject[] = delta ? reported : [];
  for (const object of sources) {
    const known = reusable?.articles.get(object.key);
    const unchanged = object.version !== undefined && known?.version === object.version && distrusted?.has(object.key) !== true;
    if (known && unchanged) articles.set(object.key, known);
    else toRead.push(object);
  }
  const pages = await readPages({
    source: deps.source,
    compute,
    site,
    toRead,
    reusable,
    previous,
    ...(delta ? { early } : {}),
    pageCount,
    concurrency,
    // A run that renders nothing (`check`) keeps no files.
    sourceBudget: options.planOnly ? 0 : (options.sourceBudgetBytes ?? SOURCE_BUDGET_BYTES),
    checkLimits,
    articles,
  });

  // The records in key order: the manifest's with the reported keys' put in, or the sorted sources'
  // (sorting the map's keys again costs at 30k).
  const nextArticles = delta ? withReportedRecords(articles, delta.previous.articles, delta.keys) : inListingOrder(sources, articles);
  // A run for reported keys has its shards to store now: they are written while it plans and renders.
  const shards = delta && keepState && !options.dryRun ? writeShardsEarly(deps.state, nextArticles, stateRead.stored, delta.keys) : undefined;
  if (shards !== undefined) inFlight.push(shards.written);
  // A second config file that is not read (`config.toml` beside `hugo.toml`): its settings do not apply.
  // What only a listing finds: a run for reported keys repeats what the last full run found.
  const siteProblems: readonly Problem[] = delta
    ? (delta.previous.siteProblems ?? [])
    : [
        ...ignoredConfigWarnings(configListing.map((o) => o.key)),
        ...configWarnings,
        ...emptyFolders.map((language) => emptyContentFolderWarning(site, language, configFile)),
        ...(listed?.problems ?? []),
        ...idNamespaceNotes(
          site,
          configFile,
          configListing.map((o) => o.key),
        ),
        ...feedImageNotes(site, configFile),
        ...disabledKindNotes(site, configFile),
        ...multihostNotes(site, configFile),
        ...languageCodeNotes(site, configFile),
      ];
  // About this run's state, not the site: reported by this run only (a run for reported keys has a readable one).
  const problems: Problem[] = [
    ...siteProblems,
    ...stateNotes(stateRead, site),
    ...renderVersionNotes(previous?.configSource?.renderVersion, RENDER_VERSION),
    ...zoneRulesNotes(zoneCheck?.changed ?? []),
  ];
  const { sections, entries, selection, plans, references, rejected, duplicates } = planRun(site, articles, nextArticles, now, problems);
  // Ids are what the content makes them: what the pages that went say of this run's ids is told, never applied.
  const continuity = idContinuity(site, previous, nextArticles, { now, entries, ...(delta ? { keys: delta.keys } : {}) });
  problems.push(...continuity.problems);
  const articleCount = (): RebuildReport['articles'] => articleCounts(pageCount - pages.vanished, pages.parsed, selection, rejected);
  const withheld = options.strict === true && rejected + duplicates > 0 && !options.planOnly;
  if (options.planOnly || withheld) {
    return {
      trigger: options.trigger ?? 'manual',
      articles: articleCount(),
      feeds: plans.length,
      rendered: 0,
      written: [],
      deleted: [],
      unchanged: 0,
      kept: 0,
      invalidated: [],
      problems,
      ...(selection.nextChangeAt !== undefined ? { nextChangeAt: selection.nextChangeAt } : {}),
      ...(withheld ? { withheld } : {}),
    };
  }
  const alternates = translationIndex(site, selection.published);

  // Which feeds changed? What is published now, with change tokens (see `Publisher.trusted`).
  const targetListing = delta ? recordedFiles(delta.previous) : new Map((await collect(deps.target.list(''))).map((o) => [o.key, o.version]));
  const formats = FORMAT_ORDER.filter((f) => site.feeds.formats.includes(f));
  const published = publishedIndex(previous);
  let extras: OutputFile[] = [];
  const publisher = new Publisher({
    target: deps.target,
    state: deps.state,
    keepState,
    dryRun: options.dryRun === true,
    targetListing,
    published,
    previous,
    stored: stateRead.stored,
    plannedPaths: () => [
      ...plans.flatMap((p) => formats.map((f) => p.dir + feedFile(site, f))),
      ...(extrasKept ? Object.keys(extrasKept.files) : extras.map((e) => e.path)),
    ],
    renderedPaths: () => [...toRender.flatMap(({ plan }) => formats.map((f) => plan.dir + feedFile(site, f))), ...extras.map((e) => e.path)],
    problems,
  });
  // A run for reported keys fingerprints only the feeds those keys can have changed.
  const mayHaveChanged = delta && reusable ? affectedFeeds(site, delta.previous, delta.keys, articles, entries, now, sections) : undefined;
  const { nextFeeds, toRender } = feedsToRender(plans, {
    site,
    formats,
    reusable,
    trusted: (path) => publisher.trusted(path),
    ...(mayHaveChanged ? { mayHaveChanged } : {}),
    fingerprint: (plan) => withOtherIds(feedFingerprint(plan, alternates, references.resolved), plan),
    keepState,
  });
  // The files of the feeds kept without rendering (those in nextFeeds so far), for the report.
  let kept = Object.values(nextFeeds).reduce((count, feed) => count + Object.keys(feed.files).length, 0);

  // Items: every article a feed to render lists is prepared once (content derived, items serialized and
  // checked) wherever `compute` runs it; feeds are written a chunk at a time.
  const items = new ItemPreparer({
    site,
    source: deps.source,
    target: deps.target,
    compute,
    concurrency,
    checkLimits,
    toRender,
    reusable,
    previousTargets: previous?.refTargets,
    references,
    // A published item is found by its id: under an id two articles of the last run shared, it may be the other one's.
    sharedIds: reusable ? idsSharedLastRun(reusable, delta && mayHaveChanged ? { keys: delta.keys, held: selection.held } : undefined) : new Set<string>(),
    pages,
    published,
    alternates,
    problems,
    cascadedMarkup: reusable !== undefined && (cascadesMarkup(reusable.articles) || cascadesMarkup(articles)),
  });
  // The site-wide extras (the feed directory, OPML lists, discovery links) depend only on the site config and
  // the feeds' summaries: when neither changed and the published files are the ones recorded, they are kept.
  // A summary counts the items a feed holds, fewer than planned where `maxBytes` cut it: the manifest's
  // record of a feed kept says so, and a feed rendered says so once written.
  let extrasFingerprint = '';
  let extrasKept: ManifestFeed | undefined;
  const held = (plan: PlannedFeed): number | undefined => {
    const count = nextFeeds[plan.dir]?.held;
    return Number.isSafeInteger(count) && (count as number) >= 0 && (count as number) < plan.items.length ? count : undefined;
  };
  const chooseExtras = (): void => {
    const summaries = summarizeFeeds(site, plans, held);
    extrasFingerprint = sha256(JSON.stringify(summaries));
    const known = reusable?.feeds[SITE_EXTRAS];
    const trusted = known !== undefined && Object.keys(known.files).length > 0 && Object.keys(known.files).every((path) => publisher.trusted(path));
    extrasKept = trusted && known.fingerprint === extrasFingerprint ? known : undefined;
    extras = extrasKept ? [] : siteExtras(site, summaries);
  };
  await renderInChunks(
    toRender,
    items,
    {
      chunkFeeds: options.renderChunkFeeds ?? RENDER_CHUNK,
      lookahead: options.prepareAheadChunks ?? PREPARE_AHEAD,
      concurrency: Math.max(1, Math.floor(concurrency / 4)),
    },
    // Meanwhile (the first items are being prepared, on a worker thread when there is one): the extras, with
    // the feeds to render counted as planned.
    chooseExtras,
    async ({ plan, fingerprint }) => {
      checkLimits('while rendering feeds');
      const render = options.render ?? renderFeedFiles;
      nextFeeds[plan.dir] = await writeFeed({ site, plan, fingerprint, formats, items, render, otherRenderer: options.render !== undefined, publisher });
    },
  );
  pages.sourcesKept.clear();
  // A feed rendered that `maxBytes` cut holds fewer items than the extras counted: they are made again.
  if (toRender.some(({ plan }) => held(plan) !== undefined)) chooseExtras();

  // Site-wide extras for subscribers: the feed directory, OPML lists and discovery links.
  if (extrasKept) {
    nextFeeds[SITE_EXTRAS] = extrasKept;
    kept += Object.keys(extrasKept.files).length;
  } else if (extras.length > 0) {
    const { hashes, versions, gated } = await publisher.publishAll(extras, wholeFile);
    nextFeeds[SITE_EXTRAS] = { fingerprint: gated ? '' : extrasFingerprint, files: hashes, versions };
  }

  // Feeds that no longer exist, and paths a run that died meant to create that no feed plans any more:
  // removed (only what feedpub wrote).
  const planned = new Set([...plans.map((p) => p.dir), ...(extras.length > 0 || extrasKept ? [SITE_EXTRAS] : [])]);
  const plannedPaths = await publisher.removeUnplanned(planned, nextFeeds);
  const { written, deleted, refreshed } = publisher;

  if (previous === undefined) problems.push(...strayFeedFiles(targetListing.keys(), plannedPaths, site.rssFile));

  publisher.sortRecords();
  const invalidated = publisher.toInvalidate(plannedPaths);
  let deferred = false;
  let invalidation: InvalidationReport | undefined;
  if (!options.dryRun) {
    const deferredSince = previous?.pendingInvalidations !== undefined ? previous.invalidationsDeferredAt : undefined;
    // Changed paths while this month's count with them stays within the free ones (in `budget` mode), else `/*`.
    const policy = options.invalidation ?? DEFAULT_INVALIDATION_POLICY;
    // The month is the one in which the paths are sent (a run that started before midnight UTC on the 1st
    // and invalidates after it counts them in the new month, as CloudFront bills them).
    const allowance = invalidationAllowance(policy, previous?.invalidationUsage, deps.clock());
    const outcome = await invalidateOrDefer(deps.cdn, invalidated, {
      now,
      ...(deferredSince !== undefined ? { deferredSince } : {}),
      ...(allowance.maxPaths !== undefined ? { maxPaths: allowance.maxPaths } : {}),
      problems,
      logger: deps.logger,
    });
    deferred = outcome.deferred;
    invalidation = invalidationReport(policy, allowance, outcome.sent);
    const invalidationUsage = usageAfter(previous?.invalidationUsage, allowance, outcome.sent?.paths ?? 0);
    const feedUrls = (paths: Iterable<string>): string[] => [...paths].filter((p) => formatOfPath(site, p) !== undefined).map((p) => absoluteUrl(site, p));
    // This run's changed feeds first, then the pings earlier runs could not send, for feeds that are still
    // published (a feed gone since has nothing to tell; one changed again is pinged once).
    const live = new Set(feedUrls(plannedPaths));
    const carried = (previous?.pendingPings ?? []).filter((url) => live.has(url));
    const toPing = [...new Set([...feedUrls(written), ...feedUrls(refreshed), ...carried])];
    const pendingPings = await notifyHub({
      hub: deps.hub,
      hubUrl: site.feeds.hub,
      cdn: deps.cdn,
      logger: deps.logger,
      toPing,
      invalidation: deferred ? 'deferred' : invalidated.length > 0 ? 'sent' : 'none',
      // The wait and the pings get what is left of the run's time, never more.
      timeLeft: () => (limits.maxRunMs === undefined ? undefined : limits.maxRunMs - (deps.clock() - now)),
      problems,
    });
    const scheduled = await setWakeUp(deps.scheduler, {
      last: previous?.scheduled,
      nextChangeAt: selection.nextChangeAt,
      now,
      force: options.force === true || (options.refreshSchedule === true && selection.nextChangeAt !== undefined),
      problems,
      logger: deps.logger,
    });
    const report = JSON.stringify({ problems }, null, 2);
    const reportHash = sha256(report);
    if (deps.report && previous?.reportHash !== reportHash) {
      await deps.report.write({ key: REPORT_KEY, body: report, contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });
    }
    if (keepState) {
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        configHash,
        ...(zoneRules !== undefined ? { zoneRules, ...(tzdata !== undefined ? { tzdata } : {}) } : {}),
        articles: nextArticles,
        feeds: recordFrom(Object.entries(nextFeeds).sort(([a], [b]) => (a < b ? -1 : 1))),
        ...(deps.report ? { reportHash } : {}),
        ...(references.targets.size > 0 ? { refTargets: recordFrom([...references.targets].sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
        ...(pendingPings.length > 0 ? { pendingPings } : {}),
        ...(deferred ? { pendingInvalidations: invalidated, invalidationsDeferredAt: previous?.invalidationsDeferredAt ?? now } : {}),
        ...(invalidationUsage !== undefined ? { invalidationUsage } : {}),
        ...(scheduled !== undefined ? { scheduled } : {}),
        stableSelection: { since: selection.lastChangeAt ?? null, until: selection.nextChangeAt ?? null },
        ...(siteProblems.length > 0 ? { siteProblems } : {}),
        ...(continuity.retired.length > 0 ? { retired: continuity.retired } : {}),
        site,
        configSource,
      };
      await storeManifest(deps.state, manifest, {
        stored: publisher.stored,
        shards,
        written: [...written, ...refreshed, ...deleted],
        fullRun: delta === undefined,
      });
    }
  }

  return {
    trigger: options.trigger ?? 'manual',
    articles: articleCount(),
    feeds: plans.length,
    rendered: toRender.length,
    written,
    deleted,
    unchanged: publisher.unchanged,
    kept,
    // Not the paths whose invalidation was deferred: the run that invalidates them reports them.
    invalidated: options.dryRun || deferred ? [] : invalidated,
    ...(invalidation !== undefined ? { invalidation } : {}),
    problems,
    ...(selection.nextChangeAt !== undefined ? { nextChangeAt: selection.nextChangeAt } : {}),
  };
}

/** Whole-file validation, for the files feedpub's own serializers do not check item by item. */
async function wholeFile(file: OutputFile): Promise<GateResult> {
  return { failures: (await loadValidation()).validateOutput(file.path, file.body) };
}

function articleCounts(
  total: number,
  parsed: number,
  selection: { published: readonly unknown[]; held: readonly unknown[] },
  rejected: number,
): RebuildReport['articles'] {
  const published = selection.published.length;
  const held = selection.held.length;
  return { total, parsed, published, rejected, held, skipped: Math.max(0, total - published - held - rejected) };
}

/**
 * A feed's fingerprint with the ids of its items that have two (`Article.idOther`): which one such an item
 * has follows other pages (`sharedIdsResolved`), not its file, key or URL, which the fingerprint is made of.
 * Feeds without one keep the fingerprint as it is.
 */
function withOtherIds(fingerprint: string, plan: FeedPlan<ArticleEntry>): string {
  if (!plan.items.some((e) => e.idOther !== undefined)) return fingerprint;
  return sha256(JSON.stringify([fingerprint, plan.items.map((e) => (e.idOther === undefined ? null : e.id))]));
}
