import type { MarkdownExtensions } from '../model.js';
import { renderArticleHtml } from './article-html.js';
import type { EmojiTable } from './emoji.js';
import { summaryOf } from './summary-of.js';

/**
 * Markdown rendered for an excerpt at most, in UTF-16 units ({@link bodyExcerpt}, and the summary and
 * image of a body too long to render whole): any excerpt's text is in it, and rendering it is quick
 * whatever the body (an untrusted body may be megabytes, or hostile to the renderer).
 */
export const EXCERPT_MARKDOWN_CHARS = 16 * 1024;

/**
 * The plain-text excerpt of a Markdown body (an HTML one with `markup` `html`), for an article that has no title and no summary: what its
 * feed items show in their place: {@link summaryOf} its render, as a titled article's derived summary.
 * '' when the body shows no text (empty, only images, comments or markup) or cannot be rendered. Only the first
 * {@link EXCERPT_MARKDOWN_CHARS} of the body are rendered, with `emoji`'s aliases replaced when given (as
 * in Hugo's summary, made from the page's content). Pure.
 *
 * @example bodyExcerpt('Just *a* note.', 'https://example.com/notes/a/') // 'Just a note.'
 * @example bodyExcerpt('![](photo.jpg)', 'https://example.com/notes/a/') // ''
 */
export function bodyExcerpt(
  markdown: string,
  pageUrl: string,
  extensions?: MarkdownExtensions,
  params?: readonly (readonly [string, string])[],
  emoji?: EmojiTable,
  markup?: 'html',
): string {
  // A surrogate pair cut in two leaves a lone surrogate, which rendering drops as any character XML forbids.
  const head = markdown.slice(0, EXCERPT_MARKDOWN_CHARS);
  const text = (withParams: readonly (readonly [string, string])[] | undefined): string => {
    return summaryOf(renderArticleHtml(head, pageUrl, undefined, extensions, withParams, emoji, undefined, markup));
  };
  try {
    return text(params);
  } catch {
    // Whatever rendering throws (see `renderArticleHtml`): params over their bound still leave the text
    // around them (a second review: such a page was rejected as having none); else no text to show.
    if (params === undefined || params.length === 0) return '';
    try {
      return text(undefined);
    } catch {
      return '';
    }
  }
}
