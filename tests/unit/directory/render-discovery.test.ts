import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoveryPagePath, renderDiscovery } from '../../../src/render/directory/render-discovery.js';
import { cleanText } from '../../../src/render/formats.js';
import { expectGolden } from '../../support/golden.js';
import { HOSTILE_TERM, sampleFeeds, sampleSite } from './sample-feeds.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

type Discovery = Record<string, { rel: string; type: string; title: string; href: string }[]>;

describe('renderDiscovery', () => {
  it('writes feeds/discovery.json as JSON, matching the reviewed golden file', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const file = renderDiscovery(site, sampleFeeds(site));
    // Assess
    expect(file.path).toBe('feeds/discovery.json');
    expect(file.contentType).toBe('application/json; charset=utf-8');
    expect(file.cacheControl).toBe('public, max-age=300');
    expect(file.body.endsWith('}\n')).toBe(true);
    expectGolden(path.join(GOLDEN, 'discovery.json'), file.body);
  });

  it('maps each HTML page path, keys sorted, to the alternate links of its feeds', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const map = JSON.parse(renderDiscovery(site, sampleFeeds(site)).body) as Discovery;
    // Assess
    expect(Object.keys(map)).toEqual([
      '/',
      '/categories/tech/',
      '/categories/world/',
      '/tags/c%23-.net/',
      '/tags/go/',
      '/tags/script/',
      '/zh-cn/',
      '/zh-cn/categories/empty/',
      '/zh-cn/tags/%E7%A7%91%E6%8A%80/',
    ]);
    expect(map['/tags/go/']).toEqual([
      { rel: 'alternate', type: 'application/rss+xml', title: 'Go on News (RSS)', href: 'https://example.com/tags/go/index.xml' },
      { rel: 'alternate', type: 'application/atom+xml', title: 'Go on News (Atom)', href: 'https://example.com/tags/go/atom.xml' },
      { rel: 'alternate', type: 'application/feed+json', title: 'Go on News (JSON Feed)', href: 'https://example.com/tags/go/feed.json' },
    ]);
    expect(map['/zh-cn/categories/empty/']?.map((l) => l.type)).toEqual(['application/atom+xml']);
  });

  it('lists both feeds of the multilingual home page: the default language first, then all languages', () => {
    const site = sampleSite();
    const map = JSON.parse(renderDiscovery(site, sampleFeeds(site)).body) as Discovery;
    expect(map['/']?.map((l) => l.href)).toEqual([
      'https://example.com/index.xml',
      'https://example.com/atom.xml',
      'https://example.com/feed.json',
      'https://example.com/all/index.xml',
      'https://example.com/all/atom.xml',
      'https://example.com/all/feed.json',
    ]);
  });

  it('keeps hostile titles as plain JSON strings (no HTML escaping, forbidden characters removed)', () => {
    const site = sampleSite();
    const map = JSON.parse(renderDiscovery(site, sampleFeeds(site)).body) as Discovery;
    expect(map['/tags/script/']?.[0]?.title).toBe(`${cleanText(`${HOSTILE_TERM} on News`)} (RSS)`);
  });

  it('keys pages relative to a base URL with a path', () => {
    // Arrange
    const site = sampleSite({ baseURL: 'https://example.com/blog/' });
    // Act
    const map = JSON.parse(renderDiscovery(site, sampleFeeds(site)).body) as Discovery;
    // Assess
    expect(Object.keys(map)).toContain('/tags/go/');
    expect(map['/tags/go/']?.[0]?.href).toBe('https://example.com/blog/tags/go/index.xml');
  });

  it('is deterministic for any input order', () => {
    const site = sampleSite();
    const expected = renderDiscovery(site, sampleFeeds(site)).body;
    fc.assert(
      fc.property(fc.shuffledSubarray(sampleFeeds(site), { minLength: 10, maxLength: 10 }), (shuffled) => {
        expect(renderDiscovery(site, shuffled).body).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });
});

describe('discoveryPagePath', () => {
  it('cuts the base URL, percent-encodes, falls back to the URL path outside it, and keeps the whole URL of another host', () => {
    const site = sampleSite({ baseURL: 'https://example.com/blog/' });
    expect(discoveryPagePath(site, 'https://example.com/blog/')).toBe('/');
    expect(discoveryPagePath(site, 'https://example.com/blog/tags/中文/')).toBe('/tags/%E4%B8%AD%E6%96%87/');
    expect(discoveryPagePath(site, 'https://example.com/x/y/')).toBe('/x/y/');
    // A page of a language with a host of its own (multihost): its /x/y/ is not the site's.
    expect(discoveryPagePath(site, 'https://other.example/x/y/')).toBe('https://other.example/x/y/');
  });
});
