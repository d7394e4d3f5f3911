/** What markdown-it's core rules are: a ruler whose rules can be replaced by name. */
export interface CoreRules {
  readonly core: { readonly ruler: { at(name: string, rule: (state: { src: string }) => void): void } };
}

/**
 * Makes a markdown-it instance skip its `normalize` rule's two replacements (line breaks to LF, NUL to
 * U+FFFD) when the input holds no CR and no NUL, as every body feedpub renders does: decoding already
 * made its line breaks LF. markdown-it's own rule builds a new copy of the whole text for each
 * replacement even when nothing changes (~6 µs an article of the bench corpus, two regular-expression
 * passes and two copies); the answer is the same string (a property test holds the two to each other).
 *
 * @example keepNormalizedInput(md); // md.parse('a\nb', {}) no longer copies 'a\nb'
 */
export function keepNormalizedInput(md: CoreRules): void {
  md.core.ruler.at('normalize', (state) => {
    const src = state.src;
    if (!src.includes('\r') && !src.includes('\0')) return;
    state.src = src.replace(/\r\n?/g, '\n').replaceAll('\0', '\uFFFD');
  });
}
