import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

const site = testSite({ baseURL: 'https://example.org/' });

/** The author-url warnings of an article whose front matter (after title and date, from line 4) is `frontMatter`. */
function authorUrlLines(frontMatter: string): (number | undefined)[] {
  const key = 'content/en/posts/p.md';
  const bytes = Buffer.from(`---\ntitle: A\ndate: 2025-02-10\n${frontMatter}\n---\nBody\n`);
  const { problems } = parseArticle(site, { key, bytes }, locateArticle(site, key) as ArticleLocation);
  return problems.filter((p) => p.rule === 'author-url').map((p) => p.line);
}

describe('an author whose url is no http(s) URL', () => {
  it('is warned of at the line of its own key, at the top or in the params table', () => {
    // Top level: `author:` on line 4.
    expect(authorUrlLines('author:\n  name: Ann\n  url: "javascript:alert(1)"')).toEqual([4]);
    // In `params`, which readFields reads before the top: `author:` on line 6 (it was the front matter's first line, 2).
    expect(authorUrlLines('summary: s\nparams:\n  author:\n    name: Ann\n    url: "javascript:alert(1)"')).toEqual([6]);
    // In a flow map, where the key has no line of its own: the line of `params` (line 5).
    expect(authorUrlLines('summary: s\nparams: {authors: [{name: Bo, url: "data:text/html,x"}]}')).toEqual([5]);
  });
});
