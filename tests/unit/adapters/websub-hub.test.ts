import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSubHub } from '../../../src/adapters/websub-hub.js';
import { HubError, PublisherError } from '../../../src/errors.js';
import { type RecordingHub, startRecordingHub } from '../../support/recording-hub.js';

let hub: RecordingHub;

beforeAll(async () => {
  hub = await startRecordingHub();
});
afterAll(() => hub.stop());
beforeEach(() => hub.reset());

/**
 * For the tests of a hub that hangs: they take a few hundred ms, and without the timeout or the signal
 * they test, 10 s or more (or forever). A guard against a hang, not a speed test.
 */
const HANG_GUARD = { timeout: 5_000 } as const;

/** Fast retries: the behaviour is the same, the tests are quicker. */
function webSub(options: ConstructorParameters<typeof WebSubHub>[0] = {}): WebSubHub {
  return new WebSubHub({ retryDelayMs: 20, ...options });
}

async function errorOf(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

describe('WebSubHub', () => {
  it('POSTs one form-encoded publish notification per feed URL (W3C WebSub §7)', async () => {
    // Prepare
    const feeds = ['https://news.example.org/index.xml', 'https://news.example.org/tags/c%23/atom.xml?x=1&y=2'];
    // Act
    await webSub().publish(hub.url, feeds);
    // Assess
    expect(hub.requests).toHaveLength(2);
    for (const request of hub.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/');
      expect(request.contentType).toBe('application/x-www-form-urlencoded');
      expect(request.fields.map(([name]) => name)).toEqual(['hub.mode', 'hub.url']);
      expect(request.fields[0]).toEqual(['hub.mode', 'publish']);
    }
    expect(hub.pinged().sort()).toEqual([...feeds].sort());
    // The body is the form encoding: the URL's own & and = cannot leak into other fields.
    const tricky = hub.requests.find((r) => r.url?.includes('?'));
    expect(tricky?.body).toBe('hub.mode=publish&hub.url=https%3A%2F%2Fnews.example.org%2Ftags%2Fc%2523%2Fatom.xml%3Fx%3D1%26y%3D2');
  });

  it('keeps the hub URL as given, path and query included', async () => {
    await webSub().publish(`${hub.url}publish?token=a%2Bb`, ['https://example.com/feed.json']);
    expect(hub.requests.map((r) => r.path)).toEqual(['/publish?token=a%2Bb']);
  });

  it('sends nothing for no URLs, and each URL once', async () => {
    await webSub().publish(hub.url, []);
    expect(hub.requests).toHaveLength(0);
    await webSub().publish(hub.url, ['https://example.com/a.xml', 'https://example.com/a.xml', 'https://example.com/b.xml']);
    expect(hub.pinged().sort()).toEqual(['https://example.com/a.xml', 'https://example.com/b.xml']);
  });

  it.each([200, 202, 204])('accepts HTTP %i', async (status) => {
    hub.answer(() => ({ status }));
    await expect(webSub().publish(hub.url, ['https://example.com/index.xml'])).resolves.toBeUndefined();
    expect(hub.requests).toHaveLength(1);
  });

  it('tries a second time after a 5xx, following a pause, and succeeds', async () => {
    hub.answer((_request, index) => (index === 0 ? { status: 503, body: 'busy' } : { status: 204 }));
    await webSub({ retryDelayMs: 100 }).publish(hub.url, ['https://example.com/index.xml']);
    expect(hub.pinged()).toEqual(['https://example.com/index.xml', 'https://example.com/index.xml']);
    const [first, second] = hub.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(90);
  });

  it('gives up after two attempts and throws a HubError naming the hub, the feed URL and the status', async () => {
    hub.answer(() => ({ status: 500, body: 'Internal\nError' }));
    const error = await errorOf(webSub().publish(hub.url, ['https://example.com/index.xml']));
    expect(hub.requests).toHaveLength(2);
    expect(error).toBeInstanceOf(PublisherError);
    expect(error.name).toBe('HubError');
    expect(error.hubUrl).toBe(hub.url);
    expect(error.total).toBe(1);
    expect(error.failures).toEqual([{ feedUrl: 'https://example.com/index.xml', status: 500, reason: 'HTTP 500: Internal Error' }]);
    expect(error.message).toContain(hub.url);
    expect(error.message).toContain('https://example.com/index.xml');
    expect(error.message).toContain('HTTP 500');
  });

  it('does not retry a refusal that will not change (400), and honours attempts', async () => {
    hub.answer(() => ({ status: 400, body: 'unknown topic' }));
    const error = await errorOf(webSub().publish(hub.url, ['https://example.com/index.xml']));
    expect(hub.requests).toHaveLength(1);
    expect(error.failures[0]).toMatchObject({ status: 400, reason: 'HTTP 400: unknown topic' });
    hub.reset();
    hub.answer(() => ({ status: 429 }));
    await errorOf(webSub({ attempts: 3, retryDelayMs: 1 }).publish(hub.url, ['https://example.com/index.xml']));
    expect(hub.requests).toHaveLength(3);
  });

  it('retries a dropped connection, and reports it without a status', async () => {
    hub.answer(() => 'drop');
    const error = await errorOf(webSub().publish(hub.url, ['https://example.com/index.xml']));
    expect(hub.requests).toHaveLength(2);
    expect(error.failures[0]?.status).toBeUndefined();
    expect(error.failures[0]?.reason).toMatch(/^network error: /);
  });

  it('reports an unreachable hub as a HubError', async () => {
    const closed = await startRecordingHub();
    await closed.stop();
    const error = await errorOf(webSub().publish(closed.url, ['https://example.com/index.xml']));
    expect(error.hubUrl).toBe(closed.url);
    expect(error.failures[0]?.reason).toMatch(/^network error: .*ECONNREFUSED/);
  });

  it('stops waiting for a hub that does not answer', HANG_GUARD, async () => {
    hub.answer(() => 'hang');
    const error = await errorOf(webSub({ timeoutMs: 150, attempts: 1 }).publish(hub.url, ['https://example.com/index.xml']));
    expect(error.failures[0]?.reason).toBe('no answer within 150 ms');
  });

  it('stops when the signal aborts (the run has no time left): in-flight requests are abandoned, the rest not sent, all listed', HANG_GUARD, async () => {
    // Prepare: a hub that never answers; more feeds than requests in flight.
    hub.answer(() => 'hang');
    const feeds = Array.from({ length: 6 }, (_, i) => `https://example.com/t${i}/index.xml`);
    // Act: the default 10 s timeout and two attempts would take 40 s; the signal gives 200 ms.
    const error = await errorOf(webSub().publish(hub.url, feeds, AbortSignal.timeout(200)));
    // Assess
    expect(hub.requests).toHaveLength(4); // the first four, never retried, and no fifth
    expect(error.failures.map((f) => f.feedUrl)).toEqual(feeds);
    expect(new Set(error.failures.map((f) => f.reason))).toEqual(new Set(['not sent in time: the run had no time left']));
  });

  it('does not wait out the pause before a second attempt once the signal aborts', HANG_GUARD, async () => {
    hub.answer(() => ({ status: 503 }));
    // The pause is 10 s, the signal gives 200 ms: waiting it out fails the test by its timeout.
    const error = await errorOf(webSub({ retryDelayMs: 10_000 }).publish(hub.url, ['https://example.com/index.xml'], AbortSignal.timeout(200)));
    expect(hub.requests).toHaveLength(1);
    expect(error.failures[0]).toMatchObject({ status: 503 });
  });

  it('gives up after a first wave of notifications none of which was answered: the rest are not sent, all listed', async () => {
    // Prepare: a hub that never answers (a black-holed host), and more feeds than one wave.
    hub.answer(() => 'hang');
    const feeds = Array.from({ length: 12 }, (_, i) => `https://example.com/t${i}/index.xml`);
    // Act
    const error = await errorOf(webSub({ timeoutMs: 100, retryDelayMs: 5 }).publish(hub.url, feeds));
    // Assess: the first four, each tried twice, and no fifth (twelve would be 3 waves of ~205 ms).
    expect(hub.requests).toHaveLength(8);
    expect(new Set(hub.pinged())).toEqual(new Set(feeds.slice(0, 4)));
    expect(error.failures.map((f) => f.feedUrl)).toEqual(feeds);
    expect(error.failures.slice(0, 4).map((f) => f.reason)).toEqual(Array(4).fill('no answer within 100 ms'));
    expect(new Set(error.failures.slice(4).map((f) => f.reason))).toEqual(new Set(['not sent: the hub answered none of the first 4 notifications']));
    expect(error.total).toBe(12);
  });

  it('goes on after a first wave the hub answered, even with refusals, or answered in part', async () => {
    const feeds = Array.from({ length: 9 }, (_, i) => `https://example.com/t${i}/index.xml`);
    // Refusals are answers: the hub is there.
    hub.answer((request) => (feeds.indexOf(request.url ?? '') < 4 ? { status: 503 } : { status: 204 }));
    const refused = await errorOf(webSub({ retryDelayMs: 1 }).publish(hub.url, feeds));
    expect(refused.failures.map((f) => f.status)).toEqual([503, 503, 503, 503]);
    expect(new Set(hub.pinged())).toEqual(new Set(feeds));
    // One answer in the first wave is enough to go on.
    hub.reset();
    hub.answer((request) => (request.url === feeds[2] ? { status: 204 } : feeds.indexOf(request.url ?? '') < 4 ? 'hang' : { status: 204 }));
    const partly = await errorOf(webSub({ timeoutMs: 100, retryDelayMs: 1 }).publish(hub.url, feeds));
    expect(partly.failures.map((f) => f.feedUrl)).toEqual([feeds[0], feeds[1], feeds[3]]);
    expect(new Set(hub.pinged())).toEqual(new Set(feeds));
  });

  it('sends no notification past its budget for the call (budgetMs), however many are left, and lists those as failures', async () => {
    // Prepare: a hub that answers every notification, each in 40 ms; 40 feeds would take ~400 ms.
    const feeds = Array.from({ length: 40 }, (_, i) => `https://example.com/t${i}/index.xml`);
    const sent: string[] = [];
    const slowHub: typeof fetch = async (_input, init) => {
      sent.push(new URLSearchParams(String(init?.body)).get('hub.url') ?? '');
      await new Promise((resolve) => setTimeout(resolve, 40));
      return new Response(null, { status: 204 });
    };
    // Act
    const error = await errorOf(webSub({ fetch: slowHub, budgetMs: 150 }).publish(hub.url, feeds));
    // Assess: some sent, the rest listed as past the budget (counts, not the time it took).
    expect(sent.length).toBeGreaterThanOrEqual(4);
    expect(sent.length).toBeLessThan(40);
    const failed = error.failures.map((f) => f.feedUrl);
    expect([...failed, ...sent.filter((url) => !failed.includes(url))].sort()).toEqual([...feeds].sort());
    expect(new Set(error.failures.map((f) => f.reason))).toEqual(new Set(['not sent: the 0.15 s the pings get were up']));
  });

  it('has a budget of 30 s by default', () => {
    expect(new WebSubHub().budgetMs).toBe(30_000);
    expect(new WebSubHub({ budgetMs: 5_000 }).budgetMs).toBe(5_000);
  });

  it('still notifies the other feeds when one fails, then lists every failure', async () => {
    hub.answer((request) => (request.url?.endsWith('/bad.xml') || request.url?.endsWith('/worse.xml') ? { status: 404 } : { status: 204 }));
    const feeds = ['https://example.com/a.xml', 'https://example.com/bad.xml', 'https://example.com/b.xml', 'https://example.com/worse.xml'];
    const error = await errorOf(webSub().publish(hub.url, feeds));
    expect(new Set(hub.pinged())).toEqual(new Set(feeds));
    expect(error.failures.map((f) => [f.feedUrl, f.status])).toEqual([
      ['https://example.com/bad.xml', 404],
      ['https://example.com/worse.xml', 404],
    ]);
    expect(error.total).toBe(4);
    expect(error.message).toContain('2 of 4');
  });

  it('keeps at most four requests in flight (or the configured number)', async () => {
    const feeds = Array.from({ length: 12 }, (_, i) => `https://example.com/t${i}/index.xml`);
    for (const [concurrency, expected] of [
      [undefined, 4],
      [2, 2],
    ] as const) {
      let inFlight = 0;
      let most = 0;
      const sent: string[] = [];
      const fakeFetch: typeof fetch = async (_input, init) => {
        inFlight++;
        most = Math.max(most, inFlight);
        sent.push(new URLSearchParams(String(init?.body)).get('hub.url') ?? '');
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return new Response(null, { status: 204 });
      };
      await webSub({ fetch: fakeFetch, ...(concurrency === undefined ? {} : { concurrency }) }).publish('https://hub.example/', feeds);
      expect(most).toBe(expected);
      expect(sent.sort()).toEqual([...feeds].sort());
    }
  });
});
