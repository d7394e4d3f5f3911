import { lowerAsGo } from './slug.js';

/** The longest pattern read, in characters: a longer one is no glob feedpub matches (a `cascade-target` problem). */
export const MAX_GLOB_LENGTH = 1_024;

/** The deepest `{…}` nesting read: a deeper one is no glob feedpub matches (a `cascade-target` problem). */
export const MAX_GLOB_NESTING = 32;

/** Compiled patterns by their text, the least recently asked for dropped first past {@link CACHE_SIZE}. */
const compiled = new Map<string, Automaton | undefined>();
const CACHE_SIZE = 1_000;

/**
 * A glob as Hugo matches a cascade `target` with it (gobwas/glob, `/` the separator, both sides lower-cased as
 * Go lower-cases): `*` any run of characters but `/`, `**` any run at all, `?` one character but `/`, `[abc]`,
 * `[a-z]` and `[!abc]` one character of (or not of) a set (one range or a list, not both; a `-` in a list is
 * itself), `{a,b}` one of the patterns, `\` the next character as written. Undefined when the pattern does not
 * compile (an unclosed `[` or `{`, an empty `[]`, a range with more in its class, `[a-z0-9]`): Hugo fails
 * the build on it; and when it is longer than {@link MAX_GLOB_LENGTH} characters or nests braces deeper than
 * {@link MAX_GLOB_NESTING}. A match never backtracks: it takes time in proportion to the value's length times
 * the pattern's, whatever the two hold.
 *
 * @example hugoGlob('/posts/old/**')?.('/posts/old/x') // true
 * @example hugoGlob('/posts/old/**')?.('/posts/old') // false
 * @example hugoGlob('{/articles,/articles/**}')?.('/Articles') // true
 * @example hugoGlob('/posts/[') // undefined
 */
export function hugoGlob(pattern: string): ((value: string) => boolean) | undefined {
  const automaton = automatonOf(pattern);
  return automaton === undefined ? undefined : (value: string): boolean => run(automaton, value);
}

/**
 * The work matching `value` against `pattern` takes: how many times a state of the compiled pattern is visited
 * (at most the states' count for each of the value's characters and once more). Undefined as {@link hugoGlob}.
 *
 * @example hugoGlobSteps('/a*', '/ab') // a handful
 */
export function hugoGlobSteps(pattern: string, value: string): number | undefined {
  const automaton = automatonOf(pattern);
  if (automaton === undefined) return undefined;
  run(automaton, value);
  return lastSteps;
}

function automatonOf(pattern: string): Automaton | undefined {
  if (compiled.has(pattern)) {
    const automaton = compiled.get(pattern);
    compiled.delete(pattern);
    compiled.set(pattern, automaton);
    return automaton;
  }
  const automaton = compile(pattern);
  if (compiled.size >= CACHE_SIZE) compiled.delete(compiled.keys().next().value ?? '');
  compiled.set(pattern, automaton);
  return automaton;
}

/** One piece of a pattern: a character as written, `?`, a class, `*` (`slash` false) or `**`, or `{…}`. */
type Piece =
  | { readonly type: 'char'; readonly char: string }
  | { readonly type: 'any' }
  | { readonly type: 'class'; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] }
  | { readonly type: 'star'; readonly slash: boolean }
  | { readonly type: 'braces'; readonly alternatives: readonly (readonly Piece[])[] };

/**
 * The pattern as a nondeterministic automaton (Thompson's construction): a state either takes one character
 * (`take`, then goes on to `next`) or goes on without one to each of `next`; the pattern matches when the
 * value's characters, taken in turn, can lead to the `accept` state.
 */
interface Automaton {
  readonly states: readonly State[];
  readonly start: number;
  readonly accept: number;
  /** The characters every match begins with (those before the first special one), checked first. */
  readonly prefix: string;
  /** The round of {@link run} in which each state was last reached, and the latest round. */
  readonly seen: Uint32Array;
  round: number;
}

type State = TakingState | { readonly take?: undefined; readonly next: number[] };
type TakingState = { readonly take: (char: string) => boolean; readonly next: number };

function compile(pattern: string): Automaton | undefined {
  const chars = [...lowerAsGo(pattern)];
  if (chars.length > MAX_GLOB_LENGTH) return undefined;
  const pieces = parsePieces(chars, { at: 0 }, 0);
  if (pieces === undefined) return undefined;
  const states: State[] = [];
  const accept = states.push({ next: [] }) - 1;
  const start = sequence(states, pieces, accept);
  let prefix = '';
  for (const piece of pieces) {
    if (piece.type !== 'char') break;
    prefix += piece.char;
  }
  return { states, start, accept, prefix, seen: new Uint32Array(states.length), round: 0 };
}

/** The start state of `pieces` followed by the state `then`, added to `states` last piece first. */
function sequence(states: State[], pieces: readonly Piece[], then: number): number {
  let next = then;
  for (let i = pieces.length - 1; i >= 0; i--) {
    const piece = pieces[i] as Piece;
    if (piece.type === 'star') {
      const loop: number[] = [];
      const start = states.push({ next: loop }) - 1;
      const take = piece.slash ? (): boolean => true : (char: string): boolean => char !== '/';
      loop.push(states.push({ take, next: start }) - 1, next);
      next = start;
    } else if (piece.type === 'braces') {
      // As deep as the braces nest: at most MAX_GLOB_NESTING (parsePieces refuses a deeper pattern).
      const after = next;
      next = states.push({ next: piece.alternatives.map((alternative) => sequence(states, alternative, after)) }) - 1;
    } else next = states.push({ take: taker(piece), next }) - 1;
  }
  return next;
}

function taker(piece: Exclude<Piece, { type: 'star' | 'braces' }>): (char: string) => boolean {
  if (piece.type === 'char') return (char) => char === piece.char;
  if (piece.type === 'any') return (char) => char !== '/';
  const { negated, ranges } = piece;
  return (char) => {
    const code = char.codePointAt(0) ?? 0;
    return ranges.some(([lo, hi]) => code >= lo && code <= hi) !== negated;
  };
}

/** How many state visits the last {@link run} made. */
let lastSteps = 0;

/**
 * Whether the automaton takes the whole value, each state visited at most once per character (a set of the
 * states reached, not a search that backtracks); {@link lastSteps} says how many visits that took.
 */
function run(automaton: Automaton, value: string): boolean {
  const { states, start, accept, prefix, seen } = automaton;
  lastSteps = 0;
  const lower = lowerAsGo(value);
  if (!lower.startsWith(prefix)) return false;
  // The states that take a character, reached from those on the stack through those that take none.
  const stack: number[] = [start];
  let current: TakingState[] = [];
  const reach = (): void => {
    // A warm function may match billions of characters: the marks start again before the count overflows.
    if (automaton.round === 0xffff_ffff) {
      seen.fill(0);
      automaton.round = 0;
    }
    automaton.round++;
    const round = automaton.round;
    while (stack.length > 0) {
      const id = stack.pop() ?? accept;
      if (seen[id] === round) continue;
      seen[id] = round;
      lastSteps++;
      const state = states[id] as State;
      if (state.take === undefined) for (const next of state.next) stack.push(next);
      else current.push(state);
    }
  };
  reach();
  for (const char of lower) {
    const from = current;
    current = [];
    for (const state of from) if (state.take(char)) stack.push(state.next);
    if (stack.length === 0) return false;
    reach();
  }
  return seen[accept] === automaton.round;
}

/**
 * The pieces of the pattern's characters from `pos.at` on, up to its end, or in braces (`depth` of them) up to
 * the `,` or `}` that ends the alternative (left at `pos.at`). Undefined when it does not compile or nests
 * braces deeper than {@link MAX_GLOB_NESTING}.
 */
function parsePieces(chars: readonly string[], pos: { at: number }, depth: number): Piece[] | undefined {
  const out: Piece[] = [];
  while (pos.at < chars.length) {
    const ch = chars[pos.at] ?? '';
    if (depth > 0 && (ch === ',' || ch === '}')) return out;
    pos.at++;
    if (ch === '*') {
      if (chars[pos.at] === '*') {
        while (chars[pos.at] === '*') pos.at++;
        out.push({ type: 'star', slash: true });
      } else out.push({ type: 'star', slash: false });
    } else if (ch === '?') out.push({ type: 'any' });
    else if (ch === '\\') {
      const next = chars[pos.at];
      if (next === undefined) return undefined;
      pos.at++;
      out.push({ type: 'char', char: next });
    } else if (ch === '[') {
      const set = classPiece(chars, pos);
      if (set === undefined) return undefined;
      out.push(set);
    } else if (ch === '{') {
      if (depth >= MAX_GLOB_NESTING) return undefined;
      const alternatives: Piece[][] = [];
      for (;;) {
        const alternative = parsePieces(chars, pos, depth + 1);
        if (alternative === undefined) return undefined;
        alternatives.push(alternative);
        // An alternative ends only at its `,` or `}` (at the pattern's end it is undefined).
        const end = chars[pos.at];
        pos.at++;
        if (end === '}') break;
      }
      out.push({ type: 'braces', alternatives });
    } else out.push({ type: 'char', char: ch });
  }
  return depth > 0 ? undefined : out;
}

/**
 * A character class after its `[`, up to its `]` (consumed), as gobwas/glob reads one: after an optional `!`,
 * either one range (`[a-c]`, its two ends as written, a `\` too, then the `]`) or a list of characters, each
 * itself (a `-` too: `[0b-z]` is 0, b, - and z), `\` the next one as written. Undefined when unclosed, empty,
 * a range runs backwards or has more before its `]` (`[a-z0-9]`, `[a-]`): gobwas does not compile those.
 */
function classPiece(chars: readonly string[], pos: { at: number }): Piece | undefined {
  let negated = false;
  if (chars[pos.at] === '!') {
    negated = true;
    pos.at++;
  }
  const first = chars[pos.at];
  if (first !== undefined && chars[pos.at + 1] === '-') {
    const hi = chars[pos.at + 2];
    if (hi === undefined || chars[pos.at + 3] !== ']') return undefined;
    const lo = first.codePointAt(0) ?? 0;
    const top = hi.codePointAt(0) ?? 0;
    if (top < lo) return undefined;
    pos.at += 4;
    return { type: 'class', negated, ranges: [[lo, top]] };
  }
  const ranges: [number, number][] = [];
  for (;;) {
    let ch = chars[pos.at];
    if (ch === undefined) return undefined;
    pos.at++;
    if (ch === ']') break;
    if (ch === '\\') {
      ch = chars[pos.at];
      if (ch === undefined) return undefined;
      pos.at++;
    }
    const code = ch.codePointAt(0) ?? 0;
    ranges.push([code, code]);
  }
  if (ranges.length === 0) return undefined;
  return { type: 'class', negated, ranges };
}
