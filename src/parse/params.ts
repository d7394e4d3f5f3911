/**
 * Hugo's `param` shortcode (`{{< param "author" >}}`, `{{< param "social.twitter" >}}`), as Hugo 0.111 runs
 * it: the page's front matter value for the key, else the site's `params` (a language's own `params` over
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
 * first, then its dotted parts, each in any case.
 *
 * @example pageParam({ Social: { twitter: 't' } }, 'social.Twitter') // 't'
 */
export function pageParam(data: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const lower = key.toLowerCase();
  const whole = entryOf(data, lower);
  if (whole !== undefined) return paramText(whole);
  let at: unknown = data;
  for (const part of lower.split('.')) {
    if (!isTable(at)) return undefined;
    at = entryOf(at, part);
  }
  return paramText(at);
}

function entryOf(table: Readonly<Record<string, unknown>>, lowerKey: string): unknown {
  for (const [k, v] of Object.entries(table)) if (k.toLowerCase() === lowerKey) return v;
  return undefined;
}

function isTable(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
