import { describe, expect, it } from 'vitest';
import { zoneOffsetSource } from '../../../src/parse/zone-offset.js';
import { type OffsetAt, offsetChanges, zoneRules, zoneRulesDigest } from '../../../src/parse/zone-rules.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
