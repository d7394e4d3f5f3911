import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { CONFIG_VERSION } from '../../src/rebuild/render-version.js';
import { readState } from '../../src/rebuild/state.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
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
  return memoryDeps(source, NOW);
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

describe('the first run after an upgrade from a feedpub that did not read enableEmoji', () => {
  /** The state such a feedpub left: its manifest's config resolved without the key, by no CONFIG_VERSION. */
  async function olderState(deps: RebuildDeps): Promise<void> {
    const head = (deps.state as MemoryStorage).snapshot().get(MANIFEST_KEY)?.body;
    if (head === undefined) throw new Error('no manifest');
    // Two lines of JSON: the format and the shard names, then the rest (see encodeHead).
    const [index, rest] = gunzipSync(head).toString('utf8').split('\n');
    const manifest = JSON.parse(rest ?? '') as { site: Record<string, unknown>; configSource: Record<string, unknown> };
    const { enableEmoji: _on, ...site } = manifest.site;
    const { configVersion, ...configSource } = manifest.configSource;
    expect(configVersion).toBe(CONFIG_VERSION);
    const older = `${index}\n${JSON.stringify({ ...manifest, site, configSource })}`;
    await deps.state.write({ key: MANIFEST_KEY, body: gzipSync(older), contentType: '', cacheControl: '' });
    expect((await readState(deps.state)).stored?.manifest.configSource).toEqual(configSource);
  }

  it('reads the key again from the unchanged config files, and renders emoji into every item (an event run too)', async () => {
    for (const event of [false, true]) {
      // Arrange: the feeds that feedpub published from the same files, with the aliases as written.
      const source = site(ON);
      const deps = depsOf(source);
      const old = site(CONFIG);
      await rebuild({ ...deps, source: old });
      const oldFeeds = textFiles(deps.target as MemoryStorage);
      // The manifest as if written for ON's files by a feedpub that ignored the key (same change tokens).
      await rebuild(deps);
      await olderState(deps);
      for (const [key, text] of oldFeeds) await write(deps.target as MemoryStorage, key, text);
      await write(source, 'content/posts/d.md', '---\ntitle: "D"\ndate: 2025-02-04T08:00:00Z\n---\n\nNew :sparkles:\n');
      // Act
      const report = await rebuild(deps, event ? { changedKeys: ['content/posts/d.md'] } : {});
      // Assert
      const files = textFiles(deps.target as MemoryStorage);
      expect(
        itemsOf(files).map((i) => i.content_html?.trim()),
        `event: ${event}`,
      ).toEqual(['<p>New ✨</p>', '<p>An untitled note 👍</p>', '<p>Body ⛺</p>', '<p>I ❤️ <code>🚀</code> at 10:30:45.</p>']);
      expect(files).toEqual(await cleanBuildOf(source, NOW));
      expect(report.rendered).toBe(report.feeds);
    }
  });

  it('reuses the manifest of a site without it: nothing is rendered again', async () => {
    const source = site(CONFIG);
    const deps = depsOf(source);
    await rebuild(deps);
    await olderState(deps);
    const report = await rebuild(deps);
    expect([report.rendered, report.written, report.kept]).toEqual([0, [], expect.any(Number)]);
    expect(report.kept).toBeGreaterThan(0);
    // Recorded with this feedpub's CONFIG_VERSION: the next run for reported keys trusts it again.
    await write(source, 'content/posts/d.md', '---\ntitle: "D"\ndate: 2025-02-04T08:00:00Z\n---\n\nNew.\n');
    const event = await rebuild(deps, { changedKeys: ['content/posts/d.md'] });
    expect(event.rendered).toBeLessThan(event.feeds);
  });
});
