import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { rebuild } from '../../src/rebuild.js';
import { CONFIG_VERSION } from '../../src/rebuild/render-version.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
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
    const deps = memoryDeps(source, NOW, { target });
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

// Each of these settings changes the bytes of every item that uses what it reads: turning one on or off, or
// upgrading from a feedpub that did not read it, renders every item again, as a clean build would.
describe('Hugo settings that change how every item renders', () => {
  const CONFIG = 'baseURL = "https://t.example/blog/"\ntitle = "T"\n';
  const SETTINGS = [
    '[markup.goldmark.renderer]\nhardWraps = true\n',
    '[markup.goldmark.extensions]\nlinkify = false\n',
    '[markup.goldmark.extensions]\ntable = false\n',
    '[markup.goldmark.extensions]\nstrikethrough = false\n',
    '[markup.goldmark.extensions]\ntaskList = false\n',
    '[markup.goldmark.parser.attribute]\nblock = true\n',
    'canonifyURLs = true\n',
  ];
  const PAGE = 'Line one\nline two https://x.example/\n{.lead}\n\n| a | b |\n|---|---|\n| c | d |\n\n~~x~~\n\n- [ ] todo\n\n![i](/i.png)\n';
  const write = (source: MemoryStorage, key: string, body: string) => source.write({ key, body, contentType: '', cacheControl: '' });
  const source = (config: string) =>
    new MemoryStorage([
      ['hugo.toml', config],
      ['content/posts/a.md', `---\ntitle: "A"\ndate: 2025-02-01T08:00:00Z\n---\n${PAGE}`],
      ['content/posts/b.md', `---\ntitle: "B"\ndate: 2025-02-02T08:00:00Z\n---\n${PAGE}`],
    ]);

  it('turned on or off, renders every item again, as a clean build does, and then nothing more', async () => {
    for (const setting of SETTINGS) {
      const s = source(CONFIG);
      const deps = memoryDeps(s, NOW);
      const off = await rebuild(deps);
      const before = textFiles(deps.target as MemoryStorage);
      for (const config of [`${CONFIG}${setting}`, CONFIG]) {
        await write(s, 'hugo.toml', config);
        const toggled = await rebuild(deps);
        const again = await rebuild(deps);
        const files = textFiles(deps.target as MemoryStorage);
        expect(files, setting).toEqual(await cleanBuildOf(s, NOW));
        expect(toggled.rendered, setting).toBe(toggled.feeds);
        expect([again.rendered, again.written], setting).toEqual([0, []]);
        if (config !== CONFIG) expect(contentOf(files), setting).not.toBe(contentOf(before));
      }
      expect(textFiles(deps.target as MemoryStorage), setting).toEqual(await cleanBuildOf(source(CONFIG), NOW));
      expect(off.rendered).toBe(off.feeds);
    }
  });

  it('after an upgrade from a feedpub that did not read them, reads them again from unchanged config files, in a run for one upload too', async () => {
    for (const event of [false, true]) {
      const config = `${CONFIG}canonifyURLs = true\n[markup.goldmark.renderer]\nhardWraps = true\n[markup.goldmark.extensions]\nlinkify = false\ntable = false\nstrikethrough = false\ntaskList = false\n[markup.goldmark.parser.attribute]\nblock = true\n`;
      const s = source(config);
      const deps = memoryDeps(s, NOW);
      // The feeds an older feedpub published from these files, and its manifest: the config resolved without
      // the settings, by the CONFIG_VERSION before (the same change tokens).
      await rebuild({ ...deps, source: source(CONFIG) });
      const oldFeeds = textFiles(deps.target as MemoryStorage);
      await rebuild(deps);
      const head = (deps.state as MemoryStorage).snapshot().get(MANIFEST_KEY)?.body;
      if (head === undefined) throw new Error('no manifest');
      const [index, rest] = gunzipSync(head).toString('utf8').split('\n');
      const manifest = JSON.parse(rest ?? '') as { site: Record<string, unknown>; configSource: Record<string, unknown> };
      const { markdown: _m, canonifyURLs: _c, ...site } = manifest.site;
      expect(manifest.configSource.configVersion).toBe(CONFIG_VERSION);
      const older = `${index}\n${JSON.stringify({ ...manifest, site, configSource: { ...manifest.configSource, configVersion: CONFIG_VERSION - 1 } })}`;
      await deps.state.write({ key: MANIFEST_KEY, body: gzipSync(older), contentType: '', cacheControl: '' });
      for (const [key, text] of oldFeeds) await write(deps.target as MemoryStorage, key, text);
      await write(s, 'content/posts/c.md', `---\ntitle: "C"\ndate: 2025-02-03T08:00:00Z\n---\n${PAGE}`);
      // Act
      const report = await rebuild(deps, event ? { changedKeys: ['content/posts/c.md'] } : {});
      // Assert
      const files = textFiles(deps.target as MemoryStorage);
      expect(files, `event: ${event}`).toEqual(await cleanBuildOf(s, NOW));
      expect(contentOf(files)).toContain('https://t.example/blog/i.png');
      expect(report.rendered).toBe(report.feeds);
    }
  });
});
