import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildReport, rebuild } from '../../src/rebuild.js';
import type { QuietPage } from '../../src/parse/parse-article.js';
import { readManifest, writeManifest } from '../../src/rebuild/state.js';
import { sha256 } from '../../src/sha256.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
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
    const deps = memoryDeps(source, () => clock, { target });
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
    const deps = memoryDeps(source, () => clock, { target });
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

// Every term of the pages Hugo 0.111 builds is a term of Hugo's, with its feed, whether feedpub lists
// those pages or not (undated, listed nowhere, untitled and empty): Hugo writes tags/solo/index.xml for an
// undated page tagged solo. A run for uploaded keys knows such a page's terms from the manifest.
// A top folder with no page of its own but a nested section's list page (`news/world/_index.md`) is a
// section Hugo 0.111 builds: it writes `news/index.xml`, empty, unless that list page is a draft, not
// live yet or expired (checked with hugo in hugo-compat.test.ts).
describe('a top folder whose only page is a nested section list page', () => {
  it('gets and loses its feed in runs for uploaded keys as in a full build, keeps it in a run for another key with no request more, and gets it when its list page goes live', async () => {
    // Arrange: one dated post; the manifest kept between runs.
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n`],
      ['content/posts/a.md', post('A', '2025-01-01')],
    ]);
    const target = new MemoryStorage();
    let clock = NOW;
    const deps = memoryDeps(source, () => clock, { target });
    await rebuild(deps);
    const listings = vi.spyOn(source, 'list');
    const reads = vi.spyOn(source, 'read');
    const versioned = vi.spyOn(source, 'readVersioned');
    const upload = async (key: string, text: string | undefined): Promise<RebuildReport> => {
      if (text === undefined) await source.delete(key);
      else await source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });
      listings.mockClear();
      reads.mockClear();
      versioned.mockClear();
      return rebuild(deps, { changedKeys: [key] });
    };
    const list = (extra = ''): string => `---\ntitle: "World"\n${extra}---\n`;
    // Act / Assess: the list page uploaded, another post beside it, then a draft, live again and deleted.
    await upload('content/news/world/_index.md', list());
    expect(links(textFiles(target).get('news/index.xml'))).toEqual([`${BASE_URL}news/`]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    // A run for a post's key knows the list page from the stored manifest: it lists nothing and reads the post only.
    await upload('content/posts/b.md', post('B', '2025-01-03'));
    expect(listings).not.toHaveBeenCalled();
    expect(new Set([...reads.mock.calls, ...versioned.mock.calls].map(([read]) => read))).toEqual(new Set(['content/posts/b.md']));
    expect(textFiles(target).has('news/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    const drafted = await upload('content/news/world/_index.md', list('draft: true\n'));
    expect(drafted.deleted).toContain('news/index.xml');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/news/world/_index.md', list('_build:\n  render: never\n'));
    expect([...textFiles(target).keys()].filter((p) => p.startsWith('news/'))).toEqual(['news/atom.xml', 'news/feed.json', 'news/index.xml']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    const deleted = await upload('content/news/world/_index.md', undefined);
    expect(deleted.deleted).toContain('news/index.xml');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    // Act / Assess: a list page that goes live in a day makes its top folder's feed then, as the run is scheduled.
    const report = await upload('content/later/x/_index.md', list('publishDate: 2025-03-02T00:00:00Z\n'));
    expect(report.nextChangeAt).toBe(NOW + DAY);
    expect(textFiles(target).has('later/index.xml')).toBe(false);
    clock = NOW + DAY;
    await rebuild(deps);
    expect(textFiles(target).has('later/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expectValidFeeds(textFiles(target), BASE_URL);
  });
});

describe('a term whose pages are all in no feed', () => {
  const undated = (extra = ''): string => `---\ntitle: "Undated"\n${extra}---\nBody.\n`;
  const SITE = `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n`;

  it('gets, renames and loses its feed in runs for uploaded keys as in a full build, reading only those keys, and at the moment its only page expires', async () => {
    // Arrange: one dated, tagged post; the manifest kept between runs.
    const source = new MemoryStorage([
      ['hugo.toml', SITE],
      ['content/posts/a.md', post('A', '2025-01-01').replace('---\nBody', 'tags: [busy]\n---\nBody')],
    ]);
    const target = new MemoryStorage();
    let clock = NOW;
    const deps = memoryDeps(source, () => clock, { target });
    await rebuild(deps);
    // A run for uploaded keys lists nothing and reads the uploaded page alone.
    const listings = vi.spyOn(source, 'list');
    const reads = vi.spyOn(source, 'read');
    const upload = async (key: string, text: string | undefined): Promise<RebuildReport> => {
      if (text === undefined) await source.delete(key);
      else await source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });
      reads.mockClear();
      const report = await rebuild(deps, { changedKeys: [key] });
      expect(reads.mock.calls.map(([read]) => read)).toEqual([key]);
      return report;
    };
    const title = (key: string): unknown => JSON.parse(textFiles(target).get(key) ?? '{}').title;
    // Act / Assess: an undated page with terms uploaded (and one at the top), then another page, the first
    // one's term respelled, dated, listed nowhere and deleted; each run as a full build.
    await upload('content/notes/u.md', undated('tags: [solo, Busy]\ncategories: [Jottings]\n'));
    expect(JSON.parse(textFiles(target).get('tags/solo/feed.json') ?? '{}')).toMatchObject({ title: 'solo on News', items: [] });
    expect(textFiles(target).has('categories/jottings/atom.xml')).toBe(true);
    expect(title('tags/busy/feed.json')).toBe('busy on News');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/top.md', undated('tags: [top]\n'));
    expect(textFiles(target).has('tags/top/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    // Another upload: the undated pages are known from the stored manifest only.
    await upload('content/posts/b.md', post('B', '2025-01-03'));
    expect(textFiles(target).has('tags/solo/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/notes/u.md', undated('tags: [Solo]\n'));
    expect(title('tags/solo/feed.json')).toBe('Solo on News');
    expect(textFiles(target).has('categories/jottings/index.xml')).toBe(false);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/notes/u.md', post('Dated', '2025-01-02').replace('---\nBody', 'tags: [Solo]\n---\nBody'));
    expect(textFiles(target).get('tags/solo/index.xml')).toContain('<title>Dated</title>');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    await upload('content/notes/u.md', post('Dated', '2025-01-02').replace('---\nBody', 'tags: [Solo]\n_build:\n  list: never\n---\nBody'));
    expect(JSON.parse(textFiles(target).get('tags/solo/feed.json') ?? '{}').items).toEqual([]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    const deleted = await upload('content/notes/u.md', undefined);
    expect(deleted.deleted).toEqual(expect.arrayContaining(['tags/solo/index.xml', 'tags/solo/atom.xml', 'tags/solo/feed.json']));
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    // Act / Assess: an undated page that expires in a day is built until then, and the run is scheduled for it.
    const report = await upload('content/soon.md', undated('tags: [soon]\nexpiryDate: 2025-03-02T00:00:00Z\n'));
    expect(report.nextChangeAt).toBe(NOW + DAY);
    expect(textFiles(target).has('tags/soon/index.xml')).toBe(true);
    expect(listings).not.toHaveBeenCalled();
    clock = NOW + DAY;
    await rebuild(deps);
    expect(textFiles(target).has('tags/soon/index.xml')).toBe(false);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expectValidFeeds(textFiles(target), BASE_URL);
  });

  it('gets its feed at the first run after an upgrade, from a manifest that kept no terms of such pages', async () => {
    // Arrange: a site with an undated page with a tag, as render version 27 left it (the last one that kept
    // no terms of pages in no feed): no feed for the tag, nor the terms in its manifest.
    const source = new MemoryStorage([
      ['hugo.toml', SITE],
      ['content/posts/a.md', post('A', '2025-01-01')],
      ['content/notes/u.md', undated('tags: [solo]\n')],
    ]);
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target, state });
    await rebuild(deps);
    const stored = await readManifest(state);
    const configSource = stored?.manifest.configSource;
    if (stored === undefined || configSource === undefined) throw new Error('no manifest');
    const { manifest } = stored;
    const articles = new Map(
      [...manifest.articles].map(([key, { quiet, ...record }]) => [key, quiet === undefined ? record : { ...record, quiet: withoutTerms(quiet) }]),
    );
    const { 'tags/solo/': solo, ...feeds } = manifest.feeds;
    for (const path of Object.keys(solo?.files ?? {})) await target.delete(path);
    // Its config hash and source as 27 made them (which make a run of 28 read and parse every page again).
    const configHash = sha256(JSON.stringify({ RENDER_VERSION: 27, site: manifest.site }));
    await writeManifest(state, { ...manifest, articles, feeds, configHash, configSource: { ...configSource, renderVersion: 27 } }, stored);
    const old = await readManifest(state);
    expect(old?.manifest.articles.get('content/notes/u.md')?.quiet).toEqual({ lang: 'en', section: 'notes' });
    expect([...textFiles(target).keys()].filter((path) => path.startsWith('tags/'))).toEqual([]);
    // Act: a run for an uploaded key.
    await source.write({ key: 'content/posts/b.md', body: post('B', '2025-01-03'), contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    // Assess
    expect(textFiles(target).has('tags/solo/index.xml')).toBe(true);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    expect((await readManifest(state))?.manifest.articles.get('content/notes/u.md')?.quiet?.terms).toEqual({ tags: ['solo'] });
  });
});

/** A page in no feed as a manifest of render version 27 kept it: without its terms. */
function withoutTerms({ terms: _terms, ...page }: QuietPage): QuietPage {
  return page;
}
