import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { toUri } from '../../../src/render/formats.js';
import { testSite } from '../../support/site.js';

const site = testSite();

function idOf(key: string, frontMatter: string, on = site): string | undefined {
  return parse(key, frontMatter, on)?.id;
}

function parse(key: string, frontMatter: string, on = site) {
  const location = locateArticle(on, key);
  if (!location) throw new Error(`no location for ${key}`);
  const text = `---\ntitle: "A"\ndate: 2025-01-02T03:04:05Z\n${frontMatter}---\nBody.\n`;
  return parseArticle(on, { key, bytes: new TextEncoder().encode(text) }, location).article;
}

describe("an article's id", () => {
  it('stays the same when the author links the article to a translation with translationKey, or changes that key', () => {
    const key = 'content/en/news/openai-funding.en.md';
    const plain = idOf(key, '');
    expect(plain).toMatch(/^urn:uuid:/);
    expect(idOf(key, 'translationKey: "openai-2025"\n')).toBe(plain);
    expect(idOf(key, 'translationKey: "something-else"\n')).toBe(plain);
  });

  it('follows the content path and the front matter id, and differs between two files that share a translationKey', () => {
    const shared = 'translationKey: "openai-2025"\n';
    expect(idOf('content/en/news/a.en.md', shared)).not.toBe(idOf('content/en/news/b.en.md', shared));
    expect(idOf('content/en/news/a.en.md', 'id: "post-1"\n')).toBe(idOf('content/en/news/b.en.md', 'id: "post-1"\n'));
    expect(idOf('content/en/news/a.en.md', 'id: "tag:example.org,2025:1"\n')).toBe('tag:example.org,2025:1');
  });

  it('is the page URL as feeds write it with itemIds = "permalink", unless the front matter names one', () => {
    const permalinks = { ...site, feeds: { ...site.feeds, itemIds: 'permalink' as const } };
    const article = parse('content/en/news/文章 一.en.md', '', permalinks);
    expect(article?.id).toBe('https://example.com/news/%E6%96%87%E7%AB%A0-%E4%B8%80/');
    expect(article?.id).toBe(toUri(article?.url ?? ''));
    expect(idOf('content/en/news/a.en.md', 'slug: "moved"\n', permalinks)).toBe('https://example.com/news/moved/');
    expect(idOf('content/en/news/a.en.md', 'id: "tag:example.org,2025:1"\n', permalinks)).toBe('tag:example.org,2025:1');
    expect(idOf('content/en/news/a.en.md', 'id: "post-1"\n', permalinks)).toBe(idOf('content/en/news/a.en.md', 'id: "post-1"\n'));
  });
});
