/**
 * Typed errors. Content problems are collected as `Problem`s, never thrown; these classes are for
 * what stops a run (config) or should be retried (storage, CDN).
 */
export class PublisherError extends Error {
  override readonly name: string = 'PublisherError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A site or function configuration that cannot work; `key` names the offending setting. */
export class ConfigError extends PublisherError {
  override readonly name = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}${key}: ${message}`);
  }
}

/** A storage operation failed; thrown so that Lambda (or the CLI user) retries. */
export class StorageError extends PublisherError {
  override readonly name: string = 'StorageError';
  constructor(
    readonly operation: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`storage ${operation} ${key} failed${cause}`, options);
  }
}

/**
 * A conditional write found the object changed since it was read (another run wrote it): nothing was
 * written. Thrown, as any storage failure, so that the run is retried.
 */
export class WriteConflictError extends StorageError {
  override readonly name = 'WriteConflictError';
  constructor(key: string) {
    super('write', key, { cause: new Error('it changed since this run read it (another run wrote it)') });
  }
}

/** The CDN invalidation failed. */
export class CdnError extends PublisherError {
  override readonly name = 'CdnError';
}

/** The incoming event is not one the handler accepts. */
export class EventError extends PublisherError {
  override readonly name = 'EventError';
}

/**
 * A page changed (or went) after the run took its record: from the manifest, in a run for reported keys,
 * when the change was never reported or a run died before recording it; from its own listing, when an
 * upload lands during the run. Its items would mix the record's title, dates and draft state with the new
 * body. `rebuild` runs again as a full run once; thrown a second time, so the run is retried.
 */
export class SourceChangedError extends PublisherError {
  override readonly name = 'SourceChangedError';
  constructor(readonly key: string) {
    super(`${key} changed while the run was using its earlier record`);
  }
}

/** A run went over one of its limits (time, memory, number of articles): it stops before writing more. */
export class RunLimitError extends PublisherError {
  override readonly name = 'RunLimitError';
  constructor(
    readonly limit: 'time' | 'memory' | 'articles',
    message: string,
  ) {
    super(message);
  }
}

/** One notification the hub did not accept. */
export interface HubFailure {
  /** The topic (feed) URL of the notification. */
  readonly feedUrl: string;
  /** The HTTP status of the last attempt; absent when no response came (network error, timeout). */
  readonly status?: number;
  /** What went wrong, for people: `HTTP 503: busy` or `network error: connect ECONNREFUSED`. */
  readonly reason: string;
}

/**
 * The hub refused or could not be reached for one or more notifications (after the retries).
 * An infrastructure error: thrown, like a storage or CDN failure.
 */
export class HubError extends PublisherError {
  override readonly name = 'HubError';
  constructor(
    /** The hub that was notified. */
    readonly hubUrl: string,
    /** Every notification that failed, in input order. */
    readonly failures: readonly HubFailure[],
    /** How many notifications were sent in all. */
    readonly total: number,
  ) {
    const listed = failures
      .slice(0, 5)
      .map((f) => `${f.feedUrl} (${f.reason})`)
      .join(', ');
    const more = failures.length > 5 ? `, and ${failures.length - 5} more` : '';
    super(`WebSub hub ${hubUrl} did not accept ${failures.length} of ${total} publish notification(s): ${listed}${more}`);
  }
}
