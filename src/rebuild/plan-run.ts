import type { ArticleEntry, ManifestArticle } from '../manifest.js';
import type { Problem, SiteConfig } from '../model.js';
import { allLanguagesPathProblems, draftSectionOf, droppedFeedProblem, type FeedPlan, planFeeds, type Sections } from '../plan/plan-feeds.js';
import { type RefResolution, resolveRefs } from '../plan/refs.js';
import { type Selection, selectPublished } from '../plan/select.js';
import { termCollisionProblems } from '../plan/term-collision-problems.js';
import { translationKeyProblems } from '../plan/translation-key-problems.js';
import { urlCollisionProblems } from '../plan/url-collision-problems.js';
import { holdMessage } from './notes.js';
import { sectionsOf, withCascade, withListPageTimes, withSectionUrl } from './sections.js';

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
  const sections = sectionsOf(site, articles, now);
  const entries: ArticleEntry[] = [];
  let rejected = 0;
  for (const record of records.values()) {
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
  const references = resolveRefs(site, selection.published, plans);
  problems.push(...allLanguagesPathProblems(site, plans), ...references.problems);
  const duplicates = selection.held.filter((h) => h.reason === 'duplicate-id').length;
  return { sections, entries, selection, plans, references, rejected, duplicates };
}
