import type { ArticleEntry, ManifestArticle } from '../manifest.js';
import type { ListPage } from '../parse/parse-article.js';
import type { SiteConfig } from '../model.js';
import { isHomeListPage, isListPage, listPageFeed, locateArticle, taxonomyListPage } from '../parse/pages.js';
import { cascadesLocal, sectionKey, sectionOf, type Sections, type Unpublished } from '../plan/plan-feeds.js';
import type { Selection } from '../plan/select.js';
import { toUri } from '../render/formats.js';

/**
 * The entry with the permalink its section makes, when its section's permalink uses `:sections`: Hugo's
 * `:sections` is the path of the page's section (the top folder, or the deepest nested section above the
 * page), not of every folder it sits in (`blog/2024/a.md` with `blog = "/:sections/:slug/"` is `blog/a/`).
 */
export function withSectionUrl(site: SiteConfig, entry: ArticleEntry, sections: Sections): ArticleEntry {
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
export function withCascade(site: SiteConfig, entry: ArticleEntry, sections: Sections): ArticleEntry {
  return entry.local !== undefined || !cascadesLocal(site, entry, sections) ? entry : { ...entry, local: true };
}

/**
 * What the site's list pages say of its feeds: the nested sections (a folder below a top folder with its
 * own `_index.md`) and the titles of sections, terms and languages' home pages ('' from a list page without one). A term's list
 * page (`tags/go/_index.md`) titles the term whose slug its folder is, and makes no section; a taxonomy's
 * own (`tags/_index.md`) hides every term feed of its language while Hugo makes none of their pages
 * (`hiddenTaxonomies`). Where two files speak for one feed (`_index.md` and `_index.markdown`), the first key wins.
 */
export function sectionsOf(
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
  const hiddenTaxonomies = new Set<string>();
  const taxonomyPages = new Set<string>();
  let next = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  /** Counts a list page's publication times: its feed (or its terms') appears or goes at them, and the run is scheduled. */
  const countTimes = (list: ListPage | undefined): void => {
    for (const at of [list?.publishAt, list?.expiresAt]) {
      if (at === undefined) continue;
      if (at > now) next = Math.min(next, at);
      else last = Math.max(last, at);
    }
  };
  /** Why Hugo publishes no page of a list page now (its terms', for a taxonomy's own), if it does not. */
  const unpublished = (list: ListPage | undefined): Unpublished['reason'] | undefined =>
    list?.draft
      ? 'draft'
      : list?.publishAt !== undefined && list.publishAt > now
        ? 'future'
        : list?.expiresAt !== undefined && list.expiresAt <= now
          ? 'expired'
          : undefined;
  const listPages = [...articles.keys()].filter((key) => key.includes('_index') && isListPage(key)).sort();
  for (const key of listPages) {
    const location = locateArticle(site, key);
    if (location !== undefined && isHomeListPage(location.relPath)) {
      // The home page's list page titles its language's feed only (its other fields are not read).
      const id = sectionKey(location.lang.key, '');
      if (!titles.has(id)) titles.set(id, articles.get(key)?.list?.title ?? '');
      continue;
    }
    if (location === undefined) continue;
    // A taxonomy's own list page (`tags/_index.md`): whether Hugo makes its terms' pages, so their feeds.
    const taxonomy = taxonomyListPage(site, location.relPath, location.lang);
    if (taxonomy !== undefined) {
      const id = sectionKey(location.lang.key, taxonomy);
      if (taxonomyPages.has(id)) continue;
      taxonomyPages.add(id);
      const list = articles.get(key)?.list;
      countTimes(list);
      if (list?.hidden !== undefined || unpublished(list) !== undefined) hiddenTaxonomies.add(id);
      continue;
    }
    const feed = listPageFeed(site, location.relPath, location.lang);
    if (!feed) continue;
    const { path, term } = feed;
    const id = sectionKey(location.lang.key, path);
    if (!term && path.includes('/')) nested.add(id);
    if (titles.has(id)) continue;
    // As in Hugo, a list page without a title leaves its section untitled (not named after its folder).
    const list = articles.get(key)?.list;
    titles.set(id, list?.title ?? '');
    if (list?.url !== undefined) dirs.set(id, list.url);
    // Publication times, as for articles: the section appears or goes at them (and the run is scheduled).
    countTimes(list);
    const reason = unpublished(list);
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
    ...(hiddenTaxonomies.size > 0 ? { hiddenTaxonomies } : {}),
    ...(locals.size > 0 ? { locals } : {}),
    ...(Number.isFinite(next) ? { nextChangeAt: next } : {}),
    ...(Number.isFinite(last) ? { lastChangeAt: last } : {}),
  };
}

/** A selection whose change times also count the list pages' (a section going live or expiring). */
export function withListPageTimes<T>(selection: Selection<T>, times: { nextChangeAt?: number; lastChangeAt?: number }): Selection<T> {
  const next = Math.min(selection.nextChangeAt ?? Number.POSITIVE_INFINITY, times.nextChangeAt ?? Number.POSITIVE_INFINITY);
  const last = Math.max(selection.lastChangeAt ?? Number.NEGATIVE_INFINITY, times.lastChangeAt ?? Number.NEGATIVE_INFINITY);
  const { nextChangeAt: _next, lastChangeAt: _last, ...rest } = selection;
  return { ...rest, ...(Number.isFinite(next) ? { nextChangeAt: next } : {}), ...(Number.isFinite(last) ? { lastChangeAt: last } : {}) };
}
