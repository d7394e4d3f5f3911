import { HubError } from '../errors.js';
import type { Problem, ProblemRule } from '../model.js';
import type { Cdn, Hub, Logger } from '../ports.js';
import { withinTime } from '../util/within-time.js';

/** What {@link notifyHub} needs. */
export interface HubNotice {
  readonly hub: Hub | undefined;
  /** The site's hub (`feedpub.hub`), if it names one. */
  readonly hubUrl: string | undefined;
  readonly cdn: Cdn;
  readonly logger: Logger;
  /** The feed URLs to ping, in order: this run's changed ones, then the last run's pending ones. */
  readonly toPing: readonly string[];
  /**
   * The run's invalidation: `sent` (the hub is told once it is live), `none` (nothing to wait for), or
   * `deferred` (caches may serve the old copies: nothing is pinged, the run that invalidates them pings).
   */
  readonly invalidation: 'sent' | 'none' | 'deferred';
  /** What is left of the run's time, in ms (undefined: no limit). */
  readonly timeLeft: () => number | undefined;
  /** Where a failure is reported (a warning: the feeds are published all the same). */
  readonly problems: Problem[];
}

/**
 * WebSub: pings the hub only once the new bytes are reachable, else it fetches the stale copy. Returns the
 * pings not sent (no hub adapter, the CDN did not confirm in time, the hub failed, the run's time ran out), sorted, for
 * the manifest: the next run sends them again. None of that ever fails the run (the feeds are published:
 * readers that poll still get them).
 *
 * @example const pendingPings = await notifyHub({ hub, hubUrl, cdn, logger, toPing, invalidation: 'sent', timeLeft: () => undefined, problems });
 */
export async function notifyHub(notice: HubNotice): Promise<string[]> {
  const { hub, hubUrl, cdn, logger, toPing, timeLeft, problems } = notice;
  if (hubUrl === undefined || toPing.length === 0) return [];
  // A run with no way to reach the hub (`feedpub dev`, a bucket rebuild given none) keeps the pings for
  // one that has: dropping them would leave the hub never told of what this run published.
  if (!hub || notice.invalidation === 'deferred') return [...toPing].sort();
  let pending: string[] = [];
  const keepPending = (rule: ProblemRule, what: string, error: unknown, failed: readonly string[] = toPing): void => {
    pending = [...failed].sort();
    const reason = error instanceof Error ? error.message : String(error);
    problems.push({ file: '(site)', severity: 'warning', rule, message: `${what} (${reason}); the next run tries again` });
    logger.warn(rule, { hub: hubUrl, feeds: failed.length, reason });
  };
  const wait = cdn.waitUntilLive?.bind(cdn);
  if (notice.invalidation === 'sent' && wait) {
    try {
      await withinTime(timeLeft(), wait, 'waiting for the CDN invalidation');
    } catch (error) {
      keepPending('cdn-not-live', `the CDN did not confirm its invalidation, so the WebSub hub ${hubUrl} was not notified of ${toPing.length} feeds`, error);
      return pending;
    }
  }
  try {
    await withinTime(timeLeft(), (signal) => hub.publish(hubUrl, toPing, signal), 'the WebSub pings');
  } catch (error) {
    // A hub that took some notifications is sent only the others again (it would fetch those feeds
    // twice for nothing); when it is not known which went through (the time ran out), all of them.
    const failed = error instanceof HubError ? [...new Set(error.failures.map((f) => f.feedUrl))] : toPing;
    keepPending('hub-unreachable', `the WebSub hub ${hubUrl} could not be notified of ${failed.length} of ${toPing.length} feeds`, error, failed);
  }
  return pending;
}
