import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

// A section's feed takes its title from the section's list page (`news/_index.md`), per language, as Hugo
// titles the section; events for list pages keep it current.

const CONFIG = `baseURL = "https://example.com/"
title = "Site"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
title = "Site"
[languages.zh-CN]
contentDir = "content/zh-CN"
title = "站点"
`;
const NOW = Date.parse('2025-03-01T00:00:00Z');
const post = (title: string, extra = ''): string => `---\ntitle: "${title}"\ndate: 2025-01-02\n${extra}---\nBody.\n`;
const listPage = (title: string): string => `---\ntitle: "${title}"\n---\nThe section page.\n`;

function site(): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', CONFIG],
    ['content/en/news/a.md', post('A')],
    ['content/en/news/world/w.md', post('W')],
    ['content/en/news/world/w0.md', post('W0', 'lastmod: 2025-01-03\n').replace('2025-01-02', '2025-01-01')],
    ['content/en/news/_index.md', listPage('Headlines &amp; more')],
    ['content/en/blog/b.md', post('B')],
    ['content/en/blog/sub/_index.md', listPage('A nested section: not the top one')],
    ['content/en/_index.md', listPage('Home, not a section')],
    ['content/zh-CN/news/c.md', post('C')],
    ['content/zh-CN/news/_index.md', listPage('新闻')],
  ]);
}

const channelTitle = (xml: string | undefined): string | undefined => /<channel>\s*<title>([^<]*)<\/title>/.exec(xml ?? '')?.[1];

describe('section feeds: titles and nested sections from list pages', () => {
  it('appear, with their pages, when their list page goes live, and go when it expires; the run is scheduled for both', async () => {
    // Arrange: one section published later, one expiring later
    const LIVE = Date.parse('2025-03-05T00:00:00Z');
    const END = Date.parse('2025-03-09T00:00:00Z');
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/en/news/a.md', post('A')],
      ['content/en/soon/_index.md', `---\ntitle: "Soon"\npublishDate: ${new Date(LIVE).toISOString()}\n---\n`],
      ['content/en/soon/s.md', post('S')],
      ['content/en/ending/_index.md', `---\ntitle: "Ending"\nexpiryDate: ${new Date(END).toISOString()}\n---\n`],
      ['content/en/ending/e.md', post('E')],
    ]);
    // Act
    const before = await buildToMemory(source, NOW);
    const between = await buildToMemory(source, LIVE + 1);
    const after = await buildToMemory(source, END + 1);
    // Assert
    expect(before.report.nextChangeAt).toBe(LIVE);
    expect(before.files.has('soon/index.xml')).toBe(false);
    expect(before.files.get('index.xml')).not.toContain('<title>S</title>');
    expect(before.report.problems.find((p) => p.file === 'content/en/soon/s.md')?.rule).toBe('future');
    expect(before.files.get('ending/index.xml')).toContain('<title>E</title>');
    expect(between.report.nextChangeAt).toBe(END);
    expect(between.files.get('soon/index.xml')).toContain('<title>S</title>');
    expect(between.files.get('index.xml')).toContain('<title>S</title>');
    expect(after.files.has('ending/index.xml')).toBe(false);
    expect(after.files.get('index.xml')).not.toContain('<title>E</title>');
    expect(after.report.problems.find((p) => p.file === 'content/en/ending/e.md')?.rule).toBe('expired');
    // An event run after the section went live (for another article) ends as a clean build then.
    const target = new MemoryStorage();
    let clock = NOW;
    const deps = memoryDeps(source, () => clock, { target });
    await rebuild(deps);
    clock = LIVE + 1;
    await source.write({ key: 'content/en/news/a.md', body: post('A, edited'), contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['content/en/news/a.md'] });
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, LIVE + 1));
  });

  it("come from each language's list page of the section, entities decoded once; the home page's titles the language's feed, as Hugo's home feed", async () => {
    // Act
    const files = await cleanBuildOf(site(), NOW);
    // Assert
    expect(channelTitle(files.get('news/index.xml'))).toBe('Headlines &#x26; more on Site');
    expect(JSON.parse(files.get('news/feed.json') ?? '{}').title).toBe('Headlines & more on Site');
    expect(channelTitle(files.get('zh-cn/news/index.xml'))).toBe('新闻 on 站点');
    expect(channelTitle(files.get('blog/index.xml'))).toBe('Blogs on Site');
    expect(channelTitle(files.get('index.xml'))).toBe('Home, not a section on Site');
    expect(channelTitle(files.get('zh-cn/index.xml'))).toBe('站点');
  });

  it('follow an edited, added or removed list page in event runs (each a full run), and articles in nested sections, ending as a clean build', async () => {
    // Arrange
    const source = site();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    const edits: [string, string | undefined][] = [
      ['content/en/news/_index.md', listPage('World news')],
      ['content/en/blog/_index.md', listPage('Notebook')],
      ['content/zh-CN/news/_index.md', undefined],
      ['content/en/news/world/_index.md', listPage('World')], // a nested section: w.md leaves news/ for news/world/
      ['content/en/news/world/w.md', post('W', 'draft: true\n')], // an article event: the feeds it was in, the nested section's too
    ];
    for (const [key, text] of edits) {
      // Act
      if (text === undefined) await source.delete(key);
      else await source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });
      const listsBefore = source.calls.list;
      await rebuild(deps, { changedKeys: [key] });
      // Assert
      if (key.includes('_index'))
        expect(source.calls.list, key).toBeGreaterThan(listsBefore); // a full run lists the site
      else expect(source.calls.list, key).toBe(listsBefore);
      expect(textFiles(target), key).toEqual(await cleanBuildOf(source, NOW));
    }
    const files = textFiles(target);
    expect(channelTitle(files.get('news/index.xml'))).toBe('World news on Site');
    expect(channelTitle(files.get('blog/index.xml'))).toBe('Notebook on Site');
    expect(channelTitle(files.get('zh-cn/news/index.xml'))).toBe('News on 站点');
    expect(channelTitle(files.get('news/world/index.xml'))).toBe('World on Site');
    expect(files.get('news/world/index.xml')).toContain('<title>W0</title>');
    expect(files.get('news/world/index.xml')).not.toContain('<title>W</title>');
    expect(files.get('news/index.xml')).not.toContain('/news/world/w/');
  });
});
