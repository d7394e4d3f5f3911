import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { renderOpml } from '../../../src/render/directory/render-opml.js';
import { cleanText } from '../../../src/render/formats.js';
import { expectGolden } from '../../support/golden.js';
import { hostileString } from '../../support/hostile-string.js';
import { assertWellFormed, attr, descendants, parseXml, type XmlNode } from '../../support/validate-xml.js';
import { HOSTILE_TERM, sampleFeeds, sampleSite } from './sample-feeds.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

function body(files: ReturnType<typeof renderOpml>, filePath: string): string {
  const file = files.find((f) => f.path === filePath);
  if (!file) throw new Error(`no ${filePath} among ${files.map((f) => f.path).join(', ')}`);
  return file.body;
}

/** The feed outlines (type="rss") of a document. */
function feedOutlines(root: XmlNode): XmlNode[] {
  return descendants(root).filter((n) => n.name === 'outline' && attr(n, 'type') === 'rss');
}

/** The outline tree as indented `text` lines, for structure assertions. */
function outlineTree(node: XmlNode, depth = 0): string[] {
  return node.children
    .filter((c) => c.name === 'outline')
    .flatMap((c) => [`${'  '.repeat(depth)}${attr(c, 'text')}${attr(c, 'type') ? ` [${attr(c, 'xmlUrl')}]` : ''}`, ...outlineTree(c, depth + 1)]);
}

describe('renderOpml', () => {
  it('writes feeds/all.opml and one file per language, as OPML media type', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const files = renderOpml(site, sampleFeeds(site));
    // Assess
    expect(files.map((f) => f.path)).toEqual(['feeds/all.opml', 'feeds/en.opml', 'feeds/zh-cn.opml']);
    for (const f of files) {
      expect(f.contentType).toBe('text/x-opml; charset=utf-8');
      expect(f.cacheControl).toBe('public, max-age=300');
    }
  });

  it('matches the reviewed golden files', () => {
    const site = sampleSite();
    const files = renderOpml(site, sampleFeeds(site));
    expectGolden(path.join(GOLDEN, 'all.opml'), body(files, 'feeds/all.opml'));
    expectGolden(path.join(GOLDEN, 'zh-cn.opml'), body(files, 'feeds/zh-cn.opml'));
  });

  it('is well-formed XML with the OPML 2.0 required parts: version, head/title, body, text on every outline', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const files = renderOpml(site, sampleFeeds(site));
    // Assess
    for (const file of files) {
      assertWellFormed(file.body, file.path);
      const root = parseXml(file.body);
      expect(root.name).toBe('opml');
      expect(attr(root, 'version')).toBe('2.0');
      expect(root.children.map((c) => c.name)).toEqual(['head', 'body']);
      expect(root.children[0]?.children.filter((c) => c.name === 'title').map((t) => t.text)).toHaveLength(1);
      const outlines = descendants(root).filter((n) => n.name === 'outline');
      expect(outlines.length).toBeGreaterThan(0);
      for (const o of outlines) expect(attr(o, 'text'), `${file.path} ${o.path}`).toBeTruthy();
    }
  });

  it('groups all.opml in one level of folders, language by language and taxonomy by taxonomy in the language words, the all-languages feed first', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseXml(body(renderOpml(site, sampleFeeds(site)), 'feeds/all.opml'));
    // Assess
    const bodyEl = root.children[1];
    if (!bodyEl) throw new Error('no body');
    expect(outlineTree(bodyEl)).toEqual([
      'News [https://example.com/all/index.xml]',
      'English',
      '  News [https://example.com/index.xml]',
      'English · Categories',
      '  Tech on News [https://example.com/categories/tech/index.xml]',
      '  World on News [https://example.com/categories/world/index.xml]',
      'English · Tags',
      `  ${cleanText(`${HOSTILE_TERM} on News`)} [https://example.com/tags/script/index.xml]`,
      '  C# & .NET on News [https://example.com/tags/c%23-.net/index.xml]',
      '  Go on News [https://example.com/tags/go/index.xml]',
      '简体中文',
      '  新闻 [https://example.com/zh-cn/index.xml]',
      '简体中文 · 分类',
      '  空 on 新闻 [https://example.com/zh-cn/categories/empty/atom.xml]',
      '简体中文 · 标签',
      '  科技 on 新闻 [https://example.com/zh-cn/tags/%E7%A7%91%E6%8A%80/index.xml]',
    ]);
  });

  it("puts only that language's feeds in a language file, with group names in that language", () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseXml(body(renderOpml(site, sampleFeeds(site)), 'feeds/zh-cn.opml'));
    // Assess
    expect(root.children[0]?.children.find((c) => c.name === 'title')?.text).toBe('新闻 · 订阅源');
    expect(outlineTree(root.children[1] ?? root)).toEqual([
      '新闻 [https://example.com/zh-cn/index.xml]',
      '分类',
      '  空 on 新闻 [https://example.com/zh-cn/categories/empty/atom.xml]',
      '标签',
      '  科技 on 新闻 [https://example.com/zh-cn/tags/%E7%A7%91%E6%8A%80/index.xml]',
    ]);
    for (const o of feedOutlines(root)) expect(attr(o, 'language')).toBe('zh-CN');
  });

  it('gives every feed outline type="rss", text, title, xmlUrl, htmlUrl and language; version="RSS" (the OPML 2.0 value for RSS 2.0) only for RSS', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const outlines = feedOutlines(parseXml(body(renderOpml(site, sampleFeeds(site)), 'feeds/all.opml')));
    // Assess
    expect(outlines).toHaveLength(sampleFeeds(site).length);
    const go = outlines.find((o) => attr(o, 'htmlUrl') === 'https://example.com/tags/go/');
    expect(go?.attributes.map((a) => [a.name, a.value])).toEqual([
      ['type', 'rss'],
      ['text', 'Go on News'],
      ['title', 'Go on News'],
      ['xmlUrl', 'https://example.com/tags/go/index.xml'],
      ['htmlUrl', 'https://example.com/tags/go/'],
      ['language', 'en'],
      ['version', 'RSS'],
    ]);
    const all = outlines.find((o) => attr(o, 'xmlUrl') === 'https://example.com/all/index.xml');
    expect(attr(all ?? go ?? outlines[0] ?? parseXml('<x/>'), 'language')).toBeUndefined();
    const atomOnly = outlines.find((o) => attr(o, 'htmlUrl') === 'https://example.com/zh-cn/categories/empty/');
    expect(attr(atomOnly ?? parseXml('<x/>'), 'version')).toBeUndefined();
  });

  it('gives folder outlines only text: OPML 2.0 defines language and version for type="rss" outlines alone', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const files = renderOpml(site, sampleFeeds(site));
    // Assess
    for (const file of files) {
      const folders = descendants(parseXml(file.body)).filter((n) => n.name === 'outline' && attr(n, 'type') === undefined);
      expect(folders.length, file.path).toBeGreaterThan(0);
      for (const folder of folders) expect(folder.attributes.map((a) => a.name)).toEqual(['text']);
    }
  });

  it('prefers RSS, then Atom, then JSON Feed for xmlUrl, and leaves out feeds without any format', () => {
    // Arrange
    const site = sampleSite();
    const [base] = sampleFeeds(site).filter((f) => f.dir === 'tags/go/');
    if (!base) throw new Error('sample lacks tags/go/');
    const feeds = [
      { ...base, dir: 'a/', link: 'https://example.com/a/', urls: { json: 'https://example.com/a/feed.json', atom: 'https://example.com/a/atom.xml' } },
      { ...base, dir: 'b/', link: 'https://example.com/b/', urls: { json: 'https://example.com/b/feed.json' } },
      { ...base, dir: 'c/', link: 'https://example.com/c/', urls: {} },
    ];
    // Act
    const outlines = feedOutlines(parseXml(body(renderOpml(site, feeds), 'feeds/en.opml')));
    // Assess
    expect(outlines.map((o) => attr(o, 'xmlUrl'))).toEqual(['https://example.com/a/atom.xml', 'https://example.com/b/feed.json']);
  });

  it('dates the files by the newest item (RFC 822), never the clock, and omits the date when all feeds are empty', () => {
    // Arrange
    const site = sampleSite();
    const feeds = sampleFeeds(site);
    // Act
    const files = renderOpml(site, feeds);
    const empty = renderOpml(
      site,
      feeds.map((f) => ({ ...f, latest: 0, itemCount: 0 })),
    );
    // Assess
    const dateOf = (xml: string): string | undefined => parseXml(xml).children[0]?.children.find((c) => c.name === 'dateCreated')?.text;
    expect(dateOf(body(files, 'feeds/all.opml'))).toBe('Sat, 01 Jun 2024 20:30:00 GMT');
    expect(dateOf(body(files, 'feeds/zh-cn.opml'))).toBe('Thu, 30 May 2024 01:00:00 GMT');
    for (const f of empty) expect(dateOf(f.body)).toBeUndefined();
    // A site whose newest item is from before 1970 has a date too.
    const old = renderOpml(
      site,
      feeds.map((f) => ({ ...f, latest: Date.UTC(1969, 6, 20, 20, 17) })),
    );
    expect(dateOf(body(old, 'feeds/all.opml'))).toBe('Sun, 20 Jul 1969 20:17:00 GMT');
  });

  it('keeps hostile names intact through attribute escaping (property)', () => {
    const site = sampleSite();
    const [base] = sampleFeeds(site).filter((f) => f.dir === 'tags/go/');
    if (!base) throw new Error('sample lacks tags/go/');
    fc.assert(
      fc.property(hostileString(30), (name) => {
        const xml = body(renderOpml(site, [{ ...base, term: name, title: `${name} ]]> <b>` }]), 'feeds/all.opml');
        assertWellFormed(xml);
        const [outline] = feedOutlines(parseXml(xml));
        expect(attr(outline ?? parseXml('<x/>'), 'title')).toBe(cleanText(`${name} ]]> <b>`));
      }),
      { numRuns: 200 },
    );
  });

  it('writes no file when there is no feed (OPML needs at least one outline)', () => {
    expect(renderOpml(sampleSite(), [])).toEqual([]);
  });

  it('refuses a language keyed "all", which would overwrite feeds/all.opml', () => {
    const site = sampleSite();
    const feeds = sampleFeeds(site).map((f) => (f.lang === 'zh-cn' ? { ...f, lang: 'all' } : f));
    expect(() => renderOpml(site, feeds)).toThrow(ConfigError);
  });

  it('is deterministic for any input order', () => {
    const site = sampleSite();
    const expected = renderOpml(site, sampleFeeds(site));
    fc.assert(
      fc.property(fc.shuffledSubarray(sampleFeeds(site), { minLength: 10, maxLength: 10 }), (shuffled) => {
        expect(renderOpml(site, shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });
});
