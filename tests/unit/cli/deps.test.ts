import { S3Client } from '@aws-sdk/client-s3';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { STATE_PREFIX as LAMBDA_STATE_PREFIX } from '../../../functions/deps.js';
import { readEnv } from '../../../functions/env.js';
import { CloudFrontCdn } from '../../../src/adapters/cloudfront-cdn.js';
import { S3Storage } from '../../../src/adapters/s3-storage.js';
import { bucketRebuildDeps, localBuildDeps, REPORT_PREFIX, STATE_PREFIX } from '../../../src/cli/deps.js';
import { noopCdn, noopHub } from '../../../src/ports.js';

describe('bucketRebuildDeps', () => {
  it('keeps state and the report where the function does, so both share one manifest', () => {
    expect(STATE_PREFIX).toBe(LAMBDA_STATE_PREFIX);
    expect(REPORT_PREFIX).toBe(readEnv({ CONTENT_BUCKET: 'site-content', FEEDS_BUCKET: 'site-feeds' }).reportPrefix);
  });

  it('chooses S3 storages for source, target, state and report, and CloudFront only with a distribution', () => {
    const s3 = new S3Client({ region: 'us-east-1' });
    const plain = bucketRebuildDeps({ s3, contentBucket: 'site-content', feedsBucket: 'site-feeds' });
    for (const storage of [plain.source, plain.target, plain.state, plain.report]) expect(storage).toBeInstanceOf(S3Storage);
    expect(plain.cdn).toBe(noopCdn);
    // No hub client: a site's pings are kept for the function's next run.
    expect(plain.hub).toBeUndefined();
    const withCdn = bucketRebuildDeps({
      s3,
      contentBucket: 'c',
      feedsBucket: 'f',
      cdn: { client: new CloudFrontClient({ region: 'us-east-1' }), distributionId: 'E2' },
    });
    expect(withCdn.cdn).toBeInstanceOf(CloudFrontCdn);
    s3.destroy();
  });
});

describe('localBuildDeps', () => {
  it('tells no hub and keeps no ping: the output folder is not where subscribers read the feeds', () => {
    expect(localBuildDeps('.', 'public').hub).toBe(noopHub);
  });
});
