import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { skipLinklessText } from '../../../src/render/skip-linkless-text.js';
import { linkWwwAddresses } from '../../../src/render/www-links.js';

type Linkify = MarkdownIt['linkify'];

/** markdown-it's linkify-it as feedpub configures it (fuzzy links off), with and without the shortcut. */
function finders(): { plain: Linkify; fast: Linkify } {
  const plain = new MarkdownIt('default', { linkify: true }).linkify.set({ fuzzyLink: false });
  const fast = new MarkdownIt('default', { linkify: true }).linkify.set({ fuzzyLink: false });
  linkWwwAddresses(plain);
  linkWwwAddresses(fast);
  skipLinklessText(fast);
  return { plain, fast };
}

// Text made of pieces that links, e-mails and near misses are made of, in several scripts.
const piece = fc.constantFrom(
  'http',
  'https',
  'ftp',
  'mailto',
  ':',
  '//',
  '/',
  '@',
  '.',
  'www',
  'www.',
  'WwW.',
  'example',
  'com',
  'a',
  ' ',
  '\n',
  '_',
  '<',
  '>',
  '｜',
  '：',
  '新闻',
  'Ölçü',
  '1.2.3.4',
  'localhost',
  'user',
);
const text = fc.oneof(
  fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
);

describe('skipLinklessText', () => {
  it('answers test() exactly as linkify-it does, for any text (property)', () => {
    const { plain, fast } = finders();
    fc.assert(
      fc.property(text, (t) => {
        expect(fast.test(t)).toBe(plain.test(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('says "no link" in pretest() only where linkify-it finds none (property)', () => {
    const { plain, fast } = finders();
    fc.assert(
      fc.property(text, (t) => {
        if (!fast.pretest(t)) expect(plain.test(t)).toBe(false);
        else expect(plain.pretest(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('skips the scan for text without ":", "//", "@" or "www.", and still finds links and e-mails', () => {
    const { fast } = finders();
    expect(fast.pretest('新闻 example.com today')).toBe(false);
    expect(fast.test('新闻 www.example.com today')).toBe(true);
    expect(fast.test('see https://example.com/a')).toBe(true);
    expect(fast.test('write to user@example.com')).toBe(true);
    expect(fast.test('protocol-relative //example.com/x')).toBe(true);
  });
});
