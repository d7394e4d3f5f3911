/**
 * The emoji aliases `enableEmoji` replaces: GitHub's (gemoji's names, as markdown-it-emoji's `full` data
 * has them), every one of which Hugo 0.111 knows by the same name. Loaded only by a run whose site enables
 * emoji (`emojiTableFor`): ~50 KB of the Lambda's code that other sites never compile.
 */
import full from 'markdown-it-emoji/lib/data/full.mjs';
import type { EmojiTable } from './emoji.js';

/** Emoji by alias (`smile` → 😄), 1,903 of them. */
export const EMOJI_TABLE: EmojiTable = new Map(Object.entries(full));
