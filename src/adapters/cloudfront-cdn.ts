import { createHash } from 'node:crypto';
import { type CloudFrontClient, CreateInvalidationCommand, waitUntilInvalidationCompleted } from '@aws-sdk/client-cloudfront';
import { CdnError } from '../errors.js';
import type { Cdn, Clock } from '../ports.js';

/** What the adapter needs. */
export interface CloudFrontCdnOptions {
  /** Created by the composition root; never created here. */
  readonly client: CloudFrontClient;
  readonly distributionId: string;
  /** Above this many distinct paths, one `/*` invalidation is sent instead (default 3,000: CloudFront's in-progress limit). */
  readonly maxPaths?: number;
  /** Part of the CallerReference (default `Date.now`). */
  readonly clock?: Clock;
  /**
   * How long {@link CloudFrontCdn.waitUntilLive} waits at most, in seconds (default 600). In a
   * Lambda, keep it below the function's timeout minus the time a run needs.
   */
  readonly maxWaitSeconds?: number;
  /** First pause between two GetInvalidation polls, in seconds (default 5); it grows up to `maxPollSeconds`. */
  readonly pollSeconds?: number;
  /** Longest pause between two polls, in seconds (default 30). */
  readonly maxPollSeconds?: number;
}

/** RFC 1738 "unsafe" characters, plus `?` (which would start a query string). */
const UNSAFE = new Set([...' "#%<>[\\]^`{|}~?']);

/**
 * {@link Cdn} on CloudFront: one `CreateInvalidation` per call, with every distinct path.
 *
 * Paths are object paths as stored (`/tags/中文/index.xml`); each is encoded the way CloudFront
 * wants it — non-ASCII, control and RFC 1738 unsafe characters percent-encoded as UTF-8, nothing
 * else (`/tags/%E4%B8%AD%E6%96%87/index.xml`) — and given a leading slash if it lacks one. More
 * than `maxPaths` paths become `/*`. The CallerReference is the time plus a hash of the sorted
 * paths: an SDK retry of the same request reuses it (idempotent), while a later run that changes
 * the same paths again still gets a new invalidation (a hash of the paths alone would make
 * CloudFront return the old one and invalidate nothing). Failures become {@link CdnError}.
 *
 * `waitUntilLive()` polls `GetInvalidation` for the last invalidation this instance created
 * until CloudFront reports it `Completed` (every edge then serves the new bytes); it returns at
 * once when there is none, and throws a {@link CdnError} after `maxWaitSeconds`.
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
  readonly #maxPollSeconds: number;
  /** The id of the last invalidation created and not yet seen completed. */
  #pending: string | undefined;

  constructor(options: CloudFrontCdnOptions) {
    this.#client = options.client;
    this.#distributionId = options.distributionId;
    this.#maxPaths = options.maxPaths ?? 3000;
    this.#clock = options.clock ?? Date.now;
    this.#pollSeconds = positive(options.pollSeconds, 5);
    this.#maxPollSeconds = Math.max(this.#pollSeconds, positive(options.maxPollSeconds, 30));
    // The SDK's waiter wants the total above the first pause.
    this.#maxWaitSeconds = Math.max(this.#pollSeconds * 2, positive(options.maxWaitSeconds, 600));
  }

  async invalidate(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    let items = [...new Set(paths.map(encodeInvalidationPath))].sort();
    if (items.length > this.#maxPaths) items = ['/*'];
    const digest = createHash('sha256').update(items.join('\n')).digest('hex').slice(0, 16);
    try {
      const created = await this.#client.send(
        new CreateInvalidationCommand({
          DistributionId: this.#distributionId,
          InvalidationBatch: {
            CallerReference: `feedpub-${this.#clock()}-${digest}`,
            Paths: { Quantity: items.length, Items: items },
          },
        }),
      );
      this.#pending = created?.Invalidation?.Id;
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : '';
      throw new CdnError(`CloudFront invalidation of ${items.length} path(s) on ${this.#distributionId} failed${reason}`, { cause: error });
    }
  }

  async waitUntilLive(): Promise<void> {
    const id = this.#pending;
    if (id === undefined) return;
    try {
      await waitUntilInvalidationCompleted(
        {
          client: this.#client,
          maxWaitTime: this.#maxWaitSeconds,
          minDelay: this.#pollSeconds,
          maxDelay: this.#maxPollSeconds,
        },
        { DistributionId: this.#distributionId, Id: id },
      );
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : '';
      throw new CdnError(`CloudFront invalidation ${id} on ${this.#distributionId} did not complete within ${this.#maxWaitSeconds} s${reason}`, {
        cause: error,
      });
    }
    // A later invalidation may have been created while this one was awaited: keep waiting for that one next time.
    if (this.#pending === id) this.#pending = undefined;
  }
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
