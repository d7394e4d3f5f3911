/**
 * UTF-16 code-unit order of two strings (what `<` compares on JavaScript strings): the same on every machine
 * and locale (unlike `localeCompare`). Not code-point order: a character beyond U+FFFF (a surrogate pair,
 * D800–DFFF) sorts before U+E000–U+FFFF, where code points would put it after. The pages' bytes rest on
 * this order, so it stays.
 *
 * @example ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
