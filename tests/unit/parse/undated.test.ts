import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

// An article without a date is left out of feeds with a warning (no-date): the warning says why there is
// none (an empty file, a date key without a value, no date key) at the line to fix.

const KEY = 'content/en/news/a.md';

function problems(text: string | Uint8Array, overrides: Record<string, unknown> = {}, body = true) {
  const site = testSite(overrides);
  const location = locateArticle(site, KEY) as ArticleLocation;
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const result = parseArticle(site, { key: KEY, bytes }, location, { body });
  expect(result.article).toBeUndefined();
  return result.problems.map((p) => ({ severity: p.severity, rule: p.rule, line: p.line, message: p.message }));
}

describe('an article without a date', () => {
  const empty = { severity: 'warning', rule: 'no-date', line: 1, message: 'the file is empty: not in feeds; write front matter with a date, then the text' };

  it.each([
    ['no bytes', ''],
    ['only line breaks and spaces', '\n\n   \n\t\n'],
    ['only a BOM and CRLF line breaks', '\uFEFF\r\n\r\n'],
  ])('says an empty file (%s) is empty', (_name, text) => {
    for (const body of [true, false]) expect(problems(text, {}, body)).toEqual([empty]);
  });

  it.each([
    ['date:', '---\ntitle: Empty date\ndate:\n---\nText\n', 'date', 3],
    ['date: ""', '---\ntitle: Empty date\ndate: ""\n---\nText\n', 'date', 3],
    ['a TOML date = ""', '+++\ntitle = "Empty date"\n\npublishDate = ""\n+++\nText\n', 'publishDate', 4],
    ['Date: in another case', '---\ntitle: x\nDate:\n---\nText\n', 'Date', 3],
  ])('points at a date key written without a value (%s)', (_name, text, key, line) => {
    for (const body of [true, false]) {
      expect(problems(text, {}, body)).toEqual([
        {
          severity: 'warning',
          rule: 'no-date',
          line,
          message: `${key} has no value: not in feeds (Hugo would list it as year 0001); write a date such as 2025-01-06`,
        },
      ]);
    }
  });

  it('points at the first of two date keys written without a value', () => {
    expect(problems('---\ntitle: x\npubdate:\ndate: ""\n---\nText\n')).toEqual([
      {
        severity: 'warning',
        rule: 'no-date',
        line: 3,
        message: 'pubdate has no value: not in feeds (Hugo would list it as year 0001); write a date such as 2025-01-06',
      },
    ]);
  });

  it('reads the date keys of the site when it names them ([frontmatter])', () => {
    const site = { frontmatter: { date: ['released'] } };
    expect(problems('---\ntitle: x\nreleased:\n---\nText\n', site)[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^released has no value/) });
    // date is not one of this site's sources: an empty one is not why.
    expect(problems('---\ntitle: x\ndate:\n---\nText\n', site)[0]).toMatchObject({ line: 2, message: expect.stringMatching(/^no date, publishDate/) });
  });

  it('still says so at the first line of front matter without any date key, or of a file without front matter', () => {
    expect(problems('\n---\ntitle: x\n---\nText\n')).toEqual([
      { severity: 'warning', rule: 'no-date', line: 3, message: 'no date, publishDate or lastmod: not in feeds (Hugo would list it as year 0001)' },
    ]);
    expect(problems('Only text.\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/^no date, publishDate/) });
  });
});
