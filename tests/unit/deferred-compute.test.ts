import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { inProcessCompute } from '../../src/compute.js';
import { deferredCompute } from '../../src/deferred-compute.js';
import type { Compute, Storage } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { memoryDeps } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleArticleFiles, sampleSource } from '../support/sample-source.js';

describe('deferredCompute (the in-process compute, loaded on first use)', () => {
  it('parses and prepares exactly as the in-process compute does, warmed or not', async () => {
    // Arrange
    const { site, files } = sampleArticleFiles();
    // Act
    deferredCompute.warm?.();
    const parsed = await deferredCompute.parse(site, files);
    const requests = parsed.flatMap((r) => (r.article ? [{ article: r.article, alternates: [], multi: true, single: false }] : []));
    const prepared = await deferredCompute.prepare(site, requests);
    // Assert
    expect(parsed.filter((r) => r.article).length).toBeGreaterThan(5);
    expect(parsed).toEqual(await inProcessCompute.parse(site, files));
    expect(prepared).toEqual(await inProcessCompute.prepare(site, requests));
  });

  it('is warmed by a run before it reads anything, so loading overlaps the first waits on storage', async () => {
    // Arrange: a compute and storage that log the order of events
    const events: string[] = [];
    const logged = (name: string, storage: Storage): Storage => ({
      list: (prefix) => {
        events.push(`${name} list`);
        return storage.list(prefix);
      },
      read: (key) => {
        events.push(`${name} read`);
        return storage.read(key);
      },
      write: (request) => storage.write(request),
      delete: (key) => storage.delete(key),
    });
    const compute: Compute = { ...inProcessCompute, warm: () => void events.push('warm') };
    // Act
    await rebuild(memoryDeps(logged('source', sampleSource()), SAMPLE_NOW, { state: logged('state', new MemoryStorage()), compute }));
    // Assert
    expect(events[0]).toBe('warm');
    expect(events.filter((e) => e === 'warm')).toHaveLength(1);
    expect(events).toContain('state read');
    expect(events).toContain('source read');
  });
});
