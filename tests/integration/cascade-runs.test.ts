import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

const NOW = Date.UTC(2025, 5, 1);
const CONFIG = 'baseURL = "https://example.org/"\ntitle = "Ex"\n';
const LIST_PAGE = 'content/posts/_index.md';
const TARGETED = '---\ntitle: Posts\ncascade:\n  - _build:\n      list: never\n      render: never\n    target:\n      path: /posts/old/**\n---\n';
const page = (title: string, extra = ''): string => `---\ntitle: ${title}\ndate: 2025-01-02T00:00:00Z\n${extra}---\n${title}\n`;

/** Item links of a feed the run wrote. */
function links(target: MemoryStorage, path = 'index.xml'): string[] {
  return [...(target.text(path) ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? '').sort();
}

describe('a change of a cascade re-plans the pages it targets, in a run for the reported keys and in a full run with state', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let deps: RebuildDeps;
  const put = (key: string, body: string) => source.write({ key, body, contentType: 'text/plain', cacheControl: '' });

  beforeEach(async () => {
    // Arrange: a section whose list page cascades nothing yet; a page in old/ and one beside it.
    source = new MemoryStorage(
      new Map([
        ['hugo.toml', CONFIG],
        [LIST_PAGE, '---\ntitle: Posts\n---\n'],
        ['content/posts/new.md', page('New')],
        ['content/posts/old/x.md', page('Old')],
        ['content/posts/old/kept.md', page('Kept', '_build:\n  list: always\n')],
      ]),
    );
    target = new MemoryStorage();
    deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/', 'https://example.org/posts/old/x/']);
  });

  it('a list page that comes to cascade to old/ takes its page out, and a page reported later stays out; then back in', async () => {
    // Act: the list page's cascade targets old/ (an S3 event for it alone).
    await put(LIST_PAGE, TARGETED);
    const report = await rebuild(deps, { changedKeys: [LIST_PAGE] });
    // Assess: its own `_build` keeps kept.md; x.md is left out, and said so.
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(report.problems.find((p) => p.file === 'content/posts/old/x.md')?.rule).toBe('not-listed');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // A page below reported alone takes the cascade the manifest keeps of its list page.
    await put('content/posts/old/x.md', page('Old, edited'));
    await rebuild(deps, { changedKeys: ['content/posts/old/x.md'] });
    expect(links(target)).not.toContain('https://example.org/posts/old/x/');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // The cascade goes: the page is back.
    await put(LIST_PAGE, '---\ntitle: Posts\n---\n');
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(links(target)).toContain('https://example.org/posts/old/x/');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a config cascade that comes, changes and goes re-plans every page, in a run for the config key and in a full run', async () => {
    // Act: the config cascades to old/ (reported).
    await put('hugo.toml', `${CONFIG}[[cascade]]\n[cascade._build]\nlist = "never"\n[cascade._target]\npath = "/posts/old/**"\n`);
    await rebuild(deps, { changedKeys: ['hugo.toml'] });
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(links(target, 'posts/index.xml')).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // A draft cascade to every page: a page that says draft: false stays (a full run, as `--state` does).
    await put('hugo.toml', `${CONFIG}[cascade]\ndraft = true\n[cascade.target]\nkind = "page"\n`);
    await put('content/posts/new.md', page('New', 'draft: false\n'));
    await rebuild(deps);
    expect(links(target)).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // And gone.
    await put('hugo.toml', CONFIG);
    await rebuild(deps, { changedKeys: ['hugo.toml'] });
    expect(links(target)).toHaveLength(3);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a page that comes to say draft: false under a cascade of draft: true is published, in a run for its key', async () => {
    await put(LIST_PAGE, '---\ntitle: Posts\ncascade:\n  - draft: true\n    target:\n      kind: page\n---\n');
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(links(target)).toEqual([]);
    await put('content/posts/new.md', page('New', 'draft: false\n'));
    await rebuild(deps, { changedKeys: ['content/posts/new.md'] });
    expect(links(target)).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a taxonomy list page cascade with a path target hides the term it names only', async () => {
    await put('content/posts/new.md', page('New', 'tags: [go, rust]\n'));
    await put('content/tags/_index.md', '---\ntitle: Tags\ncascade:\n  - _build:\n      render: never\n    target:\n      path: /tags/go\n---\n');
    await rebuild(deps);
    expect(target.text('tags/go/index.xml')).toBeUndefined();
    expect(links(target, 'tags/rust/index.xml')).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });
});

/** The RSS items of a feed the run wrote: link, pubDate and categories of each, in feed order. */
function items(target: MemoryStorage, path = 'index.xml'): string[] {
  return [...(target.text(path) ?? '').matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => {
    const item = m[1] ?? '';
    const link = /<link>([^<]*)<\/link>/.exec(item)?.[1] ?? '';
    const date = /<pubDate>([^<]*)<\/pubDate>/.exec(item)?.[1] ?? '';
    const categories = [...item.matchAll(/<category>([^<]*)<\/category>/g)].map((c) => c[1]).join(',');
    return `${link} ${date} [${categories}]`;
  });
}

describe('a cascade of terms and dates reaches the pages below it, in a run for the reported keys and in a full run with state', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let deps: RebuildDeps;
  const put = (key: string, body: string) => source.write({ key, body, contentType: 'text/plain', cacheControl: '' });
  const cascading = (terms: string, date = '2021-05-05T00:00:00Z') => `---\ntitle: Posts\ncascade:\n  categories: [${terms}]\n  date: ${date}\n---\n`;
  const A = 'https://example.org/posts/a/';
  const B = 'https://example.org/posts/b/';

  beforeEach(async () => {
    // Arrange: a dated page and an undated one below a list page that cascades nothing yet.
    source = new MemoryStorage(
      new Map([
        ['hugo.toml', CONFIG],
        [LIST_PAGE, '---\ntitle: Posts\n---\n'],
        ['content/posts/a.md', page('A')],
        ['content/posts/b.md', '---\ntitle: B\n---\nB\n'],
      ]),
    );
    target = new MemoryStorage();
    deps = memoryDeps(source, NOW, { target });
    const report = await rebuild(deps);
    expect(items(target)).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT []`]);
    expect(report.problems.find((p) => p.file === 'content/posts/b.md')?.rule).toBe('no-date');
  });

  it('a list page that comes to cascade a category and a date gives both to its pages, and the undated one its date', async () => {
    // Act: the list page alone is reported.
    await put(LIST_PAGE, cascading('guides'));
    const report = await rebuild(deps, { changedKeys: [LIST_PAGE] });
    // Assess: b is dated by the cascade (no warning that Hugo lists it as year 0001), both are in the term's feed.
    expect(items(target)).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT [guides]`, `${B} Wed, 05 May 2021 00:00:00 GMT [guides]`]);
    expect(items(target, 'categories/guides/index.xml')).toEqual(items(target));
    expect(report.problems.filter((p) => p.file === 'content/posts/b.md').map((p) => p.rule)).toEqual([]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a cascade that changes only a term renders again every feed whose items carry it, in a run for the list page and in a full run', async () => {
    await put(LIST_PAGE, cascading('guides'));
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    // Act: the home and section feeds list the same pages at the same links; only their items' categories move.
    await put(LIST_PAGE, cascading('howto'));
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(items(target)).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT [howto]`, `${B} Wed, 05 May 2021 00:00:00 GMT [howto]`]);
    expect(target.text('categories/guides/index.xml')).toBeUndefined();
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // And the cascaded date alone, in a full run with state (as `feedpub build --state` runs).
    await put(LIST_PAGE, cascading('howto', '2022-06-06T00:00:00Z'));
    await rebuild(deps);
    expect(items(target, 'posts/index.xml')).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT [howto]`, `${B} Mon, 06 Jun 2022 00:00:00 GMT [howto]`]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a page reported alone keeps the cascade it takes, and leaves its cascaded term feed when it comes to say its own terms', async () => {
    await put(LIST_PAGE, cascading('guides'));
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    // Act: b is retitled; a, then b, say their own categories (a key of its own, even empty, stops the cascade's).
    await put('content/posts/b.md', '---\ntitle: B, retitled\n---\nB\n');
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    expect(target.text('categories/guides/index.xml')).toContain('B, retitled');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    await put('content/posts/a.md', page('A', 'categories: [own]\n'));
    await rebuild(deps, { changedKeys: ['content/posts/a.md'] });
    expect(items(target, 'categories/guides/index.xml')).toEqual([`${B} Wed, 05 May 2021 00:00:00 GMT [guides]`]);
    expect(items(target, 'categories/own/index.xml')).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT [own]`]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    await put('content/posts/b.md', '---\ntitle: B\ncategories:\n---\nB\n');
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    expect(target.text('categories/guides/index.xml')).toBeUndefined();
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // The cascade goes: b has no date again, and is in no feed.
    await put(LIST_PAGE, '---\ntitle: Posts\n---\n');
    const report = await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(items(target)).toEqual([`${A} Thu, 02 Jan 2025 00:00:00 GMT [own]`]);
    expect(report.problems.find((p) => p.file === 'content/posts/b.md')?.rule).toBe('no-date');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });
});

describe('which dates and terms a page takes from a cascade, key by key, as Hugo 0.111 merges them (checked with hugo)', () => {
  const build = async (config: string, files: Readonly<Record<string, string>>) =>
    buildToMemory(new MemoryStorage(new Map([['hugo.toml', config], ...Object.entries(files)])), NOW);

  it('a [frontmatter] key a cascade gives comes before a page date of its own named later, the file name before both', async () => {
    const config = `${CONFIG}[frontmatter]\ndate = [":filename", "mydate", ":default"]\n`;
    const { files } = await build(config, {
      [LIST_PAGE]: '---\ntitle: Posts\ncascade:\n  mydate: 2018-02-02T00:00:00Z\n---\n',
      'content/posts/2017-01-01-f.md': '---\ntitle: F\n---\nF\n',
      'content/posts/g.md': page('G'),
    });
    expect(items({ text: (p: string) => files.get(p) } as MemoryStorage)).toEqual([
      'https://example.org/posts/g/ Fri, 02 Feb 2018 00:00:00 GMT []',
      'https://example.org/posts/f/ Sun, 01 Jan 2017 00:00:00 GMT []',
    ]);
  });

  it('a key of its own in any case, or written without a value, keeps the cascade out of that taxonomy; the nearest cascade gives each', async () => {
    const { files } = await build(`${CONFIG}[taxonomies]\ntag = "tags"\nserie = "series"\n`, {
      [LIST_PAGE]: '---\ntitle: Posts\ncascade:\n  tags: [outer]\n  series: [S]\n---\n',
      'content/posts/own.md': page('Own', 'Tags: [mine]\n'),
      'content/posts/none.md': page('None', 'tags:\n'),
      'content/posts/inner/_index.md': '---\ntitle: Inner\ncascade:\n  tags: [inner]\n---\n',
      'content/posts/inner/i.md': page('I'),
    });
    const categories = (url: string) =>
      items({ text: (p: string) => files.get(p) } as MemoryStorage)
        .find((i) => i.startsWith(url))
        ?.replace(/.*\[/, '[');
    expect(categories('https://example.org/posts/own/')).toBe('[mine,S]');
    expect(categories('https://example.org/posts/none/')).toBe('[S]');
    expect(categories('https://example.org/posts/inner/i/')).toBe('[inner,S]');
    expect(files.has('tags/outer/index.xml')).toBe(false);
  });

  it('a page in no feed takes the cascaded terms, whose feeds Hugo writes; a date-made link follows a cascaded date, its id too', async () => {
    const config = `${CONFIG}[permalinks]\nposts = "/:year/:slug/"\n[feedpub]\nitemIds = "permalink"\n`;
    const { files } = await build(config, {
      [LIST_PAGE]: '---\ntitle: Posts\ncascade:\n  tags: [q]\n  date: 2021-05-05T00:00:00Z\n---\n',
      'content/posts/hidden.md': page('Hidden', '_build:\n  list: never\n'),
      'content/posts/b.md': '---\ntitle: B\nslug: bee\n---\nB\n',
    });
    expect(files.get('tags/q/index.xml')).toContain('<guid>https://example.org/2021/bee/</guid>');
    expect(items({ text: (p: string) => files.get(p) } as MemoryStorage)).toEqual(['https://example.org/2021/bee/ Wed, 05 May 2021 00:00:00 GMT [q]']);
  });
});
