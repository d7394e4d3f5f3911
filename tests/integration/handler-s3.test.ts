import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambdaDeps } from '../../functions/deps.js';
import { silentLogger } from '../../src/ports.js';
import { loadEvent } from '../fixtures/events/load-event.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { settleAll } from '../support/settle-all.js';

/**
 * The Lambda handler end to end against s3rver, run twice: once as the deployed artifact (the
 * esbuild bundle in its own Node process, which carries its own copy of the AWS SDK, so CloudFront
 * is observed on the wire through AWS_ENDPOINT_URL_CLOUDFRONT), once from source in this process
 * (CloudFront mocked with aws-sdk-client-mock). The site is the repository's sample site (hugo.toml + content/).
 * Last, where the composition root puts each storage (buckets and prefixes), on s3rver too.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Handler = (event: unknown) => Promise<Record<string, unknown>>;

interface Snapshot {
  /** Feed key (outside _feedpub/) → ETag. */
  readonly etags: Map<string, string>;
}

let s3: S3Server;
let work: string;
let fakeCloudFront: Server;
let fakeCloudFrontUrl: string;
const wireInvalidations: string[][] = [];
const logLines: string[] = [];
const cloudFrontMock = mockClient(CloudFrontClient);
const savedEnv = { ...process.env };

/** The sample site, as authors would upload it. */
async function siteFiles(): Promise<string[]> {
  const entries = await readdir(path.join(root, 'content'), { recursive: true, withFileTypes: true });
  const content = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  return ['hugo.toml', ...content].sort();
}

/** A minimal CloudFront REST endpoint: records the paths of each CreateInvalidation. */
function startFakeCloudFront(): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (request.method !== 'POST' || !/\/distribution\/E2TESTDIST\/invalidation$/.test(request.url ?? '')) {
        response.writeHead(404).end();
        return;
      }
      const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
      wireInvalidations.push(paths);
      response.writeHead(201, { 'content-type': 'text/xml', location: `${fakeCloudFrontUrl}/2020-05-31/distribution/E2TESTDIST/invalidation/I1` });
      response.end(
        '<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">' +
          '<Id>I1</Id><Status>InProgress</Status><CreateTime>2025-01-01T00:00:00Z</CreateTime>' +
          '<InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>',
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logLines.push(String(chunk));
    return true;
  });
  work = await mkdtemp(path.join(tmpdir(), 'feedpub-handler-'));
  const bundled = promisify(execFile)(process.execPath, [path.join(root, 'scripts/bundle.mjs'), '--outdir', work, '--quiet']);
  await settleAll([
    startS3Server({ buckets: ['bundle-content', 'bundle-feeds', 'source-content', 'source-feeds', 'deps-content', 'deps-feeds'] }).then((server) => {
      s3 = server;
    }),
    startFakeCloudFront().then((server) => {
      fakeCloudFront = server;
    }),
    bundled,
  ]);
  fakeCloudFrontUrl = `http://127.0.0.1:${(fakeCloudFront.address() as AddressInfo).port}`;
  const files = await siteFiles();
  for (const mode of ['bundle', 'source']) {
    await Promise.all(
      files.map(async (key) => s3.client.send(new PutObjectCommand({ Bucket: `${mode}-content`, Key: key, Body: await readFile(path.join(root, key)) }))),
    );
  }
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  process.env = savedEnv;
  cloudFrontMock.restore();
  await runtime?.stop();
  await Promise.all([
    s3?.stop(),
    new Promise((resolve) => (fakeCloudFront ? fakeCloudFront.close(resolve) : resolve(undefined))),
    work ? rm(work, { recursive: true, force: true }) : undefined,
  ]);
});

/** The function's environment, as the deployment sets it (plus the local endpoints). */
function functionEnv(mode: 'bundle' | 'source'): Record<string, string> {
  return {
    ...s3.env,
    CONTENT_BUCKET: `${mode}-content`,
    FEEDS_BUCKET: `${mode}-feeds`,
    CDN_DISTRIBUTION_ID: 'E2TESTDIST',
    AWS_ENDPOINT_URL_CLOUDFRONT: fakeCloudFrontUrl,
  };
}

/**
 * Runs the bundle the way Lambda does: a separate Node process with only the function's
 * environment, which imports the artifact once (cold start) and then serves invocations (warm).
 */
const RUNTIME = `
const { handler } = await import(process.argv[1]);
process.on('message', async (event) => {
  try {
    process.send({ ok: true, result: await handler(event) });
  } catch (error) {
    process.send({ ok: false, error: { name: error?.name, message: error?.message } });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;

interface Reply {
  ready?: boolean;
  ok?: boolean;
  result?: Record<string, unknown>;
  error?: { name: string; message: string };
}

interface Runtime {
  invoke(event: unknown): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

async function startRuntime(bundle: string, env: Record<string, string>): Promise<Runtime> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', RUNTIME, pathToFileURL(bundle).href], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let partial = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    logLines.push(...lines);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const next = () =>
    new Promise<Reply>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`runtime exited (${code}): ${stderr}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as Reply);
      });
    });
  await next();
  return {
    async invoke(event) {
      const reply = next();
      child.send(event as never);
      const { ok, result, error } = await reply;
      if (!ok) throw Object.assign(new Error(error?.message), { name: error?.name });
      return result ?? {};
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

let runtime: Runtime | undefined;

/** The handler of each mode, with the deployment's environment (read when the module loads). */
async function loadHandler(mode: 'bundle' | 'source'): Promise<Handler> {
  if (mode === 'bundle') {
    runtime = await startRuntime(path.join(work, 'publish.mjs'), functionEnv(mode));
    return (event) => (runtime as Runtime).invoke(event);
  }
  Object.assign(process.env, functionEnv(mode));
  return ((await import('../../functions/publish.js')) as { handler: Handler }).handler;
}

describe.each(['bundle', 'source'] as const)('publish handler (%s) against s3rver', (mode) => {
  const contentBucket = `${mode}-content`;
  const feedsBucket = `${mode}-feeds`;
  let handler: Handler;
  let invalidations: () => string[][];

  beforeAll(async () => {
    handler = await loadHandler(mode);
    invalidations =
      mode === 'bundle'
        ? () => [...wireInvalidations]
        : () => cloudFrontMock.commandCalls(CreateInvalidationCommand).map((call) => [...(call.args[0].input.InvalidationBatch?.Paths?.Items ?? [])]);
    if (mode === 'source') cloudFrontMock.on(CreateInvalidationCommand).resolves({});
    wireInvalidations.length = 0;
  });

  async function snapshot(): Promise<Snapshot> {
    const etags = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: feedsBucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key && !object.Key.startsWith('_feedpub/')) etags.set(object.Key, object.ETag ?? '');
      }
      token = page.NextContinuationToken;
    } while (token);
    return { etags };
  }

  async function text(bucket: string, key: string): Promise<string> {
    const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await response.Body?.transformToString('utf-8')) ?? '';
  }

  /** Every feed path whose bytes changed or which disappeared between two snapshots, as CloudFront paths. */
  function changedPaths(before: Snapshot, after: Snapshot): string[] {
    const changed = [...after.etags].filter(([key, etag]) => before.etags.get(key) !== etag).map(([key]) => key);
    const removed = [...before.etags.keys()].filter((key) => !after.etags.has(key));
    return [...changed, ...removed].map((key) => `/${key}`).sort();
  }

  /**
   * The paths as CloudFront wants them, each with the URIs the viewer-request function (infra/cdn.yml)
   * rewrites to it too: `+` as `%2B` (`tags/c++/`), and the folder URL of an `index.html` (`feeds/`).
   */
  function encodeForCloudFront(paths: string[]): string[] {
    return paths
      .map((p) =>
        p.replace(/[^\x21-\x7e]|[ "#%<>[\\\]^`{|}~?]/gu, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')),
      )
      .flatMap((p) => (p.endsWith('/index.html') ? [p, p.slice(0, -'index.html'.length)] : [p]))
      .flatMap((p) => (p.includes('+') ? [p, p.replaceAll('+', '%2B')] : [p]))
      .sort();
  }

  // A sequence over this mode's buckets, in this order: the first run publishes into empty buckets, the
  // next ones start from what the one before left (published feeds, a deleted article, the authors report).
  // Run alone (-t), a later one fails. The other tests of this mode leave the buckets as they find them.
  describe('first run, no-op run, delete, config error and fix', { shuffle: false }, () => {
    it('publishes every feed with its content type, cache headers and sha256, and invalidates exactly those paths', async () => {
      // Prepare
      const before = await snapshot();
      const logged = logLines.length;
      // Act
      const summary = await handler(loadEvent('sqs-s3-put-delete'));
      // Assess
      const after = await snapshot();
      expect(before.etags.size).toBe(0);
      expect(after.etags.size).toBeGreaterThan(0);
      expect(summary.written).toBe(after.etags.size);
      expect(summary).toMatchObject({ trigger: 'sqs', deleted: 0 });
      await Promise.all(
        [...after.etags.keys()].map(async (key) => {
          const [head, body] = await Promise.all([s3.client.send(new HeadObjectCommand({ Bucket: feedsBucket, Key: key })), text(feedsBucket, key)]);
          const expectedType = key.endsWith('index.xml')
            ? /^application\/rss\+xml/
            : key.endsWith('atom.xml')
              ? /^application\/atom\+xml/
              : key.endsWith('feed.json')
                ? /^application\/feed\+json/
                : key.endsWith('.opml')
                  ? /^text\/x-opml/
                  : key.endsWith('.html')
                    ? /^text\/html/
                    : /^application\/json/; // feeds/discovery.json
          expect(head.ContentType, key).toMatch(expectedType);
          expect(head.CacheControl, key).toMatch(/max-age=\d+/);
          expect(head.Metadata?.sha256, key).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
        }),
      );
      expect(invalidations()).toEqual([encodeForCloudFront(changedPaths(before, after))]);
      // One JSON summary line for the run.
      const lines = logLines.slice(logged).map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => line.message === 'rebuilt')).toHaveLength(1);
      // Private state and the authors' report are where the policies expect them.
      const state = await s3.client.send(new ListObjectsV2Command({ Bucket: feedsBucket, Prefix: '_feedpub/' }));
      expect(state.KeyCount).toBeGreaterThan(0);
      expect(JSON.parse(await text(contentBucket, '_feedpub/report.json'))).toHaveProperty('problems');
    });

    it('writes no feed and invalidates nothing when run again on unchanged content', async () => {
      // Prepare
      const before = await snapshot();
      const calls = invalidations().length;
      await s3.clearEvents();
      // Act
      const summary = await handler(loadEvent('s3-put-encoded-key'));
      // Assess: no PUT or DELETE reached a feed (s3rver reports every one), no CloudFront call.
      const writes = (await s3.objectEvents()).filter((event) => event.bucket === feedsBucket);
      expect(writes.filter((event) => !event.key.startsWith('_feedpub/'))).toEqual([]);
      expect(summary).toMatchObject({ trigger: 's3', written: 0, deleted: 0, invalidated: 0 });
      expect((await snapshot()).etags).toEqual(before.etags);
      expect(invalidations()).toHaveLength(calls);
    });

    it('removes a deleted article from every feed and invalidates exactly the files that changed', async () => {
      // Prepare: a published article, found by its title in the JSON feeds.
      const before = await snapshot();
      const jsonFeeds = [...before.etags.keys()].filter((key) => key.endsWith('feed.json'));
      const titles = new Set<string>();
      for (const key of jsonFeeds) {
        const feed = JSON.parse(await text(feedsBucket, key)) as { items: Array<{ title?: string }> };
        for (const item of feed.items) if (item.title) titles.add(item.title);
      }
      let victim: { key: string; title: string } | undefined;
      for (const key of (await siteFiles()).filter((file) => file.endsWith('.md'))) {
        const source = await readFile(path.join(root, key), 'utf8');
        const title = /^\s*"?title"?\s*[:=]\s*"([^"]+)"/m.exec(source)?.[1];
        if (title && titles.has(title)) {
          victim = { key, title };
          break;
        }
      }
      expect(victim, 'a published article of the sample site').toBeDefined();
      if (!victim) return;
      const calls = invalidations().length;
      // Act
      await s3.client.send(new DeleteObjectCommand({ Bucket: contentBucket, Key: victim.key }));
      // The notification names the deleted key, as S3 writes keys in events (URL-encoded, spaces as '+').
      const event = loadEvent('s3-delete') as { Records: Array<{ s3: { object: { key: string } } }> };
      for (const record of event.Records) record.s3.object.key = encodeURIComponent(victim.key).replace(/%2F/g, '/').replace(/%20/g, '+');
      const summary = await handler(event);
      // Assess
      const after = await snapshot();
      for (const key of after.etags.keys()) {
        if (key.endsWith('feed.json')) expect(await text(feedsBucket, key), key).not.toContain(JSON.stringify(victim.title));
      }
      const changed = changedPaths(before, after);
      expect(changed.length).toBeGreaterThan(0);
      expect(Number(summary.written) + Number(summary.deleted)).toBe(changed.length);
      expect(invalidations().slice(calls)).toEqual([encodeForCloudFront(changed)]);
    });

    it('a config that does not resolve: the notification is not retried, the authors report names it, and the run after the fix writes its own', async () => {
      // Prepare
      const config = await text(contentBucket, 'hugo.toml');
      const reportBefore = await text(contentBucket, '_feedpub/report.json');
      const before = await snapshot();
      const put = (body: string) => s3.client.send(new PutObjectCommand({ Bucket: contentBucket, Key: 'hugo.toml', Body: body }));
      await put(config.replace('timeZone = "Asia/Shanghai"', 'timeZone = "Europe/Pariss"'));
      const logged = logLines.length;
      // Act
      const result = await handler(loadEvent('s3-put-config'));
      // The operator's log line says why (an audit: the logger's own message field hid the reason).
      const line = logLines
        .slice(logged)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.message === 'config-invalid');
      expect(line).toMatchObject({ level: 'error', key: 'timeZone', reason: expect.stringContaining('Europe/Pariss') });
      // Assess: nothing published, no retry, the report says why.
      expect(result).toMatchObject({ configError: { key: 'timeZone' } });
      expect(await snapshot()).toEqual(before);
      const problems = (JSON.parse(await text(contentBucket, '_feedpub/report.json')) as { problems: { rule: string; file: string; message: string }[] })
        .problems;
      expect(problems).toEqual([expect.objectContaining({ rule: 'config-invalid', file: 'hugo.toml', message: expect.stringContaining('timeZone') })]);
      // Act: the fix; the report goes back to what it was, though the manifest's last report was that one.
      await put(config);
      await handler(loadEvent('s3-put-config'));
      expect(await text(contentBucket, '_feedpub/report.json')).toBe(reportBefore);
      expect(await snapshot()).toEqual(before);
    });
  });

  it('skips the s3:TestEvent and non-Markdown keys without writing anything', async () => {
    await s3.clearEvents();
    expect(await handler(loadEvent('sqs-s3-test-event'))).toMatchObject({ skipped: true });
    expect(await handler(loadEvent('s3-put-image'))).toMatchObject({ skipped: true });
    expect(await s3.objectEvents()).toEqual([]);
  });

  it('a run that fails logs one line first: which run, the error, and what to do (the runtime prints only its stack)', async () => {
    const logged = logLines.length;
    await expect(handler({ action: 'rebuld' })).rejects.toThrow();
    const lines = logLines.slice(logged).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'run-failed',
        trigger: 'unknown',
        error: expect.objectContaining({ name: 'EventError' }),
        action: expect.stringContaining('{"action":"rebuild"}'),
      }),
    ]);
  });
});

describe('the composition root (createLambdaDeps) against s3rver', () => {
  /** Every key of a bucket, sorted. */
  async function keys(bucket: string): Promise<string[]> {
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
  }

  it('reads the source at the content bucket root, writes target and state to the feeds bucket, the report under REPORT_PREFIX', async () => {
    // Prepare: a site config at the content bucket root, and a report prefix other than the default.
    await s3.client.send(new PutObjectCommand({ Bucket: 'deps-content', Key: 'hugo.toml', Body: 'title = "Deps"\n' }));
    const env = { CONTENT_BUCKET: 'deps-content', FEEDS_BUCKET: 'deps-feeds', REPORT_PREFIX: 'reports/' };
    const { rebuild } = createLambdaDeps(env, { s3: s3.client }, silentLogger);
    const file = { body: 'x', contentType: 'text/plain', cacheControl: 'no-cache' };
    // Act
    const config = await rebuild.source.read('hugo.toml');
    await rebuild.target.write({ key: 'index.xml', ...file });
    await rebuild.state.write({ key: 'manifest.json', ...file });
    await rebuild.report?.write({ key: 'report.json', ...file });
    // Assess
    expect(new TextDecoder().decode(config)).toBe('title = "Deps"\n');
    expect(await keys('deps-feeds')).toEqual(['_feedpub/manifest.json', 'index.xml']);
    expect(await keys('deps-content')).toEqual(['hugo.toml', 'reports/report.json']);
  });
});
