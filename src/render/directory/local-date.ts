import { zonedParts } from '../../plan/urls.js';
import { formatRfc3339 } from '../formats.js';

/**
 * The calendar date (`YYYY-MM-DD`) of an instant in an IANA time zone. Throws a RangeError for
 * values that are not printable dates, as `formatRfc3339` does.
 *
 * @example
 * localIsoDate(Date.UTC(2024, 0, 1, 20), 'Asia/Shanghai'); // '2024-01-02'
 */
export function localIsoDate(ms: number, timeZone: string): string {
  formatRfc3339(ms);
  const { year, month, day } = zonedParts(ms, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
