import { describe, expect, it } from 'vitest';
import type { Problem } from '../../../src/model.js';
import type { Logger, Scheduler } from '../../../src/ports.js';
import { setWakeUp } from '../../../src/rebuild/schedule.js';

/** A logger that keeps its warnings. */
function recordingLogger(): Logger & { warnings: [string, Record<string, unknown> | undefined][] } {
  const warnings: [string, Record<string, unknown> | undefined][] = [];
  return { warnings, info: () => {}, error: () => {}, warn: (message, fields) => warnings.push([message, fields]) };
}

describe('setWakeUp', () => {
  it('warns that the wake-up could not be cleared when no post is due, with what the scheduler threw as it was (not an Error)', async () => {
    // Prepare: a scheduler whose client rejects with a bare string; no scheduled post or expiry ahead.
    const scheduler: Scheduler = { id: 'arn:schedule', scheduleAt: () => Promise.reject('ThrottlingException') };
    const problems: Problem[] = [];
    const logger = recordingLogger();
    // Act
    const scheduled = await setWakeUp(scheduler, { last: { id: 'arn:schedule', at: 1 }, nextChangeAt: undefined, now: 0, force: false, problems, logger });
    // Assess: nothing recorded as set; the warning says what it tried, and the log has no time.
    expect(scheduled).toBeUndefined();
    expect(problems).toEqual([
      {
        file: '(site)',
        severity: 'warning',
        rule: 'schedule-failed',
        message:
          'the wake-up for scheduled posts could not be set (to clear the wake-up: ThrottlingException); the hourly run publishes them within the hour, and the next run tries again',
      },
    ]);
    expect(logger.warnings).toEqual([['schedule-failed', { reason: 'ThrottlingException' }]]);
  });
});
