/**
 * A defensive copy of parsed front matter: plain objects (Object.prototype), arrays, strings,
 * numbers, booleans, null and Dates only; the keys `__proto__`, `constructor` and `prototype`
 * dropped at every level; nesting bounded.
 */
import { BlockError } from './block-error.js';

/** Keys dropped at every level of front matter: they could change how every object behaves. */
export const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Copies `value` into fresh plain data, throwing a {@link BlockError} (`front-matter-too-deep`)
 * when maps and lists nest deeper than `maxDepth` (a top-level map is depth 1).
 *
 * @example
 * toPlainData(JSON.parse('{"__proto__":{"x":1},"a":[1]}'), 32); // { a: [1] }
 */
export function toPlainData(value: unknown, maxDepth: number, maxAliases = Number.POSITIVE_INFINITY): unknown {
  return copy(value, 1, { maxDepth, maxAliases, aliases: 0, seen: new Set<object>() });
}

interface CopyState {
  readonly maxDepth: number;
  readonly maxAliases: number;
  aliases: number;
  /** Objects copied so far: meeting one again means a YAML alias (a shared reference). */
  readonly seen: Set<object>;
}

function copy(value: unknown, depth: number, state: CopyState): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new BlockError('front-matter-syntax', `unsupported ${typeof value} value in front matter`);
    }
    return value;
  }
  if (value instanceof Date) return value;
  if (depth > state.maxDepth) {
    throw new BlockError('front-matter-too-deep', `front matter nests deeper than ${state.maxDepth} levels`);
  }
  if (state.seen.has(value) && ++state.aliases > state.maxAliases) {
    throw new BlockError('front-matter-aliases', `YAML aliases expand too much (more than ${state.maxAliases} uses): an alias bomb?`);
  }
  state.seen.add(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(copy(item, depth + 1, state));
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new BlockError('front-matter-syntax', 'unsupported value type in front matter');
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (UNSAFE_KEYS.has(key)) continue;
    out[key] = copy(source[key], depth + 1, state);
  }
  return out;
}
