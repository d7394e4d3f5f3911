import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Article } from '../../../src/model.js';
import { renderAtom, renderFeedFiles, renderJsonFeed, renderRss, type RenderInput } from '../../../src/render/render-feed.js';
import { parseBack, parseBackJson } from '../../support/parse-back.js';
import { benignInput, emptyInput, hostileInput, inputOf, sampleArticle, sampleSite } from '../../support/sample-feed.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Ten articles with bulky content, newest first in the feed. */
function bulkyInput(maxBytes: number, body: (n: number) => string = (n) => `<p>${'x'.repeat(2000)} ${n}</p>`): RenderInput {
  const site = sampleSite();
  const articles: Article[] = Array.from({ length: 10 }, (_, i) => sampleArticle(i + 1));
  return inputOf(articles, { site: { ...site, feeds: { ...site.feeds, maxBytes } }, html: (a) => body(a.published) });
}

function itemCounts(files: readonly { path: string; body: string }[]): number[] {
  return files.map((f) => (f.path.endsWith('.json') ? parseBackJson(f.body) : parseBack(f.body)).items.length);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('renderFeedFiles', () => {
  it('returns rss, atom, json files in that order with paths under the feed dir, media types and cache policy', () => {
    // Arrange
    const input = inputOf([sampleArticle(1)], { feed: { dir: 'tags/go/', link: 'https://example.org/tags/go/' } });
    // Act
    const { files, kept } = renderFeedFiles(input);
    // Assert
    expect(kept).toBe(1);
    expect(files.map((f) => [f.path, f.contentType, f.cacheControl])).toEqual([
      ['tags/go/index.xml', 'application/rss+xml; charset=utf-8', 'public, max-age=300, stale-while-revalidate=600'],
      ['tags/go/atom.xml', 'application/atom+xml; charset=utf-8', 'public, max-age=300, stale-while-revalidate=600'],
      ['tags/go/feed.json', 'application/feed+json; charset=utf-8', 'public, max-age=300, stale-while-revalidate=600'],
    ]);
    expect(files.map((f) => f.body)).toEqual([renderRss(input), renderAtom(input), renderJsonFeed(input)]);
  });

  it('renders only the enabled formats, still in the fixed order', () => {
    const site = sampleSite();
    const input = inputOf([sampleArticle(1)], { site: { ...site, feeds: { ...site.feeds, formats: ['json', 'rss'] } } });
    expect(renderFeedFiles(input).files.map((f) => f.path)).toEqual(['index.xml', 'feed.json']);
  });

  it('is a pure function: same bytes twice, input untouched, independent of the clock (traps 12, 18)', () => {
    // Arrange
    const input = deepFreeze(hostileInput());
    // Act
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = renderFeedFiles(input);
    vi.setSystemTime(new Date('1999-06-15T08:30:00Z'));
    const second = renderFeedFiles(input);
    // Assert
    expect(second).toEqual(first);
    expect(first.files.map((f) => f.body).join('')).not.toMatch(/2030|1999/);
    expect(renderFeedFiles(hostileInput())).toEqual(first);
  });

  it('keeps every item when the files fit', () => {
    const { files, kept } = renderFeedFiles(bulkyInput(1024 * 1024));
    expect(kept).toBe(10);
    expect(itemCounts(files)).toEqual([10, 10, 10]);
  });

  it('drops the oldest items, the same number in every format, until all files fit', () => {
    // Arrange: the budget is the size of the largest file with 4 items.
    const full = bulkyInput(1024 * 1024);
    const four = { ...full, feed: { ...full.feed, items: full.feed.items.slice(0, 4) }, items: full.items.slice(0, 4) };
    const budget = Math.max(...renderFeedFiles(four).files.map((f) => Buffer.byteLength(f.body)));
    // Act
    const { files, kept } = renderFeedFiles(bulkyInput(budget));
    // Assert
    expect(kept).toBe(4);
    expect(itemCounts(files)).toEqual([4, 4, 4]);
    for (const f of files) expect(Buffer.byteLength(f.body, 'utf8')).toBeLessThanOrEqual(budget);
    // The newest four survive, in order, in every format.
    const expected = full.items.slice(0, 4).map((i) => i.article.id);
    expect(parseBack(files[0]?.body ?? '').items.map((i) => i.id)).toEqual(expected);
    expect(parseBack(files[1]?.body ?? '').items.map((i) => i.id)).toEqual(expected);
    expect(parseBackJson(files[2]?.body ?? '').items.map((i) => i.id)).toEqual(expected);
  });

  it('drops items in every format even when only one format is over budget', () => {
    // Arrange: a budget the smallest full file meets but the largest does not.
    const sizes = renderFeedFiles(bulkyInput(1024 * 1024)).files.map((f) => Buffer.byteLength(f.body));
    expect(Math.min(...sizes)).toBeLessThan(Math.max(...sizes));
    // Act
    const { files, kept } = renderFeedFiles(bulkyInput(Math.min(...sizes)));
    // Assert
    expect(kept).toBeLessThan(10);
    expect(itemCounts(files)).toEqual([kept, kept, kept]);
  });

  it('counts bytes, not UTF-16 code units', () => {
    // Arrange: CJK content is 3 bytes per character in UTF-8; a budget between the two counts.
    const cjk = (n: number) => `<p>${'中'.repeat(1500)} ${n}</p>`;
    const full = renderFeedFiles(bulkyInput(1024 * 1024, cjk)).files;
    const budget = Math.max(...full.map((f) => f.body.length)) + 10;
    expect(Math.max(...full.map((f) => Buffer.byteLength(f.body)))).toBeGreaterThan(budget);
    // Act
    const { kept } = renderFeedFiles(bulkyInput(budget, cjk));
    // Assert
    expect(kept).toBeLessThan(10);
  });

  it('does not mark a feed complete (RFC 5005 fh:complete) once it drops items for the byte budget', () => {
    // Arrange: a complete feed of 10 items, and a budget four of them meet.
    const complete = (maxBytes: number): RenderInput => {
      const input = bulkyInput(maxBytes);
      return { ...input, feed: { ...input.feed, history: { complete: true } } };
    };
    expect(renderFeedFiles(complete(1024 * 1024)).files.map((f) => f.body.includes('<fh:complete/>'))).toEqual([true, true, false]);
    const four = complete(1024 * 1024);
    const budget = Math.max(
      ...renderFeedFiles({ ...four, feed: { ...four.feed, items: four.feed.items.slice(0, 4) }, items: four.items.slice(0, 4) }).files.map((f) =>
        Buffer.byteLength(f.body),
      ),
    );
    // Act
    const { files, kept } = renderFeedFiles(complete(budget));
    // Assess: items dropped, and no file says it holds them all (readers would delete the dropped ones).
    expect(kept).toBeLessThan(10);
    expect(itemCounts(files)).toEqual([kept, kept, kept]);
    for (const f of files) {
      expect(f.body, f.path).not.toContain('fh:complete');
      expect(Buffer.byteLength(f.body), f.path).toBeLessThanOrEqual(budget);
    }
  });

  it('keeps every item of a complete feed that fits once it no longer says fh:complete (over the budget by less than the mark)', () => {
    // Arrange: the budget is the largest file of all 10 items without the mark (its namespace declaration and
    // `<fh:complete/>`, ~70 bytes): the oldest item was dropped, though all fit.
    const complete = (maxBytes: number): RenderInput => {
      const input = bulkyInput(maxBytes);
      return { ...input, feed: { ...input.feed, history: { complete: true } } };
    };
    const budget = Math.max(...renderFeedFiles(bulkyInput(1024 * 1024)).files.map((f) => Buffer.byteLength(f.body)));
    expect(Math.max(...renderFeedFiles(complete(1024 * 1024)).files.map((f) => Buffer.byteLength(f.body)))).toBeGreaterThan(budget);
    // Act
    const { files, kept } = renderFeedFiles(complete(budget));
    // Assess: all 10 items in every format, none saying it is complete, each file within the budget.
    expect(kept).toBe(10);
    expect(itemCounts(files)).toEqual([10, 10, 10]);
    for (const f of files) {
      expect(f.body, f.path).not.toContain('fh:complete');
      expect(Buffer.byteLength(f.body), f.path).toBeLessThanOrEqual(budget);
    }
  });

  it('never cuts an RFC 5005 archive document for the byte budget: with the feed it must hold every item', () => {
    // Arrange: an archive page of 10 items over a budget that one item meets.
    const input = bulkyInput(5_000);
    const archive: RenderInput = {
      ...input,
      feed: { ...input.feed, dir: 'archive/1/', history: { archive: true, current: '', nextArchive: 'archive/2/' } },
    };
    // Act
    const { files, kept } = renderFeedFiles(archive);
    // Assess
    expect(kept).toBe(10);
    expect(itemCounts(files)).toEqual([10, 10, 10]);
    expect(files.map((f) => f.cacheControl)).toEqual(Array(3).fill('public, max-age=2592000'));
  });

  it('writes an image URL with brackets and a bare % as a URI in every format (W3C InvalidURLAttribute)', () => {
    // Arrange: what `thumbnail: "img/a[1] 100%.png"` resolves to against the page URL.
    const input = inputOf([sampleArticle(1, { image: 'https://example.org/posts/a/img/a[1]%20100%.png' })]);
    // Act
    const [rss, atom, json] = renderFeedFiles(input).files.map((f) => f.body);
    // Assess
    const uri = 'https://example.org/posts/a/img/a%5B1%5D%20100%25.png';
    expect(rss).toContain(`<media:thumbnail url="${uri}"/>`);
    expect(atom).toContain(`<media:thumbnail url="${uri}"/>`);
    expect(JSON.parse(json ?? '{}').items[0].image).toBe(uri);
  });

  it('keeps at least one item even when one item alone is over budget', () => {
    const { files, kept } = renderFeedFiles(bulkyInput(100));
    expect(kept).toBe(1);
    expect(itemCounts(files)).toEqual([1, 1, 1]);
  });

  it('renders an empty feed (kept 0)', () => {
    const { files, kept } = renderFeedFiles(emptyInput());
    expect(kept).toBe(0);
    expect(files.map((f) => f.path)).toEqual(['tags/empty/index.xml', 'tags/empty/atom.xml', 'tags/empty/feed.json']);
  });

  it('rejects render items that do not match the feed items', () => {
    const input = benignInput();
    expect(() => renderFeedFiles({ ...input, items: input.items.slice(1) })).toThrow(RangeError);
  });
});

describe('feed images (icon, logo)', () => {
  const withImages = (images: { icon?: string; logo?: string }): RenderInput => {
    const site = sampleSite();
    return inputOf([sampleArticle(1)], { site: { ...site, feeds: { ...site.feeds, ...images } } });
  };

  it('puts the icon in every format and the logo in Atom, as a feed reader reads them back', () => {
    const input = withImages({ icon: 'https://example.com/icon.png', logo: 'https://example.com/logo.png' });
    const rss = renderRss(input);
    expect(rss.replace(/>\s+</g, '><')).toContain(
      `<image><url>https://example.com/icon.png</url><title>${input.feed.title}</title><link>${input.feed.link}</link></image>`,
    );
    expect(parseFeed(rss).image).toEqual({ url: 'https://example.com/icon.png', title: input.feed.title });
    const atom = renderAtom(input);
    expect(atom).toContain('<icon>https://example.com/icon.png</icon>');
    expect(atom).toContain('<logo>https://example.com/logo.png</logo>');
    expect(parseFeed(atom).image?.url).toBe('https://example.com/logo.png'); // feed-parser prefers the logo
    const json = JSON.parse(renderJsonFeed(input));
    expect([json.icon, json.favicon]).toEqual(['https://example.com/icon.png', 'https://example.com/icon.png']);
  });

  it('gives RSS the logo when the icon is no GIF, JPEG or PNG, and no image when neither is', () => {
    const svgIcon = withImages({ icon: 'https://example.com/icon.svg', logo: 'https://example.com/logo.JPG?v=2' });
    expect(parseFeed(renderRss(svgIcon)).image?.url).toBe('https://example.com/logo.JPG?v=2');
    expect(renderAtom(svgIcon)).toContain('<icon>https://example.com/icon.svg</icon>');
    const neither = withImages({ icon: 'https://example.com/icon.webp', logo: 'https://example.com/logo' });
    expect(renderRss(neither)).not.toContain('<image>');
    expect(JSON.parse(renderJsonFeed(neither)).icon).toBe('https://example.com/icon.webp');
  });

  it('writes no image element or key without the options', () => {
    const input = withImages({});
    expect(renderRss(input)).not.toContain('<image>');
    expect(renderAtom(input)).not.toMatch(/<icon>|<logo>/);
    expect(Object.keys(JSON.parse(renderJsonFeed(input)))).not.toContain('icon');
  });
});
