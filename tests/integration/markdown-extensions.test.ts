import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A Hugo site's pages render Markdown with goldmark's default extensions (footnotes, definition lists, the
// typographer, heading attributes): its feeds must show readers the same text, and follow the site's
// [markup.goldmark] where it turns one off.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const BODY = ['## Findings {#findings}', '', 'It\'s "settled" -- mostly.[^1]', '', 'Term', ': Its definition.', '', '[^1]: Ibid.', ''].join('\n');

function site(config = ''): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', `baseURL = "https://t.example/"\ntitle = "T"\n${config}`],
    ['content/posts/a.md', `---\ntitle: "A"\ndate: 2025-02-01T08:00:00Z\n---\n\n${BODY}`],
  ]);
}

const contentOf = (files: Map<string, string>): string =>
  (JSON.parse(files.get('feed.json') ?? '{}') as { items: { content_html: string }[] }).items[0]?.content_html ?? '';

describe('Markdown as the site renders it', () => {
  it('renders footnotes, definition lists, curly quotes and headings as Hugo does by default, in valid feeds', async () => {
    const { files } = await buildToMemory(site(), NOW);
    const html = contentOf(files);
    expect(html).toContain('<h2>Findings</h2>');
    expect(html).toContain('<p>It\u2019s \u201csettled\u201d \u2013 mostly.<sup><a href="https://t.example/posts/a/#fn:1">1</a></sup></p>');
    expect(html).toContain('<dl>\n<dt>Term</dt>\n<dd>Its definition.</dd>\n</dl>');
    expect(html).toContain('<li><p>Ibid. <a href="https://t.example/posts/a/#fnref:1">\u21a9\ufe0e</a></p>');
    expect(files.get('index.xml')).toContain('&lt;h2&gt;Findings&lt;/h2&gt;');
    expectValidFeeds(files, 'https://t.example/');
  });

  it('leaves out what the site turns off in [markup.goldmark]', async () => {
    const config =
      '[markup.goldmark.extensions]\nfootnote = false\ndefinitionList = false\n[markup.goldmark.extensions.typographer]\ndisable = true\n[markup.goldmark.parser.attribute]\ntitle = false\n';
    const { files, report } = await buildToMemory(site(config), NOW);
    const html = contentOf(files);
    expect(html).toContain('<h2>Findings {#findings}</h2>');
    expect(html).toContain("It's &quot;settled&quot; -- mostly.");
    expect(html).toContain('<p>Term\n: Its definition.</p>');
    expect(html).not.toContain('<sup>');
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expectValidFeeds(files, 'https://t.example/');
  });

  it("renders an event run for one article with the site's extensions, as a clean build does", async () => {
    const source = site('[markup.goldmark.extensions]\nfootnote = false\ntypographer = false\n');
    const target = new MemoryStorage();
    const deps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
    await rebuild(deps);
    await source.write({ key: 'content/posts/b.md', body: `---\ntitle: "B"\ndate: 2025-02-02T08:00:00Z\n---\n\n${BODY}`, contentType: '', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    const files = textFiles(target);
    expect(contentOf(files)).toContain("It's &quot;settled&quot; -- mostly.");
    expect(files).toEqual(await cleanBuildOf(source, NOW));
  });

  it('tells the author when an article has more footnote marks than feedpub reads, and publishes it with them as written', async () => {
    const notes = Array.from({ length: 1_100 }, (_, i) => `[^${i}]`).join(' ');
    const defs = Array.from({ length: 1_100 }, (_, i) => `[^${i}]: Note ${i}.`).join('\n');
    const source = site();
    await source.write({
      key: 'content/posts/many.md',
      body: `---\ntitle: "Many"\ndate: 2025-02-03T08:00:00Z\n---\n\n${notes}\n\n${defs}\n`,
      contentType: '',
      cacheControl: '',
    });
    const { files, report } = await buildToMemory(source, NOW);
    expect(report.problems.filter((p) => p.rule === 'footnotes-as-text').map((p) => [p.file, p.severity])).toEqual([['content/posts/many.md', 'warning']]);
    expect(contentOf(files)).toContain('[^1099]');
    expectValidFeeds(files, 'https://t.example/');
  });
});
