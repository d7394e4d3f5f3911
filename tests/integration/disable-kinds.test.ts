import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { ConfigError } from '../../src/errors.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { rebuild } from '../../src/rebuild.js';
import { CONFIG_VERSION } from '../../src/rebuild/render-version.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// Hugo's `disableKinds` decides which pages a site has (checked with Hugo 0.111: hugo-compat.test.ts). A feed
// of a kind Hugo makes no page of (a term, a section) linked its channel, Atom alternate, OPML htmlUrl,
// directory row and discovery key to a 404, and no subscriber can have had it: it is not published. A
// disabled home or article page keeps its feeds (they are the product), with a warning.

const BASE_URL = 'https://x.org/';
const NOW = Date.UTC(2025, 0, 1);
const page = (title: string, date: string, tags: readonly string[]): string => `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(', ')}]\n---\nText.\n`;
const write = (source: MemoryStorage, key: string, body: string) => source.write({ key, body, contentType: '', cacheControl: '' });

function site(config: string, extra: readonly (readonly [string, string])[] = []): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "X"\n${config}`],
    ['content/posts/a.md', page('A', '2024-01-02T10:00:00Z', ['Go'])],
    ['content/posts/b.md', page('B', '2024-01-03T10:00:00Z', ['Rust', 'go'])],
    ['content/tags/solo/_index.md', '---\ntitle: Solo\n---\n'],
    ...extra,
  ]);
}

/** Every link a published file gives to a list page of the site: RSS channel links, Atom feeds' alternates, OPML htmlUrls, discovery keys. */
function pageLinks(files: Map<string, string>): string[] {
  const links: string[] = [];
  for (const [path, text] of files) {
    if (path.endsWith('index.xml')) links.push(...[...text.matchAll(/<channel>\s*<title>[^<]*<\/title>\s*<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? ''));
    if (path.endsWith('atom.xml'))
      links.push(...[...(text.split('<entry>')[0] ?? '').matchAll(/<link rel="alternate" type="text\/html" href="([^"]*)"/g)].map((m) => m[1] ?? ''));
    if (path.endsWith('.opml')) links.push(...[...text.matchAll(/htmlUrl="([^"]*)"/g)].map((m) => m[1] ?? ''));
  }
  links.push(...Object.keys(JSON.parse(files.get('feeds/discovery.json') ?? '{}')).map((key) => `${BASE_URL}${key.slice(1)}`));
  return links;
}

const feedsIn = (files: Map<string, string>, folder: RegExp): string[] => [...files.keys()].filter((p) => folder.test(p)).sort();

describe('disableKinds with terms', () => {
  for (const kinds of ['["term"]', '["taxonomy", "term"]', '["taxonomy", "taxonomyTerm"]', '["taxonomyTerm", "taxonomy"]']) {
    it(`disableKinds = ${kinds}: no term feed, and nothing links a term page`, async () => {
      const { files, report } = await buildToMemory(site(`disableKinds = ${kinds}\n`), NOW);
      expect(feedsIn(files, /^tags\//)).toEqual([]);
      expect(pageLinks(files).filter((link) => link.includes('/tags/'))).toEqual([]);
      expect(files.get('feeds/index.html')).not.toContain('/tags/');
      // The articles are in every other feed, and Go and go share no feed to warn of.
      expect(files.get('posts/index.xml')).toContain('<title>A</title>');
      expect(report.problems.filter((p) => p.rule === 'term-collision')).toEqual([]);
      expectValidFeeds(files, BASE_URL);
    });
  }

  it('disableKinds = ["taxonomyTerm"] (the lists of terms only) and names in another case disable no term feed', async () => {
    for (const config of ['disableKinds = ["taxonomyTerm"]\n', 'disableKinds = ["Term", "TERM", "rss"]\n']) {
      const { files } = await buildToMemory(site(config), NOW);
      expect(feedsIn(files, /^tags\/[^/]+\/index\.xml$/), config).toEqual(['tags/go/index.xml', 'tags/rust/index.xml', 'tags/solo/index.xml']);
    }
  });

  it('disableKinds = ["taxonomy"] alone is a config error naming the key, as Hugo 0.111 fails the build; with its error ignored, the term feeds stay', async () => {
    const error = await buildToMemory(site('disableKinds = ["taxonomy"]\n'), NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect([(error as ConfigError).key, (error as ConfigError).file]).toEqual(['disableKinds', 'hugo.toml']);
    const ignored = await buildToMemory(site('disableKinds = ["taxonomy"]\nignoreErrors = ["error-disable-taxonomy"]\n'), NOW);
    expect(ignored.files.has('tags/go/index.xml')).toBe(true);
  });

  it('in one language only, where that language disables them ([languages.fr] disableKinds)', async () => {
    const source = new MemoryStorage([
      [
        'hugo.toml',
        `baseURL = "${BASE_URL}"\ntitle = "X"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\ndisableKinds = ["term"]\n`,
      ],
      ['content/posts/a.md', page('A', '2024-01-02T10:00:00Z', ['Go'])],
      ['content/posts/a.fr.md', page('A fr', '2024-01-02T10:00:00Z', ['Go'])],
    ]);
    const { files } = await buildToMemory(source, NOW);
    expect(feedsIn(files, /tags\/go\/index\.xml$/)).toEqual(['tags/go/index.xml']);
    expect(files.get('fr/index.xml')).toContain('<title>A fr</title>');
  });
});

describe('disableKinds with sections', () => {
  it('publishes no section feed, top or nested, and the home and term feeds list the pages', async () => {
    const source = site('disableKinds = ["section"]\n', [
      ['content/notes/world/_index.md', '---\ntitle: World\n---\n'],
      ['content/notes/world/n.md', page('N', '2024-01-04T10:00:00Z', [])],
    ]);
    const { files } = await buildToMemory(source, NOW);
    expect(feedsIn(files, /^(posts|notes)\//)).toEqual([]);
    expect(pageLinks(files).filter((link) => /\/(posts|notes)\/(world\/)?$/.test(link))).toEqual([]);
    expect(files.get('index.xml')).toContain('<title>N</title>');
    expect(files.get('tags/go/index.xml')).toContain('<title>A</title>');
  });
});

describe('disableKinds with home or page', () => {
  it('keeps every feed, and warns that their links lead to no page, in build and check alike', async () => {
    const { files, report } = await buildToMemory(site('disableKinds = ["home", "page"]\n'), NOW);
    const { files: all } = await buildToMemory(site(''), NOW);
    expect([...files.keys()]).toEqual([...all.keys()]);
    expect(report.problems.filter((p) => p.rule === 'disabled-kind').map((p) => `${p.file}: ${p.severity}: ${p.message}`)).toEqual([
      `hugo.toml: warning: disableKinds "home": Hugo writes no home page, so the home feeds' links to it lead to no page; feedpub publishes those feeds all the same`,
      `hugo.toml: warning: disableKinds "page": Hugo writes no page of an article, so every item's link leads to no page (and so does the link of a section's or a term's feed without a list page of its own); feedpub publishes the feeds all the same`,
    ]);
    const check = await buildToMemory(site('disableKinds = ["page"]\n'), NOW, { trigger: 'check', planOnly: true });
    expect(check.report.problems.filter((p) => p.rule === 'disabled-kind')).toHaveLength(1);
    expect((await buildToMemory(site(''), NOW)).report.problems.filter((p) => p.rule === 'disabled-kind')).toEqual([]);
  });

  it('names the language whose own setting disables them', async () => {
    const config = `defaultContentLanguage = "en"\ndisableKinds = ["page"]\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\ndisableKinds = ["home"]\n`;
    const { report } = await buildToMemory(site(config), NOW);
    expect(report.problems.filter((p) => p.rule === 'disabled-kind').map((p) => p.message.split(':')[0])).toEqual([
      'disableKinds "page"',
      'languages.fr.disableKinds "home"',
    ]);
    expect(report.problems.find((p) => p.rule === 'disabled-kind')?.message).toContain('Hugo writes no page of an article (en)');
  });
});

describe('what disableKinds does not remove: Hugo’s RSS', () => {
  it('a site that turned Hugo RSS off (disableKinds RSS, or [outputs] without it) still gets every feed', async () => {
    const every = ['index.xml', 'atom.xml', 'feed.json', 'posts/index.xml', 'tags/go/index.xml', 'tags/rust/feed.json', 'tags/solo/atom.xml'];
    const outputs = '[outputs]\nhome = ["HTML"]\nsection = ["HTML"]\nterm = ["HTML"]\ntaxonomy = ["HTML"]\n';
    for (const config of ['disableKinds = ["RSS"]\n', 'disableKinds = ["rss", "sitemap", "robotsTXT", "404"]\n', outputs]) {
      const { files } = await buildToMemory(site(config), NOW);
      for (const f of every) expect(files.has(f), `${config} ${f}`).toBe(true);
      expect(files).toEqual((await buildToMemory(site(''), NOW)).files);
    }
  });
});

describe('disableKinds across runs', () => {
  it('set, the term feeds published before are deleted; a run for an uploaded article makes none; taken out, they are back', async () => {
    // Arrange: a site published with its term feeds.
    const source = site('');
    const deps = memoryDeps(source, NOW);
    await rebuild(deps);
    expect(textFiles(deps.target as MemoryStorage).has('tags/go/index.xml')).toBe(true);
    // Act: terms disabled.
    await write(source, 'hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "X"\ndisableKinds = ["term"]\n`);
    const disabled = await rebuild(deps);
    // Assess
    expect(disabled.deleted).toEqual(expect.arrayContaining(['tags/go/index.xml', 'tags/rust/atom.xml', 'tags/solo/feed.json']));
    expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, NOW));
    // Act: an article with a new tag, in a run for its key.
    await write(source, 'content/posts/c.md', page('C', '2024-01-05T10:00:00Z', ['New']));
    await rebuild(deps, { changedKeys: ['content/posts/c.md'] });
    expect(feedsIn(textFiles(deps.target as MemoryStorage), /^tags\//)).toEqual([]);
    expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, NOW));
    // Act: taken out again.
    await write(source, 'hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "X"\n`);
    await rebuild(deps);
    expect(textFiles(deps.target as MemoryStorage).get('tags/new/index.xml')).toContain('<title>C</title>');
    expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('an upgrade from a feedpub that did not read it deletes the term feeds at its first run, an event run too', async () => {
    for (const event of [false, true]) {
      // Arrange: the feeds and manifest such a feedpub left, its config resolved without the key from these very files.
      const source = site('');
      const deps = memoryDeps(source, NOW);
      await rebuild(deps);
      await write(source, 'hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "X"\ndisableKinds = ["term"]\n`);
      const head = (deps.state as MemoryStorage).snapshot().get(MANIFEST_KEY)?.body;
      if (head === undefined) throw new Error('no manifest');
      // Two lines of JSON: the format and the shard names, then the rest (see encodeHead).
      const [index, rest] = gunzipSync(head).toString('utf8').split('\n');
      const manifest = JSON.parse(rest ?? '') as { configSource: { configVersion: number; versions: Record<string, string> } };
      expect(manifest.configSource.configVersion).toBe(CONFIG_VERSION);
      const version = (await source.readVersioned('hugo.toml'))?.version ?? '';
      const configSource = { ...manifest.configSource, configVersion: CONFIG_VERSION - 1, versions: { 'hugo.toml': version } };
      await deps.state.write({
        key: MANIFEST_KEY,
        body: gzipSync(`${index}\n${JSON.stringify({ ...manifest, configSource })}`),
        contentType: '',
        cacheControl: '',
      });
      await write(source, 'content/posts/c.md', page('C', '2024-01-05T10:00:00Z', ['New']));
      // Act
      const report = await rebuild(deps, event ? { changedKeys: ['content/posts/c.md'] } : {});
      // Assess
      const files = textFiles(deps.target as MemoryStorage);
      expect(feedsIn(files, /^tags\//), `event: ${event}`).toEqual([]);
      expect(report.deleted).toContain('tags/go/index.xml');
      expect(files).toEqual(await cleanBuildOf(source, NOW));
    }
  });
});
