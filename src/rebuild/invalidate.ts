import { CdnError } from '../errors.js';
import type { Problem } from '../model.js';
import type { Cdn, Logger } from '../ports.js';

/**
 * Invalidates `paths` once the files are published. A refusal that passes (`CdnError.retryLater`: too many
 * invalidations in progress, throttling, CloudFront's own failure) fails nothing: the feeds are out, a
 * `cdn-deferred` warning says so, and the caller records the paths for the next run (the hourly one at the
 * latest), as it does pings and wake-ups that fail. Any other refusal (permissions, no such distribution)
 * is thrown: it does not pass, and the run is retried and alarms. Returns whether it was deferred.
 *
 * @example const deferred = await invalidateOrDefer(deps.cdn, ['/index.xml'], problems, deps.logger);
 */
export async function invalidateOrDefer(cdn: Cdn, paths: readonly string[], problems: Problem[], logger: Logger): Promise<boolean> {
  if (paths.length === 0) return false;
  try {
    await cdn.invalidate(paths);
    return false;
  } catch (error) {
    if (!(error instanceof CdnError) || !error.retryLater) throw error;
    problems.push({
      file: '(site)',
      severity: 'warning',
      rule: 'cdn-deferred',
      message: `the CDN would not invalidate ${paths.length} path${paths.length === 1 ? '' : 's'} for now (${error.message}): the feeds are published, caches may serve the old copies until the next run invalidates them (the hourly one at the latest)`,
    });
    logger.warn('cdn-deferred', { paths: paths.length, reason: error.message });
    return true;
  }
}
