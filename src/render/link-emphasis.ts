import type MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';
import balancePairs from 'markdown-it/lib/rules_inline/balance_pairs.mjs';

/** One emphasis or strike delimiter of markdown-it's inline state. */
type Delimiter = StateInline['delimiters'][number];

/**
 * Emphasis around a link that holds an image, or an image that holds a link or an image, as Hugo 0.111's
 * goldmark reads it: such a link ends every emphasis left open before it (`**Photo: [![a](c)](w) by
 * Reuters**` keeps its `**` as text; markdown-it made it bold). goldmark pairs the delimiters before a link
 * when the link closes, from the delimiter that was last when its `[` opened; the inner image's `![` takes
 * that place and its close clears it, so the outer link pairs every delimiter of the paragraph so far and
 * drops those left unpaired. Emphasis before such a link, and after it, pairs as usual. Not followed: an
 * opener before the link that goldmark then pairs with a closer inside the link's text (`*a [b* ![i](c)](w)`),
 * which it shows garbled.
 *
 * Each list of delimiters is cut at such links and each part paired on its own, by markdown-it's own
 * `balance_pairs`, before it runs (which then finds every delimiter of the list paired or spent): linear, as
 * `balance_pairs` is, since each delimiter is in one part; finding the links reads each token once, and an
 * image's alt text tokens once.
 *
 * @example useGoldmarkLinkEmphasis(md); md.render('**x [![a](c)](w) y**') // '<p>**x <a href="w"><img src="c" alt="a"></a> y**</p>\n'
 */
export function useGoldmarkLinkEmphasis(md: MarkdownIt): void {
  md.inline.ruler2.before('balance_pairs', 'feedpub_link_emphasis', pairBetweenNestedLinks);
}

/** A link written with brackets (an autolink or a bare URL, markdown-it's `info: 'auto'`, is no link to goldmark's link parser). */
function bracketLink(token: Token): boolean {
  return token.type === 'link_open' && token.info !== 'auto';
}

function pairBetweenNestedLinks(state: StateInline): boolean {
  const tokens = state.tokens;
  // The token indices of the links and images that hold one, by the `link_open` whose text they are in (-1: none).
  const cuts = new Map<number, number[]>();
  const cut = (at: number, index: number): void => {
    const list = cuts.get(at);
    if (list === undefined) cuts.set(at, [index]);
    else list.push(index);
  };
  // The links open at each token, with whether a link or image was made in their text.
  const open: { readonly index: number; holds: boolean }[] = [];
  for (const [i, token] of tokens.entries()) {
    const inner = open[open.length - 1];
    if (token.type === 'link_open') {
      open.push({ index: i, holds: false });
    } else if (token.type === 'link_close') {
      const link = open.pop();
      const outer = open[open.length - 1];
      const made = link !== undefined && bracketLink(tokens[link.index] as Token);
      // No link holds a link written with brackets (CommonMark's rule, which markdown-it's link rule keeps).
      if (made && link.holds) cut(outer?.index ?? -1, i);
    } else if (token.type === 'image') {
      if (inner !== undefined) inner.holds = true;
      if (token.children?.some((child) => child.type === 'image' || bracketLink(child))) cut(inner?.index ?? -1, i);
    }
  }
  for (const [at, indices] of cuts) {
    const delimiters = at < 0 ? state.delimiters : state.tokens_meta[at]?.delimiters;
    if (delimiters !== undefined) pairInParts(delimiters, indices);
  }
  return false;
}

/** Pairs `delimiters` in parts cut before each token index of `cuts` (ascending), then spends them all. */
function pairInParts(delimiters: Delimiter[], cuts: readonly number[]): void {
  let start = 0;
  for (const index of [...cuts, Number.POSITIVE_INFINITY]) {
    let end = start;
    while (end < delimiters.length && (delimiters[end]?.token ?? 0) < index) end++;
    const part = delimiters.slice(start, end);
    balancePairs({ delimiters: part, tokens_meta: [] });
    for (const delimiter of part) if (delimiter.end >= 0) delimiter.end += start;
    start = end;
  }
  // Paired, or left as text: markdown-it's own pass then skips them.
  for (const delimiter of delimiters) {
    delimiter.open = false;
    delimiter.close = false;
  }
}
