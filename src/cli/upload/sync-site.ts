import { FsStorage } from '../../adapters/fs-storage.js';
import { isConfigKey } from '../../config/config-keys.js';
import type { Problem, SiteConfig } from '../../model.js';
import { hasMarkdownSuffix } from '../../parse/pages.js';
import type { Storage, StoredObject } from '../../ports.js';
import { mapLimit } from '../../util/map-limit.js';
import { contentPrefixProblem } from '../../../infra/deploy-settings.cjs';
import { prefixFlag } from '../parse-flags.js';
import { publishedFeedsMarker } from '../published-feeds-marker.js';
import { linkProblems } from '../link-problems.js';
import { ignoredConfigProblems, listConfigFiles, naming, readSiteConfig } from '../read-site-config.js';
import { UsageError } from '../usage-error.js';
import { contentTypeFor } from './content-type.js';
import { type LocalFile, listLocalSiteFiles, readLocal } from './local-site-files.js';
import { planUpload, type Upload } from './plan-upload.js';

/** The bucket side of a sync. */
export interface SyncTarget {
  /** The content bucket, at its root. */
  readonly storage: Storage;
  /** The sha256 kept in an object's metadata (one HEAD), or undefined when it has none. */
  readonly sha256: (key: string) => Promise<string | undefined>;
}

/** One file sent or removed (or that would be, in a dry run). */
export type SyncStep =
  | { readonly action: 'upload'; readonly key: string; readonly size: number; readonly reason: Upload['reason'] }
  | { readonly action: 'delete'; readonly key: string };

export interface SyncOptions {
  readonly siteDir: string;
  /** Folder of the content in the bucket and in the site (default `content/`); `--delete` acts only below it. */
  readonly prefix?: string;
  readonly deleteMissing?: boolean;
  readonly dryRun?: boolean;
  /** Parallel requests (default 8). */
  readonly concurrency?: number;
  /** Called before the first step with how many steps follow. */
  readonly onPlan?: (steps: number) => void;
  /** Called after each step (before it, in a dry run). */
  readonly onStep?: (step: SyncStep) => void;
  /** The command whose `--help` usage errors point to (default `upload`; `dev` syncs too). */
  readonly command?: string;
  /** `dev`'s `--base-url`, over the config's (the config is read here for its content folders only). */
  readonly baseURL?: string;
}

/** What a sync did (or would do). */
export interface SyncResult {
  readonly uploaded: readonly { readonly key: string; readonly size: number; readonly reason: Upload['reason'] }[];
  readonly unchanged: number;
  readonly deleted: readonly string[];
  /** Bytes uploaded. */
  readonly bytes: number;
  readonly dryRun: boolean;
  /** Markdown under the prefix that the site folder does not have, left there (still published): deleted with `deleteMissing`. */
  readonly notInSite: number;
  /** Config files in the bucket that the site folder does not have, left there (they still apply): deleted with `deleteMissing`. */
  readonly staleConfig: readonly string[];
  /** Config files of the site folder that are not read (a second feedpub.*, config.* beside hugo.*): uploaded, without effect. */
  readonly ignoredConfig: readonly Problem[];
  /** Symbolic links of the site folder not followed (outside it, broken, a folder listed already): not uploaded. */
  readonly skippedLinks: readonly Problem[];
  readonly site: SiteConfig;
}

/** Cache-Control of source files: never served, but revalidate if they ever are. */
const SOURCE_CACHE_CONTROL = 'no-cache';
export const DEFAULT_CONTENT_PREFIX = 'content/';

/**
 * Makes the content bucket hold the site's config files and content folder, sending only files whose
 * bytes differ: compared by listing (size, and ETag = MD5 for single-part uploads), with one HEAD
 * (the sha256 in the metadata) only for objects whose ETag is not the local MD5. Config files go
 * first, so the function never rebuilds new content with an old config; deletions (with
 * `deleteMissing`) go last: Markdown under the prefix, and config files the site no longer has. A dry run plans the same and changes nothing.
 * Throws UsageError when the site's content folders lie outside the prefix, ConfigError for a bad
 * config (NoSiteConfigError naming the folder when it has none), StorageError when the bucket fails.
 *
 * @example
 * const result = await syncSite(s3SyncTarget(client, 'site-content'), { siteDir: '.', deleteMissing: true });
 */
export async function syncSite(target: SyncTarget, options: SyncOptions): Promise<SyncResult> {
  const command = options.command ?? 'upload';
  const prefix = prefixFlag(command, '--prefix', options.prefix ?? DEFAULT_CONTENT_PREFIX);
  const concurrency = options.concurrency ?? 8;
  const dryRun = options.dryRun ?? false;
  // Links that stay inside the site folder are uploaded under their own keys, as Hugo publishes them.
  const folder = new FsStorage(options.siteDir, { followLinks: true });
  // The function needs the config, and upload reads it to find the content folders.
  const site = await naming(
    `the folder ${options.siteDir}`,
    () => readSiteConfig(folder, options.baseURL),
    options.command === 'dev' ? 'or run with --base-url URL' : undefined,
  );
  // The one prefix that holds every content folder, when they share a first folder (the function reads one).
  const firsts = new Set(site.languages.map((language) => language.contentDir.split('/')[0] ?? ''));
  const [first = ''] = firsts;
  const shared = firsts.size === 1 && first !== '' && contentPrefixProblem(`${first}/`) === undefined ? `${first}/` : undefined;
  for (const language of site.languages) {
    // A content folder behind a link out of the site folder (content/en -> ../shared/en) would be left out
    // whole, its pages never uploaded, as build refuses it.
    folder.refuseLinkOutside(language.contentDir);
    if (!`${language.contentDir}/`.startsWith(prefix)) {
      const outside = `the content folder of language "${language.key}" (${language.contentDir || '.'}) is outside --prefix ${prefix}`;
      const folders = [...new Set(site.languages.map((l) => l.contentDir || '.'))].sort().join(', ');
      throw new UsageError(
        shared === undefined
          ? `${outside}, and the site's content folders (${folders}) lie in no one folder the function can read: move them under one, such as ${DEFAULT_CONTENT_PREFIX}`
          : `${outside}: pass --prefix ${shared}${command === 'upload' ? ` (and deploy with --param="contentPrefix=${shared}": the function reads ${DEFAULT_CONTENT_PREFIX} unless told)` : ''}`,
        command,
      );
    }
  }

  const [local, remote] = await Promise.all([listLocalSiteFiles(folder, prefix), listRemote(target.storage, prefix, command)]);
  const deleteMissing = options.deleteMissing ?? false;
  // Planned with deletions always: without `deleteMissing` they are only counted, for the summary to say.
  const plan = planUpload(local, remote, { prefix, deleteMissing: true });
  const localKeys = new Set(local.map((f) => f.key));
  // A file or folder the site has through a link upload does not follow (out of the site, broken) is not
  // missing: what the bucket holds there is never deleted.
  const skipped = folder.skippedLinks.map((link) => link.key);
  const kept = (key: string): boolean => skipped.some((link) => key === link || key.startsWith(`${link}/`));
  // Config files the site no longer has (a hugo.toml renamed config.toml) still apply in the bucket:
  // `--delete` removes them too, after the new ones are sent.
  const staleConfig = [...remote.keys()].filter((key) => isConfigKey(key) && !localKeys.has(key) && !kept(key)).sort();
  const missing = plan.deletions.filter((key) => !kept(key));
  const deletions = deleteMissing ? [...staleConfig, ...missing] : [];
  const verified = await mapLimit(plan.verify, concurrency, async (file) => ((await target.sha256(file.key)) === file.sha256 ? undefined : file));
  const uploads: Upload[] = [...plan.uploads, ...verified.filter((f): f is LocalFile => f !== undefined).map((file) => ({ file, reason: 'changed' as const }))];
  uploads.sort((a, b) => Number(isConfigKey(b.file.key)) - Number(isConfigKey(a.file.key)) || (a.file.key < b.file.key ? -1 : 1));
  const unchanged = local.length - uploads.length;
  options.onPlan?.(uploads.length + deletions.length);

  // Steps are told in the plan's order (config, content by key, deletions), each once it and every step
  // before it are done: the same plan gives the same log, whatever order the requests finish in.
  const tell = inOrder(options.onStep);
  const configUploads = uploads.filter((u) => isConfigKey(u.file.key));
  const send =
    (offset: number) =>
    async ({ file, reason }: Upload, index: number): Promise<void> => {
      if (!dryRun) {
        const body = await readLocal(folder, file.key);
        await target.storage.write({ key: file.key, body, contentType: contentTypeFor(file.key), cacheControl: SOURCE_CACHE_CONTROL });
      }
      tell(offset + index, { action: 'upload', key: file.key, size: file.size, reason });
    };
  try {
    await mapLimit(configUploads, concurrency, send(0));
    await mapLimit(uploads.slice(configUploads.length), concurrency, send(configUploads.length));
    await mapLimit(deletions, concurrency, async (key, index) => {
      if (!dryRun) await target.storage.delete(key);
      tell(uploads.length + index, { action: 'delete', key });
    });
  } finally {
    // A failed step leaves the steps done after it untold: they are told all the same, in order.
    tell.flush();
  }

  return {
    uploaded: uploads.map(({ file, reason }) => ({ key: file.key, size: file.size, reason })),
    unchanged,
    deleted: deletions,
    bytes: uploads.reduce((sum, u) => sum + u.file.size, 0),
    dryRun,
    staleConfig: deleteMissing ? [] : staleConfig,
    notInSite: deleteMissing ? 0 : missing.length,
    ignoredConfig: await ignoredConfigProblems(folder),
    skippedLinks: linkProblems(folder.skippedLinks),
    site,
  };
}

/**
 * A reporter that calls `onStep` with steps in the order of their numbers (0, 1, 2, …), holding each back
 * until those before it have come.
 *
 * @example const tell = inOrder(console.log); tell(1, b); tell(0, a); // logs a, then b
 */
export function inOrder(onStep: ((step: SyncStep) => void) | undefined): ((index: number, step: SyncStep) => void) & { flush(): void } {
  const waiting = new Map<number, SyncStep>();
  let next = 0;
  const tell = (index: number, step: SyncStep): void => {
    waiting.set(index, step);
    for (let ready = waiting.get(next); ready !== undefined; ready = waiting.get(next)) {
      waiting.delete(next++);
      onStep?.(ready);
    }
  };
  /** Tells every step still held back (those after one that never came), in order. */
  const flush = (): void => {
    for (const index of [...waiting.keys()].sort((a, b) => a - b)) {
      const step = waiting.get(index);
      if (step !== undefined) onStep?.(step);
    }
    waiting.clear();
  };
  return Object.assign(tell, { flush });
}

/**
 * The Markdown under the prefix (what `upload` syncs there: anything else is left alone), and the config files at the root, by key.
 * Throws UsageError for the feeds bucket (it holds feedpub's manifest).
 */
async function listRemote(storage: Storage, prefix: string, command: string): Promise<Map<string, StoredObject>> {
  // The feeds bucket holds the manifest (under `_feedpub/`, deps' STATE_PREFIX): the site's Markdown and
  // config would be served from it. A role that may not list there (the CI recipe's lists only what it
  // syncs) is no feeds bucket's writer: its refusal says nothing, and the upload goes on.
  const marker = await publishedFeedsMarker(storage);
  if (marker !== undefined) {
    throw new UsageError(`the bucket holds feedpub's published feeds (${marker}): give --bucket the content bucket, not the feeds bucket`, command);
  }
  const objects = new Map<string, StoredObject>();
  for (const object of await listConfigFiles(storage)) objects.set(object.key, object);
  for await (const object of storage.list(prefix)) if (hasMarkdownSuffix(object.key)) objects.set(object.key, object);
  return objects;
}
