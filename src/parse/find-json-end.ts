/**
 * Where Hugo's JSON front matter ends: the `}` that closes the `{` at `start`, found by scanning
 * braces outside JSON strings (escapes honoured), as Hugo's page lexer does.
 */

/** The end of the object, or why there is none. */
export type JsonEnd = { ok: true; end: number } | { ok: false; reason: 'unclosed' | 'too-large' | 'too-deep'; offset: number };

/**
 * Scans from the `{` at `start`. `end` is the index just past the matching `}`.
 * Gives up with `too-large` after `maxChars` characters and with `too-deep` when `{`/`[` nest
 * deeper than `maxDepth`, so JSON.parse never sees an oversized or overly deep document.
 *
 * @example
 * findJsonEnd('{"a": "}"}\nbody', 0, 1000, 32); // { ok: true, end: 10 }
 */
export function findJsonEnd(text: string, start: number, maxChars: number, maxDepth: number): JsonEnd {
  const limit = Math.min(text.length, start + maxChars);
  let braces = 0;
  let depth = 0;
  let inString = false;
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (c === 0x7b) braces++;
      if (depth > maxDepth) return { ok: false, reason: 'too-deep', offset: i };
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (c === 0x7d) {
        braces--;
        if (braces === 0) return { ok: true, end: i + 1 };
      }
    }
  }
  return limit < text.length ? { ok: false, reason: 'too-large', offset: limit } : { ok: false, reason: 'unclosed', offset: start };
}
