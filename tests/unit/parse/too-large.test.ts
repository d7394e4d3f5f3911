import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { tooLargeResult } from '../../../src/parse/too-large.js';
import { testSite } from '../../support/site.js';

describe('tooLargeResult: a file rejected unread by its size', () => {
  it('gives what parsing the file gives, for an article, a list page with a feed and one without', () => {
    // Prepare: a limit of 1,024 bytes (the least there is) and a file of 1,100.
    const site = testSite({ feedpub: { maxArticleBytes: 1024 } });
    const bytes = new TextEncoder().encode(`---\ntitle: "Over"\ndate: 2025-01-01\n---\n${'x'.repeat(1061)}`);
    expect(bytes.byteLength).toBe(1100);
    const keys = ['content/en/news/over.md', 'content/en/news/_index.md', 'content/en/_index.md', 'content/en/tags/go/_index.md'];
    for (const key of keys) {
      const location = locateArticle(site, key);
      if (!location) throw new Error(`no location for ${key}`);
      // Act
      const unread = tooLargeResult(site, key, location, bytes.byteLength);
      // Assess
      expect(unread, key).toEqual(parseArticle(site, { key, bytes }, location));
    }
    const location = locateArticle(site, 'content/en/news/over.md');
    expect(location && tooLargeResult(site, 'content/en/news/over.md', location, 1100).problems).toEqual([
      { file: 'content/en/news/over.md', severity: 'error', rule: 'too-large', message: 'file is 1100 bytes; the limit is 1024 (feedpub.maxArticleBytes)' },
    ]);
  });
});
