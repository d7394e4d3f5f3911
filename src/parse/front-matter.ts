/**
 * Finds and parses a file's front matter the way Hugo does: after an optional BOM and blank lines,
 * YAML between `---` lines, TOML between `+++` lines, or a JSON object starting with `{`. Data
 * parsers only — nothing is ever executed — and every result is plain, bounded data.
 */
import { BlockError } from './block-error.js';
import { findJsonEnd } from './find-json-end.js';
import { FrontMatterError } from './front-matter-error.js';
import { FRONT_MATTER_LIMITS } from './front-matter-limits.js';
import { grayMatterData } from './gray-matter-data.js';
import { lineOf } from './line-of.js';
import { parseJsonBlock } from './parse-json-block.js';
import { normalise } from './source-body.js';
import { toPlainData } from './to-plain-data.js';

export { FrontMatterError } from './front-matter-error.js';

/** Which syntax the front matter was written in; `none` when the file has none. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json' | 'none';

/** A file split into its parsed front matter and its body. */
export interface FrontMatter {
  /** Plain data: no prototype tricks, `__proto__`/`constructor`/`prototype` keys dropped. */
  readonly data: Record<string, unknown>;
  /** The text after the front matter, LF line breaks. */
  readonly body: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
  /** Where the body starts in the text (without a BOM, LF line breaks): `body` is the rest from there. */
  readonly bodyStart: number;
  readonly format: FrontMatterFormat;
  /** Raw text of the block (without `---`/`+++` lines; the whole object for JSON), for locating keys. */
  readonly raw: string;
  /** 1-based file line where the block's first content line is. */
  readonly rawLine: number;
}

const OPENERS = { yaml: '---', toml: '+++' } as const;
/** Language names allowed after an opener: the block's own language only. */
const OWN_LANGUAGES = { yaml: new Set(['', 'yaml', 'yml']), toml: new Set(['', 'toml']) } as const;

/**
 * Splits `text` into front matter and body. `text` may still carry a BOM and CRLF line breaks; its
 * size must already be bounded by the caller. Throws {@link FrontMatterError} (and nothing else)
 * with a rule and, where known, the file line.
 *
 * @example
 * const fm = readFrontMatter('---\ntitle: Hi\n---\nBody\n');
 * fm.data.title; // 'Hi'
 * fm.bodyLine; // 4
 */
export function readFrontMatter(text: string): FrontMatter {
  try {
    return split(normalise(text));
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    if (error instanceof BlockError) throw new FrontMatterError(error.rule, error.message, undefined, { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    throw new FrontMatterError('front-matter-syntax', `could not read the front matter: ${message}`, undefined, { cause: error });
  }
}

function split(text: string): FrontMatter {
  // Hugo skips spaces, tabs and line breaks before the front matter.
  let start = 0;
  let line = 1;
  for (;;) {
    const c = text.charCodeAt(start);
    if (c === 0x0a) line++;
    else if (c !== 0x20 && c !== 0x09) break;
    start++;
  }
  const first = text[start];
  if (first === '-' || first === '+') {
    const format = first === '-' ? 'yaml' : 'toml';
    const delimiter = OPENERS[format];
    if (text.startsWith(delimiter, start) && text[start + 3] !== first) {
      return delimited(text, start, line, format);
    }
  } else if (first === '{') {
    return json(text, start, line);
  }
  return { data: {}, body: text, bodyLine: 1, bodyStart: 0, format: 'none', raw: '', rawLine: 1 };
}

/** `---`/`+++` front matter whose opener starts at `start` on file line `openerLine`. */
function delimited(text: string, start: number, openerLine: number, format: 'yaml' | 'toml'): FrontMatter {
  const delimiter = OPENERS[format];
  const openerEnd = text.indexOf('\n', start);
  if (openerEnd === -1) throw unclosed(delimiter, openerLine);
  const language = text.slice(start + 3, openerEnd).trim();
  if (!OWN_LANGUAGES[format].has(language)) {
    throw new FrontMatterError(
      'front-matter-language',
      `front matter language ${JSON.stringify(language.slice(0, 40))} is not supported: use YAML (---), TOML (+++) or JSON ({…})`,
      openerLine,
    );
  }
  // Hugo and gray-matter both close at the first line that starts with the delimiter.
  const closeAt = text.indexOf(`\n${delimiter}`, openerEnd);
  const rawLine = openerLine + 1;
  const maxEnd = openerEnd + 1 + FRONT_MATTER_LIMITS.maxChars;
  if (closeAt === -1) throw unclosed(delimiter, openerLine);
  if (closeAt > maxEnd) throw tooLarge(rawLine);
  const raw = text.slice(openerEnd + 1, Math.max(closeAt, openerEnd + 1));
  const closerLine = closeAt === openerEnd ? rawLine : lineOf(raw, raw.length, rawLine) + 1;
  let closerEnd = text.indexOf('\n', closeAt + 1);
  if (closerEnd === -1) closerEnd = text.length;
  if (text.slice(closeAt + 4, closerEnd).trim() !== '') {
    throw new FrontMatterError(
      'front-matter-delimiter',
      `the closing ${delimiter} line must hold nothing else (found ${JSON.stringify(text.slice(closeAt + 1, closerEnd).slice(0, 40))})`,
      closerLine,
    );
  }
  // gray-matter sees exactly the opener, the block and the closer, and hands the engine "\n" + raw.
  const matterSource = text.slice(openerEnd, closeAt);
  if (mayCostMore(matterSource, FRONT_MATTER_LIMITS.maxBlankRunCost) && blankRunCost(matterSource) > FRONT_MATTER_LIMITS.maxBlankRunCost) {
    throw new FrontMatterError('front-matter-too-large', 'front matter holds too many consecutive blank lines', rawLine);
  }
  // gray-matter looks every input up in its cache (even with options: `matter.cache[input]`); V8 internalizes
  // the key of such a lookup (copies it into its string table: `%DebugPrint` shows the input a thin string
  // after it), and a fresh sliced string costs about twice a whole one (~5 µs against ~2.5 for 600 characters).
  // A head decoded alone (`decodeSourceHead`) is the front matter and the closing line: it goes in whole,
  // its data the same (what follows the closer is gray-matter's content, which is not read).
  const source = start === 0 && closerEnd + 1 === text.length ? text : text.slice(start, closeAt + 4);
  let parsed: unknown;
  try {
    parsed = grayMatterData(source, format);
  } catch (error) {
    throw located(error, matterSource, openerLine, rawLine);
  }
  const data = plainObject(parsed, rawLine, matterSource, openerLine);
  return { data, body: text.slice(closerEnd + 1), bodyLine: closerLine + 1, bodyStart: Math.min(closerEnd + 1, text.length), format, raw, rawLine };
}

/** Hugo's JSON front matter: an object at the start of the file, ending at its matching `}`. */
function json(text: string, start: number, line: number): FrontMatter {
  const found = findJsonEnd(text, start, FRONT_MATTER_LIMITS.maxChars, FRONT_MATTER_LIMITS.maxDepth);
  if (!found.ok) {
    if (found.reason === 'unclosed') {
      throw new FrontMatterError('front-matter-unclosed', 'JSON front matter has no closing }', line);
    }
    if (found.reason === 'too-large') throw tooLarge(line);
    throw new FrontMatterError('front-matter-too-deep', `front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`, lineOf(text, found.offset, 1));
  }
  const raw = text.slice(start, found.end);
  const closerLine = lineOf(raw, raw.length, line);
  let closerEnd = text.indexOf('\n', found.end);
  if (closerEnd === -1) closerEnd = text.length;
  if (text.slice(found.end, closerEnd).trim() !== '') {
    throw new FrontMatterError('front-matter-delimiter', 'the line that closes JSON front matter must hold nothing after the }', closerLine);
  }
  let parsed: unknown;
  try {
    parsed = parseJsonBlock(raw);
  } catch (error) {
    throw located(error, raw, line, line);
  }
  const data = plainObject(parsed, line, raw, line);
  return {
    data,
    body: text.slice(closerEnd + 1),
    bodyLine: closerLine + 1,
    bodyStart: Math.min(closerEnd + 1, text.length),
    format: 'json',
    raw,
    rawLine: line,
  };
}

/**
 * Checks the parsed value is a map and copies it into plain, bounded data. Never null: gray-matter gives `{}`
 * for a YAML or TOML block that is empty or holds only `~` or `null`, and JSON front matter is an object.
 */
function plainObject(parsed: unknown, rawLine: number, source: string, sourceLine: number): Record<string, unknown> {
  if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed instanceof Date) {
    const what = Array.isArray(parsed) ? 'a list' : `a ${parsed instanceof Date ? 'date' : typeof parsed}`;
    throw new FrontMatterError('front-matter-not-object', `front matter must be a map of keys to values, not ${what}`, rawLine);
  }
  try {
    return toPlainData(parsed, FRONT_MATTER_LIMITS.maxDepth, FRONT_MATTER_LIMITS.maxAliasCount) as Record<string, unknown>;
  } catch (error) {
    throw located(error, source, sourceLine, rawLine);
  }
}

/**
 * Translates an engine's error into a FrontMatterError with a line of the file: where the parser
 * says, else the block's first line.
 */
function located(error: unknown, source: string, sourceLine: number, blockLine: number): unknown {
  if (!(error instanceof BlockError)) return error;
  let line = blockLine;
  if (error.offset !== undefined) line = lineOf(source, error.offset, sourceLine);
  else if (error.blockLine !== undefined) line = sourceLine + error.blockLine - 1;
  return new FrontMatterError(error.rule, error.message, line, { cause: error });
}

function unclosed(delimiter: string, line: number): FrontMatterError {
  return new FrontMatterError('front-matter-unclosed', `front matter opened with ${delimiter} is never closed by a ${delimiter} line`, line);
}

function tooLarge(line: number): FrontMatterError {
  return new FrontMatterError('front-matter-too-large', `front matter is larger than ${FRONT_MATTER_LIMITS.maxChars / 1024} KiB`, line);
}

/**
 * Whether `source` is long enough for {@link blankRunCost} to exceed `limit`: a line start is followed by
 * at most the rest of the text, so the cost is at most n + (n − 1) + … + 1 = n(n + 1)/2. Front matter
 * shorter than ~2,000 characters (nearly all) needs no scan.
 */
export function mayCostMore(source: string, limit: number): boolean {
  const n = source.length;
  return (n * (n + 1)) / 2 > limit;
}

/**
 * How many steps gray-matter's `/^\s*#[^\n]+/gm` takes at most on `source`: for every line start,
 * the length of the white space run that follows it (the regex scans it, then backtracks).
 */
export function blankRunCost(source: string): number {
  let cost = 0;
  let run = 0;
  for (let i = source.length - 1; i >= 0; i--) {
    const c = source.charCodeAt(i);
    run = isJsSpace(c) ? run + 1 : 0;
    if (i === 0 || isJsLineTerminator(source.charCodeAt(i - 1))) cost += run;
  }
  return cost;
}

function isJsLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
