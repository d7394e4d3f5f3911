import type { MarkdownExtensions } from '../model.js';
import type { ResolvedRefs } from '../parse/shortcodes.js';
import { renderArticleHtml } from './article-html.js';
import type { EmojiTable } from './emoji.js';
import { summaryOf } from './summary-of.js';

/** What rendering an article's body yields for feeds. */
export interface DerivedContent {
  /** Sanitized HTML ('' when the site disables full content). */
  readonly html: string;
  /** Plain-text summary ({@link summaryOf}; '' when not asked for). */
  readonly summary: string;
  /** First image of the body, absolute. */
  readonly image?: string;
}

/**
 * Renders one article body for feeds: HTML, fallback summary (only when `withSummary`: the front
 * matter usually has one) and fallback image, with `emoji`'s aliases replaced when given (the summary
 * too, as Hugo's is made from the rendered content), and URLs with a leading slash under `canonify` when
 * given (Hugo's `canonifyURLs`: the page's baseURL), and read as HTML with `markup` `html` (`Article.markup`);
 * throws `HtmlOverAllowance` once its HTML is sure to be over `htmlAllowance` bytes, when given. Pure.
 *
 * @example deriveContent('Hello **world**', 'https://example.com/a/', true).html // '<p>Hello <strong>world</strong></p>\n'
 */
export function deriveContent(
  body: string,
  pageUrl: string,
  fullContent: boolean,
  withSummary = true,
  refs?: ResolvedRefs,
  extensions?: MarkdownExtensions,
  params?: readonly (readonly [string, string])[],
  emoji?: EmojiTable,
  canonify?: string,
  markup?: 'html',
  htmlAllowance?: number,
): DerivedContent {
  const rendered = renderArticleHtml(body, pageUrl, refs, extensions, params, emoji, canonify, markup, htmlAllowance);
  const summary = withSummary ? summaryOf(rendered) : '';
  return {
    html: fullContent ? rendered.html : '',
    summary,
    ...(rendered.firstImage !== undefined ? { image: rendered.firstImage } : {}),
  };
}
