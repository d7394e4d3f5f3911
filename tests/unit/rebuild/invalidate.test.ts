import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudFrontCdn } from '../../../src/adapters/cloudfront-cdn.js';
import { CdnError } from '../../../src/errors.js';
import type { Problem } from '../../../src/model.js';
import { silentLogger } from '../../../src/ports.js';
import { invalidateOrDefer } from '../../../src/rebuild/invalidate.js';

const cloudFront = mockClient(CloudFrontClient);
afterAll(() => cloudFront.restore());

describe('invalidateOrDefer', () => {
  it('words a deferred invalidation with one count of files, as the CDN error counts them beside its paths', async () => {
    // Prepare: CloudFront throttles; two feed files, one of which also goes out as its folder URL.
    cloudFront.on(CreateInvalidationCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const cdn = new CloudFrontCdn({ client: new CloudFrontClient({ region: 'us-east-1' }), distributionId: 'E123EXAMPLE', clock: () => 0 });
    const problems: Problem[] = [];
    // Act
    const outcome = await invalidateOrDefer(cdn, ['/index.xml', '/feeds/index.html'], { now: 0, problems, logger: silentLogger });
    // Assess: deferred, and nothing accepted (nothing billed, nothing counted).
    expect(outcome).toEqual({ deferred: true });
    expect(problems.map((p) => p.message)).toEqual([
      'the CDN would not invalidate 2 files for now (CloudFront invalidation of 2 files (3 paths) on E123EXAMPLE failed: Rate exceeded): the feeds are published, caches may serve the old copies until the next run invalidates them (the hourly one at the latest)',
    ]);
  });

  it('words a deferred invalidation of one file in the singular', async () => {
    // Prepare: a CDN that asks to be tried later; one changed file.
    const cdn = { invalidate: () => Promise.reject(new CdnError('too many invalidations in progress', { retryLater: true })) };
    const problems: Problem[] = [];
    // Act
    const outcome = await invalidateOrDefer(cdn, ['/index.xml'], { now: 0, problems, logger: silentLogger });
    // Assess
    expect(outcome).toEqual({ deferred: true });
    expect(problems.map((p) => p.message)).toEqual([
      'the CDN would not invalidate 1 file for now (too many invalidations in progress): the feeds are published, caches may serve the old copies until the next run invalidates them (the hourly one at the latest)',
    ]);
  });
});
