import { CdnError, ConfigError, EventError, RunLimitError, SourceChangedError, StorageError, UnreadableObjectError, WriteConflictError } from '../src/index.js';

/**
 * What an operator does about a run that failed with `error` (README, Reliability), by its class: a
 * subclass gets its own advice before its base class's (`ConfigErrors` and `NoSiteConfigError` are config
 * errors, `WriteConflictError` a storage error of its own).
 *
 * @example failureAction(new EventError('not an S3 notification')) // 'the event is not one the function reads (…)'
 */
export function failureAction(error: unknown): string {
  if (error instanceof ConfigError) {
    return 'fix the site config the message names (the authors report, _feedpub/report.json in the content bucket, says the same); the next hourly run publishes';
  }
  if (error instanceof WriteConflictError) {
    return 'another run replaced the manifest meanwhile (a feedpub rebuild run beside the function?); nothing to do: the retry or the next hourly run converges';
  }
  if (error instanceof SourceChangedError) {
    return 'the page the message names changed again while the run read it once more as a full run (uploads during the run); nothing to do: Lambda retries the batch with the pages as they are then; if it repeats, something keeps rewriting that page';
  }
  if (error instanceof RunLimitError) {
    return 'the run went over its time or memory budget: the retry starts again from the beginning; if it repeats, see docs/deployment.md, Time limit';
  }
  if (error instanceof UnreadableObjectError) {
    return 'most pages the run read cannot be read (a KMS key the function may not use, archived objects): fix the key or restore them';
  }
  if (error instanceof StorageError) {
    return 'S3 refused or failed (the message names the bucket, key and code: permissions, a missing bucket, throttling); Lambda retries the batch';
  }
  if (error instanceof CdnError) {
    return 'CloudFront refused the invalidation for a reason that does not pass (the message names it: access denied, no such distribution): fix it; the next run invalidates those paths again';
  }
  if (error instanceof EventError) return 'the event is not one the function reads (see docs/cli.md, rebuild: {"action":"rebuild"})';
  return 'unexpected: Lambda retries the batch; if it repeats, the stack in the next log line says where';
}
