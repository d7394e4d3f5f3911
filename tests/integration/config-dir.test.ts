import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { isConfigKey } from '../../src/config/config-keys.js';
import { mergeHugoConfig } from '../../src/config/merge-config.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps, textFiles } from '../support/build.js';

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
    const deps = memoryDeps(source, NOW, { target });
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
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    await source.write({ key: 'config/_default/params.toml', body: 'description = "Changed"\n', contentType: 'text/plain', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['config/_default/params.toml'] });
    expect(textFiles(target).get('index.xml')).toContain('<description>Changed</description>');
  });

  it('rebuilds everything when an event reports a file of a folder below, new or changed', async () => {
    const source = new MemoryStorage(Object.entries(FILES));
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    await source.write({ key: 'config/_default/sub/permalinks.toml', body: 'posts = "/p/:slug/"\n', contentType: 'text/plain', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['config/_default/sub/permalinks.toml'] });
    expect(textFiles(target).get('index.xml')).toContain('<link>https://dir.example/p/a/</link>');
    await source.write({ key: 'config/_default/sub/permalinks.toml', body: 'posts = "/q/:slug/"\n', contentType: 'text/plain', cacheControl: '' });
    await rebuild(deps, { changedKeys: ['config/_default/sub/permalinks.toml'] });
    expect(textFiles(target).get('index.xml')).toContain('<link>https://dir.example/q/a/</link>');
  });
});

/**
 * Parses what `hugo config` prints (Go's `%v` of each top-level value: `key: value` or `key = value` lines,
 * tables as `map[k:v k2:map[...]]`, lists as `[a b]`) for keys and values without spaces, colons or brackets.
 */
function parseHugoConfig(output: string): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  for (const line of output.split('\n')) {
    const match = /^([^\s:=]+)(?:: | = )(.*)$/.exec(line);
    if (match) top[match[1] ?? ''] = goValue(match[2] ?? '', { at: 0 });
  }
  return top;
}

function goValue(text: string, cursor: { at: number }): unknown {
  if (text.startsWith('map[', cursor.at)) {
    cursor.at += 4;
    const table: Record<string, unknown> = {};
    while (text[cursor.at] !== ']' && cursor.at < text.length) {
      const colon = text.indexOf(':', cursor.at);
      const key = text.slice(cursor.at, colon);
      cursor.at = colon + 1;
      table[key] = goValue(text, cursor);
      if (text[cursor.at] === ' ') cursor.at++;
    }
    cursor.at++;
    return table;
  }
  if (text[cursor.at] === '[') {
    cursor.at++;
    const list: unknown[] = [];
    while (text[cursor.at] !== ']' && cursor.at < text.length) {
      list.push(goValue(text, cursor));
      if (text[cursor.at] === ' ') cursor.at++;
    }
    cursor.at++;
    return list;
  }
  const end = /[ \]]|$/.exec(text.slice(cursor.at))?.index ?? 0;
  const token = text.slice(cursor.at, cursor.at + end);
  cursor.at += end;
  return token.replace(/^"(.*)"$/, '$1');
}

/** The path (keys in lower case) to the first key named `name` in `tree`, and its value as text. */
function whereIs(tree: unknown, name: string, at: readonly string[] = []): { path: string; value: string } | undefined {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return undefined;
  for (const [key, value] of Object.entries(tree)) {
    const path = [...at, key.toLowerCase()];
    if (key.toLowerCase() === name) return { path: path.join('.'), value: String(value) };
    const found = whereIs(value, name, path);
    if (found) return found;
  }
  return undefined;
}

describe("the files of folders below Hugo's config folders", () => {
  /** Writes `files` (site-relative paths) into a new folder. */
  function siteWith(files: Readonly<Record<string, string>>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-config-subdir-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }
  const HUGO_TOML = 'baseURL = "https://example.com/"\ntitle = "T"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.zh]\nweight = 2\n';

  it('are read where hugo config puts them: the key from the name alone, a language after its last dot, in the order of the walk Hugo makes', async () => {
    // Prepare: one marker key per file (m01...), and keys several files set (order*), whose last value tells the order.
    const files: Record<string, string> = {
      'config/_default/hugo.toml': HUGO_TOML,
      'config/_default/params.toml': 'm01 = "v"\norder1 = "params.toml"\n',
      'config/_default/params/params.toml': 'order1 = "params/params.toml"\norder2 = "params/params.toml"\n',
      'config/_default/params/params.zh.toml': 'm02 = "v"\n',
      'config/_default/languages/zh.toml': 'm03 = "v"\n',
      'config/_default/.hidden/params.toml': 'm04 = "v"\n',
      'config/_default/a/b/params.toml': 'm05 = "v"\norder3 = "a/b"\n',
      'config/_default/a-b/params.toml': 'order3 = "a-b"\n',
      'config/_default/sub/params.TOML': 'm06 = "v"\n',
      'config/_default/sub/params.YML': 'm07: v\n',
      'config/_default/sub/params.JSON': '{"m08": "v"}',
      'config/_default/sub/params.txt': 'm09 = "v"\n',
      'config/_default/sub/params.zh.cn.toml': 'm10 = "v"\n',
      'config/_default/.dotparams.toml': 'm11 = "v"\n',
      'config/_default/sub/hugo.toml': 'm12 = "v"\n',
      'config/_default/sub/Hugo.toml': 'm13 = "v"\n',
      'config/_default/sub/params..toml': 'm14 = "v"\n',
      'config/_default/_x/params.json': '{"m15": "v"}',
      'config/_default/\uFF21/params.toml': 'order4 = "FF21"\n',
      'config/_default/\u{1F600}/params.toml': 'order4 = "1F600"\n',
      'config/_default/sub/menus/menus.zh.toml': '[[main]]\nname = "m16"\n',
      'config/_default/sub/more.toml': 'order5 = "default"\n',
      'config/production/deeper/more.toml': 'm17 = "v"\norder5 = "production"\n',
      'config/development/sub/params.toml': 'm18 = "v"\n',
    };
    const dir = siteWith(files);
    try {
      // Act
      // `hugo config` takes no --cacheDir: without HUGO_CACHEDIR it would leave $TMPDIR/hugo_cache behind.
      const env = { ...process.env, HUGO_CACHEDIR: path.join(dir, 'cache') };
      const hugo = parseHugoConfig(execFileSync('hugo', ['config', '--source', dir], { encoding: 'utf8', timeout: 60_000, env }));
      const texts = new Map(Object.entries(files).filter(([key]) => isConfigKey(key)));
      const ours = mergeHugoConfig(texts).hugo;
      // Assess: every marker and every order key is where Hugo has it, with the value Hugo has.
      const names = [...Array.from({ length: 18 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`), 'order1', 'order2', 'order3', 'order4', 'order5'];
      const placed = (tree: unknown) => Object.fromEntries(names.map((name) => [name, whereIs(tree, name)]));
      expect(placed(ours)).toEqual(placed(hugo));
      // A few spelled out, so that a broken parse of Hugo's output cannot pass as agreement.
      expect(placed(ours)).toMatchObject({
        m02: { path: 'languages.zh.params.m02' },
        m03: { path: 'zh.m03' },
        m09: undefined,
        m16: undefined,
        m18: undefined,
        order1: { value: 'params.toml' },
        order3: { value: 'a-b' },
        order4: { value: '1F600' },
        order5: { value: 'production' },
      });
      // menus/menus.zh.toml: the main menu of zh (the marker m16 inside a list of entries, which whereIs does not search).
      for (const tree of [hugo, ours]) expect(whereIs(tree, 'main')?.path).toBe('languages.zh.menus.main');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give the links and the language params of a hugo build: permalinks from config/_default/sub/, a description from params/params.zh.toml', async () => {
    // Prepare: the zh translation forks of Hugo's docs keep their params per language in config/_default/params/.
    const dir = siteWith({
      'config/_default/hugo.toml': HUGO_TOML,
      'config/_default/params.toml': 'description = "Site-wide"\n',
      'config/_default/params/params.zh.toml': 'description = "Chinese description"\n',
      'config/_default/sub/permalinks.toml': 'posts = "/p/:slug/"\n',
      'content/posts/a.md': '---\ntitle: "A"\ndate: 2025-01-01T00:00:00Z\nslug: "a-slug"\n---\nbody\n',
      'content/posts/a.zh.md': '---\ntitle: "A zh"\ndate: 2025-01-01T00:00:00Z\nslug: "a-zh"\n---\nbody\n',
      'layouts/index.html': '<p id="description">{{ site.Params.description }}</p>\n',
    });
    try {
      // Act
      const hugoOut = path.join(dir, 'public');
      execFileSync('hugo', ['--quiet', '--source', dir, '--destination', hugoOut, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
      const { files } = await buildToMemory(dir, NOW);
      // Assess: the item links of each language's feed are Hugo's, and so is each language's description.
      const itemLinks = (xml: string) => [...xml.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1]).sort();
      for (const feed of ['index.xml', 'zh/index.xml']) {
        expect(itemLinks(files.get(feed) ?? ''), feed).toEqual(itemLinks(readFileSync(path.join(hugoOut, feed), 'utf8')));
      }
      expect(itemLinks(files.get('index.xml') ?? '')).toEqual(['https://example.com/p/a-slug/']);
      for (const [feed, page] of [
        ['index.xml', 'index.html'],
        ['zh/index.xml', 'zh/index.html'],
      ] as const) {
        const description = /<p id="description">([^<]*)<\/p>/.exec(readFileSync(path.join(hugoOut, page), 'utf8'))?.[1];
        expect(files.get(feed), feed).toContain(`<description>${description}</description>`);
      }
      expect(files.get('zh/index.xml')).toContain('<description>Chinese description</description>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
