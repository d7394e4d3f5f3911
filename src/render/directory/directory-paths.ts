import { ConfigError } from '../../errors.js';
import type { LanguageConfig, SiteConfig } from '../../model.js';
import { languagePrefix } from '../../plan/urls.js';

/** Folder of the feed directory, under each language prefix. */
export const DIRECTORY_DIR = 'feeds/';

/** Cache-Control of the directory page, the OPML files and discovery.json. */
export const DIRECTORY_CACHE_CONTROL = 'public, max-age=300';

/** Site-relative path of the discovery map. */
export const DISCOVERY_PATH = `${DIRECTORY_DIR}discovery.json`;

/** One directory page: its UI language and folder. */
export interface DirectoryPage {
  /** The language whose words the page uses. */
  readonly language: LanguageConfig;
  /** True for `feeds/`, the page that lists every language. */
  readonly full: boolean;
  /** Site-relative folder, trailing slash: `feeds/`, `zh-cn/feeds/`. */
  readonly dir: string;
}

/**
 * The directory pages of a site: `feeds/` (every feed, in the default language's words) and, on
 * multilingual sites, `<prefix>feeds/` for each other language (its feeds and the all-languages feed).
 *
 * @example directoryPages(site).map((p) => p.dir); // ['feeds/', 'zh-cn/feeds/']
 */
export function directoryPages(site: SiteConfig): DirectoryPage[] {
  // The default language is one of the site's (the config reader refuses a site where it is not): its page is `feeds/`.
  const pages = site.languages.map(
    (language): DirectoryPage =>
      language.key === site.defaultContentLanguage
        ? { language, full: true, dir: DIRECTORY_DIR }
        : { language, full: false, dir: `${languagePrefix(site, language.key)}${DIRECTORY_DIR}` },
  );
  return [...pages.filter((p) => p.full), ...pages.filter((p) => !p.full)];
}

/**
 * Site-relative path of an OPML file: `feeds/all.opml` without a language, else `feeds/<key>.opml`.
 * A language keyed `all` would overwrite the file of every feed, so it is refused.
 *
 * @example opmlPath('zh-cn'); // 'feeds/zh-cn.opml'
 */
export function opmlPath(langKey?: string): string {
  if (langKey === undefined) return `${DIRECTORY_DIR}all.opml`;
  if (langKey === 'all') throw new ConfigError('languages', 'a language keyed "all" clashes with feeds/all.opml (the OPML of every feed); rename it');
  return `${DIRECTORY_DIR}${langKey}.opml`;
}
