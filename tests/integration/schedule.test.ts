import { CloudFrontClient, CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RecordingHub, startRecordingHub } from '../support/recording-hub.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { settleAll } from '../support/settle-all.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

/**
 * Scheduled posts and expiries end to end through the Lambda handler (from source, as deployed
 * minus the bundling): S3 on s3rver, EventBridge Scheduler and CloudFront mocked with
 * aws-sdk-client-mock, a WebSub hub on 127.0.0.1. Each run sets the one-time wake-up schedule to
 * the next change; "the schedule fires" is the test moving the clock there and invoking the handler
 * with the schedule's input. The clock stays within minutes of the real time (s3rver refuses
 * requests signed more than 15 minutes off).
 */
type Handler = (event: unknown) => Promise<Record<string, unknown>>;

const MINUTE = 60_000;
const BASE_URL = 'https://sched.example.org/';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:feedpub-test-publish';
const ROLE_ARN = 'arn:aws:iam::111122223333:role/feedpub-test-scheduler';
/** A whole minute at most a minute before the real time: the simulated day starts here. */
const T0 = Math.floor(Date.now() / MINUTE) * MINUTE;
const POST_AT = T0 + 4 * MINUTE + 30_000;
const EXPIRES_AT = T0 + 9 * MINUTE;

const schedulerMock = mockClient(SchedulerClient);
const cloudFrontMock = mockClient(CloudFrontClient);
const savedEnv = { ...process.env };
let s3: S3Server;
let hub: RecordingHub;
let handler: Handler;
/** `performance.now()` of the last GetInvalidation that reported Completed. */
let liveAt = Number.NaN;
/** The schedule as EventBridge Scheduler would hold it (the mock keeps state). */
let schedule: CreateScheduleCommandInput | undefined;

const iso = (ms: number) => new Date(ms).toISOString();
const at = (ms: number) => `at(${iso(ms).slice(0, 19)})`;

function site(hubUrl: string): Record<string, string> {
  const post = (fields: string, body: string) => `---\n${fields}\n---\n\n${body}\n`;
  return {
    'hugo.toml': [
      `baseURL = "${BASE_URL}"`,
      'title = "Scheduled News"',
      'languageCode = "en"',
      'timeZone = "UTC"',
      '[params]',
      'description = "A site with a scheduled post and an expiring notice"',
      'author = "News Desk"',
      '[taxonomies]',
      'category = "categories"',
      'tag = "tags"',
      '[feedpub]',
      `hub = "${hubUrl}"`,
      '',
    ].join('\n'),
    'content/posts/live.md': post(`title: "Always here"\ndate: "${iso(T0 - 86_400_000)}"\ncategories: ["News"]\ntags: ["Calm"]`, 'Published long ago.'),
    'content/posts/scheduled.md': post(
      `title: "Arrives on time"\ndate: "${iso(POST_AT)}"\ncategories: ["News"]\ntags: ["Launch"]`,
      'Embargoed until its minute.',
    ),
    'content/posts/expiring.md': post(
      `title: "Gone soon"\ndate: "${iso(T0 - 2 * 86_400_000)}"\nexpiryDate: "${iso(EXPIRES_AT)}"\ncategories: ["Notices"]`,
      'Valid for a few minutes more.',
    ),
  };
}

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  await settleAll([
    startS3Server({ buckets: ['sched-content', 'sched-feeds'] }).then((server) => {
      s3 = server;
    }),
    startRecordingHub().then((server) => {
      hub = server;
    }),
  ]);
  for (const [key, body] of Object.entries(site(hub.url))) {
    await s3.client.send(new PutObjectCommand({ Bucket: 'sched-content', Key: key, Body: body }));
  }
  // EventBridge Scheduler with state: update needs an existing schedule, create a missing one.
  const missing = 'Schedule next-change does not exist.';
  const notFound = () => new ResourceNotFoundException({ message: missing, Message: missing, $metadata: {} });
  schedulerMock.on(UpdateScheduleCommand).callsFake((input: CreateScheduleCommandInput) => {
    if (!schedule) throw notFound();
    schedule = input;
    return { ScheduleArn: 'arn:aws:scheduler:us-east-1:111122223333:schedule/feedpub-test/next-change' };
  });
  schedulerMock.on(CreateScheduleCommand).callsFake((input: CreateScheduleCommandInput) => {
    if (schedule) throw new ConflictException({ message: 'exists', Message: 'exists', $metadata: {} });
    schedule = input;
    return { ScheduleArn: 'arn:aws:scheduler:us-east-1:111122223333:schedule/feedpub-test/next-change' };
  });
  schedulerMock.on(DeleteScheduleCommand).callsFake(() => {
    if (!schedule) throw notFound();
    schedule = undefined;
    return {};
  });
  cloudFrontMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I2TEST', Status: 'InProgress' } as never });
  cloudFrontMock.on(GetInvalidationCommand).callsFake(() => {
    liveAt = performance.now();
    return { Invalidation: { Id: 'I2TEST', Status: 'Completed' } };
  });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  Object.assign(process.env, {
    ...s3.env,
    CONTENT_BUCKET: 'sched-content',
    FEEDS_BUCKET: 'sched-feeds',
    CDN_DISTRIBUTION_ID: 'E2TESTDIST',
    SCHEDULE_NAME: 'next-change',
    SCHEDULE_GROUP: 'feedpub-test',
    SCHEDULER_ROLE_ARN: ROLE_ARN,
    FUNCTION_ARN,
  });
  ({ handler } = (await import('../../functions/publish.js')) as { handler: Handler });
}, 60_000);

afterAll(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  process.env = savedEnv;
  schedulerMock.restore();
  cloudFrontMock.restore();
  await Promise.all([s3?.stop(), hub?.stop()]);
});

/** Every published feed file (outside _feedpub/) by key. */
async function published(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const listing = await s3.client.send(new ListObjectsV2Command({ Bucket: 'sched-feeds' }));
  for (const object of listing.Contents ?? []) {
    const key = object.Key ?? '';
    if (key.startsWith('_feedpub/') || !/(index\.xml|atom\.xml|feed\.json)$/.test(key)) continue;
    const response = await s3.client.send(new GetObjectCommand({ Bucket: 'sched-feeds', Key: key }));
    files.set(key, (await response.Body?.transformToString('utf-8')) ?? '');
  }
  return files;
}

function titles(files: ReadonlyMap<string, string>, key: string): string[] {
  const feed = JSON.parse(files.get(key) ?? '{"items":[]}') as { items: { title?: string }[] };
  return feed.items.map((item) => item.title ?? '');
}

/** Feed keys whose bytes differ between two states (new, changed or gone). */
function changed(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

function selfUrls(keys: readonly string[]): string[] {
  return keys.map((key) => BASE_URL + encodeURI(key)).sort();
}

/** What EventBridge Scheduler would do at the schedule's time: invoke the target with its input. */
async function fire(): Promise<Record<string, unknown>> {
  expect(schedule?.Target?.Arn).toBe(FUNCTION_ARN);
  return handler(JSON.parse(schedule?.Target?.Input ?? 'null'));
}

// A sequence: one simulated day in this order, each test starting from the buckets, the schedule, the clock
// and `feeds` the one before left (the first run sets the schedule that the next ones find, move and delete).
// Run alone (-t), the middle four fail; the first and the last pass.
describe('scheduled posts and expiries through the handler, woken by the one-time schedule', { shuffle: false }, () => {
  let feeds = new Map<string, string>();

  it('a run holds the future post back and sets the schedule at its minute', async () => {
    // Act
    const summary = await handler({ action: 'rebuild' });
    // Assess
    expect(summary).toMatchObject({ trigger: 'rebuild', nextChangeAt: POST_AT });
    expect(schedulerMock.commandCalls(CreateScheduleCommand)).toHaveLength(1);
    expect(schedule).toMatchObject({
      Name: 'next-change',
      GroupName: 'feedpub-test',
      ScheduleExpression: at(T0 + 5 * MINUTE), // 4:30 rounded up: never before the post
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: FUNCTION_ARN, RoleArn: ROLE_ARN },
    });
    expect(JSON.parse(schedule?.Target?.Input ?? '')).toEqual({ action: 'rebuild' });
    feeds = await published();
    expect(titles(feeds, 'feed.json')).toEqual(['Always here', 'Gone soon']);
    expectValidFeeds(feeds, BASE_URL);
    // Every new feed was announced, once CloudFront had it everywhere.
    expect(hub.pinged().sort()).toEqual(selfUrls([...feeds.keys()]));
    for (const request of hub.requests) expect(request.at).toBeGreaterThan(liveAt);
  });

  it('the hourly run sets a pending wake-up again when it was lost (deleted by hand)', async () => {
    // Prepare: the schedule is gone; the post is still more than two minutes away.
    schedulerMock.resetHistory();
    const set = schedule;
    schedule = undefined;
    vi.setSystemTime(T0 + MINUTE);
    // Act
    await handler({ action: 'rebuild' });
    // Assess: set again, as it was (an update finding nothing, then a create).
    expect(schedulerMock.commandCalls(CreateScheduleCommand)).toHaveLength(1);
    expect(schedule).toEqual(set);
    expect(await published()).toEqual(feeds);
  });

  it('when the schedule fires, the post appears, only the feeds it changes are announced, and the schedule moves to the expiry', async () => {
    // Prepare
    hub.reset();
    schedulerMock.resetHistory();
    vi.setSystemTime(T0 + 5 * MINUTE);
    // Act
    const summary = await fire();
    // Assess
    const after = await published();
    expect(titles(after, 'feed.json')).toEqual(['Arrives on time', 'Always here', 'Gone soon']);
    expect(titles(after, 'tags/launch/feed.json')).toEqual(['Arrives on time']);
    expect(titles(after, 'categories/notices/feed.json')).toEqual(['Gone soon']);
    const touched = changed(feeds, after);
    expect(touched).toContain('categories/news/atom.xml');
    expect(touched).not.toContain('categories/notices/atom.xml');
    expect(hub.pinged().sort()).toEqual(selfUrls(touched));
    for (const request of hub.requests) expect(request.at).toBeGreaterThan(liveAt);
    expect(summary).toMatchObject({ nextChangeAt: EXPIRES_AT });
    // Updated in place (it exists), not created again.
    expect(schedulerMock.commandCalls(UpdateScheduleCommand)).toHaveLength(1);
    expect(schedulerMock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    expect(schedule?.ScheduleExpression).toBe(at(EXPIRES_AT));
    expectValidFeeds(after, BASE_URL);
    feeds = after;
  });

  it('when it fires again, the expired notice disappears and, with nothing left to wait for, the schedule is deleted', async () => {
    // Prepare
    hub.reset();
    schedulerMock.resetHistory();
    vi.setSystemTime(EXPIRES_AT);
    // Act
    const summary = await fire();
    // Assess
    const after = await published();
    expect(titles(after, 'feed.json')).toEqual(['Arrives on time', 'Always here']);
    expect(after.has('categories/notices/feed.json')).toBe(false);
    expect(summary).not.toHaveProperty('nextChangeAt');
    expect(schedulerMock.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toEqual([{ Name: 'next-change', GroupName: 'feedpub-test' }]);
    expect(schedule).toBeUndefined();
    // Deleted feeds are no WebSub topics any more: only the feeds still published that changed are announced.
    const touched = changed(feeds, after).filter((key) => after.has(key));
    expect(touched.length).toBeGreaterThan(0);
    expect(hub.pinged().sort()).toEqual(selfUrls(touched));
    expectValidFeeds(after, BASE_URL);
    feeds = after;
  });

  it('a later run with nothing to publish announces nothing and asks the scheduler nothing (the last run cleared it)', async () => {
    hub.reset();
    schedulerMock.resetHistory();
    vi.setSystemTime(EXPIRES_AT + 30 * 1000);
    const summary = await handler({ action: 'rebuild' });
    expect(summary).toMatchObject({ written: 0, deleted: 0, invalidated: 0 });
    expect(hub.requests).toEqual([]);
    expect(schedulerMock.calls()).toHaveLength(0);
    expect(schedule).toBeUndefined();
    expect(await published()).toEqual(feeds);
  });

  it('a forced rebuild clears it again all the same, finding nothing to delete', async () => {
    schedulerMock.resetHistory();
    vi.setSystemTime(EXPIRES_AT + 60 * 1000);
    await handler({ action: 'rebuild', force: true });
    expect(schedulerMock.commandCalls(DeleteScheduleCommand)).toHaveLength(1);
    expect(schedule).toBeUndefined();
  });
});
