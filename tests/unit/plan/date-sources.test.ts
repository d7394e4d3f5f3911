import { describe, expect, it } from 'vitest';
import { cascadeDateKeys, FRONT_MATTER_DATE_DEFAULTS, impliedDateSources, mergeDates } from '../../../src/plan/date-sources.js';

/** A cascade that gives these dates by key, from `origin`. */
const giving =
  (dates: Record<string, number>, origin = 'content/posts/_index.md') =>
  (key: string) =>
    dates[key] === undefined ? undefined : { value: { ms: dates[key] }, origin };
const NONE = [undefined, undefined, undefined, undefined] as const;

describe('mergeDates: a page with its cascades dates, each key filling the page where it has none (checked with hugo)', () => {
  it('dates a page without one, by the sources of each date: date, publishDate from date, lastmod from date', () => {
    const merged = mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [-1, -1, -1, -1] }, NONE, giving({ date: 10 }));
    expect(merged.values).toEqual([10, 10, 10, undefined]);
    expect(merged.origins).toEqual(['content/posts/_index.md', 'content/posts/_index.md', 'content/posts/_index.md', undefined]);
  });

  it('keeps the own key of a page, puts a cascaded date before its own publishDate, and a cascaded publishdate before its own pubdate', () => {
    // Its own `date` (rank 0 of each): nothing before it.
    expect(mergeDates(FRONT_MATTER_DATE_DEFAULTS, impliedDateSources({}), [5, 5, 5, undefined], giving({ date: 10 })).values).toEqual([5, 5, 5, undefined]);
    // Its own publishDate only: the date is the cascade's, the publishDate its own.
    expect(mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [1, 0, 3, -1] }, [5, 5, 5, undefined], giving({ date: 10 })).values).toEqual([10, 5, 10, undefined]);
    // Its own pubdate (rank 1 of publishDate's) after a cascaded publishdate (rank 0).
    expect(mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [0, 1, 2, -1] }, [5, 5, 5, undefined], giving({ publishdate: 99 })).values).toEqual([
      5,
      99,
      5,
      undefined,
    ]);
  });

  it('lets no cascade fill a key the page writes without a value, nor one a [frontmatter] takes from the file name', () => {
    // `date:` empty, a lastmod of its own: dated by its lastmod (as Hugo dates it), no date for publishDate's.
    expect(
      mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [4, -1, 0, -1], empty: ['date'] }, [3, undefined, 3, undefined], giving({ date: 10 })).values,
    ).toEqual([3, undefined, 3, undefined]);
    const sources = { ...FRONT_MATTER_DATE_DEFAULTS, date: [':filename', 'mydate', 'date'] };
    expect(mergeDates(sources, { ranks: [2, -1, -1, -1] }, [5, undefined, undefined, undefined], giving({ mydate: 10 })).values[0]).toBe(10);
    expect(mergeDates(sources, { ranks: [0, -1, -1, -1] }, [5, undefined, undefined, undefined], giving({ mydate: 10 })).values[0]).toBe(5);
  });

  it('keeps the offset of a cascaded date, for a link made from it', () => {
    const offset = mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [-1, -1, -1, -1] }, NONE, () => ({ value: { ms: 1, offset: -300 }, origin: 'x' }));
    expect(offset.dateOffset).toBe(-300);
  });

  it('keeps the offset of the cascaded date only, never that of a cascaded publishDate, lastmod or expiryDate', () => {
    const offsets: Record<string, number> = { date: -300, publishdate: 60, lastmod: 120, expirydate: 180 };
    const byKey = (key: string) => (offsets[key] === undefined ? undefined : { value: { ms: 1, offset: offsets[key] }, origin: 'x' });
    // Every date cascaded: the offset is the one the date was written with, not that of a date merged after it.
    expect(mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [-1, -1, -1, -1] }, NONE, byKey).dateOffset).toBe(-300);
    // A page with a date of its own and the other three cascaded: no offset to make its link with.
    expect(mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [0, -1, -1, -1] }, [5, undefined, undefined, undefined], byKey).dateOffset).toBeUndefined();
  });

  it('never takes a cascaded value for the file name source of a [frontmatter], whatever key the cascade gives', () => {
    const sources = { ...FRONT_MATTER_DATE_DEFAULTS, date: [':filename', 'date'] };
    const anyKey = (key: string) => ({ value: { ms: key === ':filename' ? 1 : 2 }, origin: 'x' });
    expect(mergeDates(sources, { ranks: [-1, -1, -1, -1] }, NONE, anyKey).values[0]).toBe(2);
  });

  it('reads the ranks a page without `dates` has from its states and expiry, and every key of the sources a cascade may give', () => {
    expect(impliedDateSources({ states: 2 | 64, expiresAt: 1 }).ranks).toEqual([0, 0, 0, 0]);
    expect(impliedDateSources({}).ranks).toEqual([0, 3, 2, -1]);
    expect(cascadeDateKeys(FRONT_MATTER_DATE_DEFAULTS)).toEqual([
      'date',
      'publishdate',
      'pubdate',
      'published',
      'lastmod',
      'modified',
      'expirydate',
      'unpublishdate',
    ]);
    expect(cascadeDateKeys({ ...FRONT_MATTER_DATE_DEFAULTS, date: [':filename', 'mydate'] })).toContain('mydate');
    expect(cascadeDateKeys({ ...FRONT_MATTER_DATE_DEFAULTS, date: [':filename', 'mydate'] })).not.toContain(':filename');
  });
});
