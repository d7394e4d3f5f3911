import type { Problem } from '../model.js';

/**
 * Warnings for published articles that share an item link (two pages with the same `url`, or the same
 * `slug` in one folder): Hugo writes one page at that address, so one of the items leads to the other's
 * page. One problem per article at that link but the first by key.
 *
 * @example
 * urlCollisionProblems([{ key: 'content/a.md', url: 'https://x.org/a/' }, { key: 'content/b.md', url: 'https://x.org/a/' }]);
 * // [{ file: 'content/b.md', severity: 'warning', rule: 'url-collision', message: 'has the link https://x.org/a/ of content/a.md: …' }]
 */
export function urlCollisionProblems(entries: readonly { readonly key: string; readonly url: string }[]): Problem[] {
  // The usual case, every link its own, in one Set pass (a list per link cost 100,000 arrays at 100,000 articles).
  const seen = new Set<string>();
  let shared = false;
  for (const { url } of entries) {
    if (seen.has(url)) {
      shared = true;
      break;
    }
    seen.add(url);
  }
  if (!shared) return [];
  const byUrl = new Map<string, string[]>();
  for (const { key, url } of entries) {
    const keys = byUrl.get(url);
    if (keys === undefined) byUrl.set(url, [key]);
    else keys.push(key);
  }
  const problems: Problem[] = [];
  for (const [url, keys] of [...byUrl].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (keys.length < 2) continue;
    const [owner, ...others] = [...keys].sort();
    for (const key of others) {
      problems.push({
        file: key,
        severity: 'warning',
        rule: 'url-collision',
        message: `has the link ${url} of ${owner}: Hugo writes one page there, so one of the two items leads to the other's page; give one of them its own slug or url`,
      });
    }
  }
  return problems;
}
