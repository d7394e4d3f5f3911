import { regionFromSdkOr } from '../../adapters/s3-client.js';
import { WebSubHub } from '../../adapters/websub-hub.js';
import { rebuild } from '../../rebuild.js';
import { FREE_INVALIDATION_PATHS, INVALIDATION_MODES, type InvalidationMode, type InvalidationPolicy } from '../../index.js';
import type { CliContext } from '../cli-context.js';
import { cliCloudFrontClient, cliS3Client } from '../clients.js';
import { bucketRebuildDeps } from '../deps.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatInvalidation, formatProblems, formatSummary, invalidationOf, keptFiles, shownProblems } from '../format.js';
import { invokeRebuild } from '../invoke-rebuild.js';
import { bucketFlag, freePathsFlag, parseFlags, urlFlag } from '../parse-flags.js';
import { naming } from '../read-site-config.js';
import { publishedFeedsMarker } from '../published-feeds-marker.js';
import { UsageError } from '../usage-error.js';

/** `rebuild`'s flags (the usage texts list each: tests/unit/cli/usage.test.ts). */
export const REBUILD_FLAGS = {
  'content-bucket': { type: 'string' },
  'feeds-bucket': { type: 'string' },
  distribution: { type: 'string' },
  function: { type: 'string' },
  region: { type: 'string' },
  force: { type: 'boolean' },
  'base-url': { type: 'string' },
  invalidation: { type: 'string' },
  'free-paths': { type: 'string' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/**
 * `feedpub rebuild --content-bucket NAME --feeds-bucket NAME [--distribution ID] [--force]
 * [--base-url URL] [--strict]` runs the function's reconcile in this process with the function's
 * adapters; `feedpub rebuild --function NAME [--region R] [--force]` invokes the deployed function
 * instead. Both print the run's summary.
 *
 * @example await rebuildCommand(['--function', 'feedpub-prod-publish'], ctx); // 0
 */
export async function rebuildCommand(args: readonly string[], ctx: CliContext): Promise<ExitCode> {
  const { values } = parseFlags('rebuild', args, REBUILD_FLAGS, 0);
  const region = values.region?.trim() || undefined;
  if (values.function !== undefined) {
    const clash = (['content-bucket', 'feeds-bucket', 'distribution', 'base-url', 'invalidation', 'free-paths'] as const).filter(
      (flag) => values[flag] !== undefined,
    );
    if (clash.length > 0) throw new UsageError(`--function cannot be combined with --${clash.join(', --')}: the function has its own settings`, 'rebuild');
    if (values.function.trim() === '') throw new UsageError('--function needs a function name or ARN', 'rebuild');
    return invokeFunction(values.function.trim(), region, values.force ?? false, values.strict ?? false, ctx);
  }
  if (values['content-bucket'] === undefined && values['feeds-bucket'] === undefined) {
    throw new UsageError('give --content-bucket and --feeds-bucket (rebuild here), or --function (invoke the deployed function)', 'rebuild');
  }
  const contentBucket = bucketFlag('rebuild', '--content-bucket', values['content-bucket']);
  const feedsBucket = bucketFlag('rebuild', '--feeds-bucket', values['feeds-bucket']);
  if (contentBucket === feedsBucket)
    throw new UsageError('--content-bucket and --feeds-bucket must differ: writing feeds must never trigger the function', 'rebuild');
  const baseURL = urlFlag('rebuild', '--base-url', values['base-url']);
  const invalidation = invalidationFlags(values.invalidation, values['free-paths']);
  const s3 = cliS3Client(ctx.env, region);
  const cloudFront = values.distribution ? cliCloudFrontClient() : undefined;
  try {
    const deps = bucketRebuildDeps({
      s3,
      contentBucket,
      feedsBucket,
      // As the function does: with the distribution, the hub is told of the changed feeds once CloudFront
      // serves them (the pings it does not take are kept for the function's next run). Without it, CloudFront
      // may serve the old copies for minutes, and a hub told now would fetch those: the pings are kept for
      // the function's next run (which invalidates nothing it did not write itself: docs/cli.md, rebuild).
      ...(cloudFront && values.distribution ? { cdn: { client: cloudFront, distributionId: values.distribution }, hub: new WebSubHub() } : {}),
      clock: ctx.now,
    });
    // Buckets given the wrong way round: the "content" bucket holds feedpub's manifest.
    const marker = await publishedFeedsMarker(deps.source);
    if (marker !== undefined) {
      throw new UsageError(
        `s3://${contentBucket} holds feedpub's published feeds (${marker}), not a site: are --content-bucket and --feeds-bucket the wrong way round?`,
        'rebuild',
      );
    }
    const report = await naming(
      `the content bucket s3://${contentBucket}`,
      () => rebuild(deps, { trigger: 'cli', force: values.force ?? false, strict: values.strict ?? false, invalidation, ...(baseURL ? { baseURL } : {}) }),
      `with feedpub upload SITE_DIR --bucket ${contentBucket}`,
    );
    for (const line of formatProblems(shownProblems(report.problems, values.quiet ?? false), 'info')) ctx.err(line);
    for (const line of formatSummary(report, `s3://${feedsBucket}`)) ctx.out(line);
    if (values.distribution) ctx.out(formatInvalidation(report.invalidated.length, report.invalidation, values.distribution));
    return values.strict && (report.articles.rejected > 0 || report.withheld === true) ? EXIT.rejected : EXIT.ok;
  } finally {
    s3.destroy();
    cloudFront?.destroy();
  }
}

/**
 * `--invalidation MODE` and `--free-paths N` as the run's invalidation policy, the function's defaults
 * (`budget`, 1000) where absent: a rebuild with `--distribution` shares the function's manifest, and with it
 * the month's count, so it should be given the deployment's settings.
 *
 * @example invalidationFlags('paths', undefined); // { mode: 'paths', freePaths: 1000 }
 */
export function invalidationFlags(mode: string | undefined, freePaths: string | undefined): InvalidationPolicy {
  const chosen = mode?.trim() ?? 'budget';
  if (!isInvalidationMode(chosen)) throw new UsageError(`--invalidation must be one of ${INVALIDATION_MODES.join(', ')}, not "${mode}"`, 'rebuild');
  return { mode: chosen, freePaths: freePathsFlag('rebuild', '--free-paths', freePaths, FREE_INVALIDATION_PATHS) };
}

function isInvalidationMode(value: string): value is InvalidationMode {
  return (INVALIDATION_MODES as readonly string[]).includes(value);
}

async function invokeFunction(name: string, region: string | undefined, force: boolean, strict: boolean, ctx: CliContext): Promise<ExitCode> {
  const { LambdaClient } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({
    region: region ?? (ctx.env.AWS_REGION?.trim() || regionFromSdkOr('us-east-1', () => new LambdaClient({}))),
    retryMode: 'standard',
    maxAttempts: 3,
  });
  try {
    const summary = await invokeRebuild(client, name, {
      force,
      onBusy: (ms) => ctx.err(`${name} is busy (another run in progress); trying again in ${Math.round(ms / 1000)} s`),
    });
    for (const line of formatFunctionSummary(name, summary)) ctx.out(line);
    const rejected = (summary.articles as { rejected?: unknown } | undefined)?.rejected;
    const failed = (typeof rejected === 'number' && rejected > 0) || (typeof summary.duplicates === 'number' && summary.duplicates > 0);
    return strict && failed ? EXIT.rejected : EXIT.ok;
  } finally {
    client.destroy();
  }
}

/**
 * The function's returned summary (functions/summarize.ts) as lines; anything else as JSON.
 *
 * @example formatFunctionSummary('publish', { skipped: true, trigger: 'test' }); // ['publish: skipped (test)']
 */
export function formatFunctionSummary(name: string, summary: Record<string, unknown>): string[] {
  if (summary.skipped === true) return [`${name}: skipped (${String(summary.trigger ?? 'no change')})`];
  const articles = summary.articles as Record<string, unknown> | undefined;
  const n = (value: unknown) => (typeof value === 'number' ? value : '?');
  if (!articles || typeof summary.feeds !== 'number') return [`${name}: ${JSON.stringify(summary)}`];
  const invalidation = invalidationOf(summary.invalidation);
  return [
    `articles: ${n(articles.total)} found, ${n(articles.parsed)} parsed, ${n(articles.published)} published, ${n(articles.held)} held back, ${n(articles.skipped)} skipped, ${n(articles.rejected)} rejected`,
    `feeds: ${summary.feeds} feeds, ${n(summary.written)} files written, ${n(summary.unchanged)} unchanged${keptFiles(summary.kept)}, ${n(summary.deleted)} deleted, ${n(summary.invalidated)} files invalidated (function ${name})`,
    ...(invalidation === undefined
      ? []
      : [formatInvalidation(typeof summary.invalidated === 'number' ? summary.invalidated : 0, invalidation, 'its distribution')]),
    ...(typeof summary.problems === 'number' && summary.problems > 0
      ? [`problems: ${summary.problems} (${n(summary.errors)} errors): see _feedpub/report.json in the content bucket`]
      : []),
  ];
}
