import type MarkdownIt from 'markdown-it';
import type { StateBlock, StateCore, Token } from 'markdown-it';
import { checkHtmlFloor } from './html-floor.js';

/**
 * Cells a table may add to fill short rows, at most: a delimiter row of many columns over many one-cell
 * rows would multiply them (a 100 KB row over 100 KB of rows, 2.5 billion cells). Past it, a row shows
 * its own cells only. markdown-it's own rule has the same bound (and ended the table there); goldmark none.
 */
const MAX_FILLED_CELLS = 0x10000;

/** A delimiter row's cell: dashes, with a colon at either end for the column's alignment. */
const DELIMITER_CELL = /^(:?)-+(:?)$/;

/**
 * GFM tables read as Hugo 0.111's goldmark (1.5) reads them: a table is made of a paragraph, at its first
 * line that is a delimiter row (`|---|:-:|`, `--- | ---`, `:--`, `-|`: dashes with optional colons, cells
 * split by `|`, indented by less than four columns), whose previous line is the header and whose lines
 * after it, to the paragraph's end, are the rows. The header may be any line of the paragraph (its lines
 * before it stay a paragraph: `Results:` then a table), may hold no `|`, and may have fewer cells than
 * the delimiter row (then empty header cells are added); one with more makes no table, and the paragraph
 * stays one. Rows are the paragraph's lines, so they go on where a line is indented as code or lazily
 * continues a quote or a list item; a row is cut or filled to the delimiter row's cells (a cell added has
 * no alignment). markdown-it's rule, which this one replaces, took a table only where its header and
 * delimiter rows had as many cells, and none of a quote's or a list item's lazy lines.
 *
 * A block rule before `lheading`, where every rule that can start a block at the line has failed: it
 * reads the paragraph's lines as `lheading` and `paragraph` do (up to a blank line, a block that interrupts
 * a paragraph, or a setext underline, which makes a heading when there is no table before it), and
 * returns false, leaving them to those rules, when they hold no table. Linear time: each line of the
 * paragraph is read a constant number of times (for its end, as a possible delimiter row, as a row), each
 * read is linear in the line (no pattern here backtracks), and the cells written are the input's own plus
 * at most {@link MAX_FILLED_CELLS} added ones.
 *
 * With `definitionLists`, a definition (`: ` at the block's indentation) ends the paragraph too, as it
 * ends goldmark's: the lines before it are a term where they hold no table (the definition list rules,
 * which come after this one, read them), and where they do, the definition is text, as in Hugo.
 *
 * @example useGoldmarkTables(md, { definitionLists: true }); md.render('Results:\n| Team | Won |\n|---|---|---|') // '<p>Results:</p>\n<table>…'
 */
export function useGoldmarkTables(md: MarkdownIt, { definitionLists }: { readonly definitionLists: boolean }): void {
  md.disable('table');
  // Never asked silently (it is in no rule's list of terminators), and never at a line indented as code:
  // markdown-it's `code` rule, earlier in the chain, takes every such line.
  md.block.ruler.before('lheading', 'feedpub_table', (state, startLine, endLine) =>
    goldmarkTable(state, startLine, paragraphEnd(state, startLine, endLine, definitionLists)),
  );
  md.core.ruler.after('inline', 'feedpub_table_pipes', unescapePipesInCode);
}

/** The inline tokens of the cells this rule made. */
const tableCells = new WeakSet<Token>();

/**
 * A cell's escaped pipe in a code span is a `|`, as goldmark writes it (`` `1 \| 2` `` is `1 | 2`): the
 * cell's text keeps each `\` before a `|` (outside code, Markdown's backslash escape reads it: `\|` is `|`
 * and `\\|` is `\|`), and goldmark takes the one before the pipe out of the code spans alone.
 */
function unescapePipesInCode(state: StateCore): void {
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'code_inline') token.content = token.content.replace(/\\\|/g, '|');
      else if (token.children !== null) walk(token.children);
    }
  };
  for (const token of state.tokens) if (tableCells.has(token)) walk(token.children ?? []);
}

function goldmarkTable(state: StateBlock, startLine: number, end: number): boolean {
  let delimiter = startLine + 1;
  let aligns: string[] | undefined;
  for (; delimiter < end; delimiter++) {
    aligns = delimiterRow(state, delimiter);
    if (aligns !== undefined) break;
  }
  if (aligns === undefined) return false;
  const header = rowCells(line(state, delimiter - 1));
  if (header.length > aligns.length) return false;

  if (delimiter - 1 > startLine) {
    state.push('paragraph_open', 'p', 1).map = [startLine, delimiter - 1];
    const inline = state.push('inline', '', 0);
    inline.content = trimmed(state.getLines(startLine, delimiter - 1, state.blkIndent, false), ' \t\n\r');
    inline.map = [startLine, delimiter - 1];
    inline.children = [];
    state.push('paragraph_close', 'p', -1);
  }
  state.push('table_open', 'table', 1).map = [delimiter - 1, end];
  state.push('thead_open', 'thead', 1).map = [delimiter - 1, delimiter];
  pushRow(state, 'th', header, aligns, delimiter - 1);
  state.push('thead_close', 'thead', -1);
  if (end > delimiter + 1) state.push('tbody_open', 'tbody', 1).map = [delimiter + 1, end];
  let filled = 0;
  for (let row = delimiter + 1; row < end; row++) {
    const written = rowCells(line(state, row));
    // A row is filled only while the table stays within the bound (one row could add a whole delimiter row's cells).
    const missing = Math.max(0, aligns.length - written.length);
    const fill = filled + missing <= MAX_FILLED_CELLS;
    if (fill) filled += missing;
    pushRow(state, 'td', written, fill ? aligns : aligns.slice(0, written.length), row);
    // One table is one block: its rows are counted as they are read, not once it is whole.
    if ((row & 63) === 0) checkHtmlFloor(state, row);
  }
  if (end > delimiter + 1) state.push('tbody_close', 'tbody', -1);
  state.push('table_close', 'table', -1);
  state.line = end;
  return true;
}

/** The line after a paragraph that starts at `startLine`: where `lheading` and `paragraph` end it. */
function paragraphEnd(state: StateBlock, startLine: number, endLine: number, definitionLists: boolean): number {
  const terminators = state.md.block.ruler.getRules('paragraph');
  const parentType = state.parentType;
  // The terminators ask whether they may interrupt a paragraph (a list that starts at 2 may not).
  state.parentType = 'paragraph';
  let next = startLine + 1;
  for (; next < endLine && !state.isEmpty(next); next++) {
    // An indented line continues the paragraph, and a lazy one (-1) has been checked by its quote.
    if (indent(state, next) > 3 || (state.sCount[next] ?? 0) < 0) continue;
    // An underline only at the block's indentation, as `lheading` reads one (a list item's lazy `===` is text).
    if ((state.sCount[next] ?? 0) >= state.blkIndent && setextUnderline(state, next)) break;
    if (definitionLists && definition(state, next)) break;
    if (terminators.some((terminator) => terminator(state, next, endLine, true))) break;
  }
  state.parentType = parentType;
  return next;
}

/** Columns a line is indented by in its block; a quote's lazy line (whose count is -1) by its spaces. */
function indent(state: StateBlock, at: number): number {
  const count = state.sCount[at] ?? 0;
  return count < 0 ? (state.tShift[at] ?? 0) : count - state.blkIndent;
}

/**
 * Whether line `at` is a line of `=` or of `-` alone, then spaces or tabs: a setext heading's underline.
 *
 * @example if (setextUnderline(state, next)) break; // `lheading` makes a heading there
 */
export function setextUnderline(state: StateBlock, at: number): boolean {
  return /^(?:=+|-+)[ \t]*$/.test(line(state, at));
}

/** A `:` and a space or a tab at the block's own indentation: a definition, as goldmark reads one. */
function definition(state: StateBlock, at: number): boolean {
  return state.sCount[at] === state.blkIndent && /^:[ \t]/.test(line(state, at));
}

/** The text of a line, after its indentation. */
function line(state: StateBlock, at: number): string {
  return state.src.slice((state.bMarks[at] ?? 0) + (state.tShift[at] ?? 0), state.eMarks[at]);
}

/** The alignments of a delimiter row (`left`, `right`, `center` or ''), or undefined for any other line. */
function delimiterRow(state: StateBlock, at: number): string[] | undefined {
  const text = line(state, at);
  // Two tests, each linear: one pattern for both would backtrack over a long line of dashes.
  if (indent(state, at) >= 4 || !/^[-:| \t]+$/.test(text) || !text.includes('-')) return undefined;
  const aligns: string[] = [];
  for (const cell of cells(text)) {
    const [, left, right] = DELIMITER_CELL.exec(cell) ?? [];
    if (left === undefined || right === undefined) return undefined;
    aligns.push(left === '' ? (right === '' ? '' : 'right') : right === '' ? 'left' : 'center');
  }
  return aligns;
}

/**
 * A delimiter row's cells, trimmed: split at each `|`, without the empty cell before a leading `|` and
 * after a trailing one.
 */
function cells(row: string): string[] {
  const found = trimmed(row, ' \t').split('|');
  if (found[0] === '') found.shift();
  if (found.length > 0 && found[found.length - 1] === '') found.pop();
  return found.map((c) => trimmed(c, ' \t'));
}

/**
 * A header's or a row's cells, trimmed, as goldmark's `parseRow` reads them: a leading and a trailing `|`
 * are left out (the trailing one also when a `\` is before it: `\|` is a cell `\`), then the cells run
 * to each `|` with no `\` before it, the last to the end (`a||` is one cell, `a`). An escaped pipe stays
 * in its cell with its `\` (see {@link unescapePipesInCode}).
 */
function rowCells(row: string): string[] {
  const text = trimmed(row, ' \t');
  const limit = text.endsWith('|') ? text.length - 1 : text.length;
  const found: string[] = [];
  let from = text.startsWith('|') ? 1 : 0;
  while (from < limit) {
    let at = text.indexOf('|', from);
    while (at >= 0 && at < limit && text.charCodeAt(at - 1) === 0x5c /* \ */) at = text.indexOf('|', at + 1);
    const end = at < 0 || at > limit ? limit : at;
    found.push(trimmed(text.slice(from, end), ' \t'));
    from = end + 1;
  }
  return found;
}

/**
 * `text` without the characters of `chars` at its start and end. A loop, where a `[ \t]+$` pattern would
 * try each run of spaces to the end of the text: quadratic in a line of spaces that ends in a letter.
 */
function trimmed(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text.charAt(start))) start++;
  while (end > start && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

function pushRow(state: StateBlock, tag: 'th' | 'td', rowCells: readonly string[], aligns: readonly string[], at: number): void {
  state.push('tr_open', 'tr', 1).map = [at, at + 1];
  aligns.forEach((align, i) => {
    const open = state.push(`${tag}_open`, tag, 1);
    const cell = rowCells[i];
    // A cell added to fill the row has no alignment, as goldmark writes it.
    if (align !== '' && cell !== undefined) open.attrs = [['style', `text-align:${align}`]];
    const inline = state.push('inline', '', 0);
    inline.content = cell ?? '';
    inline.map = [at, at + 1];
    inline.children = [];
    tableCells.add(inline);
    state.push(`${tag}_close`, tag, -1);
  });
  state.push('tr_close', 'tr', -1);
}
