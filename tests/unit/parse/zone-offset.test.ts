import { afterEach, describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/parse/dates.js';
import { zoneOffsetMinutes } from '../../../src/parse/zone-offset.js';

const HOUR = 3_600_000;

/**
 * Makes every `Intl.DateTimeFormat` print `text`, as a runtime with other ICU data would: Node 20's prints a
 * zero offset `GMT+00:00`, where CLDR's `gmtZeroFormat` (and newer ICU) prints `GMT`. Each test asks about a
 * zone no other test here asks about, since answers are remembered per zone.
 */
function printAs(text: string): { calls: number } {
  const counted = { calls: 0 };
  const format = (): string => {
    counted.calls++;
    return text;
  };
  // Not a vitest spy: one that records its calls makes the 200,000 calls below take seconds.
  Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', { get: () => format, configurable: true });
  return counted;
}

const FORMAT = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format') as PropertyDescriptor;

afterEach(() => {
  Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', FORMAT);
});

describe('zoneOffsetMinutes', () => {
  it('reads a zero offset printed as GMT alone (CLDR’s form for it) as UTC', () => {
    // Prepare
    printAs('1/15/2025, GMT');
    // Act
    const date = parseDate('2025-01-15 10:00:00', 'Atlantic/Reykjavik');
    // Assess
    expect(date).toEqual({ ok: true, ms: Date.UTC(2025, 0, 15, 10), hadZone: false });
  });

  it('says the zone is unknown rather than guess when the runtime prints no offset it can read', () => {
    // Prepare
    printAs('1/15/2025, Greenwich Mean Time');
    // Act
    const date = parseDate('2025-01-15 10:00:00', 'Africa/Abidjan');
    // Assess
    expect(zoneOffsetMinutes('Africa/Abidjan', Date.UTC(2025, 0, 15))).toBeUndefined();
    expect(date).toEqual({ ok: false, message: 'unknown time zone "Africa/Abidjan"' });
  });

  it('forgets the hours of a zone past 100,000 of them, and answers the same when asked again', () => {
    // Prepare: one hour asked, then 100,000 others (two format calls each, the first and last instant).
    const printed = printAs('1/15/2025, GMT+05:45');
    const first = Date.UTC(2025, 0, 15);
    expect(zoneOffsetMinutes('Asia/Kathmandu', first)).toBe(345);
    for (let h = 1; h <= 100_000; h++) zoneOffsetMinutes('Asia/Kathmandu', first + h * HOUR);
    printed.calls = 0;
    // Act
    const again = zoneOffsetMinutes('Asia/Kathmandu', first);
    // Assess: read again from the runtime, not from a cache that grew without bound.
    expect(again).toBe(345);
    expect(printed.calls).toBe(2);
  });
});
