import type MarkdownIt from 'markdown-it';
import type { StateBlock, Token } from 'markdown-it';

/**
 * Thrown while markdown-it reads an article's blocks, once the elements read so far make more HTML than the
 * article's allowance (`allowance` bytes, the item's share of a feed's byte budget): its content would be
 * left out of its items anyway, and the rest of the document would cost the time and memory of reading it
 * for nothing (a 512 Ki-character table or list took 2–4 s and ~450 MB, most of it the garbage collector
 * copying a million tokens).
 */
export class HtmlOverAllowance extends Error {
  override readonly name = 'HtmlOverAllowance';
  constructor(
    /** Bytes of HTML the elements read make at least. */
    readonly floor: number,
    readonly allowance: number,
    /** The line (0-based) the reading had come to. */
    readonly line: number,
  ) {
    super(`its HTML is over ${floor} bytes (the allowance is ${allowance}), found at line ${line + 1}`);
  }
}

/** What is counted for one document. */
interface Floor {
  readonly allowance: number;
  /** Where the source first has what could be raw HTML: nothing from there on is counted. */
  readonly rawFrom: number;
  bytes: number;
  /** Tokens looked at so far (their count), and which: a rule may move tokens once they are counted. */
  scanned: number;
  readonly seen: WeakSet<Token>;
  /** Footnote definitions open (their content is moved, or dropped when no reference points to it). */
  notes: number;
  off: boolean;
}

/** Where a counted document's `env` keeps its count (a property: every block of every document looks). */
const FLOOR = Symbol('feedpub.htmlFloor');

type CountedEnv = { [FLOOR]?: Floor };

/**
 * Elements whose tags are always in the HTML once read, before any raw HTML: a paragraph only at the top level
 * (a list's or a definition's paragraphs are hidden when it turns out tight, after they are read); no `dl`
 * (two lists with nothing between them are joined after reading); nothing in a footnote definition (moved
 * to the end, or dropped when unreferenced).
 */
const PAIRED = new Set(['table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'blockquote', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** A thematic break as markdown-it writes it with `xhtmlOut` (and the sanitizer a void element). */
const HR = '<hr />';

/** `<`, then what starts a tag, a comment, a declaration or an instruction (an autolink too, counted as raw HTML). */
const RAW_START = /<[A-Za-z!?/]/g;

/** Hugo's summary divider (also with inner spaces, as other generators write it): no raw HTML to the renderer. */
export const SUMMARY_DIVIDER = '<!--\\s*more\\s*-->';
const DIVIDER_AT = new RegExp(SUMMARY_DIVIDER, 'iy');

/** Where `source` first has what could be raw HTML, summary dividers aside; its length when nowhere. */
function rawHtmlFrom(source: string): number {
  RAW_START.lastIndex = 0;
  for (let match = RAW_START.exec(source); match !== null; match = RAW_START.exec(source)) {
    DIVIDER_AT.lastIndex = match.index;
    if (!DIVIDER_AT.test(source)) return match.index;
    RAW_START.lastIndex = DIVIDER_AT.lastIndex;
  }
  return source.length;
}

/**
 * Adds the block rule that counts: it never matches, it looks at the tokens pushed since it last ran, at
 * every block markdown-it reads (a table's rows are counted by the table rule, `checkHtmlFloor`).
 */
export function useHtmlFloor(md: MarkdownIt): void {
  md.block.ruler.before('table', 'feedpub_html_floor', (state, startLine) => {
    checkHtmlFloor(state, startLine);
    return false;
  });
}

/**
 * Sources up to this many times shorter than the allowance are not counted: reading them costs little, and
 * the count would cost every ordinary article a little (a 10,000-article build 2–5% more). A character of
 * Markdown makes at most a few bytes of tags (`-|-` a row of 33), but for the cells a table fills, which
 * are bounded on their own.
 */
export const UNCOUNTED_SHARE = 16;

/**
 * Counts HTML for the document `env` belongs to, up to `allowance` bytes: markdown-it's reading of `source`
 * with that `env` then throws {@link HtmlOverAllowance} once the elements read make more. Only elements
 * read before the first raw HTML are counted (the sanitizer could drop what raw HTML wraps), each tag once
 * read, so what is counted is always in the HTML: a floor. A source of at most 1/{@link UNCOUNTED_SHARE} of
 * the allowance in characters is not counted.
 *
 * @example countHtml(env, source, 65_536); md.parse(source, env) // throws HtmlOverAllowance for a long table
 */
export function countHtml(env: object, source: string, allowance: number): void {
  if (source.length * UNCOUNTED_SHARE <= allowance) return;
  (env as CountedEnv)[FLOOR] = { allowance, rawFrom: rawHtmlFrom(source), bytes: 0, scanned: 0, seen: new WeakSet(), notes: 0, off: false };
}

/** Counts the tokens `state` pushed since the last call; throws {@link HtmlOverAllowance} over the allowance. */
export function checkHtmlFloor(state: StateBlock, line: number): void {
  const floor = (state.env as CountedEnv | undefined)?.[FLOOR];
  if (floor === undefined || floor.off) return;
  // Raw HTML could hide what follows it (a `<textarea>` takes the rest as its text, which the sanitizer drops),
  // end tags of elements open before it too: counted are only tags read before any, to the end of this line.
  if ((state.eMarks[line] ?? Number.POSITIVE_INFINITY) >= floor.rawFrom) {
    floor.off = true;
    return;
  }
  const tokens = state.tokens;
  for (let i = Math.min(floor.scanned, tokens.length); i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (floor.seen.has(token)) continue;
    floor.seen.add(token);
    if (token.type === 'footnote_reference_open') floor.notes++;
    else if (token.type === 'footnote_reference_close') floor.notes--;
    else if (floor.notes === 0 && token.nesting !== 0 && !token.hidden && (PAIRED.has(token.tag) || (token.tag === 'p' && token.level === 0))) {
      // `<tag>`, or `</tag>`: an end tag counts once read (raw HTML later could take the place of one still to come).
      floor.bytes += token.tag.length + (token.nesting === 1 ? 2 : 3);
    } else if (floor.notes === 0 && token.type === 'hr') floor.bytes += HR.length;
  }
  floor.scanned = tokens.length;
  if (floor.bytes > floor.allowance) throw new HtmlOverAllowance(floor.bytes, floor.allowance, line);
}
