import type { SkippedLink } from '../adapters/fs-storage.js';
import type { Problem } from '../model.js';

/**
 * A warning for each symbolic link of a site folder that was not followed ({@link SkippedLink}), naming
 * the link and why, so that no linked page leaves the feeds unsaid: `symlink-outside` (feedpub never
 * reads outside the site folder), `symlink-broken`, `symlink-repeat` and `symlink-loop` (a folder is
 * listed once, through the first link to it, as Hugo 0.111 lists it).
 *
 * @example
 * linkProblems([{ key: 'content/news/old.md', reason: 'outside' }]);
 * // [{ file: 'content/news/old.md', severity: 'warning', rule: 'symlink-outside', message: 'symbolic link to … not followed' }]
 */
export function linkProblems(links: readonly SkippedLink[]): Problem[] {
  return links.map(({ key, reason, via, target }) => ({
    file: key,
    severity: 'warning',
    rule: `symlink-${reason}`,
    message: MESSAGES[reason](via, target),
  }));
}

/** What each reason of {@link SkippedLink} means, with the link the folder was listed through. */
const MESSAGES: Readonly<Record<SkippedLink['reason'], (via: string | undefined, target: string | undefined) => string>> = {
  outside: (_via, target) => `symbolic link to ${target ? `${target}, ` : 'a path '}outside the site folder: not followed (feedpub reads nothing outside it)`,
  broken: () => 'symbolic link to nothing (a missing path, or a loop of links): skipped',
  repeat: (via) => `symbolic link to a folder already listed through ${via}: not followed, as in Hugo (a folder is listed once)`,
  loop: (via) => `symbolic link back to a folder that holds it (listed through ${via}): not followed, as in Hugo`,
};
