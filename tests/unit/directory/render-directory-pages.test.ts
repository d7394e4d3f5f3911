import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedSummary } from '../../../src/render/directory/feed-summary.js';
import { renderDirectoryPages } from '../../../src/render/directory/render-directory-pages.js';
import { cleanText } from '../../../src/render/formats.js';
import { stripInvalidXmlChars } from '../../../src/render/xml-chars.js';
import { expectGolden } from '../../support/golden.js';
import { hostileString } from '../../support/hostile-string.js';
import { descendants } from '../../support/validate-xml.js';
import { attrOf, deepText, elements, inForce, parseHtml, rowFor } from './html.js';
import { HOSTILE_TERM, sampleFeeds, sampleSite } from './sample-feeds.js';

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden');

function page(files: ReturnType<typeof renderDirectoryPages>, filePath: string): string {
  const file = files.find((f) => f.path === filePath);
  if (!file) throw new Error(`no ${filePath} among ${files.map((f) => f.path).join(', ')}`);
  return file.body;
}

describe('renderDirectoryPages', () => {
  it('writes feeds/index.html and one page per other language, as cacheable UTF-8 HTML', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const files = renderDirectoryPages(site, sampleFeeds(site));
    // Assess
    expect(files.map((f) => f.path)).toEqual(['feeds/index.html', 'zh-cn/feeds/index.html']);
    for (const f of files) {
      expect(f.contentType).toBe('text/html; charset=utf-8');
      expect(f.cacheControl).toBe('public, max-age=300');
    }
  });

  it('matches the reviewed golden pages', () => {
    const site = sampleSite();
    const files = renderDirectoryPages(site, sampleFeeds(site));
    expectGolden(path.join(GOLDEN, 'feeds-index.html'), page(files, 'feeds/index.html'));
    expectGolden(path.join(GOLDEN, 'zh-cn-feeds-index.html'), page(files, 'zh-cn/feeds/index.html'));
  });

  it('is a valid HTML5 document shell: doctype, lang, charset first, phone viewport, title', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const html = page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html');
    const root = parseHtml(html);
    // Assess
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n')).toBe(true);
    expect(root.name).toBe('html');
    expect(root.children.map((c) => c.name)).toEqual(['head', 'body']);
    const metas = elements(root, 'meta');
    expect(metas.some((m) => attrOf(m, 'name') === 'viewport' && attrOf(m, 'content') === 'width=device-width, initial-scale=1')).toBe(true);
    expect(elements(root, 'title').map((t) => t.text)).toEqual(['Feeds · News']);
    expect(elements(root, 'h1').map(deepText)).toEqual(['Feeds · News']);
  });

  it('has no script and loads nothing: every link is an alternate or the inline icon, no src, no url() in CSS', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess
    expect(elements(root, 'script')).toEqual([]);
    expect(elements(root, 'img')).toEqual([]);
    expect(elements(root, 'iframe')).toEqual([]);
    const attributes = descendants(root).flatMap((n) => n.attributes.map((a) => a.name));
    expect(attributes.filter((a) => a === 'src' || a === 'style' || a.startsWith('on'))).toEqual([]);
    const rels = elements(root, 'link').map((l) => attrOf(l, 'rel'));
    expect(new Set(rels)).toEqual(new Set(['icon', 'alternate']));
    expect(
      attrOf(
        elements(root, 'link').find((l) => attrOf(l, 'rel') === 'icon'),
        'href',
      ),
    ).toBe('data:,');
    const css = elements(root, 'style')
      .map((s) => s.text)
      .join('');
    expect(css).not.toMatch(/url\(|@import/);
  });

  it('pins itself with a Content-Security-Policy that allows exactly its own style sheet and no script', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess
    const csp = attrOf(
      elements(root, 'meta').find((m) => attrOf(m, 'http-equiv') === 'Content-Security-Policy'),
      'content',
    );
    const [style] = elements(root, 'style');
    if (!style) throw new Error('no <style>');
    const hash = createHash('sha256').update(style.text).digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toMatch(/^default-src 'none';/);
    expect(csp).not.toMatch(/script-src|unsafe/);
  });

  it('advertises the site feed with <link rel="alternate"> on the full page, the language feed first on a language page', () => {
    // Arrange
    const site = sampleSite();
    const files = renderDirectoryPages(site, sampleFeeds(site));
    // Act
    const alternates = (file: string): string[] =>
      elements(parseHtml(page(files, file)), 'link')
        .filter((l) => attrOf(l, 'rel') === 'alternate')
        .map((l) => `${attrOf(l, 'type')} ${attrOf(l, 'href')} ${attrOf(l, 'title')}`);
    // Assess
    expect(alternates('feeds/index.html')).toEqual([
      'application/rss+xml https://example.com/all/index.xml News (RSS)',
      'application/atom+xml https://example.com/all/atom.xml News (Atom)',
      'application/feed+json https://example.com/all/feed.json News (JSON Feed)',
    ]);
    expect(alternates('zh-cn/feeds/index.html')).toEqual([
      'application/rss+xml https://example.com/zh-cn/index.xml 新闻 (RSS)',
      'application/atom+xml https://example.com/zh-cn/atom.xml 新闻 (Atom)',
      'application/feed+json https://example.com/zh-cn/feed.json 新闻 (JSON Feed)',
      'application/rss+xml https://example.com/all/index.xml News (RSS)',
      'application/atom+xml https://example.com/all/atom.xml News (Atom)',
      'application/feed+json https://example.com/all/feed.json News (JSON Feed)',
    ]);
  });

  it('lists each feed with its title, item count, latest date in the site time zone and a typed link per enabled format', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess: 2024-06-01T20:30Z is 2024-06-02 in Asia/Shanghai
    const tech = rowFor(root, 'https://example.com/categories/tech/');
    const [th, items, latest, subscribe] = tech.children;
    expect(deepText(th ?? tech)).toBe('Tech');
    expect(items?.text).toBe('12');
    expect(latest?.children.map((t) => [t.name, attrOf(t, 'datetime'), t.text])).toEqual([['time', '2024-06-01T20:30:00Z', '2024-06-02']]);
    expect(subscribe?.children.map((a) => [attrOf(a, 'type'), attrOf(a, 'href'), a.text])).toEqual([
      ['application/rss+xml', 'https://example.com/categories/tech/index.xml', 'RSS'],
      ['application/atom+xml', 'https://example.com/categories/tech/atom.xml', 'Atom'],
      ['application/feed+json', 'https://example.com/categories/tech/feed.json', 'JSON Feed'],
    ]);
  });

  it('shows an empty feed with no date and only the formats it has', () => {
    const site = sampleSite();
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    const empty = rowFor(root, 'https://example.com/zh-cn/categories/empty/');
    expect(empty.children[1]?.text).toBe('0');
    expect(empty.children[2]?.children).toEqual([]);
    expect(empty.children[2]?.text).toBe('—');
    expect(empty.children[3]?.children.map((a) => a.text)).toEqual(['Atom']);
  });

  it('dates a feed with items whatever its date, the epoch and before 1970 too', () => {
    const site = sampleSite();
    for (const latest of [0, Date.UTC(1969, 6, 20, 20, 17)]) {
      const feeds = sampleFeeds(site).map((f) => (f.dir === 'all/' ? { ...f, latest } : f));
      const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
      const all = rowFor(root, feeds[0]?.link ?? '');
      expect(all.children[2]?.children.map((t) => attrOf(t, 'datetime'))).toEqual([new Date(latest).toISOString().replace('.000Z', 'Z')]);
    }
  });

  it('dates follow the site time zone', () => {
    // Arrange
    const utc = sampleSite({ timeZone: 'UTC' });
    // Act
    const root = parseHtml(page(renderDirectoryPages(utc, sampleFeeds(utc)), 'feeds/index.html'));
    // Assess
    expect(deepText(rowFor(root, 'https://example.com/categories/tech/').children[2] ?? root)).toBe('2024-06-01');
  });

  it("dates a language's feeds in its own time zone when it has one", () => {
    // Arrange: English in UTC, though the site is in Asia/Shanghai (2024-06-01T20:30Z is the 2nd there).
    const base = sampleSite();
    const site = { ...base, languages: base.languages.map((l) => (l.key === 'en' ? { ...l, timeZone: 'UTC' } : l)) };
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess
    expect(deepText(rowFor(root, 'https://example.com/categories/tech/').children[2] ?? root)).toBe('2024-06-01');
  });

  it('escapes hostile term names everywhere: text, title attributes, and never a raw <script> or "]]>"', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const html = page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html');
    const root = parseHtml(html);
    // Assess
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(']]>');
    expect(html).not.toContain('\u0008');
    const row = rowFor(root, 'https://example.com/tags/script/');
    expect(deepText(row.children[0] ?? row)).toBe(stripInvalidXmlChars(HOSTILE_TERM));
    expect(row.children[3]?.children.map((a) => attrOf(a, 'title'))[0]).toBe(`${cleanText(`${HOSTILE_TERM} on News`)} (RSS)`);
  });

  it('escapes any term name (property): the page stays well-formed and shows the name unchanged', () => {
    const site = sampleSite();
    fc.assert(
      fc.property(hostileString(30), fc.string({ maxLength: 10 }), (term, taxonomy) => {
        const [base] = sampleFeeds(site).filter((f) => f.dir === 'tags/go/');
        if (!base) throw new Error('sample lacks tags/go/');
        const feed = { ...base, term, taxonomy: taxonomy || 'tags', title: `${term} on News` };
        const root = parseHtml(page(renderDirectoryPages(site, [feed]), 'feeds/index.html'));
        const row = rowFor(root, 'https://example.com/tags/go/');
        expect(deepText(row.children[0] ?? row)).toBe(stripInvalidXmlChars(term));
        expect(attrOf(row.children[3]?.children[0], 'title')).toBe(`${cleanText(`${term} on News`)} (RSS)`);
      }),
      { numRuns: 200 },
    );
  });

  it('groups the full page: all languages, then each language by weight with its feed, categories and tags tables', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess
    const sections = elements(root, 'section').map((s) => s.children.filter((c) => /^h[23]$/.test(c.name)).map((h) => `${h.name}:${deepText(h)}`));
    expect(sections).toEqual([['h2:All languages'], ['h2:English', 'h3:Categories', 'h3:Tags'], ['h2:简体中文', 'h3:Categories', 'h3:Tags']]);
    // tags by name, case-insensitively, in code-point order
    const tagRows = elements(root, 'section')[1]?.children.filter((c) => c.name === 'table')[2];
    expect(
      elements(tagRows ?? root, 'tr')
        .slice(1)
        .map((tr) => deepText(tr.children[0] ?? tr)),
    ).toEqual([stripInvalidXmlChars(HOSTILE_TERM), 'C# & .NET', 'Go']);
  });

  it('writes each page in its language: English, Simplified and Traditional Chinese', () => {
    // Arrange
    const hans = sampleSite();
    const hant = sampleSite({ languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-TW': { contentDir: 'content/zh-TW', weight: 2 } } });
    const hantFeeds = sampleFeeds(hant).map((f) => (f.lang === 'zh-cn' ? { ...f, lang: 'zh-tw', languageCode: 'zh-TW' } : f));
    // Act
    const zhHans = parseHtml(page(renderDirectoryPages(hans, sampleFeeds(hans)), 'zh-cn/feeds/index.html'));
    const zhHant = parseHtml(page(renderDirectoryPages(hant, hantFeeds), 'zh-tw/feeds/index.html'));
    const headings = (root: ReturnType<typeof parseHtml>): string[] =>
      [...elements(root, 'h2'), ...elements(root, 'h3'), ...elements(root, 'th').slice(0, 4)].map(deepText);
    // Assess
    expect(attrOf(zhHans, 'lang')).toBe('zh-CN');
    expect(headings(zhHans)).toEqual(['本页目录', '全部语言', '简体中文', '分类', '标签', '订阅源', '条目', '最近更新', '订阅']);
    expect(attrOf(zhHant, 'lang')).toBe('zh-TW');
    expect(headings(zhHant)).toEqual(['本頁目錄', '所有語言', '繁體中文', '分類', '標籤', '訂閱源', '項目', '最近更新', '訂閱']);
    expect(elements(zhHant, 'td').map((td) => attrOf(td, 'data-label'))).toContain('項目');
  });

  it('falls back to English words for other languages, and says so: lang="en" on the page, the site title and feed names in their own', () => {
    // Arrange
    const site = sampleSite({
      title: 'Nouvelles',
      defaultContentLanguage: 'fr',
      languages: { fr: { contentDir: 'content', weight: 1, languageCode: 'fr-FR' } },
    });
    const feeds = [
      {
        dir: '',
        kind: 'site' as const,
        lang: 'fr',
        languageCode: 'fr-FR',
        title: 'Nouvelles du site',
        link: site.baseURL,
        itemCount: 1,
        latest: 1,
        urls: { rss: `${site.baseURL}index.xml` },
      },
    ];
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
    // Assess: the words are English, so the page is (it said fr-FR, and a French voice read them: WCAG 3.1.1)
    expect(attrOf(root, 'lang')).toBe('en');
    expect(elements(root, 'h2').map(deepText)).toEqual(['Whole site']);
    expect(elements(root, 'th').slice(0, 4).map(deepText)).toEqual(['Feed', 'Items', 'Latest', 'Subscribe']);
    expect(inForce(root, 'lang', 'Follow this site in any feed reader')).toBe('en');
    expect(inForce(root, 'lang', 'Subscribe')).toBe('en');
    // the site title and the feed names are the site's, in French (WCAG 3.1.2)
    expect(elements(root, 'title').map((t) => t.text)).toEqual(['Feeds · Nouvelles']);
    expect(elements(elements(root, 'h1')[0] ?? root, 'span').map((s) => [s.text, attrOf(s, 'lang'), attrOf(s, 'dir')])).toEqual([
      ['Nouvelles', 'fr-FR', 'auto'],
    ]);
    expect(inForce(root, 'lang', 'Nouvelles du site')).toBe('fr-FR');
  });

  it('keeps the language code on the page when its words are in that language (en-GB, zh-TW)', () => {
    const site = sampleSite({
      defaultContentLanguage: 'en-gb',
      languages: { 'en-GB': { contentDir: 'content/en', weight: 1 }, 'zh-TW': { contentDir: 'content/zh', weight: 2 } },
    });
    const files = renderDirectoryPages(site, []);
    expect(files.map((f) => [f.path, attrOf(parseHtml(f.body), 'lang')])).toEqual([
      ['feeds/index.html', 'en-GB'],
      ['zh-tw/feeds/index.html', 'zh-TW'],
    ]);
  });

  it('tags the all-languages feed with the default language (its title is in its words), not the Chinese page language', () => {
    // Arrange
    const site = sampleSite();
    const feeds = sampleFeeds(site).map((f) => (f.dir === 'all/' ? { ...f, title: 'News · All languages' } : f));
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, feeds), 'zh-cn/feeds/index.html'));
    // Assess
    expect(attrOf(root, 'lang')).toBe('zh-CN');
    expect(inForce(root, 'lang', 'News')).toBe('en');
    expect(inForce(root, 'lang', '全部语言')).toBe('zh-CN');
    expect(inForce(root, 'lang', '新闻')).toBe('zh-CN');
  });

  it('tags every site-controlled string with its language and a direction, the page words with neither', () => {
    // Arrange
    const site = sampleSite();
    // Act
    const root = parseHtml(page(renderDirectoryPages(site, sampleFeeds(site)), 'feeds/index.html'));
    // Assess: language names (headings, navigation, OPML links) and feed names
    for (const [fragment, lang] of [
      ['简体中文', 'zh-CN'],
      ['English', 'en'],
      ['科技', 'zh-CN'],
      ['C# & .NET', 'en'],
    ] as const) {
      expect(inForce(root, 'lang', fragment), fragment).toBe(lang);
      expect(inForce(root, 'dir', fragment), fragment).toBe('auto');
    }
    for (const word of ['All languages', 'Categories', 'Subscribe', 'All feeds']) expect(inForce(root, 'dir', word), word).toBeUndefined();
  });

  it('gives a right-to-left language its direction: names rtl, the page and its tables left to right', () => {
    // Arrange: Arabic beside English; an Arabic tag starting with Latin letters, which dir="auto" would turn left to right
    const site = sampleSite({ languages: { en: { contentDir: 'content/en', weight: 1 }, ar: { contentDir: 'content/ar', weight: 2, title: 'أخبار' } } });
    const b = site.baseURL;
    const feed = (dir: string, over: Partial<FeedSummary>): FeedSummary => ({
      dir,
      kind: 'term',
      taxonomy: 'tags',
      title: 'x',
      link: `${b}${dir}`,
      itemCount: 1,
      latest: Date.UTC(2025, 0, 1),
      urls: { rss: `${b}${dir}index.xml` },
      ...over,
    });
    const feeds = [
      feed('ar/tags/c/', { lang: 'ar', languageCode: 'ar', term: 'C++ للمبتدئين' }),
      feed('ar/tags/m/', { lang: 'ar', languageCode: 'ar', term: 'مرحبا!' }),
      feed('tags/ar/', { lang: 'en', languageCode: 'en', term: 'العربية' }),
    ];
    // Act
    const files = renderDirectoryPages(site, feeds);
    const full = parseHtml(page(files, 'feeds/index.html'));
    const arabic = parseHtml(page(files, 'ar/feeds/index.html'));
    // Assess
    for (const root of [full, arabic]) {
      expect(inForce(root, 'dir', 'C++ للمبتدئين')).toBe('rtl');
      expect(inForce(root, 'lang', 'C++ للمبتدئين')).toBe('ar');
      expect(inForce(root, 'dir', 'مرحبا!')).toBe('rtl');
      expect(inForce(root, 'dir', 'العربية')).toBe('rtl'); // the language's name, in the navigation
      expect(elements(root, 'section').map((s) => attrOf(s, 'dir'))).not.toContain('rtl');
      expect(attrOf(root, 'dir')).toBe('');
    }
    // an Arabic name in an English feed: the browser decides from its letters
    const row = rowFor(full, `${b}tags/ar/`);
    expect([attrOf(row.children[0]?.children[0], 'lang'), attrOf(row.children[0]?.children[0], 'dir')]).toEqual(['en', 'auto']);
    // the Arabic page: English words (no Arabic ones built in), its title in Arabic, right to left
    expect(attrOf(arabic, 'lang')).toBe('en');
    expect(elements(elements(arabic, 'h1')[0] ?? arabic, 'span').map((s) => [s.text, attrOf(s, 'lang'), attrOf(s, 'dir')])).toEqual([['أخبار', 'ar', 'rtl']]);
  });

  it('names no language for one without a code ([languages.cn]), but still lets its names find their direction', () => {
    // Arrange: neither key names a language and no languageCode is set, so neither language has a code
    const site = sampleSite({
      defaultContentLanguage: 'english',
      languages: { english: { contentDir: 'content/en', weight: 1 }, cn: { contentDir: 'content/cn', weight: 2, title: '新闻' } },
    });
    const b = site.baseURL;
    const feed = (dir: string, lang: string | undefined, title: string): FeedSummary => ({
      dir,
      kind: lang === undefined ? 'site' : 'language',
      ...(lang !== undefined ? { lang } : {}),
      title,
      link: `${b}${dir}`,
      itemCount: 1,
      latest: 1,
      urls: { rss: `${b}${dir}index.xml` },
    });
    // Act
    const files = renderDirectoryPages(site, [feed('all/', undefined, 'News · All languages'), feed('', 'english', 'News'), feed('cn/', 'cn', '新闻')]);
    // Assess: the words are English; nothing else claims a language, every name has a direction
    for (const file of files) {
      const root = parseHtml(file.body);
      expect(attrOf(root, 'lang')).toBe('en');
      const named = descendants(root).filter((n) => attrOf(n, 'dir') !== '');
      expect(named.length).toBeGreaterThan(3);
      for (const n of named) expect([n.name, attrOf(n, 'dir'), attrOf(n, 'lang'), attrOf(n, 'hreflang')]).toEqual([n.name, 'auto', '', '']);
    }
  });

  it('lets a taxonomy heading with no built-in word (the configured plural) find its own direction', () => {
    const site = sampleSite({ taxonomies: { wasm: 'وسوم' } });
    const b = site.baseURL;
    const feeds: FeedSummary[] = [
      {
        dir: 'x/',
        kind: 'term',
        lang: 'en',
        languageCode: 'en',
        taxonomy: 'وسوم',
        term: 'a',
        title: 'a',
        link: `${b}x/`,
        itemCount: 1,
        latest: 1,
        urls: { rss: `${b}x/index.xml` },
      },
      {
        dir: 'y/',
        kind: 'term',
        lang: 'en',
        languageCode: 'en',
        taxonomy: 'tags',
        term: 'b',
        title: 'b',
        link: `${b}y/`,
        itemCount: 1,
        latest: 1,
        urls: { rss: `${b}y/index.xml` },
      },
    ];
    const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
    expect(inForce(root, 'dir', 'وسوم')).toBe('auto');
    expect(inForce(root, 'dir', 'Tags')).toBeUndefined();
  });

  it('puts a table of contents in the header: a link to each language and taxonomy heading, by ids the same on every page', () => {
    // Arrange
    const site = sampleSite();
    const files = renderDirectoryPages(site, sampleFeeds(site));
    // Act
    const toc = (file: string): string[] => {
      const root = parseHtml(page(files, file));
      const nav = elements(elements(root, 'header')[0] ?? root, 'nav').find((n) => attrOf(n, 'class') === 'toc');
      if (!nav) throw new Error(`no table of contents in ${file}`);
      const ids = new Set(descendants(root).map((n) => attrOf(n, 'id')));
      return elements(nav, 'a').map((a) => {
        const href = attrOf(a, 'href');
        expect(ids.has(href.slice(1)), href).toBe(true);
        return `${href} ${deepText(a)}`;
      });
    };
    // Assess: in the order of the headings, taxonomies nested in their language
    expect(toc('feeds/index.html')).toEqual([
      '#all-languages All languages',
      '#lang-en English',
      '#lang-en-categories Categories',
      '#lang-en-tags Tags',
      '#lang-zh-cn 简体中文',
      '#lang-zh-cn-categories Categories',
      '#lang-zh-cn-tags Tags',
    ]);
    expect(toc('zh-cn/feeds/index.html')).toEqual(['#all-languages 全部语言', '#lang-zh-cn 简体中文', '#lang-zh-cn-categories 分类', '#lang-zh-cn-tags 标签']);
    const root = parseHtml(page(files, 'feeds/index.html'));
    const main = elements(root, 'main')[0] ?? root;
    expect(
      descendants(main)
        .filter((n) => /^h[23]$/.test(n.name))
        .map((h) => attrOf(h, 'id')),
    ).toEqual(['all-languages', 'lang-en', 'lang-en-categories', 'lang-en-tags', 'lang-zh-cn', 'lang-zh-cn-categories', 'lang-zh-cn-tags']);
  });

  it('makes an id of any taxonomy name (property): unique, without spaces, and every contents link finds its heading', () => {
    const site = sampleSite();
    const [base] = sampleFeeds(site).filter((f) => f.dir === 'tags/go/');
    if (!base) throw new Error('sample lacks tags/go/');
    fc.assert(
      fc.property(fc.uniqueArray(hostileString(12), { minLength: 2, maxLength: 5 }), (taxonomies) => {
        const feeds = taxonomies.map((taxonomy, i) => ({ ...base, dir: `t${i}/`, link: `${base.link}${i}/`, taxonomy }));
        const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
        const ids = descendants(root)
          .map((n) => attrOf(n, 'id'))
          .filter((id) => id !== '');
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
        const nav = elements(root, 'nav').find((n) => attrOf(n, 'class') === 'toc') ?? root;
        const hrefs = elements(nav, 'a').map((a) => attrOf(a, 'href').slice(1));
        expect(hrefs.length).toBe(1 + taxonomies.length);
        for (const href of hrefs) expect(ids).toContain(href);
      }),
      { numRuns: 100 },
    );
  });

  it('gives a heading whose id another heading has (language zh, taxonomy cn; language zh-cn) the next free one, the same on every page', () => {
    // Arrange
    const site = sampleSite({
      defaultContentLanguage: 'zh',
      languages: { zh: { contentDir: 'content/zh', weight: 1 }, 'zh-cn': { contentDir: 'content/zh-cn', weight: 2 } },
      taxonomies: { c: 'cn', tag: 'tags' },
    });
    const feed = (dir: string, lang: string, taxonomy?: string): FeedSummary => headingFeed(site.baseURL, dir, lang, taxonomy);
    const files = renderDirectoryPages(site, [feed('', 'zh'), feed('cn/x/', 'zh', 'cn'), feed('zh-cn/', 'zh-cn'), feed('zh-cn/tags/x/', 'zh-cn', 'tags')]);
    // Act
    const headings = (file: string): string[] =>
      descendants(elements(parseHtml(page(files, file)), 'main')[0] ?? parseHtml(page(files, file)))
        .filter((n) => /^h[23]$/.test(n.name))
        .map((h) => attrOf(h, 'id'));
    // Assess
    expect(headings('feeds/index.html')).toEqual(['lang-zh', 'lang-zh-cn-2', 'lang-zh-cn', 'lang-zh-cn-tags']);
    expect(headings('zh-cn/feeds/index.html')).toEqual(['lang-zh-cn', 'lang-zh-cn-tags']);
  });

  it('gives each heading the id the site config gives it, whatever feeds the run has (language zh, taxonomy cn-tags; language zh-cn, taxonomy tags)', () => {
    // Arrange: a bookmarked #lang-zh-cn-tags moved to zh's cn-tags once that had its first feed (3a03c63).
    const site = sampleSite({
      defaultContentLanguage: 'zh',
      languages: { zh: { contentDir: 'content/zh', weight: 1 }, 'zh-cn': { contentDir: 'content/zh-cn', weight: 2 } },
      taxonomies: { c: 'cn-tags', tag: 'tags' },
    });
    const feed = (dir: string, lang: string, taxonomy?: string): FeedSummary => headingFeed(site.baseURL, dir, lang, taxonomy);
    const headings = (feeds: FeedSummary[], file: string): string[] => {
      const root = parseHtml(page(renderDirectoryPages(site, feeds), file));
      return descendants(elements(root, 'main')[0] ?? root)
        .filter((n) => /^h[23]$/.test(n.name))
        .map((h) => `${attrOf(h, 'id')} ${deepText(h)}`);
    };
    const before = [feed('', 'zh'), feed('zh-cn/', 'zh-cn'), feed('zh-cn/tags/x/', 'zh-cn', 'tags')];
    const after = [...before, feed('cn-tags/x/', 'zh', 'cn-tags')];
    // Act, Assess: zh-cn's own tags keep the plain id (the longer language key first); zh's cn-tags gets -2
    expect(headings(before, 'zh-cn/feeds/index.html')).toEqual(['lang-zh-cn 简体中文', 'lang-zh-cn-tags 标签']);
    expect(headings(after, 'zh-cn/feeds/index.html')).toEqual(headings(before, 'zh-cn/feeds/index.html'));
    expect(headings(after, 'feeds/index.html')).toEqual(['lang-zh 简体中文', 'lang-zh-cn-tags-2 Cn-tags', 'lang-zh-cn 简体中文', 'lang-zh-cn-tags 标签']);
    // Nor do the languages' weights move them.
    const swapped = sampleSite({
      defaultContentLanguage: 'zh',
      languages: { zh: { contentDir: 'content/zh', weight: 2 }, 'zh-cn': { contentDir: 'content/zh-cn', weight: 1 } },
      taxonomies: { tag: 'tags', c: 'cn-tags' },
    });
    const ids = (html: string) => [...html.matchAll(/<h[23] id="([^"]*)"/g)].map((m) => m[1]).sort();
    expect(ids(page(renderDirectoryPages(swapped, after), 'feeds/index.html'))).toEqual(ids(page(renderDirectoryPages(site, after), 'feeds/index.html')));
  });

  it('gives a language that only feeds name (no config has it) an id after every configured one, the next free one where its own is taken', () => {
    // Arrange: `lang-en-tags` is the id of en's configured tags; a language keyed `en-tags` comes after it.
    const site = sampleSite({ languages: { en: { contentDir: 'content/en', weight: 1 } }, taxonomies: { tag: 'tags' } });
    const feed = (dir: string, lang: string, taxonomy?: string): FeedSummary => headingFeed(site.baseURL, dir, lang, taxonomy);
    // Act
    const html = page(renderDirectoryPages(site, [feed('', 'en'), feed('tags/x/', 'en', 'tags'), feed('en-tags/', 'en-tags')]), 'feeds/index.html');
    // Assess
    expect([...html.matchAll(/<h[23] id="([^"]*)"/g)].map((m) => m[1])).toEqual(['contents', 'lang-en', 'lang-en-tags', 'lang-en-tags-2']);
  });

  it('keeps ids unique and every contents link on its heading with 1,000 taxonomies whose ids collide', () => {
    const taxonomies: Record<string, string> = {};
    // tags, tags-0, tags_2, tags-1, …: `tags` taken, the next `-2` is the id of the plural tags-2.
    for (let i = 0; i < 1000; i++) taxonomies[`t${i}`] = i % 2 ? `tags-${i >> 1}` : `tags${i ? `_${i}` : ''}`;
    const site = sampleSite({ taxonomies });
    const b = site.baseURL;
    const feeds: FeedSummary[] = ['en', 'zh-cn'].flatMap((lang) =>
      Object.values(taxonomies).map((plural) => ({
        dir: `${lang}/${plural}/x/`,
        kind: 'term' as const,
        lang,
        languageCode: lang,
        taxonomy: plural,
        term: 'x',
        title: 'x',
        link: `${b}${lang}/${plural}/x/`,
        itemCount: 1,
        latest: 1,
        urls: { rss: `${b}${lang}/${plural}/x/index.xml` },
      })),
    );
    const html = page(renderDirectoryPages(site, feeds), 'feeds/index.html');
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const hrefs = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toHaveLength(2 * 1001);
    for (const href of hrefs) expect(ids).toContain(href);
  });

  it('has no table of contents when the page has a single heading', () => {
    const site = sampleSite({ languages: undefined });
    const feeds = sampleFeeds(site).filter((f) => f.lang === 'en' && f.kind === 'language');
    const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
    expect(elements(root, 'nav')).toEqual([]);
    expect(elements(root, 'h2').map((h) => `${attrOf(h, 'id')} ${deepText(h)}`)).toEqual(['lang-en Whole site']);
  });

  it('links the directory pages of a multilingual site to each other and to the OPML files', () => {
    // Arrange
    const site = sampleSite();
    const files = renderDirectoryPages(site, sampleFeeds(site));
    // Act
    const nav = (file: string): string[] =>
      elements(elements(parseHtml(page(files, file)), 'nav')[0] ?? parseHtml(page(files, file)), 'a').map(
        (a) => `${attrOf(a, 'href')} ${a.text}${attrOf(a, 'aria-current') ? ' (current)' : ''}`,
      );
    const opml = (file: string): string[] =>
      elements(parseHtml(page(files, file)), 'a')
        .filter((a) => attrOf(a, 'type') === 'text/x-opml')
        .map((a) => `${attrOf(a, 'href')} ${a.text}`);
    // Assess
    expect(nav('feeds/index.html')).toEqual(['https://example.com/feeds/ All languages (current)', 'https://example.com/zh-cn/feeds/ 简体中文']);
    expect(nav('zh-cn/feeds/index.html')).toEqual(['https://example.com/feeds/ 全部语言', 'https://example.com/zh-cn/feeds/ 简体中文 (current)']);
    expect(opml('feeds/index.html')).toEqual([
      'https://example.com/feeds/all.opml All feeds',
      'https://example.com/feeds/en.opml English',
      'https://example.com/feeds/zh-cn.opml 简体中文',
    ]);
    expect(opml('zh-cn/feeds/index.html')).toEqual(['https://example.com/feeds/zh-cn.opml 简体中文', 'https://example.com/feeds/all.opml 全部订阅源']);
  });

  it('on a one-language site writes one page with the site feed and no language navigation', () => {
    // Arrange
    const site = sampleSite({ languages: undefined });
    const feeds = sampleFeeds(site)
      .filter((f) => f.lang === 'en')
      .map((f) => (f.kind === 'language' ? { ...f, kind: 'site' as const } : f));
    // Act
    const files = renderDirectoryPages(site, feeds);
    const root = parseHtml(page(files, 'feeds/index.html'));
    // Assess
    expect(files.map((f) => f.path)).toEqual(['feeds/index.html']);
    expect(elements(root, 'nav').map((n) => attrOf(n, 'class'))).toEqual(['toc']);
    expect(elements(elements(root, 'main')[0] ?? root, 'h2').map(deepText)).toEqual(['Whole site']);
    expect(
      elements(root, 'link')
        .filter((l) => attrOf(l, 'rel') === 'alternate')
        .map((l) => attrOf(l, 'href')),
    ).toEqual(['https://example.com/index.xml', 'https://example.com/atom.xml', 'https://example.com/feed.json']);
  });

  it('puts the non-default language pages under their prefix when the default language is in a subfolder too', () => {
    const site = sampleSite({ defaultContentLanguageInSubdir: true });
    expect(renderDirectoryPages(site, sampleFeeds(site)).map((f) => f.path)).toEqual(['feeds/index.html', 'zh-cn/feeds/index.html']);
  });

  it('is deterministic: same bytes twice and for any input order', () => {
    const site = sampleSite();
    const expected = renderDirectoryPages(site, sampleFeeds(site));
    expect(renderDirectoryPages(site, sampleFeeds(site))).toEqual(expected);
    fc.assert(
      fc.property(fc.shuffledSubarray(sampleFeeds(site), { minLength: 10, maxLength: 10 }), (shuffled) => {
        expect(renderDirectoryPages(site, shuffled)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('links only the OPML files renderOpml writes (feeds without any format are in no OPML file)', () => {
    const site = sampleSite();
    const feeds = sampleFeeds(site).map((f) => (f.lang === 'zh-cn' ? { ...f, urls: {} } : f));
    const root = parseHtml(page(renderDirectoryPages(site, feeds), 'feeds/index.html'));
    const opml = elements(root, 'a')
      .filter((a) => attrOf(a, 'type') === 'text/x-opml')
      .map((a) => attrOf(a, 'href'));
    expect(opml).toEqual(['https://example.com/feeds/all.opml', 'https://example.com/feeds/en.opml']);
  });

  it('still renders a page when there are no feeds', () => {
    const site = sampleSite();
    const root = parseHtml(page(renderDirectoryPages(site, []), 'feeds/index.html'));
    expect(elements(root, 'table')).toEqual([]);
    expect(elements(root, 'a').filter((a) => attrOf(a, 'type') === 'text/x-opml')).toEqual([]);
  });
});

/** A one-item feed of a language (or of a term `x` of a taxonomy) for the heading-id tests. */
function headingFeed(b: string, dir: string, lang: string, taxonomy?: string): FeedSummary {
  return {
    dir,
    kind: taxonomy === undefined ? 'language' : 'term',
    lang,
    languageCode: lang,
    ...(taxonomy !== undefined ? { taxonomy, term: 'x' } : {}),
    title: 'x',
    link: `${b}${dir}`,
    itemCount: 1,
    latest: 1,
    urls: { rss: `${b}${dir}index.xml` },
  };
}
