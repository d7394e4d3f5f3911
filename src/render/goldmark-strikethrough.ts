import type MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';

/** One emphasis or strike delimiter of markdown-it's inline state. */
type Delimiter = StateInline['delimiters'][number];

const TILDE = 0x7e;

/**
 * Strikes read as Hugo 0.111's goldmark reads them: a run of two or more `~` is one delimiter run, paired
 * by the rules goldmark pairs `*` by (the rule of three included), each pairing spending two of both runs'
 * tildes where both have two left, else one, and making a strike either way. So `~~~a~~~` is
 * `<del><del>a</del></del>` (markdown-it cut a run into `~~` pairs and a lone `~`: `~<del>a</del>~`), and in
 * `~~a~~~~b~~` the run of four between letters closes nothing (2 + 4 is a multiple of three), so the strike
 * is `a~~~~b` (markdown-it made two). A lone `~` stays text, as in both.
 *
 * Each `~` of a run is a delimiter of its own with the run's length, as markdown-it's emphasis writes `*`,
 * so its `balance_pairs` (linear) pairs them; two pairs side by side make one strike, as two `*` pairs make
 * one `<strong>`.
 *
 * @example useGoldmarkStrikethrough(md); md.renderInline('~~~a~~~') // '<s><s>a</s></s>'
 */
export function useGoldmarkStrikethrough(md: MarkdownIt): void {
  md.inline.ruler.at('strikethrough', tokenize);
  md.inline.ruler2.at('strikethrough', (state) => {
    strike(state, state.delimiters);
    for (const meta of state.tokens_meta) if (meta?.delimiters) strike(state, meta.delimiters);
    return false;
  });
}

function tokenize(state: StateInline, silent: boolean): boolean {
  if (silent || state.src.charCodeAt(state.pos) !== TILDE) return false;
  const scanned = state.scanDelims(state.pos, true);
  if (scanned.length < 2) return false;
  for (let i = 0; i < scanned.length; i++) {
    state.push('text', '', 0).content = '~';
    state.delimiters.push({
      marker: TILDE,
      length: scanned.length,
      token: state.tokens.length - 1,
      end: -1,
      open: scanned.can_open,
      close: scanned.can_close,
    });
  }
  state.pos += scanned.length;
  return true;
}

/** Paired `~` delimiters become strikes: two pairs next to each other one strike of `~~`. */
function strike(state: StateInline, delimiters: readonly Delimiter[]): void {
  for (let i = delimiters.length - 1; i >= 0; i--) {
    const start = delimiters[i];
    if (start === undefined || start.marker !== TILDE || start.end === -1) continue;
    // `end` is an index of this list (balance_pairs pairs within a list, and link-emphasis.ts's parts are
    // mapped back to it), and `token` an index of a `~` text token the tokenizer pushed: none is missing.
    const end = delimiters[start.end] as Delimiter;
    const outer = delimiters[i - 1];
    const outerEnd = delimiters[start.end + 1];
    const double =
      outer !== undefined &&
      outerEnd !== undefined &&
      outer.end === start.end + 1 &&
      outer.marker === TILDE &&
      outer.token === start.token - 1 &&
      outerEnd.token === end.token + 1;
    const markup = double ? '~~' : '~';
    const open = state.tokens[start.token] as Token;
    const close = state.tokens[end.token] as Token;
    Object.assign(open, { type: 's_open', tag: 's', nesting: 1, markup, content: '' });
    Object.assign(close, { type: 's_close', tag: 's', nesting: -1, markup, content: '' });
    if (double) {
      (state.tokens[outer.token] as Token).content = '';
      (state.tokens[outerEnd.token] as Token).content = '';
      i--;
    }
  }
}
