import { describe, expect, it } from 'vitest';
import { resolveSiteConfig } from '../../../src/config/site-config.js';
import type { SiteConfig } from '../../../src/model.js';
import {
  bundleHiddenFiles,
  contentParents,
  hasMarkdownSuffix,
  ignoredByHugo,
  isHomeListPage,
  isListPage,
  listingProblems,
  listPageFeed,
  locateArticle,
  outsideContentProblems,
  pageKeys,
  taxonomyListPage,
} from '../../../src/parse/pages.js';

/** A site from a config object as Hugo's TOML reads it (keys as written). */
function siteOf(config: Record<string, unknown> = {}): SiteConfig {
  return resolveSiteConfig({ baseURL: 'https://example.com/', defaultContentLanguage: 'en', ...config }, { file: 'hugo.toml' });
}

/** Language key and path of a content key, `-` for no page. */
function located(site: SiteConfig, key: string): string {
  const location = locateArticle(site, key);
  return location === undefined ? '-' : `${location.lang.key}:${location.relPath}`;
}

const twoFolders = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, 'zh-CN': { contentDir: 'content/zh-CN', weight: 2 } } });

describe('locateArticle: folders and suffixes', () => {
  it('gives the path in NFC, and the name as written only where it is not NFC', () => {
    const site = siteOf();
    const decomposed = locateArticle(site, 'content/news/cafe\u0301.md');
    expect(decomposed?.relPath).toBe('news/caf\u00e9.md');
    expect(decomposed?.written).toBe('news/cafe\u0301.md');
    const composed = locateArticle(site, 'content/news/caf\u00e9.md');
    expect(composed?.relPath).toBe('news/caf\u00e9.md');
    expect(composed !== undefined && 'written' in composed).toBe(false);
  });

  it('takes a file named for a language key alone (fr.md) as a page of its folder language, as Hugo does', () => {
    const site = siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, fr: { contentDir: 'content/fr', weight: 2 } } });
    expect(['content/en/fr.md', 'content/en/news/fr.md', 'content/en/news/a.fr.md'].map((key) => located(site, key))).toEqual([
      'en:fr.md',
      'en:news/fr.md',
      'fr:news/a.fr.md',
    ]);
  });

  it('gives a folder two languages share to the default language even when it is not the first by weight', () => {
    const site = siteOf({ languages: { fr: { contentDir: 'content', weight: 1 }, en: { contentDir: 'content', weight: 2 } } });
    expect(located(site, 'content/a.md')).toBe('en:a.md');
  });

  it('puts a file in the deepest content folder that holds it', () => {
    const site = siteOf({ languages: { en: { contentDir: 'content', weight: 1 }, fr: { contentDir: 'content/fr', weight: 2 } } });
    expect(['content/a.md', 'content/fr/a.md'].map((key) => located(site, key))).toEqual(['en:a.md', 'fr:a.md']);
  });

  it('leaves out a file named for a disabled language on a site of one language', () => {
    const site = siteOf({ languages: { en: { weight: 1 }, de: { weight: 2 } }, disableLanguages: ['de'] });
    expect(['content/a.md', 'content/a.de.md'].map((key) => located(site, key))).toEqual(['en:a.md', '-']);
  });
});

describe('names Hugo gives a meaning', () => {
  it('skips a file whose name ends with ~', () => {
    expect(ignoredByHugo('news/a.md~')).toBe(true);
    expect(ignoredByHugo('news/a~b.md')).toBe(false);
  });

  it('knows a list page with or without a language, and no other file', () => {
    expect(
      [
        'content/news/_index.md',
        'content/news/_index.zh-cn.md',
        '_index.en.markdown',
        'content/news/_index.md.swp',
        'content/news/x_index.md',
        'content/news/_index..md',
      ].map(isListPage),
    ).toEqual([true, true, true, false, false, false]);
    expect(['_index.md', '_index.fr.md', 'news/_index.md', 'index.md'].map(isHomeListPage)).toEqual([true, true, false, false]);
  });

  it('takes a Markdown suffix in any case, at the end of the name only', () => {
    expect(['content/a.md', 'content/a.MD', 'content/a.Markdown', 'content/a.md.bak', 'content/a.txt'].map(hasMarkdownSuffix)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('listPageFeed: the feed a list page speaks for', () => {
  const site = siteOf();

  it('a section at any depth, a term below its taxonomy, none for the home page or a taxonomy', () => {
    expect(listPageFeed(site, '_index.md')).toBeUndefined();
    expect(listPageFeed(site, 'tags/_index.md')).toBeUndefined();
    expect(listPageFeed(site, 'news/_index.md')).toEqual({ path: 'news', term: false });
    expect(listPageFeed(site, 'news/world/_index.md')).toEqual({ path: 'news/world', term: false });
    expect(listPageFeed(site, 'news/tags/_index.md')).toEqual({ path: 'news/tags', term: false });
    expect(listPageFeed(site, 'tags/Go Lang/_index.md')).toEqual({ path: 'tags/go-lang', term: true });
    expect(listPageFeed(site, 'categories/Notes/_index.md')).toEqual({ path: 'categories/notes', term: true });
  });
});

describe('taxonomyListPage: the taxonomy whose own list page a list page is', () => {
  it('a taxonomy of the language, with any suffix; no term, section, home page or taxonomy of another language', () => {
    const site = siteOf({ languages: { en: { weight: 1 }, fr: { weight: 2, taxonomies: { etiquette: 'etiquettes' } } } });
    expect(taxonomyListPage(site, 'tags/_index.md', 'en')).toBe('tags');
    expect(taxonomyListPage(site, 'categories/_index.fr.md', 'en')).toBe('categories');
    expect(taxonomyListPage(site, 'etiquettes/_index.md', 'fr')).toBe('etiquettes');
    expect(taxonomyListPage(site, 'tags/_index.md', 'fr')).toBeUndefined();
    for (const relPath of ['tags/go/_index.md', 'news/tags/_index.md', '_index.md', 'news/_index.md', 'tags/index.md', 'tags/a.md']) {
      expect(taxonomyListPage(site, relPath, 'en'), relPath).toBeUndefined();
    }
  });
});

describe('listingProblems: what each problem says, and in which order', () => {
  it('a warning for an upper-case suffix, nothing for a name whose Markdown suffix is not at its end or that is in no content folder', () => {
    const keys = ['content/en/a.MD', 'content/en/b.md.bak', 'static/x/index.md', 'static/c.MD'];
    expect(listingProblems(twoFolders, keys, new Set())).toEqual([
      {
        file: 'content/en/a.MD',
        severity: 'warning',
        rule: 'suffix-case',
        message: 'Hugo reads .md files, not .MD: not published; rename it to end in .md',
      },
    ]);
  });

  it('names the language of a second index, and says to remove one where a suffix names a language of the site', () => {
    // Hugo 0.111 makes the index named for the language the page (checked with hugo), though index.md comes first by name.
    const keys = ['content/zh-CN/trip/index.zh-cn.md', 'content/zh-CN/trip/index.md'];
    const pages = new Set(pageKeys(twoFolders, keys));
    expect([...pages]).toEqual(['content/zh-CN/trip/index.zh-cn.md']);
    expect(listingProblems(twoFolders, keys, pages)).toEqual([
      {
        file: 'content/zh-CN/trip/index.md',
        severity: 'warning',
        rule: 'bundle-hides-pages',
        message:
          'a second zh-cn index of the leaf bundle content/zh-CN/trip/: Hugo 0.111 makes index.zh-cn.md, named for zh-cn, the page and this one a resource of it, in no feed; remove one of the two',
      },
    ]);
  });

  it('reports a nested bundle index once, as a file its outer bundle hides', () => {
    const keys = ['content/en/trip/index.md', 'content/en/trip/day/index.md'];
    const pages = new Set(pageKeys(twoFolders, keys));
    expect(listingProblems(twoFolders, keys, pages).map((p) => `${p.file} ${p.rule}: ${p.message}`)).toEqual([
      "content/en/trip/index.md bundle-hides-pages: makes content/en/trip/ one page (a leaf bundle): its 1 other Markdown file is a resource of that page, in no feed; a section's list page is named _index.md",
    ]);
  });

  it('warns of a leaf bundle hiding a dated file as bundle-hides-pages', () => {
    const keys = ['content/en/news/index.md', 'content/en/news/a.md'];
    const pages = new Set(pageKeys(twoFolders, keys));
    expect(listingProblems(twoFolders, keys, pages, new Set(['content/en/news/a.md']))).toEqual([
      {
        file: 'content/en/news/index.md',
        severity: 'warning',
        rule: 'bundle-hides-pages',
        message:
          'makes content/en/news/ one page (a leaf bundle): its 1 other Markdown file is a resource of that page, in no feed, though a.md has a date like an article: if content/en/news/ is a section, rename index.md to _index.md',
      },
    ]);
  });

  it('lists the problems by file, whatever the order of the listing', () => {
    const keys = ['content/en/z.MD', 'content/en/trip/notes.md', 'content/en/trip/index.md', 'content/en/b.MD'];
    const pages = new Set(pageKeys(twoFolders, keys));
    expect(listingProblems(twoFolders, keys, pages).map((p) => p.file)).toEqual(['content/en/b.MD', 'content/en/trip/index.md', 'content/en/z.MD']);
  });
});

describe('bundleHiddenFiles', () => {
  it('gives the bundles in key order, each with its files in key order, without the files Hugo skips or no language holds', () => {
    const keys = [
      'static/a.md',
      'content/en/y/index.md',
      'content/en/y/c.md',
      'content/en/z/index.md',
      'content/en/z/b.md',
      'content/en/z/a.md',
      'content/en/z/.notes.md',
      'content/en/x/index.md',
      'content/en/x/d.md',
    ];
    const pages = new Set(pageKeys(twoFolders, keys));
    const hidden = bundleHiddenFiles(twoFolders, keys, pages);
    expect([...hidden]).toEqual([
      ['content/en/x/index.md', ['content/en/x/d.md']],
      ['content/en/y/index.md', ['content/en/y/c.md']],
      ['content/en/z/index.md', ['content/en/z/a.md', 'content/en/z/b.md']],
    ]);
  });
});

describe('files in no language', () => {
  it('contentParents: the folders holding content folders without being one', () => {
    expect(contentParents(twoFolders)).toEqual(['content/']);
    expect(contentParents(siteOf())).toEqual([]);
    expect(contentParents(siteOf({ languages: { en: { contentDir: 'content', weight: 1 }, fr: { contentDir: 'content/fr', weight: 2 } } }))).toEqual([]);
    expect(contentParents(siteOf({ languages: { en: { contentDir: 'content', weight: 1 }, fr: { contentDir: 'content/x/fr', weight: 2 } } }))).toEqual([]);
    expect(
      contentParents(
        siteOf({
          languages: {
            en: { contentDir: 'sites/b/content/en', weight: 1 },
            fr: { contentDir: 'sites/a/content/fr', weight: 2 },
            de: { contentDir: 'sites/a/content/de', weight: 3 },
          },
        }),
      ),
    ).toEqual(['sites/a/content/', 'sites/b/content/']);
    // A disabled language: its folder is not known, so neither is what holds it.
    expect(
      contentParents(
        siteOf({ languages: { en: { contentDir: 'content/en', weight: 1 }, de: { contentDir: 'content/de', weight: 2 } }, disableLanguages: ['de'] }),
      ),
    ).toEqual([]);
  });

  it('a site whose content is mounted from its root (source ".") has its pages there, and no folder holding content folders', () => {
    const site = siteOf({
      languages: { en: { weight: 1 }, fr: { weight: 2 } },
      module: {
        mounts: [
          { source: '.', target: 'content', lang: 'en' },
          { source: 'translations/fr', target: 'content', lang: 'fr' },
        ],
      },
    });
    expect(['posts/a.md', 'translations/fr/posts/a.md', 'posts/b.fr.md'].map((key) => located(site, key))).toEqual([
      'en:posts/a.md',
      'fr:posts/a.md',
      'fr:posts/b.fr.md',
    ]);
    // translations/ is a folder of en's content, not one that holds content folders only.
    expect(contentParents(site)).toEqual([]);
    expect(outsideContentProblems(site, ['a.md', 'translations/b.md'])).toEqual([]);
  });

  it('outsideContentProblems: a warning for each Markdown file in no content folder, in key order', () => {
    const keys = ['content/b.md', 'content/en/c.md', 'content/a.md', 'content/notes.txt'];
    const message = "in no language's content folder (content/en, content/zh-CN): Hugo makes no page of it, so it is in no feed; move it into one";
    expect(outsideContentProblems(twoFolders, keys)).toEqual([
      { file: 'content/a.md', severity: 'warning', rule: 'outside-content-dirs', message },
      { file: 'content/b.md', severity: 'warning', rule: 'outside-content-dirs', message },
    ]);
  });
});
