import matter from 'gray-matter';
import { afterEach, describe, expect, it } from 'vitest';
import { BlockError } from '../../../src/parse/block-error.js';
import fc from 'fast-check';
import { blankRunCost, mayCostMore, readFrontMatter } from '../../../src/parse/front-matter.js';
import { FRONT_MATTER_LIMITS } from '../../../src/parse/front-matter-limits.js';
import { grayMatterData } from '../../../src/parse/gray-matter-data.js';
import { fixtureText, frontMatterErrorOf } from './fixture.js';

const globals = globalThis as { __feedpubPwned?: unknown };

const errorOf = frontMatterErrorOf;

/**
 * For the tests of hostile input: each proves by the error which bound refused it, before the work it
 * bounds. They take milliseconds; without their bounds seconds (60,000 blank lines cost gray-matter's
 * regex ~3 s) or forever (the alias bomb). This timeout is a guard against such a blow-up, not a speed
 * test: speed is the benchmark's.
 */
const BOUNDED = { timeout: 2_000 } as const;

describe('front matter never runs code', () => {
  afterEach(() => {
    delete globals.__feedpubPwned;
  });

  it('the payloads are live: plain gray-matter with default engines runs ---js', () => {
    // Prepare: proves the fixture would execute if it reached gray-matter's default engine.
    const text = fixtureText('js-engine.md');
    // Act
    matter(text, { excerpt: false });
    // Assess
    expect(globals.__feedpubPwned).toBe('js');
  });

  it.each(['js-engine.md', 'javascript-engine.md', 'coffee-engine.md'])('%s is refused and not executed', (name) => {
    const error = errorOf(fixtureText(name));
    expect(error.rule).toBe('front-matter-language');
    expect(error.line).toBe(1);
    expect(globals.__feedpubPwned).toBeUndefined();
  });

  it.each(['js-engine.md', 'javascript-engine.md', 'coffee-engine.md'])("%s reaching gray-matter directly still meets feedpub's refusing engines", (name) => {
    // The language check in readFrontMatter is skipped here: only the engines stand in the way.
    const text = fixtureText(name);
    const source = text.slice(0, text.indexOf('\n---', 3) + 4);
    expect(() => grayMatterData(source, 'yaml')).toThrow(BlockError);
    expect(() => grayMatterData(source, 'yaml')).toThrow(/not supported/);
    expect(globals.__feedpubPwned).toBeUndefined();
  });
});

describe("gray-matter's shared cache", () => {
  it('is never filled: options are always passed', () => {
    readFrontMatter(fixtureText('reference-yaml.md'));
    readFrontMatter(fixtureText('reference-toml.md'));
    expect(Object.keys((matter as unknown as { cache: Record<string, unknown> }).cache)).toEqual([]);
  });
});

describe('no prototype pollution', () => {
  it.each([
    ['proto-yaml.md', 'yaml'],
    ['proto-toml.md', 'toml'],
    ['proto-json.md', 'json'],
  ])('%s: unsafe keys dropped at every level, Object.prototype untouched', (name, format) => {
    // Prepare
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    // Act
    const fm = readFrontMatter(fixtureText(name));
    // Assess
    expect(fm.format).toBe(format);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype);
    expect(Object.keys(fm.data).sort()).toEqual(['nested', 'title']);
    expect(fm.data.title).toBe('proto');
    const nested = fm.data.nested as Record<string, unknown>;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.keys(nested)).toEqual(['keep']);
    expect(Object.hasOwn(fm.data, '__proto__')).toBe(false);
    expect(Object.hasOwn(fm.data, 'constructor')).toBe(false);
    expect(Object.hasOwn(fm.data, 'prototype')).toBe(false);
    expect((fm.data as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('bounded work', () => {
  it('fails an alias bomb fast instead of expanding it', BOUNDED, () => {
    const error = errorOf(fixtureText('alias-bomb.md'));
    expect(error.rule).toBe('front-matter-aliases');
    expect(error.message).toBe('YAML aliases expand too much (more than 50 uses): an alias bomb?');
    expect(error.line).toBe(2);
  });

  it('allows a few aliases', () => {
    const fm = readFrontMatter('---\nbase: &b [a, b]\ntags: *b\ncategories: *b\n---\n');
    expect(fm.data).toEqual({ base: ['a', 'b'], tags: ['a', 'b'], categories: ['a', 'b'] });
  });

  it('reads YAML merge keys, as Hugo does', () => {
    const fm = readFrontMatter('---\ndefaults: &d {date: 2025-01-01, title: Merged}\n<<: *d\ntitle: Own\n---\n');
    expect(fm.data).toEqual({ defaults: { date: '2025-01-01', title: 'Merged' }, date: '2025-01-01', title: 'Own' });
  });

  it('bounds merge keys: a block that merges one mapping thousands of times is refused fast', BOUNDED, () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `k${i}: 1`).join(', ');
    const text = `---\na: &a {${keys}}\nb: {<<: [${Array.from({ length: 4000 }, () => '*a').join(', ')}]}\n---\n`;
    const error = errorOf(text);
    expect(error.rule).toBe('front-matter-aliases');
    // Refused by counting the aliases before loading, not after 8 million merged keys.
    expect(error.message).toMatch(/^YAML merge keys with more than 50 aliases/);
    // A few merges are fine.
    expect(readFrontMatter(`---\na: &a {x: 1}\nb: {<<: [*a, *a]}\n---\n`).data).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it.each([
    ['deep-yaml.md', 2],
    ['deep-json.md', 1],
    ['deep-toml.md', 3],
  ])('%s: nesting beyond the limit is refused', (name, line) => {
    const error = errorOf(fixtureText(name));
    expect(error.rule).toBe('front-matter-too-deep');
    expect(error.line).toBe(line);
  });

  it('accepts nesting up to the limit and refuses one level more', () => {
    const nest = (levels: number): string => `{"a": ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect(() => readFrontMatter(nest(FRONT_MATTER_LIMITS.maxDepth))).not.toThrow();
    expect(errorOf(nest(FRONT_MATTER_LIMITS.maxDepth + 1)).rule).toBe('front-matter-too-deep');
    const yaml = (levels: number): string => `---\nx: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n---\n`;
    expect(() => readFrontMatter(yaml(FRONT_MATTER_LIMITS.maxDepth))).not.toThrow();
    expect(errorOf(yaml(FRONT_MATTER_LIMITS.maxDepth + 1)).rule).toBe('front-matter-too-deep');
  });

  it('reads brackets in a quoted YAML string as text, however many (Hugo does)', () => {
    const text = `---\nsummary: "${'['.repeat(200)} and ${'{'.repeat(200)}"\ntags: ['${']'.repeat(50)}', "a\\"[["]\n---\n`;
    expect(readFrontMatter(text).data).toEqual({ summary: `${'['.repeat(200)} and ${'{'.repeat(200)}`, tags: [']'.repeat(50), 'a"[['] });
    // The same brackets outside a string are nesting.
    expect(errorOf(`---\nsummary: ${'['.repeat(200)}\n---\n`).rule).toBe('front-matter-too-deep');
  });

  it.each([
    ['YAML flow', `---\nx: ${'['.repeat(30_000)}${']'.repeat(30_000)}\n---\n`],
    ['YAML flow maps', `---\nx: ${'{a: '.repeat(12_000)}1${'}'.repeat(12_000)}\n---\n`],
    // yaml crashes Node (fatal out of memory, not catchable) on `- - - … a` 100 000 deep.
    ['YAML compact lists', `---\nx:\n${'- '.repeat(30_000)}a\n---\n`],
    ['YAML explicit keys', `---\nx:\n${'? '.repeat(30_000)}a\n---\n`],
    ['YAML indentation', `---\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n---\n`],
    ['TOML', `+++\nx = ${'['.repeat(30_000)}${']'.repeat(30_000)}\n+++\n`],
    ['JSON', `{"x": ${'['.repeat(30_000)}${']'.repeat(30_000)}}\n`],
  ])('%s nested thousands deep fails fast as too deep, not with a stack overflow', BOUNDED, (_name, text) => {
    expect(errorOf(text).rule).toBe('front-matter-too-deep');
  });

  it('refuses front matter larger than the limit, in every format', () => {
    const big = 'x'.repeat(FRONT_MATTER_LIMITS.maxChars);
    expect(errorOf(`---\ntitle: ${big}\n---\n`).rule).toBe('front-matter-too-large');
    expect(errorOf(`+++\ntitle = "${big}"\n+++\n`).rule).toBe('front-matter-too-large');
    expect(errorOf(`{"title": "${big}"}\n`).rule).toBe('front-matter-too-large');
  });

  it('accepts front matter just under the limit', () => {
    const title = 'x'.repeat(FRONT_MATTER_LIMITS.maxChars - 'title: \n'.length);
    expect(readFrontMatter(`---\ntitle: ${title}\n---\n`).data.title).toBe(title);
  });

  it("refuses long runs of blank lines fast (gray-matter's comment regex is quadratic on them)", BOUNDED, () => {
    const text = `---\n${'\n'.repeat(60_000)}title: x\n---\n`;
    const error = errorOf(text);
    // Refused by the count of the regex's steps (blankRunCost), before gray-matter runs it.
    expect(error.rule).toBe('front-matter-too-large');
    expect(error.message).toBe('front matter holds too many consecutive blank lines');
    expect(blankRunCost(text)).toBeGreaterThan(FRONT_MATTER_LIMITS.maxBlankRunCost);
  });

  it('still accepts a thousand blank lines', () => {
    expect(readFrontMatter(`---\n${'\n'.repeat(1000)}title: x\n---\nBody`).bodyLine).toBe(1004);
  });

  it('skips the blank-run scan only where its cost cannot reach the limit', () => {
    // The bound n(n + 1)/2 is reached exactly by a text of line breaks only.
    for (const n of [0, 1, 2, 7, 500]) expect(blankRunCost('\n'.repeat(n))).toBe((n * (n + 1)) / 2);
    const spaceOrText = fc.constantFrom('\n', ' ', '\t', '\r', '\u2028', '\u3000', 'a', '#');
    fc.assert(
      fc.property(fc.array(spaceOrText, { maxLength: 120 }), fc.nat(8000), (chars, limit) => {
        const source = chars.join('');
        if (!mayCostMore(source, limit)) expect(blankRunCost(source)).toBeLessThanOrEqual(limit);
      }),
    );
    expect(mayCostMore('x'.repeat(1999), FRONT_MATTER_LIMITS.maxBlankRunCost)).toBe(false);
    expect(mayCostMore('x'.repeat(2000), FRONT_MATTER_LIMITS.maxBlankRunCost)).toBe(true);
  });

  it('counts white space and line starts as the regex of gray-matter sees them (JavaScript \\s and line terminators)', () => {
    // Reference: for every line start (multiline ^), the length of the \s run that follows it.
    const reference = (source: string): number => {
      let cost = 0;
      for (let i = 0; i < source.length; i++) {
        if (i > 0 && !/[\n\r\u2028\u2029]/.test(source.charAt(i - 1))) continue;
        let j = i;
        while (j < source.length && /\s/.test(source.charAt(j))) j++;
        cost += j - i;
      }
      return cost;
    };
    const chars = [
      '\n',
      '\r',
      ' ',
      '\t',
      '\v',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u2009',
      '\u200a',
      '\u200b',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      'a',
      '#',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 60 }), (list) => {
        const source = list.join('');
        expect(blankRunCost(source)).toBe(reference(source));
      }),
    );
    expect(blankRunCost('a\r ')).toBe(1);
    expect(blankRunCost('\u200a\u200a\u200b')).toBe(2);
    expect(blankRunCost('\u2028')).toBe(1);
  });
});
