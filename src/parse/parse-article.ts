import { type Article, type Problem, type ProblemRule, type SiteConfig, timeZoneOf } from '../model.js';
import { articleId } from '../plan/ids.js';
import { baseName, linkUsesDate, pageUrl, pageUrlsBySections, pairingName, urlFieldPath } from '../plan/urls.js';
import { cascadeDateKeys, DATE_KINDS, type DateSources, FRONT_MATTER_DATE_DEFAULTS, UNDATED } from '../plan/date-sources.js';
import { taxonomiesOf } from '../config/language-settings.js';
import { bodyExcerpt } from '../render/body-excerpt.js';
import type { EmojiTable } from '../render/emoji.js';
import { toUri } from '../render/formats.js';
import { clusterStart, plainText } from '../render/plain-text.js';
import { summaryText } from '../render/summary-text.js';
import { decodeSource, decodeSourceHead } from './decode-source.js';
import { type FrontMatter, FrontMatterError, readFrontMatter } from './front-matter.js';
import { parseDate } from './dates.js';
import { findKeyLine } from './key-line.js';
import { type ArticleFields, type FieldProblem, MARKUP_RENDERERS, readFields } from './front-matter-fields.js';
import { type CascadeEntry, cascadeOptions, readCascade } from './cascade.js';
import { STATES } from './cascade-states.js';
import { type CascadeNode, hugoPath, resolveCascade } from '../plan/cascade.js';
import { type ArticleLocation, isHomeListPage, isLeafIndex, isListPage, listPageFeed, taxonomyListPage } from './pages.js';
import { LIST_PAGE_IGNORED, listPageNote, TAXONOMY_PAGE_IGNORED, tooLargeMessage, tooLargeResult } from './too-large.js';
import { sha256 } from '../sha256.js';
import { findRefCalls, findShortcodeUses, MAX_PARAM_KEYS, MAX_REFS, type ShortcodeUses } from './shortcodes.js';
import { pageParam, siteParam } from './params.js';
import { bodyFromSource } from './source-body.js';
import { isRecord, recordFrom } from '../util/record.js';

const MAX_TITLE_CHARS = 500;

/** What parsing one file produced: an article (maybe held back later) and/or problems. */
export interface ParseResult {
  readonly article?: Article;
  readonly problems: readonly Problem[];
  /**
   * A section's or a term's list page (`news/_index.md`, `tags/go/_index.md`): what it says of that feed; a
   * taxonomy's own (`tags/_index.md`): what it says of its terms' feeds (see `readListPageReport`).
   */
  readonly list?: ListPage;
  /** A page Hugo builds that is no article of any feed: what it says of its section. */
  readonly quiet?: QuietPage;
  /**
   * A page without a date of its own (with `quiet` and a `no-date` warning): the article it is where a cascade
   * dates it, when a run plans (its `dates` say it has no date; see `Article.dates`).
   */
  readonly undated?: Article;
}

/**
 * A page Hugo 0.111 builds and feedpub lists in no feed: undated (Hugo would list it as year 0001), listed
 * nowhere (`_build`, a bundle's `headless`), or with neither title nor text. Its top folder is one of
 * Hugo's sections all the same, and each of its terms one of Hugo's terms: their feeds are then there,
 * empty if nothing else is in them. Its draft flag and times say when Hugo builds it, as an article's say
 * when it is live.
 */
export interface QuietPage {
  readonly lang: string;
  /** Its top folder, as an article's `section` ('' for a page at the top of its content folder). */
  readonly section: string;
  readonly draft?: true;
  /**
   * Its `publishDate` (its `date` key where Hugo's publishDate sources read it), epoch ms, when it has one:
   * before it, Hugo does not build it.
   */
  readonly publishAt?: number;
  /** Its `expiryDate`, epoch ms: from then on, Hugo does not build it. */
  readonly expiresAt?: number;
  /** The keys it settles that a cascade would otherwise give it, as an article's (`Article.states`). */
  readonly states?: number;
  /** Its terms, as an article's (`{ tags: ['Go'] }`, a taxonomy whose key it has without terms too); absent when none. */
  readonly terms?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Parses one untrusted source file into an Article. Never throws for bad content: every problem comes
 * back with file, line and rule; an error-severity problem means no article. Nothing is rendered here
 * (Markdown is rendered only for articles that end up in a feed), except the start of the body of an
 * untitled article without a summary: its excerpt stands in for the title, and without one the article
 * has nothing to show and is rejected (`title-missing`). `hash` is the sha256 of `bytes`
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
  const reject = (rule: ProblemRule, message: string, line?: number): ParseResult => ({
    problems: [...problems, { file: key, severity: 'error', rule, message, ...(line !== undefined ? { line } : {}) }],
  });
  if (bytes.byteLength > site.feeds.maxArticleBytes) return tooLargeResult(site, key, location, bytes.byteLength);
  if (isListPage(key)) {
    const listed = listPageNote(key);
    const lang = location.lang.key;
    if (isHomeListPage(location.relPath)) {
      // The home page's: its title, for the language's feed (Hugo's home feed), and its cascade, for every
      // page of the language (and the home page, unless it settles the key itself).
      const { list, problems: found } = readListPageReport(site, bytes, lang, { kind: 'home', path: '/', lang });
      return { problems: [listed, ...found.map((p) => ({ file: key, ...p }))], ...(list !== undefined ? { list } : {}) };
    }
    // A section's or a term's list page; or a taxonomy's own (`tags/_index.md`), which speaks for its terms.
    const feed = listPageFeed(site, location.relPath, location.lang);
    const taxonomy = feed === undefined ? taxonomyListPage(site, location.relPath, location.lang) : undefined;
    if (feed === undefined && taxonomy === undefined) return { problems: [listed] };
    const at: CascadeNode =
      feed === undefined
        ? { kind: 'taxonomy', path: `/${taxonomy}`, lang }
        : { kind: feed.term ? 'term' : 'section', path: hugoPath(site, location.relPath), lang };
    const { list, problems: found } = readListPageReport(site, bytes, lang, at);
    return { problems: [listed, ...found.map((p) => ({ file: key, ...p }))], ...(list !== undefined ? { list } : {}) };
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
  const taxonomies = taxonomiesOf(site, location.lang).map((t) => t.plural);
  const sources = site.frontMatterDates;
  // Dates without a zone are in the page's language's zone (its own `timeZone`, else the site's).
  const timeZone = location.lang.timeZone ?? site.timeZone;
  const fromName = sources !== undefined && Object.values(sources).some((list) => list.includes(':filename')) ? filenameDate(location, timeZone) : undefined;
  const { fields, problems: fieldProblems } = readFields(fm, {
    taxonomies,
    timeZone,
    maxTerms: site.feeds.maxTermsPerTaxonomy,
    maxTitleChars: 60_000, // longer titles are shortened below, not rejected
    ...(sources !== undefined ? { dates: { sources, ...(fromName !== undefined ? { filename: fromName.ms } : {}) } } : {}),
  });
  for (const p of fieldProblems) {
    problems.push({ file: key, severity: p.severity, rule: p.rule, message: `${p.key}: ${p.message}`, ...(p.line !== undefined ? { line: p.line } : {}) });
  }
  if (problems.some((p) => p.severity === 'error')) return { problems };

  // Hugo's default [frontmatter] date order: date, publishDate, lastmod (the site's own, already applied).
  const date = sources !== undefined ? fields.date : (fields.date ?? fields.publishDate ?? fields.lastmod);
  // The keys it settles that a cascade would otherwise give it (the cascade is applied when a run plans).
  const states =
    (hasKey(fm, 'draft') ? STATES.draft : 0) |
    (fields.publishDate !== undefined ? STATES.publishDate : 0) |
    (hasKey(fm, 'headless') ? STATES.headless : 0) |
    (fields.lastmod !== undefined ? STATES.lastmod : 0) |
    (hasKey(fm, 'markup') ? STATES.markup : 0);
  // Its publishDate: the first of publishDate's own sources it has (by default publishdate, its aliases and
  // `date`), never a date from lastmod, a custom key or a file name that only its date reads. Without one it
  // is Hugo 0.111's zero time, which is never ahead: the page is listed now whatever its date (checked with hugo).
  const ownPublishDate = sources !== undefined ? fields.publishDate : (fields.publishDate ?? fields.date);
  // What a page in no feed says of its section (see `QuietPage`); made only for such a page.
  const quiet = (): QuietPage => {
    const publishAt = ownPublishDate;
    const terms = Object.entries(fields.terms);
    return {
      lang: location.lang.key,
      section: baseName(site, location.relPath).dirs[0] ?? '',
      ...(fields.draft ? { draft: true } : {}),
      ...(publishAt !== undefined ? { publishAt } : {}),
      ...(fields.expiryDate !== undefined ? { expiresAt: fields.expiryDate } : {}),
      ...(states !== 0 ? { states } : {}),
      ...(terms.length > 0 ? { terms: recordFrom(terms) } : {}),
    };
  };
  // `headless` counts in a leaf bundle's index only: Hugo 0.111 lists a plain page that says it.
  const unlisted = fields.unlisted ?? (isLeafIndex(location.relPath) ? fields.headless : undefined);
  if (unlisted !== undefined) {
    return {
      problems: [
        ...problems,
        { file: key, severity: 'info', rule: 'not-listed', message: `${unlisted}: Hugo lists the page nowhere, so no feed does`, line: fm.rawLine },
      ],
      quiet: quiet(),
    };
  }
  // The offset a date was written with, which permalink tokens (`:year`) read; a wall-clock date is in its
  // language's zone, which the page's URL takes from its language (`goTimeOf` in src/plan/urls.ts).
  // Without a date of its own, Hugo's zero time (0001-01-01, in UTC) until a cascade dates it when a run plans:
  // the page is an article then, else a page in no feed.
  const dateOffset =
    date === undefined ? 0 : fields.dateOffsets[fields.date !== undefined ? 'date' : fields.publishDate !== undefined ? 'publishDate' : 'lastmod'];
  if (date === undefined) problems.push({ file: key, severity: 'warning', rule: 'no-date', ...undated(fm, sources) });
  const dated = date ?? UNDATED;
  // An empty title (none, or none once plain text) is no error: Hugo publishes such pages (notes, link
  // posts), and so does every format, with text standing in for it (see below).
  const fullTitle = plainText(fields.title ?? '');
  const title = shortened(fullTitle);
  if (title !== fullTitle) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'title-long',
      message: `title longer than ${MAX_TITLE_CHARS} characters: shortened`,
      line: keyLine(fm, ['title']),
    });
  }
  if (fields.lang !== undefined && fields.lang.toLowerCase() !== location.lang.key && fields.lang.toLowerCase() !== location.lang.code?.toLowerCase()) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'lang-mismatch',
      message: namedByFile(location)
        ? `lang "${fields.lang}" differs from the language its file name names (${location.lang.key}); the file name wins`
        : `lang "${fields.lang}" differs from the language of its content folder (${location.lang.key}); the folder wins`,
      line: keyLine(fm, ['lang']),
    });
  }

  if (fields.markup !== undefined && fields.markup !== 'html') {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'markup-not-read',
      message: `markup "${fields.markup}": Hugo renders the page with ${MARKUP_RENDERERS[fields.markup]}; feedpub has no such renderer and reads its body as Markdown`,
      line: keyLine(fm, ['markup']),
    });
  }

  const publishAt = ownPublishDate ?? UNDATED;
  const updated = Math.max(fields.lastmod ?? dated, dated);
  const urlFields = {
    // `:title` urlizes the front matter's title as written, as Hugo 0.111's does (`Tom &amp; Jerry` →
    // `/tom-amp-jerry/`): not the feeds' plain text, its references decoded and cut to MAX_TITLE_CHARS.
    title: fields.title ?? '',
    date: dated,
    ...(dateOffset !== undefined ? { dateOffsetMinutes: dateOffset } : {}),
    // A date from the file name (`2025-02-10-hello.md`) gives the slug too (`hello`), unless the front matter has one.
    ...(fields.slug !== undefined
      ? { slug: fields.slug }
      : fields.dateFromFilename && fromName !== undefined && fromName.slug !== '' && !hasKey(fm, 'slug')
        ? { slug: fromName.slug }
        : {}),
    ...(fields.url !== undefined ? { url: fields.url } : {}),
  };
  // At the language's own host, where it has one (Hugo's multihost).
  const url = pageUrl(site, location, urlFields);
  const sectionUrls = pageUrlsBySections(site, location, urlFields);
  // Where its dates come from, where `states` does not tell it; with what its link is made again from a date
  // a cascade gives it.
  const ownDates = dateSourcesOf(fm, fields, sources);
  const dates =
    ownDates !== undefined && ownDates.ranks[0] !== 0 && linkUsesDate(site, location, urlFields)
      ? { ...ownDates, link: urlFields.slug !== undefined ? { slug: urlFields.slug } : {} }
      : ownDates;
  // Markdown, as Hugo renders a front matter summary, reduced to plain text.
  let summary = summaryText(fields.summary ?? '', url, site.markdown);
  const translationKey = fields.translationKey ?? defaultTranslationKey(site, location.relPath);
  // A front matter image is resolved as Hugo 0.111's opengraph template resolves it (`absURL`): against the
  // baseURL (`img/cover.png` of /blog/posts/p/ is /blog/img/cover.png, a file of the site's `static/`), a
  // leading `/` against the host. A leaf bundle's is its own resource, resolved against its page, where
  // the file is published (Hugo's opengraph would point at the baseURL there too, where there is none). A
  // language with a host of its own has its `absURL` there.
  const imageBase = isLeafIndex(location.relPath) ? url : (location.lang.hostBaseURL ?? site.baseURL);
  const image = fields.images.map((src) => absolutize(src, imageBase)).find((u) => u !== undefined);
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
        line: keyLine(fm, ['authors', 'author'], true),
      });
      return person;
    }
    return { ...person, url: absolute };
  });
  // Assigned in the interface's order, optional fields only when set: the same keys in the same order as
  // an object literal with conditional spreads, without building and copying a small object for each
  // (~3 µs an article, every article of every full run).
  const article: { -readonly [K in keyof Article]?: Article[K] } = {
    key,
    hash: file.hash ?? sha256(bytes),
    // `itemIds = "permalink"`: the page's URL as written in feeds (the RSS guid Hugo writes); it follows the
    // page when a list page moves it (rebuild's withSectionUrl).
    // From the path as written, as ids were made before paths were read in NFC: no published id changes.
    id:
      fields.id === undefined && site.feeds.itemIds === 'permalink'
        ? toUri(url)
        : articleId(site.feeds.idNamespace, location.lang.key, idKey(site, location.written ?? location.relPath), fields.id),
    lang: location.lang.key,
    translationKey,
    section: baseName(site, location.relPath).dirs[0] ?? '',
    title,
    published: dated,
    updated,
    publishAt,
  };
  if (fields.expiryDate !== undefined) article.expiresAt = fields.expiryDate;
  article.draft = fields.draft;
  if (fields.local !== undefined) article.local = fields.local;
  if (states !== 0) article.states = states;
  if (dates !== undefined) article.dates = dates;
  article.summary = summary;
  article.terms = fields.terms;
  article.authors = authors;
  if (image !== undefined) article.image = image;
  article.url = url;
  if (sectionUrls !== undefined) article.sectionUrls = sectionUrls;
  const refs = refCallsOf(bytes, fm, options.body !== false);
  if (refs.calls.length > 0) article.refs = refs.calls;
  if (refs.dropped > 0) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'refs-too-many',
      message: `more than ${MAX_REFS} different pages named by ref/relref shortcodes: the links of the other ${refs.dropped} lead nowhere`,
      line: refs.calls[refs.calls.length - 1]?.line ?? fm.bodyLine,
    });
  }
  const uses = shortcodeUsesOf(bytes, fm, options.body !== false);
  for (const { name, line } of uses.removed) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'shortcode-removed',
      message: `shortcode "${name}" is not one of Hugo's built-in ones: removed from feeds, as feedpub runs no template of the site's (a paired call's inner text is kept)`,
      line,
    });
  }
  if (uses.removedBesides > 0) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'shortcode-removed',
      message: `and ${uses.removedBesides} more shortcodes that are not Hugo's built-in ones: removed too`,
      line: uses.removed[uses.removed.length - 1]?.line ?? fm.bodyLine,
    });
  }
  const params: [string, string][] = [];
  for (const { key: name, line } of uses.params) {
    const text = pageParam(fm.data, name) ?? siteParam(location.lang.params, name) ?? siteParam(site.params, name);
    if (text !== undefined) params.push([name, text]);
    else {
      problems.push({
        file: key,
        severity: 'warning',
        rule: 'param-not-found',
        message: `param ${JSON.stringify(name)}: not in the page's front matter nor the site's params (or empty, 0, false or a table): feeds show nothing in its place, where Hugo stops the build`,
        line,
      });
    }
  }
  if (uses.paramsBesides > 0) {
    problems.push({
      file: key,
      severity: 'warning',
      rule: 'param-not-found',
      message: `more than ${MAX_PARAM_KEYS} different keys in param shortcodes: feeds show nothing for the other ${uses.paramsBesides}`,
      line: uses.params[uses.params.length - 1]?.line ?? fm.bodyLine,
    });
  }
  if (title === '') {
    // Untitled: RSS 2.0 then needs a description, and readers something to show. That is the summary,
    // else an excerpt of the body, made here (not when the items are rendered) so that every format
    // carries the same text and an article with none is rejected before any feed is planned; after its
    // params, which the excerpt shows as the content does.
    if (summary === '')
      summary = bodyExcerpt(
        options.body === false ? (bodyFromSource(bytes, fm.bodyStart) ?? '') : fm.body,
        url,
        site.markdown,
        params,
        options.emoji,
        fields.markup === 'html' ? 'html' : undefined,
      );
    // Undated, it is a page in no feed as before (a cascade's date would make it an article without title or text).
    if (summary === '' && date === undefined) return { problems, quiet: quiet() };
    if (summary === '') return { ...reject('title-missing', 'no title and no text: a feed item needs one or the other', fm.rawLine), quiet: quiet() };
    article.summary = summary;
    problems.push({
      file: key,
      severity: 'info',
      rule: 'title-missing',
      message: 'no title: published untitled (as Hugo does), its summary or the start of its text standing in for one',
      line: fm.rawLine,
    });
  }
  if (params.length > 0) article.params = params;
  if (fields.markup === 'html') article.markup = 'html';
  if (fields.id !== undefined) article.idStated = true;
  else if (site.feeds.itemIds !== 'permalink') {
    const written = location.written ?? location.relPath;
    const own = ownIdKey(site, written, location.lang.key);
    if (own !== idKey(site, written)) article.idOther = articleId(site.feeds.idNamespace, location.lang.key, own, undefined);
  }
  article.body = options.body === false ? '' : fm.body;
  article.bodyLine = fm.bodyLine;
  article.bodyStart = fm.bodyStart;
  if (date === undefined) return { undated: article as Article, problems, quiet: quiet() };
  return { article: article as Article, problems };
}

/**
 * Where a page's own dates come from (see `DateSources`), as far as `states` and `expiresAt` do not tell it:
 * undefined for a page with a `date` of its own and no alias (`pubdate`, `modified`, `unpublishdate`), no
 * date key without a value and no `[frontmatter]`, where they do.
 */
function dateSourcesOf(fm: FrontMatter, fields: ArticleFields, sources: SiteConfig['frontMatterDates']): DateSources | undefined {
  const lists = sources ?? FRONT_MATTER_DATE_DEFAULTS;
  const keys = fields.dateKeys;
  // Hugo's default sources are read by date, publishDate, lastmod and expiryDate with their aliases, each
  // date then the first of its list (date, publishDate, lastmod for the date; …).
  const used =
    sources !== undefined
      ? [keys.date, keys.publishDate, keys.lastmod, keys.expiryDate]
      : [keys.date ?? keys.publishDate ?? keys.lastmod, keys.publishDate ?? keys.date, keys.lastmod ?? keys.date ?? keys.publishDate, keys.expiryDate];
  const ranks = DATE_KINDS.map((kind, k) => {
    const name = used[k];
    return name === undefined ? -1 : lists[kind].indexOf(name);
  }) as unknown as DateSources['ranks'];
  const known = new Set(cascadeDateKeys(lists));
  const empty = Object.entries(fm.data)
    .filter(([name, value]) => known.has(name.toLowerCase()) && (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')))
    .map(([name]) => name.toLowerCase());
  const implied =
    sources === undefined &&
    keys.date === 'date' &&
    (keys.publishDate ?? 'publishdate') === 'publishdate' &&
    (keys.lastmod ?? 'lastmod') === 'lastmod' &&
    (keys.expiryDate ?? 'expirydate') === 'expirydate' &&
    empty.length === 0;
  if (implied) return undefined;
  const lastmod = sources !== undefined ? fields.lastmod : (fields.lastmod ?? fields.date ?? fields.publishDate);
  return { ranks, ...(ranks[2] >= 0 && lastmod !== undefined ? { lastmod } : {}), ...(empty.length > 0 ? { empty } : {}) };
}

/** How to parse one file. */
export interface ParseArticleOptions {
  /**
   * `false`: the caller needs no body (the article's `body` is ''; `bodyStart` and `bodyLine` are still
   * set), so only the front matter's part of the file is decoded where that is enough to read it.
   */
  readonly body?: boolean;
  /**
   * The alias table of a site that sets `enableEmoji` (`emojiTableFor`): an untitled page's excerpt shows
   * its emoji, as its content does.
   */
  readonly emoji?: EmojiTable;
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

const NO_REFS = { calls: [], dropped: 0 } as const;

/**
 * The `ref` / `relref` calls of the body. Most files have no shortcode at all: their bytes are searched
 * for one first, and their bodies are not decoded here.
 */
function refCallsOf(bytes: Uint8Array, fm: FrontMatter, decoded: boolean): ReturnType<typeof findRefCalls> {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('{{') < 0) return NO_REFS;
  const body = decoded ? fm.body : (bodyFromSource(bytes, fm.bodyStart) ?? '');
  return findRefCalls(body, fm.bodyLine);
}

const NO_USES: ShortcodeUses = { removed: [], removedBesides: 0, params: [], paramsBesides: 0 };

/** The body's shortcodes besides `ref` (see `findShortcodeUses`); as for refs, a file without `{{` is not searched. */
function shortcodeUsesOf(bytes: Uint8Array, fm: FrontMatter, decoded: boolean): ShortcodeUses {
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('{{') < 0) return NO_USES;
  const body = decoded ? fm.body : (bodyFromSource(bytes, fm.bodyStart) ?? '');
  return findShortcodeUses(body, fm.bodyLine);
}

/**
 * The date and slug Hugo 0.111's `:filename` reads from a page's name (a leaf bundle's is its folder's),
 * without its extension and language: the first 10 characters as a date in the site's zone
 * (`2025-02-10-hello` → 2025-02-10, `hello`), the rest, trimmed of ` -_`, as the slug. None when the name
 * does not start with a date.
 */
function filenameDate(location: ArticleLocation, timeZone: string): { ms: number; slug: string } | undefined {
  const parts = location.relPath.split('/');
  let name = isLeafIndex(location.relPath) ? (parts.at(-2) ?? '') : (parts.at(-1) ?? '').replace(/\.[^.]*$/, '');
  if (!isLeafIndex(location.relPath) && namedByFile(location)) name = name.slice(0, name.lastIndexOf('.'));
  // Hugo takes the extension off once more (`paths.FileAndExt`): `2025-02-10-v1.2` is `…-v1`.
  const dot = name.lastIndexOf('.');
  const withoutExt = dot > 0 ? name.slice(0, dot) : name;
  if (withoutExt.length < 10) return undefined;
  const parsed = parseDate(withoutExt.slice(0, 10), timeZone);
  if (!parsed.ok) return undefined;
  return { ms: parsed.ms, slug: withoutExt.slice(10).replace(/^[ \-_]+|[ \-_]+$/g, '') };
}

/** Whether the front matter has `key` (in any case), whatever its value. */
function hasKey(fm: FrontMatter, key: string): boolean {
  return Object.keys(fm.data).some((k) => k.toLowerCase() === key);
}

/** Whether a page's language is the one its file name's `.<key>` suffix names (see `locateArticle`), not its folder's. */
function namedByFile({ relPath, lang }: ArticleLocation): boolean {
  return relPath.slice(relPath.lastIndexOf('/') + 1, relPath.lastIndexOf('.')).endsWith(`.${lang.key}`);
}

/**
 * What translations pair by (the default `translationKey`): the path without extension and without the
 * suffix of the page's own language (see {@link pairingName}: a suffix names the page's language exactly
 * when it equals a language key). As in Hugo 0.111, whose suffixes equal the lower-cased keys:
 * `news/a.FR.md` is an English page `news/a.FR`, no translation of `news/a.md` and no copy of it,
 * `zh-CN/news/a.zh-CN.md` is zh-cn's `news/a.zh-CN`, and `news/a.fr.en.md` is `news/a.fr`.
 */
function pairingKey(site: SiteConfig, relPath: string): string {
  const { dirs, name } = pairingName(site, relPath);
  return [...dirs, name].join('/');
}

/**
 * What a page's translations pair it by when it names no `translationKey`: its {@link pairingKey}, but a leaf
 * bundle's index keeps its `index` (`news/a/index`), as Hugo 0.111 pairs the bundle `news/a/` with other
 * languages' bundles `news/a/` only, never with a file `news/a.md` (checked with hugo by
 * hugo-translations.property.test.ts).
 *
 * @example defaultTranslationKey(site, 'news/a/index.zh-cn.md') // 'news/a/index'
 */
function defaultTranslationKey(site: SiteConfig, relPath: string): string {
  const key = pairingKey(site, relPath);
  // The index's name gave way to its folder's (see `pairingName`): one folder fewer than the path has.
  return pairingName(site, relPath).dirs.length === relPath.split('/').length - 2 ? `${key}/index` : key;
}

/**
 * What an id is made from (with the language), as ever: the {@link pairingKey} without a suffix that names
 * any of the site's languages in any case (`zh-CN/news/a.zh-CN.md` is `news/a`, and so are the English
 * pages `news/a.FR.md` and `news/a.fr.en.md` on a site with fr): ids survive upgrades.
 */
function idKey(site: SiteConfig, relPath: string): string {
  const key = pairingKey(site, relPath);
  const dot = key.lastIndexOf('.');
  return dot > key.lastIndexOf('/') + 1 && site.languages.some((l) => l.key === key.slice(dot + 1).toLowerCase()) ? key.slice(0, dot) : key;
}

/**
 * The {@link idKey} of a page that keeps a suffix naming another language than its own (`news/a.FR.md`, an
 * English page in Hugo 0.111, is `news/a.FR`), the suffix of its own language taken off in any case as
 * there. Where it differs from the idKey, the page's `idOther` is made from it: the id it takes when
 * another page has its id (`news/a.md` beside it, a page of its own in Hugo: `sharedIdsResolved`).
 */
function ownIdKey(site: SiteConfig, relPath: string, lang: string): string {
  const key = pairingKey(site, relPath);
  const dot = key.lastIndexOf('.');
  return dot > key.lastIndexOf('/') + 1 && key.slice(dot + 1).toLowerCase() === lang ? key.slice(0, dot) : key;
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
 * A title as feeds carry it: at most MAX_TITLE_CHARS code points, a longer one cut with an ellipsis between
 * two grapheme clusters (a flag or an emoji sequence at the cut goes whole).
 */
function shortened(title: string): string {
  const chars = [...title];
  if (chars.length <= MAX_TITLE_CHARS) return title;
  return `${title.slice(0, clusterStart(title, chars.slice(0, MAX_TITLE_CHARS - 1).join('').length))}…`;
}

/** What a section's or a term's list page says of its feed. */
export interface ListPage {
  /** Its title, plain text, shortened as an article's is; absent when it has none. */
  readonly title?: string;
  /**
   * Why Hugo publishes no page for it, so no feed: `draft: true` (a draft section's pages are left out
   * too), or `_build.render` never/false/link.
   */
  readonly hidden?: string;
  /** Set with `hidden` when the list page is a draft. */
  readonly draft?: true;
  /**
   * Its `publishDate` (its `date` key where Hugo's publishDate sources read it, never its lastmod), epoch ms:
   * before it, Hugo publishes neither the section nor its pages.
   */
  readonly publishAt?: number;
  /** Its `expiryDate`, epoch ms: from then on, the same. */
  readonly expiresAt?: number;
  /**
   * The keys it settles itself, by its own front matter or its own cascade (`STATES` bits): a cascade from
   * further up (a list page above, the home page's, the site config's) gives it the others.
   */
  readonly states?: number;
  /** Its `cascade`: what the pages below it (and it) take where they settle none of their own, in order. */
  readonly cascade?: readonly CascadeEntry[];
  /**
   * The folder its `url` moves the section's or term's feed to (`articles/`), as Hugo moves the page:
   * without a leading slash, under its language's root (`zh-cn/articles/`).
   */
  readonly url?: string;
  /** A term's list page's `slug` (`tags/go/_index.md`): what a taxonomy's permalink's `:slug` gives the term. */
  readonly slug?: string;
}

/** A problem found reading a list page (a file's problem, without the file). */
export interface ListPageProblem {
  readonly severity: Problem['severity'];
  readonly rule: ProblemRule;
  readonly message: string;
  readonly line?: number;
}

/**
 * What a list page says of its feed (`list`: undefined when it says nothing or cannot be read), with the
 * problems found: a list page that cannot be read, or whose fields are wrong (an unparsable `draft` or
 * date), is reported, since what it fails to say may be an intended draft or embargo of its whole
 * section. Its section is then published as if it had no list page.
 *
 * `at` is the list page as a cascade target sees it: its own cascade's entries that target it count for it.
 *
 * @example readListPageReport(site, new TextEncoder().encode('---\ntitle: 新闻\n---\n')).list // { title: '新闻' }
 * @example readListPageReport(site, new TextEncoder().encode('---\ndraft: true\n---\n')).list // { hidden: 'draft: true', draft: true, states: 1 }
 * @example readListPageReport(site, new TextEncoder().encode('---\ndraft: Yes please\n---\n')).problems[0]?.rule // 'field-type'
 * `at.kind` is `taxonomy` for a taxonomy's own list page (`tags/_index.md`), which speaks for no feed of its
 * own but for its terms' (see {@link taxonomyPageOf}).
 */
export function readListPageReport(
  site: SiteConfig,
  bytes: Uint8Array,
  lang: string = site.defaultContentLanguage,
  at: CascadeNode = { kind: 'section', path: '', lang },
): { readonly list?: ListPage; readonly problems: readonly ListPageProblem[] } {
  const ignored = at.kind === 'taxonomy' ? TAXONOMY_PAGE_IGNORED : LIST_PAGE_IGNORED;
  if (bytes.byteLength > site.feeds.maxArticleBytes) {
    return { problems: [{ severity: 'error', rule: 'too-large', message: `${tooLargeMessage(site, bytes.byteLength)}: ${ignored}` }] };
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    return { problems: [{ severity: 'error', rule: decoded.rule, message: `${decoded.message}: ${ignored}`, ...lineOf(decoded.line) }] };
  }
  let fm: FrontMatter;
  try {
    fm = readFrontMatter(decoded.text);
  } catch (error) {
    if (error instanceof FrontMatterError) {
      return { problems: [{ severity: 'error', rule: error.rule, message: `${error.message}: ${ignored}`, ...lineOf(error.line) }] };
    }
    throw error;
  }
  const list = at.kind === 'taxonomy' ? taxonomyPageOf(site, fm, lang) : listPageOf(site, fm, lang, at);
  const problems = list.problems.map((p) => ({ severity: p.severity, rule: p.rule, message: `${p.key}: ${p.message}`, ...lineOf(p.line) }));
  return { ...(list.page !== undefined ? { list: list.page } : {}), problems };
}

function lineOf(line: number | undefined): { readonly line?: number } {
  return line === undefined ? {} : { line };
}

/** The options a list page's fields are read with: its language's zone, the site's date sources, no taxonomy. */
function listPageFieldOptions(site: SiteConfig, lang: string): Parameters<typeof readFields>[1] {
  const sources = site.frontMatterDates;
  return { taxonomies: [], timeZone: timeZoneOf(site, lang), maxTerms: 1, maxTitleChars: 60_000, ...(sources !== undefined ? { dates: { sources } } : {}) };
}

/**
 * What a taxonomy's own list page (`tags/_index.md`) says of its terms' feeds, as Hugo 0.111 builds its
 * terms (checked with hugo): none while the page is a draft, not published yet or expired (its own
 * `draft` and dates, else what it cascades), nor while its `cascade` makes the term pages so, or gives
 * them `_build.render: never`, whatever the page says of itself or a term's own list page says
 * (`draft: false` with a cascaded `draft: true` leaves no term page). Its own `_build` and `headless` and
 * a cascaded `_build.list` or `headless` change no term's feed. As a `ListPage`: `draft` and `hidden` for
 * the terms, and the times between which they are published (`publishAt` the later of the page's and the
 * cascade's, `expiresAt` the earlier), for the run to be scheduled then.
 *
 * @example taxonomyPageOf(site, readFrontMatter('---\ncascade:\n  draft: true\n---\n'), 'en').page // { hidden: 'cascade draft: true', draft: true }
 */
function taxonomyPageOf(site: SiteConfig, fm: FrontMatter, lang: string): { readonly page?: ListPage; readonly problems: readonly FieldProblem[] } {
  const options = listPageFieldOptions(site, lang);
  const { fields, problems } = readFields(fm, options);
  // What it cascades to every term of its language: its entries that target no path (one with a path is
  // for the terms it names, kept for a run to apply to them: `ListPage.cascade`).
  const cascade = cascadeOf(fm, cascadeOptions(site, lang), problems);
  const values = resolveCascade([{ origin: '', entries: cascade.filter((e) => e.target?.path === undefined) }], { kind: 'term', path: '', lang });
  const byPath = cascade.filter((e) => e.target?.path !== undefined);
  const inherited = {
    draft: values.draft?.value,
    unrendered: values.build?.value.unrendered,
    publishDate: values.publishDate?.value,
    date: values.date?.value,
    expiryDate: values.expiryDate?.value,
  };
  const sets = (name: string): boolean => Object.keys(fm.data).some((k) => k.toLowerCase() === name);
  const ownDraft = sets('draft') ? fields.draft : (inherited.draft ?? false);
  const draft = ownDraft || inherited.draft === true;
  const unrendered = inherited.unrendered === undefined ? undefined : `cascade ${inherited.unrendered}`;
  const hidden = draft ? `${ownDraft && sets('draft') ? '' : 'cascade '}draft: true` : unrendered;
  // A `[frontmatter]` read publishDate from its own sources (`date` among them where they say so); without
  // one, `date` is the last of Hugo's, never a date from lastmod or another key that only dates the page.
  // (A cascade gives a `date` without a `[frontmatter]` only: see `CascadeEntry.date`.)
  const byDate = site.frontMatterDates === undefined;
  const cascaded = inherited.publishDate ?? inherited.date;
  const own = fields.publishDate ?? (byDate ? fields.date : undefined) ?? cascaded;
  const publishAt = own === undefined || cascaded === undefined ? own : Math.max(own, cascaded);
  const expires = [fields.expiryDate ?? inherited.expiryDate, inherited.expiryDate].filter((t): t is number => t !== undefined);
  const expiresAt = expires.length === 0 ? undefined : Math.min(...expires);
  const page: ListPage = {
    ...(hidden !== undefined ? { hidden } : {}),
    ...(draft ? { draft: true as const } : {}),
    ...(publishAt !== undefined ? { publishAt } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(byPath.length > 0 ? { cascade: byPath } : {}),
  };
  return Object.keys(page).length > 0 ? { page, problems } : { problems };
}

/** What a list page's front matter says of its feed, and the problems of its fields. */
function listPageOf(
  site: SiteConfig,
  fm: FrontMatter,
  lang: string,
  at: CascadeNode,
): { readonly page?: ListPage; readonly problems: readonly FieldProblem[] } {
  const options = listPageFieldOptions(site, lang);
  const { fields, problems } = readFields(fm, options);
  // Hugo's `cascade`: front matter the list page and every page below it (those its entries target) take
  // where they set none of their own. What decides whether they are published (and their dates and terms)
  // is read here; the list page takes from it now, the pages below when a run plans them (src/plan/cascade.ts).
  const cascade = cascadeOf(fm, cascadeOptions(site, lang), problems);
  const sets = (name: string): boolean => Object.keys(fm.data).some((k) => k.toLowerCase() === name);
  if (at.kind === 'home') {
    // Of the home page, only its title and its cascade are read (the keys it settles stop the cascade's for it).
    const states =
      (sets('draft') ? STATES.draft : 0) |
      (fields.publishDate !== undefined ? STATES.publishDate : 0) |
      (fields.date !== undefined ? STATES.date : 0) |
      (fields.expiryDate !== undefined ? STATES.expiryDate : 0) |
      (sets('_build') || sets('build') ? STATES.build : 0);
    const title = shortened(plainText(fields.title ?? ''));
    const home: ListPage = {
      ...(title !== '' ? { title } : {}),
      ...(states !== 0 && cascade.length > 0 ? { states } : {}),
      ...(cascade.length > 0 ? { cascade } : {}),
    };
    return Object.keys(home).length > 0 ? { page: home, problems } : { problems };
  }
  const self = cascade.length > 0 ? resolveCascade([{ origin: '', entries: cascade }], at) : {};
  const draft = sets('draft') ? fields.draft : (self.draft?.value ?? false);
  const title = shortened(plainText(fields.title ?? ''));
  // A cascaded `_build.render: never` applies to the list page too, as in Hugo 0.111, unless it has a `_build` of its own.
  const ownBuild = sets('_build') || sets('build');
  const unrendered = fields.unrendered ?? (!ownBuild && self.build?.value.unrendered !== undefined ? `cascade ${self.build.value.unrendered}` : undefined);
  const hidden = draft ? `${sets('draft') ? '' : 'cascade '}draft: true` : unrendered;
  // Each key merged on its own, as Hugo merges them: a cascaded publishDate before its own date. With a
  // `[frontmatter]`, publishDate was read from its own sources (its date may come from one they do not have).
  const byDate = site.frontMatterDates === undefined;
  const publishAt = fields.publishDate ?? self.publishDate?.value ?? (byDate ? (fields.date ?? self.date?.value) : undefined);
  const expiresAt = fields.expiryDate ?? self.expiryDate?.value;
  const states =
    (sets('draft') || self.draft !== undefined ? STATES.draft : 0) |
    (fields.publishDate !== undefined || self.publishDate !== undefined ? STATES.publishDate : 0) |
    (fields.date !== undefined || self.date !== undefined ? STATES.date : 0) |
    (fields.expiryDate !== undefined || self.expiryDate !== undefined ? STATES.expiryDate : 0) |
    (ownBuild || self.build !== undefined ? STATES.build : 0);
  // Hugo's list page at its `url`, its feed inside: a folder, whatever the url ends with.
  const moved = fields.url === undefined ? '' : urlFieldPath(site, lang, fields.url).replace(/\/?$/, '/');
  const url = moved === '/' || moved === '' ? undefined : moved;
  const page: ListPage = {
    ...(title !== '' ? { title } : {}),
    ...(hidden !== undefined ? { hidden } : {}),
    ...(draft ? { draft: true as const } : {}),
    ...(publishAt !== undefined ? { publishAt } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(states !== 0 ? { states } : {}),
    ...(cascade.length > 0 ? { cascade } : {}),
    ...(url !== undefined ? { url } : {}),
    // Hugo reads a term's slug in its taxonomy's permalink alone; a section's moves nothing of feedpub's.
    ...(at.kind === 'term' && fields.slug !== undefined && fields.slug.trim() !== '' ? { slug: fields.slug } : {}),
  };
  return Object.keys(page).length > 0 ? { page, problems } : { problems };
}

/**
 * A list page's `cascade` (see `readCascade`), its problems added to `problems` at its key's line: empty
 * when it has none.
 */
function cascadeOf(fm: FrontMatter, options: Parameters<typeof readFields>[1], problems: FieldProblem[]): CascadeEntry[] {
  const key = Object.keys(fm.data).find((k) => k.toLowerCase() === 'cascade');
  if (key === undefined) return [];
  const read = readCascade(fm.data[key], options, fm.format);
  const line = findKeyLine(fm, key);
  for (const p of read.problems) problems.push({ key, severity: 'warning', rule: p.rule, message: p.message, ...(line !== undefined ? { line } : {}) });
  return read.entries;
}

/** Hugo's default date sources, lower case: what an article without `[frontmatter]` may give its date by. */
const DEFAULT_DATE_KEYS = ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'];

/**
 * Why an article has no date, and where: an empty file (nothing to publish) at line 1, a date key written
 * without a value (`date:`) at its line, else no date key at all at the front matter's first line.
 */
function undated(fm: FrontMatter, sources: SiteConfig['frontMatterDates']): { message: string; line: number } {
  if (fm.format === 'none' && fm.body.trim() === '') {
    return { message: 'the file is empty: not in feeds; write front matter with a date, then the text', line: 1 };
  }
  const names = new Set(sources === undefined ? DEFAULT_DATE_KEYS : sources.date.map((name) => name.toLowerCase()));
  let empty: { key: string; line: number } | undefined;
  for (const [name, value] of Object.entries(fm.data)) {
    if (!names.has(name.toLowerCase()) || !(value === null || (typeof value === 'string' && value.trim() === ''))) continue;
    const line = findKeyLine(fm, name);
    if (line !== undefined && (empty === undefined || line < empty.line)) empty = { key: name, line };
  }
  if (empty !== undefined) {
    return { message: `${empty.key} has no value: not in feeds (Hugo would list it as year 0001); write a date such as 2025-01-06`, line: empty.line };
  }
  return { message: 'no date, publishDate or lastmod: not in feeds (Hugo would list it as year 0001)', line: fm.rawLine };
}

/**
 * The file line of the first of `names` the front matter has (keys match in any case, as Hugo reads them),
 * else its first line: where a warning about that field points. With `inParams`, a key of the `params`
 * table comes first, as `readFields` reads authors and images there before the top.
 */
function keyLine(fm: FrontMatter, names: readonly string[], inParams = false): number {
  const keyIn = (data: Record<string, unknown>, name: string): string | undefined => Object.keys(data).find((k) => k.toLowerCase() === name);
  const paramsKey = inParams ? keyIn(fm.data, 'params') : undefined;
  const params = paramsKey === undefined ? undefined : fm.data[paramsKey];
  for (const data of isRecord(params) ? [params, fm.data] : [fm.data]) {
    for (const name of names) {
      const key = keyIn(data, name);
      if (key === undefined) continue;
      // A key in a flow map (`params: {author: …}`) has no line of its own: the table's line.
      const line = findKeyLine(fm, key) ?? (data === params && paramsKey !== undefined ? findKeyLine(fm, paramsKey) : undefined);
      if (line !== undefined) return line;
    }
  }
  return fm.rawLine;
}
