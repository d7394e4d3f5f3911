import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneOffsetSource } from '../../../src/parse/zone-offset.js';
import { type OffsetAt, offsetChanges, zoneRules, zoneRulesDigest } from '../../../src/parse/zone-rules.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The span offsetChanges samples, and its step: 1900-01-01 to 2101-01-01, every six days. */
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2101, 0, 1);
const STEP = 6 * DAY;

/** A zone's offsets from its changes, `[instant, offset from then]` in order. */
function zone(initial: number, changes: readonly (readonly [number, number])[]): OffsetAt {
  return (ms) => {
    let offset = initial;
    for (const [at, next] of changes) {
      if (ms < at) break;
      offset = next;
    }
    return offset;
  };
}

/** The `n`th Sunday (1-based) of a month, at `hour` UTC. */
function sunday(year: number, month: number, n: number, hour: number): number {
  const first = Date.UTC(year, month - 1, 1);
  const weekday = new Date(first).getUTCDay();
  return first + (((7 - weekday) % 7) + (n - 1) * 7) * DAY + hour * HOUR;
}

/** The last Sunday of a month, at `hour` UTC. */
function lastSunday(year: number, month: number, hour: number): number {
  const last = Date.UTC(year, month, 0);
  return last - new Date(last).getUTCDay() * DAY + hour * HOUR;
}

/**
 * Summer time as in North America since 2007 (at −8: from the second Sunday of March 10:00Z to the first
 * of November 09:00Z), from 1950; kept all year from `permanentFrom` on, as British Columbia does from 2026.
 */
function pacific(permanentFrom = 9999): (readonly [number, number])[] {
  const changes: (readonly [number, number])[] = [];
  for (let year = 1950; year <= 2100; year++) {
    changes.push([sunday(year, 3, 2, 10), -420]);
    if (year >= permanentFrom) break;
    changes.push([sunday(year, 11, 1, 9), -480]);
  }
  return changes;
}

/** Summer time as in Moldova: the last Sundays of March and October, at `hour` UTC (Moldova moved it from 00:00Z to 01:00Z in 2022 in tzdata). */
function moldova(hour: (year: number) => number): (readonly [number, number])[] {
  const changes: (readonly [number, number])[] = [];
  for (let year = 1997; year <= 2100; year++) {
    changes.push([lastSunday(year, 3, hour(year)), 180], [lastSunday(year, 10, hour(year)), 120]);
  }
  return changes;
}

/** Each six days of the samples whose ends have different offsets: `[start, end, offset at the start]`. */
function windowsWithChanges(offsetAt: OffsetAt): [number, number, number | undefined][] {
  const windows: [number, number, number | undefined][] = [];
  for (let t = FROM; t < TO; t = Math.min(t + STEP, TO)) {
    const next = Math.min(t + STEP, TO);
    if (offsetAt(t) !== offsetAt(next)) windows.push([t, next, offsetAt(t)]);
  }
  return windows;
}

/** A zone's changes as `[instant, offset]` from zone offsets after 1900, each unlike the one before. */
function changesOf(steps: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const offsets = [0, 60, 120, -300, 330];
  const changes: (readonly [number, number])[] = [];
  let t = FROM;
  let last = 0;
  for (const [gap, pick] of steps) {
    t += gap;
    const offset = offsets[pick] === last ? last + 30 : (offsets[pick] as number);
    if (t < TO) changes.push([t, offset]);
    last = offset;
  }
  return changes;
}

/** Changes in bursts: after 5 to 400 days, one at an hour changes are often at (or a little after), then up to three more within two days. */
const bursts = fc
  .array(
    fc.tuple(
      fc.integer({ min: 5, max: 400 }).map((days) => days * DAY),
      fc.constantFrom(0, 1, 2, 10, 23).map((hour) => hour * HOUR),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: HOUR })),
      fc.array(fc.oneof(fc.constantFrom(1, MINUTE, HOUR - MINUTE, HOUR, 3 * HOUR, 23 * HOUR, 25 * HOUR, 2 * DAY), fc.integer({ min: 1, max: 2 * DAY })), {
        maxLength: 3,
      }),
      fc.array(fc.nat({ max: 4 }), { minLength: 4, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map((list) => {
    const steps: [number, number][] = [];
    let at = FROM;
    for (const [after, hour, late, then, picks] of list) {
      const start = Math.floor((at + after) / DAY) * DAY + hour + late;
      steps.push([start - at, picks[0] as number]);
      at = start;
      then.forEach((gap, k) => {
        steps.push([gap, picks[k + 1] as number]);
        at += gap;
      });
    }
    return changesOf(steps);
  });

/** The changes of the shrunk cases that each broke one way of narrowing (mutation testing), as instant and offset. */
const NARROWING_CASES = [
  [
    ['1900-01-06T00:00:00.001Z', 30],
    ['1900-05-09T23:00:00.000Z', 0],
    ['1900-05-09T23:00:00.001Z', 30],
    ['1900-05-09T23:59:59.999Z', 0],
    ['1900-05-10T00:00:00.000Z', 120],
    ['1900-08-04T23:00:24.822Z', 0],
    ['1900-08-05T00:00:00.001Z', 120],
  ],
  [
    ['1900-02-24T10:00:00.000Z', 30],
    ['1900-02-25T09:00:00.000Z', 0],
    ['1900-07-08T00:00:00.001Z', 30],
    ['1901-02-05T00:00:00.001Z', 0],
    ['1901-02-06T03:01:02.866Z', 30],
    ['1901-02-08T00:01:00.001Z', 60],
    ['1901-10-04T23:00:00.000Z', 0],
    ['1901-10-04T23:00:00.001Z', 30],
    ['1901-10-05T00:00:00.001Z', 0],
    ['1901-10-10T00:00:00.000Z', 60],
  ],
  [
    ['1900-01-06T00:00:00.000Z', 30],
    ['1900-01-07T01:00:00.000Z', 0],
    ['1900-01-12T10:00:00.000Z', 30],
    ['1900-01-12T10:00:00.001Z', 0],
    ['1900-01-13T21:00:00.000Z', 30],
    ['1900-01-14T00:00:00.000Z', -300],
    ['1900-01-19T01:00:00.001Z', 0],
    ['1900-01-20T00:00:00.001Z', -300],
    ['1900-01-20T01:00:00.001Z', 0],
    ['1900-01-25T00:00:00.001Z', 30],
  ],
  [
    ['1900-01-08T00:00:00.001Z', 30],
    ['1900-01-09T00:00:00.000Z', 0],
    ['1900-07-16T23:00:00.000Z', 30],
    ['1900-07-17T00:00:00.000Z', 60],
    ['1900-11-23T00:00:00.000Z', 0],
    ['1901-02-02T00:00:00.000Z', 120],
    ['1901-02-18T02:00:00.000Z', 0],
    ['1901-02-19T00:00:00.001Z', 120],
  ],
  [
    ['1900-01-25T23:01:00.001Z', 30],
    ['1900-11-19T23:00:00.001Z', 0],
    ['1900-11-20T00:00:00.000Z', 60],
    ['1900-12-02T23:02:00.001Z', 0],
    ['1900-12-03T00:00:00.001Z', 30],
    ['1900-12-08T00:00:00.000Z', 60],
  ],
].map((changes) => changes.map(([at, offset]): readonly [number, number] => [Date.parse(at as string), offset as number]));

describe('offsetChanges', () => {
  it('lists a zone without changes as its one offset', () => {
    expect(offsetChanges(() => 480)).toEqual([480]);
    expect(offsetChanges(() => undefined)).toEqual([null]);
  });

  it('finds every change of a zone with summer time, at its minute', () => {
    const changes = pacific();
    expect(offsetChanges(zone(-480, changes))).toEqual([-480, ...changes.flat()]);
  });

  it('finds a change at an odd minute and second, at the first minute after it (local mean time ending)', () => {
    const at = Date.UTC(1912, 0, 1, 8, 12, 28);
    expect(offsetChanges(zone(-492.4666, [[at, -480]]))).toEqual([-492.4666, Date.UTC(1912, 0, 1, 8, 13), -480]);
  });

  it('finds a break from summer time shorter than a month (Ramadan in Morocco)', () => {
    const changes = [
      [Date.UTC(2012, 3, 29, 2), 60],
      [Date.UTC(2012, 6, 20, 2), 0],
      [Date.UTC(2012, 7, 20, 1), 60],
      [Date.UTC(2012, 8, 30, 2), 0],
    ] as const;
    expect(offsetChanges(zone(0, changes))).toEqual([0, ...changes.flat()]);
  });

  it('finds a break of six days wherever it falls between two samples (Ramadan in Gaza, 2054)', () => {
    for (let hours = 0; hours < 6 * 24; hours += 5) {
      const from = Date.UTC(2054, 2, 28) + hours * HOUR;
      const changes = [
        [from, 180],
        [from + 6 * DAY, 120],
      ] as const;
      expect(offsetChanges(zone(120, changes)), `from ${hours} h`).toEqual([120, ...changes.flat()]);
    }
  });

  it('sees the six-day Ramadan break of Asia/Gaza in 2054 in the runtime tzdata', () => {
    const source = zoneOffsetSource('Asia/Gaza');
    if (source === undefined) throw new Error('no Asia/Gaza');
    // tzdata 2025c (Node 20) and 2026e (Node 24): summer time from 28 March, kept until Ramadan, 6 days 23 hours on.
    const changes = offsetChanges(source);
    const at = changes.indexOf(Date.UTC(2054, 2, 28));
    expect(at).toBeGreaterThan(0);
    expect(changes.slice(at, at + 4)).toEqual([Date.UTC(2054, 2, 28), 180, Date.UTC(2054, 2, 28) + 167 * HOUR, 120]);
  });

  it('finds every change of a zone whose changes are six days or more apart, at its minute, at any time of day (property)', () => {
    const steps = fc.array(fc.tuple(fc.integer({ min: STEP, max: 400 * DAY }), fc.nat({ max: 4 })), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(steps, (list) => {
        const changes = changesOf(list);
        const atMinute = (at: number): number => FROM + Math.ceil((at - FROM) / MINUTE) * MINUTE;
        expect(offsetChanges(zone(0, changes))).toEqual([0, ...changes.flatMap(([at, offset]) => [atMinute(at), offset])]);
      }),
      { numRuns: 50 },
    );
  });

  it('narrows each change it sees to a minute where the offset leaves the one before, however close the changes (property)', () => {
    const narrowsEach = (changes: readonly (readonly [number, number])[]): void => {
      const offsetAt = zone(0, changes);
      const found = offsetChanges(offsetAt);
      const windows = windowsWithChanges(offsetAt);
      expect(found).toHaveLength(1 + 2 * windows.length);
      windows.forEach(([start, end, before], k) => {
        const at = found[1 + 2 * k] as number;
        const where = `the change found between ${new Date(start).toISOString()} and ${new Date(end).toISOString()}`;
        expect(at > start && at <= end && (at - FROM) % MINUTE === 0, where).toBe(true);
        expect([offsetAt(at - MINUTE), offsetAt(at) !== before, found[2 + 2 * k]], where).toEqual([before, true, offsetAt(at)]);
      });
    };
    for (const changes of NARROWING_CASES) narrowsEach(changes);
    fc.assert(fc.property(bursts, narrowsEach), { numRuns: 100 });
  });

  it('asks for ~14,000 offsets for 1900 to 2100 of a zone with summer time: one per six days, and a few per change', () => {
    let calls = 0;
    const offsets = zone(-480, pacific());
    offsetChanges((ms) => {
      calls++;
      return offsets(ms);
    });
    // The samples are 12,237; bisection to the minute would be ~15 more per change, the guesses ~7.
    expect(calls).toBeLessThan(14_500);
  });
});

describe('zoneRulesDigest', () => {
  it('is the same for the same rules', () => {
    expect(zoneRulesDigest(zone(-480, pacific()))).toBe(zoneRulesDigest(zone(-480, pacific())));
    expect(zoneRulesDigest(zone(-480, pacific()))).toMatch(/^z2-[0-9a-f]{16}$/);
  });

  it('tells apart a zone that keeps summer time from 2026 from one that does not (British Columbia)', () => {
    expect(zoneRulesDigest(zone(-480, pacific(2026)))).not.toBe(zoneRulesDigest(zone(-480, pacific())));
  });

  it('tells apart rules that differ only in the hour of their changes (Moldova since 2022)', () => {
    const before = moldova(() => 0);
    const after = moldova((year) => (year >= 2022 ? 1 : 0));
    expect(before).toHaveLength(after.length);
    expect(zoneRulesDigest(zone(120, after))).not.toBe(zoneRulesDigest(zone(120, before)));
  });

  it('tells apart rules that differ only by a break of one week from summer time', () => {
    const summer: (readonly [number, number])[] = [];
    for (let year = 1990; year <= 2100; year++) summer.push([Date.UTC(year, 3, 1), 180], [Date.UTC(year, 9, 1), 120]);
    const from = Date.UTC(2030, 5, 10);
    const broken = [...summer.filter(([at]) => at < from), [from, 120] as const, [from + 7 * DAY, 180] as const, ...summer.filter(([at]) => at > from)];
    expect(zoneRulesDigest(zone(120, broken))).not.toBe(zoneRulesDigest(zone(120, summer)));
  });

  it('tells apart rules that differ only after 2090', () => {
    const changes = pacific();
    const moved = changes.map(([at, offset]): readonly [number, number] => [at >= Date.UTC(2090, 0, 1) ? at + HOUR : at, offset]);
    expect(zoneRulesDigest(zone(-480, moved))).not.toBe(zoneRulesDigest(zone(-480, changes)));
  });
});

describe('zoneRules', () => {
  it('is the digest of the zone as this runtime reads its offsets, the same on every call', () => {
    const source = zoneOffsetSource('Asia/Shanghai');
    if (source === undefined) throw new Error('no Asia/Shanghai');
    expect(zoneRules('Asia/Shanghai')).toBe(zoneRulesDigest(source));
    expect(zoneRules('Asia/Shanghai')).toBe(zoneRules('Asia/Shanghai'));
  });

  it('is the same for names of one zone, and differs for zones with different rules', () => {
    expect(zoneRules('Asia/Chongqing')).toBe(zoneRules('Asia/Shanghai'));
    expect(zoneRules('Etc/UTC')).toBe(zoneRules('UTC'));
    const digests = ['UTC', 'Asia/Shanghai', 'Asia/Tokyo', 'Europe/Berlin', 'America/New_York', 'America/Vancouver', 'Africa/Casablanca'].map(zoneRules);
    expect(new Set(digests).size).toBe(digests.length);
  });

  it('says unknown for a zone the runtime does not know', () => {
    expect(zoneRules('Nowhere/Atlantis')).toBe('unknown');
  });
});
