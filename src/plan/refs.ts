/**
 * Hugo's `ref` and `relref` shortcodes: which published page each call names. Pure; the run resolves
 * the calls of the articles it publishes (`Article.refs`) against the pages it publishes, so a link
 * follows its target when the target moves, and leads nowhere when the target is gone.
 */
import type { FeedSpec, Problem, RefCall, SiteConfig } from '../model.js';
import { locateArticle } from '../parse/pages.js';
import { refKey, type ResolvedRefs } from '../parse/shortcodes.js';

/** What resolving needs of a published page. */
export interface RefPage {
  readonly key: string;
  readonly lang: string;
  readonly url: string;
  readonly refs?: readonly RefCall[];
}

/** The outcome of one run's resolution. */
export interface RefResolution {
  /** By article key: what its calls resolve to (only articles with calls). */
  readonly resolved: ReadonlyMap<string, ResolvedRefs>;
  /** One warning per call that names no published page. */
  readonly problems: readonly Problem[];
}

const AMBIGUOUS = Symbol('ambiguous');

/** One language's pages by the paths a `ref` may use, lower-cased, without extension or trailing slash. */
interface LanguageIndex {
  readonly paths: Map<string, string>;
  readonly names: Map<string, string | typeof AMBIGUOUS>;
}

const EXTENSION = /\.(?:md|markdown|mdown)$/i;

/**
 * Resolves the `ref` / `relref` calls of the published pages, as Hugo 0.111 looks a reference up:
 *
 * - `#part` alone is a place in the page itself;
 * - `/news/a.md` names a page by its path in its language's content folder (`.md` optional, any case;
 *   `/news` or `/news/` a section, `/` the language's home page);
 * - `a.md`, `../news/a`, `./a` are first relative to the page's folder, then to the content folder;
 * - a bare name (`a`) that is neither is looked up by file name (a bundle's by its folder's name), when
 *   one page alone has it;
 * - a page bundle (`a/index.md`) is named by its folder; `lang="fr"` looks in another language.
 *
 * Only published pages count: a reference to a draft, a future or an expired page leads nowhere, as in
 * Hugo (which then fails the build, or with `refLinksErrorLevel = "WARNING"` warns). Each such call is
 * reported (`ref-not-found`) with its line. `ref` and `relref` give the same absolute URL here: feeds
 * carry absolute links only. A target's `#fragment` is kept.
 *
 * @param plans The run's feed plans: its sections' and languages' pages come from them.
 * @example resolveRefs(site, published, plans).resolved.get('content/posts/a.md')?.get('b.md') // 'https://example.com/posts/b/'
 */
export function resolveRefs(site: SiteConfig, published: readonly RefPage[], plans: readonly Omit<FeedSpec, 'items'>[]): RefResolution {
  const referring = published.filter((page) => page.refs !== undefined && page.refs.length > 0);
  const resolved = new Map<string, ResolvedRefs>();
  const problems: Problem[] = [];
  if (referring.length === 0) return { resolved, problems };
  const indexes = indexPages(site, published, plans);
  const homes = new Map(plans.filter((p) => p.kind !== 'section' && p.kind !== 'term' && p.lang !== undefined).map((p) => [p.lang as string, p.link]));
  for (const page of referring) {
    const urls = new Map<string, string>();
    for (const call of page.refs ?? []) {
      const found = resolveRef(site, indexes, homes, page, call);
      if (typeof found === 'string') urls.set(refKey(call), found);
      else if (found !== undefined) {
        problems.push({
          file: page.key,
          line: call.line,
          severity: 'warning',
          rule: 'ref-not-found',
          message: `ref ${JSON.stringify(call.path)}${call.lang ? ` (lang ${call.lang})` : ''} ${found.why}: its link leads nowhere`,
        });
      }
    }
    resolved.set(page.key, urls);
  }
  return { resolved, problems };
}

/** Each language's pages and sections by path and by name. */
function indexPages(site: SiteConfig, published: readonly RefPage[], plans: readonly Omit<FeedSpec, 'items'>[]): Map<string, LanguageIndex> {
  const indexes = new Map<string, LanguageIndex>();
  const indexOf = (lang: string): LanguageIndex => {
    let index = indexes.get(lang);
    if (index === undefined) {
      index = { paths: new Map(), names: new Map() };
      indexes.set(lang, index);
    }
    return index;
  };
  // By key, so which of two pages with one path (`a.md` and `a/index.md`) wins never depends on order.
  for (const page of [...published].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const location = locateArticle(site, page.key);
    if (location === undefined) continue;
    const index = indexOf(page.lang);
    const path = location.relPath.toLowerCase().replace(EXTENSION, '');
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash + 1);
    let name = path.slice(slash + 1);
    const paths = [path];
    // `a.fr.md`: also without its language.
    const dot = name.lastIndexOf('.');
    if (dot > 0 && site.languages.some((l) => l.key === name.slice(dot + 1))) {
      name = name.slice(0, dot);
      paths.push(dir + name);
    }
    // A leaf bundle is its folder.
    if (name === 'index' && dir !== '') {
      paths.push(dir.slice(0, -1));
      name = dir.slice(0, -1).slice(dir.lastIndexOf('/', dir.length - 2) + 1);
    }
    for (const p of paths) if (!index.paths.has(p)) index.paths.set(p, page.url);
    const other = index.names.get(name);
    if (other === undefined) index.names.set(name, page.url);
    else if (other !== page.url) index.names.set(name, AMBIGUOUS);
  }
  for (const plan of plans) {
    if (plan.kind !== 'section' || plan.lang === undefined || plan.section === undefined) continue;
    const paths = indexOf(plan.lang).paths;
    const path = plan.section.toLowerCase();
    if (!paths.has(path)) paths.set(path, plan.link);
  }
  return indexes;
}

/** A call's URL, or why it has none (undefined: nothing to say, as for an empty `ref ""`). */
function resolveRef(
  site: SiteConfig,
  indexes: ReadonlyMap<string, LanguageIndex>,
  homes: ReadonlyMap<string, string>,
  page: RefPage,
  call: RefCall,
): string | { readonly why: string } | undefined {
  const hash = call.path.indexOf('#');
  const fragment = hash < 0 ? '' : call.path.slice(hash + 1);
  const withFragment = (url: string): string => (hash < 0 ? url : `${url}#${encodeFragment(fragment)}`);
  const written = (hash < 0 ? call.path : call.path.slice(0, hash)).replace(/\?.*$/s, '').trim();
  if (written === '') return hash < 0 ? undefined : withFragment(page.url);
  const lang =
    call.lang === undefined
      ? page.lang
      : site.languages.find((l) => l.key === call.lang?.toLowerCase() || l.code.toLowerCase() === call.lang?.toLowerCase())?.key;
  if (lang === undefined) return { why: `names a language the site does not have` };
  const index = indexes.get(lang);
  const path = written.toLowerCase().replace(/\/+$/, '').replace(EXTENSION, '');
  if (path === '') return homes.has(lang) ? withFragment(homes.get(lang) as string) : { why: 'names no published page' };
  const candidates: string[] = [];
  if (path.startsWith('/')) candidates.push(path.slice(1));
  else {
    const relPath = locateArticle(site, page.key)?.relPath.toLowerCase() ?? '';
    const relative = joined(relPath.slice(0, relPath.lastIndexOf('/') + 1), path);
    if (relative !== undefined) candidates.push(relative);
    candidates.push(path);
  }
  for (const candidate of candidates) {
    const url = index?.paths.get(normalised(candidate) ?? '\0');
    if (url !== undefined) return withFragment(url);
  }
  if (!path.includes('/')) {
    const url = index?.names.get(path);
    if (url === AMBIGUOUS) return { why: 'names several published pages (write its path)' };
    if (url !== undefined) return withFragment(url);
  }
  return { why: 'names no published page (none at that path, or a draft, or not live yet)' };
}

/** `dir` (with its trailing slash, or '') and `path` joined, `.` and `..` resolved; undefined above the content folder. */
function joined(dir: string, path: string): string | undefined {
  return normalised(dir + path);
}

/** A path with `.` and `..` resolved and no empty segments; undefined when `..` climbs above the top. */
function normalised(path: string): string | undefined {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.pop() === undefined) return undefined;
    } else out.push(segment);
  }
  return out.join('/');
}

/** A fragment as written, with what would end a Markdown link or a URL percent-encoded. */
function encodeFragment(fragment: string): string {
  // encodeURIComponent leaves `(`, `)` and `'` as they are.
  return fragment.replace(/[\s()<>"'`\\[\]{}|^#]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}
