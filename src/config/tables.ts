/**
 * The config's tables as site-config.ts and content-mounts.ts read them: Hugo reads config keys in any
 * case, so each table is read through a copy with its keys in lower case.
 */
import { ConfigError } from '../errors.js';
import { isRecord, recordFrom } from '../util/record.js';

/** The file that set a key (by its dotted path). */
export type FileOf = (key: string) => string;

/**
 * A copy of `table` with its keys in lower case (of two keys alike but for case, the later's value). A key
 * `__PROTO__` (any case) stays a key, as Hugo reads it: assigned, it set the copy's prototype, and what it
 * held read as the table's own settings (`[params.__PROTO__] description` as the site's description).
 *
 * @example lowerKeys({ Title: 'T', BaseURL: 'u' }) // { title: 'T', baseurl: 'u' }
 */
export function lowerKeys(table: Record<string, unknown>): Record<string, unknown> {
  return recordFrom(Object.entries(table).map(([key, value]) => [key.toLowerCase(), value] as const));
}

/**
 * `value` as a table: none (undefined or null) as an empty one; anything else than a table is a
 * ConfigError naming `key`.
 *
 * @example asTable(top.params, 'params', fileOf) // {} without [params]
 */
export function asTable(value: unknown, key: string, fileOf: FileOf): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) throw new ConfigError(key, 'must be a table/object', fileOf(key));
  return value;
}
