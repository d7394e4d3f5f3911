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
 * Region from `AWS_REGION`, else where the SDK finds one itself (the profile's `region` in
 * `~/.aws/config`, as the AWS CLI reads it), else `us-east-1` ({@link regionFromSdkOr}). When `AWS_ENDPOINT_URL_S3` is set (an S3-protocol
 * server such as s3rver or MinIO), the client uses it with path-style addressing and only sends the
 * checksums S3 requires, which third-party servers do not all understand. Retries: standard mode,
 * 5 attempts; timeouts: {@link DEFAULT_TIMEOUTS}.
 *
 * @example
 * const s3 = createS3Client(process.env);
 * const target = new S3Storage({ client: s3, bucket: 'feeds' });
 */
export function createS3Client(env: S3ClientEnv, timeouts: SdkTimeouts = DEFAULT_TIMEOUTS): S3Client {
  const region = nonEmpty(env.AWS_REGION) ?? regionFromSdkOr('us-east-1', () => new S3Client({}));
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

/** A client whose resolved config can be asked for its region (any AWS SDK v3 client). */
interface RegionProbe {
  readonly config: { readonly region: () => Promise<string> };
  destroy(): void;
}

/**
 * A region provider for a client built with no region given: the region the SDK's own chain finds (the
 * `AWS_REGION` of the process, the profile's `region` in the shared config file), else `fallback`, where
 * the SDK alone would fail every request with "Region is missing" (an S3-protocol server on loopback
 * needs none). Asked once, when the client first signs a request.
 *
 * @example new LambdaClient({ region: regionFromSdkOr('us-east-1', () => new LambdaClient({})) });
 */
export function regionFromSdkOr(fallback: string, probe: () => RegionProbe): () => Promise<string> {
  let region: Promise<string> | undefined;
  return () => {
    region ??= (async () => {
      const client = probe();
      try {
        return await client.config.region();
      } catch {
        return fallback;
      } finally {
        client.destroy();
      }
    })();
    return region;
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
