/**
 * Takes the line break (`\n` or `\r\n`) that ends the text of `parts` off it, as `/\r?\n$/` would off
 * their concatenation, reading only the pieces at the end (the empty ones it drops, each once).
 *
 * @example const parts = ['a\r', '\n', '']; dropFinalLineBreak(parts); parts.join('') // 'a'
 */
export function dropFinalLineBreak(parts: string[]): void {
  const last = (): string | undefined => {
    while (parts.at(-1) === '') parts.pop();
    return parts.at(-1);
  };
  const end = last();
  if (end === undefined || !end.endsWith('\n')) return;
  parts[parts.length - 1] = end.slice(0, -1);
  const before = last();
  if (before?.endsWith('\r')) parts[parts.length - 1] = before.slice(0, -1);
}
