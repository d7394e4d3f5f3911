import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Context } from 'aws-lambda';
import { createJsonLogger } from '../src/adapters/json-logger.js';
import { LazyCdn, LazyScheduler } from '../src/adapters/lazy-ports.js';
import { createS3Client } from '../src/adapters/s3-client.js';
import { S3Storage } from '../src/adapters/s3-storage.js';
import { WebSubHub } from '../src/adapters/websub-hub.js';
import { type Logger, noopCdn, type RebuildDeps, type RunLimits } from '../src/index.js';
import { type LambdaEnv, readEnv } from './env.js';

/** Private state of feedpub in the feeds bucket (the bucket policy keeps it from CloudFront). */
export const STATE_PREFIX = '_feedpub/';

/**
 * Longest wait for a CloudFront invalidation before pinging the WebSub hub. The run also bounds the
 * wait and the pings by the time it has left (`limits.maxRunMs`), so this is no longer derived from
 * the function's timeout: it caps how long a run holds the one execution slot (reserved concurrency 1)
 * waiting to ping, and the pings are kept for the next run when the wait gives up.
 */
export const CDN_WAIT_SECONDS = 200;

/**
 * Longest time a run spends on the WebSub pings themselves (all of them: 10 s per request, two attempts,
 * four at a time), for the same reason: a hub that is slow or down must not hold the one execution slot
 * while uploads wait. What is not sent by then is kept for the next run; a hub that answers none of the
 * first four is not sent the rest at all (see `WebSubHub`).
 */
export const HUB_PING_SECONDS = 30;

/**
 * The SDK clients the Lambda uses; tests pass their own. CloudFront and EventBridge Scheduler are
 * created on demand when absent, at their first use (see {@link createLambdaDeps}).
 */
export interface LambdaClients {
  readonly s3: S3Client;
  readonly cloudFront?: CloudFrontClient;
  readonly scheduler?: SchedulerClient;
}

/** Everything the handler needs, built once per cold start. */
export interface LambdaDeps {
  readonly env: LambdaEnv;
  readonly rebuild: RebuildDeps;
  readonly logger: Logger;
  /** The limits every run has (memory); each invocation adds its time limit ({@link withDeadline}). */
  readonly limits: RunLimits;
}

/**
 * The clients every run needs, for a process environment: S3 from `createS3Client` (region, optional
 * `AWS_ENDPOINT_URL_S3`). CloudFront and EventBridge Scheduler are left to their first use.
 *
 * @example
 * const clients = createLambdaClients(process.env);
 */
export function createLambdaClients(env: Readonly<Record<string, string | undefined>>): LambdaClients {
  return { s3: createS3Client(env) };
}

/**
 * The Lambda composition root: reads the environment and chooses the adapters. Source is the content
 * bucket's root (the site config and `content/`), target the feeds bucket, state `_feedpub/` in the
 * feeds bucket, the authors' report under `REPORT_PREFIX` in the content bucket. The WebSub hub is
 * always wired (the use case only pings when the site config names a hub, `feedpub.hub`); the
 * wake-up schedule only when the environment names it (`SCHEDULE_NAME`, ...).
 *
 * The CloudFront and EventBridge Scheduler adapters, with their SDK clients, are loaded by their first
 * call ({@link LazyCdn}, {@link LazyScheduler}): together they are a fifth of the bundle and a fifth
 * of its import time, which a cold start then skips. A run that changes nothing never loads
 * CloudFront; one that does pays ~40 ms once per container.
 *
 * @example
 * const deps = createLambdaDeps(process.env); // at module scope: once per cold start
 */
export function createLambdaDeps(
  processEnv: Readonly<Record<string, string | undefined>>,
  clients: LambdaClients = createLambdaClients(processEnv),
  logger: Logger = createJsonLogger({ base: { service: 'feedpub' } }),
): LambdaDeps {
  const env = readEnv(processEnv);
  const { s3 } = clients;
  const { distributionId } = env;
  // Read at each call (not `Date.now` itself), so that tests can move the time.
  const clock = () => Date.now();
  const { schedule } = env;
  return {
    env,
    logger,
    rebuild: {
      source: new S3Storage({ client: s3, bucket: env.contentBucket }),
      target: new S3Storage({ client: s3, bucket: env.feedsBucket }),
      state: new S3Storage({ client: s3, bucket: env.feedsBucket, prefix: STATE_PREFIX }),
      report: new S3Storage({ client: s3, bucket: env.contentBucket, prefix: env.reportPrefix }),
      cdn:
        distributionId === undefined
          ? noopCdn
          : new LazyCdn(async () =>
              (await import('./cloudfront.js')).createCloudFrontCdn({
                ...(clients.cloudFront === undefined ? {} : { client: clients.cloudFront }),
                distributionId,
                maxWaitSeconds: CDN_WAIT_SECONDS,
              }),
            ),
      hub: new WebSubHub({ budgetMs: HUB_PING_SECONDS * 1000 }),
      ...(schedule === undefined
        ? {}
        : {
            scheduler: new LazyScheduler(
              async () =>
                (await import('./scheduler.js')).createEventBridgeScheduler(processEnv, {
                  ...(clients.scheduler === undefined ? {} : { client: clients.scheduler }),
                  name: schedule.name,
                  ...(schedule.group === undefined ? {} : { groupName: schedule.group }),
                  targetArn: schedule.functionArn,
                  roleArn: schedule.roleArn,
                  clock,
                }),
              // A new schedule, group or target is a new id: the next run sets it whatever it recorded.
              `eventbridge-scheduler ${schedule.group ?? 'default'}/${schedule.name} -> ${schedule.functionArn} as ${schedule.roleArn}`,
            ),
          }),
      clock,
      logger,
      memoryUsage: () => process.memoryUsage().rss,
      // Lives as long as the container: a warm invocation reads and decodes only the manifest shards
      // that changed since the last one (30k articles: 16 GETs and ~0.3 s of decoding otherwise).
      shardCache: new Map(),
    },
    limits: runLimits(processEnv),
  };
}

/**
 * How long before the invocation's deadline a run stops itself (a RunLimitError, before the manifest,
 * rather than being killed): the wait for the CDN and the WebSub pings after the writes get only what is
 * left before it, and these last 30 s are the schedule's, the report's and the manifest's.
 */
export const RUN_MARGIN_MS = 30_000;

/**
 * The limits every run of the function has: 90% of its memory (`AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, which
 * Lambda sets). The time limit is each invocation's ({@link withDeadline}).
 */
export function runLimits(processEnv: Readonly<Record<string, string | undefined>>): RunLimits {
  const memoryMb = Number(processEnv.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  return Number.isFinite(memoryMb) && memoryMb > 0 ? { maxMemoryBytes: Math.floor(memoryMb * 0.9 * 2 ** 20) } : {};
}

/**
 * `limits` with the invocation's time limit: {@link RUN_MARGIN_MS} before the deadline Lambda gives the
 * invocation (`context.getRemainingTimeInMillis()`, read as it starts), so no setting can disagree with the
 * function's timeout; half what is left on a function with a minute or less. None without a context
 * (tests, a call from code).
 *
 * @example withDeadline({}, { getRemainingTimeInMillis: () => 900_000 }) // { maxRunMs: 870_000 }
 */
export function withDeadline(limits: RunLimits, context?: Pick<Context, 'getRemainingTimeInMillis'>): RunLimits {
  const remainingMs = context?.getRemainingTimeInMillis();
  if (remainingMs === undefined || !Number.isFinite(remainingMs) || remainingMs <= 0) return limits;
  return { ...limits, maxRunMs: Math.floor(remainingMs - Math.min(RUN_MARGIN_MS, remainingMs / 2)) };
}
