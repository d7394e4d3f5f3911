import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

/** The sample site with RFC 5005 archives on and two items per feed. */
function archivingSite(): MemoryStorage {
  const files = sampleSiteFiles();
  files.set('hugo.toml', (files.get('hugo.toml') ?? '').replace('limit = 20', 'limit = 2\narchives = true'));
  return new MemoryStorage(files);
}

describe('RFC 5005 archives', () => {
  it('pages older items into archives counted from the oldest, linked both ways, all valid', async () => {
    const { files, target } = await buildToMemory(archivingSite(), SAMPLE_NOW);
    // English has 6 live articles: the feed keeps the newest 2, archives 3 (oldest 2), 2, 1 hold the rest.
    const root = files.get('index.xml') ?? '';
    expect(root).toContain('<atom:link href="https://news.example.org/archive/3/index.xml" rel="prev-archive" type="application/rss+xml"/>');
    expect(files.get('archive/3/index.xml')).toContain('rel="current"');
    expect(files.get('archive/3/index.xml')).toContain('<fh:archive/>');
    expect(files.get('archive/2/atom.xml')).toContain(
      '<link rel="prev-archive" type="application/atom+xml" href="https://news.example.org/archive/1/atom.xml"/>',
    );
    expect(files.get('archive/2/atom.xml')).toContain(
      '<link rel="next-archive" type="application/atom+xml" href="https://news.example.org/archive/3/atom.xml"/>',
    );
    expect(JSON.parse(files.get('feed.json') ?? '{}').next_url).toBe('https://news.example.org/archive/3/feed.json');
    expect(files.has('archive/4/index.xml')).toBe(false);
    // Every live English article is in the feed or exactly one archive.
    const ids = (xml: string): string[] => [...xml.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1] ?? '');
    const all = ['index.xml', 'archive/3/index.xml', 'archive/2/index.xml', 'archive/1/index.xml'].flatMap((p) => ids(files.get(p) ?? ''));
    expect(new Set(all).size).toBe(6);
    // A small term feed holding all its items is complete.
    expect(files.get('tags/rust/index.xml')).toContain('<fh:complete/>');
    expect(files.get('tags/rust/atom.xml')).toContain('<fh:complete/>');
    expect(target.snapshot().get('archive/1/atom.xml')?.cacheControl).toBe('public, max-age=2592000');
    expectValidFeeds(files, 'https://news.example.org/');
  });

  it('a new article does not rewrite existing archive pages', async () => {
    const source = archivingSite();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    const before = textFiles(target);
    await source.write({
      key: 'content/en/news/world/new-one.en.md',
      body: '---\ntitle: "Brand new"\ndate: "2025-03-01 10:00:00"\ncategories: ["World News"]\n---\nNew.\n',
      contentType: '',
      cacheControl: '',
    });
    const report = await rebuild(deps);
    expect(report.written.filter((p) => p.startsWith('archive/'))).toEqual([]);
    expect(textFiles(target).get('archive/1/index.xml')).toBe(before.get('archive/1/index.xml'));
  });
});

describe('RFC 5005 archive pages shift as docs/subscribers.md says', () => {
  /** Six posts a day apart, two items a document: archive 1 holds P1 P2, 2 P3 P4, 3 P5 P6. */
  function sixPosts(): MemoryStorage {
    const files: [string, string][] = [['hugo.toml', 'baseURL = "https://ex.org/"\ntitle = "T"\n[feedpub]\nlimit = 2\narchives = true\n']];
    for (let i = 1; i <= 6; i++) files.push([`content/posts/p${i}.md`, `---\ntitle: "P${i}"\ndate: 2025-01-0${i}T09:00:00Z\n---\nBody ${i}.\n`]);
    return new MemoryStorage(files);
  }
  /** The archive pages a run wrote, by folder. */
  const pagesWritten = (written: readonly string[]): string[] =>
    [...new Set(written.filter((p) => p.startsWith('archive/')).map((p) => p.split('/')[1] ?? ''))].sort();
  const titles = (xml: string | undefined): string[] => [...(xml ?? '').matchAll(/<entry>[\s\S]*?<title type="text">([^<]+)</g)].map((m) => m[1] ?? '');

  it('a post dated before an archived one, or an archived post deleted, rewrites its page and every newer one, never an older one', async () => {
    // Prepare
    const source = sixPosts();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    const before = textFiles(target);
    // Act: a backdated post between P2 and P3; then P5, archived, deleted.
    await source.write({
      key: 'content/posts/old.md',
      body: '---\ntitle: "Old"\ndate: 2025-01-02T12:00:00Z\n---\nBackdated.\n',
      contentType: '',
      cacheControl: '',
    });
    const backdated = await rebuild(deps, { changedKeys: ['content/posts/old.md'] });
    const shifted = textFiles(target);
    await source.delete('content/posts/p5.md');
    const deleted = await rebuild(deps, { changedKeys: ['content/posts/p5.md'] });
    // Assess
    expect(pagesWritten(backdated.written)).toEqual(['2', '3']);
    expect(shifted.get('archive/1/atom.xml')).toBe(before.get('archive/1/atom.xml'));
    expect(titles(shifted.get('archive/2/atom.xml'))).toEqual(['P3', 'Old']);
    expect(titles(shifted.get('archive/3/atom.xml'))).toEqual(['P5', 'P4']);
    expect(pagesWritten(deleted.written)).toEqual(['3']);
    expect(titles(textFiles(target).get('archive/3/atom.xml'))).toEqual(['P6', 'P4']);
    expect(target.snapshot().get('archive/3/atom.xml')?.cacheControl).toBe('public, max-age=2592000');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, SAMPLE_NOW));
  });
});

describe('every subscriber option at once', () => {
  it('archives, a WebSub hub, the directory and OPML together still give valid feeds', async () => {
    const files = sampleSiteFiles();
    files.set(
      'hugo.toml',
      (files.get('hugo.toml') ?? '').replace('limit = 20', 'limit = 2\narchives = true\nhub = "https://hub.example.org/"\ndirectory = true\nopml = true'),
    );
    const { files: published } = await buildToMemory(new MemoryStorage(files), SAMPLE_NOW);
    expect(published.get('archive/1/index.xml')).toContain('rel="hub"');
    expect(published.get('tags/rust/atom.xml')).toContain('<fh:complete/>');
    expect(JSON.parse(published.get('feed.json') ?? '{}').hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.org/' }]);
    expect(published.has('feeds/all.opml')).toBe(true);
    // Archive documents are reached through prev-archive links, never subscribed to: no list names them.
    for (const path of ['feeds/all.opml', 'feeds/en.opml', 'feeds/zh-cn.opml', 'feeds/discovery.json', 'feeds/index.html', 'zh-cn/feeds/index.html']) {
      expect(published.get(path), path).toBeDefined();
      expect(published.get(path), path).not.toContain('/archive/');
    }
    expectValidFeeds(published, 'https://news.example.org/');
  });
});

describe('RFC 5005 archives within the byte budget', () => {
  /** A site of `count` posts of ~4.5 KB each, 5 items a document, archives on, a 20,000-byte budget. */
  function bulkySite(count: number): MemoryStorage {
    const files: [string, string][] = [['hugo.toml', 'baseURL = "https://b.example/"\ntitle = "B"\n[feedpub]\nlimit = 5\narchives = true\nmaxBytes = 20000\n']];
    for (let i = 1; i <= count; i++) {
      const words = Array.from({ length: 650 }, (_, w) => `w${i}x${w}`).join(' ');
      files.push([
        `content/posts/p${String(i).padStart(2, '0')}.md`,
        `---\ntitle: "Post ${i}"\ndate: 2025-01-${String(i).padStart(2, '0')}\nsummary: "Post ${i}."\n---\n${words}\n`,
      ]);
    }
    return new MemoryStorage(files);
  }
  const ids = (xml: string | undefined): string[] => [...(xml ?? '').matchAll(/<entry>[\s\S]*?<id>([^<]+)<\/id>/g)].map((m) => m[1] ?? '');

  it('a feed that drops items for the byte budget is not marked complete (readers would delete them)', async () => {
    // Act
    const { files, report } = await buildToMemory(bulkySite(4), SAMPLE_NOW);
    // Assess: four posts, fewer fit, and no format claims the feed holds them all.
    expect(report.problems.filter((p) => p.rule === 'content-too-large')).toEqual([]);
    const atom = files.get('atom.xml');
    expect(ids(atom).length).toBeGreaterThan(0);
    expect(ids(atom).length).toBeLessThan(4);
    expect(atom).not.toContain('fh:complete');
    expect(files.get('index.xml')).not.toContain('fh:complete');
    expectValidFeeds(files, 'https://b.example/');
  });

  it('archive documents are never cut: with the feed they hold every item', async () => {
    // Act
    const { files } = await buildToMemory(bulkySite(10), SAMPLE_NOW);
    // Assess: two archive pages of 5 (oldest first), each over the budget and whole; the feed cut to fit.
    expect(ids(files.get('archive/1/atom.xml'))).toHaveLength(5);
    expect(ids(files.get('archive/2/atom.xml'))).toHaveLength(5);
    expect(Buffer.byteLength(files.get('archive/1/atom.xml') ?? '')).toBeGreaterThan(20000);
    expect(ids(files.get('atom.xml')).length).toBeLessThan(5);
    expect(new Set(['atom.xml', 'archive/1/atom.xml', 'archive/2/atom.xml'].flatMap((p) => ids(files.get(p)))).size).toBe(10);
    expect(files.get('archive/1/atom.xml')).toContain('<fh:archive/>');
    expectValidFeeds(files, 'https://b.example/');
  });
});
