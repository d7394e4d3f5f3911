import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { atExpression, EventBridgeScheduler, SchedulerError, scheduleTime } from '../../../src/adapters/eventbridge-scheduler.js';
import { PublisherError } from '../../../src/errors.js';

const scheduler = mockClient(SchedulerClient);
const FUNCTION = 'arn:aws:lambda:eu-west-1:111122223333:function:feedpub-prod-publish';
const ROLE = 'arn:aws:iam::111122223333:role/feedpub-prod-scheduler';
const NOW = Date.parse('2025-06-01T08:00:00.000Z');

function adapter(options: { groupName?: string; now?: number } = {}) {
  return new EventBridgeScheduler({
    client: new SchedulerClient({ region: 'eu-west-1' }),
    name: 'next-change',
    targetArn: FUNCTION,
    roleArn: ROLE,
    clock: () => options.now ?? NOW,
    ...(options.groupName === undefined ? {} : { groupName: options.groupName }),
  });
}

const missing = 'Schedule next-change does not exist.';
const notFound = () => new ResourceNotFoundException({ message: missing, Message: missing, $metadata: {} });

function updates() {
  return scheduler.commandCalls(UpdateScheduleCommand).map((call) => call.args[0].input);
}

describe('EventBridgeScheduler', () => {
  afterEach(() => {
    scheduler.reset();
  });

  it('updates the schedule in place: one-time, UTC, flexible window off, kept after it fires, invoking the function with {"action":"rebuild"}', async () => {
    // Prepare
    scheduler.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    // Act
    await adapter({ groupName: 'feedpub-prod' }).scheduleAt(Date.parse('2031-06-01T01:00:00Z'));
    // Assess
    expect(scheduler.calls()).toHaveLength(1);
    const [input] = updates();
    expect(input).toMatchObject({
      Name: 'next-change',
      GroupName: 'feedpub-prod',
      ScheduleExpression: 'at(2031-06-01T01:00:00)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'NONE',
      State: 'ENABLED',
      Target: { Arn: FUNCTION, RoleArn: ROLE },
    });
    expect(JSON.parse(input?.Target?.Input ?? '')).toEqual({ action: 'rebuild' });
  });

  it('creates the schedule when it does not exist yet, with the same definition', async () => {
    scheduler.on(UpdateScheduleCommand).rejects(notFound());
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:x' });
    await adapter().scheduleAt(Date.parse('2031-06-01T01:00:00Z'));
    const created = scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input);
    expect(created).toHaveLength(1);
    expect(created[0]).toEqual(updates()[0]);
    expect(created[0]).not.toHaveProperty('GroupName');
    expect(created[0]?.ScheduleExpression).toBe('at(2031-06-01T01:00:00)');
  });

  it('updates again when a concurrent run created it between the two calls', async () => {
    scheduler.on(UpdateScheduleCommand).rejectsOnce(notFound()).resolves({ ScheduleArn: 'arn:x' });
    scheduler.on(CreateScheduleCommand).rejects(new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} }));
    await adapter().scheduleAt(Date.parse('2031-06-01T01:00:00Z'));
    expect(scheduler.calls().map((call) => call.args[0].constructor.name)).toEqual(['UpdateScheduleCommand', 'CreateScheduleCommand', 'UpdateScheduleCommand']);
  });

  it.each([
    ['a whole minute stays', '2031-06-01T01:00:00.000Z', 'at(2031-06-01T01:00:00)'],
    ['seconds round up, never down (early would find the post still held)', '2031-06-01T01:00:00.001Z', 'at(2031-06-01T01:01:00)'],
    ['the last second of a day rolls into the next (UTC)', '2031-12-31T23:59:59.000Z', 'at(2032-01-01T00:00:00)'],
    ['a time in the past becomes the next minute a minute away', '2020-01-01T00:00:00.000Z', 'at(2025-06-01T08:01:00)'],
    ['a time within the next minute too', '2025-06-01T08:00:30.000Z', 'at(2025-06-01T08:01:00)'],
  ])('expression: %s', async (_what, at, expression) => {
    scheduler.on(UpdateScheduleCommand).resolves({});
    await adapter().scheduleAt(Date.parse(at));
    expect(updates()[0]?.ScheduleExpression).toBe(expression);
  });

  it('schedules at the minute after the instant, but never less than 15 s ahead of the clock', () => {
    const now = Date.parse('2025-06-01T08:00:50.000Z');
    expect(new Date(scheduleTime(now - 1, now)).toISOString()).toBe('2025-06-01T08:02:00.000Z');
    expect(new Date(scheduleTime(now + 5_000, now)).toISOString()).toBe('2025-06-01T08:02:00.000Z');
    expect(new Date(scheduleTime(now + 70_000, now)).toISOString()).toBe('2025-06-01T08:02:00.000Z');
    expect(new Date(scheduleTime(now + 70_001, now)).toISOString()).toBe('2025-06-01T08:03:00.000Z');
    // A post due in the next minute is woken at that minute (it was a minute later), seen 40 s before it.
    const early = Date.parse('2025-06-01T08:00:20.000Z');
    expect(new Date(scheduleTime(Date.parse('2025-06-01T08:01:00.000Z'), early)).toISOString()).toBe('2025-06-01T08:01:00.000Z');
    expect(new Date(scheduleTime(Date.parse('2025-06-01T08:00:40.000Z'), early)).toISOString()).toBe('2025-06-01T08:01:00.000Z');
    expect(atExpression(Date.parse('2031-06-01T01:02:03.456Z'))).toBe('at(2031-06-01T01:02:03)');
  });

  it('leaves a time set before whose minute fires within 15 s, and sets any other', async () => {
    // 10 s before the minute a post at 07:59:55 was set for (08:00): left to fire.
    scheduler.on(UpdateScheduleCommand).resolves({});
    const near = adapter({ now: Date.parse('2025-06-01T07:59:50.000Z') });
    await near.scheduleAt(Date.parse('2025-06-01T07:59:55.000Z'), { setBefore: true });
    expect(updates()).toEqual([]);
    // Not set before (a new time), or further away: set, at least 15 s ahead.
    await near.scheduleAt(Date.parse('2025-06-01T07:59:55.000Z'));
    await near.scheduleAt(Date.parse('2025-06-01T08:00:30.000Z'), { setBefore: true });
    expect(updates().map((u) => u.ScheduleExpression)).toEqual(['at(2025-06-01T08:01:00)', 'at(2025-06-01T08:01:00)']);
  });

  it('deletes the schedule when there is no next change, and ignores one that does not exist', async () => {
    scheduler.on(DeleteScheduleCommand).resolvesOnce({}).rejects(notFound());
    await adapter({ groupName: 'feedpub-prod' }).scheduleAt(undefined);
    await adapter().scheduleAt(undefined);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([
      { Name: 'next-change', GroupName: 'feedpub-prod' },
      { Name: 'next-change' },
    ]);
    expect(scheduler.commandCalls(UpdateScheduleCommand)).toHaveLength(0);
  });

  it('turns other failures into SchedulerError with the cause', async () => {
    const message = 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.';
    const refused = new ValidationException({ message, Message: message, $metadata: {} });
    scheduler.on(UpdateScheduleCommand).rejects(refused);
    const error = await adapter({ groupName: 'feedpub-prod' })
      .scheduleAt(Date.parse('2031-06-01T01:00:00Z'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SchedulerError);
    expect(error).toBeInstanceOf(PublisherError);
    expect((error as SchedulerError).name).toBe('SchedulerError');
    expect((error as SchedulerError).cause).toBe(refused);
    expect((error as SchedulerError).message).toContain('feedpub-prod/next-change');
    expect((error as SchedulerError).message).toContain('at(2031-06-01T01:00:00)');
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(0);

    scheduler.on(DeleteScheduleCommand).rejects(new Error('AccessDenied'));
    await expect(adapter().scheduleAt(undefined)).rejects.toThrow(/default\/next-change delete failed: AccessDenied/);
  });
});
