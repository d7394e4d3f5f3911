import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import type { Storage } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// An article's ref shortcodes lead to other pages: when one of those moves, goes or goes live, the
// article's items change though its file did not. Runs for reported keys (the Lambda's, on an upload)
// must end with the bytes of a clean build, and a run with nothing changed must write nothing.

const BASE_URL = 'https://example.com/';
const CONFIG = `baseURL = "${BASE_URL}"\ntitle = "News"\ntimeZone = "UTC"\n[feedpub]\nlimit = 5\n`;
const DAY = 86_400_000;
const NOW = Date.parse('2025-03-01T00:00:00Z');

const A = 'content/posts/a.md';
const B = 'content/posts/b.md';
const C = 'content/posts/c.md';

const post = (title: string, date: string, extra: string, body: string): string => `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n${body}\n`;
// A's tag feed lists A alone: nothing but where A's links lead can change it.
const refsA = post('A', '2025-01-01', 'tags: [solo]\n', 'Read [B]({{< ref "b.md" >}}) and [part]({{< relref "/posts/b#part" >}}).');

describe('ref shortcodes across runs', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let clock: number;
  let deps: RebuildDeps;
  const write = (key: string, body: string): Promise<unknown> => source.write({ key, body, contentType: 'text/markdown', cacheControl: '' });
  const contentOfA = (): string => {
    const feed = JSON.parse(textFiles(target).get('feed.json') ?? '{}') as { items: { url: string; content_html: string }[] };
    return feed.items.find((item) => item.url === `${BASE_URL}posts/a/`)?.content_html ?? '';
  };

  beforeEach(async () => {
    source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      [A, refsA],
      [B, post('B', '2025-01-02', 'slug: bee\n', 'B.')],
      [C, post('C', '2025-01-03', '', 'C.')],
    ]);
    target = new MemoryStorage();
    clock = NOW;
    deps = memoryDeps(source, () => clock, { target });
    const report = await rebuild(deps);
    expect(report.problems.filter((p) => p.rule === 'ref-not-found')).toEqual([]);
  });

  it('links the page in every format, and a run with nothing changed writes nothing', async () => {
    // Assess
    expect(contentOfA()).toContain(`<a href="${BASE_URL}posts/bee/">B</a> and <a href="${BASE_URL}posts/bee/#part">part</a>`);
    const files = textFiles(target);
    for (const path of ['index.xml', 'atom.xml']) expect(files.get(path), path).toContain(`&lt;a href="${BASE_URL}posts/bee/"&gt;B&lt;/a&gt;`);
    expectValidFeeds(files, BASE_URL);
    // Act
    const again = await rebuild(deps);
    // Assess
    expect(again.written).toEqual([]);
  });

  it('follows the page to its new URL in a run for that page alone', async () => {
    // Act
    await write(B, post('B', '2025-01-02', 'slug: honeybee\n', 'B.'));
    const report = await rebuild(deps, { changedKeys: [B] });
    // Assess
    expect(contentOfA()).toContain(`<a href="${BASE_URL}posts/honeybee/">B</a>`);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expect(report.written).toContain('tags/solo/feed.json');
  });

  it('leads nowhere once the page is deleted, and says so', async () => {
    // Act
    await source.delete(B);
    const report = await rebuild(deps, { changedKeys: [B] });
    // Assess
    expect(contentOfA()).toContain('Read <a>B</a> and <a>part</a>.');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
    expect(report.problems.filter((p) => p.rule === 'ref-not-found').map((p) => [p.file, p.line])).toEqual([
      [A, 6],
      [A, 6],
    ]);
  });

  it('links a page once it goes live, in a run for another page', async () => {
    // Arrange: B is scheduled for later; A's links lead nowhere meanwhile.
    await write(B, post('B', '2025-03-05', 'slug: bee\n', 'B.'));
    await rebuild(deps, { changedKeys: [B] });
    expect(contentOfA()).toContain('Read <a>B</a>');
    // Act: B went live; an edit of C comes first.
    clock = NOW + 10 * DAY;
    await write(C, post('C', '2025-01-03', '', 'C, edited.'));
    await rebuild(deps, { changedKeys: [C] });
    // Assess
    expect(contentOfA()).toContain(`<a href="${BASE_URL}posts/bee/">B</a>`);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
  });

  it('reuses the published content of an article whose links lead where they did, and reads it again when one moves', async () => {
    // Arrange: the source, with the keys a run reads noted.
    const reads: string[] = [];
    const noting: Storage = {
      list: (prefix) => source.list(prefix),
      read: (key) => {
        reads.push(key);
        return source.read(key);
      },
      write: (request) => source.write(request),
      delete: (key) => source.delete(key),
    };
    // Act: C changes; the section feed listing A, B and C is rendered again.
    await write(C, post('C', '2025-01-03', '', 'C, edited.'));
    const edit = await rebuild({ ...deps, source: noting }, { changedKeys: [C] });
    // Assess: A's content came from the published feed.
    expect(edit.written).toContain('posts/feed.json');
    expect(reads).toEqual([C]);
    // Act: B moves; A's links lead elsewhere now.
    reads.length = 0;
    await write(B, post('B', '2025-01-02', 'slug: honeybee\n', 'B.'));
    await rebuild({ ...deps, source: noting }, { changedKeys: [B] });
    // Assess: A was read again to render it with the new link.
    expect(reads.sort()).toEqual([A, B]);
    expect(contentOfA()).toContain(`<a href="${BASE_URL}posts/honeybee/">B</a>`);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
  });

  it('is resolved again when the article itself changes, and an edit elsewhere leaves it alone', async () => {
    // Act: an edit of C (not linked) changes no file with A in it but the feeds that list C.
    await write(C, post('C', '2025-01-03', '', 'C, edited.'));
    const edit = await rebuild(deps, { changedKeys: [C] });
    // Assess
    expect(edit.written.length).toBeGreaterThan(0);
    expect(contentOfA()).toContain(`<a href="${BASE_URL}posts/bee/">B</a>`);
    // Act: A now names C too.
    await write(A, refsA.replace('.\n', ', and [C]({{< ref "c" >}}).\n'));
    await rebuild(deps, { changedKeys: [A] });
    // Assess
    expect(contentOfA()).toContain(`and <a href="${BASE_URL}posts/c/">C</a>`);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
  });
});

describe('ref to the home list page', () => {
  it('leads to the home page, as Hugo 0.111 links /_index.md, and _index.md from a page at the top', async () => {
    // Prepare
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/_index.md', '---\ntitle: Home\n---\n'],
      ['content/about.md', post('About', '2025-01-01', '', '[h1]({{< ref "/_index.md" >}}) [h2]({{< ref "_index.md" >}})')],
    ]);
    const target = new MemoryStorage();
    // Act
    const report = await rebuild(memoryDeps(source, NOW, { target }));
    // Assess
    expect(report.problems.filter((p) => p.rule === 'ref-not-found').map((p) => p.message)).toEqual([]);
    const feed = JSON.parse(textFiles(target).get('feed.json') ?? '{}') as { items: { content_html: string }[] };
    expect(feed.items[0]?.content_html).toContain(`<a href="${BASE_URL}">h1</a> <a href="${BASE_URL}">h2</a>`);
  });
});
