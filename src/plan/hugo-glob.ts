import { lowerAsGo } from './slug.js';

/** Compiled patterns by their text: a site has a handful, asked for every page. */
const compiled = new Map<string, ((value: string) => boolean) | undefined>();

/**
 * A glob as Hugo matches a cascade `target` with it (gobwas/glob, `/` the separator, both sides lower-cased as
 * Go lower-cases): `*` any run of characters but `/`, `**` any run at all, `?` one character but `/`, `[abc]`,
 * `[a-z]` and `[!abc]` one character of (or not of) a set, `{a,b}` one of the patterns, `\` the next character
 * as written. Undefined when the pattern does not compile (an unclosed `[` or `{`, an empty `[]`): Hugo fails
 * the build on it.
 *
 * @example hugoGlob('/posts/old/**')?.('/posts/old/x') // true
 * @example hugoGlob('/posts/old/**')?.('/posts/old') // false
 * @example hugoGlob('{/articles,/articles/**}')?.('/Articles') // true
 * @example hugoGlob('/posts/[') // undefined
 */
export function hugoGlob(pattern: string): ((value: string) => boolean) | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const source = globSource([...lowerAsGo(pattern)], { at: 0 }, false);
  const regex = source === undefined ? undefined : new RegExp(`^${source}$`, 'u');
  const match = regex === undefined ? undefined : (value: string): boolean => regex.test(lowerAsGo(value));
  if (compiled.size >= 1_000) compiled.clear();
  compiled.set(pattern, match);
  return match;
}

/**
 * The regular expression of the pattern's characters from `pos.at` on, up to its end, or in braces up to the
 * `,` or `}` that ends the alternative (left at `pos.at`). Undefined when it does not compile.
 */
function globSource(chars: readonly string[], pos: { at: number }, inBraces: boolean): string | undefined {
  let out = '';
  while (pos.at < chars.length) {
    const ch = chars[pos.at] ?? '';
    if (inBraces && (ch === ',' || ch === '}')) return out;
    pos.at++;
    if (ch === '*') {
      if (chars[pos.at] === '*') {
        while (chars[pos.at] === '*') pos.at++;
        out += '[^]*';
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '\\') {
      const next = chars[pos.at];
      if (next === undefined) return undefined;
      pos.at++;
      out += escapeChar(next);
    } else if (ch === '[') {
      const set = classSource(chars, pos);
      if (set === undefined) return undefined;
      out += set;
    } else if (ch === '{') {
      const alternatives: string[] = [];
      for (;;) {
        const alternative = globSource(chars, pos, true);
        if (alternative === undefined) return undefined;
        alternatives.push(alternative);
        const end = chars[pos.at];
        pos.at++;
        if (end === '}') break;
        if (end !== ',') return undefined;
      }
      out += `(?:${alternatives.join('|')})`;
    } else out += escapeChar(ch);
  }
  return inBraces ? undefined : out;
}

/** A character class after its `[`, up to its `]` (consumed): `[!a-c]` → `[^a-c]`. Undefined when unclosed or empty. */
function classSource(chars: readonly string[], pos: { at: number }): string | undefined {
  let negated = false;
  if (chars[pos.at] === '!') {
    negated = true;
    pos.at++;
  }
  const items: string[] = [];
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
    if (chars[pos.at] === '-' && chars[pos.at + 1] !== undefined && chars[pos.at + 1] !== ']') {
      let hi = chars[pos.at + 1] ?? '';
      pos.at += 2;
      if (hi === '\\') {
        hi = chars[pos.at] ?? '';
        if (hi === '') return undefined;
        pos.at++;
      }
      if ((hi.codePointAt(0) ?? 0) < (ch.codePointAt(0) ?? 0)) return undefined;
      items.push(`${escapeClassChar(ch)}-${escapeClassChar(hi)}`);
    } else items.push(escapeClassChar(ch));
  }
  if (items.length === 0) return undefined;
  return `[${negated ? '^' : ''}${items.join('')}]`;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

function escapeClassChar(ch: string): string {
  return /[\\^\]\-[]/.test(ch) ? `\\${ch}` : ch;
}
