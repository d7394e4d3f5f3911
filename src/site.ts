import { parseConfigText } from './config/config-files.js';
import { CONFIG_DIR, configDirKey, FEEDPUB_CONFIG_FILES, HUGO_CONFIG_FILES } from './config/config-keys.js';
import { resolveSiteConfig } from './config/site-config.js';
import { ConfigError } from './errors.js';
import type { SiteConfig } from './model.js';

/** The config files found at the site's root (name → text). */
export type ConfigTexts = ReadonlyMap<string, string>;

/**
 * Resolves the site config from the config files present: Hugo's (the first of hugo.* / config.* in
 * Hugo's order at the root, and Hugo's configuration directory `config/_default/`: its `hugo.*` holds
 * top-level keys, each other file the key it is named after; the root file wins a key both set) and
 * feedpub's own (feedpub.*). Pure: the caller reads the files.
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
  if (!hugoFile && dirFiles.length === 0 && !feedpubFile && overrides.baseURL === undefined) {
    throw new ConfigError(
      '(file)',
      `no site config found: add hugo.toml (or ${HUGO_CONFIG_FILES.slice(1).join(', ')}, or ${CONFIG_DIR}hugo.toml) at the site root (build, check and dev also run on --base-url alone)`,
    );
  }
  const hugo: Record<string, unknown> = hugoFile ? parseConfigText(hugoFile, files.get(hugoFile) ?? '') : {};
  const taken = new Set(Object.keys(hugo).map((k) => k.toLowerCase()));
  for (const file of dirFiles) {
    const data = parseConfigText(file, files.get(file) ?? '');
    const key = configDirKey(file);
    const entries: [string, unknown][] = key === '' ? Object.entries(data) : [[key ?? '', data]];
    for (const [name, value] of entries) {
      if (taken.has(name.toLowerCase())) continue;
      taken.add(name.toLowerCase());
      hugo[name] = value;
    }
  }
  const feedpub = feedpubFile ? parseConfigText(feedpubFile, files.get(feedpubFile) ?? '') : undefined;
  return resolveSiteConfig(hugo, {
    file: hugoFile ?? dirFiles[0] ?? feedpubFile ?? '(defaults)',
    ...(overrides.baseURL !== undefined ? { baseURL: overrides.baseURL } : {}),
    ...(feedpub ? { feedpub, feedpubFile: feedpubFile ?? '' } : {}),
  });
}

/** Hugo's order of the root config names (hugo.toml before config.yaml), for the directory's own files. */
function rank(file: string): number {
  const index = HUGO_CONFIG_FILES.indexOf(file.slice(CONFIG_DIR.length) as (typeof HUGO_CONFIG_FILES)[number]);
  return index < 0 ? HUGO_CONFIG_FILES.length : index;
}
