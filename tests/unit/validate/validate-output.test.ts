import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { attributeValueProblems, characterDataProblems, validateItemFragment, validateOutput } from '../../../src/validate/validate-output.js';

// Counts the XML parsers made: a shape whose verdict is remembered is not parsed again.
const parsers = vi.hoisted(() => ({ made: 0 }));
vi.mock('saxes', async (importOriginal) => {
  const saxes = await importOriginal<typeof import('saxes')>();
  class CountedParser extends saxes.SaxesParser {
    constructor(...args: ConstructorParameters<typeof saxes.SaxesParser>) {
      super(...args);
      parsers.made++;
    }
  }
  return { ...saxes, SaxesParser: CountedParser };
});

const RSS_OK =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://e/</link><description>d</description><item><title>a</title><guid isPermaLink="false">x</guid></item></channel></rss>';
const ATOM_OK =
  '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><entry><id>urn:y</id><title>a</title><updated>2025-01-01T00:00:00Z</updated></entry></feed>';

describe('validateOutput (the gate before every write)', () => {
  it('accepts valid RSS, Atom and JSON Feed', () => {
    expect(validateOutput('index.xml', RSS_OK)).toEqual([]);
    expect(validateOutput('atom.xml', ATOM_OK)).toEqual([]);
    expect(validateOutput('feed.json', '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x"}]}')).toEqual([]);
  });

  it('rejects ill-formed XML: raw ]]>, control characters, undeclared prefixes, unclosed tags', () => {
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a ]]> b</title>'))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a \u0008 b</title>'))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<dc:creator>x</dc:creator>'))).not.toEqual([]);
    expect(validateOutput('atom.xml', ATOM_OK.replace('</feed>', ''))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a &nbsp; b</title>'))).not.toEqual([]);
  });

  it('rejects feeds missing what readers need', () => {
    expect(validateOutput('index.xml', RSS_OK.replace('<guid isPermaLink="false">x</guid>', ''))).toEqual(['RSS: an item has no guid']);
    expect(validateOutput('index.xml', RSS_OK.replace('<link>https://e/</link>', ''))).toEqual(['RSS: channel has no link']);
    expect(validateOutput('atom.xml', ATOM_OK.replace('<id>urn:y</id>', ''))).toEqual(['Atom: entry has no id']);
    expect(validateOutput('feed.json', '{"version":"https://jsonfeed.org/version/1","title":"t","items":[{"id":1}]}')).toEqual([
      'JSON Feed: version must be https://jsonfeed.org/version/1.1',
      'JSON Feed: items[0].id must be a non-empty string',
      'JSON Feed: items[0] needs content_html or content_text',
    ]);
    expect(validateOutput('feed.json', '{"items": [')[0]).toMatch(/^invalid JSON/);
  });

  it('checks a JSON Feed in any folder by the JSON Feed rules, other JSON as JSON only, OPML as XML, and nothing else', () => {
    expect(validateOutput('zh-cn/tags/go/feed.json', '{"version":"https://jsonfeed.org/version/1.1","title":"t"}')).toEqual([
      'JSON Feed: items must be an array',
    ]);
    expect(validateOutput('feeds/index.json', '{"any":"thing"}')).toEqual([]);
    expect(validateOutput('feeds/index.json', '{"any":')[0]).toMatch(/^invalid JSON: /);
    expect(validateOutput('feeds.opml', '<opml version="2.0"><body><outline text="a"></body></opml>')[0]).toMatch(/^not well-formed XML: /);
    expect(validateOutput('feeds.opml', '<opml version="2.0"><head/><body><outline text="a"/></body></opml>')).toEqual([]);
    expect(validateOutput('feeds/index.html', '<p>not <b>XML</p>')).toEqual([]);
  });

  it('says where in a whole file XML breaks, by line and column', () => {
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a &nbsp; b</title>'))).toEqual([
      expect.stringMatching(/^not well-formed XML: 1:\d+: /),
    ]);
  });

  it('checks every JSON Feed rule: title, items, non-empty and unique ids, content in either form', () => {
    const feed = (rest: string) => `{"version":"https://jsonfeed.org/version/1.1"${rest}}`;
    expect(validateOutput('feed.json', feed(',"items":[]'))).toEqual(['JSON Feed: title must be a string']);
    expect(validateOutput('feed.json', feed(',"title":1,"items":{}'))).toEqual(['JSON Feed: title must be a string', 'JSON Feed: items must be an array']);
    const items = '[{"id":"","content_text":"x"},{"id":"a","content_html":"<p>x</p>"},{"id":"a","content_text":"y"},{"id":"b"}]';
    expect(validateOutput('feed.json', feed(`,"title":"t","items":${items}`))).toEqual([
      'JSON Feed: items[0].id must be a non-empty string',
      'JSON Feed: items[2].id a is duplicated',
      'JSON Feed: items[3] needs content_html or content_text',
    ]);
  });

  it('requires of an RSS item a title or a description in RSS own namespace, and of an Atom feed its id, title and updated', () => {
    const item = (inside: string) => RSS_OK.replace('<title>a</title>', inside);
    expect(validateOutput('index.xml', item('<description>d</description>'))).toEqual([]);
    expect(validateOutput('index.xml', item(''))).toEqual(['RSS: an item has neither title nor description']);
    expect(validateOutput('index.xml', item('<media:title xmlns:media="http://search.yahoo.com/mrss/">m</media:title>'))).toEqual([
      'RSS: an item has neither title nor description',
    ]);
    expect(validateOutput('atom.xml', ATOM_OK.replace('<title>t</title>', ''))).toEqual(['Atom: feed has no title']);
    expect(validateOutput('atom.xml', ATOM_OK.replace('<id>urn:x</id>', '').replace('<updated>2025-01-01T00:00:00Z</updated><entry>', '<entry>'))).toEqual([
      'Atom: feed has no id',
      'Atom: feed has no updated',
    ]);
  });
});

describe('characterDataProblems (the gate for long text set apart from an item)', () => {
  it('accepts escaped text, the predefined entities and references to allowed characters', () => {
    expect(characterDataProblems('')).toEqual([]);
    expect(characterDataProblems('a &lt;p&gt; &amp; &quot;b&quot; &apos; &#xD; &#38; &#x1F600; 中文 😀 ]] > ]>')).toEqual([]);
  });

  it('rejects markup, unknown or broken references, ]]> and characters XML forbids, saying where', () => {
    expect(characterDataProblems('a <b>')).toEqual(['not well-formed XML: markup in character data ("<b>" at 2)']);
    expect(characterDataProblems('a &nbsp; b')).toHaveLength(1);
    expect(characterDataProblems('a & b')).toHaveLength(1);
    expect(characterDataProblems('&#x;')).toHaveLength(1);
    expect(characterDataProblems('a ]]> b')).toHaveLength(1);
    expect(characterDataProblems('a \u0008 b')).toEqual(['not well-formed XML: U+0008 is not an XML character (at 2)']);
    expect(characterDataProblems('lone \uD800 surrogate')).toHaveLength(1);
    expect(characterDataProblems('\uFFFE')).toHaveLength(1);
    expect(characterDataProblems('a \u000B b')).toEqual(['not well-formed XML: U+000B is not an XML character (at 2)']);
    expect(characterDataProblems('&#65534; &#00000000000000000001;')).toEqual([
      'not well-formed XML: &#65534; refers to a character XML does not allow (at 0)',
      'not well-formed XML: &#00000000000000 refers to a character XML does not allow (at 9)',
    ]);
    expect(characterDataProblems('a &#0; &#xFFFE; b')).toEqual([
      'not well-formed XML: &#0; refers to a character XML does not allow (at 2)',
      'not well-formed XML: &#xFFFE; refers to a character XML does not allow (at 7)',
    ]);
  });

  it('takes character references exactly at the edges of the characters XML allows', () => {
    const allowed = ['&#x9;', '&#xA;', '&#xD;', '&#x20;', '&#xD7FF;', '&#xE000;', '&#xFFFD;', '&#x10000;', '&#x10FFFF;'];
    const refused = ['&#x8;', '&#x1F;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#x110000;'];
    expect(allowed.map((ref) => characterDataProblems(ref))).toEqual(allowed.map(() => []));
    expect(refused.map((ref) => characterDataProblems(ref).length)).toEqual(refused.map(() => 1));
    // As an XML parser reads them.
    for (const ref of [...allowed, ...refused]) expect(validateOutput('a.xml', `<a>${ref}</a>`).length === 0).toBe(allowed.includes(ref));
  });

  it('agrees with an XML parser on any text: no problem exactly when <a>text</a> is well-formed', () => {
    // Lone surrogates are left out: saxes 6 lets them through (and reads "\uD800<" as one character).
    // The examples above hold this check to the spec for them.
    const references = [
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&apos;',
      '&nbsp;',
      '&AMP;',
      '&#38;',
      '&#x26;',
      '&#xD;',
      '&#x1F600;',
      '&#0;',
      '&#8;',
      '&#xFFFE;',
      '&#xD800;',
      '&#x110000;',
      '&#x;',
      '&#;',
      '&#xaB;',
    ];
    const pieces = [
      ...references,
      ']]>',
      ']]',
      '<',
      '>',
      '&',
      ';',
      '#',
      'x',
      '0',
      '9',
      'D',
      'amp',
      ']',
      '\r',
      '\n',
      '\t',
      '\u0000',
      '\u0008',
      '\uFFFE',
      '😀',
      '中',
      'a',
      ' ',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (list) => {
        const text = list.join('');
        expect(characterDataProblems(text).length === 0).toBe(validateOutput('a.xml', `<a>${text}</a>`).length === 0);
      }),
      { numRuns: 5000 },
    );
  });

  it('is what an item set apart in parts is checked with: a text that is not character data fails the item', () => {
    const item = '<item><title>t</title><guid>x</guid><description></description></item>';
    expect(validateItemFragment('rss', item, [], ['fine &amp; escaped'])).toEqual([]);
    expect(validateItemFragment('rss', item, [], ['raw <b>markup</b>'])).toEqual(['not well-formed XML: markup in character data ("<b>markup</b" at 4)']);
    expect(
      validateItemFragment(
        'atom',
        '<entry><id>urn:y</id><title>a</title><updated>2025-01-01T00:00:00Z</updated><content type="html"></content></entry>',
        [],
        ['a ]]> b'],
      ),
    ).toHaveLength(1);
  });
});

describe('attributeValueProblems (the gate for attribute values set apart from an item)', () => {
  it('accepts escaped values, references to allowed characters, > and ]]>', () => {
    expect(attributeValueProblems('')).toEqual([]);
    expect(attributeValueProblems("https://e/?a=1&amp;b=2 &lt;&gt;&quot;&apos; &#x9;&#xA;&#xD; 中文 😀 ]]> > it's")).toEqual([]);
  });

  it('rejects <, ", a bare & and characters XML forbids, saying where', () => {
    expect(attributeValueProblems('say "hi"')).toEqual(['not well-formed XML: markup in an attribute value ("\\"hi\\"" at 4)']);
    expect(attributeValueProblems('a<b')).toHaveLength(1);
    expect(attributeValueProblems('?a=1&b=2')).toHaveLength(1);
    expect(attributeValueProblems('&nbsp;')).toHaveLength(1);
    expect(attributeValueProblems('a \u0001 b')).toEqual(['not well-formed XML: U+0001 is not an XML character (at 2)']);
    expect(attributeValueProblems('lone \uDC00')).toHaveLength(1);
    expect(attributeValueProblems('&#xFFFF;')).toEqual(['not well-formed XML: &#xFFFF; refers to a character XML does not allow (at 0)']);
  });

  it('agrees with an XML parser on any value: no problem exactly when <a b="value"/> is well-formed', () => {
    // Lone surrogates are left out, as for character data (saxes 6 lets them through).
    const pieces = [
      '&amp;',
      '&lt;',
      '&gt;',
      '&quot;',
      '&apos;',
      '&nbsp;',
      '&#38;',
      '&#x26;',
      '&#xD;',
      '&#x1F600;',
      '&#0;',
      '&#xFFFE;',
      '&#x;',
      ']]>',
      '<',
      '>',
      '&',
      ';',
      '#',
      '"',
      "'",
      '=',
      'x',
      '0',
      'a',
      ' ',
      '\t',
      '\n',
      '\r',
      '\u0000',
      '\u0008',
      '\uFFFE',
      '😀',
      '中',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (list) => {
        const value = list.join('');
        expect(attributeValueProblems(value).length === 0).toBe(validateOutput('a.xml', `<a b="${value}"/>`).length === 0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('validateItemFragment (one item, inside a minimal document of its format)', () => {
  it('declares the namespace prefixes the item uses, of its format, and no other', () => {
    const rss = '<item><title>t</title><guid>x</guid><dc:creator>a</dc:creator><content:encoded>c</content:encoded></item>';
    expect(validateItemFragment('rss', rss, ['dc', 'content', 'xml'])).toEqual([]);
    expect(validateItemFragment('rss', rss, ['dc'])).toContainEqual(expect.stringMatching(/prefix|unbound/i));
    const atom = '<entry><id>urn:y</id><title>a</title><updated>2025-01-01T00:00:00Z</updated><media:thumbnail url="u"/></entry>';
    expect(validateItemFragment('atom', atom, ['media'])).toEqual([]);
    expect(validateItemFragment('atom', atom, ['media', 'unknown'])).toEqual([]);
    // A prefix its format does not know stays undeclared, so an element with it fails.
    expect(validateItemFragment('atom', atom.replace('</entry>', '<zz:x/></entry>'), ['media', 'zz'])).toContainEqual(expect.stringMatching(/prefix|unbound/i));
  });

  it('checks a JSON Feed item by the JSON Feed rules', () => {
    expect(validateItemFragment('json', '{"id":"1","content_text":"x"}', [])).toEqual([]);
    expect(validateItemFragment('json', '{"id":""}', [])).toEqual([
      'JSON Feed: items[0].id must be a non-empty string',
      'JSON Feed: items[0] needs content_html or content_text',
    ]);
  });

  it('gives no line and column for an item (a line of the document it is checked in would mislead)', () => {
    const problems = validateItemFragment('rss', '<item><title>t</title><guid>x</guid><link></item>', []);
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).not.toMatch(/^not well-formed XML: \d+:\d+/);
  });
});

describe('validateItemFragment on a shape (an item with its values set apart)', () => {
  const shape = '<item><title></title><link></link><guid isPermaLink=""></guid><enclosure url="" type=""/></item>';

  it('passes an item whose shape and values pass, and fails it for a bad value, text or attribute', () => {
    const texts = ['A &amp; B', 'https://e/a'];
    expect(validateItemFragment('rss', shape, [], texts, characterDataProblems, ['false', 'https://e/a.png', 'image/png'])).toEqual([]);
    expect(validateItemFragment('rss', shape, [], ['A <b>', 'https://e/a'], characterDataProblems, ['false', 'https://e/a.png', 'image/png'])).toHaveLength(1);
    expect(validateItemFragment('rss', shape, [], texts, characterDataProblems, ['false', 'https://e/a.png?"', 'image/png'])).toEqual([
      'not well-formed XML: markup in an attribute value ("\\"" at 16)',
    ]);
  });

  it('gives the same answer for a shape every time: a bad one stays bad, whatever the values', () => {
    const broken = shape.replace('</link>', '');
    const first = validateItemFragment('rss', broken, []);
    expect(first.length).toBeGreaterThan(0);
    expect(validateItemFragment('rss', broken, [], ['fine'], characterDataProblems, ['ok'])).toEqual(first);
    expect(validateItemFragment('rss', shape.replace('<guid isPermaLink=""></guid>', ''), [])).toEqual(['RSS: an item has no guid']);
    // The same shape with an unknown prefix, or in Atom, is another question.
    expect(validateItemFragment('rss', shape.replace('<title></title>', '<x:title></x:title>'), [])).toContainEqual(expect.stringMatching(/unbound|prefix/i));
    const entry = '<entry><id></id><title></title></entry>';
    expect(validateItemFragment('atom', entry, [])).toEqual(['Atom: entry has no updated']);
    expect(validateItemFragment('rss', entry, [])).toEqual([]);
  });

  it('remembers 1,024 shapes of a format at most, then forgets them all and parses each again, with the same answer', () => {
    // Prepare: shapes of their own (a prefix list no other test uses), the first one bad.
    const prefixes = ['dc', 'media'];
    const item = (n: number): string => `<item><title></title><guid>${n}</guid>${n === 0 ? '<link>' : ''}</item>`;
    const first = validateItemFragment('rss', item(0), prefixes);
    expect(first.length).toBeGreaterThan(0);
    for (let n = 1; n < 1024; n++) expect(validateItemFragment('rss', item(n), prefixes)).toEqual([]);
    // Act and Assess: all 1,024 are remembered; the 1,025th makes room by forgetting them.
    const made = parsers.made;
    expect(validateItemFragment('rss', item(0), prefixes)).toEqual(first);
    expect(validateItemFragment('rss', item(1023), prefixes)).toEqual([]);
    expect(parsers.made).toBe(made);
    expect(validateItemFragment('rss', item(1024), prefixes)).toEqual([]);
    expect(parsers.made).toBe(made + 1);
    expect(validateItemFragment('rss', item(0), prefixes)).toEqual(first);
    expect(parsers.made).toBe(made + 2);
    expect(validateItemFragment('rss', item(1024), prefixes)).toEqual([]);
    expect(parsers.made).toBe(made + 2);
  });
});
