import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { REPO_ROOT } from './repo.js';

/** A folder of bundles built for a test, and how to remove it. */
export interface TestBundles {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles with esbuild into a fresh folder under node_modules/.cache (inside the repository, so external
 * packages resolve as they do from dist/). Each build's `outfile` is a name inside that folder (a code
 * splitting build writes its entry under that name, its chunks next to it); the defaults are those of
 * scripts/build.mjs (ESM for Node 20, dependencies external).
 *
 * @example const { dir, remove } = await bundleForTest('cli', [{ entryPoints: ['src/cli/run.ts'], outfile: 'cli.mjs' }]);
 */
export async function bundleForTest(name: string, builds: readonly (BuildOptions & { outfile: string })[]): Promise<TestBundles> {
  const cache = path.join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(path.join(cache, `feedpub-${name}-test-`));
  for (const { outfile, ...options } of builds) {
    await build({
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
      ...options,
      ...(options.splitting ? { outdir: dir, entryNames: path.basename(outfile, path.extname(outfile)) } : { outfile: path.join(dir, outfile) }),
    });
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
