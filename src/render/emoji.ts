/**
 * Hugo's `enableEmoji`: `:alias:` in a page's Markdown becomes its emoji before the Markdown is read.
 */
import type { SiteConfig } from '../model.js';

/** Emoji by alias, without the colons (`smile` → 😄). */
export type EmojiTable = ReadonlyMap<string, string>;

/**
 * An alias as Hugo 0.111's page lexer finds one: a colon, one or more ASCII letters, digits, `_`, `+` or
 * `-`, and a colon. Its lexer reads the name a byte at a time, so any other character (a space, a dot, a
 * letter outside ASCII, a line break) ends the search, and that first colon is text. A name it finds is
 * taken whole, colons and all, whether or not it is an emoji's: the next alias starts after its closing
 * colon (`10:30:45` holds `:30:`, which stays as written, so `45` starts no alias; `:smile::smile:` is two).
 */
const ALIAS = /:([A-Za-z0-9_+-]+):/g;

/**
 * Markdown with every alias of `table` replaced by its emoji, as Hugo replaces them in a page's content
 * (not its front matter) when the site sets `enableEmoji`: before rendering, so in code spans and blocks,
 * raw HTML and link destinations too. Names are case-sensitive (`:SMILE:` stays); a name the table does
 * not have stays as written. The caller leaves shortcode calls out: Hugo finds no alias in a call's
 * parameters, nor in what a shortcode shows, but does in the Markdown between a paired one's tags.
 *
 * @example emojify('I :heart: `:rocket:` at 10:30:45', new Map([['heart', '❤️'], ['rocket', '🚀']])) // 'I ❤️ `🚀` at 10:30:45'
 */
export function emojify(markdown: string, table: EmojiTable): string {
  if (!markdown.includes(':')) return markdown;
  return markdown.replace(ALIAS, (alias, name: string) => table.get(name) ?? alias);
}

/**
 * Throws when `site` enables emoji and no table was given: a caller that forgot to load it
 * (`emojiTableFor`) would publish `:smile:` where the site's pages show 😄.
 *
 * @example checkEmojiTable(site, emoji); // before rendering the site's pages with `emoji`
 */
export function checkEmojiTable(site: SiteConfig, emoji: EmojiTable | undefined): void {
  if (site.enableEmoji === true && emoji === undefined) {
    throw new Error('internal error: the site sets enableEmoji and no emoji table was loaded for it (see emojiTableFor)');
  }
}
