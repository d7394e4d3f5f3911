import type { Manifest } from '../manifest.js';
import type { Scheduler } from '../ports.js';

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
