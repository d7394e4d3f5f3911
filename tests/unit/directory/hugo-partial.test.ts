/**
 * docs/hugo-partial-feedpub-links.html, run by the real Hugo (0.111, /usr/bin/hugo; CI installs it
 * with apt): on a tiny temporary site the partial must emit exactly the <link rel="alternate"> tags
 * that feedpub's discovery.json lists for each page, and none on other pages.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeHTML } from 'entities';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSiteConfig } from '../../../src/config/site-config.js';
import { NO_SECTIONS, type PlanEntry, planFeeds, sectionKey } from '../../../src/plan/plan-feeds.js';
import { renderDiscovery } from '../../../src/render/directory/render-discovery.js';
import { summarizeFeeds } from '../../../src/render/directory/summarize-feeds.js';
import { REPO_ROOT } from '../../support/repo.js';

const run = promisify(execFile);
const PARTIAL = path.join(REPO_ROOT, 'docs', 'hugo-partial-feedpub-links.html');
const TEMPLATE = '<!doctype html><html><head>{{ partial "feedpub-links.html" . }}</head><body>{{ .Title }}</body></html>\n';

interface Post {
  readonly file: string;
  readonly lang: string;
  readonly date: string;
  readonly tags: readonly string[];
  readonly categories: readonly string[];
}

interface HugoSite {
  readonly config: Record<string, unknown>;
  readonly posts: readonly Post[];
  /** List pages (`content/en/posts/world/_index.md`) and their titles ('' for none). */
  readonly lists?: Readonly<Record<string, string>>;
}

type Links = { rel: string; type: string; title: string; href: string }[];

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes the site, runs Hugo on it, and returns the output folder. */
async function buildWithHugo(site: HugoSite): Promise<string> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'feedpub-hugo-'));
  temps.push(root);
  mkdirSync(path.join(root, 'layouts', 'partials'), { recursive: true });
  mkdirSync(path.join(root, 'layouts', '_default'), { recursive: true });
  copyFileSync(PARTIAL, path.join(root, 'layouts', 'partials', 'feedpub-links.html'));
  for (const file of ['index.html', '_default/list.html', '_default/single.html']) writeFileSync(path.join(root, 'layouts', file), TEMPLATE);
  writeFileSync(path.join(root, 'hugo.json'), JSON.stringify(site.config, null, 2));
  for (const post of site.posts) {
    const file = path.join(root, post.file);
    mkdirSync(path.dirname(file), { recursive: true });
    const front = { title: path.basename(post.file, '.md'), date: post.date, tags: post.tags, categories: post.categories };
    writeFileSync(file, `${JSON.stringify(front, null, 2)}\n\nBody.\n`);
  }
  for (const [list, title] of Object.entries(site.lists ?? {})) {
    mkdirSync(path.dirname(path.join(root, list)), { recursive: true });
    writeFileSync(path.join(root, list), title === '' ? '---\ndescription: untitled\n---\n' : `---\ntitle: "${title}"\n---\n`);
  }
  const out = path.join(root, 'public');
  await run('hugo', ['--quiet', '--source', root, '--destination', out, '--cacheDir', path.join(root, 'cache')], {
    timeout: 60_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, HUGO_ENVIRONMENT: 'production' },
  });
  return out;
}

/** What feedpub publishes for the same site: discovery.json, parsed. */
function feedpubDiscovery(site: HugoSite): Record<string, Links> {
  const config = resolveSiteConfig(site.config, { file: 'hugo.json' });
  const entries: PlanEntry[] = site.posts.map((p) => ({
    key: p.file,
    lang: p.lang,
    // content/<lang>/<top folder>/… on a multilingual site, content/<top folder>/… on a one-language one
    section: p.file.split('/').slice(config.languages.length > 1 ? 2 : 1, -1)[0] ?? '',
    published: Date.parse(p.date),
    updated: Date.parse(p.date),
    terms: { tags: p.tags, categories: p.categories },
  }));
  // The sections the list pages make, as the rebuild reads them: content/<lang>/<folders>/_index.md on a
  // multilingual site, content/<folders>/_index.md on a one-language one ('' folders: the home page).
  const nested = new Set<string>();
  const titles = new Map<string, string>();
  const oneLanguage = config.languages.length === 1 ? config.languages[0]?.key : undefined;
  for (const [list, title] of Object.entries(site.lists ?? {})) {
    const dirs = list.split('/').slice(1, -1);
    const [langDir, ...folders] = oneLanguage === undefined ? dirs : [oneLanguage, ...dirs];
    const lang = (langDir ?? '').toLowerCase();
    if (folders.length > 1) nested.add(sectionKey(lang, folders.join('/')));
    titles.set(sectionKey(lang, folders.join('/')), title);
  }
  return JSON.parse(renderDiscovery(config, summarizeFeeds(config, planFeeds(config, entries, { ...NO_SECTIONS, nested, titles }))).body) as Record<
    string,
    Links
  >;
}

/** The <link rel="alternate"> tags of an HTML file, attribute values decoded. */
function alternateLinks(html: string): Links {
  const out: Links = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const attrs = Object.fromEntries([...tag.matchAll(/([a-z-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', decodeHTML(m[2] ?? '')]));
    if (attrs.rel === 'alternate') out.push({ rel: 'alternate', type: attrs.type ?? '', title: attrs.title ?? '', href: attrs.href ?? '' });
  }
  return out;
}

/** Every generated page (as a site path, '/tags/go/') with its alternate links, pages without any left out. */
function pagesWithLinks(publicDir: string): Map<string, Links> {
  const out = new Map<string, Links>();
  for (const file of readdirSync(publicDir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.html')) continue;
    const links = alternateLinks(readFileSync(path.join(publicDir, file), 'utf8'));
    const dir = path.dirname(file).split(path.sep).join('/');
    // `x/index.html` is the page /x/; with uglyURLs, `x.html` is the page /x.html.
    const page = path.basename(file) === 'index.html' ? (dir === '.' ? '/' : `/${dir}/`) : `/${file.split(path.sep).join('/')}`;
    if (links.length > 0) out.set(page, links);
  }
  return out;
}

const BASE_CONFIG = {
  disableKinds: ['sitemap', 'robotsTXT', '404', 'RSS'],
  taxonomies: { category: 'categories', tag: 'tags' },
  timeZone: 'Asia/Shanghai',
};

describe('docs/hugo-partial-feedpub-links.html under Hugo', () => {
  it('emits on every home, section and term page of a multilingual site the links discovery.json lists, and nowhere else', async () => {
    // Arrange
    const site: HugoSite = {
      config: {
        ...BASE_CONFIG,
        baseURL: 'https://example.com/',
        title: 'News',
        defaultContentLanguage: 'en',
        languages: {
          en: { contentDir: 'content/en', weight: 1 },
          'zh-CN': { contentDir: 'content/zh-CN', weight: 2, title: '新闻' },
        },
      },
      posts: [
        { file: 'content/en/posts/a.md', lang: 'en', date: '2024-01-02T10:00:00Z', tags: ['Go', 'C# & .NET', 'web dev'], categories: ['World'] },
        { file: 'content/en/posts/b.md', lang: 'en', date: '2024-01-03T10:00:00Z', tags: ['Go'], categories: [] },
        { file: 'content/zh-CN/posts/c.md', lang: 'zh-cn', date: '2024-01-04T10:00:00Z', tags: ['科技'], categories: ['新闻'] },
        { file: 'content/en/posts/world/d.md', lang: 'en', date: '2024-01-05T10:00:00Z', tags: [], categories: [] },
        { file: 'content/en/posts/world/asia/e.md', lang: 'en', date: '2024-01-06T10:00:00Z', tags: [], categories: [] },
      ],
      // Nested sections: one titled, one not (Hugo then names it by the site alone).
      lists: { 'content/en/posts/world/_index.md': 'World desk', 'content/en/posts/world/asia/_index.md': '' },
    };
    const expected = feedpubDiscovery(site);

    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));

    // Assess
    const decodedKeys = Object.keys(expected).map((k) => decodeURIComponent(k));
    expect([...actual.keys()].sort()).toEqual(decodedKeys.sort());
    for (const [page, links] of Object.entries(expected)) expect(actual.get(decodeURIComponent(page)), page).toEqual(links);
    // The pages that matter, spelled out (so an empty discovery.json cannot pass).
    expect(expected['/']?.map((l) => l.href)).toEqual([
      'https://example.com/index.xml',
      'https://example.com/atom.xml',
      'https://example.com/feed.json',
      'https://example.com/all/index.xml',
      'https://example.com/all/atom.xml',
      'https://example.com/all/feed.json',
    ]);
    expect(actual.get('/zh-cn/')?.[0]).toEqual({
      rel: 'alternate',
      type: 'application/rss+xml',
      title: '新闻 (RSS)',
      href: 'https://example.com/zh-cn/index.xml',
    });
    expect(actual.get('/tags/c#-.net/')?.map((l) => l.href)[0]).toBe('https://example.com/tags/c%23-.net/index.xml');
    expect(actual.get('/zh-cn/tags/科技/')?.map((l) => l.href)[2]).toBe('https://example.com/zh-cn/tags/%E7%A7%91%E6%8A%80/feed.json');
    expect(actual.has('/posts/a/')).toBe(false);
    expect(actual.get('/zh-cn/posts/')?.[0]?.title).toBe('Posts on 新闻 (RSS)');
    expect(actual.get('/posts/world/')?.[0]?.title).toBe('World desk on News (RSS)');
    expect(actual.get('/posts/world/asia/')?.[0]).toEqual({
      rel: 'alternate',
      type: 'application/rss+xml',
      title: 'News (RSS)',
      href: 'https://example.com/posts/world/asia/index.xml',
    });
  }, 120_000);

  it('titles the all-languages feed in the default language words, as discovery.json does (zh-HK: 所有語言)', async () => {
    // Arrange: the reference site's shape, Traditional Chinese by default at the root.
    const site: HugoSite = {
      config: {
        ...BASE_CONFIG,
        baseURL: 'https://example.com/',
        title: '示例新聞',
        defaultContentLanguage: 'zh-hk',
        languages: {
          'zh-hk': { contentDir: 'content/zh-HK', weight: 1, languageCode: 'zh-HK' },
          en: { contentDir: 'content/en', weight: 2, title: 'Example News' },
        },
      },
      posts: [
        { file: 'content/zh-HK/news/a.md', lang: 'zh-hk', date: '2025-02-10T08:27:09Z', tags: ['科技'], categories: [] },
        { file: 'content/en/news/b.md', lang: 'en', date: '2025-02-11T08:27:09Z', tags: [], categories: [] },
      ],
    };
    const expected = feedpubDiscovery(site);
    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));
    // Assess
    const all = (links: Links | undefined) => links?.filter((l) => l.href.includes('/all/')).map((l) => l.title);
    expect(all(expected['/'])).toEqual(['示例新聞 · 所有語言 (RSS)', '示例新聞 · 所有語言 (Atom)', '示例新聞 · 所有語言 (JSON Feed)']);
    expect(all(actual.get('/'))).toEqual(all(expected['/']));
  }, 120_000);

  it('titles a home feed by the home _index.md title as discovery.json does ("Welcome on News"), on each language home', async () => {
    // Arrange: the default language's home page titled its own way, the other's titled as its language (the title alone).
    const site: HugoSite = {
      config: {
        ...BASE_CONFIG,
        baseURL: 'https://example.com/',
        title: 'News',
        defaultContentLanguage: 'en',
        languages: {
          en: { contentDir: 'content/en', weight: 1 },
          'zh-CN': { contentDir: 'content/zh-CN', weight: 2, title: '新闻' },
          fr: { contentDir: 'content/fr', weight: 3, title: 'Nouvelles' },
        },
      },
      posts: [
        { file: 'content/en/posts/a.md', lang: 'en', date: '2024-01-02T10:00:00Z', tags: ['Go'], categories: [] },
        { file: 'content/zh-CN/posts/b.md', lang: 'zh-cn', date: '2024-01-03T10:00:00Z', tags: [], categories: [] },
        { file: 'content/fr/posts/c.md', lang: 'fr', date: '2024-01-04T10:00:00Z', tags: [], categories: [] },
      ],
      lists: { 'content/en/_index.md': 'Welcome', 'content/zh-CN/_index.md': '新闻', 'content/fr/_index.md': 'Accueil' },
    };
    const expected = feedpubDiscovery(site);

    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));

    // Assess
    expect(Object.fromEntries(actual)).toEqual(expected);
    const titles = (links: Links | undefined) => links?.filter((l) => l.type === 'application/rss+xml').map((l) => l.title);
    // The all-languages feed keeps the site title: the home page title names the language's feed only.
    expect(titles(expected['/'])).toEqual(['Welcome on News (RSS)', 'News · All languages (RSS)']);
    expect(titles(expected['/zh-cn/'])).toEqual(['新闻 (RSS)']);
    expect(titles(expected['/fr/'])).toEqual(['Accueil on Nouvelles (RSS)']);
  }, 120_000);

  it('titles the home feed of a one-language site by its content/_index.md title, as discovery.json does', async () => {
    // Arrange
    const site: HugoSite = {
      config: { ...BASE_CONFIG, baseURL: 'https://example.com/', title: 'Solo' },
      posts: [{ file: 'content/posts/a.md', lang: 'en', date: '2024-01-02T10:00:00Z', tags: [], categories: [] }],
      lists: { 'content/_index.md': 'Front page' },
    };
    const expected = feedpubDiscovery(site);

    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));

    // Assess
    expect(Object.fromEntries(actual)).toEqual(expected);
    expect(actual.get('/')?.map((l) => l.title)).toEqual(['Front page on Solo (RSS)', 'Front page on Solo (Atom)', 'Front page on Solo (JSON Feed)']);
  }, 120_000);

  it('honours [params.feedpub] formats and a base URL with a path on a one-language site', async () => {
    // Arrange
    const site: HugoSite = {
      config: {
        ...BASE_CONFIG,
        baseURL: 'https://example.com/blog/',
        title: 'Solo & "Co"',
        params: { feedpub: { formats: ['json', 'atom'] } },
      },
      posts: [{ file: 'content/posts/a.md', lang: 'en', date: '2024-01-02T10:00:00Z', tags: ['Go'], categories: [] }],
    };
    const expected = feedpubDiscovery(site);

    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));

    // Assess
    expect(Object.fromEntries(actual)).toEqual(expected);
    expect(actual.get('/')).toEqual([
      { rel: 'alternate', type: 'application/atom+xml', title: 'Solo & "Co" (Atom)', href: 'https://example.com/blog/atom.xml' },
      { rel: 'alternate', type: 'application/feed+json', title: 'Solo & "Co" (JSON Feed)', href: 'https://example.com/blog/feed.json' },
    ]);
    expect(Object.keys(expected).sort()).toEqual(['/', '/posts/', '/tags/go/']);
  }, 120_000);

  it('links the feeds in the folder beside a section or term page under uglyURLs (posts.html: posts/index.xml)', async () => {
    // Arrange
    const site: HugoSite = {
      config: { ...BASE_CONFIG, baseURL: 'https://example.com/', title: 'Ugly', uglyURLs: true },
      posts: [{ file: 'content/posts/a.md', lang: 'en', date: '2024-01-02T10:00:00Z', tags: ['Go'], categories: [] }],
    };
    const expected = feedpubDiscovery(site);

    // Act
    const actual = pagesWithLinks(await buildWithHugo(site));

    // Assess
    expect(Object.fromEntries(actual)).toEqual(expected);
    expect(actual.get('/posts.html')?.map((l) => l.href)).toEqual([
      'https://example.com/posts/index.xml',
      'https://example.com/posts/atom.xml',
      'https://example.com/posts/feed.json',
    ]);
  }, 120_000);
});
