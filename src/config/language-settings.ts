/**
 * What a language of the site uses where Hugo lets a language have its own table: its permalinks and its
 * taxonomies (`[languages.fr.permalinks]`, `[languages.fr.taxonomies]`), each replacing the site's whole.
 * Light on purpose: the planner and the parser use it, and it loads none of the config parsers.
 */
import type { DisabledKind, LanguageConfig, SiteConfig, Taxonomy } from '../model.js';

/** The language's config, given it or its key. */
function configOf(site: SiteConfig, language: LanguageConfig | string): LanguageConfig | undefined {
  return typeof language === 'string' ? site.languages.find((l) => l.key === language) : language;
}

/**
 * The permalink pattern of `section` (a top folder, or a taxonomy's plural) in `language`: its own table's,
 * else the site's; undefined without one. An own property only: a folder named `constructor` or
 * `__proto__` is a section like any other, not a way into the table's prototype.
 *
 * @example permalinkOf(site, 'fr', 'posts') // '/articles/:slug/'
 */
export function permalinkOf(site: SiteConfig, language: LanguageConfig | string, section: string): string | undefined {
  const table = configOf(site, language)?.permalinks ?? site.permalinks;
  return Object.hasOwn(table, section) ? table[section] : undefined;
}

/**
 * The taxonomies `language`'s pages have: its own, else the site's.
 *
 * @example taxonomiesOf(site, 'fr').map((t) => t.plural) // ['etiquettes']
 */
export function taxonomiesOf(site: SiteConfig, language: LanguageConfig | string): readonly Taxonomy[] {
  return configOf(site, language)?.taxonomies ?? site.taxonomies;
}

/**
 * Whether Hugo makes no page of `kind` in `language` (`disableKinds`): its own list, else the site's.
 *
 * @example kindDisabled(site, 'fr', 'term') // true with [languages.fr] disableKinds = ["term"]
 */
export function kindDisabled(site: SiteConfig, language: LanguageConfig | string, kind: DisabledKind): boolean {
  return (configOf(site, language)?.disabledKinds ?? site.disabledKinds)?.includes(kind) === true;
}

/**
 * The config key of a language's content folder, as messages name it: the content mount that gives it
 * (`module.mounts[1]`), else `contentDir` on a site of one language, else `languages.<key>.contentDir` with
 * the key as the config writes it (`languages.zh-CN.contentDir`).
 *
 * @example contentDirKey(site, site.languages[0]) // 'languages.zh-CN.contentDir'
 */
export function contentDirKey(site: SiteConfig, language: LanguageConfig): string {
  if (language.contentDirSetting !== undefined) return language.contentDirSetting;
  return site.languages.length > 1 ? `languages.${language.writtenKey ?? language.key}.contentDir` : 'contentDir';
}

/**
 * The language code of the site's default language (its key when it has none of its own).
 *
 * @example defaultLanguageCode(site); // 'zh-HK'
 */
export function defaultLanguageCode(site: SiteConfig): string {
  return site.languages.find((l) => l.key === site.defaultContentLanguage)?.code ?? site.defaultContentLanguage;
}
