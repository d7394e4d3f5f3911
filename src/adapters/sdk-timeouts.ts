/** How long an AWS SDK request may wait: to connect, and for its next byte (its socket idle). */
export interface SdkTimeouts {
  readonly connectMs: number;
  readonly idleMs: number;
}

/**
 * A connection that does not open in 5 s, or a response that stalls for 60 s, fails the attempt (and is
 * retried) instead of holding the run until the function is killed: the SDK waits forever by default.
 */
export const DEFAULT_TIMEOUTS: SdkTimeouts = { connectMs: 5_000, idleMs: 60_000 };

/**
 * The `requestHandler` setting of an AWS SDK client with these timeouts (the SDK's `requestTimeout` only
 * warns; its `socketTimeout` fails the attempt).
 *
 * @example new CloudFrontClient({ region: 'us-east-1', requestHandler: requestHandlerWith() });
 */
export function requestHandlerWith(timeouts: SdkTimeouts = DEFAULT_TIMEOUTS): { connectionTimeout: number; socketTimeout: number } {
  return { connectionTimeout: timeouts.connectMs, socketTimeout: timeouts.idleMs };
}
