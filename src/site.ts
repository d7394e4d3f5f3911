import { parseConfigText } from './config/config-files.js';
import { configDirKeyPath, FEEDPUB_CONFIG_FILES } from './config/config-keys.js';
import { mergeHugoConfig } from './config/merge-config.js';
import { NoSiteConfigError } from './config/no-site-config-error.js';
import { resolveSiteConfig } from './config/site-config.js';
import type { Problem, SiteConfig } from './model.js';

/** The config files found at the site's root (name → text). */
export type ConfigTexts = ReadonlyMap<string, string>;

/**
 * Resolves the site config from the config files present: Hugo's, merged as Hugo 0.111 merges them (the
 * first of hugo.* / config.* in Hugo's order at the root, then the files of `config/_default/` and of
 * `config/production/`, each over the ones before, tables merged key by key: see `mergeHugoConfig`), and
 * feedpub's own (the first of feedpub.toml, .yaml, .yml, .json; `ignoredConfigFiles` names the others).
 * Errors name the file that set the key. Pure: the caller reads the files. Throws
 * {@link NoSiteConfigError} when there is no Hugo config and no `baseURL` override.
 *
 * @example loadSiteConfig(new Map([['hugo.toml', 'baseURL = "https://example.com/"']]))
 */
export function loadSiteConfig(files: ConfigTexts, overrides: { baseURL?: string } = {}): SiteConfig {
  return loadSiteConfigWithWarnings(files, overrides).site;
}

/**
 * {@link loadSiteConfig}, with the warnings about the files: a `config-overridden` one for each value of
 * the root file that a file of the config folder replaces (Hugo takes the folder's; the author who wrote
 * both most likely expects the root file's).
 *
 * @example const { site, warnings } = loadSiteConfigWithWarnings(files);
 */
export function loadSiteConfigWithWarnings(files: ConfigTexts, overrides: { baseURL?: string } = {}): { site: SiteConfig; warnings: readonly Problem[] } {
  const feedpubFile = FEEDPUB_CONFIG_FILES.find((f) => files.has(f));
  const merged = mergeHugoConfig(files);
  // feedpub.* alone is no site config: it cannot hold baseURL.
  if (merged.files.length === 0 && overrides.baseURL === undefined) {
    throw new NoSiteConfigError(feedpubFile ? { feedpubFile } : {});
  }
  const feedpub = feedpubFile ? parseConfigText(feedpubFile, files.get(feedpubFile) ?? '') : undefined;
  // A key no file sets (a missing baseURL) is the root file's, else the folder's hugo.* / config.*.
  const main = merged.files.find((f) => (configDirKeyPath(f) ?? []).length === 0) ?? merged.files[0];
  const site = resolveSiteConfig(merged.hugo, {
    file: main ?? feedpubFile ?? '(defaults)',
    sources: merged.sources,
    ...(overrides.baseURL !== undefined ? { baseURL: overrides.baseURL } : {}),
    ...(feedpub && feedpubFile ? { feedpub, feedpubFile } : {}),
  });
  return { site, warnings: merged.warnings };
}
