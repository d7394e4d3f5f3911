import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';

const NOW = Date.UTC(2025, 5, 1);

function deps() {
  const source = new MemoryStorage([
    ['hugo.toml', 'baseURL = "https://x.org/"\ntitle = "X"\n'],
    ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01T00:00:00Z\n---\nA.\n'],
  ]);
  return { source, target: new MemoryStorage(), state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
}

describe('rebuild', () => {
  it('reports a run that only plans (check) as manual when no trigger is given, and writes nothing', async () => {
    const run = deps();
    const report = await rebuild(run, { planOnly: true });
    expect(report).toMatchObject({ trigger: 'manual', rendered: 0, written: [] });
    expect(report.feeds).toBeGreaterThan(0);
    expect(run.target.snapshot().size).toBe(0);
  });

  it('reports a run withheld by strict under the trigger it was given', async () => {
    const run = deps();
    await run.source.write({ key: 'content/posts/bad.md', body: '---\ntitle: [\n---\nx\n', contentType: 'text/markdown', cacheControl: '' });
    const report = await rebuild(run, { strict: true, trigger: 'cli' });
    expect(report).toMatchObject({ trigger: 'cli', withheld: true, written: [] });
  });
});
