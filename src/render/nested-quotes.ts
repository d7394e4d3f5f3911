import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';

type RuleBlock = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

/**
 * markdown-it's block quote rule with the same output, reading the lazy lines of quotes nested on one line
 * once rather than once a level. markdown-it's rule first finds the quote's end, asking each line without
 * a `>` whether a block that ends a paragraph starts there (eight rules with the definition lists and
 * footnotes), then reads the quote's content, where a quote on the same line (`>>> a`) finds its end again
 * over the same lines, and so on down: `'>'.repeat(1000)` and 128 KB of lazy lines took 8.4 s, 512 KB 22 s
 * (markdown-it stops nesting at 100 levels, each one reading every line).
 *
 * A quote opened on its parent's first line, with nothing read in between (its parent's tokenizer went
 * straight to it), sees each line as its parent saw it: the same indentation, parent type, open lists and
 * definitions. So a lazy line its parent found not to end a paragraph, which then already had the lazy
 * mark (`sCount` -1, set by a quote further out), would be found so again: it is remembered and not asked
 * again down that chain of quotes. The rest is markdown-it's rule, written for this: a line after `>` and
 * an optional space or tab gets its marks moved past them (tabs counted to the next multiple of four), a
 * lazy line gets `sCount` -1, an empty line or a lazy line after an empty `>` line ends the quote, and
 * a line that starts a block ending a paragraph ends it with the "hard termination" of `lineMax`; the lines
 * changed are put back afterwards (only those, where markdown-it saves every line of the quote).
 *
 * @example useLinearNestedQuotes(md); md.render(`${'>'.repeat(100)} a\n${'b\n'.repeat(100_000)}`) // linear
 */
export function useLinearNestedQuotes(md: MarkdownIt): void {
  // markdown-it's own rule ends the same blocks' paragraphs (its `alt`).
  md.block.ruler.at('blockquote', blockquote, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}

/** A quote being read: where its content starts and ends, and what it had pushed when its content began. */
interface Frame {
  readonly startLine: number;
  readonly endLine: number;
  readonly tokens: number;
  /** Its chain: quotes each opened on the line of the one before, nothing in between. */
  readonly chain: number;
}

/** One parse's quotes being read, and the lazy lines a chain found to go on. */
interface Memo {
  readonly frames: Frame[];
  chains: number;
  /** A line's chain (0: none), and where its text started then (`bMarks` + `tShift`). */
  lazyChain?: Int32Array;
  lazyStart?: Int32Array;
}

const memos = new WeakMap<StateBlock, Memo>();

const GT = 0x3e;
const SPACE = 0x20;
const TAB = 0x09;

function blockquote(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  // Indented four columns or more, it is code.
  if (at(state.sCount, startLine) - state.blkIndent >= 4) return false;
  if (state.src.charCodeAt(at(state.bMarks, startLine) + at(state.tShift, startLine)) !== GT) return false;
  if (silent) return true;

  let memo = memos.get(state);
  if (memo === undefined) {
    memo = { frames: [], chains: 0 };
    memos.set(state, memo);
  }
  const parent = memo.frames.at(-1);
  const direct = parent !== undefined && parent.startLine === startLine && parent.endLine === endLine && parent.tokens === state.tokens.length;
  const chain = direct ? parent.chain : ++memo.chains;

  const terminators = state.md.block.ruler.getRules('blockquote');
  const oldLineMax = state.lineMax;
  const oldParentType = state.parentType;
  state.parentType = 'blockquote';
  // The lines changed, five numbers each: the line, then its bMarks, tShift, sCount and bsCount before.
  const saved: number[] = [];
  const save = (line: number): void => {
    saved.push(line, at(state.bMarks, line), at(state.tShift, line), at(state.sCount, line), at(state.bsCount, line));
  };
  let lastLineEmpty = false;
  let line = startLine;
  for (; line < endLine; line++) {
    const sCount = at(state.sCount, line);
    const start = at(state.bMarks, line) + at(state.tShift, line);
    const max = at(state.eMarks, line);
    // An empty line ends it.
    if (start >= max) break;
    // Less indented than the list item the quote is in, a line is no line of the quote: lazy at most.
    const outdented = sCount < state.blkIndent;
    if (!outdented && state.src.charCodeAt(start) === GT) {
      save(line);
      lastLineEmpty = enterQuote(state, line, start + 1, max);
      continue;
    }
    // After a `>` line with nothing on it, a line without `>` ends it.
    if (lastLineEmpty) break;
    if (sCount === -1 && memo.lazyChain?.[line] === chain && memo.lazyStart?.[line] === start) continue;
    if (endsParagraph(terminators, state, line, endLine)) {
      // The blocks read inside stop here too: a paragraph looks past its block's end for lazy lines.
      state.lineMax = line;
      if (state.blkIndent !== 0) {
        save(line);
        state.sCount[line] = sCount - state.blkIndent;
      }
      break;
    }
    if (sCount !== -1) {
      save(line);
      // A paragraph's lazy continuation.
      state.sCount[line] = -1;
    } else remember(memo, state, line, chain, start);
  }

  const oldIndent = state.blkIndent;
  state.blkIndent = 0;
  const open = state.push('blockquote_open', 'blockquote', 1);
  open.markup = '>';
  const lines: [number, number] = [startLine, 0];
  open.map = lines;
  memo.frames.push({ startLine, endLine: line, tokens: state.tokens.length, chain });
  try {
    state.md.block.tokenize(state, startLine, line);
  } finally {
    memo.frames.pop();
  }
  const close = state.push('blockquote_close', 'blockquote', -1);
  close.markup = '>';
  state.lineMax = oldLineMax;
  state.parentType = oldParentType;
  lines[1] = state.line;
  for (let i = 0; i < saved.length; i += 5) {
    const changed = at(saved, i);
    state.bMarks[changed] = at(saved, i + 1);
    state.tShift[changed] = at(saved, i + 2);
    state.sCount[changed] = at(saved, i + 3);
    state.bsCount[changed] = at(saved, i + 4);
  }
  state.blkIndent = oldIndent;
  return true;
}

/**
 * Moves a quote's line past its `>` (at `after - 1`) and an optional space, or a tab's first column, and
 * counts the indentation after it. Returns whether the rest of the line is empty.
 */
function enterQuote(state: StateBlock, line: number, after: number, max: number): boolean {
  const sCount = at(state.sCount, line);
  const bsCount = at(state.bsCount, line);
  let pos = after;
  // The column after the marker.
  let initial = sCount + 1;
  let spaced = false;
  // A tab after the marker, taken as one column of its width: what it leaves is counted from one column on.
  let tabShift = 0;
  const next = state.src.charCodeAt(pos);
  if (next === SPACE) {
    pos++;
    initial++;
    spaced = true;
  } else if (next === TAB) {
    spaced = true;
    if ((bsCount + initial) % 4 === 3) {
      pos++;
      initial++;
    } else tabShift = 1;
  }
  const textStart = pos;
  let column = initial;
  for (; pos < max; pos++) {
    const ch = state.src.charCodeAt(pos);
    if (ch === TAB) column += 4 - ((column + bsCount + tabShift) % 4);
    else if (ch === SPACE) column++;
    else break;
  }
  state.bMarks[line] = textStart;
  state.bsCount[line] = sCount + 1 + (spaced ? 1 : 0);
  state.sCount[line] = column - initial;
  state.tShift[line] = pos - textStart;
  return pos >= max;
}

/** Whether a block that ends a quote's paragraph starts at `line`. */
function endsParagraph(terminators: readonly RuleBlock[], state: StateBlock, line: number, endLine: number): boolean {
  for (const rule of terminators) if (rule(state, line, endLine, true)) return true;
  return false;
}

/** Notes that `line`, lazy already, goes on lazily in `chain`'s quotes. */
function remember(memo: Memo, state: StateBlock, line: number, chain: number, start: number): void {
  if (memo.lazyChain === undefined || memo.lazyStart === undefined) {
    memo.lazyChain = new Int32Array(state.bMarks.length);
    memo.lazyStart = new Int32Array(state.bMarks.length);
  }
  memo.lazyChain[line] = chain;
  memo.lazyStart[line] = start;
}

/** An element that is there (markdown-it's line arrays hold every line). */
function at(values: ArrayLike<number>, index: number): number {
  return values[index] as number;
}
