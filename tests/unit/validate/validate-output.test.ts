import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeValueProblems, characterDataProblems, validateItemFragment, validateOutput } from '../../../src/validate/validate-output.js';

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
    expect(characterDataProblems('a &#0; &#xFFFE; b')).toEqual([
      'not well-formed XML: &#0; refers to a character XML does not allow (at 2)',
      'not well-formed XML: &#xFFFE; refers to a character XML does not allow (at 7)',
    ]);
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
});
