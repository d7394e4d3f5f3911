import { TomlError } from 'smol-toml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BlockError } from '../../../src/parse/block-error.js';
import { FRONT_MATTER_LIMITS } from '../../../src/parse/front-matter-limits.js';
import { parseTomlBlock } from '../../../src/parse/parse-toml-block.js';
import { thrownBy } from '../../support/thrown.js';

// smol-toml as it is, unless a test makes its parse throw what smol-toml itself never throws here.
const smol = vi.hoisted(() => ({ throwing: undefined as unknown }));
vi.mock('smol-toml', async (importOriginal) => {
  const real = await importOriginal<typeof import('smol-toml')>();
  const parse: typeof real.parse = (...args) => {
    if (smol.throwing !== undefined) throw smol.throwing;
    return real.parse(...args);
  };
  return { ...real, parse };
});

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
    ['a date after a multi-line string in an array that ends in extra quotes', 'a = ["""x"""", 2024-02-30]', 15],
    ['a date after a multi-line literal string that ends in a backslash', "s = '''C:\\'''\nd = 2024-02-30", 18],
    ['a date after a comment', 'x = 1 # note\nd = 2024-02-30', 17],
    ['a date on the line after a one-line string', 's = "a"\nd = 2024-02-30', 12],
    ['a date after a one-line string on its line', 'a = ["x", 2024-02-30]', 10],
    ['a date after a basic string with an escaped quote', 'a = ["say \\"hi", 2024-02-30]', 17],
    ['a date after a literal string that ends in a backslash', "a = ['C:\\', 2024-02-30]", 12],
    ['a date on the line after a string left open', 's = "open\nd = 2024-02-30', 14],
    ['a date first in an inner array on a line of its own', 'a = [\n  [2024-02-30, 1],\n]', 9],
    ['a date in a year that starts with 0', 'd = 0999-02-29', 4],
    ['a date in a year that starts with 9', 'd = 9999-02-30', 4],
    ['day 32 of January', 'd = 2025-01-32', 4],
    ['day 32 of December', 'd = 2024-12-32', 4],
    ['day 0', 'd = 2024-02-00', 4],
  ])('rejects %s, at its offset', (_name, src, offset) => {
    const error = errorOf(src);
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.message).toMatch(/^invalid TOML: impossible date \d{4}-\d{2}-\d{2}$/);
    expect(error?.offset).toBe(offset);
  });

  it.each([
    ['a leap day', 'd = 2024-02-29'],
    ['the first day of a month', 'd = 2024-02-01'],
    ['a date in a basic string', 's = "2024-02-30"'],
    ['a date in a basic string after a word', 's = "on 2024-02-30"'],
    ['a date in a literal string', "s = '2024-02-30'"],
    ['a date in a literal string after a word', "s = 'on 2024-02-30'"],
    ['a date in a multi-line basic string, after an escaped quote', 's = """say \\""" 2024-02-30"""'],
    ['a date in a multi-line literal string', "s = '''\nwritten 2024-02-30\n'''"],
    ['a date in a comment', 'x = 1 # moved from 2024-02-30'],
    ['a bare key that looks like a date', '2024-02-30 = 1'],
    ['a bare key that looks like a date, before a tab', '2024-02-30\t= 1'],
    ['a dotted key that looks like a date', '2024-02-30.a = 1'],
    ['a bare key that looks like a date and a time', '2024-02-30T1 = 1'],
    ['a table header that looks like a date', '[2024-02-30]\nx = 1'],
    ['an indented table header that looks like a date, after the first line', 'x = 1\n  [2024-02-30]\ny = 2'],
  ])('accepts %s', (_name, src) => {
    expect(errorOf(src)).toBeUndefined();
  });

  it.each([
    ['month 13', 'd = 2024-13-32', 'invalid date'],
    ['month 0', 'd = 2024-00-32', 'invalid date'],
    ['digits after a letter', 'a = x2024-02-30', 'invalid value'],
    ['digits after a dot', 'x = 1.2024-02-30', 'illegal character in numeric literal'],
  ])('leaves what is no date (%s) to smol-toml, which reports the line', (_name, src, message) => {
    const error = errorOf(src);
    expect(error?.message).toBe(`invalid TOML: ${message}`);
    expect(error?.blockLine).toBe(1);
    expect(error?.offset).toBeUndefined();
  });
});

describe('parseTomlBlock: values', () => {
  it('drops the keys constructor and __proto__', () => {
    const data = parseTomlBlock('constructor = 1\n__proto__ = 2\ntitle = "a"') as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['title']);
  });

  it('gives integers as numbers, not BigInts', () => {
    expect((parseTomlBlock('weight = 3') as Record<string, unknown>).weight).toBe(3);
  });
});

describe('parseTomlBlock: other errors', () => {
  afterEach(() => {
    smol.throwing = undefined;
  });

  it('reports a syntax error with its line, caused by the TomlError', () => {
    const error = errorOf('title = "a"\nx = = 1');
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.message).toMatch(/^invalid TOML: /);
    expect(error?.blockLine).toBe(2);
    expect(error?.cause).toBeInstanceOf(TomlError);
  });

  it('reports a call stack that overflows while parsing as nesting too deep', () => {
    const overflow = new RangeError('Maximum call stack size exceeded');
    smol.throwing = overflow;
    const error = errorOf('a = 1');
    expect(error?.rule).toBe('front-matter-too-deep');
    expect(error?.message).toBe(`front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`);
    expect(error?.cause).toBe(overflow);
  });

  it.each([
    ['an error of another kind', new TypeError('x is undefined'), 'invalid TOML: TypeError: x is undefined'],
    ['a thing that only looks like a stack overflow', { message: 'Maximum call stack size exceeded' }, 'invalid TOML: [object Object]'],
  ])('reports %s thrown by smol-toml as a syntax error, with no line', (_name, thrown, message) => {
    smol.throwing = thrown;
    const error = errorOf('a = 1');
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.message).toBe(message);
    expect(error?.blockLine).toBeUndefined();
    expect(error?.cause).toBe(thrown);
  });

  it.each([
    ['a text value', 'title = "a"\nauthor: Bob', 2, 'author = "Bob"'],
    ['a quoted value', 'author: "Bob"', 1, 'author = "Bob"'],
    ['a value with quotes inside', 'summary: He said "hi"', 1, 'summary = "He said \\"hi\\""'],
    ['a date', 'date: 2025-01-06T10:00:00+08:00', 1, 'date = 2025-01-06T10:00:00+08:00'],
    ['a flat list', 'tags: [a, b, 3]', 1, 'tags = ["a", "b", 3]'],
    ['no value', '  author:', 1, 'author = ""'],
    ['a tab after the colon', 'author:\tBob', 1, 'author = "Bob"'],
    ['a space before the colon', 'author : Bob', 1, 'author = "Bob"'],
    ['a dotted key', 'author.name: Bob', 1, 'author.name = "Bob"'],
    ['a quoted key', '"my key": Bob', 1, '"my key" = "Bob"'],
    ['a literal key', "'my key': Bob", 1, '\'my key\' = "Bob"'],
    ['a value in single quotes', "author: 'Bob'", 1, "author = 'Bob'"],
    ['a value that only ends in a single quote', "title: the dogs'", 1, 'title = "the dogs\'"'],
    ['a value that only ends in a bracket', 'note: x, y]', 1, 'note = "x, y]"'],
    ['a value that only starts with a bracket', 'tags: [a, b', 1, 'tags = "[a, b"'],
    ['a list with quotes inside', 'tags: [a, "b"]', 1, 'tags = "[a, \\"b\\"]"'],
    ['an empty list', 'tags: []', 1, 'tags = []'],
    ['a list with an empty item', 'tags: [a, , b]', 1, 'tags = ["a", "b"]'],
    ['text that ends in a number', 'room: Room 101', 1, 'room = "Room 101"'],
    ['text that starts with a number', 'note: 3 apples', 1, 'note = "3 apples"'],
    ['a negative number', 'offset: -5', 1, 'offset = -5'],
    ['a number of two digits', 'weight: 42', 1, 'weight = 42'],
    ['a decimal', 'weight: 1.25', 1, 'weight = 1.25'],
    ['a date with no time', 'date: 2025-01-06', 1, 'date = 2025-01-06'],
    ['a local date-time', 'date: 2025-01-06T10:00:00', 1, 'date = 2025-01-06T10:00:00'],
    ['a suggestion of 80 characters, in full', `summary: ${'x'.repeat(68)}`, 1, `summary = "${'x'.repeat(68)}"`],
    ['a suggestion of 81 characters, cut', `summary: ${'x'.repeat(69)}`, 1, `summary = "${'x'.repeat(68)}…`],
  ])('says how TOML writes a line written as YAML: %s', (_name, src, line, toml) => {
    const error = errorOf(src);
    expect(error?.rule).toBe('front-matter-syntax');
    expect(error?.blockLine).toBe(line);
    expect(error?.message).toBe(`invalid TOML: illegal character in key; this line looks like YAML (key: value); TOML writes ${toml}`);
  });

  it('adds nothing to other errors', () => {
    expect(errorOf('title = x: y')?.message).toBe('invalid TOML: invalid value');
    expect(errorOf('a b = 1')?.message).toBe('invalid TOML: illegal character in key');
    expect(errorOf('author:Bob')?.message).toBe('invalid TOML: illegal character in key');
    expect(errorOf('title = "a"\ndraft')?.message).toBe('invalid TOML: incomplete key-value: cannot find end of key');
  });

  it('reports an unterminated multi-line string', () => {
    expect(errorOf('s = """never closed\nx = 1')?.rule).toBe('front-matter-syntax');
  });

  it('reports an unterminated one-line string at the end', () => {
    expect(errorOf('s = "never closed')?.message).toBe('invalid TOML: unfinished string');
  });

  it('rejects nesting deeper than the limit, and accepts it at the limit', () => {
    const nested = (depth: number): string => `a = ${'['.repeat(depth)}1${']'.repeat(depth)}`;
    expect(errorOf(nested(FRONT_MATTER_LIMITS.maxDepth + 5))?.rule).toBe('front-matter-too-deep');
    expect(errorOf(nested(FRONT_MATTER_LIMITS.maxDepth - 1))).toBeUndefined();
  });
});
