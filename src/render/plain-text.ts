import { DecodingMode, decodeHTML } from 'entities';
import { stripInvalidXmlChars } from './xml-chars.js';

/**
 * Whitespace that separates words: ASCII whitespace (incl. VT and FF), NEL and the Unicode line and
 * paragraph separators. No-break and ideographic spaces are kept: they are meaningful in titles.
 */
const SPACE_RUN = /[\t\n\v\f\r \u0085\u2028\u2029]+/g;
const DOUBLE_SPACE = / {2,}/g;

/**
 * Normalizes a title (or a front matter summary without Markdown, see `summaryText`) to plain text: HTML character references are decoded
 * exactly once (strict mode, so only references ending in `;` count: `AT&T` and `&para` in prose stay as
 * written), whitespace runs become one space, the ends are trimmed, and XML-invalid characters are removed.
 * Markup is not interpreted: `<b>x</b>` stays literally, for the renderers to escape.
 *
 * @example
 * plainText(' Don&#39;t  &amp;lt;panic&gt;\n'); // "Don't &lt;panic>"
 * plainText('<b>x</b>');                        // '<b>x</b>'
 */
export function plainText(s: string): string {
  const text = s.includes('&') ? decodeHTML(s, DecodingMode.Strict) : s;
  return stripInvalidXmlChars(text.replace(SPACE_RUN, ' ')).replace(DOUBLE_SPACE, ' ').trim();
}

/** Elements whose boundary separates words (a space is put there); other tags are removed without one. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'audio',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'picture',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'video',
]);

/**
 * One token of HTML that is not text: a comment, an element whose content is not text (dropped with its
 * content), a start or end tag (group 2 is its name), or a doctype / processing instruction.
 */
const MARKUP =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|template|textarea|title|noscript|svg|math|iframe|object|select)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([a-zA-Z][^\s/<>]*)(?:[\s/][^<>]*)?>|<[!?][^<>]*>/gi;

/**
 * Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar), CJK punctuation and
 * full-width forms.
 */
const NO_SPACE_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3000-\u303F\uFF00-\uFFEF]/u;
/**
 * White space a line may break at: JavaScript's `\s` without the no-break spaces (U+00A0, the figure space
 * U+2007, the narrow U+202F, U+FEFF), which join what they stand between (`10\u00A0000\u00A0euros` is one
 * word to an excerpt's cut, as it was when only ASCII spaces were).
 */
const WHITESPACE = /(?![\u00A0\u2007\u202F\uFEFF])\s/u;
const TRAILING_PUNCT = /[\s,;:、，；：(（[【–—]+$/u;
const ELLIPSIS = '…';

/**
 * Extended grapheme clusters (UAX #29): rules over character properties, no dictionary, so the same text
 * gives the same clusters in every ICU of one Unicode version. Made once, when first needed: making one
 * loads ICU's break rules (~17 ms), which most runs never need (Chinese and Latin text is cut without it).
 */
let graphemes: Intl.Segmenter | undefined;
/**
 * A code point that starts a grapheme cluster after any code point but a prepended one (UAX #29: one with
 * Grapheme_Cluster_Break Other or Control that is no Indic consonant and no pictograph): ASCII but LF,
 * white space, punctuation, and the letters of the Latin, Greek, Cyrillic, Han, kana, Thai and Lao scripts
 * but their marks (Thai and Lao SARA AM and half-width voiced sound marks are marks there). Nothing before
 * it changes a boundary after it. Checked with ICU 78 (Unicode 17): each such code point, after every kind of
 * code point a rule looks back to, starts a cluster.
 */
const STARTS_CLUSTER =
  /^(?![\p{M}\p{Extended_Pictographic}\n\u0E33\u0EB3\uFF9E\uFF9F])[\x20-\x7E\s\p{P}\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}]$/u;
/**
 * A code point that is surely not prepended to the next cluster (Grapheme_Cluster_Break Prepend, such as
 * U+0600 ARABIC NUMBER SIGN): an assigned one of the BMP but a format character and U+0D4E MALAYALAM LETTER
 * DOT REPH (the only other prepended one there), or a mark, pictograph, regional indicator, skin tone or
 * Han character beyond it.
 */
const NOT_PREPENDED = /^(?:(?![\p{Cf}\p{Cn}\p{Co}\u0D4E])[\0-\uFFFF]|[\p{M}\p{Extended_Pictographic}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Script=Han}])$/u;

/** The code point that starts at UTF-16 index `i` ('' at the end). */
function codePointAt(text: string, i: number): string {
  const c = text.codePointAt(i);
  return c === undefined ? '' : String.fromCodePoint(c);
}

/** The code point that ends at UTF-16 index `i` ('' at the start). */
function codePointBefore(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  const high = i >= 2 ? text.charCodeAt(i - 2) : 0;
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(i - 2, i) : text.slice(i - 1, i);
}

/**
 * Whether a cluster boundary is certain at `i` from the two code points around it alone; segmenting from
 * such a boundary gives the clusters after it that segmenting the whole text gives.
 */
function plainBoundary(text: string, i: number): boolean {
  return i <= 0 || i >= text.length || (STARTS_CLUSTER.test(codePointAt(text, i)) && NOT_PREPENDED.test(codePointBefore(text, i)));
}

/** A cluster boundary at or before `i`: the start of the text or a {@link plainBoundary}. */
function safeStart(text: string, i: number): number {
  let start = i;
  while (!plainBoundary(text, start)) start -= codePointBefore(text, start).length;
  return start;
}

/**
 * The grapheme cluster of `text` that holds UTF-16 index `i` (`i` < `end` ≤ text.length, `end` a cluster
 * boundary or one code point past `i`), found by segmenting only the text from a certain boundary before `i`
 * to `end`: a cluster's boundaries depend on what comes before them and on the next code point alone.
 */
function clusterAt(text: string, i: number, end: number): { readonly start: number; readonly end: number } {
  const from = safeStart(text, i);
  graphemes ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  // `from` ≤ `i` < `end`: the segmented text holds index `i - from`, so some segment contains it.
  const segment = graphemes.segment(text.slice(from, end)).containing(i - from) as Intl.SegmentData;
  return { start: from + segment.index, end: from + segment.index + segment.segment.length };
}

/**
 * The last extended grapheme cluster boundary at or before UTF-16 index `i` of `text`: where `text` may be
 * cut without splitting a flag, an emoji sequence or a letter from its marks.
 *
 * @example clusterStart('a🇨🇳', 3) // 1
 */
export function clusterStart(text: string, i: number): number {
  if (plainBoundary(text, i)) return i;
  return clusterAt(text, i, i + codePointAt(text, i).length).start;
}

/** The text content of an HTML fragment with entities decoded and whitespace collapsed. */
function textContent(html: string): string {
  const text = html.replace(MARKUP, (_m: string, _dropped?: string, tag?: string) => (tag !== undefined && BLOCK_TAGS.has(tag.toLowerCase()) ? ' ' : ''));
  const decoded = text.includes('&') ? decodeHTML(text) : text;
  return stripInvalidXmlChars(decoded.replace(SPACE_RUN, ' ')).replace(DOUBLE_SPACE, ' ').trim();
}

/**
 * The whole text content of an HTML fragment (sanitized HTML, as `renderArticleHtml` gives): no tags, entities
 * decoded once, a space at block boundaries, whitespace collapsed, the ends trimmed.
 *
 * @example htmlText('<p>This is <strong>bold</strong> &amp; more</p>\n'); // 'This is bold & more'
 */
export function htmlText(html: string): string {
  return textContent(html);
}

/** Code points of text read beyond the limit, so that a reference or tag cut at the end cannot matter. */
const MARGIN = 64;

function hasMoreCodePoints(text: string, count: number): boolean {
  if (text.length > 2 * count) return true;
  let seen = 0;
  for (let i = 0; i < text.length; i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) seen++;
  return seen > count;
}

/**
 * The start of the text content: at least `limit + MARGIN` code points of it, or all of it. Reads a
 * growing prefix of the HTML (cut before an unfinished tag), so a long article costs what its start costs.
 */
function leadingText(html: string, limit: number): string {
  for (let size = Math.max(1024, limit * 8); ; size *= 4) {
    if (size >= html.length) return textContent(html);
    let prefix = html.slice(0, size);
    const open = prefix.lastIndexOf('<');
    if (open > prefix.lastIndexOf('>')) prefix = prefix.slice(0, open);
    const text = textContent(prefix);
    if (hasMoreCodePoints(text, limit + MARGIN)) return text;
  }
}

/**
 * A plain-text excerpt of an HTML fragment (such as `renderArticleHtml(...).html`): the text content
 * (no tags; script, style and similar elements dropped with their content; entities decoded; a space at
 * block boundaries), whitespace collapsed, and at most `maxChars` code points **including** the `…` that is
 * appended when the text is cut. The cut is only ever between two extended grapheme clusters (UAX #29: a
 * flag, an emoji with its skin tone or ZWJ sequence, a base with its marks, Thai `ทำ`, a Hangul syllable in
 * jamo and an Indic conjunct stay whole). Chinese, Japanese, Thai and similar scripts, which put no spaces
 * between words, are cut anywhere; a word of a script that has spaces (Latin, digits, Hangul, emoji) is not:
 * the cut backs off to the start of that word, at the space before it or just after the Chinese (Japanese,
 * Thai…) character before it, unless the word starts the text (then it is cut where it must be).
 *
 * Tags are recognized with a lexer that assumes attribute values contain no raw `<` or `>`, which holds
 * for sanitized HTML. Only the start of a long document is read.
 *
 * @example
 * excerpt('<p>The quick <b>brown</b> fox</p>', 14); // 'The quick…'
 * excerpt('<p>中文文本摘要</p>', 4);                  // '中文文…'
 * excerpt('<p>背景 今年2024年</p>', 8);               // '背景 今年…'
 */
export function excerpt(html: string, maxChars: number): string {
  const limit = Math.floor(maxChars);
  if (!(limit > 0)) return '';
  const text = leadingText(html, limit);
  // The UTF-16 index after limit - 1 code points (room for the ellipsis); the text fits whole when it
  // has no more than `limit` code points.
  let count = 0;
  let index = 0;
  let kept = 0;
  while (index < text.length && count < limit) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    count += 1;
    if (count === limit - 1) kept = index;
  }
  if (index >= text.length) return text;
  let cut = clusterStart(text, kept);
  const next = codePointAt(text, cut);
  const last = codePointBefore(text, cut);
  if (cut > 0 && !WHITESPACE.test(next) && !NO_SPACE_SCRIPT.test(next) && !NO_SPACE_SCRIPT.test(last)) {
    // Inside a word of a space-separated script: back off through that word alone, to the space before
    // it or to just after the character of a script without spaces before it; a word that starts the
    // text is cut where it must be.
    for (let i = cut; i > 0; ) {
      const c = codePointBefore(text, i);
      i -= c.length;
      if (WHITESPACE.test(c)) {
        cut = clusterStart(text, i);
        break;
      }
      if (NO_SPACE_SCRIPT.test(c)) {
        cut = plainBoundary(text, i + c.length) ? i + c.length : clusterAt(text, i, cut).end;
        break;
      }
    }
  }
  // Drop the spaces and punctuation the cut leaves at the end, and a cluster they end (a prepended
  // character before a space, as `\u0600 `).
  let body = text.slice(0, cut);
  for (let trimmed = body.replace(TRAILING_PUNCT, ''); trimmed.length < body.length; trimmed = body.replace(TRAILING_PUNCT, '')) {
    body = text.slice(0, clusterStart(text, trimmed.length));
  }
  return body + ELLIPSIS;
}
