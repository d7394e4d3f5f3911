import type { OutputFile, SiteConfig } from '../../model.js';
import { toUri } from '../formats.js';
import { compareText } from './compare-text.js';
import { DIRECTORY_CACHE_CONTROL, DISCOVERY_PATH } from './directory-paths.js';
import type { FeedSummary } from './feed-summary.js';
import { feedLinks } from './feed-links.js';
import { getOrInsert } from '../../get-or-insert.js';

/** One entry of discovery.json: the attributes of a `<link rel="alternate">` tag. */
export interface DiscoveryLink {
  readonly rel: 'alternate';
  readonly type: string;
  readonly title: string;
  readonly href: string;
}

/**
 * The site-relative path of a feed's HTML page (`/tags/go/`): its link with the site's base URL cut
 * off (so a base URL with a path, `https://example.com/blog/`, still gives `/tags/go/`), percent-encoded.
 * A link outside the base URL gives its URL path; one on another host (a page of a language with a host of
 * its own, Hugo's multihost) its whole URL, so that its `/posts/` is not another language's.
 *
 * @example discoveryPagePath(site, 'https://example.com/tags/go/'); // '/tags/go/'
 * @example discoveryPagePath(site, 'https://fr.example.org/tags/go/'); // 'https://fr.example.org/tags/go/'
 */
export function discoveryPagePath(site: SiteConfig, link: string): string {
  const base = toUri(site.baseURL);
  const uri = toUri(link);
  if (uri.startsWith(base)) return `/${uri.slice(base.length)}`;
  // Both absolute: a feed's link is made from the site's or its language's baseURL, which the config reader checks.
  const url = new URL(uri);
  return url.origin === new URL(base).origin ? url.pathname : uri;
}

/**
 * `feeds/discovery.json`: for each feed's HTML page path (site-relative, `/tags/go/`), the
 * `<link rel="alternate">` attributes `{ rel, type, title, href }` of each enabled format, keys
 * sorted, links in folder then format order (RSS, Atom, JSON Feed). A page that two feeds describe
 * (the home page of a multilingual site: the default language's feed and the all-languages feed)
 * lists both. Templates of any site generator can read it; `docs/hugo-partial-feedpub-links.html`
 * emits the same tags in Hugo from the path convention. Deterministic.
 *
 * @example
 * JSON.parse(renderDiscovery(site, feeds).body)['/tags/go/'][0].href; // 'https://example.com/tags/go/index.xml'
 */
export function renderDiscovery(site: SiteConfig, feeds: readonly FeedSummary[]): OutputFile {
  const byPage = new Map<string, FeedSummary[]>();
  for (const feed of [...feeds].sort((a, b) => compareText(a.dir, b.dir))) {
    const path = discoveryPagePath(site, feed.link);
    getOrInsert(byPage, path, () => []).push(feed);
  }
  const out: Record<string, DiscoveryLink[]> = {};
  for (const path of [...byPage.keys()].sort(compareText)) {
    const links = (byPage.get(path) ?? []).flatMap(feedLinks).map(({ rel, type, title, href }) => ({ rel, type, title, href }));
    if (links.length > 0) out[path] = links;
  }
  return {
    path: DISCOVERY_PATH,
    body: `${JSON.stringify(out, null, 2)}\n`,
    contentType: 'application/json; charset=utf-8',
    cacheControl: DIRECTORY_CACHE_CONTROL,
  };
}
