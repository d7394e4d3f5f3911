/**
 * How a run chooses between invalidating its changed paths and invalidating everything (`/*`), by what
 * CloudFront bills: the first 1,000 invalidation paths of a month are free for the whole account, each one
 * past them costs $0.005, and `/*` counts as one path. Precise paths keep every other feed cached; past the
 * free paths they are most of a busy site's bill (a cost audit: at 30,000 articles a one-article update
 * sends 23 to 32 paths, an 8-article CI push 100, and a news site of 20 to 60 uploads an hour paid $900 to
 * $5,500 a month, over 99% of its bill), while `/*` costs $0.005 a run and a refill of each edge's copies
 * from the bucket (feeds carry `max-age=300` anyway).
 *
 * The month's count (`InvalidationUsage`) is kept in the manifest's head, which every run reads and a run
 * that invalidates writes anyway: counting costs no request. A manifest without it (an older feedpub's)
 * counts from 0.
 */
import type { InvalidationUsage } from '../manifest.js';

/**
 * `budget` (the default): the changed paths while this month's count with them stays within the free paths,
 * else `/*`. `paths`: always the changed paths (billed past the free paths). `all`: always `/*`.
 * The CDN's own ceiling on one request (`CloudFrontCdn`'s `maxPaths`, 100) applies in every mode.
 */
export const INVALIDATION_MODES = ['budget', 'paths', 'all'] as const;
/** One of {@link INVALIDATION_MODES}. */
export type InvalidationMode = (typeof INVALIDATION_MODES)[number];

/** CloudFront's free invalidation paths a month, for the whole account. */
export const FREE_INVALIDATION_PATHS = 1000;

/** What the operator chose (the function's `CDN_INVALIDATION` and `CDN_FREE_PATHS`, `rebuild --invalidation`). */
export interface InvalidationPolicy {
  readonly mode: InvalidationMode;
  /**
   * The paths a month this site may send before `budget` turns to `/*` (default {@link FREE_INVALIDATION_PATHS}).
   * Less when other distributions of the account use the free paths too.
   */
  readonly freePaths: number;
}

/** `budget` within CloudFront's free paths: what a run does unless told otherwise. */
export const DEFAULT_INVALIDATION_POLICY: InvalidationPolicy = { mode: 'budget', freePaths: FREE_INVALIDATION_PATHS };

/** What a run may send: the month it counts in, the paths sent in it before the run, and the most paths a precise request may have. */
export interface InvalidationAllowance {
  readonly month: string;
  readonly used: number;
  /** The most paths for the changed paths to go out as they are; beyond it, `/*`. Undefined: no limit of the run's own. */
  readonly maxPaths?: number;
}

/**
 * The calendar month (UTC) of an instant, as usage records it.
 *
 * @example monthOf(Date.UTC(2025, 5, 30, 23, 59)); // '2025-06'
 */
export function monthOf(now: number): string {
  return new Date(now).toISOString().slice(0, 7);
}

/**
 * What a run may send under `policy`, given the usage the manifest recorded and the run's time: in `budget`
 * mode the changed paths only while this month's count with them stays within `freePaths` (exactly at it
 * is still within), in `all` mode never, in `paths` mode always. An earlier recorded month counts as 0: the
 * count starts again each month; a later one (the run's clock is behind it) is kept and added to.
 *
 * @example invalidationAllowance({ mode: 'budget', freePaths: 1000 }, { month: '2025-06', paths: 977 }, Date.UTC(2025, 5, 9)); // { month: '2025-06', used: 977, maxPaths: 23 }
 */
export function invalidationAllowance(policy: InvalidationPolicy, usage: InvalidationUsage | undefined, now: number): InvalidationAllowance {
  // The count never goes back a month: a run whose clock is behind the recorded month (a CLI on a machine
  // whose clock is slow) adds to that month's count rather than restarting one the function then restarts again.
  const current = monthOf(now);
  const month = usage !== undefined && usage.month > current ? usage.month : current;
  const used = usage !== undefined && usage.month === month ? usage.paths : 0;
  switch (policy.mode) {
    case 'paths':
      return { month, used };
    case 'all':
      return { month, used, maxPaths: 0 };
    case 'budget':
      return { month, used, maxPaths: Math.max(0, policy.freePaths - used) };
  }
}

/**
 * The usage to record after a run that sent `sent` paths, as CloudFront accepted them (0: nothing sent, or
 * the request was refused or deferred: nothing is billed). Nothing sent keeps the record as it was, even of
 * an earlier month, so that a run that invalidates nothing does not change the manifest.
 *
 * @example usageAfter({ month: '2025-05', paths: 990 }, { month: '2025-06', used: 0 }, 23); // { month: '2025-06', paths: 23 }
 */
export function usageAfter(usage: InvalidationUsage | undefined, allowance: InvalidationAllowance, sent: number): InvalidationUsage | undefined {
  if (sent <= 0) return usage;
  return { month: allowance.month, paths: allowance.used + sent };
}

/** What a run's report says of its invalidation: the choice and the month's count. */
export interface InvalidationReport {
  readonly mode: InvalidationMode;
  readonly freePaths: number;
  /** The month counted (UTC, `2025-06`). */
  readonly month: string;
  /** Paths sent in that month, this run's included. */
  readonly monthPaths: number;
  /** Paths this run sent, as the CDN accepted them (1 for `/*`; 0: none, or deferred). */
  readonly paths: number;
  /** Whether this run invalidated everything (`/*`) instead of its changed paths. */
  readonly everything: boolean;
  /** The paths its changed files made (forms included), sent as they are or replaced by `/*`. */
  readonly precise: number;
}

/**
 * The report of a run's invalidation under `policy`, from its allowance and what the CDN accepted.
 *
 * @example invalidationReport(DEFAULT_INVALIDATION_POLICY, { month: '2025-06', used: 977, maxPaths: 23 }, { paths: 23, everything: false, precise: 23 }).monthPaths; // 1000
 */
export function invalidationReport(
  policy: InvalidationPolicy,
  allowance: InvalidationAllowance,
  sent: { readonly paths: number; readonly everything: boolean; readonly precise: number } | undefined,
): InvalidationReport {
  return {
    mode: policy.mode,
    freePaths: policy.freePaths,
    month: allowance.month,
    monthPaths: allowance.used + (sent?.paths ?? 0),
    paths: sent?.paths ?? 0,
    everything: sent?.everything ?? false,
    precise: sent?.precise ?? 0,
  };
}
