import type { InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda';
import { PublisherError } from '../errors.js';

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

/** How long to keep asking a busy function, and how to wait. */
export interface InvokeOptions {
  readonly force?: boolean;
  /** Give up on a throttled function after this long (default 6 minutes: longer than one run may take). */
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
 * Lambda throttles the call: that is retried, with waits of up to 10 s, for `busyTimeoutMs`. A
 * function error (the handler threw, a timeout) becomes a {@link FunctionError} carrying the
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
  const deadline = clock() + (options.busyTimeoutMs ?? 6 * 60_000);
  const payload = new TextEncoder().encode(JSON.stringify({ action: 'rebuild', ...(options.force ? { force: true } : {}) }));
  let response: InvokeCommandOutput;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }));
      break;
    } catch (error) {
      const wait = BUSY_DELAYS_MS[Math.min(attempt, BUSY_DELAYS_MS.length - 1)] ?? 10_000;
      if ((error as { name?: unknown }).name !== 'TooManyRequestsException' || clock() + wait > deadline) throw error;
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

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
