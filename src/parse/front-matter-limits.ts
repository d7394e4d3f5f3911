/**
 * Bounds on untrusted front matter. The caller bounds the whole file; these bound the parsers.
 *
 * @example
 * if (block.length > FRONT_MATTER_LIMITS.maxChars) reject();
 */
export const FRONT_MATTER_LIMITS = {
  /**
   * Largest front matter block, in UTF-16 code units (64 Ki; at most as many bytes of UTF-8). Real
   * front matter is a few KiB; the `yaml` package has quadratic corners (one alias resolves by
   * walking the whole document), so a hostile 64 KiB block costs ~0.1–0.2 s, a 256 KiB one seconds.
   */
  maxChars: 64 * 1024,
  /** Deepest nesting of maps and lists; the top-level map is depth 1. */
  maxDepth: 32,
  /** YAML alias budget: uses of an already-copied node; alias bombs fail fast instead of expanding. */
  maxAliasCount: 50,
  /**
   * Budget of regex steps for gray-matter's empty-block test (`/^\s*#[^\n]+/gm`), which is
   * quadratic in long runs of blank lines: 80 000 blank lines take seconds. Normal files cost a
   * few thousand steps.
   */
  maxBlankRunCost: 2_000_000,
} as const;
