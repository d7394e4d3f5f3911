import type { Problem } from '../model.js';
import type { RebuildReport } from '../rebuild.js';
import type { InvalidationReport } from '../index.js';

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Problems at `minimum` severity or above, most severe first, then by file and line.
 *
 * @example sortProblems(report.problems, 'warning');
 */
export function sortProblems(problems: readonly Problem[], minimum: Problem['severity']): Problem[] {
  return problems
    .filter((p) => RANK[p.severity] <= RANK[minimum])
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/**
 * Info notices a run prints beside its warnings (`build`, `rebuild`, `dev`; `check` prints every info):
 * the ones that say a setting does not do what the config reads as, which no other output shows.
 * `id-namespace`: ids keep an earlier run's salt, not the one the baseURL gives. `manifest-format`: the
 * state was an older feedpub's, of which the run kept only the id namespace and the files it published.
 * `id-changed`: a file moved or renamed got a new item id, so readers show it as new again (said once,
 * by the run that finds it: only a run with state can). `zone-rules-changed`: this Node.js reads the site's
 * zones with other rules than the last run's, so dates moved (said by the run that finds it).
 * `render-version-changed`: the state is another feedpub version's (an upgrade, or two versions taking turns).
 */
const NOTICES: ReadonlySet<string> = new Set(['id-changed', 'id-namespace', 'manifest-format', 'render-version-changed', 'zone-rules-changed']);

/**
 * What a run prints of its problems: errors, warnings and the info {@link NOTICES} (not drafts and
 * future posts held back, which `check` lists); with `quiet`, errors only.
 *
 * @example formatProblems(shownProblems(report.problems, false), 'info');
 */
export function shownProblems(problems: readonly Problem[], quiet: boolean): Problem[] {
  return problems.filter((p) => p.severity === 'error' || (!quiet && (p.severity === 'warning' || NOTICES.has(p.rule))));
}

/**
 * `file:line: severity: message [rule]` lines, most severe first, then by file and line.
 *
 * @example formatProblems(report.problems, 'warning'); // ['content/a.md:3: error: date: ... [date-invalid]']
 */
export function formatProblems(problems: readonly Problem[], minimum: Problem['severity']): string[] {
  return sortProblems(problems, minimum).map((p) => printable(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.severity}: ${p.message} [${p.rule}]`));
}

/**
 * Characters a terminal would act on instead of showing: C0 and C1 controls (an escape sequence can
 * clear the screen or rewrite a line), DEL, line and paragraph separators, and the bidirectional
 * overrides and isolates (which reorder what is shown).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what is matched
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with what a terminal would act on written as `\u001b`-style escapes: problem lines quote file
 * names, ids, terms and messages from untrusted files, and each must stay one plain line.
 *
 * @example printable('urn:x:\u001b[2J'); // 'urn:x:\\u001b[2J'
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The build summary: articles read, published, rejected; feeds written to `outDir`; and, given `again`
 * (what to run: a local build has no wake-up, as the function has), when a scheduled post or an expiry
 * will change them.
 *
 * @example formatSummary(report, 'public'); // ['articles: 13 found, ...', 'feeds: 25 feeds, ... → public/']
 */
export function formatSummary(report: RebuildReport, outDir: string, again?: string): string[] {
  const { total, parsed, published, rejected, held, skipped } = report.articles;
  const next =
    report.nextChangeAt === undefined || report.withheld || again === undefined
      ? []
      : [`next change: ${new Date(report.nextChangeAt).toISOString().replace('.000Z', 'Z')} (a scheduled post goes live or one expires): ${again} again then`];
  return [
    `articles: ${total} found, ${parsed} parsed, ${published} published, ${held} held back, ${skipped} skipped, ${rejected} rejected`,
    report.withheld
      ? `feeds: ${plural(report.feeds, 'feed')}, nothing written (--strict: ${rejected > 0 ? `${plural(rejected, 'article')} rejected` : 'an article held back as a duplicate'}) → ${outDir}/ keeps the last good run`
      : `feeds: ${plural(report.feeds, 'feed')}, ${plural(report.written.length, 'file')} written, ${report.unchanged} unchanged${keptFiles(report.kept)}, ${report.deleted.length} deleted → ${outDir}/`,
    ...next,
  ];
}

/**
 * `, 66 kept (sources unchanged)`: the published files a run kept without rendering them (their feeds'
 * sources did not change), so that written, unchanged and kept add up to every file; nothing when none
 * (a run that rendered everything, or a summary from a version that did not count them).
 *
 * @example `${written} written, ${unchanged} unchanged${keptFiles(report.kept)}`
 */
export function keptFiles(kept: unknown): string {
  return typeof kept === 'number' && kept > 0 ? `, ${kept} kept (sources unchanged)` : '';
}

/**
 * The `cdn:` line of a run that invalidates a distribution (`where`): how many files, sent as their paths or as
 * `/*`, and the month's count against the free paths, with the mode. Lines of a summary from a version that did
 * not count (no `invalidation`) say the files only.
 *
 * @example formatInvalidation(20, report.invalidation, 'E2ABC'); // 'cdn: 20 files invalidated on E2ABC as 23 paths; 446 of 1000 free paths sent in 2025-06 (budget)'
 */
export function formatInvalidation(files: number, invalidation: InvalidationReport | undefined, where: string): string {
  if (invalidation === undefined) return `cdn: ${plural(files, 'file')} invalidated on ${where}`;
  const month = `${invalidation.monthPaths} of ${invalidation.freePaths} free paths sent in ${invalidation.month} (${invalidation.mode})`;
  if (invalidation.paths === 0) return `cdn: nothing invalidated on ${where}; ${month}`;
  const sent = invalidation.everything ? `as /* (instead of ${plural(invalidation.precise, 'path')})` : `as ${plural(invalidation.paths, 'path')}`;
  return `cdn: ${plural(files, 'file')} invalidated on ${where} ${sent}; ${month}`;
}

/**
 * An {@link InvalidationReport} read back from a function's returned summary (JSON), or undefined when it
 * is not one (a summary of a version that did not count).
 *
 * @example invalidationOf(summary.invalidation)?.monthPaths
 */
export function invalidationOf(value: unknown): InvalidationReport | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const numbers = ['freePaths', 'monthPaths', 'paths', 'precise'].every((key) => typeof v[key] === 'number');
  return numbers && typeof v.mode === 'string' && typeof v.month === 'string' && typeof v.everything === 'boolean'
    ? (v as unknown as InvalidationReport)
    : undefined;
}

/**
 * A byte count for people: `812 B`, `1.2 kB`, `3.4 MB` (SI units).
 *
 * @example formatBytes(1234); // '1.2 kB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * "1 file", "2 files".
 *
 * @example plural(2, 'file'); // '2 files'
 */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
