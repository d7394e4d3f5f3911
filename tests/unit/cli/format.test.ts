import { describe, expect, it } from 'vitest';
import { formatBytes, formatInvalidation, formatProblems, formatSummary, invalidationOf, plural, printable } from '../../../src/cli/format.js';
import type { RebuildReport } from '../../../src/rebuild.js';
import type { Problem } from '../../../src/model.js';

describe('formatBytes', () => {
  it('uses SI units with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1000)).toBe('1.0 kB');
    expect(formatBytes(1234)).toBe('1.2 kB');
    expect(formatBytes(45_600)).toBe('46 kB');
    expect(formatBytes(999_999)).toBe('1.0 MB');
    expect(formatBytes(3_400_000_000)).toBe('3.4 GB');
  });
});

describe('formatSummary', () => {
  it('counts articles, feeds and files in words that agree with the numbers', () => {
    const report = (feeds: number, written: string[]) =>
      ({
        articles: { total: 1, parsed: 1, published: 1, rejected: 0, held: 0, skipped: 0 },
        feeds,
        written,
        unchanged: 0,
        deleted: [],
      }) as unknown as RebuildReport;
    expect(formatSummary(report(1, ['index.xml']), 'out')[1]).toBe('feeds: 1 feed, 1 file written, 0 unchanged, 0 deleted → out/');
    expect(formatSummary(report(2, ['a', 'b', 'c']), 'out')[1]).toBe('feeds: 2 feeds, 3 files written, 0 unchanged, 0 deleted → out/');
  });

  it('counts the files kept without rendering (sources unchanged), so that the counts add up to every file', () => {
    const report = {
      articles: { total: 1, parsed: 0, published: 1, rejected: 0, held: 0, skipped: 0 },
      feeds: 28,
      written: [],
      unchanged: 0,
      kept: 90,
      deleted: [],
    } as unknown as RebuildReport;
    expect(formatSummary(report, 'out')[1]).toBe('feeds: 28 feeds, 0 files written, 0 unchanged, 90 kept (sources unchanged), 0 deleted → out/');
  });
});

describe('formatProblems', () => {
  const problems: Problem[] = [
    { file: 'b.md', severity: 'info', rule: 'draft', message: 'draft: held back' },
    { file: 'b.md', line: 9, severity: 'error', rule: 'date-invalid', message: 'date: bad' },
    { file: 'a.md', line: 3, severity: 'warning', rule: 'field-coerced', message: 'draft: coerced' },
    { file: 'a.md', line: 2, severity: 'error', rule: 'front-matter-syntax', message: 'invalid YAML' },
  ];

  it('prints file:line: severity: message [rule], errors first, then by file and line', () => {
    expect(formatProblems(problems, 'info')).toEqual([
      'a.md:2: error: invalid YAML [front-matter-syntax]',
      'b.md:9: error: date: bad [date-invalid]',
      'a.md:3: warning: draft: coerced [field-coerced]',
      'b.md: info: draft: held back [draft]',
    ]);
  });

  it('writes what a terminal would act on as escapes: a problem is one plain line whatever the file holds', () => {
    const hostile: Problem[] = [
      { file: 'c\u001b[2J.md', severity: 'error', rule: 'duplicate-id', message: 'id urn:x:\u0007\u009b31m\nnext line\u202eevil\u2028 and ok 中文' },
    ];
    expect(formatProblems(hostile, 'error')).toEqual([
      'c\\u001b[2J.md: error: id urn:x:\\u0007\\u009b31m\\u000anext line\\u202eevil\\u2028 and ok 中文 [duplicate-id]',
    ]);
    expect(printable('plain text, 中文, emoji 😀')).toBe('plain text, 中文, emoji 😀');
  });

  it('leaves out what is below the minimum severity', () => {
    expect(formatProblems(problems, 'error')).toHaveLength(2);
    expect(formatProblems(problems, 'warning')).toHaveLength(3);
  });

  it('says plurals', () => {
    expect([plural(0, 'error'), plural(1, 'error'), plural(2, 'file')]).toEqual(['0 errors', '1 error', '2 files']);
  });
});

describe('formatInvalidation', () => {
  const sent = { mode: 'budget', freePaths: 1000, month: '2025-06', monthPaths: 446, paths: 23, everything: false, precise: 23 } as const;

  it('says the files, what went out for them and the month count against the free paths', () => {
    expect(formatInvalidation(20, sent, 'E2ABC')).toBe('cdn: 20 files invalidated on E2ABC as 23 paths; 446 of 1000 free paths sent in 2025-06 (budget)');
    expect(formatInvalidation(20, { ...sent, monthPaths: 1001, paths: 1, everything: true, precise: 100 }, 'E2ABC')).toBe(
      'cdn: 20 files invalidated on E2ABC as /* (instead of 100 paths); 1001 of 1000 free paths sent in 2025-06 (budget)',
    );
    expect(formatInvalidation(1, { ...sent, mode: 'all', paths: 1, everything: true, precise: 1 }, 'E2ABC')).toBe(
      'cdn: 1 file invalidated on E2ABC as /* (instead of 1 path); 446 of 1000 free paths sent in 2025-06 (all)',
    );
  });

  it('says when nothing was sent (nothing changed, or deferred), and the files only without a count (an older function)', () => {
    expect(formatInvalidation(0, { ...sent, paths: 0, precise: 0 }, 'E2ABC')).toBe(
      'cdn: nothing invalidated on E2ABC; 446 of 1000 free paths sent in 2025-06 (budget)',
    );
    expect(formatInvalidation(6, undefined, 'E2ABC')).toBe('cdn: 6 files invalidated on E2ABC');
  });

  it('reads the count back from a function summary only when it is whole', () => {
    expect(invalidationOf(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
    expect(invalidationOf({ ...sent, paths: '23' })).toBeUndefined();
    expect(invalidationOf(undefined)).toBeUndefined();
    expect(invalidationOf(null)).toBeUndefined();
  });
});
