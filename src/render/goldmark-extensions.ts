/**
 * Hugo's goldmark extensions for markdown-it, as feeds can carry them: footnotes (markdown-it-footnote,
 * rendered with goldmark's numbers and links), goldmark's typographic substitutions, and headings'
 * trailing attribute lists taken out of their text. Definition lists need nothing more than
 * markdown-it-deflist. What is written uses only elements and attributes the sanitizer keeps (no `id`,
 * `class` or `role`), so a body without raw HTML still needs no sanitizing.
 */
import type MarkdownIt from 'markdown-it';
import type { RendererRule, StateCore, StateInline, Token } from 'markdown-it';

/** A footnote's number as goldmark writes it (1-based, in order of first reference). */
function footnoteNumber(token: Token | undefined): string {
  const meta = token?.meta as { id?: number } | undefined;
  return String((meta?.id ?? 0) + 1);
}

/**
 * Renders markdown-it-footnote's tokens as goldmark does, less what a feed cannot keep: a reference is a
 * superscript number linking to `#fn:N` on the article's page (the anchor Hugo's page has), and the notes
 * are a numbered list after a rule, each ending with a link back to `#fnref:N` for each reference. `pageLink` makes the
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
  rules.footnote_block_open = (_tokens, _idx, options) => (options.xhtmlOut ? '<section>\n<hr />\n<ol>\n' : '<section>\n<hr>\n<ol>\n');
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_open = () => '<li>';
  rules.footnote_close = () => '</li>\n';
  // A link back for each reference, as goldmark writes them, each to the note's first reference on the page.
  // U+FE0E keeps the arrow a text character (iOS would draw an emoji).
  rules.footnote_anchor = (tokens, idx, _options, env) => ` <a href="${attr(pageLink(`#fnref:${footnoteNumber(tokens[idx])}`, env))}">\u21a9\ufe0e</a>`;
}

/** goldmark's typographic substitutions (its defaults), longest first. */
const SUBSTITUTIONS: Readonly<Record<string, string>> = { '---': '\u2014', '--': '\u2013', '...': '\u2026', '<<': '\u00ab', '>>': '\u00bb' };
const SUBSTITUTABLE = /---|--|\.\.\.|<<|>>/g;

/**
 * markdown-it's `replacements` rule with goldmark's substitutions in its place: `---` an em dash, `--` an en
 * dash, `...` an ellipsis, `<<` and `>>` angle quotes, in text (not in code, nor in a link's text that is its
 * URL). markdown-it's own also turns `(c)`, `(tm)` and `+-` into symbols and `??????` into `???`, which
 * goldmark does not. Curly quotes come from markdown-it's `smartquotes`, which typographer mode also runs.
 *
 * @example md.core.ruler.at('replacements', goldmarkReplacements) // with { typographer: true }
 */
export function goldmarkReplacements(state: StateCore): void {
  if (!state.md.options.typographer) return;
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

/** The token type a linkified URL's text has while `smartquotes` runs (it curls any `text` token's quotes). */
const AUTOLINK_TEXT = 'feedpub_autolink_text';

/**
 * Keeps the typographer's curly quotes out of a linked URL's text (`https://e.com/it's`), as goldmark
 * does: the text of a link made from a bare or `<>` URL is set aside while markdown-it's `smartquotes`
 * runs, and put back after it. Its `href` was never touched.
 *
 * @example keepAutolinkTextStraight(md) // with { typographer: true }
 */
export function keepAutolinkTextStraight(md: MarkdownIt): void {
  const mark = (from: string, to: string) => (state: StateCore) =>
    forEachInline(state, (token, inAutolink) => {
      if (inAutolink && token.type === from) token.type = to;
    });
  md.core.ruler.before('smartquotes', 'feedpub_autolink_aside', mark('text', AUTOLINK_TEXT));
  md.core.ruler.after('smartquotes', 'feedpub_autolink_back', mark(AUTOLINK_TEXT, 'text'));
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
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]?.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    if (inline?.type !== 'inline') continue;
    // The list is the last `{` on, unless that `{` is escaped.
    const open = inline.content.lastIndexOf('{');
    if (open < 0 || inline.content[open - 1] === '\\' || !ATTRIBUTE_LIST.test(inline.content.slice(open))) continue;
    inline.content = inline.content.slice(0, open).trimEnd();
  }
}
