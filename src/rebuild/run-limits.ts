import { RunLimitError } from '../errors.js';
import type { Clock } from '../ports.js';

/** Limits of one run. */
export interface RunLimits {
  /** Wall time from the start of the run, in ms (by `deps.clock`). */
  readonly maxRunMs?: number;
  /** Resident memory, in bytes (by `deps.memoryUsage`). */
  readonly maxMemoryBytes?: number;
}

/** Stops the run (a RunLimitError) when it is over a limit; called between units of work, never mid-write. */
export type LimitCheck = (where: string) => void;

/**
 * The check of a run's time and memory limits, counted from `startedAt` (a rerun gets what is left).
 *
 * @example const checkLimits = limitCheck(deps.clock, startedAt, { maxRunMs: 60_000 }); checkLimits('while reading articles');
 */
export function limitCheck(clock: Clock, startedAt: number, limits: RunLimits, memoryUsage?: () => number): LimitCheck {
  return (where) => {
    const elapsed = clock() - startedAt;
    if (limits.maxRunMs !== undefined && elapsed > limits.maxRunMs) {
      throw new RunLimitError(
        'time',
        `run stopped ${where}: it took ${elapsed} ms, over its limit of ${limits.maxRunMs} ms; nothing is kept of it, so the next run starts again from the beginning (if this repeats, the site is more than one run can do: docs/deployment.md, Time limit)`,
      );
    }
    const memory = memoryUsage?.();
    if (limits.maxMemoryBytes !== undefined && memory !== undefined && memory > limits.maxMemoryBytes) {
      throw new RunLimitError(
        'memory',
        `run stopped ${where}: it uses ${Math.round(memory / 2 ** 20)} MiB, over its limit of ${Math.round(limits.maxMemoryBytes / 2 ** 20)} MiB`,
      );
    }
  };
}
