/**
 * Which site files are config files, by name alone: light on purpose (no parser behind it), so a run
 * that takes its config from the manifest never loads the TOML and YAML parsers.
 */

import type { Problem } from '../model.js';

/** Hugo's config file names, in the order Hugo looks for them. */
export const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json'] as const;

/** feedpub's own option files (merged over the `feedpub` section of Hugo's config). */
export const FEEDPUB_CONFIG_FILES = ['feedpub.toml', 'feedpub.yaml', 'feedpub.yml', 'feedpub.json'] as const;

/**
 * Hugo's configuration directory for the default environment: `hugo.toml` and one file per top-level key
 * (`params.toml`), in the folder or in folders below it (`params/params.zh.toml`): see {@link configDirKeyPath}.
 */
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

/** The extensions of the config files Hugo 0.111 reads there, in any case (`params.TOML` is TOML). */
const CONFIG_EXTENSIONS: ReadonlySet<string> = new Set(['toml', 'yaml', 'yml', 'json']);

/**
 * The name of a file of {@link CONFIG_DIR} or {@link CONFIG_ENV_DIR}, at any depth, that Hugo 0.111 reads,
 * without its extension (`params.zh` for `config/_default/params/params.zh.toml`); undefined for any other key.
 * Hugo walks each folder whole, hidden folders and files too, and reads every file whose extension is a
 * config format's in any case; the folders' names say nothing (checked with `hugo config`). A key with an
 * empty, `.` or `..` segment is no file of a folder.
 */
function configDirName(key: string): string | undefined {
  const dir = key.startsWith(CONFIG_DIR) ? CONFIG_DIR : key.startsWith(CONFIG_ENV_DIR) ? CONFIG_ENV_DIR : undefined;
  if (dir === undefined) return undefined;
  const segments = key.slice(dir.length).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return undefined;
  const base = segments.at(-1) ?? '';
  const dot = base.lastIndexOf('.');
  return dot >= 0 && CONFIG_EXTENSIONS.has(base.slice(dot + 1).toLowerCase()) ? base.slice(0, dot) : undefined;
}

/**
 * The syntax of a config file by its extension, in any case, as Hugo reads it (`params.TOML` is TOML);
 * YAML for `.yaml` and `.yml`.
 *
 * @example configSyntax('config/_default/params.JSON') // 'json'
 */
export function configSyntax(file: string): 'toml' | 'yaml' | 'json' {
  const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
  return extension === 'toml' ? 'toml' : extension === 'json' ? 'json' : 'yaml';
}

/** True when `key` (site-relative) is a config file feedpub reads. */
export function isConfigKey(key: string): boolean {
  return (
    (HUGO_CONFIG_FILES as readonly string[]).includes(key) || (FEEDPUB_CONFIG_FILES as readonly string[]).includes(key) || configDirName(key) !== undefined
  );
}

/**
 * Where the data of a file of the configuration directory goes in the site config, as Hugo 0.111 puts it,
 * from the file's name alone (its folders, at any depth, say nothing): at the top for `hugo.*` / `config.*`,
 * under the key it is named after for the others (`params.toml`: `params`; `languages/zh.toml`: `zh`,
 * which no setting reads), and under a language for a name with a dot, the part after the last one (`params.fr.toml`:
 * `languages.fr.params`; `menus.fr.toml`: `languages.fr.menus`; any other, `languages.fr` itself).
 * Undefined for a key that is no such file.
 *
 * @example configDirKeyPath('config/_default/languages.toml') // ['languages']
 * @example configDirKeyPath('config/production/params.fr.yaml') // ['languages', 'fr', 'params']
 * @example configDirKeyPath('config/_default/params/params.zh.toml') // ['languages', 'zh', 'params']
 */
export function configDirKeyPath(key: string): string[] | undefined {
  const name = configDirName(key);
  if (name === undefined) return undefined;
  if (name === 'hugo' || name === 'config') return [];
  const dot = name.lastIndexOf('.');
  // `params..toml` has an empty language: it is `params`.
  if (dot < 0 || dot === name.length - 1) return [dot < 0 ? name : name.slice(0, dot)];
  const [root, language] = [name.slice(0, dot), name.slice(dot + 1)];
  if (root === 'params') return ['languages', language, 'params'];
  return root === 'menu' || root === 'menus' ? ['languages', language, 'menus'] : ['languages', language];
}

/**
 * Orders two keys as Hugo's walk of a folder meets them: folder by folder, each folder's entries by name
 * in byte order (`config/_default/params/x.toml` before `config/_default/params.toml`, which a plain
 * comparison of the keys puts first as `.` sorts before `/`).
 */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const order = byteOrder(x[i] ?? '', y[i] ?? '');
    if (order !== 0) return order;
  }
  return x.length - y.length;
}

/** Compares two strings as Go compares them, by their UTF-8 bytes, which is by code point (not by UTF-16 unit). */
function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The order Hugo 0.111 merges a site's config files in, each over the ones before: the root file read
 * (the first of {@link HUGO_CONFIG_FILES}), then {@link CONFIG_DIR}'s files and {@link CONFIG_ENV_DIR}'s,
 * each folder walked as Hugo walks it ({@link walkOrder}: `config.toml`, `hugo.toml`, `languages.toml`,
 * `params/params.zh.toml`, `params.fr.toml`, `params.toml`). feedpub.* and the root files not read are left out.
 *
 * @example hugoConfigOrder(['config/_default/params.toml', 'hugo.toml', 'config/_default/hugo.toml']) // ['hugo.toml', 'config/_default/hugo.toml', 'config/_default/params.toml']
 */
export function hugoConfigOrder(keys: Iterable<string>): string[] {
  const present = [...keys];
  const root = HUGO_CONFIG_FILES.find((name) => present.includes(name));
  const inDir = (dir: string) => present.filter((k) => k.startsWith(dir) && configDirKeyPath(k) !== undefined).sort(walkOrder);
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
  const syntax = (file: string): 'toml' | 'yaml' | 'json' => configSyntax(file);
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
