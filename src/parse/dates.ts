/**
 * Front matter dates → epoch milliseconds, strictly. Never NaN, never "Invalid Date", never now.
 */
import { TomlDate } from 'smol-toml';
import { daysInMonth } from './days-in-month.js';
import { zoneOffsetMinutes } from './zone-offset.js';

/**
 * A parsed date, or why the value is not one. `hadZone` is false for wall-clock values; `offsetMinutes` is
 * the zone as written (`+09:00` → 540, `Z` → 0), which Hugo's permalink tokens (`:year`, `:day`) read.
 */
export type DateResult = { ok: true; ms: number; hadZone: boolean; offsetMinutes?: number } | { ok: false; message: string };

/** Years feedpub accepts: four digits, so RSS (RFC 822) and RFC 3339 can print them. */
export const DATE_YEAR_RANGE = { min: 1000, max: 9999 } as const;

/**
 * `YYYY-MM-DD`, optionally followed by `T`, `t` or a space and `HH:MM`, optional `:SS` and fraction,
 * and an optional zone (`Z`, `±HH:MM`, `±HHMM`, `±HH`, optionally after one space).
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: ?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?))?)?$/;

const FORMS = 'write 2025-02-10, 2025-02-10 16:27:09 or 2025-02-10T16:27:09+08:00';

/**
 * The e-mail style dates Hugo also reads (RFC 1123 / RFC 822 / `02 Jan 2006`), common in content exported
 * from other systems: an optional weekday (not checked, as in Go), day, month name, 4- or 2-digit year,
 * optional `HH:MM[:SS]` and zone (`±HHMM`, `GMT`, `UTC`, `UT`, `Z`, or another abbreviation, refused).
 */
const RFC_DATE =
  /^(?:[A-Za-z]{3,9},? +)?(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4}|\d{2})(?: +(\d{2}):(\d{2})(?::(\d{2}))?(?: +(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5})))?)?$/;

/**
 * Parses a front matter date value.
 *
 * - Strings: ISO 8601 / RFC 3339 date-times with or without a zone, a space instead of `T`,
 *   fractional seconds (kept to the millisecond), and dates alone (midnight); and, as Hugo, e-mail style
 *   dates (`Tue, 11 Feb 2025 10:00:00 +0000`, `02 Jan 25 10:00 GMT`, `11 Feb 2025`), whose zone must be an
 *   offset or GMT/UTC (an abbreviation such as CST means different offsets in different places).
 * - smol-toml `TomlDate`s: offset date-time, local date-time, local date (a time alone is refused).
 * - JS `Date`s, when valid.
 * - Numbers, booleans, lists and maps are refused.
 *
 * A value without a zone is wall-clock time in `timeZone` (IANA). A wall-clock time that does not
 * exist (skipped by a DST change) or exists twice resolves as Go's `time.Date`, and so as Hugo:
 * 02:30 on a spring-forward night in New York is read with the offset after the change
 * (→ 06:30Z, 01:30 EST); an hour repeated in autumn is read as its first occurrence.
 * Impossible dates (2025-02-30, 25:00, month 13) and years outside 1000–9999 are errors.
 *
 * @example
 * parseDate('2025-02-10 16:27:09', 'Asia/Shanghai'); // { ok: true, ms: Date.UTC(2025, 1, 10, 8, 27, 9), hadZone: false }
 * parseDate('2025-02-30', 'UTC'); // { ok: false, message: '…day 30 does not exist in February 2025…' }
 */
export function parseDate(value: unknown, timeZone: string): DateResult {
  if (value instanceof TomlDate) return fromTomlDate(value, timeZone);
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return fail('the date is invalid');
    return inRange(ms, true);
  }
  if (typeof value === 'string') return fromString(value.trim(), timeZone);
  if (typeof value === 'number' || typeof value === 'bigint') return fail(`a number is not a date: ${FORMS}`);
  if (typeof value === 'boolean') return fail(`${String(value)} is not a date: ${FORMS}`);
  if (value === null || value === undefined) return fail(`no date given: ${FORMS}`);
  return fail(`${Array.isArray(value) ? 'a list' : 'a map'} is not a date: ${FORMS}`);
}

function fromTomlDate(value: TomlDate, timeZone: string): DateResult {
  if (Number.isNaN(value.getTime()) || value.isTime()) return fail('a TOML time without a date is not a date');
  if (!value.isLocal()) {
    // smol-toml keeps the offset as written in its ISO form (`…+09:00`, `…Z`).
    const zone = /(?:([+-])(\d{2}):(\d{2})|Z)$/.exec(value.toISOString());
    const offset = zone?.[1] === undefined ? 0 : zoneOffsetMs(zone[1], zone[2], zone[3]);
    return inRange(value.getTime(), true, typeof offset === 'number' && zone !== null ? offset / 60_000 : undefined);
  }
  // smol-toml stores local dates and date-times as if they were UTC.
  const parts: Parts = {
    year: value.getUTCFullYear(),
    month: value.getUTCMonth() + 1,
    day: value.getUTCDate(),
    hour: value.getUTCHours(),
    minute: value.getUTCMinutes(),
    second: value.getUTCSeconds(),
    ms: value.getUTCMilliseconds(),
  };
  const checked = checkParts(parts);
  if (checked !== undefined) return fail(checked);
  return fromWallClock(parts, timeZone);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

function fromString(text: string, timeZone: string): DateResult {
  const m = ISO_DATE.exec(text);
  if (m === null) {
    const rfc = RFC_DATE.exec(text);
    if (rfc !== null) return fromRfcDate(rfc, text, timeZone);
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return fail(`${JSON.stringify(shown)} is not a date: ${FORMS}`);
  }
  const parts: Parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    ms: Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')),
  };
  const checked = checkParts(parts);
  if (checked !== undefined) return fail(checked);
  if (m[8] !== undefined || m[9] !== undefined) {
    const offset = m[9] === undefined ? 0 : zoneOffsetMs(m[9], m[10], m[11]);
    return typeof offset === 'string' ? fail(offset) : inRange(utcOf(parts) - offset, true, offset / 60_000);
  }
  return fromWallClock(parts, timeZone);
}

/** An RFC 1123 / 822 style date (see {@link RFC_DATE}), matched. */
function fromRfcDate(m: RegExpExecArray, text: string, timeZone: string): DateResult {
  const name = (m[2] ?? '').toLowerCase();
  const month = MONTHS.findIndex((full) => name === full.toLowerCase() || name === full.slice(0, 3).toLowerCase()) + 1;
  if (month === 0) return fail(`${JSON.stringify(m[2])} in ${JSON.stringify(text)} is not a month name`);
  const written = Number(m[3]);
  // Go's rule for two-digit years: 69–99 are 1969–1999, 00–68 are 2000–2068.
  const year = (m[3] ?? '').length === 2 ? (written >= 69 ? 1900 + written : 2000 + written) : written;
  const parts: Parts = { year, month, day: Number(m[1]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0), ms: 0 };
  const checked = checkParts(parts);
  if (checked !== undefined) return fail(checked);
  const zone = m[10]?.toUpperCase();
  if (zone !== undefined) {
    if (zone !== 'GMT' && zone !== 'UTC' && zone !== 'UT' && zone !== 'Z') {
      return fail(`the zone ${JSON.stringify(m[10])} in ${JSON.stringify(text)} is ambiguous: write an offset such as +0800`);
    }
    return inRange(utcOf(parts), true, 0);
  }
  if (m[7] !== undefined) {
    const offset = zoneOffsetMs(m[7], m[8], m[9]);
    return typeof offset === 'string' ? fail(offset) : inRange(utcOf(parts) - offset, true, offset / 60_000);
  }
  return fromWallClock(parts, timeZone);
}

/** A zone offset (`+`/`-`, hours, minutes as written) in ms, or why it is out of range. */
function zoneOffsetMs(sign: string, hours = '00', minutes = '00'): number | string {
  const h = Number(hours);
  const min = Number(minutes);
  if (h > 23 || min > 59) return `the zone offset ${sign}${hours}:${minutes} is out of range`;
  return (sign === '-' ? -1 : 1) * (h * 60 + min) * 60_000;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why the calendar fields cannot be a date, or undefined when they can. */
function checkParts(p: Parts): string | undefined {
  if (p.year < DATE_YEAR_RANGE.min || p.year > DATE_YEAR_RANGE.max) {
    return `year ${p.year} is outside ${DATE_YEAR_RANGE.min}–${DATE_YEAR_RANGE.max}`;
  }
  if (p.month < 1 || p.month > 12) return `month ${p.month} does not exist`;
  if (p.day < 1 || p.day > daysInMonth(p.year, p.month)) return `day ${p.day} does not exist in ${MONTHS[p.month - 1]} ${p.year}`;
  if (p.hour > 23) return `hour ${p.hour} does not exist (00–23)`;
  if (p.minute > 59) return `minute ${p.minute} does not exist (00–59)`;
  if (p.second > 59) return `second ${p.second} is not supported (00–59)`;
  return undefined;
}

function utcOf(p: Parts): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.ms);
  return d.getTime();
}

const UTC_NAMES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

/** Wall-clock fields in an IANA zone → epoch ms, resolving DST gaps and overlaps as Go does. */
function fromWallClock(p: Parts, timeZone: string): DateResult {
  const wall = utcOf(p);
  if (UTC_NAMES.has(timeZone)) return inRange(wall, false);
  // Offset in force at the wall-clock instant read as UTC; if the instant it gives lies in a period with
  // another offset, use that period's offset instead (Go's time.Date). Each answer is a lookup of the
  // zone's hour (see zoneOffsetMinutes).
  const first = zoneOffsetMinutes(timeZone, wall);
  if (first === undefined) return fail(`unknown time zone ${JSON.stringify(timeZone)}`);
  const second = zoneOffsetMinutes(timeZone, wall - first * 60_000) ?? first;
  return inRange(Math.round(wall - (first === second ? first : second) * 60_000), false);
}

/** The first instant of the first year of `DATE_YEAR_RANGE`, and the first after its last year. */
const FIRST_MS = Date.UTC(DATE_YEAR_RANGE.min, 0, 1);
const AFTER_LAST_MS = Date.UTC(DATE_YEAR_RANGE.max + 1, 0, 1);

function inRange(ms: number, hadZone: boolean, offsetMinutes?: number): DateResult {
  if (!Number.isFinite(ms)) return fail('the date is invalid');
  if (ms < FIRST_MS || ms >= AFTER_LAST_MS) {
    return fail(`the date falls in UTC year ${new Date(ms).getUTCFullYear()}, outside ${DATE_YEAR_RANGE.min}–${DATE_YEAR_RANGE.max}`);
  }
  return offsetMinutes === undefined ? { ok: true, ms, hadZone } : { ok: true, ms, hadZone, offsetMinutes: offsetMinutes + 0 };
}

function fail(message: string): DateResult {
  return { ok: false, message };
}
