import { createHash } from 'node:crypto';
import type { Article, LanguageConfig, Problem, SiteConfig } from '../model.js';
import { articleId } from '../plan/ids.js';
import { absoluteUrl, baseName, pagePath } from '../plan/urls.js';
import { plainText } from '../render/plain-text.js';
import { decodeSource, decodeSourceHead } from './decode-source.js';
import { bodyAt, type FrontMatter, FrontMatterError, readFrontMatter } from './front-matter.js';
import { readFields } from './front-matter-fields.js';

const MAX_TITLE_CHARS = 500;

/** Where an article sits in the site: its language and its path inside that language's contentDir. */
export interface ArticleLocation {
  readonly lang: LanguageConfig;
  readonly relPath: string;
}

/** What parsing one file produced: an article (maybe held back later) and/or problems. */
export interface ParseResult {
  readonly article?: Article;
  readonly problems: readonly Problem[];
}

/**
 * Decides which language a content file belongs to and its path inside the language's contentDir, as
 * Hugo does: the language whose contentDir holds the file (the longest such dir); where several
 * languages share a dir, a `.<key>.md` suffix naming one of them, else the default language.
 * Returns undefined for a key outside every contentDir.
 */
export function locateArticle(site: SiteConfig, key: string): ArticleLocation | undefined {
  // Folders longest first: the first that holds the key is the deepest; languages sharing it are its ties.
  for (const { dir, langs } of contentFolders(site)) {
    if (!key.startsWith(dir)) continue;
    const relPath = key.slice(dir.length);
    const first = langs[0] as LanguageConfig;
    if (langs.length === 1) return { lang: first, relPath };
    const match = /\.([^./]+)\.(md|markdown|mdown)$/i.exec(relPath);
    const byName = match ? langs.find((l) => l.key === match[1]) : undefined;
    return { lang: byName ?? langs.find((l) => l.key === site.defaultContentLanguage) ?? first, relPath };
  }
  return undefined;
}

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

/**
 * Parses one untrusted source file into an Article. Never throws for bad content: every problem comes
 * back with file, line and rule; an error-severity problem means no article. Nothing is rendered here
 * (Markdown is rendered only for articles that end up in a feed). `hash` is the sha256 of `bytes`
 * when the caller has already computed it.
 *
 * @example parseArticle(site, { key: 'content/en/a.md', bytes }, locateArticle(site, 'content/en/a.md')!)
 */
export function parseArticle(
  site: SiteConfig,
  file: { key: string; bytes: Uint8Array; hash?: string },
  location: ArticleLocation,
  options: ParseArticleOptions = {},
): ParseResult {
  const { key, bytes } = file;
  const problems: Problem[] = [];
  const reject = (rule: string, message: string, line?: number): ParseResult => ({
    problems: [...problems, { file: key, severity: 'error', rule, message, ...(line !== undefined ? { line } : {}) }],
  });
  if (/(^|\/)_index\.[^/]+$/.test(key)) {
    return { problems: [{ file: key, severity: 'info', rule: 'list-page', message: 'list page (_index), not an article: not in feeds' }] };
  }
  if (bytes.byteLength > site.feeds.maxArticleBytes) {
    return reject('too-large', `file is ${bytes.byteLength} bytes; the limit is ${site.feeds.maxArticleBytes} (feedpub.maxArticleBytes)`);
  }
  let fm = options.body === false ? frontMatterOfHead(bytes) : undefined;
  if (fm === undefined) {
    const decoded = decodeSource(bytes);
    if (!decoded.ok) return reject(decoded.rule, decoded.message, decoded.line);
    try {
      fm = readFrontMatter(decoded.text);
    } catch (error) {
      if (error instanceof FrontMatterError) return reject(error.rule, error.message, error.line);
      throw error;
    }
  }
  const taxonomies = site.taxonomies.map((t) => t.plural);
  const { fields, problems: fieldProblems } = readFields(fm, {
    taxonomies,
    timeZone: site.timeZone,
    maxTerms: site.feeds.maxTermsPerTaxonomy,
    maxTitleChars: 60_000, // longer titles are shortened below, not rejected
  });
  for (const p of fieldProblems) {
    problems.push({ file: key, severity: p.severity, rule: p.rule, message: `${p.key}: ${p.message}`, ...(p.line !== undefined ? { line: p.line } : {}) });
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };

  if (fields.unlisted !== undefined) {
    return {
      problems: [
        ...problems,
        { file: key, severity: 'info', rule: 'not-listed', message: `${fields.unlisted}: Hugo lists the page nowhere, so no feed does`, line: fm.rawLine },
      ],
    };
  }
  // Hugo's default [frontmatter] date order: date, publishDate, lastmod.
  const date = fields.date ?? fields.publishDate ?? fields.lastmod;
  if (date === undefined) {
    return {
      problems: [
        ...problems,
        {
          file: key,
          severity: 'warning',
          rule: 'no-date',
          message: 'no date, publishDate or lastmod: not in feeds (Hugo would list it as year 0001)',
          line: fm.rawLine,
        },
      ],
    };
  }
  let title = plainText(fields.title ?? '');
  if (title === '') return reject('title-missing', 'no title: feed items need one', fm.rawLine);
  if ([...title].length > MAX_TITLE_CHARS) {
    title = `${[...title].slice(0, MAX_TITLE_CHARS - 1).join('')}…`;
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'title-long',
      message: `title longer than ${MAX_TITLE_CHARS} characters: shortened`,
      line: fm.rawLine,
    });
  }
  if (fields.lang !== undefined && fields.lang.toLowerCase() !== location.lang.key && fields.lang.toLowerCase() !== location.lang.code.toLowerCase()) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'lang-mismatch',
      message: `lang "${fields.lang}" differs from the language of its content folder (${location.lang.key}); the folder wins`,
      line: fm.rawLine,
    });
  }

  const publishAt = fields.publishDate ?? date;
  const updated = Math.max(fields.lastmod ?? date, date);
  const path = pagePath(site, location, {
    title,
    date,
    ...(fields.slug !== undefined ? { slug: fields.slug } : {}),
    ...(fields.url !== undefined ? { url: fields.url } : {}),
  });
  const url = absoluteUrl(site, path);
  const pairing = pairingKey(site, location.relPath);
  const translationKey = fields.translationKey ?? pairing;
  const image = fields.images.map((src) => absolutize(src, url)).find((u) => u !== undefined);
  // An author's URL is a link readers follow: absolute http(s), as images and links in the content.
  const authors = fields.authors.map(({ url: link, ...person }) => {
    if (link === undefined) return person;
    const absolute = absolutize(link, url);
    if (absolute === undefined) {
      problems.push({
        file: key,
        severity: 'warning',
        rule: 'author-url',
        message: `author ${JSON.stringify(person.name)}: url ${JSON.stringify(link)} is not an http(s) URL: left out`,
        line: fm.rawLine,
      });
      return person;
    }
    return { ...person, url: absolute };
  });
  const article: Article = {
    key,
    hash: file.hash ?? sha256(bytes),
    id: articleId(site.feeds.idNamespace, location.lang.key, translationKey, fields.id),
    lang: location.lang.key,
    translationKey,
    section: baseName(site, location.relPath).dirs[0] ?? '',
    title,
    published: date,
    updated,
    publishAt,
    ...(fields.expiryDate !== undefined ? { expiresAt: fields.expiryDate } : {}),
    draft: fields.draft,
    summary: plainText(fields.summary ?? ''),
    terms: fields.terms,
    authors,
    ...(image !== undefined ? { image } : {}),
    url,
    body: options.body === false ? '' : fm.body,
    bodyLine: fm.bodyLine,
    bodyStart: fm.bodyStart,
  };
  return { article, problems };
}

/** How to parse one file. */
export interface ParseArticleOptions {
  /**
   * `false`: the caller needs no body (the article's `body` is ''; `bodyStart` and `bodyLine` are still
   * set), so only the front matter's part of the file is decoded where that is enough to read it.
   */
  readonly body?: boolean;
}

/**
 * Front matter read from the head of the file alone (see `decodeSourceHead`); undefined when there is
 * no such head or it does not read, and the whole file is then decoded and read (with the errors it
 * always gave). Exact: the head ends with the line that closes the front matter, and everything
 * `readFrontMatter` decides before that line's end depends on nothing after it (a property test
 * compares the two on hostile files).
 */
function frontMatterOfHead(bytes: Uint8Array): FrontMatter | undefined {
  const head = decodeSourceHead(bytes);
  if (head === undefined) return undefined;
  try {
    return readFrontMatter(head);
  } catch {
    return undefined;
  }
}

/** Translations pair by path without the language suffix (any case) and extension. */
function pairingKey(site: SiteConfig, relPath: string): string {
  const { dirs, name } = baseName(site, relPath);
  const dot = name.lastIndexOf('.');
  const bare = dot > 0 && site.languages.some((l) => l.key === name.slice(dot + 1).toLowerCase()) ? name.slice(0, dot) : name;
  return [...dirs, bare].join('/');
}

function absolutize(src: string, base: string): string | undefined {
  try {
    const url = new URL(src.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The body of an article parsed before from these very bytes (the caller checks their hash), at the
 * `bodyStart` that parse gave: decoded as parse decodes, the front matter not parsed again.
 *
 * @example bodyFromSource(bytes, article.bodyStart) === article.body // for the bytes it was parsed from
 */
export function bodyFromSource(bytes: Uint8Array, bodyStart: number): string | undefined {
  const decoded = decodeSource(bytes);
  return decoded.ok ? bodyAt(decoded.text, bodyStart) : undefined;
}

/** sha256 of bytes, hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
