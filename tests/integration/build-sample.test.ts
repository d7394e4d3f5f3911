import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MemoryBuild, buildToMemory } from '../support/build.js';
import { expectGolden } from '../support/golden.js';
import { REPO_ROOT, SAMPLE_NOW } from '../support/repo.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

describe('building the sample site (content/ + hugo.toml)', () => {
  let build: MemoryBuild;
  beforeAll(async () => {
    build = await buildToMemory(REPO_ROOT, SAMPLE_NOW, { trigger: 'test' });
  });

  it('publishes every dated, live article and holds back drafts, future and expired posts', () => {
    expect(build.report.articles).toEqual({ total: 13, parsed: 13, published: 9, rejected: 0, held: 3, skipped: 1 });
    const held = build.report.problems.filter((p) => p.severity === 'info').map((p) => [p.file, p.rule]);
    expect(held).toEqual(
      expect.arrayContaining([
        ['content/en/news/_index.md', 'list-page'],
        ['content/en/news/world/draft-budget.en.md', 'draft'],
        ['content/en/news/world/future-summit.en.md', 'future'],
        ['content/zh-CN/news/tech/expired-notice.zh-CN.md', 'expired'],
      ]),
    );
    expect(build.report.nextChangeAt).toBe(Date.parse('2031-06-01T01:00:00Z'));
  });

  it("writes the site, each language, each category and tag in three formats at Hugo's paths", () => {
    const paths = [...build.files.keys()];
    for (const dir of ['', 'all/', 'zh-cn/', 'categories/world-news/', 'tags/c#/', 'tags/c++/', 'zh-cn/tags/人工智能/', 'zh-cn/categories/qq/']) {
      for (const file of ['index.xml', 'atom.xml', 'feed.json']) expect(paths).toContain(`${dir}${file}`);
    }
    const feeds = paths.filter((p) => /(^|\/)(index\.xml|atom\.xml|feed\.json)$/.test(p));
    expect(build.report.feeds * 3).toBe(feeds.length);
    // Besides the feeds: the directory pages, OPML lists and discovery links.
    expect(paths.filter((p) => !feeds.includes(p))).toEqual([
      'feeds/all.opml',
      'feeds/discovery.json',
      'feeds/en.opml',
      'feeds/index.html',
      'feeds/zh-cn.opml',
      'zh-cn/feeds/index.html',
    ]);
    expect(build.target.snapshot().get('index.xml')?.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(build.target.snapshot().get('atom.xml')?.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(build.target.snapshot().get('feed.json')?.contentType).toBe('application/feed+json; charset=utf-8');
  });

  it('is valid RSS, Atom and JSON Feed everywhere, with the same items in the same order in each format', () => {
    expectValidFeeds(build.files, 'https://news.example.org/');
  });

  it('gives byte-identical files on a second build, and a later clock changes nothing but what it publishes', async () => {
    const again = await buildToMemory(REPO_ROOT, SAMPLE_NOW, { trigger: 'test' });
    expect(again.files).toEqual(build.files);
    const later = await buildToMemory(REPO_ROOT, SAMPLE_NOW + 86_400_000, { trigger: 'test' });
    expect(later.files).toEqual(build.files);
  });

  it('matches the golden files', () => {
    const golden = path.join(REPO_ROOT, 'tests', 'golden', 'sample');
    for (const dir of ['', 'zh-cn/', 'tags/c#/']) {
      for (const file of ['index.xml', 'atom.xml', 'feed.json']) {
        const name = `${dir === '' ? 'root' : dir.replace(/\/$/, '').replace(/[/#]/g, '_')}.${file}`;
        expectGolden(path.join(golden, name), build.files.get(`${dir}${file}`) ?? '');
      }
    }
  });
});
