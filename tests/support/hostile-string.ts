import fc from 'fast-check';

/**
 * One piece of hostile text: a character or sequence that breaks naive XML and HTML writers (`&`, `<`,
 * `>`, both quotes, `]]>`, line ends, C0 controls, noncharacters, lone surrogates, an entity name), or
 * any UTF-16 code unit, or any code point. `fc.string({ unit: 'binary' })` alone almost never draws
 * `&`, `<`, `>`, `"` or `'` (about one chance in a million per character), so escaping bugs slip by it.
 */
export const hostileChar = fc.oneof(
  fc.constantFrom(
    '&',
    '<',
    '>',
    '"',
    "'",
    ']]>',
    ']',
    '\t',
    '\n',
    '\r',
    '\r\n',
    '\u0000',
    '\u0008',
    '\uFFFE',
    '\uFFFF',
    '\uD800',
    '\uDC00',
    '😀',
    '中',
    '&nbsp;',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

/**
 * Hostile text of up to `maxLength` pieces of {@link hostileChar}.
 *
 * @example fc.assert(fc.property(hostileString(30), (name) => expect(unescape(escapeText(name))).toBe(name)));
 */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  return fc.array(hostileChar, { maxLength }).map((parts) => parts.join(''));
}
