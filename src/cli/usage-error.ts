import { PublisherError } from '../errors.js';

/**
 * A mistake in how the CLI was called (a flag, a missing argument, a folder that does not exist):
 * printed as one line and exit code 2, never with a stack trace.
 *
 * @example throw new UsageError('--bucket is required', 'upload');
 */
export class UsageError extends PublisherError {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    /** The command whose `--help` the message points to. */
    readonly command?: string,
  ) {
    super(message);
  }
}
