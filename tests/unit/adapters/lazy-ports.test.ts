import { describe, expect, it } from 'vitest';
import { LazyCdn, LazyScheduler } from '../../../src/adapters/lazy-ports.js';
import type { Cdn, Scheduler } from '../../../src/ports.js';

/** A Cdn that records what reached it, and a loader that counts its calls and can fail its first ones. */
function recordingCdn(options: { failLoads?: number } = {}) {
  const calls: string[] = [];
  let loads = 0;
  const cdn: Cdn = {
    invalidate: async (paths) => {
      calls.push(`invalidate ${paths.join(',')}`);
    },
    waitUntilLive: async () => {
      calls.push('wait');
    },
  };
  const load = async (): Promise<Cdn> => {
    loads += 1;
    if (loads <= (options.failLoads ?? 0)) throw new Error(`chunk missing (load ${loads})`);
    return cdn;
  };
  return { calls, load, loads: () => loads };
}

describe('LazyCdn', () => {
  it('loads nothing until the first invalidation of at least one path, and nothing for a wait before it', async () => {
    const { calls, load, loads } = recordingCdn();
    const cdn = new LazyCdn(load);
    await cdn.invalidate([]);
    await cdn.waitUntilLive();
    expect(loads()).toBe(0);
    expect(calls).toEqual([]);
  });

  it('loads once, and passes every call to the loaded adapter in order', async () => {
    const { calls, load, loads } = recordingCdn();
    const cdn = new LazyCdn(load);
    await Promise.all([cdn.invalidate(['/a']), cdn.invalidate(['/b'])]);
    await cdn.waitUntilLive();
    await cdn.invalidate(['/c']);
    expect(loads()).toBe(1);
    expect(calls).toEqual(['invalidate /a', 'invalidate /b', 'wait', 'invalidate /c']);
  });

  it('reports a failed load to the caller, and tries again at the next call', async () => {
    const { calls, load, loads } = recordingCdn({ failLoads: 1 });
    const cdn = new LazyCdn(load);
    await expect(cdn.invalidate(['/a'])).rejects.toThrow('chunk missing (load 1)');
    await cdn.waitUntilLive(); // nothing was invalidated
    await cdn.invalidate(['/a']);
    expect(loads()).toBe(2);
    expect(calls).toEqual(['invalidate /a']);
  });

  it('passes the options of the run (its invalidation budget) to the loaded adapter, and returns what it sent', async () => {
    // Prepare
    const seen: unknown[] = [];
    const cdn = new LazyCdn(async () => ({
      invalidate: async (paths, options) => {
        seen.push(options);
        return { paths: 1, everything: true, precise: paths.length };
      },
    }));
    // Act
    const sent = await cdn.invalidate(['/a', '/b'], { maxPaths: 0 });
    // Assess
    expect(seen).toEqual([{ maxPaths: 0 }]);
    expect(sent).toEqual({ paths: 1, everything: true, precise: 2 });
  });

  it('waits only when the loaded adapter can', async () => {
    const cdn = new LazyCdn(async () => ({ invalidate: async () => {} }));
    await cdn.invalidate(['/a']);
    await expect(cdn.waitUntilLive()).resolves.toBeUndefined();
  });
});

describe('LazyScheduler', () => {
  it('loads at the first call, once, and passes every time through', async () => {
    const seen: (number | undefined)[] = [];
    let loads = 0;
    const scheduler = new LazyScheduler(async (): Promise<Scheduler> => {
      loads += 1;
      return { scheduleAt: async (at) => void seen.push(at) };
    });
    expect(loads).toBe(0);
    expect(scheduler.id).toBeUndefined();
    expect(new LazyScheduler(async () => ({ scheduleAt: async () => {} }), 'default/next').id).toBe('default/next');
    await Promise.all([scheduler.scheduleAt(1), scheduler.scheduleAt(undefined)]);
    await scheduler.scheduleAt(3);
    expect(loads).toBe(1);
    expect(seen).toEqual([1, undefined, 3]);
  });

  it('reports a failed load, and tries again at the next call', async () => {
    let loads = 0;
    const scheduler = new LazyScheduler(async (): Promise<Scheduler> => {
      loads += 1;
      if (loads === 1) throw new Error('no chunk');
      return { scheduleAt: async () => {} };
    });
    await expect(scheduler.scheduleAt(1)).rejects.toThrow('no chunk');
    await expect(scheduler.scheduleAt(1)).resolves.toBeUndefined();
    expect(loads).toBe(2);
  });
});
