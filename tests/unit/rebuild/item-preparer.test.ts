import { describe, expect, it } from 'vitest';
import type { ArticleEntry } from '../../../src/manifest.js';
import type { FeedPlan } from '../../../src/plan/plan-feeds.js';
import { ItemPreparer, type ItemPreparerOptions } from '../../../src/rebuild/item-preparer.js';

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
});
