import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { parseConfigText } from '../../src/config/config-files.js';
import { resolveSiteConfig } from '../../src/config/site-config.js';
import { ConfigError } from '../../src/errors.js';
import { buildToMemory } from '../support/build.js';
import { expectThrown } from '../support/thrown.js';

// Hugo 0.114+ reads permalinks by kind of page (`[permalinks.page]`, `[permalinks.section]`,
// `[permalinks.taxonomy]`, `[permalinks.term]`), and 0.144 added the tokens `:contentbasename` and
// `:slugorcontentbasename` (resources/page/permalinks.go): a site written for it used them, and feedpub
// stopped with misleading errors.
const resolve = (toml: string) => resolveSiteConfig(parseConfigText('hugo.toml', `baseURL = "https://example.com/"\n${toml}`), { file: 'hugo.toml' });
const errorOf = (toml: string) => expectThrown(ConfigError, () => resolve(toml));
const NOW = Date.parse('2025-06-01T00:00:00Z');

describe('permalinks by kind of page (Hugo 0.114+) and Hugo 0.144 tokens', () => {
  it('reads [permalinks.term] as the flat key of a taxonomy, [permalinks.page] as before, and [permalinks.taxonomy] as nothing to publish', () => {
    expect(resolve('[permalinks.term]\ntags = "/topic/:slug/"\n').permalinks).toEqual({ tags: '/topic/:slug/' });
    expect(resolve('[permalinks.page]\nposts = "/:year/:contentbasename/"\n[permalinks.term]\ntags = "topic/:slug/"\n').permalinks).toEqual({
      posts: '/:year/:contentbasename/',
      tags: '/topic/:slug/',
    });
    // The page that lists a taxonomy's terms (tags/) has no feed of feedpub's: its pattern moves none.
    expect(resolve('[permalinks.taxonomy]\ntags = "/topics/"\n').permalinks).toEqual({});
    // A language's own table, too.
    expect(resolve('defaultContentLanguage = "fr"\n[languages.fr.permalinks.term]\ntags = "/sujet/:slug/"\n').languages[0]?.permalinks).toEqual({
      tags: '/sujet/:slug/',
    });
  });

  it('says what it does not follow, naming the key, instead of calling a table no pattern or a token unknown', () => {
    const cases: [string, string, string][] = [
      [
        '[permalinks.section]\nposts = "/articles/"\n',
        'permalinks.section',
        "is not supported by feedpub (Hugo 0.114+'s patterns of section pages): a section's feed stays in its folder (posts/index.xml)",
      ],
      ['[[permalinks]]\npattern = "/:slug/"\n', 'permalinks', 'the list form ([[permalinks]] with pattern and target, Hugo 0.161) is not supported by feedpub'],
      ['[permalinks.home]\nx = "/y/"\n', 'permalinks.home', '"home" is no kind of page'],
      ['[permalinks.page]\nposts = "/:sectionslug/:slug/"\n', 'permalinks.page.posts', ':sectionslug (Hugo 0.149+'],
      ['[permalinks]\nposts = "/:sectionslugs[1:]/:slug/"\n', 'permalinks.posts', ':sectionslugs (Hugo 0.149+'],
      ['[permalinks.page]\nposts = "/:bogus/"\n', 'permalinks.page.posts', 'unknown token :bogus'],
      ['[permalinks]\ntags = "/t/:slug/"\n[permalinks.term]\ntags = "/topic/:slug/"\n', 'permalinks.term.tags', 'differs from permalinks.tags'],
      ['defaultContentLanguage = "fr"\n[languages.fr.permalinks.section]\nposts = "/a/"\n', 'languages.fr.permalinks.section', 'is not supported by feedpub'],
    ];
    for (const [toml, key, message] of cases) {
      const error = errorOf(toml);
      expect([error.key, error.message], toml).toEqual([key, expect.stringContaining(message)]);
    }
  });

  // Hugo 0.111 places a term's page by a date (its list page's, else its newest page's), by one name for
  // every term (:filename) or by the taxonomy's name (:section): feedpub left all of them in the link as written.
  it("refuses every token but :slug and :title in the pattern of a taxonomy's terms, naming the key", () => {
    const cases: [string, string, string][] = [
      [
        '[permalinks]\ntags = "/t/:year/:slug/"\n',
        'permalinks.tags',
        ":year in the pattern of a taxonomy's terms is not supported by feedpub (Hugo 0.111 gives the date",
      ],
      ['[permalinks.term]\ntags = "/t/:06/:slug/"\n', 'permalinks.term.tags', ':06 in the pattern'],
      ['[permalinks]\ncategories = "/c/:filename/"\n', 'permalinks.categories', '(Hugo 0.111 gives every term one name, empty or _index'],
      ['[permalinks]\ntags = "/t/:sections[0]/:slug/"\n', 'permalinks.tags', "(Hugo 0.111 gives the taxonomy's name); write tags as text"],
      [
        '[taxonomies]\nserie = "series"\n[permalinks]\nseries = "/s/:section/:slug/"\n',
        'permalinks.series',
        "gives the taxonomy's name); write series as text",
      ],
      [
        'defaultContentLanguage = "fr"\n[languages.fr.permalinks]\ntags = "/t/:monthname/:title/"\n',
        'languages.fr.permalinks.tags',
        ':monthname in the pattern',
      ],
    ];
    for (const [toml, key, message] of cases) {
      const error = errorOf(toml);
      expect([error.key, error.message], toml).toEqual([key, expect.stringContaining(message)]);
    }
    // :slug, :title and text; the same name for a section's pages (no taxonomy); a taxonomy whose terms no language makes.
    expect(resolve('[permalinks]\ntags = "/Topics/:slug-:title/"\n').permalinks).toEqual({ tags: '/Topics/:slug-:title/' });
    expect(resolve('[taxonomies]\ntag = "tags"\n[permalinks]\ncategories = "/c/:year/:slug/"\n').permalinks).toEqual({ categories: '/c/:year/:slug/' });
    expect(resolve('disableKinds = ["term"]\n[permalinks]\ntags = "/t/:year/:slug/"\n').permalinks).toEqual({ tags: '/t/:year/:slug/' });
  });

  it("publishes a term's feed where [permalinks.term] puts it, and links pages by their content base name", async () => {
    // Arrange
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://ex.example/"\ntitle = "T"\n[permalinks.page]\nposts = "/:year/:contentbasename/"\nnotes = "/n/:slugorcontentbasename/"\n[permalinks.term]\ntags = "/topic/:slug/"\n',
      ],
      ['content/posts/My-First.md', '---\ntitle: A\ndate: 2025-01-02\ntags: [go]\n---\nHello\n'],
      ['content/posts/trip/index.md', '---\ntitle: B\ndate: 2025-01-03\n---\nHello\n'],
      ['content/notes/n1.md', '---\ntitle: C\nslug: see\ndate: 2025-01-04\n---\nHello\n'],
    ]);
    // Act
    const { files } = await buildToMemory(source, NOW);
    // Assess
    const links = (path: string) => [...(files.get(path) ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1]);
    expect(links('index.xml')).toEqual(['https://ex.example/n/see/', 'https://ex.example/2025/trip/', 'https://ex.example/2025/my-first/']);
    expect(links('topic/go/index.xml')).toEqual(['https://ex.example/2025/my-first/']);
    expect(files.has('tags/go/index.xml')).toBe(false);
  });
});
