import { planArticles } from '../generator/generate-corpus.mjs';
import { articlePath } from '../generator/render-article.mjs';

/** Generated past dates end in March 2025 and future ones start in 2031: anything before 2030 is published. */
const PUBLISHED_BEFORE = '2030';

/**
 * The keys of the `count` newest published articles of the corpus of `articles` articles (no drafts, no
 * future posts), newest first. They sit at the top of every feed they belong to, so changing one of them
 * changes those feeds: the case issue #3 is about.
 *
 * @param {number} articles corpus size
 * @param {number} count
 * @returns {string[]} content-bucket keys, e.g. `content/en/news/qq/20250228A01ABC.en.md`
 * @example
 * newestPublishedKeys(10000, 2); // → two keys, newest first
 */
export function newestPublishedKeys(articles, count) {
  return planArticles(articles)
    .filter((record) => !record.draft && record.date < PUBLISHED_BEFORE)
    .map((record) => ({ date: record.date, key: articlePath(record) }))
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, count)
    .map((entry) => entry.key);
}

/**
 * An author's edit of one article: the title gets a suffix and the body a new last paragraph. The front
 * matter's other fields (date, tags, category) stay, so the article stays in the same feeds.
 *
 * @param {string} text the article file as generated (`title: "…"` on its own line)
 * @param {string} note what to add, e.g. `edit 1`
 * @returns {string}
 * @example
 * editArticle('---\ntitle: "A"\n---\n\nBody.\n', 'edit 1'); // → '---\ntitle: "A (edit 1)"\n---\n\nBody.\n\nUpdated: edit 1.\n'
 */
export function editArticle(text, note) {
  const titleLine = /^title: (".*")$/m;
  const match = titleLine.exec(text);
  if (match === null) throw new Error('editArticle: no `title: "…"` line in the front matter');
  const title = JSON.parse(/** @type {string} */ (match[1]));
  const retitled = text.replace(titleLine, () => `title: ${JSON.stringify(`${title} (${note})`)}`);
  return `${retitled.replace(/\n*$/, '')}\n\nUpdated: ${note}.\n`;
}
