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
  override readonly name = 'StorageError';
  constructor(
    readonly operation: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`storage ${operation} ${key} failed${cause}`, options);
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
