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
 * Hugo's configuration directory for the environment a `hugo` build uses, production (`hugo server`'s
 * is development, not read): its files are merged over {@link CONFIG_DIR}'s.
 */
export const CONFIG_ENV_DIR = 'config/production/';

/**
 * The listings that find every config file without walking the site: the root's `hugo.*`, `config.*`
 * and `feedpub.*`, {@link CONFIG_DIR} and {@link CONFIG_ENV_DIR}. The Lambda's role may list exactly these
 * prefixes (and the content folder): `tests/unit/infra/template.test.ts` holds serverless.yml to them.
 */
export const CONFIG_PREFIXES = ['hugo.', 'config.', CONFIG_DIR, CONFIG_ENV_DIR, 'feedpub.'] as const;

/**
 * A file of {@link CONFIG_DIR} or {@link CONFIG_ENV_DIR} feedpub reads: its name is the key it sets,
 * or a key and a language (`params.fr.toml`), as Hugo 0.111 reads them. Files in folders below are not read.
 */
const CONFIG_DIR_FILE = /^config\/(?:_default|production)\/([A-Za-z][A-Za-z0-9_-]*)(?:\.([A-Za-z][A-Za-z0-9_-]*))?\.(toml|yaml|yml|json)$/;

/** True when `key` (site-relative) is a config file feedpub reads. */
export function isConfigKey(key: string): boolean {
  return (HUGO_CONFIG_FILES as readonly string[]).includes(key) || (FEEDPUB_CONFIG_FILES as readonly string[]).includes(key) || CONFIG_DIR_FILE.test(key);
}

/**
 * Where the data of a file of the configuration directory goes in the site config, as Hugo 0.111 puts it:
 * at the top for its `hugo.*` / `config.*`, under the key it is named after for the others
 * (`params.toml`: `params`), and under a language for a name with a language (`params.fr.toml`:
 * `languages.fr.params`; `menus.fr.toml`: `languages.fr.menus`; any other, `languages.fr` itself).
 * Undefined for a key that is no such file.
 *
 * @example configDirKeyPath('config/_default/languages.toml') // ['languages']
 * @example configDirKeyPath('config/production/params.fr.yaml') // ['languages', 'fr', 'params']
 */
export function configDirKeyPath(key: string): string[] | undefined {
  const match = CONFIG_DIR_FILE.exec(key);
  if (match === null) return undefined;
  const [, name = '', language] = match;
  if (language === undefined) return name === 'hugo' || name === 'config' ? [] : [name];
  if (name === 'params') return ['languages', language, 'params'];
  return name === 'menu' || name === 'menus' ? ['languages', language, 'menus'] : ['languages', language];
}

/**
 * The order Hugo 0.111 merges a site's config files in, each over the ones before: the root file read
 * (the first of {@link HUGO_CONFIG_FILES}), then {@link CONFIG_DIR}'s files and {@link CONFIG_ENV_DIR}'s,
 * each folder's by name (`config.toml`, `hugo.toml`, `languages.toml`, `params.fr.toml`, `params.toml`).
 * feedpub.* and the root files not read are left out.
 *
 * @example hugoConfigOrder(['config/_default/params.toml', 'hugo.toml', 'config/_default/hugo.toml']) // ['hugo.toml', 'config/_default/hugo.toml', 'config/_default/params.toml']
 */
export function hugoConfigOrder(keys: Iterable<string>): string[] {
  const present = [...keys];
  const root = HUGO_CONFIG_FILES.find((name) => present.includes(name));
  const inDir = (dir: string) => present.filter((k) => k.startsWith(dir) && configDirKeyPath(k) !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...(root !== undefined ? [root] : []), ...inDir(CONFIG_DIR), ...inDir(CONFIG_ENV_DIR)];
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

/**
 * How to set feedpub option `option` to `value` in the site's own words: in its feedpub.* file when it has
 * one, else in its Hugo config file (the root one, or the config folder's hugo.* / config.*) under the
 * `feedpub` table, each in its file's syntax (TOML, YAML or JSON); a site with neither is told to add a
 * feedpub.toml. `file` is the file named (undefined for the one to add).
 *
 * @example feedpubSetting(['hugo.yaml'], 'idNamespace', 'a/') // { file: 'hugo.yaml', text: 'set idNamespace: "a/" under feedpub: in hugo.yaml' }
 */
export function feedpubSetting(keys: Iterable<string>, option: string, value: string): { readonly file?: string; readonly text: string } {
  const present = [...keys];
  const quoted = JSON.stringify(value);
  const syntax = (file: string): 'toml' | 'yaml' | 'json' => (file.endsWith('.toml') ? 'toml' : file.endsWith('.json') ? 'json' : 'yaml');
  const feedpubFile = FEEDPUB_CONFIG_FILES.find((name) => present.includes(name));
  if (feedpubFile !== undefined) {
    const line = { toml: `${option} = ${quoted}`, yaml: `${option}: ${quoted}`, json: `"${option}": ${quoted}` }[syntax(feedpubFile)];
    return { file: feedpubFile, text: `set ${line} in ${feedpubFile}` };
  }
  const hugoFile = hugoConfigOrder(present).find((file) => (configDirKeyPath(file) ?? []).length === 0);
  if (hugoFile === undefined) return { text: `add a feedpub.toml at the site's root with ${option} = ${quoted}` };
  const where = {
    toml: `set ${option} = ${quoted} under [feedpub] in ${hugoFile}`,
    yaml: `set ${option}: ${quoted} under feedpub: in ${hugoFile}`,
    json: `set "${option}": ${quoted} in the "feedpub" object of ${hugoFile}`,
  };
  return { file: hugoFile, text: where[syntax(hugoFile)] };
}
