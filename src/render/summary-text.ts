import type { MarkdownExtensions } from '../model.js';
import { renderMarkdownHtml } from './article-html.js';
import { substituteTypography } from './goldmark-extensions.js';
import { htmlText, plainText } from './plain-text.js';

/**
 * Longest front matter summary rendered as Markdown, in UTF-16 units (as many as `bodyExcerpt` renders of a
 * body): a summary is untrusted, and is read for every article of every full run. A longer one (no real
 * summary is) is taken as plain text, as written.
 */
export const SUMMARY_MARKDOWN_CHARS = 16 * 1024;

/**
 * What can make rendering Markdown give other text than {@link plainText}: inline syntax (emphasis, code,
 * links, images, footnotes, raw HTML and autolinks, escapes, strikethrough), a character reference, what
 * linkify makes a link of, a NUL (U+FFFD in Markdown), a line break (blocks), and a block's start on the
 * first line (heading, list, quote, thematic break).
 */
const MARKDOWN_SYNTAX = /[\0\n\r*_`[\\<>~|]|^\s*(?:[#+-]|\d{1,9}[.)])|&[#A-Za-z]|\/\/|@|www\./i;

/** What goldmark's typographer changes (quotes, dashes, ellipses; angle quotes are in MARKDOWN_SYNTAX). */
const TYPOGRAPHY = /["']|--|\.\.\./;
/** Quotes, which the typographer curls in pairs across the text (the rest it substitutes where they stand). */
const QUOTES = /["']/;

/**
 * A front matter summary as feeds carry it, plain text: rendered as Markdown, as Hugo 0.111 renders a front
 * matter summary (with the site's goldmark extensions, no shortcodes), and reduced to its text, so
 * `This is **bold** and a [link](https://x.example/) & more` is `This is bold and a link & more`. Character
 * references are decoded once (`&amp;lt;` is `&lt;`). A summary with nothing Markdown or the typographer
 * would change (most are) is only normalized by {@link plainText}, which gives the same text (a property
 * test holds the two to it); one longer than {@link SUMMARY_MARKDOWN_CHARS}, or that Markdown cannot render,
 * is taken as plain text too.
 *
 * @example summaryText('This is **bold** &amp; more', 'https://example.com/a/') // 'This is bold & more'
 */
export function summaryText(summary: string, pageUrl: string, extensions?: MarkdownExtensions): string {
  if (summary.length > SUMMARY_MARKDOWN_CHARS) return plainText(summary);
  if (!MARKDOWN_SYNTAX.test(summary)) {
    if (!(extensions?.typographer ?? true) || !TYPOGRAPHY.test(summary)) return plainText(summary);
    // Dashes and ellipses but no quote (most summaries cut short with `...`): one run of text, whose
    // substitutions need no Markdown pass (~1 µs against ~6–14 µs, for every article of a full run).
    // (Not after leading white space: a tab or four spaces make it a code block, whose text stays as written.)
    if (!QUOTES.test(summary) && !/^\s/.test(summary)) return plainText(substituteTypography(summary));
  }
  return markdownText(summary, pageUrl, extensions) ?? plainText(summary);
}

/**
 * The text of a summary rendered as Markdown, whatever it holds; undefined when it cannot be rendered (see
 * `renderArticleHtml`). Exported for tests.
 */
export function markdownText(summary: string, pageUrl: string, extensions?: MarkdownExtensions): string | undefined {
  try {
    return htmlText(renderMarkdownHtml(summary, pageUrl, extensions));
  } catch {
    return undefined;
  }
}
