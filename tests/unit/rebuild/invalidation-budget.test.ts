import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INVALIDATION_POLICY,
  FREE_INVALIDATION_PATHS,
  invalidationAllowance,
  invalidationReport,
  monthOf,
  usageAfter,
} from '../../../src/rebuild/invalidation-budget.js';

const JUNE_9 = Date.parse('2025-06-09T12:00:00Z');
const budget = (freePaths: number) => ({ mode: 'budget' as const, freePaths });

describe('monthOf', () => {
  it('is the calendar month in UTC, whatever the local zone of the machine', () => {
    expect(monthOf(Date.parse('2025-06-30T23:59:59.999Z'))).toBe('2025-06');
    expect(monthOf(Date.parse('2025-07-01T00:00:00Z'))).toBe('2025-07');
    expect(monthOf(Date.parse('2025-07-01T07:59:59+08:00'))).toBe('2025-06');
    expect(monthOf(Date.parse('2024-12-31T23:00:00-02:00'))).toBe('2025-01');
  });
});

describe('invalidationAllowance', () => {
  it('defaults to the budget mode with CloudFront free 1,000 paths a month', () => {
    expect(DEFAULT_INVALIDATION_POLICY).toEqual({ mode: 'budget', freePaths: 1000 });
    expect(FREE_INVALIDATION_PATHS).toBe(1000);
  });

  it('counts from 0 without a record (a first run, or a manifest of a feedpub before the count)', () => {
    expect(invalidationAllowance(budget(1000), undefined, JUNE_9)).toEqual({ month: '2025-06', used: 0, maxPaths: 1000 });
  });

  it('leaves exactly what is left of the free paths: a run that reaches the allowance exactly is still precise', () => {
    // 977 sent this month: a one-article update of 23 paths reaches 1,000 exactly and goes out as it is;
    // one path more than is left becomes /*.
    const allowance = invalidationAllowance(budget(1000), { month: '2025-06', paths: 977 }, JUNE_9);
    expect(allowance).toEqual({ month: '2025-06', used: 977, maxPaths: 23 });
    expect(invalidationAllowance(budget(1000), { month: '2025-06', paths: 978 }, JUNE_9).maxPaths).toBe(22);
  });

  it('leaves nothing once the month is spent, or overspent (another distribution, a smaller allowance set since)', () => {
    expect(invalidationAllowance(budget(1000), { month: '2025-06', paths: 1000 }, JUNE_9).maxPaths).toBe(0);
    expect(invalidationAllowance(budget(300), { month: '2025-06', paths: 1001 }, JUNE_9).maxPaths).toBe(0);
    expect(invalidationAllowance(budget(0), undefined, JUNE_9).maxPaths).toBe(0);
  });

  it('starts the count again in a new month (UTC): last month spent leaves this one whole', () => {
    const spent = { month: '2025-05', paths: 4321 };
    expect(invalidationAllowance(budget(1000), spent, Date.parse('2025-05-31T23:59:59Z'))).toEqual({ month: '2025-05', used: 4321, maxPaths: 0 });
    expect(invalidationAllowance(budget(1000), spent, Date.parse('2025-06-01T00:00:00Z'))).toEqual({ month: '2025-06', used: 0, maxPaths: 1000 });
  });

  it('never takes the count back a month: a run whose clock is behind the recorded month adds to that month', () => {
    // The function spent 990 of July's paths; a CLI rebuild on a machine whose clock still says June 9 must
    // neither send 1,000 precise paths nor record them under June (the function would then restart July at 0).
    const july = { month: '2025-07', paths: 990 };
    const allowance = invalidationAllowance(budget(1000), july, JUNE_9);
    expect(allowance).toEqual({ month: '2025-07', used: 990, maxPaths: 10 });
    expect(usageAfter(july, allowance, 1)).toEqual({ month: '2025-07', paths: 991 });
  });

  it('sets no limit of its own in the paths mode, and allows no precise path in the all mode; both still count', () => {
    const usage = { month: '2025-06', paths: 5000 };
    expect(invalidationAllowance({ mode: 'paths', freePaths: 1000 }, usage, JUNE_9)).toEqual({ month: '2025-06', used: 5000 });
    expect(invalidationAllowance({ mode: 'all', freePaths: 1000 }, undefined, JUNE_9)).toEqual({ month: '2025-06', used: 0, maxPaths: 0 });
  });
});

describe('usageAfter', () => {
  const allowance = invalidationAllowance(budget(1000), { month: '2025-06', paths: 977 }, JUNE_9);

  it('adds what the CDN accepted to the month: the paths sent, or 1 for /*', () => {
    expect(usageAfter({ month: '2025-06', paths: 977 }, allowance, 23)).toEqual({ month: '2025-06', paths: 1000 });
    expect(usageAfter({ month: '2025-06', paths: 977 }, allowance, 1)).toEqual({ month: '2025-06', paths: 978 });
  });

  it('keeps the record as it was when nothing was accepted (nothing to send, or refused and deferred): nothing is billed', () => {
    const record = { month: '2025-06', paths: 977 };
    expect(usageAfter(record, allowance, 0)).toBe(record);
    expect(usageAfter(undefined, allowance, 0)).toBeUndefined();
  });

  it('keeps an earlier month as it was when nothing was sent (the manifest does not change), and starts the new month with the first paths sent', () => {
    const may = { month: '2025-05', paths: 4321 };
    const june = invalidationAllowance(budget(1000), may, JUNE_9);
    expect(usageAfter(may, june, 0)).toBe(may);
    expect(usageAfter(may, june, 23)).toEqual({ month: '2025-06', paths: 23 });
  });
});

describe('invalidationReport', () => {
  it('says the mode, the month, its count with the run and what was sent', () => {
    const allowance = invalidationAllowance(budget(1000), { month: '2025-06', paths: 990 }, JUNE_9);
    expect(invalidationReport(budget(1000), allowance, { paths: 1, everything: true, precise: 23 })).toEqual({
      mode: 'budget',
      freePaths: 1000,
      month: '2025-06',
      monthPaths: 991,
      paths: 1,
      everything: true,
      precise: 23,
    });
    expect(invalidationReport(budget(1000), allowance, undefined)).toMatchObject({ monthPaths: 990, paths: 0, everything: false, precise: 0 });
  });
});
