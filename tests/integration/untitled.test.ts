import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { type MemoryBuild, buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { parseBack, parseBackJson } from '../support/parse-back.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';
import { attr, childNamed, childrenNamed, parseXml, type XmlNode } from '../support/validate-xml.js';

// Hugo 0.111 publishes pages without a title (microblog notes, link posts), and RSS 2.0, Atom 1.0 and JSON
// Feed 1.1 all allow an untitled item. Through a whole build: the sample site with two untitled notes, and
// one untitled page with no text at all (the one kind still rejected).

const BASE = 'https://news.example.org/';
const NOTE = 'content/en/notes/morning.md';
const LINK = 'content/en/notes/link.md';
const BLANK = 'content/en/notes/blank.md';
const NOTE_URL = `${BASE}notes/morning/`;
const LINK_URL = `${BASE}notes/link/`;
const ATOM = 'http://www.w3.org/2005/Atom';

function untitledSite(): MemoryStorage {
  const files = new Map<string, string | Uint8Array>(sampleSiteFiles());
  files.set(NOTE, '---\ndate: 2025-05-20T08:00:00+08:00\ntags: [Microblog]\n---\nCoffee, then *the* news.\n');
  files.set(LINK, '---\ndate: 2025-05-19T08:00:00+08:00\ntags: [Microblog]\nsummary: "Worth reading: https://example.net/"\n---\n');
  files.set(BLANK, '---\ndate: 2025-05-18T08:00:00+08:00\ntags: [Microblog]\n---\n![](photo.jpg)\n');
  return new MemoryStorage(files);
}

/** The RSS items, Atom entries and JSON Feed items of one feed folder, by link. */
function itemsOf(files: ReadonlyMap<string, string>, dir: string) {
  const rss = childrenNamed(childNamed(parseXml(files.get(`${dir}index.xml`) ?? ''), '', 'channel') as XmlNode, '', 'item');
  const atom = childrenNamed(parseXml(files.get(`${dir}atom.xml`) ?? ''), ATOM, 'entry');
  const json = (JSON.parse(files.get(`${dir}feed.json`) ?? '{}') as { items: Record<string, unknown>[] }).items;
  const rssLink = (i: XmlNode): string | undefined => childNamed(i, '', 'link')?.text;
  const atomLink = (e: XmlNode): string | undefined => {
    const [link] = childrenNamed(e, ATOM, 'link');
    return link === undefined ? undefined : attr(link, 'href');
  };
  return {
    rss: (url: string) => rss.find((i) => rssLink(i) === url),
    atom: (url: string) => atom.find((e) => atomLink(e) === url),
    json: (url: string) => json.find((i) => i.url === url),
  };
}

describe('untitled articles through a build', () => {
  let clean: MemoryBuild;
  let build: MemoryBuild;
  beforeAll(async () => {
    clean = await buildToMemory(new MemoryStorage(sampleSiteFiles()), SAMPLE_NOW);
    build = await buildToMemory(untitledSite(), SAMPLE_NOW);
  }, 120_000);

  it('publishes them in all three formats, untitled, with their text', () => {
    for (const dir of ['', 'notes/', 'tags/microblog/']) {
      const items = itemsOf(build.files, dir);
      // RSS: no title; the description is the summary, else the start of the text.
      const rssNote = items.rss(NOTE_URL) as XmlNode;
      expect(childNamed(rssNote, '', 'title'), dir).toBeUndefined();
      expect(childNamed(rssNote, '', 'description')?.text).toBe('Coffee, then the news.');
      expect(childNamed(items.rss(LINK_URL) as XmlNode, '', 'title')).toBeUndefined();
      expect(childNamed(items.rss(LINK_URL) as XmlNode, '', 'description')?.text).toBe('Worth reading: https://example.net/');
      // Atom: an empty title, and the same text as summary.
      for (const [url, summary] of [
        [NOTE_URL, 'Coffee, then the news.'],
        [LINK_URL, 'Worth reading: https://example.net/'],
      ] as const) {
        const entry = items.atom(url) as XmlNode;
        expect(childNamed(entry, ATOM, 'title')?.text, `${dir} ${url}`).toBe('');
        expect(childNamed(entry, ATOM, 'summary')?.text).toBe(summary);
      }
      // JSON Feed: no title key.
      expect(items.json(NOTE_URL)).toMatchObject({ summary: 'Coffee, then the news.', content_html: '<p>Coffee, then <em>the</em> news.</p>\n' });
      expect(items.json(NOTE_URL)).not.toHaveProperty('title');
      expect(items.json(LINK_URL)).toMatchObject({ content_text: 'Worth reading: https://example.net/' });
      expect(items.json(LINK_URL)).not.toHaveProperty('title');
    }
  });

  it('keeps every feed valid, the same items in the same order in every format', () => {
    // The empty Atom title is the only allowance: schema-valid (RFC 4287 requires the element), and the W3C
    // validator says "title should not be blank", a warning.
    expectValidFeeds(build.files, BASE, ['NotBlank@/feed/entry/title']);
    const rss = parseBack(build.files.get('index.xml') ?? '').items;
    expect(parseBack(build.files.get('atom.xml') ?? '').items).toEqual(rss);
    expect(parseBackJson(build.files.get('feed.json') ?? '').items).toEqual(rss);
    expect(rss.slice(0, 2).map((i) => [i.url, i.title])).toEqual([
      [NOTE_URL, null],
      [LINK_URL, null],
    ]);
  });

  it('reports them as info, and rejects only the one without any text, with a clear message', () => {
    const { articles, problems } = build.report;
    expect(articles.published).toBe(clean.report.articles.published + 2);
    expect(articles.rejected).toBe(clean.report.articles.rejected + 1);
    const of = (key: string) => problems.filter((p) => p.file === key).map((p) => [p.severity, p.rule, p.line, p.message]);
    expect(of(NOTE)).toEqual([['info', 'title-missing', 2, expect.stringMatching(/^no title: published untitled/)]]);
    expect(of(LINK)).toEqual([['info', 'title-missing', 2, expect.stringMatching(/^no title: published untitled/)]]);
    expect(of(BLANK)).toEqual([['error', 'title-missing', 2, 'no title and no text: a feed item needs one or the other']]);
    expect(build.files.get('notes/feed.json')).not.toContain('blank');
  });

  it('lists the notes feed in the directory and OPML by its feed title', () => {
    expect(build.files.get('feeds/all.opml')).toContain('Notes on Example News');
    expect(build.files.get('feeds/index.html')).toContain('Notes on Example News');
  });

  it('gives an incremental run the bytes of a clean build, the untitled items kept or re-made alike', async () => {
    // Arrange
    const source = untitledSite();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    // Act: the link post gains a body (its text stays the summary's), then another article changes
    await source.write({ key: LINK, body: `${source.text(LINK) ?? ''}More words.\n`, contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { changedKeys: [LINK] });
    const other = 'content/en/news/world/openai-funding.en.md';
    await source.write({ key: other, body: (source.text(other) ?? '').replace('nears', 'closes'), contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { changedKeys: [other] });
    // Assert
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, SAMPLE_NOW));
    expect(itemsOf(textFiles(target), '').json(LINK_URL)).toMatchObject({ summary: 'Worth reading: https://example.net/' });
  });
});

describe('an untitled page whose text is a param shortcode', () => {
  it('shows the value in its summary as in its content, and one of only a param is no empty page', async () => {
    // Arrange: the site's param, a note that uses it in its text, and a note that is nothing else.
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.example/"\ntitle = "X"\n[params]\nv = "1.2.3"\n'],
      ['content/notes/a.md', '---\ndate: 2025-01-02\n---\nVersion {{< param v >}} is out.\n'],
      ['content/notes/b.md', '---\ndate: 2025-01-01\n---\n{{< param v >}}\n'],
    ]);
    // Act
    const { report, files } = await buildToMemory(source, SAMPLE_NOW);
    // Assess (a security review: the summary was "Version is out.", and b was rejected as having no text)
    const feed = JSON.parse(files.get('feed.json') ?? '{}') as { items: { summary?: string; content_html?: string }[] };
    expect(feed.items.map((i) => i.summary)).toEqual(['Version 1.2.3 is out.', '1.2.3']);
    expect(report.articles).toMatchObject({ published: 2, rejected: 0 });
  });
});
