import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { CdnError } from '../errors.js';
import type { Cdn, Clock, InvalidateOptions, InvalidationSent } from '../ports.js';

/** What the adapter needs. */
export interface CloudFrontCdnOptions {
  /** Created by the composition root; never created here. */
  readonly client: CloudFrontClient;
  readonly distributionId: string;
  /**
   * Above this many distinct paths (rewritten forms included), one `/*` invalidation is sent instead
   * (default {@link DEFAULT_MAX_PATHS}).
   */
  readonly maxPaths?: number;
  /** Part of the CallerReference (default `Date.now`). */
  readonly clock?: Clock;
  /**
   * How long {@link CloudFrontCdn.waitUntilLive} waits at most, in seconds (default 600). A run
   * also bounds each wait by the time it has left (the `signal` it passes).
   */
  readonly maxWaitSeconds?: number;
  /** The pause between two GetInvalidation polls, in seconds (default {@link POLL_SECONDS}); it does not grow. */
  readonly pollSeconds?: number;
}

/**
 * The default pause between two GetInvalidation polls, in seconds: fixed, so a wait ends at most this long
 * after CloudFront completes the invalidation. The SDK's waiter (`waitUntilInvalidationCompleted`) backs off
 * from 5 s to 30 s with jitter, and a one-article run that waited with it took 29 to 50 s against a
 * completion well before that (a cost audit: 1.5 to 2.5 times it), holding the function's 3 GB and its one
 * execution slot meanwhile. GetInvalidation is not billed; at this pace a 20 s invalidation is ten requests.
 */
export const POLL_SECONDS = 2;

/**
 * The default `maxPaths`: a ceiling on what one run may spend in paths, whatever the month's count. Past
 * CloudFront's 1,000 free invalidation paths a month each path costs $0.005, and `/*` counts as one path;
 * what `/*` costs besides is that every cached feed is fetched from the bucket again once per edge cache
 * (an S3 GET, $0.0004 per 1,000, no transfer charge to CloudFront). So a run costs at most $0.50 in paths.
 * It is no line between small and site-wide changes: at 30,000 articles one new article sends 23 to 32
 * paths, a CI push of 4 articles 66 and one of 8 articles 100 (a cost audit), all within it and each billed
 * past the free paths; the month's count is what keeps that bill down (the run's `maxPaths` option, from
 * `src/rebuild/invalidation-budget.ts`). It was 3,000 (CloudFront's in-progress limit), and a config edit
 * of a site with 300 to 999 feeds sent up to 3,000 paths, $15 a run.
 */
export const DEFAULT_MAX_PATHS = 100;

/** The one wildcard path feedpub sends: every object of the distribution. */
const EVERYTHING: readonly string[] = ['/*'];

/** RFC 1738 "unsafe" characters, plus `?` (which would start a query string). */
const UNSAFE = new Set([...' "#%<>[\\]^`{|}~?']);

/**
 * {@link Cdn} on CloudFront: one `CreateInvalidation` per call, with every distinct path.
 *
 * Paths are object paths as stored (`/tags/中文/index.xml`); each is encoded the way CloudFront
 * wants it — non-ASCII, control and RFC 1738 unsafe characters percent-encoded as UTF-8, nothing
 * else (`/tags/%E4%B8%AD%E6%96%87/index.xml`) — and given a leading slash if it lacks one. The
 * distribution's viewer-request function (infra/cdn.yml) rewrites `+` to `%2B` and `…/` to
 * `…/index.html`, and AWS advises invalidating both the URI viewers ask for and the rewritten one:
 * each path also goes out as its rewritten forms, and a `~` both encoded and as is ({@link invalidationForms}). More than `maxPaths`
 * paths in all (or than the call's own `maxPaths`, the run's invalidation budget, when lower) become `/*`.
 * It resolves to what CloudFront accepted: the paths sent (1 for `/*`), whether it was `/*`, and how many the
 * precise request had. The CallerReference is the time plus a hash of the sorted paths: an SDK
 * retry of the same request reuses it (idempotent), while a later run that changes the same paths
 * again still gets a new invalidation (a hash of the paths alone would make CloudFront return the old
 * one and invalidate nothing). CloudFront refuses paths beyond 3,000 in progress on a distribution
 * (`TooManyInvalidationsInProgress`, which the SDK does not retry): the call is then made once more
 * as `/*`, which counts against the separate limit of wildcard invalidations. Failures become
 * {@link CdnError}.
 *
 * `waitUntilLive(signal?)` polls `GetInvalidation` for the last invalidation this instance created,
 * every `pollSeconds` ({@link POLL_SECONDS}), until CloudFront reports it `Completed` (every edge then
 * serves the new bytes); it returns at once when there is none, and throws a {@link CdnError} after
 * `maxWaitSeconds`, when `signal` aborts (the run's time is up), or when CloudFront refuses a poll for
 * good (access denied), whichever comes first.
 *
 * @example
 * const cdn = new CloudFrontCdn({ client: new CloudFrontClient({}), distributionId: 'E2ABC' });
 * await cdn.invalidate(['/index.xml', '/tags/go/index.xml']);
 * await cdn.waitUntilLive(); // before telling a WebSub hub
 */
export class CloudFrontCdn implements Cdn {
  readonly #client: CloudFrontClient;
  readonly #distributionId: string;
  readonly #maxPaths: number;
  readonly #clock: Clock;
  readonly #maxWaitSeconds: number;
  readonly #pollSeconds: number;
  /** The id of the last invalidation created and not yet seen completed. */
  #pending: string | undefined;

  constructor(options: CloudFrontCdnOptions) {
    this.#client = options.client;
    this.#distributionId = options.distributionId;
    this.#maxPaths = options.maxPaths ?? DEFAULT_MAX_PATHS;
    this.#clock = options.clock ?? Date.now;
    this.#pollSeconds = positive(options.pollSeconds, POLL_SECONDS);
    this.#maxWaitSeconds = positive(options.maxWaitSeconds, 600);
  }

  async invalidate(paths: readonly string[], options: InvalidateOptions = {}): Promise<InvalidationSent | undefined> {
    if (paths.length === 0) return undefined;
    const files = [...new Set(paths.map(encodeInvalidationPath))];
    const items = [...new Set(files.flatMap((path) => invalidationForms(path)))].sort();
    const limit = Math.min(this.#maxPaths, options.maxPaths ?? Number.POSITIVE_INFINITY);
    const batch = items.length > limit ? EVERYTHING : items;
    try {
      await this.#create(batch, files.length);
    } catch (error) {
      if (!isTooManyInProgress(error) || batch === EVERYTHING) throw error;
      await this.#create(EVERYTHING, files.length);
      return { paths: EVERYTHING.length, everything: true, precise: items.length };
    }
    return { paths: batch.length, everything: batch === EVERYTHING, precise: items.length };
  }

  /**
   * One CreateInvalidation of these paths (the URL forms of `files` published files); remembers its id for
   * {@link waitUntilLive}. A failure counts both, labelled: "21 files (24 paths)", "21 files (as /*)".
   */
  async #create(items: readonly string[], files: number): Promise<void> {
    const digest = createHash('sha256').update(items.join('\n')).digest('hex').slice(0, 16);
    try {
      const created = await this.#client.send(
        new CreateInvalidationCommand({
          DistributionId: this.#distributionId,
          InvalidationBatch: {
            CallerReference: `feedpub-${this.#clock()}-${digest}`,
            Paths: { Quantity: items.length, Items: [...items] },
          },
        }),
      );
      this.#pending = created?.Invalidation?.Id;
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : '';
      const what = `${files} file${files === 1 ? '' : 's'} (${items === EVERYTHING ? 'as /*' : `${items.length} path${items.length === 1 ? '' : 's'}`})`;
      throw new CdnError(`CloudFront invalidation of ${what} on ${this.#distributionId} failed${reason}`, {
        cause: error,
        retryLater: isPassing(error),
      });
    }
  }

  async waitUntilLive(signal?: AbortSignal): Promise<void> {
    const id = this.#pending;
    if (id === undefined) return;
    const timeout = AbortSignal.timeout(this.#maxWaitSeconds * 1000);
    const stop = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    try {
      await this.#pollUntilCompleted(id, stop);
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : '';
      const outcome = signal?.aborted
        ? 'did not complete in the time the run had left'
        : timeout.aborted
          ? `did not complete within ${this.#maxWaitSeconds} s`
          : 'could not be followed';
      throw new CdnError(`CloudFront invalidation ${id} on ${this.#distributionId} ${outcome}${reason}`, { cause: error });
    }
    // A later invalidation may have been created while this one was awaited: keep waiting for that one next time.
    if (this.#pending === id) this.#pending = undefined;
  }

  /**
   * Asks GetInvalidation every `pollSeconds` until CloudFront says `Completed`, or `stop` aborts. A poll
   * refused for now (throttling, CloudFront's own failure, the network: {@link isPassing}) is asked again
   * at the next turn; any other refusal (no GetInvalidation permission, no such invalidation) ends the
   * wait at once, as waiting longer cannot help.
   */
  async #pollUntilCompleted(id: string, stop: AbortSignal): Promise<void> {
    for (;;) {
      try {
        const got = await this.#client.send(new GetInvalidationCommand({ DistributionId: this.#distributionId, Id: id }), { abortSignal: stop });
        if (got?.Invalidation?.Status === 'Completed') return;
      } catch (error) {
        if (stop.aborted || !isPassing(error)) throw error;
      }
      await sleep(this.#pollSeconds * 1000, undefined, { signal: stop });
    }
  }
}

/** CloudFront's refusals that pass by themselves: its limits on invalidations in progress, throttling, timeouts. */
const PASSING = new Set([
  'TooManyInvalidationsInProgress',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Network failures that pass (after the SDK's own retries). */
const PASSING_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether CloudFront refused for now: a limit or throttle (after the SDK's own retries; an unmodelled 429
 * too), a failure of its own (a 5xx), an error the SDK marks retryable, or the network. Not: access
 * denied, no such distribution, a bad request, missing credentials.
 */
function isPassing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const sdk = error as Error & { $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: unknown };
  return (
    PASSING.has(error.name) ||
    sdk.$fault === 'server' ||
    sdk.$retryable !== undefined ||
    sdk.$metadata?.httpStatusCode === 429 ||
    (typeof sdk.code === 'string' && PASSING_CODES.has(sdk.code))
  );
}

/** CloudFront's answer when the distribution has too many invalidation paths in progress. */
function isTooManyInProgress(error: unknown): boolean {
  return error instanceof CdnError && error.cause instanceof Error && error.cause.name === 'TooManyInvalidationsInProgress';
}

/**
 * An encoded path and the forms the viewer-request function of infra/cdn.yml makes of the URIs that
 * reach it: `+` as `%2B` (S3 reads a `+` in a URL path as a space), and the folder URL `…/` of an
 * `…/index.html` (viewers ask for the folder; the function appends `index.html`). A `~` (RFC 1738
 * "unsafe", so encoded as `%7E`) also goes out literally: feed links keep `~` as it is (src/plan/urls.ts),
 * and whether CloudFront keys `~` and `%7E` as one URI is not documented, so both are invalidated.
 * (`%7E` in an encoded path only ever stands for a `~`: a literal `%` is encoded as `%25`.)
 *
 * @example
 * invalidationForms('/tags/c++/index.html'); // ['/tags/c++/index.html', '/tags/c%2B%2B/index.html', '/tags/c++/', '/tags/c%2B%2B/']
 * invalidationForms('/tags/a%7Eb/index.xml'); // ['/tags/a%7Eb/index.xml', '/tags/a~b/index.xml']
 */
export function invalidationForms(encoded: string): string[] {
  const viewed = encoded.endsWith('/index.html') ? [encoded, encoded.slice(0, -'index.html'.length)] : [encoded];
  return viewed
    .flatMap((path) => (path.includes('+') ? [path, path.replaceAll('+', '%2B')] : [path]))
    .flatMap((path) => (path.includes('%7E') ? [path, path.replaceAll('%7E', '~')] : [path]));
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * A path as CloudFront expects it in an invalidation: leading slash; non-ASCII, control and
 * RFC 1738 unsafe characters percent-encoded (UTF-8, upper-case hex); everything else as is.
 *
 * @example
 * encodeInvalidationPath('tags/c #/index.xml'); // '/tags/c%20%23/index.xml'
 */
export function encodeInvalidationPath(path: string): string {
  let out = path.startsWith('/') ? '' : '/';
  for (const char of path) {
    const code = char.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f && !UNSAFE.has(char)) {
      out += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}
