import { describe, expect, it } from 'vitest';
import type { RefCall } from '../../../src/model.js';
import { type PlanEntry, planFeeds } from '../../../src/plan/plan-feeds.js';
import { resolveRefs } from '../../../src/plan/refs.js';
import { refKey } from '../../../src/parse/shortcodes.js';
import { testSite } from '../../support/site.js';

const site = testSite();

/** A published page at `key` with permalink `url`; dates only order the feeds. */
function page(key: string, url: string, refs?: readonly RefCall[]): PlanEntry & { readonly url: string; readonly refs?: readonly RefCall[] } {
  const lang = key.startsWith('content/zh-CN/') ? 'zh-cn' : 'en';
  const section = key.split('/')[2] ?? '';
  return { key, lang, url, section, published: 1, updated: 1, terms: {}, ...(refs ? { refs } : {}) };
}

const PAGES = [
  page('content/en/posts/b.md', 'https://example.com/posts/bee/'),
  page('content/en/posts/x.en.md', 'https://example.com/posts/x/'),
  page('content/en/other/c.md', 'https://example.com/o/sea/'),
  page('content/en/other/b.md', 'https://example.com/other/b/'),
  page('content/en/other/deep/d.md', 'https://example.com/other/deep/d/'),
  page('content/en/about/index.md', 'https://example.com/about/'),
  page('content/zh-CN/posts/b.md', 'https://example.com/zh-cn/posts/b/'),
  page('content/en/posts/v1.2.3.md', 'https://example.com/posts/v1.2.3/'),
  { ...page('content/en/posts/tagged.md', 'https://example.com/posts/tagged/'), terms: { tags: ['Go Lang'] } },
];

/** Where `path` (from content/en/posts/a.md, or `from`) leads: its URL, or the problem's message. */
function resolve(path: string, options: { lang?: string; from?: string } = {}): string | undefined {
  const call: RefCall = { path, line: 7, ...(options.lang !== undefined ? { lang: options.lang } : {}) };
  const from = page(options.from ?? 'content/en/posts/a.md', 'https://example.com/posts/a/', [call]);
  const published = [...PAGES, from];
  const { resolved, problems } = resolveRefs(site, published, planFeeds(site, published));
  return resolved.get(from.key)?.get(refKey(call)) ?? problems[0]?.message;
}

describe('resolveRefs', () => {
  it.each([
    ['b', 'https://example.com/posts/bee/'],
    ['b.md', 'https://example.com/posts/bee/'],
    ['B.MD', 'https://example.com/posts/bee/'],
    ['./b.md', 'https://example.com/posts/bee/'],
    ['/posts/b.md', 'https://example.com/posts/bee/'],
    ['posts/b', 'https://example.com/posts/bee/'],
    ['../other/c.md', 'https://example.com/o/sea/'],
    ['c', 'https://example.com/o/sea/'],
    ['d', 'https://example.com/other/deep/d/'],
    ['other/deep/d', 'https://example.com/other/deep/d/'],
    ['x', 'https://example.com/posts/x/'],
    ['x.en.md', 'https://example.com/posts/x/'],
    ['/about', 'https://example.com/about/'],
    ['/about/', 'https://example.com/about/'],
    ['about/index.md', 'https://example.com/about/'],
    ['about', 'https://example.com/about/'],
    ['posts', 'https://example.com/posts/'],
    ['/other/', 'https://example.com/other/'],
    ['/', 'https://example.com/'],
    ['b#part', 'https://example.com/posts/bee/#part'],
    ['b?x=1', 'https://example.com/posts/bee/'],
    ['#top', 'https://example.com/posts/a/#top'],
    ['b#a (b) <c>', 'https://example.com/posts/bee/#a%20%28b%29%20%3Cc%3E'],
    // Hugo takes what follows a name's last dot for an extension: `v1.2.3` is `v1.2` unless written with its `.md`.
    ['v1.2.3.md', 'https://example.com/posts/v1.2.3/'],
    ['/tags/go-lang', 'https://example.com/tags/go-lang/'],
    ['/other/_index.md', 'https://example.com/other/'],
    ['_index.md', 'https://example.com/posts/'],
    ['/_index.md', 'https://example.com/'],
    ['/_INDEX.md', 'https://example.com/'],
    ['../_index.md', 'https://example.com/'],
    ['/_index.md#top', 'https://example.com/#top'],
  ])('%s → %s', (path, url) => {
    expect(resolve(path)).toBe(url);
  });

  it('takes the home list page for the home page of the language, from a page at the top too, as Hugo 0.111 does', () => {
    expect(resolve('_index.md', { from: 'content/en/top.md' })).toBe('https://example.com/');
    expect(resolve('./_index.md', { from: 'content/en/top.md' })).toBe('https://example.com/');
    expect(resolve('/_index.md', { from: 'content/zh-CN/posts/a.md' })).toBe('https://example.com/zh-cn/');
    expect(resolve('/_index.zh-cn.md', { from: 'content/zh-CN/posts/a.md' })).toBe('https://example.com/zh-cn/');
    expect(resolve('/_index.md', { lang: 'zh-CN' })).toBe('https://example.com/zh-cn/');
  });

  it('takes what follows the last dot of a name for an extension, as Hugo does', () => {
    expect(resolve('v1.2.3')).toMatch(/names no published page/);
  });

  it('reads a reference from a leaf bundle from the folder the bundle is in, unless it climbs with ..', () => {
    // posts/trip/index.md: `b` is posts/b (not posts/trip/b; by name alone it would be ambiguous).
    expect(resolve('b', { from: 'content/en/posts/trip/index.md' })).toBe('https://example.com/posts/bee/');
    expect(resolve('../b.md', { from: 'content/en/posts/trip/index.md' })).toBe('https://example.com/posts/bee/');
  });

  it('looks in another language with lang, by key or by code', () => {
    expect(resolve('b.md', { lang: 'zh-cn' })).toBe('https://example.com/zh-cn/posts/b/');
    expect(resolve('b.md', { lang: 'zh-CN' })).toBe('https://example.com/zh-cn/posts/b/');
    expect(resolve('/', { lang: 'zh-CN' })).toBe('https://example.com/zh-cn/');
    expect(resolve('b.md', { lang: 'fr' })).toMatch(/^ref "b.md" \(lang fr\) names a language the site does not have/);
  });

  it('resolves a page in its own language first: the same path in another language is another page', () => {
    expect(resolve('b', { from: 'content/zh-CN/posts/a.md' })).toBe('https://example.com/zh-cn/posts/b/');
  });

  it('reports a name that several pages have, a missing page and a path above the content folder', () => {
    expect(resolve('b', { from: 'content/en/third/f.md' })).toMatch(/names several published pages \(write its path\)/);
    expect(resolve('deep/d')).toMatch(/names no published page/);
    expect(resolve('missing')).toMatch(/names no published page/);
    expect(resolve('../../../posts/b.md')).toMatch(/names no published page/);
  });

  it('reports each call that leads nowhere once, as a warning with its file and line, and nothing for an empty ref', () => {
    // Arrange
    const from = page('content/en/posts/a.md', 'https://example.com/posts/a/', [
      { path: 'gone', line: 3 },
      { path: 'b', line: 4 },
      { path: '', line: 5 },
    ]);
    // Act
    const { resolved, problems } = resolveRefs(site, [...PAGES, from], []);
    // Assess
    expect(problems).toEqual([expect.objectContaining({ file: 'content/en/posts/a.md', line: 3, severity: 'warning', rule: 'ref-not-found' })]);
    expect([...(resolved.get(from.key) ?? [])]).toEqual([['b', 'https://example.com/posts/bee/']]);
  });

  it('does nothing for a site whose pages have no ref calls', () => {
    const { resolved, problems } = resolveRefs(site, PAGES, []);
    expect(resolved.size).toBe(0);
    expect(problems).toEqual([]);
  });
});
