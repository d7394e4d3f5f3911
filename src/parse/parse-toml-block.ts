/**
 * TOML front matter → data, with smol-toml: unsafe keys dropped, inline nesting bounded, and the
 * impossible dates smol-toml would roll over (`2025-02-30` → March 2) rejected.
 */
import { parse, TomlError } from 'smol-toml';
import { BlockError } from './block-error.js';
import { daysInMonth } from './days-in-month.js';
import { FRONT_MATTER_LIMITS } from './front-matter-limits.js';

/**
 * Parses one TOML document. Throws {@link BlockError} with the 1-based line smol-toml reports.
 *
 * @example
 * parseTomlBlock('title = "Hi"\ndate = 2025-02-10\n'); // { title: 'Hi', date: TomlDate(2025-02-10) }
 */
export function parseTomlBlock(src: string): unknown {
  checkDateLiterals(src);
  try {
    return parse(src, { maxDepth: FRONT_MATTER_LIMITS.maxDepth, unsafeKeyBehaviour: 'drop', integersAsBigInt: false });
  } catch (error) {
    if (error instanceof TomlError) {
      const message = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
      const rule = /nested/i.test(message) ? 'front-matter-too-deep' : 'front-matter-syntax';
      throw new BlockError(rule, `invalid TOML: ${message}${yamlStyleHint(lineAt(src, error.line))}`, { line: error.line }, { cause: error });
    }
    if (error instanceof Error && /call stack/i.test(error.message)) {
      throw new BlockError('front-matter-too-deep', `front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`, {}, { cause: error });
    }
    throw new BlockError('front-matter-syntax', `invalid TOML: ${String(error)}`, {}, { cause: error });
  }
}

const DATE_LITERAL = /(\d{4})-(\d{2})-(\d{2})/y;
const KEY_CHAR = /[A-Za-z0-9_-]/;

/**
 * Finds date literals outside strings and comments and rejects impossible days of the month,
 * which smol-toml (through `Date`) silently rolls over. Months and times it checks itself.
 */
function checkDateLiterals(src: string): void {
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === '#') {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
    } else if (c === '"' || c === "'") {
      i = stringEnd(src, i, c);
    } else if (c >= '0' && c <= '9' && !KEY_CHAR.test(src[i - 1] ?? ' ') && src[i - 1] !== '.') {
      DATE_LITERAL.lastIndex = i;
      const m = DATE_LITERAL.exec(src);
      if (m !== null && !isKey(src, i + 10)) {
        const year = Number(m[1]);
        const month = Number(m[2]);
        const day = Number(m[3]);
        if (month >= 1 && month <= 12 && (day < 1 || day > daysInMonth(year, month))) {
          throw new BlockError('front-matter-syntax', `invalid TOML: impossible date ${m[0]}`, { offset: i });
        }
      }
      while (i < src.length && KEY_CHAR.test(src[i] ?? '')) i++;
    } else {
      i++;
    }
  }
}

/** A date-time's time after `T` (or `t`): a bare key cannot hold the `:`. */
const TIME_AFTER_T = /[Tt]\d{2}:/y;

/** True when the token that ends at `end` is a key (or not a date at all), not a date value. */
function isKey(src: string, end: number): boolean {
  TIME_AFTER_T.lastIndex = end;
  if (TIME_AFTER_T.test(src)) return false;
  if (KEY_CHAR.test(src[end] ?? ' ')) return true;
  let j = end;
  while (src[j] === ' ' || src[j] === '\t') j++;
  const next = src[j];
  if (next === '=' || next === '.') return true;
  if (next === ']') {
    const lineStart = src.lastIndexOf('\n', end) + 1;
    return src.slice(lineStart, end).trimStart().startsWith('[');
  }
  return false;
}

/** Index just past the string that starts at `start` (basic or literal, one-line or multi-line). */
function stringEnd(src: string, start: number, quote: string): number {
  const triple = quote.repeat(3);
  if (src.startsWith(triple, start)) {
    let i = start + 3;
    while (i < src.length) {
      if (quote === '"' && src[i] === '\\') i += 2;
      else if (src.startsWith(triple, i)) {
        i += 3;
        while (src[i] === quote) i++;
        return i;
      } else i++;
    }
    return src.length;
  }
  let i = start + 1;
  while (i < src.length && src[i] !== '\n') {
    if (quote === '"' && src[i] === '\\') i += 2;
    else if (src[i] === quote) return i + 1;
    else i++;
  }
  return i;
}

/** Line `n` (1-based) of `src`, or '' when there is none (smol-toml's lines are all in it). */
function lineAt(src: string, n: number): string {
  return src.split('\n')[n - 1] ?? '';
}

/**
 * For a line written as YAML (`author: Bob`), how TOML writes it (`; this line looks like YAML (key: value);
 * TOML writes author = "Bob"`); '' for any other line.
 *
 * @example yamlStyleHint('author: Bob'); // '; this line looks like YAML (key: value); TOML writes author = "Bob"'
 */
export function yamlStyleHint(line: string): string {
  const trimmed = line.trim();
  const colon = trimmed.indexOf(':');
  if (colon <= 0 || (colon + 1 < trimmed.length && trimmed[colon + 1] !== ' ' && trimmed[colon + 1] !== '\t')) return '';
  const key = trimmed.slice(0, colon).trimEnd();
  if (!TOML_KEY.test(key)) return '';
  const value = trimmed.slice(colon + 1).trim();
  const shown = `${key} = ${tomlValue(value)}`;
  return `; this line looks like YAML (key: value); TOML writes ${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown}`;
}

/** A bare or dotted key, or one quoted key: what a TOML key may be. */
const TOML_KEY = /^(?:[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|"[^"\\]*"|'[^']*')$/;
const TOML_SCALAR = /^(?:true|false|[+-]?\d+(?:\.\d+)?|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)$/;

/** A YAML value as TOML writes it: text quoted, numbers, booleans and dates as they are, a flat list item by item. */
function tomlValue(value: string): string {
  if (value.startsWith('"') || value.startsWith("'") || TOML_SCALAR.test(value)) return value;
  if (value.startsWith('[') && value.endsWith(']') && !/[[\]{}"']/.test(value.slice(1, -1))) {
    const items = value
      .slice(1, -1)
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return `[${items.map(tomlValue).join(', ')}]`;
  }
  return JSON.stringify(value);
}
