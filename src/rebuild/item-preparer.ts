import { ObjectTooLargeError, SourceChangedError, UnreadableObjectError } from '../errors.js';
import type { ArticleEntry, Manifest, ManifestArticle } from '../manifest.js';
import type { Article, FeedFormat, Problem, SiteConfig } from '../model.js';
import { STATES } from '../parse/cascade-states.js';
import type { FeedPlan } from '../plan/plan-feeds.js';
import type { RefResolution } from '../plan/refs.js';
import type { ArticleFile, Compute, Storage } from '../ports.js';
import { addFragments } from '../render/add-fragments.js';
import type { DerivedContent } from '../render/derive-content.js';
import { type FragmentCache, type FragmentKeys, fragmentKeys, keyIn, newFragmentCache } from '../render/fragment-cache.js';
import { mixesLanguages, toUri } from '../render/formats.js';
import type { PreparedItem, PrepareRequest } from '../render/prepare-items.js';
import type { RenderItem } from '../render/render-feed.js';
import { renderedArticle } from '../render/rendered-article.js';
import { sha256 } from '../sha256.js';
import { mapLimit } from '../util/map-limit.js';
import { type PublishedIndex, publishedContent } from './published.js';
import { type PagesRead, pageLocation } from './read-pages.js';
import type { LimitCheck } from './run-limits.js';

/** Content of an article that could not be read any more: the item still appears, without content. */
const NO_CONTENT: DerivedContent = { html: '', summary: '' };

/** A feed to render, as far as its items go. */
type Listing = { readonly plan: FeedPlan<ArticleEntry> };

/** What an {@link ItemPreparer} prepares items with. */
export interface ItemPreparerOptions {
  readonly site: SiteConfig;
  readonly source: Storage;
  readonly target: Storage;
  readonly compute: Compute;
  readonly concurrency: number;
  readonly checkLimits: LimitCheck;
  /** The feeds to render: every article they list is prepared once. */
  readonly toRender: readonly Listing[];
  /** The manifest whose feeds' published content may stand in for a render (none when the config changed). */
  readonly reusable: Manifest | undefined;
  /** Where the articles' ref shortcodes lead, by key, last run. */
  readonly previousTargets: Manifest['refTargets'];
  readonly references: RefResolution;
  /** Ids two articles of the last run shared: their published items may be the other one's. */
  readonly sharedIds: ReadonlySet<string>;
  /** What reading and parsing left (kept files, where bodies start, what was parsed). */
  readonly pages: PagesRead;
  readonly published: PublishedIndex;
  readonly alternates: (entry: ArticleEntry) => RenderItem['alternates'];
  /** Where the items' notes go. */
  readonly problems: Problem[];
  /**
   * A list page's cascade gives a `markup`, this run or the last (`cascadesMarkup`): the published content of
   * a page without a `markup` of its own may have been rendered as another markup, so it is rendered again.
   */
  readonly cascadedMarkup?: boolean;
}

/**
 * Whether a list page of `records` cascades a `markup` (see `ItemPreparerOptions.cascadedMarkup`).
 *
 * @example cascadesMarkup(manifest.articles) // false for a site whose cascades give no markup
 */
export function cascadesMarkup(records: ReadonlyMap<string, ManifestArticle>): boolean {
  for (const record of records.values()) if (record.list?.cascade?.some((entry) => entry.markup !== undefined)) return true;
  return false;
}

/**
 * Prepares the items of the feeds to render, a chunk of feeds at a time, wherever `compute` runs it
 * (content derived, items serialized and checked), and lets each go after the last feed that lists it, so
 * a large site never holds every item at once. Content comes from this run's parse, else the feed's render
 * cache (the published JSON Feed), else a read.
 *
 * @example const items = new ItemPreparer(options); await items.prepareFor(chunk); const item = items.itemFor(entry, plan, formats);
 */
export class ItemPreparer {
  /** Fragments (serialized items) by key: feeds are assembled from them alone. */
  readonly fragments: FragmentCache = newFragmentCache();
  readonly #options: ItemPreparerOptions;
  readonly #wanted = new Map<string, { entry: ArticleEntry; multi: boolean; single: boolean }>();
  /** Rendered content from the published feeds, by article key (not by hash: equal files at two paths render differently). */
  readonly #cached = new Map<string, DerivedContent>();
  /** What the feed level needs of each prepared item. */
  readonly #prepared = new Map<string, Pick<PreparedItem, 'failures'> & { readonly content: DerivedContent }>();
  /** The render items made so far, by article key (see `itemFor`). */
  readonly #renderItems = new Map<string, RenderItem & { readonly keys: FragmentKeys }>();
  /** How many feeds still to render list each article: its items are let go after the last one. */
  readonly #uses = new Map<string, number>();
  /** Articles whose items some chunk has asked for (prepared, being prepared, or let go after their last feed). */
  readonly #requested = new Set<string>();

  constructor(options: ItemPreparerOptions) {
    this.#options = options;
    for (const { plan } of options.toRender) {
      for (const entry of plan.items) {
        const want = this.#wanted.get(entry.key) ?? { entry, multi: false, single: false };
        if (mixesLanguages(plan)) want.multi = true;
        else want.single = true;
        this.#wanted.set(entry.key, want);
        this.#uses.set(entry.key, (this.#uses.get(entry.key) ?? 0) + 1);
      }
    }
    // Files in no feed to render are not kept for their bodies.
    const kept = options.pages.sourcesKept;
    for (const key of kept.keys()) if (!this.#wanted.has(key)) kept.delete(key);
  }

  /** Prepares the items of `chunk`'s feeds not prepared yet; `handedOver` is called once they are in `compute`'s hands. */
  async prepareFor(chunk: readonly Listing[], handedOver?: () => void): Promise<void> {
    const { site, source, target, compute, concurrency, checkLimits, reusable, references, sharedIds, pages, published, alternates, problems } = this.#options;
    const { sourcesKept, bodyStarts, parsedKeys } = pages;
    const cached = this.#cached;
    const unknown = (e: ArticleEntry): boolean => !sourcesKept.has(e.key) && !cached.has(e.key);
    const need = new Map<string, { entry: ArticleEntry; multi: boolean; single: boolean }>();
    for (const { plan } of chunk) {
      for (const entry of plan.items) {
        const want = this.#wanted.get(entry.key);
        if (want && !this.#requested.has(entry.key)) {
          this.#requested.add(entry.key);
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
          const cache = await publishedContent(target, plan.dir, published);
          for (const e of plan.items) {
            const hit = cache?.get(e.id);
            // Only an article this run did not parse is in its published feed as it is now, and only at the
            // same URL (its relative links were made absolute against it; a new list page can move it).
            // One with ref shortcodes only while they lead where they led then.
            // And not where a cascade may have given it another markup then.
            const sameMarkup = this.#options.cascadedMarkup !== true || ((e.states ?? 0) & STATES.markup) !== 0;
            if (hit && hit.url === toUri(e.url) && unknown(e) && !parsedKeys.has(e.key) && !sharedIds.has(e.id) && this.#sameTargets(e) && sameMarkup) {
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
        const bytes = await source.read(entry.key, { maxBytes: site.feeds.maxArticleBytes }).catch((error: unknown) => {
          throw error instanceof ObjectTooLargeError || error instanceof UnreadableObjectError ? new SourceChangedError(entry.key) : error;
        });
        const location = pageLocation(site, entry.key);
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
      // A page a cascade dates is parsed as undated (`ParseResult.undated`).
      const article = result.article ?? result.undated;
      if (key !== undefined && article) reparsed.set(key, article);
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
      addFragments(this.fragments, item.fragments);
      const { image } = item.derived;
      // The summary feeds show: the front matter's, else the derived or cached one.
      const summary = given.get(item.key) || item.derived.summary;
      this.#prepared.set(item.key, { failures: item.failures, content: { html: '', summary, ...(image !== undefined ? { image } : {}) } });
      for (const note of item.notes) problems.push({ file: item.key, severity: 'warning', ...note });
      sourcesKept.delete(item.key); // what was parsed is not needed any more
    }
  }

  /**
   * The render item of `entry` for a feed of `plan`, made once per article and run and shared by every feed
   * that lists it (let go with its fragments). Throws when its items in `formats` were not prepared.
   */
  itemFor(entry: ArticleEntry, plan: FeedPlan<ArticleEntry>, formats: readonly FeedFormat[]): RenderItem {
    let item = this.#renderItems.get(entry.key);
    if (item === undefined) {
      const content = this.#prepared.get(entry.key)?.content ?? NO_CONTENT;
      item = {
        article: renderedArticle({ ...entry, summary: '', body: '', bodyLine: 0 }, content),
        html: content.html,
        alternates: this.#options.alternates(entry),
        keys: fragmentKeys(entry),
      };
      this.#renderItems.set(entry.key, item);
    }
    const { keys } = item;
    const multi = mixesLanguages(plan);
    const missing = formats.find((f) => !(f === 'json' ? this.fragments.json : this.fragments.xml).has(keyIn(keys, f, multi)));
    if (missing !== undefined) throw new Error(`internal error: the ${missing} item of ${entry.key} was not prepared for ${plan.dir || '/'}`);
    return item;
  }

  /** What checking the article's prepared items found wrong, in any format. */
  failuresOf(key: string): PreparedItem['failures'] {
    return this.#prepared.get(key)?.failures ?? [];
  }

  /** Lets go of the items no feed still to render lists. */
  release(chunk: readonly Listing[]): void {
    for (const { plan } of chunk) {
      for (const entry of plan.items) {
        const left = (this.#uses.get(entry.key) ?? 1) - 1;
        if (left > 0) {
          this.#uses.set(entry.key, left);
          continue;
        }
        this.#uses.delete(entry.key);
        this.#prepared.delete(entry.key);
        const keys = this.#renderItems.get(entry.key)?.keys ?? fragmentKeys(entry);
        this.#renderItems.delete(entry.key);
        this.fragments.xml.delete(keys.rss);
        for (const key of keys.atom) this.fragments.xml.delete(key);
        for (const key of keys.json) this.fragments.json.delete(key);
      }
    }
  }

  /** Whether the article's ref shortcodes lead where they led last run (none: they do). */
  #sameTargets(e: ArticleEntry): boolean {
    if (e.refs === undefined) return true;
    const before = this.#options.previousTargets;
    const target = before !== undefined && Object.hasOwn(before, e.key) ? before[e.key] : undefined;
    return target !== undefined && target === this.#options.references.targets.get(e.key);
  }
}
