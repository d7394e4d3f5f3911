import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudFrontCdn, DEFAULT_MAX_PATHS, encodeInvalidationPath, invalidationForms, POLL_SECONDS } from '../../../src/adapters/cloudfront-cdn.js';
import { CdnError } from '../../../src/errors.js';

const cloudFront = mockClient(CloudFrontClient);

function cdn(options: { maxPaths?: number; now?: number; maxWaitSeconds?: number; pollSeconds?: number } = {}) {
  return new CloudFrontCdn({
    client: new CloudFrontClient({ region: 'us-east-1' }),
    distributionId: 'E2EXAMPLE',
    clock: () => options.now ?? 1_717_200_000_000,
    // Polls every 10 ms instead of every 2 s: same behaviour, quick tests.
    pollSeconds: options.pollSeconds ?? 0.01,
    ...(options.maxPaths === undefined ? {} : { maxPaths: options.maxPaths }),
    ...(options.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: options.maxWaitSeconds }),
  });
}

function created(id: string) {
  return { Invalidation: { Id: id, Status: 'InProgress', CreateTime: new Date(0), InvalidationBatch: undefined } as never };
}

function polled() {
  return cloudFront.commandCalls(GetInvalidationCommand).map((call) => call.args[0].input);
}

function sentBatches() {
  return cloudFront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
}

describe('CloudFrontCdn', () => {
  afterEach(() => {
    cloudFront.reset();
  });

  it('sends exactly one CreateInvalidation with exactly the given paths', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1', Status: 'InProgress' } as never });
    await cdn().invalidate(['/index.xml', '/tags/go/index.atom', '/feed.json']);
    expect(cloudFront.calls()).toHaveLength(1);
    const [input] = sentBatches();
    expect(input?.DistributionId).toBe('E2EXAMPLE');
    expect(input?.InvalidationBatch?.Paths).toEqual({
      Quantity: 3,
      Items: ['/feed.json', '/index.xml', '/tags/go/index.atom'],
    });
  });

  it('sends nothing for no paths', async () => {
    await cdn().invalidate([]);
    expect(cloudFront.calls()).toHaveLength(0);
  });

  it('de-duplicates, adds the leading slash, and percent-encodes non-ASCII and unsafe characters only', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    await cdn().invalidate(['/index.xml', 'index.xml', '/tags/中文/index.xml', '/tags/c #/index.xml', "/tags/a+b&c=d:e@f!$'()/x.xml"]);
    expect(sentBatches()[0]?.InvalidationBatch?.Paths).toEqual({
      Quantity: 5,
      // The `+` path also as `%2B`, the URI the viewer-request function rewrites it to.
      Items: [
        "/tags/a+b&c=d:e@f!$'()/x.xml",
        "/tags/a%2Bb&c=d:e@f!$'()/x.xml",
        '/index.xml',
        '/tags/%E4%B8%AD%E6%96%87/index.xml',
        '/tags/c%20%23/index.xml',
      ].sort(),
    });
  });

  // Past the 1,000 free paths a month each path costs $0.005 and `/*` counts as one: a config edit of a
  // site with hundreds of feeds sent up to 3,000 paths ($15) when the default was 3,000.
  it('invalidates /* instead when there are more than 100 paths by default', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    const paths = Array.from({ length: 3000 }, (_, i) => `/tags/t${i}/index.xml`);
    await cdn().invalidate(paths.slice(0, 101));
    await cdn().invalidate(paths.slice(0, 100));
    await cdn().invalidate(paths);
    const [over, at, many] = sentBatches();
    expect(over?.InvalidationBatch?.Paths).toEqual({ Quantity: 1, Items: ['/*'] });
    expect(at?.InvalidationBatch?.Paths?.Quantity).toBe(100);
    expect(many?.InvalidationBatch?.Paths).toEqual({ Quantity: 1, Items: ['/*'] });
    expect(DEFAULT_MAX_PATHS).toBe(100);
  });

  it('honours another limit, smaller or larger', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    await cdn({ maxPaths: 2 }).invalidate(['/a', '/b', '/c']);
    const paths = Array.from({ length: 3001 }, (_, i) => `/tags/t${i}/index.xml`);
    await cdn({ maxPaths: 3000 }).invalidate(paths.slice(0, 3000));
    await cdn({ maxPaths: 3000 }).invalidate(paths);
    const [small, at, over] = sentBatches();
    expect(small?.InvalidationBatch?.Paths?.Items).toEqual(['/*']);
    expect(at?.InvalidationBatch?.Paths?.Quantity).toBe(3000);
    expect(over?.InvalidationBatch?.Paths?.Items).toEqual(['/*']);
  });

  // The run's invalidation budget (src/rebuild/invalidation-budget.ts) passes what is left of the month's free
  // paths: forms are counted as CloudFront bills them, and a request that fits exactly is still precise.
  it('honours the maxPaths of the call (the run budget) below its own, counting forms, and says what CloudFront accepted', async () => {
    // Prepare: 2 files, 3 paths with the folder form of the directory page.
    cloudFront.on(CreateInvalidationCommand).resolves({});
    const files = ['/index.xml', '/feeds/index.html'];
    // Act
    const exactly = await cdn().invalidate(files, { maxPaths: 3 });
    const over = await cdn().invalidate(files, { maxPaths: 2 });
    const none = await cdn().invalidate(files, { maxPaths: 0 });
    const above = await cdn({ maxPaths: 2 }).invalidate(files, { maxPaths: 50 });
    const nothing = await cdn().invalidate([], { maxPaths: 0 });
    // Assess
    expect(sentBatches().map((input) => input.InvalidationBatch?.Paths?.Items)).toEqual([
      ['/feeds/', '/feeds/index.html', '/index.xml'],
      ['/*'],
      ['/*'],
      ['/*'],
    ]);
    expect(exactly).toEqual({ paths: 3, everything: false, precise: 3 });
    expect(over).toEqual({ paths: 1, everything: true, precise: 3 });
    expect(none).toEqual({ paths: 1, everything: true, precise: 3 });
    expect(above).toEqual({ paths: 1, everything: true, precise: 3 });
    expect(nothing).toBeUndefined();
  });

  it('gives the same paths a new CallerReference on a later run, but the same one for the same instant', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    await cdn({ now: 1 }).invalidate(['/a', '/b']);
    await cdn({ now: 1 }).invalidate(['/b', '/a']);
    await cdn({ now: 2 }).invalidate(['/a', '/b']);
    await cdn({ now: 2 }).invalidate(['/a', '/c']);
    const references = sentBatches().map((input) => input.InvalidationBatch?.CallerReference);
    expect(references[0]).toBe(references[1]);
    expect(new Set(references).size).toBe(3);
    for (const reference of references) expect(reference).toMatch(/^feedpub-\d+-[0-9a-f]{16}$/);
  });

  it('turns failures into CdnError with the cause, without trying again', async () => {
    const failure = Object.assign(new Error('User is not authorized to perform cloudfront:CreateInvalidation'), { name: 'AccessDenied' });
    cloudFront.on(CreateInvalidationCommand).rejects(failure);
    const error = await cdn()
      .invalidate(['/index.xml'])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CdnError);
    expect((error as CdnError).cause).toBe(failure);
    expect((error as CdnError).message).toContain('E2EXAMPLE');
    expect((error as CdnError).message).toContain('not authorized');
    expect(sentBatches()).toHaveLength(1);
  });

  it('counts files and paths apart, each labelled, when an invalidation fails ("2 files (3 paths)", "2 files (as /*)")', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    cloudFront.on(CreateInvalidationCommand).rejects(throttled);
    const forms = await cdn()
      .invalidate(['/index.xml', '/feeds/index.html', 'index.xml'])
      .catch((caught: unknown) => caught);
    expect((forms as CdnError).message).toBe('CloudFront invalidation of 2 files (3 paths) on E2EXAMPLE failed: Rate exceeded');
    const everything = await cdn({ maxPaths: 1 })
      .invalidate(['/a.xml', '/b.xml'])
      .catch((caught: unknown) => caught);
    expect((everything as CdnError).message).toBe('CloudFront invalidation of 2 files (as /*) on E2EXAMPLE failed: Rate exceeded');
  });

  it('invalidates the URI viewers ask for and the one the viewer-request function rewrites it to (+ as %2B, …/ for …/index.html)', async () => {
    // Prepare
    cloudFront.on(CreateInvalidationCommand).resolves({});
    // Act
    await cdn().invalidate(['/tags/c++/index.xml', 'feeds/index.html', '/zh-cn/feeds/index.html', '/tags/c++/index.xml', '/index.xml', '/a+b/index.html']);
    // Assess
    expect(sentBatches()[0]?.InvalidationBatch?.Paths?.Items).toEqual(
      [
        '/tags/c++/index.xml',
        '/tags/c%2B%2B/index.xml',
        '/feeds/index.html',
        '/feeds/',
        '/zh-cn/feeds/index.html',
        '/zh-cn/feeds/',
        '/index.xml',
        '/a+b/index.html',
        '/a%2Bb/index.html',
        '/a+b/',
        '/a%2Bb/',
      ].sort(),
    );
  });

  // Feed links keep a literal `~` (src/plan/urls.ts); CloudFront wants RFC 1738 unsafe characters encoded.
  // Whether its cache key for `/~a/` is the one for `/%7Ea/` is not documented: both are invalidated.
  it('invalidates a path with ~ both as %7E and with the literal ~ that feed links use, alongside the + and folder forms', async () => {
    // Prepare
    cloudFront.on(CreateInvalidationCommand).resolves({});
    // Act
    await cdn().invalidate(['/tags/~draft/index.xml', '/tags/c++~x/index.html', '/%7E/index.xml']);
    // Assess: each form once; a stored `%7E` (a literal percent) stays `%257E` and gets no `~` form.
    expect(sentBatches()[0]?.InvalidationBatch?.Paths?.Items).toEqual(
      [
        '/tags/%7Edraft/index.xml',
        '/tags/~draft/index.xml',
        '/tags/c++%7Ex/index.html',
        '/tags/c++~x/index.html',
        '/tags/c%2B%2B%7Ex/index.html',
        '/tags/c%2B%2B~x/index.html',
        '/tags/c++%7Ex/',
        '/tags/c++~x/',
        '/tags/c%2B%2B%7Ex/',
        '/tags/c%2B%2B~x/',
        '/%257E/index.xml',
      ].sort(),
    );
    expect(invalidationForms(encodeInvalidationPath('/a~b~c/feed.json'))).toEqual(['/a%7Eb%7Ec/feed.json', '/a~b~c/feed.json']);
  });

  it('counts the rewritten forms against maxPaths', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    await cdn({ maxPaths: 3 }).invalidate(['/tags/c++/index.xml', '/index.xml']);
    await cdn({ maxPaths: 3 }).invalidate(['/tags/c++/index.xml', '/feeds/index.html']);
    const [within, over] = sentBatches();
    expect(within?.InvalidationBatch?.Paths?.Items).toEqual(['/index.xml', '/tags/c%2B%2B/index.xml', '/tags/c++/index.xml']);
    expect(over?.InvalidationBatch?.Paths).toEqual({ Quantity: 1, Items: ['/*'] });
  });

  it('tries once more as /* when CloudFront has too many paths in progress (the SDK does not retry that)', async () => {
    // Prepare
    const busy = Object.assign(new Error('Your request contains too many invalidations.'), { name: 'TooManyInvalidationsInProgress' });
    cloudFront.on(CreateInvalidationCommand).rejectsOnce(busy).resolves(created('IWILD'));
    cloudFront.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'Completed' } as never });
    const subject = cdn();
    // Act
    const sent = await subject.invalidate(['/index.xml', '/tags/go/index.xml']);
    await subject.waitUntilLive();
    // Assess: what CloudFront accepted (and bills) is the one /* path.
    expect(sent).toEqual({ paths: 1, everything: true, precise: 2 });
    const [first, second] = sentBatches();
    expect(first?.InvalidationBatch?.Paths?.Items).toEqual(['/index.xml', '/tags/go/index.xml']);
    expect(second?.InvalidationBatch?.Paths).toEqual({ Quantity: 1, Items: ['/*'] });
    expect(second?.InvalidationBatch?.CallerReference).not.toBe(first?.InvalidationBatch?.CallerReference);
    expect(polled()).toEqual([{ DistributionId: 'E2EXAMPLE', Id: 'IWILD' }]);
  });

  it('fails with a CdnError when the /* retry is refused too, or when /* itself was refused', async () => {
    const busy = Object.assign(new Error('too many'), { name: 'TooManyInvalidationsInProgress' });
    cloudFront.on(CreateInvalidationCommand).rejects(busy);
    await expect(cdn().invalidate(['/index.xml'])).rejects.toBeInstanceOf(CdnError);
    expect(sentBatches().map((input) => input.InvalidationBatch?.Paths?.Items)).toEqual([['/index.xml'], ['/*']]);
    cloudFront.resetHistory();
    await expect(cdn({ maxPaths: 1 }).invalidate(['/a', '/b'])).rejects.toBeInstanceOf(CdnError);
    expect(sentBatches().map((input) => input.InvalidationBatch?.Paths?.Items)).toEqual([['/*']]);
  });

  it('says a refusal passes (retryLater) for limits, throttling, its own failures and the network, not for access or a missing distribution', async () => {
    // Prepare
    const refusal = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });
    const cases: [Error, boolean][] = [
      [refusal('TooManyInvalidationsInProgress'), true],
      [refusal('Throttling', { $fault: 'client' }), true],
      [refusal('ServiceUnavailable', { $fault: 'server' }), true],
      [refusal('Error', { code: 'ECONNRESET' }), true],
      [refusal('Error', { code: 'ENOTFOUND' }), true],
      [refusal('RequestTimeoutException'), true],
      [refusal('Unknown', { $fault: 'client', $metadata: { httpStatusCode: 429 } }), true],
      [refusal('SomethingRetryable', { $fault: 'client', $retryable: {} }), true],
      [refusal('InvalidArgument', { $fault: 'client', $metadata: { httpStatusCode: 400 } }), false],
      [refusal('AccessDenied', { $fault: 'client' }), false],
      [refusal('NoSuchDistribution', { $fault: 'client' }), false],
      [refusal('CredentialsProviderError'), false],
    ];
    for (const [error, passes] of cases) {
      cloudFront.reset();
      cloudFront.on(CreateInvalidationCommand).rejects(error);
      // Act
      const thrown = await cdn()
        .invalidate(['/index.xml'])
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      // Assess
      expect(thrown, error.name).toBeInstanceOf(CdnError);
      expect((thrown as CdnError).retryLater, error.name).toBe(passes);
    }
  });
});

describe('CloudFrontCdn.waitUntilLive', () => {
  afterEach(() => {
    cloudFront.reset();
  });

  it('returns at once when this instance has invalidated nothing', async () => {
    await cdn().waitUntilLive();
    expect(cloudFront.calls()).toHaveLength(0);
  });

  it('polls GetInvalidation for the invalidation it created until CloudFront reports it Completed', async () => {
    // Prepare
    cloudFront.on(CreateInvalidationCommand).resolves(created('I2J0I21PCUYOIK'));
    cloudFront
      .on(GetInvalidationCommand)
      .resolvesOnce({ Invalidation: { Id: 'I2J0I21PCUYOIK', Status: 'InProgress' } as never })
      .resolvesOnce({ Invalidation: { Id: 'I2J0I21PCUYOIK', Status: 'InProgress' } as never })
      .resolves({ Invalidation: { Id: 'I2J0I21PCUYOIK', Status: 'Completed' } as never });
    const subject = cdn();
    await subject.invalidate(['/index.xml']);
    // Act
    await subject.waitUntilLive();
    // Assess
    expect(polled()).toEqual([
      { DistributionId: 'E2EXAMPLE', Id: 'I2J0I21PCUYOIK' },
      { DistributionId: 'E2EXAMPLE', Id: 'I2J0I21PCUYOIK' },
      { DistributionId: 'E2EXAMPLE', Id: 'I2J0I21PCUYOIK' },
    ]);
    // Seen completed: a second wait asks nothing.
    await subject.waitUntilLive();
    expect(polled()).toHaveLength(3);
  });

  // The SDK's waiter backed off from 5 s to 30 s: a one-article run waited 29 to 50 s for an invalidation
  // completed well before (a cost audit). A fixed pause ends the wait one pause after completion at most.
  it('polls at a fixed pause, so the wait ends one pause after CloudFront completes, not a growing backoff later', async () => {
    // Prepare: CloudFront says Completed at the sixth poll; polls 50 ms apart.
    cloudFront.on(CreateInvalidationCommand).resolves(created('IFIXED'));
    const inProgress = { Invalidation: { Id: 'IFIXED', Status: 'InProgress' } as never };
    let mock = cloudFront.on(GetInvalidationCommand);
    for (let i = 0; i < 5; i++) mock = mock.resolvesOnce(inProgress);
    mock.resolves({ Invalidation: { Id: 'IFIXED', Status: 'Completed' } as never });
    const subject = cdn({ pollSeconds: 0.05 });
    await subject.invalidate(['/index.xml']);
    // Act
    const started = performance.now();
    await subject.waitUntilLive();
    const waited = performance.now() - started;
    // Assess: six polls, five pauses of 50 ms (a backoff doubling from 50 ms would have waited 1.55 s).
    expect(polled()).toHaveLength(6);
    expect(waited).toBeGreaterThanOrEqual(5 * 50 - 5);
    expect(waited).toBeLessThan(900);
    expect(POLL_SECONDS).toBeGreaterThanOrEqual(2);
    expect(POLL_SECONDS).toBeLessThanOrEqual(5);
  });

  it('stops at once, with a CdnError, when CloudFront refuses a poll for good (no GetInvalidation permission)', async () => {
    // Prepare
    cloudFront.on(CreateInvalidationCommand).resolves(created('IDENIED'));
    const denied = Object.assign(new Error('User is not authorized to perform cloudfront:GetInvalidation'), { name: 'AccessDenied', $fault: 'client' });
    cloudFront.on(GetInvalidationCommand).rejects(denied);
    const subject = cdn({ maxWaitSeconds: 600 });
    await subject.invalidate(['/a']);
    // Act
    const error = await subject.waitUntilLive().catch((caught: unknown) => caught);
    // Assess
    expect(error).toBeInstanceOf(CdnError);
    expect((error as CdnError).message).toBe(
      'CloudFront invalidation IDENIED on E2EXAMPLE could not be followed: User is not authorized to perform cloudfront:GetInvalidation',
    );
    expect(polled()).toHaveLength(1);
  });

  it('waits for the last invalidation when there were several', async () => {
    cloudFront.on(CreateInvalidationCommand).resolvesOnce(created('IFIRST')).resolves(created('ILAST'));
    cloudFront.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'Completed' } as never });
    const subject = cdn();
    await subject.invalidate(['/a']);
    await subject.invalidate(['/b']);
    await subject.waitUntilLive();
    expect(polled()).toEqual([{ DistributionId: 'E2EXAMPLE', Id: 'ILAST' }]);
  });

  it('keeps polling through a failed GetInvalidation', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('I1'));
    cloudFront
      .on(GetInvalidationCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({ Invalidation: { Status: 'Completed' } as never });
    const subject = cdn();
    await subject.invalidate(['/a']);
    await subject.waitUntilLive();
    expect(polled()).toHaveLength(2);
  });

  it('gives up after maxWaitSeconds with a CdnError naming the invalidation', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('ISLOW'));
    cloudFront.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'InProgress' } as never });
    const subject = cdn({ maxWaitSeconds: 0.1 });
    await subject.invalidate(['/a']);
    const started = performance.now();
    const error = await subject.waitUntilLive().catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(CdnError);
    expect((error as CdnError).message).toContain('ISLOW');
    expect((error as CdnError).message).toContain('E2EXAMPLE');
    expect(polled().length).toBeGreaterThan(1);
  });

  it('stops waiting when the signal aborts (the run has no time left), with a CdnError', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves(created('ISLOW'));
    cloudFront.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'InProgress' } as never });
    const subject = cdn({ maxWaitSeconds: 600 });
    await subject.invalidate(['/a']);
    const started = performance.now();
    const error = await subject.waitUntilLive(AbortSignal.timeout(100)).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(CdnError);
    expect((error as CdnError).message).toContain('in the time the run had left');
  });

  it('has nothing to wait for when CloudFront returned no invalidation id', async () => {
    cloudFront.on(CreateInvalidationCommand).resolves({});
    const subject = cdn();
    await subject.invalidate(['/a']);
    await subject.waitUntilLive();
    expect(polled()).toHaveLength(0);
  });
});

describe('encodeInvalidationPath', () => {
  it.each([
    ['/index.xml', '/index.xml'],
    ['tags/go/index.xml', '/tags/go/index.xml'],
    ['/tags/ü/index.xml', '/tags/%C3%BC/index.xml'],
    ['/tags/😀/', '/tags/%F0%9F%98%80/'],
    ['/a b/%/~/?/"/<>/', '/a%20b/%25/%7E/%3F/%22/%3C%3E/'],
    ['/posts/*', '/posts/*'],
  ])('%j → %j', (input, expected) => {
    expect(encodeInvalidationPath(input)).toBe(expected);
  });
});

describe('invalidationForms', () => {
  it.each([
    ['/index.xml', ['/index.xml']],
    ['/tags/c++/index.xml', ['/tags/c++/index.xml', '/tags/c%2B%2B/index.xml']],
    ['/feeds/index.html', ['/feeds/index.html', '/feeds/']],
    ['/index.html', ['/index.html', '/']],
    ['/tags/c++/index.html', ['/tags/c++/index.html', '/tags/c%2B%2B/index.html', '/tags/c++/', '/tags/c%2B%2B/']],
    ['/feeds/all.opml', ['/feeds/all.opml']],
    ['/notindex.html', ['/notindex.html']],
  ])('%j → %j', (input, expected) => {
    expect(invalidationForms(input)).toEqual(expected);
  });
});
