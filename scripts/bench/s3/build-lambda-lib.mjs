import { join } from 'node:path';
import { build, stop } from 'esbuild';
import { lambdaBuildOptions } from '../../lambda-build-options.mjs';

/**
 * What the bundle exports: the Lambda's composition root and the use case, nothing else.
 * `functions/deps.ts` is the file `functions/publish.ts` builds its deps with at module scope.
 */
const ENTRY = ["export { createLambdaClients, createLambdaDeps, STATE_PREFIX } from './functions/deps.ts';", "export { rebuild } from './src/index.ts';"].join(
  '\n',
);

/**
 * Bundles the Lambda's composition root (`functions/deps.ts`) and `rebuild` into one ESM file, with the
 * options of `scripts/bundle.mjs` (`scripts/lambda-build-options.mjs`), so the bench runs the same code
 * the Lambda does, from the working
 * tree as it is now. Only the entry differs: it exports the pieces instead of the handler, so the bench
 * can inject a recording CDN and count requests.
 *
 * @param {string} repoRoot
 * @param {string} outDir a temporary folder; the bundle is written there as `lambda-lib.mjs` (and `chunks/`)
 * @returns {Promise<{ file: string, bytes: number }>}
 * @example
 * const { file } = await buildLambdaLib(repoRoot, mkdtempSync(join(tmpdir(), 'bench-')));
 * const { createLambdaDeps, rebuild } = await import(pathToFileURL(file).href);
 */
export async function buildLambdaLib(repoRoot, outDir) {
  // esbuild's API runs a service child process; stop it once built, so the bench leaves nothing running.
  const result = await build({
    ...lambdaBuildOptions(repoRoot),
    stdin: { contents: ENTRY, resolveDir: repoRoot, sourcefile: 'bench-lambda-lib.ts', loader: 'ts' },
    outdir: outDir,
    entryNames: 'lambda-lib',
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
  }).finally(() => stop());
  const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  return { file: join(outDir, 'lambda-lib.mjs'), bytes };
}
