import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidXmlChar, stripInvalidXmlChars } from '../../../src/render/xml-chars.js';
import { isXmlValid } from './markdown-fixtures.js';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(codeUnits, fc.string({ unit: 'binary', maxLength: 40 }));

describe('stripInvalidXmlChars', () => {
  it('removes C0 controls except tab, LF and CR', () => {
    // Prepare
    const controls = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).join('');
    // Act
    const out = stripInvalidXmlChars(`a${controls}b`);
    // Assess
    expect(out).toBe('a\t\n\rb');
  });

  it('removes U+FFFE, U+FFFF and lone surrogates, keeping pairs', () => {
    expect(stripInvalidXmlChars('x\uFFFEy\uFFFFz')).toBe('xyz');
    expect(stripInvalidXmlChars('high\uD800 low\uDC00 end')).toBe('high low end');
    expect(stripInvalidXmlChars('reversed \uDE00\uD83D pair')).toBe('reversed  pair');
    expect(stripInvalidXmlChars('emoji \u{1F600} and \uD83D\uDE00')).toBe('emoji 😀 and 😀');
    expect(stripInvalidXmlChars('trailing high \uD83D')).toBe('trailing high ');
  });

  it('keeps the range boundaries and C1 controls, which XML 1.0 allows', () => {
    const valid = '\t\n\r \uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}\u0085\u009F\u007F';
    expect(stripInvalidXmlChars(valid)).toBe(valid);
  });

  it('returns clean input unchanged (fast path)', () => {
    const clean = '2900亿，OpenAI将拿下史上最大融资 & <tags> ]]>';
    expect(stripInvalidXmlChars(clean)).toBe(clean);
    expect(stripInvalidXmlChars('')).toBe('');
  });

  it('always returns XML-valid text (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => isXmlValid(stripInvalidXmlChars(s))),
      { numRuns: 2000 },
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const once = stripInvalidXmlChars(s);
        return stripInvalidXmlChars(once) === once;
      }),
      { numRuns: 2000 },
    );
  });

  it('only removes characters: the output is a subsequence of the input, valid input unchanged (property)', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = stripInvalidXmlChars(s);
        if (isXmlValid(s)) return out === s;
        let j = 0;
        for (const ch of out) {
          j = s.indexOf(ch, j);
          if (j < 0) return false;
          j += ch.length;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('firstInvalidXmlChar', () => {
  it('finds the first character stripInvalidXmlChars would remove, and where it is', () => {
    expect(firstInvalidXmlChar('fine 中文 😀\t\n')).toBeUndefined();
    expect(firstInvalidXmlChar('ok \u0008 and \uFFFE')).toEqual({ char: '\u0008', index: 3 });
    expect(firstInvalidXmlChar('pair 😀 then lone \uDC00')).toEqual({ char: '\uDC00', index: 18 });
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '中', '\u0000', '\u001F', '\uD800', '\uDC00', '😀', '\uFFFE', '\uFFFD', '\t') }), (s) => {
        const found = firstInvalidXmlChar(s);
        expect(found === undefined).toBe(stripInvalidXmlChars(s) === s);
        if (found) expect(stripInvalidXmlChars(s.slice(0, found.index))).toBe(s.slice(0, found.index));
      }),
    );
  });
});
