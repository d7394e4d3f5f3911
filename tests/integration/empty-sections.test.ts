import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { type RebuildDeps, type RebuildReport, rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A section with a list page of its own is a page Hugo publishes whatever its articles do: its feed is
// there before the first article goes live and after the last one goes, empty, and valid. Its
// subscribers never get a 404 for it.

const BASE_URL = 'https://example.com/';
const NOW = Date.parse('2025-03-01T00:00:00Z');
const DAY = 86_400_000;
const post = (title: string, date: string): string => `---\ntitle: "${title}"\ndate: ${date}\n---\nBody.\n`;
const FEEDS = ['posts/index.xml', 'posts/atom.xml', 'posts/feed.json', 'launch/index.xml', 'launch/atom.xml', 'launch/feed.json'];

describe('a section with a list page and no article live', () => {
  it('has an empty, valid feed before its first article goes live and after its last one is deleted', async () => {
    // Arrange: posts has one article; launch has only one scheduled for later.
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n`],
      ['content/posts/_index.md', '---\ntitle: "Posts"\n---\n'],
      ['content/posts/a.md', post('A', '2025-01-01')],
      ['content/launch/_index.md', '---\ntitle: "Launch"\n---\n'],
      ['content/launch/b.md', post('B', '2025-03-05')],
      ['content/other/c.md', post('C', '2025-01-02')],
    ]);
    const target = new MemoryStorage();
    let clock = NOW;
    const deps: RebuildDeps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => clock, logger: silentLogger };
    // Act
    await rebuild(deps);
    // Assess
    let files = textFiles(target);
    for (const path of FEEDS) expect(files.has(path), path).toBe(true);
    expect(JSON.parse(files.get('launch/feed.json') ?? '{}')).toMatchObject({ title: 'Launch on News', items: [] });
    expectValidFeeds(files, BASE_URL);
    // Act: the scheduled article goes live; the only post is deleted (a run for that key).
    clock = NOW + 10 * DAY;
    await rebuild(deps);
    await source.delete('content/posts/a.md');
    await rebuild(deps, { changedKeys: ['content/posts/a.md'] });
    // Assess
    files = textFiles(target);
    expect(files.get('launch/index.xml')).toContain('<title>B</title>');
    expect(JSON.parse(files.get('posts/feed.json') ?? '{}').items).toEqual([]);
    expect(files).toEqual(await cleanBuildOf(source, clock));
    expectValidFeeds(files, BASE_URL);
  });
});

// Every top folder of the pages Hugo 0.111 builds is a section with a feed, whether feedpub lists those
// pages or not: undated (feedpub leaves them out), listed nowhere (`_build`, `headless`), or untitled and
// empty. Drafts, pages not live yet and expired ones are not built, and make no section (checked with hugo).
describe('a top folder whose pages are all in no feed', () => {
  const undated = (extra = ''): string => `---\ntitle: "Undated"\n${extra}---\nBody.\n`;

  it('has its feed, empty, where Hugo builds a page of it, and none where Hugo builds none', async () => {
    // Arrange
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n`],
      ['content/posts/a.md', post('A', '2025-01-01')],
      ['content/docs/u.md', undated()],
      ['content/guide/deep/u.md', undated()],
      ['content/hidden/u.md', post('Hidden', '2025-01-01').replace('---\nBody', '_build:\n  list: never\n---\nBody')],
      ['content/trips/b/index.md', `---\ntitle: "Trip"\ndate: 2025-01-01\nheadless: true\n---\n`],
      ['content/blank/u.md', '---\ndate: 2025-01-01\n---\n'],
      ['content/drafts/u.md', undated('draft: true\n')],
      ['content/gone/u.md', undated('expiryDate: 2025-01-01\n')],
      ['content/later/u.md', post('Later', '2025-06-01').replace('---\nBody', '_build:\n  list: never\n---\nBody')],
    ]);
    // Act
    const { files } = await buildToMemory(source, NOW);
    // Assess
    const sections = [...files.keys()].filter((p) => p.endsWith('/index.xml') && !/^(all|feeds)\//.test(p));
    expect(sections).toEqual(['blank/index.xml', 'docs/index.xml', 'guide/index.xml', 'hidden/index.xml', 'posts/index.xml', 'trips/index.xml']);
    expect(JSON.parse(files.get('docs/feed.json') ?? '{}')).toMatchObject({ title: 'Docs on News', items: [] });
    expectValidFeeds(files, BASE_URL);
  });

  it('gets and loses its feed in runs for uploaded keys as in a full build, and at the moment its only page expires', async () => {
    // Arrange: one dated post; the manifest kept between runs.
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n`],
      ['content/posts/a.md', post('A', '2025-01-01')],
    ]);
    const target = new MemoryStorage();
    let clock = NOW;
    const deps: RebuildDeps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => clock, logger: silentLogger };
    await rebuild(deps);
    // A run for uploaded keys lists nothing: it plans from the manifest and the keys it reads.
    const listings = vi.spyOn(source, 'list');
    const upload = async (key: string, text: string | undefined): Promise<RebuildReport> => {
      if (text === undefined) await source.delete(key);
      else await source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });
      return rebuild(deps, { changedKeys: [key] });
    };
    // Act / Assess: an undated page uploaded, then dated, undated again and deleted; each run as a full build.
    await upload('content/docs/u.md', undated());
    expect(textFiles(target).has('docs/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    // Another upload: the undated page is known from the stored manifest only.
    await upload('content/posts/b.md', post('B', '2025-01-03'));
    expect(textFiles(target).has('docs/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/docs/u.md', post('Dated', '2025-01-02'));
    expect(textFiles(target).get('docs/index.xml')).toContain('<title>Dated</title>');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/docs/u.md', undated());
    expect(links(textFiles(target).get('docs/index.xml'))).toEqual([`${BASE_URL}docs/`]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    const deleted = await upload('content/docs/u.md', undefined);
    expect(deleted.deleted).toContain('docs/index.xml');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expect(listings).not.toHaveBeenCalled();
    // Act / Assess: an undated page that expires in a day is built until then, and the run is scheduled for it.
    const report = await upload('content/soon/u.md', undated('expiryDate: 2025-03-02T00:00:00Z\n'));
    expect(report.nextChangeAt).toBe(NOW + DAY);
    expect(textFiles(target).has('soon/index.xml')).toBe(true);
    clock = NOW + DAY;
    await rebuild(deps);
    expect(textFiles(target).has('soon/index.xml')).toBe(false);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expectValidFeeds(textFiles(target), BASE_URL);
  });
});

/** The links of an RSS file (the channel's first). */
function links(xml: string | undefined): string[] {
  return [...(xml ?? '').matchAll(/<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? '');
}
