import type { ArticleEntry } from '../manifest.js';
import type { FeedPlan } from '../plan/plan-feeds.js';
import { mapLimit } from '../util/map-limit.js';
import type { ItemPreparer } from './item-preparer.js';

/** How {@link renderInChunks} goes. */
export interface ChunkOptions {
  /** Feeds per chunk: a chunk's items are prepared together (one batch for the compute threads). */
  readonly chunkFeeds: number;
  /** Chunks whose items are being prepared while one chunk's feeds are written. */
  readonly lookahead: number;
  /** Feeds written at once. */
  readonly concurrency: number;
}

/**
 * Writes the feeds a chunk at a time, their items prepared just before and let go after the last feed that
 * lists them, so a large site never holds every item at once. The next chunks' items are prepared while
 * this chunk's feeds are assembled and written: with worker threads, both cores stay busy (in process, the
 * two take turns on one thread). `meanwhile` runs once the first items are handed over, before any feed is
 * written.
 *
 * @example await renderInChunks(toRender, items, { chunkFeeds: 64, lookahead: 3, concurrency: 4 }, () => {}, (feed) => write(feed));
 */
export async function renderInChunks<T extends { readonly plan: FeedPlan<ArticleEntry> }>(
  toRender: readonly T[],
  items: ItemPreparer,
  options: ChunkOptions,
  meanwhile: () => void,
  writeOne: (feed: T) => Promise<void>,
): Promise<void> {
  const chunkSize = Math.max(1, options.chunkFeeds);
  const chunks: T[][] = [];
  // The first chunks are smaller, so that feeds start being written while the next items are prepared.
  for (let start = 0, size = Math.max(1, chunkSize >> 2); start < toRender.length; start += size, size = Math.min(chunkSize, size * 2)) {
    chunks.push(toRender.slice(start, start + size));
  }
  const lookahead = Math.max(1, options.lookahead);
  const preparing: Promise<void>[] = [];
  const startPreparing = (index: number, handedOver?: () => void): void => {
    const chunk = chunks[index];
    if (chunk === undefined) {
      handedOver?.();
      return;
    }
    const done = items.prepareFor(chunk, handedOver);
    done.catch(() => {}); // awaited (and thrown) at its turn; not an unhandled rejection meanwhile
    if (handedOver) done.then(handedOver, handedOver);
    preparing[index] = done;
  };
  // The first items are read and handed over before anything else runs on this thread.
  await new Promise<void>((handedOver) => startPreparing(0, handedOver));
  meanwhile();
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] ?? [];
    await preparing[i];
    delete preparing[i];
    for (let j = i + 1; j <= i + lookahead; j++) if (preparing[j] === undefined) startPreparing(j);
    await mapLimit(chunk, options.concurrency, writeOne);
    items.release(chunk);
  }
}
