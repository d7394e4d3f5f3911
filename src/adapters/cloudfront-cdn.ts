import { createHash } from 'node:crypto';
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
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
 * @example
 * const cdn = new CloudFrontCdn({ client: new CloudFrontClient({}), distributionId: 'E2ABC' });
 * await cdn.invalidate(['/index.xml', '/tags/go/index.xml']);
 */
export class CloudFrontCdn implements Cdn {
  readonly #client: CloudFrontClient;
  readonly #distributionId: string;
  readonly #maxPaths: number;
  readonly #clock: Clock;

  constructor(options: CloudFrontCdnOptions) {
    this.#client = options.client;
    this.#distributionId = options.distributionId;
    this.#maxPaths = options.maxPaths ?? 3000;
    this.#clock = options.clock ?? Date.now;
  }

  async invalidate(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    let items = [...new Set(paths.map(encodeInvalidationPath))].sort();
    if (items.length > this.#maxPaths) items = ['/*'];
    const digest = createHash('sha256').update(items.join('\n')).digest('hex').slice(0, 16);
    try {
      await this.#client.send(
        new CreateInvalidationCommand({
          DistributionId: this.#distributionId,
          InvalidationBatch: {
            CallerReference: `feedpub-${this.#clock()}-${digest}`,
            Paths: { Quantity: items.length, Items: items },
          },
        }),
      );
    } catch (error) {
      const reason = error instanceof Error ? `: ${error.message}` : '';
      throw new CdnError(
        `CloudFront invalidation of ${items.length} path(s) on ${this.#distributionId} failed${reason}`,
        { cause: error },
      );
    }
  }
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
