/**
 * YAML front matter → data with js-yaml's `load` and its CORE schema (YAML 1.2 core: no timestamps, so
 * dates stay strings; no `!!js/*` or any other code-bearing tag, none exists in js-yaml 4; no merge
 * keys). A repeated key keeps its last value, as in Hugo 0.111. Nesting is bounded before parsing and
 * alias expansion while copying (js-yaml resolves an alias to a shared reference; `toPlainData` counts
 * every node it copies, so a billion-laughs document fails fast instead of exploding).
 */
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { BlockError } from './block-error.js';
import { FRONT_MATTER_LIMITS } from './front-matter-limits.js';
import { yamlNestingBound } from './yaml-nesting-bound.js';

/**
 * Parses one YAML document. Throws {@link BlockError} with the offset of the first error, rule
 * `front-matter-too-deep` for nesting that exhausts the parser's stack.
 *
 * @example
 * parseYamlBlock('title: Hi\ndate: 2025-02-10\n'); // { title: 'Hi', date: '2025-02-10' }
 */
export function parseYamlBlock(src: string): unknown {
  // The bound over-estimates; allow twice the real limit so only absurd texts are refused here.
  if (yamlNestingBound(src) > 2 * FRONT_MATTER_LIMITS.maxDepth) throw tooDeep(undefined);
  try {
    return load(src, { schema: CORE_SCHEMA, json: true });
  } catch (error) {
    if (isStackOverflow(error)) throw tooDeep(error);
    if (error instanceof YAMLException) {
      throw new BlockError('front-matter-syntax', `invalid YAML: ${error.reason}`, { offset: error.mark?.position ?? 0 }, { cause: error });
    }
    throw new BlockError('front-matter-syntax', `invalid YAML: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooDeep(cause: unknown): BlockError {
  return new BlockError('front-matter-too-deep', `front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`, {}, { cause });
}
