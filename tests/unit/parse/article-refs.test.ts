import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { MAX_REFS } from '../../../src/parse/shortcodes.js';
import { testSite } from '../../support/site.js';

const site = testSite();
const KEY = 'content/en/posts/a.md';

function parse(text: string, body: boolean) {
  const location = locateArticle(site, KEY);
  if (!location) throw new Error(`no location for ${KEY}`);
  return parseArticle(site, { key: KEY, bytes: new TextEncoder().encode(text) }, location, { body });
}

describe('the ref and relref calls of an article', () => {
  it.each([true, false])('are found with their lines in the file, whether or not the body is kept (body: %s)', (body) => {
    // Arrange: a CRLF file whose body starts on line 5.
    const text = '---\r\ntitle: A\r\ndate: 2025-01-01\r\n---\r\nSee [b]({{< ref "b.md" >}})\r\n\r\n{{< relref path="/news/c" lang="fr" >}}\r\n';
    // Act
    const { article, problems } = parse(text, body);
    // Assess
    expect(article?.refs).toEqual([
      { path: 'b.md', line: 5 },
      { path: '/news/c', lang: 'fr', line: 7 },
    ]);
    expect(problems).toEqual([]);
  });

  it('are absent from an article without shortcodes, and from one whose shortcodes are all of other kinds', () => {
    expect(parse('---\ntitle: A\ndate: 2025-01-01\n---\nNo calls.\n', false).article).not.toHaveProperty('refs');
    expect(parse('---\ntitle: A\ndate: 2025-01-01\n---\n{{< youtube abc >}}\n', false).article).not.toHaveProperty('refs');
  });

  it(`are kept for the first ${MAX_REFS} pages named, and the others reported`, () => {
    // Arrange
    const calls = Array.from({ length: MAX_REFS + 5 }, (_, i) => `[p]({{< ref "p${i}" >}})`).join('\n');
    // Act
    const { article, problems } = parse(`---\ntitle: A\ndate: 2025-01-01\n---\n${calls}\n`, false);
    // Assess: still published, with a warning that names how many lead nowhere.
    expect(article?.refs).toHaveLength(MAX_REFS);
    expect(problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'refs-too-many', line: 4 + MAX_REFS })]);
    expect(problems[0]?.message).toContain('the other 5 lead nowhere');
  });
});
