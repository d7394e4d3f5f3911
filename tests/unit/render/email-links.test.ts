import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { type FoundLink, keepBareLinksAscii } from '../../../src/render/ascii-links.js';
import { type EmailLinkFinder, findEmailAddresses, linkEmailAddresses } from '../../../src/render/email-links.js';
import { linkWwwAddresses } from '../../../src/render/www-links.js';

const QUOTES = { afterOpeningQuote: true };
const found = (text: string, options = QUOTES): string[] => findEmailAddresses(text, options).map((l) => `${l.index}:${l.raw}`);

/** markdown-it with linkify as feedpub configures it, e-mail addresses found by goldmark's rule. */
function parser(options = QUOTES): MarkdownIt {
  const md = new MarkdownIt('default', { linkify: true });
  md.linkify.set({ fuzzyLink: false });
  linkWwwAddresses(md.linkify);
  keepBareLinksAscii(md);
  linkEmailAddresses(md.linkify, options);
  return md;
}

describe('findEmailAddresses', () => {
  it('finds an address under any top-level domain with a dot, as goldmark does', () => {
    expect(found('Write to press@example.dev, tips@newsroom.app or info@example.org.')).toEqual([
      '9:press@example.dev',
      '28:tips@newsroom.app',
      '49:info@example.org',
    ]);
    expect(found('a@b.c a@1.2 x@a.b-c x@localhost x@b')).toEqual(['0:a@b.c', '6:a@1.2', '12:x@a.b-c']);
    // A text that starts with an @ is read on.
    expect(found('@x a@e.com')).toEqual(['3:a@e.com']);
  });

  it('reads the local part and the domain with goldmark characters, and their ends as goldmark does', () => {
    expect(found("x!#$%&'*+/=?^`{|}~y@example.com")).toEqual(["0:x!#$%&'*+/=?^`{|}~y@example.com"]);
    // A local part starts with a letter or a digit, where goldmark looks for a link.
    expect(found('A@e.com Z@e.com 0@e.com 9@e.com z@e.com 1a@e.com')).toEqual([
      '0:A@e.com',
      '8:Z@e.com',
      '16:0@e.com',
      '24:9@e.com',
      '32:z@e.com',
      '40:1a@e.com',
    ]);
    expect(found('x,a@e.com x;a@e.com x:a@e.com -a@e.com .a@e.com x>a@e.com x\ta@e.com x"a@e.com')).toEqual([]);
    expect(found('(a@e.com) *b@e.com* _c@e.com ~d@e.com x_e@e.com')).toEqual(['1:a@e.com', '11:b@e.com', '21:c@e.com', '30:d@e.com', '38:x_e@e.com']);
    // A domain label: letters, digits, inner hyphens, 63 characters at most.
    expect(found('a@-e.com a@e-.com a@e_x.com a@e.com- a@e.com_ a@e.com. a@e.com..')).toEqual(['46:a@e.com', '55:a@e.com']);
    // goldmark links a longer label's first 63 characters: here no address is cut short.
    expect(found(`x@a.${'b'.repeat(63)} x@a.${'b'.repeat(64)}`)).toEqual([`0:x@a.${'b'.repeat(63)}`]);
    expect(found(`x@${'b'.repeat(70)}.com`)).toEqual([]);
    // Where one address ends, no other starts.
    expect(found('a@e.com@x.org a@b@e.com')).toEqual(['0:a@e.com']);
  });

  it('finds an address after an opening quote only where the typographer curls it', () => {
    expect(found("\"a@e.com\" x 'b@e.com' ('c@e.com")).toEqual(['1:a@e.com', '13:b@e.com', '24:c@e.com']);
    expect(found('"a@e.com" x \'b@e.com\'', { afterOpeningQuote: false })).toEqual([]);
    // Not after a quote that follows a letter (no opening quote), the second character of the text.
    expect(found('x"a@e.com')).toEqual([]);
    // The stand-ins the typographer rule writes for opening quotes (goldmark-quotes.ts) are such quotes.
    expect(found('\ufdd0a@e.com \ufdd2b@e.com x\ufdd2c@e.com')).toEqual(['1:a@e.com', '10:b@e.com']);
    expect(found('\ufdd0a@e.com \ufdd2b@e.com', { afterOpeningQuote: false })).toEqual([]);
  });

  it('finds no address in or right after text that is not ASCII', () => {
    expect(found('ä@e.com xä@e.com 联系：a@e.com a@例子.com 中a@e.com')).toEqual([]);
    expect(found('联系 a@e.com。谢谢 a@e.com中文')).toEqual(['3:a@e.com', '14:a@e.com']);
    // Nor one whose domain goes on in other letters (Hugo links `a@sub.b`).
    expect(found('a@sub.bücher.de a@e.comü a@e.com.ü a@e.com.')).toEqual(['35:a@e.com']);
  });

  // The timeout guards against a quadratic scan (each look reading the rest of the text); no speed test.
  it('reads hostile text in time linear in its length', { timeout: 10_000 }, () => {
    for (const unit of ['a@', '@a', 'a.', '*a', 'a@a.', 'a@b-', `${'a'.repeat(62)}-`, 'a@a.a@', ' a@a.a', '_a@1.']) {
      const text = unit.repeat(Math.floor(524_288 / unit.length));
      expect(findEmailAddresses(text, QUOTES).length, unit).toBeLessThanOrEqual(text.length);
    }
  });

  it('gives addresses in order, none overlapping, each a local part, @ and a domain with a dot (property)', () => {
    const piece = fc.constantFrom('a', 'B', '1', '@', '.', '-', '_', '*', '(', ' ', '"', ',', '+', 'example', 'com', '中', 'ü');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let end = 0;
        for (const link of findEmailAddresses(text, QUOTES)) {
          expect(link.index).toBeGreaterThanOrEqual(end);
          expect(text.slice(link.index, link.lastIndex)).toBe(link.raw);
          expect(link.raw).toMatch(/^[A-Za-z0-9][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/);
          end = link.lastIndex;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('linkEmailAddresses', () => {
  it('links addresses beside the links linkify-it finds, and none inside them', () => {
    const md = parser();
    expect(md.renderInline('see https://x.example/a@b.dev and me@example.dev, or mailto:you@example.dev')).toBe(
      'see <a href="https://x.example/a@b.dev">https://x.example/a@b.dev</a> and <a href="mailto:me@example.dev">me@example.dev</a>, or <a href="mailto:you@example.dev">mailto:you@example.dev</a>',
    );
    // An address that starts first is linked whole, as goldmark links it.
    expect(md.renderInline('me@www.example.dev')).toBe('<a href="mailto:me@www.example.dev">me@www.example.dev</a>');
    expect(md.renderInline('press@example.dev www.example.com tips@newsroom.app')).toBe(
      '<a href="mailto:press@example.dev">press@example.dev</a> <a href="https://www.example.com">www.example.com</a> <a href="mailto:tips@newsroom.app">tips@newsroom.app</a>',
    );
  });

  it('answers test() for an address before any match(), and null from match() where there is no link, as linkify-it does', () => {
    const md = parser();
    expect(md.linkify.test('me@example.dev')).toBe(true);
    expect(md.linkify.match('no link here')).toBeNull();
    expect(md.renderInline('me@example.dev')).toBe('<a href="mailto:me@example.dev">me@example.dev</a>');
  });

  it('turns linkify-it fuzzy e-mail rule off, which starts an address after other punctuation', () => {
    const md = parser();
    expect(md.renderInline('x,me@example.com x;me@example.com')).toBe('x,me@example.com x;me@example.com');
  });

  it('keeps a link of linkify-it that starts where an address does, not the address (goldmark tries a URL first)', () => {
    // A finder whose one link, `www.a.b`, starts with the address `www.a.b@e.com`.
    const link: FoundLink = { index: 0, lastIndex: 7, raw: 'www.a.b', text: 'www.a.b', url: 'https://www.a.b', schema: 'www.' };
    const finder: EmailLinkFinder = { set: () => undefined, test: () => true, match: () => [link] };
    linkEmailAddresses(finder, QUOTES);
    expect(finder.match('www.a.b@e.com x@e.com')).toEqual([link, expect.objectContaining({ index: 14, raw: 'x@e.com' })]);
  });

  it('finds no link where test() said there is none, and links every address found or a link over it (property)', () => {
    const md = parser();
    const piece = fc.constantFrom('https://', 'www.', 'example.com', 'me', '@', '.dev', ' ', ',', '/a', 'mailto:', '中');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        const links = md.linkify.match(text) ?? [];
        if (!md.linkify.test(text)) expect(links).toEqual([]);
        for (const address of findEmailAddresses(text, QUOTES)) {
          expect(links.some((l) => l.index < address.lastIndex && address.index < l.lastIndex)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
