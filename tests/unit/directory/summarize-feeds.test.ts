import { describe, expect, it } from 'vitest';
import { planFeeds } from '../../../src/plan/plan-feeds.js';
import { summarizeFeeds } from '../../../src/render/directory/summarize-feeds.js';
import { sampleSite } from './sample-feeds.js';

const entries = [
  { key: 'content/en/a.md', lang: 'en', section: '', published: Date.UTC(2024, 0, 2), updated: Date.UTC(2024, 0, 5), terms: { tags: ['C#'] } },
  { key: 'content/zh-CN/b.md', lang: 'zh-cn', section: '', published: Date.UTC(2024, 0, 3), updated: Date.UTC(2024, 0, 3), terms: { tags: ['科技'] } },
];

describe('summarizeFeeds', () => {
  it('summarizes planned feeds: count, newest date, percent-encoded URLs of the enabled formats only', () => {
    // Arrange
    const site = sampleSite({ feedpub: { formats: ['json', 'rss'] } });
    // Act
    const summaries = summarizeFeeds(site, planFeeds(site, entries));
    // Assess
    expect(summaries.map((s) => s.dir)).toEqual(['all/', '', 'tags/c#/', 'zh-cn/', 'zh-cn/tags/科技/']);
    const cSharp = summaries.find((s) => s.dir === 'tags/c#/');
    expect(cSharp).toEqual({
      dir: 'tags/c#/',
      kind: 'term',
      lang: 'en',
      languageCode: 'en',
      taxonomy: 'tags',
      term: 'C#',
      title: 'C# on News',
      link: 'https://example.com/tags/c%23/',
      itemCount: 1,
      latest: Date.UTC(2024, 0, 5),
      urls: { rss: 'https://example.com/tags/c%23/index.xml', json: 'https://example.com/tags/c%23/feed.json' },
    });
    expect(summaries.find((s) => s.dir === 'zh-cn/tags/科技/')?.urls.rss).toBe('https://example.com/zh-cn/tags/%E7%A7%91%E6%8A%80/index.xml');
  });

  it('counts what a feed holds where it holds fewer items than planned (maxBytes cut it), else its planned items', () => {
    // Arrange
    const site = sampleSite();
    const plans = planFeeds(site, entries);
    // Act: the all-languages feed keeps one of its two items.
    const summaries = summarizeFeeds(site, plans, (plan) => (plan.dir === 'all/' ? 1 : undefined));
    // Assess
    expect(summaries.map((s) => [s.dir, s.itemCount])).toEqual([
      ['all/', 1],
      ['', 1],
      ['tags/c#/', 1],
      ['zh-cn/', 1],
      ['zh-cn/tags/科技/', 1],
    ]);
    expect(summaries[0]?.latest).toBe(Date.UTC(2024, 0, 5));
  });

  it('leaves optional fields out (not undefined) for the all-languages feed', () => {
    const site = sampleSite();
    const [all] = summarizeFeeds(site, planFeeds(site, entries));
    expect(all?.kind).toBe('site');
    expect(Object.keys(all ?? {})).toEqual(['dir', 'kind', 'title', 'link', 'itemCount', 'latest', 'urls']);
    expect(all?.itemCount).toBe(2);
  });

  it('leaves RFC 5005 archive documents out: they are reached by prev-archive links, never subscribed to', () => {
    // Arrange: archives on, one item per document, so the English feed has an archive page.
    const site = sampleSite({ feedpub: { archives: true, limit: 1 } });
    const older = { key: 'content/en/0.md', lang: 'en', section: '', published: Date.UTC(2023, 0, 1), updated: Date.UTC(2023, 0, 1), terms: {} };
    const plans = planFeeds(site, [...entries, older]);
    expect(plans.some((p) => p.history?.archive)).toBe(true);
    // Act
    const summaries = summarizeFeeds(site, plans);
    // Assess: every subscription feed, and no archive.
    expect(summaries.map((s) => s.dir)).toEqual(plans.filter((p) => !p.dir.includes('archive/')).map((p) => p.dir));
    expect(summaries.map((s) => s.dir)).toContain('');
    expect(summaries.map((s) => s.urls.rss).filter((u) => u?.includes('/archive/'))).toEqual([]);
  });
});
