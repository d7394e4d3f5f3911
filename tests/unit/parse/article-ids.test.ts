import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

const site = testSite();

function idOf(key: string, frontMatter: string): string | undefined {
  const location = locateArticle(site, key);
  if (!location) throw new Error(`no location for ${key}`);
  const text = `---\ntitle: "A"\ndate: 2025-01-02T03:04:05Z\n${frontMatter}---\nBody.\n`;
  return parseArticle(site, { key, bytes: new TextEncoder().encode(text) }, location).article?.id;
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
});
