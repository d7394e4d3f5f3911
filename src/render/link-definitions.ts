import type MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import paragraph from 'markdown-it/lib/rules_block/paragraph.mjs';
import reference from 'markdown-it/lib/rules_block/reference.mjs';

/**
 * Link reference definitions read as goldmark reads them in a quote or a list item: they open a paragraph
 * (goldmark takes them out of it when it closes), so a line after them that goes on lazily, without the
 * quote's `>` or the item's indentation, is that paragraph's text, inside the quote or the item
 * (`> [a]: https://x\nText` is a quote that says "Text"). markdown-it's `reference` rule ends the quote or
 * the item there, and the line became a paragraph after it. A lazy line that is a definition too is one
 * more of them, as goldmark reads definitions at a paragraph's start.
 *
 * Linear: each lazy line is checked once for the blocks that end a paragraph, as markdown-it's paragraph
 * rule checks each of its lines, and is then read by the `reference` or `paragraph` rule, which move on.
 *
 * @example useGoldmarkLinkDefinitions(md); md.render('> [a]: https://x\nText') // '<blockquote>\n<p>Text</p>\n</blockquote>\n'
 */
export function useGoldmarkLinkDefinitions(md: MarkdownIt): void {
  md.block.ruler.at('reference', definitionsAndLazyLines);
}

/** In markdown-it's `reference` rule's place, which has no `alt` chain: never asked whether a line ends a block. */
function definitionsAndLazyLines(state: StateBlock, startLine: number, endLine: number): boolean {
  if (!reference(state, startLine, endLine, false)) return false;
  for (;;) {
    const line = state.line;
    if (!continuesLazily(state, line, endLine)) return true;
    if (!reference(state, line, endLine, false)) return paragraph(state, line, endLine);
  }
}

/**
 * Whether `line` goes on with the paragraph before it from outside the block being read (a quote's line
 * without `>`, a list item's line less indented than its text): not blank, and no start of a block that
 * ends a paragraph (a list item, a heading, a fence...).
 */
function continuesLazily(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine || state.isEmpty(line) || (state.sCount[line] ?? 0) >= state.blkIndent) return false;
  const parentType = state.parentType;
  state.parentType = 'paragraph';
  try {
    return !state.md.block.ruler.getRules('paragraph').some((rule) => rule(state, line, endLine, true));
  } finally {
    state.parentType = parentType;
  }
}
