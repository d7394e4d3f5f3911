import type { Manifest } from '../manifest.js';
import { MAX_CONFIG_BYTES, configTooLarge } from '../config/config-size.js';
import { isConfigKey } from '../config/config-keys.js';
import { contentDirKey } from '../config/language-settings.js';
import { ConfigError, ObjectTooLargeError, UnreadableObjectError } from '../errors.js';
import type { Problem, SiteConfig } from '../model.js';
import { bundleHiddenFiles, isMarkdownKey, listingProblems, pageKeys } from '../parse/pages.js';
import type { Storage, StoredObject } from '../ports.js';
import { mapLimit } from '../util/map-limit.js';

/** The distinct content folders, none nested in another (so nothing is listed twice). */
function contentPrefixes(site: SiteConfig): string[] {
  const dirs = [...new Set(site.languages.map((l) => (l.contentDir === '' ? '' : `${l.contentDir}/`)))].sort();
  return dirs.filter((d) => !dirs.some((other) => other !== d && d.startsWith(other)));
}

/** Markdown files listed between two calls of `listSources`' `listed`. */
const LISTED_STEP = 500;

/**
 * The content pages of a full run, listed, in key order. `listed` is told how many Markdown files have
 * been listed so far, every {@link LISTED_STEP}.
 */
export async function listSources(
  site: SiteConfig,
  source: Storage,
  listed?: (markdownFiles: number) => void,
): Promise<{ readonly sources: StoredObject[]; readonly problems: Problem[] }> {
  let markdown = 0;
  const list = async (prefix: string): Promise<StoredObject[]> => {
    const out: StoredObject[] = [];
    for await (const o of source.list(prefix)) {
      out.push(o);
      if (listed !== undefined && isMarkdownKey(o.key) && ++markdown % LISTED_STEP === 0) listed(markdown);
    }
    return out;
  };
  const listing = (await Promise.all(contentPrefixes(site).map(list))).flat();
  const keys = listing.map((o) => o.key);
  const pages = new Set(pageKeys(site, keys));
  return {
    sources: listing.filter((o) => pages.has(o.key)).sort(byKey),
    problems: listingProblems(site, keys, pages, await datedHiddenFiles(site, source, bundleHiddenFiles(site, keys, pages), listing)),
  };
}

/** Hidden files of a leaf bundle read to find one with a date (`bundle-hides-pages`): the first few of each. */
const DATED_READS_PER_BUNDLE = 5;

/**
 * The Markdown files leaf bundles hide (`bundleHiddenFiles`) whose front matter has a date, like an
 * article's: of each bundle, the first found among its first {@link DATED_READS_PER_BUNDLE}.
 */
async function datedHiddenFiles(
  site: SiteConfig,
  source: Storage,
  hidden: ReadonlyMap<string, readonly string[]>,
  listing: readonly StoredObject[],
): Promise<Set<string>> {
  const dated = new Set<string>();
  if (hidden.size === 0) return dated;
  const { hasFrontMatterDate } = await import('../parse/front-matter-date.js');
  // A file over the article size limit is not read (it would not be parsed as an article either).
  const sizes = new Map(listing.map((o) => [o.key, o.size]));
  const readable = (key: string): boolean => (sizes.get(key) ?? 0) <= site.feeds.maxArticleBytes;
  await mapLimit([...hidden.values()], 8, async (files) => {
    for (const key of files.filter(readable).slice(0, DATED_READS_PER_BUNDLE)) {
      // Bounded, and a file the storage will not give (archived, another key) or that is over the limit
      // counts as undated: only a warning's wording depends on it, never a run.
      const bytes = await source.read(key, { maxBytes: site.feeds.maxArticleBytes }).catch((error: unknown) => {
        if (error instanceof UnreadableObjectError || error instanceof ObjectTooLargeError) return undefined;
        throw error;
      });
      if (bytes !== undefined && hasFrontMatterDate(site, bytes)) {
        dated.add(key);
        return;
      }
    }
  });
  return dated;
}

/** The rules of the warnings the config files give when read (see `loadSiteConfigWithWarnings`). */
export const CONFIG_FILE_RULES: ReadonlySet<string> = new Set(['config-duplicate-key', 'config-overridden']);

export async function readSite(
  source: Storage,
  listing: readonly StoredObject[],
  baseURL: string | undefined,
): Promise<{ readonly site: SiteConfig; readonly warnings: readonly Problem[] }> {
  const texts = new Map<string, string>();
  for (const object of listing.filter((o) => isConfigKey(o.key)).sort(byKey)) {
    // Bounded: an upload named hugo.toml can be anything, and is not read whole to find out.
    const bytes = await source.read(object.key, { maxBytes: MAX_CONFIG_BYTES }).catch((error: unknown) => {
      throw error instanceof ObjectTooLargeError ? configTooLarge(object.key) : error;
    });
    if (bytes) texts.set(object.key, new TextDecoder().decode(bytes));
  }
  // Loaded here: a run that takes the config from the manifest never needs its parsers.
  const { loadSiteConfigWithWarnings } = await import('../site.js');
  return loadSiteConfigWithWarnings(texts, baseURL !== undefined ? { baseURL } : {});
}

/**
 * Throws a ConfigError when a language's content folder lies outside `prefix`: a deployment may read,
 * and is notified of, only what is under its content prefix, so such a folder would fail every run.
 */
export function checkContentPrefix(site: SiteConfig, prefix: string): void {
  for (const language of site.languages) {
    const dir = language.contentDir === '' ? '' : `${language.contentDir}/`;
    if (dir.startsWith(prefix)) continue;
    const key = contentDirKey(site, language);
    throw new ConfigError(
      key,
      `"${language.contentDir || '.'}" is outside ${prefix}, the only folder this deployment reads and is notified of (its contentPrefix): move the content there, or deploy with that prefix`,
    );
  }
}

function byKey(a: StoredObject, b: StoredObject): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** At most this many reported keys are read ahead of the manifest (an event names one or a few). */
const PREFETCH_KEYS = 32;

/**
 * How far a reported key is read ahead of the manifest, before the site's `maxArticleBytes` is known: its
 * default. A larger file is read again under the site's limit, if that is larger.
 */
const PREFETCH_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The reads of the keys an event reported, started now (while the manifest is read): a run for reported
 * keys reads them first thing after it; any other run lists and reads them itself, and lets these go.
 * None when there are more than {@link PREFETCH_KEYS}.
 */
export function readAhead(source: Storage, keys: readonly string[] | undefined): Map<string, Promise<Uint8Array | undefined>> {
  const early = new Map<string, Promise<Uint8Array | undefined>>();
  if (keys === undefined || keys.length > PREFETCH_KEYS) return early;
  for (const key of keys) {
    if (early.has(key)) continue;
    const reading = source.read(key, { maxBytes: PREFETCH_MAX_BYTES });
    reading.catch(() => {}); // awaited where used; unused when the run lists everything
    early.set(key, reading);
  }
  return early;
}

/** The languages whose content folder holds no page at all (most likely a misspelt contentDir). */
export function emptyContentFolders(site: SiteConfig, sources: readonly StoredObject[]): SiteConfig['languages'][number][] {
  return site.languages.filter((l) => !sources.some((o) => o.key.startsWith(l.contentDir === '' ? '' : `${l.contentDir}/`)));
}

/** The warning for a language whose content folder holds no page. */
export function emptyContentFolderWarning(site: SiteConfig, language: SiteConfig['languages'][number], configFile: string): Problem {
  return {
    file: configFile,
    severity: 'warning',
    rule: 'content-dir-empty',
    // One language: its folder is most likely the top-level contentDir (or Hugo's default, content).
    message: `${contentDirKey(site, language)}: no Markdown page under "${language.contentDir || '.'}/"; is the folder name right?`,
  };
}

/**
 * Throws a ConfigError when a language's contentDir changed to a folder with no page while the last run
 * read pages of it (a misspelt or moved contentDir, a config uploaded before its content): it would take
 * all of them out of the feeds and delete their term feeds. Nothing is written until the folder has pages
 * or a `force` run says so (`forceAdvice` says how). Pages deleted from a folder that stays are published
 * as gone, as any removal.
 */
export function refuseEmptiedFolders(
  site: SiteConfig,
  emptyFolders: readonly SiteConfig['languages'][number][],
  previous: Manifest,
  configFile: string,
  forceAdvice: string | undefined,
): void {
  for (const language of emptyFolders) {
    const before = previous.site?.languages.find((l) => l.key === language.key);
    if (before === undefined || before.contentDir === language.contentDir) continue;
    const dir = `${language.contentDir || '.'}/`;
    let published = 0;
    for (const record of previous.articles.values()) if (record.entry?.lang === language.key) published++;
    if (published === 0) continue;
    throw new ConfigError(
      contentDirKey(site, language),
      `no Markdown page under "${dir}", where the last run read ${published} page${published === 1 ? '' : 's'} of this language: nothing was published (is the folder name right? to publish the language without pages, ${forceAdvice ?? 'run feedpub rebuild --force'})`,
      configFile,
    );
  }
}
