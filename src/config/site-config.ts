import { flattenParams } from '../parse/params.js';
import { UNSAFE_KEYS } from '../parse/to-plain-data.js';
import * as z from 'zod/mini';
import { ConfigError, configErrorOf } from '../errors.js';
import type { DisabledKind, FeedFormat, FeedOptions, FrontMatterDates, LanguageConfig, MarkdownExtensions, Person, SiteConfig, Taxonomy } from '../model.js';
import { goLayoutElements, isGoDateLayout } from '../plan/go-time-format.js';
import { idNamespaceOf } from '../plan/ids.js';
import { lowerAsGo } from '../plan/slug.js';
import { PERMALINK_TOKEN, sectionsSlice } from '../plan/urls.js';
import { FRONT_MATTER_DATE_DEFAULTS } from '../plan/date-sources.js';
import { contentMountsOf, withContentMounts } from './content-mounts.js';
import { kindDisabled, taxonomiesOf } from './language-settings.js';
import { languageOf } from './language-codes.js';
import { asTable, type FileOf, lowerKeys } from './tables.js';
import { timeZoneName, unknownTimeZone, zoneAbbreviation } from './time-zone-names.js';
import { isRecord, recordFrom } from '../util/record.js';

/** Defaults of feedpub's own options. */
export const DEFAULT_FEED_OPTIONS: FeedOptions = {
  limit: 20,
  maxBytes: 1024 * 1024,
  formats: ['rss', 'atom', 'json'],
  fullContent: true,
  allLanguagesPath: 'all/',
  idNamespace: 'feedpub',
  itemIds: 'uuid',
  maxArticleBytes: 5 * 1024 * 1024,
  maxTermsPerTaxonomy: 100,
  directory: true,
  opml: true,
  archives: false,
};

// Strict: a misspelt option (`limt`) is an error naming it, not a silent default.
const feedOptionsSchema = z.partial(
  z.strictObject({
    limit: z.int().check(z.minimum(1), z.maximum(10_000)),
    maxbytes: z.int().check(z.minimum(4096), z.maximum(100 * 1024 * 1024)),
    formats: z.array(z.enum(['rss', 'atom', 'json'])).check(z.minLength(1)),
    fullcontent: z.boolean(),
    alllanguagespath: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\/?$/, 'a relative folder such as "all/"')),
    idnamespace: z.string().check(z.minLength(1), z.maxLength(200)),
    itemids: z.enum(['uuid', 'permalink']),
    maxarticlebytes: z.int().check(z.minimum(1024), z.maximum(64 * 1024 * 1024)),
    maxtermspertaxonomy: z.int().check(z.minimum(1), z.maximum(100_000)),
    directory: z.boolean(),
    opml: z.boolean(),
    hub: z.url({ protocol: /^https?$/ }),
    icon: z.string().check(z.minLength(1)),
    logo: z.string().check(z.minLength(1)),
    archives: z.boolean(),
    author: z.unknown(),
  }),
);

export interface ResolveOptions {
  /** The config file's name, for error messages about a key no entry of `sources` names. */
  readonly file: string;
  /**
   * Which file set each key, by its dotted path in lower case (`params.author` →
   * `config/_default/params.toml`), when the keys come from several files: errors name the file that set
   * the value (or the nearest table above it).
   */
  readonly sources?: ReadonlyMap<string, string>;
  /** `--base-url`, which wins over the config. */
  readonly baseURL?: string;
  /** Options from a separate feedpub.* file (merged over the config's `feedpub` section). */
  readonly feedpub?: Record<string, unknown>;
  readonly feedpubFile?: string;
}

/** Where a feedpub option was set: the file, and its key path as written there (`params.feedpub.maxBytes`). */
interface OptionOrigin {
  readonly file: string;
  readonly key: string;
}

/**
 * Turns Hugo's config (keys case-insensitive, as Hugo reads them) plus feedpub's options into a validated
 * SiteConfig. Every error names the key as written and, with `sources`, the file that set it.
 *
 * @example resolveSiteConfig({ baseURL: 'https://example.com/', title: 'News' }, { file: 'hugo.toml' })
 */
export function resolveSiteConfig(hugo: Record<string, unknown>, options: ResolveOptions): SiteConfig {
  const fileOf: FileOf = (key) => {
    const path = key.toLowerCase().split('.');
    for (let n = path.length; n > 0; n--) {
      const file = options.sources?.get(path.slice(0, n).join('.'));
      if (file !== undefined) return file;
    }
    return options.file;
  };
  // Every setting that cannot work is reported, not the first alone: each is resolved on its own (a
  // stand-in for one that fails, so the others are still checked), and a check that needs a failed one is
  // left out (its error would be about the stand-in).
  const errors: ConfigError[] = [];
  const failed = new Set<string>();
  const attempt = <T>(name: string, fallback: T, resolve: () => T): T => {
    try {
      return resolve();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      failed.add(name);
      return fallback;
    }
  };
  const top = lowerKeys(hugo);
  const params = attempt('params', {}, () => lowerKeys(asTable(top.params, 'params', fileOf)));

  const baseURL = attempt('baseURL', 'https://example.invalid/', () =>
    resolveBaseURL(options.baseURL ?? top.baseurl, options.baseURL !== undefined ? '--base-url' : 'baseURL', fileOf),
  );
  const title = attempt('title', '', () => optionalString(top.title, 'title', fileOf) ?? new URL(baseURL).hostname);
  const description = attempt(
    'description',
    '',
    () => optionalString(params.description, 'params.description', fileOf) ?? optionalString(top.description, 'description', fileOf) ?? '',
  );
  const timeZone = attempt('timeZone', 'UTC', () => {
    // An IANA name as tzdata spells it, on every Node (see `timeZoneName`): a UTC offset is none.
    const zone = optionalString(top.timezone, 'timeZone', fileOf) ?? 'UTC';
    const name = timeZoneName(zone);
    if (name === undefined) throw new ConfigError('timeZone', unknownTimeZone(zone, 'Asia/Shanghai'), fileOf('timeZone'));
    return name;
  });

  // feedpub's options from their three places, later ones winning: [feedpub], [params.feedpub], feedpub.*.
  // Each remembers where it was set, so an error names that file and the key as written there.
  const written: (readonly [string, unknown])[] = [];
  const origins = new Map<string, OptionOrigin>();
  const feedpubKey = writtenKey(hugo, 'feedpub');
  const paramsKey = writtenKey(hugo, 'params');
  // (Each option's file: the config's tables may be merged from several files.)
  const layers: [Record<string, unknown>, string, (name: string) => string][] = [
    [attempt('feedpub', {}, () => asTable(top.feedpub, feedpubKey, fileOf)), `${feedpubKey}.`, (name) => fileOf(`feedpub.${name}`)],
    [
      attempt('params.feedpub', {}, () => asTable(params.feedpub, `${paramsKey}.feedpub`, fileOf)),
      `${paramsKey}.${writtenKey(isRecord(top.params) ? top.params : {}, 'feedpub')}.`,
      (name) => fileOf(`params.feedpub.${name}`),
    ],
    [options.feedpub ?? {}, '', () => options.feedpubFile ?? options.file],
  ];
  for (const [record, path, fileOfOption] of layers) {
    for (const [name, value] of Object.entries(record)) {
      written.push([name.toLowerCase(), value]);
      origins.set(name.toLowerCase(), { file: fileOfOption(name), key: `${path}${name}` });
    }
  }
  // (Assigned one by one, a key written `__PROTO__` would set the prototype: what it holds would read as options.)
  const feedpubRaw = recordFrom(written);
  const hugoLimits = attempt('services.rss.limit', {}, () => hugoRssLimits(top, '', fileOf));
  const feeds = attempt('feeds', DEFAULT_FEED_OPTIONS, () => resolveFeedOptions(feedpubRaw, origins, baseURL, hugoRssLimit(hugoLimits)));

  // feedpub's `author` over Hugo's `params.author`, over Hugo's `author` (each kept apart: a language's own
  // stands in for the site's at its place in that order, `languageFeedSettings`).
  const people = attempt('author', { feedpub: undefined, params: undefined, top: undefined }, () => ({
    feedpub: resolvePeople(feedpubRaw.author, origins.get('author')?.key ?? 'feedpub.author', () => origins.get('author')?.file ?? options.file, true),
    params: resolvePeople(params.author, 'params.author', fileOf),
    top: resolvePeople(top.author, 'author', fileOf),
  }));
  const authors = people.feedpub ?? people.params ?? people.top;
  const copyright = attempt('copyright', undefined, () => optionalString(top.copyright, 'copyright', fileOf));

  const defaultContentDir = attempt('contentDir', 'content', () => {
    const dir = trimDir(optionalString(top.contentdir, 'contentDir', fileOf) ?? 'content');
    if (!insideSite(dir)) throw new ConfigError('contentDir', `"${dir}" must be a folder inside the site`, fileOf('contentDir'));
    return dir;
  });
  const defaultLang = attempt('defaultContentLanguage', 'en', () =>
    (optionalString(top.defaultcontentlanguage, 'defaultContentLanguage', fileOf) ?? 'en').toLowerCase(),
  );
  const ignoreErrors = attempt('ignoreErrors', [] as string[], () => stringList(top.ignoreerrors, 'ignoreErrors', fileOf).map((id) => id.toLowerCase()));
  const kindsOf = (value: unknown, key: string): DisabledKind[] => resolveDisabledKinds(value, key, ignoreErrors, fileOf);
  const disabledKinds = attempt('disableKinds', [] as DisabledKind[], () => kindsOf(top.disablekinds, 'disableKinds'));
  // The languages need the default one (it cannot be disabled): not checked against a stand-in.
  const { languages, disabled } = failed.has('defaultContentLanguage')
    ? { languages: [], disabled: [] }
    : attempt('languages', { languages: [] as LanguageConfig[], disabled: [] as string[] }, () =>
        resolveLanguages(top, { fileOf, defaultLang, defaultContentDir, title, description, kindsOf }),
      );
  if (!failed.has('defaultContentLanguage') && !failed.has('languages') && !languages.some((l) => l.key === defaultLang)) {
    errors.push(
      new ConfigError(
        'defaultContentLanguage',
        `"${defaultLang}" is not one of the languages (${languages.map((l) => l.writtenKey ?? l.key).join(', ')})`,
        fileOf('defaultContentLanguage'),
      ),
    );
  }
  // Hugo's content mounts replace contentDir and every language's (`[[module.mounts]]`, target `content`).
  const mounts = attempt('module', undefined, () => contentMountsOf(top, fileOf));
  const withMounts =
    mounts === undefined || failed.has('defaultContentLanguage') || failed.has('languages')
      ? languages
      : attempt('module.mounts', languages, () => withContentMounts(languages, mounts, { defaultLang, disabled, fileOf }));
  // Each language's copyright, authors and item limit, where they are its own (a check that needs the site's waits for them).
  const mounted = ['languages', 'feeds', 'author', 'copyright', 'services.rss.limit', 'params'].some((name) => failed.has(name))
    ? withMounts
    : attempt('languages', withMounts, () =>
        withMounts.map((language) =>
          languageFeedSettings(language, top, {
            fileOf,
            baseURL,
            feedpubRaw,
            feeds,
            people,
            copyright,
            hugoLimits,
          }),
        ),
      );
  // Hugo 0.111 puts a language in a folder of its own only on a multilingual site (more than one language
  // enabled): with one, the setting changes nothing and the default language stays at the root.
  const inSubdir =
    attempt(
      'defaultContentLanguageInSubdir',
      false,
      () => optionalBoolean(top.defaultcontentlanguageinsubdir, 'defaultContentLanguageInSubdir', fileOf) ?? false,
    ) && languages.length > 1;
  if (!failed.has('feeds') && !failed.has('languages') && !failed.has('defaultContentLanguage')) {
    attempt('allLanguagesPath', undefined, () =>
      checkAllLanguagesPath(feeds.allLanguagesPath, { languages, defaultLang, inSubdir, origin: origins.get('alllanguagespath') }),
    );
  }

  const taxonomies = attempt('taxonomies', [], () => resolveTaxonomies(top.taxonomies, fileOf));
  const permalinks = attempt('permalinks', {}, () => resolvePermalinks(top.permalinks, fileOf));
  const disablePathToLower = attempt('disablePathToLower', false, () => optionalBoolean(top.disablepathtolower, 'disablePathToLower', fileOf) ?? false);
  const removePathAccents = attempt('removePathAccents', undefined, () => optionalBoolean(top.removepathaccents, 'removePathAccents', fileOf));
  const pluralizeListTitles = attempt('pluralizeListTitles', undefined, () => optionalBoolean(top.pluralizelisttitles, 'pluralizeListTitles', fileOf));
  // Hugo 0.111 reads the site's only: a language's own (`[languages.fr] enableEmoji`) changes nothing there.
  const enableEmoji = attempt('enableEmoji', undefined, () => optionalBoolean(top.enableemoji, 'enableEmoji', fileOf));
  const canonifyURLs = attempt('canonifyURLs', undefined, () => optionalBoolean(top.canonifyurls, 'canonifyURLs', fileOf));
  const uglyURLs = attempt('uglyURLs', false, () => resolveUglyURLs(top.uglyurls, fileOf));
  const rssFile = attempt('outputFormats', {}, () => rssFileOf(top, fileOf));
  const frontMatterDates = attempt('frontmatter', {}, () => frontMatterDatesOf(top.frontmatter, writtenKey(hugo, 'frontmatter'), fileOf));
  const markdown = attempt('markup', {}, () => markdownOf(top, fileOf));
  const cascade = cascadeOf(top, fileOf);
  if (!failed.has('permalinks') && !failed.has('languages') && !failed.has('timeZone')) {
    attempt('permalinks', undefined, () => checkZoneNames(permalinks, timeZone, mounted, fileOf));
  }
  if (errors.length > 0) throw configErrorOf(errors);
  const siteConfig: SiteConfig = {
    baseURL,
    title,
    description,
    timeZone,
    defaultContentLanguage: defaultLang,
    defaultContentLanguageInSubdir: inSubdir,
    ...withLanguageTaxonomies(mounted, taxonomies),
    permalinks,
    disablePathToLower,
    ...(removePathAccents === true ? { removePathAccents: true } : {}),
    ...(pluralizeListTitles === false ? { pluralizeListTitles: false as const } : {}),
    ...(enableEmoji === true ? { enableEmoji: true as const } : {}),
    ...(canonifyURLs === true ? { canonifyURLs: true as const } : {}),
    uglyURLs,
    ...rssFile,
    feeds,
    ...frontMatterDates,
    ...markdown,
    ...(disabled.length > 0 ? { disabledLanguages: disabled } : {}),
    ...(disabledKinds.length > 0 ? { disabledKinds } : {}),
    ...(authors ? { authors } : {}),
    ...(copyright ? { copyright } : {}),
    ...paramsOf(params),
    ...cascade,
  };
  checkTermPatterns(siteConfig, fileOf);
  return siteConfig;
}

/**
 * The config's `cascade`, as Hugo reads it: a table is one entry, a list's tables are its entries (anything
 * else in it is skipped, as Hugo skips it); what they give is read when a run plans (`siteCascade`).
 */
function cascadeOf(top: Record<string, unknown>, fileOf: FileOf): { cascade?: NonNullable<SiteConfig['cascade']> } {
  const value = top.cascade;
  const entries = Array.isArray(value) ? value.filter(isRecord) : isRecord(value) ? [value] : [];
  return entries.length > 0 ? { cascade: { file: fileOf('cascade'), entries } } : {};
}

/** The values of a table of params the `param` shortcode shows (`flattenParams`), when it has any. */
function paramsOf(params: Record<string, unknown>): { params?: readonly (readonly [string, string])[] } {
  const values = flattenParams(params);
  return values.length > 0 ? { params: values } : {};
}

/**
 * Where Hugo writes RSS when the site renames its RSS output format (`[outputFormats.RSS] baseName = "feed"`:
 * `feed.xml` in every feed folder, as Hugo 0.111 does), so its subscribers' URLs stay the same. Names are
 * compared in any case, as Hugo's are; a name that would be another format's file is an error.
 *
 * @example rssFileOf({ outputformats: { RSS: { baseName: 'feed' } } }, fileOf) // { rssFile: 'feed.xml' }
 */
function rssFileOf(top: Record<string, unknown>, fileOf: FileOf): { rssFile?: string } {
  const formats = lowerKeys(asTable(top.outputformats, 'outputFormats', fileOf));
  const rss = lowerKeys(asTable(formats.rss, 'outputFormats.RSS', fileOf));
  const baseName = optionalString(rss.basename, 'outputFormats.RSS.baseName', fileOf);
  if (baseName === undefined || baseName === 'index') return {};
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(baseName)) {
    throw new ConfigError(
      'outputFormats.RSS.baseName',
      `"${baseName}" must be a file name without a folder or suffix (such as "feed")`,
      fileOf('outputFormats'),
    );
  }
  const rssFile = `${baseName}.xml`;
  if (rssFile.toLowerCase() === 'atom.xml') {
    throw new ConfigError('outputFormats.RSS.baseName', `"${baseName}" would write RSS over the Atom feed (atom.xml)`, fileOf('outputFormats'));
  }
  return { rssFile };
}

/**
 * The Markdown extensions the site turns off in Hugo's `[markup.goldmark]` (footnotes, definition lists, the
 * typographer, bare links, tables, strikethrough, task lists: `extensions.*`; heading attributes:
 * `parser.attribute.title`), and the settings it turns on
 * (`renderer.hardWraps`, block attributes: `parser.attribute.block`), so that feeds render a body as its pages do. `typographer` is a boolean in Hugo
 * 0.111 and a table with `disable` from 0.112 on; both are read. Nothing changed: nothing (Hugo's defaults).
 *
 * @example markdownOf({ markup: { goldmark: { extensions: { footnote: false } } } }, fileOf).markdown?.footnote // false
 */
function markdownOf(top: Record<string, unknown>, fileOf: FileOf): { markdown?: MarkdownExtensions } {
  const goldmark = lowerKeys(asTable(lowerKeys(asTable(top.markup, 'markup', fileOf)).goldmark, 'markup.goldmark', fileOf));
  const extensions = lowerKeys(asTable(goldmark.extensions, 'markup.goldmark.extensions', fileOf));
  const parser = lowerKeys(asTable(goldmark.parser, 'markup.goldmark.parser', fileOf));
  const attribute = lowerKeys(asTable(parser.attribute, 'markup.goldmark.parser.attribute', fileOf));
  const renderer = lowerKeys(asTable(goldmark.renderer, 'markup.goldmark.renderer', fileOf));
  const at = (key: string) => `markup.goldmark.${key}`;
  const typographer = isRecord(extensions.typographer)
    ? !(optionalBoolean(lowerKeys(extensions.typographer).disable, at('extensions.typographer.disable'), fileOf) ?? false)
    : optionalBoolean(extensions.typographer, at('extensions.typographer'), fileOf);
  const markdown: MarkdownExtensions = {
    footnote: optionalBoolean(extensions.footnote, at('extensions.footnote'), fileOf) ?? true,
    definitionList: optionalBoolean(extensions.definitionlist, at('extensions.definitionList'), fileOf) ?? true,
    typographer: typographer ?? true,
    headingAttributes: optionalBoolean(attribute.title, at('parser.attribute.title'), fileOf) ?? true,
    ...(optionalBoolean(attribute.block, at('parser.attribute.block'), fileOf) === true ? { attributeBlock: true as const } : {}),
    ...(optionalBoolean(renderer.hardwraps, at('renderer.hardWraps'), fileOf) === true ? { hardWraps: true as const } : {}),
    ...(optionalBoolean(extensions.linkify, at('extensions.linkify'), fileOf) === false ? { linkify: false as const } : {}),
    ...(optionalBoolean(extensions.table, at('extensions.table'), fileOf) === false ? { table: false as const } : {}),
    ...(optionalBoolean(extensions.strikethrough, at('extensions.strikethrough'), fileOf) === false ? { strikethrough: false as const } : {}),
    ...(optionalBoolean(extensions.tasklist, at('extensions.taskList'), fileOf) === false ? { taskList: false as const } : {}),
  };
  const defaults = markdown.footnote && markdown.definitionList && markdown.typographer && markdown.headingAttributes && Object.keys(markdown).length === 4;
  return defaults ? {} : { markdown };
}

/**
 * The languages and the site's taxonomies when a language has taxonomies of its own: every language then
 * names its own (the site's, where it has none), and the site's are all of them (the site's first), which
 * is what feeds and the directory group terms by. Without such a language, both as they are.
 */
function withLanguageTaxonomies(
  languages: readonly LanguageConfig[],
  taxonomies: readonly Taxonomy[],
): { readonly languages: readonly LanguageConfig[]; readonly taxonomies: readonly Taxonomy[] } {
  if (languages.every((l) => l.taxonomies === undefined)) return { languages, taxonomies };
  const all = new Map(taxonomies.map((t) => [t.plural, t]));
  for (const language of languages) for (const t of language.taxonomies ?? []) if (!all.has(t.plural)) all.set(t.plural, t);
  return { languages: languages.map((l) => (l.taxonomies === undefined ? { ...l, taxonomies } : l)), taxonomies: [...all.values()] };
}

/**
 * The all-languages feed of a multilingual site lives in its own folder (unless the default language is in
 * a subfolder: it then takes the root): a language's folder there would make two feeds one, the
 * language's replaced by the all-languages one.
 */
function checkAllLanguagesPath(
  dir: string,
  ctx: { languages: readonly LanguageConfig[]; defaultLang: string; inSubdir: boolean; origin: OptionOrigin | undefined },
): void {
  if (ctx.languages.length < 2 || ctx.inSubdir) return;
  const clash = ctx.languages.find((l) => l.key !== ctx.defaultLang && `${l.key}/` === dir);
  if (clash === undefined) return;
  throw new ConfigError(
    ctx.origin?.key ?? 'feedpub.allLanguagesPath',
    `"${dir}" is the folder of the feeds of language "${clash.key}": the all-languages feed would replace that language's; choose another folder, such as "all/"`,
    ctx.origin?.file,
  );
}

/** The key of `record` that is `lower` in any case, as written (the last one, as {@link lowerKeys} keeps it). */
function writtenKey(record: Record<string, unknown>, lower: string): string {
  return Object.keys(record).findLast((k) => k.toLowerCase() === lower) ?? lower;
}

function resolveBaseURL(value: unknown, key: string, fileOf: FileOf): string {
  const file = key === '--base-url' ? undefined : fileOf(key);
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
  } catch (error) {
    // A Hugo site may keep baseURL = "/" (relative links): its feeds still need the address, given once here.
    const instead = key === '--base-url' ? '' : '; set baseURL to the address in the config (build, check and dev also take --base-url https://example.com/)';
    throw new ConfigError(key, `"${value}" is not an absolute URL: feeds need absolute URLs (e.g. https://example.com/)${instead}`, file, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(key, `"${value}" must be an http(s) URL`, file);
  if (url.search || url.hash) throw new ConfigError(key, `"${value}" must not have a query or fragment`, file);
  const href = url.href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * A language's own `baseURL` (Hugo's multihost), where its pages are linked: an absolute http(s) URL with a
 * trailing slash, as the site's; nothing when it is unset or empty.
 *
 * @example hostBaseURLOf(' https://fr.example.org ', 'languages.fr.baseURL', fileOf) // { hostBaseURL: 'https://fr.example.org/' }
 */
function hostBaseURLOf(value: unknown, key: string, fileOf: FileOf): { hostBaseURL?: string } {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
  if (typeof value !== 'string') throw new ConfigError(key, 'must be a string', fileOf(key));
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch (error) {
    throw new ConfigError(key, `"${value}" is not an absolute URL: the language's pages are linked there (e.g. https://fr.example.com/)`, fileOf(key), {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(key, `"${value}" must be an http(s) URL`, fileOf(key));
  if (url.search || url.hash) throw new ConfigError(key, `"${value}" must not have a query or fragment`, fileOf(key));
  return { hostBaseURL: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

/** Hugo's two item limits of its RSS as a table sets them (the site's, or a language's): each a whole number, when set. */
interface HugoRssLimits {
  readonly service?: number | undefined;
  readonly rss?: number | undefined;
}

/**
 * `services.rss.limit` and `rssLimit` of a table (the site's top level, `at` '', or a language's,
 * `at` `languages.fr.`), checked: a whole number from -1 up, or a string of one, as Hugo 0.111 reads them.
 *
 * @example hugoRssLimits({ services: { rss: { limit: 50 } } }, '', fileOf) // { service: 50 }
 */
function hugoRssLimits(table: Record<string, unknown>, at: string, fileOf: FileOf): HugoRssLimits {
  const services = lowerKeys(asTable(table.services, `${at}services`, fileOf));
  const rss = lowerKeys(asTable(services.rss, `${at}services.rss`, fileOf));
  const count = (value: unknown, key: string): number | undefined => {
    if (value === undefined || value === null) return undefined;
    const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < -1) throw new ConfigError(key, 'must be a whole number (-1 for no limit)', fileOf(key));
    return n;
  };
  const service = count(rss.limit, `${at}services.rss.limit`);
  const rssLimit = count(table.rsslimit, `${at}rssLimit`);
  return { ...(service !== undefined ? { service } : {}), ...(rssLimit !== undefined ? { rss: rssLimit } : {}) };
}

/**
 * The item limit Hugo's own RSS uses, `services.rss.limit` else `rssLimit` (as Hugo 0.111 reads them: the
 * first when it is set and not 0), when one is a count: feedpub's default `limit` then, so a site's feeds
 * keep the length it chose. Hugo's -1 (no limit, its default) or 0 leave feedpub's 20: a feed of every
 * article is what `archives` is for. A language's are its own over the site's, each on its own
 * (`languageFeedSettings`), as Hugo gives a language its config.
 *
 * @example hugoRssLimit({ service: 0, rss: 50 }) // 50
 */
function hugoRssLimit({ service, rss }: HugoRssLimits): number | undefined {
  const limit = service !== undefined && service !== 0 ? service : rss;
  return limit !== undefined && limit > 0 ? Math.min(limit, 10_000) : undefined;
}

/** feedpub's options a language may set for its own feeds; the others are the whole site's. */
const LANGUAGE_OPTIONS = new Set(['limit', 'author']);

/**
 * A language with the feed settings it has of its own, as Hugo 0.111 gives a language its config (its
 * values over the site's, key by key; checked with hugo): `copyright`, the authors (feedpub's `author`, over
 * Hugo's `params.author`, over Hugo's `author`: at each place the language's, else the site's) and the item
 * limit (feedpub's `limit`, else Hugo's `services.rss.limit`, else its `rssLimit`, the same way). feedpub's
 * options for the language are in `[languages.<key>.params.feedpub]` (which Hugo templates read as
 * `site.Params.feedpub` in that language) and `[languages.<key>.feedpub]`, the first winning, as the site's
 * `[params.feedpub]` wins over its `[feedpub]`: `limit` and `author` are its own; every other option is the whole site's (one id namespace,
 * one all-languages folder, one list of formats the docs partial advertises), so a value other than the
 * site's is a config error naming it, as is an option feedpub does not have. Kept only where they differ
 * from the site's, so a language without settings of its own is as it was.
 *
 * @example languageFeedSettings(fr, { languages: { fr: { copyright: 'FR' } } }, site).copyright // 'FR'
 */
function languageFeedSettings(
  language: LanguageConfig,
  top: Record<string, unknown>,
  site: {
    readonly fileOf: FileOf;
    readonly baseURL: string;
    readonly feedpubRaw: Readonly<Record<string, unknown>>;
    readonly feeds: FeedOptions;
    readonly people: { readonly feedpub: Person[] | undefined; readonly params: Person[] | undefined; readonly top: Person[] | undefined };
    readonly copyright: string | undefined;
    readonly hugoLimits: HugoRssLimits;
  },
): LanguageConfig {
  const { fileOf } = site;
  const tables = asTable(top.languages, 'languages', fileOf);
  const rawKey = language.writtenKey ?? language.key;
  const raw = tables[rawKey];
  // A language the config does not list (a site without `languages`): the site's settings are its own.
  if (!isRecord(raw)) return language;
  const at = `languages.${rawKey}`;
  const lang = lowerKeys(raw);
  const rawParams = asTable(lang.params, `${at}.params`, fileOf);
  const params = lowerKeys(rawParams);
  const errors: ConfigError[] = [];
  const collect = <T>(resolve: () => T): T | undefined => {
    try {
      return resolve();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      return undefined;
    }
  };

  // feedpub's options for the language, from its two tables, each remembering where it was set.
  const own: Record<string, unknown> = {};
  const origins = new Map<string, OptionOrigin>();
  const places: [unknown, string][] = [
    [lang.feedpub, `${at}.${writtenKey(raw, 'feedpub')}`],
    [params.feedpub, `${at}.${writtenKey(raw, 'params')}.${writtenKey(rawParams, 'feedpub')}`],
  ];
  for (const [value, path] of places) {
    const table = collect(() => asTable(value, path, fileOf)) ?? {};
    for (const [name, option] of Object.entries(table)) {
      // Defined, not assigned: a key written __PROTO__ stays a key (an option feedpub does not have), where
      // assigned it would set the prototype and its table would read as options.
      Object.defineProperty(own, name.toLowerCase(), { value: option, enumerable: true, writable: true, configurable: true });
      origins.set(name.toLowerCase(), { file: fileOf(`${path}.${name}`), key: `${path}.${name}` });
    }
  }
  // Each checked as the site's are (what it takes, an option feedpub does not have), then held to the site's.
  const checked = collect(() => resolveFeedOptions(own, origins, site.baseURL));
  for (const [name, value] of Object.entries(own)) {
    if (checked === undefined || LANGUAGE_OPTIONS.has(name) || JSON.stringify(value) === JSON.stringify(site.feedpubRaw[name])) continue;
    const origin = origins.get(name);
    errors.push(
      new ConfigError(
        origin?.key ?? `${at}.params.feedpub.${name}`,
        `is the whole site's option, not a language's: feedpub reads it for every language's feeds from [params.feedpub] (or [feedpub], feedpub.*); set it there, or remove it here (only limit and author are a language's own)`,
        origin?.file,
      ),
    );
  }
  const authorOrigin = origins.get('author');
  const feedpubAuthors = collect(() =>
    resolvePeople(own.author, authorOrigin?.key ?? `${at}.params.feedpub.author`, () => authorOrigin?.file ?? fileOf(at), true),
  );
  const paramsAuthors = collect(() => resolvePeople(params.author, `${at}.params.author`, fileOf));
  const topAuthors = collect(() => resolvePeople(lang.author, `${at}.author`, fileOf));
  const copyright = collect(() => optionalString(lang.copyright, `${at}.copyright`, fileOf));
  const limits = collect(() => hugoRssLimits(lang, `${at}.`, fileOf)) ?? {};
  if (errors.length > 0) throw configErrorOf(errors);

  const authors = feedpubAuthors ?? site.people.feedpub ?? paramsAuthors ?? site.people.params ?? topAuthors ?? site.people.top;
  const siteAuthors = site.people.feedpub ?? site.people.params ?? site.people.top;
  const limit =
    (own.limit !== undefined ? checked?.limit : undefined) ??
    (site.feedpubRaw.limit !== undefined ? site.feeds.limit : undefined) ??
    hugoRssLimit({ service: limits.service ?? site.hugoLimits.service, rss: limits.rss ?? site.hugoLimits.rss }) ??
    DEFAULT_FEED_OPTIONS.limit;
  return {
    ...language,
    ...(copyright !== undefined && copyright !== site.copyright ? { copyright } : {}),
    ...(authors !== undefined && JSON.stringify(authors) !== JSON.stringify(siteAuthors) ? { authors } : {}),
    ...(limit !== site.feeds.limit ? { limit } : {}),
  };
}

function resolveFeedOptions(raw: Record<string, unknown>, origins: ReadonlyMap<string, OptionOrigin>, baseURL: string, hugoLimit?: number): FeedOptions {
  const parsed = feedOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    // Every option that cannot work, each in feedpub's words: its key and file, what it takes, what it holds.
    const errors = parsed.error.issues.flatMap((issue): ConfigError[] => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((name) => unknownOptionError(name, origins.get(name)));
      const [name = '', ...rest] = issue.path.map(String);
      const origin = origins.get(name);
      const key = [origin?.key ?? `feedpub.${name}`, ...rest].join('.');
      const value = rest.reduce<unknown>((v, step) => (v as Record<string, unknown> | undefined)?.[step], raw[name]);
      const expected = rest.length > 0 ? (OPTION_ITEM_TAKES[name] ?? OPTION_TAKES[name]) : OPTION_TAKES[name];
      return [new ConfigError(key, `must be ${expected ?? 'another value'}; found ${found(value)}`, origin?.file)];
    });
    throw configErrorOf(errors.filter((e, i) => errors.findIndex((f) => f.key === e.key) === i));
  }
  const o = parsed.data;
  const dir = o.alllanguagespath ?? DEFAULT_FEED_OPTIONS.allLanguagesPath;
  return {
    limit: o.limit ?? hugoLimit ?? DEFAULT_FEED_OPTIONS.limit,
    maxBytes: o.maxbytes ?? DEFAULT_FEED_OPTIONS.maxBytes,
    formats: dedupe(o.formats ?? DEFAULT_FEED_OPTIONS.formats) as FeedFormat[],
    fullContent: o.fullcontent ?? DEFAULT_FEED_OPTIONS.fullContent,
    allLanguagesPath: dir.endsWith('/') ? dir : `${dir}/`,
    idNamespace: o.idnamespace ?? idNamespaceOf(baseURL),
    ...(o.idnamespace !== undefined ? { idNamespaceFromConfig: true as const } : {}),
    itemIds: o.itemids ?? DEFAULT_FEED_OPTIONS.itemIds,
    maxArticleBytes: o.maxarticlebytes ?? DEFAULT_FEED_OPTIONS.maxArticleBytes,
    maxTermsPerTaxonomy: o.maxtermspertaxonomy ?? DEFAULT_FEED_OPTIONS.maxTermsPerTaxonomy,
    directory: o.directory ?? DEFAULT_FEED_OPTIONS.directory,
    opml: o.opml ?? DEFAULT_FEED_OPTIONS.opml,
    archives: o.archives ?? DEFAULT_FEED_OPTIONS.archives,
    ...(o.hub !== undefined ? { hub: o.hub } : {}),
    ...(o.icon !== undefined ? { icon: imageUrl(o.icon, baseURL, origins.get('icon')) } : {}),
    ...(o.logo !== undefined ? { logo: imageUrl(o.logo, baseURL, origins.get('logo')) } : {}),
  };
}

/** What each feed option takes, by its lower-cased name, in an error's words (`must be …`). */
const OPTION_TAKES: Readonly<Record<string, string>> = {
  limit: 'a whole number from 1 to 10000',
  maxbytes: 'a whole number of bytes from 4096 to 104857600',
  formats: 'a list of one or more of "rss", "atom" and "json"',
  fullcontent: 'true or false',
  alllanguagespath: 'a relative folder such as "all/"',
  idnamespace: 'a string of 1 to 200 characters',
  itemids: '"uuid" or "permalink"',
  maxarticlebytes: 'a whole number of bytes from 1024 to 67108864',
  maxtermspertaxonomy: 'a whole number from 1 to 100000',
  directory: 'true or false',
  opml: 'true or false',
  archives: 'true or false',
  hub: 'an http(s) URL',
  icon: 'a URL or a path on the site',
  logo: 'a URL or a path on the site',
};

/** What an item of a list option takes. */
const OPTION_ITEM_TAKES: Readonly<Record<string, string>> = { formats: '"rss", "atom" or "json"' };

/**
 * A value as an error shows it: as written in JSON (a table as such), a quoted number or boolean said to be one.
 * Never undefined: every option may be left out, and an item's path names one the list holds.
 */
function found(value: unknown): string {
  if (isRecord(value)) return 'a table';
  const text = JSON.stringify(value) ?? String(value);
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return typeof value === 'string' && /^\s*(-?\d+(\.\d+)?|true|false)\s*$/.test(value) ? `${shown} (a string: write it without the quotes)` : shown;
}

/** The error for an option feedpub does not have, listing those it has. */
function unknownOptionError(name: string, origin: OptionOrigin | undefined): ConfigError {
  const known = Object.keys(DEFAULT_FEED_OPTIONS).concat('hub', 'icon', 'logo', 'author');
  // feedpub.toml holds the options themselves: a [feedpub] table there is one level too deep.
  const nested =
    name === 'feedpub' && origin !== undefined && !origin.key.includes('.')
      ? `; ${origin.file} holds the options themselves, at its top level: drop the [feedpub] table`
      : '';
  return new ConfigError(origin?.key ?? `feedpub.${name}`, `is not an option of feedpub (options: ${known.join(', ')})${nested}`, origin?.file);
}

/**
 * The absolute URL of a feed image option: an http(s) URL as it is, or a path on the site resolved as
 * Hugo's `absURL` resolves it, and so as a page's front matter images are: against the baseURL
 * (`images/icon.png` is under it), a leading `/` against its host (`/images/icon.png` is at the root).
 *
 * @example imageUrl('/img/icon.png', 'https://example.com/blog/', origin) // 'https://example.com/img/icon.png'
 * @example imageUrl('img/icon.png', 'https://example.com/blog/', origin) // 'https://example.com/blog/img/icon.png'
 */
function imageUrl(value: string, baseURL: string, origin: OptionOrigin | undefined): string {
  const key = origin?.key ?? 'feedpub';
  const file = origin?.file;
  let url: URL;
  try {
    // A URL with a scheme, or a protocol-relative one (`//cdn.example.com/icon.png`, the baseURL's scheme), as it
    // is; a path under the baseURL, or under its host with a leading `/` (Hugo's `absURL "/x"`).
    url = new URL(value, baseURL);
  } catch {
    throw new ConfigError(key, `"${value}" is not a URL or a path on the site`, file);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(key, `"${value}" must be an http(s) URL or a path on the site`, file);
  return url.href;
}

function resolveLanguages(
  top: Record<string, unknown>,
  ctx: {
    fileOf: FileOf;
    defaultLang: string;
    defaultContentDir: string;
    title: string;
    description: string;
    kindsOf: (value: unknown, key: string) => DisabledKind[];
  },
): { languages: LanguageConfig[]; disabled: string[] } {
  const { fileOf } = ctx;
  const raw = asTable(top.languages, 'languages', fileOf);
  const { setting: topSetting, value: topValue } = localeSetting(top, '');
  const topWritten = languageTag(optionalString(topValue, topSetting, fileOf), topSetting, fileOf);
  // A code that names no language (`cn`, `english`) is no code: the W3C validator rejects a feed with it.
  const topCode = topWritten === undefined ? undefined : languageOf(topWritten);
  const topUnknown = topWritten !== undefined && topCode === undefined ? { value: topWritten, setting: topSetting } : undefined;
  // Hugo's `disableLanguages` and `languages.<key>.disabled`: no feed, and their pages are not the site's.
  const listed = top.disablelanguages === undefined ? [] : top.disablelanguages;
  if (!Array.isArray(listed) || !listed.every((k) => typeof k === 'string'))
    throw new ConfigError('disableLanguages', 'must be a list of language keys', fileOf('disableLanguages'));
  const disabled = new Set(listed.map((k) => k.toLowerCase()));
  for (const [rawKey, value] of Object.entries(raw)) {
    if (optionalBoolean(lowerKeys(asTable(value, `languages.${rawKey}`, fileOf)).disabled, `languages.${rawKey}.disabled`, fileOf))
      disabled.add(rawKey.toLowerCase());
  }
  if (disabled.has(ctx.defaultLang))
    throw new ConfigError('disableLanguages', `the default content language "${ctx.defaultLang}" cannot be disabled`, fileOf('disableLanguages'));
  const entries = Object.entries(raw).filter(([rawKey]) => !disabled.has(rawKey.toLowerCase()));
  // Only a configured language is one a file name can name: Hugo 0.111 keeps `a.it.md` (as `a.it`) when
  // `disableLanguages` lists an `it` that `languages` does not have.
  const configured = new Set(Object.keys(raw).map((k) => k.toLowerCase()));
  const disabledKeys = [...disabled].filter((k) => configured.has(k)).sort();
  if (entries.length === 0) {
    // The site's languageCode, else its default language's key when that is a language's code (Hugo 0.111
    // writes the languageCode alone, none without it).
    const code = topCode ?? keyCode(ctx.defaultLang);
    const unknownCode = topUnknown ?? (code === undefined ? { value: ctx.defaultLang, setting: topSetting, fromKey: true as const } : undefined);
    return {
      disabled: disabledKeys,
      languages: [
        {
          key: ctx.defaultLang,
          ...(code !== undefined ? { code } : {}),
          ...(unknownCode !== undefined ? { unknownCode } : {}),
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
    if (!/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/.test(key))
      throw new ConfigError(`languages.${rawKey}`, 'a language key must be letters, digits and dashes', fileOf(`languages.${rawKey}`));
    const lang = lowerKeys(asTable(value, `languages.${rawKey}`, fileOf));
    const params = lowerKeys(asTable(lang.params, `languages.${rawKey}.params`, fileOf));
    const weight = lang.weight === undefined ? 0 : lang.weight;
    if (typeof weight !== 'number' || !Number.isFinite(weight))
      throw new ConfigError(`languages.${rawKey}.weight`, 'must be a number', fileOf(`languages.${rawKey}.weight`));
    const contentDir = trimDir(optionalString(lang.contentdir, `languages.${rawKey}.contentDir`, fileOf) ?? ctx.defaultContentDir);
    const writtenZone = optionalString(lang.timezone, `languages.${rawKey}.timeZone`, fileOf);
    const timeZone = writtenZone === undefined ? undefined : timeZoneName(writtenZone);
    if (writtenZone !== undefined && timeZone === undefined) {
      throw new ConfigError(`languages.${rawKey}.timeZone`, unknownTimeZone(writtenZone, 'Europe/Berlin'), fileOf(`languages.${rawKey}.timeZone`));
    }
    const { code, unknownCode } = codeOfLanguage(lang, rawKey, key === ctx.defaultLang, { code: topCode, unknown: topUnknown }, fileOf);
    return {
      key,
      ...(rawKey !== key ? { writtenKey: rawKey } : {}),
      ...(code !== undefined ? { code } : {}),
      ...(unknownCode !== undefined ? { unknownCode } : {}),
      name:
        optionalString(lang.label, `languages.${rawKey}.label`, fileOf) ??
        optionalString(lang.languagename, `languages.${rawKey}.languageName`, fileOf) ??
        rawKey,
      title: optionalString(lang.title, `languages.${rawKey}.title`, fileOf) ?? ctx.title,
      description:
        optionalString(params.description, `languages.${rawKey}.params.description`, fileOf) ??
        optionalString(lang.description, `languages.${rawKey}.description`, fileOf) ??
        ctx.description,
      contentDir,
      weight,
      // Hugo 0.111 reads both per language, each replacing the site's table whole.
      ...(lang.permalinks !== undefined ? { permalinks: resolvePermalinks(lang.permalinks, fileOf, `languages.${rawKey}.permalinks`) } : {}),
      ...(lang.taxonomies !== undefined ? { taxonomies: resolveTaxonomies(lang.taxonomies, fileOf, `languages.${rawKey}.taxonomies`) } : {}),
      // Hugo 0.111 reads a language's timeZone for its pages' dates without one (checked with hugo --clock).
      ...(timeZone !== undefined ? { timeZone } : {}),
      ...hostBaseURLOf(lang.baseurl, `languages.${rawKey}.baseURL`, fileOf),
      // Its own, replacing the site's (Hugo 0.111 reads it per language): an empty list disables nothing there.
      ...(lang.disablekinds !== undefined ? { disabledKinds: ctx.kindsOf(lang.disablekinds, `languages.${rawKey}.disableKinds`) } : {}),
      ...paramsOf(params),
    };
  });
  // Hugo 0.111 refuses a site where some languages have a baseURL of their own and others not ("baseURL must
  // be set on all or none of the languages"): such a site has no pages to link.
  const hosted = languages.filter((l) => l.hostBaseURL !== undefined);
  if (hosted.length > 0 && hosted.length < languages.length) {
    const without = languages.filter((l) => l.hostBaseURL === undefined).map((l) => l.writtenKey ?? l.key);
    const key = `languages.${hosted[0]?.writtenKey ?? hosted[0]?.key}.baseURL`;
    throw new ConfigError(
      key,
      `a baseURL of a language's own must be set on all the languages or on none, as Hugo requires (not set on ${without.join(', ')})`,
      fileOf(key),
    );
  }
  for (const l of languages) {
    if (!insideSite(l.contentDir)) {
      const key = `languages.${l.writtenKey ?? l.key}.contentDir`;
      throw new ConfigError(key, `"${l.contentDir}" must be a folder inside the site`, fileOf(key));
    }
  }
  return { disabled: disabledKeys, languages: languages.sort((a, b) => a.weight - b.weight || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/**
 * The key of a language's code in `table` (the site's top level, or a `[languages.<key>]` table, `at` its
 * path with a trailing dot): Hugo 0.158's `locale` when the table has one, else `languageCode`, its name
 * before (deprecated in 0.158, still read), when it has that; else `locale`, the one to set.
 *
 * @example localeSetting({ languagecode: 'zh-CN' }, 'languages.cn.') // { setting: 'languages.cn.languageCode', value: 'zh-CN' }
 */
function localeSetting(table: Record<string, unknown>, at: string): { readonly setting: string; readonly value: unknown } {
  const isSet = (value: unknown) => value !== undefined && value !== null;
  return !isSet(table.locale) && isSet(table.languagecode)
    ? { setting: `${at}languageCode`, value: table.languagecode }
    : { setting: `${at}locale`, value: table.locale };
}

/**
 * The code of a configured language (`[languages.<key>]`) as feeds write it: its own `locale` (Hugo 0.158;
 * `languageCode` before), else the site's for the default language, else its key as written (`zh-CN`), when
 * that names a language; a withdrawn ISO 639 code replaced (`iw` → `he`: its feeds' folder stays `iw/`). One
 * that names none (`cn`, `jp`, `english`) gives way to the site's code, which Hugo 0.111 writes for every
 * language without its own, else to none (Hugo's feeds then have no `<language>`): `unknownCode` keeps it,
 * to warn.
 */
function codeOfLanguage(
  lang: Record<string, unknown>,
  rawKey: string,
  isDefault: boolean,
  site: { readonly code: string | undefined; readonly unknown: LanguageConfig['unknownCode'] },
  fileOf: FileOf,
): { code?: string; unknownCode?: LanguageConfig['unknownCode'] } {
  const { setting, value } = localeSetting(lang, `languages.${rawKey}.`);
  const written = languageTag(optionalString(value, setting, fileOf), setting, fileOf);
  const siteCode = site.code !== undefined ? { code: site.code } : {};
  if (written !== undefined) {
    const own = languageOf(written);
    return own !== undefined ? { code: own } : { ...siteCode, unknownCode: { value: written, setting } };
  }
  if (isDefault && site.unknown !== undefined) {
    const fromKey = keyCode(rawKey);
    return fromKey !== undefined ? { code: fromKey, unknownCode: site.unknown } : { unknownCode: site.unknown };
  }
  if (isDefault && site.code !== undefined) return { code: site.code };
  const fromKey = keyCode(rawKey);
  return fromKey !== undefined ? { code: fromKey } : { ...siteCode, unknownCode: { value: rawKey, setting, fromKey: true as const } };
}

/** A language key as a language code (`zh_CN` → `zh-CN`, `iw` → `he`), when it is one; never an error. */
function keyCode(key: string): string | undefined {
  const tag = key.trim().replace(/_/g, '-');
  return LANGUAGE_TAG.test(tag) ? languageOf(tag) : undefined;
}

/** BCP 47 syntax as feedpub checks it: letters, then letter and digit subtags, `-` between. */
const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * A language code as feeds write it (`xml:lang`, RSS `language`, JSON Feed `language`, `hreflang`): a BCP 47
 * tag. Hugo sites often write `en_US`, which becomes `en-US`; anything else that is no tag is an error
 * naming the key, since every Atom file would otherwise fail its schema.
 *
 * @example languageTag('en_US', 'languageCode', 'hugo.toml') // 'en-US'
 */
function languageTag(code: string | undefined, key: string, fileOf: FileOf): string | undefined {
  if (code === undefined) return undefined;
  const tag = code.trim().replace(/_/g, '-');
  if (!LANGUAGE_TAG.test(tag)) {
    throw new ConfigError(key, `"${code}" is not a language tag (write one such as en, en-US or zh-Hans-CN)`, fileOf(key));
  }
  return tag;
}

function resolveTaxonomies(value: unknown, fileOf: FileOf, at = 'taxonomies'): Taxonomy[] {
  if (value === undefined) {
    return [
      { singular: 'category', plural: 'categories' },
      { singular: 'tag', plural: 'tags' },
    ];
  }
  const raw = asTable(value, at, fileOf);
  const out: Taxonomy[] = [];
  for (const [singular, plural] of Object.entries(raw)) {
    if (typeof plural !== 'string' || !/^[\p{L}\p{N}_-]+$/u.test(plural)) {
      throw new ConfigError(`${at}.${singular}`, 'must be a plural name made of letters, digits, - and _', fileOf(`${at}.${singular}`));
    }
    // Front matter under such a key is dropped (it could change how every object behaves): its pages would
    // name no term, and its feeds would never be, with nothing said.
    if (UNSAFE_KEYS.has(plural.toLowerCase())) {
      throw new ConfigError(
        `${at}.${singular}`,
        `"${plural}" cannot name a taxonomy in feedpub: front matter keys __proto__, constructor and prototype are dropped as unsafe, so its pages would name no term; choose another name`,
        fileOf(`${at}.${singular}`),
      );
    }
    out.push({ singular: singular.toLowerCase(), plural: plural.toLowerCase() });
  }
  return out;
}

/** The kinds feedpub reads of `disableKinds`, in this order. */
const DISABLED_KINDS: readonly DisabledKind[] = ['home', 'page', 'section', 'term'];

/**
 * Hugo's `disableKinds` (the site's, or a language's own) as Hugo 0.111 reads it: a list of kind names (or
 * one string of them, split at white space), each compared in its case (`Term` and `rss` disable nothing);
 * the kinds of before 0.73 mapped as Hugo maps them (`taxonomyTerm` with `taxonomy` is `taxonomy` and
 * `term`; alone it is `taxonomy`, the list of terms, which no feed of feedpub's is). `taxonomy` alone fails
 * Hugo's build (its error `error-disable-taxonomy`, since it no longer disables term pages), so it is a
 * config error here too, unless `ignoreErrors` lists that error, as Hugo's build then goes on. Only the
 * kinds feeds depend on are kept (see `DisabledKind`).
 *
 * @example resolveDisabledKinds(['taxonomy', 'taxonomyTerm', 'RSS'], 'disableKinds', [], fileOf) // ['term']
 */
function resolveDisabledKinds(value: unknown, key: string, ignoreErrors: readonly string[], fileOf: FileOf): DisabledKind[] {
  if (value === undefined || value === null) return [];
  const kinds = new Set(typeof value === 'string' ? value.split(/\s+/).filter((k) => k !== '') : stringList(value, key, fileOf));
  if (kinds.has('taxonomyTerm')) {
    kinds.add(kinds.has('taxonomy') ? 'term' : 'taxonomy');
  } else if (kinds.has('taxonomy') && !kinds.has('term') && !ignoreErrors.includes('error-disable-taxonomy')) {
    throw new ConfigError(
      key,
      '"taxonomy" alone makes Hugo 0.111 fail the build (error-disable-taxonomy): since Hugo 0.73 it disables only the lists of terms (/tags/), not the term pages and feeds (/tags/go/); write ["taxonomy", "term"] to disable both, or add ignoreErrors = ["error-disable-taxonomy"] to keep the term pages',
      fileOf(key),
    );
  }
  return DISABLED_KINDS.filter((kind) => kinds.has(kind));
}

/** A list of strings (an empty one when unset), or an error naming the key. */
function stringList(value: unknown, key: string, fileOf: FileOf): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) throw new ConfigError(key, 'must be a list of strings', fileOf(key));
  return value;
}

/** `uglyURLs` as Hugo 0.111 reads it: true or false for every section, or a table of top-level sections. */
function resolveUglyURLs(value: unknown, fileOf: FileOf): boolean | Record<string, boolean> {
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError('uglyURLs', 'must be true, false or a table of sections (uglyURLs.posts = true)', fileOf('uglyURLs'));
  }
  const table = asTable(value, 'uglyURLs', fileOf);
  const out: Record<string, boolean> = {};
  for (const [section, ugly] of Object.entries(table)) {
    if (typeof ugly !== 'boolean') throw new ConfigError(`uglyURLs.${section}`, 'must be true or false', fileOf(`uglyURLs.${section}`));
    out[section.toLowerCase()] = ugly;
  }
  return out;
}

/**
 * The permalinks table (`[permalinks]`, or a language's): section or taxonomy → pattern. Read as Hugo 0.114+
 * reads its map form: a flat key for a section's pages and a taxonomy's terms, `[permalinks.page]` for pages
 * and `[permalinks.term]` for terms (what the flat key of a taxonomy does), `[permalinks.taxonomy]` for the
 * page that lists a taxonomy's terms, which has no feed of feedpub's (validated, then not needed). What
 * feedpub cannot follow is a config error that says so: `[permalinks.section]` (a section's feed would not be
 * where Hugo writes it), Hugo 0.161's list form, a kind Hugo does not have.
 *
 * @example resolvePermalinks({ page: { posts: '/:year/:slug/' }, term: { tags: '/topic/:slug/' } }, fileOf) // { posts: '/:year/:slug/', tags: '/topic/:slug/' }
 */
function resolvePermalinks(value: unknown, fileOf: FileOf, at = 'permalinks'): Record<string, string> {
  if (Array.isArray(value)) {
    throw new ConfigError(
      at,
      'the list form ([[permalinks]] with pattern and target, Hugo 0.161) is not supported by feedpub: write the map form, [permalinks.page] for pages and [permalinks.term] for terms',
      fileOf(at),
    );
  }
  const raw = asTable(value, at, fileOf);
  const out: Record<string, string> = {};
  /** Where each entry of `out` was set, and whether for terms alone, for the error about a term's other pattern. */
  const setBy = new Map<string, { readonly key: string; readonly term: boolean }>();
  const put = (key: string, name: string, pattern: string, term: boolean): void => {
    const before = setBy.get(name);
    // One table serves pages and terms: a term's pattern must be the one its name has for pages, if any.
    // (Of a flat key and a page's, the later wins, as before Hugo 0.114's kinds were read.)
    if (before !== undefined && (term || before.term) && out[name] !== pattern) {
      throw new ConfigError(
        key,
        `"${pattern}" differs from ${before.key} ("${out[name]}"): feedpub keeps one pattern for the pages of a section and the terms of a taxonomy of one name`,
        fileOf(key),
      );
    }
    out[name] = pattern;
    setBy.set(name, { key, term });
  };
  // Hugo lower-cases config keys (`Posts` is the posts section's); of two keys of one table that differ in
  // case alone, it takes one at random (checked with hugo 0.111), so two that differ are a config error.
  const named = (table: Record<string, unknown>, tableKey: string): (readonly [string, string, unknown])[] => {
    const found = new Map<string, { readonly written: string; readonly pattern: unknown }>();
    for (const [written, pattern] of Object.entries(table)) {
      const name = lowerAsGo(written);
      const before = found.get(name);
      if (before !== undefined && (isRecord(before.pattern) || isRecord(pattern) || before.pattern !== pattern)) {
        const key = `${tableKey}.${written}`;
        throw new ConfigError(
          key,
          `names the same ${isRecord(pattern) ? 'kind' : 'section or taxonomy'} as ${tableKey}.${before.written}: Hugo reads config keys in lower case and takes one of them at random; keep one`,
          fileOf(key),
        );
      }
      found.set(name, { written, pattern });
    }
    return [...found].map(([name, { written, pattern }]) => [name, written, pattern] as const);
  };
  for (const [lowered, section, pattern] of named(raw, at)) {
    if (!isRecord(pattern)) {
      // A flat key, as Hugo 0.111 has it: a section's pages, a taxonomy's terms.
      put(`${at}.${section}`, lowered, permalinkPattern(pattern, `${at}.${section}`, fileOf), false);
      continue;
    }
    const kind = section.toLowerCase();
    const kindKey = `${at}.${section}`;
    if (kind === 'section') {
      throw new ConfigError(
        kindKey,
        "is not supported by feedpub (Hugo 0.114+'s patterns of section pages): a section's feed stays in its folder (posts/index.xml), where Hugo would write it under the pattern; give the section's list page a url instead (posts/_index.md: url: /articles/), which moves both",
        fileOf(kindKey),
      );
    }
    if (kind !== 'page' && kind !== 'term' && kind !== 'taxonomy') {
      throw new ConfigError(kindKey, `"${section}" is no kind of page Hugo's permalinks take (page, section, taxonomy, term), nor a pattern`, fileOf(kindKey));
    }
    for (const [name, written, nested] of named(pattern, kindKey)) {
      const key = `${kindKey}.${written}`;
      const resolved = permalinkPattern(nested, key, fileOf);
      // The page listing a taxonomy's terms (tags/): feedpub publishes no feed of it.
      if (kind !== 'taxonomy') put(key, name, resolved, kind === 'term');
    }
  }
  PATTERN_KEYS.set(out, new Map([...setBy].map(([name, { key }]) => [name, key])));
  return out;
}

/** The key each pattern of a permalinks table was set by (`permalinks.page.posts`), while the config is resolved. */
const PATTERN_KEYS = new WeakMap<Readonly<Record<string, string>>, ReadonlyMap<string, string>>();

/**
 * Refuses, in the pattern of a taxonomy's terms (`[permalinks] tags = …`, `[permalinks.term]`), every token
 * but `:slug` and `:title`, where Hugo 0.111 places the term's page by what a feed's folder should not
 * follow (checked with hugo): a date (its list page's, else its newest page's: the feed would move with
 * each new page), one name for every term (`:filename`: empty or `_index`, so all of them at one path), or
 * the taxonomy's name (`:section`). A language that makes no term pages (`disableKinds`) needs none.
 */
function checkTermPatterns(site: SiteConfig, fileOf: FileOf): void {
  for (const language of site.languages) {
    if (kindDisabled(site, language, 'term')) continue;
    const table = language.permalinks ?? site.permalinks;
    for (const { plural } of taxonomiesOf(site, language)) {
      if (!Object.hasOwn(table, plural)) continue;
      const token = (table[plural]?.match(PERMALINK_TOKEN) ?? []).find((t) => t !== ':slug' && t !== ':title');
      if (token === undefined) continue;
      const key = PATTERN_KEYS.get(table)?.get(plural) ?? `permalinks.${plural}`;
      const name = token.slice(1);
      const [why, instead] = /^(filename|slugorfilename|contentbasename|slugorcontentbasename)$/.test(name)
        ? ['Hugo 0.111 gives every term one name, empty or _index, so all their feeds one folder', 'write :slug or :title']
        : /^sections?(\[|$)/.test(name)
          ? ["Hugo 0.111 gives the taxonomy's name", `write ${plural} as text`]
          : ["Hugo 0.111 gives the date of the term's list page, else of its newest page, so its feed would move with each new page", 'write :slug or :title'];
      throw new ConfigError(key, `${token} in the pattern of a taxonomy's terms is not supported by feedpub (${why}); ${instead}`, fileOf(key));
    }
  }
}

/**
 * Refuses Go's `MST` layout (the zone's abbreviation) in the patterns of a language whose time zone
 * feedpub cannot name (see {@link zoneAbbreviation}): Hugo writes tzdata's `CET` or `CEST` there, which
 * the runtime does not tell.
 */
function checkZoneNames(permalinks: Readonly<Record<string, string>>, timeZone: string, languages: readonly LanguageConfig[], fileOf: FileOf): void {
  for (const language of languages) {
    const table = language.permalinks ?? permalinks;
    const zone = language.timeZone ?? timeZone;
    if (zoneAbbreviation(zone) !== undefined) continue;
    for (const [name, pattern] of Object.entries(table)) {
      const token = (pattern.match(PERMALINK_TOKEN) ?? []).find((t) => !PERMALINK_TOKENS.has(t) && goLayoutElements(t.slice(1)).includes('MST'));
      if (token === undefined) continue;
      const key = PATTERN_KEYS.get(table)?.get(name) ?? `permalinks.${name}`;
      throw new ConfigError(
        key,
        `${token}: Go's MST (the time zone's abbreviation) is not supported by feedpub in ${zone}, whose abbreviations (such as CET and CEST) only tzdata knows; write Z0700 (its offset), or use it with UTC, GMT or an Etc/GMT zone`,
        fileOf(key),
      );
    }
  }
}

/**
 * A permalink pattern, checked: a string with a leading `/` (Hugo 0.111 reads `:year/:slug/` as
 * `/:year/:slug/`) whose tokens (`:` and word characters, as Hugo finds them: {@link PERMALINK_TOKEN}) are
 * each a name Hugo knows, a slice of `:sections`, or a Go date layout (`:06`, `:Jan`, `:2006_01`: a token
 * Hugo formats the page's date with, where formatting its reference time with it gives other text). Any
 * other token fails Hugo's build (`:Year`, `:PM`, `:yearly`) and is a config error here; so are Hugo's
 * tokens feedpub does not follow, named with what to write, and a `%`, `#` or `\` of the pattern's own,
 * which Hugo reads as a URL escape, a fragment or a backslash in the path.
 */
function permalinkPattern(pattern: unknown, key: string, fileOf: FileOf): string {
  if (typeof pattern !== 'string' || pattern.trim() === '') {
    throw new ConfigError(key, 'must be a pattern such as "/:year/:month/:slug/"', fileOf(key));
  }
  for (const token of pattern.match(PERMALINK_TOKEN) ?? []) {
    const name = token.slice(1);
    const unsupported = UNSUPPORTED_PERMALINK_TOKENS[`:${name.replace(/\[.*$/s, '')}`];
    if (unsupported !== undefined) throw new ConfigError(key, `${token.replace(/\[.*$/s, '')} ${unsupported}`, fileOf(key));
    if (PERMALINK_TOKENS.has(`:${name}`)) continue;
    if (name.startsWith('sections[')) {
      if (sectionsSlice(['a'], name.slice('sections['.length, -1).toLowerCase()) !== undefined) continue;
      throw new ConfigError(key, `${token}: a slice of :sections is [i], [i:j], [i:] or [:j], an index a number or last`, fileOf(key));
    }
    if (isGoDateLayout(name)) continue;
    throw new ConfigError(
      key,
      `unknown token ${token} (Hugo's are ${[...PERMALINK_TOKENS].join(' ')}, or a Go date layout of the page's date such as :2006, :01, :Jan or :Monday)`,
      fileOf(key),
    );
  }
  // Hugo 0.111 fails the build on an empty folder in a pattern ("permalink ill-formed").
  if (pattern.includes('//')) throw new ConfigError(key, `"${pattern}" has an empty folder (//), which Hugo refuses as ill-formed`, fileOf(key));
  const literal = pattern.replace(PERMALINK_TOKEN, '');
  const refused = /[%#\\]/.exec(literal)?.[0];
  if (refused !== undefined) {
    throw new ConfigError(
      key,
      `a ${refused} in a pattern is not supported by feedpub (Hugo reads it as ${PATTERN_ESCAPES[refused]}): leave it out`,
      fileOf(key),
    );
  }
  return pattern.startsWith('/') ? pattern : `/${pattern}`;
}

/** What Hugo 0.111 makes of a character of a pattern's own that feedpub refuses. */
const PATTERN_ESCAPES: Readonly<Record<string, string>> = {
  '%': 'the start of a URL escape, and a pattern with a wrong one as none',
  '#': "the start of the URL's fragment",
  '\\': 'a backslash in the path',
};

/**
 * Hugo's permalink tokens that feedpub does not follow, and what to write instead: their values are the
 * slug or title of a page's sections, which feedpub does not make links of.
 */
const UNSUPPORTED_PERMALINK_TOKENS: Readonly<Record<string, string>> = {
  ':sectionslug': "(Hugo 0.149+: the slug or title of the page's top section) is not supported by feedpub; write :section, its folder's name",
  ':sectionslugs': "(Hugo 0.149+: the slugs or titles of the page's sections) is not supported by feedpub; write :sections, their folders' names",
};

/** Hugo's date keys that have aliases, and those aliases (read after them). */
const DATE_KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  publishdate: ['pubdate', 'published'],
  lastmod: ['modified'],
  expirydate: ['unpublishdate'],
};

/**
 * Hugo's `[frontmatter]` table: for each date, its sources in order, as Hugo 0.111 reads them (lower-cased,
 * `:default` replaced by the default list, a key's aliases added after it). `:fileModTime` and `:git` are
 * left out: a file's modification time is the upload's on S3 (it would move the date at every upload),
 * and feedpub reads no repository. Nothing when the table is absent (the defaults apply).
 *
 * @example frontMatterDatesOf({ date: [':filename', ':default'] }, 'frontmatter', fileOf)?.frontMatterDates.date[0] // ':filename'
 */
function frontMatterDatesOf(value: unknown, at: string, fileOf: FileOf): { frontMatterDates?: FrontMatterDates } {
  if (value === undefined) return {};
  const raw = asTable(value, at, fileOf);
  const table = lowerKeys(raw);
  const sourcesOf = (field: keyof FrontMatterDates): readonly string[] => {
    const given = table[field.toLowerCase()];
    if (given === undefined) return FRONT_MATTER_DATE_DEFAULTS[field];
    const key = `${at}.${writtenKey(raw, field.toLowerCase())}`;
    const list = typeof given === 'string' ? [given] : given;
    if (!Array.isArray(list) || !list.every((v): v is string => typeof v === 'string' && v.trim() !== '')) {
      throw new ConfigError(key, 'must be a list of front matter keys or :default, :filename (e.g. [":filename", ":default"])', fileOf(at));
    }
    const sources: string[] = [];
    for (const item of list.map((v) => v.trim().toLowerCase())) {
      if (item === ':default') sources.push(...FRONT_MATTER_DATE_DEFAULTS[field]);
      else if (item === ':git' || item === ':filemodtime') continue;
      else if (item.startsWith(':') && item !== ':filename')
        throw new ConfigError(key, `unknown source "${item}" (Hugo's are :default, :filename, :fileModTime and :git)`, fileOf(at));
      else sources.push(item, ...(DATE_KEY_ALIASES[item] ?? []));
    }
    return [...new Set(sources)];
  };
  const frontMatterDates: FrontMatterDates = {
    date: sourcesOf('date'),
    publishDate: sourcesOf('publishDate'),
    lastmod: sourcesOf('lastmod'),
    expiryDate: sourcesOf('expiryDate'),
  };
  const same = (Object.keys(frontMatterDates) as (keyof FrontMatterDates)[]).every((f) => frontMatterDates[f].join() === FRONT_MATTER_DATE_DEFAULTS[f].join());
  return same ? {} : { frontMatterDates };
}

/**
 * The permalink tokens feedpub understands: Hugo 0.111's, and Hugo 0.144's `:contentbasename` and
 * `:slugorcontentbasename`, which are a page's `:filename` and `:slugorfilename` (its file's name without
 * its language and extension, a leaf bundle's folder's).
 */
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
  ':contentbasename',
  ':slugorcontentbasename',
]);

/**
 * The site's authors: a name, a `{ name, email, url }` table, or a list of either (`author: ["Me", "You"]`, as
 * the PaperMod theme documents `params.author`); undefined when it names nobody. `strict` for feedpub's own
 * `author` option: a table without a name, a key other than `name`, `email` and `url` (`uri`) and a `url`
 * that is no absolute http(s) URL are config errors naming the key, where Hugo's `params.author`, which
 * themes read too (`avatar`, `twitter`), keeps its other keys to them.
 */
function resolvePeople(value: unknown, key: string, fileOf: FileOf, strict = false): Person[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  const errors: ConfigError[] = [];
  const people = list.flatMap((entry, i) => {
    try {
      return resolvePerson(entry, Array.isArray(value) ? `${key}[${i}]` : key, fileOf, strict) ?? [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      return [];
    }
  });
  if (errors.length > 0) throw configErrorOf(errors);
  return people.length > 0 ? people : undefined;
}

/** The keys of an author's table feedpub reads (`uri` is Atom's name for `url`). */
const PERSON_KEYS = new Set(['name', 'email', 'url', 'uri']);

function resolvePerson(value: unknown, key: string, fileOf: FileOf, strict: boolean): Person | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') return { name: value };
  if (isRecord(value)) {
    const v = lowerKeys(value);
    const errors = strict
      ? Object.keys(value)
          .filter((k) => !PERSON_KEYS.has(k.toLowerCase()))
          .map((k) => new ConfigError(`${key}.${k}`, 'is not a key of an author (name, email, url)', fileOf(key)))
      : [];
    const name = optionalString(v.name, `${key}.name`, fileOf);
    if (!name && strict)
      errors.push(new ConfigError(`${key}.name`, 'is missing: an author needs a name (author = { name = "Ann", email = "ann@example.org" })', fileOf(key)));
    const email = optionalString(v.email, `${key}.email`, fileOf);
    const urlKey = `${key}.${writtenKey(value as Record<string, unknown>, v.url !== undefined ? 'url' : 'uri')}`;
    const url = optionalString(v.url ?? v.uri, urlKey, fileOf);
    if (url && strict && !isAbsoluteHttpUrl(url)) {
      errors.push(new ConfigError(urlKey, `"${url}" must be an absolute http(s) URL, such as https://example.org/about/`, fileOf(key)));
    }
    if (errors.length > 0) throw configErrorOf(errors);
    if (!name) return undefined;
    return { name, ...(email ? { email } : {}), ...(url ? { url } : {}) };
  }
  throw new ConfigError(key, 'must be a name, { name, email, url } or a list of them', fileOf(key));
}

/** An absolute http(s) URL with a host: what feeds link an author to (a relative one, `javascript:`, is left out). */
function isAbsoluteHttpUrl(value: string): boolean {
  return /^https?:\/\/[^/]/i.test(value) && URL.canParse(value);
}

function optionalString(value: unknown, key: string, fileOf: FileOf): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, `must be a string, not ${Array.isArray(value) ? 'a list' : typeof value}`, fileOf(key));
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function optionalBoolean(value: unknown, key: string, fileOf: FileOf): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ConfigError(key, 'must be true or false', fileOf(key));
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
