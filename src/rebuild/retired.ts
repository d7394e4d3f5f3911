import type { ArticleEntry, Manifest, ManifestArticle, RetiredPage } from '../manifest.js';
import { type Problem, type SiteConfig, timeZoneOf } from '../model.js';
import { locateArticle } from '../parse/pages.js';
import { uuidV5Urn } from '../plan/ids.js';
import { draftSectionOf, type Sections } from '../plan/plan-feeds.js';
import { sharedIdsResolved } from '../plan/select.js';
import { sha256 } from '../sha256.js';
import { wallClock } from './notes.js';
import { sectionsOf, siteCascade, withCascade } from './sections.js';

/**
 * How many retired pages the manifest remembers, the latest, whatever the site's size or age: at most ~55 KB
 * of JSON in the head (~13 KB gzipped), which every run decodes and a publishing run encodes twice (its
 * write-ahead, its end): ~1.5 ms in all, within the noise of a 1,000-article site's one-article update
 * (~51 ms). 1,000 of them took that update to ~58 ms (the head's JSON through `asciiJson` and gzip).
 */
export const MAX_RETIRED = 256;
/** Characters of a retired article's title kept to name it. */
export const TITLE_CHARS = 60;

/** At most {@link TITLE_CHARS} characters of a title (code points: an emoji is never cut in two), `…` when cut. */
export function titleStart(title: string): string {
  if (title.length <= TITLE_CHARS) return title;
  const points = Array.from(title);
  return points.length > TITLE_CHARS ? `${points.slice(0, TITLE_CHARS).join('')}…` : title;
}

function titleDigest(title: string): string {
  return sha256(title).slice(0, 12);
}

/** The hex of a file's sha256 a retired page keeps: enough to know the same bytes again. */
function bytesDigest(hash: string): string {
  return hash.slice(0, 16);
}

/** The manifest's retired pages, those that are well formed (the head is feedpub's, but may be a hand edit). */
export function retiredPages(manifest: Pick<Manifest, 'retired'> | undefined): readonly RetiredPage[] {
  const rows = manifest?.retired;
  if (!Array.isArray(rows)) return [];
  return rows.every(isRetiredPage) ? rows : rows.filter(isRetiredPage);
}

function isRetiredPage(row: unknown): row is RetiredPage {
  return (
    Array.isArray(row) &&
    row.length === 6 &&
    typeof row[0] === 'string' &&
    typeof row[1] === 'string' &&
    typeof row[2] === 'number' &&
    typeof row[3] === 'string' &&
    typeof row[4] === 'string' &&
    typeof row[5] === 'string'
  );
}

/** What a run learns about its articles' ids against the pages earlier runs saw go. */
export interface IdContinuity {
  /** The retired pages to remember from this run on (the previous ones, the latest kept, with this run's). */
  readonly retired: readonly RetiredPage[];
  /** `id-reused` warnings and `id-changed` notices. */
  readonly problems: readonly Problem[];
}

/**
 * Ids stay what the content alone makes them (a clean build gives every id an incremental history does),
 * so a new article written at a deleted one's path gets that article's id, and readers that keep items by
 * id (Feedly, Inoreader, NetNewsWire, Miniflux) never show it as new; a file moved to another path gets a
 * new id, and shows as new again. Neither changes what is published: the manifest remembers the last
 * {@link MAX_RETIRED} published articles whose files went (not a draft, a post not live yet, nor a page its
 * section kept out of the last run's feeds: none had readers), and a run says what it finds against them.
 *
 * - `id-reused` (warning), every run while it holds: the article at a retired page's path has its id, and
 *   neither its title nor its date is the one that page had (one of them the same: the article was put
 *   back, and the page is forgotten), and its front matter does not state the id (the author saying it is
 *   that article put back: the page is forgotten too). The message gives a fresh id to write in its front
 *   matter, and the old one for the article put back.
 * - `id-changed` (info), on the run that finds it: a page new since the last run has the bytes of a
 *   retired page of its language (gone in this run or remembered) under another id, and no remembered page
 *   with these bytes had its path or its id (a rename undone). The message gives the front matter line
 *   that keeps the old id. A move whose new file came in a run before the one its old file went in is not
 *   told (a page gone whose bytes another has may be one of two copies, not a move).
 *
 * Cost: a pass over the remembered pages (a map lookup each); the keys this run added (a run for reported
 * keys: the reported ones) and, in a run where pages went, one pass over the ids of the records and one over
 * the last run's keys for its list pages. An event run reads nothing more: the pages are in the head it reads anyway.
 *
 * @example const { retired, problems } = idContinuity(site, previous, records, { now, entries, keys });
 */
export function idContinuity(
  site: SiteConfig,
  previous: Manifest | undefined,
  records: ReadonlyMap<string, ManifestArticle>,
  run: {
    readonly now: number;
    /** Every article that parsed in this run (published or not). */
    readonly entries: readonly ArticleEntry[];
    /** A run for reported keys: the keys reported (no others can have come or gone). */
    readonly keys?: ReadonlySet<string>;
  },
): IdContinuity {
  const earlier = retiredPages(previous);
  if (previous === undefined) return { retired: earlier, problems: [] };
  const before = previous.articles;
  const candidates = run.keys ?? before.keys();
  // Pages gone in this run that were published (a draft or a post not live yet had no reader, nor had a
  // page its section kept out of every feed in the last run).
  const gone: [string, ArticleEntry, string][] = [];
  // What the list pages of the last run said (made only when a page went, or a page has another id).
  let sections: Sections | undefined;
  const sectionsBefore = (): Sections => {
    sections ??= sectionsOf(site, before, run.now, siteCascade(site).cascades);
    return sections;
  };
  for (const key of candidates) {
    if (records.has(key)) continue;
    const old = before.get(key);
    const entry = old?.entry;
    if (old === undefined || entry === undefined || entry.draft || entry.publishAt > run.now) continue;
    if (keptOutBySection(site, entry, sectionsBefore())) continue;
    gone.push([key, entry, old.hash]);
  }
  // An id still carried by a live page is not retired (a file moved with its `id`, a content folder renamed).
  const live = gone.length > 0 ? new Set(run.entries.map((e) => e.id)) : undefined;
  const now: RetiredPage[] = [];
  for (const [key, entry, hash] of gone) {
    if (live?.has(entry.id)) continue;
    now.push([key, entry.id, entry.published, titleStart(entry.title), titleDigest(entry.title), bytesDigest(hash)]);
  }
  const problems: Problem[] = [];
  // The pages remembered: a path gone again keeps its latest article; one whose article was put back is forgotten.
  const goneKeys = new Set(now.map((row) => row[0]));
  const kept: RetiredPage[] = [];
  for (const row of earlier) {
    if (goneKeys.has(row[0])) continue;
    const entry = records.get(row[0])?.entry;
    if (entry === undefined || entry.id !== row[1]) {
      kept.push(row);
      continue;
    }
    if (entry.published === row[2] || titleDigest(entry.title) === row[4]) continue; // put back
    // Its front matter states the id: the author says it is that article (put back, re-titled and re-dated).
    if (entry.idStated === true) continue;
    kept.push(row);
    problems.push(reusedProblem(site, entry, row));
  }
  const retired = [...kept, ...now].slice(-MAX_RETIRED);
  problems.push(...movedProblems(site, before, records, [...earlier, ...now], run.keys));
  problems.push(...sharedIdProblems(site, before, records, run.now, sectionsBefore));
  return { retired: retired.length === earlier.length && retired.every((row, i) => row === earlier[i]) ? earlier : retired, problems };
}

/**
 * Whether the page's section kept it out of every feed, as the run that had these sections published them:
 * a draft section, one not live yet (not live then either: `now` is later), or a cascade (a list page's, the
 * home page's, the site config's) that lists the page nowhere (`_build.list: never`, to a page without a
 * `_build` of its own) or makes it a draft or not live yet. A page of an expired section had readers before it
 * expired, as an expired page had.
 */
function keptOutBySection(site: SiteConfig, entry: ArticleEntry, sections: Sections): boolean {
  const reason = draftSectionOf(site, entry, sections)?.reason;
  if (reason === 'draft' || reason === 'future') return true;
  if (sections.cascade === undefined) return false;
  const cascaded = withCascade(site, entry, sections);
  return cascaded.unlisted !== undefined || cascaded.entry.draft || cascaded.entry.publishAt > sections.cascade.now;
}

/**
 * The notices of pages published in the last run and in this one whose item id moved without their file
 * moving: a page beside them that shares the id their paths make came or went (`a.md` beside `a.FR.md`:
 * {@link sharedIdsResolved}), so readers show them as new once (not a page its section keeps out of either
 * run's feeds). Nothing to compare on a site where no page has another id (one pass over each run's pages).
 */
function sharedIdProblems(
  site: SiteConfig,
  before: ReadonlyMap<string, ManifestArticle>,
  records: ReadonlyMap<string, ManifestArticle>,
  now: number,
  sectionsBefore: () => Sections,
): Problem[] {
  const entriesOf = (articles: ReadonlyMap<string, ManifestArticle>): ArticleEntry[] => {
    const entries: ArticleEntry[] = [];
    for (const { entry } of articles.values()) if (entry !== undefined) entries.push(entry);
    return entries;
  };
  const hasOther = (articles: ReadonlyMap<string, ManifestArticle>): boolean => {
    for (const { entry } of articles.values()) if (entry?.idOther !== undefined) return true;
    return false;
  };
  if (!hasOther(before) && !hasOther(records)) return [];
  const previous = entriesOf(before);
  const current = entriesOf(records);
  const was = new Map(sharedIdsResolved(previous).map((e) => [e.key, e]));
  const problems: Problem[] = [];
  let sectionsNow: Sections | undefined;
  for (const entry of sharedIdsResolved(current)) {
    const old = was.get(entry.key);
    if (old === undefined || old.id === entry.id || entry.draft || old.draft || entry.publishAt > now) continue;
    // A page its section keeps out of every feed, in either run, showed readers no id to lose.
    sectionsNow ??= sectionsOf(site, records, now, siteCascade(site).cascades);
    if (keptOutBySection(site, entry, sectionsNow) || keptOutBySection(site, old, sectionsBefore())) continue;
    // The ids its path makes are the ones it had (a moved file or a changed id is said by movedProblems).
    const pathIds = (e: ArticleEntry) => [e.id, e.idOther ?? ''].sort().join(' ');
    if (pathIds(old) !== pathIds(entry)) continue;
    problems.push({
      file: entry.key,
      severity: 'info',
      rule: 'id-changed',
      message: `its item id is ${entry.id}, no longer ${old.id}: a page beside it whose path makes the same id (a language suffix aside) came or went, so readers show it as a new item; a front matter \`id\` on one of them fixes which id each keeps`,
    });
  }
  return problems;
}

/** The warning for an article at a retired page's path that took its id: readers will not show it as new. */
function reusedProblem(site: SiteConfig, entry: ArticleEntry, row: RetiredPage): Problem {
  // A fresh id, the same in every run (and build) that finds this: from the id it took and its own date.
  const fresh = uuidV5Urn(site.feeds.idNamespace, `reused:${row[1]}:${entry.published}`);
  const when = wallClock(row[2], timeZoneOf(site, entry.lang));
  return {
    file: entry.key,
    severity: 'warning',
    rule: 'id-reused',
    message: `has the item id ${row[1]} of the article deleted from this path earlier (${JSON.stringify(row[3])}, ${when}): readers that keep items by id (Feedly, Inoreader, NetNewsWire, Miniflux) will not show it as new; if it is another article, add \`id: "${fresh}"\` to its front matter (\`id = "${fresh}"\` in TOML); if it is that article put back, add \`id: "${row[1]}"\` to say so, and this warning stops`,
  };
}

/**
 * `id-changed` notices: pages new in this run (`keys`, else every key `before` lacks) with the bytes of a
 * retired page of their language, under another id. A page none of whose remembered pages with these bytes
 * has its path or its id (a rename undone, a branch checked out and back): its id is the one it had, and
 * nothing is said. A page gone now whose bytes a page already there has is not told: the bytes alone cannot
 * say which came first (two identical files, one deleted, are no move).
 */
function movedProblems(
  site: SiteConfig,
  before: ReadonlyMap<string, ManifestArticle>,
  records: ReadonlyMap<string, ManifestArticle>,
  remembered: readonly RetiredPage[],
  keys: ReadonlySet<string> | undefined,
): Problem[] {
  const problems: Problem[] = [];
  if (remembered.length === 0) return problems;
  // The pages gone with these bytes, oldest first.
  const byBytes = new Map<string, RetiredPage[]>();
  for (const row of remembered) {
    const rows = byBytes.get(row[5]);
    if (rows === undefined) byBytes.set(row[5], [row]);
    else rows.push(row);
  }
  for (const key of keys ?? records.keys()) {
    if (before.has(key)) continue;
    const record = records.get(key);
    const entry = record?.entry;
    if (record === undefined || entry === undefined) continue;
    const rows = byBytes.get(bytesDigest(record.hash));
    if (rows === undefined || rows.some((row) => row[0] === key || row[1] === entry.id)) continue;
    // The latest of its language (a translation is another item, whatever its bytes).
    for (let i = rows.length - 1; i >= 0; i--) {
      const row = rows[i] as RetiredPage;
      if (locateArticle(site, row[0])?.lang.key !== entry.lang) continue;
      problems.push(movedProblem(entry, row));
      break;
    }
  }
  return problems;
}

function movedProblem(entry: ArticleEntry, row: RetiredPage): Problem {
  return {
    file: entry.key,
    severity: 'info',
    rule: 'id-changed',
    message: `has the bytes of ${row[0]}, which is gone (moved or renamed?): its item id is ${entry.id}, no longer ${row[1]}, so readers show it as a new item; to keep the old id, add \`id: "${row[1]}"\` to its front matter (\`id = "${row[1]}"\` in TOML)`,
  };
}
