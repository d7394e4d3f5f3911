import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../../../src/cli/describe-error.js';
import { BUSY_TIMEOUT_MS, FUNCTION_TIMEOUT_SECONDS, FunctionBusyError, FunctionError, invokeRebuild } from '../../../src/cli/invoke-rebuild.js';
import { REPO_ROOT } from '../../support/repo.js';

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

  it('gives up on a function that stays busy past the timeout with a FunctionBusyError that says why', async () => {
    lambda.on(InvokeCommand).rejects(throttled());
    const time = fakeTime();
    const error = await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish', { ...time, busyTimeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(time.waits).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(error).toBeInstanceOf(FunctionBusyError);
    expect((error as Error).message).toBe('function publish was still busy after 25 s: another run is publishing; the feeds will update when it ends');
    // One line, exit 3 (the function), without the SDK's "TooManyRequestsException (HTTP 429): Rate Exceeded."
    expect(describeError(error)).toEqual({
      exitCode: 3,
      message: 'function publish was still busy after 25 s: another run is publishing; the feeds will update when it ends',
      unexpected: false,
    });
  });

  it('waits by default for longer than one run of the function may take (its timeout in serverless.yml)', async () => {
    // Prepare: a function that stays busy for all of one run, 900 s, then answers.
    const time = fakeTime();
    lambda.on(InvokeCommand).callsFake(() => {
      if (time.clock() < FUNCTION_TIMEOUT_SECONDS * 1000) throw throttled();
      return { StatusCode: 200, Payload: encode({ feeds: 2 }) };
    });
    // Act
    const summary = await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish', time);
    // Assess: it was still asking when that run ended; and it gives up after the timeout and a minute.
    expect(summary).toEqual({ feeds: 2 });
    expect(BUSY_TIMEOUT_MS).toBe((FUNCTION_TIMEOUT_SECONDS + 60) * 1000);
    const serverless = readFileSync(path.join(REPO_ROOT, 'serverless.yml'), 'utf8');
    expect(/^provider:\n(?:[ #].*\n|\n)*? {2}timeout: (\d+)$/m.exec(serverless)?.[1]).toBe(String(FUNCTION_TIMEOUT_SECONDS));
  });

  it('says after how many minutes a function that stays busy by default was given up', async () => {
    lambda.on(InvokeCommand).rejects(throttled());
    const time = fakeTime();
    const error = await invokeRebuild(new LambdaClient({ region: 'us-east-1' }), 'publish', time).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionBusyError);
    expect(time.clock()).toBeGreaterThan(BUSY_TIMEOUT_MS - 10_000);
    expect(time.clock()).toBeLessThanOrEqual(BUSY_TIMEOUT_MS);
    expect((error as Error).message).toMatch(/^function publish was still busy after 16 min: /);
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
