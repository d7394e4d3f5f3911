import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// RFC 4287 §4.1.1: an entry MUST NOT have two rel="alternate" links with the same type and hreflang (the
// W3C validator's DuplicateAtomLink). Translations become hreflang alternates: one per language code.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const post = (title: string, day: number): string => `---\ntitle: "${title}"\ndate: 2025-01-0${day}\ntranslationKey: "shared"\n---\nBody of ${title}.\n`;

/**
 * Each entry of an Atom file: its own link, then its translations as [hreflang, href]. The entry's own page
 * also closes the hreflang set in its own language: it must be the first and the last `text/html`
 * alternate (readers take one or the other), and it is left out of `alternates`.
 */
function entries(xml: string | undefined): { link: string; alternates: string[][] }[] {
  return [...(xml ?? '').matchAll(/<entry[\s\S]*?<\/entry>/g)].map(([entry]) => {
    const links = [...entry.matchAll(/<link rel="alternate" type="text\/html"( hreflang="([^"]*)")? href="([^"]*)"\/>/g)];
    const link = links.find((l) => l[1] === undefined)?.[3] ?? '';
    expect(links[0]?.[3]).toBe(link);
    expect(links.at(-1)?.[3]).toBe(link);
    return {
      link,
      alternates: links.filter((l) => l[1] !== undefined && l[3] !== link).map((l) => [l[2] ?? '', l[3] ?? '']),
    };
  });
}

describe('translations as Atom hreflang alternates', () => {
  it('links one translation per language: of two in one language, the first by page path', async () => {
    // Arrange: one English article, two French ones, all with the same translationKey.
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://t.example/"\ntitle = "T"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.fr]\ncontentDir = "content/fr"\nweight = 2\n',
      ],
      ['content/en/a.md', post('A', 1)],
      ['content/fr/c.md', post('C', 3)],
      ['content/fr/b.md', post('B', 2)],
    ]);
    // Act
    const { files } = await buildToMemory(source, NOW);
    // Assess: A links b (first by path) only; each French entry links A, never its French sibling.
    expect(entries(files.get('atom.xml'))).toEqual([{ link: 'https://t.example/a/', alternates: [['fr', 'https://t.example/fr/b/']] }]);
    expect(entries(files.get('fr/atom.xml'))).toEqual([
      { link: 'https://t.example/fr/c/', alternates: [['en', 'https://t.example/a/']] },
      { link: 'https://t.example/fr/b/', alternates: [['en', 'https://t.example/a/']] },
    ]);
    expectValidFeeds(files, 'https://t.example/');
  });

  it('links one translation per language code when two language keys share one, and none in the entry’s own code', async () => {
    // Arrange: en-us and en-gb both write `en`; the translations pair by file name.
    const source = new MemoryStorage([
      [
        'hugo.toml',
        [
          'baseURL = "https://t.example/"',
          'title = "T"',
          'defaultContentLanguage = "en-us"',
          '[languages.en-us]\ncontentDir = "content/us"\nlanguageCode = "en"\nweight = 1',
          '[languages.en-gb]\ncontentDir = "content/gb"\nlanguageCode = "EN"\nweight = 2',
          '[languages.fr]\ncontentDir = "content/fr"\nweight = 3',
          '',
        ].join('\n'),
      ],
      ['content/us/p.md', post('US', 1)],
      ['content/gb/p.md', post('GB', 2)],
      ['content/fr/p.md', post('FR', 3)],
    ]);
    // Act
    const { files } = await buildToMemory(source, NOW);
    // Assess: French links the first English page by path (content/gb/); each English one links French only.
    expect(entries(files.get('fr/atom.xml'))).toEqual([{ link: 'https://t.example/fr/p/', alternates: [['EN', 'https://t.example/en-gb/p/']] }]);
    expect(entries(files.get('atom.xml'))).toEqual([{ link: 'https://t.example/p/', alternates: [['fr', 'https://t.example/fr/p/']] }]);
    expect(entries(files.get('en-gb/atom.xml'))).toEqual([{ link: 'https://t.example/en-gb/p/', alternates: [['fr', 'https://t.example/fr/p/']] }]);
    expectValidFeeds(files, 'https://t.example/');
  });
});
