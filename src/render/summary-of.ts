import type { ArticleHtml } from './article-html.js';
import { excerpt } from './plain-text.js';

/** Longest fallback summary, in code points (twice this for the part before `<!--more-->`). */
export const SUMMARY_CHARS = 300;

/**
 * The summary feeds show for an article whose front matter has none, as plain text: the text of the part
 * before `<!--more-->` when it has text (up to 600 code points), else the start of the body's text (up to
 * 300), so a lead that is only a cover image still gives the text after the divider. '' when the body
 * shows no text. Titled and untitled articles alike (`deriveContent`, `bodyExcerpt`). Pure.
 *
 * @example summaryOf({ lead: '<p><img src="c.jpg"></p>', html: '<p><img src="c.jpg"></p><p>Story.</p>' }) // 'Story.'
 */
export function summaryOf(rendered: Pick<ArticleHtml, 'html' | 'lead'>): string {
  const lead = rendered.lead === undefined ? '' : excerpt(rendered.lead, SUMMARY_CHARS * 2);
  return lead !== '' ? lead : excerpt(rendered.html, SUMMARY_CHARS);
}
