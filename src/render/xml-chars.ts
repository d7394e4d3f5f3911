/**
 * Anything that might be outside the XML 1.0 `Char` production (§2.2): C0 controls other than tab, LF and
 * CR, U+FFFE, U+FFFF, and any surrogate (paired ones are fine, but telling them apart needs the slower
 * `u` regex below). Without the `u` flag this test is several times faster on long text.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what is matched
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Characters outside the XML 1.0 `Char` production. With the `u` flag a surrogate pair is one code point
 * (allowed) and a lone surrogate is a code point of its own in D800–DFFF (not allowed).
 */
const INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * The first character XML 1.0 forbids in `s` (§2.2) and where it is, or undefined when there is none.
 *
 * @example firstInvalidXmlChar('ok \u0008') // { char: '\u0008', index: 3 }
 */
export function firstInvalidXmlChar(s: string): { readonly char: string; readonly index: number } | undefined {
  if (!SUSPECT.test(s)) return undefined;
  const found = FIRST_INVALID.exec(s);
  return found ? { char: found[0], index: found.index } : undefined;
}

/** {@link INVALID} without the global flag (no `lastIndex` state shared between calls). */
const FIRST_INVALID = new RegExp(INVALID.source, 'u');

/**
 * Removes every character that XML 1.0 forbids anywhere in a document (§2.2): C0 controls other than
 * tab, LF and CR, U+FFFE, U+FFFF and lone surrogates. Everything else, including C1 controls and
 * characters outside the BMP such as emoji, is kept. A string with nothing suspect is returned as is after
 * a single regex test.
 *
 * @example
 * stripInvalidXmlChars('a\u0000b\uFFFEc\uD800'); // 'abc'
 * stripInvalidXmlChars('tab\there 😀');          // unchanged
 */
export function stripInvalidXmlChars(s: string): string {
  // An article's HTML is cleaned when derived, then again by each serializer: the last long text found
  // clean is remembered (the same string object compares in one step).
  if (s === lastClean) return s;
  if (SUSPECT.test(s)) return s.replace(INVALID, '');
  if (s.length >= MEMO_MIN_LENGTH) lastClean = s;
  return s;
}

/** Texts at least this long (article content) are remembered by `stripInvalidXmlChars`. */
const MEMO_MIN_LENGTH = 1024;
let lastClean = '';
