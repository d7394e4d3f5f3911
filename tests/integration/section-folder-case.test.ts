import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import type { Problem } from '../../src/model.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { buildWithHugo, removeSmallSites, smallSite } from '../support/hugo-site.js';

// Hugo 0.111 keys its content tree lower-cased: folders that differ only in case (`News/`, `news/`, what a
// bucket written from a case-sensitive disk or two CI scripts can hold) are one section. Its feed lists the
// pages of every such folder; the list page Hugo keeps is the last folder's it walks (its title, draft,
// cascade and, with disablePathToLower, its folder's case); a section without one is named by the first
// folder. feedpub kept them apart and published one folder's pages alone (the others' feeds dropped with
// a feed-path-collision warning).

const NOW = Date.UTC(2026, 0, 1);
const page = (title: string, day: number, extra = ''): string => `---\ntitle: "${title}"\ndate: 2025-01-0${day}T00:00:00Z\n${extra}---\nbody\n`;
const listPage = (title: string, extra = ''): string => `---\ntitle: "${title}"\n${extra}---\n`;

afterAll(removeSmallSites);

/** A site folder with `config` as its hugo.toml and `files` in its content folder. */
function siteFolder(config: string, files: Readonly<Record<string, string>>): string {
  return smallSite(config, Object.fromEntries(Object.entries(files).map(([name, text]) => [`content/${name}`, text])));
}

/** Each RSS file but the lists of terms, with its title and its items' titles and links in order. */
function feeds(files: ReadonlyMap<string, string>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [file, xml] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!file.endsWith('index.xml') || /^(tags|categories)\/index\.xml$/.test(file)) continue;
    const title = /<channel>\s*<title>([^<]*)<\/title>/.exec(xml)?.[1] ?? '';
    const items = [...xml.matchAll(/<item>\s*<title>([^<]*)<\/title>\s*<link>([^<]*)<\/link>/g)].map((m) => `${m[1]} ${m[2]}`);
    out[file] = [title, ...items];
  }
  return out;
}

/** Hugo's feeds and feedpub's of one site folder, each as {@link feeds} gives them (Hugo's list pages as items left out). */
async function both(dir: string): Promise<{ hugo: Record<string, string[]>; ours: Record<string, string[]>; warnings: Problem[] }> {
  const {
    hugoOut: out,
    build: { files, report },
  } = await buildWithHugo(dir, NOW);
  const hugoFiles = new Map(
    readdirSync(out, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split(path.sep).join('/'))
      .filter((f) => f.endsWith('index.xml'))
      .map((f) => [f, readFileSync(path.join(out, f), 'utf8')] as const),
  );
  // Hugo lists a section's own page in the feeds of the terms it cascades; feedpub lists no list page (docs/publishing.md).
  const hugo = Object.fromEntries(
    Object.entries(feeds(hugoFiles)).map(([file, [title, ...items]]) => [file, [title ?? '', ...items.filter((i) => !/^N\d /.test(i))]]),
  );
  return { hugo, ours: feeds(files), warnings: report.problems.filter((p) => p.severity === 'warning') };
}

describe('section folders that differ only in case are one section, as in Hugo 0.111', () => {
  it('lists every such folder’s pages in one feed, titled and cascaded by the last folder’s list page, nested ones too', async () => {
    const dir = siteFolder('baseURL = "https://example.com/"\ntitle = "Case"\n', {
      'blog/World/a.md': page('A', 1),
      'blog/world/b.md': page('B', 2),
      'Blog/c.md': page('C', 3),
      'blog/World/_index.md': listPage('W1'),
      'blog/world/_index.md': listPage('W2'),
      'News/d.md': page('D', 4),
      'news/e.md': page('E', 5),
      'News/_index.md': listPage('N1', 'cascade:\n  tags: [up]\n'),
      'news/_index.md': listPage('N2', 'cascade:\n  tags: [low]\n'),
      // No list page: named by the first folder Hugo walks (`nEWs2` before `news2`).
      'nEWs2/f.md': page('F', 6),
      'news2/g.md': page('G', 7),
    });
    const { hugo, ours, warnings } = await both(dir);
    expect(ours).toEqual(hugo);
    expect(ours['news/index.xml']).toEqual(['N2 on Case', 'E https://example.com/news/e/', 'D https://example.com/news/d/']);
    expect(ours['blog/world/index.xml']?.[0]).toBe('W2 on Case');
    expect(ours['news2/index.xml']).toEqual(['NEWs2s on Case', 'G https://example.com/news2/g/', 'F https://example.com/news2/f/']);
    expect(ours['tags/up/index.xml']).toBeUndefined();
    // No feed left out; each list page Hugo does not read named, with the one it reads.
    expect(warnings.map((p) => [p.file, p.rule, p.message.slice(0, p.message.indexOf(' in its place'))])).toEqual([
      ['content/News/_index.md', 'list-page-unread', 'not read: Hugo reads content/news/_index.md'],
      ['content/blog/World/_index.md', 'list-page-unread', 'not read: Hugo reads content/blog/world/_index.md'],
    ]);
  }, 60_000);

  it('with disablePathToLower, places the feed in the kept list page’s folder and links each page in its own', async () => {
    const dir = siteFolder('disablePathToLower = true\nbaseURL = "https://example.com/"\ntitle = "Case"\n', {
      'POSTS/p1.md': page('P1', 1),
      'Posts/p2.md': page('P2', 2),
      'pOSTS/p3.md': page('P3', 3),
      'POSTS/_index.md': listPage('List POSTS'),
      'Posts/_index.md': listPage('List Posts'),
      'pOSTS/_index.md': listPage('List pOSTS'),
    });
    const { hugo, ours } = await both(dir);
    expect(ours).toEqual(hugo);
    expect(ours['pOSTS/index.xml']).toEqual([
      'List pOSTS on Case',
      'P3 https://example.com/pOSTS/p3/',
      'P2 https://example.com/Posts/p2/',
      'P1 https://example.com/POSTS/p1/',
    ]);
  }, 60_000);

  it('leaves out every such folder’s pages when the kept list page is a draft, and none when another one is', async () => {
    const files = (first: string, last: string) => ({ 'News/a.md': page('A', 1), 'news/b.md': page('B', 2), 'News/_index.md': first, 'news/_index.md': last });
    const hidden = await both(siteFolder('baseURL = "https://example.com/"\ntitle = "Case"\n', files(listPage('Upper'), listPage('Lower', 'draft: true\n'))));
    expect(hidden.ours).toEqual(hidden.hugo);
    expect(hidden.ours).toEqual({ 'index.xml': ['Case'] });
    const shown = await both(siteFolder('baseURL = "https://example.com/"\ntitle = "Case"\n', files(listPage('Upper', 'draft: true\n'), listPage('Lower'))));
    expect(shown.ours).toEqual(shown.hugo);
    expect(shown.ours['news/index.xml']).toEqual(['Lower on Case', 'B https://example.com/news/b/', 'A https://example.com/news/a/']);
  }, 60_000);

  it('names a second list page in one folder as unread too, the first by name being the one read (_index.markdown, as in Hugo 0.111)', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "Case"\ntimeZone = "UTC"\n'],
      ['content/news/a.md', page('A', 1)],
      ['content/news/_index.md', listPage('Unread')],
      ['content/news/_index.markdown', listPage('Read')],
    ]);
    const { files, report } = await buildToMemory(source, NOW);
    expect(feeds(files)['news/index.xml']?.[0]).toBe('Read on Case');
    expect(report.problems.filter((p) => p.rule === 'list-page-unread').map((p) => [p.file, p.severity])).toEqual([['content/news/_index.md', 'warning']]);
  });

  it('converges in runs for uploaded keys to what a full build writes, as pages and list pages come and go', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "Case"\ntimeZone = "UTC"\n'],
      ['content/News/a.md', page('A', 1)],
      ['content/news/b.md', page('B', 2)],
    ]);
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    expect(feeds(textFiles(target))['news/index.xml']).toEqual(['News on Case', 'B https://example.com/news/b/', 'A https://example.com/news/a/']);
    const upload = async (key: string, text: string | undefined): Promise<void> => {
      if (text === undefined) await source.delete(key);
      else await source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });
      await rebuild(deps, { changedKeys: [key] });
      expect(textFiles(target), key).toEqual(await cleanBuildOf(source, NOW));
    };
    await upload('content/NEWS/c.md', page('C', 3));
    await upload('content/news/_index.md', listPage('Lower'));
    await upload('content/News/_index.md', listPage('Upper', 'draft: true\n'));
    await upload('content/news/b.md', page('B2', 2));
    await upload('content/news/_index.md', undefined);
    expect(feeds(textFiles(target))['news/index.xml']).toBeUndefined();
    await upload('content/News/_index.md', undefined);
    expect(feeds(textFiles(target))['news/index.xml']).toEqual([
      'NEWS on Case',
      'C https://example.com/news/c/',
      'B2 https://example.com/news/b/',
      'A https://example.com/news/a/',
    ]);
  });
});
