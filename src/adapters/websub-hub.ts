import { type HubFailure, HubError } from '../errors.js';
import type { Hub } from '../ports.js';
import { mapLimit } from '../util/map-limit.js';

/** What the adapter needs; everything has a default. */
export interface WebSubHubOptions {
  /** The HTTP client (default the global `fetch`); tests and proxies pass their own. */
  readonly fetch?: typeof fetch;
  /** Per request, in milliseconds (default 10,000). */
  readonly timeoutMs?: number;
  /** Requests to the hub in flight at once (default 4). */
  readonly concurrency?: number;
  /** Attempts per URL, the first included (default 2). */
  readonly attempts?: number;
  /** Pause before the second attempt; doubles for each further one (default 500 ms). */
  readonly retryDelayMs?: number;
  /**
   * All the notifications of one `publish` call, in milliseconds (default 30,000): past it no request
   * starts and those in flight are abandoned, so that a slow hub never holds the run (and, in Lambda,
   * the function's one execution slot) for long; the notifications not accepted are failures.
   */
  readonly budgetMs?: number;
}

/** Why a notification was not sent, or its answer not awaited: the caller's signal aborted. */
const OUT_OF_TIME = 'not sent in time: the run had no time left';

/** Why the rest of the notifications were not sent: none of the first wave got an answer. */
const NO_ANSWER = (wave: number): string => `not sent: the hub answered none of the first ${wave} notifications`;

/** Statuses worth a second attempt: the hub may answer differently in a moment. */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * {@link Hub} over HTTP, as publishers notify WebSub hubs (W3C WebSub §7, and the PubSubHubbub
 * publish convention every public hub accepts): one `POST` per feed URL to the hub, with the form
 * body `hub.mode=publish&hub.url=<feed URL>` (`application/x-www-form-urlencoded`). The feed URL
 * must be the feed's `rel="self"` URL (the topic subscribers subscribed to).
 *
 * A 2xx answer is success. Network errors, timeouts, 408/425/429 and 5xx are tried once more
 * after a short pause; any other status is final. URLs are de-duplicated and sent at most four at
 * a time; every URL is tried even when another fails, then one {@link HubError} lists the failures.
 * Two things stop it early, and the notifications not accepted by then are failures too: its budget
 * (`budgetMs`, 30 s) or a `signal` (the run's deadline), where requests in flight are abandoned and no
 * new one starts; and a first wave (the first four URLs, with their retries) none of which got any
 * answer (timeouts, network errors): a hub that is down would cost ~20 s per wave, so the rest are not sent.
 *
 * @example
 * const hub = new WebSubHub();
 * await hub.publish('https://pubsubhubbub.appspot.com/', ['https://example.com/index.xml']);
 */
export class WebSubHub implements Hub {
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #concurrency: number;
  readonly #attempts: number;
  readonly #retryDelayMs: number;
  /** The time one `publish` call may take, in milliseconds. */
  readonly budgetMs: number;

  constructor(options: WebSubHubOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#concurrency = Math.max(1, Math.trunc(options.concurrency ?? 4));
    this.#attempts = Math.max(1, Math.trunc(options.attempts ?? 2));
    this.#retryDelayMs = Math.max(0, options.retryDelayMs ?? 500);
    this.budgetMs = Math.max(0, options.budgetMs ?? 30_000);
  }

  async publish(hubUrl: string, feedUrls: readonly string[], signal?: AbortSignal): Promise<void> {
    const urls = [...new Set(feedUrls)];
    if (urls.length === 0) return;
    const budget = AbortSignal.timeout(this.budgetMs);
    const stop: Stop = { signal: signal === undefined ? budget : AbortSignal.any([signal, budget]), reason: () => stopReason(signal, this.budgetMs) };
    // The first wave goes alone: when none of it got an answer, the hub is down (or black-holed) and the
    // rest would only wait out their timeouts too.
    const wave = urls.slice(0, this.#concurrency);
    const first = await Promise.all(wave.map((feedUrl) => this.#notify(hubUrl, feedUrl, stop)));
    const rest = urls.slice(wave.length);
    const down = !stop.signal.aborted && first.every((outcome) => outcome?.unanswered === true);
    const others = down
      ? rest.map((feedUrl) => ({ failure: { feedUrl, reason: NO_ANSWER(wave.length) }, unanswered: true }))
      : await mapLimit(rest, this.#concurrency, (feedUrl) => this.#notify(hubUrl, feedUrl, stop));
    const failures = [...first, ...others].flatMap((outcome) => (outcome === undefined ? [] : [outcome.failure]));
    if (failures.length > 0) throw new HubError(hubUrl, failures, urls.length);
  }

  /**
   * One notification with its retries: undefined on success, else the last failure, and whether no
   * attempt got any answer (timeouts, network errors).
   */
  async #notify(hubUrl: string, feedUrl: string, stop: Stop): Promise<{ failure: HubFailure; unanswered: boolean } | undefined> {
    let failure: HubFailure | undefined;
    let answered = false;
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      if (attempt > 1) await sleep(this.#retryDelayMs * 2 ** (attempt - 2), stop.signal);
      if (stop.signal.aborted) return { failure: failure ?? { feedUrl, reason: stop.reason() }, unanswered: !answered };
      const result = await this.#post(hubUrl, feedUrl, stop);
      if (result.ok) return undefined;
      failure = result.failure;
      answered ||= failure.status !== undefined;
      if (!result.retryable) break;
    }
    return failure && { failure, unanswered: !answered };
  }

  async #post(hubUrl: string, feedUrl: string, stop: Stop): Promise<{ ok: true } | { ok: false; retryable: boolean; failure: HubFailure }> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let response: Response;
    try {
      response = await this.#fetch(hubUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams([
          ['hub.mode', 'publish'],
          ['hub.url', feedUrl],
        ]).toString(),
        signal: AbortSignal.any([timeout, stop.signal]),
      });
    } catch (error) {
      const reason = stop.signal.aborted ? stop.reason() : networkReason(error, this.#timeoutMs);
      return { ok: false, retryable: !stop.signal.aborted, failure: { feedUrl, reason } };
    }
    // Read the answer in full (it frees the connection); hubs explain refusals in the body.
    const body = await response.text().catch(() => '');
    if (response.ok) return { ok: true };
    const detail = snippet(body);
    return {
      ok: false,
      retryable: RETRYABLE.has(response.status),
      failure: { feedUrl, status: response.status, reason: `HTTP ${response.status}${detail ? `: ${detail}` : ''}` },
    };
  }
}

/** What stops a `publish` call early: the caller's signal or the budget, and why, for people. */
interface Stop {
  readonly signal: AbortSignal;
  readonly reason: () => string;
}

function stopReason(caller: AbortSignal | undefined, budgetMs: number): string {
  return caller?.aborted ? OUT_OF_TIME : `not sent: the ${budgetMs / 1000} s the pings get were up`;
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return `network error: ${cause ?? message}`;
}

/** The start of a response body on one line, without control characters. */
function snippet(body: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const line = body.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Waits `ms`, or less when `signal` aborts meanwhile. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
