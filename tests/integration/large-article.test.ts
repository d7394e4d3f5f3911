import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, type ReadOptions, silentLogger } from '../../src/ports.js';
import { rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { buildToMemory, cleanBuildOf, textFiles } from '../support/build.js';

const CONFIG = 'baseURL = "https://example.com/"\ntitle = "News"\n[taxonomies]\ncategory = "categories"\n';
const NOW = Date.parse('2025-03-01T00:00:00Z');

function article(title: string, day: number, body: string, summary?: string): string {
  return `---\ntitle: "${title}"\ndate: "2025-01-${String(day).padStart(2, '0')}"\ncategories: ["world"]\n${summary ? `summary: "${summary}"\n` : ''}---\n\n${body}\n`;
}

describe('one very large article', () => {
  it('is listed with its summary only and a warning, so the other items keep their place in every feed', async () => {
    const paragraph = `${'word '.repeat(200)}\n\n`;
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ...[1, 2, 3, 4, 5].map((day): [string, string] => [`content/small-${day}.md`, article(`Small ${day}`, day, 'A short body.')]),
      // ~0.6 MB of HTML, newest: over a quarter of the 1 MiB budget (it would push out most of the others).
      ['content/huge.md', article('Huge', 9, paragraph.repeat(600), 'What the huge one is about.')],
      // Just under a quarter of the budget: published in full.
      ['content/big.md', article('Big', 8, paragraph.repeat(240))],
    ]);
    const { report, files } = await buildToMemory(source, NOW);
    expect(report.problems.filter((p) => p.rule === 'content-too-large').map((p) => [p.file, p.severity])).toEqual([['content/huge.md', 'warning']]);
    for (const dir of ['', 'categories/world/']) {
      const feed = JSON.parse(files.get(`${dir}feed.json`) ?? '{}') as {
        items: { title: string; content_html?: string; content_text?: string; summary?: string }[];
      };
      expect(feed.items.map((i) => i.title)).toEqual(['Huge', 'Big', 'Small 5', 'Small 4', 'Small 3', 'Small 2', 'Small 1']);
      const huge = feed.items[0];
      expect(huge?.content_html).toBeUndefined();
      expect(huge?.summary).toBe('What the huge one is about.');
      expect(feed.items[1]?.content_html?.length).toBeGreaterThan(200_000);
      for (const format of ['index.xml', 'atom.xml', 'feed.json']) {
        const file = files.get(`${dir}${format}`) ?? '';
        expect(Buffer.byteLength(file)).toBeLessThanOrEqual(1024 * 1024);
      }
    }
  });

  it('is not rendered at all when its Markdown is over twice the HTML allowance: its first part gives the summary', async () => {
    // maxBytes 64 KiB: an item's HTML may take 16 KiB, so Markdown over 32,768 characters is not rendered.
    const config = `${CONFIG}[feedpub]\nmaxBytes = 65536\n`;
    const lead = 'The lead paragraph says what this is.';
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/small.md', article('Small', 1, 'A short body.')],
      // 36,000 characters of one-letter paragraphs: the shape that costs markdown-it most per byte.
      ['content/long.md', article('Long', 9, `${lead}\n\n![chart](chart.png)\n\n${'a\n\n'.repeat(12_000)}`)],
      // Just under the bound: rendered (and its HTML, under 16 KiB, published in full).
      ['content/edge.md', article('Edge', 8, 'word '.repeat(3_000))],
    ]);
    const { report, files } = await buildToMemory(source, NOW);
    const notes = report.problems.filter((p) => p.rule === 'content-too-large');
    expect(notes.map((p) => p.file)).toEqual(['content/long.md']);
    expect(notes[0]?.message).toContain('its Markdown is 360');
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: { title: string; content_html?: string; summary?: string; image?: string }[] };
    const long = feed.items.find((i) => i.title === 'Long');
    expect(long?.content_html).toBeUndefined();
    expect(long?.summary?.startsWith(lead)).toBe(true);
    expect(long?.image).toBe('https://example.com/long/chart.png');
    expect(feed.items.find((i) => i.title === 'Edge')?.content_html).toContain('word word');
  });
});

describe('an article whose Markdown is short enough to render but whose HTML is not', () => {
  it('is read only until its HTML is over the allowance: its first part gives the summary and image', async () => {
    // maxBytes 64 KiB: an item's HTML may take 16 KiB. 5,000 table rows are 30,000 characters (under the 32,768
    // rendered), and would make ~150 KB of HTML: reading stops within the first thousand rows.
    const config = `${CONFIG}[feedpub]\nmaxBytes = 65536\n`;
    const lead = 'The lead paragraph says what the table is.';
    const table = `| a | b |\n|---|---|\n${'|1|2|\n'.repeat(5_000)}`;
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/small.md', article('Small', 1, 'A short body.')],
      ['content/table.md', article('Table', 9, `${lead}\n\n![chart](chart.png)\n\n${table}`)],
    ]);
    const { report, files } = await buildToMemory(source, NOW);
    const notes = report.problems.filter((p) => p.rule === 'content-too-large');
    expect(notes.map((p) => p.file)).toEqual(['content/table.md']);
    const floor = Number(/its HTML is over (\d+) bytes/.exec(notes[0]?.message ?? '')?.[1]);
    expect(floor).toBeGreaterThan(16 * 1024);
    expect(floor).toBeLessThan(18 * 1024);
    expect(notes[0]?.message).toContain('not rendered whole');
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: { title: string; content_html?: string; summary?: string; image?: string }[] };
    const item = feed.items.find((i) => i.title === 'Table');
    expect(item?.content_html).toBeUndefined();
    expect(item?.summary?.startsWith(lead)).toBe(true);
    expect(item?.image).toBe('https://example.com/table/chart.png');
    expect(feed.items.find((i) => i.title === 'Small')?.content_html).toContain('A short body.');
  });
});

describe('feeds that maxBytes cuts, in the feed directory', () => {
  // Ten posts of ~900 bytes of text and a 4 KiB budget: the home and posts feeds keep a few; notes/ is small.
  const post = (n: number): string => `---\ntitle: "Post ${n}"\ndate: 2025-01-${String(n).padStart(2, '0')}\n---\n${`word${n} `.repeat(120)}\n`;
  const site = (): MemoryStorage =>
    new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "T"\ntimeZone = "UTC"\n[feedpub]\nmaxBytes = 4096\n'],
      ...Array.from({ length: 10 }, (_, i) => [`content/posts/p${i + 1}.md`, post(i + 1)] as const),
      ['content/notes/n.md', '---\ntitle: "Note"\ndate: 2024-12-01\n---\nA note.\n'],
    ]);
  /** The item count of each row of the directory page, by the feed it links. */
  const counts = (files: ReadonlyMap<string, string>): Map<string, number> =>
    new Map(
      [...(files.get('feeds/index.html') ?? '').matchAll(/<th scope="row"><a href="([^"]+)"[^>]*>[^<]*<\/a><\/th><td class="n"[^>]*>(\d+)<\/td>/g)].map((m) => [
        m[1] ?? '',
        Number(m[2]),
      ]),
    );
  const held = (files: ReadonlyMap<string, string>, dir: string): number =>
    (JSON.parse(files.get(`${dir}feed.json`) ?? '{}') as { items: unknown[] }).items.length;

  it('counts the items each feed holds, not the ones it plans', async () => {
    // Act
    const { files } = await buildToMemory(site(), NOW);
    // Assess
    const rows = counts(files);
    expect(held(files, '')).toBeLessThan(11);
    expect(held(files, 'posts/')).toBeLessThan(10);
    expect(rows.get('https://example.com/')).toBe(held(files, ''));
    expect(rows.get('https://example.com/posts/')).toBe(held(files, 'posts/'));
    expect(rows.get('https://example.com/notes/')).toBe(1);
  });

  it('counts a cut feed a run keeps from what the manifest recorded, and a run with nothing changed writes nothing', async () => {
    // Prepare
    const source = site();
    const run = deps(source);
    await rebuild(run);
    const recorded = (await readManifest(run.state))?.manifest.feeds;
    expect(recorded?.['posts/']?.held).toBe(held(textFiles(run.target), 'posts/'));
    expect(recorded?.['notes/']?.held).toBeUndefined();
    // Act: the note's date moves (the directory changes with it); the posts feed is not rendered again.
    expect((await rebuild(run)).written).toEqual([]);
    await source.write({ key: 'content/notes/n.md', body: '---\ntitle: "Note"\ndate: 2024-12-02\n---\nA note.\n', contentType: '', cacheControl: '' });
    const edit = await rebuild(run, { changedKeys: ['content/notes/n.md'] });
    // Assess
    expect(edit.written).toContain('feeds/index.html');
    expect(edit.written.filter((path) => path.startsWith('posts/'))).toEqual([]);
    expect(textFiles(run.target)).toEqual(await cleanBuildOf(source, NOW));
    expect((await rebuild(run)).written).toEqual([]);
    expect((await rebuild(run, { changedKeys: ['content/notes/n.md'] })).written).toEqual([]);
  });
});

/** A run's storage and clock around `source`, with empty output and state. */
const deps = (source: MemoryStorage) => ({
  source,
  target: new MemoryStorage(),
  state: new MemoryStorage(),
  cdn: noopCdn,
  clock: () => NOW,
  logger: silentLogger,
});

/** A MemoryStorage that records each read: its key and its bound. */
class RecordingStorage extends MemoryStorage {
  readonly reads: Array<[string, number | undefined]> = [];
  override async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
    this.reads.push([key, options?.maxBytes]);
    return super.read(key, options);
  }
}

describe('a Markdown file over feedpub.maxArticleBytes', () => {
  // 4 KiB here, 5 MiB by default: the same code either way.
  const config = `${CONFIG}[feedpub]\nmaxArticleBytes = 4096\n`;
  const huge = article('Huge', 9, 'word '.repeat(2_000));
  const size = new TextEncoder().encode(huge).byteLength;
  const message = `file is ${size} bytes; the limit is 4096 (feedpub.maxArticleBytes)`;
  it('is rejected unread when its listing says its size, with the problem parsing reports; the rest is published', async () => {
    // Prepare
    const source = new RecordingStorage([
      ['hugo.toml', config],
      ['content/small.md', article('Small', 1, 'A short body.')],
      ['content/huge.md', huge],
    ]);
    // Act
    const report = await rebuild(deps(source));
    // Assess
    expect(source.reads.filter(([key]) => key.endsWith('.md'))).toEqual([['content/small.md', 4096]]);
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([{ file: 'content/huge.md', severity: 'error', rule: 'too-large', message }]);
    expect(report.articles).toMatchObject({ total: 2, published: 1, rejected: 1 });
    // The same problem as a build that reads it whole (the parser's own check, which the bound stands in for).
    const parsed = await buildToMemory(
      new MemoryStorage([
        ['hugo.toml', config],
        ['content/huge.md', huge],
      ]),
      NOW,
      { sourceBudgetBytes: 0 },
    );
    expect(parsed.report.problems.filter((p) => p.rule === 'too-large')).toEqual([{ file: 'content/huge.md', severity: 'error', rule: 'too-large', message }]);
  });

  it('is read no further than the limit when its size is not known (a run for the keys an event reported)', async () => {
    // Prepare: a published site with the default limit (5 MiB), then a file just over it uploaded and reported.
    const source = new RecordingStorage([
      ['hugo.toml', CONFIG],
      ['content/small.md', article('Small', 1, 'A short body.')],
    ]);
    const d = deps(source);
    await rebuild(d);
    const over = article('Over', 9, 'word '.repeat(1_049_000));
    const overSize = new TextEncoder().encode(over).byteLength;
    expect(overSize).toBeGreaterThan(5 * 2 ** 20);
    await source.write({ key: 'content/over.md', body: over, contentType: 'text/markdown', cacheControl: '' });
    source.reads.length = 0;
    // Act
    const report = await rebuild(d, { changedKeys: ['content/over.md'] });
    // Assess: one read, bounded; the problem parsing would report.
    expect(source.reads).toEqual([['content/over.md', 5 * 2 ** 20]]);
    const problem = {
      file: 'content/over.md',
      severity: 'error',
      rule: 'too-large',
      message: `file is ${overSize} bytes; the limit is 5242880 (feedpub.maxArticleBytes)`,
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([problem]);
    expect(report.articles).toMatchObject({ published: 1, rejected: 1 });
    // The next full run keeps the record while the listing is unchanged: nothing read.
    source.reads.length = 0;
    const full = await rebuild(d);
    expect(source.reads.filter(([key]) => key.endsWith('.md'))).toEqual([]);
    expect(full.problems.filter((p) => p.severity === 'error')).toEqual([problem]);
  });
});

describe('a config file over 1 MiB', () => {
  it('is a config error read no further than the bound, as a parsed one is', async () => {
    // Prepare: an upload named hugo.toml of 3 MiB.
    const source = new RecordingStorage([
      ['hugo.toml', `${CONFIG}# ${'x'.repeat(3 * 2 ** 20)}\n`],
      ['content/small.md', article('Small', 1, 'A short body.')],
    ]);
    // Act
    const failure = await rebuild(deps(source)).catch((error: unknown) => error);
    // Assess: the parser's own message, and the one read bounded.
    expect(failure).toMatchObject({ name: 'ConfigError', message: expect.stringMatching(/^hugo\.toml: .*config file larger than 1 MiB/) });
    expect(source.reads.filter(([key]) => key === 'hugo.toml')).toEqual([['hugo.toml', 2 ** 20]]);
  });
});
