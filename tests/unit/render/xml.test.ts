import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterDataProblems } from '../../../src/validate/validate-output.js';
import {
  declareNamespaces,
  documentInParts,
  el,
  escapeAttr,
  escapeText,
  frozen,
  frozenInParts,
  LONG_TEXT,
  memoFragment,
  serializeXml,
  textEl,
  thawed,
  type XmlFragmentCache,
} from '../../../src/render/xml.js';
import { stripInvalidXmlChars } from '../../../src/render/xml-chars.js';
import { hostileString } from '../../support/hostile-string.js';
import { assertWellFormed, attr, parseXml } from '../../support/validate-xml.js';

describe('escapeText', () => {
  it('writes &, <, > as named references, so "]]>" can never appear in character data', () => {
    // Arrange / Act
    const out = escapeText('a & b < c > d ]]> e ]]> f');
    // Assert
    expect(out).toBe('a &amp; b &lt; c &gt; d ]]&gt; e ]]&gt; f');
    expect(out).not.toContain(']]>');
  });

  it('writes hexadecimal references when asked (RSS Profile plain text)', () => {
    expect(escapeText('Tom & <b>Jerry</b>', 'hex')).toBe('Tom &#x26; &#x3C;b&#x3E;Jerry&#x3C;/b&#x3E;');
  });

  it('keeps CR as a reference (a literal CR would be normalized to LF) and LF/tab as they are', () => {
    expect(escapeText('a\r\nb\tc')).toBe('a&#xD;\nb\tc');
  });

  it('strips characters XML 1.0 forbids (C0 controls, U+FFFE/U+FFFF, lone surrogates)', () => {
    expect(escapeText('a\u0000b\u0008c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h')).toBe('abcdefgh');
    expect(escapeText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('turns "&nbsp;" into literal text, never an entity reference (trap 5)', () => {
    const xml = `<a>${escapeText('x&nbsp;y')}</a>`;
    expect(parseXml(xml).text).toBe('x&nbsp;y');
  });

  it('escapes each long text as itself, in the form asked, whatever long text it escaped last (the memo of article HTML)', () => {
    // Arrange: two article-sized texts (the memo only keeps texts of 1024 characters or more)
    const a = '<p>Fish & chips</p>\n'.repeat(60);
    const b = '<p>Tea > coffee</p>\n'.repeat(60);
    const parsedBack = (escaped: string) => parseXml(`<a>${escaped}</a>`).text;
    // Act: a, a again in hex, b, then a once more
    const first = escapeText(a);
    const hex = escapeText(a, 'hex');
    const other = escapeText(b);
    const again = escapeText(a);
    // Assert
    expect([parsedBack(first), parsedBack(hex), parsedBack(other), parsedBack(again)]).toEqual([a, a, b, a]);
    expect(hex).toContain('&#x3C;p&#x3E;Fish &#x26; chips');
    expect(hex).not.toContain('&lt;');
    expect(again).toBe(first);
  });
});

describe('escapeAttr', () => {
  it('escapes &, <, >, " and writes tab/LF/CR as references', () => {
    expect(escapeAttr('a&b<c>d"e\tf\ng\rh')).toBe('a&amp;b&lt;c&gt;d&quot;e&#x9;f&#xA;g&#xD;h');
  });

  it('survives an attribute value like a category "a<b" (feed@6 wrote "<" raw)', () => {
    const xml = `<category term="${escapeAttr('a<b "c" & d')}"/>`;
    expect(attr(parseXml(xml), 'term')).toBe('a<b "c" & d');
  });
});

describe('escaping (property)', () => {
  it('any string survives a round trip through text and attribute, minus forbidden characters', () => {
    fc.assert(
      fc.property(hostileString(), (value) => {
        const xml = `<a v="${escapeAttr(value)}">${escapeText(value)}</a>`;
        const root = parseXml(xml);
        const expected = stripInvalidXmlChars(value);
        expect(root.text).toBe(expected);
        expect(attr(root, 'v')).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('hexadecimal text references round-trip too', () => {
    fc.assert(
      fc.property(hostileString(), (value) => {
        expect(parseXml(`<a>${escapeText(value, 'hex')}</a>`).text).toBe(stripInvalidXmlChars(value));
      }),
      { numRuns: 300 },
    );
  });
});

describe('serializeXml', () => {
  it('writes the declaration, two-space indentation, inline text elements and self-closing empty elements', () => {
    // Arrange
    const doc = el('root', { a: '1', skipped: undefined }, [
      textEl('title', 'T & U'),
      el('group', {}, [el('empty', { href: 'https://example.org/?a=1&b=2' }), textEl('blank', '')]),
      false,
      undefined,
    ]);
    // Act
    const xml = serializeXml(doc);
    // Assert
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<root a="1">',
        '  <title>T &amp; U</title>',
        '  <group>',
        '    <empty href="https://example.org/?a=1&amp;b=2"/>',
        '    <blank></blank>',
        '  </group>',
        '</root>',
        '',
      ].join('\n'),
    );
    assertWellFormed(xml);
  });
});

describe('declareNamespaces', () => {
  const known = { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/', media: 'http://search.yahoo.com/mrss/' };

  it('declares exactly the prefixes used by elements and attributes, in the known order (trap 4)', () => {
    const doc = el('rss', { version: '2.0' }, [el('x', { 'media:url': 'u' }), textEl('atom:id', 'i')]);
    const xml = serializeXml(declareNamespaces(doc, known));
    expect(xml).toContain('<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">');
    expect(xml).not.toContain('xmlns:dc');
    assertWellFormed(xml);
  });

  it('needs no declaration for xml:lang and throws for an unknown prefix', () => {
    expect(() => declareNamespaces(el('a', { 'xml:lang': 'en' }), known)).not.toThrow();
    expect(() => declareNamespaces(el('a', {}, [el('itunes:image')]), known)).toThrow(/itunes/);
  });

  it('takes a namespace declaration written as an attribute for a declaration, not for a use of a prefix named xmlns', () => {
    const doc = el('a', { 'xmlns:georss': 'http://www.georss.org/georss' }, [textEl('atom:id', 'i')]);
    const xml = serializeXml(declareNamespaces(doc, known));
    expect(xml).toContain('<a xmlns:georss="http://www.georss.org/georss" xmlns:atom="http://www.w3.org/2005/Atom">');
    expect(parseXml(xml).name).toBe('a');
  });
});

describe('frozen and memoFragment (an item serialized once for many feeds)', () => {
  it('refuses a frozen element at another depth than the one it was serialized for (its indentation would be wrong)', () => {
    const item = frozen(el('item', {}, [textEl('title', 'A')]), 2);
    expect(serializeXml(el('rss', {}, [el('channel', {}, [item])]))).toContain('\n    <item>\n      <title>A</title>\n    </item>\n');
    expect(() => serializeXml(el('channel', {}, [item]))).toThrow('frozen <item> serialized at depth 2, used at 1');
  });

  it('declares the prefixes used inside a frozen or thawed element, which keeps no children to look into', () => {
    // Arrange
    const known = { content: 'http://purl.org/rss/1.0/modules/content/', dc: 'http://purl.org/dc/elements/1.1/', media: 'http://search.yahoo.com/mrss/' };
    const item = frozen(el('item', {}, [textEl('dc:creator', 'Ann'), el('media:content', { url: 'https://e/a.png' })]), 2);
    const copy = thawed('item', item.raw?.shared.text ?? '', 2, item.raw?.prefixes ?? []);
    // Act
    const withFrozen = serializeXml(declareNamespaces(el('rss', {}, [el('channel', {}, [item])]), known));
    const withThawed = serializeXml(declareNamespaces(el('rss', {}, [el('channel', {}, [copy])]), known));
    // Assert
    expect(item.raw?.prefixes).toEqual(['dc', 'media']);
    expect(withFrozen).toContain(`<rss xmlns:dc="${known.dc}" xmlns:media="${known.media}">`);
    expect(withThawed).toBe(withFrozen);
    assertWellFormed(withFrozen);
  });

  it('builds and freezes an element on first use of its key, then gives that same element; without a cache it builds every time', () => {
    // Arrange
    let builds = 0;
    const build = () => {
      builds++;
      return el('item', {}, [textEl('title', 'A & B')]);
    };
    const cache: XmlFragmentCache = new Map();
    // Act
    const first = memoFragment(cache, 'item-a', 2, build);
    const second = memoFragment(cache, 'item-a', 2, build);
    const uncached = memoFragment(undefined, 'item-a', 2, build);
    // Assert
    expect(second).toBe(first);
    expect(first.raw?.shared.text).toBe(frozen(build(), 2).raw?.shared.text);
    expect(cache.get('item-a')).toBe(first);
    expect(uncached.raw).toBeUndefined();
    expect(uncached.children.map((c) => c.text)).toEqual(['A & B']);
    expect(builds).toBe(3); // once per cache miss, once without a cache, once above for the expected text
  });
});

describe('frozenInParts (an item taken apart for the gate)', () => {
  const long = `<p>${'Fish & chips < 中文 ]]> '.repeat(20)}</p>`;
  const item = el('item', {}, [
    textEl('title', 'Short & sweet'),
    textEl('content:encoded', long),
    el('enclosure', { url: 'https://e/a.png', type: 'image/png' }),
    textEl('description', 'x'.repeat(LONG_TEXT - 1)),
    textEl('dc:creator', long, {}, 'hex'),
  ]);

  it('gives, joined, the XML frozen gives, with the long texts at odd indices', () => {
    const { segments, texts, prefixes } = frozenInParts(item, 2);
    expect(segments.join('')).toBe(frozen(item, 2).raw?.shared.text);
    expect(segments.filter((_, i) => i % 2 === 1)).toEqual(texts);
    expect(prefixes).toEqual(frozen(item, 2).raw?.prefixes);
    expect(texts[0]).toBe(escapeText(long));
  });

  it('sets the long texts apart in order, escaped as the XML holds them, and keeps the rest in the segments', () => {
    const { segments, texts } = frozenInParts(item, 2);
    expect(texts).toEqual([escapeText(long), escapeText(long, 'hex')]);
    expect(segments[0]).toContain('<title>Short &amp; sweet</title>');
    expect(segments[2]).toContain(`<description>${'x'.repeat(LONG_TEXT - 1)}</description>`); // short enough to stay
    expect(texts.flatMap(characterDataProblems)).toEqual([]);
  });

  it('gives the shape (every text and attribute value left out) and those values, which put back give the XML', () => {
    const { segments, shape, texts, shortTexts, attributeValues } = frozenInParts(item, 2);
    expect(shape).toBe(
      [
        '    <item>',
        '      <title></title>',
        '      <content:encoded></content:encoded>',
        '      <enclosure url="" type=""/>',
        '      <description></description>',
        '      <dc:creator></dc:creator>',
        '    </item>',
      ].join('\n'),
    );
    expect(shortTexts).toEqual(['Short &amp; sweet', 'x'.repeat(LONG_TEXT - 1)]);
    expect(attributeValues).toEqual(['https://e/a.png', 'image/png']);
    // Each value back in its place, in order, gives the element's XML byte for byte.
    const values = [shortTexts[0], texts[0], ...attributeValues, shortTexts[1], texts[1]];
    let next = 0;
    const rebuilt = shape.replace(/><\/|=""/g, (hole) => (hole === '=""' ? `="${values[next++]}"` : `>${values[next++]}</`));
    expect(rebuilt).toBe(segments.join(''));
  });

  it('gives items that differ only in their values the same shape', () => {
    const other = el('item', {}, [
      textEl('title', 'Another <title>'),
      textEl('content:encoded', '<p>short</p>'),
      el('enclosure', { url: 'https://e/b.jpg?x="1"', type: 'image/jpeg' }),
      textEl('description', 'y'),
      textEl('dc:creator', 'Ann'),
    ]);
    expect(frozenInParts(other, 2).shape).toBe(frozenInParts(item, 2).shape);
    expect(frozenInParts(other, 2).attributeValues).toEqual(['https://e/b.jpg?x=&quot;1&quot;', 'image/jpeg']);
  });

  it('cuts values out of text elements with attributes, long, short and empty, and keeps frozen children whole', () => {
    const entry = el('entry', { 'xml:lang': 'zh' }, [
      textEl('content', long, { type: 'html', 'xml:base': 'https://e/a/' }),
      textEl('summary', '', { type: 'text' }),
      textEl('title', 'T', { type: 'text' }),
      frozen(el('author', {}, [textEl('name', 'Ann')]), 2),
    ]);
    const { segments, shape, texts, shortTexts, attributeValues } = frozenInParts(entry, 1);
    expect(segments.join('')).toBe(frozen(entry, 1).raw?.shared.text);
    expect(texts).toEqual([escapeText(long)]);
    expect(segments[1]).toBe(texts[0]);
    expect(segments[0]).toMatch(/<content type="html" xml:base="https:\/\/e\/a\/">$/);
    expect(segments[2]).toMatch(/^<\/content>\n/);
    expect(shortTexts).toEqual(['T']);
    expect(attributeValues).toEqual(['zh', 'html', 'https://e/a/', 'text', 'text']);
    expect(shape).toBe(
      [
        '  <entry xml:lang="">',
        '    <content type="" xml:base=""></content>',
        '    <summary type=""></summary>',
        '    <title type=""></title>',
        '    <author>',
        '      <name>Ann</name>',
        '    </author>',
        '  </entry>',
      ].join('\n'),
    );
  });

  it('counts a text of exactly LONG_TEXT characters as long, in the texts and set apart in the segments', () => {
    const boundary = el('item', {}, [textEl('description', 'x'.repeat(LONG_TEXT)), textEl('title', 'y'.repeat(LONG_TEXT - 1))]);
    const { segments, texts, shortTexts } = frozenInParts(boundary, 2);
    expect(texts).toEqual(['x'.repeat(LONG_TEXT)]);
    expect(shortTexts).toEqual(['y'.repeat(LONG_TEXT - 1)]);
    expect(segments).toHaveLength(3);
    expect(segments[1]).toBe(texts[0]);
    expect(segments.join('')).toBe(frozen(boundary, 2).raw?.shared.text);
  });

  it('leaves nothing apart in an element without values', () => {
    const small = el('entry', {}, [el('link')]);
    const { segments, shape, texts, shortTexts, attributeValues } = frozenInParts(small, 1);
    expect([texts, shortTexts, attributeValues]).toEqual([[], [], []]);
    expect(segments).toEqual([shape]);
    expect(shape).toBe(frozen(small, 1).raw?.shared.text);
  });
});

describe('documentInParts (a whole document taken apart for the gate)', () => {
  it('leaves namespace declarations and empty values in the shape and takes every other value out, in order', () => {
    // Arrange
    const known = { media: 'http://search.yahoo.com/mrss/' };
    const doc = declareNamespaces(
      el('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': 'en' }, [
        textEl('title', 'T & U'),
        el('link', { href: 'https://e/?a=1&b=2', rel: '' }),
        textEl('media:title', ''),
      ]),
      known,
    );
    // Act
    const { shape, texts, attributeValues } = documentInParts(doc);
    // Assert
    expect(shape).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="" xmlns:media="http://search.yahoo.com/mrss/">',
        '  <title></title>',
        '  <link href="" rel=""/>',
        '  <media:title></media:title>',
        '</feed>',
        '',
      ].join('\n'),
    );
    expect(texts).toEqual(['T &amp; U']);
    expect(attributeValues).toEqual(['en', 'https://e/?a=1&amp;b=2']);
    assertWellFormed(shape);
  });
});
