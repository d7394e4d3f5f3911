import { localCompute } from '../../adapters/worker-compute.js';
import { rebuild } from '../../rebuild.js';
import type { CliContext } from '../cli-context.js';
import { localBuildDeps } from '../local-deps.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatProblems, formatSummary, shownProblems } from '../format.js';
import { linkProblems } from '../link-problems.js';
import { outputFolder, separateFolders } from '../output-folder.js';
import { parseFlags, urlFlag } from '../parse-flags.js';
import { naming } from '../read-site-config.js';
import { siteFolder } from '../site-folder.js';
import { UsageError } from '../usage-error.js';

/** `build`'s flags (the usage texts list each: tests/unit/cli/usage.test.ts). */
export const BUILD_FLAGS = {
  out: { type: 'string' },
  'base-url': { type: 'string' },
  strict: { type: 'boolean' },
  state: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/**
 * `feedpub build [SITE_DIR] [--out DIR] [--base-url URL] [--strict] [--state DIR] [--quiet]`: the
 * feeds of a local site into a local folder.
 *
 * @example await buildCommand(['.', '--out', 'public'], ctx); // 0
 */
export async function buildCommand(args: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseFlags('build', args, BUILD_FLAGS, 1);
  const siteDir = await siteFolder('build', positionals[0] ?? '.');
  const outDir = values.out ?? 'public';
  // An empty value would mean the current folder (feeds written among whatever is there), shown as "/".
  for (const [flag, value] of [
    ['--out', values.out],
    ['--state', values.state],
  ] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a folder`, 'build');
  }
  const baseURL = urlFlag('build', '--base-url', values['base-url']);
  await outputFolder('build', '--out', outDir);
  if (values.state !== undefined) {
    await outputFolder('build', '--state', values.state);
    await separateFolders('build', ['--out', outDir], ['--state', values.state]);
  }
  // Without --state there is no earlier run to compare with: keeping a manifest would only cost time.
  // FEEDPUB_THREADS=N: N - 1 worker threads parse and prepare items (default one where there are two cores;
  // they start only when there is enough work).
  const compute = localCompute(ctx.env);
  const deps = localBuildDeps(siteDir, outDir, values.state, ctx.now);
  // The symbolic links the site folder's listings did not follow, also before an error they may explain
  // (a hugo.toml that links outside the folder: "no site config").
  const links = () => linkProblems(deps.source.skippedLinks);
  const report = await naming(
    `the folder ${siteDir}`,
    () =>
      rebuild(
        { ...deps, ...(compute ? { compute } : {}) },
        {
          trigger: 'cli',
          keepState: values.state !== undefined,
          // Only a run with an earlier one's state refuses: without it, the build starts afresh.
          ...(values.state !== undefined ? { forceAdvice: `delete the --state folder ${values.state} and build again` } : {}),
          strict: values.strict ?? false,
          ...(baseURL ? { baseURL } : {}),
        },
      ),
    'or run with --base-url URL',
  )
    .catch((error: unknown) => {
      if (!values.quiet) for (const line of formatProblems(links(), 'warning')) ctx.err(line);
      throw error;
    })
    .finally(() => compute?.close());
  // --quiet: the errors still, so a failing CI step says why.
  for (const line of formatProblems(shownProblems([...report.problems, ...links()], values.quiet ?? false), 'info')) ctx.err(line);
  if (!values.quiet) for (const line of formatSummary(report, outDir, 'build')) ctx.out(line);
  return values.strict && (report.articles.rejected > 0 || report.withheld === true) ? EXIT.rejected : EXIT.ok;
}
