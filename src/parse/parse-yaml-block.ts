/**
 * YAML front matter → data with js-yaml's `load` and its CORE schema (YAML 1.2 core: no timestamps, so
 * dates stay strings; no `!!js/*` or any other code-bearing tag, none exists in js-yaml 4), plus merge
 * keys (`<<: *defaults`), which Hugo 0.111 reads (go-yaml). A repeated key keeps its last value, as in
 * Hugo 0.111. Nesting is bounded before parsing and alias expansion while copying (js-yaml resolves an
 * alias to a shared reference; `toPlainData` counts every node it copies, so a billion-laughs document
 * fails fast instead of exploding). A merge copies its source's keys while loading, before that count,
 * so a block with merge keys may name at most `maxAliasCount` aliases in all.
 */
import * as jsYaml from 'js-yaml';
import { CORE_SCHEMA, load, type Type, YAMLException } from 'js-yaml';
import { BlockError } from './block-error.js';
import { FRONT_MATTER_LIMITS } from './front-matter-limits.js';
import { yamlHint } from './yaml-hint.js';
import { yamlNestingBound } from './yaml-nesting-bound.js';

/**
 * Parses one YAML document. Throws {@link BlockError} with the offset of the first error (of the line to
 * fix, when that is an earlier one: see `yamlHint`), its column and what to do where the mistake is a
 * common one; rule `front-matter-too-deep` for nesting that exhausts the parser's stack.
 *
 * @example
 * parseYamlBlock('title: Hi\ndate: 2025-02-10\n'); // { title: 'Hi', date: '2025-02-10' }
 */
export function parseYamlBlock(whole: string): unknown {
  const src = firstDocument(whole);
  // The bound over-estimates; allow twice the real limit so only absurd texts are refused here.
  if (yamlNestingBound(src) > 2 * FRONT_MATTER_LIMITS.maxDepth) throw tooDeep(undefined);
  const merges = src.includes('<<');
  if (merges && aliasCount(src) > FRONT_MATTER_LIMITS.maxAliasCount) throw tooManyAliases();
  try {
    return load(src, { schema: merges ? MERGE_SCHEMA : CORE_SCHEMA, json: true });
  } catch (error) {
    if (isStackOverflow(error)) throw tooDeep(error);
    if (error instanceof YAMLException) {
      const hint = yamlHint(src, error.reason, error.mark?.position ?? 0);
      const where = hint.column === undefined ? '' : ` at column ${hint.column}`;
      throw new BlockError('front-matter-syntax', `invalid YAML${where}: ${error.reason}${hint.advice}`, { offset: hint.offset }, { cause: error });
    }
    throw new BlockError('front-matter-syntax', `invalid YAML: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
}

/**
 * The text up to the first document end marker (`...` at a line's start, alone or before a space or a
 * comment), which YAML forbids inside any value: Hugo 0.111 (go-yaml's `Unmarshal`) reads the first
 * document and never looks at what follows, where js-yaml's `load` refuses a second one.
 *
 * @example firstDocument('title: a\n...\ntitle: b\n') // 'title: a\n'
 */
function firstDocument(src: string): string {
  const end = DOCUMENT_END.exec(src);
  return end === null ? src : src.slice(0, end.index);
}

const DOCUMENT_END = /^\.\.\.(?=[ \t\r\n]|$)/m;

/** The core schema with merge keys: only used for a block that has `<<` and few aliases. */
const MERGE_SCHEMA = CORE_SCHEMA.extend({ implicit: [mergeType()] });

/** js-yaml 4's merge type: the package exports its types (`types.merge`), which @types/js-yaml does not declare. */
function mergeType(): Type {
  const { types } = jsYaml as unknown as { readonly types?: { readonly merge?: Type } };
  if (types?.merge === undefined) throw new Error('js-yaml without types.merge: YAML merge keys cannot be read');
  return types.merge;
}

/**
 * An upper bound on the aliases in a YAML text: every `*` that starts a token (after a line start, a
 * space, `[`, `{`, `,` or `:`) and is followed by a name character. A `*` inside a quoted string may be
 * counted too; that only makes the bound stricter.
 */
function aliasCount(src: string): number {
  let count = 0;
  for (const _ of src.matchAll(ALIAS_TOKEN)) count++;
  return count;
}

const ALIAS_TOKEN = /(?:^|[\s[{,:])\*[^\s[\]{},]/gm;

function tooManyAliases(): BlockError {
  return new BlockError(
    'front-matter-aliases',
    `YAML merge keys with more than ${FRONT_MATTER_LIMITS.maxAliasCount} aliases: each merge copies its source's keys, so this is bounded`,
  );
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooDeep(cause: unknown): BlockError {
  return new BlockError('front-matter-too-deep', `front matter nests deeper than ${FRONT_MATTER_LIMITS.maxDepth} levels`, {}, { cause });
}
