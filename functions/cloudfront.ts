import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudFrontCdn } from '../src/adapters/cloudfront-cdn.js';
import { requestHandlerWith } from '../src/adapters/sdk-timeouts.js';

/**
 * The CloudFront adapter, with its client when none is given: CloudFront in us-east-1 (a global
 * service), standard retries. `functions/deps.ts` loads this module at the first invalidation, so
 * that the cold start does not compile the CloudFront client (named imports keep the chunk to the
 * two commands used, where `import('@aws-sdk/client-cloudfront')` would keep every export).
 *
 * @example
 * const cdn = createCloudFrontCdn({ distributionId: 'E2ABC', maxWaitSeconds: 200 });
 */
export function createCloudFrontCdn(options: { readonly client?: CloudFrontClient; readonly distributionId: string; readonly maxWaitSeconds: number }) {
  const client = options.client ?? new CloudFrontClient({ region: 'us-east-1', retryMode: 'standard', maxAttempts: 5, requestHandler: requestHandlerWith() });
  return new CloudFrontCdn({ client, distributionId: options.distributionId, maxWaitSeconds: options.maxWaitSeconds });
}
