import type { ArticleEntry, Manifest, ManifestFeed } from '../manifest.js';
import { type FeedFormat, type OutputFile, ownLanguageCode, type SiteConfig } from '../model.js';
import type { ResolvedRefs } from '../parse/shortcodes.js';
import type { FeedPlan } from '../plan/plan-feeds.js';
import type { RenderItem } from '../render/render-feed.js';
import { feedFile } from '../render/formats.js';
import { renderDirectoryPages, renderDiscovery, renderOpml, type FeedSummary } from '../render/directory/index.js';
import { getOrInsert } from '../get-or-insert.js';
import { sha256 } from '../sha256.js';

/** Everything that shapes a feed's bytes besides the site config (covered by the config hash). */
export function feedFingerprint(
  plan: FeedPlan<ArticleEntry>,
  alternates: (e: ArticleEntry) => RenderItem['alternates'],
  refs: ReadonlyMap<string, ResolvedRefs>,
): string {
  const { items, ...head } = plan;
  // The URL too: a new list page can move an article (`:sections`) without a change to its file; where its
  // ref shortcodes lead, which moves with other pages; and what a cascade gives it (terms, dates).
  const item = (e: ArticleEntry): unknown[] => {
    const resolved = refs.get(e.key);
    const fields = resolved === undefined ? [e.key, e.hash, e.url, alternates(e)] : [e.key, e.hash, e.url, alternates(e), [...resolved]];
    if (e.cascaded !== undefined) fields.push(e.cascaded);
    return fields;
  };
  return sha256(JSON.stringify({ head, items: items.map(item) }));
}

/**
 * Translations: for each entry, the entries in other languages that share its translation key, as
 * Atom `hreflang` alternates sorted by hreflang. One per language code (RFC 4287 §4.1.1: an entry has at
 * most one alternate link per type and hreflang; the W3C validator's DuplicateAtomLink): of several
 * translations with one code (two pages of a language share a key, or two language keys share a
 * `languageCode`), the first by page key; none with the entry's own code (its own link is that
 * language's). Codes are compared case-insensitively, as BCP 47 tags are. None in or for a language
 * without a code of its own (`ownLanguageCode`).
 */
export function translationIndex(site: SiteConfig, published: readonly ArticleEntry[]): (e: ArticleEntry) => RenderItem['alternates'] {
  const groups = new Map<string, ArticleEntry[]>();
  const newGroup = (): ArticleEntry[] => [];
  for (const e of published) {
    getOrInsert(groups, e.translationKey, newGroup).push(e);
  }
  // By page key, so which of two translations with one code is linked never depends on listing order.
  for (const group of groups.values()) if (group.length > 1) group.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // A language without a code of its own (see `ownLanguageCode`: none, or the site's languageCode standing
  // in) has no hreflang to tell its page by: its pages are no translation's alternate (one would take the
  // slot of the page that has the code), and its entries list none (the entry's own link must close the
  // set, where feedparser takes the link from).
  const codes = new Map(site.languages.map((l) => [l.key, ownLanguageCode(l)]));
  const codeOf = (e: ArticleEntry): string | undefined => (codes.has(e.lang) ? codes.get(e.lang) : e.lang);
  // Asked once per item of every feed (1,700 feeds at 30k): most articles have no translation.
  const none: RenderItem['alternates'] = [];
  const known = new Map<ArticleEntry, RenderItem['alternates']>();
  return (entry) => {
    const group = groups.get(entry.translationKey);
    if (!group || group.length < 2 || codeOf(entry) === undefined) return none;
    let alternates = known.get(entry);
    if (alternates === undefined) {
      const taken = new Set([codeOf(entry)?.toLowerCase() ?? '']);
      const found: { hreflang: string; href: string }[] = [];
      for (const e of group) {
        const hreflang = codeOf(e);
        if (e.lang === entry.lang || hreflang === undefined || taken.has(hreflang.toLowerCase())) continue;
        taken.add(hreflang.toLowerCase());
        found.push({ hreflang, href: e.url });
      }
      alternates = found.length === 0 ? none : found.sort((a, b) => (a.hreflang < b.hreflang ? -1 : a.hreflang > b.hreflang ? 1 : 0));
      known.set(entry, alternates);
    }
    return alternates;
  };
}

/** The manifest's name for the site-wide extras (not a folder, so it never clashes with a feed). */
export const SITE_EXTRAS = '@site';

export function siteExtras(site: SiteConfig, summaries: readonly FeedSummary[]): OutputFile[] {
  return [
    ...(site.feeds.directory ? renderDirectoryPages(site, summaries) : []),
    ...(site.feeds.opml ? renderOpml(site, summaries) : []),
    ...(site.feeds.directory ? [renderDiscovery(site, summaries)] : []),
  ];
}

/** What {@link feedsToRender} decides with. */
export interface FeedChoice {
  readonly site: SiteConfig;
  readonly formats: readonly FeedFormat[];
  /** The manifest whose feeds stand when their fingerprints are the same (none when the config changed). */
  readonly reusable: Manifest | undefined;
  /** Whether the published file at a path is the one the manifest records (see `Publisher.trusted`). */
  readonly trusted: (path: string) => boolean;
  /** In a run for reported keys: the feeds those keys can have changed (the others are not fingerprinted). */
  readonly mayHaveChanged?: (plan: FeedPlan<ArticleEntry>) => boolean;
  readonly fingerprint: (plan: FeedPlan<ArticleEntry>) => string;
  /** The run keeps a manifest: fingerprints are recorded even with nothing to compare with. */
  readonly keepState: boolean;
}

/**
 * Which feeds to render: those the reusable manifest does not record as published with the same
 * fingerprint, in files it still trusts. The others keep their records (`nextFeeds`).
 *
 * @example const { nextFeeds, toRender } = feedsToRender(plans, { site, formats, reusable, trusted, fingerprint, keepState: true });
 */
export function feedsToRender(
  plans: readonly FeedPlan<ArticleEntry>[],
  choice: FeedChoice,
): { nextFeeds: Record<string, ManifestFeed>; toRender: { plan: FeedPlan<ArticleEntry>; fingerprint: string }[] } {
  const { site, formats, reusable, trusted, mayHaveChanged, keepState } = choice;
  const nextFeeds: Record<string, ManifestFeed> = {};
  const toRender: { plan: FeedPlan<ArticleEntry>; fingerprint: string }[] = [];
  for (const plan of plans) {
    const known = reusable?.feeds[plan.dir];
    const paths = formats.map((f) => plan.dir + feedFile(site, f));
    const kept = known !== undefined && paths.every((p) => known.files[p] !== undefined && trusted(p));
    if (kept && mayHaveChanged && !mayHaveChanged(plan)) {
      nextFeeds[plan.dir] = known;
      continue;
    }
    // A run that keeps no state and has nothing to compare with (a build without --state) needs none.
    const fingerprint = kept || keepState ? choice.fingerprint(plan) : '';
    if (kept && known.fingerprint === fingerprint) nextFeeds[plan.dir] = known;
    else toRender.push({ plan, fingerprint });
  }
  return { nextFeeds, toRender };
}
