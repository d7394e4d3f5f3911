/**
 * UTC offsets of IANA zones, from the runtime's time zone data (Intl). One `format` call per lookup:
 * about ten times faster than luxon's `IANAZone.offset`, which goes through `formatToParts`.
 */

const formats = new Map<string, Intl.DateTimeFormat | undefined>();
const OFFSET = /GMT(?:([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The offset from UTC, in minutes (fractional for historical local mean time), in force in
 * `timeZone` at the instant `ms`; undefined when the zone is unknown.
 *
 * @example
 * zoneOffsetMinutes('Asia/Shanghai', Date.UTC(2025, 1, 10)); // 480
 * zoneOffsetMinutes('America/New_York', Date.UTC(2025, 6, 1)); // -240
 */
export function zoneOffsetMinutes(timeZone: string, ms: number): number | undefined {
  const format = formatFor(timeZone);
  if (format === undefined) return undefined;
  const match = OFFSET.exec(format.format(ms));
  if (match === null) return undefined;
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0) / 60;
  return match[1] === '-' ? -minutes : minutes;
}

function formatFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formats.has(timeZone)) return formats.get(timeZone);
  let format: Intl.DateTimeFormat | undefined;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    format = undefined;
  }
  // Zone names come from the site config: few. Bound the cache anyway.
  if (formats.size < 64) formats.set(timeZone, format);
  return format;
}
