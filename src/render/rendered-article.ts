import type { Article } from '../model.js';
import type { DerivedContent } from './derive-content.js';

/**
 * The article as feeds show it: front matter summary and image first, else the derived ones.
 *
 * @example renderedArticle(entry, deriveContent(entry.body, entry.url, true)).summary
 */
export function renderedArticle(article: Article, derived: DerivedContent): Article {
  return {
    ...article,
    summary: article.summary || derived.summary,
    ...(article.image === undefined && derived.image !== undefined ? { image: derived.image } : {}),
    body: '',
    bodyLine: 0,
  };
}
