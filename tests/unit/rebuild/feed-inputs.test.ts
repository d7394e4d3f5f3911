import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { rebuild } from '../../../src/rebuild.js';
import { readManifest } from '../../../src/rebuild/state.js';
import { buildToMemory, memoryDeps } from '../../support/build.js';

const NOW = Date.UTC(2025, 5, 1);

/** What a build of a one-post site writes beside its feeds, with these feedpub settings. */
async function extrasOf(settings: string): Promise<{ extras: string[]; recorded: string[] | undefined }> {
  const source = new MemoryStorage([
    ['hugo.toml', `baseURL = "https://x.org/"\ntitle = "X"\n[feedpub]\n${settings}`],
    ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01T00:00:00Z\n---\nA.\n'],
  ]);
  const { files, state } = await buildToMemory(source, NOW);
  const extras = [...files.keys()].filter((path) => path.startsWith('feeds/'));
  const site = (await readManifest(state))?.manifest.feeds['@site'];
  return { extras, recorded: site && Object.keys(site.files).sort() };
}

describe('the site-wide extras beside the feeds', () => {
  it('writes the OPML lists alone with directory = false (no directory page, no discovery file)', async () => {
    expect(await extrasOf('directory = false\n')).toEqual({ extras: ['feeds/all.opml', 'feeds/en.opml'], recorded: ['feeds/all.opml', 'feeds/en.opml'] });
  });

  it('writes the directory page and discovery file alone with opml = false', async () => {
    expect(await extrasOf('opml = false\n')).toEqual({
      extras: ['feeds/discovery.json', 'feeds/index.html'],
      recorded: ['feeds/discovery.json', 'feeds/index.html'],
    });
  });

  it('writes and records no extras with both off', async () => {
    expect(await extrasOf('directory = false\nopml = false\n')).toEqual({ extras: [], recorded: undefined });
  });

  it('deletes the extras an earlier run wrote once both are turned off', async () => {
    // Prepare: a site built with its extras.
    const config = 'baseURL = "https://x.org/"\ntitle = "X"\n';
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01T00:00:00Z\n---\nA.\n'],
    ]);
    const deps = memoryDeps(source, NOW);
    await rebuild(deps);
    // Act
    await source.write({ key: 'hugo.toml', body: `${config}[feedpub]\ndirectory = false\nopml = false\n`, contentType: 'text/plain', cacheControl: '' });
    const report = await rebuild(deps);
    // Assess
    expect(report.deleted.filter((path) => path.startsWith('feeds/'))).toEqual(['feeds/all.opml', 'feeds/discovery.json', 'feeds/en.opml', 'feeds/index.html']);
    expect((await readManifest(deps.state))?.manifest.feeds['@site']).toBeUndefined();
  });
});
