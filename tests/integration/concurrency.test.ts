import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambdaDeps } from '../../functions/deps.js';
import { createS3Client } from '../../src/adapters/s3-client.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { WriteConflictError } from '../../src/errors.js';
import { silentLogger, type Storage, type WriteRequest } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { mapLimit } from '../../src/util/map-limit.js';
import { loadEvent } from '../fixtures/events/load-event.js';
import { buildToMemory } from '../support/build.js';
import { type FaultProxy, isWrite, startFaultProxy } from '../support/fault-proxy.js';
import { REPO_ROOT, SAMPLE_NOW } from '../support/repo.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { sampleSiteFiles } from '../support/sample-source.js';

/**
 * Concurrency, against s3rver. The deployment gives one writer: SQS delivers batches of S3 events to
 * a function with reserved concurrency 1, so runs happen one after another. The burst test models
 * exactly that (a serial queue of SQS batches into the real handler); the race tests show what the
 * code does without that guard, and the template test checks the guard is in the deployment.
 *
 * Burst size: every batch costs a full reconcile, so the burst costs (events / batch) × (one no-op run).
 * The deployment takes batches of up to 1,000 events (serverless.yml), so 5,000 articles with every
 * event delivered twice are 10 batches: about a minute on these machines (upload ~25 s, first run
 * ~20 s, then no-op runs). FEEDPUB_BURST_ARTICLES sets another size.
 */
const BURST_ARTICLES = Number(process.env.FEEDPUB_BURST_ARTICLES ?? 5000);
const CATEGORIES = 50;
const TAGS = 200;
const UPLOAD_CONCURRENCY = 32;
const SQS_BATCH = 1000;
const SEED = 0x5eed;

const BURST_CONTENT = 'burst-content';
const BURST_FEEDS = 'burst-feeds';
const SITE_CONFIG = `baseURL = "https://burst.example.org/"
title = "Burst"
languageCode = "en"
timeZone = "UTC"

[taxonomies]
category = "categories"
tag = "tags"

[feedpub]
limit = 20
formats = ["rss", "atom", "json"]
`;

type Handler = (event: unknown) => Promise<Record<string, unknown>>;

let s3: S3Server;
let proxy: FaultProxy;
let handler: Handler;
let raceClient: S3Client;
/** S3 as AWS answers conditional writes (s3rver ignores If-Match and If-None-Match): through a proxy that enforces them. */
let conditionalProxy: FaultProxy;
let conditionalClient: S3Client;
const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
const savedEnv = { ...process.env };
const decoder = new TextDecoder('utf-8', { fatal: true });
/** The CloudFormation template, packaged while the other tests run. */
let template: Promise<Template>;
let packageDir: string | undefined;

beforeAll(async () => {
  template = packageTemplate();
  template.catch(() => {}); // awaited (and reported) by its test
  s3 = await startS3Server({ buckets: [BURST_CONTENT, BURST_FEEDS] });
  proxy = await startFaultProxy(s3.endpoint);
  // The function's environment, as the deployment sets it, with S3 behind the recording proxy; the
  // handler reads it once, when its module loads (cold start).
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: proxy.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    CONTENT_BUCKET: BURST_CONTENT,
    FEEDS_BUCKET: BURST_FEEDS,
  });
  delete process.env.CDN_DISTRIBUTION_ID;
  handler = ((await import('../../functions/publish.js')) as { handler: Handler }).handler;
  raceClient = createS3Client({ AWS_ENDPOINT_URL_S3: proxy.endpoint, AWS_REGION: 'us-east-1' });
  conditionalProxy = await startFaultProxy(s3.endpoint, { conditionalWrites: s3.client });
  conditionalClient = createS3Client({ AWS_ENDPOINT_URL_S3: conditionalProxy.endpoint, AWS_REGION: 'us-east-1' });
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  raceClient?.destroy();
  conditionalClient?.destroy();
  cloudFront.destroy();
  await conditionalProxy?.stop();
  await proxy?.stop();
  await s3?.stop();
  await template?.catch(() => {}); // never leave osls running
  if (packageDir) await rm(packageDir, { recursive: true, force: true });
});

/** mulberry32: a small seeded PRNG, so the shuffle is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** `n` tiny articles, deterministic: `CATEGORIES` categories, `TAGS` tags, dated through 2024. */
function burstSite(n: number): Map<string, string> {
  const files = new Map<string, string>([['hugo.toml', SITE_CONFIG]]);
  for (let i = 0; i < n; i++) {
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0');
    const time = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    const tags = [...new Set([`topic ${i % TAGS}`, `topic ${(i * 7 + 3) % TAGS}`])];
    files.set(
      `content/posts/2024/${month}/post-${String(i).padStart(5, '0')}.md`,
      `---\ntitle: "Post ${i}"\ndate: 2024-${month}-${day}T${time}Z\ncategories: ["Desk ${i % CATEGORIES}"]\ntags: ${JSON.stringify(tags)}\n---\nBody of post ${i}.\n`,
    );
  }
  return files;
}

/** S3 form-encodes keys in notifications. */
function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

interface SqsRecord {
  readonly messageId: string;
  readonly body: string;
  readonly eventSource: string;
}

/** One SQS message per S3 notification, shaped like the real fixture, with the ETag S3 gives the uploaded body. */
function sqsRecord(template: SqsRecord, bucket: string, key: string, body: string, n: number): SqsRecord {
  const notification = JSON.parse(template.body) as {
    Records: Array<{ eventName: string; s3: { bucket: { name: string; arn: string }; object: Record<string, unknown> } }>;
  };
  const [record] = notification.Records;
  if (!record) throw new Error('fixture without a record');
  record.eventName = 'ObjectCreated:Put';
  record.s3.bucket = { ...record.s3.bucket, name: bucket, arn: `arn:aws:s3:::${bucket}` };
  record.s3.object = {
    key: encodeS3Key(key),
    size: 100,
    // A single-part upload's ETag is the MD5 of its bytes: the version a listing of the bucket gives.
    eTag: createHash('md5').update(body).digest('hex'),
    sequencer: n.toString(16).toUpperCase().padStart(18, '0'),
  };
  return { ...template, messageId: `msg-${n}`, body: JSON.stringify({ Records: [record] }) };
}

/** Every object of a bucket outside `_feedpub/` (straight from s3rver), as text. */
async function publishedFeeds(bucket: string): Promise<Map<string, string>> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3.client }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) if (object.Key !== undefined && !object.Key.startsWith('_feedpub/')) keys.push(object.Key);
  }
  const bodies = await mapLimit(keys.sort(), 32, async (key) => {
    const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return [key, decoder.decode(await response.Body?.transformToByteArray())] as const;
  });
  return new Map(bodies);
}

/** How `actual` differs from `expected`, path by path (`+` extra, `-` missing, `≠` other bytes); empty = byte-identical. */
function differences(actual: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [key, body] of actual) {
    const want = expected.get(key);
    if (want === undefined) out.push(`+ ${key}`);
    else if (want !== body) out.push(`≠ ${key}`);
  }
  for (const key of expected.keys()) if (!actual.has(key)) out.push(`- ${key}`);
  return out.sort();
}

/** A clean build of `files` into memory, as text. */
async function cleanBuild(files: ReadonlyMap<string, string>, now: number): Promise<Map<string, string>> {
  const build = await buildToMemory(new MemoryStorage([...files]), now);
  return new Map([...build.target.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, object]) => [key, decoder.decode(object.body)]));
}

async function upload(bucket: string, files: ReadonlyMap<string, string>): Promise<void> {
  await mapLimit([...files], UPLOAD_CONCURRENCY, ([key, body]) => s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body })));
}

describe('a burst of uploads, with duplicated and shuffled events, through the single-writer queue', () => {
  it(
    `${BURST_ARTICLES} articles: every batch runs, only the first run writes, and the feeds equal a clean build`,
    async () => {
      // Prepare: the author uploads the whole site at once.
      const files = burstSite(BURST_ARTICLES);
      const uploadStart = performance.now();
      await upload(BURST_CONTENT, files);
      const uploadMs = performance.now() - uploadStart;
      // S3 sends one notification per object; SQS (standard) delivers at least once and in any order:
      // each event twice, shuffled, in batches of 10.
      const fixture = (loadEvent('sqs-s3-put-delete') as { Records: SqsRecord[] }).Records[0];
      if (!fixture) throw new Error('fixture without a record');
      const events = [...files].flatMap(([key, body], i) => [
        sqsRecord(fixture, BURST_CONTENT, key, body, 2 * i),
        sqsRecord(fixture, BURST_CONTENT, key, body, 2 * i + 1),
      ]);
      shuffle(events, random(SEED));
      const batches: SqsRecord[][] = [];
      for (let i = 0; i < events.length; i += SQS_BATCH) batches.push(events.slice(i, i + SQS_BATCH));
      // The handler logs one JSON line per run; keep the test output readable.
      const logLines: string[] = [];
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logLines.push(String(chunk));
        return true;
      });

      // Act: reserved concurrency 1 → one batch at a time, in delivery order.
      proxy.clearLog();
      const perRun: Array<{ summary: Record<string, unknown>; requests: ReturnType<FaultProxy['countByOperation']>; writes: number; ms: number }> = [];
      const queueStart = performance.now();
      try {
        for (const batch of batches) {
          const before = proxy.requests.length;
          const start = performance.now();
          const summary = await handler({ Records: batch });
          const requests = { LIST: 0, GET: 0, HEAD: 0, PUT: 0, DELETE: 0, POST: 0, OTHER: 0 };
          const seen = proxy.requests.slice(before);
          for (const request of seen) requests[request.op] += 1;
          perRun.push({ summary, requests, writes: seen.filter((request) => isWrite(request.op)).length, ms: performance.now() - start });
        }
      } finally {
        stdout.mockRestore();
      }
      const queueMs = performance.now() - queueStart;

      // Assess
      const wrote = perRun.map((run, index) => [index, run.writes] as const).filter(([, writes]) => writes > 0);
      const noOp = perRun.slice(1);
      console.info(
        `[burst] ${JSON.stringify({
          articles: BURST_ARTICLES,
          uploadMs: Math.round(uploadMs),
          events: events.length,
          batches: batches.length,
          runs: perRun.length,
          runsThatWrote: wrote.length,
          firstRun: { ms: Math.round(perRun[0]?.ms ?? 0), requests: perRun[0]?.requests, written: perRun[0]?.summary.written },
          noOpRun: {
            medianMs: Math.round(noOp.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(noOp.length / 2)] ?? 0),
            requests: noOp[0]?.requests,
          },
          queueMs: Math.round(queueMs),
          requests: proxy.countByOperation(),
        })}`,
      );
      expect(perRun).toHaveLength(batches.length);
      expect(batches.length).toBe(Math.ceil((2 * files.size) / SQS_BATCH));
      expect(perRun.every((run) => run.summary.trigger === 'sqs' && run.summary.skipped === undefined)).toBe(true);
      expect(logLines.filter((line) => line.includes('"rebuilt"'))).toHaveLength(batches.length);
      // Everything was uploaded before the first event: the first run converges, every later one is a no-op.
      expect(wrote.map(([index]) => index)).toEqual([0]);
      expect(perRun[0]?.summary.written).toBeGreaterThan(3 * (CATEGORIES + TAGS));
      for (const run of noOp) expect([run.summary.written, run.summary.deleted, run.writes]).toEqual([0, 0, 0]);
      expect(differences(await publishedFeeds(BURST_FEEDS), await cleanBuild(files, Date.now()))).toEqual([]);
    },
    Math.max(180_000, BURST_ARTICLES * 600),
  );
});

/** Write and delete calls of one run, in the order they were issued. */
interface WriteLogEntry {
  readonly run: string;
  readonly op: 'write' | 'delete';
  readonly key: string;
}

/** Hooks a test puts around a storage to observe or hold a run. */
interface StorageHooks {
  readonly beforeList?: (prefix: string) => Promise<void>;
  readonly beforeWrite?: (key: string) => Promise<void>;
  readonly onChange?: (op: 'write' | 'delete', key: string) => void;
}

function hooked(inner: Storage, hooks: StorageHooks): Storage {
  return {
    async *list(prefix: string) {
      await hooks.beforeList?.(prefix);
      yield* inner.list(prefix);
    },
    read: (key: string) => inner.read(key),
    async write(request: WriteRequest) {
      await hooks.beforeWrite?.(request.key);
      hooks.onChange?.('write', request.key);
      await inner.write(request);
    },
    async delete(key: string) {
      hooks.onChange?.('delete', key);
      await inner.delete(key);
    },
  };
}

/** A promise with its resolver, for holding a run at a point. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('two runs at once (what reserved concurrency 1 prevents)', () => {
  const DEEPSEEK_EN = 'content/en/news/tech/deepseek-r1.en.md';
  const TITLE = 'what the open model changes';
  let bucketCount = 0;

  /** Fresh buckets holding the sample site, converged by one run (through `client`: the race proxy by default). */
  async function convergedSite(
    client: S3Client = raceClient,
  ): Promise<{ content: string; feeds: string; files: Map<string, string>; deps: () => RebuildDeps }> {
    bucketCount += 1;
    const content = `race-${bucketCount}-content`;
    const feeds = `race-${bucketCount}-feeds`;
    await s3.client.send(new CreateBucketCommand({ Bucket: content }));
    await s3.client.send(new CreateBucketCommand({ Bucket: feeds }));
    const files = sampleSiteFiles();
    await upload(content, files);
    const deps = (): RebuildDeps => ({
      ...createLambdaDeps({ CONTENT_BUCKET: content, FEEDS_BUCKET: feeds }, { s3: client, cloudFront }, silentLogger).rebuild,
      clock: () => SAMPLE_NOW,
    });
    await rebuild(deps());
    return { content, feeds, files, deps };
  }

  async function edit(site: { content: string; files: Map<string, string> }, from: string, to: string): Promise<void> {
    const text = site.files.get(DEEPSEEK_EN)?.replace(from, to) ?? '';
    site.files.set(DEEPSEEK_EN, text);
    await upload(site.content, new Map([[DEEPSEEK_EN, text]]));
  }

  it('nothing in the code serializes them: two runs over the same change interleave their writes', async () => {
    // Prepare
    const site = await convergedSite();
    await edit(site, TITLE, 'what the open model changed');
    const log: WriteLogEntry[] = [];
    // Each run waits at its first write until the other has reached its own (10 s at most: a lock in
    // the code would show up as writes that do not interleave, not as a hang).
    const bothWriting = gate();
    const arrived = new Set<string>();
    const withLog = (run: string): RebuildDeps => {
      const deps = site.deps();
      const onChange = (op: 'write' | 'delete', key: string) => void log.push({ run, op, key });
      const beforeWrite = async () => {
        arrived.add(run);
        if (arrived.size === 2) bothWriting.open();
        await Promise.race([bothWriting.promise, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      };
      return {
        ...deps,
        target: hooked(deps.target, { onChange, beforeWrite }),
        state: hooked(deps.state, { onChange: (op, key) => onChange(op, `_feedpub/${key}`) }),
      };
    };
    // Act: both start at once, on the same buckets.
    const [a, b] = await Promise.all([rebuild(withLog('A'), { trigger: 'A' }), rebuild(withLog('B'), { trigger: 'B' })]);
    // Assess: both saw the change and wrote it; their writes are interleaved.
    const runs = log.map((entry) => entry.run).join('');
    console.info(
      `[race] ${JSON.stringify({ writesA: log.filter((e) => e.run === 'A').length, writesB: log.filter((e) => e.run === 'B').length, order: runs })}`,
    );
    expect(a.written.length).toBeGreaterThan(0);
    expect(b.written).toEqual(a.written);
    expect(runs).toMatch(/A+B+A|B+A+B/);
    // Same snapshot, same bytes: harmless here, and the bucket equals a clean build.
    expect(differences(await publishedFeeds(site.feeds), await cleanBuild(site.files, SAMPLE_NOW))).toEqual([]);
  }, 60_000);

  // Two runs that saw different states of the content: the older one is slow and writes its feeds after
  // the newer one wrote its own, then the newer one writes the manifest last. A third run, alone, must
  // repair the bucket (the deployment prevents the overlap; the code must still converge afterwards).
  it('a slow run over older content overlapping a newer run: a third, sequential run repairs the feeds', async () => {
    // Prepare: the older run reads the content after edit 1, then waits before looking at the feeds.
    const site = await convergedSite();
    await edit(site, TITLE, 'what the open model changed');
    const olderReady = gate();
    const olderGo = gate();
    const olderDeps = site.deps();
    const older = rebuild(
      {
        ...olderDeps,
        target: hooked(olderDeps.target, {
          beforeList: async () => {
            olderReady.open();
            await olderGo.promise;
          },
        }),
      },
      { trigger: 'older' },
    );
    await olderReady.promise;
    // The author edits again; the newer run publishes it, and is held just before writing its manifest
    // (its second head write: the first is the write-ahead, before its feeds).
    await edit(site, 'what the open model changed', 'what the open model has changed');
    const newerReady = gate();
    const newerGo = gate();
    const newerDeps = site.deps();
    let heads = 0;
    const newer = rebuild(
      {
        ...newerDeps,
        state: hooked(newerDeps.state, {
          beforeWrite: async (key) => {
            if (key !== 'manifest.json.gz' || ++heads < 2) return;
            newerReady.open();
            await newerGo.promise;
          },
        }),
      },
      { trigger: 'newer' },
    );
    await newerReady.promise;
    // Act: the older run finishes (its feeds land over the newer ones), then the newer run's manifest.
    olderGo.open();
    const olderReport = await older;
    newerGo.open();
    const newerReport = await newer;
    expect(olderReport.written.length).toBeGreaterThan(0);
    expect(newerReport.written.length).toBeGreaterThan(0);
    const expected = await cleanBuild(site.files, SAMPLE_NOW);
    expect(differences(await publishedFeeds(site.feeds), expected)).not.toEqual([]); // the overlap left older feeds
    // A third run, alone, on the final content.
    await rebuild(site.deps(), { trigger: 'third' });
    // Assess
    expect(differences(await publishedFeeds(site.feeds), expected)).toEqual([]);
  }, 60_000);

  // The same overlap against S3's conditional writes, which AWS applies and s3rver does not: the older run
  // reads the manifest before the newer one replaces it, and its first change (the write-ahead, If-Match
  // the head it read) is refused, so none of its older feeds lands.
  it('with S3 conditional writes, the slow run over older content is refused at its first write and lands no file', async () => {
    // Prepare: as above, the older run held after reading the manifest, the content edited again.
    const site = await convergedSite(conditionalClient);
    await edit(site, TITLE, 'what the open model changed');
    const olderReady = gate();
    const olderGo = gate();
    const olderDeps = site.deps();
    const olderLog: string[] = [];
    const older = rebuild(
      {
        ...olderDeps,
        target: hooked(olderDeps.target, {
          onChange: (op, key) => void olderLog.push(`${op} ${key}`),
          beforeList: async () => {
            olderReady.open();
            await olderGo.promise;
          },
        }),
      },
      { trigger: 'older' },
    ).catch((error: unknown) => error);
    await olderReady.promise;
    await edit(site, 'what the open model changed', 'what the open model has changed');
    // Act: the newer run publishes and stores its manifest; then the older one goes on.
    const newer = await rebuild(site.deps(), { trigger: 'newer' });
    olderGo.open();
    const failure = await older;
    // Assess: refused before writing anything; the bucket is the newer run's, a clean build of the final content.
    expect(newer.written.length).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(WriteConflictError);
    expect(olderLog).toEqual([]);
    expect(differences(await publishedFeeds(site.feeds), await cleanBuild(site.files, SAMPLE_NOW))).toEqual([]);
  }, 60_000);
});

interface Template {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

/** `osls package` on a temporary copy of serverless.yml + infra/ with a stub artifact, offline. */
async function packageTemplate(): Promise<Template> {
  const work = await mkdtemp(path.join(tmpdir(), 'feedpub-sls-concurrency-'));
  packageDir = work;
  await cp(path.join(REPO_ROOT, 'serverless.yml'), path.join(work, 'serverless.yml'));
  await cp(path.join(REPO_ROOT, 'infra'), path.join(work, 'infra'), { recursive: true });
  await mkdir(path.join(work, 'dist/lambda'), { recursive: true });
  await writeFile(path.join(work, 'dist/lambda/publish.mjs'), 'export const handler = async () => ({});\n');
  const osls = createRequire(import.meta.url).resolve('osls/bin/serverless.js');
  await promisify(execFile)(process.execPath, [osls, 'package', '--stage', 'test', '--region', 'eu-west-1'], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: work, SLS_TELEMETRY_DISABLED: '1' },
    timeout: 120_000,
  });
  return JSON.parse(await readFile(path.join(work, '.serverless', 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
}

describe('the deployment gives one writer', () => {
  it('every trigger invokes the one function, whose reserved concurrency is 1', async () => {
    const { Resources } = await template;
    const functions = Object.entries(Resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function');
    expect(functions.map(([name]) => name)).toEqual(['PublishLambdaFunction']);
    expect(functions[0]?.[1].Properties?.ReservedConcurrentExecutions).toBe(1);
    const target = { 'Fn::GetAtt': ['PublishLambdaFunction', 'Arn'] };
    // The SQS event source: batches of S3 events, into that function only.
    const mappings = Object.values(Resources).filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]?.Properties ?? {};
    expect(mapping.FunctionName).toEqual(target);
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': ['EventsQueue', 'Arn'] });
    expect(mapping.BatchSize).toBe(SQS_BATCH);
    // SQS's maximum concurrency cannot go below 2; reserved concurrency 1 is what caps the runs at one.
    expect((mapping.ScalingConfig as { MaximumConcurrency?: number } | undefined)?.MaximumConcurrency).toBe(2);
    // The schedule invokes the same function (so it queues behind a running batch rather than overlapping).
    const rules = Object.values(Resources).filter((resource) => resource.Type === 'AWS::Events::Rule');
    for (const rule of rules) {
      const targets = rule.Properties?.Targets as Array<{ Arn: unknown }> | undefined;
      expect(targets?.length).toBeGreaterThan(0);
      for (const t of targets ?? []) expect(t.Arn).toEqual(target);
    }
    // No other principal may invoke it concurrently by design: only SQS (via the mapping) and EventBridge.
    const permissions = Object.values(Resources).filter((resource) => resource.Type === 'AWS::Lambda::Permission');
    for (const permission of permissions) expect(permission.Properties?.Principal).toBe('events.amazonaws.com');
  }, 120_000);
});
