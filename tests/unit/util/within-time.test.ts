import { describe, expect, it, vi } from 'vitest';
import { RunLimitError } from '../../../src/errors.js';
import { withinTime } from '../../../src/util/within-time.js';

describe('withinTime', () => {
  it('runs the task without a signal when there is no limit', async () => {
    let given: AbortSignal | undefined = new AbortController().signal;
    const result = await withinTime(
      undefined,
      async (signal) => {
        given = signal;
        return 42;
      },
      'the task',
    );
    expect(result).toBe(42);
    expect(given).toBeUndefined();
  });

  it('gives the task a signal that has not aborted, and its result when it finishes in time', async () => {
    let given: AbortSignal | undefined;
    const result = await withinTime(
      1_000,
      async (signal) => {
        given = signal;
        return 'done';
      },
      'the task',
    );
    expect(result).toBe('done');
    expect(given?.aborted).toBe(false);
  });

  it('passes on the rejection of a task that fails in time', async () => {
    const failure = new Error('hub down');
    await expect(withinTime(1_000, () => Promise.reject(failure), 'the task')).rejects.toBe(failure);
  });

  it('aborts the signal and rejects with a RunLimitError at the limit, even when the task ignores the signal', async () => {
    // Prepare: a task that never settles and never looks at its signal; a fake clock, so that the limit is
    // checked by the timer's time, not the machine's.
    vi.useFakeTimers();
    try {
      let given: AbortSignal | undefined;
      let settled = false;
      // Act
      const outcome = withinTime(
        100,
        (signal) => {
          given = signal;
          return new Promise<never>(() => {});
        },
        'the WebSub pings',
      )
        .catch((caught: unknown) => caught)
        .finally(() => {
          settled = true;
        });
      // Assess: pending until the limit, rejected at it.
      await vi.advanceTimersByTimeAsync(99);
      expect(settled).toBe(false);
      expect(given?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      const error = await outcome;
      expect(error).toBeInstanceOf(RunLimitError);
      expect((error as RunLimitError).limit).toBe('time');
      expect((error as RunLimitError).message).toBe('the WebSub pings did not finish within the 100 ms the run had left');
      expect(given?.aborted).toBe(true);
      expect(given?.reason).toBe(error);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not start a task when no time is left', async () => {
    let started = false;
    const error = await withinTime(
      -5,
      async () => {
        started = true;
      },
      'waiting for the CDN invalidation',
    ).catch((caught: unknown) => caught);
    expect(started).toBe(false);
    expect(error).toBeInstanceOf(RunLimitError);
    expect((error as Error).message).toBe('no time was left for waiting for the CDN invalidation');
  });
});
