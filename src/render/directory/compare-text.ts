/**
 * Code-point order of two strings: the same on every machine and locale (unlike `localeCompare`).
 *
 * @example ['b', 'B', 'a'].sort(compareText); // ['B', 'a', 'b']
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
