import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

// An article's link is made from its front matter as Hugo 0.111 makes the page's: from the values as
// written, not from what the feeds show of them. Expected links were produced by Hugo 0.111.

const site = testSite({ timeZone: 'UTC', permalinks: { notes: '/:year/:title/', n: '/n/:slug/' } });

/** The link of an article at `key` whose front matter holds `fields` (YAML lines). */
function linkOf(key: string, fields: string): string | undefined {
  const text = `---\n${fields}\ndate: 2024-03-01T10:00:00Z\n---\nBody.\n`;
  return parseArticle(site, { key, bytes: Buffer.from(text) }, locateArticle(site, key) as ArticleLocation).article?.url;
}

describe("an article's link under a :title permalink", () => {
  it('urlizes the front matter title as written: its character references are text, as in Hugo (audit repro r1)', () => {
    // Arrange / Act / Assess
    expect(linkOf('content/en/notes/a.md', 'title: "Tom &amp; Jerry"')).toBe('https://example.com/2024/tom-amp-jerry/');
    expect(linkOf('content/en/notes/b.md', 'title: "5 &lt; 6"')).toBe('https://example.com/2024/5-lt-6/');
    expect(linkOf('content/en/notes/c.md', 'title: "<b>Bold</b> move"')).toBe('https://example.com/2024/bbold/b-move/');
  });

  it('urlizes the whole title, however long: the feeds cut theirs at 500 characters (audit repro r6)', () => {
    // Arrange
    const words = Array.from({ length: 90 }, (_, i) => `word${i}`);
    // Act
    const url = linkOf('content/en/notes/a.md', `title: "${words.join(' ')}"`);
    // Assess
    expect(url).toBe(`https://example.com/2024/${words.join('-')}/`);
  });
});

describe("an article's link by its slug", () => {
  it('keeps white space at the ends of a slug, a dash in the page path, as in Hugo (audit repro r4); trims its dashes', () => {
    const at = (slug: string): string | undefined => linkOf('content/en/posts/a.md', `title: "A"\nslug: ${JSON.stringify(slug)}`);
    expect([' v1', ' v1 ', 'v1 ', '  ', '-x-', ' -x', '-', 'C# '].map(at)).toEqual([
      'https://example.com/posts/-v1/',
      'https://example.com/posts/-v1-/',
      'https://example.com/posts/v1-/',
      'https://example.com/posts/-/',
      'https://example.com/posts/x/',
      'https://example.com/posts/-x/',
      // Nothing left: the file name, as without a slug.
      'https://example.com/posts/a/',
      'https://example.com/posts/c%23-/',
    ]);
  });

  it('drops the white space at the ends of a slug under :slug, and gives no folder for one of white space alone, as Hugo does', () => {
    const at = (slug: string): string | undefined => linkOf('content/en/n/a.md', `title: "A"\nslug: ${JSON.stringify(slug)}`);
    expect([' v1 ', 'Qui suis-je ?', '  ', '-dash-'].map(at)).toEqual([
      'https://example.com/n/v1/',
      'https://example.com/n/qui-suis-je/',
      'https://example.com/n/',
      'https://example.com/n/dash/',
    ]);
  });
});

describe("an article's link and date by its file name (`[frontmatter] date = [':filename', ':default']`)", () => {
  it('reads them from the name without its language suffix, then without what Hugo takes as one more extension (checked with Hugo 0.111)', () => {
    // Arrange: `2025-02-10-v1.2.zh-cn.md` is zh-cn's page (its suffix names the language) `2025-02-10-v1.2`,
    // which Hugo's FileAndExt makes `2025-02-10-v1`: the date 2025-02-10 and the slug v1.
    const byName = testSite({ timeZone: 'UTC', frontmatter: { date: [':filename', ':default'] } });
    const parse = (key: string) =>
      parseArticle(byName, { key, bytes: Buffer.from('---\ntitle: A\n---\nBody.\n') }, locateArticle(byName, key) as ArticleLocation).article;
    // Act
    const suffixed = parse('content/en/posts/2025-02-10-v1.2.zh-cn.md');
    const plain = parse('content/en/posts/2025-04-12-v2.3.md');
    // Assess
    expect([suffixed?.lang, suffixed?.url, suffixed?.published]).toEqual(['zh-cn', 'https://example.com/zh-cn/posts/v1/', Date.UTC(2025, 1, 10)]);
    expect([plain?.lang, plain?.url, plain?.published]).toEqual(['en', 'https://example.com/posts/v2/', Date.UTC(2025, 3, 12)]);
  });

  it('reads a leaf bundle’s from its folder’s name, whatever its index is named (checked with Hugo 0.111)', () => {
    // Arrange
    const byName = testSite({ timeZone: 'UTC', frontmatter: { date: [':filename', ':default'] } });
    const parse = (key: string) =>
      parseArticle(byName, { key, bytes: Buffer.from('---\ntitle: A\n---\nBody.\n') }, locateArticle(byName, key) as ArticleLocation).article;
    // Act
    const bundle = parse('content/en/posts/2025-05-06-trip.v2/index.md');
    const suffixed = parse('content/en/posts/2025-06-07-walk/index.zh-cn.md');
    // Assess
    expect([bundle?.lang, bundle?.url, bundle?.published]).toEqual(['en', 'https://example.com/posts/trip/', Date.UTC(2025, 4, 6)]);
    expect([suffixed?.lang, suffixed?.url, suffixed?.published]).toEqual(['zh-cn', 'https://example.com/zh-cn/posts/walk/', Date.UTC(2025, 5, 7)]);
  });
});
