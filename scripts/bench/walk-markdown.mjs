import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every `.md` file under `dir`, depth first, in sorted order (a plain synchronous walk: the floors use it).
 *
 * @param {string} dir
 * @returns {string[]}
 * @example
 * walkMarkdown('bench/corpus/1000/content').length; // → 1000
 */
export function walkMarkdown(dir) {
  /** @type {string[]} */
  const files = [];
  const visit = (/** @type {string} */ folder) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
    }
  };
  visit(dir);
  return files;
}
