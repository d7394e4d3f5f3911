import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processRunning } from '../../../src/adapters/process-running.js';

/** A system error with `code`, as `process.kill` throws one. */
function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`kill ${code}`), { code, errno: -1, syscall: 'kill' });
}

describe('processRunning', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is true of this process and its parent, false of one that has exited (ESRCH)', () => {
    expect(processRunning(process.pid)).toBe(true);
    expect(processRunning(process.ppid)).toBe(true);
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    expect(pid).toBeGreaterThan(0);
    expect(processRunning(pid ?? 0)).toBe(false);
  });

  it('is true of a process this user may not signal (EPERM): another user runs it', () => {
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw systemError('EPERM');
    });
    expect(processRunning(4242)).toBe(true);
  });

  it('is false of a number no process can have, without asking: 0 and below name process groups, Node refuses the rest', () => {
    const kill = vi.spyOn(process, 'kill');
    for (const pid of [0, -1, -4242, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, 99_999_999_999]) expect(processRunning(pid), String(pid)).toBe(false);
    expect(kill).not.toHaveBeenCalled();
    expect(processRunning(2 ** 31 - 1)).toBe(false);
  });

  it('throws any other error rather than guess whether the process runs', () => {
    const error = systemError('EINVAL');
    vi.spyOn(process, 'kill').mockImplementation(() => {
      throw error;
    });
    expect(() => processRunning(4242)).toThrow(error);
  });
});
