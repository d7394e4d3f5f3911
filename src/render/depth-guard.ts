import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';

/**
 * Blocks nested deeper than markdown-it reads are kept as text. markdown-it stops reading blocks at
 * `maxNesting` (100) levels of tokens, and what it leaves is gone without a word: the rest of a quote, and for a
 * list nested that deep (a list opens two levels: the list and its item) the rest of the document, whose
 * later lines the deepest item had taken as its own. goldmark reads any depth. Nesting is what makes
 * markdown-it's limit worth having (an image nested in an image's text costs the square of its depth), so the
 * limit stays, and a rule first in the block chain takes over two levels before it: from there on, each run of
 * non-blank lines is one paragraph of its text as written (`> > a` shows as "> > a"), so every word is
 * still in the feed, and a line that ends the block it is in (a less indented one) is read by that block's
 * parent, as before.
 *
 * @example useDepthGuard(md); md.render(`${'>'.repeat(120)} deep\n\nafter`) // 98 quotes around <p>&gt;&gt; … deep</p>, then <p>after</p>
 */
export function useDepthGuard(md: MarkdownIt): void {
  // markdown-it's first block rule: called first, before any rule inserted before `table` later.
  md.block.ruler.before('table', 'feedpub_depth_guard', depthGuard);
  if (md.block.ruler.getRules('')[0] !== depthGuard) throw new Error('internal error: the depth guard is not the first block rule');
}

/**
 * How deep (in token levels) blocks are read as blocks: a block that starts deeper is read as text. A
 * container opens at most two levels before reading its content (a list and its item; a definition list
 * and its definition), so content starting at this depth or above was opened at most two below markdown-it's
 * limit, which it still reads.
 */
export function blockDepthLimit(md: MarkdownIt): number {
  return ((md.options as { maxNesting?: number }).maxNesting ?? 100) - 2;
}

/** Added with no `alt` chain, it is never asked whether a line ends a paragraph or a quote: nothing is ended by it. */
function depthGuard(state: StateBlock, startLine: number, endLine: number): boolean {
  if (state.level < blockDepthLimit(state.md)) return false;
  let next = startLine + 1;
  // The paragraph's lines: to a blank line, or a line less indented than the block it is in (not a quote's
  // lazy line, whose `sCount` is -1: the quote took it as its own).
  while (next < endLine && !state.isEmpty(next)) {
    const indent = state.sCount[next] ?? 0;
    if (indent >= 0 && indent < state.blkIndent) break;
    next++;
  }
  const content = state.getLines(startLine, next, state.blkIndent, false).trim();
  state.line = next;
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [startLine, next];
  const inline = state.push('inline', '', 0);
  inline.content = content;
  inline.map = [startLine, next];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
  return true;
}
