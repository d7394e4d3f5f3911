import path from 'node:path';
import { FsStorage } from '../adapters/fs-storage.js';
import { MemoryStorage } from '../adapters/memory-storage.js';
import { type Clock, noopCdn, noopHub, silentLogger } from '../ports.js';
import type { RebuildDeps } from '../rebuild.js';

/**
 * The local build's adapters: the site folder in, the output folder out, no CDN, and no WebSub hub to
 * tell (the output folder is not where subscribers read the feeds, so no ping is kept either). State (the manifest
 * that makes incremental runs cheap) lives in `stateDir` when given, else in memory, so
 * a plain build is always a clean full build that writes only files whose bytes changed. The site folder
 * follows symbolic links that stay inside it, as Hugo does (`source.skippedLinks` lists the others); the
 * output and state folders never write through one, and their listings remove the temporary files of
 * writes a killed run left.
 *
 * @example const report = await rebuild(localBuildDeps('.', 'public'), { trigger: 'cli' });
 */
export function localBuildDeps(siteDir: string, outDir: string, stateDir?: string, now: Clock = Date.now): RebuildDeps & { readonly source: FsStorage } {
  // Without state there is no earlier run whose change tokens a listing could be compared with.
  const details = stateDir !== undefined;
  return {
    source: new FsStorage(path.resolve(siteDir), { details, followLinks: true }),
    // Their listings remove what killed writes left (a run lists the output, and a full run the state's shards).
    target: new FsStorage(path.resolve(outDir), { details, removeAbandoned: true }),
    state: stateDir ? new FsStorage(path.resolve(stateDir), { removeAbandoned: true }) : new MemoryStorage(),
    cdn: noopCdn,
    hub: noopHub,
    clock: now,
    logger: silentLogger,
  };
}
