import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLambdaDeps } from '../../functions/deps.js';
import { rebuild, silentLogger } from '../../src/index.js';
import { readManifest } from '../../src/rebuild/state.js';
import { type RecordingHub, startRecordingHub } from '../support/recording-hub.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { settleAll } from '../support/settle-all.js';
import { copySampleSite, runMain } from './cli-harness.js';

/** `feedpub rebuild` against s3rver (in process), and `--function` against a mocked Lambda API. */
let s3: S3Server;
let site: string;
let hub: RecordingHub;
const savedEnv = { ...process.env };
const cloudFront = mockClient(CloudFrontClient);
const lambda = mockClient(LambdaClient);

interface Published {
  readonly body: string;
  readonly contentType: string | undefined;
  readonly cacheControl: string | undefined;
}

/** Every public object of a feeds bucket (not _feedpub/), with its bytes and headers. */
async function published(bucket: string): Promise<Map<string, Published>> {
  const files = new Map<string, Published>();
  let token: string | undefined;
  do {
    const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.startsWith('_feedpub/')) continue;
      const got = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }));
      files.set(object.Key, { body: (await got.Body?.transformToString('utf-8')) ?? '', contentType: got.ContentType, cacheControl: got.CacheControl });
    }
    token = page.NextContinuationToken;
  } while (token);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

beforeAll(async () => {
  await settleAll([
    startS3Server({
      buckets: [
        ...['rb-content', 'feeds-cli', 'feeds-lambda', 'feeds-second', 'feeds-swapped', 'feeds-cdn', 'feeds-budget', 'feeds-spare', 'rb-empty'],
        ...['rb-hub-content', 'rb-hub-feeds', 'rb-strict-content', 'rb-strict-feeds'],
      ],
    }).then((server) => {
      s3 = server;
    }),
    startRecordingHub().then((recording) => {
      hub = recording;
    }),
    copySampleSite().then((dir) => {
      site = dir;
    }),
  ]);
  Object.assign(process.env, s3.env);
  const uploaded = await runMain(['upload', site, '--bucket', 'rb-content'], { env: s3.env });
  expect(uploaded.code, uploaded.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  cloudFront.restore();
  lambda.restore();
  await Promise.all([s3?.stop(), hub?.stop(), site ? rm(site, { recursive: true, force: true }) : undefined]);
});

// rb-content holds the sample site, never edited (runs add only their report); each test that rebuilds
// writes into a feeds bucket of its own, so that each passes alone and in any order.
describe('feedpub rebuild (in process, the function adapters)', () => {
  beforeEach(() => {
    cloudFront.reset();
    cloudFront.on(CreateInvalidationCommand).resolves({});
  });

  it('publishes the same feed bytes, types and cache headers as the Lambda code path', async () => {
    // Act: the CLI from CI, and the Lambda's composition root, from the same content bucket.
    const run = await runMain(['rebuild', '--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-cli'], { env: s3.env });
    const lambdaDeps = createLambdaDeps(
      { ...s3.env, CONTENT_BUCKET: 'rb-content', FEEDS_BUCKET: 'feeds-lambda' },
      { s3: s3.client, cloudFront: new CloudFrontClient({ region: 'us-east-1' }) },
      silentLogger,
    );
    await rebuild(lambdaDeps.rebuild, { trigger: 's3' });
    // Assess
    expect(run.code, run.stderr).toBe(0);
    const [cli, fn] = await Promise.all([published('feeds-cli'), published('feeds-lambda')]);
    expect(cli.size).toBeGreaterThan(30);
    expect([...cli.keys()]).toEqual([...fn.keys()]);
    for (const [key, file] of cli) expect(file, key).toEqual(fn.get(key));
    expect(run.stdout).toMatch(
      new RegExp(
        `^articles: 13 found, 13 parsed, \\d+ published, \\d+ held back, \\d+ skipped, 0 rejected\\nfeeds: \\d+ feeds, ${cli.size} files written, 0 unchanged, 0 deleted → s3://feeds-cli/\\n$`,
      ),
    );
    // State and the authors' report sit where the function keeps them.
    const state = await s3.client.send(new ListObjectsV2Command({ Bucket: 'feeds-cli', Prefix: '_feedpub/' }));
    expect(state.KeyCount).toBeGreaterThan(0);
    const report = await s3.client.send(new GetObjectCommand({ Bucket: 'rb-content', Key: '_feedpub/report.json' }));
    expect(JSON.parse((await report.Body?.transformToString()) ?? '{}')).toHaveProperty('problems');
    expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(0);
  });

  it('writes nothing on a second run of unchanged content, and counts the files it kept', async () => {
    // Prepare: a first run.
    const rebuildHere = () => runMain(['rebuild', '--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-second'], { env: s3.env });
    const first = await rebuildHere();
    expect(first.code, first.stderr).toBe(0);
    await s3.clearEvents();
    // Act
    const run = await rebuildHere();
    // Assess
    expect(run.code).toBe(0);
    // Every published file is counted: kept unrendered, as no feed's sources changed (not "0 unchanged" alone).
    const files = (await published('feeds-second')).size;
    expect(run.stdout).toContain(` 0 files written, 0 unchanged, ${files} kept (sources unchanged), 0 deleted → s3://feeds-second/`);
    const feedWrites = (await s3.objectEvents()).filter((e) => e.bucket === 'feeds-second' && !e.key.startsWith('_feedpub/'));
    expect(feedWrites).toEqual([]);
  });

  it('refuses buckets given the wrong way round with exit 2, writing nothing', async () => {
    // Prepare: a run, so that feeds-swapped holds its manifest: as --content-bucket it is no site.
    const first = await runMain(['rebuild', '--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-swapped'], { env: s3.env });
    expect(first.code, first.stderr).toBe(0);
    await s3.clearEvents();
    // Act
    const run = await runMain(['rebuild', '--content-bucket', 'feeds-swapped', '--feeds-bucket', 'rb-content'], { env: s3.env });
    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "feedpub rebuild: s3://feeds-swapped holds feedpub's published feeds (_feedpub/manifest.json.gz), not a site: are --content-bucket and --feeds-bucket the wrong way round? (see feedpub rebuild --help)\n",
    );
    expect(await s3.objectEvents()).toEqual([]);
  });

  it('invalidates the written paths on CloudFront with --distribution', async () => {
    const run = await runMain(['rebuild', '--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-cdn', '--distribution', 'E2TESTDIST'], { env: s3.env });
    expect(run.code, run.stderr).toBe(0);
    const calls = cloudFront.commandCalls(CreateInvalidationCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input?.DistributionId).toBe('E2TESTDIST');
    const paths = [...(await published('feeds-cdn')).keys()].map((key) => `/${key}`);
    // Each written path, plus the URIs the viewer-request function rewrites to one: `tags/c++/…` is also
    // asked for as `tags/c%2B%2B/…`, and `…/index.html` as `…/`.
    const rewritten = paths.filter((p) => p.includes('+')).length + paths.filter((p) => p.endsWith('/index.html')).length;
    const both = paths.filter((p) => p.includes('+') && p.endsWith('/index.html')).length;
    expect(paths.filter((p) => p.includes('+')).length).toBeGreaterThan(0);
    expect(input?.InvalidationBatch?.Paths?.Quantity).toBe(paths.length + rewritten + both);
    // What it sent, and the month's count against the free paths (a first run: its own paths only).
    const quantity = input?.InvalidationBatch?.Paths?.Quantity;
    expect(run.stdout).toMatch(
      new RegExp(
        `\\ncdn: ${paths.length} files invalidated on E2TESTDIST as ${quantity} paths; ${quantity} of 1000 free paths sent in \\d{4}-\\d{2} \\(budget\\)\\n`,
      ),
    );
  });

  it('sends /* once the free paths given with --free-paths are spent, and counts it in the manifest the function reads', async () => {
    // Act: a first run of the sample site (about a hundred paths) with 10 free paths a month.
    const run = await runMain(
      ['rebuild', '--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-budget', '--distribution', 'E2TESTDIST', '--free-paths', '10'],
      {
        env: s3.env,
      },
    );
    // Assess
    expect(run.code, run.stderr).toBe(0);
    expect(cloudFront.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input.InvalidationBatch?.Paths?.Items)).toEqual([['/*']]);
    expect(run.stdout).toMatch(
      /\ncdn: \d+ files invalidated on E2TESTDIST as \/\* \(instead of \d+ paths\); 1 of 10 free paths sent in \d{4}-\d{2} \(budget\)\n/,
    );
    const state = createLambdaDeps({ ...s3.env, CONTENT_BUCKET: 'rb-content', FEEDS_BUCKET: 'feeds-budget' }, { s3: s3.client }, silentLogger).rebuild.state;
    expect((await readManifest(state))?.manifest.invalidationUsage).toEqual({ month: expect.stringMatching(/^\d{4}-\d{2}$/), paths: 1 });
  });

  it('tells the WebSub hub of the feeds it wrote once CloudFront serves them (--distribution), else keeps the pings for a run that does', async () => {
    // Arrange: the sample site naming the recording hub, in a content bucket of its own.
    const hubSite = await copySampleSite();
    const rebuildHere = (...flags: string[]) =>
      runMain(['rebuild', '--content-bucket', 'rb-hub-content', '--feeds-bucket', 'rb-hub-feeds', ...flags], { env: s3.env });
    const feedsOf = (paths: readonly string[]) => paths.filter((key) => /(index\.xml|atom\.xml|feed\.json)$/.test(key)).sort();
    const pingedKeys = () =>
      hub
        .pinged()
        .map((url) => decodeURIComponent(new URL(url).pathname.slice(1)))
        .sort();
    try {
      const config = join(hubSite, 'hugo.toml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('\n[feedpub]\n', `\n[feedpub]\nhub = "${hub.url}"\n`));
      expect((await runMain(['upload', hubSite, '--bucket', 'rb-hub-content'], { env: s3.env })).code).toBe(0);
      hub.reset();
      // Act and assess: with the distribution, every feed written is pinged by its URL, once, after the invalidation.
      const first = await rebuildHere('--distribution', 'E2HUB');
      expect(first.code, first.stderr).toBe(0);
      const feeds = feedsOf([...(await published('rb-hub-feeds')).keys()]);
      expect(feeds.length).toBeGreaterThan(30);
      expect(cloudFront.commandCalls(CreateInvalidationCommand)).toHaveLength(1);
      expect(hub.pinged().every((url) => new URL(url).origin === 'https://news.example.org')).toBe(true);
      expect(pingedKeys()).toEqual(feeds);
      // An edit published without the distribution: CloudFront may serve the old copies, so no ping yet.
      hub.reset();
      const article = join(hubSite, 'content/en/news/world/entities-and-punctuation.en.md');
      await writeFile(article, `${await readFile(article, 'utf8')}\nA line added.\n`);
      expect((await runMain(['upload', hubSite, '--bucket', 'rb-hub-content'], { env: s3.env })).code).toBe(0);
      await s3.clearEvents();
      const edit = await rebuildHere();
      expect(edit.code, edit.stderr).toBe(0);
      const written = feedsOf([...new Set((await s3.objectEvents()).filter((e) => e.bucket === 'rb-hub-feeds').map((e) => e.key))]);
      expect(written.length).toBeGreaterThan(3);
      expect(hub.requests).toEqual([]);
      // The next run that can ping (the function's, here one with the distribution) sends them, once.
      const next = await rebuildHere('--distribution', 'E2HUB');
      expect(next.code, next.stderr).toBe(0);
      expect(pingedKeys()).toEqual(written);
      hub.reset();
      expect((await rebuildHere('--distribution', 'E2HUB')).code).toBe(0);
      expect(hub.requests).toEqual([]);
    } finally {
      await rm(hubSite, { recursive: true, force: true });
    }
  });

  it('exits 3 with one line when a bucket does not exist, 2 for bad flags', async () => {
    const missing = await runMain(['rebuild', '--content-bucket', 'no-such-content', '--feeds-bucket', 'feeds-spare'], { env: s3.env });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('feedpub rebuild: bucket "no-such-content" does not exist (check the bucket name and AWS_REGION)\n');
    const usage: [string[], RegExp][] = [
      [[], /^feedpub rebuild: give --content-bucket and --feeds-bucket \(rebuild here\), or --function/],
      [['--content-bucket', 'rb-content'], /^feedpub rebuild: --feeds-bucket NAME is required/],
      [['--content-bucket', 'rb-content', '--feeds-bucket', 'rb-content'], /must differ/],
      [['--function', 'publish', '--feeds-bucket', 'feeds-cli'], /^feedpub rebuild: --function cannot be combined with --feeds-bucket/],
      [['--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-cli', '--base-url', 'news.example.org'], /--base-url must be an absolute http\(s\) URL/],
      [['extra'], /^feedpub rebuild: unexpected argument "extra"/],
      [
        ['--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-cli', '--invalidation', 'wildcard'],
        /--invalidation must be one of budget, paths, all, not "wildcard"/,
      ],
      [
        ['--content-bucket', 'rb-content', '--feeds-bucket', 'feeds-cli', '--free-paths', 'lots'],
        /--free-paths must be a whole number of paths from 0 to 999999999 \(CloudFront gives 1000 a month\), not "lots"/,
      ],
      [
        ['--function', 'publish', '--invalidation', 'all'],
        /^feedpub rebuild: --function cannot be combined with --invalidation: the function has its own settings/,
      ],
    ];
    for (const [args, message] of usage) {
      const run = await runMain(['rebuild', ...args], { env: s3.env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('names the content bucket when it holds no site config, and how to put one there', async () => {
    const run = await runMain(['rebuild', '--content-bucket', 'rb-empty', '--feeds-bucket', 'feeds-spare'], { env: s3.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^feedpub rebuild: config error: no site config found in the content bucket s3:\/\/rb-empty: add hugo\.toml there \(or one of .*\), with feedpub upload SITE_DIR --bucket rb-empty\n$/,
    );
  });

  it('exits 1 with --strict when an article is rejected, and prints it as file:line', async () => {
    // Prepare: the site with a bad article, in a content bucket of its own.
    expect((await runMain(['upload', site, '--bucket', 'rb-strict-content'], { env: s3.env })).code).toBe(0);
    await s3.client.send(
      new PutObjectCommand({ Bucket: 'rb-strict-content', Key: 'content/en/news/world/bad.en.md', Body: '---\ntitle: Bad\ndate: 2025-13-01\n---\nx\n' }),
    );
    // Act
    const run = await runMain(['rebuild', '--content-bucket', 'rb-strict-content', '--feeds-bucket', 'rb-strict-feeds', '--strict'], { env: s3.env });
    // Assess
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: date: .* \[date-invalid\]$/m);
  });
});

describe('feedpub rebuild --function', () => {
  beforeEach(() => lambda.reset());

  const summary = {
    trigger: 'rebuild',
    articles: { total: 13, parsed: 2, published: 9, rejected: 0, held: 3, skipped: 1 },
    feeds: 25,
    rendered: 2,
    written: 6,
    deleted: 0,
    unchanged: 69,
    kept: 12,
    invalidated: 6,
    invalidation: { mode: 'budget', freePaths: 1000, month: '2025-06', monthPaths: 231, paths: 8, everything: false, precise: 8 },
    problems: 4,
    errors: 0,
  };

  it('invokes the function with {"action":"rebuild"} and prints its summary', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(summary)) as never });
    const run = await runMain(['rebuild', '--function', 'feedpub-prod-publish', '--region', 'eu-west-1'], { env: {} });
    expect(run.code, run.stderr).toBe(0);
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input?.FunctionName).toBe('feedpub-prod-publish');
    expect(input?.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({ action: 'rebuild' });
    expect(run.stdout).toBe(
      'articles: 13 found, 2 parsed, 9 published, 3 held back, 1 skipped, 0 rejected\n' +
        'feeds: 25 feeds, 6 files written, 69 unchanged, 12 kept (sources unchanged), 0 deleted, 6 files invalidated (function feedpub-prod-publish)\n' +
        'cdn: 6 files invalidated on its distribution as 8 paths; 231 of 1000 free paths sent in 2025-06 (budget)\n' +
        'problems: 4 (0 errors): see _feedpub/report.json in the content bucket\n',
    );
    const forced = await runMain(['rebuild', '--function', 'feedpub-prod-publish', '--force'], { env: {} });
    expect(forced.code).toBe(0);
    expect(JSON.parse(new TextDecoder().decode(lambda.commandCalls(InvokeCommand)[1]?.args[0].input.Payload as Uint8Array))).toEqual({
      action: 'rebuild',
      force: true,
    });
  });

  it('exits 3 with the function error message when the function fails', async () => {
    const error = { errorType: 'StorageError', errorMessage: 'storage list s3://site/hugo. failed: Access Denied', trace: ['StorageError: ...', '    at x'] };
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode(JSON.stringify(error)) as never });
    const run = await runMain(['rebuild', '--function', 'publish'], { env: {} });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('feedpub rebuild: function publish failed: StorageError: storage list s3://site/hugo. failed: Access Denied\n');
  });

  it('exits 1 with --strict when the function held an article back for repeating another id, 0 without', async () => {
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify({ ...summary, duplicates: 1 })) as never });
    expect((await runMain(['rebuild', '--function', 'publish', '--strict'], { env: {} })).code).toBe(1);
    expect((await runMain(['rebuild', '--function', 'publish'], { env: {} })).code).toBe(0);
  });

  it('exits 2, as in-process, when the function refuses the site config', async () => {
    const error = {
      errorType: 'ConfigError',
      errorMessage: 'hugo.toml: feedpub.limit: must be a whole number from 1 to 10000; found "20" (a string: write it without the quotes)',
      trace: [],
    };
    lambda.on(InvokeCommand).resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new TextEncoder().encode(JSON.stringify(error)) as never });
    const run = await runMain(['rebuild', '--function', 'publish'], { env: {} });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'feedpub rebuild: config error: function publish failed: ConfigError: hugo.toml: feedpub.limit: must be a whole number from 1 to 10000; found "20" (a string: write it without the quotes)\n',
    );
  });

  it('names --region, not AWS_REGION nor the S3 endpoint, when Lambda cannot be reached', async () => {
    lambda.on(InvokeCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }));
    const env = { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4599' };
    for (const args of [
      ['--function', 'f', '--region', 'eu-west-1'],
      ['--region=eu-west-1', '--function', 'f'],
    ]) {
      const run = await runMain(['rebuild', ...args], { env });
      expect(run.code).toBe(3);
      expect(run.stderr).toBe('feedpub rebuild: cannot reach AWS (eu-west-1) (ECONNREFUSED)\n');
    }
    const fromEnv = await runMain(['rebuild', '--function', 'f'], { env: { ...env, AWS_REGION: 'ap-east-1' } });
    expect(fromEnv.stderr).toBe('feedpub rebuild: cannot reach AWS (ap-east-1) (ECONNREFUSED)\n');
  });

  it('exits 3 with one line when the function does not exist', async () => {
    lambda
      .on(InvokeCommand)
      .rejects(new ResourceNotFoundException({ message: 'Function not found: arn:aws:lambda:us-east-1:1:function:nope', $metadata: { httpStatusCode: 404 } }));
    const run = await runMain(['rebuild', '--function', 'nope'], { env: {} });
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      // No region given: the SDK took the profile's or us-east-1, and the message does not guess which.
      'feedpub rebuild: not found in AWS: Function not found: arn:aws:lambda:us-east-1:1:function:nope (check the name and the region)\n',
    );
  });
});
