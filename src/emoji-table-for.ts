/**
 * The emoji alias table (`render/emoji-table.ts`), loaded by the first run whose site sets `enableEmoji`: a run
 * for any other site never compiles it.
 */
import type { SiteConfig } from './model.js';
import { loadOnce } from './util/load-once.js';
import type { EmojiTable } from './render/emoji.js';

const load = loadOnce(async () => (await import('./render/emoji-table.js')).EMOJI_TABLE);

/**
 * The alias table `site` renders page content with: loaded once, on first need, when the site enables
 * emoji; undefined when it does not.
 *
 * @example const emoji = await emojiTableFor(site); prepareItems(site, requests, ITEM_BUILDERS, emoji);
 */
export async function emojiTableFor(site: SiteConfig): Promise<EmojiTable | undefined> {
  return site.enableEmoji === true ? load() : undefined;
}
