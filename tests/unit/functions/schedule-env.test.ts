import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLambdaDeps } from '../../../functions/deps.js';
import { readEnv } from '../../../functions/env.js';
import { LazyCdn, LazyScheduler } from '../../../src/adapters/lazy-ports.js';
import { WebSubHub } from '../../../src/adapters/websub-hub.js';
import { ConfigError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/ports.js';

const minimal = { CONTENT_BUCKET: 'feedpub-prod-content', FEEDS_BUCKET: 'feedpub-prod-feeds' };
const schedule = {
  SCHEDULE_NAME: 'next-change',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/feedpub-prod-PublishSchedulerRole-1ABC',
  FUNCTION_ARN: 'arn:aws:lambda:eu-west-1:111122223333:function:feedpub-prod-publish',
};
const schedulerMock = mockClient(SchedulerClient);

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    readEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

function clients(scheduler?: SchedulerClient) {
  return {
    s3: new S3Client({ region: 'eu-west-1' }),
    cloudFront: new CloudFrontClient({ region: 'us-east-1' }),
    ...(scheduler ? { scheduler } : {}),
  };
}

describe('readEnv: the wake-up schedule', () => {
  it('is off when none of its variables is set', () => {
    expect(readEnv(minimal)).not.toHaveProperty('schedule');
    expect(readEnv({ ...minimal, SCHEDULE_NAME: ' ', SCHEDULER_ROLE_ARN: '', FUNCTION_ARN: '' })).not.toHaveProperty('schedule');
  });

  it('reads all of them, the group being optional', () => {
    expect(readEnv({ ...minimal, ...schedule }).schedule).toEqual({
      name: 'next-change',
      roleArn: schedule.SCHEDULER_ROLE_ARN,
      functionArn: schedule.FUNCTION_ARN,
    });
    expect(readEnv({ ...minimal, ...schedule, SCHEDULE_GROUP: 'feedpub-prod' }).schedule?.group).toBe('feedpub-prod');
  });

  it('refuses a partial configuration, naming what is missing', () => {
    const error = configErrorOf({ ...minimal, SCHEDULE_NAME: 'next-change' });
    expect(error.key).toBe('SCHEDULER_ROLE_ARN, FUNCTION_ARN');
    expect(error.message).toContain('SCHEDULER_ROLE_ARN required with SCHEDULE_NAME');
    expect(configErrorOf({ ...minimal, ...schedule, FUNCTION_ARN: '' }).key).toBe('FUNCTION_ARN');
  });

  it('refuses values that cannot be right, naming the variable', () => {
    expect(configErrorOf({ ...minimal, ...schedule, SCHEDULE_NAME: 'next change' }).key).toBe('SCHEDULE_NAME');
    expect(configErrorOf({ ...minimal, ...schedule, SCHEDULE_GROUP: 'x'.repeat(65) }).key).toBe('SCHEDULE_GROUP');
    expect(configErrorOf({ ...minimal, ...schedule, SCHEDULER_ROLE_ARN: 'feedpub-scheduler' }).key).toBe('SCHEDULER_ROLE_ARN');
    // The two ARNs swapped: each is the wrong kind.
    const swapped = configErrorOf({ ...minimal, ...schedule, SCHEDULER_ROLE_ARN: schedule.FUNCTION_ARN, FUNCTION_ARN: schedule.SCHEDULER_ROLE_ARN });
    expect(swapped.key).toBe('SCHEDULER_ROLE_ARN, FUNCTION_ARN');
  });
});

describe('createLambdaDeps: hub, wake-up schedule and CDN wait', () => {
  afterEach(() => {
    schedulerMock.reset();
    vi.useRealTimers();
  });

  it('always wires the WebSub hub (the site config decides whether it is used), and the schedule only when configured', () => {
    const without = createLambdaDeps(minimal, clients(), silentLogger).rebuild;
    expect(without.hub).toBeInstanceOf(WebSubHub);
    expect(without.scheduler).toBeUndefined();
    const withSchedule = createLambdaDeps({ ...minimal, ...schedule }, clients(), silentLogger).rebuild;
    // Loaded at its first use, not at the cold start (the next test drives it through the client).
    expect(withSchedule.scheduler).toBeInstanceOf(LazyScheduler);
    // Its id names the schedule and the target, so a run can tell it already set this time on it.
    expect(withSchedule.scheduler?.id).toBe(`eventbridge-scheduler default/next-change -> ${schedule.FUNCTION_ARN} as ${schedule.SCHEDULER_ROLE_ARN}`);
  });

  it('waits for CloudFront through the configured distribution', () => {
    const { cdn } = createLambdaDeps({ ...minimal, CDN_DISTRIBUTION_ID: 'E2EXAMPLE' }, clients(), silentLogger).rebuild;
    expect(cdn).toBeInstanceOf(LazyCdn);
    expect(typeof cdn.waitUntilLive).toBe('function');
  });

  it('schedules through the given client, the configured schedule, target and role, on the shared clock', async () => {
    // Prepare: the clock is read at each call, so a test (or a long warm container) sees the time move.
    schedulerMock.on(UpdateScheduleCommand).resolves({});
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2025-06-01T08:00:00Z'));
    const deps = createLambdaDeps(
      { ...minimal, ...schedule, SCHEDULE_GROUP: 'feedpub-prod' },
      clients(new SchedulerClient({ region: 'eu-west-1' })),
      silentLogger,
    ).rebuild;
    vi.setSystemTime(Date.parse('2025-06-01T09:00:00Z'));
    // Act
    expect(deps.clock()).toBe(Date.parse('2025-06-01T09:00:00Z'));
    await deps.scheduler?.scheduleAt(Date.parse('2025-06-01T08:30:00Z'));
    // Assess: in the past by the moved clock → the next minute after it.
    expect(schedulerMock.commandCalls(UpdateScheduleCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({
        Name: 'next-change',
        GroupName: 'feedpub-prod',
        ScheduleExpression: 'at(2025-06-01T09:01:00)',
        Target: expect.objectContaining({ Arn: schedule.FUNCTION_ARN, RoleArn: schedule.SCHEDULER_ROLE_ARN }),
      }),
    ]);
  });
});

describe('createLambdaDeps: the scheduler client made on demand', () => {
  afterEach(() => schedulerMock.reset());

  it("creates it in the function's region, at the first schedule, when none is given", async () => {
    schedulerMock.on(UpdateScheduleCommand).resolves({});
    const { s3 } = clients();
    const deps = createLambdaDeps({ ...minimal, ...schedule, AWS_REGION: 'eu-west-1' }, { s3 }, silentLogger).rebuild;
    expect(schedulerMock.calls()).toHaveLength(0);
    await deps.scheduler?.scheduleAt(Date.parse('2031-06-01T01:00:00Z'));
    expect(schedulerMock.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
    expect(await (schedulerMock.send.thisValues[0] as SchedulerClient).config.region()).toBe('eu-west-1');
  });
});

describe('run limits in Lambda', () => {
  it('stop at 90% of the memory, and are off when unknown', async () => {
    const { runLimits } = await import('../../../functions/deps.js');
    expect(runLimits({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024' })).toEqual({ maxMemoryBytes: Math.floor(1024 * 0.9 * 2 ** 20) });
    expect(runLimits({})).toEqual({});
  });

  it("stop 30 s before the invocation's deadline, from Lambda's context, whatever the environment says", async () => {
    const { withDeadline } = await import('../../../functions/deps.js');
    const left = (ms: number) => ({ getRemainingTimeInMillis: () => ms });
    const memory = { maxMemoryBytes: 1 };
    expect(withDeadline(memory, left(900_000))).toEqual({ maxMemoryBytes: 1, maxRunMs: 870_000 });
    // A variable that once told the run its timeout counts for nothing ('15m', '60' or none removed the limit).
    const { runLimits } = await import('../../../functions/deps.js');
    for (const FEEDPUB_TIMEOUT_SECONDS of ['15m', '60', undefined]) {
      expect(withDeadline(runLimits({ FEEDPUB_TIMEOUT_SECONDS }), left(300_000))).toEqual({ maxRunMs: 270_000 });
    }
    // A function of a minute or less keeps half of what is left, rather than no limit.
    expect(withDeadline({}, left(60_000))).toEqual({ maxRunMs: 30_000 });
    expect(withDeadline({}, left(10_000))).toEqual({ maxRunMs: 5_000 });
    // No context (tests, a call from code): no time limit.
    expect(withDeadline(memory)).toBe(memory);
  });
});
