/**
 * Front matter dates → epoch milliseconds, strictly. Never NaN, never "Invalid Date", never now.
 */
import type { TomlDate } from 'smol-toml';
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
 * The string forms Hugo 0.111 reads (its `spf13/cast` layouts through Go's `time.Parse`, each checked with
 * `hugo list all`), ISO style: a date alone, or a date, `T` or spaces, and `H:MM:SS` (the hour may have one
 * digit) with an optional fraction (`.` or `,`). After `T` the zone may be `Z`, `±HH:MM` or `±HHMM`; after
 * spaces also spaces and `±HH:MM`, or `±HHMM` and a zone name Go accepts (Go's `Time.String`,
 * `2025-02-10 16:27:09 +0800 CST`: the offset counts). Go reads a run of spaces as one. Anything else, such
 * as a time without seconds or white space around the date, Hugo cannot read: it dates the page 0001-01-01.
 */
const HUGO_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:(T| +)(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(.*))?$/s;
const ZONE_AFTER_T = /^(?:Z|([+-])(\d{2}):?(\d{2}))?$/;
/** A zone abbreviation as Go's `time.Parse` takes one: three capitals, four or five ending in T, `WITA`, `ChST`, `MeST`, or `±HH[MM]`. */
const GO_ZONE_NAME = String.raw`(?:[A-Z]{3}|[A-Z]{3,4}T|WITA|ChST|MeST|[+-]\d{2}(?:\d{2})?)`;
const ZONE_AFTER_SPACE = new RegExp(String.raw`^(?:Z|([+-])(\d{2}):?(\d{2})| +([+-])(\d{2}):(\d{2})| +([+-])(\d{2})(\d{2})(?: +${GO_ZONE_NAME})?)?$`);

/**
 * The e-mail style forms Hugo 0.111 also reads, as Go's layouts have them: RFC 1123 (`Tue, 11 Feb 2025
 * 10:00:00 +0000`, seconds and a weekday required), RFC 822 (`11 Feb 25 10:00 +0000`: a two-digit year, no
 * seconds), RFC 850 (`Tuesday, 11-Feb-25 10:00:00 UTC`) and `11 Feb 2025`. Days have two digits, hours one
 * or two, month and weekday names are English abbreviations (RFC 850: full weekday names), in any case,
 * and spaces may be runs. A zone is `±HHMM` (RFC 850, where Hugo takes it for a name and reads the time
 * in the site's zone, too: feedpub keeps the offset written), or a name where the layout has one.
 */
const RFC1123 = /^([A-Za-z]{3}), +(\d{2}) +([A-Za-z]{3}) +(\d{4}) +(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d{1,9})? +(?:([+-])(\d{2})(\d{2})|([A-Za-z]{3,5}))$/;
const RFC822 = /^(\d{2}) +([A-Za-z]{3}) +(\d{2}) +(\d{1,2}):(\d{2}) +(?:([+-])(\d{2})(\d{2})|([A-Za-z]{3,5}))$/;
const RFC850 = /^([A-Za-z]{6,9}), +(\d{2})-([A-Za-z]{3})-(\d{2}) +(\d{1,2}):(\d{2}):(\d{2})(?:[.,]\d{1,9})? +(?:([+-])(\d{2})(\d{2})|([A-Za-z]{3,5}))$/;
const DAY_MONTH_YEAR = /^(\d{2}) +([A-Za-z]{3}) +(\d{4})$/;

/**
 * What authors write that Hugo does not read, read only to say how to write it: an ISO date with `t`,
 * without seconds, with a zone `±HH` or after a space following `T`; an e-mail style date with a one-digit
 * day, a full month name, no weekday, no seconds or no zone.
 */
const LOOSE_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?: *(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?))?)?$/;
const LOOSE_RFC =
  /^(?:[A-Za-z]{3,9},? +)?(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4}|\d{2})(?: +(\d{2}):(\d{2})(?::(\d{2}))?(?: +(?:([+-])(\d{2}):?(\d{2})|([A-Za-z]{1,5})))?)?$/;

const FORMS = 'write 2025-02-10, 2025-02-10 16:27:09 or 2025-02-10T16:27:09+08:00';

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
  if (isTomlDate(value)) return fromTomlDate(value, timeZone);
  if (value instanceof Date) return inRange(value.getTime(), true);
  if (typeof value === 'string') return fromString(value, timeZone);
  if (typeof value === 'number' || typeof value === 'bigint') return fail(`a number is not a date: ${FORMS}`);
  if (typeof value === 'boolean') return fail(`${String(value)} is not a date: ${FORMS}`);
  if (value === null || value === undefined) return fail(`no date given: ${FORMS}`);
  return fail(`${Array.isArray(value) ? 'a list' : 'a map'} is not a date: ${FORMS}`);
}

/**
 * A smol-toml `TomlDate` (a `Date` with `isLocal` and `isTime`), known by its methods rather than by
 * `instanceof`, so that reading dates does not load the TOML parser: the planner reads the config's cascade
 * with these functions in every run, and the Lambda's cold start leaves the parsers for the first run that
 * needs them (a YAML or JSON date is a plain `Date` or a string, and front matter runs no code that could
 * make another object with these methods).
 */
function isTomlDate(value: unknown): value is TomlDate {
  if (!(value instanceof Date)) return false;
  const date = value as Partial<TomlDate>;
  return typeof date.isLocal === 'function' && typeof date.isTime === 'function';
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

/** A date as written: its fields, its zone, and whether Hugo 0.111 reads it in that form. */
interface Written {
  readonly parts: Parts;
  readonly hasTime: boolean;
  readonly zone: { readonly sign: string; readonly hours: string; readonly minutes: string } | 'utc' | { readonly name: string } | undefined;
  readonly hugo: boolean;
}

function fromString(text: string, timeZone: string): DateResult {
  // White space around a date Hugo does not read (a quoted value): it is said, with the date to write.
  const written = hugoForm(text) ?? looseForm(text.trim());
  if (typeof written === 'string') return fail(written);
  if (written === undefined) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    return fail(`${JSON.stringify(shown)} is not a date: ${FORMS}`);
  }
  const { parts, zone } = written;
  const checked = checkParts(parts);
  if (checked !== undefined) return fail(checked);
  if (zone !== undefined && zone !== 'utc' && 'name' in zone) {
    return fail(`the zone ${JSON.stringify(zone.name)} in ${JSON.stringify(text)} is ambiguous: write an offset such as +0800`);
  }
  const offset = zone === undefined ? undefined : zone === 'utc' ? 0 : zoneOffsetMs(zone.sign, zone.hours, zone.minutes);
  if (typeof offset === 'string') return fail(offset);
  if (!written.hugo) {
    // Hugo would date the page 0001-01-01 (and put it under year 1 in `:year` links): refused, with the form that says the same.
    return fail(`${JSON.stringify(text)} is not a date Hugo reads (it would date the page 0001-01-01): write ${suggested(written)}`);
  }
  return offset === undefined ? fromWallClock(parts, timeZone) : inRange(utcOf(parts) - offset, true, offset / 60_000);
}

/** The same date in the form Hugo reads. */
function suggested({ parts: p, hasTime, zone }: Written): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${p.year}-${two(p.month)}-${two(p.day)}`;
  if (!hasTime) return date;
  const time = `${two(p.hour)}:${two(p.minute)}:${two(p.second)}${p.ms > 0 ? `.${String(p.ms).padStart(3, '0')}` : ''}`;
  if (zone === undefined || (zone !== 'utc' && 'name' in zone)) return `${date} ${time}`;
  return zone === 'utc' ? `${date}T${time}Z` : `${date}T${time}${zone.sign}${zone.hours}:${zone.minutes}`;
}

function isoParts(m: RegExpExecArray, at: number): Parts {
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[at] ?? 0),
    minute: Number(m[at + 1] ?? 0),
    second: Number(m[at + 2] ?? 0),
    ms: Number((m[at + 3] ?? '0').slice(0, 3).padEnd(3, '0')),
  };
}

/** A form Hugo 0.111 reads (see {@link HUGO_ISO} and {@link RFC1123}), or undefined. */
function hugoForm(text: string): Written | string | undefined {
  const iso = HUGO_ISO.exec(text);
  if (iso !== null) {
    const parts = isoParts(iso, 5);
    if (iso[4] === undefined) return { parts, hasTime: false, zone: undefined, hugo: true };
    const tail = iso[9] ?? '';
    const z = (iso[4] === 'T' ? ZONE_AFTER_T : ZONE_AFTER_SPACE).exec(tail);
    if (z === null) return undefined;
    const sign = z[1] ?? z[4] ?? z[7];
    const zone = tail === 'Z' ? 'utc' : sign === undefined ? undefined : { sign, hours: z[2] ?? z[5] ?? z[8] ?? '00', minutes: z[3] ?? z[6] ?? z[9] ?? '00' };
    return { parts, hasTime: true, zone, hugo: true };
  }
  const rfc1123 = RFC1123.exec(text);
  if (rfc1123 !== null && isWeekday(rfc1123[1], 3)) {
    return emailDate(rfc1123[2], rfc1123[3], rfc1123[4], [rfc1123[5], rfc1123[6], rfc1123[7]], rfc1123.slice(8, 12), text);
  }
  const rfc822 = RFC822.exec(text);
  if (rfc822 !== null) return emailDate(rfc822[1], rfc822[2], rfc822[3], [rfc822[4], rfc822[5], '00'], rfc822.slice(6, 10), text);
  const rfc850 = RFC850.exec(text);
  if (rfc850 !== null && isWeekday(rfc850[1], 0))
    return emailDate(rfc850[2], rfc850[3], rfc850[4], [rfc850[5], rfc850[6], rfc850[7]], rfc850.slice(8, 12), text);
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy !== null) return emailDate(dmy[1], dmy[2], dmy[3], undefined, [], text);
  return undefined;
}

/** A date Hugo does not read that says clearly what it means (see {@link LOOSE_ISO}), or undefined. */
function looseForm(text: string): Written | string | undefined {
  const iso = LOOSE_ISO.exec(text);
  if (iso !== null) {
    const zone = iso[8] !== undefined ? 'utc' : iso[9] === undefined ? undefined : { sign: iso[9], hours: iso[10] ?? '00', minutes: iso[11] ?? '00' };
    return { parts: isoParts(iso, 4), hasTime: iso[4] !== undefined, zone, hugo: false };
  }
  const rfc = LOOSE_RFC.exec(text);
  if (rfc === null) return undefined;
  const written = emailDate(rfc[1], rfc[2], rfc[3], rfc[4] === undefined ? undefined : [rfc[4], rfc[5], rfc[6] ?? '00'], rfc.slice(7, 11), text);
  return typeof written === 'string' ? written : { ...written, hugo: false };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A weekday's name, abbreviated to `length` letters (0: in full), in any case, as Go reads it. */
function isWeekday(name: string | undefined, length: number): boolean {
  const lower = name?.toLowerCase();
  return WEEKDAYS.some((day) => (length === 0 ? day : day.slice(0, length)).toLowerCase() === lower);
}

/**
 * An e-mail style date's fields: day, month name, year (Go's rule for two digits: 69–99 are 1969–1999,
 * 00–68 are 2000–2068), the time, and the zone as an offset's sign, hours and minutes or a name. Month
 * names that are none are an error; full names are read (a loose form says how Hugo writes them).
 */
function emailDate(
  day: string | undefined,
  monthName: string | undefined,
  yearText: string | undefined,
  time: readonly (string | undefined)[] | undefined,
  zone: readonly (string | undefined)[],
  text: string,
): Written | string {
  const name = (monthName ?? '').toLowerCase();
  const full = MONTHS.findIndex((m) => name === m.toLowerCase());
  const abbreviated = MONTHS.findIndex((m) => name === m.slice(0, 3).toLowerCase());
  const month = (abbreviated >= 0 ? abbreviated : full) + 1;
  if (month === 0) return `${JSON.stringify(monthName)} in ${JSON.stringify(text)} is not a month name`;
  const written = Number(yearText);
  const year = (yearText ?? '').length === 2 ? (written >= 69 ? 1900 + written : 2000 + written) : written;
  const parts: Parts = { year, month, day: Number(day), hour: Number(time?.[0] ?? 0), minute: Number(time?.[1] ?? 0), second: Number(time?.[2] ?? 0), ms: 0 };
  const [sign, hours, minutes, zoneName] = zone;
  const named = zoneName?.toUpperCase();
  const at =
    sign !== undefined
      ? { sign, hours: hours ?? '00', minutes: minutes ?? '00' }
      : named === undefined
        ? undefined
        : named === 'GMT' || named === 'UTC'
          ? ('utc' as const)
          : { name: zoneName ?? '' };
  return { parts, hasTime: time !== undefined, zone: at, hugo: true };
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

/** `ms` as a date when it falls in `DATE_YEAR_RANGE`: an invalid `Date` (NaN) is refused here. */
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
