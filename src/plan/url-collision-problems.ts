import type { Problem } from '../model.js';
import { sharedKeys } from './shared-keys.js';
import { lowerAsGo } from './slug.js';

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
  const shared = sharedKeys(entries.map(({ key, url }) => ({ key, value: url }))).flatMap(({ value: url, owner, others }) =>
    others.map(
      (key): Problem => ({
        file: key,
        severity: 'warning',
        rule: 'url-collision',
        message: samePageForHugo(key, owner)
          ? `has the link ${url} of ${owner}, whose path differs only in case: Hugo 0.111 keys its pages lower-cased and keeps one of the two, so the other is no page of Hugo's; delete one of them or rename it`
          : `has the link ${url} of ${owner}: Hugo writes one page there, so one of the two items leads to the other's page; give one of them its own slug or url`,
      }),
    ),
  );
  return [...shared, ...caseTwinProblems(entries)];
}

/**
 * Warnings for published pages that are one page to Hugo 0.111 (paths that differ only in case) at different
 * links: with `disablePathToLower`, or a `slug` or `url` of their own. Hugo keeps one of them, so the other's
 * item leads where Hugo writes no page. (At one link, `url-collision` says it.) One problem per page but the
 * first by key.
 */
function caseTwinProblems(entries: readonly { readonly key: string; readonly url: string }[]): Problem[] {
  // The usual case, no twins, in one pass over the stems (no record per page).
  const stems = entries.map(({ key }) => lowerStem(key));
  if (new Set(stems).size === stems.length) return [];
  const twins = sharedKeys(entries.map(({ key }, i) => ({ key, value: stems[i] ?? '' })));
  const urls = new Map(entries.map(({ key, url }) => [key, url]));
  return twins.flatMap(({ owner, others }) =>
    others.flatMap((key): Problem[] => {
      const url = urls.get(key);
      if (url === urls.get(owner)) return [];
      return [
        {
          file: key,
          severity: 'warning',
          rule: 'case-twin',
          message: `is one page with ${owner} to Hugo 0.111, their paths differing only in case: Hugo keys its pages lower-cased and keeps one of the two, so one item leads where Hugo writes no page (this one's link is ${url}); delete one of them or rename it`,
        },
      ];
    }),
  );
}

/**
 * Whether two content keys are one page to Hugo 0.111, their paths without extension differing only in case
 * (`Posts/a.md`, `posts/a.md`; `B.markdown`, `b.md`): its content tree is keyed lower-cased.
 */
function samePageForHugo(a: string, b: string): boolean {
  return lowerStem(a) === lowerStem(b);
}

/** A content key without its extension, lower-cased as Go does: what Hugo 0.111 keys the page by. */
function lowerStem(key: string): string {
  return lowerAsGo(key.slice(0, key.lastIndexOf('.')));
}
