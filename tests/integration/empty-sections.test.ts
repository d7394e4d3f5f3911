import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { cleanBuildOf, textFiles } from '../support/build.js';
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
