import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { FunctionError, invokeRebuild } from '../../../src/cli/invoke-rebuild.js';

const lambda = mockClient(LambdaClient);
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as never;
const throttled = () => new TooManyRequestsException({ message: 'Rate Exceeded.', $metadata: { httpStatusCode: 429 } });

/** A fake clock that the fake sleep moves. */
function fakeTime() {
  let now = 0;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    now += ms;
  };
  return { waits, clock: () => now, sleep };
}

beforeEach(() => lambda.reset());
afterAll(() => lambda.restore());

describe('invokeRebuild', () => {
  it('returns the summary the function returned', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ feeds: 3 }) });
    expect(await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish')).toEqual({ feeds: 3 });
  });

  it('waits for a busy function (throttled by reserved concurrency 1), telling how long', async () => {
    lambda
      .on(InvokeCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ StatusCode: 200, Payload: encode({ feeds: 1 }) });
    const time = fakeTime();
    const told: number[] = [];
    const summary = await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish', { ...time, onBusy: (ms) => told.push(ms) });
    expect(summary).toEqual({ feeds: 1 });
    expect(time.waits).toEqual([1000, 2000]);
    expect(told).toEqual([1000, 2000]);
  });

  it('gives up on a function that stays busy past the timeout, with its error', async () => {
    lambda.on(InvokeCommand).rejects(throttled());
    const time = fakeTime();
    await expect(invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish', { ...time, busyTimeoutMs: 30_000 })).rejects.toThrow('Rate Exceeded.');
    expect(time.waits).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });

  it('throws a FunctionError with the type and first line of the message when the handler failed', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorType: 'ConfigError', errorMessage: 'hugo.toml: baseURL: required\nmore' }),
    });
    const error = await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionError);
    expect((error as Error).message).toBe('function publish failed: ConfigError: hugo.toml: baseURL: required');
  });

  it('reports a timeout without a JSON payload', async () => {
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode('Task timed out after 300.00 seconds') as never });
    await expect(invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish')).rejects.toThrow(
      'function publish failed: Unhandled: Task timed out after 300.00 seconds',
    );
  });
});
