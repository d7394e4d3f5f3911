import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { keepBareLinksAscii } from '../../../src/render/ascii-links.js';
import { linkWwwAddresses } from '../../../src/render/www-links.js';

/** markdown-it with linkify as feedpub configures it (fuzzy links off, `www.` added), with and without the rule. */
function parsers(): { plain: MarkdownIt; ascii: MarkdownIt } {
  const make = (): MarkdownIt => {
    const md = new MarkdownIt('default', { linkify: true });
    md.linkify.set({ fuzzyLink: false });
    linkWwwAddresses(md.linkify);
    return md;
  };
  const plain = make();
  const ascii = make();
  keepBareLinksAscii(ascii);
  return { plain, ascii };
}

// Pieces that links, e-mails, Markdown around them and the Chinese text next to them are made of.
const asciiPiece = fc.constantFrom(
  'https://',
  'http://',
  'www.',
  'example.com',
  '/a',
  '?x=1',
  '&y=2',
  '.',
  ',',
  ':',
  ';',
  ')',
  '(',
  '*',
  '_',
  '~',
  '@',
  'me',
  ' ',
  '\n',
  '`',
  '<b>',
  '\\',
  '&amp;',
  '"',
  "'",
  '[x](y)',
);
const cjkPiece = fc.constantFrom('新闻', '。', '，', '：', '（', '）', '「', '」', '“', '”', '　', '、', 'Ölçü', '😀', '例子.com');
const asciiText = fc.array(asciiPiece, { maxLength: 24 }).map((parts) => parts.join(''));
const mixedText = fc
  .array(fc.oneof({ weight: 3, arbitrary: asciiPiece }, { weight: 1, arbitrary: cjkPiece }), { maxLength: 24 })
  .map((parts) => parts.join(''));

describe('keepBareLinksAscii', () => {
  it('renders ASCII text exactly as before (property)', () => {
    const { plain, ascii } = parsers();
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(ascii.render(text)).toBe(plain.render(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('makes no bare link that holds or directly follows a character that is not ASCII (property)', () => {
    const { ascii } = parsers();
    // A linkified link's text as markdown-it writes it, and the character before it.
    const LINK = /([^>]?)<a href="([^"]*)">([^<]*)<\/a>/g;
    fc.assert(
      fc.property(mixedText, (text) => {
        for (const [, before, href, shown] of ascii.render(text).matchAll(LINK)) {
          // A link written in Markdown ([x](y)) has the text x.
          if (shown === 'x') continue;
          expect(shown, text).toMatch(/^[\0-\x7f]*$/);
          expect(href, text).toMatch(/^[\0-\x7f]*$/);
          expect(before ?? '', text).toMatch(/^[\0-\x7f]*$/);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('ends a link at CJK text and links none right after it, in every kind of bare link', () => {
    const { ascii } = parsers();
    expect(ascii.renderInline('见 https://example.com/a。下 www.example.com/b，和 me@example.com、')).toBe(
      '见 <a href="https://example.com/a">https://example.com/a</a>。下 <a href="https://www.example.com/b">www.example.com/b</a>，和 <a href="mailto:me@example.com">me@example.com</a>、',
    );
    expect(ascii.renderInline('见https://example.com/a 原文：www.example.com/b （me@example.com）https://例子.com')).toBe(
      '见https://example.com/a 原文：www.example.com/b （me@example.com）https://例子.com',
    );
    // Nor after an escape or a character reference that ends with such a character; after an ASCII one, as before.
    expect(ascii.renderInline('\\）https://example.com/a &#x4E2D;https://example.com/b \\(https://example.com/c')).toBe(
      '\\）https://example.com/a 中https://example.com/b (<a href="https://example.com/c">https://example.com/c</a>',
    );
  });
  it('links no host that goes on in other characters, and keeps a host that CJK text follows', () => {
    const { ascii } = parsers();
    // One label before the other characters: no link, as in Hugo 0.111 (its hosts need a dot).
    expect(ascii.renderInline('https://bücher.de/y https://münchen.de/x https://www.例子.com https://example.рф https://u\u0308ber.de')).toBe(
      'https://bücher.de/y https://münchen.de/x https://www.例子.com https://example.рф https://u\u0308ber.de',
    );
    // Dotted, then a letter of a script written with spaces: Hugo links `https://www.b`, `https://sub.b`,
    // `www.example.b`; feedpub links none (the host is bücher.de, not b).
    expect(ascii.renderInline('https://www.bücher.de https://sub.bücher.de/x www.example.bücher.de/a https://example.caféx.com')).toBe(
      'https://www.bücher.de https://sub.bücher.de/x www.example.bücher.de/a https://example.caféx.com',
    );
    // CJK text after a whole host, a port or a path ends the link there, as in Hugo.
    expect(ascii.renderInline('https://example.com中文 https://example.com.中文 www.example.com中文 https://example.com:8080ü https://example.org/café')).toBe(
      '<a href="https://example.com">https://example.com</a>中文 <a href="https://example.com">https://example.com</a>.中文 <a href="https://www.example.com">www.example.com</a>中文 <a href="https://example.com:8080">https://example.com:8080</a>ü <a href="https://example.org/caf">https://example.org/caf</a>é',
    );
  });
});
