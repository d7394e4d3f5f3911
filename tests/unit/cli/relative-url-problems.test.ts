import { describe, expect, it } from 'vitest';
import { relativeUrlProblems } from '../../../src/cli/relative-url-problems.js';

describe('relativeUrlProblems', () => {
  const article = {
    key: 'content/en/news/a.md',
    url: 'https://example.com/news/a/',
    bodyLine: 5,
    body: 'Intro with [an absolute link](https://other.example/x).\n\n![chart](img/chart.png)\n\nSee [the archive](/archive/) and [mail](mailto:x@example.com).\n',
  };

  it('reports a relative URL that comes from a param, as publishing renders it (a security review found it missed)', () => {
    const withParam = { ...article, bodyLine: 3, body: 'Text.\n\n![a]({{< param img >}})\n', params: [['img', 'img/x.png']] as [string, string][] };
    expect(relativeUrlProblems(withParam).map((p) => p.message)).toEqual(['relative URL "img/x.png" becomes https://example.com/news/a/img/x.png in feeds']);
  });

  it('reads an HTML body (markup html) as HTML: a Markdown link in it is text, an HTML one a URL', () => {
    const html = { ...article, bodyLine: 3, body: '[md](a.png)\n<img src="b.png">\n', markup: 'html' as const };
    expect(relativeUrlProblems(html).map((p) => `${p.line}: ${p.message}`)).toEqual([
      '4: relative URL "b.png" becomes https://example.com/news/a/b.png in feeds',
    ]);
  });

  it('reports each relative URL at its line with what it becomes', () => {
    expect(relativeUrlProblems(article)).toEqual([
      {
        file: 'content/en/news/a.md',
        line: 7,
        severity: 'warning',
        rule: 'relative-url',
        message: 'relative URL "img/chart.png" becomes https://example.com/news/a/img/chart.png in feeds',
      },
      {
        file: 'content/en/news/a.md',
        line: 9,
        severity: 'warning',
        rule: 'relative-url',
        message: 'relative URL "/archive/" becomes https://example.com/archive/ in feeds',
      },
    ]);
  });

  it('reports nothing for a body with absolute URLs only', () => {
    expect(relativeUrlProblems({ ...article, body: '[x](https://example.com/) <https://a.example/>\n' })).toEqual([]);
  });
});
