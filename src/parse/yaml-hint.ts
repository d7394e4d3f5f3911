/**
 * What to tell an author whose YAML front matter js-yaml rejected: the column, and for the usual
 * mistakes (an unquoted value holding `: ` or starting with one of YAML's indicators, a quote that does
 * not end the value, a tab in the indentation) what to write instead. Only the failing line is read
 * (for a quote that never closes, the lines back to the one that opened it), each character once.
 */

/** Where to report a YAML error and what to add to js-yaml's reason. */
export interface YamlHint {
  /** Offset into the parsed text of the place to report (the value's start when the hint moved the line). */
  readonly offset: number;
  /** 1-based column of `offset` on its line, or undefined when it says nothing (js-yaml stopped at the end of the text). */
  readonly column: number | undefined;
  /** Why, in parentheses, and what to do, after js-yaml's reason; '' when there is nothing to add. */
  readonly advice: string;
}

/** The longest value quoted whole in a suggestion; a longer one is cut with an ellipsis. */
const MAX_SHOWN = 60;

/**
 * The hint for js-yaml's error `reason` at `position` of `src`.
 *
 * @example
 * yamlHint('\ntitle: Breaking: war ends', 'bad indentation of a mapping entry', 16);
 * // { offset: 16, column: 16, advice: ' (": " inside a value starts a new key); put the value in double quotes: title: "Breaking: war ends"' }
 */
export function yamlHint(src: string, reason: string, position: number): YamlHint {
  const at = Math.min(Math.max(position, 0), src.length);
  const start = lineStart(src, at);
  const column = at - start + 1;
  if (reason.startsWith('tab characters')) return { offset: at, column, advice: '; indent with spaces' };
  const unclosed = /^unexpected end of the (?:stream|document) within a (double|single) quoted scalar$/.exec(reason);
  if (unclosed !== null) {
    const opened = unclosedQuoteBefore(src, start, unclosed[1] === 'double' ? '"' : "'");
    if (opened === undefined) return { offset: at, column: undefined, advice: '' };
    return {
      offset: opened.valueAt,
      column: opened.valueAt - opened.lineAt + 1,
      advice: ` (the quote that opens the value never closes); close the quote: ${opened.prefix}${shown(opened.value)}${opened.value[0]}`,
    };
  }
  if (reason === 'unknown escape sequence') {
    const entry = entryAt(src, start);
    if (entry?.value[0] === '"' && quoteEnd(entry.value, '"') === entry.value.length - 1) {
      const single = entry.value.slice(1, -1).replaceAll("'", "''");
      return { offset: at, column, advice: ` (in double quotes a backslash starts an escape); use single quotes: ${entry.prefix}'${shown(single)}'` };
    }
  }
  // js-yaml stops at the end of the text when a quote or list runs on to it: no column worth naming.
  const endOfText = reason.startsWith('unexpected end of the');
  const entry = entryAt(src, start);
  const advice = entry === undefined ? undefined : adviceFor(entry);
  if (advice !== undefined) return { offset: at, column: endOfText ? undefined : column, advice };
  // The line of the key before the reported one (js-yaml may stop on the line after the value).
  const previous = previousLine(src, start);
  const before = previous === undefined ? undefined : entryAt(src, previous);
  const previousAdvice = before === undefined ? undefined : adviceFor(before, true);
  if (before !== undefined && previousAdvice !== undefined) {
    return { offset: before.valueAt, column: before.valueAt - before.lineAt + 1, advice: previousAdvice };
  }
  return { offset: at, column: endOfText ? undefined : column, advice: '' };
}

/** A `key: value` or `- value` line: what precedes the value as written, and the value. */
interface Entry {
  readonly lineAt: number;
  /** `title: `, `- ` or `- name: ` (without the indentation). */
  readonly prefix: string;
  readonly value: string;
  /** Offset of the value's first character. */
  readonly valueAt: number;
}

/**
 * Why the value cannot be written that way and what to write, or undefined when its shape is not a known
 * mistake. `neverValid`: only for shapes YAML never reads (not `*`, `&`, `!`, `|` or `>`, which a line
 * before the failing one may use on purpose).
 */
function adviceFor(entry: Entry, neverValid = false): string | undefined {
  const { value, prefix } = entry;
  const first = value[0] ?? '';
  const quoted = (why: string, text: string): string => ` (${why}); put the value in double quotes: ${prefix}"${escapeDouble(shown(text))}"`;
  if (first === '"' || first === "'") {
    const close = quoteEnd(value, first);
    if (close === -1 || isBlankOrComment(value.slice(close + 1))) return undefined;
    // "He said "hi"" and 'It's here': the author meant the outer quotes to hold the whole value.
    const meant = value.endsWith(first) && value.length > 1 ? value.slice(1, -1) : value;
    return quoted('the quotes end before the value does', meant);
  }
  if (first === '[' || first === '{') {
    const close = flowEnd(value);
    // Only `[Update] New release`: a list or map that is not closed on its line may go on below.
    if (close === -1 || isBlankOrComment(value.slice(close + 1))) return undefined;
    return quoted(`a value starting with ${first} is a ${first === '[' ? 'list' : 'map'}`, value);
  }
  const indicator = INDICATORS[first];
  if (indicator !== undefined) {
    if (neverValid && '*&!|>'.includes(first)) return undefined;
    if (first === '*' && prefix.startsWith('<<')) return undefined; // a merge key names an alias on purpose
    return quoted(indicator, value);
  }
  if (value.includes(': ') || value.includes(':\t')) return quoted('": " inside a value starts a new key', value);
  if (value.endsWith(':')) return quoted('a ":" at the end of a value starts a new key', value);
  return undefined;
}

const INDICATORS: Readonly<Record<string, string>> = {
  '*': 'a value starting with * names an alias',
  '&': 'a value starting with & names an anchor',
  '!': 'a value starting with ! names a tag',
  '|': 'a value starting with | is a block of text on the lines below',
  '>': 'a value starting with > is a block of text on the lines below',
  '@': 'a value cannot start with @',
  '`': 'a value cannot start with `',
  '%': 'a value cannot start with %',
};

/** The entry written on the line that starts at `at`, or undefined when it is no `key: value` or `- value` line. */
function entryAt(src: string, at: number): Entry | undefined {
  let end = src.indexOf('\n', at);
  if (end === -1) end = src.length;
  let i = at;
  while (src[i] === ' ') i++;
  const prefixAt = i;
  if (src[i] === '-' && (src[i + 1] === ' ' || src[i + 1] === '\t')) {
    i += 2;
    while (src[i] === ' ' || src[i] === '\t') i++;
  }
  const itemAt = i;
  const key = keyEnd(src, i, end);
  if (key !== -1) {
    i = key + 1;
    while (src[i] === ' ' || src[i] === '\t') i++;
  } else if (itemAt === prefixAt) return undefined;
  const value = src.slice(i, end).trimEnd();
  if (value === '' || value[0] === '#') return undefined;
  return { lineAt: at, prefix: `${shown(src.slice(prefixAt, i).trimEnd())} `, value, valueAt: i };
}

/** Offset of the `:` that ends the key starting at `i` (followed by a space, a tab or the line's end), or -1. */
function keyEnd(src: string, i: number, end: number): number {
  const first = src[i];
  if (first === '"' || first === "'") {
    const close = quoteEnd(src.slice(i, end), first);
    if (close === -1) return -1;
    let j = i + close + 1;
    while (src[j] === ' ') j++;
    return src[j] === ':' && (j + 1 === end || src[j + 1] === ' ' || src[j + 1] === '\t') ? j : -1;
  }
  if (first === '#' || first === '[' || first === '{') return -1;
  for (let j = i; j < end; j++) {
    if (src[j] === ':' && (j + 1 === end || src[j + 1] === ' ' || src[j + 1] === '\t')) return j;
    if (src[j] === '#' && src[j - 1] === ' ') return -1;
  }
  return -1;
}

/** Index of the quote that closes the quoted text opening `text` (a `"` not escaped; a `'` not doubled), or -1. */
function quoteEnd(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** Index of the bracket that closes the flow list or map opening `text`, or -1 (quotes inside it are not read). */
function flowEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * The nearest entry at or before the line starting at `from` whose value opens a `quote` that its line
 * does not close: where a quoted value that runs to the end of the text began.
 */
function unclosedQuoteBefore(src: string, from: number, quote: string): Entry | undefined {
  let at: number | undefined = from;
  while (at !== undefined) {
    const entry = entryAt(src, at);
    if (entry !== undefined && entry.value[0] === quote && quoteEnd(entry.value, quote) === -1) return entry;
    at = at === 0 ? undefined : lineStart(src, at - 1);
  }
  return undefined;
}

/** Start of the nearest line before the one starting at `at` that holds more than spaces or a comment. */
function previousLine(src: string, at: number): number | undefined {
  let line = at;
  while (line > 0) {
    line = lineStart(src, line - 1);
    let i = line;
    while (src[i] === ' ') i++;
    if (src[i] !== '\n' && src[i] !== '#' && i < src.length) return line;
  }
  return undefined;
}

/** Whether what follows a closing quote or bracket is nothing or a comment (` # …`). */
function isBlankOrComment(rest: string): boolean {
  const trimmed = rest.trimStart();
  return trimmed === '' || (trimmed[0] === '#' && trimmed.length < rest.length);
}

function lineStart(src: string, at: number): number {
  return at === 0 ? 0 : src.lastIndexOf('\n', at - 1) + 1;
}

function escapeDouble(text: string): string {
  return text.replace(/[\\"]/g, '\\$&');
}

/** `text`, cut to {@link MAX_SHOWN} characters with an ellipsis. */
function shown(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN - 1)}…`;
}
