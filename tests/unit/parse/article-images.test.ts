import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

// A front matter image is resolved as Hugo 0.111's opengraph template resolves it (absURL), checked against
// Hugo by `tests/integration/hugo-compat.test.ts`; a leaf bundle's own image against the bundle.

const site = testSite({ baseURL: 'https://example.org/blog/' });

function imageOf(key: string, frontMatter: string): string | undefined {
  const location = locateArticle(site, key) as ArticleLocation;
  return parseArticle(site, { key, bytes: Buffer.from(`---\ntitle: A\ndate: 2025-02-10\n${frontMatter}\n---\nBody\n`) }, location).article?.image;
}

describe('a front matter image', () => {
  it('of a page resolves against the baseURL when relative, against the host with a leading slash', () => {
    expect(imageOf('content/en/posts/p.md', 'images: ["img/cover.png"]')).toBe('https://example.org/blog/img/cover.png');
    expect(imageOf('content/en/posts/p.md', 'thumbnail: img/cover.png')).toBe('https://example.org/blog/img/cover.png');
    expect(imageOf('content/en/posts/p.md', 'images: ["/images/t.png"]')).toBe('https://example.org/images/t.png');
    expect(imageOf('content/en/posts/p.md', 'image: "https://cdn.example/x.png"')).toBe('https://cdn.example/x.png');
  });

  it('of a leaf bundle resolves against the bundle when relative (its resource), against the host with a leading slash', () => {
    expect(imageOf('content/en/posts/trip/index.md', 'images: ["img/cover.png"]')).toBe('https://example.org/blog/posts/trip/img/cover.png');
    expect(imageOf('content/en/posts/trip/index.md', 'images: ["/images/t.png"]')).toBe('https://example.org/images/t.png');
  });

  it('is skipped for the next one when it is no URL at all, as one that is no http(s) URL is', () => {
    expect(imageOf('content/en/posts/p.md', 'images: ["http://exa mple.org/x.png", "img/ok.png"]')).toBe('https://example.org/blog/img/ok.png');
    expect(imageOf('content/en/posts/p.md', 'images: ["ftp://example.org/x.png", "img/ok.png"]')).toBe('https://example.org/blog/img/ok.png');
    expect(imageOf('content/en/posts/p.md', 'image: "https://[::1/x.png"')).toBeUndefined();
  });
});
