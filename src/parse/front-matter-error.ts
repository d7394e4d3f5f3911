import type { ProblemRule } from '../model.js';
/**
 * Why a file's front matter cannot be read: the rule broken, and the file line where it happened.
 *
 * @example
 * try {
 *   readFrontMatter('---\ntitle: [\n---\n');
 * } catch (error) {
 *   if (error instanceof FrontMatterError) console.log(error.rule, error.line); // front-matter-syntax 3
 * }
 */
export class FrontMatterError extends Error {
  override readonly name = 'FrontMatterError';
  /** 1-based line in the file (as given to `readFrontMatter`), when known. */
  readonly line: number | undefined;
  /**
   * Stable code: `front-matter-unclosed`, `front-matter-syntax`, `front-matter-not-object`,
   * `front-matter-language`, `front-matter-delimiter`, `front-matter-too-large`,
   * `front-matter-too-deep` or `front-matter-aliases`.
   */
  readonly rule: ProblemRule;

  constructor(rule: ProblemRule, message: string, line?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.rule = rule;
    this.line = line;
  }
}
