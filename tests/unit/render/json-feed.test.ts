import { describe, expect, it } from 'vitest';
import { jsonItemSegments, jsonItemText, renderJsonFeed } from '../../../src/render/json-feed.js';
import { HOSTILE, emptyInput, hostileInput, inputOf, multilingualInput, sampleArticle, sampleSite } from '../../support/sample-feed.js';
import { validateJsonFeed } from '../../support/validate-json-feed.js';

interface Parsed {
  [key: string]: unknown;
  items: Record<string, unknown>[];
}
const parse = (text: string): Parsed => JSON.parse(text) as Parsed;

describe('renderJsonFeed', () => {
  it('writes JSON Feed 1.1 with a fixed key order, two-space indentation and a final newline (trap 17)', () => {
    // Arrange / Act
    const text = renderJsonFeed(hostileInput());
    const doc = parse(text);
    // Assert
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "version": "https://jsonfeed.org/version/1.1",');
    expect(Object.keys(doc)).toEqual(['version', 'title', 'home_page_url', 'feed_url', 'description', 'language', 'authors', 'hubs', 'items']);
    expect(doc.feed_url).toBe('https://example.org/feed.json');
    expect(doc.authors).toEqual([{ name: 'Ada Lovelace', url: 'https://example.org/about/' }]);
    expect(doc.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.org/?a=1&b=2' }]);
    expect(doc).not.toHaveProperty('author');
    expect(Object.keys(doc.items[0] ?? {})).toEqual([
      'id',
      'url',
      'title',
      'content_html',
      'summary',
      'image',
      'date_published',
      'date_modified',
      'authors',
      'tags',
    ]);
  });

  it('writes exactly what JSON.stringify with two-space indentation writes, items spliced in as they would be', () => {
    for (const input of [hostileInput(), multilingualInput(), emptyInput()]) {
      const text = renderJsonFeed(input);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('writes the icon as icon and favicon, and the newest archive as next_url (JSON Feed 1.1 pagination)', () => {
    const site = sampleSite({ feeds: { ...sampleSite().feeds, icon: 'https://example.org/icon.png' } });
    const doc = parse(renderJsonFeed(inputOf([sampleArticle(1)], { site, feed: { history: { prevArchive: 'archive/2/' } } })));
    expect([doc.icon, doc.favicon, doc.next_url]).toEqual([
      'https://example.org/icon.png',
      'https://example.org/icon.png',
      'https://example.org/archive/2/feed.json',
    ]);
  });

  it('leaves out an author url of white space only', () => {
    const doc = parse(renderJsonFeed(inputOf([sampleArticle(1, { authors: [{ name: 'A', url: ' ' }] })])));
    expect(doc.items[0]?.authors).toEqual([{ name: 'A' }]);
  });

  it('keeps hostile text as data (no escaping needed beyond JSON) but drops XML-forbidden characters for parity', () => {
    const [first] = parse(renderJsonFeed(hostileInput())).items;
    expect(first?.title).toBe('Tom & Jerry: <b>bold</b> ]]> and ]]> again "quoted" backspace 中文标题');
    expect(first?.content_html).toBe(HOSTILE.html);
    expect(first?.tags).toEqual(['News ]]> ]]>', 'a<b "c" & d', '中文', 'C#', 'xy']);
    expect(first?.authors).toEqual([{ name: 'Ada "The Countess" <Lovelace>' }, { name: '巴贝奇 & Babbage' }]);
  });

  it('gives every item an id string and content_html or content_text (summary, else title)', () => {
    const doc = parse(renderJsonFeed(inputOf([sampleArticle(1, { summary: '' }), sampleArticle(2)], { html: () => '' })));
    expect(doc.items.map((i) => [i.id, i.content_html, i.content_text, i.summary])).toEqual([
      ['urn:uuid:00000000-0000-4000-8000-000000000002', undefined, 'Summary of post 2.', 'Summary of post 2.'],
      ['urn:uuid:00000000-0000-4000-8000-000000000001', undefined, 'Post number 1', undefined],
    ]);
  });

  it('leaves the title key out of an untitled item (optional in JSON Feed 1.1), its summary and content kept', () => {
    // Arrange
    const input = inputOf([
      sampleArticle(1),
      sampleArticle(2, { title: '', summary: 'Just a note.' }),
      sampleArticle(3, { title: ' \u0008 ', summary: 'A link post.' }),
    ]);
    const bare = inputOf([sampleArticle(4, { title: '', summary: 'Only text.' })], { html: () => '' });
    // Act
    const text = renderJsonFeed(input);
    const [spaces, untitled, titled] = parse(text).items;
    const [onlyText] = parse(renderJsonFeed(bare)).items;
    // Assert
    expect(untitled).not.toHaveProperty('title');
    expect(spaces).not.toHaveProperty('title');
    expect(onlyText).not.toHaveProperty('title');
    expect(Object.keys(untitled ?? {})).toEqual(['id', 'url', 'content_html', 'summary', 'image', 'date_published', 'date_modified', 'authors', 'tags']);
    expect([untitled?.summary, spaces?.summary, onlyText?.content_text]).toEqual(['Just a note.', 'A link post.', 'Only text.']);
    expect(titled?.title).toBe('Post number 1');
    expect(validateJsonFeed(text)).toEqual([]);
    expect(validateJsonFeed(renderJsonFeed(bare))).toEqual([]);
  });

  it('names the site author on an item without its own, and omits tags and image of an item without them', () => {
    const [, second] = parse(renderJsonFeed(hostileInput())).items;
    // Python's feedparser, rss-parser and feed-extractor do not apply the feed's authors to an item.
    expect(second?.authors).toEqual([{ name: 'Ada Lovelace', url: 'https://example.org/about/' }]);
    expect(second).not.toHaveProperty('tags');
    expect(second).not.toHaveProperty('image');
    expect(second).not.toHaveProperty('summary');
    // Without a site author, the feed's authors (the site's title) stand for it.
    const { authors: _a, ...site } = sampleSite();
    const [bare] = parse(renderJsonFeed(inputOf([sampleArticle(1, { authors: [] })], { site }))).items;
    expect(bare).not.toHaveProperty('authors');
  });

  it('writes item languages on a multilingual feed and the feed language otherwise', () => {
    const multi = parse(renderJsonFeed(multilingualInput()));
    expect(multi).not.toHaveProperty('language');
    expect(multi.items.map((i) => i.language)).toEqual(['zh-CN', 'en-GB']);
    const mono = parse(renderJsonFeed(hostileInput()));
    expect(mono.language).toBe('en-GB');
    expect(mono.items.every((i) => !('language' in i))).toBe(true);
  });

  it('renders an empty feed with an empty items array, without hubs when no hub is set', () => {
    const doc = parse(renderJsonFeed(emptyInput()));
    expect(doc.items).toEqual([]);
    expect(doc).not.toHaveProperty('hubs');
    expect(doc.description).toBe('Empty tag');
    expect(validateJsonFeed(renderJsonFeed(emptyInput()))).toEqual([]);
  });

  it('writes RFC 3339 dates from published and updated', () => {
    const [first] = parse(renderJsonFeed(hostileInput())).items;
    expect([first?.date_published, first?.date_modified]).toEqual(['2024-03-04T12:00:00Z', '2024-03-04T13:00:00Z']);
  });
});

describe('jsonItemSegments (an item in pieces its two variants share)', () => {
  it('splits an item with HTML around its content_html string, which is the HTML cleaned as JSON writes it', () => {
    // Arrange: the hostile item (]]>, quotes, CR LF in its HTML), with a backspace and U+FFFE added
    const input = hostileInput();
    const withHtml = input.items.find((i) => i.html !== '');
    if (!withHtml) throw new Error('the hostile input has an item with HTML');
    const item = { ...withHtml, html: `${withHtml.html}\u0008<p>b\uFFFEc</p>` };
    for (const multi of [false, true]) {
      // Act
      const segments = jsonItemSegments(input.site, multi, item);
      // Assert: three pieces; the middle one is what content_html holds; joined, they are the item's text
      expect(segments).toHaveLength(3);
      const parsed = JSON.parse(segments.join('')) as { content_html: string };
      expect(segments[1]).toBe(JSON.stringify(parsed.content_html));
      expect(parsed.content_html).toBe(`${withHtml.html}<p>bc</p>`);
      expect(segments.join('')).toBe(jsonItemText(input.site, multi, item));
      // The check a gate makes leaves the HTML out and is still one JSON object.
      expect(JSON.parse(`${segments[0]}""${segments[2]}`)).toEqual({ ...parsed, content_html: '' });
    }
  });

  it('keeps an item without HTML whole (its content_text is short)', () => {
    const input = inputOf([sampleArticle(1)], { html: () => '' });
    const [item] = input.items;
    if (!item) throw new Error('one item');
    expect(jsonItemSegments(input.site, false, item)).toHaveLength(1);
  });
});
