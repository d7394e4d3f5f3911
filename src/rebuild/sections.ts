import type { ArticleEntry, ManifestArticle } from '../manifest.js';
import { type Problem, type SiteConfig, timeZoneOf } from '../model.js';
import { STATES } from '../parse/cascade-states.js';
import { readCascade } from '../parse/cascade.js';
import type { ListPage } from '../parse/parse-article.js';
import { isHomeListPage, isLeafIndex, isListPage, listPageFeed, locateArticle, taxonomyListPage } from '../parse/pages.js';
import { type CascadeSource, hugoPath } from '../plan/cascade.js';
import { type CascadeScope, foldersAbove, nodeCascade, pageCascade, sectionKey, sectionOf, type Sections, type Unpublished } from '../plan/plan-feeds.js';
import type { Selection } from '../plan/select.js';
import { toUri } from '../render/formats.js';

/**
 * The entry with the permalink its section makes, when its section's permalink uses `:sections`: Hugo's
 * `:sections` is the path of the page's section (the top folder, or the deepest nested section above the
 * page), not of every folder it sits in (`blog/2024/a.md` with `blog = "/:sections/:slug/"` is `blog/a/`);
 * and its slices tell whether a top folder has a list page (`blog/a.md` with `/:sections[last]/:slug/` is
 * `a/` without `blog/_index.md`, `blog/a/` with it).
 */
export function withSectionUrl(site: SiteConfig, entry: ArticleEntry, sections: Sections): ArticleEntry {
  const urls = entry.sectionUrls;
  if (urls === undefined) return entry;
  const depth = sectionOf(site, entry, sections).split('/').length;
  const folders = foldersAbove(site, entry).length;
  // The last of as many as its folders: its URL in its top folder when that has no list page (`pagePathsBySections`).
  const unlisted = depth === 1 && urls.length === folders && !sections.titles.has(sectionKey(entry.lang, entry.section));
  const url = (unlisted ? urls[folders - 1] : depth < folders ? urls[depth - 1] : undefined) ?? entry.url;
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

/**
 * The entry as the cascades above it make it (`pageCascade`: the list pages', its home page's, the site
 * config's), for the keys it does not settle itself: a draft, published or expiring at other times, listed
 * locally (`_build.list: local`); and why they list it nowhere (`_build.list` never, `render` never/link, a
 * leaf bundle's `headless`), with the file of that cascade, when they do.
 */
export function withCascade(site: SiteConfig, entry: ArticleEntry, sections: Sections): { entry: ArticleEntry; unlisted?: string } {
  const cascaded = pageCascade(site, entry, sections);
  if (cascaded === undefined) return { entry };
  const states = entry.states ?? 0;
  const changed: { -readonly [K in keyof ArticleEntry]?: ArticleEntry[K] } = {};
  if (cascaded.draft?.value === true && (states & STATES.draft) === 0 && !entry.draft) changed.draft = true;
  if (cascaded.publishDate !== undefined && (states & STATES.publishDate) === 0 && cascaded.publishDate.value !== entry.publishAt)
    changed.publishAt = cascaded.publishDate.value;
  if (cascaded.expiryDate !== undefined && entry.expiresAt === undefined) changed.expiresAt = cascaded.expiryDate.value;
  let unlisted: string | undefined;
  // A page's own `_build` (`local` is set), whatever it says, is not replaced by a cascaded one.
  const build = entry.local === undefined ? cascaded.build : undefined;
  if (build?.value.unlisted !== undefined) unlisted = `${build.origin}'s cascade: ${build.value.unlisted}`;
  else if (build?.value.local === true) changed.local = true;
  const relPath = locateArticle(site, entry.key)?.relPath ?? '';
  if (unlisted === undefined && cascaded.headless?.value === true && (states & STATES.headless) === 0 && isLeafIndex(relPath)) {
    unlisted = `${cascaded.headless.origin}'s cascade: headless is true`;
  }
  const next = Object.keys(changed).length > 0 ? { ...entry, ...changed } : entry;
  return unlisted === undefined ? { entry: next } : { entry: next, unlisted };
}

/**
 * What the site's list pages say of its feeds: the nested sections (a folder below a top folder with its
 * own `_index.md`) and the titles of sections, terms and languages' home pages ('' from a list page without one). A term's list
 * page (`tags/go/_index.md`) titles the term whose slug its folder is, and makes no section; a taxonomy's
 * own (`tags/_index.md`) hides every term feed of its language while Hugo makes none of their pages
 * (`hiddenTaxonomies`). Where two files speak for one feed (`_index.md` and `_index.markdown`), the first key wins. With them, the cascades
 * (theirs, and `siteCascades`, the site config's by language: see `siteCascade`), which also decide whether a
 * list page is a draft, when it is published and expires, and whether it is rendered, where it does not say.
 */
export function sectionsOf(
  site: SiteConfig,
  articles: ReadonlyMap<string, ManifestArticle>,
  now: number,
  siteCascades: ReadonlyMap<string, CascadeSource> = new Map(),
): Sections & { nextChangeAt?: number; lastChangeAt?: number } {
  const nested = new Set<string>();
  const titles = new Map<string, string>();
  const hidden = new Set<string>();
  const drafts = new Map<string, Unpublished>();
  const dirs = new Map<string, string>();
  const slugs = new Map<string, string>();
  const hiddenTaxonomies = new Set<string>();
  const taxonomyPages = new Set<string>();
  let next = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const time = (at: number | undefined): void => {
    if (at === undefined) return;
    if (at > now) next = Math.min(next, at);
    else last = Math.max(last, at);
  };
  const listPages = [...articles.keys()].filter((key) => key.includes('_index') && isListPage(key)).sort();
  // The cascades first: a list page takes from those above it what it does not settle itself.
  const cascades = new Map<string, CascadeSource>();
  const states = new Map<string, number>();
  const placed: { key: string; id: string; path: string; term: boolean; lang: string; list: ListPage | undefined }[] = [];
  for (const key of listPages) {
    const location = locateArticle(site, key);
    if (location === undefined) continue;
    // A taxonomy's own list page (`tags/_index.md`): whether Hugo makes its terms' pages, so their feeds; its
    // cascade is above each term's.
    const taxonomy = taxonomyListPage(site, location.relPath, location.lang);
    if (taxonomy !== undefined) {
      const id = sectionKey(location.lang.key, taxonomy);
      if (taxonomyPages.has(id)) continue;
      taxonomyPages.add(id);
      const list = articles.get(key)?.list;
      if (list?.cascade !== undefined) cascades.set(id, { origin: key, entries: list.cascade });
      time(list?.publishAt);
      time(list?.expiresAt);
      if (list?.hidden !== undefined || unpublishedAt(list?.draft === true, list?.publishAt, list?.expiresAt, now) !== undefined) hiddenTaxonomies.add(id);
      continue;
    }
    const home = isHomeListPage(location.relPath);
    const feed = home ? { path: '', term: false } : listPageFeed(site, location.relPath, location.lang);
    if (feed === undefined) continue;
    const id = sectionKey(location.lang.key, feed.path);
    const list = articles.get(key)?.list;
    if (!titles.has(id)) {
      if (list?.cascade !== undefined) cascades.set(id, { origin: key, entries: list.cascade });
      if (list?.states !== undefined) states.set(id, list.states);
      placed.push({ key, id, path: feed.path, term: feed.term, lang: location.lang.key, list });
    }
    // As in Hugo, a list page without a title leaves its section untitled (not named after its folder).
    if (!titles.has(id)) titles.set(id, list?.title ?? '');
  }
  // The moments a cascade's dates pass may change what is published: a run is due then (one too many is harmless).
  for (const source of [...cascades.values(), ...siteCascades.values()]) {
    for (const entry of source.entries) for (const at of [entry.publishDate, entry.date, entry.expiryDate]) time(at);
  }
  const scope: CascadeScope | undefined = cascades.size > 0 || siteCascades.size > 0 ? { listPages: cascades, site: siteCascades, states, now } : undefined;
  for (const { key, id, path, term, lang, list } of placed) {
    // The home page's list page titles its language's feed, and cascades (its own fields are not read).
    if (path === '') continue;
    if (!term && path.includes('/')) nested.add(id);
    if (list?.url !== undefined) dirs.set(id, list.url);
    if (term && list?.slug !== undefined) slugs.set(id, list.slug);
    // What the cascades above it give it (the list pages' above its folder, a term's taxonomy's, the home
    // page's, the site's).
    const folders = parentFolders(path);
    const node = { kind: term ? 'term' : 'section', path: term ? `/${path}` : hugoPath(site, `${path}/_index.md`), lang } as const;
    const outer = scope === undefined ? {} : nodeCascade(scope, node, folders, list?.states ?? 0);
    const draft = list?.draft === true || outer.draft?.value === true;
    const publishAt = outer.publishDate?.value ?? list?.publishAt ?? outer.date?.value;
    const expiresAt = list?.expiresAt ?? outer.expiryDate?.value;
    // Publication times, as for articles: the section appears or goes at them (and the run is scheduled).
    time(publishAt);
    time(expiresAt);
    const reason = unpublishedAt(draft, publishAt, expiresAt, now);
    if (list?.hidden !== undefined || outer.unrendered !== undefined || reason !== undefined) hidden.add(id);
    // Its pages are left out with it (a term's stay in the other feeds).
    if (reason !== undefined && !term) drafts.set(id, { key, reason });
  }
  return {
    nested,
    titles,
    hidden,
    drafts,
    ...(dirs.size > 0 ? { dirs } : {}),
    ...(slugs.size > 0 ? { slugs } : {}),
    ...(hiddenTaxonomies.size > 0 ? { hiddenTaxonomies } : {}),
    ...(scope !== undefined ? { cascade: scope } : {}),
    ...(Number.isFinite(next) ? { nextChangeAt: next } : {}),
    ...(Number.isFinite(last) ? { lastChangeAt: last } : {}),
  };
}

/** Why Hugo publishes no page of a list page now (its terms', for a taxonomy's own), if it does not. */
function unpublishedAt(draft: boolean, publishAt: number | undefined, expiresAt: number | undefined, now: number): Unpublished['reason'] | undefined {
  if (draft) return 'draft';
  if (publishAt !== undefined && publishAt > now) return 'future';
  return expiresAt !== undefined && expiresAt <= now ? 'expired' : undefined;
}

/** The folders above one, deepest first: `news/world/x` → `news/world`, `news`. */
function parentFolders(folder: string): string[] {
  const out: string[] = [];
  for (let at = folder.lastIndexOf('/'); at > 0; at = folder.lastIndexOf('/', at - 1)) out.push(folder.slice(0, at));
  return out;
}

/**
 * The site config's cascade (`SiteConfig.cascade`) by language, its dates read in each language's zone, and
 * the problems of its entries (reported at the config file).
 *
 * @example siteCascade(site).cascades.get('en')?.entries // [{ target: { path: '/posts/old/**' }, build: { unlisted: '_build.list is never' } }]
 */
export function siteCascade(site: SiteConfig): { cascades: ReadonlyMap<string, CascadeSource>; problems: Problem[] } {
  const cascades = new Map<string, CascadeSource>();
  const problems: Problem[] = [];
  const config = site.cascade;
  if (config === undefined) return { cascades, problems };
  const sources = site.frontMatterDates;
  site.languages.forEach((language, index) => {
    const options = { taxonomies: [], timeZone: timeZoneOf(site, language.key), maxTerms: 1, ...(sources !== undefined ? { dates: { sources } } : {}) };
    const read = readCascade(config.entries.length === 1 ? config.entries[0] : config.entries, options);
    if (read.entries.length > 0) cascades.set(language.key, { origin: config.file, entries: read.entries });
    // Once, not for each language: the same entries say the same.
    if (index === 0) for (const p of read.problems) problems.push({ file: config.file, severity: 'warning', rule: p.rule, message: `cascade: ${p.message}` });
  });
  return { cascades, problems };
}

/** A selection whose change times also count the list pages' (a section going live or expiring). */
export function withListPageTimes<T>(selection: Selection<T>, times: { nextChangeAt?: number; lastChangeAt?: number }): Selection<T> {
  const next = Math.min(selection.nextChangeAt ?? Number.POSITIVE_INFINITY, times.nextChangeAt ?? Number.POSITIVE_INFINITY);
  const last = Math.max(selection.lastChangeAt ?? Number.NEGATIVE_INFINITY, times.lastChangeAt ?? Number.NEGATIVE_INFINITY);
  const { nextChangeAt: _next, lastChangeAt: _last, ...rest } = selection;
  return { ...rest, ...(Number.isFinite(next) ? { nextChangeAt: next } : {}), ...(Number.isFinite(last) ? { lastChangeAt: last } : {}) };
}
