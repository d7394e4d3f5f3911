import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { translationKeyProblems } from '../../../src/plan/translation-key-problems.js';
import { buildToMemory } from '../../support/build.js';

describe('translation-key-shared: two pages of one language with one translationKey (an author audit found it silent)', () => {
  it('names each page after the first by key in its language, whatever the order, and nothing for translations', () => {
    const entries = [
      { key: 'content/en/c.md', lang: 'en', translationKey: 'launch' },
      { key: 'content/zh/a.md', lang: 'zh', translationKey: 'launch' },
      { key: 'content/en/a.md', lang: 'en', translationKey: 'launch' },
      { key: 'content/en/b.md', lang: 'en', translationKey: 'other' },
    ];
    expect(translationKeyProblems(entries).map((p) => `${p.file} ${p.rule} ${p.message.slice(0, 50)}`)).toEqual([
      'content/en/c.md translation-key-shared has the translationKey "launch" of content/en/a.md',
    ]);
    // One page per language and key: translations, as meant.
    expect(translationKeyProblems(entries.filter((e) => e.key !== 'content/en/c.md'))).toEqual([]);
  });

  it('a build reports a copied translationKey on the page that is not first by key', async () => {
    const page = (title: string, extra: string) => `---\ntitle: ${title}\ndate: 2025-01-01T00:00:00Z\n${extra}---\nBody.\n`;
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://x.org/"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      ],
      ['content/en/posts/launch.md', page('Launch', 'translationKey: launch\n')],
      ['content/en/posts/unrelated.md', page('Unrelated', 'translationKey: launch\n')],
      ['content/fr/posts/lancement.md', page('Lancement', 'translationKey: launch\n')],
    ]);
    const { report } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    expect(report.problems.filter((p) => p.rule === 'translation-key-shared').map((p) => p.file)).toEqual(['content/en/posts/unrelated.md']);
  });
});
