import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { type Cdn, type Compute, noopCdn, silentLogger } from '../../../src/ports.js';
import { rebuild } from '../../../src/rebuild.js';
import { memoryDeps } from '../../support/build.js';
import { SAMPLE_NOW } from '../../support/repo.js';
import { sampleSource } from '../../support/sample-source.js';

describe('memoryDeps', () => {
  it('gives the source, fresh empty memory for target and state, noopCdn, a fixed clock and silentLogger, and nothing else', async () => {
    const source = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW);
    expect(Object.keys(deps).sort()).toEqual(['cdn', 'clock', 'logger', 'source', 'state', 'target']);
    expect(deps.source).toBe(source);
    expect(deps.target).toBeInstanceOf(MemoryStorage);
    expect(deps.state).toBeInstanceOf(MemoryStorage);
    expect(deps.target).not.toBe(deps.state);
    expect((deps.target as MemoryStorage).snapshot().size).toBe(0);
    expect((deps.state as MemoryStorage).snapshot().size).toBe(0);
    expect(deps.cdn).toBe(noopCdn);
    expect(deps.logger).toBe(silentLogger);
    expect([deps.clock(), deps.clock()]).toEqual([SAMPLE_NOW, SAMPLE_NOW]);
  });

  it('gives each call its own target and state', () => {
    const source = new MemoryStorage();
    const first = memoryDeps(source, SAMPLE_NOW);
    const second = memoryDeps(source, SAMPLE_NOW);
    expect(second.target).not.toBe(first.target);
    expect(second.state).not.toBe(first.state);
  });

  it('takes a clock of the test in place of a fixed moment', () => {
    let now = 1000;
    const deps = memoryDeps(new MemoryStorage(), () => now);
    now = 2000;
    expect(deps.clock()).toBe(2000);
  });

  it('replaces each field given in the overrides and keeps the defaults of the others', () => {
    const source = new MemoryStorage();
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const report = new MemoryStorage();
    const cdn: Cdn = { invalidate: async () => undefined };
    const clock = () => 42;
    const logger = { info() {}, warn() {}, error() {} };
    const memoryUsage = () => 1;
    const compute = {} as Compute;
    const deps = memoryDeps(source, SAMPLE_NOW, { target, state, report, cdn, clock, logger, memoryUsage, compute });
    expect(deps).toEqual({ source, target, state, report, cdn, clock, logger, memoryUsage, compute });
    expect(deps.clock()).toBe(42);

    const onlyTarget = memoryDeps(source, SAMPLE_NOW, { target });
    expect(onlyTarget.target).toBe(target);
    expect(onlyTarget.state).toBeInstanceOf(MemoryStorage);
    expect(onlyTarget.state).not.toBe(state);
    expect(onlyTarget.cdn).toBe(noopCdn);
    expect(onlyTarget.logger).toBe(silentLogger);
    expect(onlyTarget.clock()).toBe(SAMPLE_NOW);
  });

  it('runs a rebuild that publishes into the target it was given and keeps its manifest in the state', async () => {
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const report = await rebuild(memoryDeps(sampleSource(), SAMPLE_NOW, { target, state }));
    expect(report.written.length).toBeGreaterThan(0);
    expect([...target.snapshot().keys()]).toEqual(expect.arrayContaining([...report.written]));
    expect(state.snapshot().size).toBeGreaterThan(0);
  });
});
