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
  return sharedKeys(entries.map(({ key, url }) => ({ key, value: url }))).flatMap(({ value: url, owner, others }) =>
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
}

/**
 * Whether two content keys are one page to Hugo 0.111, their paths without extension differing only in case
 * (`Posts/a.md`, `posts/a.md`; `B.markdown`, `b.md`): its content tree is keyed lower-cased.
 */
function samePageForHugo(a: string, b: string): boolean {
  const stem = (key: string): string => lowerAsGo(key.slice(0, key.lastIndexOf('.')));
  return stem(a) === stem(b);
}
