/**
 * Which content files are pages, and where each sits: Hugo's rules for languages' content folders,
 * Markdown suffixes, skipped names and leaf bundles. Light on purpose (no parser behind it): the
 * rebuild decides from a listing alone which keys to read, and the Lambda's cold start loads this
 * without the front matter and Markdown parsers.
 */
import type { LanguageConfig, Problem, SiteConfig } from '../model.js';
import { taxonomiesOf } from '../config/language-settings.js';
import { lowerAsGo, pathStyle, termSlug } from '../plan/slug.js';
import { getOrInsert } from '../get-or-insert.js';

/** Where an article sits in the site: its language and its path inside that language's contentDir. */
export interface ArticleLocation {
  readonly lang: LanguageConfig;
  /** In Unicode's NFC, whatever form the file's name is in. */
  readonly relPath: string;
  /** The path as the file's name writes it, where that is not NFC: what its derived id was made from. */
  readonly written?: string;
}

/**
 * Decides which language a content file belongs to and its path inside the contentDir that holds it, as
 * Hugo 0.111 does: a `.<key>` before the extension naming a configured language puts the file in that
 * language, whichever folder holds it (`content/en/news/y.zh-cn.md` is zh-cn's `news/y`); else the
 * language whose contentDir holds it (the longest such dir), the default one (else the first by weight)
 * where several share it. The key must equal the lower-cased language key, as in Hugo: `.zh-CN` names
 * no language and stays in the name. The path is in Unicode's NFC, whatever form the file's name is in.
 * Returns undefined for a key outside every contentDir, and for one named for a disabled language.
 *
 * @example locateArticle(site, 'content/zh-CN/news/z.en.md') // { lang: en, relPath: 'news/z.en.md' }
 */
export function locateArticle(site: SiteConfig, key: string): ArticleLocation | undefined {
  const { folders, named } = layoutOf(site);
  // Folders longest first: the first that holds the key is the deepest.
  for (const { dir, lang } of folders) {
    if (!key.startsWith(dir)) continue;
    // In NFC: a name saved decomposed (`cafe\u0301.md`, as macOS tools, rsync or unzip may write it) is the
    // same page, with the same section, references and translations, as one saved composed.
    const asWritten = key.slice(dir.length);
    const relPath = asWritten.normalize('NFC');
    const written = relPath === asWritten ? {} : { written: asWritten };
    if (named === undefined) return { lang, relPath, ...written };
    // Hugo's suffix: the last dotted part of the file name before its extension (`a.fr.md` → `fr`).
    const ext = relPath.lastIndexOf('.');
    const dot = ext > 0 ? relPath.lastIndexOf('.', ext - 1) : -1;
    if (dot < 0 || relPath.indexOf('/', dot) >= 0) return { lang, relPath, ...written };
    const byName = named.get(relPath.slice(dot + 1, ext));
    // null: a translation into a language the config disables, no page of the site, as in Hugo.
    if (byName === null) return undefined;
    return { lang: byName ?? lang, relPath, ...written };
  }
  return undefined;
}

/**
 * Each content folder (with its trailing `/`, '' for the site root) and the language of its files without
 * a language suffix, longest first; and the keys a suffix may name (null for a disabled language), or
 * undefined where no suffix can change a file's language (one language, none disabled). Per site.
 */
interface ContentLayout {
  readonly folders: readonly { readonly dir: string; readonly lang: LanguageConfig }[];
  readonly named: ReadonlyMap<string, LanguageConfig | null> | undefined;
}

const LAYOUTS = new WeakMap<SiteConfig, ContentLayout>();

function layoutOf(site: SiteConfig): ContentLayout {
  let layout = LAYOUTS.get(site);
  if (layout === undefined) {
    const byDir = new Map<string, LanguageConfig>();
    for (const lang of site.languages) {
      const dir = lang.contentDir === '' ? '' : `${lang.contentDir}/`;
      // Languages come sorted by weight: the first keeps a shared folder, unless the default shares it.
      if (!byDir.has(dir) || lang.key === site.defaultContentLanguage) byDir.set(dir, lang);
    }
    const folders = [...byDir].map(([dir, lang]) => ({ dir, lang })).sort((a, b) => b.dir.length - a.dir.length);
    const disabled = site.disabledLanguages ?? [];
    let named: Map<string, LanguageConfig | null> | undefined;
    if (site.languages.length > 1 || disabled.length > 0) {
      named = new Map<string, LanguageConfig | null>(site.languages.map((l) => [l.key, l]));
      for (const key of disabled) named.set(key, null);
    }
    layout = { folders, named };
    LAYOUTS.set(site, layout);
  }
  return layout;
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
 * Whether a path in a content folder has a folder of no name (`/x/a.md`, `x//a.md`): a bucket's key may
 * (`content//x/a.md`, a prefix ending in `/` joined with a `/`), no folder on disk can, so Hugo never sees
 * such a page where it is, and its link would have a folder named for nothing in it. No page
 * (`key-empty-folder`).
 *
 * @example hasEmptyFolderName('/x/a.md') // true
 */
export function hasEmptyFolderName(relPath: string): boolean {
  return relPath.startsWith('/') || relPath.includes('//');
}

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
 * `tags/ci/cd`; the taxonomy's folder in any case); undefined for the home page's and a taxonomy's own
 * (`tags/_index.md`).
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
  // In any case, as Hugo lower-cases a section's path (`Tags/go/_index.md` is the term go's).
  const top = folder.split('/', 1)[0] ?? '';
  const taxonomy = taxonomiesOf(site, language).find((t) => lowerAsGo(top) === t.plural);
  if (taxonomy === undefined) return { path: folder, term: false };
  const name = folder.slice(top.length + 1);
  return name === '' ? undefined : { path: `${taxonomy.plural}/${termSlug(name, pathStyle(site), site.rssFile)}`, term: true };
}

/**
 * The taxonomy whose own list page a list page is (`tags/_index.md`, `tags/_index.fr.md`), by its path in
 * its content folder and the taxonomies of its language; undefined for any other. Hugo 0.111 makes no term
 * page of that taxonomy in that language while this page is a draft, not published yet or expired, or
 * cascades any of these or `_build.render: never` (see `ListPage` of such a page, `Sections.taxonomies`).
 *
 * @example taxonomyListPage(site, 'tags/_index.md') // 'tags'
 * @example taxonomyListPage(site, 'tags/go/_index.md') // undefined
 */
export function taxonomyListPage(site: SiteConfig, relPath: string, language: LanguageConfig | string = site.defaultContentLanguage): string | undefined {
  const folder = relPath.slice(0, Math.max(0, relPath.lastIndexOf('/')));
  if (folder === '' || folder.includes('/') || !LIST_PAGE.test(relPath)) return undefined;
  // In any case, as Hugo lower-cases a section's path (`Tags/_index.md` is the taxonomy's).
  return taxonomiesOf(site, language).find((t) => t.plural === lowerAsGo(folder))?.plural;
}

/**
 * Whether a list page is its language's home page's (`_index.md`, `_index.fr.md` at the top of a content
 * folder), by its path in its content folder: its title titles the language's feed, as Hugo's home feed.
 *
 * @example isHomeListPage('_index.md') // true
 * @example isHomeListPage('news/_index.md') // false
 */
export function isHomeListPage(relPath: string): boolean {
  return !relPath.includes('/') && LIST_PAGE.test(relPath);
}

/**
 * A leaf bundle's index: as in Hugo 0.111, any Markdown file whose name starts with `index.` (`index.md`,
 * `index.en.md`, and `index.fr.md` on a site without `fr`, which is the folder language's): the folder's
 * other files are its resources, not pages.
 */
const LEAF_INDEX = /(^|\/)index\.([^/]*\.)?(md|markdown|mdown)$/;

/**
 * Whether a key is a leaf bundle's index file (a bundle's page, unless another index of the same language
 * comes first in the folder: see {@link pageKeys}).
 *
 * @example isLeafIndex('content/posts/trip/index.md') // true
 * @example isLeafIndex('content/posts/trip/index.fr.md') // true, whatever the site's languages
 */
export function isLeafIndex(key: string): boolean {
  return key.includes('index.') && LEAF_INDEX.test(key);
}

/**
 * The content keys Hugo makes pages of, in the order given: Markdown files under a language's content
 * folder, without the paths Hugo skips ({@link ignoredByHugo}) and without a leaf bundle's other Markdown
 * files (inside a folder with an `index.md`, they are the bundle's resources). Of a bundle's indexes in
 * one language (`index.md` and `index.fr.md` on a site without `fr`: both the folder language's), the
 * first by name is the page and the others are resources, as in Hugo 0.111 (see {@link shadowedIndexes}).
 *
 * @example pageKeys(site, ['content/a/index.md', 'content/a/notes.md', 'content/b.md']) // ['content/a/index.md', 'content/b.md']
 */
export function pageKeys(site: SiteConfig, keys: readonly string[]): string[] {
  const candidates: { key: string; relPath: string; lang: string }[] = [];
  for (const key of keys) {
    const location = isMarkdownKey(key) ? locateArticle(site, key) : undefined;
    if (location !== undefined && !ignoredByHugo(location.relPath) && !hasEmptyFolderName(location.relPath)) {
      candidates.push({ key, relPath: location.relPath, lang: location.lang.key });
    }
  }
  // Bundle folders by key; a bundle is a folder below the content folder (an index.md at its top is no bundle).
  const bundles = new Set<string>();
  const indexes: { key: string; lang: string }[] = [];
  for (const { key, relPath, lang } of candidates) {
    if (!relPath.includes('/') || !isLeafIndex(relPath)) continue;
    bundles.add(key.slice(0, key.lastIndexOf('/') + 1));
    indexes.push({ key, lang });
  }
  if (bundles.size === 0) return candidates.map((c) => c.key);
  const shadowed = shadowedIndexes(indexes);
  return candidates
    .filter(({ key }) => !shadowed.has(key) && !insideBundle(isLeafIndex(key) ? key.slice(0, key.lastIndexOf('/')) : key, bundles))
    .map((c) => c.key);
}

/**
 * The leaf bundle indexes that are no page, each with the index that is: where a bundle folder has two
 * indexes of one language, Hugo 0.111 takes the one named for that language (`index.zh-cn.md` before
 * `index.md` in zh-cn's folder, `index.en.md` before `index.FR.md`), else the first by name (`index.fr.md`
 * before `index.md` on a site without fr), and makes the others resources of its page.
 */
function shadowedIndexes(indexes: readonly { readonly key: string; readonly lang: string }[]): Map<string, string> {
  const bySlot = new Map<string, { lang: string; keys: string[] }>();
  for (const { key, lang } of indexes) getOrInsert(bySlot, `${lang}\0${key.slice(0, key.lastIndexOf('/') + 1)}`, () => ({ lang, keys: [] })).keys.push(key);
  const shadowed = new Map<string, string>();
  for (const { lang, keys } of bySlot.values()) {
    if (keys.length < 2) continue;
    const named = (key: string): number => (indexNamedFor(key, lang) ? 0 : 1);
    keys.sort((a, b) => named(a) - named(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys.slice(1)) shadowed.set(key, keys[0] as string);
  }
  return shadowed;
}

/** Whether a leaf bundle index's name has the suffix of language `lang` (`index.zh-cn.md` for zh-cn). */
function indexNamedFor(key: string, lang: string): boolean {
  return key.slice(key.lastIndexOf('/') + 1).startsWith(`index.${lang}.`);
}

/** Whether a path lies in one of the bundle folders (each ending with `/`). */
function insideBundle(path: string, bundles: ReadonlySet<string>): boolean {
  for (let end = path.lastIndexOf('/'); end >= 0; end = path.lastIndexOf('/', end - 1)) {
    if (bundles.has(path.slice(0, end + 1))) return true;
  }
  return false;
}

/**
 * What an author most likely did not mean among the content keys Hugo makes no page of (see
 * {@link pageKeys}): a Markdown file with an upper-case suffix (`post.MD`: Hugo reads `.md` only), a
 * second index of a leaf bundle in one language (`index.fr.md` beside `index.en.md` on a site without
 * `fr`, a LoveIt example: a resource of the first one's page), and a
 * leaf bundle whose `index.md` turns other Markdown files into resources, in no feed (often an `index.md`
 * meant as a section's `_index.md`). A warning per such file, and one report per bundle, on its `index.md`:
 * a warning, which `build` shows too, when one of the files it hides is in `dated` (its front matter has a
 * date: an article, most likely; see `hasFrontMatterDate`), else a notice (a bundle may mean to keep
 * Markdown resources).
 *
 * @example listingProblems(site, ['content/news/index.md', 'content/news/a.md'], new Set(['content/news/index.md']))
 * // [{ file: 'content/news/index.md', rule: 'bundle-hides-pages', … }]
 */
export function listingProblems(site: SiteConfig, keys: readonly string[], pages: ReadonlySet<string>, dated: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  for (const key of keys) {
    if (pages.has(key) || !MARKDOWN_ANY_CASE.test(key)) continue;
    const location = locateArticle(site, key);
    if (location === undefined || ignoredByHugo(location.relPath)) continue;
    if (hasEmptyFolderName(location.relPath)) {
      // The key with each run of slashes as one (a content folder's own path has none: the config refuses it).
      const meant = key.replace(/\/{2,}/g, '/');
      problems.push({
        file: key,
        severity: 'warning',
        rule: 'key-empty-folder',
        message: `the key has a folder of no name ("//"), which no folder on disk has: not published; upload it as ${meant}`,
      });
      continue;
    }
    if (isMarkdownKey(key)) continue;
    const suffix = key.slice(key.lastIndexOf('.'));
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'suffix-case',
      message: `Hugo reads ${suffix.toLowerCase()} files, not ${suffix}: not published; rename it to end in ${suffix.toLowerCase()}`,
    });
  }
  problems.push(...contentAdapterProblems(site, keys));
  for (const [key, page] of shadowedIndexesIn(site, keys, pages)) problems.push(shadowedIndexProblem(site, key, page));
  for (const [index, files] of bundleHiddenFiles(site, keys, pages)) {
    const folder = index.slice(0, index.lastIndexOf('/') + 1);
    const count = files.length;
    const hidden = `makes ${folder} one page (a leaf bundle): its ${count} other Markdown file${count === 1 ? ' is a resource' : 's are resources'} of that page, in no feed`;
    const article = files.find((file) => dated.has(file));
    problems.push(
      article === undefined
        ? { file: index, severity: 'info', rule: 'bundle-hides-pages', message: `${hidden}; a section's list page is named _index.md` }
        : {
            file: index,
            severity: 'warning',
            rule: 'bundle-hides-pages',
            message: `${hidden}, though ${article.slice(folder.length)} has a date like an article: if ${folder} is a section, rename ${index.slice(folder.length)} to _index.md`,
          },
    );
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A content adapter's file name (Hugo 0.126): `_content.gotmpl`, or `_content.<lang>.gotmpl` for a language. */
const CONTENT_ADAPTER = /(^|\/)_content(\.[^./]+)?\.gotmpl$/;

/**
 * A warning for each content adapter in a content folder (`content/books/_content.gotmpl`, Hugo 0.126): a
 * template that adds pages to the site when Hugo builds it. feedpub runs no template, so those pages are in
 * no feed, which the author would otherwise never hear (the listing shows the file, and nothing else).
 *
 * @example contentAdapterProblems(site, ['content/books/_content.gotmpl'])[0]?.rule // 'content-adapter'
 */
export function contentAdapterProblems(site: SiteConfig, keys: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const key of keys) {
    if (!key.endsWith('.gotmpl') || !CONTENT_ADAPTER.test(key)) continue;
    const location = locateArticle(site, key);
    if (location === undefined || ignoredByHugo(location.relPath)) continue;
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'content-adapter',
      message: `a content adapter (Hugo 0.126+): the pages its template adds to the site are in no feed, as feedpub runs no template; write them as Markdown files to publish them`,
    });
  }
  return problems;
}

/**
 * The indexes of leaf bundles that are no page, each with the index of the same folder and language that
 * is (see {@link pageKeys}), in key order.
 */
function shadowedIndexesIn(site: SiteConfig, keys: readonly string[], pages: ReadonlySet<string>): Map<string, string> {
  const shadowed = new Map<string, string>();
  /** Each page that is a leaf bundle's index, by its language and folder. */
  let indexes: Map<string, string> | undefined;
  const slot = (lang: string, key: string): string => `${lang}\0${key.slice(0, key.lastIndexOf('/') + 1)}`;
  for (const key of keys) {
    if (pages.has(key) || !key.includes('index.') || !isLeafIndex(key) || !isMarkdownKey(key)) continue;
    const location = locateArticle(site, key);
    if (location === undefined || ignoredByHugo(location.relPath) || !location.relPath.includes('/') || !isLeafIndex(location.relPath)) continue;
    if (indexes === undefined) {
      indexes = new Map();
      for (const page of pages) {
        const at = page.includes('index.') && isLeafIndex(page) ? locateArticle(site, page) : undefined;
        if (at?.relPath.includes('/') && isLeafIndex(at.relPath)) indexes.set(slot(at.lang.key, page), page);
      }
    }
    const page = indexes.get(slot(location.lang.key, key));
    if (page !== undefined) shadowed.set(key, page);
  }
  return new Map([...shadowed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The warning for a leaf bundle index that another index of its folder and language keeps from being a
 * page: which one is, and why the two share a language when a suffix names none of the site's.
 */
function shadowedIndexProblem(site: SiteConfig, key: string, page: string): Problem {
  const folder = key.slice(0, key.lastIndexOf('/') + 1);
  const lang = locateArticle(site, key)?.lang.key ?? site.defaultContentLanguage;
  const languages = site.languages.map((l) => l.key);
  /** The part of an index's name between `index.` and its extension, when it names no language of the site. */
  const unnamed = (file: string): string | undefined => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    const suffix = name.slice('index.'.length, name.lastIndexOf('.'));
    return suffix === '' || languages.includes(suffix) ? undefined : suffix;
  };
  const own = unnamed(key);
  const other = unnamed(page);
  const pageName = page.slice(folder.length);
  // Why that one is the page: named for the language, or (neither being so) first by name.
  const first = indexNamedFor(page, lang) ? `named for ${lang}` : 'first by name';
  const message =
    own !== undefined
      ? `.${own} names no language of the site, so Hugo 0.111 reads this file as ${lang}'s index of the leaf bundle ${folder}, where ${pageName}, ${first}, is the page: this one is a resource of it, in no feed; add ${own} to the site's languages to publish it as a translation, or remove it`
      : other !== undefined
        ? `a second ${lang} index of the leaf bundle ${folder}: ${pageName} (.${other} names no language of the site, so it is ${lang}'s) comes first by name, and Hugo 0.111 makes it the page and this one a resource of it, in no feed; rename or remove ${pageName}`
        : `a second ${lang} index of the leaf bundle ${folder}: Hugo 0.111 makes ${pageName}, ${first}, the page and this one a resource of it, in no feed; remove one of the two`;
  return { file: key, severity: 'warning', rule: 'bundle-hides-pages', message };
}

/**
 * The folders that hold the languages' content folders without being one (`content/` for `content/en` and
 * `content/zh-CN`): a Markdown file there is in no language. Not the site's root (themes and archetypes
 * are there), and none on a site that disables a language (whose folder feedpub does not know).
 *
 * @example contentParents(site) // ['content/'] for languages in content/en and content/zh-CN
 */
export function contentParents(site: SiteConfig): string[] {
  if ((site.disabledLanguages ?? []).length > 0) return [];
  const dirs = site.languages.map((lang) => (lang.contentDir === '' ? '' : `${lang.contentDir}/`));
  const parents = new Set<string>();
  for (const dir of dirs) {
    const parent = dir.slice(0, dir.lastIndexOf('/', dir.length - 2) + 1);
    if (parent !== '' && !dirs.some((d) => parent.startsWith(d))) parents.add(parent);
  }
  return [...parents].sort();
}

/**
 * A warning for each Markdown file of `keys` (listed under {@link contentParents}) that is in no language's
 * content folder (`content/posts/a.md` on a site whose languages read `content/en` and `content/zh-CN`):
 * Hugo makes no page of it, and an author who put it there would otherwise hear nothing (an operator audit).
 *
 * @example outsideContentProblems(site, ['content/posts/a.md']) // [{ rule: 'outside-content-dirs', … }]
 */
export function outsideContentProblems(site: SiteConfig, keys: readonly string[]): Problem[] {
  const folders = site.languages.map((lang) => lang.contentDir || '.').join(', ');
  return keys
    .filter((key) => isMarkdownKey(key) && locateArticle(site, key) === undefined)
    .sort()
    .map((key) => ({
      file: key,
      severity: 'warning' as const,
      rule: 'outside-content-dirs',
      message: `in no language's content folder (${folders}): Hugo makes no page of it, so it is in no feed; move it into one`,
    }));
}

/**
 * The Markdown files leaf bundles hide (Hugo reads them as resources of the bundle's page, see
 * {@link pageKeys}), by the bundle's `index.md`, in key order.
 *
 * @example bundleHiddenFiles(site, ['content/news/index.md', 'content/news/a.md'], new Set(['content/news/index.md'])) // Map { 'content/news/index.md' => ['content/news/a.md'] }
 */
export function bundleHiddenFiles(site: SiteConfig, keys: readonly string[], pages: ReadonlySet<string>): Map<string, string[]> {
  const hidden = new Map<string, string[]>();
  /** Each page that is a leaf bundle's index, by its folder (with its `/`). */
  let bundles: Map<string, string> | undefined;
  // A second index of a bundle is reported on its own (see `shadowedIndexProblem`).
  const shadowed = shadowedIndexesIn(site, keys, pages);
  for (const key of keys) {
    if (pages.has(key) || !isMarkdownKey(key) || shadowed.has(key)) continue;
    const location = locateArticle(site, key);
    if (location === undefined || ignoredByHugo(location.relPath)) continue;
    // A Markdown file that is no page is inside a leaf bundle: count it for the bundle's index.
    bundles ??= new Map([...pages].filter(isLeafIndex).map((k) => [k.slice(0, k.lastIndexOf('/') + 1), k]));
    for (let end = key.lastIndexOf('/'); end > 0; end = key.lastIndexOf('/', end - 1)) {
      const index = bundles.get(key.slice(0, end + 1));
      if (index !== undefined) {
        getOrInsert(hidden, index, () => []).push(key);
        break;
      }
    }
  }
  for (const files of hidden.values()) files.sort();
  return new Map([...hidden].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A Markdown suffix in any case (Hugo's, `.md`, `.markdown`, `.mdown`). */
const MARKDOWN_ANY_CASE = /\.(md|markdown|mdown)$/i;

/**
 * Whether a key has a Markdown suffix in any case: every content file a run reads or reports on (`post.MD`
 * is reported, `suffix-case`); nothing else under a content folder matters to feeds.
 *
 * @example hasMarkdownSuffix('content/a.MD') // true
 */
export function hasMarkdownSuffix(key: string): boolean {
  return MARKDOWN_ANY_CASE.test(key);
}
