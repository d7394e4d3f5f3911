/**
 * A fast path for the YAML that almost every Hugo front matter is: top-level `key: scalar` lines and
 * `key:` followed by a block list of scalars. The `yaml` package spends ~100 µs on a 25-line
 * block; this reads it in a few µs. Anything outside that subset — and anything doubtful — returns
 * `undefined`, and the caller parses with `yaml` instead, so results and errors stay yaml's.
 * A differential property test (tests/unit/parse/parse-simple-yaml.test.ts) pins that both agree.
 */

/** Characters the fast path accepts: printable, no tabs, no C0/C1/DEL, no BOM, no U+2028/9, no U+0085. */
const UNSAFE_CHAR = /[^\n\x20-\x7E\u00A0-\u2027\u202A-\uFEFE\uFF00-\uFFFD]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A top-level key the core schema reads as a string, followed by `:` and a space or the line end. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?= |$)/;
/** Keys the core schema would turn into null or a boolean. */
const NON_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** First character of a plain scalar the fast path accepts. */
const PLAIN_START = /^(?:[A-Za-z0-9_./~(+\u00A0-\uFFFF]|-[^ ])/;

// YAML 1.2 core schema (spec §10.3.2), tested in the same order as the yaml package.
const CORE_NULL = /^(?:~|[Nn]ull|NULL)$/;
const CORE_TRUE = /^(?:[Tt]rue|TRUE)$/;
const CORE_FALSE = /^(?:[Ff]alse|FALSE)$/;
const CORE_OCT = /^0o[0-7]+$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const FAIL = Symbol('fail');
const EMPTY = Symbol('empty');
type Scalar = string | number | boolean | null | unknown[];

/**
 * Parses the simple subset of YAML, or returns `undefined` when the text is outside it.
 * The result has a null prototype; the caller copies it with `toPlainData`.
 *
 * @example
 * parseSimpleYaml('title: "Hi"\ntags:\n  - a\n'); // { title: 'Hi', tags: ['a'] }
 * parseSimpleYaml('a: &x 1\n'); // undefined (anchors are left to the yaml package)
 */
export function parseSimpleYaml(src: string): Record<string, unknown> | undefined {
  if (UNSAFE_CHAR.test(src) || LONE_SURROGATE.test(src)) return undefined;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const seen = new Set<string>();
  let pendingKey: string | undefined;
  let list: unknown[] | undefined;
  let listIndent = -1;
  let start = 0;
  while (start <= src.length) {
    let end = src.indexOf('\n', start);
    if (end === -1) end = src.length;
    const line = src.slice(start, end);
    start = end + 1;

    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    if (indent === line.length || line.charCodeAt(indent) === 0x23 /* # */) continue;

    if (line.charCodeAt(indent) === 0x2d /* - */ && (indent + 1 === line.length || line.charCodeAt(indent + 1) === 0x20)) {
      if (pendingKey === undefined) return undefined;
      if (list === undefined) {
        list = [];
        listIndent = indent;
        out[pendingKey] = list;
      } else if (indent !== listIndent) {
        return undefined;
      }
      const item = readScalar(line.slice(indent + 1));
      if (item === FAIL) return undefined;
      list.push(item === EMPTY ? null : item);
      continue;
    }
    if (indent !== 0) return undefined;

    if (pendingKey !== undefined && list === undefined) out[pendingKey] = null;
    pendingKey = undefined;
    list = undefined;
    const match = KEY_LINE.exec(line);
    const key = match?.[1];
    if (key === undefined || NON_STRING_KEY.test(key) || seen.has(key)) return undefined;
    seen.add(key);
    const value = readScalar(line.slice(key.length + 1));
    if (value === FAIL) return undefined;
    if (value === EMPTY) pendingKey = key;
    else out[key] = value;
  }
  if (pendingKey !== undefined && list === undefined) out[pendingKey] = null;
  return out;
}

/** Reads what follows `key:` or `-` on one line: a quoted or plain scalar, `[]`, or nothing. */
function readScalar(rest: string): Scalar | typeof FAIL | typeof EMPTY {
  if (rest === '') return EMPTY;
  if (rest.charCodeAt(0) !== 0x20) return FAIL;
  let i = 1;
  while (rest.charCodeAt(i) === 0x20) i++;
  const s = rest.slice(i);
  if (s === '' || s.charCodeAt(0) === 0x23 /* # */) return EMPTY;
  const first = s.charCodeAt(0);
  if (first === 0x22 /* " */) {
    const end = doubleQuotedEnd(s);
    if (end === -1 || !isTrailer(s.slice(end + 1))) return FAIL;
    return JSON.parse(s.slice(0, end + 1)) as string;
  }
  if (first === 0x27 /* ' */) {
    const end = singleQuotedEnd(s);
    if (end === -1 || !isTrailer(s.slice(end + 1))) return FAIL;
    return s.slice(1, end).replaceAll("''", "'");
  }
  if (s.startsWith('[]')) return isTrailer(s.slice(2)) ? [] : FAIL;
  const hash = s.indexOf(' #');
  const plain = trimSpacesEnd(hash === -1 ? s : s.slice(0, hash));
  if (!PLAIN_START.test(plain) || plain.includes(': ') || plain.endsWith(':')) return FAIL;
  return resolvePlain(plain);
}

/** Index of the closing quote of a one-line double-quoted scalar with JSON-compatible escapes. */
function doubleQuotedEnd(s: string): number {
  let i = 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c /* \ */) {
      const next = s[i + 1];
      if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i += 2;
        continue;
      }
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
        const code = Number.parseInt(s.slice(i + 2, i + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) return -1;
        i += 6;
        continue;
      }
      return -1;
    }
    i += 1;
  }
  return -1;
}

/** Index of the closing quote of a one-line single-quoted scalar (`''` is an escaped quote). */
function singleQuotedEnd(s: string): number {
  let i = 1;
  while (i < s.length) {
    if (s.charCodeAt(i) === 0x27) {
      if (s.charCodeAt(i + 1) !== 0x27) return i;
      i += 2;
    } else {
      i += 1;
    }
  }
  return -1;
}

/** What may follow a quoted scalar: nothing, spaces, or spaces and a comment. */
function isTrailer(tail: string): boolean {
  if (tail === '') return true;
  if (tail.charCodeAt(0) !== 0x20) return false;
  let i = 1;
  while (tail.charCodeAt(i) === 0x20) i++;
  return i === tail.length || tail.charCodeAt(i) === 0x23;
}

/** Removes trailing spaces only: YAML's white space is space and tab, not Unicode's. */
function trimSpacesEnd(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0x20) end--;
  return s.slice(0, end);
}

function resolvePlain(s: string): string | number | boolean | null {
  if (CORE_NULL.test(s)) return null;
  if (CORE_TRUE.test(s)) return true;
  if (CORE_FALSE.test(s)) return false;
  if (CORE_OCT.test(s)) return Number.parseInt(s.slice(2), 8);
  if (CORE_INT.test(s)) return Number.parseInt(s, 10);
  if (CORE_HEX.test(s)) return Number.parseInt(s.slice(2), 16);
  if (CORE_INF_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (CORE_FLOAT.test(s)) return Number.parseFloat(s);
  return s;
}
