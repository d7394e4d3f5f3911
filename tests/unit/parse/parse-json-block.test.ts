import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockError } from '../../../src/parse/block-error.js';
import { parseJsonBlock } from '../../../src/parse/parse-json-block.js';
import { expectThrown } from '../../support/thrown.js';

const TRAILING_FIELD = 'trailing comma before "}"; remove the comma after the last field';

/** The error parseJsonBlock throws for `src`. */
function errorOf(src: string): BlockError {
  return expectThrown(BlockError, () => parseJsonBlock(src));
}

describe('parseJsonBlock', () => {
  it('gives back any JSON value as JSON.parse does (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(parseJsonBlock(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it.each([
    ['a bad escape', '{"a": "b\\x"}', 9, 'bad escape in string, found "x"'],
    ['a short \\u escape', '{"a": "\\u12"}', 8, 'bad escape in string, found "u"'],
    ['an error after a whole \\u escape', '{"a": "\\u00e9", }', 14, 'trailing comma before "}"; remove the comma after the last field'],
    ['a raw control character', '{"a": "b\u0001"}', 8, 'control character in string, found "\\u0001"'],
    ['an unterminated string', '{"a": "b', 8, 'unterminated string, found the end'],
    ['an unquoted name', '{a: 1}', 1, 'expected a quoted property name, found "a"'],
    ['a missing colon', '{"a" "b"}', 5, 'expected \':\', found "\\""'],
    ['a missing comma between members', '{"a": 1 "b": 2}', 8, "expected ',' or '}', found \"\\\"\""],
    ['a missing comma between elements', '{"a": [1 2]}', 9, "expected ',' or ']', found \"2\""],
    ['a leading zero', '{"a": 01}', 7, "expected ',' or '}', found \"1\""],
    ['a misspelt literal', '{"a": tru}', 6, 'expected a value, found "t"'],
    ['a trailing comma', '{"a": 1,}', 7, 'trailing comma before "}"; remove the comma after the last field'],
    ['a trailing comma on the line before the brace', '{\n  "a": 1,\n  "b": 2,\n}', 20, 'trailing comma before "}"; remove the comma after the last field'],
    ['a trailing comma in a list', '{"a": [1, 2, ]}', 11, 'trailing comma before "]"; remove the comma after the last item'],
    ['a line comment', '{\n  // my note\n  "a": 1}', 4, 'found "//", but JSON front matter cannot hold comments; remove the comment'],
    ['a block comment after a value', '{"a": 1 /* note */}', 8, 'found "/*", but JSON front matter cannot hold comments; remove the comment'],
    ['a lone slash', '{"a": /}', 6, 'expected a value, found "/"'],
    ['text after the object', '{"a": 1} x', 9, 'unexpected text after the JSON object, found "x"'],
    ['a cut-off document', '{"a": [1, ', 10, 'expected a value, found the end'],
    ['a bad escape followed by four hex digits', '{"a": "\\x0041"}', 8, 'bad escape in string, found "x"'],
    ['an error after a tab', '{\t"a": 1,}', 8, TRAILING_FIELD],
    ['an error after a CRLF', '{\r\n"a": 1,}', 9, TRAILING_FIELD],
    ['an error after every one-character escape', '{"a": "\\"\\\\\\/\\b\\f\\n\\r\\t", }', 24, TRAILING_FIELD],
    ['an error after a name with a space', '{"a b": 1,}', 9, TRAILING_FIELD],
    ['an error after an empty object', '{"a": {}, }', 8, TRAILING_FIELD],
    ['an error after an empty list', '{"a": [], }', 8, TRAILING_FIELD],
    ['an error after a list', '{"a": [1], }', 9, TRAILING_FIELD],
    ['an error after true, false and null', '{"a": [true, false, null], }', 25, TRAILING_FIELD],
    ['an error after numbers with fractions and exponents', '{"a": [1.25, -0.5, 1e10, 2E+3, 3e-2], }', 36, TRAILING_FIELD],
  ])('locates %s', (_name, src, offset, message) => {
    const error = errorOf(src);
    expect(error.rule).toBe('front-matter-syntax');
    expect(error.offset).toBe(offset);
    expect(error.message).toBe(`invalid JSON: ${message}`);
  });

  it('keeps the error of JSON.parse as the cause', () => {
    expect(errorOf('{"a": 1,}').cause).toBeInstanceOf(SyntaxError);
  });

  it('lets a stack overflow in locating the error through, as its caller bounds the nesting (findJsonEnd)', () => {
    expect(() => parseJsonBlock(`${'['.repeat(100_000)}x`)).toThrow(RangeError);
  });

  it('places every error inside the text, for any text JSON.parse rejects (property)', () => {
    // Valid documents with one character deleted, replaced or inserted, and arbitrary strings.
    const damaged = fc
      .tuple(
        fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
        fc.nat(),
        fc.constantFrom('', '"', ',', ':', '}', ']', '\\', '\u0001', 'x', ' '),
      )
      .map(([text, at, insert]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.string()), (src) => {
        let valid = true;
        try {
          JSON.parse(src);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        const error = errorOf(src);
        expect(error.offset).toBeGreaterThanOrEqual(0);
        expect(error.offset).toBeLessThanOrEqual(src.length);
        expect(error.message).toMatch(
          /^invalid JSON: (.+, found (the end|".*")|trailing comma before "[}\]]"; remove the comma after the last (field|item)|found "\/[/*]", but JSON front matter cannot hold comments; remove the comment)$/s,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
