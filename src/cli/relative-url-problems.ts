import type { Article, MarkdownExtensions, Problem } from '../model.js';
import { renderArticleHtml } from '../render/article-html.js';

/**
 * Warnings for the relative URLs of an article's body that publishing rewrites to absolute ones
 * (feed readers have no base URL): one per URL, at the line where it is written, saying what it
 * becomes. Renders the body, so `check` asks for it only with `--verbose`.
 *
 * @example
 * relativeUrlProblems({ ...article, body: '![a](img/x.png)', bodyLine: 5, url: 'https://example.com/a/' });
 * // [{ file, line: 5, severity: 'warning', rule: 'relative-url',
 * //    message: 'relative URL "img/x.png" becomes https://example.com/a/img/x.png in feeds' }]
 */
export function relativeUrlProblems(
  article: Pick<Article, 'key' | 'body' | 'bodyLine' | 'url' | 'params' | 'markup'>,
  extensions?: MarkdownExtensions,
): Problem[] {
  // With its params, and as HTML where its `markup` says so, as publishing renders it: a relative URL may come from a param's value.
  const { rewritten } = renderArticleHtml(article.body, article.url, undefined, extensions, article.params ?? [], undefined, undefined, article.markup);
  return rewritten.map((raw) => {
    const at = article.body.indexOf(raw);
    const line = at < 0 ? article.bodyLine : article.bodyLine + countNewlines(article.body, at);
    let target: string;
    try {
      target = new URL(raw, article.url).href;
    } catch {
      target = raw;
    }
    return { file: article.key, line, severity: 'warning', rule: 'relative-url', message: `relative URL "${raw}" becomes ${target} in feeds` };
  });
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
