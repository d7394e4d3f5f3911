/**
 * Hugo's `cascade` (a list page's front matter, or the site config's): front matter values that the pages
 * below take where they set none of their own. What decides whether a page is published is read here.
 */
import { taxonomiesOf } from '../config/language-settings.js';
import { type ProblemRule, type SiteConfig, timeZoneOf } from '../model.js';
import { type CascadedDate, cascadeDateKeys, FRONT_MATTER_DATE_DEFAULTS } from '../plan/date-sources.js';
import { hugoGlob, MAX_GLOB_LENGTH, MAX_GLOB_NESTING } from '../plan/hugo-glob.js';
import { isRecord } from '../util/record.js';
import { parseDate } from './dates.js';
import type { FrontMatter } from './front-matter.js';
import { MARKUP_RENDERERS, type Markup, type ReadFieldsOptions, readFields } from './front-matter-fields.js';

/**
 * Which pages an entry is for (Hugo's `target`, `_target` before 0.123): globs as written, matched in any
 * case as Hugo matches them (see `cascadeApplies` in src/plan/cascade.ts). An absent one matches every page.
 */
export interface CascadeTarget {
  /** On the page's path in its content folder, as Hugo 0.123 writes it: `/posts/old/x`, a section `/posts/old`, the home `/`. */
  readonly path?: string;
  /** On its kind: `home`, `page`, `section`, `taxonomy`, `term`. */
  readonly kind?: string;
  /** On its language's key. */
  readonly lang?: string;
  /** On the build environment: feedpub publishes what `hugo` builds, `production`. */
  readonly environment?: string;
}

/** What a cascaded `_build` says, as a page's own says it (see `ArticleFields`). */
export interface CascadedBuild {
  readonly unlisted?: string;
  readonly local?: boolean;
  readonly unrendered?: string;
}

/**
 * One entry of a cascade, with only what feedpub applies: each field present when the entry gives that key
 * (a `draft: false` or a `_build` that lists the page counts too: it stops one from further up).
 */
export interface CascadeEntry {
  readonly target?: CascadeTarget;
  readonly draft?: boolean;
  /** Epoch ms. */
  readonly publishDate?: number;
  /** Its `date` key, without a `[frontmatter]` only: what a list page below is published by without a publishDate. */
  readonly date?: number;
  readonly expiryDate?: number;
  readonly build?: CascadedBuild;
  /** Hugo honours it in a leaf bundle's index only. */
  readonly headless?: boolean;
  /**
   * The dates it gives a page, by front matter key (lower case: `date`, `pubdate`, a `[frontmatter]` key):
   * each fills a page's key of that name (`mergeDates` in src/plan/date-sources.ts).
   */
  readonly dates?: Readonly<Record<string, CascadedDate>>;
  /**
   * The terms it gives, by taxonomy (plural, as the site names it), read as a page's are (trimmed, NFC, at
   * most `maxTermsPerTaxonomy`): a page that has no key of that taxonomy takes them.
   */
  readonly terms?: Readonly<Record<string, readonly string[]>>;
  /**
   * Its `markup`, as a page's own is read (`markupOf`): `html` makes a page's body HTML; `markdown` (any value
   * Hugo 0.111 reads as Markdown) and a renderer feedpub lacks are Markdown to feedpub, and stop one from further up.
   */
  readonly markup?: Markup | 'markdown';
}

/**
 * A problem with a cascade, reported at its `cascade` key: an entry (or one of its keys) left out. The message
 * names the entry of a list (`entry 2: …`).
 */
export interface CascadeProblem {
  readonly rule: ProblemRule;
  readonly message: string;
}

/**
 * The options a cascade of `lang` (a list page's, or the site config's for that language) is read with: its
 * language's zone, the site's date sources, and its language's taxonomies, whose terms are read as a page's.
 */
export function cascadeOptions(site: SiteConfig, lang: string): ReadFieldsOptions {
  const sources = site.frontMatterDates;
  return {
    taxonomies: taxonomiesOf(site, lang).map((t) => t.plural),
    timeZone: timeZoneOf(site, lang),
    maxTerms: site.feeds.maxTermsPerTaxonomy,
    ...(sources !== undefined ? { dates: { sources } } : {}),
  };
}

/** The page kinds a `target.kind` glob may name (Hugo fails the build on one that names none). */
export const PAGE_KINDS = ['home', 'page', 'section', 'taxonomy', 'term'] as const;

/** The target keys feedpub evaluates; an entry targeted by any other (Hugo 0.153's `sites`) is left out. */
const TARGET_KEYS = ['path', 'kind', 'lang', 'environment'] as const;

/**
 * The entries of a `cascade` value, in order (a map is one entry; in a list, what is no map is skipped, as
 * Hugo skips it), each with what feedpub applies of it, dates read as `options` says and terms of its
 * `taxonomies` (at most `maxTerms` each). An entry that gives
 * none of that is left out, and so is one whose target feedpub cannot evaluate (a key other than `path`,
 * `kind`, `lang` and `environment`, a glob that does not compile, a kind that names none), with a problem:
 * applied to every page, it would hide or show pages Hugo does not. A key of an entry that does not read
 * (`draft: maybe`, a date that is none) is left out of it, with a problem.
 *
 * @example readCascade({ draft: true }, options).entries // [{ draft: true }]
 * @example readCascade([{ _build: { list: 'never' }, target: { path: '/posts/old/**' } }], options).entries
 * // [{ target: { path: '/posts/old/**' }, build: { unlisted: '_build.list is never' } }]
 */
export function readCascade(
  value: unknown,
  options: ReadFieldsOptions,
  format: FrontMatter['format'] = 'none',
): { entries: CascadeEntry[]; problems: CascadeProblem[] } {
  const entries: CascadeEntry[] = [];
  const problems: CascadeProblem[] = [];
  const list = Array.isArray(value) ? value : isRecord(value) ? [value] : [];
  list.forEach((item, index) => {
    if (!isRecord(item)) return;
    const where = Array.isArray(value) ? `entry ${index + 1}: ` : '';
    const entry = readEntry(item, options, format, where, problems);
    if (entry === undefined) return;
    const target = readTarget(item, where, problems);
    if (target === null) return;
    entries.push(target === undefined ? entry : { target, ...entry });
  });
  return { entries, problems };
}

/** What feedpub applies of one entry; undefined when it gives none of it. */
function readEntry(
  item: Record<string, unknown>,
  options: ReadFieldsOptions,
  format: FrontMatter['format'],
  where: string,
  problems: CascadeProblem[],
): CascadeEntry | undefined {
  const data: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(item)) if (!['_target', 'target'].includes(key.toLowerCase())) data[key] = v;
  // No raw text: a key's line would be found outside the cascade.
  const fm: FrontMatter = { data, body: '', bodyLine: 1, bodyStart: 0, format, raw: '', rawLine: 1 };
  const read = readFields(fm, options);
  const taxonomies = new Set(options.taxonomies.map((t) => t.toLowerCase()));
  const termKey = (key: string): boolean => {
    const name = key.toLowerCase();
    return taxonomies.has(name.startsWith('params.') ? name.slice('params.'.length) : name);
  };
  // Only the keys feedpub applies are reported: the others (a `url`, a `title`) are Hugo's business.
  const failed = new Set<string>();
  for (const p of read.problems) {
    if (p.severity === 'warning' && p.rule === 'term-with-comma') problems.push({ rule: p.rule, message: `${where}${p.key}: ${p.message}` });
    if (p.severity !== 'error' || (p.rule !== 'date-invalid' && p.key.toLowerCase() !== 'draft' && !termKey(p.key))) continue;
    failed.add(p.key.toLowerCase());
    problems.push({ rule: p.rule, message: `${where}${p.key}: ${p.message}: left out` });
  }
  const given = (name: string): boolean => Object.entries(data).some(([k, v]) => k.toLowerCase() === name && v !== null && v !== undefined);
  const { fields } = read;
  const build = Object.entries(data).find(([k]) => ['_build', 'build'].includes(k.toLowerCase()))?.[1];
  const headless = Object.entries(data).find(([k]) => k.toLowerCase() === 'headless');
  const entry: { -readonly [K in keyof CascadeEntry]: CascadeEntry[K] } = {};
  if (given('draft') && !failed.has('draft')) entry.draft = fields.draft;
  if (fields.publishDate !== undefined) entry.publishDate = fields.publishDate;
  // Its `date` key, the last of Hugo's default publishDate sources, for a list page without a publishDate;
  // with a `[frontmatter]`, publishDate was read from its sources (its date may be a lastmod or another key's).
  if (fields.date !== undefined && options.dates === undefined) entry.date = fields.date;
  if (fields.expiryDate !== undefined) entry.expiryDate = fields.expiryDate;
  if (isRecord(build)) {
    entry.build = {
      ...(fields.unlisted !== undefined ? { unlisted: fields.unlisted } : {}),
      ...(fields.local === true ? { local: true } : {}),
      ...(fields.unrendered !== undefined ? { unrendered: fields.unrendered } : {}),
    };
  }
  if (headless !== undefined && headless[1] !== null && headless[1] !== undefined) entry.headless = fields.headless !== undefined;
  const dates = cascadedDates(data, options, where, failed, problems);
  if (dates !== undefined) entry.dates = dates;
  // A taxonomy whose key fails to read (not a list of terms, too many) is left out (reported above).
  const terms = Object.entries(fields.terms).filter(([plural]) => !failed.has(plural.toLowerCase()) && !failed.has(`params.${plural.toLowerCase()}`));
  if (terms.length > 0) entry.terms = Object.fromEntries(terms);
  if (given('markup')) {
    entry.markup = fields.markup ?? 'markdown';
    if (fields.markup !== undefined && fields.markup !== 'html') {
      problems.push({
        rule: 'markup-not-read',
        message: `${where}markup "${fields.markup}": Hugo renders the pages it reaches with ${MARKUP_RENDERERS[fields.markup]}; feedpub has no such renderer and reads their bodies as Markdown`,
      });
    }
  }
  return Object.keys(entry).length > 0 ? entry : undefined;
}

/**
 * The dates an entry gives by key (see `CascadeEntry.dates`): each key of the site's date sources it has a
 * value for, read as a page's (in `options.timeZone` when written without a zone); one that is no date is
 * left out, with a problem (unless already reported).
 */
function cascadedDates(
  data: Record<string, unknown>,
  options: ReadFieldsOptions,
  where: string,
  failed: Set<string>,
  problems: CascadeProblem[],
): Record<string, CascadedDate> | undefined {
  const keys = new Set(cascadeDateKeys(options.dates?.sources ?? FRONT_MATTER_DATE_DEFAULTS));
  let dates: Record<string, CascadedDate> | undefined;
  for (const [key, value] of Object.entries(data)) {
    const name = key.toLowerCase();
    if (!keys.has(name) || value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (dates !== undefined && Object.hasOwn(dates, name)) continue;
    const parsed = parseDate(value, options.timeZone);
    if (!parsed.ok) {
      if (!failed.has(name)) problems.push({ rule: 'date-invalid', message: `${where}${key}: ${parsed.message}: left out` });
      continue;
    }
    dates ??= {};
    dates[name] = parsed.offsetMinutes === undefined ? { ms: parsed.ms } : { ms: parsed.ms, offset: parsed.offsetMinutes };
  }
  return dates;
}

/**
 * An entry's target: undefined when it has none, null when feedpub cannot evaluate it (the problem said).
 */
function readTarget(item: Record<string, unknown>, where: string, problems: CascadeProblem[]): CascadeTarget | undefined | null {
  const found = Object.entries(item).find(([k]) => ['_target', 'target'].includes(k.toLowerCase()));
  if (found === undefined || found[1] === null || found[1] === undefined) return undefined;
  const [name, value] = found;
  const skip = (why: string): null => {
    problems.push({ rule: 'cascade-target', message: `${where}${name} ${why}: feedpub cannot tell which pages it is for, so the entry is left out` });
    return null;
  };
  if (!isRecord(value)) return skip('is no map of path, kind, lang and environment');
  const target: { -readonly [K in keyof CascadeTarget]: CascadeTarget[K] } = {};
  for (const [key, v] of Object.entries(value)) {
    const option = TARGET_KEYS.find((k) => k === key.toLowerCase());
    if (option === undefined) return skip(`has "${key}", which feedpub does not read (it reads ${TARGET_KEYS.join(', ')})`);
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return skip(`.${key} is no glob (text)`);
    const glob = String(v);
    if (glob === '') continue;
    if (hugoGlob(glob) === undefined) {
      const shown = glob.length > 80 ? `${glob.slice(0, 80)}…` : glob;
      return skip(
        `.${key} "${shown}" is no glob feedpub reads (one Hugo compiles, at most ${MAX_GLOB_LENGTH} characters, braces at most ${MAX_GLOB_NESTING} deep)`,
      );
    }
    if (option === 'kind' && !PAGE_KINDS.some((kind) => hugoGlob(glob)?.(kind))) return skip(`.kind "${glob}" names no page kind (${PAGE_KINDS.join(', ')})`);
    target[option] = glob;
  }
  const last = target.path?.slice(target.path.lastIndexOf('/') + 1);
  if (last?.includes('.')) {
    problems.push({
      rule: 'cascade-target',
      message: `${where}${name}.path "${target.path}" ends with a file name: since Hugo 0.123 a page's path has no extension (\`/posts/a\`, a bundle's is its folder's), so it matches no page there (Hugo 0.111 matched files, \`/posts/a.md\`); feedpub matches as Hugo 0.123 does`,
    });
  }
  return Object.keys(target).length > 0 ? target : undefined;
}
