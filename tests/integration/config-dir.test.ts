import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, textFiles } from '../support/build.js';

const NOW = Date.parse('2025-03-01T00:00:00Z');
const FILES: Record<string, string> = {
  'config/_default/hugo.toml': 'baseURL = "https://dir.example/"\ntitle = "Configured in a folder"\n',
  'config/_default/params.toml': 'description = "Params from their own file"\n',
  'content/posts/a.md': '---\ntitle: "A"\ndate: "2025-01-01"\ntags: ["x"]\n---\nbody\n',
};

describe("a site configured in Hugo's config/_default/", () => {
  it('builds from a folder, with the keys of every file there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-config-dir-'));
    try {
      for (const [name, text] of Object.entries(FILES)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), text);
      }
      const { files, report } = await buildToMemory(dir, NOW);
      expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      const rss = files.get('index.xml') ?? '';
      expect(rss).toContain('<title>Configured in a folder</title>');
      expect(rss).toContain('<description>Params from their own file</description>');
      expect(rss).toContain('<link>https://dir.example/posts/a/</link>');
      expect(files.get('tags/x/index.xml')).toBeDefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the value of config/ over the root file, as a hugo build does, and warns of it at every run', async () => {
    // Prepare: the root config of `hugo new site` left with its placeholder baseURL, the real one in config/
    // (hugo -d out wrote https://prod.example.com/posts/a/ into index.xml for this very site).
    const site: Record<string, string> = {
      'hugo.toml': "baseURL = 'http://example.org/'\nlanguageCode = 'en-us'\ntitle = 'My New Hugo Site'\n[params]\ndescription = 'Root'\n",
      'config/_default/hugo.toml': 'baseURL = "http://localhost:1313/"\ntitle = "Dir"\n',
      'config/_default/params.toml': 'author = "Dir Author"\n',
      'config/production/hugo.toml': 'baseURL = "https://prod.example.com/"\n',
      'content/posts/a.md': FILES['content/posts/a.md'] ?? '',
    };
    const source = new MemoryStorage(Object.entries(site));
    const target = new MemoryStorage();
    const deps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
    // Act
    const first = await rebuild(deps);
    const second = await rebuild(deps, { force: true });
    // Assess: the links, title, description and author are the merged config's; both runs name both files.
    const rss = textFiles(target).get('index.xml') ?? '';
    expect(rss).toContain('<link>https://prod.example.com/posts/a/</link>');
    expect(rss).toContain('<title>Dir</title>');
    expect(rss).toContain('<description>Root</description>');
    expect(rss).toContain('Dir Author');
    for (const report of [first, second]) {
      expect(report.problems.filter((p) => p.rule === 'config-overridden').map((p) => [p.file, p.message.split(' here ')[0]])).toEqual([
        ['hugo.toml', 'baseURL: "http://example.org/"'],
        ['hugo.toml', 'title: "My New Hugo Site"'],
      ]);
      expect(report.problems.find((p) => p.rule === 'config-overridden')?.message).toContain('config/production/hugo.toml sets "https://prod.example.com/"');
    }
  });

  it('rebuilds everything when an event reports one of its files', async () => {
    const source = new MemoryStorage(Object.entries(FILES));
    const target = new MemoryStorage();
    const deps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
    await rebuild(deps);
    await source.write({ key: 'config/_default/params.toml', body: 'description = "Changed"\n', contentType: 'text/plain', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['config/_default/params.toml'] });
    expect(textFiles(target).get('index.xml')).toContain('<description>Changed</description>');
  });
});
