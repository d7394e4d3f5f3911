import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.js';
import type { Env } from './error-hints.js';

/**
 * The S3 client of the CLI: `createS3Client` (region from `--region` or AWS_REGION, AWS_ENDPOINT_URL_S3
 * with path-style addressing, the SDK's standard retries); credentials from the AWS environment.
 *
 * @example const s3 = cliS3Client(ctx.env, values.region);
 */
export function cliS3Client(env: Env, region?: string): S3Client {
  return createS3Client({ AWS_REGION: region ?? env.AWS_REGION, AWS_ENDPOINT_URL_S3: env.AWS_ENDPOINT_URL_S3 });
}

/**
 * CloudFront's client, as the function builds it (a global service, in us-east-1; standard retries).
 *
 * @example const cloudFront = cliCloudFrontClient();
 */
export function cliCloudFrontClient(): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', retryMode: 'standard', maxAttempts: 5 });
}
