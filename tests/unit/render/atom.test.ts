import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../../src/render/atom.js';
import { HOSTILE, emptyInput, hostileInput, inputOf, multilingualInput, sampleArticle, sampleSite } from '../../support/sample-feed.js';
import { checkAtomRules, validateAtomSchema } from '../../support/validate-atom.js';
import { assertWellFormed, attr, childNamed, childrenNamed, errorsOf, parseXml, XML_NS, type XmlNode } from '../../support/validate-xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const MEDIA = 'http://search.yahoo.com/mrss/';
const FH = 'http://purl.org/syndication/history/1.0';

function entries(xml: string): XmlNode[] {
  return childrenNamed(parseXml(xml), ATOM, 'entry');
}
function text(node: XmlNode | undefined, local: string): string | undefined {
  return node ? childNamed(node, ATOM, local)?.text : undefined;
}

describe('renderAtom', () => {
  it('writes feed id, title, updated = feed.updated, self/alternate/hub links, author and generator (traps 7, 12, 29)', () => {
    // Arrange / Act
    const feed = parseXml(renderAtom(hostileInput()));
    // Assert
    expect(attr(feed, 'lang', XML_NS)).toBe('en-GB');
    expect(text(feed, 'id')).toBe('urn:uuid:6f1c2a50-0000-4000-8000-00000000feed');
    expect(text(feed, 'updated')).toBe('2024-03-04T13:00:00Z');
    expect(childrenNamed(feed, ATOM, 'link').map((l) => [attr(l, 'rel'), attr(l, 'type'), attr(l, 'href')])).toEqual([
      // The home page first: feed-extractor and htmlparser2 take a feed's first link as its home page.
      ['alternate', 'text/html', 'https://example.org/'],
      ['self', 'application/atom+xml', 'https://example.org/atom.xml'],
      ['alternate', 'application/rss+xml', 'https://example.org/index.xml'],
      ['alternate', 'application/feed+json', 'https://example.org/feed.json'],
      ['hub', undefined, 'https://hub.example.org/?a=1&b=2'],
    ]);
    const author = childNamed(feed, ATOM, 'author') as XmlNode;
    expect([text(author, 'name'), text(author, 'uri'), text(author, 'email')]).toEqual(['Ada Lovelace', 'https://example.org/about/', 'ada@example.org']);
    expect(text(feed, 'generator')).toBe('feedpub');
  });

  it('marks titles, subtitle, summary and rights as type="text" and content as escaped type="html" (trap 6)', () => {
    // Arrange
    const xml = renderAtom(hostileInput());
    const feed = parseXml(xml);
    const [first] = entries(xml);
    // Assert
    for (const node of [
      childNamed(feed, ATOM, 'title'),
      childNamed(feed, ATOM, 'subtitle'),
      childNamed(feed, ATOM, 'rights'),
      childNamed(first as XmlNode, ATOM, 'title'),
      childNamed(first as XmlNode, ATOM, 'summary'),
    ]) {
      expect(attr(node as XmlNode, 'type')).toBe('text');
    }
    const content = childNamed(first as XmlNode, ATOM, 'content') as XmlNode;
    expect(attr(content, 'type')).toBe('html');
    expect(content.text).toBe(HOSTILE.html);
    expect(content.raw).not.toContain('CDATA');
    expect(text(first, 'title')).toBe('Tom & Jerry: <b>bold</b> ]]> and ]]> again "quoted" backspace 中文标题');
    expect(xml.match(/]]>/g)).toBeNull();
  });

  it('writes each term as category term (and label), escaped in attributes (traps 3, 8)', () => {
    const [first] = entries(renderAtom(hostileInput()));
    const cats = childrenNamed(first as XmlNode, ATOM, 'category').map((c) => [attr(c, 'term'), attr(c, 'label')]);
    expect(cats).toEqual([
      ['News ]]> ]]>', 'News ]]> ]]>'],
      ['a<b "c" & d', 'a<b "c" & d'],
      ['中文', '中文'],
      ['C#', 'C#'],
      ['xy', 'xy'],
    ]);
  });

  it('links translations with hreflang, the own page first and last, and gives the entry published/updated in RFC 3339', () => {
    const [first, second] = entries(renderAtom(hostileInput()));
    const links = (entry: XmlNode | undefined) =>
      childrenNamed(entry as XmlNode, ATOM, 'link').map((l) => [attr(l, 'rel'), attr(l, 'hreflang'), attr(l, 'href')]);
    expect(childrenNamed(first as XmlNode, ATOM, 'link').map((l) => attr(l, 'type'))).toEqual(['text/html', 'text/html', 'text/html']);
    // Readers take the first alternate (SimplePie, Miniflux) or the last (feedparser): both are the entry's page.
    expect(links(first)).toEqual([
      ['alternate', undefined, 'https://example.org/posts/%E4%B8%AD%E6%96%87/'],
      ['alternate', 'zh-CN', 'https://example.org/zh-cn/posts/%E4%B8%AD%E6%96%87/'],
      ['alternate', 'en-GB', 'https://example.org/posts/%E4%B8%AD%E6%96%87/'],
    ]);
    // Without translations, one link.
    expect(links(second).filter(([rel]) => rel === 'alternate')).toHaveLength(1);
    expect([text(first, 'published'), text(first, 'updated')]).toEqual(['2024-03-04T12:00:00Z', '2024-03-04T13:00:00Z']);
  });

  it('names the site author on an entry without its own, omits media:thumbnail without image and an empty summary', () => {
    const [, second] = entries(renderAtom(hostileInput()));
    // Python's feedparser, rss-parser and feed-extractor do not apply the feed's author to an entry.
    const authors = childrenNamed(second as XmlNode, ATOM, 'author');
    expect(authors.map((a) => [text(a, 'name'), text(a, 'uri'), text(a, 'email')])).toEqual([
      ['Ada Lovelace', 'https://example.org/about/', 'ada@example.org'],
    ]);
    expect(childNamed(second as XmlNode, MEDIA, 'thumbnail')).toBeUndefined();
    // No summary (empty) but content: no empty <summary>.
    expect(childNamed(second as XmlNode, ATOM, 'summary')).toBeUndefined();
  });

  it('omits the author of an entry without its own when the site names none (the feed author, its title, covers it)', () => {
    const { authors: _a, ...site } = sampleSite();
    const xml = renderAtom(inputOf([sampleArticle(1, { authors: [] })], { site }));
    expect(childNamed(entries(xml)[0] as XmlNode, ATOM, 'author')).toBeUndefined();
    expect(checkAtomRules(xml)).toEqual([]);
  });

  it('names every site author on the feed and on an entry without its own', () => {
    const site = { ...sampleSite(), authors: [{ name: 'Me' }, { name: 'You', email: 'you@example.org' }] };
    const xml = renderAtom(inputOf([sampleArticle(1, { authors: [] })], { site }));
    const names = (node: XmlNode) => childrenNamed(node, ATOM, 'author').map((a) => text(a, 'name'));
    expect(names(parseXml(xml))).toEqual(['Me', 'You']);
    expect(names(entries(xml)[0] as XmlNode)).toEqual(['Me', 'You']);
    expect(checkAtomRules(xml)).toEqual([]);
  });

  it('uses the site title as author when the site has none', () => {
    const { authors: _a, ...site } = sampleSite();
    const feed = parseXml(renderAtom(inputOf([sampleArticle(1, { authors: [] })], { site })));
    expect(text(childNamed(feed, ATOM, 'author'), 'name')).toBe('Example Site');
    expect(checkAtomRules(renderAtom(inputOf([sampleArticle(1, { authors: [] })], { site })))).toEqual([]);
  });

  it('always gives an entry summary or content: the summary, else the title, when there is no HTML', () => {
    const xml = renderAtom(inputOf([sampleArticle(1, { summary: '' }), sampleArticle(2)], { html: () => '' }));
    const [second, first] = entries(xml);
    expect(childNamed(first as XmlNode, ATOM, 'content')).toBeUndefined();
    expect(text(first, 'summary')).toBe('Post number 1');
    expect(text(second, 'summary')).toBe('Summary of post 2.');
    expect(checkAtomRules(xml)).toEqual([]);
  });

  it('gives an untitled article an empty title without a type and its summary: schema-valid (jing), a W3C warning only', () => {
    // Arrange: with HTML, and without (then the summary is its only text)
    const input = inputOf([
      sampleArticle(1),
      sampleArticle(2, { title: '', summary: 'Just a note.' }),
      sampleArticle(3, { title: ' \u0008 ', summary: 'A link post.' }),
    ]);
    const bare = inputOf([sampleArticle(4, { title: '', summary: 'Only text.' })], { html: () => '' });
    // Act
    const xml = renderAtom(input);
    const [spaces, untitled, titled] = entries(xml);
    const [onlySummary] = entries(renderAtom(bare));
    // Assert
    for (const entry of [untitled, spaces, onlySummary]) {
      const title = childNamed(entry as XmlNode, ATOM, 'title') as XmlNode;
      expect(title.text).toBe('');
      // "text" is the default (RFC 4287 §3.1.1); rss-parser reads an empty element with an attribute as an object.
      expect(attr(title, 'type')).toBeUndefined();
    }
    expect([text(untitled, 'summary'), text(spaces, 'summary'), text(onlySummary, 'summary')]).toEqual(['Just a note.', 'A link post.', 'Only text.']);
    expect(childNamed(untitled as XmlNode, ATOM, 'content')).toBeDefined();
    expect(childNamed(onlySummary as XmlNode, ATOM, 'content')).toBeUndefined();
    expect(text(titled, 'title')).toBe('Post number 1');
    expect(xml).toContain('<title></title>');
    expect(xml).not.toContain('<title type="text"></title>');
    expect(validateAtomSchema([xml, renderAtom(bare)])).toEqual([]);
    // The W3C Feed Validation Service: "title should not be blank", a warning (the feed is valid).
    expect(checkAtomRules(xml).map((m) => `${m.severity} ${m.rule} ${m.path}`)).toEqual([
      'warning NotBlank /feed/entry/title',
      'warning NotBlank /feed/entry[2]/title',
    ]);
  });

  it('uses a fixed date the W3C service finds plausible as updated of an empty feed (Atom requires updated)', () => {
    const xml = renderAtom(emptyInput());
    expect(text(parseXml(xml), 'updated')).toBe('2000-01-01T00:00:00Z');
    expect(entries(xml)).toEqual([]);
    expect(xml).not.toContain('xmlns:media');
    expect(checkAtomRules(xml)).toEqual([]);
  });

  it('gives a feed whose newest entry is dated before 1970 that date as updated, not the empty feed date', () => {
    const moon = Date.UTC(1969, 6, 20, 20, 17);
    const xml = renderAtom(inputOf([sampleArticle(1, { published: moon, updated: moon })]));
    expect(text(parseXml(xml), 'updated')).toBe('1969-07-20T20:17:00Z');
  });

  it('gives each entry its language on a multilingual feed, and none on the feed', () => {
    const xml = renderAtom(multilingualInput());
    expect(attr(parseXml(xml), 'lang', XML_NS)).toBeUndefined();
    expect(entries(xml).map((e) => attr(e, 'lang', XML_NS))).toEqual(['zh-CN', 'en-GB']);
    assertWellFormed(xml);
    // A feed of one language says it once, on the feed.
    expect(entries(renderAtom(hostileInput())).map((e) => attr(e, 'lang', XML_NS))).toEqual([undefined, undefined, undefined]);
  });

  it('writes entry authors with uri and only e-mail addresses the schema accepts', () => {
    const xml = renderAtom(inputOf([sampleArticle(1, { authors: [{ name: 'A', email: 'not-an-address', url: 'https://a.example/' }, { name: '\u0008' }] })]));
    const authors = childrenNamed(entries(xml)[0] as XmlNode, ATOM, 'author');
    expect(authors.map((a) => [text(a, 'name'), text(a, 'uri'), text(a, 'email')])).toEqual([['A', 'https://a.example/', undefined]]);
  });

  it('writes only e-mail addresses RFC 4287 allows (an addr-spec), the one in angle brackets of Name <address> too', () => {
    const emails = [
      'Ada Chen <ada@example.org>',
      ' bob.smith+feeds@mail.example.org ',
      'ada@localhost',
      'a b@example.org',
      'ada@@example.org',
      'ada@example.org, bob@example.org',
      '"quoted"@example.org',
      'ada@-example.org',
      'Ada <a b@example.org>',
    ];
    const xml = renderAtom(inputOf([sampleArticle(1, { authors: emails.map((email, i) => ({ name: `P${i}`, email })) })]));
    const authors = childrenNamed(entries(xml)[0] as XmlNode, ATOM, 'author');
    expect(authors.map((a) => text(a, 'email'))).toEqual([
      'ada@example.org',
      'bob.smith+feeds@mail.example.org',
      'ada@localhost',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(errorsOf(checkAtomRules(xml))).toEqual([]);
  });

  it('leaves out an e-mail address with a line break anywhere, and a uri of white space only', () => {
    const xml = renderAtom(
      inputOf([
        sampleArticle(1, {
          authors: [
            { name: 'A', email: 'line\nbreak@example.org', url: ' ' },
            { name: 'B', email: 'b@example.org\nx' },
            { name: 'C', email: 'c@example.org' },
          ],
        }),
      ]),
    );
    const authors = childrenNamed(entries(xml)[0] as XmlNode, ATOM, 'author');
    expect(authors.map((a) => [text(a, 'name'), text(a, 'uri'), text(a, 'email')])).toEqual([
      ['A', undefined, undefined],
      ['B', undefined, undefined],
      ['C', undefined, 'c@example.org'],
    ]);
    expect(validateAtomSchema(xml)).toEqual([]);
  });

  it('writes an entry image as media:thumbnail', () => {
    const [entry] = entries(renderAtom(inputOf([sampleArticle(1, { image: 'https://example.org/a.png' })])));
    expect(attr(childNamed(entry as XmlNode, MEDIA, 'thumbnail') as XmlNode, 'url')).toBe('https://example.org/a.png');
  });

  it('links an archive to the subscription feed and its neighbours as Atom, and marks it (RFC 5005)', () => {
    // Arrange
    const history = { archive: true, current: '', prevArchive: 'archive/2/', nextArchive: 'archive/4/' };
    // Act
    const feed = parseXml(renderAtom(inputOf([sampleArticle(1)], { feed: { history } })));
    // Assess
    const links = childrenNamed(feed, ATOM, 'link').map((l) => [attr(l, 'rel'), attr(l, 'type'), attr(l, 'href')]);
    expect(links.slice(-3)).toEqual([
      ['current', 'application/atom+xml', 'https://example.org/atom.xml'],
      ['prev-archive', 'application/atom+xml', 'https://example.org/archive/2/atom.xml'],
      ['next-archive', 'application/atom+xml', 'https://example.org/archive/4/atom.xml'],
    ]);
    expect(childNamed(feed, FH, 'archive')).toBeDefined();
    expect(childNamed(feed, FH, 'complete')).toBeUndefined();
    const complete = parseXml(renderAtom(inputOf([sampleArticle(1)], { feed: { history: { complete: true } } })));
    expect(childNamed(complete, FH, 'complete')).toBeDefined();
    expect(childNamed(complete, FH, 'archive')).toBeUndefined();
  });

  it('writes the icon and logo, and rights only when the copyright has text', () => {
    const feeds = { ...sampleSite().feeds, icon: 'https://example.org/icon.png', logo: 'https://example.org/logo.svg' };
    const feed = parseXml(renderAtom(inputOf([sampleArticle(1)], { site: sampleSite({ feeds, copyright: ' \t' }) })));
    expect([text(feed, 'icon'), text(feed, 'logo'), text(feed, 'rights')]).toEqual(['https://example.org/icon.png', 'https://example.org/logo.svg', undefined]);
    const { copyright: _c, ...noCopyright } = sampleSite();
    expect(text(parseXml(renderAtom(inputOf([sampleArticle(1)], { site: noCopyright }))), 'rights')).toBeUndefined();
  });
});
