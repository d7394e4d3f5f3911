import type { ArticleEntry, ManifestArticle } from '../manifest.js';
import type { Problem, SiteConfig } from '../model.js';
import { STATES } from '../parse/cascade-states.js';
import { cascadeOptions, readCascade } from '../parse/cascade.js';
import type { ListPage, QuietPage } from '../parse/parse-article.js';
import { isLeafIndex, isListPage, listPageFeed, locateArticle, taxonomyListPage } from '../parse/pages.js';
import { type CascadeSource, hugoPath } from '../plan/cascade.js';
import { FRONT_MATTER_DATE_DEFAULTS, impliedDateSources, mergeDates, UNDATED } from '../plan/date-sources.js';
import { pageUrl, pageUrlsBySections } from '../plan/urls.js';
import { lowerAsGo } from '../plan/slug.js';
import {
  type CascadeScope,
  foldersAbove,
  nodeCascade,
  pageCascade,
  sectionKey,
  sectionOf,
  type Sections,
  spelledSection,
  type Unpublished,
} from '../plan/plan-feeds.js';
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
  const unlisted =
    depth === 1 && urls.length === folders && !sections.titles.has(sectionKey(entry.lang, spelledSection(sections.spellings, entry.lang, entry.section)));
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
 * config's), for the keys it does not settle itself: a draft, listed locally (`_build.list: local`); its dates,
 * each date key of theirs filling its own where it has none, as Hugo merges them (`mergeDates`: so published,
 * updated, live or expiring at other times, its link made again where its date makes it); the terms of each
 * taxonomy it has no key of. With why they list it nowhere (`_build.list` never, `render` never/link, a leaf
 * bundle's `headless`), with the file of that cascade, when they do; and `undated` when it has no date, its
 * own or theirs (then it is a page in no feed).
 */
export function withCascade(site: SiteConfig, entry: ArticleEntry, sections: Sections): { entry: ArticleEntry; unlisted?: string; undated?: true } {
  const cascaded = pageCascade(site, entry, sections);
  const ownUndated = entry.dates !== undefined && entry.dates.ranks[0] === -1;
  if (cascaded === undefined) return ownUndated ? { entry, undated: true } : { entry };
  const states = entry.states ?? 0;
  const changed: { -readonly [K in keyof ArticleEntry]?: ArticleEntry[K] } = {};
  if (cascaded.draft?.value === true && (states & STATES.draft) === 0 && !entry.draft) changed.draft = true;
  let undated = ownUndated;
  if (cascaded.dates !== undefined) {
    const from = entry.dates ?? impliedDateSources(entry);
    const own = [
      from.ranks[0] >= 0 ? entry.published : undefined,
      from.ranks[1] >= 0 ? entry.publishAt : undefined,
      from.ranks[2] >= 0 ? (from.lastmod ?? entry.updated) : undefined,
      entry.expiresAt,
    ] as const;
    const dates = cascaded.dates;
    const merged = mergeDates(site.frontMatterDates ?? FRONT_MATTER_DATE_DEFAULTS, from, own, (key) => dates.get(key));
    const [date, publishDate, lastmod, expiryDate] = merged.values;
    if (date !== undefined) {
      undated = false;
      // No publishDate from its sources (its date a lastmod's, a custom key's): Hugo's zero time, never ahead.
      const publishAt = publishDate ?? UNDATED;
      const updated = Math.max(lastmod ?? date, date);
      if (date !== entry.published) changed.published = date;
      if (publishAt !== entry.publishAt) changed.publishAt = publishAt;
      if (updated !== entry.updated) changed.updated = updated;
      if (merged.origins[0] !== undefined && entry.dates?.link !== undefined) Object.assign(changed, relinked(site, entry, date, merged.dateOffset));
    }
    if (expiryDate !== entry.expiresAt && expiryDate !== undefined) changed.expiresAt = expiryDate;
  }
  const { added, terms } = termsWithCascade(entry.terms, cascaded.terms);
  if (terms !== undefined) changed.terms = terms;
  // A cascaded `markup: html` makes its body HTML, unless it has a `markup` of its own (whatever it says).
  if (cascaded.markup?.value === 'html' && (states & STATES.markup) === 0) changed.markup = 'html';
  // What its items show that its file does not say: its feeds are rendered again when it changes.
  if (added.length > 0 || changed.published !== undefined || changed.updated !== undefined || changed.markup !== undefined) {
    const shown = [added, changed.published ?? entry.published, changed.updated ?? entry.updated];
    changed.cascaded = JSON.stringify(changed.markup === undefined ? shown : [...shown, changed.markup]);
  }
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
  return { entry: next, ...(unlisted !== undefined ? { unlisted } : {}), ...(undated ? { undated: true as const } : {}) };
}

/**
 * The link of a page whose link is made from its date (`DateSources.link`) with the date a cascade gives it
 * (written with `offset`, else in its language's zone), and its links by section, image and id with it.
 */
function relinked(site: SiteConfig, entry: ArticleEntry, date: number, offset: number | undefined): Partial<ArticleEntry> {
  const location = locateArticle(site, entry.key);
  const slug = entry.dates?.link?.slug;
  if (location === undefined) return {};
  const fields = { title: entry.title, date, ...(offset !== undefined ? { dateOffsetMinutes: offset } : {}), ...(slug !== undefined ? { slug } : {}) };
  const url = pageUrl(site, location, fields);
  const sectionUrls = pageUrlsBySections(site, location, fields);
  const { image, id } = entry;
  return {
    url,
    ...(sectionUrls !== undefined ? { sectionUrls } : {}),
    ...(image?.startsWith(entry.url) ? { image: url + image.slice(entry.url.length) } : {}),
    ...(site.feeds.itemIds === 'permalink' && id === toUri(entry.url) ? { id: toUri(url) } : {}),
  };
}

/**
 * A page in no feed as the cascades above it make it: a draft, published or expiring at other times, where it
 * says not (its date a cascade's where it has none), with the terms of each taxonomy it has no key of.
 */
export function quietCascaded(site: SiteConfig, page: QuietPage & { readonly key: string }, sections: Sections): QuietPage {
  const cascaded = pageCascade(site, page, sections);
  if (cascaded === undefined) return page;
  const states = page.states ?? 0;
  let publishAt = page.publishAt;
  let expiresAt = page.expiresAt;
  if (cascaded.dates !== undefined) {
    // What such a page keeps of its own dates: its publishDate (from `date` or its own keys), an expiryDate.
    const sources = site.frontMatterDates ?? FRONT_MATTER_DATE_DEFAULTS;
    const dated = publishAt !== undefined;
    const atDate = sources.publishDate.indexOf('date');
    const ranks = [
      dated ? 0 : -1,
      (states & STATES.publishDate) !== 0 ? 0 : dated ? (atDate < 0 ? sources.publishDate.length : atDate) : -1,
      -1,
      expiresAt !== undefined ? 0 : -1,
    ] as const;
    const dates = cascaded.dates;
    const merged = mergeDates(sources, { ranks }, [publishAt, publishAt, undefined, expiresAt], (key) => dates.get(key));
    // Its publishDate alone: a date that no publishDate source gives holds nothing back (Hugo's zero time).
    publishAt = merged.values[1];
    expiresAt = merged.values[3];
  }
  const { terms } = termsWithCascade(page.terms, cascaded.terms);
  const { publishAt: _publishAt, expiresAt: _expiresAt, ...rest } = page;
  return {
    ...rest,
    ...(cascaded.draft?.value === true && (states & STATES.draft) === 0 ? { draft: true as const } : {}),
    ...(publishAt !== undefined ? { publishAt } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(terms !== undefined ? { terms } : {}),
  };
}

/**
 * A page's terms with a cascade's for each taxonomy it has no key of (`added`, as `[taxonomy, terms]`);
 * `terms` undefined when the cascade adds none.
 */
function termsWithCascade(
  own: Readonly<Record<string, readonly string[]>> | undefined,
  cascaded: ReadonlyMap<string, { readonly value: readonly string[] }> | undefined,
): { added: (readonly [string, readonly string[]])[]; terms?: Record<string, readonly string[]> } {
  const added =
    cascaded === undefined
      ? []
      : [...cascaded].filter(([taxonomy]) => own === undefined || !Object.hasOwn(own, taxonomy)).map(([taxonomy, { value }]) => [taxonomy, value] as const);
  return added.length === 0 ? { added } : { added, terms: Object.fromEntries([...Object.entries(own ?? {}), ...added]) };
}

/**
 * What the site's list pages say of its feeds: the nested sections (a folder below a top folder with its
 * own `_index.md`) and the titles of sections, terms and languages' home pages ('' from a list page without one). A term's list
 * page (`tags/go/_index.md`) titles the term whose slug its folder is, and makes no section; a taxonomy's
 * own (`tags/_index.md`) hides every term feed of its language while Hugo makes none of their pages
 * (`hiddenTaxonomies`). Where two files speak for one feed, the one Hugo reads counts (see `listPageWinners`:
 * of folders that differ only in case, the last; in one folder, `_index.md` and `_index.markdown`, the first). With them, the cascades
 * (theirs, and `siteCascades`, the site config's by language: see `siteCascade`), which also decide whether a
 * list page is a draft, when it is published and expires, and whether it is rendered, where it does not say.
 * `unread`: each list page Hugo does not read, with the one it reads in its place.
 */
export function sectionsOf(
  site: SiteConfig,
  articles: ReadonlyMap<string, ManifestArticle>,
  now: number,
  siteCascades: ReadonlyMap<string, CascadeSource> = new Map(),
): Sections & { nextChangeAt?: number; lastChangeAt?: number; unread?: ReadonlyMap<string, string> } {
  const nested = new Set<string>();
  const titles = new Map<string, string>();
  const hidden = new Set<string>();
  const drafts = new Map<string, Unpublished>();
  const dirs = new Map<string, string>();
  const slugs = new Map<string, string>();
  const hiddenTaxonomies = new Set<string>();
  let next = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  const time = (at: number | undefined): void => {
    if (at === undefined) return;
    if (at > now) next = Math.min(next, at);
    else last = Math.max(last, at);
  };
  const listPages = [...articles.keys()].filter((key) => key.includes('_index') && isListPage(key)).sort();
  const { winners, spellings, unread } = listPageWinners(site, listPages);
  // The cascades first: a list page takes from those above it what it does not settle itself.
  const cascades = new Map<string, CascadeSource>();
  const states = new Map<string, number>();
  const placed: { key: string; id: string; path: string; term: boolean; lang: string; list: ListPage | undefined }[] = [];
  for (const key of listPages) {
    // Not a list page Hugo reads (another one speaks for its feed: see `listPageWinners`).
    const read = winners.get(key);
    if (read === undefined) continue;
    const { lang, taxonomy, feed } = read;
    // A taxonomy's own list page (`tags/_index.md`): whether Hugo makes its terms' pages, so their feeds; its
    // cascade is above each term's.
    if (taxonomy !== undefined) {
      const id = sectionKey(lang, taxonomy);
      const list = articles.get(key)?.list;
      if (list?.cascade !== undefined) cascades.set(id, { origin: key, entries: list.cascade });
      time(list?.publishAt);
      time(list?.expiresAt);
      if (list?.hidden !== undefined || unpublishedAt(list?.draft === true, list?.publishAt, list?.expiresAt, now) !== undefined) hiddenTaxonomies.add(id);
      continue;
    }
    const id = sectionKey(lang, feed.path);
    const list = articles.get(key)?.list;
    if (list?.cascade !== undefined) cascades.set(id, { origin: key, entries: list.cascade });
    if (list?.states !== undefined) states.set(id, list.states);
    placed.push({ key, id, path: feed.path, term: feed.term, lang, list });
    // As in Hugo, a list page without a title leaves its section untitled (not named after its folder).
    titles.set(id, list?.title ?? '');
  }
  // The moments a cascade's dates pass may change what is published: a run is due then (one too many is harmless).
  for (const source of [...cascades.values(), ...siteCascades.values()]) {
    for (const entry of source.entries) for (const at of [entry.publishDate, entry.date, entry.expiryDate]) time(at);
  }
  const scope: CascadeScope | undefined =
    cascades.size > 0 || siteCascades.size > 0
      ? { listPages: cascades, site: siteCascades, states, now, ...(spellings.size > 0 ? { spellings } : {}) }
      : undefined;
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
    // A cascade's `date` is read for it without a `[frontmatter]` only (see `CascadeEntry.date`).
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
    ...(spellings.size > 0 ? { spellings } : {}),
    ...(scope !== undefined ? { cascade: scope } : {}),
    ...(Number.isFinite(next) ? { nextChangeAt: next } : {}),
    ...(Number.isFinite(last) ? { lastChangeAt: last } : {}),
    ...(unread.size > 0 ? { unread } : {}),
  };
}

/**
 * Which list pages Hugo 0.111 reads, of `listPages` (sorted): it keys its content tree lower-cased, so list
 * pages in folders that differ only in case (`News/_index.md`, `news/_index.md`) speak for one section, term
 * or taxonomy, and it keeps the last folder's, as it walks them (of two in one folder, `_index.md` and
 * `_index.markdown`, or one folder of two content folders, the first), each with its language and what it
 * speaks for (a taxonomy, or the feed of `listPageFeed`: '' for a home page's). With the spelling of each
 * section that has one, by its {@link sectionKey} lower-cased (see `Sections.spellings`).
 *
 * @example listPageWinners(site, ['content/News/_index.md', 'content/news/_index.md']).winners.keys() // 'content/news/_index.md'
 */
function listPageWinners(
  site: SiteConfig,
  listPages: readonly string[],
): { winners: Map<string, ReadListPage>; spellings: Map<string, string>; unread: Map<string, string> } {
  const byFold = new Map<string, { key: string; folder: string; section?: string }>();
  const folds = new Map<string, string>();
  const read = new Map<string, ReadListPage>();
  for (const key of listPages) {
    const location = locateArticle(site, key);
    if (location === undefined) continue;
    const { relPath, lang } = location;
    const folder = relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')));
    const taxonomy = taxonomyListPage(site, relPath, lang);
    const page: ReadListPage =
      taxonomy !== undefined ? { lang: lang.key, taxonomy } : { lang: lang.key, feed: listPageFeed(site, relPath, lang) ?? { path: '', term: false } };
    const { feed } = page;
    // A section's folded; a term's is its slug, already lower-cased but with disablePathToLower (as its feed's folder).
    const section = feed !== undefined && !feed.term && feed.path !== '' ? feed.path : undefined;
    const id = sectionKey(lang.key, section !== undefined ? lowerAsGo(section) : (feed?.path ?? taxonomy ?? ''));
    const fold = `${taxonomy === undefined ? 'f' : 't'}${id}`;
    folds.set(key, fold);
    read.set(key, page);
    const had = byFold.get(fold);
    if (had !== undefined && had.folder === folder) continue;
    byFold.set(fold, { key, folder, ...(section !== undefined ? { section } : {}) });
  }
  const winners = new Map<string, ReadListPage>();
  const spellings = new Map<string, string>();
  for (const [fold, { key, section }] of byFold) {
    winners.set(key, read.get(key) as ReadListPage);
    if (section !== undefined) spellings.set(fold.slice(1), section);
  }
  // Each list page Hugo does not read, with the one it reads in its place.
  const unread = new Map<string, string>();
  for (const [key, fold] of folds) if (!winners.has(key)) unread.set(key, byFold.get(fold)?.key ?? key);
  return { winners, spellings, unread };
}

/** A list page Hugo reads: its language, and the taxonomy it is the own list page of, or the feed it speaks for. */
type ReadListPage =
  | { readonly lang: string; readonly taxonomy: string; readonly feed?: undefined }
  | { readonly lang: string; readonly taxonomy?: undefined; readonly feed: { readonly path: string; readonly term: boolean } };

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
  site.languages.forEach((language, index) => {
    const options = cascadeOptions(site, language.key);
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
