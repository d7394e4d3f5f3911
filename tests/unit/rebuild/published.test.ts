import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { publishedContent } from '../../../src/rebuild/published.js';
import { sha256 } from '../../../src/sha256.js';

/** A target holding `body` as tags/go/feed.json, and the manifest's record of exactly those bytes. */
function published(body: string) {
  const target = new MemoryStorage([['tags/go/feed.json', body]]);
  return { target, index: new Map([['tags/go/feed.json', { hash: sha256(new TextEncoder().encode(body)) }]]) };
}

describe('publishedContent (the render cache: a published JSON Feed the manifest vouches for)', () => {
  it('gives the content of each item with a string id and url, and skips any other', async () => {
    // Prepare: one whole item, one without a url, one whose id is a number.
    const items = [
      { id: 'urn:a', url: 'https://x.org/a/', content_html: '<p>A</p>', summary: 'A', image: 'https://x.org/a.png' },
      { id: 'urn:b', content_html: '<p>B</p>' },
      { id: 3, url: 'https://x.org/c/', content_html: '<p>C</p>' },
    ];
    const { target, index } = published(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items }));
    // Act
    const cache = await publishedContent(target, 'tags/go/', index);
    // Assess
    expect(cache).toEqual(new Map([['urn:a', { content: { html: '<p>A</p>', summary: 'A', image: 'https://x.org/a.png' }, url: 'https://x.org/a/' }]]));
  });

  it('gives nothing for a recorded file that is not JSON (every item is rendered again)', async () => {
    const { target, index } = published('{"items": [');
    expect(await publishedContent(target, 'tags/go/', index)).toBeUndefined();
  });
});
