/**
 * The 1-based line number of a UTF-16 offset in a text whose line breaks are `\n`.
 *
 * @param text - The text, with `\n` line breaks.
 * @param offset - A UTF-16 offset into `text`; clamped to `[0, text.length]`.
 * @param firstLine - The line number of the text's first line (default 1), so that an offset
 *   inside a front matter block can be reported as a line of the whole file.
 * @example
 * lineOf('a\nb\nc', 2); // 2
 * lineOf('a\nb', 2, 10); // 11
 */
export function lineOf(text: string, offset: number, firstLine = 1): number {
  const end = Math.min(Math.max(offset, 0), text.length);
  let line = firstLine;
  let at = text.indexOf('\n');
  while (at !== -1 && at < end) {
    line += 1;
    at = text.indexOf('\n', at + 1);
  }
  return line;
}
