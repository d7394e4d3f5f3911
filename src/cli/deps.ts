import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { CloudFrontCdn } from '../adapters/cloudfront-cdn.js';
import { S3Storage } from '../adapters/s3-storage.js';
import { type Cdn, type Clock, type Hub, type Logger, noopCdn, silentLogger } from '../ports.js';

export { localBuildDeps } from './local-deps.js';
import type { RebuildDeps } from '../rebuild.js';

/**
 * feedpub's private state in the feeds bucket, and the authors' report in the content bucket: the
 * same prefixes as the Lambda (`functions/deps.ts` STATE_PREFIX and REPORT_PREFIX's default), so a
 * rebuild from CI and one from the function share one manifest.
 */
export const STATE_PREFIX = '_feedpub/';
export const REPORT_PREFIX = '_feedpub/';

/** What a bucket-to-bucket rebuild needs. */
export interface BucketRebuildOptions {
  readonly s3: S3Client;
  readonly contentBucket: string;
  readonly feedsBucket: string;
  /** CloudFront distribution to invalidate, with its client; none → no invalidation. */
  readonly cdn?: { readonly client: CloudFrontClient; readonly distributionId: string };
  /**
   * The WebSub hub's client, for a site that names a hub (`feedpub.hub`); none (`feedpub dev`, a rebuild
   * that does not invalidate CloudFront) → the pings are kept in the manifest for the function's next run,
   * which sends them.
   */
  readonly hub?: Hub;
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/**
 * The Lambda's adapters, for a rebuild run from CI or `feedpub dev`: source = the content bucket's
 * root (site config and content folder), target = the feeds bucket, state = `_feedpub/` in the
 * feeds bucket, report = `_feedpub/` in the content bucket, CloudFront when a distribution is given,
 * the WebSub hub when a client is given.
 * The same choice as `functions/deps.ts`, so both produce the same bytes and share the manifest.
 *
 * @example
 * const deps = bucketRebuildDeps({ s3: createS3Client(process.env), contentBucket: 'site', feedsBucket: 'feeds' });
 */
export function bucketRebuildDeps(options: BucketRebuildOptions): RebuildDeps {
  const { s3, contentBucket, feedsBucket } = options;
  const cdn: Cdn = options.cdn ? new CloudFrontCdn({ client: options.cdn.client, distributionId: options.cdn.distributionId }) : noopCdn;
  return {
    source: new S3Storage({ client: s3, bucket: contentBucket }),
    target: new S3Storage({ client: s3, bucket: feedsBucket }),
    state: new S3Storage({ client: s3, bucket: feedsBucket, prefix: STATE_PREFIX }),
    report: new S3Storage({ client: s3, bucket: contentBucket, prefix: REPORT_PREFIX }),
    cdn,
    ...(options.hub ? { hub: options.hub } : {}),
    clock: options.clock ?? Date.now,
    logger: options.logger ?? silentLogger,
  };
}
