/**
 * The plain data that flows through feedpub: readonly types, no behaviour.
 * Times are epoch milliseconds (UTC), never Date objects, so values compare and serialize
 * deterministically.
 */
import type { DateSources } from './plan/date-sources.js';

/** The three output formats. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** A person credited on a feed or an item. */
export interface Person {
  readonly name: string;
  readonly email?: string;
  readonly url?: string;
}

/** One configured language of a (possibly multilingual) site. */
export interface LanguageConfig {
  /** Hugo's language key, lowercased as Hugo does (`zh-cn`): the URL prefix for non-default languages. */
  readonly key: string;
  /** The key as the config writes it, when that is not `key` (`zh-CN`): messages name its settings so. */
  readonly writtenKey?: string;
  /**
   * BCP 47 code for xml:lang / JSON `language` (`zh-CN`): `locale` (`languageCode` before Hugo 0.158), else the
   * key as written, when it names a language (see `languageOf`); else the site's, as Hugo 0.111 writes it; absent when there is
   * none either: the language's feeds then name no language, as Hugo's have no `<language>`.
   */
  readonly code?: string;
  /**
   * The code the config gave the language, or its key, when that names no language (`cn`, `jp`, `english`),
   * and the setting that gives it one (`languages.cn.locale`, or `languages.cn.languageCode` where the config
   * writes that name; `locale` or `languageCode` for the site's): kept to warn (`language-code-unknown`).
   * `fromKey` when the key stood for a code.
   */
  readonly unknownCode?: { readonly value: string; readonly setting: string; readonly fromKey?: true };
  /** The language's `label` (`languageName` before Hugo 0.158), else its key as written. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Folder of this language's content, relative to the site dir, posix, no trailing slash (`content/zh-CN`). */
  readonly contentDir: string;
  /**
   * The setting that gives the folder when it is no `contentDir` but a Hugo content mount (`module.mounts[1]`):
   * messages about the folder name it.
   */
  readonly contentDirSetting?: string;
  readonly weight: number;
  /** Section → permalink pattern, when the language has its own (`[languages.fr.permalinks]`): it replaces the site's. */
  readonly permalinks?: Readonly<Record<string, string>>;
  /**
   * The taxonomies its pages have, when some language of the site has its own (`[languages.fr.taxonomies]`,
   * which replaces the site's): then every language names them (`taxonomiesOf`).
   */
  readonly taxonomies?: readonly Taxonomy[];
  /**
   * The kinds of page Hugo makes none of in this language, when it has its own `disableKinds`
   * (`[languages.fr] disableKinds = ["term"]`, which replaces the site's, as Hugo 0.111 reads it; see
   * `disabledKindsOf`).
   */
  readonly disabledKinds?: readonly DisabledKind[];
  /** The language's own zone (`[languages.de] timeZone`, as Hugo 0.111 reads it) for its dates without one; else the site's. */
  readonly timeZone?: string;
  /**
   * The language's own `baseURL` (a Hugo multihost site), absolute with a trailing slash: its pages, its
   * sections' and terms' pages and its home page are linked there, at their paths without the language's
   * folder, as Hugo 0.111 links them (see `languageHost`); its feeds stay under the site's baseURL and the
   * language's folder (`multihost` warns).
   */
  readonly hostBaseURL?: string;
  /** The language's own `params`, as the `param` shortcode shows them (`flattenParams`): they come before the site's. */
  readonly params?: readonly (readonly [string, string])[];
  /** Its feeds' rights (`[languages.fr] copyright`, as Hugo 0.111 reads it), when not the site's: see {@link copyrightOf}. */
  readonly copyright?: string;
  /**
   * Its authors, when not the site's: feedpub's `author`, Hugo's `params.author`, Hugo's `author`, at each
   * place the language's own over the site's (see {@link authorsOf}).
   */
  readonly authors?: readonly Person[];
  /** Items per feed of its feeds, when not the site's `feeds.limit` (its own `limit`, `rssLimit` or `services.rss.limit`). */
  readonly limit?: number;
}

/**
 * The rights of a language's feeds and of its pages: its own `copyright`, else the site's; the site's for
 * the all-languages feed (`lang` undefined).
 *
 * @example copyrightOf(site, 'fr') // 'FR ©', with [languages.fr] copyright = "FR ©"
 */
export function copyrightOf(site: Pick<SiteConfig, 'languages' | 'copyright'>, lang: string | undefined): string | undefined {
  return (lang === undefined ? undefined : site.languages.find((l) => l.key === lang)?.copyright) ?? site.copyright;
}

/**
 * The authors of a language's feeds and of its pages without authors of their own: its own, else the
 * site's; the site's for the all-languages feed (`lang` undefined).
 *
 * @example authorsOf(site, 'fr') // [{ name: 'Jean' }], with [languages.fr.params] author = "Jean"
 */
export function authorsOf(site: Pick<SiteConfig, 'languages' | 'authors'>, lang: string | undefined): readonly Person[] | undefined {
  return (lang === undefined ? undefined : site.languages.find((l) => l.key === lang)?.authors) ?? site.authors;
}

/**
 * The zone of a language's dates written without one: its own `timeZone`, else the site's.
 *
 * @example timeZoneOf(site, 'de') // 'Europe/Berlin'
 */
export function timeZoneOf(site: Pick<SiteConfig, 'languages' | 'timeZone'>, lang: string): string {
  return site.languages.find((l) => l.key === lang)?.timeZone ?? site.timeZone;
}

/**
 * The code a language's own pages and names are told by (`hreflang` translation alternates, the directory's
 * `lang` and `hreflang` of its name): its `code`, but none when that is the site's `languageCode` standing in
 * for a key or `languageCode` that names no language (`[languages.cn]` with `languageCode = "en-US"`). Such a
 * code says nothing of the language: as an alternate it would take the slot of the site's real `en-US` page.
 * Its feeds still carry it (`xml:lang`, `<language>`), as Hugo 0.111's do.
 *
 * @example ownLanguageCode({ code: 'en-US', unknownCode: { value: 'cn', setting: 'languages.cn.languageCode', fromKey: true } }) // undefined
 */
export function ownLanguageCode(language: Pick<LanguageConfig, 'code' | 'unknownCode'>): string | undefined {
  // The site's own code naming none leaves its default language the code of its key: that one is its own.
  return language.unknownCode !== undefined && !isSiteCodeSetting(language.unknownCode.setting) ? undefined : language.code;
}

/**
 * Whether a language's `unknownCode.setting` is the site's own (`locale`, or `languageCode` before Hugo
 * 0.158), not a language's (`languages.cn.locale`).
 *
 * @example isSiteCodeSetting('locale') // true
 */
export function isSiteCodeSetting(setting: string): boolean {
  return !setting.startsWith('languages.');
}

/**
 * A kind of page Hugo 0.111 can be told to make none of (`disableKinds`) that matters to feeds: `term` (a
 * term's page and feed, `tags/go/`), `section` (a section's, `posts/`), `home` (the home page) and `page`
 * (an article's page). Hugo's `taxonomy` (the list of terms, `tags/`), `RSS`, `sitemap`, `robotsTXT` and
 * `404` are none of feedpub's: feedpub publishes no feed of theirs, and a site that turned Hugo's RSS off
 * is what feedpub is for.
 */
export type DisabledKind = 'home' | 'page' | 'section' | 'term';

/** A taxonomy as Hugo declares it: `category = "categories"`. */
export interface Taxonomy {
  /** Hugo's singular name (`category`): read, but no feed uses it (Hugo's templates only), so it is not in the config hash. */
  readonly singular: string;
  readonly plural: string;
}

/** feedpub's own options (the `feedpub` section of the config, or feedpub.toml|yaml|json). */
export interface FeedOptions {
  /** Items per feed (default 20). */
  readonly limit: number;
  /** Upper bound of one feed file in bytes; older items are dropped to fit (default 1 MiB). */
  readonly maxBytes: number;
  readonly formats: readonly FeedFormat[];
  /** Put the full article HTML into content:encoded / content / content_html (default true). */
  readonly fullContent: boolean;
  /** Folder (site-relative, no leading slash, trailing slash) of the all-languages feed on multilingual sites. */
  readonly allLanguagesPath: string;
  /**
   * Salt of derived ids: change it and every derived id changes. Default: the baseURL's host and path
   * (`news.example.org/`), so that two sites never share an id; a run with the state of earlier runs keeps
   * theirs (see `keptIdNamespace`), so a new host does not change ids.
   */
  readonly idNamespace: string;
  /** Whether `idNamespace` was set in the config (it then wins over what earlier runs used). */
  readonly idNamespaceFromConfig?: true;
  /**
   * What an item's id is when its front matter names none: `uuid` (default), derived from the content
   * path (see `articleId`), or `permalink`, its page's URL, as Hugo's RSS template writes `<guid>`: a site
   * that moves from Hugo's feeds keeps its items' identity for readers, and gives up ids that survive a
   * new URL.
   */
  readonly itemIds: 'uuid' | 'permalink';
  /** Largest Markdown file accepted, in bytes (default 5 MiB). */
  readonly maxArticleBytes: number;
  /** Most terms one article may carry in one taxonomy (default 100). */
  readonly maxTermsPerTaxonomy: number;
  /** Publish the feed directory page (`feeds/index.html`) and `feeds/discovery.json` (default true). */
  readonly directory: boolean;
  /** Publish OPML subscription lists (`feeds/all.opml`, `feeds/<lang>.opml`) (default true). */
  readonly opml: boolean;
  /** WebSub hub URL: feeds carry rel="hub" / `hubs`, and the hub is pinged for every changed feed. */
  readonly hub?: string;
  /**
   * Absolute URL of a square image that stands for the site in feed readers: Atom `<icon>`, JSON Feed
   * `icon` and `favicon`, and RSS `<image>` when it is a GIF, JPEG or PNG (see `rssImageUrl`).
   */
  readonly icon?: string;
  /** Absolute URL of a wide (2:1) logo: Atom `<logo>`, and RSS `<image>` when `icon` cannot be. */
  readonly logo?: string;
  /**
   * RFC 5005 archives: items beyond `limit` go to archive documents of `limit` items each, counted from
   * the oldest, linked with prev-archive/next-archive; a feed that holds all its items is marked
   * complete (default false).
   */
  readonly archives: boolean;
}

/** The whole site configuration, validated: every field is present and absolute where a URL. */
export interface SiteConfig {
  /** Absolute http(s) URL with a trailing slash. */
  readonly baseURL: string;
  readonly title: string;
  readonly description: string;
  /** The site's authors (`author`, `params.author`: a name, a table or a list); absent, never empty, when none. */
  readonly authors?: readonly Person[];
  readonly copyright?: string;
  /** IANA zone for dates written without one. */
  readonly timeZone: string;
  readonly defaultContentLanguage: string;
  /**
   * Hugo's `defaultContentLanguageInSubdir` as it applies: true only on a multilingual site (more than one
   * language enabled), where the default language's feeds and pages then sit under its key (`en/`).
   */
  readonly defaultContentLanguageInSubdir: boolean;
  /** Sorted by weight, then key. Never empty: a monolingual site has one entry. */
  readonly languages: readonly LanguageConfig[];
  /** Keys of configured languages the config disables (`disableLanguages`, `languages.<key>.disabled`): their pages are not the site's. */
  readonly disabledLanguages?: readonly string[];
  /**
   * Hugo's `disableKinds`, as Hugo 0.111 reads it (see `DisabledKind`): no feed of a disabled `term` or
   * `section`, and a warning for `home` and `page`; a language may have its own (`LanguageConfig.disabledKinds`).
   * Absent when it disables none of these.
   */
  readonly disabledKinds?: readonly DisabledKind[];
  /** Every taxonomy of the site (of all its languages, when they have their own: see `LanguageConfig.taxonomies`). */
  readonly taxonomies: readonly Taxonomy[];
  /** Section → permalink pattern (`/:year/:month/:slug/`); a language may have its own (`LanguageConfig.permalinks`). */
  readonly permalinks: Readonly<Record<string, string>>;
  readonly disablePathToLower: boolean;
  /** Hugo's `removePathAccents`: paths made of names lose their accents (`tags/cafe/` for `Café`). */
  readonly removePathAccents?: boolean;
  /** Hugo's `pluralizeListTitles = false`: a section without a titled list page is titled by its name alone. */
  readonly pluralizeListTitles?: false;
  /** Hugo's `uglyURLs`: for every section, or per top-level section (`[uglyURLs] posts = true`, keys lower-cased). */
  readonly uglyURLs: boolean | Readonly<Record<string, boolean>>;
  /**
   * The RSS file's name in each feed folder when Hugo's RSS output format is renamed
   * (`[outputFormats.RSS] baseName = "feed"`: `feed.xml`); absent: `index.xml` (see `feedFile`).
   */
  readonly rssFile?: string;
  readonly feeds: FeedOptions;
  /**
   * Hugo's `[frontmatter]`: where each date comes from, in order (front matter keys in lower case, their
   * aliases after them, and `:filename`). Absent: Hugo's defaults (see `FRONT_MATTER_DATE_DEFAULTS`).
   */
  readonly frontMatterDates?: FrontMatterDates;
  /** Hugo's Markdown extensions the site turns off (`[markup.goldmark]`); absent: Hugo's defaults, all on. */
  readonly markdown?: MarkdownExtensions;
  /**
   * Hugo's `enableEmoji = true`: `:smile:` in a page's Markdown is 😄, in its content and the summary made
   * from it, not in its front matter (see `emojify`); absent: off, Hugo's default.
   */
  readonly enableEmoji?: true;
  /**
   * Hugo's `canonifyURLs = true`: a URL with one leading slash in a page's `src`, `href` or `srcset`
   * (`/images/a.png`) is under the baseURL (`https://example.org/blog/images/a.png`), as Hugo writes the
   * page; absent: off, Hugo's default, and such a URL is the host's root, as a browser reads the page.
   */
  readonly canonifyURLs?: true;
  /** The site's `params`, as the `param` shortcode shows them: by dotted path in lower case (`flattenParams`); absent when none. */
  readonly params?: readonly (readonly [string, string])[];
  /**
   * The config's `cascade` (`[cascade]`, `[[cascade]]`, `config/_default/cascade.toml`): its entries as written
   * (a table is one), which every page takes below the list pages' cascades (read for each language's zone
   * when a run plans: `siteCascade`), and the file that set it; absent when none.
   */
  readonly cascade?: { readonly file: string; readonly entries: readonly Readonly<Record<string, unknown>>[] };
}

/**
 * How Hugo's goldmark reads and writes the site's Markdown beyond CommonMark: the extensions, each on
 * unless the site's `[markup.goldmark]` turns it off, and the settings Hugo has off by default, present
 * only when the site turns them on. Feeds render a body as the site's pages do.
 */
export interface MarkdownExtensions {
  /** `[^1]` references and `[^1]: text` notes (`extensions.footnote`). */
  readonly footnote: boolean;
  /** `Term` then `: definition` (`extensions.definitionList`). */
  readonly definitionList: boolean;
  /** Curly quotes, `--` / `---` dashes, `...` and `<<` / `>>` (`extensions.typographer`). */
  readonly typographer: boolean;
  /** A heading's trailing `{#id .class}` read as its attributes, not shown (`parser.attribute.title`). */
  readonly headingAttributes: boolean;
  /** A line break in a paragraph is a `<br />` (`renderer.hardWraps`; absent: off, Hugo's default). */
  readonly hardWraps?: true;
  /** Bare URLs, `www.` and e-mail addresses are no links (`extensions.linkify = false`; absent: they are). */
  readonly linkify?: false;
  /** `| a | b |` rows are text, no table (`extensions.table = false`). */
  readonly table?: false;
  /** `~~x~~` is text, not struck (`extensions.strikethrough = false`). */
  readonly strikethrough?: false;
  /** A list item's `[ ]` / `[x]` is text, no ☐ / ☑ (`extensions.taskList = false`). */
  readonly taskList?: false;
  /** A line of attributes after a block (`{.lead}`) is read as the block's, not shown (`parser.attribute.block`; absent: off, Hugo's default). */
  readonly attributeBlock?: true;
}

/** The sources of an article's four dates, each an ordered list (see `SiteConfig.frontMatterDates`). */
export interface FrontMatterDates {
  readonly date: readonly string[];
  readonly publishDate: readonly string[];
  readonly lastmod: readonly string[];
  readonly expiryDate: readonly string[];
}

/** An article that parsed and validated; whether it is published is decided later (select). */
export interface Article {
  readonly key: string;
  /** sha256 of the source bytes, hex. */
  readonly hash: string;
  /** Permanent id, the same in all three formats. */
  readonly id: string;
  readonly lang: string;
  readonly translationKey: string;
  /** Hugo's section: the first folder below the language's content folder ('' for a page at its top). */
  readonly section: string;
  /** Plain text, at most 500 characters; '' when the article has none (published untitled, as Hugo does). */
  readonly title: string;
  /** Publication time: `date`, else `publishDate`. */
  readonly published: number;
  /** `lastmod`, else `published`; never before `published`. */
  readonly updated: number;
  /**
   * Not shown before this time: its publishDate, from publishDate's sources (`publishDate`, its aliases, else
   * the `date` key; a `[frontmatter]`'s). Without one, `UNDATED` (Hugo 0.111's zero time: never ahead, so a
   * page dated by `lastmod`, a custom key or its file name alone is listed now, as Hugo lists it).
   */
  readonly publishAt: number;
  readonly expiresAt?: number;
  readonly draft: boolean;
  /**
   * `_build.list: local`: Hugo 0.111 lists the page in its section's and its terms' pages only, so it is in
   * those feeds and not in the site's, its language's or the all-languages feed. `false`: the page has a
   * `_build` of its own that says otherwise, which a list page's `cascade` does not replace.
   */
  readonly local?: boolean;
  /**
   * The keys its front matter settles that a list page's or the site's `cascade` would otherwise give it, as
   * `STATES` bits (src/parse/cascade-states.ts): `draft`, `publishDate`, `lastmod` and `headless` (its own
   * `_build` shows in `local`, its `expiryDate` in `expiresAt`, its terms' taxonomies in `terms`); absent when none.
   */
  readonly states?: number;
  /**
   * Where its own dates come from, for a cascade's dates to be merged with them when a run plans
   * (`DateSources` in src/plan/date-sources.ts); absent where `states` and `expiresAt` tell it (a `date` of
   * its own, no alias, no `[frontmatter]`). A page without a date of its own (`ranks[0]` -1) has the
   * placeholder `UNDATED` for `published`, `updated` and `publishAt` until a cascade dates it.
   */
  readonly dates?: DateSources;
  /**
   * Plain text: the front matter's. An untitled article always has one: without it in the front matter,
   * the excerpt of its body (`bodyExcerpt`), which its items show instead of a title.
   */
  readonly summary: string;
  /**
   * Taxonomy plural → term display names (trimmed, NFC, de-duplicated, in written order), for the taxonomies
   * whose key its front matter has (an empty list for one written without terms: a cascade gives it none).
   */
  readonly terms: Readonly<Record<string, readonly string[]>>;
  readonly authors: readonly Person[];
  /** Absolute URL of the thumbnail / first image, if any. */
  readonly image?: string;
  /** Absolute permalink. */
  readonly url: string;
  /**
   * When its section's permalink uses `:sections` and it sits more than one folder deep: its permalink were
   * its section the top folder alone, the first two folders, … (`url` is the one for every folder). A run
   * picks by the section the site's list pages make (Hugo's `:sections` is the section's path).
   */
  readonly sectionUrls?: readonly string[];
  /**
   * The pages its `ref` / `relref` shortcodes name (the first `MAX_REFS` distinct): each run resolves them
   * against the pages it publishes, and the links in its content are what they resolve to.
   */
  readonly refs?: readonly RefCall[];
  /**
   * What its `param` shortcodes show (`{{< param "author" >}}`), by key as written: the page's front matter
   * value, else its language's or the site's param. Keys it has no value for are not here (they show nothing).
   */
  readonly params?: readonly (readonly [string, string])[];
  /**
   * Its front matter states its `id` (the author's word that it is this item): set when this run parsed it,
   * absent in a manifest's entries (only `idContinuity` reads it, on the run that parses the file).
   */
  readonly idStated?: true;
  /**
   * The other id a page may have, when its id was made without a suffix naming another language than its
   * own (`news/a.FR.md`, an English page in Hugo 0.111, has the id of `news/a`): the id of its path with the
   * suffix (`news/a.FR`), which it has instead where another page has its id (`sharedIdsResolved` in
   * src/plan/select.ts; that page keeps it). Then the two swap: `id` is the one published, `idOther` the one
   * its path alone makes.
   */
  readonly idOther?: string;
  /**
   * `html` when its front matter's `markup` is `html` or `htm` (any case): Hugo 0.111 shows its body as HTML,
   * shortcodes expanded, not as Markdown, and so do its items. Absent for Markdown (every other page).
   */
  readonly markup?: 'html';
  /** Markdown body (after front matter); HTML where `markup` says so. */
  readonly body: string;
  /** 1-based line of the body's first line in the file. */
  readonly bodyLine: number;
  /**
   * Where the body starts in the decoded source (see `bodyFromSource`): the body can be read again
   * from the same bytes without parsing the front matter.
   */
  readonly bodyStart?: number;
}

/** One `ref` or `relref` shortcode call of an article: which page it names, in which language, and where. */
export interface RefCall {
  /** As written: `other.md`, `/news/a`, `b#part`, `#part`. */
  readonly path: string;
  /** The `lang` parameter, when given: the page in that language. */
  readonly lang?: string;
  /** 1-based line of the call in the file. */
  readonly line: number;
}

/** Whose feed it is: the site's (all its languages; the home feed of a one-language site), a language's home, a section's or a term's. */
export type FeedKind = 'site' | 'language' | 'section' | 'term';

/** What the planner decided one feed contains: where it goes, its title and its items. */
export interface FeedSpec {
  /** Site-relative folder with trailing slash, '' for the root: `zh-cn/tags/qq/`. */
  readonly dir: string;
  readonly kind: FeedKind;
  /** Language key; absent for the all-languages feed. */
  readonly lang?: string;
  /** A section feed's section: its folder in the language's content folder, as written (`news/world`). */
  readonly section?: string;
  readonly taxonomy?: string;
  readonly term?: string;
  readonly title: string;
  readonly description: string;
  /** Absolute URL of the HTML page the feed describes. */
  readonly link: string;
  /** BCP 47 code, when the feed has one language. */
  readonly languageCode?: string;
  /** Items, newest first, already limited to `feeds.limit`. */
  readonly items: readonly Article[];
  /** Newest `updated` of the items (negative before 1970); 0 for an empty feed: tell one by `items`. */
  readonly updated: number;
  /** RFC 5005 feed history, when `feedpub.archives` is on. */
  readonly history?: FeedHistory;
}

/** RFC 5005 (Feed Paging and Archiving) links of one document; folders, like `FeedSpec.dir`. */
export interface FeedHistory {
  /** The feed holds every item it has (fh:complete): readers may drop items that are no longer in it. */
  readonly complete?: boolean;
  /** This document is an archive (fh:archive), never the subscription feed. */
  readonly archive?: boolean;
  /** Folder of the subscription feed (archives only). */
  readonly current?: string;
  /** Folder of the next older archive document. */
  readonly prevArchive?: string;
  /** Folder of the next newer archive document. */
  readonly nextArchive?: string;
}

/** One file to publish. */
export interface OutputFile {
  /** Site-relative posix path, no leading slash: `zh-cn/tags/qq/index.xml`. */
  readonly path: string;
  readonly body: string;
  /** The body as UTF-8, when the renderer made it as bytes (then written and hashed as is). */
  readonly bytes?: Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
}

/** A problem with one source file (or the config): where, what, and whether it stopped publication. */
/**
 * Every code a {@link Problem} can carry: the table of problem codes in docs/cli.md lists each, with what it
 * means and what to do (a test holds the two to each other).
 */
export const PROBLEM_RULES = [
  'author-no-name',
  'author-url',
  'binary',
  'bundle-hides-pages',
  'cascade-target',
  'case-twin',
  'cdn-deferred',
  'cdn-not-live',
  'config-duplicate-key',
  'config-ignored',
  'config-invalid',
  'config-overridden',
  'content-adapter',
  'content-dir-empty',
  'content-failed',
  'content-too-large',
  'date-invalid',
  'disabled-kind',
  'draft',
  'duplicate-id',
  'encoding',
  'expired',
  'feed-path-collision',
  'field-coerced',
  'field-duplicate',
  'field-too-long',
  'field-type',
  'footnotes-as-text',
  'front-matter-aliases',
  'front-matter-delimiter',
  'front-matter-language',
  'front-matter-not-object',
  'front-matter-syntax',
  'front-matter-too-deep',
  'front-matter-too-large',
  'front-matter-unclosed',
  'future',
  'hub-unreachable',
  'id-changed',
  'id-namespace',
  'id-reused',
  'key-empty-folder',
  'lang-invalid',
  'lang-mismatch',
  'language-code-unknown',
  'list-page',
  'list-page-unread',
  'manifest-format',
  'markup-not-read',
  'multihost',
  'no-date',
  'not-listed',
  'output-invalid',
  'outside-content-dirs',
  'param-not-found',
  'ref-not-found',
  'refs-too-many',
  'relative-url',
  'render-version-changed',
  'rss-image-format',
  'schedule-failed',
  'shortcode-removed',
  'stray-feed-files',
  'suffix-case',
  'symlink-broken',
  'symlink-loop',
  'symlink-outside',
  'symlink-repeat',
  'term-collision',
  'term-with-comma',
  'title-long',
  'title-missing',
  'too-large',
  'too-many-terms',
  'translation-key-shared',
  'unreadable',
  'url-absolute',
  'url-collision',
  'yaml-comment',
  'zone-rules-changed',
] as const;

/** A problem's stable machine-readable code. */
export type ProblemRule = (typeof PROBLEM_RULES)[number];

/** Something a run found wrong or worth saying about a file (an article, a config file), for the report. */
export interface Problem {
  readonly file: string;
  readonly line?: number;
  readonly severity: 'error' | 'warning' | 'info';
  /** Stable machine-readable code, e.g. `date-invalid`, `front-matter-syntax`, `draft` (see {@link PROBLEM_RULES}). */
  readonly rule: ProblemRule;
  readonly message: string;
}
