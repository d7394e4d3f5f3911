import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { rebuild } from '../../../src/rebuild.js';
import { pageLocation } from '../../../src/rebuild/read-pages.js';
import { memoryDeps } from '../../support/build.js';
import { testSite } from '../../support/site.js';

const NOW = Date.UTC(2025, 5, 1);
const MIB = 1024 * 1024;

describe('reading the pages of a run', () => {
  it('reads a reported page over the read-ahead bound (5 MiB) again under the site’s larger maxArticleBytes, and publishes it', async () => {
    // Prepare: a site that allows 8 MiB articles, built once.
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\ntitle = "X"\n[feedpub]\nmaxArticleBytes = 8388608\n'],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01T00:00:00Z\n---\nA.\n'],
    ]);
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    // Act: an event reports a 6 MiB page (its read ahead of the manifest stops at 5 MiB).
    const body = `---\ntitle: Big\ndate: 2025-01-02T00:00:00Z\n---\n${'word '.repeat((6 * MIB) / 5)}\n`;
    await source.write({ key: 'content/posts/big.md', body, contentType: 'text/markdown', cacheControl: '' });
    const report = await rebuild(deps, { changedKeys: ['content/posts/big.md'] });
    // Assess: parsed and published, not rejected as too large.
    expect(report.problems.filter((p) => p.rule === 'too-large')).toEqual([]);
    expect(report.articles).toMatchObject({ parsed: 1, published: 2 });
    expect(target.text('posts/index.xml')).toContain('<title>Big</title>');
  });

  it('locates a page of the run in its content folder, and throws an internal error for a key in none (feedpub’s bug, never a dropped page)', () => {
    const site = testSite();
    expect(pageLocation(site, 'content/en/posts/a.md')).toMatchObject({ relPath: 'posts/a.md', lang: { key: 'en' } });
    expect(() => pageLocation(site, 'static/a.md')).toThrow('internal error: static/a.md is in no content folder of the site');
  });
});
