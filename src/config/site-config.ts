import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ConfigError } from '../errors.js';
import type { FeedFormat, FeedOptions, LanguageConfig, Person, SiteConfig, Taxonomy } from '../model.js';
import { idNamespaceOf } from '../plan/ids.js';

/** Defaults of feedpub's own options. */
export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  limit: 20,
  maxBytes: 1024 * 1024,
  formats: ['rss', 'atom', 'json'],
  fullContent: true,
  allLanguagesPath: 'all/',
  idNamespace: 'feedpub',
  maxArticleBytes: 5 * 1024 * 1024,
  maxTermsPerTaxonomy: 100,
  directory: true,
  opml: true,
  archives: false,
};

/** zod/mini has no messages of its own: its English ones, made once, for the parse below. */
const englishErrors = en().localeError;

// Strict: a misspelt option (`limt`) is an error naming it, not a silent default.
const feedOptionsSchema = z.partial(
  z.strictObject({
    limit: z.int().check(z.minimum(1), z.maximum(10_000)),
    maxbytes: z.int().check(z.minimum(4096), z.maximum(100 * 1024 * 1024)),
    formats: z.array(z.enum(['rss', 'atom', 'json'])).check(z.minLength(1)),
    fullcontent: z.boolean(),
    alllanguagespath: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\/?$/, 'a relative folder such as "all/"')),
    idnamespace: z.string().check(z.minLength(1), z.maxLength(200)),
    maxarticlebytes: z.int().check(z.minimum(1024), z.maximum(64 * 1024 * 1024)),
    maxtermspertaxonomy: z.int().check(z.minimum(1), z.maximum(100_000)),
    directory: z.boolean(),
    opml: z.boolean(),
    hub: z.url({ protocol: /^https?$/ }),
    archives: z.boolean(),
    author: z.unknown(),
  }),
);

export interface ResolveOptions {
  /** The config file's name, for error messages. */
  readonly file: string;
  /** `--base-url`, which wins over the config. */
  readonly baseURL?: string;
  /** Options from a separate feedpub.* file (merged over the config's `feedpub` section). */
  readonly feedpub?: Record<string, unknown>;
  readonly feedpubFile?: string;
}

/**
 * Turns Hugo's config (keys case-insensitive, as Hugo reads them) plus feedpub's options into a validated
 * SiteConfig. Every error names the key.
 *
 * @example resolveSiteConfig({ baseURL: 'https://example.com/', title: 'News' }, { file: 'hugo.toml' })
 */
export function resolveSiteConfig(hugo: Record<string, unknown>, options: ResolveOptions): SiteConfig {
  const file = options.file;
  const top = lowerKeys(hugo);
  const params = lowerKeys(asRecord(top.params, 'params', file));

  const baseURL = resolveBaseURL(options.baseURL ?? top.baseurl, options.baseURL !== undefined ? '--base-url' : 'baseURL', file);
  const title = optionalString(top.title, 'title', file) ?? new URL(baseURL).hostname;
  const description = optionalString(params.description, 'params.description', file) ?? optionalString(top.description, 'description', file) ?? '';
  const timeZone = optionalString(top.timezone, 'timeZone', file) ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new ConfigError('timeZone', `unknown time zone "${timeZone}" (use an IANA name such as Asia/Shanghai)`, file);

  const feedpubRaw = {
    ...lowerKeys(asRecord(top.feedpub, 'feedpub', file)),
    ...lowerKeys(asRecord(params.feedpub, 'params.feedpub', file)),
    ...lowerKeys(options.feedpub ?? {}),
  };
  const feeds = resolveFeedOptions(feedpubRaw, options.feedpubFile ?? file, baseURL);

  const author =
    resolvePerson(feedpubRaw.author, 'feedpub.author', file) ??
    resolvePerson(params.author, 'params.author', file) ??
    resolvePerson(top.author, 'author', file);
  const copyright = optionalString(top.copyright, 'copyright', file);

  const defaultContentDir = trimDir(optionalString(top.contentdir, 'contentDir', file) ?? 'content');
  if (!insideSite(defaultContentDir)) throw new ConfigError('contentDir', `"${defaultContentDir}" must be a folder inside the site`, file);
  const defaultLang = (optionalString(top.defaultcontentlanguage, 'defaultContentLanguage', file) ?? 'en').toLowerCase();
  const { languages, disabled } = resolveLanguages(top, { file, defaultLang, defaultContentDir, title, description });
  if (!languages.some((l) => l.key === defaultLang)) {
    throw new ConfigError('defaultContentLanguage', `"${defaultLang}" is not one of the languages (${languages.map((l) => l.key).join(', ')})`, file);
  }

  const siteConfig: SiteConfig = {
    baseURL,
    title,
    description,
    timeZone,
    defaultContentLanguage: defaultLang,
    defaultContentLanguageInSubdir: optionalBoolean(top.defaultcontentlanguageinsubdir, 'defaultContentLanguageInSubdir', file) ?? false,
    languages,
    taxonomies: resolveTaxonomies(top.taxonomies, file),
    permalinks: resolvePermalinks(top.permalinks, file),
    disablePathToLower: optionalBoolean(top.disablepathtolower, 'disablePathToLower', file) ?? false,
    uglyURLs: optionalBoolean(top.uglyurls, 'uglyURLs', file) ?? false,
    feeds,
    ...(disabled.length > 0 ? { disabledLanguages: disabled } : {}),
    ...(author ? { author } : {}),
    ...(copyright ? { copyright } : {}),
  };
  return siteConfig;
}

function resolveBaseURL(value: unknown, key: string, file: string): string {
  if (value === undefined || value === null || value === '') {
    throw new ConfigError(
      key,
      'is missing: feeds need absolute URLs; set baseURL in the config (build, check and dev also take --base-url https://example.com/)',
      file,
    );
  }
  if (typeof value !== 'string') throw new ConfigError(key, 'must be a string', file);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(key, `"${value}" is not an absolute URL: feeds need absolute URLs (e.g. https://example.com/)`, file);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(key, `"${value}" must be an http(s) URL`, file);
  if (url.search || url.hash) throw new ConfigError(key, `"${value}" must not have a query or fragment`, file);
  const href = url.href;
  return href.endsWith('/') ? href : `${href}/`;
}

function resolveFeedOptions(raw: Record<string, unknown>, file: string, baseURL: string): FeedOptions {
  const parsed = feedOptionsSchema.safeParse(raw, { error: englishErrors });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.code === 'unrecognized_keys') {
      const known = Object.keys(DEFAULT_FEED_OPTIONS).concat('hub', 'author');
      throw new ConfigError(`feedpub.${issue.keys[0] ?? ''}`, `is not an option of feedpub (options: ${known.join(', ')})`, file);
    }
    const key = `feedpub.${issue?.path.join('.') ?? ''}`;
    throw new ConfigError(key, issue?.message ?? 'invalid', file);
  }
  const o = parsed.data;
  const dir = o.alllanguagespath ?? DEFAULT_FEED_OPTIONS.allLanguagesPath;
  return {
    limit: o.limit ?? DEFAULT_FEED_OPTIONS.limit,
    maxBytes: o.maxbytes ?? DEFAULT_FEED_OPTIONS.maxBytes,
    formats: dedupe(o.formats ?? DEFAULT_FEED_OPTIONS.formats) as FeedFormat[],
    fullContent: o.fullcontent ?? DEFAULT_FEED_OPTIONS.fullContent,
    allLanguagesPath: dir.endsWith('/') ? dir : `${dir}/`,
    idNamespace: o.idnamespace ?? idNamespaceOf(baseURL),
    ...(o.idnamespace !== undefined ? { idNamespaceFromConfig: true as const } : {}),
    maxArticleBytes: o.maxarticlebytes ?? DEFAULT_FEED_OPTIONS.maxArticleBytes,
    maxTermsPerTaxonomy: o.maxtermspertaxonomy ?? DEFAULT_FEED_OPTIONS.maxTermsPerTaxonomy,
    directory: o.directory ?? DEFAULT_FEED_OPTIONS.directory,
    opml: o.opml ?? DEFAULT_FEED_OPTIONS.opml,
    archives: o.archives ?? DEFAULT_FEED_OPTIONS.archives,
    ...(o.hub !== undefined ? { hub: o.hub } : {}),
  };
}

function resolveLanguages(
  top: Record<string, unknown>,
  ctx: { file: string; defaultLang: string; defaultContentDir: string; title: string; description: string },
): { languages: LanguageConfig[]; disabled: string[] } {
  const { file } = ctx;
  const raw = asRecord(top.languages, 'languages', file);
  const topCode = languageTag(optionalString(top.languagecode, 'languageCode', file), 'languageCode', file);
  // Hugo's `disableLanguages` and `languages.<key>.disabled`: no feed, and their pages are not the site's.
  const listed = top.disablelanguages === undefined ? [] : top.disablelanguages;
  if (!Array.isArray(listed) || !listed.every((k) => typeof k === 'string')) throw new ConfigError('disableLanguages', 'must be a list of language keys', file);
  const disabled = new Set(listed.map((k) => k.toLowerCase()));
  for (const [rawKey, value] of Object.entries(raw)) {
    if (optionalBoolean(lowerKeys(asRecord(value, `languages.${rawKey}`, file)).disabled, `languages.${rawKey}.disabled`, file))
      disabled.add(rawKey.toLowerCase());
  }
  if (disabled.has(ctx.defaultLang)) throw new ConfigError('disableLanguages', `the default content language "${ctx.defaultLang}" cannot be disabled`, file);
  const entries = Object.entries(raw).filter(([rawKey]) => !disabled.has(rawKey.toLowerCase()));
  if (entries.length === 0) {
    return {
      disabled: [...disabled].sort(),
      languages: [
        {
          key: ctx.defaultLang,
          code: topCode ?? languageTag(ctx.defaultLang, 'defaultContentLanguage', file) ?? ctx.defaultLang,
          name: ctx.defaultLang,
          title: ctx.title,
          description: ctx.description,
          contentDir: ctx.defaultContentDir,
          weight: 0,
        },
      ],
    };
  }
  const languages = entries.map(([rawKey, value]): LanguageConfig => {
    const key = rawKey.toLowerCase();
    if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(key)) throw new ConfigError(`languages.${rawKey}`, 'a language key must be letters, digits and dashes', file);
    const lang = lowerKeys(asRecord(value, `languages.${rawKey}`, file));
    const params = lowerKeys(asRecord(lang.params, `languages.${rawKey}.params`, file));
    const weight = lang.weight === undefined ? 0 : lang.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw new ConfigError(`languages.${rawKey}.weight`, 'must be a number', file);
    const contentDir = trimDir(optionalString(lang.contentdir, `languages.${rawKey}.contentDir`, file) ?? ctx.defaultContentDir);
    return {
      key,
      code:
        languageTag(optionalString(lang.languagecode, `languages.${rawKey}.languageCode`, file), `languages.${rawKey}.languageCode`, file) ??
        (key === ctx.defaultLang && topCode ? topCode : (languageTag(rawKey, `languages.${rawKey}`, file) ?? rawKey)),
      name: optionalString(lang.languagename, `languages.${rawKey}.languageName`, file) ?? rawKey,
      title: optionalString(lang.title, `languages.${rawKey}.title`, file) ?? ctx.title,
      description:
        optionalString(params.description, `languages.${rawKey}.params.description`, file) ??
        optionalString(lang.description, `languages.${rawKey}.description`, file) ??
        ctx.description,
      contentDir,
      weight,
    };
  });
  for (const l of languages) {
    if (!insideSite(l.contentDir)) {
      throw new ConfigError(`languages.${l.key}.contentDir`, `"${l.contentDir}" must be a folder inside the site`, file);
    }
  }
  return { disabled: [...disabled].sort(), languages: languages.sort((a, b) => a.weight - b.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/**
 * A language code as feeds write it (`xml:lang`, RSS `language`, JSON Feed `language`, `hreflang`): a BCP 47
 * tag. Hugo sites often write `en_US`, which becomes `en-US`; anything else that is no tag is an error
 * naming the key, since every Atom file would otherwise fail its schema.
 *
 * @example languageTag('en_US', 'languageCode', 'hugo.toml') // 'en-US'
 */
function languageTag(code: string | undefined, key: string, file: string): string | undefined {
  if (code === undefined) return undefined;
  const tag = code.trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) {
    throw new ConfigError(key, `"${code}" is not a language tag (write one such as en, en-US or zh-Hans-CN)`, file);
  }
  return tag;
}

function resolveTaxonomies(value: unknown, file: string): Taxonomy[] {
  if (value === undefined) {
    return [
      { singular: 'category', plural: 'categories' },
      { singular: 'tag', plural: 'tags' },
    ];
  }
  const raw = asRecord(value, 'taxonomies', file);
  const out: Taxonomy[] = [];
  for (const [singular, plural] of Object.entries(raw)) {
    if (typeof plural !== 'string' || !/^[\p{L}\p{N}_-]+$/u.test(plural)) {
      throw new ConfigError(`taxonomies.${singular}`, 'must be a plural name made of letters, digits, - and _', file);
    }
    out.push({ singular: singular.toLowerCase(), plural: plural.toLowerCase() });
  }
  return out;
}

function resolvePermalinks(value: unknown, file: string): Record<string, string> {
  const raw = asRecord(value, 'permalinks', file);
  const out: Record<string, string> = {};
  for (const [section, pattern] of Object.entries(raw)) {
    // Hugo 0.111 also accepts a nested { page: { section: pattern } } form.
    if (section.toLowerCase() === 'page' && pattern && typeof pattern === 'object') {
      Object.assign(out, resolvePermalinks(pattern, file));
      continue;
    }
    if (typeof pattern !== 'string' || !pattern.startsWith('/')) {
      throw new ConfigError(`permalinks.${section}`, 'must be a pattern starting with "/", e.g. "/:year/:month/:slug/"', file);
    }
    const unknown = pattern.match(/:[a-z]+/g)?.find((t) => !PERMALINK_TOKENS.has(t));
    if (unknown) throw new ConfigError(`permalinks.${section}`, `unknown token ${unknown}`, file);
    out[section] = pattern;
  }
  return out;
}

/** The permalink tokens feedpub understands (Hugo 0.111's). */
export const PERMALINK_TOKENS = new Set([
  ':year',
  ':month',
  ':monthname',
  ':day',
  ':weekday',
  ':weekdayname',
  ':yearday',
  ':section',
  ':sections',
  ':title',
  ':slug',
  ':filename',
  ':slugorfilename',
]);

function resolvePerson(value: unknown, key: string, file: string): Person | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { name: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const v = lowerKeys(value as Record<string, unknown>);
    const name = optionalString(v.name, `${key}.name`, file);
    if (!name) return undefined;
    const email = optionalString(v.email, `${key}.email`, file);
    const url = optionalString(v.url ?? v.uri, `${key}.url`, file);
    return { name, ...(email ? { email } : {}), ...(url ? { url } : {}) };
  }
  throw new ConfigError(key, 'must be a name or { name, email, url }', file);
}

function lowerKeys(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) out[k.toLowerCase()] = v;
  return out;
}

function asRecord(value: unknown, key: string, file: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(key, 'must be a table/object', file);
  return value as Record<string, unknown>;
}

function optionalString(value: unknown, key: string, file: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `must be a string, not ${Array.isArray(value) ? 'a list' : typeof value}`, file);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function optionalBoolean(value: unknown, key: string, file: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ConfigError(key, 'must be true or false', file);
  return value;
}

/** A relative folder path without `..` or empty segments (an absolute path starts with one). */
function insideSite(dir: string): boolean {
  return !dir.split('/').some((s) => s === '..' || s === '');
}

function trimDir(dir: string): string {
  return dir
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
}

function dedupe<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
