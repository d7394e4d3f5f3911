import { CONFIG_PREFIXES, ignoredConfigWarnings, isConfigKey } from '../config/config-keys.js';
import { NoSiteConfigError } from '../config/no-site-config-error.js';
import type { Problem, SiteConfig } from '../model.js';
import type { Storage, StoredObject } from '../ports.js';
import { loadSiteConfig } from '../site.js';

/**
 * The config files of a site storage (folder or bucket): listed by {@link CONFIG_PREFIXES}, so the rest
 * of the site is never walked.
 *
 * @example for (const o of await listConfigFiles(new FsStorage('.'))) console.log(o.key); // hugo.toml
 */
export async function listConfigFiles(storage: Storage): Promise<StoredObject[]> {
  const found: StoredObject[] = [];
  for (const prefix of CONFIG_PREFIXES) {
    for await (const object of storage.list(prefix)) if (isConfigKey(object.key)) found.push(object);
  }
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Reads and resolves the site config the way `rebuild` does (same files, same precedence), for the
 * commands that need it before or beside a rebuild (`upload`'s content folders, `check`'s Markdown
 * beside them, `dev`'s RSS file name). Throws ConfigError for a missing or invalid config.
 *
 * @example const site = await readSiteConfig(new FsStorage('.'));
 */
export async function readSiteConfig(storage: Storage, baseURL?: string): Promise<SiteConfig> {
  const texts = new Map<string, string>();
  for (const object of await listConfigFiles(storage)) {
    const bytes = await storage.read(object.key);
    if (bytes) texts.set(object.key, new TextDecoder().decode(bytes));
  }
  return loadSiteConfig(texts, baseURL !== undefined ? { baseURL } : {});
}

/**
 * Runs `work`, turning a {@link NoSiteConfigError} into one that names where the config was looked for
 * (`the folder /home/me/site`, `the content bucket s3://site`) and what else would do.
 *
 * @example const report = await naming('the folder /home/me/site', () => rebuild(deps), ', or run with --base-url URL');
 */
export async function naming<T>(where: string, work: () => Promise<T>, alternative?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof NoSiteConfigError ? error.in(where, alternative) : error;
  }
}

/**
 * A warning for each config file of the site that is present but not read (`feedpub.yaml` beside
 * `feedpub.toml`, `config.toml` beside `hugo.toml`): its settings do not apply, which nothing else says.
 * Lists the storage's config files; {@link ignoredConfigWarnings} words the warnings.
 *
 * @example for (const p of await ignoredConfigProblems(new FsStorage('.'))) console.log(p.message);
 */
export async function ignoredConfigProblems(storage: Storage): Promise<Problem[]> {
  return ignoredConfigWarnings((await listConfigFiles(storage)).map((o) => o.key));
}
