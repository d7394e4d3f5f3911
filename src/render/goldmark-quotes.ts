import type MarkdownIt from 'markdown-it';
import type { StateCore, StateInline, Token } from 'markdown-it';
import { codePointBefore, isPunct as isGoldmarkPunct } from './goldmark-emphasis.js';

/**
 * Curly quotes as Hugo 0.111's goldmark typographer makes them, in place of markdown-it's `smartquotes`:
 * goldmark decides each quote where it stands, by the characters of the source around it and the quotes
 * left open before it in the same block, where `smartquotes` pairs them after the fact and leaves one it
 * cannot pair straight. So an opening quote whose paragraph never closes it (a quotation that goes on in
 * the next paragraph, as news copy writes them) is curled, `'90s`, `'n'`, `'tis` and `'em` get an
 * apostrophe, and `5'10"` stays straight, as on the Hugo page.
 *
 * An inline rule at each `'` and `"` (the text rule stops there), so that what comes before a quote is the
 * source's character, markup included (`*` in `"*em*"`), as goldmark sees it.
 */
export function useGoldmarkQuotes(md: MarkdownIt): void {
  md.core.ruler.disable('smartquotes');
  md.inline.ruler.after('text', 'feedpub_quotes', quote);
  md.core.ruler.after('block', 'feedpub_quotes_guard', guardStandIns);
  md.core.ruler.after('linkify', 'feedpub_quotes_written', writeQuotes);
  // Links are found in the text with its quotes as written, as goldmark's linkify reads them before the
  // typographer: a link's text and URL come from what it matched, so they hold no stand-in.
  const linkify = md.linkify;
  const pretest = linkify.pretest.bind(linkify);
  const test = linkify.test.bind(linkify);
  const match = linkify.match.bind(linkify);
  linkify.pretest = (text) => pretest(straight(text));
  linkify.test = (text) => test(straight(text));
  linkify.match = (text) => match(straight(text));
}

/**
 * An author's own stand-in characters (noncharacters, which no text should hold) become U+FFFD before the
 * inline rules run, so that none is written as a quote.
 */
function guardStandIns(state: StateCore): void {
  if (!/[\ufdd0-\ufdd3]/.test(state.src)) return;
  for (const token of state.tokens) if (token.type === 'inline') token.content = token.content.replace(STAND_IN, '\ufffd');
}

/**
 * What the inline rule writes for each curly quote until the links are made: a noncharacter of one UTF-16
 * unit, which link finding reads as the straight quote (same length, so its positions hold). Then each is
 * written curly.
 */
const STAND_INS: Readonly<Record<string, { readonly curly: string; readonly straight: string }>> = {
  '\ufdd0': { curly: '\u2018', straight: "'" },
  '\ufdd1': { curly: '\u2019', straight: "'" },
  '\ufdd2': { curly: '\u201c', straight: '"' },
  '\ufdd3': { curly: '\u201d', straight: '"' },
};
const STAND_IN = /[\ufdd0-\ufdd3]/g;

/** `text` with each stand-in as the straight quote it stands for. */
function straight(text: string): string {
  return text.replace(STAND_IN, (c) => STAND_INS[c]?.straight ?? c);
}

/** The environments of the renders whose inline rule wrote a stand-in. */
const wrote = new WeakSet<object>();

/** Writes the stand-ins of the document's inline tokens (alt text too) as curly quotes. */
function writeQuotes(state: StateCore): void {
  if (typeof state.env !== 'object' || state.env === null || !wrote.has(state.env)) return;
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'text') token.content = token.content.replace(STAND_IN, (c) => STAND_INS[c]?.curly ?? c);
      if (token.children !== null) visit(token.children);
    }
  };
  visit(state.tokens);
}

/**
 * The quotes each document has left open, as Hugo 0.111's goldmark counts them: over the whole document
 * (a quote left open in one paragraph is closed by one that may close in the next; later goldmark counts
 * by block).
 */
const open = new WeakMap<object, { single: number; double: number }>();

const ENCODER = new TextEncoder();
// The stand-ins the inline rule writes (see STAND_INS).
const LEFT_SINGLE = '\ufdd0';
const RIGHT_SINGLE = '\ufdd1';
const LEFT_DOUBLE = '\ufdd2';
const RIGHT_DOUBLE = '\ufdd3';

function quote(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  const c = src.charCodeAt(pos);
  if (c !== 0x27 /* ' */ && c !== 0x22 /* " */) return false;
  // Counted only when written: a link's text is read once to find its end (silent), then again.
  const mark = curl(state, c === 0x27, !silent);
  if (mark === undefined) return false;
  if (!silent) {
    state.pending += mark;
    wrote.add(state.env);
  }
  state.pos = pos + 1;
  return true;
}

/** The character goldmark writes for the quote at `state.pos`, or undefined where it stays as written. */
function curl(state: StateInline, single: boolean, count: boolean): string | undefined {
  const src = state.src;
  const pos = state.pos;
  // goldmark's view: the character before (a line break at the block's start), and the rest of the line
  // from the quote on, with its line break (its lengths are in bytes).
  const before = pos > 0 ? String.fromCodePoint(codePointBefore(src, pos)) : '\n';
  // Its first characters are all it reads (a link's text is no end: goldmark reads on in the source line).
  let lineEnd = pos;
  while (lineEnd < src.length && lineEnd < pos + 6 && src.charCodeAt(lineEnd) !== 0x0a) lineEnd++;
  const line = src.slice(pos, lineEnd < src.length && src.charCodeAt(lineEnd) === 0x0a ? lineEnd + 1 : lineEnd);
  const length = utf8Length(line, 5);
  // A byte of the line as goldmark compares one: an ASCII character, or a stand-in for part of another.
  const head = ENCODER.encode(line.slice(0, 5));
  const at = (i: number): string => {
    const byte = head[i];
    return byte === undefined ? '' : byte < 0x80 ? String.fromCharCode(byte) : '\u0080';
  };
  // The character after the quote (the quote is one byte, so the next starts at byte 1).
  const next = length > 1 ? codePointAt(line, 1) : ' ';
  const canOpen = leftFlanking(before, next);
  const canClose = rightFlanking(before, next);
  // (Hugo 0.111's goldmark reads on where neither holds: a lone ' between spaces is an apostrophe there.)
  let kept = open.get(state.env);
  if (kept === undefined) {
    kept = { single: 0, double: 0 };
    open.set(state.env, kept);
  }
  // A silent read changes nothing: it counts on a copy.
  const counts = count ? kept : { ...kept };
  const closes = (): boolean =>
    (canClose && !canOpen) ||
    (canClose && canOpen && length > 1 && isUnicodePunct(next) && (length === 2 || (length > 2 && isAsciiPunct(at(2))) || isAsciiSpace(at(2))));
  if (single) {
    // A decade ('90s).
    if (canOpen && !canClose && length > 3 && isAsciiDigit(at(1)) && isAsciiDigit(at(2)) && at(3) === 's') {
      const after = length > 4 ? codePointAt(line, 4) : ' ';
      if (isSpace(after) || isPunct(after)) return RIGHT_SINGLE;
    }
    // 'twas, 'em, 'net, 'll.
    if (length > 1 && (isUnicodePunct(before) || isSpace(before)) && 'tenl'.includes(at(1)) && at(1) !== '') return RIGHT_SINGLE;
    // Between two letters (or a digit and a letter).
    if (length > 1 && (isDigit(before) || isLetter(before)) && isLetter(next)) return RIGHT_SINGLE;
    if (canOpen && !canClose) {
      // Alice's, I'm, don't, you'd; I've, I'll, you're.
      const end = (i: number): boolean => length < i + 1 || isAsciiPunct(at(i)) || isAsciiSpace(at(i));
      if (length > 1 && 'smtd'.includes(at(1)) && at(1) !== '' && end(2)) return RIGHT_SINGLE;
      if (length > 2 && ['ve', 'll', 're'].includes(at(1) + at(2)) && end(3)) return RIGHT_SINGLE;
      counts.single++;
      return LEFT_SINGLE;
    }
    // Plural possessives and cut words (Smiths', doin'): goldmark's test reads so for any quote with two
    // characters after it on its line, the first no digit.
    if (length > 2 && !isDigit(next)) return RIGHT_SINGLE;
    if (counts.single > 0 && closes()) {
      counts.single--;
      return RIGHT_SINGLE;
    }
    return undefined;
  }
  if (canOpen && !canClose) {
    counts.double++;
    return LEFT_DOUBLE;
  }
  if (counts.double > 0 && closes()) {
    // "Monitor 21"": inches, not a closing quote.
    if (length > 1 && at(1) === '"' && isDigit(before)) return undefined;
    counts.double--;
    return RIGHT_DOUBLE;
  }
  return undefined;
}

/** The code point at UTF-16 index `index` of `line` (a space past its end). */
function codePointAt(line: string, index: number): string {
  const code = line.codePointAt(index);
  return code === undefined ? ' ' : String.fromCodePoint(code);
}

/** The UTF-8 length of `text`, counted up to `cap` bytes. */
function utf8Length(text: string, cap: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < cap; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Unicode's punctuation (P), which goldmark's `unicode.IsPunct` reads (not symbols, S). */
const PUNCT = /^\p{P}$/u;
const SPACE = /^\s$/u;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** goldmark's `unicode.IsPunct`: Unicode's P only (`$`, `+`, `<`, `=`, `>`, `^`, `` ` ``, `|`, `~` are symbols). */
function isUnicodePunct(char: string): boolean {
  return char !== '' && PUNCT.test(char);
}
/** goldmark's `util.IsPunctRune`: ASCII punctuation, or Unicode's P. */
function isPunct(char: string): boolean {
  return char !== '' && isGoldmarkPunct(char.codePointAt(0) ?? 0);
}
function isSpace(char: string): boolean {
  return char !== '' && SPACE.test(char);
}
function isLetter(char: string): boolean {
  return char !== '' && LETTER.test(char);
}
function isDigit(char: string): boolean {
  return char !== '' && DIGIT.test(char);
}
/** An ASCII digit (goldmark's `util.IsNumeric`, which reads one byte). */
function isAsciiDigit(char: string): boolean {
  return char >= '0' && char <= '9' && char.length === 1;
}
/** An ASCII punctuation character (goldmark's `util.IsPunct`, which reads one byte). */
function isAsciiPunct(char: string): boolean {
  return char.length === 1 && /[!-/:-@[-`{-~]/.test(char);
}
/** An ASCII space character (goldmark's `util.IsSpace`, which reads one byte). */
function isAsciiSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
}

/** CommonMark's left-flanking rule for a run of one character between `before` and `after`. */
function leftFlanking(before: string, after: string): boolean {
  return !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
}

/** CommonMark's right-flanking rule for a run of one character between `before` and `after`. */
function rightFlanking(before: string, after: string): boolean {
  return !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
}
