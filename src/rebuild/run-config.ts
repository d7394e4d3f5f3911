import { CONFIG_PREFIXES, isConfigKey } from '../config/config-keys.js';
import type { Manifest } from '../manifest.js';
import type { Problem, SiteConfig, Taxonomy } from '../model.js';
import { keptIdNamespace } from '../plan/ids.js';
import type { Storage, StoredObject } from '../ports.js';
import { sha256 } from '../sha256.js';
import { CONFIG_VERSION, RENDER_VERSION } from './render-version.js';
import { collect } from '../util/collect.js';
import { CONFIG_FILE_RULES, checkContentPrefix, readSite } from './sources.js';

/** The site config a run works with, and what it knows of where it came from. */
export interface RunConfig {
  /** The config files listed (none in a run for reported keys: it trusts the manifest's copy). */
  readonly configListing: readonly StoredObject[];
  /** What the resolved config was read from (the files' change tokens, the render version, a `--base-url`). */
  readonly configSource: NonNullable<Manifest['configSource']>;
  readonly site: SiteConfig;
  /** What the config files say about themselves (a root file's value the config folder replaces). */
  readonly configWarnings: readonly Problem[];
  /** A digest of the resolved config and the render version: a manifest with another one is not reused. */
  readonly configHash: string;
  /** The file that problems about the config name. */
  readonly configFile: string;
}

/**
 * The site config of a run: the manifest's resolved copy when the config files are the very ones it was read
 * from (a run for reported keys lists none and takes it as it is), else read and resolved again. The
 * manifest's id namespace is kept. Throws a ConfigError for a config that does not resolve, or whose
 * content folders lie outside `contentPrefix`.
 *
 * @example const { site, configHash } = await resolveRunConfig(deps.source, previous, delta !== undefined, options);
 */
export async function resolveRunConfig(
  source: Storage,
  previous: Manifest | undefined,
  trustManifest: boolean,
  options: { readonly baseURL?: string; readonly contentPrefix?: string },
): Promise<RunConfig> {
  const configListing = trustManifest ? [] : await listConfig(source);
  const configSource = (trustManifest ? previous?.configSource : undefined) ?? {
    // A new feedpub may resolve the same files differently (new options, new defaults).
    renderVersion: RENDER_VERSION,
    configVersion: CONFIG_VERSION,
    versions: Object.fromEntries(configListing.map((o): [string, string] => [o.key, o.version ?? '']).sort((x, y) => (x[0] < y[0] ? -1 : 1))),
    ...(options.baseURL !== undefined ? { baseURL: options.baseURL } : {}),
  };
  const sameConfig =
    previous?.site !== undefined &&
    configListing.every((o) => o.version !== undefined) &&
    JSON.stringify(previous.configSource) === JSON.stringify(configSource);
  const read = sameConfig && previous?.site ? { site: previous.site } : await readSite(source, configListing, options.baseURL);
  const site = keptIdNamespace(read.site, previous?.site?.feeds.idNamespace ?? previous?.idNamespace);
  // From the files when read, else what the run that read these very files found.
  const configWarnings = 'warnings' in read ? read.warnings : (previous?.siteProblems ?? []).filter((p) => CONFIG_FILE_RULES.has(p.rule));
  if (options.contentPrefix !== undefined) checkContentPrefix(site, options.contentPrefix);
  return {
    configListing,
    configSource,
    site,
    configWarnings,
    configHash: configHashOf(site),
    configFile: configListing.find((o) => !o.key.startsWith('feedpub.'))?.key ?? configListing[0]?.key ?? 'config',
  };
}

/**
 * The digest of what in a resolved config shapes the bytes written, with the render version: all of it but
 * the taxonomies' singular names (`tag` of `tag = "tags"`), which no feed reads (Hugo 0.111 uses them in
 * templates only; pages name their terms, and feeds their folders, by the plural): renaming one renders
 * nothing again.
 */
function configHashOf(site: SiteConfig): string {
  const plurals = (taxonomies: readonly Taxonomy[]): string[] => taxonomies.map((t) => t.plural);
  const hashed = {
    ...site,
    taxonomies: plurals(site.taxonomies),
    languages: site.languages.map((l) => (l.taxonomies === undefined ? l : { ...l, taxonomies: plurals(l.taxonomies) })),
  };
  return sha256(JSON.stringify({ RENDER_VERSION, site: hashed }));
}

async function listConfig(source: Storage): Promise<StoredObject[]> {
  return (await Promise.all(CONFIG_PREFIXES.map((prefix) => collect(source.list(prefix))))).flat().filter((o) => isConfigKey(o.key));
}
