/**
 * A site's Hugo config files merged into one config as Hugo 0.111 merges them (checked with `hugo config`):
 * the root file, then `config/_default/`'s files, then `config/production/`'s, each over the ones before.
 * Tables merge key by key at every depth (`[params]` of hugo.toml and `params.toml` give one `params`),
 * keys compared in any case; any other value (a string, a number, a list) replaces the earlier one whole.
 */
import type { Problem } from '../model.js';
import { parseConfigText } from './config-files.js';
import { configDirKeyPath, hugoConfigOrder } from './config-keys.js';
import { UNSAFE_KEYS } from '../parse/to-plain-data.js';
import { isRecord } from '../util/record.js';

export interface MergedConfig {
  /** The merged config, keys as the file that set them last wrote them. */
  readonly hugo: Record<string, unknown>;
  /**
   * The file that set each key last, by its dotted path in lower case (`params.author`), a table's as
   * well as a value's: a table merged from two files is the later one's.
   */
  readonly sources: ReadonlyMap<string, string>;
  /** The files read, in the order merged. */
  readonly files: readonly string[];
  /**
   * A `config-duplicate-key` warning for each key a file writes in two cases with different values, and a
   * `config-overridden` one for each value of the root file that a file of the config folder replaces.
   */
  readonly warnings: readonly Problem[];
}

type Table = Record<string, unknown>;

/**
 * Merges the Hugo config files of `files` (name → text; feedpub.* and other names are left out) in
 * Hugo 0.111's order ({@link hugoConfigOrder}). Throws ConfigError for a file that is no config.
 *
 * @example mergeHugoConfig(new Map([['hugo.toml', 'title = "A"'], ['config/_default/hugo.toml', 'title = "B"']])).hugo.title // 'B'
 */
export function mergeHugoConfig(files: ReadonlyMap<string, string>): MergedConfig {
  const order = hugoConfigOrder(files.keys());
  const hugo: Table = {};
  const sources = new Map<string, string>();
  let root: { readonly file: string; readonly data: Table } | undefined;
  const duplicates: Problem[] = [];
  for (const file of order) {
    const path = configDirKeyPath(file);
    const data = foldCase(parseConfigText(file, files.get(file) ?? ''), path ?? [], file, duplicates);
    if (path === undefined) root = { file, data: structuredClone(data) };
    // `params.fr.toml` is `{ languages: { fr: { params: … } } }`.
    const nested = (path ?? []).reduceRight<Table>((inner, key) => ({ [key]: inner }), data);
    mergeInto(hugo, nested, [], file, sources);
  }
  const warnings = [...duplicates, ...(root === undefined ? [] : overridden(root.data, hugo, [], root.file, sources))];
  return { hugo, sources, files: order, warnings };
}

/**
 * One file's table with each key once in any case, as Hugo 0.111 reads a file that writes a key in two
 * cases (`description` and `Description` of one `[params]`; checked with `hugo config`): it lower-cases the
 * keys one by one, so a spelling other than lower case replaces the lower-case one whole (a `[Params]`
 * table the `[params]` one), while of two or more such spellings (`Description`, `DESCRIPTION`) it keeps one
 * at random. The lower-case spelling is dropped where another is written; two or more others are all kept,
 * read as the last (permalinks refuse them: a config error), until a later file writes the key: its value
 * then replaces (or is merged into) the last, and the others are dropped, as in Hugo. Each key written in
 * two cases with different values gets a `config-duplicate-key` warning saying which is used. `at` is the
 * table's path (written keys).
 */
function foldCase(table: Table, at: readonly string[], file: string, warnings: Problem[]): Table {
  const spellings = new Map<string, string[]>();
  for (const key of Object.keys(table)) {
    const lower = key.toLowerCase();
    const list = spellings.get(lower);
    if (list === undefined) spellings.set(lower, [key]);
    else list.push(key);
  }
  const out: Table = {};
  for (const [lower, keys] of spellings) {
    const kept = keys.length > 1 ? keys.filter((k) => k !== lower) : keys;
    for (const key of kept) {
      const value = table[key];
      out[key] = isRecord(value) ? foldCase(value, [...at, key], file, warnings) : value;
    }
    if (keys.length < 2 || new Set(keys.map((k) => canonical(table[k]))).size < 2) continue;
    const used = kept.at(-1) ?? lower;
    const written = keys.map((k) => `${k} = ${shown(table[k])}`).join(', ');
    const why =
      kept.length === 1
        ? `${used}'s, ${shown(table[used])}, is used, as Hugo 0.111 takes a key written in another case over its lower-case spelling`
        : `feedpub uses the last, ${used}'s, ${shown(table[used])}, where Hugo 0.111 takes one of ${kept.slice(0, -1).join(', ')} and ${used} at random`;
    warnings.push({
      file,
      severity: 'warning',
      rule: 'config-duplicate-key',
      message: `${[...at, used].join('.')}: written ${keys.length === 2 ? 'twice' : `${keys.length} times`} in this file (${written}); ${why}; keep one`,
    });
  }
  return out;
}

/**
 * Each table's keys by their lower case (`title` → `Title`), made once per table and kept up to date by
 * the merge: looking a key up by scanning the table made a merge quadratic in its keys (a `[params]` of
 * 10,000 keys took seconds, and an upload can hold far more).
 */
const KEYS = new WeakMap<Table, Map<string, string>>();
/**
 * The keys (lower case) a table has in more than one spelling: two or more in cases other than lower case,
 * which one file wrote and `foldCase` kept. A later file that writes the key leaves only one of them.
 */
const SPELLINGS = new WeakMap<Table, Set<string>>();

/** The key of `table` that is `key` in any case (of two spellings, the last, the one read). */
function keyOf(table: Table, key: string): string | undefined {
  return keysOf(table).get(key.toLowerCase());
}

function keysOf(table: Table): Map<string, string> {
  let keys = KEYS.get(table);
  if (keys === undefined) keys = indexKeys(table);
  return keys;
}

/** Makes the index of `table`'s keys by their lower case, each to its last spelling (the one read). */
function indexKeys(table: Table): Map<string, string> {
  const keys = new Map<string, string>();
  const spelt = new Set<string>();
  for (const k of Object.keys(table)) {
    const lower = k.toLowerCase();
    if (keys.has(lower)) spelt.add(lower);
    keys.set(lower, k);
  }
  KEYS.set(table, keys);
  if (spelt.size > 0) SPELLINGS.set(table, spelt);
  else SPELLINGS.delete(table);
  return keys;
}

/**
 * Drops the spellings of `lower` in `table` other than `kept`, when it has others: as in Hugo 0.111, a later
 * file's key replaces (or is merged into) the value of the key, whichever spelling one file wrote it in.
 */
function dropOtherSpellings(table: Table, lower: string, kept: string): void {
  const spelt = SPELLINGS.get(table);
  if (spelt === undefined || !spelt.delete(lower)) return;
  for (const k of Object.keys(table)) if (k !== kept && k.toLowerCase() === lower) delete table[k];
}

/** Merges `source` (set by `file`) into `target` as Hugo does, recording in `sources` who set what. */
function mergeInto(target: Table, source: Table, at: readonly string[], file: string, sources: Map<string, string>): void {
  const keys = keysOf(target);
  /** Keys this file writes in another case than the earlier one (`Title` → `title`): renamed in one pass. */
  const renamed = new Map<string, string>();
  for (const [key, value] of Object.entries(source)) {
    // Dropped as parsing drops them inside a file: a config folder's file name can bring one back
    // (`config/_default/__proto__.toml`, `params.__proto__.toml`), and assigned it would set a prototype.
    if (UNSAFE_KEYS.has(key)) continue;
    const lower = key.toLowerCase();
    const path = [...at, lower];
    const existing = keys.get(lower);
    if (existing !== undefined) dropOtherSpellings(target, lower, existing);
    const before = existing === undefined ? undefined : target[existing];
    if (isRecord(before) && isRecord(value)) {
      mergeInto(before, value, path, file, sources);
      sources.set(path.join('.'), file);
      continue;
    }
    // Replaced whole: what the earlier file set below it is gone, and the key is as this file writes it.
    if (isRecord(before)) unmarkSources(before, path, sources);
    const copy = isRecord(value) ? structuredClone(value) : value;
    if (existing === undefined) {
      target[key] = copy;
      keys.set(lower, key);
    } else {
      target[existing] = copy;
      // The spelling of the file's last write of the key (`Title` then `title`: `title`).
      if (existing !== key) renamed.set(existing, key);
      else renamed.delete(existing);
    }
    markSources(copy, path, file, sources);
  }
  if (renamed.size > 0) renameKeys(target, renamed);
}

/** Renames keys in place, in one pass (the order of keys kept: the order of taxonomies is the config's). */
function renameKeys(target: Table, renamed: ReadonlyMap<string, string>): void {
  const entries = Object.entries(target).map(([k, v]): [string, unknown] => [renamed.get(k) ?? k, v]);
  for (const k of Object.keys(target)) delete target[k];
  for (const [k, v] of entries) target[k] = v;
  indexKeys(target);
}

/** Forgets who set what below `path` in a table that is being replaced. */
function unmarkSources(table: Table, path: readonly string[], sources: Map<string, string>): void {
  for (const [k, v] of Object.entries(table)) {
    const below = [...path, k.toLowerCase()];
    sources.delete(below.join('.'));
    if (isRecord(v)) unmarkSources(v, below, sources);
  }
}

function markSources(value: unknown, path: readonly string[], file: string, sources: Map<string, string>): void {
  sources.set(path.join('.'), file);
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) markSources(v, [...path, k.toLowerCase()], file, sources);
}

/** The values of the root file (`root`) the merged config (`merged`) does not have, each as a warning naming both files. */
function overridden(root: Table, merged: Table, at: readonly string[], rootFile: string, sources: ReadonlyMap<string, string>): Problem[] {
  const warnings: Problem[] = [];
  for (const [key, value] of Object.entries(root)) {
    const path = [...at, key];
    const written = keyOf(merged, key);
    const now = written === undefined ? undefined : merged[written];
    if (isRecord(value) && isRecord(now)) {
      warnings.push(...overridden(value, now, path, rootFile, sources));
      continue;
    }
    if (canonical(value) === canonical(now)) continue;
    // Only another file replaces a value of the root file (its own keys in two cases are folded first).
    const winner = sources.get(path.join('.').toLowerCase());
    if (winner === undefined || winner === rootFile) continue;
    warnings.push({
      file: rootFile,
      severity: 'warning',
      rule: 'config-overridden',
      message: `${path.join('.')}: ${shown(value)} here is not used: ${winner} sets ${shown(now)}, and Hugo takes the config folder's value over the root file's (so does feedpub); keep the value in one of the two files`,
    });
  }
  return warnings;
}

/** A value for a message: short JSON, or what a table is. */
function shown(value: unknown): string {
  if (isRecord(value)) return 'a table';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** JSON of a value with its tables' keys in lower case and sorted, for comparing two files' values. */
function canonical(value: unknown): string {
  const normal = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(normal);
    if (!isRecord(v)) return v;
    return Object.fromEntries(
      Object.entries(v)
        .map(([k, x]): [string, unknown] => [k.toLowerCase(), normal(x)])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  };
  return JSON.stringify(normal(value)) ?? 'undefined';
}
