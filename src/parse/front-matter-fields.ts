/**
 * The fields feedpub reads from front matter, typed and coerced as Hugo does, but strictly: every
 * surprise becomes a problem with the key and its line, and wrong types never pass silently.
 */
import type { FrontMatterDates, ProblemRule } from '../model.js';
import * as z from 'zod/mini';
import { parseDate } from './dates.js';
import type { FrontMatter } from './front-matter.js';
import { findKeyLine } from './key-line.js';
import { recordFrom } from '../util/record.js';
import { stripInvalidXmlChars } from '../render/xml-chars.js';

/** What feedpub takes from one article's front matter. */
export interface ArticleFields {
  /** Trimmed; a number is read as text; absent when missing or empty. */
  readonly title?: string;
  /** Epoch ms. `publishDate` also reads `pubdate`/`published`, `lastmod` `modified`, `expiryDate` `unpublishdate`. */
  readonly date?: number;
  readonly publishDate?: number;
  readonly lastmod?: number;
  readonly expiryDate?: number;
  /** Set when a date came from the file name (`:filename` in `[frontmatter]`): Hugo then takes the slug from it too. */
  readonly dateFromFilename?: true;
  /** The zone each date was written with, in minutes east of UTC (absent for a wall-clock date). */
  readonly dateOffsets: Partial<Record<'date' | 'publishDate' | 'lastmod' | 'expiryDate', number>>;
  /** The key each date was read from, lower case (`pubdate`), or `:filename`. */
  readonly dateKeys: Partial<Record<'date' | 'publishDate' | 'lastmod' | 'expiryDate', string>>;
  readonly draft: boolean;
  /**
   * Why Hugo renders or lists this page nowhere (so feeds must not link it): `_build` (`build`) with `list`
   * never/false or `render` never/false/link. Absent when listed.
   */
  readonly unlisted?: string;
  /** Set (`headless is true`) when the front matter says `headless: true`: Hugo 0.111 honours it in a leaf bundle's index only. */
  readonly headless?: string;
  /** `_build.list: local`: listed in its section and terms only; false when `_build` is there and says otherwise. */
  readonly local?: boolean;
  /** Why Hugo renders no page for it (`_build.render` never/false/link): a list page's feed is not made. */
  readonly unrendered?: string;
  /** `summary`, else `description`; trimmed. */
  readonly summary?: string;
  /**
   * For each taxonomy asked for (plural name as given) whose key the front matter has (`tags:` without a value
   * too, which a cascade then does not fill, as in Hugo): trimmed, NFC, without empty and repeated terms, in
   * written order; from the `params` table when it has the taxonomy (Hugo 0.123), else from the top.
   */
  readonly terms: Readonly<Record<string, readonly string[]>>;
  /** `lang`, or the first entry of a `lang` list. */
  readonly lang?: string;
  readonly translations: readonly string[];
  readonly translationKey?: string;
  /**
   * As Hugo 0.111 reads it: as written but for dashes at either end (`-v1-` → `v1`), white space kept (`" v1"`
   * is `posts/-v1/` in a path, as in Hugo's); absent when nothing is left.
   */
  readonly slug?: string;
  readonly url?: string;
  /** From `author` then `authors` (each the `params` table's, else the top's): a name, a `{ name, email, url }` map, or a list of those. */
  readonly authors: readonly { name: string; email?: string; url?: string }[];
  /** `thumbnail`, `image`, `images`, `cover` (or `cover.image`), `featured_image`, in that order, each the `params` table's else the top's; as written. */
  readonly images: readonly string[];
  readonly id?: string;
  /**
   * `markup`, as Hugo 0.111 resolves it (lower-cased, not trimmed; a number read as text): `html` (`html`,
   * `htm`), or the renderer Hugo hands the page to that feedpub has none of (`org`, `asciidocext`, `rst`,
   * `pandoc`); absent for Markdown (`md`, `markdown`, `goldmark`, any other value, or none).
   */
  readonly markup?: Markup;
}

/** What a page's `markup` makes of its body in Hugo 0.111 besides Markdown (see {@link ArticleFields.markup}). */
export type Markup = 'html' | 'org' | 'asciidocext' | 'rst' | 'pandoc';

/**
 * Hugo 0.111's `ResolveMarkup` for the values that are no Markdown: `html`/`htm`, and its converters' names
 * and aliases (asciidocext's `ad` and `adoc`, pandoc's `pdc`); `asciidoc`, `mmark` and unknown values are
 * Markdown there (checked with hugo).
 */
const MARKUPS: ReadonlyMap<string, Markup> = new Map([
  ['html', 'html'],
  ['htm', 'html'],
  ['org', 'org'],
  ['asciidocext', 'asciidocext'],
  ['adoc', 'asciidocext'],
  ['ad', 'asciidocext'],
  ['rst', 'rst'],
  ['pandoc', 'pandoc'],
  ['pdc', 'pandoc'],
]);

/** What Hugo 0.111 hands a page to for each `markup` feedpub cannot render (`markup-not-read`). */
export const MARKUP_RENDERERS: Readonly<Record<Exclude<Markup, 'html'>, string>> = {
  org: 'its built-in Org renderer (go-org)',
  asciidocext: 'the external asciidoctor (its build fails without it)',
  rst: 'the external rst2html (its build fails unless security.exec.allow lets it run)',
  pandoc: 'the external pandoc (without it, the body is shown as written)',
};

/**
 * The markup a front matter `markup` value names, as Hugo 0.111 reads it (`cast.ToString`, lower case, not
 * trimmed); undefined for Markdown.
 *
 * @example markupOf('HTM') // 'html'
 * @example markupOf(' html') // undefined
 */
export function markupOf(value: unknown): Markup | undefined {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return MARKUPS.get(text.toLowerCase());
}

/** A problem with one front matter key. `error` means the article must be rejected. */
export interface FieldProblem {
  readonly key: string;
  readonly line?: number;
  readonly severity: 'error' | 'warning';
  readonly rule: ProblemRule;
  readonly message: string;
}

export interface ReadFieldsOptions {
  /** Plural names of the site's taxonomies (`tags`, `categories`). */
  readonly taxonomies: readonly string[];
  /** IANA zone for dates written without one. */
  readonly timeZone: string;
  /** Most terms one taxonomy may list. */
  readonly maxTerms: number;
  /** Longest title accepted, in UTF-16 code units. */
  readonly maxTitleChars?: number;
  /**
   * Where the dates come from (the site's `[frontmatter]`), and the date the file name gives for
   * `:filename`. Absent: Hugo's default sources.
   */
  readonly dates?: { readonly sources: FrontMatterDates; readonly filename?: number };
}

// The shapes accepted at the boundary. Anything else is a problem, reported with the key.
const text = z.pipe(
  z.union([z.string(), z.number(), z.bigint()]),
  z.transform((v: string | number | bigint) => String(v)),
);
// Lists first: zod builds an issue for every alternative that fails before one matches.
const textList = z.union([z.array(z.union([text, z.null()])), text, z.null()]);
const stringList = z.union([z.array(z.union([z.string(), z.null()])), z.string(), z.null()]);
const person = z.object({ name: z.optional(text), email: z.optional(z.string()), url: z.optional(z.string()) });
const personOrName = z.union([text, person]);
const people = z.union([personOrName, z.null(), z.array(z.union([personOrName, z.null()]))]);
const draft = z.union([z.boolean(), z.string()]);
const cover = z.union([z.string(), z.object({ image: z.nullish(z.string()) })]);

type Person = { name: string; email?: string; url?: string };

const DATE_FIELDS = [
  ['date', ['date']],
  ['publishDate', ['publishDate', 'pubdate', 'published']],
  ['lastmod', ['lastmod', 'modified']],
  ['expiryDate', ['expiryDate', 'unpublishdate']],
] as const;

const DATE_FIELD_NAMES = ['date', 'publishDate', 'lastmod', 'expiryDate'] as const;

const LANG = /^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$/;

/**
 * Reads the known fields of a parsed front matter. Never throws. Keys match case-insensitively, as
 * in Hugo (`Title`, `DATE`); two keys that differ only in case are an error. Unknown keys are
 * ignored. Each problem carries the file line of its key when it can be found in `fm.raw`.
 *
 * @example
 * const { fields, problems } = readFields(readFrontMatter(text), {
 *   taxonomies: ['tags', 'categories'], timeZone: 'Asia/Shanghai', maxTerms: 100,
 * });
 */
export function readFields(fm: FrontMatter, options: ReadFieldsOptions): { fields: ArticleFields; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  /** Keys of the `params` table are reported as `params.author`, at the line of their own key. */
  const inParams = new Set<string>();
  const report = (key: string, severity: 'error' | 'warning', rule: ProblemRule, message: string): void => {
    const line = findKeyLine(fm, inParams.has(key) ? key.slice(key.indexOf('.') + 1) : key);
    problems.push({ key, severity, rule, message, ...(line !== undefined ? { line } : {}) });
  };

  const keysByName = new Map<string, string[]>();
  for (const key of Object.keys(fm.data)) {
    const name = key.toLowerCase();
    const keys = keysByName.get(name);
    if (keys === undefined) keysByName.set(name, [key]);
    else keys.push(key);
  }
  /** The key and value written for `name` (any case), or undefined when absent or null. */
  const lookup = (name: string): { key: string; value: unknown } | undefined => {
    const keys = keysByName.get(name.toLowerCase());
    const key = keys?.[0];
    if (keys === undefined || key === undefined) return undefined;
    if (keys.length > 1) {
      keysByName.set(name.toLowerCase(), [key]);
      report(keys[1] ?? key, 'error', 'field-duplicate', `written twice (${keys.map((k) => JSON.stringify(k)).join(', ')}); keys are case-insensitive`);
    }
    const value = fm.data[key];
    return value === null || value === undefined ? undefined : { key, value };
  };
  // Hugo 0.123's `params` table, where a site puts what is not Hugo's own (`params: {author: …, images: […]}`):
  // its value of a key is the page's `.Params` value, over one at the top (Hugo warns of both), which themes
  // and templates read, and so do taxonomies. Read for authors, images and terms; a `title` or a date there is
  // no page's.
  const paramsKey = keysByName.get('params')?.[0];
  const paramsTable = paramsKey === undefined ? undefined : fm.data[paramsKey];
  const paramsByName = new Map<string, string>();
  if (paramsKey !== undefined && typeof paramsTable === 'object' && paramsTable !== null && !Array.isArray(paramsTable) && !(paramsTable instanceof Date)) {
    for (const key of Object.keys(paramsTable)) if (!paramsByName.has(key.toLowerCase())) paramsByName.set(key.toLowerCase(), key);
  }
  /** `name` in the `params` table, else at the top (see `lookup`). */
  const lookupParam = (name: string): { key: string; value: unknown } | undefined => {
    const key = paramsByName.get(name.toLowerCase());
    const value = key === undefined ? undefined : (paramsTable as Record<string, unknown>)[key];
    if (key === undefined || value === null || value === undefined) return lookup(name);
    const written = `${paramsKey}.${key}`;
    inParams.add(written);
    return { key: written, value };
  };
  /** `name`'s text, trimmed (`trim`: of what, white space by default); undefined when empty. */
  const readText = (name: string, severity: 'error' | 'warning', trim = (raw: string): string => raw.trim()): string | undefined => {
    const found = lookup(name);
    if (found === undefined) return undefined;
    const parsed = text.safeParse(found.value);
    if (!parsed.success) {
      report(found.key, severity, 'field-type', `must be text, not ${describe(found.value)}`);
      return undefined;
    }
    const value = trim(parsed.data);
    return value === '' ? undefined : value;
  };

  const dateOffsets: { -readonly [K in keyof ArticleFields['dateOffsets']]: number } = {};
  const dateKeys: { -readonly [K in keyof ArticleFields['dateKeys']]: string } = {};
  const fields: { -readonly [K in keyof ArticleFields]: ArticleFields[K] } = {
    dateOffsets,
    dateKeys,
    draft: false,
    terms: {},
    translations: [],
    authors: [],
    images: [],
  };

  const title = readText('title', 'error');
  if (title !== undefined) {
    if (options.maxTitleChars !== undefined && title.length > options.maxTitleChars) {
      report(lookup('title')?.key ?? 'title', 'error', 'field-too-long', `is ${title.length} characters long; the limit is ${options.maxTitleChars}`);
    } else {
      fields.title = title;
    }
  }

  // Each date from the first of its sources the front matter has (an invalid one is an error, not skipped).
  const sources = options.dates?.sources;
  for (const [field, names] of sources === undefined ? DATE_FIELDS : DATE_FIELD_NAMES.map((f) => [f, sources[f]] as const)) {
    for (const name of names) {
      if (name === ':filename') {
        if (options.dates?.filename === undefined) continue;
        fields[field] = options.dates.filename;
        fields.dateFromFilename = true;
        dateKeys[field] = name;
        break;
      }
      const found = lookup(name);
      if (found === undefined || (typeof found.value === 'string' && found.value.trim() === '')) continue;
      const result = parseDate(found.value, options.timeZone);
      if (result.ok) {
        fields[field] = result.ms;
        dateKeys[field] = name.toLowerCase();
        if (result.offsetMinutes !== undefined) dateOffsets[field] = result.offsetMinutes;
      } else report(found.key, 'error', 'date-invalid', result.message);
      break;
    }
  }

  const draftFound = lookup('draft');
  if (draftFound !== undefined) {
    const parsed = draft.safeParse(draftFound.value);
    const value = parsed.success ? parsed.data : undefined;
    if (typeof value === 'boolean') fields.draft = value;
    else {
      const word = value?.trim().toLowerCase();
      if (word === 'true' || word === 'false') fields.draft = word === 'true';
      else if (word === 'yes' || word === 'on' || word === 'no' || word === 'off') {
        fields.draft = word === 'yes' || word === 'on';
        report(draftFound.key, 'warning', 'field-coerced', `${JSON.stringify(value)} read as ${fields.draft}; write true or false`);
      } else {
        report(draftFound.key, 'error', 'field-type', `must be true or false, not ${describe(draftFound.value)}`);
      }
    }
  }

  const headless = lookup('headless');
  if (headless !== undefined && isHugoTrue(headless.value, fm.format)) fields.headless = `${headless.key} is true`;
  const build = lookup('_build') ?? lookup('build');
  if (build !== undefined && typeof build.value === 'object' && !Array.isArray(build.value)) {
    const options = build.value as Record<string, unknown>;
    // A page's own `_build`, whatever it holds, is not replaced by a list page's cascaded one.
    fields.local = false;
    for (const [option, hidden] of [
      ['list', ['never', 'false']],
      ['render', ['never', 'false', 'link']],
    ] as const) {
      const entry = Object.entries(options).find(([k]) => k.toLowerCase() === option);
      const value = entry === undefined ? '' : String(entry[1]).trim().toLowerCase();
      if ((hidden as readonly string[]).includes(value)) {
        fields.unlisted ??= `${build.key}.${entry?.[0]} is ${value}`;
        if (option === 'render') fields.unrendered = `${build.key}.${entry?.[0]} is ${value}`;
      } else if (option === 'list' && value === 'local') fields.local = true;
    }
  }

  const summary = readText('summary', 'warning') ?? readText('description', 'warning');
  if (summary !== undefined) fields.summary = summary;

  const terms: [string, string[]][] = [];
  for (const plural of new Set(options.taxonomies)) {
    const found = lookupParam(plural);
    if (found === undefined) {
      // Written without a value, it still settles the taxonomy: a cascade does not give the page its terms.
      if (keysByName.has(plural.toLowerCase()) || paramsByName.has(plural.toLowerCase())) terms.push([plural, []]);
      continue;
    }
    const parsed = textList.safeParse(found.value);
    if (!parsed.success) {
      report(found.key, 'error', 'field-type', `must be a term or a list of terms, not ${describe(found.value)}`);
      terms.push([plural, []]);
      continue;
    }
    const list = uniqueTexts(parsed.data, true);
    // `categories: news, world` is one term, in Hugo too, where the author almost always meant two (not `1,000`).
    const items =
      typeof found.value === 'string' && list.length === 1 && /[^\d\s],|,\s*[^\d\s]/.test(found.value)
        ? found.value
            .split(',')
            .map((t) => t.trim())
            .filter((t) => t !== '')
        : [];
    if (items.length > 1) {
      report(
        found.key,
        'warning',
        'term-with-comma',
        `is one term, ${JSON.stringify(list[0])}, as Hugo reads it; for ${items.length} terms write ${found.key} as a list: [${items.map((t) => JSON.stringify(t)).join(', ')}]`,
      );
    }
    if (list.length > options.maxTerms) {
      report(found.key, 'error', 'too-many-terms', `lists ${list.length} terms; the limit is ${options.maxTerms}`);
    }
    terms.push([plural, list]);
  }
  fields.terms = recordFrom(terms);

  // `title: We're #1 again` is "We're" and `tags: #news` nothing, in Hugo too: " #" starts a YAML comment.
  if (fm.format === 'yaml' && COMMENT_AFTER_VALUE.test(fm.raw)) {
    for (const name of ['title', 'summary', 'description', ...options.taxonomies]) {
      const key = keysByName.get(name.toLowerCase())?.[0];
      const cut = key === undefined ? undefined : commentCut(fm, key);
      if (key !== undefined && cut !== undefined) {
        report(
          key,
          'warning',
          'yaml-comment',
          `stops at "#": YAML reads " #" and what follows as a comment, so the value is ${cut.kept === '' ? 'empty' : JSON.stringify(cut.kept)}; if the "#…" belongs to it, put it in quotes: ${key}: ${JSON.stringify(cut.written)}`,
        );
      }
    }
  }

  const langFound = lookup('lang');
  if (langFound !== undefined) {
    const parsed = stringList.safeParse(langFound.value);
    const lang = parsed.success ? uniqueTexts(parsed.data, false)[0] : undefined;
    if (!parsed.success) report(langFound.key, 'warning', 'field-type', `must be a language code, not ${describe(langFound.value)}`);
    else if (lang !== undefined && !LANG.test(lang)) {
      report(langFound.key, 'warning', 'lang-invalid', `${JSON.stringify(lang.slice(0, 40))} is not a language code (like en or zh-CN)`);
    } else if (lang !== undefined) fields.lang = lang;
  }

  const markupFound = lookup('markup');
  const markup = markupFound === undefined ? undefined : markupOf(markupFound.value);
  if (markup !== undefined) fields.markup = markup;

  const translationsFound = lookup('translations');
  if (translationsFound !== undefined) {
    const parsed = stringList.safeParse(translationsFound.value);
    if (parsed.success) fields.translations = uniqueTexts(parsed.data, false);
    else report(translationsFound.key, 'warning', 'field-type', `must be a list of language codes, not ${describe(translationsFound.value)}`);
  }

  for (const name of ['translationKey', 'slug', 'url', 'id'] as const) {
    // Hugo 0.111 trims a slug of its dashes alone (`strings.Trim(slug, "-")`): white space at its ends is a
    // dash in a page's path (`" v1"` → `posts/-v1/`), and none in a permalink's `:slug` (see src/plan/urls.ts).
    const value = name === 'slug' ? readText(name, 'error', trimDashes) : readText(name, 'error');
    if (value !== undefined) fields[name] = value;
  }
  // Hugo refuses to build a page whose url has a scheme ("URLs with protocol (http*) not supported"); its
  // path would otherwise become `https:/other.example/x/` under the site.
  if (fields.url !== undefined && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(fields.url)) {
    report(
      lookup('url')?.key ?? 'url',
      'error',
      'url-absolute',
      `${JSON.stringify(fields.url)} must be a path on the site, such as /news/a/, as Hugo requires`,
    );
    delete fields.url;
  }

  fields.authors = readAuthors(lookupParam, report);
  fields.images = readImages(lookupParam, report);

  return { fields, problems };
}

type Lookup = (name: string) => { key: string; value: unknown } | undefined;
type Report = (key: string, severity: 'error' | 'warning', rule: ProblemRule, message: string) => void;

function readAuthors(lookup: Lookup, report: Report): Person[] {
  const out: Person[] = [];
  const seen = new Set<string>();
  for (const name of ['author', 'authors']) {
    const found = lookup(name);
    if (found === undefined) continue;
    const parsed = people.safeParse(found.value);
    if (!parsed.success) {
      report(found.key, 'warning', 'field-type', `must be a name, a map with name/email/url, or a list of those, not ${describe(found.value)}`);
      continue;
    }
    const entries = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    for (const entry of entries) {
      if (entry === null) continue;
      const person = typeof entry === 'string' ? { name: entry } : entry;
      const personName = person.name?.trim() ?? '';
      if (personName === '') {
        if (typeof entry !== 'string') report(found.key, 'warning', 'author-no-name', 'an author without a name is ignored');
        continue;
      }
      const result: Person = { name: personName };
      const email = typeof entry === 'string' ? '' : (entry.email?.trim() ?? '');
      const url = typeof entry === 'string' ? '' : (entry.url?.trim() ?? '');
      if (email !== '') result.email = email;
      if (url !== '') result.url = url;
      const id = JSON.stringify([result.name, result.email, result.url]);
      if (!seen.has(id)) {
        seen.add(id);
        out.push(result);
      }
    }
  }
  return out;
}

function readImages(lookup: Lookup, report: Report): string[] {
  const images: string[] = [];
  for (const name of ['thumbnail', 'image', 'images', 'cover', 'featured_image']) {
    const found = lookup(name);
    if (found === undefined) continue;
    if (name === 'cover') {
      const parsed = cover.safeParse(found.value);
      if (parsed.success) images.push(typeof parsed.data === 'string' ? parsed.data : (parsed.data.image ?? ''));
      else report(found.key, 'warning', 'field-type', `must be an image path or a map with image, not ${describe(found.value)}`);
      continue;
    }
    const parsed = stringList.safeParse(found.value);
    if (parsed.success) images.push(...uniqueTexts(parsed.data, false));
    else report(found.key, 'warning', 'field-type', `must be an image path${name === 'images' ? ' or a list of them' : ''}, not ${describe(found.value)}`);
  }
  return uniqueTexts(images, false);
}

/** The strings Go's strconv.ParseBool reads as true, as written (no other case, no white space). */
const GO_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/**
 * Whether Hugo 0.111 reads a front matter value as true where it takes it with cast.ToBool (`headless`):
 * true, a string ParseBool reads so (`"T"`, `"1"`; not `" true"` nor `"tRuE"`), or a YAML integer other than
 * 0 (a TOML or JSON number is no bool to it).
 */
function isHugoTrue(value: unknown, format: FrontMatter['format']): boolean {
  if (typeof value === 'string') return GO_TRUE.has(value);
  if (typeof value === 'number') return format === 'yaml' && Number.isInteger(value) && value !== 0;
  return value === true;
}

/** Trimmed (for terms also without the characters XML forbids, and NFC-normalised), without empty entries or exact repeats, in order. */
function uniqueTexts(value: string | null | readonly (string | null)[], asTerms: boolean): string[] {
  const list = value === null ? [] : typeof value === 'string' ? [value] : value;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    if (item === null) continue;
    // A term is grouped, named in paths and written as text: the characters XML forbids go first, so that
    // `ok\u0000` is the term `ok` and a term of nothing else is none.
    const trimmed = asTerms ? stripInvalidXmlChars(item).trim().normalize('NFC') : item.trim();
    if (trimmed === '' || seen.has(trimmed)) continue;
    seen.add(trimmed);
    out.push(trimmed);
  }
  return out;
}

/**
 * A short description of a value's type, for messages; for a list, its first odd entry. Never given null
 * or undefined: a lookup leaves a key without a value out, and a list's odd entry is neither.
 */
function describe(value: unknown): string {
  if (Array.isArray(value)) {
    const odd: unknown = value.find((item) => item !== null && typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'bigint');
    return odd === undefined ? 'a list' : `a list holding ${describe(odd)}`;
  }
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

/** A `#` after white space or right after a key's colon: where a YAML comment may cut a value short. */
const COMMENT_AFTER_VALUE = /[ \t]#|:#/;

/**
 * Where an unquoted YAML value written on its top-level key's line is cut by a comment (` #…`, or a value
 * that starts with `#`): what YAML keeps and what was written. Undefined when it is not (quoted, a flow or
 * block collection, no comment, or the key not found at the start of a line of its own, as written or quoted:
 * one merged in from an anchor has none).
 *
 * @example commentCut({ format: 'yaml', raw: "title: We're #1\n", rawLine: 2 }, 'title') // { kept: "We're", written: "We're #1" }
 */
export function commentCut(fm: Pick<FrontMatter, 'raw' | 'rawLine' | 'format'>, key: string): { kept: string; written: string } | undefined {
  const line = findKeyLine(fm, key);
  if (line === undefined) return undefined;
  const text = fm.raw.split('\n')[line - fm.rawLine] ?? '';
  const asWritten = [key, `"${key}"`, `'${key}'`].find((k) => text.startsWith(k));
  if (asWritten === undefined) return undefined;
  const written = text
    .slice(asWritten.length)
    .replace(/^[ \t]*:/, '')
    .trim();
  if (written === '' || /^["'[{|>&*!]/.test(written)) return undefined;
  const at = written.startsWith('#') ? 0 : written.search(/[ \t]#/);
  if (at < 0) return undefined;
  return { kept: written.slice(0, at).trim(), written };
}

/** `text` without the dashes at either end (Go's `strings.Trim(text, "-")`), in one pass: no regular expression to backtrack on a long run. */
function trimDashes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '-') start++;
  while (end > start && text[end - 1] === '-') end--;
  return text.slice(start, end);
}
