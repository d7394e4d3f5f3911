import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// Hugo's `enableEmoji = true` (6 of 9 real Hugo configs an audit read set it): the site's pages show 😄
// where the Markdown says :smile:, and so must its feeds.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const CONFIG = 'baseURL = "https://t.example/"\ntitle = "T"\n';
const ON = `${CONFIG}enableEmoji = true\n`;

const write = (source: MemoryStorage, key: string, body: string) => source.write({ key, body, contentType: '', cacheControl: '' });

function site(config: string): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', config],
    ['content/posts/a.md', '---\ntitle: "A :smile:"\ndate: 2025-02-01T08:00:00Z\n---\n\nI :heart: `:rocket:` at 10:30:45.\n'],
    ['content/posts/b.md', '---\ntitle: "B"\ndate: 2025-02-02T08:00:00Z\nsummary: "Front :smile:"\n---\n\nBody :tent:\n'],
    ['content/notes/c.md', '---\ndate: 2025-02-03T08:00:00Z\n---\n\nAn untitled note :+1:\n'],
  ]);
}

interface Item {
  readonly title?: string;
  readonly summary?: string;
  readonly content_html?: string;
}

const itemsOf = (files: Map<string, string>): Item[] => (JSON.parse(files.get('feed.json') ?? '{}') as { items: Item[] }).items;

/** A run with state and the feeds already published: what the function and `build --state` do. */
function depsOf(source: MemoryStorage): RebuildDeps {
  return { source, target: new MemoryStorage(), state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
}

describe('enableEmoji', () => {
  it('puts emoji in the content, the summary made from it and an untitled excerpt, not in titles or front matter summaries, in valid feeds', async () => {
    const { files, report } = await buildToMemory(site(ON), NOW);
    expect(itemsOf(files)).toEqual([
      expect.objectContaining({ summary: 'An untitled note 👍', content_html: '<p>An untitled note 👍</p>\n' }),
      expect.objectContaining({ title: 'B', summary: 'Front :smile:', content_html: '<p>Body ⛺</p>\n' }),
      expect.objectContaining({ title: 'A :smile:', summary: 'I ❤️ 🚀 at 10:30:45.', content_html: '<p>I ❤️ <code>🚀</code> at 10:30:45.</p>\n' }),
    ]);
    expect(itemsOf(files)[0]?.title).toBeUndefined();
    expect(files.get('index.xml')).toContain('<description>An untitled note 👍</description>');
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expectValidFeeds(files, 'https://t.example/', ['NotBlank@/feed/entry/title']);
    // Without it, the aliases stay as written.
    const off = itemsOf((await buildToMemory(site(CONFIG), NOW)).files);
    expect(off.map((i) => i.content_html)).toEqual([
      '<p>An untitled note :+1:</p>\n',
      '<p>Body :tent:</p>\n',
      '<p>I :heart: <code>:rocket:</code> at 10:30:45.</p>\n',
    ]);
  });

  it('turned on or off, renders every item again (the manifest of the last run is not reused), and then nothing more', async () => {
    // Arrange: a site published without it.
    const source = site(CONFIG);
    const deps = depsOf(source);
    await rebuild(deps);
    for (const config of [ON, CONFIG]) {
      // Act
      await write(source, 'hugo.toml', config);
      const toggled = await rebuild(deps);
      const again = await rebuild(deps);
      // Assert: the feeds a clean build gives, every feed rendered and those with the items written; then nothing.
      const files = textFiles(deps.target as MemoryStorage);
      expect(files).toEqual(await cleanBuildOf(source, NOW));
      expect(itemsOf(files)[2]?.content_html).toContain(config === ON ? 'I ❤️' : 'I :heart:');
      expect(toggled.rendered).toBe(toggled.feeds);
      expect(toggled.written).toEqual(expect.arrayContaining(['index.xml', 'atom.xml', 'feed.json', 'posts/feed.json', 'notes/feed.json']));
      expect([again.rendered, again.written]).toEqual([0, []]);
    }
  });

  it('renders a run for one uploaded article with emoji, as a clean build does', async () => {
    const source = site(ON);
    const deps = depsOf(source);
    await rebuild(deps);
    await write(source, 'content/posts/d.md', '---\ntitle: "D"\ndate: 2025-02-04T08:00:00Z\n---\n\nNew :sparkles:\n');
    const report = await rebuild(deps, { changedKeys: ['content/posts/d.md'] });
    const files = textFiles(deps.target as MemoryStorage);
    expect(report.written).toContain('feed.json');
    expect(itemsOf(files)[0]?.content_html).toBe('<p>New ✨</p>\n');
    expect(files).toEqual(await cleanBuildOf(source, NOW));
  });
});
