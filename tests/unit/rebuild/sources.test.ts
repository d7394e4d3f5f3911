import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { ConfigError, StorageError } from '../../../src/errors.js';
import type { ReadOptions } from '../../../src/ports.js';
import { rebuild } from '../../../src/rebuild.js';
import { memoryDeps, textFiles } from '../../support/build.js';

const NOW = Date.UTC(2025, 5, 1);
const CONFIG = 'baseURL = "https://x.org/"\ntitle = "X"\n';

/** A source whose reads of `failing` fail as the storage itself does (a 500 after the SDK's retries). */
class FailingStorage extends MemoryStorage {
  readonly failing = new Set<string>();
  override async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
    if (this.failing.has(key)) throw new StorageError('read', key, { cause: new Error('InternalError') });
    return super.read(key, options);
  }
}

/** A site of English and French, French's content in `frDir`. */
const config = (frDir: string): string =>
  `${CONFIG}defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.fr]\ncontentDir = "${frDir}"\nweight = 2\n`;

describe('what a full run lists and checks of the content folders', () => {
  it('throws a storage failure on reading a file a leaf bundle hides, so that the run is retried', async () => {
    // Prepare: trip/index.md hides notes.md, whose read fails (not archived, not too large: the storage).
    const source = new FailingStorage([
      ['hugo.toml', CONFIG],
      ['content/trip/index.md', '---\ntitle: Trip\ndate: 2025-01-01\n---\nTrip.\n'],
      ['content/trip/notes.md', '---\ntitle: Notes\ndate: 2025-01-02\n---\nx\n'],
    ]);
    source.failing.add('content/trip/notes.md');
    const target = new MemoryStorage();
    // Act
    const failure = await rebuild(memoryDeps(source, NOW, { target })).catch((error: unknown) => error);
    // Assess: thrown as it came, and nothing published.
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).message).toBe('storage read content/trip/notes.md failed: InternalError');
    expect(textFiles(target).size).toBe(0);
  });

  it('lets a language’s contentDir move to an empty folder when the last run read no article of it there', async () => {
    // Prepare: French has a list page and no article; built once.
    const source = new MemoryStorage([
      ['hugo.toml', config('content/fr')],
      ['content/en/posts/a.md', '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n'],
      ['content/fr/_index.md', '---\ntitle: Accueil\n---\n'],
    ]);
    const deps = memoryDeps(source, NOW);
    await rebuild(deps);
    // Act: its contentDir now names a folder with no page (a full run without force).
    await source.write({ key: 'hugo.toml', body: config('content/francais'), contentType: 'text/plain', cacheControl: '' });
    const report = await rebuild(deps);
    // Assess: not refused (no article of it leaves the feeds), only warned of.
    expect(report.problems.filter((p) => p.rule === 'content-dir-empty').map((p) => p.message)).toEqual([
      'languages.fr.contentDir: no Markdown page under "content/francais/"; is the folder name right?',
    ]);
    expect(report.articles).toMatchObject({ published: 1 });
  });

  it('refuses a contentDir moved to an empty folder where the last run read one article, counting it in the singular', async () => {
    // Prepare: one French article, built once.
    const source = new MemoryStorage([
      ['hugo.toml', config('content/fr')],
      ['content/en/posts/a.md', '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n'],
      ['content/fr/posts/b.md', '---\ntitle: B\ndate: 2025-01-01\n---\nB.\n'],
    ]);
    const deps = memoryDeps(source, NOW);
    await rebuild(deps);
    // Act
    await source.write({ key: 'hugo.toml', body: config('content/francais'), contentType: 'text/plain', cacheControl: '' });
    const failure = await rebuild(deps).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).message).toContain(
      'no Markdown page under "content/francais/", where the last run read 1 page of this language: nothing was published',
    );
  });
});
