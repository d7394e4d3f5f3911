import type { FeedSpec, Problem, SiteConfig } from '../model.js';
import { findCollisions, isFeedFileName, lowerAsGo, pathStyle, permalinkValue, termSlug, urlize } from './slug.js';
import { cleanFolders, languagePrefix, languageUrl, listPageUrl, PERMALINK_TOKEN, permalinkPath } from './urls.js';
import pluralize from 'pluralize';
import { getOrInsert } from '../get-or-insert.js';
import { propertyKey } from '../util/property-key.js';
import { isLeafIndex, locateArticle } from '../parse/pages.js';
import { defaultLanguageCode, kindDisabled, permalinkOf, taxonomiesOf } from '../config/language-settings.js';
import { directoryStrings } from '../render/directory/directory-strings.js';
import { STATES } from '../parse/cascade-states.js';
import { type Cascaded, type CascadedValues, type CascadeNode, type CascadeSource, hugoPath, resolveCascade } from './cascade.js';

/** What the planner needs of an article. */
export interface PlanEntry {
  readonly key: string;
  readonly lang: string;
  /** The top folder of its content folder ('' for a page at the top); `sectionOf` finds its Hugo section. */
  readonly section: string;
  readonly published: number;
  readonly updated: number;
  readonly terms: Readonly<Record<string, readonly string[]>>;
  /** Listed in its section's and terms' feeds only (`_build.list: local`) when true. */
  readonly local?: boolean;
}

/** A planned feed whose items are entries of type T (full articles, or manifest entries). */
export type FeedPlan<T> = Omit<FeedSpec, 'items'> & { readonly items: readonly T[] };

/** Newest first; ties broken by key so the order never depends on input order. */
export function compareEntries(a: PlanEntry, b: PlanEntry): number {
  return b.published - a.published || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * Plans every feed of the site from the published entries: the site (all languages, on multilingual
 * sites), each language, each section (top folders and, from `sections`, nested ones) and each term of
 * each taxonomy in each language, at Hugo's paths, sections and terms titled as Hugo titles them (list
 * pages' titles from `sections`). Items are sorted newest first and cut to the item limit. Term feeds
 * exist for terms with items, and, empty, for terms only a list page or a page in no feed has (from
 * `sections`); names that share a slug (`Go`, `go`) share one feed, as in Hugo. A
 * section's or term's feed in the all-languages folder takes it (see {@link allLanguagesPathProblems}).
 * Pure and deterministic.
 *
 * @example planFeeds(site, published).map((f) => f.dir) // ['', 'categories/qq/', 'zh-cn/', …]
 */
export function planFeeds<T extends PlanEntry>(
  site: SiteConfig,
  published: readonly T[],
  sections: Sections = NO_SECTIONS,
  onDropped?: (dropped: FeedPlan<T>, holder: FeedPlan<T>) => void,
): FeedPlan<T>[] {
  const sorted = [...published].sort(compareEntries);
  const feeds: FeedPlan<T>[] = [];
  const multilingual = site.languages.length > 1;
  // A site has a few hundred terms over tens of thousands of articles: slug each name once.
  const slugs = new Map<string, string>();
  // disablePathToLower keeps a term's case in its folder (`tags/Go/`), as Hugo does.
  const lower = pathStyle(site);
  const slugOf = (name: string): string => getOrInsert(slugs, name, () => termSlug(name, lower, site.rssFile));
  const newGroup = (): { items: T[]; names: Map<string, number> } => ({ items: [], names: new Map() });
  const newList = (): T[] => [];

  // One pass sorts every entry into its groups: its language's, its section's, its terms'. A pass over
  // 30,000 entries costs ~15 ms of memory latency whatever it does (their objects are spread over the
  // heap), and one per language and taxonomy made nine.
  const plurals = site.taxonomies.map((taxonomy) => propertyKey(taxonomy.plural));
  const byLanguage = new Map(
    site.languages.map((language) => [
      language.key,
      { listed: [] as T[], bySection: new Map<string, T[]>(), byTerm: plurals.map(() => new Map<string, { items: T[]; names: Map<string, number> }>()) },
    ]),
  );
  // `_build.list: local` pages are in their sections' and terms' feeds only.
  const global: T[] = [];
  const seen: string[] = []; // an article's few slugs so far (a Set per article cost more at 30k)
  type TermGroup = { items: T[]; names: Map<string, number> };
  /** Calls `visit` with the group of each term `terms` names, once per slug of each taxonomy (`Go` and `go` are one). */
  const forEachTermGroup = (
    byTerm: readonly Map<string, TermGroup>[],
    terms: Readonly<Record<string, readonly string[]>>,
    visit: (group: TermGroup, name: string) => void,
  ): void => {
    for (let t = 0; t < plurals.length; t++) {
      const names = terms[plurals[t] as string];
      if (names === undefined || names.length === 0) continue;
      const groups = byTerm[t] as Map<string, TermGroup>;
      seen.length = 0;
      for (const name of names) {
        const slug = slugOf(name);
        if (seen.includes(slug)) continue;
        seen.push(slug);
        visit(getOrInsert(groups, slug, newGroup), name);
      }
    }
  };
  for (const entry of sorted) {
    if (!entry.local) global.push(entry);
    const groups = byLanguage.get(entry.lang);
    if (groups === undefined) continue;
    if (!entry.local) groups.listed.push(entry);
    const section = sectionOf(site, entry, sections);
    if (section !== '') getOrInsert(groups.bySection, section, newList).push(entry);
    // The top folder is a section of Hugo's even when its pages are all in nested ones: its feed, empty.
    const top = spelledSection(sections.spellings, entry.lang, entry.section);
    if (section !== top && top !== '') getOrInsert(groups.bySection, top, newList);
    forEachTermGroup(groups.byTerm, entry.terms, (group, name) => {
      group.items.push(entry);
      group.names.set(name, (group.names.get(name) ?? 0) + 1);
    });
  }
  // A page Hugo builds that no feed lists (`Sections.quietTerms`) makes each of its terms one of Hugo's:
  // the term's feed is there, empty when no article is in it, and only then named by such pages.
  for (const page of sections.quietTerms ?? []) {
    const groups = byLanguage.get(page.lang);
    if (groups === undefined) continue;
    forEachTermGroup(groups.byTerm, page.terms, (group, name) => {
      if (group.items.length === 0) group.names.set(name, (group.names.get(name) ?? 0) + 1);
    });
  }
  const allLanguages = multilingual
    ? feed(
        site,
        {
          dir: allLanguagesDir(site),
          kind: 'site',
          // Not the site's title alone: that is the default language's home feed's too (a subscriber saw two
          // "Example News" in a discovery list and a reader's subscriptions, a syndication audit).
          title: `${site.title} · ${directoryStrings(defaultLanguageCode(site)).allLanguages}`,
          description: site.description || `Recent content on ${site.title}`,
          link: site.baseURL,
        },
        global,
        site.feeds.limit,
      )
    : [];
  for (const language of site.languages) {
    // A language's own limit for its feeds (the all-languages feed keeps the site's).
    const limit = language.limit ?? site.feeds.limit;
    const prefix = languagePrefix(site, language.key);
    const { listed, bySection, byTerm } = byLanguage.get(language.key) ?? { listed: [], bySection: new Map<string, T[]>(), byTerm: [] };
    // Titled as Hugo's RSS template titles the home page: by its list page's title (`content/_index.md`)
    // when that is not the site's ("Welcome on Example News"); described so too, unless the config describes it.
    const home = titled(sections.titles.get(sectionKey(language.key, '')) ?? '', language.title);
    // Not when a cascade (the home page's, the site config's) makes the home page a draft or unrendered.
    const homeHidden = autoNodeState(sections, { kind: 'home', path: '/', lang: language.key }) !== undefined;
    feeds.push(
      ...(homeHidden
        ? []
        : feed(
            site,
            {
              dir: prefix,
              kind: multilingual ? 'language' : 'site',
              lang: language.key,
              ...(language.code !== undefined ? { languageCode: language.code } : {}),
              title: home.title,
              description: language.description || home.description,
              link: languageUrl(site, language.key, prefix),
            },
            listed,
            limit,
          )),
    );
    // Hugo's section feeds (`news/index.xml`): each section's own pages (a nested section's are in its
    // feed, not its parent's), titled by the section's list page (`news/_index.md`), else as Hugo titles
    // a section without one (the name pluralized unless the site says not, capitalized: `blog` → "Blogs").
    // A section with a list page of its own is published by Hugo even with no page live yet (or none any
    // more): its feed then has no items, and its subscribers no 404.
    // So is a top folder whose pages Hugo builds but no feed lists (undated, or listed nowhere): empty.
    // `disableKinds`: Hugo makes no section page, or no term page, and so no feed of theirs (nor does feedpub:
    // no subscriber can have one). Their pages are in every other feed all the same.
    const quiet = quietSections(language.key, sections).map((folder) => spelledSection(sections.spellings, language.key, folder));
    const sectionNames = kindDisabled(site, language, 'section')
      ? new Map<string, string[]>()
      : oneSpelling([...bySection.keys(), ...listedSections(site, language.key, sections), ...quiet]);
    for (const [section, spellings] of sectionNames) {
      const key = sectionKey(language.key, section);
      const moved = sections.dirs?.get(key);
      const dir = moved ?? sectionDir(site, prefix, section, sections.titles.has(key));
      if (dir === undefined || sections.hidden.has(key)) continue;
      // A top folder without a list page that the home page's or the site's cascade leaves unpublished or unrendered.
      if (!sections.titles.has(key) && autoNodeState(sections, { kind: 'section', path: hugoPath(site, `${section}/_index.md`), lang: language.key })) continue;
      // A list page without a title gives an empty one; Hugo then names the feed by the site alone.
      const name = sections.titles.get(key) ?? sectionTitle(section, site.pluralizeListTitles !== false);
      feeds.push(
        ...feed(
          site,
          {
            dir,
            kind: 'section',
            section,
            lang: language.key,
            ...(language.code !== undefined ? { languageCode: language.code } : {}),
            ...titled(name, language.title),
            // The section's page as Hugo links it (`posts.html` with uglyURLs; a list page's `url` as it says).
            link: moved === undefined ? listPageUrl(site, dir, section.split('/')[0] ?? section, language.key) : languageUrl(site, language.key, dir),
          },
          spellings.length === 1 ? (bySection.get(section) ?? []) : spellings.flatMap((name) => bySection.get(name) ?? []).sort(compareEntries),
          limit,
        ),
      );
    }
    site.taxonomies.forEach((taxonomy, t) => {
      if (kindDisabled(site, language, 'term') || sections.hiddenTaxonomies?.has(sectionKey(language.key, taxonomy.plural))) return;
      const groups = byTerm[t] ?? new Map<string, { items: T[]; names: Map<string, number> }>();
      // A term with a list page of its own (`tags/go/_index.md`) is a page Hugo publishes with no article
      // tagged (yet, or any more): its feed is there, empty, as a listed section's is.
      const listed = listedTerms(language.key, taxonomy.plural, sections).filter((slug) => !groups.has(slug));
      for (const slug of [...groups.keys(), ...listed].sort()) {
        const group = groups.get(slug) ?? { items: [], names: new Map<string, number>() };
        if (sections.hidden.has(sectionKey(language.key, `${taxonomy.plural}/${slug}`))) continue;
        const termNode = { kind: 'term', path: `/${taxonomy.plural}/${slug}`, lang: language.key } as const;
        if (!sections.titles.has(sectionKey(language.key, `${taxonomy.plural}/${slug}`)) && autoNodeState(sections, termNode)) continue;
        const name = group.names.size > 0 ? displayName(group.names) : sections.titles.get(sectionKey(language.key, `${taxonomy.plural}/${slug}`)) || slug;
        const termKey = sectionKey(language.key, `${taxonomy.plural}/${slug}`);
        const moved = sections.dirs?.get(termKey);
        const dir = moved ?? termDir(site, language.key, taxonomy.plural, slug, sections.titles.get(termKey) || name, sections.slugs?.get(termKey));
        feeds.push(
          ...feed(
            site,
            {
              dir,
              kind: 'term',
              lang: language.key,
              ...(language.code !== undefined ? { languageCode: language.code } : {}),
              taxonomy: taxonomy.plural,
              term: name,
              // The term's list page (`tags/go/_index.md`) titles it, as in Hugo; else its name as written.
              ...titled(sections.titles.get(sectionKey(language.key, `${taxonomy.plural}/${slug}`)) ?? name, language.title),
              link: moved === undefined ? listPageUrl(site, dir, taxonomy.plural, language.key) : languageUrl(site, language.key, dir),
            },
            group.items,
            limit,
          ),
        );
      }
    });
  }
  // The all-languages feed is feedpub's own: a section's or a term's feed in its folder (`all/`) is the one
  // Hugo publishes there and the site's pages link to, so that one keeps the folder and the all-languages
  // feed (with its archives) is left out; `allLanguagesPathProblems` says so. It stays first in the list.
  const head = allLanguages[0];
  const kept = head !== undefined && feeds.some((f) => f.dir === head.dir) ? [] : allLanguages;
  // A list page's `url` can name a folder another feed has (`url: /tags/go/`, or a language's), and so can a
  // taxonomy permalink (`tags = "/:slug/"` and a tag `fr`) or a nested term (`x/archive/1`, where term `x`
  // keeps an archive page): no two plans write one file. A language's feeds keep their folders; elsewhere
  // the first feed planned there does. `onDropped` hears of each feed left out.
  const all = [...kept, ...feeds];
  const languageDirs = new Set(all.filter((f) => f.kind === 'site' || f.kind === 'language').map((f) => f.dir));
  const holders = new Map<string, FeedPlan<T>>();
  for (const f of all) {
    if (holders.has(f.dir) || (languageDirs.has(f.dir) && f.kind !== 'site' && f.kind !== 'language')) continue;
    holders.set(f.dir, f);
  }
  // A folder named like a feed file of the folder above, which has a feed (a section `index.xml/` beside
  // the home feed's index.xml): the file and the folder cannot both be written (Hugo fails the build).
  const fileHolder = (dir: string): FeedPlan<T> | undefined => {
    const parts = dir.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (!isFeedFileName(parts[i] ?? '', site.rssFile)) continue;
      const parent = holders.get(parts.slice(0, i).join('/') + (i > 0 ? '/' : ''));
      if (parent !== undefined) return parent;
    }
    return undefined;
  };
  return all.filter((f) => {
    const holder = holders.get(f.dir);
    if (holder !== f) {
      if (holder !== undefined) onDropped?.(f, holder);
      return false;
    }
    const parent = f.kind === 'site' || f.kind === 'language' ? undefined : fileHolder(f.dir);
    if (parent !== undefined) onDropped?.(f, parent);
    return parent === undefined;
  });
}

/**
 * A warning for a feed `planFeeds` left out because another has its folder (see its `onDropped`).
 *
 * @example planFeeds(site, published, sections, (dropped, holder) => problems.push(droppedFeedProblem(dropped, holder)));
 */
export function droppedFeedProblem(dropped: Omit<FeedSpec, 'items'>, holder: Omit<FeedSpec, 'items'>): Problem {
  return {
    file: '(site)',
    severity: 'warning',
    rule: 'feed-path-collision',
    message:
      dropped.dir === holder.dir
        ? `the ${describeFeed(dropped)} would be in ${dropped.dir || '/'}, the folder of the ${describeFeed(holder)}: not published`
        : `the ${describeFeed(dropped)} would be in ${dropped.dir}, a folder named like a file of the ${describeFeed(holder)} in ${holder.dir || '/'}: not published`,
  };
}

/** A feed as a warning names it: `feed of tags "Go" (language en)`, `archive page of section "News"`. */
function describeFeed(plan: Omit<FeedSpec, 'items'>): string {
  const what =
    plan.kind === 'term'
      ? `feed of ${plan.taxonomy} "${plan.term}"`
      : plan.kind === 'section'
        ? `feed of section "${plan.section ?? plan.title}"`
        : plan.kind === 'language'
          ? `feed of language ${plan.lang}`
          : 'site feed';
  const language = plan.kind !== 'language' && plan.lang !== undefined ? ` (language ${plan.lang})` : '';
  return `${plan.history?.archive ? 'archive page of the ' : ''}${what}${language}`;
}

/**
 * A warning when a section's or a term's feed has the all-languages feed's folder (a section named `all`,
 * `allLanguagesPath = "tags/go/"`, a list page's `url`): `planFeeds` publishes that feed there and leaves
 * the all-languages one out, which nothing else would tell the author. Takes what `planFeeds` returned.
 *
 * @example
 * allLanguagesPathProblems(site, planFeeds(site, published, sections));
 * // [{ file: '(site)', severity: 'warning', rule: 'feed-path-collision',
 * //    message: 'allLanguagesPath "all/" is also the folder of the section feed "Alls on News" (language en): ...' }]
 */
export function allLanguagesPathProblems(site: SiteConfig, plans: readonly Omit<FeedSpec, 'items'>[]): Problem[] {
  if (site.languages.length < 2) return [];
  const dir = allLanguagesDir(site);
  const other = plans.find((p) => p.dir === dir);
  if (other === undefined || other.kind === 'site') return [];
  const what = other.kind === 'term' ? `the feed of ${other.taxonomy} "${other.term}"` : `the ${other.kind} feed "${other.title}"`;
  return [
    {
      file: '(site)',
      severity: 'warning',
      rule: 'feed-path-collision',
      message: `allLanguagesPath "${dir}" is also the folder of ${what} (language ${other.lang}): that feed is published there, as Hugo publishes it, and the all-languages feed is not; give allLanguagesPath a folder of its own`,
    },
  ];
}

/**
 * The sections of a language that have a list page (`news/_index.md`), terms' list pages left out, and
 * those below a section Hugo does not publish (a draft, not live yet, expired, or one whose cascade renders
 * nothing): it publishes nothing under it. With them, the top folder of each nested one Hugo builds
 * (`news/world/_index.md` gives `news`, its own list page or not), as Hugo 0.111 writes `news/index.xml`
 * for it even with no page in `news/`; not for one that is a draft, not live yet or expired, which Hugo
 * leaves out with what is below it (one it does not render, or whose pages it lists nowhere, still counts).
 */
function listedSections(site: SiteConfig, lang: string, sections: Sections): string[] {
  if (sections.titles.size === 0) return [];
  const prefix = sectionKey(lang, '');
  const plurals = taxonomiesOf(site, lang).map((t) => t.plural);
  // Whether a folder above `path` (not itself) has an unpublished list page, remembered per folder: asking
  // each folder above each section took the cube of the depth (1,600 nested sections, 5.7 s).
  const hidden = new Map<string, boolean>();
  const unpublishedAbove = (path: string): boolean => {
    if (path.startsWith('/')) return false;
    const chain: string[] = [];
    let known: boolean | undefined;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const folder = path.slice(0, slash);
      known = hidden.get(folder);
      if (known !== undefined) break;
      chain.push(folder);
    }
    // From the top folder not yet known down: hidden when it is a draft or a folder above it is hidden.
    let above = known ?? false;
    for (let i = chain.length - 1; i >= 0; i--) {
      const folder = chain[i] as string;
      above ||= sections.drafts.has(sectionKey(lang, spelledSection(sections.spellings, lang, folder)));
      hidden.set(folder, above);
    }
    return above;
  };
  const out: string[] = [];
  for (const key of sections.titles.keys()) {
    if (!key.startsWith(prefix)) continue;
    const path = key.slice(prefix.length);
    const top = path.split('/', 1)[0] ?? '';
    if (path === '' || plurals.includes(top) || unpublishedAbove(path)) continue;
    out.push(path);
    if (path !== top && !sections.drafts.has(key)) out.push(spelledSection(sections.spellings, lang, top));
  }
  return out;
}

/** The top folders of a language that hold a page Hugo builds and no feed lists (`Sections.quiet`). */
function quietSections(lang: string, sections: Sections): string[] {
  if (sections.quiet === undefined || sections.quiet.size === 0) return [];
  const prefix = sectionKey(lang, '');
  return [...sections.quiet].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
}

/** The slugs of a taxonomy's terms that have a list page in a language (`tags/go/_index.md` → `go`). */
function listedTerms(lang: string, plural: string, sections: Sections): string[] {
  if (sections.titles.size === 0) return [];
  const prefix = sectionKey(lang, `${plural}/`);
  return [...sections.titles.keys()].filter((key) => key.startsWith(prefix) && key.length > prefix.length).map((key) => key.slice(prefix.length));
}

/** Where the feed of all languages of a multilingual site lives. */
function allLanguagesDir(site: SiteConfig): string {
  return site.defaultContentLanguageInSubdir ? '' : site.feeds.allLanguagesPath;
}

/**
 * Where a section's feed lives (`zh-cn/news/`), or undefined when that folder is a language's (a section
 * named like a language prefix). A section in the all-languages folder keeps it (see `planFeeds`).
 */
function sectionDir(site: SiteConfig, prefix: string, section: string, listed: boolean): string | undefined {
  // With disablePathToLower, Hugo 0.111 keeps the case of a section with a list page (`Blog-Posts/`, and
  // every nested section has one) and lower-cases a top folder without one (`mixed/`), though not its pages.
  const lower = pathStyle(site, !site.disablePathToLower || !listed);
  const slugs = section.split('/').map((name) => urlize(name, lower));
  // Hugo 0.111 also drops the trailing dots of a top folder without one (`v1./` → `v1/index.xml`), though
  // not of its pages' links (`/v1./p/`), nor of a section with a list page (`y../index.xml`).
  if (!listed && slugs.length === 1) slugs[0] = trimTrailingDots(slugs[0] ?? '');
  const dir = `${prefix}${slugs.join('/')}/`;
  if (slugs.includes('') || site.languages.some((l) => languagePrefix(site, l.key) === dir)) return undefined;
  return dir;
}

/** `name` without its trailing dots, unless that leaves it empty or a dot segment (a {@link urlize}d name keeps its `t-<hash>`). */
function trimTrailingDots(name: string): string {
  const trimmed = name.replace(/\.+$/, '');
  return trimmed === '' || trimmed === '.' || trimmed === '..' ? name : trimmed;
}

/**
 * What a site's list pages (`_index.md`) say of its feeds: the sections besides its top folders, and the
 * titles of sections and terms. Keys are {@link sectionKey}s: a language and a folder path inside its
 * content folder (`en/news/world`, and for a term `en/tags/go`, its folder being the term's slug).
 */
export interface Sections {
  /** Nested sections: folders below a top folder with a list page of their own (`news/world/_index.md`). */
  readonly nested: ReadonlySet<string>;
  /** Titles from list pages, of sections (top and nested) and terms alike ('' for a list page without one). */
  readonly titles: ReadonlyMap<string, string>;
  /** Sections and terms whose list page Hugo publishes no page for (a draft, not yet or no longer published, `_build.render` never): no feed. */
  readonly hidden: ReadonlySet<string>;
  /**
   * Sections Hugo does not publish at this moment, their list page being a draft, not yet published or
   * expired: their pages are left out too, as in Hugo. By section: the list page's key and why.
   */
  readonly drafts: ReadonlyMap<string, Unpublished>;
  /**
   * Taxonomies of a language (`en/tags`) whose own list page (`tags/_index.md`) keeps Hugo from making any
   * of their term pages at this moment (a draft, not yet or no longer published, or cascading that or
   * `_build.render: never` to them): no term feed of theirs.
   */
  readonly hiddenTaxonomies?: ReadonlySet<string>;
  /** Folders list pages move their feeds to with a `url` (`posts/_index.md` with `url: /articles/` → `articles/`). */
  readonly dirs?: ReadonlyMap<string, string>;
  /**
   * The folder of each section with a list page, as that page writes it, by its {@link sectionKey} lower-cased
   * (`en/news` → `News`): Hugo 0.111 keys its content tree lower-cased, so a page in `news/` is in the
   * section of `News/_index.md` (see {@link spelledSection}). Keys of the other maps are spelled so.
   */
  readonly spellings?: ReadonlyMap<string, string>;
  /** The `slug` of terms' list pages (`tags/go/_index.md`), which a taxonomy's permalink's `:slug` gives; absent when none has one. */
  readonly slugs?: ReadonlyMap<string, string>;
  /** The cascades of the list pages and of the site config, which pages take what they settle not themselves; absent when none. */
  readonly cascade?: CascadeScope;
  /**
   * Top folders holding a page Hugo builds now that no feed lists (undated, listed nowhere: see
   * `QuietPage`): sections of Hugo's all the same, each with its feed, empty if nothing else is in it.
   */
  readonly quiet?: ReadonlySet<string>;
  /**
   * The terms of the pages Hugo builds now that no feed lists, by page: terms of Hugo's all the same, each
   * with its feed, empty if no article is in it (named by these pages' spellings only then).
   */
  readonly quietTerms?: readonly QuietTerms[];
}

/** What a page Hugo builds that no feed lists says of its terms (see `Sections.quietTerms`). */
export type QuietTerms = Pick<PlanEntry, 'key' | 'lang' | 'terms'>;

/** A section Hugo does not publish now: its list page's key (or the file of the cascade that says so), and why. */
export interface Unpublished {
  readonly key: string;
  readonly reason: 'draft' | 'future' | 'expired';
}

/** The cascades a run plans with (see `resolveCascade`), and the moment it plans for. */
export interface CascadeScope {
  /** By the {@link sectionKey} of a list page's folder (a language's home page's at ''): its cascade, and its key. */
  readonly listPages: ReadonlyMap<string, CascadeSource>;
  /** The site config's, by language (its dates read in the language's zone). */
  readonly site: ReadonlyMap<string, CascadeSource>;
  /** What each list page settles itself (`ListPage.states`), by the same keys as `listPages`. */
  readonly states: ReadonlyMap<string, number>;
  readonly now: number;
  /** `Sections.spellings`, which the folders above a page are spelled by to find their list pages. */
  readonly spellings?: ReadonlyMap<string, string>;
}

/**
 * The cascades above a page or a list page, nearest first: those of the list pages in `folders` (deepest
 * first), its language's home page's, the site config's.
 */
function* cascadesAbove(scope: CascadeScope, lang: string, folders: readonly string[]): Generator<CascadeSource> {
  for (const folder of [...folders, '']) {
    const source = scope.listPages.get(sectionKey(lang, spelledSection(scope.spellings, lang, folder)));
    if (source !== undefined) yield source;
  }
  const site = scope.site.get(lang);
  if (site !== undefined) yield site;
}

/**
 * What the cascades above a page give it (see `resolveCascade`): the list pages' above it, its language's home
 * page's, the site config's. Undefined when the site has no cascade.
 *
 * @example pageCascade(site, entry, sections)?.draft // { value: true, origin: 'content/en/posts/_index.md' }
 */
export function pageCascade(site: SiteConfig, entry: Pick<PlanEntry, 'key' | 'lang'>, sections: Sections): CascadedValues | undefined {
  const scope = sections.cascade;
  if (scope === undefined) return undefined;
  const relPath = locateArticle(site, entry.key)?.relPath ?? '';
  return resolveCascade(cascadesAbove(scope, entry.lang, foldersAbove(site, entry)), { kind: 'page', path: hugoPath(site, relPath), lang: entry.lang });
}

/** What the cascades above a list page or a section without one give it of what decides whether Hugo publishes it. */
export interface NodeCascade {
  readonly draft?: Cascaded<boolean>;
  /** Its `publishDate` from a cascade, which comes before its own `date`. */
  readonly publishDate?: Cascaded<number>;
  /** Its `date` from a cascade, when it has none of its own. */
  readonly date?: Cascaded<number>;
  readonly expiryDate?: Cascaded<number>;
  /** Why Hugo renders no page for it (`_build.render` never/false/link), from a cascade. */
  readonly unrendered?: Cascaded<string>;
}

/**
 * What the cascades above a node (`folders`: the list pages' folders above it, deepest first; then its
 * language's home page's and the site config's cascade) give it of the keys it does not settle itself
 * (`states`, `STATES` bits).
 *
 * @example nodeCascade(scope, { kind: 'section', path: '/posts/old', lang: 'en' }, ['posts'], 0).draft
 */
export function nodeCascade(scope: CascadeScope, node: CascadeNode, folders: readonly string[], states: number): NodeCascade {
  const values = resolveCascade(cascadesAbove(scope, node.lang, folders), node);
  const unrendered = values.build?.value.unrendered;
  return {
    ...(values.draft !== undefined && (states & STATES.draft) === 0 ? { draft: values.draft } : {}),
    ...(values.publishDate !== undefined && (states & STATES.publishDate) === 0 ? { publishDate: values.publishDate } : {}),
    ...(values.date !== undefined && (states & STATES.date) === 0 ? { date: values.date } : {}),
    ...(values.expiryDate !== undefined && (states & STATES.expiryDate) === 0 ? { expiryDate: values.expiryDate } : {}),
    ...(unrendered !== undefined && values.build !== undefined && (states & STATES.build) === 0
      ? { unrendered: { value: unrendered, origin: values.build.origin } }
      : {}),
  };
}

/**
 * Why Hugo does not publish now a language's home page, a top folder without a list page or a term without
 * one, by the cascades above it (a term's taxonomy's list page's, `tags/_index.md`; its home page's; the site
 * config's): a draft, not published yet, expired, or not rendered ('unrendered': no feed; its pages are
 * listed). Undefined when it publishes it.
 *
 * @example autoNodeState(sections, { kind: 'section', path: '/posts', lang: 'en' }) // { reason: 'draft', key: 'hugo.toml' }
 */
export function autoNodeState(
  sections: Sections,
  node: CascadeNode,
): { readonly reason: Unpublished['reason'] | 'unrendered'; readonly key: string } | undefined {
  const scope = sections.cascade;
  if (scope === undefined) return undefined;
  const states = node.kind === 'home' ? (scope.states.get(sectionKey(node.lang, '')) ?? 0) : 0;
  const cascaded = nodeCascade(scope, node, node.kind === 'term' ? termFolders(node.path) : [], states);
  const unpublished = unpublishedBy(cascaded.draft, cascaded.publishDate ?? cascaded.date, cascaded.expiryDate, scope.now);
  if (unpublished !== undefined) return unpublished;
  return cascaded.unrendered === undefined ? undefined : { reason: 'unrendered', key: cascaded.unrendered.origin };
}

/**
 * The folder of a term's taxonomy, whose list page (`tags/_index.md`) cascades to the term: `/tags/go` → `tags`.
 *
 * @example termFolders('/tags/go') // ['tags']
 */
export function termFolders(path: string): string[] {
  const taxonomy = path.split('/')[1] ?? '';
  return taxonomy === '' ? [] : [taxonomy];
}

/** Why a node with these cascaded values is not published at `now`, and the file of the cascade that says so. */
function unpublishedBy(
  draft: Cascaded<boolean> | undefined,
  publishAt: Cascaded<number> | undefined,
  expiresAt: Cascaded<number> | undefined,
  now: number,
): Unpublished | undefined {
  if (draft?.value === true) return { key: draft.origin, reason: 'draft' };
  if (publishAt !== undefined && publishAt.value > now) return { key: publishAt.origin, reason: 'future' };
  if (expiresAt !== undefined && expiresAt.value <= now) return { key: expiresAt.origin, reason: 'expired' };
  return undefined;
}

/** A site whose list pages say nothing: every section is a top folder, each feed titled by its name. */
export const NO_SECTIONS: Sections = { nested: new Set(), titles: new Map(), hidden: new Set(), drafts: new Map() };

/**
 * The unpublished section a page sits in (at any depth above it), if any: its list page and why.
 *
 * @example draftSectionOf(site, entry, sections) // { key: 'content/en/news/_index.md', reason: 'draft' }
 */
export function draftSectionOf(site: SiteConfig, entry: Pick<PlanEntry, 'key' | 'lang' | 'section'>, sections: Sections): Unpublished | undefined {
  if (sections.drafts.size === 0 || entry.section === '') return undefined;
  for (const folder of foldersAbove(site, entry)) {
    const listPage = sections.drafts.get(sectionKey(entry.lang, spelledSection(sections.spellings, entry.lang, folder)));
    if (listPage !== undefined) return listPage;
  }
  return undefined;
}

/**
 * The folders a page sits in, deepest first, down to its top folder: its own folder (for a leaf bundle's
 * index, the bundle's parent) and each one above.
 *
 * @example foldersAbove(site, { key: 'content/en/news/world/a.md', … }) // ['news/world', 'news']
 */
export function foldersAbove(site: SiteConfig, entry: Pick<PlanEntry, 'key'>): string[] {
  const relPath = locateArticle(site, entry.key)?.relPath ?? '';
  let folder = relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')));
  if (isLeafIndex(relPath)) folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')));
  const folders: string[] = [];
  for (; folder !== ''; folder = folder.slice(0, Math.max(0, folder.lastIndexOf('/')))) folders.push(folder);
  return folders;
}

/** A feed's title and description as Hugo's RSS template words them: by the site alone when the name is empty or the site's. */
function titled(name: string, site: string): { title: string; description: string } {
  return name !== '' && name !== site
    ? { title: `${name} on ${site}`, description: `Recent content in ${name} on ${site}` }
    : { title: site, description: `Recent content on ${site}` };
}

/**
 * The section a page belongs to, as Hugo places it: the nearest folder above it that is a nested section,
 * else its top folder ('' for a page at the top of its content folder). A leaf bundle's page sits in the
 * bundle's parent folder.
 *
 * @example sectionOf(site, { key: 'content/en/news/world/a.md', lang: 'en', section: 'news', … }, { nested: new Set(['en/news/world']), titles }) // 'news/world'
 */
export function sectionOf(site: SiteConfig, entry: Pick<PlanEntry, 'key' | 'lang' | 'section'>, sections: Sections): string {
  const spellings = sections.spellings;
  const top = spelledSection(spellings, entry.lang, entry.section);
  if (sections.nested.size === 0 || top === '') return top;
  for (const folder of foldersAbove(site, entry)) {
    const spelled = spelledSection(spellings, entry.lang, folder);
    if (sections.nested.has(sectionKey(entry.lang, spelled))) return spelled;
  }
  return top;
}

/**
 * A section's folder as Hugo 0.111 takes it: it keys its content tree lower-cased, so folders that differ
 * only in case (`News/`, `news/`) are one section, spelled as the folder of the list page it keeps
 * (`Sections.spellings`); without one, as written (`planFeeds` merges those).
 *
 * @example spelledSection(new Map([['en/news', 'News']]), 'en', 'news') // 'News'
 */
export function spelledSection(spellings: ReadonlyMap<string, string> | undefined, lang: string, folder: string): string {
  if (spellings === undefined || folder === '') return folder;
  return spellings.get(sectionKey(lang, lowerAsGo(folder))) ?? folder;
}

/**
 * Section folders by the one their feed is named by, each with the spellings found for it: folders that
 * differ only in case are one section for Hugo 0.111, named as the first it walks (the least, `NEWs` before
 * `news`). Those with a list page come already spelled as it (see {@link spelledSection}). Sorted.
 *
 * @example oneSpelling(['news', 'blog', 'nEWs']) // Map { 'blog' => ['blog'], 'nEWs' => ['nEWs', 'news'] }
 */
function oneSpelling(folders: readonly string[]): Map<string, string[]> {
  const byFold = new Map<string, string[]>();
  for (const folder of new Set(folders)) getOrInsert(byFold, lowerAsGo(folder), () => []).push(folder);
  const named = [...byFold.values()].map((spellings): [string, string[]] => {
    spellings.sort();
    return [spellings[0] as string, spellings];
  });
  return new Map(named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The key of a section or a term in {@link Sections}: its language and its folder inside the content
 * folder (a term's: the taxonomy and the term's slug).
 *
 * @example sectionKey('en', 'news/world') // 'en/news/world'
 * @example sectionKey('en', 'tags/go') // 'en/tags/go'
 */
export function sectionKey(lang: string, section: string): string {
  return `${lang}/${section}`;
}

/**
 * Hugo's title of a section without a titled list page: its folder's name, pluralized unless the site
 * sets `pluralizeListTitles = false`, first letter capitalized.
 */
function sectionTitle(section: string, plural: boolean): string {
  const name = section.slice(section.lastIndexOf('/') + 1);
  const title = plural ? pluralize(name) : name;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * Where a term's feed lives: `<taxonomy>/<slug>/`, or where the taxonomy's permalink puts it (`[permalinks]
 * tags = "/topic/:slug/"` → `topic/go/`), under the language prefix, as Hugo 0.111 places the term's page:
 * `:title` is the term's title (its list page's, else its name), `:slug` its list page's `slug`, else its
 * title (a list page titled `Golang` puts `go` at `topic/golang/`), and the pattern's own text is made a
 * path as a page's (`/Topics/` → `topics/`). The config refuses every other token in a term's pattern
 * (`checkTermPatterns` in src/config/site-config.ts). The language's own permalinks apply when it has some.
 */
function termDir(site: SiteConfig, lang: string, plural: string, slug: string, title: string | undefined, listSlug: string | undefined): string {
  const prefix = languagePrefix(site, lang);
  const pattern = permalinkOf(site, lang, plural);
  if (pattern === undefined) return `${prefix}${plural}/${slug}/`;
  const style = pathStyle(site);
  const titled = permalinkValue(title ? termSlug(title, style, site.rssFile) : slug);
  const values: ReadonlyMap<string, string> = new Map([
    [':slug', listSlug ? permalinkValue(termSlug(listSlug, style, site.rssFile)) : titled],
    [':title', titled],
  ]);
  // Its `.` and `..` folders resolved as a page's (`/topic/./../:slug/` is `/go/` in Hugo 0.111); nothing
  // left is the taxonomy's folder.
  const path = cleanFolders(
    permalinkPath(
      pattern.replace(PERMALINK_TOKEN, (token) => values.get(token) ?? ''),
      style,
    ),
  );
  return path === '' ? `${prefix}${plural}/${slug}/` : `${prefix}${path}/`;
}

/**
 * The folders of every feed `planFeeds` would list `entry` in, were it published and new enough (archive
 * pages aside): the site's and its language's (not for a `local` entry), its section's, and each of its
 * terms'. Pure. It may name more (the all-languages folder when a section's or term's feed took it),
 * never fewer: a run for reported keys re-checks the feeds in these folders and keeps the rest.
 *
 * @example feedDirsOf(site, entry) // ['all/', 'zh-cn/', 'zh-cn/categories/qq/', 'zh-cn/tags/ai/']
 */
export function feedDirsOf(
  site: SiteConfig,
  entry: Pick<PlanEntry, 'key' | 'lang' | 'section' | 'terms' | 'local'>,
  sections: Sections = NO_SECTIONS,
): string[] {
  const prefix = languagePrefix(site, entry.lang);
  const dirs = entry.local ? [] : site.languages.length > 1 ? [allLanguagesDir(site), prefix] : [prefix];
  const own = sectionOf(site, entry, sections);
  const top = spelledSection(sections.spellings, entry.lang, entry.section);
  // Its section's, and its top folder's when that is another (whose feed is there, empty, for it).
  const folders = kindDisabled(site, entry.lang, 'section') ? [] : own === top ? [own] : [own, top];
  for (const folder of folders) {
    const key = sectionKey(entry.lang, folder);
    const section =
      folder === '' || sections.hidden.has(key) ? undefined : (sections.dirs?.get(key) ?? sectionDir(site, prefix, folder, sections.titles.has(key)));
    if (section !== undefined) dirs.push(section);
  }
  for (const taxonomy of kindDisabled(site, entry.lang, 'term') ? [] : site.taxonomies) {
    if (sections.hiddenTaxonomies?.has(sectionKey(entry.lang, taxonomy.plural))) continue;
    for (const name of entry.terms[taxonomy.plural] ?? []) {
      const slug = termSlug(name, pathStyle(site), site.rssFile);
      const key = sectionKey(entry.lang, `${taxonomy.plural}/${slug}`);
      if (!sections.hidden.has(key))
        dirs.push(sections.dirs?.get(key) ?? termDir(site, entry.lang, taxonomy.plural, slug, sections.titles.get(key) || name, sections.slugs?.get(key)));
    }
  }
  return dirs;
}

function feed<T extends PlanEntry>(site: SiteConfig, head: Omit<FeedPlan<T>, 'items' | 'updated'>, sortedItems: readonly T[], limit: number): FeedPlan<T>[] {
  const plan = (extra: Partial<FeedPlan<T>>, items: readonly T[]): FeedPlan<T> => {
    // The newest date of the items, also before 1970 (a negative time); 0 for an empty feed.
    let updated = items.length > 0 ? Number.NEGATIVE_INFINITY : 0;
    for (const item of items) updated = Math.max(updated, item.updated, item.published);
    return { ...head, ...extra, items, updated };
  };
  if (!site.feeds.archives) return [plan({}, sortedItems.slice(0, limit))];
  // RFC 5005: archive pages of `limit` items counted from the oldest, so a new item dated after every
  // archived one moves no page's members; only full pages are archived, the subscription feed keeps the
  // newest. Pages are what the items alone make them (a clean build gives the same pages), so an item that
  // comes in dated before an archived one (backdated, a draft made live, a tag added) or an archived item
  // that goes out (deleted, expired, drafted, untagged) or is re-dated shifts its page and every newer one.
  const pages = Math.floor(sortedItems.length / limit);
  const archiveDir = (k: number): string => `${head.dir}archive/${k}/`;
  if (pages === 0 || sortedItems.length <= limit) {
    return [plan({ history: { complete: true } }, sortedItems)];
  }
  const out = [plan({ history: { prevArchive: archiveDir(pages) } }, sortedItems.slice(0, limit))];
  for (let k = pages; k >= 1; k--) {
    const end = sortedItems.length - (k - 1) * limit;
    const items = sortedItems.slice(end - limit, end);
    out.push(
      plan(
        {
          dir: archiveDir(k),
          title: `${head.title} (archive ${k})`,
          history: {
            archive: true,
            current: head.dir,
            ...(k > 1 ? { prevArchive: archiveDir(k - 1) } : {}),
            ...(k < pages ? { nextArchive: archiveDir(k + 1) } : {}),
          },
        },
        items,
      ),
    );
  }
  return out;
}

/** The most used spelling of a term; ties go to the smallest in code-point order. */
function displayName(names: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [name, count] of names) {
    if (count > bestCount || (count === bestCount && name < best)) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/** Term names that share a slug, per taxonomy, across all entries (for `check`), slugged as {@link planFeeds} slugs them. */
export function termCollisions(site: SiteConfig, entries: readonly Pick<PlanEntry, 'terms'>[]): { taxonomy: string; slug: string; names: string[] }[] {
  // One pass over the entries for all taxonomies (see planFeeds).
  const plurals = site.taxonomies.map((taxonomy) => propertyKey(taxonomy.plural));
  const names = plurals.map(() => new Set<string>());
  for (const e of entries) {
    for (let t = 0; t < plurals.length; t++) {
      const list = e.terms[plurals[t] as string];
      if (list !== undefined) for (const n of list) names[t]?.add(n);
    }
  }
  return site.taxonomies.flatMap((taxonomy, t) =>
    findCollisions(names[t] ?? new Set<string>(), pathStyle(site), site.rssFile).map((c) => ({ taxonomy: taxonomy.plural, ...c })),
  );
}
