import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { StorageError } from '../../../src/errors.js';
import type { ArticleEntry } from '../../../src/manifest.js';
import type { FeedPlan } from '../../../src/plan/plan-feeds.js';
import type { ReadOptions } from '../../../src/ports.js';
import { rebuild } from '../../../src/rebuild.js';
import { ItemPreparer, type ItemPreparerOptions } from '../../../src/rebuild/item-preparer.js';
import { memoryDeps } from '../../support/build.js';

const entry: ArticleEntry = {
  key: 'content/posts/a.md',
  hash: 'a'.repeat(64),
  id: 'urn:uuid:a',
  lang: 'en',
  translationKey: 'posts/a',
  section: 'posts',
  title: 'A',
  published: 0,
  updated: 0,
  publishAt: 0,
  draft: false,
  terms: {},
  authors: [],
  url: 'https://x.org/posts/a/',
};

describe('ItemPreparer', () => {
  it('throws an internal error naming the format, article and feed when an item was never prepared (a feed would lose it)', () => {
    // Prepare: a preparer for no feed (only what itemFor reads is given), asked for an item all the same.
    const options = { toRender: [], pages: { sourcesKept: new Map() }, alternates: () => [] } as unknown as ItemPreparerOptions;
    const plan = { dir: 'tags/go/', lang: 'en', items: [entry] } as unknown as FeedPlan<ArticleEntry>;
    // Act, Assess
    expect(() => new ItemPreparer(options).itemFor(entry, plan, ['rss', 'json'])).toThrow(
      'internal error: the rss item of content/posts/a.md was not prepared for tags/go/',
    );
  });

  it('throws a storage failure on reading an unchanged article again for its item, so that the run is retried', async () => {
    // Prepare: RSS only (no published JSON Feed to take content from), built once; then the next read of b.md
    // fails (once: a full run that read it again would succeed).
    class FailingStorage extends MemoryStorage {
      failing: string | undefined;
      override async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
        if (key === this.failing) {
          this.failing = undefined;
          throw new StorageError('read', key, { cause: new Error('InternalError') });
        }
        return super.read(key, options);
      }
    }
    const page = (title: string, day: number): string => `---\ntitle: ${title}\ndate: 2025-01-0${day}T00:00:00Z\n---\n${title}.\n`;
    const source = new FailingStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\ntitle = "X"\n[feedpub]\nformats = ["rss"]\n'],
      ['content/posts/a.md', page('A', 1)],
      ['content/posts/b.md', page('B', 2)],
    ]);
    const target = new MemoryStorage();
    const deps = memoryDeps(source, Date.UTC(2025, 5, 1), { target });
    await rebuild(deps);
    const before = target.text('posts/index.xml');
    source.failing = 'content/posts/b.md';
    // Act: a.md is edited; its feeds list b.md too, which is read again for its item.
    await source.write({ key: 'content/posts/a.md', body: page('A, edited', 1), contentType: 'text/markdown', cacheControl: '' });
    const failure = await rebuild(deps, { changedKeys: ['content/posts/a.md'] }).catch((error: unknown) => error);
    // Assess: thrown as it came (not taken for a changed source), and the feed left as it was.
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as Error).message).toBe('storage read content/posts/b.md failed: InternalError');
    expect(target.text('posts/index.xml')).toBe(before);
  });
});
