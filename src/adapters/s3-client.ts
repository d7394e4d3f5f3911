import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_TIMEOUTS, requestHandlerWith, type SdkTimeouts } from './sdk-timeouts.js';

/** The environment variables {@link createS3Client} reads. */
export interface S3ClientEnv {
  readonly AWS_REGION?: string | undefined;
  readonly AWS_ENDPOINT_URL_S3?: string | undefined;
}

/**
 * Builds the S3 client of a composition root (the Lambda, the CLI).
 *
 * Region from `AWS_REGION` (default `us-east-1`). When `AWS_ENDPOINT_URL_S3` is set (an S3-protocol
 * server such as s3rver or MinIO), the client uses it with path-style addressing and only sends the
 * checksums S3 requires, which third-party servers do not all understand. Retries: standard mode,
 * 5 attempts; timeouts: {@link DEFAULT_TIMEOUTS}.
 *
 * @example
 * const s3 = createS3Client(process.env);
 * const target = new S3Storage({ client: s3, bucket: 'feeds' });
 */
export function createS3Client(env: S3ClientEnv, timeouts: SdkTimeouts = DEFAULT_TIMEOUTS): S3Client {
  const region = nonEmpty(env.AWS_REGION) ?? 'us-east-1';
  const endpoint = nonEmpty(env.AWS_ENDPOINT_URL_S3);
  return new S3Client({
    region,
    retryMode: 'standard',
    maxAttempts: 5,
    requestHandler: requestHandlerWith(timeouts),
    ...(endpoint === undefined
      ? {}
      : {
          endpoint,
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
