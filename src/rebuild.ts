import { configTooLarge, MAX_CONFIG_BYTES } from './config/config-size.js';
import { CONFIG_PREFIXES, feedpubSetting, ignoredConfigWarnings, isConfigKey } from './config/config-keys.js';
import { ConfigError, HubError, ObjectTooLargeError, RunLimitError, SourceChangedError, UnreadableObjectError, WriteConflictError } from './errors.js';
import {
  type ArticleEntry,
  decodeShard,
  type EncodedShards,
  encodeManifest,
  encodeShards,
  joinManifest,
  MANIFEST_FORMAT,
  MANIFEST_KEY,
  SHARD_PREFIX,
  openManifestHead,
  type Manifest,
  type ManifestArticle,
  type ManifestFeed,
  type ShardCache,
  type StoredManifest,
} from './manifest.js';
import { decodeLegacyHead, headFormat, isKnownFormat, type LegacyManifest, legacyStoredManifest } from './legacy-manifest.js';
import { type Article, type FeedFormat, type OutputFile, type Problem, type SiteConfig, timeZoneOf } from './model.js';
import {
  bundleHiddenFiles,
  isHomeListPage,
  isLeafIndex,
  isListPage,
  isMarkdownKey,
  listingProblems,
  listPageFeed,
  locateArticle,
  pageKeys,
} from './parse/pages.js';
import type { ResolvedRefs } from './parse/shortcodes.js';
import { tooLargeResult } from './parse/too-large.js';
import { StringPool } from './util/string-pool.js';
import { withinTime } from './util/within-time.js';
import { feedId, idNamespaceOf, keptIdNamespace } from './plan/ids.js';
import {
  allLanguagesPathProblems,
  cascadesLocal,
  droppedFeedProblem,
  draftSectionOf,
  type FeedPlan,
  feedDirsOf,
  planFeeds,
  type Sections,
  sectionKey,
  sectionOf,
  type Unpublished,
} from './plan/plan-feeds.js';
import { resolveRefs } from './plan/refs.js';
import { termCollisionProblems } from './plan/term-collision-problems.js';
import { translationKeyProblems } from './plan/translation-key-problems.js';
import { urlCollisionProblems } from './plan/url-collision-problems.js';
import { type HoldReason, type Selection, selectPublished } from './plan/select.js';
import { absoluteUrl, languagePrefix } from './plan/urls.js';
import { isFeedFileName } from './plan/slug.js';
import { deferredCompute } from './deferred-compute.js';
import type { ArticleFile, Cdn, Clock, Compute, Hub, Logger, Scheduler, Storage, StoredObject, WriteRequest } from './ports.js';
import type { DerivedContent } from './render/derive-content.js';
import { type FragmentKeys, fragmentKeys, keyIn, newFragmentCache } from './render/fragment-cache.js';
import { addFragments } from './render/add-fragments.js';
import type { PreparedItem, PrepareRequest } from './render/prepare-items.js';
import { renderedArticle } from './render/rendered-article.js';
import { FORMAT_FILE, FORMAT_ORDER, feedFile, formatOfPath, rssImageUrl, toUri } from './render/formats.js';
import { type RenderInput, type RenderItem, renderFeedFiles } from './render/render-feed.js';
import { type FeedSummary, renderDirectoryPages, renderDiscovery, renderOpml, summarizeFeeds } from './render/directory/index.js';
import { mapLimit } from './util/map-limit.js';
import { recordFrom } from './util/record.js';
import { loadValidation } from './validate/load-validation.js';
import { getOrInsert } from './get-or-insert.js';
import { sha256 } from './sha256.js';

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
 * Feed files (and OPML lists) in the output that a first run does not write: an earlier build's, or
 * another tool's (Hugo's taxonomy list feeds). feedpub deletes only what its own recorded runs wrote, so
 * these stay and keep serving their last items; one warning names them, so that whoever sees it can
 * delete them (a quick start's sample feeds beside a site's own were found that way).
 */
function strayFeedFiles(listed: Iterable<string>, planned: ReadonlySet<string>, rssFile: string | undefined): Problem[] {
  const stray = [...listed]
    .filter((path) => !planned.has(path) && (isFeedFileName(path.slice(path.lastIndexOf('/') + 1), rssFile) || path.endsWith('.opml')))
    .sort();
  if (stray.length === 0) return [];
  const named = stray.slice(0, 3).join(', ') + (stray.length > 3 ? `, … (${stray.length - 3} more)` : '');
  return [
    {
      file: stray[0] as string,
      severity: 'warning',
      rule: 'stray-feed-files',
      message: `the output holds ${stray.length} feed file${stray.length === 1 ? '' : 's'} this run does not write (${named}), left in place: feedpub deletes only what runs it recorded wrote (a local build with --state); delete them if an earlier build left them, or subscribers keep reading them`,
    },
  ];
}

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

/** How the manifest's parts are stored. */
const MANIFEST_METADATA = { contentType: 'application/gzip', cacheControl: 'no-store' } as const;

/** The distinct content folders, none nested in another (so nothing is listed twice). */
function contentPrefixes(site: SiteConfig): string[] {
  const dirs = [...new Set(site.languages.map((l) => (l.contentDir === '' ? '' : `${l.contentDir}/`)))].sort();
  return dirs.filter((d) => !dirs.some((other) => other !== d && d.startsWith(other)));
}

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

/** A wake-up this close (or closer) is always set again: the schedule may be firing, or have fired early. */
export const RESCHEDULE_WITHIN_MS = 2 * 60_000;

/**
 * Sets the wake-up for the next scheduled post or expiry, unless the last run already set this very time
 * on this very schedule (what the manifest recorded), it is more than {@link RESCHEDULE_WITHIN_MS} away,
 * and the run is not forced: most runs change no schedule, and need not call the scheduler's API (nor
 * load its client). Returns what to record, or undefined when the scheduler has no id.
 */
async function schedule(
  scheduler: Scheduler | undefined,
  last: Manifest['scheduled'],
  nextChangeAt: number | undefined,
  now: number,
  force: boolean,
): Promise<Manifest['scheduled']> {
  if (scheduler === undefined) return undefined;
  const at = nextChangeAt ?? null;
  const setBefore = scheduler.id !== undefined && last?.id === scheduler.id && last.at === at;
  const unchanged = setBefore && (at === null || at - now > RESCHEDULE_WITHIN_MS);
  if (force || !unchanged) await scheduler.scheduleAt(nextChangeAt, { setBefore });
  return scheduler.id === undefined ? undefined : { id: scheduler.id, at };
}

/**
 * Whether a reported key makes the run a full one: a config file; a bundle's index (coming or going, it
 * turns the folder's other files into resources or back into pages); a list page (a section's names its
 * feed: rare edits, a full run re-plans every feed).
 */
function makesFullRun(key: string): boolean {
  return isConfigKey(key) || isLeafIndex(key) || isListPage(key);
}

/** The manifest's name for the site-wide extras (not a folder, so it never clashes with a feed). */
const SITE_EXTRAS = '@site';

function siteExtras(site: SiteConfig, summaries: readonly FeedSummary[]): OutputFile[] {
  return [
    ...(site.feeds.directory ? renderDirectoryPages(site, summaries) : []),
    ...(site.feeds.opml ? renderOpml(site, summaries) : []),
    ...(site.feeds.directory ? [renderDiscovery(site, summaries)] : []),
  ];
}

/** The reported keys that are pages, in key order, with the change tokens the event gave. */
function reportedPages(
  site: SiteConfig,
  known: ReadonlyMap<string, ManifestArticle>,
  keys: ReadonlySet<string>,
  versions?: ReadonlyMap<string, string>,
): StoredObject[] {
  // The manifest's keys are pages, in key order, and stay pages: only a leaf bundle's index (never a
  // run for reported keys) makes files into resources. A reported key is a page by the same rule as in
  // a listing, against the bundles the manifest knows.
  const bundleIndexes: string[] = [];
  for (const key of known.keys()) if (key.includes('index.') && isLeafIndex(key)) bundleIndexes.push(key);
  const pages = new Set(pageKeys(site, [...bundleIndexes, ...keys]));
  return [...keys]
    .filter((key) => pages.has(key))
    .sort()
    .map((key) => {
      // No size: the event's may be an older upload's; the read is bounded instead.
      const version = versions?.get(key);
      return version !== undefined ? { key, version } : { key };
    });
}

/** The listing a run for reported keys stands in for: the manifest's pages but the reported keys, and the reported pages, in key order. */
function withReported(known: ReadonlyMap<string, ManifestArticle>, keys: ReadonlySet<string>, reported: readonly StoredObject[]): StoredObject[] {
  const listing: StoredObject[] = [];
  let next = 0;
  for (const [key, { version }] of known) {
    for (let page = reported[next]; page !== undefined && page.key < key; page = reported[++next]) listing.push(page);
    if (!keys.has(key)) listing.push(version !== undefined ? { key, size: 0, version } : { key, size: 0 });
  }
  listing.push(...reported.slice(next));
  return listing;
}

/**
 * The run's records, started as a copy of the manifest's, once the reported keys are read: a reported key
 * that still has its old record (gone, or no page any more) leaves; new pages, which went in last, are
 * moved to their place in key order. One copy of the records, not two: each was ~30 ms at 30,000 in a
 * fresh process.
 */
function withReportedRecords(
  articles: Map<string, ManifestArticle>,
  known: ReadonlyMap<string, ManifestArticle>,
  keys: ReadonlySet<string>,
): Map<string, ManifestArticle> {
  const added: string[] = [];
  for (const key of keys) {
    const record = articles.get(key);
    if (record === undefined) continue;
    const old = known.get(key);
    if (record === old) articles.delete(key);
    else if (old === undefined) added.push(key);
  }
  if (added.length === 0) return articles;
  added.sort();
  const news = new Set(added);
  const merged = new Map<string, ManifestArticle>();
  let next = 0;
  for (const [key, record] of articles) {
    if (news.has(key)) continue;
    for (let page = added[next]; page !== undefined && page < key; page = added[++next]) merged.set(page, articles.get(page) as ManifestArticle);
    merged.set(key, record);
  }
  for (const page of added.slice(next)) merged.set(page, articles.get(page) as ManifestArticle);
  return merged;
}

/** The records of the listed keys, in listing order (key order), each once. */
function inListingOrder(sources: readonly StoredObject[], articles: ReadonlyMap<string, ManifestArticle>): Map<string, ManifestArticle> {
  const records = new Map<string, ManifestArticle>();
  for (const { key } of sources) {
    const record = articles.get(key);
    if (record) records.set(key, record);
  }
  return records;
}

/** Markdown files listed between two calls of `listSources`' `listed`. */
const LISTED_STEP = 500;

/**
 * The content pages of a full run, listed, in key order. `listed` is told how many Markdown files have
 * been listed so far, every {@link LISTED_STEP}.
 */
async function listSources(
  site: SiteConfig,
  source: Storage,
  listed?: (markdownFiles: number) => void,
): Promise<{ readonly sources: StoredObject[]; readonly problems: Problem[] }> {
  let markdown = 0;
  const list = async (prefix: string): Promise<StoredObject[]> => {
    const out: StoredObject[] = [];
    for await (const o of source.list(prefix)) {
      out.push(o);
      if (listed !== undefined && isMarkdownKey(o.key) && ++markdown % LISTED_STEP === 0) listed(markdown);
    }
    return out;
  };
  const listing = (await Promise.all(contentPrefixes(site).map(list))).flat();
  const keys = listing.map((o) => o.key);
  const pages = new Set(pageKeys(site, keys));
  return {
    sources: listing.filter((o) => pages.has(o.key)).sort(byKey),
    problems: listingProblems(site, keys, pages, await datedHiddenFiles(site, source, bundleHiddenFiles(site, keys, pages), listing)),
  };
}

/** Hidden files of a leaf bundle read to find one with a date (`bundle-hides-pages`): the first few of each. */
const DATED_READS_PER_BUNDLE = 5;

/**
 * The Markdown files leaf bundles hide (`bundleHiddenFiles`) whose front matter has a date, like an
 * article's: of each bundle, the first found among its first {@link DATED_READS_PER_BUNDLE}.
 */
async function datedHiddenFiles(
  site: SiteConfig,
  source: Storage,
  hidden: ReadonlyMap<string, readonly string[]>,
  listing: readonly StoredObject[],
): Promise<Set<string>> {
  const dated = new Set<string>();
  if (hidden.size === 0) return dated;
  const { hasFrontMatterDate } = await import('./parse/front-matter-date.js');
  // A file over the article size limit is not read (it would not be parsed as an article either).
  const sizes = new Map(listing.map((o) => [o.key, o.size]));
  const readable = (key: string): boolean => (sizes.get(key) ?? 0) <= site.feeds.maxArticleBytes;
  await mapLimit([...hidden.values()], 8, async (files) => {
    for (const key of files.filter(readable).slice(0, DATED_READS_PER_BUNDLE)) {
      // Bounded, and a file the storage will not give (archived, another key) or that is over the limit
      // counts as undated: only a warning's wording depends on it, never a run.
      const bytes = await source.read(key, { maxBytes: site.feeds.maxArticleBytes }).catch((error: unknown) => {
        if (error instanceof UnreadableObjectError || error instanceof ObjectTooLargeError) return undefined;
        throw error;
      });
      if (bytes !== undefined && hasFrontMatterDate(site, bytes)) {
        dated.add(key);
        return;
      }
    }
  });
  return dated;
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

/** The rules of the warnings the config files give when read (see `loadSiteConfigWithWarnings`). */
const CONFIG_FILE_RULES: ReadonlySet<string> = new Set(['config-overridden']);

async function readSite(
  source: Storage,
  listing: readonly StoredObject[],
  baseURL: string | undefined,
): Promise<{ readonly site: SiteConfig; readonly warnings: readonly Problem[] }> {
  const texts = new Map<string, string>();
  for (const object of listing.filter((o) => isConfigKey(o.key)).sort(byKey)) {
    // Bounded: an upload named hugo.toml can be anything, and is not read whole to find out.
    const bytes = await source.read(object.key, { maxBytes: MAX_CONFIG_BYTES }).catch((error: unknown) => {
      throw error instanceof ObjectTooLargeError ? configTooLarge(object.key) : error;
    });
    if (bytes) texts.set(object.key, new TextDecoder().decode(bytes));
  }
  // Loaded here: a run that takes the config from the manifest never needs its parsers.
  const { loadSiteConfigWithWarnings } = await import('./site.js');
  return loadSiteConfigWithWarnings(texts, baseURL !== undefined ? { baseURL } : {});
}

/** The state as a run finds it: the stored manifest (none on a first run), or what it could not read. */
export interface StateRead {
  /** The manifest, or the one made from an older feedpub's state (`legacyStoredManifest`). */
  readonly stored?: StoredManifest;
  /** Set when `stored` was made from an older feedpub's state: what was read of it. */
  readonly legacy?: LegacyManifest;
  /** Set when there is a head this version cannot read (damaged, or of a format it does not know). */
  readonly unreadable?: { readonly format?: string };
}

/**
 * Reads the manifest: the head, then its shards in parallel (those `cache` holds are not read again).
 * Anything missing or unreadable gives undefined (a full run follows); an older feedpub's state gives
 * the manifest made of what a run takes from it (its id namespace and published files).
 *
 * @example const stored = await readManifest(deps.state); stored?.manifest.articles
 */
export async function readManifest(state: Storage, cache?: ShardCache): Promise<StoredManifest | undefined> {
  return (await readState(state, cache)).stored;
}

/**
 * {@link readManifest}, saying also when a head was found that this version cannot read.
 *
 * @example const { stored, unreadable } = await readState(deps.state);
 */
export async function readState(state: Storage, cache?: ShardCache): Promise<StateRead> {
  // With its change token where the store gives one: the next head is written only over it.
  const read = state.readVersioned ? await state.readVersioned(MANIFEST_KEY) : { bytes: await state.read(MANIFEST_KEY), version: undefined };
  const headBytes = read?.bytes;
  if (!headBytes) return {};
  const withVersion = (stored: StoredManifest): StateRead => ({ stored: read?.version !== undefined ? { ...stored, version: read.version } : stored });
  // A head of a format some feedpub reads that does not read is damaged: its format is not the reason.
  const unreadable = (): StateRead => {
    const format = headFormat(headBytes);
    return { unreadable: format !== undefined && !isKnownFormat(format) ? { format } : {} };
  };
  const opened = openManifestHead(headBytes);
  if (!opened) {
    const legacy = decodeLegacyHead(headBytes);
    return legacy ? { stored: legacyStoredManifest(headBytes, legacy, read?.version), legacy } : unreadable();
  }
  const reading = opened.articleShards.map(async (name): Promise<ReadonlyMap<string, ManifestArticle> | undefined> => {
    if (name === '') return new Map<string, ManifestArticle>();
    const known = cache?.get(name);
    if (known) return known;
    const bytes = await state.read(name);
    const records = bytes ? decodeShard(bytes) : undefined;
    if (records) cache?.set(name, records);
    return records;
  });
  for (const shard of reading) shard.catch(() => {}); // awaited below; not unhandled meanwhile
  // The rest of the head is decoded while the shards are on their way (after a turn that sends them).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const head = opened.rest();
  const shards = await Promise.all(reading);
  if (!head) return unreadable();
  if (cache) {
    const named = new Set(head.articleShards);
    for (const name of cache.keys()) if (!named.has(name)) cache.delete(name);
  }
  if (shards.every((records) => records !== undefined)) return withVersion(joinManifest(headBytes, head, shards));
  // A shard the head names is gone or unreadable (two runs overlapped, and one removed a shard the other's
  // head names; a hand edit). The rest of the head still holds (the published files, the id namespace, the
  // pings and wake-up to keep): the manifest is read without those articles, as unfinished, so the next
  // run is a full one that reads and parses them again.
  const joined = joinManifest(
    headBytes,
    { ...head, articleShards: head.articleShards.map((name, i) => (shards[i] === undefined ? '' : name)) },
    shards.map((records) => records ?? new Map<string, ManifestArticle>()),
  );
  // No head bytes: the next head is written whatever it holds (the same articles parsed again encode the
  // very shard that went missing, under its old name, in a head that would otherwise look unchanged).
  return withVersion({ ...joined, head: new Uint8Array(0), manifest: { ...joined.manifest, unfinished: true } });
}

/**
 * Stores the manifest: changed shards, then the head, last (a run that dies before it leaves the
 * previous manifest whole: shard names are content-addressed), then removes the shards only the
 * previous head named. Writes nothing when the head did not change.
 *
 * @example stored = await writeManifest(deps.state, manifest, stored);
 */
export async function writeManifest(
  state: Storage,
  manifest: Manifest,
  previous: StoredManifest | undefined,
  early?: EncodedShards,
  written?: ReadonlySet<string>,
): Promise<StoredManifest> {
  const { shardWrites, head, deletes, stored } = encodeManifest(manifest, previous, early);
  if (head === undefined) return stored;
  await Promise.all(shardWrites.filter((shard) => !written?.has(shard.key)).map((shard) => state.write({ ...shard, ...MANIFEST_METADATA })));
  // Only over the head this run read: a run that overlapped another and lost gets a WriteConflictError
  // (and removes no shard the winner's head may name). A head read from a store without change tokens is
  // replaced as it is. A first run (no head read) creates the head only if there is none: of two first
  // runs at once (a CLI rebuild and the function), the second to write gets the WriteConflictError.
  const request: WriteRequest = { key: MANIFEST_KEY, body: head, ...MANIFEST_METADATA };
  let version: string | undefined;
  if (previous !== undefined) {
    version = await state.write(previous.version !== undefined ? { ...request, ifVersion: previous.version } : request);
  } else {
    try {
      version = await state.write({ ...request, ifVersion: null });
    } catch (error) {
      // A head this version cannot read (a format it does not know, damaged) reads as none: it is replaced,
      // only over the bytes just found where the store has change tokens. One that reads is another run's,
      // which won. (An older feedpub's head is read as a manifest, `legacyStoredManifest`: a run that found
      // one writes over it above, with its change token.)
      if (!(error instanceof WriteConflictError)) throw error;
      const found = state.readVersioned ? await state.readVersioned(MANIFEST_KEY) : { bytes: await state.read(MANIFEST_KEY), version: undefined };
      if (found?.bytes === undefined || openManifestHead(found.bytes)?.rest() !== undefined) throw error;
      version = await state.write(found.version !== undefined ? { ...request, ifVersion: found.version } : request);
    }
  }
  for (const key of deletes) await state.delete(key);
  return version ? { ...stored, version } : stored;
}

/**
 * Marks the stored manifest unfinished, adding `paths` to its write-ahead intents and setting `fields`
 * (conditionally: another run writing it meanwhile is read again, up to three times; `stored`, when the
 * caller has just read it, saves the first read). Nothing when there is none to mark.
 */
async function markUnfinished(state: Storage, paths: readonly string[], fields: Pick<Manifest, 'reportHash'> = {}, stored?: StoredManifest): Promise<void> {
  let current = stored;
  for (let attempt = 0; attempt < 3; attempt++) {
    current ??= await readManifest(state);
    if (current === undefined) return;
    const intents = [...new Set([...(current.manifest.intents ?? []), ...paths])].sort();
    try {
      await writeManifest(state, { ...current.manifest, ...fields, unfinished: true, ...(intents.length > 0 ? { intents } : {}) }, current);
      return;
    } catch (error) {
      if (!(error instanceof WriteConflictError)) throw error;
      current = undefined;
    }
  }
}

/** Removes the article shards the stored head does not name (left by runs that died before their head). */
async function removeUnnamedShards(state: Storage, stored: StoredManifest): Promise<void> {
  const named = new Set(stored.shards.map((shard) => shard.name));
  for (const object of await collect(state.list(SHARD_PREFIX))) if (!named.has(object.key)) await state.delete(object.key);
}

/** The published files as the manifest recorded them (path → change token), standing in for a listing. */
function recordedFiles(manifest: Manifest): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>();
  for (const feed of Object.values(manifest.feeds)) {
    for (const path of Object.keys(feed.files)) files.set(path, feed.versions?.[path]);
  }
  return files;
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

/**
 * In a run for the reported `keys`: a test for the feeds whose plan can differ from the last run's, or
 * undefined when any can (archive pages; a post that went live or expired by itself since, or before: a
 * clock set back; a manifest that does not say when that happens). Otherwise a feed's plan changes only
 * through the reported articles (as they were and as they are: what they were a member of, what they are
 * now), the articles that share an id with one of them (which of those is held back can change), and the
 * translations of any of these (an item's alternates). Its folder or one of its items then says so.
 */
function affectedFeeds(
  site: SiteConfig,
  previous: Manifest,
  keys: ReadonlySet<string>,
  articles: ReadonlyMap<string, ManifestArticle>,
  entries: readonly ArticleEntry[],
  now: number,
  sections: Sections,
): ((plan: FeedPlan<ArticleEntry>) => boolean) | undefined {
  const stable = previous.stableSelection;
  if (site.feeds.archives || stable === undefined) return undefined;
  if ((stable.since !== null && now < stable.since) || (stable.until !== null && now >= stable.until)) return undefined;
  const touched: ArticleEntry[] = [];
  for (const key of keys) {
    for (const entry of [previous.articles.get(key)?.entry, articles.get(key)?.entry]) if (entry) touched.push(entry);
  }
  const ids = new Set(touched.map((e) => e.id));
  for (const entry of entries) if (ids.has(entry.id)) touched.push(entry);
  const dirs = new Set(touched.flatMap((e) => feedDirsOf(site, e, sections)));
  const translations = new Set(touched.map((e) => e.translationKey));
  // An article with ref shortcodes may link one of them (its feeds' fingerprints then tell).
  return (plan) => dirs.has(plan.dir) || plan.items.some((e) => translations.has(e.translationKey) || e.refs !== undefined);
}

/**
 * The ids two articles of the last run shared (one published, one held as a duplicate or not live yet):
 * the item published under such an id may be the other article's, so neither is taken from the render
 * cache. A run for reported keys while no post went live or expired by itself (`event`) finds them without
 * a pass over every article: an unchanged article sharing an id with the one whose item is published is
 * then either held now (both still there) or shares it with a reported key (the other one changed or went).
 */
function idsSharedLastRun(
  previous: Manifest,
  event: { readonly keys: ReadonlySet<string>; readonly held: Selection<ArticleEntry>['held'] } | undefined,
): Set<string> {
  const shared = new Set<string>();
  if (event) {
    for (const { entry, reason } of event.held) if (reason === 'duplicate-id') shared.add(entry.id);
    for (const key of event.keys) {
      const id = previous.articles.get(key)?.entry?.id;
      if (id !== undefined) shared.add(id);
    }
    return shared;
  }
  const seen = new Set<string>();
  for (const record of previous.articles.values()) {
    const id = record.entry?.id;
    if (id === undefined) continue;
    if (seen.has(id)) shared.add(id);
    else seen.add(id);
  }
  return shared;
}

/**
 * The entry with the permalink its section makes, when its section's permalink uses `:sections`: Hugo's
 * `:sections` is the path of the page's section (the top folder, or the deepest nested section above the
 * page), not of every folder it sits in (`blog/2024/a.md` with `blog = "/:sections/:slug/"` is `blog/a/`).
 */
function withSectionUrl(site: SiteConfig, entry: ArticleEntry, sections: Sections): ArticleEntry {
  if (entry.sectionUrls === undefined) return entry;
  const depth = sectionOf(site, entry, sections).split('/').length;
  const url = entry.sectionUrls?.[depth - 1] ?? entry.url;
  if (url === entry.url) return entry;
  // A front matter image given relative to the page was made absolute against the other URL; an id that
  // is the page's URL (`itemIds = "permalink"`) follows it.
  const { image, id } = entry;
  return {
    ...entry,
    url,
    ...(image?.startsWith(entry.url) ? { image: url + image.slice(entry.url.length) } : {}),
    ...(site.feeds.itemIds === 'permalink' && id === toUri(entry.url) ? { id: toUri(url) } : {}),
  };
}

/** The entry as its sections' list pages' `cascade` makes it: listed locally (`_build.list: local`) when one says so. */
function withCascade(site: SiteConfig, entry: ArticleEntry, sections: Sections): ArticleEntry {
  return entry.local !== undefined || !cascadesLocal(site, entry, sections) ? entry : { ...entry, local: true };
}

/**
 * What the site's list pages say of its feeds: the nested sections (a folder below a top folder with its
 * own `_index.md`) and the titles of sections, terms and languages' home pages ('' from a list page without one). A term's list
 * page (`tags/go/_index.md`) titles the term whose slug its folder is, and makes no section. Where two
 * files speak for one feed (`_index.md` and `_index.markdown`), the first key wins.
 */
function sectionsOf(
  site: SiteConfig,
  articles: ReadonlyMap<string, ManifestArticle>,
  now: number,
): Sections & { nextChangeAt?: number; lastChangeAt?: number } {
  const nested = new Set<string>();
  const titles = new Map<string, string>();
  const hidden = new Set<string>();
  const drafts = new Map<string, Unpublished>();
  const dirs = new Map<string, string>();
  const locals = new Map<string, boolean>();
  let next = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const listPages = [...articles.keys()].filter((key) => key.includes('_index') && isListPage(key)).sort();
  for (const key of listPages) {
    const location = locateArticle(site, key);
    if (location !== undefined && isHomeListPage(location.relPath)) {
      // The home page's list page titles its language's feed only (its other fields are not read).
      const id = sectionKey(location.lang.key, '');
      if (!titles.has(id)) titles.set(id, articles.get(key)?.list?.title ?? '');
      continue;
    }
    const feed = location && listPageFeed(site, location.relPath, location.lang);
    if (!location || !feed) continue;
    const { path, term } = feed;
    const id = sectionKey(location.lang.key, path);
    if (!term && path.includes('/')) nested.add(id);
    if (titles.has(id)) continue;
    // As in Hugo, a list page without a title leaves its section untitled (not named after its folder).
    const list = articles.get(key)?.list;
    titles.set(id, list?.title ?? '');
    if (list?.url !== undefined) dirs.set(id, list.url);
    // Publication times, as for articles: the section appears or goes at them (and the run is scheduled).
    for (const at of [list?.publishAt, list?.expiresAt]) {
      if (at === undefined) continue;
      if (at > now) next = Math.min(next, at);
      else last = Math.max(last, at);
    }
    const reason = list?.draft
      ? 'draft'
      : list?.publishAt !== undefined && list.publishAt > now
        ? 'future'
        : list?.expiresAt !== undefined && list.expiresAt <= now
          ? 'expired'
          : undefined;
    if (list?.hidden !== undefined || reason !== undefined) hidden.add(id);
    if (reason !== undefined && !term) drafts.set(id, { key, reason });
    // Its `cascade` lists its pages nowhere: they stay out of every feed, and the section keeps none.
    else if (list?.unlisted !== undefined && !term) drafts.set(id, { key, reason: 'not-listed' });
    else if (list?.local !== undefined && !term) locals.set(id, list.local);
  }
  return {
    nested,
    titles,
    hidden,
    drafts,
    ...(dirs.size > 0 ? { dirs } : {}),
    ...(locals.size > 0 ? { locals } : {}),
    ...(Number.isFinite(next) ? { nextChangeAt: next } : {}),
    ...(Number.isFinite(last) ? { lastChangeAt: last } : {}),
  };
}

/**
 * Throws a ConfigError when a language's content folder lies outside `prefix`: a deployment may read,
 * and is notified of, only what is under its content prefix, so such a folder would fail every run.
 */
function checkContentPrefix(site: SiteConfig, prefix: string): void {
  for (const language of site.languages) {
    const dir = language.contentDir === '' ? '' : `${language.contentDir}/`;
    if (dir.startsWith(prefix)) continue;
    const key = site.languages.length > 1 ? `languages.${language.key}.contentDir` : 'contentDir';
    throw new ConfigError(
      key,
      `"${language.contentDir || '.'}" is outside ${prefix}, the only folder this deployment reads and is notified of (its contentPrefix): move the content there, or deploy with that prefix`,
    );
  }
}

/** A selection whose change times also count the list pages' (a section going live or expiring). */
function withListPageTimes<T>(selection: Selection<T>, times: { nextChangeAt?: number; lastChangeAt?: number }): Selection<T> {
  const next = Math.min(selection.nextChangeAt ?? Number.POSITIVE_INFINITY, times.nextChangeAt ?? Number.POSITIVE_INFINITY);
  const last = Math.max(selection.lastChangeAt ?? Number.NEGATIVE_INFINITY, times.lastChangeAt ?? Number.NEGATIVE_INFINITY);
  const { nextChangeAt: _next, lastChangeAt: _last, ...rest } = selection;
  return { ...rest, ...(Number.isFinite(next) ? { nextChangeAt: next } : {}), ...(Number.isFinite(last) ? { lastChangeAt: last } : {}) };
}

/** Everything that shapes a feed's bytes besides the site config (covered by the config hash). */
function feedFingerprint(
  plan: FeedPlan<ArticleEntry>,
  alternates: (e: ArticleEntry) => RenderItem['alternates'],
  refs: ReadonlyMap<string, ResolvedRefs>,
): string {
  const { items, ...head } = plan;
  // The URL too: a new list page can move an article (`:sections`) without a change to its file; and
  // where its ref shortcodes lead, which moves with other pages.
  const item = (e: ArticleEntry): unknown[] => {
    const resolved = refs.get(e.key);
    return resolved === undefined ? [e.key, e.hash, e.url, alternates(e)] : [e.key, e.hash, e.url, alternates(e), [...resolved]];
  };
  return sha256(JSON.stringify({ head, items: items.map(item) }));
}

/**
 * Translations: for each entry, the entries in other languages that share its translation key, as
 * Atom `hreflang` alternates sorted by hreflang. One per language code (RFC 4287 §4.1.1: an entry has at
 * most one alternate link per type and hreflang; the W3C validator's DuplicateAtomLink): of several
 * translations with one code (two pages of a language share a key, or two language keys share a
 * `languageCode`), the first by page key; none with the entry's own code (its own link is that
 * language's). Codes are compared case-insensitively, as BCP 47 tags are.
 */
function translationIndex(site: SiteConfig, published: readonly ArticleEntry[]): (e: ArticleEntry) => RenderItem['alternates'] {
  const groups = new Map<string, ArticleEntry[]>();
  const newGroup = (): ArticleEntry[] => [];
  for (const e of published) {
    getOrInsert(groups, e.translationKey, newGroup).push(e);
  }
  // By page key, so which of two translations with one code is linked never depends on listing order.
  for (const group of groups.values()) if (group.length > 1) group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const codes = new Map(site.languages.map((l) => [l.key, l.code]));
  const codeOf = (e: ArticleEntry): string => codes.get(e.lang) ?? e.lang;
  // Asked once per item of every feed (1,700 feeds at 30k): most articles have no translation.
  const none: RenderItem['alternates'] = [];
  const known = new Map<ArticleEntry, RenderItem['alternates']>();
  return (entry) => {
    const group = groups.get(entry.translationKey);
    if (!group || group.length < 2) return none;
    let alternates = known.get(entry);
    if (alternates === undefined) {
      const taken = new Set([codeOf(entry).toLowerCase()]);
      const found: { hreflang: string; href: string }[] = [];
      for (const e of group) {
        const hreflang = codeOf(e);
        if (e.lang === entry.lang || taken.has(hreflang.toLowerCase())) continue;
        taken.add(hreflang.toLowerCase());
        found.push({ hreflang, href: e.url });
      }
      alternates = found.length === 0 ? none : found.sort((a, b) => (a.hreflang < b.hreflang ? -1 : a.hreflang > b.hreflang ? 1 : 0));
      known.set(entry, alternates);
    }
    return alternates;
  };
}

/** What the manifest records of each published path: its sha256 and change token, by path. */
type PublishedIndex = ReadonlyMap<string, { readonly hash: string; readonly version?: string }>;

function publishedIndex(previous: Manifest | undefined): PublishedIndex {
  const index = new Map<string, { hash: string; version?: string }>();
  for (const feed of Object.values(previous?.feeds ?? {})) {
    for (const [path, hash] of Object.entries(feed.files)) {
      const version = feed.versions?.[path];
      index.set(path, version === undefined ? { hash } : { hash, version });
    }
  }
  return index;
}

/**
 * How the published file compares with these bytes: by the trusted hash when there is one (`same` or
 * `different`), else by reading it (`same-untrusted` when the bytes match: no run has recorded them).
 */
async function publishedCopy(
  target: Storage,
  file: OutputFile,
  hash: string,
  trustedHash: string | undefined,
  listing: ReadonlyMap<string, unknown>,
): Promise<'same' | 'same-untrusted' | 'different'> {
  if (!listing.has(file.path)) return 'different';
  if (trustedHash !== undefined) return trustedHash === hash ? 'same' : 'different';
  const current = await target.read(file.path);
  return current !== undefined && sha256(current) === hash ? 'same-untrusted' : 'different';
}

async function write(target: Storage, file: OutputFile): Promise<string | undefined> {
  return (await target.write({ key: file.path, body: file.bytes ?? file.body, contentType: file.contentType, cacheControl: file.cacheControl })) ?? undefined;
}

/**
 * The rendered content of the items of a published JSON Feed, by item id, when the file is exactly
 * the one the manifest records (a crash between writing it and writing the manifest makes it
 * untrusted: the items are then read and rendered again). JSON Feed keeps content_html, summary and
 * image verbatim, which is all an item's rendering needs beyond the manifest's entry.
 */
async function publishedContent(
  target: Storage,
  dir: string,
  published: PublishedIndex,
): Promise<Map<string, { readonly content: DerivedContent; readonly url: string }> | undefined> {
  const path = `${dir}${FORMAT_FILE.json}`;
  const known = published.get(path)?.hash;
  if (known === undefined) return undefined;
  const bytes = await target.read(path);
  if (!bytes || sha256(bytes) !== known) return undefined;
  try {
    const feed = JSON.parse(new TextDecoder().decode(bytes)) as {
      items?: { id?: unknown; url?: unknown; content_html?: unknown; summary?: unknown; image?: unknown }[];
    };
    const out = new Map<string, { content: DerivedContent; url: string }>();
    for (const item of feed.items ?? []) {
      if (typeof item.id !== 'string' || typeof item.url !== 'string') continue;
      const content = {
        html: typeof item.content_html === 'string' ? item.content_html : '',
        summary: typeof item.summary === 'string' ? item.summary : '',
        ...(typeof item.image === 'string' ? { image: item.image } : {}),
      };
      out.set(item.id, { content, url: item.url });
    }
    return out;
  } catch {
    return undefined;
  }
}

/**
 * What to tell the author about a state this version did not write: an older feedpub's (what the run kept
 * of it), or one it cannot read at all (what that costs: ids from this run's namespace, and nothing of
 * what it published is deleted).
 */
function stateNotes(read: StateRead, site: SiteConfig): Problem[] {
  const { idNamespace, idNamespaceFromConfig } = site.feeds;
  const where = `the state at ${MANIFEST_KEY}`;
  if (read.legacy !== undefined) {
    const ids = idNamespaceFromConfig
      ? `ids follow the config's idNamespace "${idNamespace}"`
      : read.legacy.idNamespace !== undefined
        ? `ids keep its idNamespace "${idNamespace}"`
        : `ids follow idNamespace "${idNamespace}" (it recorded none; the baseURL gives it)`;
    return [
      {
        file: '(state)',
        severity: 'info',
        rule: 'manifest-format',
        message: `${where} was written by an older feedpub (${read.legacy.format}): ${ids}, the files it published that this run does not write are deleted, and every page is read and every feed rendered again`,
      },
    ];
  }
  if (read.unreadable === undefined) return [];
  const found =
    read.unreadable.format !== undefined
      ? `was written by a feedpub this one cannot read (${read.unreadable.format})`
      : 'cannot be read (damaged, or not a feedpub manifest)';
  const from = idNamespaceFromConfig ? "the config's" : 'from the baseURL: if the published ids used another, set idNamespace to it';
  return [
    {
      file: '(state)',
      severity: 'warning',
      rule: 'manifest-format',
      message: `${where} ${found}: item and feed ids follow idNamespace "${idNamespace}" (${from}); files it published that this run does not write are left in place`,
    },
  ];
}

/** What to tell the author when ids keep a salt their config does not name (the site moved, or predates the default). */
function idNamespaceNotes(site: SiteConfig, configFile: string, configKeys: readonly string[]): Problem[] {
  const { idNamespace, idNamespaceFromConfig } = site.feeds;
  if (idNamespaceFromConfig || idNamespace === idNamespaceOf(site.baseURL)) return [];
  // In the syntax of the file it goes in (`idNamespace: "…"` in a YAML one).
  const setting = feedpubSetting(configKeys, 'idNamespace', idNamespace);
  return [
    {
      file: setting.file ?? configFile,
      severity: 'info',
      rule: 'id-namespace',
      message: `item and feed ids keep the idNamespace "${idNamespace}" of earlier runs (the baseURL alone would give "${idNamespaceOf(site.baseURL)}"): ${setting.text} to keep them in builds without this state too`,
    },
  ];
}

/** A feed image RSS cannot carry: RSS 2.0's channel `<image>` is a GIF, JPEG or PNG (Atom and JSON Feed take any). */
function feedImageNotes(site: SiteConfig, configFile: string): Problem[] {
  const { icon, logo, formats } = site.feeds;
  if ((icon === undefined && logo === undefined) || !formats.includes('rss') || rssImageUrl(site.feeds) !== undefined) return [];
  const named = [icon !== undefined && `icon "${icon}"`, logo !== undefined && `logo "${logo}"`].filter(Boolean).join(' and ');
  return [
    {
      file: configFile,
      severity: 'warning',
      rule: 'rss-image-format',
      message: `${named}: RSS 2.0 takes a GIF, JPEG or PNG image (by its file name) for a feed, so RSS feeds have none (Atom and JSON Feed show it); give a .png logo for them`,
    },
  ];
}

/**
 * A language with a host of its own (Hugo's multihost, `[languages.fr] baseURL`): feedpub publishes its
 * feeds under the site's baseURL, so they are not where its Hugo site has them: said, for each.
 */
function multihostNotes(site: SiteConfig, configFile: string): Problem[] {
  const home = (url: string): string => (url.endsWith('/') ? url : `${url}/`);
  return site.languages.flatMap((l): Problem[] =>
    l.hostBaseURL === undefined || home(l.hostBaseURL) === home(absoluteUrl(site, languagePrefix(site, l.key)))
      ? []
      : [
          {
            file: configFile,
            severity: 'warning',
            rule: 'multihost',
            message: `languages.${l.key}.baseURL: feedpub does not publish a language on a host of its own: its feeds are under ${absoluteUrl(site, languagePrefix(site, l.key))}, not under ${l.hostBaseURL}`,
          },
        ],
  );
}

function holdMessage(reason: HoldReason, entry: ArticleEntry, site: SiteConfig, duplicateOf?: ArticleEntry): string {
  if (reason === 'draft') return 'draft: held back';
  if (reason === 'duplicate-id') {
    // Two files that are one page (`a.md` and `a.en.md`; `en/a.zh-cn.md` and `zh-CN/a.md`) share its id too.
    if (duplicateOf !== undefined && duplicateOf.url === entry.url) {
      return `is the same page as ${duplicateOf.key} (${entry.url}, item id ${entry.id}): left out of feeds; keep one of the two files`;
    }
    return `has the item id ${entry.id} of ${duplicateOf?.key ?? 'another article'} (the same front matter id): left out of feeds; give one of them its own id`;
  }
  if (reason === 'future') return `publishes at ${wallClock(entry.publishAt, timeZoneOf(site, entry.lang))}: held back until then`;
  return `expired at ${wallClock(entry.expiresAt ?? 0, timeZoneOf(site, entry.lang))}: removed from feeds`;
}

const WALL_CLOCKS = new Map<string, Intl.DateTimeFormat>();

/** `2031-06-01 09:00 Asia/Shanghai`: a moment as the site's authors write it. */
function wallClock(ms: number, timeZone: string): string {
  let format = WALL_CLOCKS.get(timeZone);
  if (!format) {
    // Built once per zone: a run formats a message for every held-back article (300 at 30,000).
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    WALL_CLOCKS.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${timeZone}`;
}

async function collect(iterable: AsyncIterable<StoredObject>): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  for await (const o of iterable) out.push(o);
  return out;
}

function byKey(a: StoredObject, b: StoredObject): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
