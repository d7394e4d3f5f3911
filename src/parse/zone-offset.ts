/**
 * UTC offsets of IANA zones, from the runtime's time zone data (Intl). Two `format` calls per zone and
 * hour asked about (a `format` call is about ten times faster than luxon's `IANAZone.offset`, which goes
 * through `formatToParts`).
 */

/** Per zone name: its formatter and the hours answered so far (undefined: not a zone the runtime knows). */
interface Zone {
  readonly format: Intl.DateTimeFormat;
  /** UTC hour → the offset in force all hour, or TRANSITION. */
  readonly hours: Map<number, number>;
}
const zones = new Map<string, Zone | undefined>();
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
  const zone = zoneFor(timeZone);
  if (zone === undefined) return undefined;
  const { format, hours } = zone;
  // Offsets change a few times a year: one answer per zone and UTC hour holds for every instant of that
  // hour whose first and last milliseconds agree (no zone changes twice within an hour). An hour with a
  // change in it is answered instant by instant. A 100,000-article site asked ~300,000 times, ~5 µs each.
  const hour = Math.floor(ms / HOUR);
  let known = hours.get(hour);
  if (known === undefined) {
    const start = exactOffset(format, hour * HOUR);
    known = start !== undefined && start === exactOffset(format, hour * HOUR + HOUR - 1) ? start : TRANSITION;
    if (hours.size >= MAX_HOURS) hours.clear();
    hours.set(hour, known);
  }
  return Number.isNaN(known) ? exactOffset(format, ms) : known;
}

/**
 * The exact offset (as {@link zoneOffsetMinutes} reads it, without its cache) of `timeZone` at any instant,
 * from the runtime's time zone data; undefined when the zone is unknown. What `zoneRules` fingerprints.
 *
 * @example zoneOffsetSource('Asia/Shanghai')?.(Date.UTC(2025, 1, 10)); // 480
 */
export function zoneOffsetSource(timeZone: string): ((ms: number) => number | undefined) | undefined {
  const zone = zoneFor(timeZone);
  if (zone === undefined) return undefined;
  const { format } = zone;
  return (ms) => exactOffset(format, ms);
}

const HOUR = 3_600_000;
/** Marks an hour in which the offset changes. */
const TRANSITION = Number.NaN;
/** Hours remembered per zone (a site's dates span a few years: ~9,000 hours a year). */
const MAX_HOURS = 100_000;

function exactOffset(format: Intl.DateTimeFormat, ms: number): number | undefined {
  const match = OFFSET.exec(format.format(ms));
  if (match === null) return undefined;
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0) / 60;
  return match[1] === '-' ? -minutes : minutes;
}

function zoneFor(timeZone: string): Zone | undefined {
  if (zones.has(timeZone)) return zones.get(timeZone);
  let zone: Zone | undefined;
  try {
    zone = { format: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }), hours: new Map() };
  } catch {
    zone = undefined;
  }
  // Zone names come from the site config: few. Bound the cache anyway.
  if (zones.size < 64) zones.set(timeZone, zone);
  return zone;
}
