/**
 * Hugo shortcode calls (`{{< name args >}}`, `{{% name args %}}`) found in Markdown, as Hugo finds them
 * before rendering (also inside code). Bounded: a call is at most {@link SHORTCODE_MAX} characters, and
 * a scan reads at most a few times the text however it is made.
 */
import type { RefCall } from '../model.js';

/** Longest shortcode call recognized; a `{{<` without a close within this many characters is text. */
const SHORTCODE_MAX = 4096;
const SHORTCODE_PARTS = /^(\/)?\s*([^\s"`/]+(?:\/[^\s"`/]+)*)?([\s\S]*?)(\/)?$/;
const SHORTCODE_PARAM = /(?:([A-Za-z_][\w-]*)\s*=\s*)?("(?:\\.|[^"\\])*"|`[^`]*`|[^\s"`]+)/g;

/** One shortcode call in a text. */
export interface ShortcodeCall {
  /** Where `{{` is. */
  readonly start: number;
  /** Just after the closing `>}}` / `%}}`. */
  readonly end: number;
  readonly open: '<' | '%';
  /** The text between the delimiters, as written (`{{< ref "a" >}}` → ` ref "a" `). */
  readonly raw: string;
  /** Hugo's escape for showing a call literally: its text in a block comment's delimiters (`{{</* x` then the closing delimiter). */
  readonly escaped: boolean;
  /** A closing call (`{{< /highlight >}}`). */
  readonly closing: boolean;
  /** A self-closed call (`{{< highlight go />}}`): it has no inner text, and no closing call ends it. */
  readonly selfClosing: boolean;
  readonly name: string;
  /** Everything after the name. */
  readonly args: string;
}

/** A call's parameters: positional ones in order, named ones by name. */
export interface ShortcodeParams {
  readonly positional: readonly string[];
  readonly named: ReadonlyMap<string, string>;
}

/** Index just after the `>}}` / `%}}` that closes a shortcode opened before `from` (-1: none), and how many characters the scan read. */
function shortcodeEnd(src: string, from: number, close: string): { readonly end: number; readonly scanned: number } {
  const limit = Math.min(src.length, from + SHORTCODE_MAX);
  let quote = '';
  for (let i = from; i < limit; i++) {
    const c = src[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`') {
      quote = c;
    } else if (c === close && src[i + 1] === '}' && src[i + 2] === '}') {
      return { end: i + 3, scanned: i + 3 - from };
    } else if (c === '{' && src[i + 1] === '{') {
      return { end: -1, scanned: i - from };
    }
  }
  return { end: -1, scanned: limit - from };
}

/**
 * The shortcode calls of `src`, in order. Each scan for a close stops within SHORTCODE_MAX characters,
 * but in a text made of `{{<\"` every one would read the next 4 KiB (~4 s a MB): past a budget of a few
 * times the text, the rest is not searched (it stays text).
 *
 * @example [...shortcodeCalls('a {{< ref "b.md" >}} c')].map((c) => c.name) // ['ref']
 */
export function* shortcodeCalls(src: string): Generator<ShortcodeCall> {
  let at = src.indexOf('{{');
  let budget = 4 * src.length + 65_536;
  while (at >= 0) {
    const open = src[at + 2];
    const scan = open === '<' || open === '%' ? shortcodeEnd(src, at + 3, open === '<' ? '>' : '%') : { end: -1, scanned: 0 };
    budget -= scan.scanned;
    if (budget < 0) return;
    const end = scan.end;
    if (end < 0) {
      at = src.indexOf('{{', at + 1);
      continue;
    }
    const raw = src.slice(at + 3, end - 3);
    const inner = raw.trim();
    const escaped = inner.startsWith('/*') && inner.endsWith('*/');
    const [, closing, name = '', args = '', selfClosing] = escaped ? [] : (SHORTCODE_PARTS.exec(inner) ?? []);
    yield {
      start: at,
      end,
      open: open === '<' ? '<' : '%',
      raw,
      escaped,
      closing: closing !== undefined,
      selfClosing: closing === undefined && selfClosing !== undefined,
      name,
      args,
    };
    at = src.indexOf('{{', end);
  }
}

/**
 * A call's parameters, quotes removed (`"..."` with backslash escapes, or raw `` `...` ``).
 *
 * @example shortcodeParams(' "a b" lang="fr"').named.get('lang') // 'fr'
 */
export function shortcodeParams(args: string): ShortcodeParams {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const m of args.matchAll(SHORTCODE_PARAM)) {
    const raw = m[2] ?? '';
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw.startsWith('`') ? raw.slice(1, -1) : raw;
    if (m[1] === undefined) positional.push(value);
    else named.set(m[1], value);
  }
  return { positional, named };
}

// ---------------------------------------------------------------------------------------------------
// ref / relref

/**
 * The URLs an article's `ref` / `relref` calls resolve to, by {@link refKey}: absolute, with the call's
 * `#fragment`. A call not in it names no page the site publishes.
 */
export type ResolvedRefs = ReadonlyMap<string, string>;

/** Most distinct `ref` calls one article's links are resolved for (the manifest records them). */
export const MAX_REFS = 100;
/** Longest `ref` path looked up. */
const MAX_REF_PATH = 1000;

/**
 * The key of a call's target among an article's resolved refs: the same for every call of one page.
 *
 * @example refKey({ path: 'a.md' }) === refKey({ path: 'a.md', lang: undefined }) // true
 */
export function refKey(call: { readonly path: string; readonly lang?: string | undefined }): string {
  return call.lang === undefined ? call.path : `${call.path}\n${call.lang}`;
}

/** The page a `ref` / `relref` call names (Hugo's `path` parameter, else its first), or undefined for another shortcode. */
export function refTarget(call: ShortcodeCall): { readonly path: string; readonly lang?: string } | undefined {
  if (call.escaped || call.closing || (call.name !== 'ref' && call.name !== 'relref')) return undefined;
  const { positional, named } = shortcodeParams(call.args);
  const path = named.get('path') ?? positional[0];
  if (path === undefined || path.length > MAX_REF_PATH) return undefined;
  const lang = named.get('lang');
  return lang === undefined || lang === '' ? { path } : { path, lang };
}

/**
 * The distinct `ref` / `relref` calls of an article's body (the first {@link MAX_REFS}), with their lines,
 * and how many more there were.
 *
 * @param firstLine The line of the body's first line in the file.
 * @example findRefCalls('See [b]({{< ref "b.md" >}}).', 5).calls // [{ path: 'b.md', line: 5 }]
 */
export function findRefCalls(body: string, firstLine: number): { readonly calls: readonly RefCall[]; readonly dropped: number } {
  const calls: RefCall[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  let line = firstLine;
  let counted = 0;
  for (const call of shortcodeCalls(body)) {
    const target = refTarget(call);
    if (target === undefined) continue;
    const key = refKey(target);
    if (seen.has(key)) continue;
    seen.add(key);
    if (calls.length >= MAX_REFS) {
      dropped++;
      continue;
    }
    for (let i = body.indexOf('\n', counted); i >= 0 && i < call.start; i = body.indexOf('\n', i + 1)) line++;
    counted = call.start;
    calls.push({ ...target, line });
  }
  return { calls, dropped };
}

// ---------------------------------------------------------------------------------------------------
// Which shortcodes feedpub renders, and which it removes

/**
 * Hugo 0.111's built-in shortcodes (its `tpl/tplimpl/embedded/templates/shortcodes`, each checked with
 * hugo): feedpub renders each in a feed's way (an embed becomes a link to the post or video). Any other
 * needs a template of the site's (`layouts/shortcodes/`), which feedpub does not run: it is removed.
 */
export const BUILT_IN_SHORTCODES: ReadonlySet<string> = new Set([
  'figure',
  'gist',
  'highlight',
  'instagram',
  'instagram_simple',
  'param',
  'ref',
  'relref',
  'tweet',
  'twitter',
  'twitter_simple',
  'vimeo',
  'vimeo_simple',
  'youtube',
]);

/** Most shortcode names, and `param` keys, one article's problems and params are kept for. */
export const MAX_SHORTCODE_NAMES = 20;
export const MAX_PARAM_KEYS = 100;

/** What an article's shortcodes need beyond `ref`: the `param` keys it shows, and the other shortcodes feedpub removes. */
export interface ShortcodeUses {
  /** Each shortcode removed (not built in), once by name, with the line of its first call (the first {@link MAX_SHORTCODE_NAMES}). */
  readonly removed: readonly { readonly name: string; readonly line: number }[];
  /** How many other names were removed besides. */
  readonly removedBesides: number;
  /** Each key of a `param` call, once, with its first line (the first {@link MAX_PARAM_KEYS}). */
  readonly params: readonly { readonly key: string; readonly line: number }[];
  /** How many other keys there were besides. */
  readonly paramsBesides: number;
}

/**
 * The shortcodes of an article's body feedpub does not render as Hugo does (see {@link ShortcodeUses}).
 *
 * @param firstLine The line of the body's first line in the file.
 * @example findShortcodeUses('{{< note >}}x{{< /note >}} {{< param "a" >}}', 4) // removed: [{ name: 'note', line: 4 }], params: [{ key: 'a', line: 4 }]
 */
export function findShortcodeUses(body: string, firstLine: number): ShortcodeUses {
  const removed: { name: string; line: number }[] = [];
  const params: { key: string; line: number }[] = [];
  const names = new Set<string>();
  const keys = new Set<string>();
  let removedBesides = 0;
  let paramsBesides = 0;
  let line = firstLine;
  let counted = 0;
  const lineOf = (at: number): number => {
    for (let i = body.indexOf('\n', counted); i >= 0 && i < at; i = body.indexOf('\n', i + 1)) line++;
    counted = at;
    return line;
  };
  for (const call of shortcodeCalls(body)) {
    if (call.escaped || call.name === '') continue;
    if (call.name === 'param' && !call.closing) {
      const key = paramKey(call);
      if (key === undefined || keys.has(key)) continue;
      keys.add(key);
      if (params.length < MAX_PARAM_KEYS) params.push({ key, line: lineOf(call.start) });
      else paramsBesides++;
    } else if (!BUILT_IN_SHORTCODES.has(call.name) && !names.has(call.name)) {
      names.add(call.name);
      if (removed.length < MAX_SHORTCODE_NAMES) removed.push({ name: call.name, line: lineOf(call.start) });
      else removedBesides++;
    }
  }
  return { removed, removedBesides, params, paramsBesides };
}

/** The key a `param` call shows (its first parameter), or undefined when it names none. */
export function paramKey(call: ShortcodeCall): string | undefined {
  const key = shortcodeParams(call.args).positional[0];
  return key === undefined || key === '' || key.length > 200 ? undefined : key;
}
