/**
 * YAML front matter → data, with the `yaml` package (YAML 1.2 core schema): no timestamps (dates stay
 * strings), no `!!binary`/`!!set`/… tags, no merge keys, bounded aliases and nesting. Never runs code.
 * A repeated key keeps its last value, as in Hugo 0.111 (yaml's unique-key check is also quadratic:
 * a 64 KiB map of short keys took ~1 s with it, ~0.15 s without).
 */
import { type DocumentOptions, type ParseOptions, parseDocument, type SchemaOptions } from 'yaml';
import { BlockError } from './block-error.js';
import { FRONT_MATTER_LIMITS } from './front-matter-limits.js';
import { parseSimpleYaml } from './parse-simple-yaml.js';
import { yamlNestingBound } from './yaml-nesting-bound.js';

/** The `yaml` options feedpub parses with (exported so tests can compare the fast path with yaml). */
export const YAML_OPTIONS: Readonly<ParseOptions & DocumentOptions & SchemaOptions> = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  merge: false,
  uniqueKeys: false,
  strict: true,
  prettyErrors: false,
  logLevel: 'error',
};

/**
 * Parses one YAML document. Throws {@link BlockError} with the offset of the first error, rule
 * `front-matter-aliases` for alias bombs and `front-matter-too-deep` for nesting that exhausts the
 * parser's stack.
 *
 * @example
 * parseYamlBlock('title: Hi\ndate: 2025-02-10\n'); // { title: 'Hi', date: '2025-02-10' }
 */
export function parseYamlBlock(src: string): unknown {
  const simple = parseSimpleYaml(src);
  if (simple !== undefined) return simple;
  // The bound over-estimates; allow twice the real limit so only absurd texts are refused here.
  if (yamlNestingBound(src) > 2 * FRONT_MATTER_LIMITS.maxDepth) throw tooDeep(undefined);
  try {
    const doc = parseDocument(src, YAML_OPTIONS);
    const error = doc.errors[0];
    if (error !== undefined) {
      if (isStackOverflow(error)) throw tooDeep(error);
      throw new BlockError('front-matter-syntax', `invalid YAML: ${error.message}`, { offset: error.pos[0] });
    }
    return doc.toJS({ maxAliasCount: FRONT_MATTER_LIMITS.maxAliasCount });
  } catch (error) {
    if (error instanceof BlockError) throw error;
    if (isStackOverflow(error)) throw tooDeep(error);
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new BlockError(
        'front-matter-aliases',
        `YAML aliases expand too much (more than ${FRONT_MATTER_LIMITS.maxAliasCount} uses): an alias bomb?`,
        {},
        { cause: error },
      );
    }
    throw new BlockError('front-matter-syntax', `invalid YAML: ${messageOf(error)}`, {}, { cause: error });
  }
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof Error && /call stack/i.test(error.message);
}

function tooDeep(cause: unknown): BlockError {
  return new BlockError('front-matter-too-deep', `front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`, {}, { cause });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
