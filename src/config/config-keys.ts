/**
 * Which site files are config files, by name alone: light on purpose (no parser behind it), so a run
 * that takes its config from the manifest never loads the TOML and YAML parsers.
 */

import type { Problem } from '../model.js';

/** Hugo's config file names, in the order Hugo looks for them. */
export const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'] as const;

/** feedpub's own option files (merged over the `feedpub` section of Hugo's config). */
export const FEEDPUB_CONFIG_FILES = ['feedpub.toml', 'feedpub.yaml', 'feedpub.yml', 'feedpub.json'] as const;

/** Hugo's configuration directory for the default environment: `hugo.toml` and one file per top-level key (`params.toml`). */
export const CONFIG_DIR = 'config/_default/';

/**
 * The listings that find every config file without walking the site: the root's `hugo.*`, `config.*`
 * and `feedpub.*`, and {@link CONFIG_DIR}. The Lambda's role may list exactly these prefixes (and the
 * content folder): `tests/unit/infra/template.test.ts` holds serverless.yml to them.
 */
export const CONFIG_PREFIXES = ['hugo.', 'config.', CONFIG_DIR, 'feedpub.'] as const;

/** A file of {@link CONFIG_DIR} feedpub reads, its name being the key (language-specific `menus.en.toml` and the like are not read). */
const CONFIG_DIR_FILE = /^config\/_default\/([A-Za-z][A-Za-z0-9_-]*)\.(toml|yaml|yml|json)$/;

/** True when `key` (site-relative) is a config file feedpub reads. */
export function isConfigKey(key: string): boolean {
  return (HUGO_CONFIG_FILES as readonly string[]).includes(key) || (FEEDPUB_CONFIG_FILES as readonly string[]).includes(key) || CONFIG_DIR_FILE.test(key);
}

/**
 * The top-level key a file of the configuration directory sets (`params` for `config/_default/params.toml`),
 * '' for the directory's own `hugo.*` / `config.*` (they hold top-level keys), undefined for any other key.
 *
 * @example configDirKey('config/_default/languages.toml') // 'languages'
 */
export function configDirKey(key: string): string | undefined {
  const name = CONFIG_DIR_FILE.exec(key)?.[1];
  if (name === undefined) return undefined;
  return name === 'hugo' || name === 'config' ? '' : name;
}

/** A config file that is present but not read, and the one read instead. */
export interface IgnoredConfigFile {
  readonly file: string;
  readonly readInstead: string;
  /** The names of its kind, in the order they are looked for. */
  readonly order: readonly string[];
}

/**
 * The root config files that are present but not read: Hugo reads only the first of its names (in
 * {@link HUGO_CONFIG_FILES}' order), and feedpub likewise only the first of {@link FEEDPUB_CONFIG_FILES};
 * a second one is most likely a leftover whose settings the author expects to apply.
 *
 * @example ignoredConfigFiles(['feedpub.toml', 'feedpub.yaml']) // [{ file: 'feedpub.yaml', readInstead: 'feedpub.toml', order: FEEDPUB_CONFIG_FILES }]
 */
export function ignoredConfigFiles(keys: Iterable<string>): IgnoredConfigFile[] {
  const present = new Set(keys);
  const ignored: IgnoredConfigFile[] = [];
  for (const family of [HUGO_CONFIG_FILES, FEEDPUB_CONFIG_FILES] as const) {
    const [read, ...others] = family.filter((name) => present.has(name));
    if (read !== undefined) for (const file of others) ignored.push({ file, readInstead: read, order: family });
  }
  return ignored;
}

/**
 * A `config-ignored` warning for each config file that is present but not read ({@link ignoredConfigFiles}):
 * its settings do not apply, which nothing else says. Pure, from the names a listing found, so that every
 * caller that lists the config files (the CLI's folder, a run over the content bucket) words it the same.
 *
 * @example
 * ignoredConfigWarnings(['feedpub.toml', 'feedpub.yaml']);
 * // [{ file: 'feedpub.yaml', severity: 'warning', rule: 'config-ignored',
 * //    message: 'not read: only the first of feedpub.toml, feedpub.yaml, feedpub.yml, feedpub.json is, feedpub.toml here; ...' }]
 */
export function ignoredConfigWarnings(keys: Iterable<string>): Problem[] {
  return ignoredConfigFiles(keys).map(({ file, readInstead, order }) => ({
    file,
    severity: 'warning',
    rule: 'config-ignored',
    message: `not read: only the first of ${order.join(', ')} is, ${readInstead} here; move its settings into ${readInstead} and delete it`,
  }));
}
