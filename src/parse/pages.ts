/**
 * Which content files are pages, and where each sits: Hugo's rules for languages' content folders,
 * Markdown suffixes, skipped names and leaf bundles. Light on purpose (no parser behind it): the
 * rebuild decides from a listing alone which keys to read, and the Lambda's cold start loads this
 * without the front matter and Markdown parsers.
 */
import type { LanguageConfig, SiteConfig } from '../model.js';
import { taxonomiesOf } from '../config/language-settings.js';
import { termSlug } from '../plan/slug.js';

/** Where an article sits in the site: its language and its path inside that language's contentDir. */
export interface ArticleLocation {
  readonly lang: LanguageConfig;
  readonly relPath: string;
}

/**
 * Decides which language a content file belongs to and its path inside the language's contentDir, as
 * Hugo does: the language whose contentDir holds the file (the longest such dir); where several
 * languages share a dir, a `.<key>.md` suffix naming one of them, else the default language.
 * Returns undefined for a key outside every contentDir, and for one named for a disabled language.
 */
export function locateArticle(site: SiteConfig, key: string): ArticleLocation | undefined {
  // Folders longest first: the first that holds the key is the deepest; languages sharing it are its ties.
  for (const { dir, langs } of contentFolders(site)) {
    if (!key.startsWith(dir)) continue;
    const relPath = key.slice(dir.length);
    const first = langs[0] as LanguageConfig;
    const disabled = site.disabledLanguages ?? [];
    if (langs.length === 1 && disabled.length === 0) return { lang: first, relPath };
    // The `.<key>` before the suffix (`a.fr.md`), which names a language where several share a folder.
    const named = LANGUAGE_SUFFIX.exec(relPath)?.[1];
    // A translation into a language the config disables is no page of the site, as in Hugo.
    if (named !== undefined && disabled.includes(named.toLowerCase())) return undefined;
    if (langs.length === 1) return { lang: first, relPath };
    const byName = named !== undefined ? langs.find((l) => l.key === named) : undefined;
    return { lang: byName ?? langs.find((l) => l.key === site.defaultContentLanguage) ?? first, relPath };
  }
  return undefined;
}

const LANGUAGE_SUFFIX = /\.([^./]+)\.(md|markdown|mdown)$/i;

/** Each content folder (with its trailing `/`, '' for the site root) and its languages, longest first; per site. */
const FOLDERS = new WeakMap<SiteConfig, readonly { readonly dir: string; readonly langs: readonly LanguageConfig[] }[]>();

function contentFolders(site: SiteConfig): readonly { readonly dir: string; readonly langs: readonly LanguageConfig[] }[] {
  let folders = FOLDERS.get(site);
  if (folders === undefined) {
    const byDir = new Map<string, LanguageConfig[]>();
    for (const lang of site.languages) {
      const dir = lang.contentDir === '' ? '' : `${lang.contentDir}/`;
      byDir.set(dir, [...(byDir.get(dir) ?? []), lang]);
    }
    folders = [...byDir].map(([dir, langs]) => ({ dir, langs })).sort((a, b) => b.dir.length - a.dir.length);
    FOLDERS.set(site, folders);
  }
  return folders;
}

/** True for Markdown files feedpub reads as articles (list pages `_index.md` included: parse reports them). Hugo's suffixes, in lower case as Hugo takes them. */
export function isMarkdownKey(key: string): boolean {
  return /\.(md|markdown|mdown)$/.test(key);
}

/**
 * Whether Hugo skips a content path: a file or folder whose name starts with `.` or `#` or ends with `~`
 * (hidden files, editor backups and locks: `.git/`, `#draft.md#`, `.#post.md`).
 *
 * @example ignoredByHugo('news/.drafts/a.md') // true
 */
export function ignoredByHugo(relPath: string): boolean {
  return IGNORED_NAME.test(relPath);
}

/** A path segment that starts with `.` or `#` or ends with `~`. */
const IGNORED_NAME = /(?:^|\/)[.#]|~(?:\/|$)/;

/**
 * Whether a key is a list page (`_index.md`, `_index.en.md`): a section's, a term's or the home page's.
 *
 * @example isListPage('content/news/_index.md') // true
 */
export function isListPage(key: string): boolean {
  return LIST_PAGE.test(key);
}

const LIST_PAGE = /(^|\/)_index(\.[^./]+)?\.(md|markdown|mdown)$/;

/**
 * The feed a list page speaks for, by its path in its content folder: a section's (the folder, at any
 * depth) or a term's (`tags/go`: the taxonomy and the term's folder below it, nested for `CI/CD` as in
 * `tags/ci/cd`); undefined for the home page's and a taxonomy's own (`tags/_index.md`).
 *
 * @example listPageFeed(site, 'news/world/_index.md') // { path: 'news/world', term: false }
 * @example listPageFeed(site, 'tags/Go Lang/_index.md') // { path: 'tags/go-lang', term: true }
 * @param language The page's language: its taxonomies say which folders are terms'.
 */
export function listPageFeed(
  site: SiteConfig,
  relPath: string,
  language: LanguageConfig | string = site.defaultContentLanguage,
): { readonly path: string; readonly term: boolean } | undefined {
  const folder = relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')));
  if (folder === '') return undefined;
  const taxonomy = taxonomiesOf(site, language).find((t) => folder === t.plural || folder.startsWith(`${t.plural}/`));
  if (taxonomy === undefined) return { path: folder, term: false };
  const name = folder.slice(taxonomy.plural.length + 1);
  return name === '' ? undefined : { path: `${taxonomy.plural}/${termSlug(name, !site.disablePathToLower)}`, term: true };
}

/** A leaf bundle's index (`index.md`, `index.en.md`): the folder's other files are its resources, not pages. */
const LEAF_INDEX = /(^|\/)index(\.[^./]+)?\.(md|markdown|mdown)$/;

/**
 * Whether a key is a leaf bundle's index file.
 *
 * @example isLeafIndex('content/posts/trip/index.md') // true
 */
export function isLeafIndex(key: string): boolean {
  return key.includes('index.') && LEAF_INDEX.test(key);
}

/**
 * The content keys Hugo makes pages of, in the order given: Markdown files under a language's content
 * folder, without the paths Hugo skips ({@link ignoredByHugo}) and without a leaf bundle's other Markdown
 * files (inside a folder with an `index.md`, they are the bundle's resources).
 *
 * @example pageKeys(site, ['content/a/index.md', 'content/a/notes.md', 'content/b.md']) // ['content/a/index.md', 'content/b.md']
 */
export function pageKeys(site: SiteConfig, keys: readonly string[]): string[] {
  const candidates: { key: string; relPath: string }[] = [];
  for (const key of keys) {
    const location = isMarkdownKey(key) ? locateArticle(site, key) : undefined;
    if (location !== undefined && !ignoredByHugo(location.relPath)) candidates.push({ key, relPath: location.relPath });
  }
  // Bundle folders by key; a bundle is a folder below the content folder (an index.md at its top is no bundle).
  const bundles = new Set<string>();
  for (const { key, relPath } of candidates) if (relPath.includes('/') && isLeafIndex(relPath)) bundles.add(key.slice(0, key.lastIndexOf('/') + 1));
  if (bundles.size === 0) return candidates.map((c) => c.key);
  return candidates.filter(({ key }) => !insideBundle(isLeafIndex(key) ? key.slice(0, key.lastIndexOf('/')) : key, bundles)).map((c) => c.key);
}

/** Whether a path lies in one of the bundle folders (each ending with `/`). */
function insideBundle(path: string, bundles: ReadonlySet<string>): boolean {
  for (let end = path.lastIndexOf('/'); end >= 0; end = path.lastIndexOf('/', end - 1)) {
    if (bundles.has(path.slice(0, end + 1))) return true;
  }
  return false;
}
