/**
 * Hugo's `ref` and `relref` shortcodes: which published page each call names. Pure; the run resolves
 * the calls of the articles it publishes (`Article.refs`) against the pages it publishes, so a link
 * follows its target when the target moves, and leads nowhere when the target is gone.
 */
import type { FeedSpec, Problem, RefCall, SiteConfig } from '../model.js';
import { isLeafIndex, locateArticle } from '../parse/pages.js';
import { refKey, type ResolvedRefs } from '../parse/shortcodes.js';
import { sha256 } from '../sha256.js';
import { pathStyle, termSlug } from './slug.js';

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
  /**
   * By article key: a digest of where its calls lead (their URLs in order, '' for one that leads nowhere).
   * A run keeps it: content rendered under the same targets still holds. A digest, not the URLs: every
   * run reads it back, and an article may name a hundred pages.
   */
  readonly targets: ReadonlyMap<string, string>;
  /** One warning per call that names no published page. */
  readonly problems: readonly Problem[];
}

const AMBIGUOUS = Symbol('ambiguous');

/** One language's pages, sections and terms, lower-cased, as a `ref` names them. */
interface LanguageIndex {
  /** Pages by {@link pageName}. */
  readonly pages: Map<string, string>;
  /** Sections (`news/world`) and terms (`tags/go`) by path. */
  readonly lists: Map<string, string>;
  /** Pages by file name (a bundle's: its folder's), or AMBIGUOUS. */
  readonly names: Map<string, string | typeof AMBIGUOUS>;
}

const CONTENT_EXTENSION = /\.(?:md|markdown|mdown)$/;

/**
 * Resolves the `ref` / `relref` calls of the published pages, as Hugo 0.111 looks a reference up:
 *
 * - `#part` alone is a place in the page itself;
 * - `/news/a.md` names a page by its path in its language's content folder (any case; the `.md` may be
 *   left out unless the name has a dot of its own; `/news` or `/news/` a section, `/tags/go` a term, `/`
 *   or `/_index.md` the language's home page);
 * - `a.md`, `../news/a`, `./a` are first relative to the page's folder (a leaf bundle's: the folder it is
 *   in, unless the reference starts with `..`), then to the content folder;
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
  const targets = new Map<string, string>();
  const problems: Problem[] = [];
  if (referring.length === 0) return { resolved, targets, problems };
  const indexes = indexPages(site, published, plans);
  const homes = new Map(plans.filter((p) => p.kind !== 'section' && p.kind !== 'term' && p.lang !== undefined).map((p) => [p.lang as string, p.link]));
  for (const page of referring) {
    const urls = new Map<string, string>();
    const relPath = locateArticle(site, page.key)?.relPath.toLowerCase() ?? '';
    for (const call of page.refs ?? []) {
      const found = resolveRef(site, indexes, homes, page, relPath, call);
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
    targets.set(page.key, sha256(JSON.stringify((page.refs ?? []).map((call) => urls.get(refKey(call)) ?? ''))).slice(0, 16));
  }
  return { resolved, targets, problems };
}

/** Each language's pages by the name Hugo stores them under, its sections and terms by path, and its pages by file name. */
function indexPages(site: SiteConfig, published: readonly RefPage[], plans: readonly Omit<FeedSpec, 'items'>[]): Map<string, LanguageIndex> {
  const indexes = new Map<string, LanguageIndex>();
  const indexOf = (lang: string): LanguageIndex => {
    let index = indexes.get(lang);
    if (index === undefined) {
      index = { pages: new Map(), lists: new Map(), names: new Map() };
      indexes.set(lang, index);
    }
    return index;
  };
  // By key, so which of two pages with one name (`a.md` and `a/index.md`) wins never depends on order.
  for (const page of [...published].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const location = locateArticle(site, page.key);
    if (location === undefined) continue;
    const index = indexOf(page.lang);
    const name = storedName(location.relPath.toLowerCase().replace(CONTENT_EXTENSION, ''), page.lang);
    if (!index.pages.has(name)) index.pages.set(name, page.url);
    const base = name.slice(name.lastIndexOf('/') + 1);
    const other = index.names.get(base);
    if (other === undefined) index.names.set(base, page.url);
    else if (other !== page.url) index.names.set(base, AMBIGUOUS);
  }
  // Sections, and terms (`/tags/go`): Hugo's ref finds list pages by their path too.
  for (const plan of plans) {
    if (plan.lang === undefined) continue;
    const path =
      plan.kind === 'section' && plan.section !== undefined
        ? plan.section.toLowerCase()
        : plan.kind === 'term' && plan.taxonomy !== undefined && plan.term !== undefined
          ? `${plan.taxonomy}/${termSlug(plan.term, pathStyle(site, true), site.rssFile)}`
          : undefined;
    const lists = indexOf(plan.lang).lists;
    if (path !== undefined && !lists.has(path)) lists.set(path, plan.link);
  }
  return indexes;
}

/**
 * The name Hugo 0.111 stores a page under: its path in the content folder without extension and without
 * the language's suffix (`a.fr`), a leaf bundle's `index` (or a list page's `_index`) its folder: the
 * home list page's (`_index`, at the top of the language's content folder) is '', the home page's.
 */
function storedName(pathWithoutExtension: string, lang: string): string {
  let name = pathWithoutExtension;
  if (name.endsWith(`.${lang}`)) name = name.slice(0, -lang.length - 1);
  if (name === '_index') return '';
  if (name.endsWith('/index')) return name.slice(0, -'/index'.length);
  if (name.endsWith('/_index')) return name.slice(0, -'/_index'.length);
  return name;
}

/**
 * The name a reference looks up, as Hugo 0.111 makes it: whatever follows the last dot of its last part is
 * taken for an extension (so `v1.2.3` names `v1.2`: a reference to that file needs its `.md`).
 */
function pageName(path: string, lang: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return storedName(dot > slash ? path.slice(0, dot) : path, lang);
}

/** A call's URL, or why it has none (undefined: nothing to say, as for an empty `ref ""`). */
function resolveRef(
  site: SiteConfig,
  indexes: ReadonlyMap<string, LanguageIndex>,
  homes: ReadonlyMap<string, string>,
  page: RefPage,
  /** The page's path in its content folder, lower-cased. */
  relPath: string,
  call: RefCall,
): string | { readonly why: string } | undefined {
  const hash = call.path.indexOf('#');
  const fragment = hash < 0 ? '' : call.path.slice(hash + 1);
  const withFragment = (url: string): string => (hash < 0 ? url : `${url}#${encodeFragment(fragment)}`);
  const written = (hash < 0 ? call.path : call.path.slice(0, hash)).replace(/\?.*$/s, '').trim().normalize('NFC').toLowerCase();
  if (written === '') return hash < 0 ? undefined : withFragment(page.url);
  const lang =
    call.lang === undefined
      ? page.lang
      : site.languages.find((l) => l.key === call.lang?.toLowerCase() || (l.code !== undefined && l.code.toLowerCase() === call.lang?.toLowerCase()))?.key;
  if (lang === undefined) return { why: `names a language the site does not have` };
  const index = indexes.get(lang);
  // Relative to the page's folder first (a leaf bundle's: the folder it sits in, unless the reference
  // climbs with `..`), then to the content folder.
  // The top of the content folder is the home page: `/`, or a relative path that leads there (`..` from a
  // page in a section); not `.` read from the top (Hugo does not clean that path).
  const candidates: { readonly path: string | undefined; readonly home: boolean }[] = [];
  if (!written.startsWith('/')) {
    let dir = relPath.slice(0, relPath.lastIndexOf('/') + 1);
    if (isLeafIndex(relPath) && !written.startsWith('..')) dir = dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1);
    candidates.push({ path: normalised(dir + written), home: true });
  }
  candidates.push({ path: normalised(written), home: written.startsWith('/') });
  for (const { path: candidate, home: mayBeHome } of candidates) {
    if (candidate === undefined) continue;
    if (candidate === '') {
      const home = mayBeHome ? homes.get(lang) : undefined;
      if (home !== undefined) return withFragment(home);
      continue;
    }
    const name = pageName(candidate, lang);
    // The home page by its list page (`/_index.md`, or `_index.md` from a page at the top, as Hugo 0.111 links it).
    if (name === '') {
      const home = homes.get(lang);
      if (home !== undefined) return withFragment(home);
      continue;
    }
    // A section by its folder (`/news`) or its list page (`/news/_index.md`), else a page.
    const url = index?.lists.get(candidate) ?? index?.lists.get(name) ?? index?.pages.get(name);
    if (url !== undefined) return withFragment(url);
  }
  // A bare name: the one page with that file name (a bundle: folder name), wherever it is.
  if (!written.includes('/')) {
    const url = index?.names.get(pageName(written, lang));
    if (url === AMBIGUOUS) return { why: 'names several published pages (write its path)' };
    if (url !== undefined) return withFragment(url);
  }
  return { why: 'names no published page (none at that path, or a draft, or not live yet)' };
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is encoded
  return fragment.replace(/[\s\u0000-\u001f\u007f()<>"'`\\[\]{}|^#]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}
