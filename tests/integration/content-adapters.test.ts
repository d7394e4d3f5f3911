import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps } from '../support/build.js';

// Hugo 0.126's content adapters (`_content.gotmpl`, `_content.<lang>.gotmpl` in a content folder) add pages
// when Hugo builds the site: feedpub runs no template, so those pages are in no feed, and it said nothing.
const page = '---\ntitle: A\ndate: 2025-01-02\n---\nHello\n';
const ADAPTER = '{{ .AddPage (dict "path" "b1" "title" "B1" "dates" (dict "date" (time.AsTime "2025-01-03"))) }}\n';
const NOW = Date.parse('2025-03-01T00:00:00Z');

describe('a content adapter', () => {
  it('is named in a warning, in each language folder and named for a language, and nowhere outside a content folder', async () => {
    // Arrange
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://example.org/"\ntitle = "Ex"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.de]\ncontentDir = "content/de"\nweight = 2\n',
      ],
      ['content/en/posts/a.md', page],
      ['content/en/books/_index.md', '---\ntitle: Books\n---\n'],
      ['content/en/books/_content.gotmpl', ADAPTER],
      ['content/de/books/_content.de.gotmpl', ADAPTER],
      ['content/de/.drafts/_content.gotmpl', ADAPTER],
      ['content/de/posts/a.md', page],
      ['layouts/_content.gotmpl', ADAPTER],
    ]);
    // Act
    const { report } = await buildToMemory(source, NOW);
    // Assess
    expect(report.problems.filter((p) => p.rule === 'content-adapter')).toEqual(
      ['content/de/books/_content.de.gotmpl', 'content/en/books/_content.gotmpl'].map((file) => ({
        file,
        severity: 'warning',
        rule: 'content-adapter',
        message:
          'a content adapter (Hugo 0.126+): the pages its template adds to the site are in no feed, as feedpub runs no template; write them as Markdown files to publish them',
      })),
    );
  });

  it('is still named by a run for reported keys, as the last full run found it', async () => {
    // Arrange
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.org/"\ntitle = "Ex"\n'],
      ['content/posts/a.md', page],
      ['content/books/_content.gotmpl', ADAPTER],
    ]);
    const deps = memoryDeps(source, NOW);
    await rebuild(deps);
    await source.write({ key: 'content/posts/b.md', body: new TextEncoder().encode(page), contentType: '', cacheControl: '' });
    // Act
    const report = await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    // Assess
    expect(report.problems.filter((p) => p.rule === 'content-adapter').map((p) => p.file)).toEqual(['content/books/_content.gotmpl']);
  });
});
