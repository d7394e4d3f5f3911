import { CONFIG_PREFIXES, ignoredConfigWarnings, isConfigKey } from './config/config-keys.js';
import { ConfigError, HubError, ObjectTooLargeError, RunLimitError, SourceChangedError, UnreadableObjectError, WriteConflictError } from './errors.js';
import {
  MANIFEST_FORMAT,
  encodeShards,
  type ArticleEntry,
  type EncodedShards,
  type Manifest,
  type ManifestArticle,
  type ManifestFeed,
  type ShardCache,
  type StoredManifest,
} from './manifest.js';
import type { Article, FeedFormat, OutputFile, Problem } from './model.js';
import { locateArticle } from './parse/pages.js';
import { tooLargeResult } from './parse/too-large.js';
import { StringPool } from './util/string-pool.js';
import { withinTime } from './util/within-time.js';
import { feedId, keptIdNamespace } from './plan/ids.js';
import { allLanguagesPathProblems, draftSectionOf, droppedFeedProblem, planFeeds, type FeedPlan } from './plan/plan-feeds.js';
import { resolveRefs } from './plan/refs.js';
import { termCollisionProblems } from './plan/term-collision-problems.js';
import { translationKeyProblems } from './plan/translation-key-problems.js';
import { urlCollisionProblems } from './plan/url-collision-problems.js';
import { selectPublished } from './plan/select.js';
import { absoluteUrl } from './plan/urls.js';
import { deferredCompute } from './deferred-compute.js';
import type { ArticleFile, Cdn, Clock, Compute, Hub, Logger, Scheduler, Storage, StoredObject } from './ports.js';
import type { DerivedContent } from './render/derive-content.js';
import { fragmentKeys, keyIn, newFragmentCache, type FragmentKeys } from './render/fragment-cache.js';
import { addFragments } from './render/add-fragments.js';
import type { PrepareRequest, PreparedItem } from './render/prepare-items.js';
import { renderedArticle } from './render/rendered-article.js';
import { FORMAT_ORDER, feedFile, formatOfPath, toUri } from './render/formats.js';
import { renderFeedFiles, type RenderInput, type RenderItem } from './render/render-feed.js';
import { summarizeFeeds } from './render/directory/index.js';
import { mapLimit } from './util/map-limit.js';
import { recordFrom } from './util/record.js';
import { loadValidation } from './validate/load-validation.js';
import { sha256 } from './sha256.js';
import { MANIFEST_METADATA, markUnfinished, readManifest, readState, removeUnnamedShards, writeManifest } from './rebuild/state.js';
import { CONFIG_FILE_RULES, checkContentPrefix, collect, listSources, readSite } from './rebuild/sources.js';
import {
  affectedFeeds,
  idsSharedLastRun,
  inListingOrder,
  makesFullRun,
  recordedFiles,
  reportedPages,
  withReported,
  withReportedRecords,
} from './rebuild/delta.js';
import { sectionsOf, withCascade, withListPageTimes, withSectionUrl } from './rebuild/sections.js';
import { publishedContent, publishedCopy, publishedIndex, write } from './rebuild/published.js';
import { feedImageNotes, holdMessage, idNamespaceNotes, multihostNotes, stateNotes, strayFeedFiles } from './rebuild/notes.js';
import { schedule } from './rebuild/schedule.js';
import { SITE_EXTRAS, feedFingerprint, siteExtras, toEntry, translationIndex } from './rebuild/feed-inputs.js';

/** The adapters one run uses. */
export interface RebuildDeps {
  /** The site: config file at its root, articles under the languages' contentDirs (`content/` by default). */
  readonly source: Storage;
  /** Where feeds are published (the feeds bucket, or the output folder). */
  readonly target: Storage;
  /** Private state of feedpub (manifest, render cache): never served to subscribers. */
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
   * Keep the manifest and render cache in `state` (default true). A local one-off build turns it off:
   * without a previous run to compare with, writing them would only cost time.
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
  /** The feed renderer; tests substitute a faulty one to prove the output gate. */
  readonly render?: typeof renderFeedFiles;
}

/** Limits of one run. */
export interface RunLimits {
  /** Wall time from the start of the run, in ms (by `deps.clock`). */
  readonly maxRunMs?: number;
  /** Resident memory, in bytes (by `deps.memoryUsage`). */
  readonly maxMemoryBytes?: number;
  /** Markdown files in the site. */
  readonly maxArticles?: number;
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
  /** Paths sent to the CDN (leading slash). */
  readonly invalidated: readonly string[];
  readonly problems: readonly Problem[];
  /** Epoch ms of the next scheduled change (a future post or an expiry), if any. */
  readonly nextChangeAt?: number;
  /** Nothing was written because an article was rejected (or held back as a duplicate) and the run was `strict`. */
  readonly withheld?: boolean;
}

/** What the output gate says of one file. */
interface GateResult {
  readonly failures: readonly string[];
  /** The article that made the file invalid, when one did. */
  readonly culprit?: string;
}

/** Content of an article that could not be read any more: the item still appears, without content. */
const NO_CONTENT: DerivedContent = { html: '', summary: '' };

/**
 * Bump when the bytes feedpub writes for the same input change: forces a full re-render.
 * 2: runs that kept no article bodies (local builds with --state) could publish an edited article's
 * previous content from the render cache; everything is rendered again once.
 * 3: permalinks give Hugo's links with uglyURLs or without a trailing slash (articles are parsed again:
 * their URLs are computed when parsed).
 * 4: paths lower-case as Go does (a capital sigma is σ, İ is i), permalink date tokens read a date in the
 * zone it is written with, as Hugo's do, ids no longer follow `translationKey`, and list pages read their
 * `cascade`: articles are parsed again (all are computed when parsed).
 * 5: a slug with a `/` nests its page as Hugo's does (`a/b/`, not `a-b/`), a `url` without a leading slash
 * is under the page's language, disablePathToLower keeps the case of term folders and of sections with
 * a list page, `headless` counts in a leaf bundle's index only, a `_build.list: local` page is in its
 * section's and terms' feeds, `:sections` is the page's section's path, and permalinks turn `+` into `-`
 * and drop a final `#`: articles are parsed again.
 * 6: a list page's cascaded `_build.list: local` lists the pages below in their sections' and terms' feeds
 * (it listed them nowhere), except a page with a `_build` of its own (`local: false`): all are parsed again.
 * 7: `ref` / `relref` shortcodes lead to the pages they name (they led nowhere): articles are parsed again
 * to find them.
 * 8: a file's language suffix names its language in any language's folder (`content/en/a.zh-cn.md` is
 * zh-cn's), and a disabled language that `languages` does not configure names none: parsed again.
 * 9: Hugo's `[frontmatter]` date sources are read (the resolved site config kept in a manifest lacks them).
 * 10: an Atom feed lists its home page's link before its self link, an untitled entry's empty title
 * has no `type`, an RSS item with content but no summary has an empty description, not its title again,
 * and an RSS item without authors names the site's author, when the config names one, as Atom and JSON
 * Feed imply (found by an audit with six feed parsers): every Atom file is written again.
 * 11: a page's path is read in NFC, so a file saved with a decomposed name has the composed name's
 * references, translations and section title (its id is still made from the name as written): articles
 * are parsed again.
 * 12: Markdown as Hugo's goldmark reads it by default (footnotes, definition lists, the typographer's curly
 * quotes, dashes and ellipses, headings without their `{#id}` attribute lists): every item is rendered again.
 * 13: a `figure` shortcode's caption is Hugo's (title heading, Markdown caption and credit, caption as alt),
 * an iframe with an http(s) source leaves a link to it, a bare ftp:// URL stays text and a `www.` address
 * is a link: every item is rendered again.
 * 14: a front matter summary is Markdown rendered as Hugo renders it, reduced to its text; a relative front
 * matter image of a page that is no leaf bundle resolves against the baseURL, as Hugo's `absURL`; an RSS
 * channel's description is HTML; Atom entries and JSON Feed items name the site's author when they have
 * none; a feed icon or logo with a leading `/` is under the host: articles are parsed and every item and
 * feed rendered again.
 * 15: a Markdown link or image whose URL has a scheme a feed may not carry (`javascript:`, `file:`) keeps
 * its text, as in Hugo, instead of the Markdown as written, and `<<` is an angle quote before a tag
 * (`<<angle>>` is `«angle»`); permalinks expand `:sections[…]` slices, and a language's own timeZone
 * dates its pages: articles are parsed and every item rendered again.
 * 16: what changed after 15 was released without a bump (an upgrade audit found an upgraded site keeping
 * 15's links until a config edit moved them all at once): `:sections[…]` slices and a language's own
 * timeZone (added to 15's note late), `removePathAccents` in links, term folders and refs, per-section
 * `uglyURLs`, and the directory page's dates in its language's zone: articles are parsed again. From here
 * tests/integration/render-version.test.ts pins what is written for its inputs to this number.
 * 17: the config files merge as Hugo 0.111 merges them (the config folder's value over the root file's,
 * tables key by key, config/production/ and params.<language>.* read) and `pluralizeListTitles = false` is
 * read: a resolved site config kept in a manifest is read again from its files.
 * 18: dots in names are kept where Hugo 0.111 keeps them (tag `.NET` → `tags/.net/`, slug `v1.0.` →
 * `v1.0./`; a top folder without a list page still loses its trailing dots in its feed's path): articles
 * are parsed again, as the manifest keeps their links.
 * Also in 18: `param` shortcodes show the page's or the site's value, `gist`, `tweet` and `instagram` (and the
 * `_simple` forms) link their posts, and every other shortcode removed is reported (`shortcode-removed`):
 * articles are parsed again (the manifest keeps their param values and problems) and every item rendered again.
 * Also in 18: a language's home list page (`content/_index.md`) titles its feed, as Hugo's home feed: list pages are
 * parsed again (the manifest kept no title of a home page's).
 * 19: a `{{< param >}}` value goes into the rendered HTML as Hugo puts it there, not into the Markdown
 * backslash-escaped (`1\.2\.3` in code, a blank line splitting the paragraph, an attribute cut at a quote),
 * and a `{{% param %}}` value is escaped as Hugo's template escapes it (`"` as `&#34;`, shown so in code):
 * every item is rendered again (the params the manifest keeps are the same). Also in 19: an article whose
 * param calls show over 4 Mi characters goes out without its content (`content-failed`).
 * 20: an untitled page's summary shows its params as its content does (it was made without them: "Version
 * is out."), a call right after another brace (`a{{{< param w >}}}b`) is found as Hugo finds it, and a
 * param's characters are counted where they land (a link reference title used many times): articles are
 * parsed again.
 */
export const RENDER_VERSION = 20;
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

/** At most this many reported keys are read ahead of the manifest (an event names one or a few). */
const PREFETCH_KEYS = 32;

/**
 * How far a reported key is read ahead of the manifest, before the site's `maxArticleBytes` is known: its
 * default. A larger file is read again under the site's limit, if that is larger.
 */
const PREFETCH_MAX_BYTES = 5 * 1024 * 1024;

/** Files handed to `compute.parse` at a time: big enough to amortize a thread hop, small enough to overlap reading. */
const PARSE_BATCH = 128;

/**
 * Batches handed to `compute.parse` and not parsed yet, at most: reading outruns parsing on another
 * thread, and without a bound every file of a 100,000-article site waited in memory (1.7 GB peak).
 */
const PARSE_AHEAD = 4;

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
  const render = options.render ?? renderFeedFiles;
  const keepState = options.keepState ?? true;
  // The run's clock: its limits count from the start of the first attempt (a rerun gets what is left).
  const now = startedAt;
  const limits = options.limits ?? {};
  /** Stops the run when it goes over a limit; called between units of work, never mid-write. */
  const checkLimits = (where: string): void => {
    const elapsed = deps.clock() - now;
    if (limits.maxRunMs !== undefined && elapsed > limits.maxRunMs) {
      throw new RunLimitError(
        'time',
        `run stopped ${where}: it took ${elapsed} ms, over its limit of ${limits.maxRunMs} ms; nothing is kept of it, so the next run starts again from the beginning (if this repeats, the site is more than one run can do: README, Time limit)`,
      );
    }
    const memory = deps.memoryUsage?.();
    if (limits.maxMemoryBytes !== undefined && memory !== undefined && memory > limits.maxMemoryBytes) {
      throw new RunLimitError(
        'memory',
        `run stopped ${where}: it uses ${Math.round(memory / 2 ** 20)} MiB, over its limit of ${Math.round(limits.maxMemoryBytes / 2 ** 20)} MiB`,
      );
    }
  };

  const compute = deps.compute ?? deferredCompute;
  compute.warm?.();
  // The files an event reported are read while the manifest is: a run for reported keys reads them
  // first thing after it (any other run lists and reads them itself, and lets these go).
  const early = new Map<string, Promise<Uint8Array | undefined>>();
  const eventKeys = options.changedKeys !== undefined && !options.force && !options.changedKeys.some(makesFullRun) ? options.changedKeys : undefined;
  if (eventKeys !== undefined && eventKeys.length <= PREFETCH_KEYS) {
    for (const key of eventKeys) {
      if (early.has(key)) continue;
      const reading = deps.source.read(key, { maxBytes: PREFETCH_MAX_BYTES });
      reading.catch(() => {}); // awaited where used; unused when the run lists everything
      early.set(key, reading);
    }
  }
  // The manifest as last stored: the write-ahead below replaces it, the end of the run stores the new one.
  const stateRead = await readState(deps.state, deps.shardCache);
  let stored = stateRead.stored;
  const previous = stored?.manifest;

  // A run for keys an event reported (an upload, a removal) trusts the manifest of the last complete run
  // for everything else: it lists nothing and reads only those keys, so its work does not grow with
  // the site. Anything the manifest cannot vouch for (a config change, a new feedpub, a run that died
  // half-way) makes it a full run; the scheduled full run repairs whatever an event missed.
  const delta =
    eventKeys !== undefined &&
    previous?.site !== undefined &&
    previous.configSource?.renderVersion === RENDER_VERSION &&
    previous.configSource.baseURL === options.baseURL &&
    (previous.intents ?? []).length === 0 &&
    previous.unfinished !== true
      ? { previous, keys: new Set(eventKeys) }
      : undefined;

  // The config: the manifest's resolved copy when the config files are the very ones it was read from.
  const configListing = delta
    ? []
    : (await Promise.all(CONFIG_PREFIXES.map((prefix) => collect(deps.source.list(prefix))))).flat().filter((o) => isConfigKey(o.key));
  const configSource = delta?.previous.configSource ?? {
    // A new feedpub may resolve the same files differently (new options, new defaults).
    renderVersion: RENDER_VERSION,
    versions: Object.fromEntries(configListing.map((o): [string, string] => [o.key, o.version ?? '']).sort((x, y) => (x[0] < y[0] ? -1 : 1))),
    ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
  };
  const sameConfig =
    previous?.site !== undefined &&
    configListing.every((o) => o.version !== undefined) &&
    JSON.stringify(previous.configSource) === JSON.stringify(configSource);
  const read = sameConfig && previous?.site ? { site: previous.site } : await readSite(deps.source, configListing, options.baseURL);
  const site = keptIdNamespace(read.site, previous?.site?.feeds.idNamespace ?? previous?.idNamespace);
  // What the config files say about themselves (a root file's value the config folder replaces): from
  // the files when read, else what the run that read these very files found.
  const configWarnings = 'warnings' in read ? read.warnings : (previous?.siteProblems ?? []).filter((p) => CONFIG_FILE_RULES.has(p.rule));
  if (options.contentPrefix !== undefined) checkContentPrefix(site, options.contentPrefix);
  const configHash = sha256(JSON.stringify({ RENDER_VERSION, site }));
  const reusable = !options.force && previous?.configHash === configHash ? previous : undefined;
  // Articles: reuse what the manifest knows, read and parse the rest. A run for reported keys that keeps
  // the manifest's records starts from a copy of them and reads the reported pages only (listing 30,000
  // keys, setting them one by one and ordering them again were ~40 ms of a one-article update).
  const fromManifest = delta !== undefined && reusable === delta.previous;
  const reported = delta ? reportedPages(site, delta.previous.articles, delta.keys, options.changedVersions) : [];
  const listed = delta
    ? undefined
    : // A run that will read every page it lists tells the compute as the count grows: threads that take a
      // moment to start boot while a big site is still being listed (~0.5 s at 100,000 pages).
      await listSources(site, deps.source, reusable === undefined ? compute.expect?.bind(compute) : undefined);
  const sources: StoredObject[] = fromManifest ? [] : delta ? withReported(delta.previous.articles, delta.keys, reported) : (listed?.sources ?? []);
  // A language whose content folder holds no page at all is most likely a misspelt contentDir.
  const configFile = configListing.find((o) => !o.key.startsWith('feedpub.'))?.key ?? configListing[0]?.key ?? 'config';
  const emptyFolders = delta ? [] : site.languages.filter((l) => !sources.some((o) => o.key.startsWith(l.contentDir === '' ? '' : `${l.contentDir}/`)));
  const emptyLanguages: Problem[] = emptyFolders.map((l) => ({
    file: configFile,
    severity: 'warning',
    rule: 'content-dir-empty',
    // One language: its folder is most likely the top-level contentDir (or Hugo's default, content).
    message: `${site.languages.length > 1 ? `languages.${l.key}.` : ''}contentDir: no Markdown page under "${l.contentDir || '.'}/"; is the folder name right?`,
  }));
  // A language's contentDir changed to a folder with no page while the last run read pages of it (a
  // misspelt or moved contentDir, a config uploaded before its content) would take all of them out of the
  // feeds and delete their term feeds: refused, nothing written, until the folder has pages or a `force`
  // run says so. (Pages deleted from a folder that stays are published as gone, as any removal.)
  if (!options.force && previous !== undefined) {
    for (const language of emptyFolders) {
      const before = previous.site?.languages.find((l) => l.key === language.key);
      if (before === undefined || before.contentDir === language.contentDir) continue;
      const dir = `${language.contentDir || '.'}/`;
      let published = 0;
      for (const record of previous.articles.values()) if (record.entry?.lang === language.key) published++;
      if (published === 0) continue;
      throw new ConfigError(
        `${site.languages.length > 1 ? `languages.${language.key}.` : ''}contentDir`,
        `no Markdown page under "${dir}", where the last run read ${published} page${published === 1 ? '' : 's'} of this language: nothing was published (is the folder name right? to publish the language without pages, ${options.forceAdvice ?? 'run feedpub rebuild --force'})`,
        configFile,
      );
    }
  }
  // (The reported keys keep their places and old records until they are read: see `withReportedRecords`.)
  const articles = fromManifest ? new Map(delta.previous.articles) : new Map<string, ManifestArticle>();
  /** The pages the run knows of: listed, or the manifest's (but the reported keys) and the reported pages. */
  const pageCount = fromManifest ? [...delta.keys].reduce((n, key) => n - (articles.has(key) ? 1 : 0), articles.size) + reported.length : sources.length;
  if (limits.maxArticles !== undefined && pageCount > limits.maxArticles) {
    throw new RunLimitError('articles', `the site has ${pageCount} Markdown files, over the limit of ${limits.maxArticles}`);
  }
  /**
   * Parsed files kept for their bodies, up to a budget: the bytes as read (outside the JavaScript heap)
   * and where parsing found the body. A worker thread preparing an item decodes the body from them;
   * bodies decoded at parse time would cross between threads twice as strings, for every article.
   */
  const sourcesKept = new Map<string, { readonly bytes: Uint8Array; readonly bodyStart: number; readonly bodyLine: number }>();
  /** The parsed records' languages, sections and terms, one string of each. */
  const pool = new StringPool();
  let parsed = 0;
  let vanished = 0;
  let retained = 0;
  /** Where the bodies of files not kept start: read again, they need no second parse. */
  const bodyStarts = new Map<string, { readonly start: number; readonly line: number }>();
  // A run that renders nothing (`check`) keeps no files.
  const sourceBudget = options.planOnly ? 0 : (options.sourceBudgetBytes ?? SOURCE_BUDGET_BYTES);
  /** Files parsed in this run: new or changed, so the published feeds cannot hold their content. */
  const parsedKeys = new Set<string>();
  const toRead: StoredObject[] = fromManifest ? reported : [];
  for (const object of sources) {
    const known = reusable?.articles.get(object.key);
    const unchanged = delta
      ? !delta.keys.has(object.key)
      : object.version !== undefined && known?.version === object.version && distrusted?.has(object.key) !== true;
    if (known && unchanged) articles.set(object.key, known);
    else toRead.push(object);
  }
  // Parsing runs where `deps.compute` puts it (worker threads for big local builds), in batches
  // handed over while reading goes on.
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
            const { file, version } = files[i] ?? {};
            if (!file) return;
            const { article } = result;
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
              ...(article ? { entry: toEntry(article, file, pool) } : {}),
              ...(result.problems.length > 0 ? { problems: result.problems } : {}),
              ...(result.list !== undefined ? { list: result.list } : {}),
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
    let reading = (delta ? early.get(object.key) : undefined) ?? deps.source.read(object.key, { maxBytes });
    for (;;) {
      try {
        return await reading;
      } catch (error) {
        if (error instanceof UnreadableObjectError) return { unreadable: error };
        if (!(error instanceof ObjectTooLargeError)) throw error;
        if (error.size > maxBytes || error.maxBytes >= maxBytes) return { tooLarge: error.size };
        reading = deps.source.read(object.key, { maxBytes }); // read ahead under a smaller bound than the site's
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
      const location = locateArticle(site, object.key);
      if (!location) return;
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
    const location = locateArticle(site, object.key);
    if (!location) return;
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

  // The records in key order: the manifest's with the reported keys' put in, or the sorted sources'
  // (sorting the map's keys again costs at 30k).
  const nextArticles = fromManifest ? withReportedRecords(articles, delta.previous.articles, delta.keys) : inListingOrder(sources, articles);
  // A run for reported keys has its shards to store now: they are encoded in its first wait on storage
  // (reading feeds, writing them), not after its last write.
  const storedBefore = stored;
  const shardsEarly =
    delta && keepState && !options.dryRun
      ? new Promise<EncodedShards | undefined>((resolve) =>
          setImmediate(() => {
            try {
              // Built from the manifest, the records differ from it only at the reported keys.
              resolve(encodeShards(nextArticles, storedBefore, fromManifest ? delta.keys : undefined));
            } catch {
              resolve(undefined); // encoded again, and thrown, where the manifest is written
            }
          }),
        )
      : undefined;
  // ...and written while it plans and renders: they are named by their bytes, and no head names them
  // before the run's last write (the previous manifest stays whole). Against S3 the run then ends with
  // one write after its feeds', the head, instead of two one after the other.
  const shardsWritten = shardsEarly?.then(async (early) => {
    const written = new Set<string>();
    await Promise.all(
      (early?.shardWrites ?? []).map(async (shard) => {
        await deps.state.write({ ...shard, ...MANIFEST_METADATA });
        written.add(shard.key);
      }),
    );
    return written;
  });
  if (shardsWritten !== undefined) {
    shardsWritten.catch(() => {}); // awaited where the manifest is written
    inFlight.push(shardsWritten);
  }
  // What the list pages say: sections (nested ones, drafts, titles), which also pick `:sections` permalinks.
  const sections = sectionsOf(site, articles, now);
  const entries: ArticleEntry[] = [];
  // A second config file that is not read (`config.toml` beside `hugo.toml`): its settings do not apply.
  // What only a listing finds: a run for reported keys repeats what the last full run found.
  const siteProblems: readonly Problem[] = delta
    ? (delta.previous.siteProblems ?? [])
    : [
        ...ignoredConfigWarnings(configListing.map((o) => o.key)),
        ...configWarnings,
        ...emptyLanguages,
        ...(listed?.problems ?? []),
        ...idNamespaceNotes(
          site,
          configFile,
          configListing.map((o) => o.key),
        ),
        ...feedImageNotes(site, configFile),
        ...multihostNotes(site, configFile),
      ];
  // About this run's state, not the site: reported by this run only (a run for reported keys has a readable one).
  const problems: Problem[] = [...siteProblems, ...stateNotes(stateRead, site)];
  /** Files rejected: no entry, an error. */
  let rejected = 0;
  for (const record of nextArticles.values()) {
    if (record.entry) entries.push(withCascade(site, withSectionUrl(site, record.entry, sections), sections));
    else if (record.problems?.some((p) => p.severity === 'error')) rejected++;
    if (record.problems) problems.push(...record.problems);
  }
  // A draft section's pages are left out with it, as Hugo does.
  const live =
    sections.drafts.size === 0
      ? entries
      : entries.filter((entry) => {
          const unpublished = draftSectionOf(site, entry, sections);
          if (unpublished === undefined) return true;
          // A page's own `_build` (`local` is set) is not replaced by the `_build` or `headless` its section cascades.
          if (unpublished.reason === 'not-listed' && entry.local !== undefined) return true;
          const why = {
            draft: 'that is a draft',
            future: 'not published yet',
            expired: 'that has expired',
            'not-listed': 'whose list page lists its pages nowhere',
          }[unpublished.reason];
          problems.push({
            file: entry.key,
            severity: 'info',
            rule: unpublished.reason,
            message: `in a section ${why} (${unpublished.key}): not in feeds, as in Hugo`,
          });
          return false;
        });
  // The moments the selection changes by itself: articles' and list pages' publication times.
  const selection = withListPageTimes(selectPublished(live, now), sections);
  for (const { entry, reason, duplicateOf } of selection.held) {
    const severity = reason === 'duplicate-id' ? 'warning' : 'info';
    problems.push({ file: entry.key, severity, rule: reason, message: holdMessage(reason, entry, site, duplicateOf) });
  }
  // Only what feeds list: a draft's spelling of a tag merges no feed, and a held page's link is no item's.
  problems.push(
    ...termCollisionProblems(site, selection.published),
    ...urlCollisionProblems(selection.published),
    ...translationKeyProblems(selection.published),
  );
  const plans = planFeeds(site, selection.published, sections, (dropped, holder) => problems.push(droppedFeedProblem(dropped, holder)));
  // What the published articles' ref/relref shortcodes name, this run: a link follows a page that moves.
  const references = resolveRefs(site, selection.published, plans);
  problems.push(...allLanguagesPathProblems(site, plans), ...references.problems);
  // An article left out as a copy of another's id is an author's error too: its own item never shows.
  const duplicates = selection.held.filter((h) => h.reason === 'duplicate-id').length;
  const withheld = options.strict === true && rejected + duplicates > 0 && !options.planOnly;
  if (options.planOnly || withheld) {
    return {
      trigger: options.trigger ?? 'manual',
      articles: articleCounts(pageCount - vanished, parsed, selection, rejected),
      feeds: plans.length,
      rendered: 0,
      written: [],
      deleted: [],
      unchanged: 0,
      invalidated: [],
      problems,
      ...(selection.nextChangeAt !== undefined ? { nextChangeAt: selection.nextChangeAt } : {}),
      ...(withheld ? { withheld } : {}),
    };
  }
  const alternates = translationIndex(site, selection.published);

  // Which feeds changed?
  // What is published now, with change tokens: a file is trusted to hold the bytes the manifest
  // records only when its token is the one feedpub got when writing it (else someone, or a run that
  // died or overlapped, changed it: its bytes are read and compared instead).
  const targetListing = delta ? recordedFiles(delta.previous) : new Map((await collect(deps.target.list(''))).map((o) => [o.key, o.version]));
  const published = publishedIndex(previous);
  const knownHash = (path: string): string | undefined => published.get(path)?.hash;
  const trusted = (path: string): boolean => {
    const record = published.get(path);
    if (!targetListing.has(path) || record === undefined) return false;
    return record.version === undefined || record.version === targetListing.get(path);
  };
  const formats = FORMAT_ORDER.filter((f) => site.feeds.formats.includes(f));
  const nextFeeds: Record<string, ManifestFeed> = {};
  const toRender: { plan: FeedPlan<ArticleEntry>; fingerprint: string }[] = [];
  // A run for reported keys fingerprints only the feeds those keys can have changed.
  const mayHaveChanged = delta && reusable ? affectedFeeds(site, delta.previous, delta.keys, articles, entries, now, sections) : undefined;
  for (const plan of plans) {
    const known = reusable?.feeds[plan.dir];
    const paths = formats.map((f) => plan.dir + feedFile(site, f));
    const kept = known !== undefined && paths.every((p) => known.files[p] !== undefined && trusted(p));
    if (kept && mayHaveChanged && !mayHaveChanged(plan)) {
      nextFeeds[plan.dir] = known;
      continue;
    }
    // A run that keeps no state and has nothing to compare with (a build without --state) needs none.
    const fingerprint = kept || keepState ? feedFingerprint(plan, alternates, references.resolved) : '';
    if (kept && known.fingerprint === fingerprint) nextFeeds[plan.dir] = known;
    else toRender.push({ plan, fingerprint });
  }

  // Items: every article a feed to render lists is prepared once (content derived, items serialized
  // and checked) wherever `compute` runs it. Content comes from this run's parse, else the feed's render
  // cache (the published JSON Feed), else a read.
  const wanted = new Map<string, { entry: ArticleEntry; multi: boolean; single: boolean }>();
  for (const { plan } of toRender) {
    for (const entry of plan.items) {
      const want = wanted.get(entry.key) ?? { entry, multi: false, single: false };
      if (plan.languageCode === undefined) want.multi = true;
      else want.single = true;
      wanted.set(entry.key, want);
    }
  }
  const previousTargets = previous?.refTargets;
  const sameTargets = (e: ArticleEntry): boolean => {
    if (e.refs === undefined) return true;
    const before = previousTargets !== undefined && Object.hasOwn(previousTargets, e.key) ? previousTargets[e.key] : undefined;
    return before !== undefined && before === references.targets.get(e.key);
  };
  /** Rendered content from the published feeds, by article key (not by hash: equal files at two paths render differently). */
  const cached = new Map<string, DerivedContent>();
  // A published item is found by its id: under an id two articles of the last run shared, it may be the other one's.
  const sharedIds = reusable ? idsSharedLastRun(reusable, delta && mayHaveChanged ? { keys: delta.keys, held: selection.held } : undefined) : new Set<string>();
  const unknown = (e: ArticleEntry): boolean => !sourcesKept.has(e.key) && !cached.has(e.key);
  const fragments = newFragmentCache();
  // Feeds are assembled from the fragments alone: keep only what the feed level needs of each item.
  const prepared = new Map<string, Pick<PreparedItem, 'failures'> & { readonly content: DerivedContent }>();
  /** The render items made so far, by article key (see `renderFeed`). */
  const renderItems = new Map<string, RenderItem & { readonly keys: FragmentKeys }>();
  /** How many feeds still to render list each article: its items are let go after the last one. */
  const uses = new Map<string, number>();
  for (const { plan } of toRender) for (const entry of plan.items) uses.set(entry.key, (uses.get(entry.key) ?? 0) + 1);

  /** Articles whose items some chunk has asked for (prepared, being prepared, or let go after their last feed). */
  const requested = new Set<string>();
  /** Prepares the items of `chunk`'s feeds not prepared yet; `handedOver` is called once they are in `compute`'s hands. */
  const prepareFor = async (chunk: readonly { plan: FeedPlan<ArticleEntry> }[], handedOver?: () => void): Promise<void> => {
    const need = new Map<string, { entry: ArticleEntry; multi: boolean; single: boolean }>();
    for (const { plan } of chunk) {
      for (const entry of plan.items) {
        const want = wanted.get(entry.key);
        if (want && !requested.has(entry.key)) {
          requested.add(entry.key);
          need.set(entry.key, want);
        }
      }
    }
    if (need.size === 0) return;
    // Not with ids that are URLs (`itemIds = "permalink"`): one passes from an article to another (a page
    // goes, another moves to its URL), so what is published under an id and URL may be another article's.
    if (reusable && site.feeds.itemIds !== 'permalink') {
      await mapLimit(
        chunk.filter(({ plan }) => plan.items.some((e) => need.has(e.key) && unknown(e))),
        Math.max(1, Math.floor(concurrency / 4)),
        async ({ plan }) => {
          checkLimits('while reading render caches');
          if (!plan.items.some(unknown)) return;
          const cache = await publishedContent(deps.target, plan.dir, published);
          for (const e of plan.items) {
            const hit = cache?.get(e.id);
            // Only an article this run did not parse is in its published feed as it is now, and only at the
            // same URL (its relative links were made absolute against it; a new list page can move it).
            // One with ref shortcodes only while they lead where they led then.
            if (hit && hit.url === toUri(e.url) && unknown(e) && !parsedKeys.has(e.key) && !sharedIds.has(e.id) && sameTargets(e)) {
              cached.set(e.key, hit.content);
            }
          }
        },
      );
    }
    const toReparse: ArticleFile[] = [];
    /**
     * Files read again that are the very bytes this run parsed: their bodies are cut at the offset parsing
     * found, where the item is prepared (a worker thread decodes them, not this one).
     */
    const reread = new Map<string, { source: { bytes: Uint8Array; bodyStart: number }; bodyLine: number }>();
    await mapLimit(
      [...need.values()].filter((w) => unknown(w.entry)),
      concurrency,
      async ({ entry }) => {
        // Over the limit now, it is not the file the record was made from.
        // Unreadable now (archived since, its key taken away): the full run reads it again, and rejects it.
        const bytes = await deps.source.read(entry.key, { maxBytes: site.feeds.maxArticleBytes }).catch((error: unknown) => {
          throw error instanceof ObjectTooLargeError || error instanceof UnreadableObjectError ? new SourceChangedError(entry.key) : error;
        });
        const location = locateArticle(site, entry.key);
        if (!location) return;
        // Gone, or other bytes than the record's: the record (title, dates, draft state) is out of date.
        if (!bytes) throw new SourceChangedError(entry.key);
        const hash = sha256(bytes);
        if (hash !== entry.hash) throw new SourceChangedError(entry.key);
        const at = bodyStarts.get(entry.key);
        if (at !== undefined) reread.set(entry.key, { source: { bytes, bodyStart: at.start }, bodyLine: at.line });
        else toReparse.push({ key: entry.key, bytes, hash, location });
      },
    );
    const reparsed = new Map<string, Article>();
    (await compute.parse(site, toReparse)).forEach((result, i) => {
      const key = toReparse[i]?.key;
      if (key !== undefined && result.article) reparsed.set(key, result.article);
    });
    const requests: PrepareRequest[] = [...need.values()].map(({ entry, multi, single }) => {
      const own = sourcesKept.get(entry.key);
      const again = own ? { source: { bytes: own.bytes, bodyStart: own.bodyStart }, bodyLine: own.bodyLine } : reread.get(entry.key);
      const body = reparsed.get(entry.key);
      const content = body || again ? undefined : (cached.get(entry.key) ?? NO_CONTENT);
      // A manifest's entry has no summary: the reparsed article gives it, or the cached content carries it.
      const summary = entry.summary ?? reparsed.get(entry.key)?.summary ?? '';
      const refs = references.resolved.get(entry.key);
      return {
        article: { ...entry, summary, body: body?.body ?? '', bodyLine: body?.bodyLine ?? again?.bodyLine ?? 0 },
        ...(again ? { source: again.source } : {}),
        ...(content ? { derived: content } : {}),
        ...(refs !== undefined ? { refs } : {}),
        alternates: alternates(entry),
        multi,
        single,
      };
    });
    checkLimits('while preparing items');
    const preparing = compute.prepare(site, requests);
    handedOver?.();
    const given = new Map(requests.map((r) => [r.article.key, r.article.summary]));
    for (const item of await preparing) {
      addFragments(fragments, item.fragments);
      const { image } = item.derived;
      // The summary feeds show: the front matter's, else the derived or cached one.
      const summary = given.get(item.key) || item.derived.summary;
      prepared.set(item.key, { failures: item.failures, content: { html: '', summary, ...(image !== undefined ? { image } : {}) } });
      for (const note of item.notes) problems.push({ file: item.key, severity: 'warning', ...note });
      sourcesKept.delete(item.key); // what was parsed is not needed any more
    }
  };

  /** Lets go of the items no feed still to render lists. */
  const release = (chunk: readonly { plan: FeedPlan<ArticleEntry> }[]): void => {
    for (const { plan } of chunk) {
      for (const entry of plan.items) {
        const left = (uses.get(entry.key) ?? 1) - 1;
        if (left > 0) {
          uses.set(entry.key, left);
          continue;
        }
        uses.delete(entry.key);
        prepared.delete(entry.key);
        const keys = renderItems.get(entry.key)?.keys ?? fragmentKeys(entry);
        renderItems.delete(entry.key);
        fragments.xml.delete(keys.rss);
        for (const key of keys.atom) fragments.xml.delete(key);
        for (const key of keys.json) fragments.json.delete(key);
      }
    }
  };

  // Write-ahead: before its first change to the published files, a run stores the manifest it started
  // from marked `unfinished`, with the paths it may create. If it dies half-way (a CDN, scheduler or
  // storage failure, its time or memory limit), the published files are no longer the ones the manifest
  // records: the next run, even one for reported keys, is then a full one (it lists and compares them),
  // and knows those paths are feedpub's. A run that changes nothing stores nothing ahead.
  let writingAhead: Promise<void> | undefined;
  const beforeFirstChange = (): Promise<void> => {
    if (!keepState || options.dryRun) return Promise.resolve();
    writingAhead ??= (async () => {
      const intents = previous?.intents ?? [];
      const newPaths = [...plans.flatMap((p) => formats.map((f) => p.dir + feedFile(site, f))), ...extras.map((e) => e.path)].filter(
        (path) => knownHash(path) === undefined,
      );
      const paths = [...new Set([...intents, ...newPaths])].sort();
      const ahead: Manifest = {
        ...(previous ?? { format: MANIFEST_FORMAT, configHash: '', articles: new Map(), feeds: {} }),
        ...(paths.length > 0 ? { intents: paths } : {}),
        unfinished: true,
      };
      stored = await writeManifest(deps.state, ahead, stored);
    })();
    return writingAhead;
  };
  const written: string[] = [];
  const deleted: string[] = [];
  /**
   * Files not written because they hold the bytes already, but whose copy is not the one the manifest
   * records: a run wrote it and failed before its manifest (at the invalidation, say), so no run has
   * invalidated it or told the hub yet. They are invalidated (and pinged) as if written.
   */
  const refreshed: string[] = [];
  /** Paths a run that died meant to create (the write-ahead): feedpub's, though no manifest records them. */
  const intended = new Set(previous?.intents ?? []);
  let unchanged = 0;
  /**
   * Writes the files whose bytes differ from the published copy, through the gate: a file that does
   * not pass is never published (the previous copy stays) and is reported against the article that
   * caused it. Returns the hashes to remember.
   */
  const publishAll = async (files: readonly OutputFile[], gate: (file: OutputFile) => GateResult | Promise<GateResult>) => {
    const hashes: Record<string, string> = {};
    /** Change tokens by path: the published copy's, or the write's (settled once the writes are). */
    const tokens = new Map<string, string | undefined | Promise<string | undefined>>();
    let gated = false;
    const writes: Promise<unknown>[] = [];
    try {
      for (const file of files) {
        // The hash is for the manifest and for comparing with a published copy: a one-off build into an
        // empty folder needs neither.
        const hash = keepState || targetListing.has(file.path) ? sha256(file.bytes ?? file.body) : '';
        const copy = await publishedCopy(deps.target, file, hash, trusted(file.path) ? knownHash(file.path) : undefined, targetListing);
        if (copy !== 'different') {
          hashes[file.path] = hash;
          tokens.set(file.path, targetListing.get(file.path));
          unchanged++;
          // Same bytes in a copy the manifest does not record (its token changed): when the path is
          // feedpub's (recorded, or meant to be created by a run that died), a failed run wrote it. Not
          // so on a first run over files published without a manifest: nothing to invalidate there.
          if (copy === 'same-untrusted' && (knownHash(file.path) !== undefined || intended.has(file.path))) refreshed.push(file.path);
          continue;
        }
        const { failures, culprit } = await gate(file);
        if (failures.length > 0) {
          gated = true;
          problems.push({
            file: culprit ?? file.path,
            severity: 'error',
            rule: 'output-invalid',
            message: `${file.path} would be invalid (${failures[0]}); the previous copy stays published`,
          });
          const known = knownHash(file.path);
          if (known !== undefined) hashes[file.path] = known;
          continue;
        }
        hashes[file.path] = hash;
        // The decisions (and problems) above go in file order; the writes go out together (a feed's three
        // files were three round trips one after the other).
        if (!options.dryRun) {
          await beforeFirstChange();
          const writing = write(deps.target, file).then((version) => version || undefined);
          writing.catch(() => {}); // settled below; a failure meanwhile is not an unhandled rejection
          writes.push(writing);
          tokens.set(file.path, writing);
        }
        written.push(file.path);
      }
    } finally {
      // Every write settles before the run goes on, or fails: none lands after the run is over (a
      // retry could read the feed before it, and keep a file that changes behind its back).
      await Promise.allSettled(writes);
    }
    const versions: Record<string, string> = {};
    for (const [path, token] of tokens) {
      const version = await token; // the first failed write, in file order, fails the run
      if (version !== undefined) versions[path] = version;
    }
    return { hashes, versions, gated };
  };
  const wholeFile = async (file: OutputFile): Promise<GateResult> => ({ failures: (await loadValidation()).validateOutput(file.path, file.body) });

  const renderFeed = async ({ plan, fingerprint }: { plan: FeedPlan<ArticleEntry>; fingerprint: string }): Promise<void> => {
    checkLimits('while rendering feeds');
    const { validateOutput, feedSkeletonProblems } = await loadValidation();
    const multi = plan.languageCode === undefined;
    const items: RenderItem[] = plan.items.map((entry) => {
      // One render item per article and run, shared by every feed that lists it (let go with its fragments).
      let item = renderItems.get(entry.key);
      if (item === undefined) {
        const content = prepared.get(entry.key)?.content ?? NO_CONTENT;
        item = {
          article: renderedArticle({ ...entry, summary: '', body: '', bodyLine: 0 }, content),
          html: content.html,
          alternates: alternates(entry),
          keys: fragmentKeys(entry),
        };
        renderItems.set(entry.key, item);
      }
      const { keys } = item;
      const missing = formats.find((f) => !(f === 'json' ? fragments.json : fragments.xml).has(keyIn(keys, f, multi)));
      if (missing !== undefined) throw new Error(`internal error: the ${missing} item of ${entry.key} was not prepared for ${plan.dir || '/'}`);
      return item;
    });
    const urls = Object.fromEntries(FORMAT_ORDER.map((f) => [f, absoluteUrl(site, plan.dir + feedFile(site, f))])) as Record<FeedFormat, string>;
    const input = (subset: readonly RenderItem[]): RenderInput => ({
      site,
      feed: { ...plan, items: subset.map((i) => i.article) },
      items: subset,
      feedId: feedId(site.feeds.idNamespace, plan.dir),
      urls,
      fragments,
      ...(site.feeds.hub !== undefined ? { hub: site.feeds.hub } : {}),
    });
    const { files, kept } = render(input(items));
    let gate: (file: OutputFile) => GateResult;
    if (options.render === undefined) {
      // feedpub's own serializers: the feed without items is checked here, each item was checked once
      // when prepared; together that is the whole file (see validateItemFragment).
      const skeleton = feedSkeletonProblems(input([]));
      gate = (file) => {
        const format = formatOfPath(site, file.path);
        const failures = [...(skeleton.get(file.path) ?? [])];
        let culprit: string | undefined;
        const ids = new Set<string>();
        for (const item of items.slice(0, kept)) {
          // The one rule across items: ids are unique (selection guarantees it; this keeps the gate
          // equal to a whole-file check).
          if (ids.has(item.article.id)) {
            culprit ??= item.article.key;
            failures.push(`item id ${item.article.id} is duplicated`);
          }
          ids.add(item.article.id);
          const bad = prepared.get(item.article.key)?.failures.filter((f) => f.format === format) ?? [];
          if (bad.length === 0) continue;
          culprit ??= item.article.key;
          failures.push(...bad.map((f) => `${f.format} item: ${f.message}`));
        }
        return { failures, ...(culprit !== undefined ? { culprit } : {}) };
      };
    } else {
      // Any other renderer is checked whole, and the culprit found by rendering items one by one.
      gate = (file) => {
        const failures = validateOutput(file.path, file.body);
        if (failures.length === 0) return { failures };
        const culprit = items.find((item) => render(input([item])).files.some((f) => f.path === file.path && validateOutput(f.path, f.body).length > 0))
          ?.article.key;
        return { failures, ...(culprit !== undefined ? { culprit } : {}) };
      };
    }
    const { hashes, versions, gated } = await publishAll(files, gate);
    nextFeeds[plan.dir] = { fingerprint: gated ? '' : fingerprint, files: hashes, versions };
  };
  // Feeds are rendered a chunk at a time, their items prepared just before and let go after the last feed
  // that lists them, so a large site never holds every item at once.
  for (const key of sourcesKept.keys()) if (!wanted.has(key)) sourcesKept.delete(key); // in no feed to render
  // The next chunks' items are prepared while this chunk's feeds are assembled and written: with worker
  // threads, both cores stay busy (in process, the two take turns on one thread).
  const chunkSize = Math.max(1, options.renderChunkFeeds ?? RENDER_CHUNK);
  const chunks: (typeof toRender)[] = [];
  // The first chunks are smaller, so that feeds start being written while the next items are prepared.
  for (let start = 0, size = Math.max(1, chunkSize >> 2); start < toRender.length; start += size, size = Math.min(chunkSize, size * 2)) {
    chunks.push(toRender.slice(start, start + size));
  }
  const lookahead = Math.max(1, options.prepareAheadChunks ?? PREPARE_AHEAD);
  const preparing: Promise<void>[] = [];
  const startPreparing = (index: number, handedOver?: () => void): void => {
    const chunk = chunks[index];
    if (chunk === undefined) {
      handedOver?.();
      return;
    }
    const done = prepareFor(chunk, handedOver);
    done.catch(() => {}); // awaited (and thrown) at its turn; not an unhandled rejection meanwhile
    if (handedOver) done.then(handedOver, handedOver);
    preparing[index] = done;
  };
  // The first items are read and handed over before anything else runs on this thread.
  await new Promise<void>((handedOver) => startPreparing(0, handedOver));

  // Meanwhile (the first items are being prepared, on a worker thread when there is one): the site-wide
  // extras. They depend only on the site config and the feeds' summaries: when neither changed and the
  // published files are the ones recorded, they are not rendered again.
  const summaries = summarizeFeeds(site, plans);
  const extrasFingerprint = sha256(JSON.stringify(summaries));
  const knownExtras = reusable?.feeds[SITE_EXTRAS];
  const extrasKept =
    knownExtras !== undefined &&
    knownExtras.fingerprint === extrasFingerprint &&
    Object.keys(knownExtras.files).length > 0 &&
    Object.keys(knownExtras.files).every(trusted)
      ? knownExtras
      : undefined;
  const extras = extrasKept ? [] : siteExtras(site, summaries);
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] ?? [];
    await preparing[i];
    delete preparing[i];
    for (let j = i + 1; j <= i + lookahead; j++) if (preparing[j] === undefined) startPreparing(j);
    await mapLimit(chunk, Math.max(1, Math.floor(concurrency / 4)), renderFeed);
    release(chunk);
  }
  sourcesKept.clear();

  // Site-wide extras for subscribers: the feed directory, OPML lists and discovery links.
  if (extrasKept) nextFeeds[SITE_EXTRAS] = extrasKept;
  else if (extras.length > 0) {
    const { hashes, versions, gated } = await publishAll(extras, wholeFile);
    nextFeeds[SITE_EXTRAS] = { fingerprint: gated ? '' : extrasFingerprint, files: hashes, versions };
  }

  // Feeds that no longer exist: remove what feedpub wrote for them.
  const planned = new Set([...plans.map((p) => p.dir), ...(extras.length > 0 || extrasKept ? [SITE_EXTRAS] : [])]);
  for (const [dir, feed] of Object.entries(previous?.feeds ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const stillWritten = planned.has(dir) ? new Set(Object.keys(nextFeeds[dir]?.files ?? {})) : new Set<string>();
    for (const path of Object.keys(feed.files)) {
      if (stillWritten.has(path) || !targetListing.has(path)) continue;
      if (!options.dryRun) {
        await beforeFirstChange();
        await deps.target.delete(path);
      }
      deleted.push(path);
    }
  }
  // Paths a run that died meant to create, and that no feed plans any more.
  const plannedPaths = new Set(Object.values(nextFeeds).flatMap((f) => Object.keys(f.files)));
  for (const path of previous?.intents ?? []) {
    if (plannedPaths.has(path) || deleted.includes(path) || !targetListing.has(path)) continue;
    if (!options.dryRun) {
      await beforeFirstChange();
      await deps.target.delete(path);
    }
    deleted.push(path);
  }

  if (previous === undefined) problems.push(...strayFeedFiles(targetListing.keys(), plannedPaths, site.rssFile));

  written.sort();
  deleted.sort();
  refreshed.sort();
  // Files feedpub recorded that are gone and no longer planned: a run that failed after deleting them
  // (before its manifest) has not invalidated them either.
  const goneUnseen = Object.values(previous?.feeds ?? {})
    .flatMap((feed) => Object.keys(feed.files))
    .filter((path) => !plannedPaths.has(path) && !targetListing.has(path) && !deleted.includes(path))
    .sort();
  const invalidated = [...written, ...deleted, ...refreshed, ...goneUnseen].map((p) => `/${p}`);
  let pendingPings: string[] = [];
  const reportBody = (): string => JSON.stringify({ problems }, null, 2);
  if (!options.dryRun) {
    if (invalidated.length > 0) await deps.cdn.invalidate(invalidated);
    // WebSub: ping the hub only once the new bytes are reachable, else it fetches the stale copy.
    // Pings not sent (the CDN did not confirm in time, the hub failed, the run's time ran out) are kept
    // in the manifest and sent again by the next run; none of that ever fails the run (the feeds are
    // published: readers that poll still get them).
    const changedFeeds = [...written, ...refreshed].filter((p) => formatOfPath(site, p) !== undefined).map((p) => absoluteUrl(site, p));
    const toPing = [...new Set([...(previous?.pendingPings ?? []), ...changedFeeds])].sort();
    const { hub } = deps;
    const hubUrl = site.feeds.hub;
    if (hub && hubUrl !== undefined && toPing.length > 0) {
      // The wait and the pings get what is left of the run's time, never more.
      const timeLeft = (): number | undefined => (limits.maxRunMs === undefined ? undefined : limits.maxRunMs - (deps.clock() - now));
      const keepPending = (rule: string, what: string, error: unknown, failed: readonly string[] = toPing): void => {
        pendingPings = [...failed].sort();
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({ file: '(site)', severity: 'warning', rule, message: `${what} (${reason}); the next run tries again` });
        deps.logger.warn(rule, { hub: hubUrl, feeds: failed.length, reason });
      };
      let live = true;
      const wait = deps.cdn.waitUntilLive?.bind(deps.cdn);
      if (invalidated.length > 0 && wait) {
        try {
          await withinTime(timeLeft(), wait, 'waiting for the CDN invalidation');
        } catch (error) {
          live = false;
          keepPending(
            'cdn-not-live',
            `the CDN did not confirm its invalidation, so the WebSub hub ${hubUrl} was not notified of ${toPing.length} feeds`,
            error,
          );
        }
      }
      if (live) {
        try {
          await withinTime(timeLeft(), (signal) => hub.publish(hubUrl, toPing, signal), 'the WebSub pings');
        } catch (error) {
          // A hub that took some notifications is sent only the others again (it would fetch those feeds
          // twice for nothing); when it is not known which went through (the time ran out), all of them.
          const failed = error instanceof HubError ? [...new Set(error.failures.map((f) => f.feedUrl))] : toPing;
          keepPending('hub-unreachable', `the WebSub hub ${hubUrl} could not be notified of ${failed.length} of ${toPing.length} feeds`, error, failed);
        }
      }
    }
    // After the writes, a wake-up that cannot be set fails nothing: the feeds are out, the hourly run
    // publishes a due post within the hour all the same, and the next run sets it again (an audit found a
    // refused schedule failing every run after it had published, each re-invalidating the whole site).
    let scheduled: Manifest['scheduled'];
    try {
      scheduled = await schedule(
        deps.scheduler,
        previous?.scheduled,
        selection.nextChangeAt,
        now,
        options.force === true || (options.refreshSchedule === true && selection.nextChangeAt !== undefined),
      );
    } catch (error) {
      scheduled = undefined; // not recorded as set: the next run sets it
      const reason = error instanceof Error ? error.message : String(error);
      const when = selection.nextChangeAt === undefined ? 'clear the wake-up' : `wake up at ${new Date(selection.nextChangeAt).toISOString()}`;
      problems.push({
        file: '(site)',
        severity: 'warning',
        rule: 'schedule-failed',
        message: `the wake-up for scheduled posts could not be set (to ${when}: ${reason}); the hourly run publishes them within the hour, and the next run tries again`,
      });
      deps.logger.warn('schedule-failed', { reason, ...(selection.nextChangeAt !== undefined ? { at: new Date(selection.nextChangeAt).toISOString() } : {}) });
    }
    const report = reportBody();
    const reportHash = sha256(report);
    if (deps.report && previous?.reportHash !== reportHash) {
      await deps.report.write({ key: REPORT_KEY, body: report, contentType: 'application/json; charset=utf-8', cacheControl: 'no-store' });
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      configHash,
      articles: nextArticles,
      feeds: recordFrom(Object.entries(nextFeeds).sort(([a], [b]) => (a < b ? -1 : 1))),
      ...(deps.report ? { reportHash } : {}),
      ...(references.targets.size > 0 ? { refTargets: recordFrom([...references.targets].sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
      ...(pendingPings.length > 0 ? { pendingPings } : {}),
      ...(scheduled !== undefined ? { scheduled } : {}),
      stableSelection: { since: selection.lastChangeAt ?? null, until: selection.nextChangeAt ?? null },
      ...(siteProblems.length > 0 ? { siteProblems } : {}),
      site,
      configSource,
    };
    if (keepState) {
      let kept: StoredManifest;
      try {
        kept = await writeManifest(deps.state, manifest, stored, await shardsEarly, await shardsWritten);
      } catch (error) {
        // Another run stored its manifest since this one read it (they overlapped): its records stand, but
        // the files this run wrote are not the ones they describe. Marked unfinished, with this run's paths
        // as feedpub's, the next run is a full one that repairs both; this one fails, to be retried.
        if (error instanceof WriteConflictError) await markUnfinished(deps.state, [...written, ...refreshed]);
        throw error;
      }
      // A run that died after writing a shard and before its head left a shard no head names (an event
      // run writes its shards early). A full run lists the shards and removes those (one listing).
      if (!delta) await removeUnnamedShards(deps.state, kept);
    }
  }

  return {
    trigger: options.trigger ?? 'manual',
    articles: articleCounts(pageCount - vanished, parsed, selection, rejected),
    feeds: plans.length,
    rendered: toRender.length,
    written,
    deleted,
    unchanged,
    invalidated: options.dryRun ? [] : invalidated,
    problems,
    ...(selection.nextChangeAt !== undefined ? { nextChangeAt: selection.nextChangeAt } : {}),
  };
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
