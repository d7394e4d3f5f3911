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

/**
 * A site or function configuration that cannot work; `key` names the offending setting, `cause` what
 * failed underneath (a config file's parser error).
 *
 * @example throw new ConfigError('(syntax)', 'line 3: expected "="', 'hugo.toml', { cause: error });
 */
export class ConfigError extends PublisherError {
  override readonly name: string = 'ConfigError';
  constructor(
    readonly key: string,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(`${file ? `${file}: ` : ''}${key}: ${message}`, options);
  }
}

/**
 * Several settings of a site config that cannot work, each its own {@link ConfigError}: all of them at once,
 * so an author fixes them in one go. `key` lists their keys and `file` is theirs when they share one;
 * the message is theirs, one after the other (`hugo.toml: feedpub.limit: …; feedpub.toml: formats: …`).
 * {@link configErrorOf} makes one of a list (a single error stays itself).
 */
export class ConfigErrors extends ConfigError {
  override readonly name: string = 'ConfigErrors';
  constructor(readonly errors: readonly ConfigError[]) {
    const files = new Set(errors.map((e) => e.file));
    super(errors.map((e) => e.key).join(', '), '', files.size === 1 ? errors[0]?.file : undefined);
    this.message = `${errors.length} settings cannot work: ${errors.map((e) => e.message).join('; ')}`;
  }
}

/**
 * The error to throw for `errors` (at least one): the error itself when it is alone, else a {@link ConfigErrors}.
 *
 * @example throw configErrorOf([new ConfigError('limit', 'must be a whole number', 'hugo.toml')]);
 */
export function configErrorOf(errors: readonly ConfigError[]): ConfigError {
  const flat = errors.flatMap((e) => (e instanceof ConfigErrors ? e.errors : [e]));
  return flat.length === 1 && flat[0] !== undefined ? flat[0] : new ConfigErrors(flat);
}

/**
 * A folder a listing starts at (a content folder, `config/`) that is reached only through a symbolic link
 * leading outside the site folder (`content -> ../shared/content`). Nothing is read outside the site folder
 * (a build in CI could otherwise publish any file a link leads to), so every page under it would be left out
 * of the feeds with only a warning: a problem of the site's layout that stops the run before it writes, as
 * a config error does. `folder` is the folder listed, `link` the link on the way to it (the folder itself, or
 * a folder above it), `target` where the link leads as it is written.
 *
 * @example new LinkOutsideError('content/en', 'content', '../1000/content')
 */
export class LinkOutsideError extends ConfigError {
  override readonly name = 'LinkOutsideError';
  constructor(
    readonly folder: string,
    readonly link: string,
    readonly target: string,
  ) {
    super('', '', link);
    this.message =
      `${folder === link ? folder : `${folder} (under ${link})`}: the symbolic link ${link} → ${target} leads outside the site folder, ` +
      'and feedpub reads nothing outside it (a build could otherwise publish any file a link leads to): make it a folder of the ' +
      'site, or build the site folder it leads into';
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
 * A read bounded by `maxBytes` (`Storage.read`) found the object larger: nothing more was read, so a huge
 * upload costs no memory. `size` is the object's size in bytes, as the store gives it. A content problem
 * for the caller that asked for the bound, not a failure to retry.
 *
 * @example if (error instanceof ObjectTooLargeError) problems.push(tooLarge(error.size));
 */
export class ObjectTooLargeError extends StorageError {
  override readonly name = 'ObjectTooLargeError';
  constructor(
    key: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super('read', key, { cause: new Error(`it is ${size} bytes, over the ${maxBytes} this read allows`) });
  }
}

/**
 * An object that exists but cannot be read for a reason of its own, which no retry fixes: archived (S3
 * Glacier Flexible Retrieval, Deep Archive), encrypted with a key the reader does not have or may not use
 * (SSE-C, a KMS key), or a local file without read permission. `reason` says which, for authors. Where a
 * reader can do without the object (one article), it is a content problem; anywhere else, a storage failure.
 *
 * @example if (error instanceof UnreadableObjectError) problems.push({ file: key, severity: 'error', rule: 'unreadable', message: error.reason });
 */
export class UnreadableObjectError extends StorageError {
  override readonly name = 'UnreadableObjectError';
  constructor(
    key: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('read', key, options);
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
  /**
   * The CDN refused for now (too many invalidations in progress, throttled, its own failure), not for a
   * reason that lasts (permissions, a distribution that does not exist): a run that has published defers
   * the invalidation to the next run instead of failing.
   */
  readonly retryLater: boolean;
  constructor(message: string, options?: { cause?: unknown; retryLater?: boolean }) {
    super(message, options);
    this.retryLater = options?.retryLater ?? false;
  }
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

/** A run went over one of its limits (time, memory): it stops before writing more. */
export class RunLimitError extends PublisherError {
  override readonly name = 'RunLimitError';
  constructor(
    readonly limit: 'time' | 'memory',
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
