import type { FragmentCache } from './fragment-cache.js';
import { sharedJsonItem } from './json-feed.js';
import type { ItemFragment } from './prepare-items.js';
import { thawed } from './xml.js';

/**
 * Puts prepared fragments into a run's cache, where `renderFeedFiles` finds them.
 *
 * @example addFragments(cache, prepared.fragments);
 */
export function addFragments(cache: FragmentCache, fragments: readonly ItemFragment[]): void {
  for (const f of fragments) {
    if (f.format === 'json') cache.json.set(f.key, sharedJsonItem(f.pieces));
    else cache.xml.set(f.key, thawed(f.name, f.pieces, f.depth, f.prefixes));
  }
}
