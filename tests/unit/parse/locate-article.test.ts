import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { resolveSiteConfig } from '../../../src/config/site-config.js';
import type { SiteConfig } from '../../../src/model.js';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { articleId } from '../../../src/plan/ids.js';
import { rebuild } from '../../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../../support/build.js';

/** A site from a config object as Hugo's TOML reads it (keys as written). */
function siteOf(config: Record<string, unknown>): SiteConfig {
  return resolveSiteConfig({ baseURL: 'https://example.com/', defaultContentLanguage: 'en', ...config }, { file: 'hugo.toml' });
}

/** Language key and path of each content key, `-` for no page; cases checked against Hugo 0.111. */
function located(site: SiteConfig, keys: readonly string[]): string[] {
  return keys.map((key) => {
    const location = locateArticle(site, key);
    return location === undefined ? `${key} -` : `${key} ${location.lang.key}:${location.relPath}`;
  });
}

describe('locateArticle: the language and path Hugo 0.111 gives a content file', () => {
  // Each language in a folder of its own, and one disabled (its folder named, as in Hugo's config).
  const ownFolders = siteOf({
    languages: {
      en: { contentDir: 'content/en', weight: 1 },
      'zh-CN': { contentDir: 'content/zh-CN', weight: 2 },
      fr: { contentDir: 'content/fr', weight: 3 },
      de: { contentDir: 'content/de', weight: 4, disabled: true },
    },
  });

  it("puts a file whose name carries another language's key in that language, its path kept from its own folder", () => {
    expect(
      located(ownFolders, [
        'content/en/news/x.md',
        'content/en/news/y.zh-cn.md',
        'content/zh-CN/news/z.en.md',
        'content/zh-CN/only/o.en.md',
        'content/en/deep/sub/r.fr.md',
        'content/en/news/t.en.md',
        'content/en/news/_index.zh-cn.md',
        'content/en/blog/trip/index.fr.md',
      ]),
    ).toEqual([
      'content/en/news/x.md en:news/x.md',
      'content/en/news/y.zh-cn.md zh-cn:news/y.zh-cn.md',
      'content/zh-CN/news/z.en.md en:news/z.en.md',
      'content/zh-CN/only/o.en.md en:only/o.en.md',
      'content/en/deep/sub/r.fr.md fr:deep/sub/r.fr.md',
      'content/en/news/t.en.md en:news/t.en.md',
      'content/en/news/_index.zh-cn.md zh-cn:news/_index.zh-cn.md',
      'content/en/blog/trip/index.fr.md fr:blog/trip/index.fr.md',
    ]);
  });

  it('reads the suffix as Hugo compares it, with the lower-cased keys: `.zh-CN` and `.FR` name no language', () => {
    expect(
      located(ownFolders, [
        'content/zh-CN/news/a.zh-CN.md',
        'content/en/news/w.zh-CN.md',
        'content/en/news/s.FR.md',
        'content/en/v1.fr/a.md',
        'content/en/a..md',
      ]),
    ).toEqual([
      'content/zh-CN/news/a.zh-CN.md zh-cn:news/a.zh-CN.md',
      'content/en/news/w.zh-CN.md en:news/w.zh-CN.md',
      'content/en/news/s.FR.md en:news/s.FR.md',
      'content/en/v1.fr/a.md en:v1.fr/a.md',
      'content/en/a..md en:a..md',
    ]);
  });

  it('leaves out a file named for a disabled language, in any folder, but not one whose suffix only looks like it', () => {
    expect(located(ownFolders, ['content/en/news/u.de.md', 'content/zh-CN/u.de.md', 'content/en/news/q.DE.md', 'static/a.md'])).toEqual([
      'content/en/news/u.de.md -',
      'content/zh-CN/u.de.md -',
      'content/en/news/q.DE.md en:news/q.DE.md',
      'static/a.md -',
    ]);
    // A key in `disableLanguages` that `languages` does not configure names nothing: Hugo keeps `a.it.md` as `a.it`.
    const listed = siteOf({ disableLanguages: ['it'], languages: { en: { weight: 1 }, fr: { weight: 2 } } });
    expect(located(listed, ['content/posts/a.it.md', 'content/posts/a.fr.md'])).toEqual([
      'content/posts/a.it.md en:posts/a.it.md',
      'content/posts/a.fr.md fr:posts/a.fr.md',
    ]);
    const monolingual = siteOf({ disableLanguages: ['fr'] });
    expect(located(monolingual, ['content/posts/a.fr.md'])).toEqual(['content/posts/a.fr.md en:posts/a.fr.md']);
  });

  it('where languages share a folder: the suffix, else the default language, else the first by weight', () => {
    const shared = siteOf({
      languages: { en: { weight: 1 }, fr: { weight: 2 }, 'zh-CN': { contentDir: 'zh', weight: 3 } },
    });
    expect(
      located(shared, [
        'content/posts/a.md',
        'content/posts/a.fr.md',
        'content/posts/a.zh-cn.md',
        'content/posts/b.zh-CN.md',
        'zh/posts/e.fr.md',
        'zh/posts/a.md',
      ]),
    ).toEqual([
      'content/posts/a.md en:posts/a.md',
      'content/posts/a.fr.md fr:posts/a.fr.md',
      'content/posts/a.zh-cn.md zh-cn:posts/a.zh-cn.md',
      'content/posts/b.zh-CN.md en:posts/b.zh-CN.md',
      'zh/posts/e.fr.md fr:posts/e.fr.md',
      'zh/posts/a.md zh-cn:posts/a.md',
    ]);
    const withoutDefault = siteOf({
      languages: {
        en: { contentDir: 'content/en', weight: 1 },
        fr: { contentDir: 'content/shared', weight: 3 },
        de: { contentDir: 'content/shared', weight: 2 },
      },
    });
    expect(located(withoutDefault, ['content/shared/a.md', 'content/shared/b.fr.md', 'content/shared/c.en.md'])).toEqual([
      'content/shared/a.md de:a.md',
      'content/shared/b.fr.md fr:b.fr.md',
      'content/shared/c.en.md en:c.en.md',
    ]);
  });

  it('on a one-language site, keeps every file in it', () => {
    expect(located(siteOf({}), ['content/a.md', 'content/a.en.md', 'content/a.fr.md', 'other/a.md'])).toEqual([
      'content/a.md en:a.md',
      'content/a.en.md en:a.en.md',
      'content/a.fr.md en:a.fr.md',
      'other/a.md -',
    ]);
  });
});

describe('lang-mismatch: front matter `lang` against the language Hugo gives the page', () => {
  const site = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-CN': { contentDir: 'content/zh-CN', weight: 2 } } });
  const messages = (key: string, lang: string): string[] => {
    const bytes = new TextEncoder().encode(`---\ntitle: "T"\ndate: 2025-01-02T00:00:00Z\nlang: ${lang}\n---\nbody\n`);
    const { problems } = parseArticle(site, { key, bytes }, locateArticle(site, key) as ArticleLocation);
    return problems.filter((p) => p.rule === 'lang-mismatch').map((p) => p.message);
  };

  it('names the file name when its suffix gave the language, else the folder', () => {
    expect(messages('content/zh-CN/news/l.en.md', 'zh-cn')).toEqual(['lang "zh-cn" differs from the language its file name names (en); the file name wins']);
    expect(messages('content/zh-CN/news/m.md', 'en')).toEqual(['lang "en" differs from the language of its content folder (zh-cn); the folder wins']);
    expect(messages('content/zh-CN/news/n.zh-CN.md', 'en')).toEqual(['lang "en" differs from the language of its content folder (zh-cn); the folder wins']);
    expect(messages('content/en/news/y.zh-cn.md', 'zh-CN')).toEqual([]);
  });
});

describe('warnings about a field point at its line (found by an audit: they pointed at the front matter opener)', () => {
  it('lang-mismatch at `lang`, title-long at `title`, author-url at `author`, in any case', () => {
    const site = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-CN': { contentDir: 'content/zh-CN', weight: 2 } } });
    const text = [
      '',
      '---',
      `Title: "${'x'.repeat(600)}"`,
      'date: 2025-01-02T00:00:00Z',
      'author:',
      '  name: A',
      '  url: "ftp://a"',
      'LANG: en',
      '---',
      'body',
      '',
    ].join('\n');
    const key = 'content/zh-CN/news/w.md';
    const { problems } = parseArticle(site, { key, bytes: new TextEncoder().encode(text) }, locateArticle(site, key) as ArticleLocation);
    const lines = Object.fromEntries(problems.filter((p) => p.severity === 'warning').map((p) => [p.rule, p.line]));
    expect(lines).toEqual({ 'title-long': 3, 'author-url': 5, 'lang-mismatch': 8 });
  });

  it('at the front matter’s first line for a field written on no line of its own (merged in from a flow anchor)', () => {
    const site = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-CN': { contentDir: 'content/zh-CN', weight: 2 } } });
    const text = '---\ntitle: T\ndate: 2025-01-02T00:00:00Z\nbase: &b {lang: en}\n<<: *b\n---\nbody\n';
    const key = 'content/zh-CN/news/w.md';
    const { problems } = parseArticle(site, { key, bytes: new TextEncoder().encode(text) }, locateArticle(site, key) as ArticleLocation);
    expect(problems.map((p) => [p.rule, p.line])).toEqual([['lang-mismatch', 2]]);
  });

  it('and none for a field problem whose key is written on no line of its own', () => {
    const site = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 } } });
    const text = '---\ndate: 2025-01-02T00:00:00Z\nbase: &b {title: {a: 1}}\n<<: *b\n---\nbody\n';
    const key = 'content/en/news/w.md';
    const { article, problems } = parseArticle(site, { key, bytes: new TextEncoder().encode(text) }, locateArticle(site, key) as ArticleLocation);
    expect(article).toBeUndefined();
    expect(problems).toStrictEqual([{ file: key, severity: 'error', rule: 'field-type', message: 'title: must be text, not a map' }]);
  });
});

describe('two files that are one page', () => {
  it('keeps one and reports the other as the same page, naming the file kept', async () => {
    // Arrange: zh-cn's `news/c` twice, once in its own folder and once in en's with its suffix.
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-0${title === 'own' ? 1 : 2}T00:00:00Z\n---\nBody.\n`;
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\n[languages.en]\ncontentDir = "content/en"\n[languages.zh-cn]\ncontentDir = "content/zh-CN"\n'],
      ['content/zh-CN/news/c.md', page('own')],
      ['content/en/news/c.zh-cn.md', page('suffix')],
    ]);
    // Act
    const { report } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    // Assert
    expect(report.problems.filter((p) => p.rule === 'duplicate-id')).toEqual([
      expect.objectContaining({
        file: 'content/en/news/c.zh-cn.md',
        message: expect.stringMatching(
          /^is the same page as content\/zh-CN\/news\/c\.md \(https:\/\/example\.com\/zh-cn\/news\/c\/, item id .*\): left out of feeds; keep one of the two files$/,
        ),
      }),
    ]);
  });
});

/** Each RSS item's link and guid, in feed order. */
function guids(xml: string | undefined): [string, string][] {
  return [...(xml ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>[\s\S]*?<guid[^>]*>([^<]*)<\/guid>/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('two files that are one page with another id', () => {
  // a.FR.md and a.FR.en.md are one English page `news/a.FR` in Hugo 0.111: one id (news/a, or news/a.FR beside a.md), one kept.
  const CONFIG = 'baseURL = "https://example.com/"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n';
  const page = (title: string, day: number) => `---\ntitle: ${title}\ndate: 2024-01-0${day}\n---\nBody of ${title}.\n`;
  const put = (source: MemoryStorage, key: string, text: string) => source.write({ key, body: text, contentType: 'text/markdown', cacheControl: '' });

  it('holds one of them back as the same page, alone as beside a.md', async () => {
    const samePage = ['content/news/a.FR.en.md', 'is the same page as content/news/a.FR.md'];
    // Beside a newer a.md, a.FR.md went live first and keeps news/a: a.md, which has no other id, is held back too.
    const newerA = ['content/news/a.md', expect.stringMatching(/^has the item id \S+ of content\/news\/a\.FR\.md$/)];
    for (const [beside, expected] of [
      [[], [samePage]],
      [[['content/news/a.md', page('A', 4)]], [samePage, newerA]],
      [[['content/news/a.md', page('A', 1)]], [samePage]],
    ] as [[string, string][], unknown[]][]) {
      const source = new MemoryStorage([
        ['hugo.toml', CONFIG],
        ['content/news/a.FR.md', page('FR', 2)],
        ['content/news/a.FR.en.md', page('FR en', 3)],
        ...beside,
      ]);
      const { report } = await buildToMemory(source, Date.UTC(2025, 0, 1));
      expect(report.problems.filter((p) => p.rule === 'duplicate-id').map((p) => [p.file, p.message.split(' (')[0]])).toEqual(expected);
    }
  });

  // Found by the property test: the one held back came out under the id of the one gone with its item (same
  // link) taken from the published feed, in a scheduled full run (one gone) and in a run for a.md's key (a.md gone).
  it('publishes the one left with its own text, whichever goes, in a run for the key as in a full run', async () => {
    const now = Date.UTC(2025, 0, 1);
    const cases = ['content/news/a.FR.md', 'content/news/a.md'].flatMap((gone) =>
      [true, false].flatMap((full) => [1, 4].map((aDay) => ({ gone, full, aDay }))),
    );
    for (const { gone, full, aDay } of cases) {
      const source = new MemoryStorage([
        ['hugo.toml', CONFIG],
        ['content/news/a.md', page('A', aDay)],
      ]);
      await put(source, 'content/news/a.FR.md', page('FR', 2));
      await put(source, 'content/news/a.FR.en.md', page('FR en', 3));
      const target = new MemoryStorage();
      const deps = memoryDeps(source, now, { target });
      await rebuild(deps, {});
      await source.delete(gone);
      await rebuild(deps, full ? {} : { changedKeys: [gone] });
      expect(textFiles(target), `${gone} gone, ${full ? 'full run' : 'run for its key'}, a.md of day ${aDay}`).toEqual(await cleanBuildOf(source, now));
    }
  });
});

describe('two files that are two pages', () => {
  const page = (title: string, day: number, extra = '') => `---\ntitle: ${title}\ndate: 2024-01-0${day}\n${extra}---\nBody.\n`;
  const CONFIG = 'baseURL = "https://example.com/"\ndefaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n';

  // Hugo 0.111 publishes both, in English: /news/a/ and /news/a.fr/ (`.FR` names no language, above).
  it('publishes a.md and a.FR.md as two items, as Hugo does', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/news/a.md', page('A en', 1)],
      ['content/news/a.FR.md', page('A upper FR', 2)],
    ]);
    const { report, files } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    expect(report.problems.filter((p) => p.rule === 'duplicate-id')).toEqual([]);
    expect(report.articles.published).toBe(2);
    expect(files.get('news/index.xml')).toContain('<link>https://example.com/news/a.fr/</link>');
    // Two ids: a.md keeps the one its path makes, a.FR.md (whose id is made so too) takes its path with the suffix.
    const ns = 'example.com/';
    expect(guids(files.get('news/index.xml'))).toEqual([
      ['https://example.com/news/a.fr/', articleId(ns, 'en', 'news/a.FR', undefined)],
      ['https://example.com/news/a/', articleId(ns, 'en', 'news/a', undefined)],
    ]);
  });

  it('publishes a.FR.md alone with the id it always had, and gives the same ids run after run as a clean build', async () => {
    const now = Date.UTC(2025, 0, 1);
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      // In a tag feed a.md is not in: what its id is there follows a.md too.
      ['content/news/a.FR.md', page('A upper FR', 2, 'tags: [x]\n')],
      ['content/news/c.Fr.md', page('C upper Fr', 3)],
      ['content/news/c.fR.md', page('C upper fR', 4)],
    ]);
    const target = new MemoryStorage();
    const state = new MemoryStorage();
    const deps = memoryDeps(source, now, { target, state });
    await rebuild(deps, {});
    const ns = 'example.com/';
    const alone = guids(textFiles(target).get('news/index.xml'));
    // c.Fr.md and c.fR.md (newer, listed first) share `news/c`: the first published keeps it, the other takes its own path's.
    expect(alone).toEqual([
      ['https://example.com/news/c.fr/', articleId(ns, 'en', 'news/c.fR', undefined)],
      ['https://example.com/news/c.fr/', articleId(ns, 'en', 'news/c', undefined)],
      ['https://example.com/news/a.fr/', articleId(ns, 'en', 'news/a', undefined)],
    ]);
    // a.md comes (an event for its key, then a full run), and goes again: each run as a clean build.
    await source.write({ key: 'content/news/a.md', body: page('A en', 1), contentType: 'text/markdown', cacheControl: '' });
    const report = await rebuild(deps, { changedKeys: ['content/news/a.md'] });
    expect(report.problems.filter((p) => p.rule === 'duplicate-id')).toEqual([]);
    // a.md, older, keeps news/a: a.FR.md moves to news/a.FR, and the author is told (readers show it as new once).
    const moved = report.problems.filter((p) => p.rule === 'id-changed');
    expect(moved.map((p) => [p.file, p.severity])).toEqual([['content/news/a.FR.md', 'info']]);
    expect(moved[0]?.message).toContain(`its item id is ${articleId(ns, 'en', 'news/a.FR', undefined)}, no longer ${articleId(ns, 'en', 'news/a', undefined)}`);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, now));
    expect(guids(textFiles(target).get('news/index.xml'))).toContainEqual(['https://example.com/news/a.fr/', articleId(ns, 'en', 'news/a.FR', undefined)]);
    expect(guids(textFiles(target).get('tags/x/index.xml'))).toEqual([['https://example.com/news/a.fr/', articleId(ns, 'en', 'news/a.FR', undefined)]]);
    // The next run says nothing again.
    expect((await rebuild(deps, {})).problems.filter((p) => p.rule === 'id-changed')).toEqual([]);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, now));
    await source.delete('content/news/a.md');
    const back = await rebuild(deps, { changedKeys: ['content/news/a.md'] });
    expect(back.problems.filter((p) => p.rule === 'id-changed').map((p) => p.file)).toEqual(['content/news/a.FR.md']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, now));
    expect(guids(textFiles(target).get('news/index.xml'))).toEqual(alone);
  });

  it('says two pages share an id by their path, not by a front matter id none of them states', async () => {
    // `a.en.md` is English `news/a` too, at another URL by its slug: one id, two pages.
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/news/a.md', page('A', 1)],
      ['content/news/a.en.md', page('A again', 2, 'slug: again\n')],
      ['content/news/b.md', page('B', 3, 'id: "post-1"\n')],
      ['content/news/c.md', page('C', 4, 'id: "post-1"\n')],
    ]);
    const { report } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    const messages = report.problems.filter((p) => p.rule === 'duplicate-id').map((p) => `${p.file}: ${p.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^content\/news\/a\.en\.md: has the item id \S+ of content\/news\/a\.md \(one language and one path without its language suffix, /),
      expect.stringMatching(/^content\/news\/c\.md: has the item id \S+ of content\/news\/b\.md \(the same front matter id\)/),
    ]);
  });
});
