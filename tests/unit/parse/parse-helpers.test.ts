import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findJsonEnd } from '../../../src/parse/find-json-end.js';
import { findKeyLine } from '../../../src/parse/key-line.js';
import { lineOf } from '../../../src/parse/line-of.js';
import { toPlainData } from '../../../src/parse/to-plain-data.js';
import { yamlNestingBound } from '../../../src/parse/yaml-nesting-bound.js';
import { zoneOffsetMinutes } from '../../../src/parse/zone-offset.js';

describe('lineOf', () => {
  it('counts the line breaks before an offset, from a first line number', () => {
    expect(lineOf('a\nb\nc', 0)).toBe(1);
    expect(lineOf('a\nb\nc', 1)).toBe(1);
    expect(lineOf('a\nb\nc', 2)).toBe(2);
    expect(lineOf('a\nb\nc', 4, 10)).toBe(12);
    expect(lineOf('a\nb', 99)).toBe(2);
    expect(lineOf('a\nb', -5)).toBe(1);
  });
});

describe('findKeyLine', () => {
  it('finds unindented YAML keys first, quoted or not', () => {
    const raw = 'nested:\n  title: inner\ntitle: outer\n"draft": true\n';
    expect(findKeyLine({ raw, rawLine: 2, format: 'yaml' }, 'title')).toBe(4);
    expect(findKeyLine({ raw, rawLine: 2, format: 'yaml' }, 'draft')).toBe(5);
    expect(findKeyLine({ raw: 'a:\n  deep: 1', rawLine: 2, format: 'yaml' }, 'deep')).toBe(3);
  });

  it('finds TOML keys before = and JSON keys before :', () => {
    expect(findKeyLine({ raw: 'a = 1\n  "b.c" = 2', rawLine: 2, format: 'toml' }, 'b.c')).toBe(3);
    expect(findKeyLine({ raw: '{\n "a": {"title": 1},\n "title": 2}', rawLine: 1, format: 'json' }, 'title')).toBe(2);
  });

  it('escapes keys used in the search and gives up quietly', () => {
    expect(findKeyLine({ raw: 'a.b: 1\naxb: 2', rawLine: 2, format: 'yaml' }, 'a.b')).toBe(2);
    expect(findKeyLine({ raw: 'x: 1', rawLine: 2, format: 'yaml' }, '(?')).toBeUndefined();
    expect(findKeyLine({ raw: 'x: 1', rawLine: 2, format: 'none' }, 'x')).toBeUndefined();
    expect(findKeyLine({ raw: 'x: 1', rawLine: 2, format: 'yaml' }, '')).toBeUndefined();
  });
});

describe('findJsonEnd', () => {
  it('ends at the brace that closes the first one, honouring strings and escapes', () => {
    const text = '{"a": "}\\"}", "b": [{"c": "{"}]}\nbody}';
    expect(findJsonEnd(text, 0, 1000, 32)).toEqual({ ok: true, end: text.indexOf('\n') });
  });

  it('reports unclosed, too large and too deep objects', () => {
    expect(findJsonEnd('{"a": "}', 0, 1000, 32)).toEqual({ ok: false, reason: 'unclosed', offset: 0 });
    expect(findJsonEnd(`{"a": "${'x'.repeat(100)}"}`, 0, 50, 32)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(findJsonEnd(`{"a": ${'['.repeat(40)}`, 0, 1000, 32)).toMatchObject({ ok: false, reason: 'too-deep' });
  });
});

describe('toPlainData', () => {
  it('copies into fresh plain objects and arrays, keeping Dates', () => {
    const date = new Date(0);
    const source = Object.assign(Object.create(null) as object, { a: [1, { b: date }] });
    const copy = toPlainData(source, 32) as { a: [number, { b: Date }] };
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy).toEqual({ a: [1, { b: date }] });
    expect(copy.a[1].b).toBe(date);
  });

  it('refuses class instances, functions and symbols', () => {
    expect(() => toPlainData({ a: new Map() }, 32)).toThrow(/unsupported/);
    expect(() => toPlainData({ a: () => 1 }, 32)).toThrow(/unsupported/);
    expect(() => toPlainData({ a: Symbol('x') }, 32)).toThrow(/unsupported/);
  });

  it('counts the top-level map as depth 1', () => {
    expect(() => toPlainData({ a: { b: 1 } }, 2)).not.toThrow();
    expect(() => toPlainData({ a: { b: [] } }, 2)).toThrow(/deeper than 2/);
  });
});

describe('yamlNestingBound', () => {
  it('never under-estimates the real depth', () => {
    expect(yamlNestingBound('a: 1')).toBeGreaterThanOrEqual(1);
    expect(yamlNestingBound('a:\n  b:\n    - [1, [2]]\n')).toBe(7);
    expect(yamlNestingBound('- - - a')).toBeGreaterThanOrEqual(3);
    expect(yamlNestingBound('a: [\n[\n[\n]]]')).toBeGreaterThanOrEqual(4);
  });

  it('ignores comment and blank lines, and closed brackets', () => {
    expect(yamlNestingBound('# [[[[[[[[[[[[\n\na: [x] [y] [z]')).toBe(3);
    expect(yamlNestingBound('# [[[[[[[[[[[[\n\na: "[x] [y] [z]"')).toBe(2);
  });

  it('reads brackets in a quoted scalar closed on its line as text, and counts them elsewhere', () => {
    // A summary of 100 `[` was refused as nesting over 64 levels (Hugo reads it as the string it is).
    expect(yamlNestingBound(`summary: "${'['.repeat(100)}"\ntags: ['${'{'.repeat(100)}', "a\\"[["]`)).toBe(3);
    expect(yamlNestingBound(`- '[[it''s [[[['\n- {a: "[[[", b: [c]}`)).toBe(5);
    // Not a quoted scalar: a quote inside a plain scalar or a comment, or a string that goes on to the next line.
    expect(yamlNestingBound(`a: It's [[[ "x"`)).toBe(5);
    expect(yamlNestingBound(`a: b # "[["`)).toBe(4);
    expect(yamlNestingBound(`a: "[[\n  b"`)).toBe(5);
    // A plain scalar holding a bracket then a quote (`\["`), a string followed by more text, one after a tag.
    expect(yamlNestingBound(`\\[": {"a": {']': []}}`)).toBe(6);
    expect(yamlNestingBound(`a: "x" [[`)).toBe(4);
    expect(yamlNestingBound(`a: !!str "[[["`)).toBe(2);
    // After a string that goes on past its line, strings are not looked for.
    expect(yamlNestingBound(`a: "x\n  y"\nb: "[["`)).toBe(4);
  });

  it('bounds the depth of YAML that js-yaml writes, whatever its strings hold, to within one level', () => {
    // One level under, as before strings were skipped: a compact `- - a:` whose map nests the lines below it
    // (the indicators count on their own line only), and a `]` in a string the scan does not skip (after one
    // going on past its line, say) closing a bracket it counted. The pre-check refuses at twice the limit.
    const depth = (value: unknown): number => (typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0);
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', "'", '\\', '#', ':', ',', '-', ' ', 'a', '\n'), maxLength: 12 });
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, text, fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(text, tie('tree'), { maxKeys: 3 })),
    }));
    fc.assert(
      fc.property(fc.dictionary(text, tree, { minKeys: 1, maxKeys: 3 }), fc.integer({ min: -1, max: 4 }), (data, flowLevel) => {
        const src = dump(data, { flowLevel });
        let parsed: unknown;
        try {
          parsed = load(src);
        } catch {
          // js-yaml 4 writes a few flow strings it cannot read back (`[a:[]`): no YAML to bound.
          return;
        }
        expect(yamlNestingBound(src)).toBeGreaterThanOrEqual(depth(parsed) - 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts flow collections opened with either bracket, and block nesting without any', () => {
    expect(yamlNestingBound('a:\n  b: {c: {d: 1}}')).toBe(5);
    expect(yamlNestingBound('a:\n  b: [c, [d]]')).toBe(5);
    expect(yamlNestingBound('a:\n  - b:\n      - c')).toBe(5);
  });
});

describe('zoneOffsetMinutes', () => {
  it('gives offsets in minutes, with DST, half hours and local mean time', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2025, 1, 10))).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2025, 0, 1))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2025, 6, 1))).toBe(-240);
    expect(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2025, 0, 1))).toBe(330);
    expect(zoneOffsetMinutes('UTC', Date.UTC(2025, 0, 1))).toBe(0);
    // Shanghai local mean time before 1901: +08:05:43.
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.UTC(1850, 0, 1))).toBeCloseTo(485 + 43 / 60, 10);
  });

  it('returns undefined for an unknown zone', () => {
    expect(zoneOffsetMinutes('Mars/Olympus_Mons', 0)).toBeUndefined();
    expect(zoneOffsetMinutes('', 0)).toBeUndefined();
  });

  it("agrees with luxon's IANAZone.offset", () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (zone, ms) => {
        const instant = ms - (ms % 1000);
        expect(zoneOffsetMinutes(zone, instant)).toBeCloseTo(IANAZone.create(zone).offset(instant), 6);
      }),
      { numRuns: 500 },
    );
  });

  it('answers every minute of the hours around an offset change as luxon does (the per-hour answers stop at the change)', () => {
    // Spring forward and fall back, 30- and 45-minute zones, Lord Howe's 30-minute DST, Troll's 2-hour DST,
    // Samoa's skipped day, Shanghai's 1901 change from local mean time; each time asked about in a fresh hour.
    const around: [string, number][] = [
      ['America/New_York', Date.UTC(2025, 2, 9, 7)],
      ['America/New_York', Date.UTC(2025, 10, 2, 6)],
      ['Europe/Berlin', Date.UTC(2025, 2, 30, 1)],
      ['Europe/Dublin', Date.UTC(2025, 9, 26, 1)],
      ['Australia/Lord_Howe', Date.UTC(2025, 3, 5, 15)],
      ['Pacific/Chatham', Date.UTC(2025, 3, 5, 14)],
      ['America/St_Johns', Date.UTC(2025, 2, 9, 5, 30)],
      ['Antarctica/Troll', Date.UTC(2025, 2, 30, 1)],
      ['Pacific/Apia', Date.UTC(2011, 11, 30, 10)],
      ['Asia/Shanghai', Date.UTC(1900, 11, 31, 15, 54)],
    ];
    for (const [zone, at] of around) {
      for (let minute = -150; minute <= 150; minute += 1) {
        const instant = at + minute * 60_000 + 17_000;
        expect(zoneOffsetMinutes(zone, instant), `${zone} at ${new Date(instant).toISOString()}`).toBeCloseTo(IANAZone.create(zone).offset(instant), 6);
      }
    }
  });
});
