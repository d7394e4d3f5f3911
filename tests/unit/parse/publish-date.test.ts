import { describe, expect, it } from 'vitest';
import { parseArticle, readListPageReport } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { UNDATED } from '../../../src/plan/date-sources.js';
import { testSite } from '../../support/site.js';

// Hugo 0.111 (checked with hugo) reads a page's publishDate from publishDate's own sources: by default
// publishdate, pubdate, published and date; a `[frontmatter] publishDate` list otherwise. A page dated by its
// lastmod, a custom key or its file name alone has none (Hugo's zero time): it is listed now, never held back.

const KEY = 'content/en/news/a.md';
const CUSTOM = { frontmatter: { date: ['mydate', ':filename', ':default'] } };

function article(frontMatter: string, overrides: Record<string, unknown> = {}, key = KEY) {
  const site = testSite(overrides);
  const location = locateArticle(site, key) as ArticleLocation;
  return parseArticle(site, { key, bytes: Buffer.from(`---\ntitle: A\n${frontMatter}---\nText\n`) }, location).article;
}

describe('an article is held back by its publishDate alone, as Hugo 0.111 holds it', () => {
  it('has the date key or a publishDate as publishDate, the later one kept apart', () => {
    expect(article('date: 2027-07-01T00:00:00Z\n')?.publishAt).toBe(Date.UTC(2027, 6, 1));
    const both = article('publishDate: 2020-01-01T00:00:00Z\ndate: 2027-08-01T00:00:00Z\n');
    expect([both?.publishAt, both?.published]).toEqual([Date.UTC(2020, 0, 1), Date.UTC(2027, 7, 1)]);
  });

  it('has none where its date is its lastmod (its own, or any alias) only', () => {
    for (const key of ['lastmod', 'modified']) {
      const page = article(`${key}: 2027-07-01T00:00:00Z\n`);
      expect([page?.publishAt, page?.published], key).toEqual([UNDATED, Date.UTC(2027, 6, 1)]);
    }
  });

  it('has none where a [frontmatter] dates it by a custom key or its file name, and one where publishDate reads them', () => {
    const custom = article('mydate: 2027-06-01T00:00:00Z\n', CUSTOM);
    expect([custom?.publishAt, custom?.published]).toEqual([UNDATED, Date.UTC(2027, 5, 1)]);
    const named = article('', CUSTOM, 'content/en/news/2027-05-01-fn.md');
    expect(named?.publishAt).toBe(UNDATED);
    expect(named?.published).toBeGreaterThan(Date.UTC(2027, 0, 1));
    // The date key is still one of publishDate's sources by `:default`.
    expect(article('date: 2027-05-02T00:00:00Z\n', CUSTOM)?.publishAt).toBe(Date.UTC(2027, 4, 2));
    const byName = { frontmatter: { date: [':filename', ':default'], publishDate: [':filename', ':default'] } };
    expect(article('', byName, 'content/en/news/2027-05-01-fn.md')?.publishAt).toBeGreaterThan(Date.UTC(2027, 0, 1));
    expect(article('lastmod: 2027-05-03T00:00:00Z\n', byName)?.publishAt).toBe(UNDATED);
  });
});

describe('a list page is held back by its publishDate alone', () => {
  const list = (fm: string, overrides: Record<string, unknown> = {}) => readListPageReport(testSite(overrides), Buffer.from(`---\n${fm}---\n`)).list;

  it('not by its lastmod, nor by a custom key or a cascaded one that dates it under a [frontmatter]', () => {
    expect(list('title: S\nlastmod: 2027-07-01T00:00:00Z\n')?.publishAt).toBeUndefined();
    expect(list('title: S\nmydate: 2027-06-01T00:00:00Z\n', CUSTOM)?.publishAt).toBeUndefined();
    expect(list('title: S\ncascade:\n  mydate: 2027-06-01T00:00:00Z\n', CUSTOM)?.publishAt).toBeUndefined();
    expect(list('title: S\ncascade:\n  lastmod: 2027-06-01T00:00:00Z\n', CUSTOM)?.publishAt).toBeUndefined();
  });

  it('by its date key, its own or cascaded, with or without a [frontmatter]', () => {
    for (const overrides of [{}, CUSTOM]) {
      expect(list('title: S\ndate: 2027-06-01T00:00:00Z\n', overrides)?.publishAt).toBe(Date.UTC(2027, 5, 1));
      expect(list('title: S\ncascade:\n  date: 2027-06-01T00:00:00Z\n', overrides)?.publishAt).toBe(Date.UTC(2027, 5, 1));
    }
  });
});
