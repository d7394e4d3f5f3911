import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/parse/dates.js';
import { type FrontMatter, FrontMatterError, readFrontMatter } from '../../../src/parse/front-matter.js';
import { readFields } from '../../../src/parse/front-matter-fields.js';

// Fragments of all three syntaxes and of the attacks on them, glued at random.
const fragments = [
  '---',
  '+++',
  '---js',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  ' ',
  '\t',
  ':',
  ': ',
  '- ',
  '=',
  ',',
  '#',
  '&a ',
  '*a',
  '!!str ',
  '!!binary ',
  '|',
  '>',
  '? ',
  '__proto__',
  'constructor',
  'prototype',
  'title',
  'date',
  '2025-02-30',
  '2025-02-10T16:27:09',
  'true',
  'null',
  '~',
  '1e999',
  '"\\u0000"',
  '[[',
  '{{',
  '\u2028',
  '\ud800',
  '😀',
  '%YAML 1.2',
  '...',
  '<<: *a',
  'x'.repeat(50),
];
const gluedText = fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  gluedText,
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.tuple(fc.constantFrom('---\n', '+++\n', '{'), gluedText, fc.constantFrom('\n---\n', '\n+++\n', '}\n', '')).map((p) => p.join('')),
);

const zones = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Nope/Zone'];
const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const dateLike = fc
  .tuple(
    fc.integer({ min: 0, max: 10_999 }),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 25 }),
    fc.integer({ min: 0, max: 61 }),
    fc.constantFrom('', 'Z', '+08:00', '-05:30', '+23:59', '+24:00', ' +0800', '.123456789', '.5Z'),
    fc.constantFrom('T', ' ', 't'),
  )
  .map(([y, mo, d, h, mi, tail, sep]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(mi, 2)}${tail}`);

describe('properties of the parse layer', () => {
  it('readFrontMatter returns plain data or throws a FrontMatterError, never anything else', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(anyText, (text) => {
        try {
          const fm = readFrontMatter(text);
          expect(Object.getPrototypeOf(fm.data)).toBe(Object.prototype);
          expect(fm.bodyLine).toBeGreaterThanOrEqual(1);
          expect(fm.rawLine).toBeGreaterThanOrEqual(1);
          expect(text.replace(/\r\n?/g, '\n').endsWith(fm.body)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FrontMatterError);
          const line = (error as FrontMatterError).line;
          if (line !== undefined) expect(line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('parseDate never returns NaN, never an out-of-range year, and always explains a refusal', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), dateLike, fc.anything()), fc.constantFrom(...zones), (value, zone) => {
        const result = parseDate(value, zone);
        if (result.ok) {
          expect(Number.isFinite(result.ms)).toBe(true);
          const year = new Date(result.ms).getUTCFullYear();
          expect(year).toBeGreaterThanOrEqual(1000);
          expect(year).toBeLessThanOrEqual(9999);
        } else {
          expect(result.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('parseDate agrees with Date.parse on RFC 3339 times with a zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parseDate(iso, 'Asia/Shanghai')).toEqual({ ok: true, ms: date.getTime(), hadZone: true, offsetMinutes: 0 });
      }),
    );
  });

  it('readFields never throws and always returns well-formed fields', () => {
    const data = fc.dictionary(
      fc.constantFrom(
        'title',
        'Title',
        'date',
        'lastmod',
        'publishDate',
        'expiryDate',
        'draft',
        'tags',
        'categories',
        'lang',
        'author',
        'authors',
        'images',
        'cover',
        'id',
        'slug',
        'summary',
        'x',
      ),
      fc.oneof(fc.anything(), dateLike, fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)))),
    );
    fc.assert(
      fc.property(data, (record) => {
        const fm: FrontMatter = { data: record, body: '', bodyLine: 1, bodyStart: 0, format: 'yaml', raw: '', rawLine: 1 };
        const { fields, problems } = readFields(fm, { taxonomies: ['tags', 'categories'], timeZone: 'Asia/Shanghai', maxTerms: 3 });
        expect(typeof fields.draft).toBe('boolean');
        for (const terms of Object.values(fields.terms)) {
          for (const term of terms) expect(term).toBe(term.trim().normalize('NFC'));
          expect(new Set(terms).size).toBe(terms.length);
        }
        for (const ms of [fields.date, fields.lastmod, fields.publishDate, fields.expiryDate]) {
          if (ms !== undefined) expect(Number.isFinite(ms)).toBe(true);
        }
        for (const problem of problems) expect(['error', 'warning']).toContain(problem.severity);
      }),
      { numRuns: 2000 },
    );
  });
});
