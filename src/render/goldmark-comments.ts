import type { StateInline } from 'markdown-it';

/**
 * Whether the `<!--` at `start` opens an inline comment as goldmark (CommonMark 0.30) reads one: `<!---->`,
 * or text that neither starts with `>` or `->`, nor holds `--`, nor ends with `-`, then `-->`, all before
 * `end`. markdown-it 14 reads comments as CommonMark 0.31 does, where the text may hold `--`
 * (`<!-- TODO -- check -->`) or be `>` or `->` (`<!-->`, `<!--->`).
 *
 * Linear: the scan stops at the first `--` after the opener. On a text of many openers each scan ends at
 * the next opener's own `--`, so the scans of a paragraph read each character at most twice.
 */
function opensGoldmarkComment(src: string, start: number, end: number): boolean {
  if (src.startsWith('<!---->', start)) return start + 7 <= end;
  let at = start + 4;
  if (src.charCodeAt(at) === 0x2d /* - */) at++;
  // The first character of the text (after an optional `-`) is neither `>` nor `-`.
  if (at >= end || src.charCodeAt(at) === 0x3e /* > */ || src.charCodeAt(at) === 0x2d) return false;
  for (let dash = src.indexOf('-', at + 1); dash >= 0 && dash + 1 < end; dash = src.indexOf('-', dash + 2)) {
    // A `-` followed by anything but `-` is text; the first `--` must close the comment.
    if (src.charCodeAt(dash + 1) === 0x2d) return dash + 2 < end && src.charCodeAt(dash + 2) === 0x3e;
  }
  return false;
}

/**
 * An inline rule to run before markdown-it's `html_inline`: a `<!--` that opens no comment as goldmark
 * reads it ({@link opensGoldmarkComment}) is text, as Hugo shows it (`a <!-- TODO -- check --> b` is
 * `a <!– TODO – check –> b` with the typographer), where markdown-it took it for a comment, which the
 * sanitizer then removed with its text. Any other `<` is left to the next rules. (Without raw HTML,
 * markdown-it's `html` option off, such a `<` is text all the same.)
 *
 * @example md.inline.ruler.before('html_inline', 'feedpub_goldmark_comment', goldmarkComment)
 */
export function goldmarkComment(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax } = state;
  if (!src.startsWith('<!--', pos) || opensGoldmarkComment(src, pos, posMax)) return false;
  if (!silent) state.pending += '<';
  state.pos++;
  return true;
}
