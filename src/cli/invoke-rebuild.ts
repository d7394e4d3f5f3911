import type { InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { PublisherError } from '../errors.js';
import { isRecord } from '../util/record.js';

/** The deployed function ran and failed (its handler threw, or it timed out). */
export class FunctionError extends PublisherError {
  override readonly name = 'FunctionError';
  constructor(
    message: string,
    /** The error type the function reported (`ConfigError`, `StorageError`, `Unhandled`, ...). */
    readonly errorType?: string,
  ) {
    super(message);
  }
}

/**
 * The deployed function's timeout in seconds (`provider.timeout` in serverless.yml: a test keeps the two
 * equal). One run takes at most this long.
 */
export const FUNCTION_TIMEOUT_SECONDS = 900;

/**
 * How long {@link invokeRebuild} keeps asking a busy function by default: the function's timeout and a
 * minute (16 minutes), so that a run that had just started when the first call was throttled has ended,
 * one way or the other, before it gives up.
 */
export const BUSY_TIMEOUT_MS = (FUNCTION_TIMEOUT_SECONDS + 60) * 1000;

/**
 * The deployed function stayed busy (throttled: reserved concurrency 1 lets one run at a time) for as
 * long as {@link invokeRebuild} would wait: another run is publishing, and the feeds update when it ends.
 * An infrastructure failure for the CLI (exit 3), not a failure of the function.
 */
export class FunctionBusyError extends PublisherError {
  override readonly name = 'FunctionBusyError';
  constructor(
    readonly functionName: string,
    /** How long the calls were throttled, in ms. */
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(`function ${functionName} was still busy after ${duration(waitedMs)}: another run is publishing; the feeds will update when it ends`, options);
  }
}

/** How long to keep asking a busy function, and how to wait. */
export interface InvokeOptions {
  readonly force?: boolean;
  /** Give up on a throttled function after this long (default {@link BUSY_TIMEOUT_MS}: longer than one run may take). */
  readonly busyTimeoutMs?: number;
  /** Told before each wait for a busy function. */
  readonly onBusy?: (waitMs: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly clock?: () => number;
}

/** Waits between attempts on a busy function: 1, 2, 4, 8, then every 10 seconds. */
const BUSY_DELAYS_MS = [1000, 2000, 4000, 8000, 10_000];

/**
 * Invokes the deployed function with `{"action":"rebuild"}` (and `"force": true` when asked),
 * synchronously (RequestResponse), and returns the summary it returned. The function runs one at a
 * time (reserved concurrency 1), so while a run started by the upload's notifications is going,
 * Lambda throttles the call: that is retried, with waits of up to 10 s, for `busyTimeoutMs` (by default
 * the function's timeout and a minute), then a {@link FunctionBusyError} is thrown. A function error (the handler threw, a timeout) becomes a {@link FunctionError} carrying the
 * function's error type and message; other SDK errors (not found, access denied, no credentials)
 * are thrown as they are.
 *
 * @example
 * const summary = await invokeRebuild(new LambdaClient({}), 'feedpub-prod-publish', { force: false });
 */
export async function invokeRebuild(client: LambdaClient, functionName: string, options: InvokeOptions = {}): Promise<Record<string, unknown>> {
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clock = options.clock ?? Date.now;
  const started = clock();
  const deadline = started + (options.busyTimeoutMs ?? BUSY_TIMEOUT_MS);
  const payload = new TextEncoder().encode(JSON.stringify({ action: 'rebuild', ...(options.force ? { force: true } : {}) }));
  let response: InvokeCommandOutput;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }));
      break;
    } catch (error) {
      const wait = BUSY_DELAYS_MS[Math.min(attempt, BUSY_DELAYS_MS.length - 1)] ?? 10_000;
      if ((error as { name?: unknown }).name !== 'TooManyRequestsException') throw error;
      if (clock() + wait > deadline) throw new FunctionBusyError(functionName, clock() - started, { cause: error });
      options.onBusy?.(wait);
      await sleep(wait);
    }
  }
  const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  const body = parse(text);
  if (response.FunctionError) {
    const type = typeof body?.errorType === 'string' ? body.errorType : response.FunctionError;
    const message = typeof body?.errorMessage === 'string' ? body.errorMessage : text.slice(0, 500) || 'no error message';
    throw new FunctionError(`function ${functionName} failed: ${type}: ${message.split('\n')[0]}`, type);
  }
  return body ?? {};
}

/** `45 s` under two minutes, else whole minutes (`16 min`). */
function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
