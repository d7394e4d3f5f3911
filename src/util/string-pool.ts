/**
 * One instance of each distinct string. A worker thread's results arrive as copies (structured clone
 * keeps no string identity), so 100,000 articles bring ~500,000 copies of a few thousand tag names: a
 * run that keeps every article's record holds one of each instead.
 *
 * @example
 * const pool = new StringPool();
 * pool.intern(a) === pool.intern(b); // true whenever a === b
 */
export class StringPool {
  readonly #strings = new Map<string, string>();

  intern(value: string): string {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  }
}
