/** The largest process id `process.kill` takes (a 32-bit signed integer); no system gives a larger one. */
const MAX_PID = 2 ** 31 - 1;

/**
 * Whether a process with the id `pid` runs, this user's or another's, as signal 0 tells (nothing is sent):
 * ESRCH, no such process, is not; EPERM, one that this user may not signal, is. A number that no process
 * can have (0 and below, which name process groups, fractions, over 2³¹ − 1, which Node refuses with a
 * TypeError) is none. `kill(2)` with signal 0 fails with nothing else for a valid id, so any other error
 * is thrown rather than guessed at: the callers delete what they take to be a stopped process's files, and
 * a guess either way would be wrong in one of the two directions.
 *
 * @example processRunning(process.pid) // true
 */
export function processRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid > MAX_PID) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ESRCH') return false;
    if (code === 'EPERM') return true;
    throw error;
  }
}
