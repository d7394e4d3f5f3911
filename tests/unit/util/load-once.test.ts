import { describe, expect, it } from 'vitest';
import { loadOnce } from '../../../src/util/load-once.js';

describe('loadOnce', () => {
  it('runs the loader once for every caller, concurrent or later', async () => {
    let runs = 0;
    const load = loadOnce(async () => ({ run: ++runs }));
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(runs).toBe(1);
  });

  it('does not keep a failure: the next call loads again', async () => {
    let runs = 0;
    const load = loadOnce(async () => {
      runs += 1;
      if (runs === 1) throw new Error('chunk missing');
      return runs;
    });
    await expect(load()).rejects.toThrow('chunk missing');
    expect(await load()).toBe(2);
    expect(await load()).toBe(2);
    expect(runs).toBe(2);
  });
});
