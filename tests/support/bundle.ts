import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';
import { REPO_ROOT } from './repo.js';

/** A folder of bundles built for a test, and how to remove it. */
export interface TestBundles {
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles with esbuild into a fresh temporary folder, with a `node_modules` link there to the
 * repository's, so the external packages resolve as they do from dist/ (and nothing is written inside
 * the repository). Each build's `outfile` is a name inside that folder (a code splitting build writes its
 * entry under that name, its chunks next to it); the defaults are those of scripts/build.mjs (ESM for
 * Node 20, dependencies external). The folder is removed when a build fails.
 *
 * @example const { dir, remove } = await bundleForTest('cli', [{ entryPoints: ['src/cli/run.ts'], outfile: 'cli.mjs' }]);
 */
export async function bundleForTest(name: string, builds: readonly (BuildOptions & { outfile: string })[]): Promise<TestBundles> {
  const dir = await mkdtemp(path.join(tmpdir(), `feedpub-${name}-test-`));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
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
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
