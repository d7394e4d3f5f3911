import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A taxonomy's own list page (`content/tags/_index.md`) decides whether Hugo 0.111 makes its term pages
// (checked with hugo: hugo-compat.test.ts): while it is a draft, not published yet or expired, or cascades
// that or `_build.render: never`, Hugo writes no term page and no term feed of that taxonomy in that
// language, and feedpub published them all, linking to 404s. Its own `_build` and `headless` change nothing.

const BASE_URL = 'https://x.org/';
const NOW = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;
const page = (title: string, date: string, tags: readonly string[]): string =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(', ')}]\ncategories: [World]\n---\nText.\n`;
const write = (source: MemoryStorage, key: string, body: string) => source.write({ key, body, contentType: '', cacheControl: '' });
const tagsPage = (frontMatter: string): string => `---\ntitle: Tags\n${frontMatter}\n---\n`;

function site(extra: readonly (readonly [string, string])[] = [], config = ''): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', `baseURL = "${BASE_URL}"\ntitle = "X"\ntimeZone = "UTC"\n${config}`],
    ['content/posts/a.md', page('A', '2024-01-02T10:00:00Z', ['Go'])],
    ['content/posts/b.md', page('B', '2024-01-03T10:00:00Z', ['Rust', 'go'])],
    ['content/tags/solo/_index.md', '---\ntitle: Solo\n---\n'],
    ...extra,
  ]);
}

const termFeeds = (files: Map<string, string>, taxonomy = 'tags'): string[] =>
  [...files.keys()].filter((p) => p.startsWith(`${taxonomy}/`) || p.includes(`/${taxonomy}/`)).sort();

describe('the list page of a taxonomy that Hugo does not publish', () => {
  const hiding = [
    'draft: true',
    'expiryDate: 2020-01-01',
    'publishDate: 2099-01-01',
    'cascade:\n  draft: true',
    'cascade:\n  _build:\n    render: never',
    'cascade:\n  publishDate: 2099-01-01',
    'cascade:\n  expiryDate: 2020-01-01',
    'draft: false\ncascade:\n  - draft: true',
    'publishDate: 2020-01-01\ncascade:\n  publishDate: 2099-01-01',
    '_build:\n  render: never\ncascade:\n  _build:\n    render: never',
  ];
  for (const frontMatter of hiding) {
    it(`tags/_index.md with ${frontMatter.replace(/\n\s*/g, ' ')}: no term feed of tags, every other feed kept`, async () => {
      const { files, report } = await buildToMemory(site([['content/tags/_index.md', tagsPage(frontMatter)]]), NOW);
      expect(termFeeds(files)).toEqual([]);
      expect(files.get('feeds/discovery.json')).not.toContain('/tags/');
      expect(termFeeds(files, 'categories')).toContain('categories/world/index.xml');
      expect(files.get('posts/index.xml')).toContain('<title>A</title>');
      expect(files.get('index.xml')).toContain('<title>B</title>');
      // Go and go share no feed to warn of.
      expect(report.problems.filter((p) => p.rule === 'term-collision')).toEqual([]);
      expectValidFeeds(files, BASE_URL);
    });
  }

  const keeping = [
    'headless: true',
    '_build:\n  render: never',
    '_build:\n  list: never',
    'cascade:\n  _build:\n    list: never',
    'cascade:\n  headless: true',
    'draft: false',
    'publishDate: 2020-01-01\nexpiryDate: 2099-01-01',
  ];
  for (const frontMatter of keeping) {
    it(`tags/_index.md with ${frontMatter.replace(/\n\s*/g, ' ')}: every term feed, as without it`, async () => {
      const { files } = await buildToMemory(site([['content/tags/_index.md', tagsPage(frontMatter)]]), NOW);
      expect(termFeeds(files)).toEqual(termFeeds((await buildToMemory(site(), NOW)).files));
      expect(termFeeds(files)).toContain('tags/go/index.xml');
    });
  }

  it('hides the terms of its own language only, and of its own taxonomy only', async () => {
    const config = 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n';
    const { files } = await buildToMemory(
      site(
        [
          ['content/posts/a.fr.md', page('A fr', '2024-01-02T10:00:00Z', ['Go'])],
          ['content/tags/_index.fr.md', tagsPage('draft: true')],
          ['content/categories/_index.md', tagsPage('draft: true')],
        ],
        config,
      ),
      NOW,
    );
    expect(termFeeds(files).filter((p) => p.endsWith('index.xml'))).toEqual(['tags/go/index.xml', 'tags/rust/index.xml', 'tags/solo/index.xml']);
    expect(termFeeds(files, 'categories').filter((p) => p.endsWith('index.xml'))).toEqual(['fr/categories/world/index.xml']);
    expect(files.get('fr/index.xml')).toContain('<title>A fr</title>');
  });

  it('is read with its publishDate and expiryDate: the run is scheduled for when its terms come and go, and they do', async () => {
    // Arrange: terms published in 10 days, for 20 days.
    const publish = NOW + 10 * DAY;
    const expire = NOW + 30 * DAY;
    const source = site([
      ['content/tags/_index.md', tagsPage(`publishDate: ${new Date(publish).toISOString()}\nexpiryDate: ${new Date(expire).toISOString()}`)],
    ]);
    let clock = NOW;
    const deps = memoryDeps(source, () => clock);
    // Act, Assess: before, between and after.
    const before = await rebuild(deps);
    expect(termFeeds(textFiles(deps.target as MemoryStorage))).toEqual([]);
    expect(before.nextChangeAt).toBe(publish);
    clock = publish;
    // (A run for an upload of another page then: the terms come all the same, as the selection changed by itself.)
    const between = await rebuild(deps, { changedKeys: ['content/posts/a.md'] });
    expect(termFeeds(textFiles(deps.target as MemoryStorage))).toContain('tags/go/index.xml');
    expect(between.nextChangeAt).toBe(expire);
    expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, clock));
    clock = expire;
    const after = await rebuild(deps);
    expect(termFeeds(textFiles(deps.target as MemoryStorage))).toEqual([]);
    expect(after.deleted).toContain('tags/go/index.xml');
    expect(after.nextChangeAt).toBeUndefined();
  });

  it('made a draft and back in a run for its key (an upload), or a run with state, moves the term feeds as a clean build does', async () => {
    for (const event of [true, false]) {
      // Arrange: a site published with its term feeds and a taxonomy list page.
      const source = site([['content/tags/_index.md', tagsPage('draft: false')]]);
      const deps = memoryDeps(source, NOW);
      await rebuild(deps);
      const published = termFeeds(textFiles(deps.target as MemoryStorage));
      expect(published).toContain('tags/go/index.xml');
      const options = event ? { changedKeys: ['content/tags/_index.md'] } : {};
      // Act: made a draft.
      await write(source, 'content/tags/_index.md', tagsPage('draft: true'));
      const drafted = await rebuild(deps, options);
      // Assess
      expect(termFeeds(textFiles(deps.target as MemoryStorage)), `event: ${event}`).toEqual([]);
      expect(drafted.deleted).toEqual(expect.arrayContaining(published));
      expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, NOW));
      // Act: published again; then deleted while a draft.
      await write(source, 'content/tags/_index.md', tagsPage('draft: false'));
      await rebuild(deps, options);
      expect(termFeeds(textFiles(deps.target as MemoryStorage))).toEqual(published);
      await write(source, 'content/tags/_index.md', tagsPage('draft: true'));
      await rebuild(deps, options);
      await source.delete('content/tags/_index.md');
      await rebuild(deps, options);
      expect(termFeeds(textFiles(deps.target as MemoryStorage))).toEqual(published);
      expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(source, NOW));
    }
  });

  it('too large to read is ignored, as any list page, and said so', async () => {
    const source = site([['content/tags/_index.md', tagsPage(`draft: true\nsummary: "${'x'.repeat(2000)}"`)]], '[feedpub]\nmaxArticleBytes = 1024\n');
    const { files, report } = await buildToMemory(source, NOW);
    expect(termFeeds(files)).toContain('tags/go/index.xml');
    expect(report.problems.find((p) => p.file === 'content/tags/_index.md' && p.rule === 'too-large')?.message).toContain(
      "the list page is ignored: its taxonomy's terms are published as if it had none",
    );
  });
});
