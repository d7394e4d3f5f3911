import { describe, expect, it } from 'vitest';
import { resolveSiteConfig } from '../../../src/config/site-config.js';
import { hasFrontMatterDate } from '../../../src/parse/front-matter-date.js';
import { bundleHiddenFiles, ignoredByHugo, isLeafIndex, isMarkdownKey, listingProblems, pageKeys } from '../../../src/parse/pages.js';

const site = resolveSiteConfig(
  { baseURL: 'https://example.com/', defaultContentLanguage: 'en', languages: { en: { contentDir: 'content/en' }, fr: { contentDir: 'content/fr' } } },
  { file: 'hugo.toml' },
);

describe('which content keys are pages, as Hugo decides', () => {
  it("takes Hugo's Markdown suffixes in lower case only", () => {
    expect(['a.md', 'a.markdown', 'a.mdown', 'a.MD', 'a.Md', 'a.md.bak', 'a.mkd'].map(isMarkdownKey)).toEqual([true, true, true, false, false, false, false]);
  });

  it('skips names Hugo skips: starting with . or #, ending with ~, at any depth', () => {
    expect(ignoredByHugo('news/a.md')).toBe(false);
    expect(ignoredByHugo('news/_a.md')).toBe(false);
    expect(ignoredByHugo('news/.a.md')).toBe(true);
    expect(ignoredByHugo('.git/news/a.md')).toBe(true);
    expect(ignoredByHugo('news/#a.md#')).toBe(true);
    expect(ignoredByHugo('news~/a.md')).toBe(true);
  });

  it('knows a leaf bundle index, with or without a language, from a list page', () => {
    expect(
      ['a/index.md', 'a/index.fr.md', 'index.md', 'a/_index.md', 'a/reindex.md', 'a/index.md/b.md', 'a/index.v1.2.md', 'a/index'].map(isLeafIndex),
    ).toEqual([true, true, true, false, false, false, true, false]);
  });

  it('keeps bundle indexes and drops their resources, nested bundles included, per language folder', () => {
    const keys = [
      'content/en/a.md',
      'content/en/trip/index.md',
      'content/en/trip/notes.md',
      'content/en/trip/day/index.md',
      'content/en/trip/day/more.md',
      'content/en/tripx/b.md',
      'content/en/list/_index.md',
      'content/en/list/c.md',
      'content/en/index.md', // at the top of the content folder: no bundle
      'content/fr/trip/notes.md', // another language's folder: no index there
      'content/en/.hidden/d.md',
      'content/en/E.MD',
      'static/x.md', // outside every content folder
    ];
    expect(pageKeys(site, keys)).toEqual([
      'content/en/a.md',
      'content/en/trip/index.md',
      'content/en/tripx/b.md',
      'content/en/list/_index.md',
      'content/en/list/c.md',
      'content/en/index.md',
      'content/fr/trip/notes.md',
    ]);
  });
});

describe('two indexes of one leaf bundle in one language, as Hugo 0.111 takes them (LoveIt: index.fr.md on a site without fr)', () => {
  const keys = [
    'content/en/posts/b/index.en.md',
    'content/en/posts/b/index.fr.md',
    'content/en/posts/b/index.zh-cn.md',
    'content/en/posts/h/index.fr.md',
    'content/en/posts/h/index.md',
    'content/en/posts/m/index.md',
    'content/en/posts/m/index.markdown',
    'content/en/posts/m/notes.md',
    'content/en/posts/j/index.ja.md',
    'content/fr/posts/b/index.md',
  ];
  const multilingual = resolveSiteConfig(
    {
      baseURL: 'https://example.com/',
      defaultContentLanguage: 'en',
      languages: { en: { contentDir: 'content/en' }, fr: { contentDir: 'content/fr' }, 'zh-cn': { contentDir: 'content/zh-cn' } },
    },
    { file: 'hugo.toml' },
  );
  const enOnly = resolveSiteConfig({ baseURL: 'https://example.com/', contentDir: 'content/en' }, { file: 'hugo.toml' });

  it('keeps the first by name of each language as the page and drops the others (its resources), whichever language a suffix names', () => {
    expect(pageKeys(multilingual, keys)).toEqual([
      'content/en/posts/b/index.en.md',
      'content/en/posts/b/index.fr.md',
      'content/en/posts/b/index.zh-cn.md',
      'content/en/posts/h/index.fr.md', // fr's here: a page of its own
      'content/en/posts/h/index.md',
      'content/en/posts/m/index.markdown',
      'content/en/posts/j/index.ja.md',
      'content/fr/posts/b/index.md',
    ]);
    expect(pageKeys(enOnly, keys.slice(0, 9))).toEqual([
      'content/en/posts/b/index.en.md',
      'content/en/posts/h/index.fr.md',
      'content/en/posts/m/index.markdown',
      'content/en/posts/j/index.ja.md',
    ]);
  });

  it('reports each dropped index on its own, with the index that is the page, and not as another of the bundle’s files', () => {
    const pages = new Set(pageKeys(enOnly, keys.slice(0, 9)));
    expect(listingProblems(enOnly, keys.slice(0, 9), pages).map((p) => `${p.file} ${p.severity} ${p.rule}: ${p.message}`)).toEqual([
      "content/en/posts/b/index.fr.md warning bundle-hides-pages: .fr names no language of the site, so Hugo 0.111 reads this file as en's index of the leaf bundle content/en/posts/b/, where index.en.md, named for en, is the page: this one is a resource of it, in no feed; add fr to the site's languages to publish it as a translation, or remove it",
      "content/en/posts/b/index.zh-cn.md warning bundle-hides-pages: .zh-cn names no language of the site, so Hugo 0.111 reads this file as en's index of the leaf bundle content/en/posts/b/, where index.en.md, named for en, is the page: this one is a resource of it, in no feed; add zh-cn to the site's languages to publish it as a translation, or remove it",
      "content/en/posts/h/index.md warning bundle-hides-pages: a second en index of the leaf bundle content/en/posts/h/: index.fr.md (.fr names no language of the site, so it is en's) comes first by name, and Hugo 0.111 makes it the page and this one a resource of it, in no feed; rename or remove index.fr.md",
      "content/en/posts/m/index.markdown info bundle-hides-pages: makes content/en/posts/m/ one page (a leaf bundle): its 1 other Markdown file is a resource of that page, in no feed; a section's list page is named _index.md",
      'content/en/posts/m/index.md warning bundle-hides-pages: a second en index of the leaf bundle content/en/posts/m/: Hugo 0.111 makes index.markdown, first by name, the page and this one a resource of it, in no feed; remove one of the two',
    ]);
    expect(bundleHiddenFiles(enOnly, keys.slice(0, 9), pages)).toEqual(new Map([['content/en/posts/m/index.markdown', ['content/en/posts/m/notes.md']]]));
  });
});

describe('listingProblems: content files Hugo makes no page of, most likely by mistake (found by an audit: silent)', () => {
  it('names an upper-case suffix, and a leaf bundle that hides Markdown files (once, with their count), nothing else', () => {
    const keys = [
      'content/en/news/index.md',
      'content/en/news/a.md',
      'content/en/news/deep/b.md',
      'content/en/posts/trip/index.md',
      'content/en/posts/trip/photo.jpg',
      'content/en/posts/c.MD',
      'content/en/posts/.hidden.MD',
      'content/en/posts/d.md',
      'content/fr/x.Markdown',
      'elsewhere/e.MD',
    ];
    const pages = new Set(pageKeys(site, keys));
    expect(listingProblems(site, keys, pages).map((p) => `${p.file} ${p.rule}: ${p.message}`)).toEqual([
      "content/en/news/index.md bundle-hides-pages: makes content/en/news/ one page (a leaf bundle): its 2 other Markdown files are resources of that page, in no feed; a section's list page is named _index.md",
      'content/en/posts/c.MD suffix-case: Hugo reads .md files, not .MD: not published; rename it to end in .md',
      'content/fr/x.Markdown suffix-case: Hugo reads .markdown files, not .Markdown: not published; rename it to end in .markdown',
    ]);
    expect(listingProblems(site, ['content/en/posts/d.md'], new Set(['content/en/posts/d.md']))).toEqual([]);
  });

  it('takes no key with a folder of no name for a page, and says which key was meant', () => {
    // Arrange: a bucket holds what no disk can (a prefix ending in `/` joined with another `/`).
    const keys = [
      'content/en//news/a.md',
      'content/en/news//b.md',
      'content/fr//_index.md',
      'content/en/news/c.md',
      'content/en//.hidden.md',
      'content/en//x.txt',
    ];
    // Act
    const pages = pageKeys(site, keys);
    const problems = listingProblems(site, keys, new Set(pages));
    // Assess
    expect(pages).toEqual(['content/en/news/c.md']);
    expect(problems.map((p) => `${p.file} ${p.severity} ${p.rule}: ${p.message}`)).toEqual([
      'content/en//news/a.md warning key-empty-folder: the key has a folder of no name ("//"), which no folder on disk has: not published; upload it as content/en/news/a.md',
      'content/en/news//b.md warning key-empty-folder: the key has a folder of no name ("//"), which no folder on disk has: not published; upload it as content/en/news/b.md',
      'content/fr//_index.md warning key-empty-folder: the key has a folder of no name ("//"), which no folder on disk has: not published; upload it as content/fr/_index.md',
    ]);
  });

  it('warns, and says to rename it to _index.md, when a file a leaf bundle hides has a date like an article', () => {
    const keys = ['content/en/news/index.md', 'content/en/news/a.md', 'content/en/news/b.md', 'content/en/trip/index.md', 'content/en/trip/notes.md'];
    const pages = new Set(pageKeys(site, keys));
    expect(bundleHiddenFiles(site, keys, pages)).toEqual(
      new Map([
        ['content/en/news/index.md', ['content/en/news/a.md', 'content/en/news/b.md']],
        ['content/en/trip/index.md', ['content/en/trip/notes.md']],
      ]),
    );
    const problems = listingProblems(site, keys, pages, new Set(['content/en/news/b.md']));
    expect(problems.map((p) => `${p.file} ${p.severity}: ${p.message}`)).toEqual([
      'content/en/news/index.md warning: makes content/en/news/ one page (a leaf bundle): its 2 other Markdown files are resources of that page, in no feed, though b.md has a date like an article: if content/en/news/ is a section, rename index.md to _index.md',
      "content/en/trip/index.md info: makes content/en/trip/ one page (a leaf bundle): its 1 other Markdown file is a resource of that page, in no feed; a section's list page is named _index.md",
    ]);
  });
});

describe('hasFrontMatterDate', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
  it('finds a date Hugo would date a page by, in any front matter format and key case, and nothing else', () => {
    expect(hasFrontMatterDate(site, bytes('---\ntitle: A\nDate: 2025-01-01\n---\nbody'))).toBe(true);
    expect(hasFrontMatterDate(site, bytes('+++\npublishDate = 2025-01-01\n+++\n'))).toBe(true);
    expect(hasFrontMatterDate(site, bytes('---\nlastmod: 2025-01-01\n---\n'))).toBe(true);
    expect(hasFrontMatterDate(site, bytes('---\ntitle: A\ndate: ""\n---\n'))).toBe(false);
    expect(hasFrontMatterDate(site, bytes('---\ntitle: A\n---\n'))).toBe(false);
    expect(hasFrontMatterDate(site, bytes('no front matter, date: 2025-01-01'))).toBe(false);
    expect(hasFrontMatterDate(site, bytes('---\ndate: [unclosed\n---\n'))).toBe(false);
  });
});
