/**
 * Finds the file line of a top-level key in a front matter block, for problem reports.
 */
import type { FrontMatter } from './front-matter.js';
import { lineOf } from './line-of.js';

/**
 * The 1-based file line where `key` is written in `fm.raw`, or undefined when it cannot be found.
 * YAML keys are looked for at the start of a line (unindented first), TOML keys before `=`, JSON
 * keys as the first `"key":`.
 *
 * @example
 * findKeyLine({ raw: 'title: x\ndate: y', rawLine: 2, format: 'yaml' }, 'date'); // 3
 */
export function findKeyLine(fm: Pick<FrontMatter, 'raw' | 'rawLine' | 'format'>, key: string): number | undefined {
  if (key === '' || fm.raw === '') return undefined;
  const k = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const quoted = `(?:${k}|"${k}"|'${k}')`;
  const patterns: RegExp[] = [];
  if (fm.format === 'yaml') patterns.push(new RegExp(`^${quoted}[ \\t]*:`, 'm'), new RegExp(`^[ \\t]*${quoted}[ \\t]*:`, 'm'));
  else if (fm.format === 'toml') patterns.push(new RegExp(`^[ \\t]*${quoted}[ \\t]*=`, 'm'));
  else if (fm.format === 'json') patterns.push(new RegExp(`"${k}"\\s*:`));
  for (const pattern of patterns) {
    const match = pattern.exec(fm.raw);
    if (match !== null) return lineOf(fm.raw, match.index, fm.rawLine);
  }
  return undefined;
}
