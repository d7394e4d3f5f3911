import { describe, expect, it } from 'vitest';
import { BlockError } from '../../../src/parse/block-error.js';
import { FRONT_MATTER_LIMITS } from '../../../src/parse/front-matter-limits.js';
import { parseTomlBlock } from '../../../src/parse/parse-toml-block.js';
import { thrownBy } from '../../support/thrown.js';

/** The error parseTomlBlock throws for `src`, or undefined when it parses. */
function errorOf(src: string): BlockError | undefined {
  return thrownBy(BlockError, () => parseTomlBlock(src));
}

describe('parseTomlBlock: impossible dates (smol-toml would roll them over)', () => {
  it.each([
    ['a date value', 'd = 2024-02-30', 4],
    ['a date-time value', 'x = 1\nd = 2023-04-31T08:00:00+08:00', 10],
    ['a date-time value with a lower-case t', 'd = 2023-06-31t23:59:59Z', 4],
    ['a local date-time value', 'd = 2023-11-31T08:00:00', 4],
    ['a date-time value with a space', 'd = 2023-09-31 08:00:00', 4],
    ['a date in an array', 'a = [2024-02-30]', 5],
    ['a date after a multi-line string that ends in extra quotes', 's = """a""""\nd = 2024-02-30', 17],
  ])('rejects %s, at its offset', (_name, src, offset) => {
    const error = errorOf(src);
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.message).toMatch(/^invalid TOML: impossible date \d{4}-\d{2}-\d{2}$/);
    expect(error?.offset).toBe(offset);
  });

  it.each([
    ['a leap day', 'd = 2024-02-29'],
    ['a date in a basic string', 's = "2024-02-30"'],
    ['a date in a literal string', "s = '2024-02-30'"],
    ['a date in a multi-line basic string, after an escaped quote', 's = """say \\""" 2024-02-30"""'],
    ['a date in a multi-line literal string', "s = '''\nwritten 2024-02-30\n'''"],
    ['a date in a comment', 'x = 1 # moved from 2024-02-30'],
    ['a bare key that looks like a date', '2024-02-30 = 1'],
    ['a dotted key that looks like a date', '2024-02-30.a = 1'],
    ['a bare key that looks like a date and a time', '2024-02-30T1 = 1'],
    ['a table header that looks like a date', '[2024-02-30]\nx = 1'],
  ])('accepts %s', (_name, src) => {
    expect(errorOf(src)).toBeUndefined();
  });
});

describe('parseTomlBlock: other errors', () => {
  it('reports a syntax error with its line', () => {
    const error = errorOf('title = "a"\nx = = 1');
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.message).toMatch(/^invalid TOML: /);
    expect(error?.blockLine).toBe(2);
  });

  it.each([
    ['a text value', 'title = "a"\nauthor: Bob', 2, 'author = "Bob"'],
    ['a quoted value', 'author: "Bob"', 1, 'author = "Bob"'],
    ['a value with quotes inside', 'summary: He said "hi"', 1, 'summary = "He said \\"hi\\""'],
    ['a date', 'date: 2025-01-06T10:00:00+08:00', 1, 'date = 2025-01-06T10:00:00+08:00'],
    ['a flat list', 'tags: [a, b, 3]', 1, 'tags = ["a", "b", 3]'],
    ['no value', '  author:', 1, 'author = ""'],
  ])('says how TOML writes a line written as YAML: %s', (_name, src, line, toml) => {
    const error = errorOf(src);
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.blockLine).toBe(line);
    expect(error?.message).toBe(`invalid TOML: illegal character in key; this line looks like YAML (key: value); TOML writes ${toml}`);
  });

  it('adds nothing to other errors', () => {
    expect(errorOf('title = x: y')?.message).toBe('invalid TOML: invalid value');
    expect(errorOf('a b = 1')?.message).not.toContain('YAML');
  });

  it('reports an unterminated multi-line string', () => {
    expect(errorOf('s = """never closed\nx = 1')?.rule).toBe('front-matter-syntax');
  });

  it('rejects nesting deeper than the limit, and accepts it at the limit', () => {
    const nested = (depth: number): string => `a = ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(errorOf(nested(FRONT_MATTER_LIMITS.maxDepth + 5))?.rule).toBe('front-matter-too-deep');
    expect(errorOf(nested(FRONT_MATTER_LIMITS.maxDepth - 1))).toBeUndefined();
  });
});
