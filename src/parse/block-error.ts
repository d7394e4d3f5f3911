import type { ProblemRule } from '../model.js';
/**
 * A problem found by one of the front matter parsers, located inside the text it was given.
 * `readFrontMatter` turns it into a {@link FrontMatterError} with a line of the whole file.
 *
 * @example
 * throw new BlockError('front-matter-syntax', 'invalid JSON: unexpected "}"', { offset: 12 });
 */
export class BlockError extends Error {
  override readonly name = 'BlockError';
  readonly rule: ProblemRule;
  /** UTF-16 offset into the parser's input, when known. */
  readonly offset: number | undefined;
  /** 1-based line of the parser's input, when the parser reports lines rather than offsets. */
  readonly blockLine: number | undefined;

  constructor(rule: ProblemRule, message: string, where: { offset?: number; line?: number } = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.rule = rule;
    this.offset = where.offset;
    this.blockLine = where.line;
  }
}
