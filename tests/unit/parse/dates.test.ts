import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/parse/dates.js';

const utc = (iso: string): number => Date.parse(iso);

describe('parseDate: accepted forms', () => {
  it.each([
    // Wall-clock times read in the site zone (Asia/Shanghai, UTC+8, no DST).
    ['2025-02-10 16:27:09', '2025-02-10T08:27:09Z', false],
    ['2025-02-10T16:27:09', '2025-02-10T08:27:09Z', false],
    ['2025-02-10', '2025-02-09T16:00:00Z', false],
    // Go reads a one-digit hour, and a run of spaces as one.
    ['2025-02-10 9:30:00', '2025-02-10T01:30:00Z', false],
    ['2025-02-10  09:30:00', '2025-02-10T01:30:00Z', false],
    ['2025-02-10T16:27:09.5', '2025-02-10T08:27:09.500Z', false],
    ['2025-02-10T16:27:09,123456789', '2025-02-10T08:27:09.123Z', false],
    // Times with a zone ignore the site zone.
    ['2025-02-10T16:27:09Z', '2025-02-10T16:27:09Z', true, 0],
    ['2025-02-10T16:27:09+08:00', '2025-02-10T08:27:09Z', true, 480],
    ['2025-02-10T16:27:09.999-05:30', '2025-02-10T21:57:09.999Z', true, -330],
    ['2025-02-10 16:27:09 +0800', '2025-02-10T08:27:09Z', true, 480],
    ['2025-02-10 16:27:09 +08:00', '2025-02-10T08:27:09Z', true, 480],
    ['2025-02-10 16:27:09+0800', '2025-02-10T08:27:09Z', true, 480],
    ['2025-02-10 16:27:09Z', '2025-02-10T16:27:09Z', true, 0],
    ['2025-02-10T16:27:09-0700', '2025-02-10T23:27:09Z', true, -420],
    // Go's Time.String: the offset counts, the name after it does not.
    ['2025-02-10 16:27:09.5 +0800 CST', '2025-02-10T08:27:09.500Z', true, 480],
    ['2025-02-10 16:27:09 +0800 AEST', '2025-02-10T08:27:09Z', true, 480],
    ['2025-02-10T9:30:00+08:00', '2025-02-10T01:30:00Z', true, 480],
    ['2025-02-10 09:30:00  +0800', '2025-02-10T01:30:00Z', true, 480],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z', true, 0],
  ] as const)('%s → %s', (input, expected, hadZone, offsetMinutes?: number) => {
    expect(parseDate(input, 'Asia/Shanghai')).toEqual({ ok: true, ms: utc(expected), hadZone, ...(offsetMinutes !== undefined ? { offsetMinutes } : {}) });
  });

  it('reads the reference article date in Asia/Shanghai as 2025-02-10T08:27:09Z', () => {
    expect(parseDate('2025-02-10 16:27:09', 'Asia/Shanghai')).toEqual({ ok: true, ms: Date.UTC(2025, 1, 10, 8, 27, 9), hadZone: false });
  });

  it('accepts the first and the last instant of the years it allows, in UTC and in a zone', () => {
    expect(parseDate('1000-01-01T00:00:00Z', 'UTC')).toMatchObject({ ok: true, ms: Date.UTC(1000, 0, 1) });
    expect(parseDate('9999-12-31T23:59:59.999Z', 'UTC')).toMatchObject({ ok: true, ms: Date.UTC(10000, 0, 1) - 1 });
    // Shanghai's local mean time then was UTC+8:05:43: 08:00 was still 999 in UTC, 09:00 was not.
    expect(parseDate('1000-01-01 08:00:00', 'Asia/Shanghai')).toMatchObject({ ok: false, message: expect.stringMatching(/UTC year 999/) });
    expect(parseDate('1000-01-01 09:00:00', 'Asia/Shanghai')).toMatchObject({ ok: true, ms: Date.UTC(1000, 0, 1, 0, 54, 17) });
    expect(parseDate('9999-12-31 23:59:59', 'Asia/Shanghai')).toMatchObject({ ok: true, ms: Date.UTC(9999, 11, 31, 15, 59, 59) });
  });

  it('reads UTC names without a zone database lookup', () => {
    expect(parseDate('2025-02-10T16:27:09', 'UTC')).toEqual({ ok: true, ms: utc('2025-02-10T16:27:09Z'), hadZone: false });
    expect(parseDate('2025-02-10T16:27:09', 'Etc/UTC')).toEqual({ ok: true, ms: utc('2025-02-10T16:27:09Z'), hadZone: false });
  });

  it('accepts valid JS Dates as they are', () => {
    expect(parseDate(new Date(utc('2025-02-10T08:27:09Z')), 'Asia/Shanghai')).toEqual({ ok: true, ms: utc('2025-02-10T08:27:09Z'), hadZone: true });
  });

  it('takes a Date with only one of the two methods of a TOML date (isLocal, isTime) as a plain Date', () => {
    const ms = utc('2025-02-10T08:27:09Z');
    for (const method of ['isLocal', 'isTime']) {
      const date = Object.assign(new Date(ms), { [method]: () => true });
      expect(parseDate(date, 'Asia/Shanghai'), method).toEqual({ ok: true, ms, hadZone: true });
    }
  });
});

describe('parseDate: e-mail style dates in the forms Hugo reads (RFC 1123, 822, 850, 02 Jan 2006); GMT and UTC as UTC, where Hugo takes the site zone', () => {
  it.each([
    ['Tue, 11 Feb 2025 10:00:00 +0000', '2025-02-11T10:00:00Z', true, 0],
    ['Tue, 11 Feb 2025 10:00:00 -0500', '2025-02-11T15:00:00Z', true, -300],
    ['Thu, 02 Jan 2025 10:00:00 GMT', '2025-01-02T10:00:00Z', true, 0],
    ['tue, 11 feb 2025 10:00:00 +0000', '2025-02-11T10:00:00Z', true, 0],
    ['02 Jan 25 10:00 UTC', '2025-01-02T10:00:00Z', true, 0],
    ['02 Jan 25 10:00 +0800', '2025-01-02T02:00:00Z', true, 480],
    ['02 Jan 69 00:00 GMT', '1969-01-02T00:00:00Z', true, 0],
    ['Thursday, 02-Jan-25 10:00:00 UTC', '2025-01-02T10:00:00Z', true, 0],
    // RFC 850 with an offset: Hugo takes it for a zone name and reads the site zone; the offset written counts here.
    ['Tuesday, 11-Feb-25 10:00:00 +0000', '2025-02-11T10:00:00Z', true, 0],
    ['Tue,  11 Feb 2025 9:30:00 +0000', '2025-02-11T09:30:00Z', true, 0],
    ['02 Jan 25 9:00 UTC', '2025-01-02T09:00:00Z', true, 0],
    // Without a zone: wall-clock time in the site's (Asia/Shanghai).
    ['11 Feb 2025', '2025-02-10T16:00:00Z', false],
    // Go reads a run of spaces as one, anywhere, and checks a weekday's name but not that it is the date's
    // (2024-09-01 was a Sunday): each as Hugo 0.111 dates it.
    ['Tue,  11  Feb  2025  10:00:00  +0000', '2025-02-11T10:00:00Z', true, 0],
    ['02  Jan  25  10:00  UTC', '2025-01-02T10:00:00Z', true, 0],
    ['Thursday,  02-Jan-25  10:00:00  UTC', '2025-01-02T10:00:00Z', true, 0],
    ['11  Feb  2025', '2025-02-10T16:00:00Z', false],
    ['Sat, 01 Sep 2024 00:00:00 +0000', '2024-09-01T00:00:00Z', true, 0],
    ['Tue, 11 Feb 2025 10:00:00 +2359', '2025-02-10T10:01:00Z', true, 1439],
  ] as const)('%s → %s', (text, iso, hadZone, offsetMinutes?: number) => {
    expect(parseDate(text, 'Asia/Shanghai')).toEqual({ ok: true, ms: utc(iso), hadZone, ...(offsetMinutes !== undefined ? { offsetMinutes } : {}) });
  });

  it('takes a fraction of a second after the seconds, as Go does where its layout has none (checked with Hugo 0.111)', () => {
    for (const text of ['Tue, 11 Feb 2025 10:00:00.123456 +0000', 'Tue, 11 Feb 2025 10:00:00,5 +0000', 'Thursday, 11-Feb-25 10:00:00.123456789 UTC']) {
      const result = parseDate(text, 'UTC');
      expect(result).toMatchObject({ ok: true, hadZone: true, offsetMinutes: 0 });
      if (result.ok) expect(Math.floor(result.ms / 1000)).toBe(utc('2025-02-11T10:00:00Z') / 1000);
    }
  });

  it('reads every month abbreviation and weekday name, in any case', () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    expect(months.map((month) => parseDate(`01 ${month.toUpperCase()} 2024`, 'UTC'))).toEqual(
      months.map((_, m) => ({ ok: true, ms: Date.UTC(2024, m, 1), hadZone: false })),
    );
    const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    for (const day of weekdays) {
      expect(parseDate(`${day.slice(0, 3).toLowerCase()}, 01 Jan 2024 00:00:00 +0000`, 'UTC')).toMatchObject({ ok: true, ms: Date.UTC(2024, 0, 1) });
      expect(parseDate(`${day}, 01-Jan-24 00:00:00 UTC`, 'UTC')).toMatchObject({ ok: true, ms: Date.UTC(2024, 0, 1) });
    }
    expect(parseDate('Xyz, 01 Jan 2024 00:00:00 +0000', 'UTC')).toMatchObject({ ok: false });
    expect(parseDate('Tues, 01 Jan 2024 00:00:00 +0000', 'UTC')).toMatchObject({ ok: false });
    expect(parseDate('Thursdays, 01-Jan-24 00:00:00 UTC', 'UTC')).toMatchObject({ ok: false });
  });

  it('says how Hugo writes a full month name, for each month (May is its own abbreviation, and read)', () => {
    const full = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    expect(parseDate('15 May 2024', 'UTC')).toEqual({ ok: true, ms: Date.UTC(2024, 4, 15), hadZone: false });
    const others = full.filter((month) => month !== 'May');
    expect(others.map((month) => parseDate(`15 ${month} 2024`, 'UTC'))).toEqual(
      others.map((month) => ({
        ok: false,
        message: `"15 ${month} 2024" is not a date Hugo reads (it would date the page 0001-01-01): write 2024-${String(full.indexOf(month) + 1).padStart(2, '0')}-15`,
      })),
    );
  });

  it('refuses an e-mail style date with anything before or after it', () => {
    const texts = [
      'xTue, 11 Feb 2025 10:00:00 +0000',
      'Tue, 11 Feb 2025 10:00:00 +0000 x',
      '102 Jan 25 10:00 UTC',
      '02 Jan 25 10:00 UTC 1',
      '1Thursday, 02-Jan-25 10:00:00 UTC',
      'Thursday, 02-Jan-25 10:00:00 UTC 1',
      '111 Feb 2025',
      '11 Feb 20251',
    ];
    expect(texts.map((text) => parseDate(text, 'UTC').ok)).toEqual(texts.map(() => false));
  });

  it('refuses what it cannot read for sure: another zone name, a month that is none, a day that does not exist', () => {
    const message = (text: string): string => {
      const result = parseDate(text, 'Asia/Shanghai');
      return result.ok ? 'ok' : result.message;
    };
    expect(message('Thu, 02 Jan 2025 10:00:00 CST')).toMatch(/zone "CST" .* is ambiguous: write an offset such as \+0800/);
    expect(message('02 Foo 2025')).toMatch(/"Foo" .* is not a month name/);
    expect(message('31 Feb 2025')).toMatch(/day 31 does not exist in February 2025/);
    expect(message('Thu, 02 Jan 2025 25:00:00 GMT')).toMatch(/hour 25 does not exist/);
    expect(message('Thu, 02 Jan 2025 10:00:00 +2400')).toMatch(/out of range/);
  });
});

describe('parseDate: DST in America/New_York, resolved as Hugo (Go time.Date) does', () => {
  it('reads a time skipped by spring-forward with the offset after the change', () => {
    // 2025-03-09 02:30 does not exist in New York. Hugo 0.111 gives 06:30Z (checked with /usr/bin/hugo).
    expect(parseDate('2025-03-09T02:30:00', 'America/New_York')).toEqual({ ok: true, ms: utc('2025-03-09T06:30:00Z'), hadZone: false });
  });

  it('reads a time repeated by fall-back as its first occurrence (EDT)', () => {
    expect(parseDate('2025-11-02T01:30:00', 'America/New_York')).toEqual({ ok: true, ms: utc('2025-11-02T05:30:00Z'), hadZone: false });
  });

  it('reads times either side of the changes with the right offset', () => {
    expect(parseDate('2025-03-09T01:59:59', 'America/New_York')).toMatchObject({ ms: utc('2025-03-09T06:59:59Z') });
    expect(parseDate('2025-03-09T03:00:00', 'America/New_York')).toMatchObject({ ms: utc('2025-03-09T07:00:00Z') });
    expect(parseDate('2025-11-02T02:00:00', 'America/New_York')).toMatchObject({ ms: utc('2025-11-02T07:00:00Z') });
    expect(parseDate('2025-07-01', 'America/New_York')).toMatchObject({ ms: utc('2025-07-01T04:00:00Z') });
  });

  it('handles a gap in a zone east of UTC (Europe/Berlin)', () => {
    expect(parseDate('2025-03-30 02:30:00', 'Europe/Berlin')).toMatchObject({ ok: true, ms: utc('2025-03-30T01:30:00Z') });
  });
});

describe('parseDate: TOML dates (smol-toml)', () => {
  const toml = parseToml('odt = 2025-02-10T16:27:09+08:00\nldt = 2025-02-10T16:27:09\nldt_space = 2025-02-10 16:27:09.250\nld = 2025-02-10\nlt = 16:27:09\n');

  it('takes an offset date-time as an instant', () => {
    expect(parseDate(toml.odt, 'America/New_York')).toEqual({ ok: true, ms: utc('2025-02-10T08:27:09Z'), hadZone: true, offsetMinutes: 480 });
  });

  it('reads a local date-time and a local date in the site zone', () => {
    expect(parseDate(toml.ldt, 'Asia/Shanghai')).toEqual({ ok: true, ms: utc('2025-02-10T08:27:09Z'), hadZone: false });
    expect(parseDate(toml.ldt_space, 'Asia/Shanghai')).toEqual({ ok: true, ms: utc('2025-02-10T08:27:09.250Z'), hadZone: false });
    expect(parseDate(toml.ld, 'Asia/Shanghai')).toEqual({ ok: true, ms: utc('2025-02-09T16:00:00Z'), hadZone: false });
  });

  it('refuses a local date outside the years it allows, saying which year', () => {
    expect(parseDate(parseToml('a = 0999-12-31').a, 'UTC')).toEqual({ ok: false, message: 'year 999 is outside 1000–9999' });
  });

  it('refuses a local time without a date', () => {
    expect(parseDate(toml.lt, 'Asia/Shanghai')).toEqual({ ok: false, message: 'a TOML time without a date is not a date' });
  });
});

// What Hugo 0.111 dates 0001-01-01 (`hugo list all` on a page with each), though an author plainly meant a
// date: refused, saying how to write it, so that no feed shows a page where the site does not (and a
// `:year` permalink is the page's).
describe('parseDate: forms Hugo cannot read are refused with the form it reads', () => {
  it.each([
    ['2025-02-10 16:27', '2025-02-10 16:27:00'],
    ['2025-02-10T16:27', '2025-02-10 16:27:00'],
    ['2025-02-10t16:27:09', '2025-02-10 16:27:09'],
    ['2025-02-10T16:27:09z', '2025-02-10T16:27:09Z'],
    ['2025-02-10T16:27Z', '2025-02-10T16:27:00Z'],
    ['2025-02-10T16:27:09+08', '2025-02-10T16:27:09+08:00'],
    ['2025-02-10T16:27:09 +08:00', '2025-02-10T16:27:09+08:00'],
    ['2025-02-10 16:27:09 -07', '2025-02-10T16:27:09-07:00'],
    ['2025-02-10 16:27:09 Z', '2025-02-10T16:27:09Z'],
    ['2025-02-10T16:27:09.250', undefined],
    ['2025-02-10t16:27:09.250', '2025-02-10 16:27:09.250'],
    ['2025-02-10t16:27:09.05', '2025-02-10 16:27:09.050'],
    ['Tue, 11 Feb 2025 10:00 +0000', '2025-02-11T10:00:00+00:00'],
    ['Tue, 4 Feb 2025 10:00:00 +0000', '2025-02-04T10:00:00+00:00'],
    ['Tue, 4 Feb 2025 10:00:45 +0000', '2025-02-04T10:00:45+00:00'],
    ['Tue, 11 Feb 2025 10:00:00 +00:00', '2025-02-11T10:00:00+00:00'],
    ['Thursday, 02 Jan 2025 10:00:00 UTC', '2025-01-02T10:00:00Z'],
    ['Thu, 02 Jan 25 10:00 UTC', '2025-01-02T10:00:00Z'],
    ['02 Jan 2025 10:00:00 +0800', '2025-01-02T10:00:00+08:00'],
    ['02 Jan 25 10:00:00 UTC', '2025-01-02T10:00:00Z'],
    ['2 January 2025 08:00 +08:00', '2025-01-02T08:00:00+08:00'],
    ['11-Feb-2025 09:30', '2025-02-11 09:30:00'],
    ['11 February 2025', '2025-02-11'],
    ['2 Feb 2025', '2025-02-02'],
    ['11 Feb 25', '2025-02-11'],
    ['  2025-02-10  ', '2025-02-10'],
    ['11 Feb 2025 ', '2025-02-11'],
    ['Tuesday, 11-Feb-25 10:00:00 +08:00', '2025-02-11T10:00:00+08:00'],
    // Runs of spaces, an offset without a colon and a weekday without a comma get the same help.
    ['2025-02-10  16:27', '2025-02-10 16:27:00'],
    ['2025-02-10 16:27 +0800', '2025-02-10T16:27:00+08:00'],
    ['Tue,  4 Feb 2025 10:00:00 +0000', '2025-02-04T10:00:00+00:00'],
    ['Tue 4 Feb 2025 10:00:00 +0000', '2025-02-04T10:00:00+00:00'],
    ['4 Feb 2025  10:00', '2025-02-04 10:00:00'],
    ['4 Feb 2025 10:00  +0000', '2025-02-04T10:00:00+00:00'],
  ])('%s', (text, form) => {
    const result = parseDate(text, 'Asia/Shanghai');
    if (form === undefined) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toEqual({ ok: false, message: `${JSON.stringify(text)} is not a date Hugo reads (it would date the page 0001-01-01): write ${form}` });
    // What it says to write is read, as the same instant the author meant.
    const meant = parseDate(form, 'Asia/Shanghai');
    expect(meant).toMatchObject({ ok: true });
  });

  it('still says first what is impossible in a date Hugo cannot read', () => {
    expect(parseDate('2025-02-30 10:00', 'UTC')).toEqual({ ok: false, message: 'day 30 does not exist in February 2025' });
    expect(parseDate('2 Febr 2025', 'UTC')).toMatchObject({ ok: false, message: expect.stringMatching(/"Febr" .* is not a month name/) });
  });
});

describe('parseDate: refused values', () => {
  it.each([
    ['2025-02-30', /day 30 does not exist in February 2025/],
    ['2023-02-29', /day 29 does not exist in February 2023/],
    ['2025-04-31T10:00:00Z', /day 31 does not exist in April/],
    ['2025-02-00', /day 0 does not exist/],
    ['2025-13-01', /month 13 does not exist/],
    ['2025-00-10', /month 0 does not exist/],
    ['2025-02-10T25:00:00', /hour 25/],
    ['2025-02-10T24:00:00', /hour 24/],
    ['2025-02-10T10:60:00', /minute 60/],
    ['2025-02-10T10:00:60Z', /second 60/],
    ['2025-02-10T10:00:00+24:00', /offset/],
    ['2025-02-10T10:00:00+05:60', /offset/],
    ['0999-12-31', /year 999 is outside 1000–9999/],
    ['10000-01-01', /is not a date/],
    ['9999-12-31T23:00:00-05:00', /UTC year 10000/],
    ['1000-01-01T00:00:00+01:00', /UTC year 999/],
    ['yesterday', /"yesterday" is not a date: write 2025-02-10/],
    // Something around a loose date: no guess at what was meant.
    ['2025-02-10T16:27 trailing', /^"2025-02-10T16:27 trailing" is not a date: write/],
    ['x4 Feb 2025', /^"x4 Feb 2025" is not a date: write/],
    ['4 Feb 2025 x', /^"4 Feb 2025 x" is not a date: write/],
    ['10 Febr 2025', /^"Febr" in "10 Febr 2025" is not a month name$/],
    // The date is named in the forms Hugo reads too (it was named "" there).
    ['Tue, 11 Fbb 2025 10:00:00 +0000', /^"Fbb" in "Tue, 11 Fbb 2025 10:00:00 \+0000" is not a month name$/],
    ['02 Fbb 25 10:00 UTC', /^"Fbb" in "02 Fbb 25 10:00 UTC" is not a month name$/],
    ['Thursday, 02-Fbb-25 10:00:00 UTC', /^"Fbb" in "Thursday, 02-Fbb-25 10:00:00 UTC" is not a month name$/],
    ['11 Fbb 2025', /^"Fbb" in "11 Fbb 2025" is not a month name$/],
    ['Feb 10 2025', /is not a date/],
    ['2025-2-10', /is not a date/],
    // A zone name Go does not take after the offset: Hugo dates the page 0001-01-01.
    ['2025-02-10 16:27:09 +0800 ABCD', /is not a date/],
    ['2025-02-10 16:27:09 +0800 cst', /is not a date/],
    ['2025-02-10T16:27:09+08:00 trailing', /is not a date/],
    ['', /is not a date/],
    ['Invalid Date', /is not a date/],
    ['NaN', /is not a date/],
  ])('%s', (input, message) => {
    const result = parseDate(input, 'Asia/Shanghai');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    [1739176029, /a number is not a date/],
    [Number.NaN, /a number is not a date/],
    [20250210n, /a number is not a date/],
    [true, /true is not a date/],
    [null, /no date given/],
    [undefined, /no date given/],
    [['2025-02-10'], /a list is not a date/],
    [{ date: '2025-02-10' }, /a map is not a date/],
    [new Date(Number.NaN), /the date is invalid/],
    [new Date(Date.UTC(10000, 0, 1)), /UTC year 10000/],
  ])('%s', (input, message) => {
    const result = parseDate(input, 'Asia/Shanghai');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('refuses an unknown time zone rather than guessing', () => {
    expect(parseDate('2025-02-10', 'Mars/Olympus_Mons')).toEqual({ ok: false, message: 'unknown time zone "Mars/Olympus_Mons"' });
    // A date with its own zone needs no site zone.
    expect(parseDate('2025-02-10T00:00:00Z', 'Mars/Olympus_Mons')).toMatchObject({ ok: true });
  });

  it('shortens a long garbage value in the message', () => {
    const result = parseDate('x'.repeat(10_000), 'UTC');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(150);
  });

  it('shows a value of up to 40 characters whole, and the first 40 of a longer one', () => {
    const message = (text: string): string => {
      const result = parseDate(text, 'UTC');
      return result.ok ? 'ok' : result.message;
    };
    expect(message('x'.repeat(40))).toMatch(new RegExp(`^"${'x'.repeat(40)}" is not a date`));
    expect(message('x'.repeat(41))).toMatch(new RegExp(`^"${'x'.repeat(40)}…" is not a date`));
  });
});

describe('the zone a date was written with (what permalink tokens read)', () => {
  it('gives the offset as written, in minutes east of UTC, and none for a wall-clock date', () => {
    const offset = (value: unknown): number | undefined => {
      const result = parseDate(value, 'Asia/Shanghai');
      return result.ok ? result.offsetMinutes : Number.NaN;
    };
    expect(offset('2023-01-01T01:30:00+09:00')).toBe(540);
    expect(offset('2023-01-01T01:30:00-0530')).toBe(-330);
    expect(offset('2023-02-01T03:00:00Z')).toBe(0);
    expect(offset('2023-02-01T03:00:00-00:00')).toBe(0);
    expect(offset('Tue, 11 Feb 2025 10:00:00 +0100')).toBe(60);
    expect(offset('Tue, 11 Feb 2025 10:00:00 GMT')).toBe(0);
    expect(offset(parseToml('a = 2024-03-01T01:00:00+02:00').a)).toBe(120);
    expect(offset(parseToml('a = 2024-03-01T01:00:00Z').a)).toBe(0);
    expect(offset('2023-06-30 23:30:00')).toBeUndefined();
    expect(offset(parseToml('a = 2024-03-01T01:00:00').a)).toBeUndefined();
  });
});
