import type { Manifest } from '../manifest.js';
import type { Problem } from '../model.js';
import type { Logger, Scheduler } from '../ports.js';

/** A wake-up this close (or closer) is always set again: the schedule may be firing, or have fired early. */
export const RESCHEDULE_WITHIN_MS = 2 * 60_000;

/**
 * Sets the wake-up for the next scheduled post or expiry, unless the last run already set this very time
 * on this very schedule (what the manifest recorded), it is more than {@link RESCHEDULE_WITHIN_MS} away,
 * and the run is not forced: most runs change no schedule, and need not call the scheduler's API (nor
 * load its client). Returns what to record, or undefined when the scheduler has no id.
 */
export async function schedule(
  scheduler: Scheduler | undefined,
  last: Manifest['scheduled'],
  nextChangeAt: number | undefined,
  now: number,
  force: boolean,
): Promise<Manifest['scheduled']> {
  if (scheduler === undefined) return undefined;
  const at = nextChangeAt ?? null;
  const setBefore = scheduler.id !== undefined && last?.id === scheduler.id && last.at === at;
  const unchanged = setBefore && (at === null || at - now > RESCHEDULE_WITHIN_MS);
  if (force || !unchanged) await scheduler.scheduleAt(nextChangeAt, { setBefore });
  return scheduler.id === undefined ? undefined : { id: scheduler.id, at };
}

/**
 * {@link schedule} after the writes: a wake-up that cannot be set fails nothing, as the feeds are out, the
 * hourly run publishes a due post within the hour all the same, and the next run sets it again (an audit
 * found a refused schedule failing every run after it had published, each re-invalidating the whole
 * site). The failure is a `schedule-failed` warning in `problems`, and nothing is recorded as set.
 *
 * @example const scheduled = await setWakeUp(deps.scheduler, { last: previous?.scheduled, nextChangeAt, now, force: false, problems, logger });
 */
export async function setWakeUp(
  scheduler: Scheduler | undefined,
  run: {
    /** What the last run recorded as set. */
    readonly last: Manifest['scheduled'];
    readonly nextChangeAt: number | undefined;
    readonly now: number;
    /** Set it even when the last run set this very time (a forced or hourly run). */
    readonly force: boolean;
    readonly problems: Problem[];
    readonly logger: Logger;
  },
): Promise<Manifest['scheduled']> {
  const { nextChangeAt } = run;
  try {
    return await schedule(scheduler, run.last, nextChangeAt, run.now, run.force);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const when = nextChangeAt === undefined ? 'clear the wake-up' : `wake up at ${new Date(nextChangeAt).toISOString()}`;
    run.problems.push({
      file: '(site)',
      severity: 'warning',
      rule: 'schedule-failed',
      message: `the wake-up for scheduled posts could not be set (to ${when}: ${reason}); the hourly run publishes them within the hour, and the next run tries again`,
    });
    run.logger.warn('schedule-failed', { reason, ...(nextChangeAt !== undefined ? { at: new Date(nextChangeAt).toISOString() } : {}) });
    return undefined;
  }
}
