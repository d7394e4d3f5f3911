import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

// Hugo 0.111 publishes a page without a title (a note, a link post), and RSS 2.0, Atom 1.0 and JSON Feed
// 1.1 all allow an untitled item: such an article is published, its summary (else the start of its text)
// standing in for the title, and rejected only when it has no text at all.

const site = testSite();
const KEY = 'content/en/notes/a.md';
const location = locateArticle(site, KEY) as ArticleLocation;

/** Parses `text` as KEY, with its body (as `check` does) or from its head only (as a run does). */
function parse(text: string, body = true) {
  return parseArticle(site, { key: KEY, bytes: Buffer.from(text) }, location, { body });
}

const rules = (result: ReturnType<typeof parse>): string[] => result.problems.map((p) => `${p.severity}:${p.rule}:${p.line ?? '-'}`);

describe('an article without a title', () => {
  it('is published untitled, with its front matter summary, and reported as info (not rejected)', () => {
    // Arrange / Act
    const result = parse('---\ndate: 2025-02-10\nsummary: "A note &amp; more"\n---\nThe body.\n');
    // Assert
    expect(result.article).toMatchObject({ title: '', summary: 'A note & more', body: 'The body.\n' });
    expect(rules(result)).toEqual(['info:title-missing:2']);
    expect(result.problems[0]?.message).toMatch(/^no title: published untitled/);
  });

  it('takes the start of its text as summary when the front matter has none, with or without the body decoded', () => {
    for (const body of [true, false]) {
      // Arrange / Act
      const note = parse('---\ndate: 2025-02-10\n---\nJust *a* note, with [a link](https://example.net/).\n', body);
      const long = parse(`---\ndate: 2025-02-10\n---\n${'word '.repeat(200)}\n`, body);
      // Assert
      expect(note.article?.summary).toBe('Just a note, with a link.');
      expect(rules(note)).toEqual(['info:title-missing:2']);
      expect([...(long.article?.summary ?? '')].length).toBeLessThanOrEqual(300);
      expect(long.article?.summary).toMatch(/^word word .*…$/);
    }
  });

  it('cuts the start of a Chinese text as any excerpt is cut: before a number at the limit, between grapheme clusters', () => {
    // The text stands in for the title: it backs off through "2024" alone (it went back to the heading,
    // "背景…"), and a flag at the cut goes whole.
    const lead = '我们团队在过去几年里一直在使用自建的服务器来部署各种应用程序。'.repeat(9);
    const digits = parse(`---\ndate: 2025-02-10\n---\n## 背景\n\n${lead}${'很'.repeat(298 - 3 - lead.length)}2024年。\n`);
    expect(digits.article?.summary).toBe(`背景 ${lead}${'很'.repeat(298 - 3 - lead.length)}…`);
    const flag = parse(`---\ndate: 2025-02-10\n---\n${'中文'.repeat(149)}🇨🇳🇯🇵国旗\n`);
    expect(flag.article?.summary).toBe(`${'中文'.repeat(149)}…`);
  });

  it('counts a title that is nothing once plain text as none', () => {
    for (const title of ['"   "', '"\\u0008"', '"&#32;"', "''"]) {
      const result = parse(`---\ntitle: ${title}\ndate: 2025-02-10\n---\nText.\n`);
      expect(result.article?.title, title).toBe('');
      expect(result.article?.summary, title).toBe('Text.');
      expect(rules(result), title).toEqual(['info:title-missing:2']);
    }
  });

  it('takes the text after <!--more--> when the part before it has none (Hugo would give an empty summary)', () => {
    const result = parse('---\ndate: 2025-02-10\n---\n<!--more-->\nAfter the divider.\n');
    expect(result.article?.summary).toBe('After the divider.');
  });

  it('is rejected, with a clear message and line, when it has neither summary nor any text', () => {
    for (const body of ['', '\n\n  \n', '![](photo.jpg)\n', '<!-- a comment -->\n', '<script>alert(1)</script>\n']) {
      for (const decode of [true, false]) {
        // Arrange / Act
        const result = parse(`---\ndate: 2025-02-10\n---\n${body}`, decode);
        // Assert
        expect(result.article, JSON.stringify(body)).toBeUndefined();
        expect(rules(result), JSON.stringify(body)).toEqual(['error:title-missing:2']);
        expect(result.problems[0]?.message).toBe('no title and no text: a feed item needs one or the other');
      }
    }
  });

  it('renders at most the first 16 Ki characters of a long body for its text', () => {
    const result = parse(`---\ndate: 2025-02-10\n---\n${'<!-- x -->\n'.repeat(2000)}Text far down.\n`);
    expect(result.article).toBeUndefined();
    expect(rules(result)).toEqual(['error:title-missing:2']);
  });

  it("expands an empty :title to nothing in the page's permalink, as Hugo 0.111 does", () => {
    const withTitle = testSite({ permalinks: { notes: '/:year/:title/', posts: '/p/:slug/' } });
    const at = (key: string, text: string) =>
      parseArticle(withTitle, { key, bytes: Buffer.from(text) }, locateArticle(withTitle, key) as ArticleLocation).article?.url;
    expect(at(KEY, '---\ndate: 2025-02-10\n---\nA note.\n')).toBe('https://example.com/2025/');
    expect(at('content/en/posts/b.md', '---\ndate: 2025-02-10\n---\nA note.\n')).toBe('https://example.com/p/');
    expect(at(KEY, '---\ntitle: A note\ndate: 2025-02-10\n---\nA note.\n')).toBe('https://example.com/2025/a-note/');
  });
});
