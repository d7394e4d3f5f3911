import { CdnError } from '../errors.js';
import type { Problem } from '../model.js';
import type { Cdn, InvalidationSent, Logger } from '../ports.js';

/** How long a refusal that passes may keep the invalidation deferred before a run fails on it (and alarms). */
export const MAX_DEFERRAL_MS = 60 * 60_000;

/**
 * Invalidates `paths` once the files are published. A refusal that passes (`CdnError.retryLater`: too many
 * invalidations in progress, throttling, CloudFront's own failure) fails nothing: the feeds are out, a
 * `cdn-deferred` warning says so, and the caller records the paths for the next run (the hourly one at the
 * latest), as it does pings and wake-ups that fail. Any other refusal (permissions, no such distribution),
 * or one that has kept the paths deferred for over {@link MAX_DEFERRAL_MS} (`deferredSince`, the first
 * deferral's time), is thrown: the run is retried, and alarms. `maxPaths` is the run's invalidation budget
 * (see `invalidationAllowance`). Returns whether it was deferred, and what the CDN accepted (nothing when it
 * was deferred: nothing is billed).
 *
 * @example const { deferred, sent } = await invalidateOrDefer(deps.cdn, ['/index.xml'], { now: startedAt, problems, logger: deps.logger });
 */
export async function invalidateOrDefer(
  cdn: Cdn,
  paths: readonly string[],
  run: { readonly now: number; readonly deferredSince?: number; readonly maxPaths?: number; readonly problems: Problem[]; readonly logger: Logger },
): Promise<{ readonly deferred: boolean; readonly sent?: InvalidationSent }> {
  if (paths.length === 0) return { deferred: false };
  try {
    const sent = await cdn.invalidate(paths, run.maxPaths === undefined ? {} : { maxPaths: run.maxPaths });
    return sent === undefined ? { deferred: false } : { deferred: false, sent };
  } catch (error) {
    if (!(error instanceof CdnError) || !error.retryLater) throw error;
    if (run.deferredSince !== undefined && run.now - run.deferredSince > MAX_DEFERRAL_MS) {
      throw new CdnError(`${error.message}; invalidations deferred since ${new Date(run.deferredSince).toISOString()}, over an hour: failing the run`, {
        cause: error,
      });
    }
    run.problems.push({
      file: '(site)',
      severity: 'warning',
      rule: 'cdn-deferred',
      // Counted as files, as the CDN's own message counts them beside its URL paths ("21 files (24 paths)").
      message: `the CDN would not invalidate ${paths.length} file${paths.length === 1 ? '' : 's'} for now (${error.message}): the feeds are published, caches may serve the old copies until the next run invalidates them (the hourly one at the latest)`,
    });
    run.logger.warn('cdn-deferred', { paths: paths.length, reason: error.message });
    return { deferred: true };
  }
}
