/**
 * A defensive copy of parsed front matter: plain objects (Object.prototype), arrays, strings,
 * numbers, booleans, null and Dates only; the keys `__proto__`, `constructor` and `prototype`
 * dropped at every level; nesting bounded.
 */
import { BlockError } from './block-error.js';

const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Copies `value` into fresh plain data, throwing a {@link BlockError} (`front-matter-too-deep`)
 * when maps and lists nest deeper than `maxDepth` (a top-level map is depth 1).
 *
 * @example
 * toPlainData(JSON.parse('{"__proto__":{"x":1},"a":[1]}'), 32); // { a: [1] }
 */
export function toPlainData(value: unknown, maxDepth: number): unknown {
  return copy(value, 1, maxDepth);
}

function copy(value: unknown, depth: number, maxDepth: number): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new BlockError('front-matter-syntax', `unsupported ${typeof value} value in front matter`);
    }
    return value;
  }
  if (value instanceof Date) return value;
  if (depth > maxDepth) {
    throw new BlockError('front-matter-too-deep', `front matter nests deeper than ${maxDepth} levels`);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(copy(item, depth + 1, maxDepth));
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
    out[key] = copy(source[key], depth + 1, maxDepth);
  }
  return out;
}
