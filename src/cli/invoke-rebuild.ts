import type { LambdaClient } from '@aws-sdk/client-lambda';
import { PublisherError } from '../errors.js';

/** The deployed function ran and failed (its handler threw, or it timed out). */
export class FunctionError extends PublisherError {
  override readonly name = 'FunctionError';
}

/**
 * Invokes the deployed function with `{"action":"rebuild"}` (and `"force": true` when asked),
 * synchronously (RequestResponse), and returns the summary it returned. A function error (the
 * handler threw, a timeout) becomes a {@link FunctionError} carrying the function's error type and
 * message; SDK errors (not found, access denied, no credentials) are thrown as they are.
 *
 * @example
 * const summary = await invokeRebuild(new LambdaClient({}), 'feedpub-prod-publish', false);
 */
export async function invokeRebuild(client: LambdaClient, functionName: string, force: boolean): Promise<Record<string, unknown>> {
  const payload = JSON.stringify({ action: 'rebuild', ...(force ? { force: true } : {}) });
  const { InvokeCommand } = await import('@aws-sdk/client-lambda');
  const response = await client.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(payload) }),
  );
  const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  const body = parse(text);
  if (response.FunctionError) {
    const type = typeof body?.errorType === 'string' ? body.errorType : response.FunctionError;
    const message = typeof body?.errorMessage === 'string' ? body.errorMessage : text.slice(0, 500) || 'no error message';
    throw new FunctionError(`function ${functionName} failed: ${type}: ${message.split('\n')[0]}`);
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
