import { RunLimitError } from '../errors.js';

/**
 * Runs `task` with a signal that aborts after `ms`, and settles by then even when the task does not
 * listen to the signal: it rejects with a {@link RunLimitError} (`limit: 'time'`) naming `what`. A
 * task that would have no time at all (`ms <= 0`) is not started. Without a limit (`ms` undefined) the
 * task runs without a signal.
 *
 * @example
 * await withinTime(5_000, (signal) => hub.publish(url, feeds, signal), 'the WebSub pings');
 */
export async function withinTime<T>(ms: number | undefined, task: (signal?: AbortSignal) => Promise<T>, what: string): Promise<T> {
  if (ms === undefined) return await task();
  if (ms <= 0) throw new RunLimitError('time', `no time was left for ${what}`);
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new RunLimitError('time', `${what} did not finish within the ${Math.round(ms)} ms the run had left`);
      controller.abort(reason);
      reject(reason);
    }, ms);
  });
  try {
    return await Promise.race([task(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
