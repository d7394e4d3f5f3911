import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import type { Scheduler } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { RESCHEDULE_WITHIN_MS } from '../../src/rebuild/schedule.js';
import { memoryDeps } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

/** A scheduler that records the times it was asked to set. */
function recordingScheduler(id: string | undefined): Scheduler & { readonly calls: (number | undefined)[] } {
  const calls: (number | undefined)[] = [];
  return { id, calls, scheduleAt: async (at) => void calls.push(at) };
}

/** The sample site, and a run of it at `now` with this scheduler (state kept between runs). */
function site() {
  const source = sampleSource();
  const target = new MemoryStorage();
  const state = new MemoryStorage();
  return {
    source,
    run: (scheduler: Scheduler, now = SAMPLE_NOW, force = false) => rebuild(memoryDeps(source, now, { target, state, scheduler }), { trigger: 'test', force }),
  };
}

describe('the wake-up schedule is set only when its time or the schedule changes', () => {
  it('sets it on the first run, skips the same time on the same schedule, and sets it again when forced', async () => {
    const { run } = site();
    const scheduler = recordingScheduler('default/next-change -> arn:f');
    const first = await run(scheduler);
    // The sample site has a post waiting: the first run arranges it.
    expect(first.nextChangeAt).toBeGreaterThan(SAMPLE_NOW + RESCHEDULE_WITHIN_MS);
    expect(scheduler.calls).toEqual([first.nextChangeAt]);
    await run(scheduler);
    await run(scheduler);
    expect(scheduler.calls).toHaveLength(1);
    await run(scheduler, SAMPLE_NOW, true);
    expect(scheduler.calls).toEqual([first.nextChangeAt, first.nextChangeAt]);
  });

  it('sets it when the next change moves, when the schedule is another one, and always for a scheduler without an id', async () => {
    const { run, source } = site();
    const scheduler = recordingScheduler('default/next-change -> arn:f');
    const first = await run(scheduler);
    // An article published one day later than the sample's next change moves nothing; one before it does.
    const earlier = (first.nextChangeAt ?? 0) - 3600_000;
    await source.write({
      key: 'content/en/posts/soon.md',
      body: `---\ntitle: Soon\ndate: ${new Date(earlier).toISOString()}\n---\nBody.\n`,
      contentType: 'text/markdown',
      cacheControl: 'no-cache',
    });
    const second = await run(scheduler);
    expect(second.nextChangeAt).toBe(earlier);
    expect(scheduler.calls).toEqual([first.nextChangeAt, earlier]);
    // Another schedule name: the recorded time says nothing about it.
    const renamed = recordingScheduler('default/other -> arn:f');
    await run(renamed);
    expect(renamed.calls).toEqual([earlier]);
    // No id: nothing to compare with, so every run sets it.
    const anonymous = recordingScheduler(undefined);
    await run(anonymous);
    await run(anonymous);
    expect(anonymous.calls).toEqual([earlier, earlier]);
  });

  it('sets it again, unchanged, when it is due within two minutes (it may be firing, or have fired early)', async () => {
    const { run } = site();
    const scheduler = recordingScheduler('default/next-change -> arn:f');
    const first = await run(scheduler);
    const due = first.nextChangeAt ?? 0;
    await run(scheduler, due - RESCHEDULE_WITHIN_MS - 1000);
    expect(scheduler.calls).toHaveLength(1);
    await run(scheduler, due - RESCHEDULE_WITHIN_MS + 1000);
    expect(scheduler.calls).toEqual([due, due]);
  });

  it('clears it once, and then leaves the cleared schedule alone', async () => {
    const { run } = site();
    const scheduler = recordingScheduler('default/next-change -> arn:f');
    // Far in the future: nothing left to wait for.
    const later = Date.parse('2099-01-01T00:00:00Z');
    const report = await run(scheduler, later);
    expect(report.nextChangeAt).toBeUndefined();
    await run(scheduler, later + 60_000);
    expect(scheduler.calls).toEqual([undefined]);
  });
});

describe('a wake-up that cannot be set', () => {
  it('is a warning, not a failed run: the manifest is stored, the next run writes nothing and tries the schedule again', async () => {
    // Prepare: a scheduler the role may not use (an audit: every run threw after publishing, re-invalidating everything).
    const { run } = site();
    let refuse = true;
    const calls: (number | undefined)[] = [];
    const scheduler: Scheduler = {
      id: 'default/next-change -> arn:f',
      scheduleAt: async (at) => {
        calls.push(at);
        if (refuse) throw new Error('AccessDeniedException: not authorized to perform iam:PassRole');
      },
    };
    // Act
    const first = await run(scheduler);
    // Assess: published, warned, recorded
    expect(first.written.length).toBeGreaterThan(0);
    expect(first.problems.find((p) => p.rule === 'schedule-failed')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('iam:PassRole'),
    });
    // The next run (nothing changed) writes nothing, and sets the schedule again; once it can, it is recorded.
    refuse = false;
    const second = await run(scheduler);
    expect(second.written).toEqual([]);
    expect(second.problems.filter((p) => p.rule === 'schedule-failed')).toEqual([]);
    expect(calls).toEqual([first.nextChangeAt, first.nextChangeAt]);
    await run(scheduler);
    expect(calls).toHaveLength(2);
  });
});
