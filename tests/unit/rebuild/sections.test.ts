import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { rebuild } from '../../../src/rebuild.js';
import { readManifest } from '../../../src/rebuild/state.js';
import { buildToMemory, memoryDeps } from '../../support/build.js';

const NOW = Date.UTC(2025, 0, 1);
const CONFIG = 'baseURL = "https://x.org/"\ntitle = "X"\ntimeZone = "UTC"\n';
const page = (title: string, extra = ''): string => `---\ntitle: ${title}\ndate: 2024-01-02T10:00:00Z\n${extra}---\nText.\n`;

describe('the sections and cascades a run finds in its list pages', () => {
  it('leaves out a leaf bundle that its section’s cascade makes headless, and says which cascade did', async () => {
    // Prepare: a section cascading headless: true over a leaf bundle and a plain page.
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/posts/_index.md', '---\ntitle: Posts\ncascade:\n  headless: true\n---\n'],
      ['content/posts/trip/index.md', page('Trip')],
      ['content/posts/plain.md', page('Plain')],
    ]);
    // Act
    const { files, report } = await buildToMemory(source, NOW);
    // Assess: headless counts in a leaf bundle only, as in Hugo 0.111 (the plain page stays listed).
    const links = [...(files.get('posts/index.xml') ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1]);
    expect(links).toEqual(['https://x.org/posts/plain/']);
    expect(report.problems.filter((p) => p.rule === 'not-listed')).toEqual([
      {
        file: 'content/posts/trip/index.md',
        severity: 'info',
        rule: 'not-listed',
        message: "content/posts/_index.md's cascade: headless is true: Hugo lists the page nowhere, so no feed does",
      },
    ]);
  });

  it('takes a taxonomy’s list page from its first file by name when it has two (_index.markdown before _index.md), as Hugo 0.111 does', async () => {
    // Prepare: tags/ has two list pages; the draft one hides the term feeds only if it is the one Hugo reads.
    const tagFeeds = async (markdown: string, md: string): Promise<string[]> => {
      const source = new MemoryStorage([
        ['hugo.toml', CONFIG],
        ['content/posts/a.md', page('A', 'tags: [go, rust]\n')],
        ['content/tags/_index.markdown', markdown],
        ['content/tags/_index.md', md],
      ]);
      const { files } = await buildToMemory(source, NOW);
      return [...files.keys()].filter((p) => p.startsWith('tags/') && p.endsWith('index.xml'));
    };
    const draft = '---\ntitle: Tags\ndraft: true\n---\n';
    const listed = '---\ntitle: Tags\n---\n';
    // Act, Assess (both checked with hugo 0.111: it publishes the term pages in the second case only)
    expect(await tagFeeds(draft, listed)).toEqual([]);
    expect(await tagFeeds(listed, draft)).toEqual(['tags/go/index.xml', 'tags/rust/index.xml']);
  });

  it('reads the last run’s list pages of a language the config now disables as no section, and retires that language’s published pages', async () => {
    // Prepare: an English and a French section, built once.
    const config = `${CONFIG}defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n`;
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/posts/_index.md', '---\ntitle: Posts\n---\n'],
      ['content/posts/_index.fr.md', '---\ntitle: Billets\n---\n'],
      ['content/posts/a.md', page('A')],
      ['content/posts/a.fr.md', page('A fr')],
    ]);
    const state = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { state });
    await rebuild(deps);
    // Act: French is disabled; its list page, which the last run's sections came from, is no page of the site now.
    await source.write({ key: 'hugo.toml', body: `disableLanguages = ["fr"]\n${config}`, contentType: 'text/plain', cacheControl: '' });
    const report = await rebuild(deps);
    // Assess: the French feeds go, and the French article's id is retired (never given to another page).
    expect(report.deleted.filter((p) => p.startsWith('fr/posts/'))).toEqual(['fr/posts/atom.xml', 'fr/posts/feed.json', 'fr/posts/index.xml']);
    expect((await readManifest(state))?.manifest.retired?.map(([key]) => key)).toEqual(['content/posts/a.fr.md']);
  });

  it('retires a page that a site cascade dated and linked by that date once its contentDir moves away (it is in no content folder now)', async () => {
    // Prepare: the page's date (so its link, /:year/) is the site cascade's, over its own lastmod.
    const config = `${CONFIG}[permalinks]\nposts = "/:year/:slug/"\n[cascade]\ndate = 2020-05-05T00:00:00Z\n`;
    const source = new MemoryStorage([
      ['hugo.toml', config],
      ['content/posts/a.md', '---\ntitle: A\nlastmod: 2024-01-02T00:00:00Z\n---\nA\n'],
    ]);
    const state = new MemoryStorage();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target, state });
    await rebuild(deps);
    expect(target.text('posts/index.xml')).toContain('<link>https://x.org/2020/a/</link>');
    // Act: the content moves to site/ (a forced run: content/ is emptied), with a page of its own.
    await source.write({ key: 'hugo.toml', body: `contentDir = "site"\n${config}`, contentType: 'text/plain', cacheControl: '' });
    await source.write({ key: 'site/posts/b.md', body: page('B'), contentType: 'text/markdown', cacheControl: '' });
    await rebuild(deps, { force: true });
    // Assess: the last run's page is cascaded as it was (its link is not made again: it has no place now) and retired.
    expect((await readManifest(state))?.manifest.retired?.map(([key]) => key)).toEqual(['content/posts/a.md']);
    expect(target.text('posts/index.xml')).toContain('<link>https://x.org/2024/b/</link>');
  });
});
