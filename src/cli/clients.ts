import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../adapters/s3-client.js';
import { ConfigError } from '../errors.js';
import type { Env } from './error-hints.js';
import { requestHandlerWith } from '../adapters/sdk-timeouts.js';

/**
 * The S3 client of the CLI: `createS3Client` (region from `--region` or AWS_REGION, AWS_ENDPOINT_URL_S3
 * with path-style addressing, the SDK's standard retries); credentials from the AWS environment.
 * Throws ConfigError naming AWS_ENDPOINT_URL_S3 when it is set but no http(s) URL.
 *
 * @example const s3 = cliS3Client(ctx.env, values.region);
 */
export function cliS3Client(env: Env, region?: string): S3Client {
  return createS3Client({ AWS_REGION: region ?? env.AWS_REGION, AWS_ENDPOINT_URL_S3: s3Endpoint(env) });
}

/**
 * AWS_ENDPOINT_URL_S3 when set, checked: the SDK would fail on the first request with `TypeError:
 * Invalid URL` (or take `127.0.0.1:4569` for a URL with the scheme `127.0.0.1:`).
 *
 * @example s3Endpoint({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4569' }); // 'http://127.0.0.1:4569'
 */
export function s3Endpoint(env: Env): string | undefined {
  const value = env.AWS_ENDPOINT_URL_S3?.trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ConfigError(
      'AWS_ENDPOINT_URL_S3',
      `"${value}" is not an http(s) URL: set it to the S3-compatible server's URL with its scheme, e.g. http://127.0.0.1:4569, or unset it for AWS`,
    );
  }
  return value;
}

/**
 * CloudFront's client, as the function builds it (a global service, in us-east-1; standard retries).
 *
 * @example const cloudFront = cliCloudFrontClient();
 */
export function cliCloudFrontClient(): CloudFrontClient {
  return new CloudFrontClient({ region: 'us-east-1', retryMode: 'standard', maxAttempts: 5, requestHandler: requestHandlerWith() });
}
