/**
 * Hugo's goldmark extensions for markdown-it, as feeds can carry them: footnotes (markdown-it-footnote,
 * rendered with goldmark's numbers and links), goldmark's typographic substitutions, and headings'
 * trailing attribute lists taken out of their text. Definition lists need nothing more than
 * markdown-it-deflist. What is written uses only elements and attributes the sanitizer keeps (no `id`,
 * `class` or `role`), so a body without raw HTML still needs no sanitizing.
 */
import type MarkdownIt from 'markdown-it';
import type { RendererRule, StateBlock, StateCore, StateInline, Token } from 'markdown-it';

/** A footnote's number as goldmark writes it (1-based, in order of first reference). */
function footnoteNumber(token: Token | undefined): string {
  const meta = token?.meta as { id?: number } | undefined;
  return String((meta?.id ?? 0) + 1);
}

/**
 * Renders markdown-it-footnote's tokens as goldmark does, less what a feed cannot keep: a reference is a
 * superscript number linking to `#fn:N` on the article's page (the anchor Hugo's page has), and the notes
 * are a numbered list after a rule, each ending with a link back to each reference (`#fnref:N`, `#fnref1:N`, ...). `pageLink` makes the
 * fragment absolute (feeds hold no relative URLs).
 *
 * @example renderFootnotesAsGoldmark(md, (fragment, env) => `https://example.org/a/${fragment}`);
 */
export function renderFootnotesAsGoldmark(md: MarkdownIt, pageLink: (fragment: string, env: unknown) => string): void {
  const rules = md.renderer.rules;
  const attr = (s: string): string => md.utils.escapeHtml(s);
  const ref: RendererRule = (tokens, idx, _options, env) => {
    const n = footnoteNumber(tokens[idx]);
    return `<sup><a href="${attr(pageLink(`#fn:${n}`, env))}">${n}</a></sup>`;
  };
  rules.footnote_ref = ref;
  // The rule as the sanitizer writes it (`<hr />`): feedpub's markdown-it instances all have `xhtmlOut`.
  rules.footnote_block_open = () => '<section>\n<hr />\n<ol>\n';
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_open = () => '<li>';
  rules.footnote_close = () => '</li>\n';
  // A link back for each reference, as goldmark writes them, each to its reference on the page: the first
  // is `#fnref:N`, the next ones `#fnref1:N`, `#fnref2:N` (the ids goldmark gives them). U+FE0E keeps the
  // arrow a text character (iOS would draw an emoji).
  rules.footnote_anchor = (tokens, idx, _options, env) => {
    const sub = (tokens[idx]?.meta as { subId?: number } | undefined)?.subId ?? 0;
    const fragment = `#fnref${sub > 0 ? sub : ''}:${footnoteNumber(tokens[idx])}`;
    return ` <a href="${attr(pageLink(fragment, env))}">\u21a9\ufe0e</a>`;
  };
}

/** What stands for a space in a footnote label while markdown-it-footnote reads it (a private-use character). */
const LABEL_SPACE = '\ue000';

/**
 * Adds markdown-it-footnote to `md` with labels read as goldmark reads them: with spaces (`[^my note]`,
 * which the plugin leaves as text, and its note too). Each of the plugin's two rules reads the label with
 * its spaces in another character, so that the labels of a reference and its note still match: a
 * reference alone, a note in its source (positions kept; a hundred such notes a document).
 *
 * @example useFootnotes(md, footnote); md.render('a[^my note]\n\n[^my note]: b') // a numbered note
 */
export function useFootnotes(md: MarkdownIt, plugin: (md: MarkdownIt) => void): void {
  const block = md.block.ruler;
  const inline = md.inline.ruler;
  const blockBefore = block.before;
  const inlineAfter = inline.after;
  block.before = (beforeName, ruleName, fn, options) => {
    if (ruleName !== 'footnote_def') return blockBefore.call(block, beforeName, ruleName, fn, options);
    // A note ends a quote's lazy line too, as in goldmark (`> quote\n[^1]: note` is a quote and a note).
    const alt = [...new Set([...(options?.alt ?? []), 'blockquote'])];
    const rule = firstNoteOfALabel(fn);
    // (Not from a line indented as code: the plugin does not look, and would end a quote's lazy line there.)
    const notIndented: typeof fn = (state, startLine, endLine, silent) =>
      (!silent || (state.sCount[startLine] ?? 0) - state.blkIndent < 4) && rule(state, startLine, endLine, silent);
    blockBefore.call(block, beforeName, ruleName, notIndented, { ...options, alt });
  };
  inline.after = (afterName, ruleName, fn, options) => {
    const rule: typeof fn = ruleName === 'footnote_ref' ? (state, silent) => referenceWithLabelSpaces(state, silent, fn) : fn;
    inlineAfter.call(inline, afterName, ruleName, rule, options);
  };
  try {
    md.use(plugin);
  } finally {
    block.before = blockBefore;
    inline.after = inlineAfter;
  }
}

/**
 * The plugin's block rule for a note, with the label's spaces read, and a second note of a label (the
 * plugin keeps the last) read and dropped: goldmark keeps the first.
 */
function firstNoteOfALabel(fn: (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean) {
  return (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
    const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
    const max = state.eMarks[startLine] ?? 0;
    const label = footnoteLabel(state.src, start, max);
    const refs = (state.env as { footnotes?: { refs?: Record<string, number> } }).footnotes?.refs;
    const again = !silent && label !== undefined && refs?.[`:${label.replaceAll(' ', LABEL_SPACE)}`] !== undefined;
    const at = state.tokens.length;
    // The source is copied for each note whose label has a space: a bounded number of them a document.
    const spaced = (notesWithSpaces.get(state.env) ?? 0) + 1;
    const found =
      spaced > MAX_SPACED_NOTES
        ? fn(state, startLine, endLine, silent)
        : withLabelSpaces(
            state,
            start,
            max,
            () => fn(state, startLine, endLine, silent),
            () => notesWithSpaces.set(state.env, spaced),
          );
    if (found && again) state.tokens.length = at;
    return found;
  };
}

/** Notes with a space in their label read a document (each copies its source once); later ones stay text. */
const MAX_SPACED_NOTES = 100;
const notesWithSpaces = new WeakMap<object, number>();

/**
 * The plugin's inline rule for a reference, given only the reference itself to read where its label has a
 * space (with the spaces made {@link LABEL_SPACE}), so that no more than the label is copied.
 */
function referenceWithLabelSpaces(state: StateInline, silent: boolean, fn: (state: StateInline, silent: boolean) => boolean): boolean {
  const { src, pos, posMax } = state;
  const label = footnoteLabel(src, pos, posMax);
  if (label === undefined || !label.includes(' ') || label.trim() === '') return fn(state, silent);
  const local = `[^${label.replaceAll(' ', LABEL_SPACE)}]`;
  state.src = local;
  state.pos = 0;
  state.posMax = local.length;
  let found = false;
  let consumed = 0;
  try {
    found = fn(state, silent);
    consumed = state.pos;
  } finally {
    state.src = src;
    state.posMax = posMax;
    state.pos = found ? pos + consumed : pos;
  }
  return found;
}

/** Longest footnote label read with spaces (CommonMark's bound for a link label). */
const MAX_LABEL = 999;

/**
 * The label of `[^label]` at `start` (its `]` before `max`, on the same line, within {@link MAX_LABEL}
 * characters), or undefined where there is none. Bounded: it is asked at every `[^` of a paragraph.
 */
function footnoteLabel(src: string, start: number, max: number): string | undefined {
  if (src.charCodeAt(start) !== 0x5b /* [ */ || src.charCodeAt(start + 1) !== 0x5e /* ^ */) return undefined;
  const limit = Math.min(max, start + 2 + MAX_LABEL + 1);
  for (let at = start + 2; at < limit; at++) {
    const c = src.charCodeAt(at);
    if (c === 0x5d /* ] */) return src.slice(start + 2, at);
    if (c === 0x0a /* \n */) return undefined;
  }
  return undefined;
}

/**
 * Runs `read` with the spaces of the label at `start` (`[^label]`, ending before `max`) in `state.src`
 * made {@link LABEL_SPACE}, and the source as it was after.
 */
function withLabelSpaces<T>(state: { src: string }, start: number, max: number, read: () => T, copied: () => void): T {
  const src = state.src;
  const label = footnoteLabel(src, start, max);
  // Only a label with a space and something else, on one line: goldmark takes no blank label.
  if (label === undefined || !label.includes(' ') || label.trim() === '') return read();
  copied();
  state.src = src.slice(0, start + 2) + label.replaceAll(' ', LABEL_SPACE) + src.slice(start + 2 + label.length);
  try {
    return read();
  } finally {
    state.src = src;
  }
}

/** goldmark's typographic substitutions (its defaults), longest first. */
const SUBSTITUTIONS: Readonly<Record<string, string>> = { '---': '\u2014', '--': '\u2013', '...': '\u2026', '<<': '\u00ab', '>>': '\u00bb' };
const SUBSTITUTABLE = /---|--|\.\.\.|<<|>>/g;

/**
 * markdown-it's `replacements` rule with goldmark's substitutions in its place: `---` an em dash, `--` an en
 * dash, `...` an ellipsis, `<<` and `>>` angle quotes, in text (not in code, nor in a link's text that is its
 * URL). markdown-it's own also turns `(c)`, `(tm)` and `+-` into symbols and `??????` into `???`, which
 * goldmark does not. Curly quotes come from markdown-it's `smartquotes`, which typographer mode also runs.
 * Unlike markdown-it's own, it does not look at the `typographer` option: it goes only into an instance
 * made with it (as article-html.ts puts it in).
 *
 * @example md.core.ruler.at('replacements', goldmarkReplacements) // with { typographer: true }
 */
export function goldmarkReplacements(state: StateCore): void {
  forEachInline(state, (token, inAutolink) => {
    if (token.type === 'text' && !inAutolink && SUBSTITUTABLE.test(token.content)) {
      token.content = token.content.replace(SUBSTITUTABLE, (s) => SUBSTITUTIONS[s] ?? s);
    }
    SUBSTITUTABLE.lastIndex = 0;
  });
}

/**
 * goldmark's substitutions in a text that is one run of Markdown text (what {@link goldmarkReplacements}
 * does to it).
 *
 * @example substituteTypography('wait... -- no') // 'wait… – no'
 */
export function substituteTypography(text: string): string {
  return text.replace(SUBSTITUTABLE, (s) => SUBSTITUTIONS[s] ?? s);
}

/**
 * goldmark's typographer reads `<<` as an opening angle quote before any raw HTML or autolink starts there:
 * `<<angle>> quotes` is `«angle» quotes` in Hugo, where markdown-it would take `<angle>` for a tag (the
 * sanitizer then drops it, and the text with it). An inline rule ahead of `html_inline` does the same
 * (the closing `>>` is text, which {@link goldmarkReplacements} substitutes).
 *
 * @example md.inline.ruler.before('html_inline', 'feedpub_angle_quote', angleQuoteOpen) // with { typographer: true }
 */
export function angleQuoteOpen(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */ || state.src.charCodeAt(state.pos + 1) !== 0x3c) return false;
  if (!silent) state.pending += SUBSTITUTIONS['<<'];
  state.pos += 2;
  return true;
}

/** Each inline token of the document (but autolinks' own open and close), and whether it is inside a link made from a bare or `<>` URL. */
function forEachInline(state: StateCore, visit: (token: Token, inAutolink: boolean) => void): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || block.children === null) continue;
    let depth = 0;
    for (const token of block.children) {
      if (token.type === 'link_open' && token.info === 'auto') depth++;
      else if (token.type === 'link_close' && token.info === 'auto') depth--;
      else visit(token, depth > 0);
    }
  }
}

/**
 * A heading's trailing attribute list as goldmark reads one (`## Title {#id .class key=value}`), from its
 * `{` to the end: none or more entries, each an `#id` or a `.class` (any letters, CJK included), or a
 * `key=value` with the value in double quotes or a plain word. Anything else in braces (`{braces}`,
 * `{k='v'}`, `{k=a/b}`) is text. Anchored at both ends, and no two runs of blanks can share one (`[ \t]*`
 * next to `[ \t]*` backtracks quadratically on a long run of spaces): linear.
 */
const ATTRIBUTE_LIST =
  /^\{[ \t]*(?:(?:[#.][^\s{}]+|[\p{L}_:][\p{L}\p{N}_.:-]*=(?:"[^"]*"|[\p{L}\p{N}_.-]+))(?:[ \t]+(?:[#.][^\s{}]+|[\p{L}_:][\p{L}\p{N}_.:-]*=(?:"[^"]*"|[\p{L}\p{N}_.-]+)))*[ \t]*)?\}[ \t]*$/u;

/**
 * Takes a heading's attribute list out of its text, as goldmark does with `parser.attribute.title` (Hugo's
 * default): readers saw `Title {#custom-id}`. The attributes themselves are dropped: a feed keeps no ids or
 * classes. A core rule to run after `block`, before `inline` parses the heading's text.
 *
 * @example md.core.ruler.after('block', 'heading_attributes', dropHeadingAttributes)
 */
export function dropHeadingAttributes(state: StateCore): void {
  const tokens = state.tokens;
  // A heading's text is the inline token right after its `heading_open` (markdown-it's two heading rules push them so).
  for (const [i, inline] of tokens.entries()) {
    if (inline.type !== 'inline' || tokens[i - 1]?.type !== 'heading_open') continue;
    // The list is the last `{` on, unless that `{` is escaped.
    const open = inline.content.lastIndexOf('{');
    if (open < 0 || inline.content[open - 1] === '\\' || !ATTRIBUTE_LIST.test(inline.content.slice(open))) continue;
    inline.content = inline.content.slice(0, open).trimEnd();
  }
}

/**
 * The most characters a block's attribute list may span (its lines, from its `{`): longer, it is text.
 * goldmark has no bound, but a list runs over lines and nests (`{k={k=[…`), and every line that starts
 * with `{` is read as one: bounded, reading a body of such lines stays linear in its length. Real lists
 * (`{.table .striped #results}`) are a few dozen.
 */
const MAX_ATTRIBUTE_LIST_CHARS = 512;

/** Go's `util.IsSpace` of goldmark: space, tab, LF, VT, FF, CR. */
function isGoSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** goldmark's `util.IsPunct`: ASCII punctuation. */
function isAsciiPunct(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * goldmark's attribute list reader (`parser.ParseAttributes`), over `src` from `pos` up to `end`: what it
 * takes for a list, as it takes it (an attribute's value may be a string, a number, a word, an array or
 * another list; spaces, line ends among them, between entries). Returns where the list ends (after its
 * `}`), or -1 when there is none.
 */
class AttributeListReader {
  pos: number;
  #depth = 0;

  constructor(
    readonly src: string,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  /** The list at the position, and where it ends; -1 when there is none. */
  listEnd(): number {
    return this.#list() ? this.pos : -1;
  }

  #peek(): number {
    return this.pos < this.end ? this.src.charCodeAt(this.pos) : -1;
  }

  #skipSpaces(): void {
    while (this.pos < this.end && isGoSpace(this.src.charCodeAt(this.pos))) this.pos++;
  }

  #lineEnd(): number {
    const nl = this.src.indexOf('\n', this.pos);
    return nl < 0 || nl > this.end ? this.end : nl;
  }

  #list(): boolean {
    // goldmark recurses without a bound; 64 nested lists are no attributes anyone writes.
    if (++this.#depth > 64) return false;
    // At its `{`: both callers have seen it (attributeBlock at the line's start, #value after the spaces).
    const saved = this.pos;
    this.pos++;
    for (;;) {
      if (this.#peek() === 0x7d /* } */) {
        this.pos++;
        this.#depth--;
        return true;
      }
      if (!this.#attribute()) {
        this.pos = saved;
        return false;
      }
      this.#skipSpaces();
      if (this.#peek() === 0x2c /* , */) {
        this.pos++;
        this.#skipSpaces();
      }
    }
  }

  /** `#id`, `.class` (to a space or ASCII punctuation but `_-:.`), or `name=value`. */
  #attribute(): boolean {
    this.#skipSpaces();
    const c = this.#peek();
    if (c === 0x23 /* # */ || c === 0x2e /* . */) {
      this.pos++;
      const lineEnd = this.#lineEnd();
      while (this.pos < lineEnd) {
        const n = this.src.charCodeAt(this.pos);
        if (isGoSpace(n) || (isAsciiPunct(n) && n !== 0x5f && n !== 0x2d && n !== 0x3a && n !== 0x2e)) break;
        this.pos++;
      }
      return true;
    }
    if (!(isLetter(c) || c === 0x5f || c === 0x3a)) return false;
    const start = this.pos;
    this.#word();
    const name = this.src.slice(start, this.pos);
    this.#skipSpaces();
    if (this.#peek() !== 0x3d /* = */) return false;
    this.pos++;
    const value = this.#value();
    // A class is a string or a word.
    return value !== undefined && (name !== 'class' || value === 'text');
  }

  /** Letters, digits, `_`, `:`, `.` and `-` (a name, or a value's word). */
  #word(): void {
    while (this.pos < this.end) {
      const n = this.src.charCodeAt(this.pos);
      if (!(isLetter(n) || isDigit(n) || n === 0x5f || n === 0x3a || n === 0x2e || n === 0x2d)) break;
      this.pos++;
    }
  }

  /** A value: 'text' for a string or a word (not true, false or null), 'other' for the rest; undefined: none. */
  #value(): 'text' | 'other' | undefined {
    this.#skipSpaces();
    const c = this.#peek();
    if (c === 0x7b /* { */) return this.#list() ? 'other' : undefined;
    if (c === 0x5b /* [ */) return this.#array() ? 'other' : undefined;
    if (c === 0x22 /* " */) return this.#string() ? 'text' : undefined;
    if (c === 0x2d || c === 0x2b || isDigit(c)) return this.#number() ? 'other' : undefined;
    if (!(isLetter(c) || c === 0x5f || c === 0x3a)) return undefined;
    const start = this.pos;
    this.#word();
    const word = this.src.slice(start, this.pos);
    return word === 'true' || word === 'false' || word === 'null' ? 'other' : 'text';
  }

  /** `[v, v]` (commas optional, as goldmark reads them). */
  #array(): boolean {
    if (++this.#depth > 64) return false;
    this.pos++;
    for (let i = 0; ; i++) {
      let c = this.#peek();
      if (i !== 0 && c === 0x2c /* , */) {
        this.pos++;
        // goldmark compares the comma it just took with `]`: `[1,]` reads `]` as a value and fails.
        c = 0x2c;
      }
      if (c === 0x5d /* ] */) {
        this.pos++;
        this.#depth--;
        return true;
      }
      this.#skipSpaces();
      if (this.#value() === undefined) return false;
      this.#skipSpaces();
    }
  }

  /** `"…"` on one line, with backslash escapes. */
  #string(): boolean {
    this.pos++;
    const lineEnd = this.#lineEnd();
    let i = this.pos;
    while (i < lineEnd) {
      const c = this.src.charCodeAt(i);
      // A backslash and the character after it (goldmark escapes only `"/\bfnrt`, but no other character ends the string).
      if (c === 0x5c /* \ */ && i !== lineEnd - 1) {
        i += 2;
        continue;
      }
      if (c === 0x22) {
        this.pos = i + 1;
        return true;
      }
      i++;
    }
    return false;
  }

  /** A sign, digits, an optional fraction and exponent: a number Go's ParseFloat takes. */
  #number(): boolean {
    const c = this.#peek();
    if (c === 0x2d || c === 0x2b) this.pos++;
    const start = this.pos;
    this.#digits();
    if (this.pos === start) return false;
    if (this.#peek() === 0x2e /* . */) {
      this.pos++;
      this.#digits();
    }
    const e = this.#peek();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.#peek();
      if (sign === 0x2d || sign === 0x2b) this.pos++;
      this.#digits();
    }
    return Number.isFinite(Number(this.src.slice(start, this.pos)));
  }

  #digits(): void {
    while (this.pos < this.end && isDigit(this.src.charCodeAt(this.pos))) this.pos++;
  }
}

/**
 * A line of block attributes, as Hugo reads one with `markup.goldmark.parser.attribute.block = true`
 * (Hugo's `attributes` extension of goldmark): a line whose first character (indented by less than four
 * columns) starts an attribute list goldmark takes ({@link AttributeListReader}: `{.lead}`, `{#id .a
 * k="v"}`, `{}`), which may run over lines. Hugo gives its attributes to the block before it (a paragraph,
 * a list, a quote, a table, a heading) and writes nothing of the line itself wherever it stands (after a
 * blank line, first in a quote, after code), nor of the rest of its last line. It interrupts a paragraph, a
 * table and a list, as in goldmark. A feed keeps no classes or ids: the line is taken out, and nothing is
 * written. A markdown-it block rule, with the terminators `paragraph`, `reference`, `blockquote` (which
 * tables read too) and `list`.
 *
 * @example md.block.ruler.before('table', 'feedpub_attribute_block', attributeBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
 */
export function attributeBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] === undefined || (state.sCount[startLine] ?? 0) - state.blkIndent >= 4) return false;
  const pos = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  if (state.src.charCodeAt(pos) !== 0x7b /* { */) return false;
  const end = Math.min(state.eMarks[endLine - 1] ?? pos, pos + MAX_ATTRIBUTE_LIST_CHARS);
  const listEnd = new AttributeListReader(state.src, pos, end).listEnd();
  if (listEnd < 0) return false;
  if (silent) return true;
  // The list ends on the line of its `}`, which goes whole.
  let line = startLine;
  while (line + 1 < endLine && (state.eMarks[line] ?? 0) < listEnd) line++;
  state.line = line + 1;
  return true;
}
