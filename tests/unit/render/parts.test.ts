import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParts, joinParts, SharedText } from '../../../src/render/parts.js';
import { el, frozen, serializeXml, serializeXmlParts, textEl, type XmlElement } from '../../../src/render/xml.js';

describe('SharedText', () => {
  it('encodes its text once, however many documents copy it', () => {
    const item = new SharedText('<item>中文 😀</item>');
    expect(item.pieces).toBe(item.pieces);
    expect(Buffer.concat(item.pieces).toString('utf8')).toBe('<item>中文 😀</item>');
  });

  it('holds bytes in pieces as they are (no copy), and gives their text', () => {
    const content = new TextEncoder().encode('中文');
    const item = new SharedText([new TextEncoder().encode('<a>'), content, new TextEncoder().encode('</a>')]);
    expect(item.pieces[1]?.buffer).toBe(content.buffer);
    expect(item.text).toBe('<a>中文</a>');
    expect(encodeParts(['<r>', item, '</r>']).toString()).toBe('<r><a>中文</a></r>');
  });
});

describe('encodeParts / joinParts', () => {
  it('give the same document as bytes and as text', () => {
    const parts = ['<a>\n', new SharedText('  <b>é</b>'), '\n</a>\n'];
    expect(joinParts(parts)).toBe('<a>\n  <b>é</b>\n</a>\n');
    expect(encodeParts(parts).equals(Buffer.from('<a>\n  <b>é</b>\n</a>\n'))).toBe(true);
  });
});

describe('serializeXmlParts', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 12 });
  /** A channel of plain elements and frozen items (depth 2), in any order. */
  const document = fc.array(fc.tuple(fc.boolean(), text, text), { maxLength: 6 }).map((children) =>
    el('rss', { version: '2.0' }, [
      el(
        'channel',
        {},
        children.map(
          ([isItem, a, b]): XmlElement =>
            isItem ? frozen(el('item', {}, [textEl('title', a), textEl('description', b)]), 2) : textEl('title', a, { lang: b }),
        ),
      ),
    ]),
  );

  it('writes, as bytes, exactly the UTF-8 of serializeXml (property)', () => {
    fc.assert(
      fc.property(document, (root) => {
        const parts = serializeXmlParts(root);
        expect(encodeParts(parts).equals(Buffer.from(serializeXml(root), 'utf8'))).toBe(true);
        expect(joinParts(parts)).toBe(serializeXml(root));
      }),
    );
  });

  it('keeps each frozen item as the one shared text the cache holds', () => {
    const item = frozen(el('item', {}, [textEl('title', 'A')]), 2);
    const parts = serializeXmlParts(el('rss', {}, [el('channel', {}, [item, item])]));
    const shared = parts.filter((p) => p instanceof SharedText);
    expect(shared).toHaveLength(2);
    expect(shared[0]).toBe(item.raw?.shared);
    expect(shared[1]).toBe(item.raw?.shared);
  });
});
