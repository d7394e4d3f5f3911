import type { Cdn, InvalidateOptions, InvalidationSent, Scheduler } from '../ports.js';
import { loadOnce as once } from '../util/load-once.js';

/**
 * A {@link Cdn} whose adapter (and the SDK client behind it) is loaded by its first invalidation.
 * The Lambda's cold start then never compiles the CloudFront client, which only a run that changed
 * files needs; `waitUntilLive` with nothing invalidated does not load it either.
 *
 * @example
 * const cdn = new LazyCdn(async () => new (await import('./cloudfront-cdn.js')).CloudFrontCdn({ client, distributionId }));
 */
export class LazyCdn implements Cdn {
  readonly #load: () => Promise<Cdn>;
  #loaded: Cdn | undefined;

  constructor(load: () => Promise<Cdn>) {
    this.#load = once(load);
  }

  async invalidate(paths: readonly string[], options?: InvalidateOptions): Promise<InvalidationSent | undefined> {
    if (paths.length === 0) return undefined;
    this.#loaded = await this.#load();
    return await this.#loaded.invalidate(paths, options);
  }

  /** Nothing to wait for until something was invalidated through this instance. */
  async waitUntilLive(signal?: AbortSignal): Promise<void> {
    await this.#loaded?.waitUntilLive?.(signal);
  }
}

/**
 * A {@link Scheduler} whose adapter (and the SDK client behind it) is loaded by its first call, at the
 * end of a run rather than at the cold start. `id` names what it arranges without loading it (see
 * `Scheduler.id`), so a run that has no new time to set never loads it.
 *
 * @example
 * const scheduler = new LazyScheduler(async () => new (await import('./eventbridge-scheduler.js')).EventBridgeScheduler(options), 'default/next');
 */
export class LazyScheduler implements Scheduler {
  readonly #load: () => Promise<Scheduler>;
  readonly id: string | undefined;

  constructor(load: () => Promise<Scheduler>, id?: string) {
    this.#load = once(load);
    this.id = id;
  }

  async scheduleAt(at: number | undefined, options?: { readonly setBefore?: boolean }): Promise<void> {
    await (await this.#load()).scheduleAt(at, options);
  }
}
