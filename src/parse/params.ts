/**
 * Hugo's `param` shortcode (`{{< param "author" >}}`, `{{< param "social.twitter" >}}`), as Hugo 0.111 runs
 * it: the page's front matter value for the key (its `params` table's first, as Hugo 0.123 reads it), else the site's `params` (a language's own `params` over
 * the site's), keys in any case, a dotted key looking into tables; shown only when it is not empty, zero or
 * false (the template's `with`: Hugo stops the build with `Param "x" not found` otherwise). Checked with hugo.
 */

/** A param's value as the shortcode prints it: `[a b]` for a list; undefined for one it does not show (see above). */
export function paramText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return value === 0 || !Number.isFinite(value) ? undefined : String(value);
  if (typeof value === 'boolean') return value ? 'true' : undefined;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return `[${value.map(String).join(' ')}]`;
  }
  // A table, a date object, null: not shown (Hugo would print a Go map or time).
  return undefined;
}

/** Deepest table of params read, and most values kept from one table of params. */
const MAX_PARAM_DEPTH = 8;
const MAX_PARAM_VALUES = 10_000;

/**
 * A table of params (the site's `[params]`, a language's) as the `param` shortcode reads it: each value it
 * shows by its dotted path in lower case (`social.twitter`), in a stable order.
 *
 * @example flattenParams({ Author: 'A', Social: { Twitter: 't' } }) // [['author', 'A'], ['social.twitter', 't']]
 */
export function flattenParams(record: Readonly<Record<string, unknown>>): [string, string][] {
  const out = new Map<string, string>();
  const walk = (table: Readonly<Record<string, unknown>>, prefix: string, depth: number): void => {
    for (const [key, value] of Object.entries(table)) {
      if (out.size >= MAX_PARAM_VALUES) return;
      const path = `${prefix}${key.toLowerCase()}`;
      if (isTable(value)) {
        if (depth < MAX_PARAM_DEPTH) walk(value, `${path}.`, depth + 1);
        continue;
      }
      const text = paramText(value);
      if (text !== undefined && !out.has(path)) out.set(path, text);
    }
  };
  walk(record, '', 0);
  return [...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * A page's front matter value for a param key, as Hugo's `GetNestedParam` finds it: the key as a whole
 * first, then its dotted parts, each in any case. A key of the front matter's `params` table (Hugo 0.123:
 * `params: {author: …}`) is the page's param, over one at the top, as in Hugo's `.Params`.
 *
 * @example pageParam({ Social: { twitter: 't' } }, 'social.Twitter') // 't'
 * @example pageParam({ author: 'Top', params: { Author: 'Guest' } }, 'author') // 'Guest'
 */
export function pageParam(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const lower = key.toLowerCase();
  const own = entryOf(data, 'params');
  const tables = isTable(own) ? [own, data] : [data];
  const first = (part: string): unknown => {
    for (const table of tables) {
      const value = entryOf(table, part);
      if (value !== undefined && value !== null) return value;
    }
    return undefined;
  };
  const whole = first(lower);
  if (whole !== undefined) return paramText(whole);
  const [head = '', ...rest] = lower.split('.');
  let at: unknown = first(head);
  for (const part of rest) {
    if (!isTable(at)) return undefined;
    at = entryOf(at, part);
  }
  return paramText(at);
}

function entryOf(table: Readonly<Record<string, unknown>>, lowerKey: string): unknown {
  let index = tableIndexes.get(table);
  if (index === undefined) {
    // The first of keys that differ only in case, as a scan in order finds it.
    index = new Map();
    for (const [k, v] of Object.entries(table)) if (!index.has(k.toLowerCase())) index.set(k.toLowerCase(), v);
    tableIndexes.set(table, index);
  }
  return index.get(lowerKey);
}

/** Each front matter table's entries by key in lower case, made the first time a key is looked up in it. */
const tableIndexes = new WeakMap<object, Map<string, unknown>>();

/**
 * A site's or language's param value for a key (`SiteConfig.params`, `flattenParams`'s pairs), in any case.
 * A site has up to 10,000 values, an article up to 100 keys: the pairs are put in a Map the first time a
 * key is looked up in them, once per site or language, not searched for each key.
 *
 * @example siteParam([['social.twitter', 't']], 'Social.Twitter') // 't'
 */
export function siteParam(params: readonly (readonly [string, string])[] | undefined, key: string): string | undefined {
  if (params === undefined) return undefined;
  let index = siteIndexes.get(params);
  if (index === undefined) {
    index = new Map();
    for (const [k, v] of params) if (!index.has(k)) index.set(k, v);
    siteIndexes.set(params, index);
  }
  return index.get(key.toLowerCase());
}

/** The Map of each site's and language's params (a SiteConfig lives for a run, or a warm function's runs). */
const siteIndexes = new WeakMap<readonly (readonly [string, string])[], Map<string, string>>();

function isTable(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
