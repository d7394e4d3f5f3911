/**
 * @typedef {object} ArticleRecord
 * @property {string} id e.g. `20250210A05MD2`
 * @property {import('./site-config.mjs').Lang} lang
 * @property {string} category
 * @property {string} date `YYYY-MM-DD HH:MM:SS`, no zone (the site's timeZone applies)
 * @property {boolean} draft
 * @property {string} title
 * @property {string} summary
 * @property {readonly string[]} tags
 * @property {readonly string[]} translations languages this article exists in
 * @property {string} thumbnail
 * @property {readonly string[]} blocks Markdown blocks of the body
 */

/** A YAML double-quoted scalar: JSON string syntax is a subset of it. */
const quote = (/** @type {string} */ value) => JSON.stringify(value);

const list = (/** @type {string} */ key, /** @type {readonly string[]} */ values) => [`${key}:`, ...values.map((value) => `  - ${quote(value)}`)].join('\n');

/**
 * The file text of one article: YAML front matter with exactly the keys, order and quoting of the
 * reference article (plus `draft: true` on drafts), a blank line, the body, and a final newline.
 *
 * @param {ArticleRecord} article
 * @returns {string}
 * @example
 * renderArticle(record).startsWith('---\ntitle: "'); // → true
 */
export function renderArticle(article) {
  const frontMatter = [
    '---',
    `title: ${quote(article.title)}`,
    `date: ${quote(article.date)}`,
    ...(article.draft ? ['draft: true'] : []),
    `summary: ${quote(article.summary)}`,
    list('categories', [article.category]),
    list('lang', [article.lang]),
    list('translations', article.translations),
    list('tags', article.tags),
    'menu: ""',
    `thumbnail: ${quote(article.thumbnail)}`,
    'lead: ""',
    'comments: false',
    'authorbox: false',
    'pager: true',
    'toc: false',
    'mathjax: false',
    'sidebar: "right"',
    list('widgets', ['search', 'recent', 'taglist']),
    '---',
  ].join('\n');
  return `${frontMatter}\n\n${article.blocks.join('\n\n')}\n`;
}

/**
 * Site-relative path of an article: `content/<lang>/news/<category>/<id>.<lang>.md`.
 *
 * @param {Pick<ArticleRecord, 'id' | 'lang' | 'category'>} article
 * @returns {string}
 */
export function articlePath(article) {
  return `content/${article.lang}/news/${article.category}/${article.id}.${article.lang}.md`;
}
