import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createLambdaDeps, HUB_PING_SECONDS } from '../../../functions/deps.js';
import { WebSubHub } from '../../../src/adapters/websub-hub.js';
import { CdnError, ConfigError } from '../../../src/errors.js';
import { noopCdn, silentLogger } from '../../../src/ports.js';

const cloudFrontMock = mockClient(CloudFrontClient);
const env = { CONTENT_BUCKET: 'site-content', FEEDS_BUCKET: 'site-feeds', REPORT_PREFIX: 'reports/' };

function build(extra: Record<string, string> = {}) {
  const clients = { s3: new S3Client({ region: 'us-east-1' }), cloudFront: new CloudFrontClient({ region: 'us-east-1' }) };
  return createLambdaDeps({ ...env, ...extra }, clients, silentLogger);
}

describe('createLambdaDeps', () => {
  afterEach(() => {
    cloudFrontMock.reset();
  });

  it('invalidates nothing without CDN_DISTRIBUTION_ID', () => {
    expect(build().rebuild.cdn).toBe(noopCdn);
  });

  it('invalidates the configured distribution', async () => {
    cloudFrontMock.on(CreateInvalidationCommand).resolves({});
    await build({ CDN_DISTRIBUTION_ID: 'E2EXAMPLE' }).rebuild.cdn.invalidate(['/index.xml']);
    expect(cloudFrontMock.commandCalls(CreateInvalidationCommand)[0]?.args[0].input.DistributionId).toBe('E2EXAMPLE');
  });

  it('loads CloudFront at the first invalidation only, then waits for that invalidation on the same distribution', async () => {
    cloudFrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I7' } as never });
    cloudFrontMock.on(GetInvalidationCommand).resolves({ Invalidation: { Id: 'I7', Status: 'Completed' } as never });
    const { cdn } = build({ CDN_DISTRIBUTION_ID: 'E2EXAMPLE' }).rebuild;
    await cdn.waitUntilLive?.();
    await cdn.invalidate([]);
    expect(cloudFrontMock.calls()).toHaveLength(0);
    await cdn.invalidate(['/index.xml']);
    await cdn.waitUntilLive?.();
    expect(cloudFrontMock.commandCalls(GetInvalidationCommand).map((call) => call.args[0].input)).toEqual([{ DistributionId: 'E2EXAMPLE', Id: 'I7' }]);
  });

  // The timeout guards against a hang (waiting out CDN_WAIT_SECONDS); it is no speed test.
  it("stops waiting for the invalidation when the run's signal aborts (not after CDN_WAIT_SECONDS)", { timeout: 5_000 }, async () => {
    // Prepare: an invalidation that never completes.
    cloudFrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I8' } as never });
    cloudFrontMock.on(GetInvalidationCommand).resolves({ Invalidation: { Id: 'I8', Status: 'InProgress' } as never });
    const { cdn } = build({ CDN_DISTRIBUTION_ID: 'E2EXAMPLE' }).rebuild;
    await cdn.invalidate(['/index.xml']);
    // Act
    const error = await cdn.waitUntilLive?.(AbortSignal.timeout(200)).catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(CdnError);
    expect((error as Error).message).toContain('I8');
  });

  it('gives the WebSub pings 30 s of a run at most, apart from the wait for the CDN', () => {
    const { hub } = build().rebuild;
    expect(hub).toBeInstanceOf(WebSubHub);
    expect((hub as WebSubHub).budgetMs).toBe(HUB_PING_SECONDS * 1000);
    expect(HUB_PING_SECONDS).toBeLessThanOrEqual(30);
  });

  it('creates its own CloudFront client when none is given', async () => {
    cloudFrontMock.on(CreateInvalidationCommand).resolves({});
    const { cdn } = createLambdaDeps({ ...env, CDN_DISTRIBUTION_ID: 'E2EXAMPLE' }, { s3: new S3Client({ region: 'us-east-1' }) }, silentLogger).rebuild;
    await cdn.invalidate(['/index.xml']);
    const [call] = cloudFrontMock.commandCalls(CreateInvalidationCommand);
    expect(call?.args[0].input.DistributionId).toBe('E2EXAMPLE');
    // CloudFront is global: its API lives in us-east-1 whatever the function's region.
    expect(await (cloudFrontMock.send.thisValues[0] as CloudFrontClient).config.region()).toBe('us-east-1');
  });

  it('exposes the environment, and uses a clock that is the real time', () => {
    const deps = build();
    expect(deps.env.contentPrefix).toBe('content/');
    expect(Math.abs(deps.rebuild.clock() - Date.now())).toBeLessThan(1000);
  });

  it('fails at once, naming the variable, when the environment is incomplete', () => {
    expect(() => createLambdaDeps({ CONTENT_BUCKET: 'site-content' })).toThrow(ConfigError);
    expect(() => createLambdaDeps({ CONTENT_BUCKET: 'site-content' })).toThrow(/FEEDS_BUCKET/);
  });
});
