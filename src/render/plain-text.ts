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
/** A code point that must stay with the one before it: combining marks, variation selectors, ZWJ. */
const JOINER = /\p{M}|\u200D|\uFE0E|\uFE0F/u;
const WHITESPACE = /\s/u;
const TRAILING_PUNCT = /[\s,;:、，；：(（[【–—]+$/u;
const ELLIPSIS = '…';

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
 * appended when the text is cut. A surrogate pair is never split, nor a base character from its combining
 * marks. Text in space-separated scripts is cut at the last space before the limit (unless that leaves
 * nothing); Chinese, Japanese, Thai and similar scripts are cut anywhere.
 *
 * Tags are recognized with a lexer that assumes attribute values contain no raw `<` or `>`, which holds
 * for sanitized HTML. Only the start of a long document is read.
 *
 * @example
 * excerpt('<p>The quick <b>brown</b> fox</p>', 14); // 'The quick…'
 * excerpt('<p>中文文本摘要</p>', 4);                  // '中文文…'
 */
export function excerpt(html: string, maxChars: number): string {
  const limit = Math.floor(maxChars);
  if (!(limit > 0)) return '';
  const text = leadingText(html, limit);
  // Find the UTF-16 index after `limit` code points; if the text ends first, it fits whole.
  const ends: number[] = [0];
  let index = 0;
  while (index < text.length && ends.length <= limit) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
    ends.push(index);
  }
  if (index >= text.length) return text;
  // Keep limit - 1 code points, leaving room for the ellipsis.
  let kept = limit - 1;
  const charAt = (n: number): string => text.slice(ends[n] ?? 0, ends[n + 1] ?? text.length);
  // Never separate a base from its combining marks, or the halves of a ZWJ sequence.
  while (kept > 0 && (JOINER.test(charAt(kept)) || charAt(kept - 1) === '\u200D')) kept -= 1;
  const next = charAt(kept);
  const last = kept > 0 ? charAt(kept - 1) : '';
  let cut = ends[kept] ?? 0;
  if (kept > 0 && !WHITESPACE.test(next) && !NO_SPACE_SCRIPT.test(next) && !NO_SPACE_SCRIPT.test(last)) {
    // Inside a word of a space-separated script: back off to the last space, if there is one.
    const space = text.lastIndexOf(' ', cut);
    if (space > 0) cut = space;
  }
  return text.slice(0, cut).replace(TRAILING_PUNCT, '') + ELLIPSIS;
}
