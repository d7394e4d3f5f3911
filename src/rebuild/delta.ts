import { isConfigKey } from '../config/config-keys.js';
import type { ArticleEntry, Manifest, ManifestArticle } from '../manifest.js';
import type { SiteConfig } from '../model.js';
import { isLeafIndex, isListPage, pageKeys } from '../parse/pages.js';
import { feedDirsOf, type FeedPlan, type Sections } from '../plan/plan-feeds.js';
import type { Selection } from '../plan/select.js';
import type { StoredObject } from '../ports.js';
import { quietCascaded, withCascade } from './sections.js';

/**
 * Whether a reported key makes the run a full one: a config file; a bundle's index (coming or going, it
 * turns the folder's other files into resources or back into pages); a list page (a section's names its
 * feed: rare edits, a full run re-plans every feed).
 */
export function makesFullRun(key: string): boolean {
  return isConfigKey(key) || isLeafIndex(key) || isListPage(key);
}

/** The reported keys that are pages, in key order, with the change tokens the event gave. */
export function reportedPages(
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
  // (Each key once: pageKeys reads a second copy of a bundle's index as another index of one language.)
  const pages = new Set(pageKeys(site, [...new Set([...bundleIndexes, ...keys])]));
  return [...keys]
    .filter((key) => pages.has(key))
    .sort()
    .map((key) => {
      // No size: the event's may be an older upload's; the read is bounded instead.
      const version = versions?.get(key);
      return version !== undefined ? { key, version } : { key };
    });
}

/**
 * The run's records, started as a copy of the manifest's, once the reported keys are read: a reported key
 * that still has its old record (gone, or no page any more) leaves; new pages, which went in last, are
 * moved to their place in key order. One copy of the records, not two: each was ~30 ms at 30,000 in a
 * fresh process.
 */
export function withReportedRecords(
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
export function inListingOrder(sources: readonly StoredObject[], articles: ReadonlyMap<string, ManifestArticle>): Map<string, ManifestArticle> {
  const records = new Map<string, ManifestArticle>();
  for (const { key } of sources) {
    const record = articles.get(key);
    if (record) records.set(key, record);
  }
  return records;
}

/** The published files as the manifest recorded them (path → change token), standing in for a listing. */
export function recordedFiles(manifest: Manifest): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>();
  for (const feed of Object.values(manifest.feeds)) {
    for (const path of Object.keys(feed.files)) files.set(path, feed.versions?.[path]);
  }
  return files;
}

/**
 * In a run for the reported `keys`: a test for the feeds whose plan can differ from the last run's, or
 * undefined when any can (archive pages; a post that went live or expired by itself since, or before: a
 * clock set back; a manifest that does not say when that happens). Otherwise a feed's plan changes only
 * through the reported articles (as they were and as they are: what they were a member of, what they are
 * now), the articles that share an id with one of them (which of those is held back can change), and the
 * translations of any of these (an item's alternates). Its folder or one of its items then says so. A
 * reported page in no feed (`ManifestArticle.quiet`, as it was and as it is) changes only its section's
 * and terms' feeds (their coming and going, and the name of a term feed no article is in). Each as the
 * cascades above it make it (the terms they give it too); a page without a date of its own as an article
 * (`ManifestArticle.undated`), which a cascade may date.
 */
export function affectedFeeds(
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
  const cascaded = (entry: ArticleEntry): ArticleEntry => (sections.cascade === undefined ? entry : withCascade(site, entry, sections).entry);
  for (const key of keys) {
    for (const record of [previous.articles.get(key), articles.get(key)]) {
      const entry = record?.entry ?? record?.undated;
      if (entry) touched.push(cascaded(entry));
    }
  }
  // And the pages with either id of theirs (`idOther`): which of them has which can change with them.
  const ids = new Set(touched.flatMap((e) => (e.idOther === undefined ? [e.id] : [e.id, e.idOther])));
  for (const entry of entries) if (ids.has(entry.id) || (entry.idOther !== undefined && ids.has(entry.idOther))) touched.push(entry);
  const dirs = new Set(touched.flatMap((e) => feedDirsOf(site, e, sections)));
  for (const key of keys) {
    for (const quiet of [previous.articles.get(key)?.quiet, articles.get(key)?.quiet]) {
      const page = quiet === undefined || sections.cascade === undefined ? quiet : quietCascaded(site, { key, ...quiet }, sections);
      if (page !== undefined)
        for (const dir of feedDirsOf(site, { key, lang: page.lang, section: page.section, terms: page.terms ?? {}, local: true }, sections)) dirs.add(dir);
    }
  }
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
export function idsSharedLastRun(
  previous: Manifest,
  event: { readonly keys: ReadonlySet<string>; readonly held: Selection<ArticleEntry>['held'] } | undefined,
): Set<string> {
  const shared = new Set<string>();
  if (event) {
    for (const { entry, reason } of event.held) if (reason === 'duplicate-id') shared.add(entry.id);
    for (const key of event.keys) {
      const entry = previous.articles.get(key)?.entry;
      if (entry !== undefined) shared.add(entry.id);
      if (entry?.idOther !== undefined) shared.add(entry.idOther);
    }
    return shared;
  }
  // Either id of a page with two (`idOther`): two pages with one other id (`a.FR.md`, `a.FR.en.md`) may each
  // have had it, whichever id their paths make is shared or not.
  const seen = new Set<string>();
  const add = (id: string): void => {
    if (seen.has(id)) shared.add(id);
    else seen.add(id);
  };
  for (const record of previous.articles.values()) {
    const entry = record.entry;
    if (entry === undefined) continue;
    add(entry.id);
    if (entry.idOther !== undefined) add(entry.idOther);
  }
  return shared;
}
