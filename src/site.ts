import { parseConfigText } from './config/config-files.js';
import { CONFIG_DIR, configDirKey, FEEDPUB_CONFIG_FILES, HUGO_CONFIG_FILES } from './config/config-keys.js';
import { NoSiteConfigError } from './config/no-site-config-error.js';
import { resolveSiteConfig } from './config/site-config.js';
import type { SiteConfig } from './model.js';

/** The config files found at the site's root (name → text). */
export type ConfigTexts = ReadonlyMap<string, string>;

/**
 * Resolves the site config from the config files present: Hugo's (the first of hugo.* / config.* in
 * Hugo's order at the root, and Hugo's configuration directory `config/_default/`: its `hugo.*` holds
 * top-level keys, each other file the key it is named after; the root file wins a key both set) and
 * feedpub's own (the first of feedpub.toml, .yaml, .yml, .json; `ignoredConfigFiles` names the others).
 * Errors name the file that set the key. Pure: the caller reads the files. Throws
 * {@link NoSiteConfigError} when there is no Hugo config and no `baseURL` override.
 *
 * @example loadSiteConfig(new Map([['hugo.toml', 'baseURL = "https://example.com/"']]))
 */
export function loadSiteConfig(files: ConfigTexts, overrides: { baseURL?: string } = {}): SiteConfig {
  const hugoFile = HUGO_CONFIG_FILES.find((f) => files.has(f));
  const feedpubFile = FEEDPUB_CONFIG_FILES.find((f) => files.has(f));
  // The directory's files, its hugo.* / config.* first (in Hugo's order), then the others by name.
  const dirFiles = [...files.keys()]
    .filter((k) => configDirKey(k) !== undefined)
    .sort((a, b) => Number(configDirKey(a) !== '') - Number(configDirKey(b) !== '') || rank(a) - rank(b) || (a < b ? -1 : 1));
  // feedpub.* alone is no site config: it cannot hold baseURL.
  if (!hugoFile && dirFiles.length === 0 && overrides.baseURL === undefined) {
    throw new NoSiteConfigError(feedpubFile ? { feedpubFile } : {});
  }
  const hugo: Record<string, unknown> = hugoFile ? parseConfigText(hugoFile, files.get(hugoFile) ?? '') : {};
  // Which file set each top-level key (lower-cased, as Hugo compares them), for errors.
  const sources = new Map<string, string>(Object.keys(hugo).map((k) => [k.toLowerCase(), hugoFile ?? '']));
  for (const file of dirFiles) {
    const data = parseConfigText(file, files.get(file) ?? '');
    const key = configDirKey(file);
    const entries: [string, unknown][] = key === '' ? Object.entries(data) : [[key ?? '', data]];
    for (const [name, value] of entries) {
      if (sources.has(name.toLowerCase())) continue;
      sources.set(name.toLowerCase(), file);
      hugo[name] = value;
    }
  }
  const feedpub = feedpubFile ? parseConfigText(feedpubFile, files.get(feedpubFile) ?? '') : undefined;
  return resolveSiteConfig(hugo, {
    file: hugoFile ?? dirFiles[0] ?? feedpubFile ?? '(defaults)',
    sources,
    ...(overrides.baseURL !== undefined ? { baseURL: overrides.baseURL } : {}),
    ...(feedpub && feedpubFile ? { feedpub, feedpubFile } : {}),
  });
}

/** Hugo's order of the root config names (hugo.toml before config.yaml), for the directory's own files. */
function rank(file: string): number {
  const index = HUGO_CONFIG_FILES.indexOf(file.slice(CONFIG_DIR.length) as (typeof HUGO_CONFIG_FILES)[number]);
  return index < 0 ? HUGO_CONFIG_FILES.length : index;
}
