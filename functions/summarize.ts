import type { InvalidationReport, RebuildReport } from '../src/index.js';

/** What the handler returns (and logs) for one run. */
export interface RunSummary {
  readonly trigger: string;
  readonly articles: RebuildReport['articles'];
  readonly feeds: number;
  readonly rendered: number;
  readonly written: number;
  readonly deleted: number;
  readonly unchanged: number;
  /** Files kept without rendering (their feeds' sources unchanged); absent from the summaries of older versions. */
  readonly kept: number;
  /** Files invalidated (their paths, or `/*`). */
  readonly invalidated: number;
  /**
   * What the invalidation sent, by CloudFront's count (`paths`: 1 for `/*`; `precise`: the changed paths'
   * count, sent or not), the mode, and the month's count with this run against the free paths.
   */
  readonly invalidation?: InvalidationReport;
  readonly problems: number;
  readonly errors: number;
  /** Articles held back for repeating another's item id (what `rebuild --function --strict` fails on, with rejections). */
  readonly duplicates: number;
  readonly nextChangeAt?: number;
}

/**
 * Counts of a run report, small enough for one log line and the Lambda response.
 *
 * @example
 * summarize(report); // { trigger: 'sqs', feeds: 12, written: 3, invalidated: 3, problems: 0, ... }
 */
export function summarize(report: RebuildReport): RunSummary {
  return {
    trigger: report.trigger,
    articles: report.articles,
    feeds: report.feeds,
    rendered: report.rendered,
    written: report.written.length,
    deleted: report.deleted.length,
    unchanged: report.unchanged,
    kept: report.kept,
    invalidated: report.invalidated.length,
    ...(report.invalidation === undefined ? {} : { invalidation: report.invalidation }),
    problems: report.problems.length,
    errors: report.problems.filter((problem) => problem.severity === 'error').length,
    duplicates: report.problems.filter((problem) => problem.rule === 'duplicate-id').length,
    ...(report.nextChangeAt === undefined ? {} : { nextChangeAt: report.nextChangeAt }),
  };
}
