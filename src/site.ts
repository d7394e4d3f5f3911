import { FEEDPUB_CONFIG_FILES, HUGO_CONFIG_FILES, parseConfigText } from './config/config-files.js';
import { resolveSiteConfig } from './config/site-config.js';
import { ConfigError } from './errors.js';
import type { SiteConfig } from './model.js';

/** The config files found at the site's root (name → text). */
export type ConfigTexts = ReadonlyMap<string, string>;

/**
 * Resolves the site config from the config files present: Hugo's (the first of hugo.* / config.* in
 * Hugo's order) and feedpub's own (feedpub.*). Pure: the caller reads the files.
 *
 * @example loadSiteConfig(new Map([['hugo.toml', 'baseURL = "https://example.com/"']]))
 */
export function loadSiteConfig(files: ConfigTexts, overrides: { baseURL?: string } = {}): SiteConfig {
  const hugoFile = HUGO_CONFIG_FILES.find((f) => files.has(f));
  const feedpubFile = FEEDPUB_CONFIG_FILES.find((f) => files.has(f));
  if (!hugoFile && !feedpubFile && overrides.baseURL === undefined) {
    throw new ConfigError('(file)', `no site config found: add hugo.toml (or ${HUGO_CONFIG_FILES.slice(1).join(', ')}) at the site root, or pass --base-url`);
  }
  const hugo = hugoFile ? parseConfigText(hugoFile, files.get(hugoFile) ?? '') : {};
  const feedpub = feedpubFile ? parseConfigText(feedpubFile, files.get(feedpubFile) ?? '') : undefined;
  return resolveSiteConfig(hugo, {
    file: hugoFile ?? feedpubFile ?? '(defaults)',
    ...(overrides.baseURL !== undefined ? { baseURL: overrides.baseURL } : {}),
    ...(feedpub ? { feedpub, feedpubFile: feedpubFile ?? '' } : {}),
  });
}
