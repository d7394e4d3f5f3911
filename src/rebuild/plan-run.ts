import type { ArticleEntry, ManifestArticle } from '../manifest.js';
import type { Problem, SiteConfig } from '../model.js';
import {
  allLanguagesPathProblems,
  autoNodeState,
  draftSectionOf,
  droppedFeedProblem,
  type FeedPlan,
  planFeeds,
  type QuietTerms,
  type Sections,
  sectionKey,
  spelledSection,
  type Unpublished,
} from '../plan/plan-feeds.js';
import { hugoPath } from '../plan/cascade.js';
import { type RefResolution, resolveRefs } from '../plan/refs.js';
import { type Selection, selectPublished, sharedIdsResolved } from '../plan/select.js';
import { termCollisionProblems } from '../plan/term-collision-problems.js';
import { translationKeyProblems } from '../plan/translation-key-problems.js';
import { urlCollisionProblems } from '../plan/url-collision-problems.js';
import { holdMessage } from './notes.js';
import { quietCascaded, sectionsOf, siteCascade, withCascade, withListPageTimes, withSectionUrl } from './sections.js';

/** What a run publishes, by its records: the feeds, what each lists, and why the rest is left out. */
export interface RunPlan {
  /** What the list pages say: sections (nested ones, drafts, titles), which also pick `:sections` permalinks. */
  readonly sections: Sections;
  /** Every article that parsed, as its sections make it (published or not). */
  readonly entries: readonly ArticleEntry[];
  /** The articles published and held, with the moments the selection changes by itself (list pages' too). */
  readonly selection: Selection<ArticleEntry>;
  readonly plans: readonly FeedPlan<ArticleEntry>[];
  /** What the published articles' ref/relref shortcodes name: a link follows a page that moves. */
  readonly references: RefResolution;
  /** Files rejected: no entry, an error. */
  readonly rejected: number;
  /** Articles left out as a copy of another's id (an author's error too: their own items never show). */
  readonly duplicates: number;
}

/**
 * Plans a run from its records (in key order) at `now`: sections, the published selection, the feeds and
 * where references lead. Pure; every problem found (the records' own, and planning's) goes into `problems`.
 *
 * @example const { plans, selection } = planRun(site, articles, records, Date.parse('2025-02-10T08:00:00Z'), problems);
 */
export function planRun(
  site: SiteConfig,
  articles: ReadonlyMap<string, ManifestArticle>,
  records: ReadonlyMap<string, ManifestArticle>,
  now: number,
  problems: Problem[],
): RunPlan {
  const config = siteCascade(site);
  problems.push(...config.problems);
  const { unread, ...listed } = sectionsOf(site, articles, now, config.cascades);
  for (const [key, by] of unread ?? []) problems.push(unreadListPageProblem(key, by));
  const parsed: ArticleEntry[] = [];
  // Why a cascade lists a page nowhere, by key (see `withCascade`).
  const unlistedBy = new Map<string, string>();
  let rejected = 0;
  // The top folders of the pages Hugo builds that no feed lists: each a section of Hugo's, with its feed;
  // and those pages' terms: each a term of Hugo's, with its feed.
  const quiet = new Set<string>();
  const quietTerms: QuietTerms[] = [];
  const addQuiet = (page: QuietTerms & { readonly section: string }): void => {
    if (page.section !== '') quiet.add(sectionKey(page.lang, page.section));
    if (Object.values(page.terms).some((names) => names.length > 0)) quietTerms.push(page);
  };
  // When the selection changes by itself: list pages' publication times, and quiet pages' (below).
  const times = { next: listed.nextChangeAt ?? Number.POSITIVE_INFINITY, last: listed.lastChangeAt ?? Number.NEGATIVE_INFINITY };
  for (const [key, record] of records) {
    // A page without a date of its own is an article where a cascade dates it, else a page in no feed.
    const own = record.entry ?? record.undated;
    let dated = false;
    if (own) {
      const { entry, unlisted, undated } = withCascade(site, own, listed);
      if (undated === undefined) {
        dated = true;
        parsed.push(withSectionUrl(site, entry, listed));
        if (unlisted !== undefined) unlistedBy.set(key, unlisted);
      }
    } else if (record.problems?.some((p) => p.severity === 'error')) rejected++;
    // Its `no-date` warning went with its date's coming (the page's parse could not know the cascade).
    if (record.problems) problems.push(...(record.undated !== undefined && dated ? record.problems.filter((p) => p.rule !== 'no-date') : record.problems));
    // A page in no feed, with the terms and times the cascades above it give it.
    const page = dated || record.quiet === undefined ? undefined : quietCascaded(site, { key, ...record.quiet }, listed);
    if (page !== undefined && (page.section !== '' || page.terms !== undefined)) {
      if (unpublishedSection(site, { key, ...page }, listed) === undefined && builtAt(page, now, times))
        addQuiet({ key, lang: page.lang, section: page.section, terms: page.terms ?? {} });
    }
  }
  // Ids as published: a page whose id its path makes without another language's suffix takes the id of its
  // path with it where another page has the same id (the manifest keeps the ids paths make: every run decides).
  const entries = sharedIdsResolved(parsed);
  // A draft section's pages are left out with it, as Hugo does; and those a cascade lists nowhere.
  const live =
    listed.drafts.size === 0 && listed.cascade === undefined && unlistedBy.size === 0
      ? entries
      : entries.filter((entry) => {
          const unpublished = unpublishedSection(site, entry, listed);
          if (unpublished !== undefined) {
            const why = { draft: 'that is a draft', future: 'not published yet', expired: 'that has expired' }[unpublished.reason];
            problems.push({
              file: entry.key,
              severity: 'info',
              rule: unpublished.reason,
              message: `in a section ${why} (${unpublished.key}): not in feeds, as in Hugo`,
            });
            return false;
          }
          const unlisted = unlistedBy.get(entry.key);
          if (unlisted === undefined) return true;
          // Listed nowhere, but built: its top folder is a section all the same, and its terms are terms.
          if (builtAt(entry, now, times)) addQuiet(entry);
          problems.push({ file: entry.key, severity: 'info', rule: 'not-listed', message: `${unlisted}: Hugo lists the page nowhere, so no feed does` });
          return false;
        });
  // The moments the selection changes by itself: articles', list pages' and quiet pages' publication times.
  const selection = withListPageTimes(selectPublished(live, now), {
    ...(Number.isFinite(times.next) ? { nextChangeAt: times.next } : {}),
    ...(Number.isFinite(times.last) ? { lastChangeAt: times.last } : {}),
  });
  // A page held only for sharing its id with another is built by Hugo too.
  for (const { entry, reason } of selection.held) if (reason === 'duplicate-id') addQuiet(entry);
  const sections: Sections = quiet.size > 0 || quietTerms.length > 0 ? { ...listed, quiet, quietTerms } : listed;
  for (const { entry, reason, duplicateOf } of selection.held) {
    const severity = reason === 'duplicate-id' ? 'warning' : 'info';
    problems.push({ file: entry.key, severity, rule: reason, message: holdMessage(reason, entry, site, duplicateOf) });
  }
  // Only what feeds list: a draft's spelling of a tag merges no feed, and a held page's link is no item's;
  // but the spelling of a page in no feed merges into its term's feed (and names it when it is empty).
  problems.push(
    ...termCollisionProblems(site, quietTerms.length === 0 ? selection.published : [...selection.published, ...quietTerms], listed),
    ...urlCollisionProblems(selection.published),
    ...translationKeyProblems(selection.published),
  );
  const plans = planFeeds(site, selection.published, sections, (dropped, holder) => problems.push(droppedFeedProblem(dropped, holder)));
  const references = resolveRefs(site, selection.published, plans);
  problems.push(...allLanguagesPathProblems(site, plans), ...references.problems);
  const duplicates = selection.held.filter((h) => h.reason === 'duplicate-id').length;
  return { sections, entries, selection, plans, references, rejected, duplicates };
}

/**
 * Whether Hugo builds a page with these draft flag and times at `now` (not a draft, published, not
 * expired); its times, but a draft's, go into `times` (the next one ahead, the last one passed).
 */
function builtAt(
  page: { readonly draft?: boolean; readonly publishAt?: number; readonly expiresAt?: number },
  now: number,
  times: { next: number; last: number },
): boolean {
  if (page.draft) return false;
  for (const at of [page.publishAt, page.expiresAt]) {
    if (at === undefined) continue;
    if (at > now) times.next = Math.min(times.next, at);
    else times.last = Math.max(times.last, at);
  }
  return (page.publishAt === undefined || page.publishAt <= now) && (page.expiresAt === undefined || page.expiresAt > now);
}

/**
 * A warning for a list page Hugo 0.111 does not read, another one speaking for its feed (see `sectionsOf`):
 * what the author writes there would change nothing, with no word of why.
 *
 * @example unreadListPageProblem('content/News/_index.md', 'content/news/_index.md').rule // 'list-page-unread'
 */
function unreadListPageProblem(key: string, by: string): Problem {
  return {
    file: key,
    severity: 'warning',
    rule: 'list-page-unread',
    message: `not read: Hugo reads ${by} in its place, one list page a section, term or taxonomy (of folders that differ only in case, the last; in one folder, the first by name); move what this one says there and delete it`,
  };
}

/**
 * The section Hugo does not publish now that a page sits in, and why (a draft, not live yet, expired): its list
 * page's, at any depth above it; else its top folder without a list page, or its language's home page, that a
 * cascade leaves unpublished (see `autoNodeState`). Nor is the page built.
 */
function unpublishedSection(
  site: SiteConfig,
  page: { readonly key: string; readonly lang: string; readonly section: string },
  sections: Sections,
): Unpublished | undefined {
  const listed = draftSectionOf(site, page, sections);
  if (listed !== undefined || sections.cascade === undefined) return listed;
  const home = autoNodeState(sections, { kind: 'home', path: '/', lang: page.lang });
  if (home !== undefined && home.reason !== 'unrendered') return { key: home.key, reason: home.reason };
  if (page.section === '' || sections.titles.has(sectionKey(page.lang, spelledSection(sections.spellings, page.lang, page.section)))) return undefined;
  const top = autoNodeState(sections, { kind: 'section', path: hugoPath(site, `${page.section}/_index.md`), lang: page.lang });
  return top !== undefined && top.reason !== 'unrendered' ? { key: top.key, reason: top.reason } : undefined;
}
