import type MarkdownIt from 'markdown-it';

/**
 * Emphasis, strong and strike delimiters (`*`, `_`, `~`) read as Hugo 0.111's goldmark reads them: its
 * punctuation, by which a run may open or close, is ASCII punctuation and Unicode's punctuation (P), where
 * markdown-it 14 (CommonMark 0.31) also counts symbols (S). On a Chinese page the difference shows:
 * `价格为**¥100**元` is bold in Hugo (`¥` is a symbol, so the run after `为` opens), and stayed as written in
 * markdown-it; `～__粗__` the other way round.
 *
 * The inline state's `scanDelims` is replaced, for this instance only, by CommonMark's flanking rules with
 * goldmark's punctuation.
 *
 * @example useGoldmarkFlanking(md); md.renderInline('价格为**¥100**元') // '价格为<strong>¥100</strong>元'
 */
export function useGoldmarkFlanking(md: MarkdownIt): void {
  const isWhiteSpace = md.utils.isWhiteSpace;
  md.inline.State = class GoldmarkDelimiters extends md.inline.State {
    override scanDelims(start: number, canSplitWord: boolean): { can_open: boolean; can_close: boolean; length: number } {
      const src = this.src;
      const marker = src.charCodeAt(start);
      let end = start;
      while (end < this.posMax && src.charCodeAt(end) === marker) end++;
      // The line's start and end count as white space.
      const before = start === 0 ? 0x20 : codePointBefore(src, start);
      const after = end < this.posMax ? codePointAt(src, end) : 0x20;
      const beforePunct = isPunct(before);
      const afterPunct = isPunct(after);
      const beforeSpace = isWhiteSpace(before);
      const afterSpace = isWhiteSpace(after);
      const left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
      const right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
      return {
        can_open: left && (canSplitWord || !right || beforePunct),
        can_close: right && (canSplitWord || !left || afterPunct),
        length: end - start,
      };
    }
  };
}

const UNICODE_PUNCTUATION = /\p{P}/u;

/** goldmark's punctuation: an ASCII punctuation character, or one of Unicode's P categories. */
export function isPunct(code: number): boolean {
  if (code < 0x80) return (code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
  return UNICODE_PUNCTUATION.test(String.fromCodePoint(code));
}

/** The code point that ends before `pos` (U+FFFD for half a surrogate pair). */
export function codePointBefore(src: string, pos: number): number {
  const low = src.charCodeAt(pos - 1);
  if (low >= 0xdc00 && low <= 0xdfff) {
    const high = pos > 1 ? src.charCodeAt(pos - 2) : 0;
    return high >= 0xd800 && high <= 0xdbff ? 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00) : 0xfffd;
  }
  return low >= 0xd800 && low <= 0xdbff ? 0xfffd : low;
}

/** The code point that starts at `pos` (U+FFFD for half a surrogate pair). */
function codePointAt(src: string, pos: number): number {
  const high = src.charCodeAt(pos);
  if (high >= 0xd800 && high <= 0xdbff) {
    const low = src.charCodeAt(pos + 1);
    return low >= 0xdc00 && low <= 0xdfff ? 0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00) : 0xfffd;
  }
  return high >= 0xdc00 && high <= 0xdfff ? 0xfffd : high;
}
