import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { renderRss } from '../../../src/render/rss.js';
import { HOSTILE, emptyInput, hostileInput, inputOf, sampleArticle, sampleSite } from '../../support/sample-feed.js';
import { checkRssRules } from '../../support/validate-rss.js';
import { assertWellFormed, attr, childNamed, childrenNamed, parseXml, type XmlNode } from '../../support/validate-xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const DC = 'http://purl.org/dc/elements/1.1/';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const MEDIA = 'http://search.yahoo.com/mrss/';
const FH = 'http://purl.org/syndication/history/1.0';

function channelOf(xml: string): XmlNode {
  const channel = childNamed(parseXml(xml), '', 'channel');
  if (!channel) throw new Error('no channel');
  return channel;
}
function items(xml: string): XmlNode[] {
  return childrenNamed(channelOf(xml), '', 'item');
}
function text(node: XmlNode | undefined, local: string, uri = ''): string | undefined {
  return node ? childNamed(node, uri, local)?.text : undefined;
}

describe('renderRss', () => {
  it('writes the channel metadata in a fixed order with lastBuildDate = feed.updated (trap 12)', () => {
    // Arrange
    const input = hostileInput();
    // Act
    const channel = channelOf(renderRss(input));
    // Assert
    expect(channel.children.filter((c) => c.local !== 'item').map((c) => c.name)).toEqual([
      'title',
      'link',
      'description',
      'language',
      'copyright',
      'generator',
      'lastBuildDate',
      'atom:link',
      'atom:link',
      'atom:link',
      'atom:link',
    ]);
    expect(text(channel, 'lastBuildDate')).toBe('Mon, 04 Mar 2024 13:00:00 GMT');
    expect(text(channel, 'generator')).toBe('feedpub');
    expect(text(channel, 'language')).toBe('en-GB');
  });

  it('links itself (rel=self, RSS media type), the other enabled formats and the WebSub hub (trap 29)', () => {
    const links = childrenNamed(channelOf(renderRss(hostileInput())), ATOM, 'link').map((l) => [attr(l, 'rel'), attr(l, 'type'), attr(l, 'href')]);
    expect(links).toEqual([
      ['self', 'application/rss+xml', 'https://example.org/index.xml'],
      ['alternate', 'application/atom+xml', 'https://example.org/atom.xml'],
      ['alternate', 'application/feed+json', 'https://example.org/feed.json'],
      ['hub', undefined, 'https://hub.example.org/?a=1&b=2'],
    ]);
  });

  it('advertises only enabled formats as alternates', () => {
    const site = sampleSite();
    const input = inputOf([sampleArticle(1)], { site: { ...site, feeds: { ...site.feeds, formats: ['rss', 'json'] } } });
    const rels = childrenNamed(channelOf(renderRss(input)), ATOM, 'link').map((l) => attr(l, 'type'));
    expect(rels).toEqual(['application/rss+xml', 'application/feed+json']);
  });

  it('keeps titles, terms and names as plain text through every hostile character (traps 1, 2, 6)', () => {
    // Arrange
    const xml = renderRss(hostileInput());
    // Act
    const [first] = items(xml);
    // Assert
    assertWellFormed(xml);
    expect(xml.match(/]]>/g)).toBeNull();
    expect(xml).not.toContain('<![CDATA[');
    expect(text(first, 'title')).toBe('Tom & Jerry: <b>bold</b> ]]> and ]]> again "quoted" backspace 中文标题');
    expect(childrenNamed(first as XmlNode, '', 'category').map((c) => c.text)).toEqual(['News ]]> ]]>', 'a<b "c" & d', '中文', 'C#', 'xy']);
    // RSS Profile: "&" and "<" in plain text as hexadecimal references.
    expect(xml).toContain('<title>Tom &#x26; Jerry: &#x3C;b&#x3E;bold&#x3C;/b&#x3E;');
  });

  it('writes the summary as HTML-escaped description and the content as escaped content:encoded', () => {
    const [first] = items(renderRss(hostileInput()));
    // description is HTML in RSS: the plain-text summary is HTML-escaped once, then XML-escaped.
    expect(text(first, 'description')).toBe('Summary with ]]&gt; twice ]]&gt; and a&lt;b &amp; c &gt; d, "quotes" and  a control');
    expect(text(first, 'encoded', CONTENT)).toBe(HOSTILE.html);
  });

  it('puts description before content:encoded and omits content:encoded (and its namespace) without HTML', () => {
    const withHtml = items(renderRss(hostileInput()))[0] as XmlNode;
    const names = withHtml.children.map((c) => c.name);
    expect(names.indexOf('description')).toBeLessThan(names.indexOf('content:encoded'));

    const xml = renderRss(inputOf([sampleArticle(1)], { html: () => '' }));
    expect(childNamed(items(xml)[0] as XmlNode, CONTENT, 'encoded')).toBeUndefined();
    expect(xml).not.toContain('xmlns:content');
  });

  it('leaves the description of a titled article without a summary empty when it has content, never repeating its title', () => {
    const noSummary = sampleArticle(1, { summary: ' ' });
    const [withContent] = items(renderRss(inputOf([noSummary])));
    expect(text(withContent, 'description')).toBe('');
    expect(childNamed(withContent as XmlNode, CONTENT, 'encoded')).toBeDefined();
    // Without content the title is its only text, as Atom's summary and JSON Feed's content_text then are.
    const [bare] = items(renderRss(inputOf([noSummary], { html: () => '' })));
    expect(text(bare, 'description')).toBe(noSummary.title);
    // An untitled article's description is its summary, with content or without.
    const [untitled] = items(renderRss(inputOf([sampleArticle(2, { title: '', summary: 'A note.' })])));
    expect(text(untitled, 'description')).toBe('A note.');
    expect(checkRssRules(renderRss(inputOf([noSummary, sampleArticle(2)])))).toEqual([]);
  });

  it('marks non-URL guids isPermaLink="false" and relies on the default only for an http id equal to the link (trap 10)', () => {
    // Arrange
    const input = inputOf([
      sampleArticle(1, { id: 'https://example.org/posts/post-1/' }),
      sampleArticle(2, { id: 'https://example.org/elsewhere/' }),
      sampleArticle(3, { id: 'tag:example.org,2024:3' }),
      sampleArticle(4),
    ]);
    // Act
    const guids = items(renderRss(input)).map((i) => childNamed(i, '', 'guid') as XmlNode);
    // Assert: newest first
    expect(guids.map((g) => [g.text, attr(g, 'isPermaLink')])).toEqual([
      ['urn:uuid:00000000-0000-4000-8000-000000000004', 'false'],
      ['tag:example.org,2024:3', 'false'],
      ['https://example.org/elsewhere/', 'false'],
      ['https://example.org/posts/post-1/', undefined],
    ]);
  });

  it('credits names with dc:creator, never <author> (trap 16), the site author for an item without its own, and omits dc without either', () => {
    const [first, second] = items(renderRss(hostileInput()));
    expect(childrenNamed(first as XmlNode, DC, 'creator').map((c) => c.text)).toEqual(['Ada "The Countess" <Lovelace>', '巴贝奇 & Babbage']);
    expect(childNamed(first as XmlNode, '', 'author')).toBeUndefined();
    // As Atom's feed author and JSON Feed's top-level authors stand for it there.
    expect(childrenNamed(second as XmlNode, DC, 'creator').map((c) => c.text)).toEqual(['Ada Lovelace']);

    const { authors: _a, ...noAuthor } = sampleSite();
    const xml = renderRss(inputOf([sampleArticle(1, { authors: [] })], { site: noAuthor }));
    expect(xml).not.toContain('xmlns:dc'); // not the site title, which Atom and JSON Feed fall back to
    expect(xml).not.toContain('<author');
  });

  it('writes the image as media:thumbnail, never as an enclosure (trap 15), and declares media only when used', () => {
    const [first, second] = items(renderRss(hostileInput()));
    expect(attr(childNamed(first as XmlNode, MEDIA, 'thumbnail') as XmlNode, 'url')).toBe('https://example.org/img/a.jpg?w=1&h=2');
    expect(childNamed(second as XmlNode, MEDIA, 'thumbnail')).toBeUndefined();
    expect(renderRss(hostileInput())).not.toContain('<enclosure');

    const { image: _i, ...noImage } = sampleArticle(1);
    expect(renderRss(inputOf([noImage]))).not.toContain('xmlns:media');
  });

  it('writes pubDate from published (RFC 822, four-digit year) and items in the given order', () => {
    const dates = items(renderRss(hostileInput())).map((i) => text(i, 'pubDate'));
    expect(dates).toEqual(['Mon, 04 Mar 2024 12:00:00 GMT', 'Sun, 03 Mar 2024 12:00:00 GMT', 'Sat, 02 Mar 2024 12:00:00 GMT']);
  });

  it('renders an empty feed without lastBuildDate or items, still valid', () => {
    const xml = renderRss(emptyInput());
    expect(childNamed(channelOf(xml), '', 'lastBuildDate')).toBeUndefined();
    expect(items(xml)).toEqual([]);
    expect(text(channelOf(xml), 'description')).toBe('Empty tag');
    expect(checkRssRules(xml)).toEqual([]);
  });

  it('writes lastBuildDate for a feed whose newest item is dated before 1970, as Hugo does', () => {
    const moon = Date.UTC(1969, 6, 20, 20, 17);
    const channel = channelOf(renderRss(inputOf([sampleArticle(1, { published: moon, updated: moon })])));
    expect(text(channel, 'lastBuildDate')).toBe('Sun, 20 Jul 1969 20:17:00 GMT');
  });

  it('writes the channel description as HTML, as item descriptions are, so that readers show it as written', () => {
    // Readers render every RSS description as HTML: written as plain text, `<things>` was an unknown tag
    // that Python's feedparser dropped ("Notes &  from T&J").
    const own = channelOf(renderRss(inputOf([sampleArticle(1)], { feed: { description: "Recent content in Q&A on Tom & Jerry's <Blog>" } })));
    expect(text(own, 'description')).toBe("Recent content in Q&amp;A on Tom &amp; Jerry's &lt;Blog&gt;");
    expect(decodeHTML(text(own, 'description') ?? '')).toBe("Recent content in Q&A on Tom & Jerry's <Blog>");
    // A fallback too (here the feed's title).
    const fallback = renderRss(inputOf([sampleArticle(1)], { feed: { title: 'Notes & <things> from T&J', description: '' } }));
    expect(text(channelOf(fallback), 'description')).toBe('Notes &amp; &lt;things&gt; from T&amp;J');
    expect(fallback).toContain('<description>Notes &#x26;amp; &#x26;lt;things&#x26;gt; from T&#x26;amp;J</description>');
    expect(checkRssRules(fallback)).toEqual([]);
  });

  it('omits language and copyright when not set, and falls back to a non-empty description', () => {
    const { copyright: _c, ...site } = sampleSite({ description: '' });
    const input = inputOf([sampleArticle(1)], { site, feed: ({ languageCode: _l, ...rest }) => ({ ...rest, description: '' }) });
    const channel = channelOf(renderRss(input));
    expect(childNamed(channel, '', 'language')).toBeUndefined();
    expect(childNamed(channel, '', 'copyright')).toBeUndefined();
    expect(text(channel, 'description')).toBe('Example Site');
  });

  it('writes URLs as URIs (non-ASCII percent-encoded), identical in all formats, and keeps the guid rule on the written link', () => {
    // Arrange: a raw CJK permalink whose id is that same URL.
    const raw = 'https://example.org/tags/中文 标签/';
    const input = inputOf([sampleArticle(1, { url: raw, id: 'https://example.org/tags/%E4%B8%AD%E6%96%87%20%E6%A0%87%E7%AD%BE/' })]);
    // Act
    const [item] = items(renderRss(input));
    // Assert
    expect(text(item, 'link')).toBe('https://example.org/tags/%E4%B8%AD%E6%96%87%20%E6%A0%87%E7%AD%BE/');
    expect(attr(childNamed(item as XmlNode, '', 'guid') as XmlNode, 'isPermaLink')).toBeUndefined();
    expect(checkRssRules(renderRss(input))).toEqual([]);
  });

  it('writes an untitled article without <title>, its summary as the description (RSS 2.0: one or the other)', () => {
    // Arrange: no title, and one that is nothing once plain text (a control character and spaces)
    const input = inputOf([
      sampleArticle(1),
      sampleArticle(2, { title: '', summary: 'Just a note.' }),
      sampleArticle(3, { title: ' \u0008 ', summary: 'A link post.' }),
    ]);
    // Act
    const xml = renderRss(input);
    const [spaces, untitled, titled] = items(xml);
    // Assert
    expect(childNamed(untitled as XmlNode, '', 'title')).toBeUndefined();
    expect(childNamed(spaces as XmlNode, '', 'title')).toBeUndefined();
    expect([text(untitled, 'description'), text(spaces, 'description')]).toEqual(['Just a note.', 'A link post.']);
    expect(text(titled, 'title')).toBe('Post number 1');
    expect((untitled as XmlNode).children.map((c) => c.name).slice(0, 4)).toEqual(['link', 'guid', 'pubDate', 'description']);
    expect(checkRssRules(xml)).toEqual([]);
  });

  it('links an archive to the subscription feed and its neighbours as RSS, and marks it (RFC 5005)', () => {
    // Arrange
    const history = { archive: true, current: '', prevArchive: 'archive/2/', nextArchive: 'archive/4/' };
    // Act
    const xml = renderRss(inputOf([sampleArticle(1)], { feed: { history } }));
    const channel = channelOf(xml);
    // Assess
    const links = childrenNamed(channel, ATOM, 'link').map((l) => [attr(l, 'rel'), attr(l, 'type'), attr(l, 'href')]);
    expect(links.slice(-3)).toEqual([
      ['current', 'application/rss+xml', 'https://example.org/index.xml'],
      ['prev-archive', 'application/rss+xml', 'https://example.org/archive/2/index.xml'],
      ['next-archive', 'application/rss+xml', 'https://example.org/archive/4/index.xml'],
    ]);
    expect(childNamed(channel, FH, 'archive')).toBeDefined();
    expect(childNamed(channel, FH, 'complete')).toBeUndefined();
    const complete = channelOf(renderRss(inputOf([sampleArticle(1)], { feed: { history: { complete: true } } })));
    expect(childNamed(complete, FH, 'complete')).toBeDefined();
    expect(childNamed(complete, FH, 'archive')).toBeUndefined();
    expect(checkRssRules(xml)).toEqual([]);
  });

  it('writes a GIF, JPEG or PNG icon as the channel image, with the channel title and link', () => {
    const site = sampleSite({ feeds: { ...sampleSite().feeds, icon: 'https://example.org/icon.png' } });
    const xml = renderRss(inputOf([sampleArticle(1)], { site }));
    const image = childNamed(channelOf(xml), '', 'image');
    expect(image?.children.map((c) => [c.name, c.text])).toEqual([
      ['url', 'https://example.org/icon.png'],
      ['title', text(channelOf(xml), 'title')],
      ['link', text(channelOf(xml), 'link')],
    ]);
    expect(checkRssRules(xml)).toEqual([]);
  });

  it('omits a copyright of white space only', () => {
    const channel = channelOf(renderRss(inputOf([sampleArticle(1)], { site: sampleSite({ copyright: ' \t' }) })));
    expect(childNamed(channel, '', 'copyright')).toBeUndefined();
  });

  it('throws on an invalid date instead of writing "Invalid Date" (trap 11)', () => {
    expect(() => renderRss(inputOf([sampleArticle(1, { published: Number.NaN })]))).toThrow(RangeError);
  });
});
