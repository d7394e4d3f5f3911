import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { articleId } from '../../src/plan/ids.js';
import { buildToMemory } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A file or folder name saved decomposed (NFD: `e` + U+0301), as macOS tools, rsync or unzip may write it,
// names the same page as the composed one (NFC: `é`): the same link, section, references and translations.
// Its id stays the one made from the name as written, as before paths were read in NFC: no reader sees a
// published item again as new when feedpub is upgraded.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const CONFIG = [
  'baseURL = "https://t.example/"',
  'title = "T"',
  'defaultContentLanguage = "en"',
  '[languages.en]',
  'contentDir = "content/en"',
  'weight = 1',
  '[languages.fr]',
  'contentDir = "content/fr"',
  'weight = 2',
].join('\n');

const page = (title: string, day: number, body = 'Body.'): string => `---\ntitle: "${title}"\ndate: 2025-02-0${day}T08:00:00Z\n---\n\n${body}\n`;

/** The site, its names written in `form`; the English page links its French translation with `ref`. */
function site(form: 'NFC' | 'NFD'): MemoryStorage {
  const name = (s: string): string => s.normalize(form);
  return new MemoryStorage([
    ['hugo.toml', CONFIG],
    [name('content/en/société/café.md'), page('Café', 1, 'See [the French one]({{< ref "/société/café.md" lang="fr" >}}).')],
    [name('content/fr/société/café.md'), page('Café FR', 2)],
  ]);
}

describe('page paths in NFC', () => {
  it('gives a site whose names are decomposed the feeds of the same site composed, but for ids', async () => {
    const composed = await buildToMemory(site('NFC'), NOW);
    const decomposed = await buildToMemory(site('NFD'), NOW);
    expect([...decomposed.files.keys()]).toEqual([...composed.files.keys()]);
    const ids = /urn:uuid:[0-9a-f-]{36}/g;
    for (const [path, text] of composed.files) expect(decomposed.files.get(path)?.replace(ids, 'ID'), path).toBe(text.replace(ids, 'ID'));
    // The English item's id: from its path as written, in NFD.
    const id = articleId('t.example/', 'en', 'société/café'.normalize('NFD'), undefined);
    expect(decomposed.files.get('atom.xml')).toContain(`<id>${id}</id>`);
    expect(decomposed.report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expectValidFeeds(decomposed.files, 'https://t.example/');
  });

  it('resolves a reference, pairs translations and titles the section in NFC when names are decomposed', async () => {
    const { files } = await buildToMemory(site('NFD'), NOW);
    const atom = files.get('atom.xml') ?? '';
    expect(atom).toContain('href="https://t.example/fr/soci%C3%A9t%C3%A9/caf%C3%A9/"');
    expect(atom).toContain('hreflang="fr"');
    const section = files.get('société/atom.xml'.normalize('NFC')) ?? '';
    expect(section).toContain('<title type="text">Société'.normalize('NFC'));
    expect(section).not.toContain('Société'.normalize('NFD'));
  });
});
