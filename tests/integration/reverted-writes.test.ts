import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaDeps } from '../../functions/deps.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { S3Storage } from '../../src/adapters/s3-storage.js';
import { CdnError, StorageError } from '../../src/errors.js';
import { type Cdn, type Hub, silentLogger } from '../../src/ports.js';
import { type RebuildDeps, type RebuildOptions, rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { cleanBuildOf } from '../support/build.js';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { type S3Server, s3rverClient, startS3Server } from '../support/s3-server.js';
import { sampleSiteFiles } from '../support/sample-source.js';

/**
 * Runs that fail after their writes, the author reverting in between: A → B (a run writes B, fails) → A
 * (its retry writes A back, fails too) → the next run. On S3 an object's ETag is the MD5 of its bytes
 * (SSE-S3, one PUT), so A written back carries the very ETag the manifest recorded for A: that run's
 * write cannot be told from no write by its change token. Edges that fetched B serve it until their TTL,
 * and the hub never hears of the revert, unless the next run invalidates and pings what the failed runs
 * may have written. Against s3rver (MD5 ETags, as S3) with the production S3Storage, through the fault
 * proxy (S3's conditional writes; every write after the K-th refused: a run killed between two writes).
 */
const HUB = 'https://hub.example/';
const decoder = new TextDecoder();

let s3: S3Server;
let proxy: FaultProxy;
let client: S3Client;
let buckets = 0;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: [] });
  proxy = await startFaultProxy(s3.endpoint, { conditionalWrites: s3.client });
  // The production S3Storage over s3rver, through the proxy; one attempt per request, so that a refused
  // write fails its run at once (the SDK's retries are the fault tests' subject, not this one's).
  client = s3rverClient(proxy.endpoint);
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
  await s3?.stop();
});

/** What readers and the hub could be told, in order: each step is the proxy's request count when it happened. */
interface World {
  readonly content: string;
  readonly feeds: string;
  /** The author's files, as uploaded. */
  readonly files: Map<string, string>;
  readonly invalidations: { readonly at: number; readonly paths: readonly string[] }[];
  readonly pings: { readonly at: number; readonly urls: readonly string[] }[];
  /** The CDN refuses every invalidation (AccessDenied: the run fails, and is retried). */
  cdnRefuses: boolean;
  readonly baseURL: string;
}

/** A small site: two posts with a tag each, one note; all three formats, and a hub. */
const SMALL_SITE: ReadonlyArray<readonly [string, string]> = [
  [
    'hugo.toml',
    'baseURL = "https://small.example.org/"\ntitle = "Small"\nlanguageCode = "en"\n[taxonomies]\ntag = "tags"\n[feedpub]\nhub = "https://hub.example/"\n',
  ],
  ['content/posts/a.md', '---\ntitle: "Alpha"\ndate: 2025-01-02T10:00:00Z\ntags: ["x"]\n---\nAlpha text.\n'],
  ['content/posts/b.md', '---\ntitle: "Beta"\ndate: 2025-01-03T10:00:00Z\ntags: ["y"]\n---\nBeta text.\n'],
  ['content/notes/c.md', '---\ntitle: "Gamma"\ndate: 2025-01-04T10:00:00Z\n---\nGamma text.\n'],
];
const ALPHA = 'content/posts/a.md';

async function newWorld(files: Iterable<readonly [string, string]>, baseURL: string): Promise<World> {
  buckets += 1;
  const world: World = {
    content: `reverted-${buckets}-content`,
    feeds: `reverted-${buckets}-feeds`,
    files: new Map(),
    invalidations: [],
    pings: [],
    cdnRefuses: false,
    baseURL,
  };
  await s3.client.send(new CreateBucketCommand({ Bucket: world.content }));
  await s3.client.send(new CreateBucketCommand({ Bucket: world.feeds }));
  for (const [key, body] of files) await authorPut(world, key, body);
  return world;
}

/** The author uploads a file (straight to S3, not through the proxy). */
async function authorPut(world: World, key: string, body: string): Promise<void> {
  world.files.set(key, body);
  await s3.client.send(new PutObjectCommand({ Bucket: world.content, Key: key, Body: body }));
}

async function authorDelete(world: World, key: string): Promise<void> {
  world.files.delete(key);
  await s3.client.send(new DeleteObjectCommand({ Bucket: world.content, Key: key }));
}

/** The Lambda's dependencies (the production S3Storage for content, feeds and state), with a recording CDN and hub. */
function depsFor(world: World): RebuildDeps {
  const lambda = createLambdaDeps({ CONTENT_BUCKET: world.content, FEEDS_BUCKET: world.feeds }, { s3: client }, silentLogger);
  const cdn: Cdn = {
    invalidate: async (paths) => {
      if (world.cdnRefuses) throw new CdnError('CloudFront invalidation failed: AccessDenied');
      world.invalidations.push({ at: proxy.requests.length, paths: [...paths] });
    },
    waitUntilLive: async () => {},
  };
  const hub: Hub = {
    publish: async (hubUrl, urls) => {
      expect(hubUrl).toBe(HUB);
      world.pings.push({ at: proxy.requests.length, urls: [...urls] });
    },
  };
  return { ...lambda.rebuild, cdn, hub, clock: () => SAMPLE_NOW };
}

/** As the function runs for an upload's event, or hourly. */
function eventFor(key: string): RebuildOptions {
  return { trigger: 'sqs', contentPrefix: 'content/', changedKeys: [key] };
}
const HOURLY: RebuildOptions = { trigger: 'rebuild', contentPrefix: 'content/', refreshSchedule: true };

/** How a run fails: killed after its K-th write (every later one refused), or refused by the CDN after its writes. */
type Failure = { readonly killAfterWrites: number } | 'cdn-refuses';

/**
 * Runs with `failure`; returns whether the run failed. A run killed after its last write did everything
 * but answer, and one with nothing to invalidate never asks the CDN: those succeed.
 */
async function failingRun(world: World, options: RebuildOptions, failure: Failure): Promise<boolean> {
  if (failure === 'cdn-refuses') world.cdnRefuses = true;
  else proxy.crashAfterWrites(failure.killAfterWrites);
  try {
    return await rebuild(depsFor(world), options).then(
      () => false,
      (error: unknown) => {
        expect(error).toBeInstanceOf(failure === 'cdn-refuses' ? CdnError : StorageError);
        return true;
      },
    );
  } finally {
    proxy.clearFaults();
    world.cdnRefuses = false;
  }
}

/** The published feeds (not the state), straight from s3rver. */
async function published(world: World): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const page of paginateListObjectsV2({ client: s3.client }, { Bucket: world.feeds })) {
    for (const { Key: key } of page.Contents ?? []) {
      if (key === undefined || key.startsWith('_feedpub/')) continue;
      const object = await s3.client.send(new GetObjectCommand({ Bucket: world.feeds, Key: key }));
      files.set(key, decoder.decode(await object.Body?.transformToByteArray()));
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function isFeed(path: string): boolean {
  return /(^|\/)(index\.xml|atom\.xml|feed\.json)$/.test(path);
}

/**
 * What a reader or the hub may still be served stale, after the proxy's request `since`: feed paths
 * written or deleted (answered 2xx) after the last invalidation naming them (or `/*`), and feeds written
 * and still there whose hub was not pinged after that write.
 */
function staleAfter(world: World, since: number): { uninvalidated: string[]; unpinged: string[] } {
  const lastChange = new Map<string, { at: number; deleted: boolean }>();
  for (const request of proxy.requests.slice(since)) {
    if (request.bucket !== world.feeds || request.key.startsWith('_feedpub/')) continue;
    if ((request.op === 'PUT' || request.op === 'DELETE') && request.status >= 200 && request.status < 300) {
      lastChange.set(request.key, { at: request.seq, deleted: request.op === 'DELETE' });
    }
  }
  const invalidatedAt = (path: string): number =>
    Math.max(-1, ...world.invalidations.filter((i) => i.paths.includes(`/${path}`) || i.paths.includes('/*')).map((i) => i.at));
  const pingedAt = (path: string): number => Math.max(-1, ...world.pings.filter((p) => p.urls.includes(world.baseURL + path)).map((p) => p.at));
  const changed = [...lastChange].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    uninvalidated: changed.filter(([path, change]) => invalidatedAt(path) < change.at).map(([path]) => path),
    unpinged: changed.filter(([path, change]) => isFeed(path) && !change.deleted && pingedAt(path) < change.at).map(([path]) => path),
  };
}

/** The run converged: the bytes of a clean build, nothing left stale, and a manifest with nothing pending. */
async function expectConverged(world: World, since: number): Promise<void> {
  const expected = await cleanBuildOf(new MemoryStorage([...world.files]), SAMPLE_NOW);
  expect(await published(world)).toEqual(expected);
  expect(staleAfter(world, since)).toEqual({ uninvalidated: [], unpinged: [] });
  const state = new S3Storage({ client: s3.client, bucket: world.feeds, prefix: '_feedpub/' });
  const manifest = (await readManifest(state))?.manifest;
  expect({
    unfinished: manifest?.unfinished,
    intents: manifest?.intents,
    pendingInvalidations: manifest?.pendingInvalidations,
    pendingPings: manifest?.pendingPings,
  }).toEqual({ unfinished: undefined, intents: undefined, pendingInvalidations: undefined, pendingPings: undefined });
}

describe('a change reverted between two failed runs (ETags are MD5s of the bytes: A, B, A again)', () => {
  it('edit, the run fails at the CDN; revert, its retry fails at the CDN: the next run invalidates and pings every feed the two rewrote', async () => {
    // Prepare: the sample site, converged.
    const sample = sampleSiteFiles();
    const config = sample.get('hugo.toml') ?? '';
    expect(config).toContain('\n[feedpub]\n');
    sample.set('hugo.toml', config.replace('\n[feedpub]\n', `\n[feedpub]\nhub = "${HUB}"\n`));
    const world = await newWorld(sample, 'https://news.example.org/');
    await rebuild(depsFor(world), HOURLY);
    const since = proxy.requests.length;
    const article = 'content/en/news/world/openai-funding.en.md';
    const original = world.files.get(article) ?? '';
    expect(original).toContain('OpenAI nears the largest');
    // Act 1: the author retitles the article; its run publishes, and CloudFront refuses (AccessDenied).
    await authorPut(world, article, original.replace('OpenAI nears the largest', 'LEAKED: OpenAI nears the largest'));
    expect(await failingRun(world, eventFor(article), 'cdn-refuses')).toBe(true);
    expect((await published(world)).get('index.xml')).toContain('LEAKED'); // what edges may cache from now on
    // Act 2: the author reverts; the retry writes the old bytes back (their old ETags), and fails the same way.
    await authorPut(world, article, original);
    expect(await failingRun(world, eventFor(article), 'cdn-refuses')).toBe(true);
    expect((await published(world)).get('index.xml')).not.toContain('LEAKED');
    // Act 3: CloudFront is fixed; the next run (the retry, or the hourly one).
    const next = await rebuild(depsFor(world), eventFor(article));
    // Assess: it writes nothing, and invalidates and pings the feeds the failed runs rewrote.
    expect(next.written).toEqual([]);
    expect(next.invalidated).toContain('/index.xml');
    expect(next.invalidated).toContain('/tags/venture-capital/atom.xml');
    await expectConverged(world, since);
    // And the run after it does nothing: no write, no invalidation, no ping.
    const invalidations = world.invalidations.length;
    const pings = world.pings.length;
    const writesBefore = proxy.matching({ op: ['PUT', 'DELETE'], bucket: world.feeds }).length;
    const after = await rebuild(depsFor(world), HOURLY);
    expect(after.written).toEqual([]);
    expect(after.invalidated).toEqual([]);
    expect(world.invalidations.length).toBe(invalidations);
    expect(world.pings.length).toBe(pings);
    expect(proxy.matching({ op: ['PUT', 'DELETE'], bucket: world.feeds }).length).toBe(writesBefore);
  }, 60_000);

  it('a tag added and its run failed, then removed and its run failed: the tag feeds created and deleted again are invalidated', async () => {
    // Prepare
    const world = await newWorld(SMALL_SITE, 'https://small.example.org/');
    await rebuild(depsFor(world), HOURLY);
    const since = proxy.requests.length;
    const original = world.files.get(ALPHA) ?? '';
    // Act: tag z created (its feeds written), the run fails at the CDN; the tag removed, the retry deletes them and fails.
    await authorPut(world, ALPHA, original.replace('tags: ["x"]', 'tags: ["x", "z"]'));
    expect(await failingRun(world, eventFor(ALPHA), 'cdn-refuses')).toBe(true);
    expect([...(await published(world)).keys()]).toContain('tags/z/index.xml');
    await authorPut(world, ALPHA, original);
    expect(await failingRun(world, eventFor(ALPHA), 'cdn-refuses')).toBe(true);
    expect([...(await published(world)).keys()]).not.toContain('tags/z/index.xml');
    const next = await rebuild(depsFor(world), eventFor(ALPHA));
    // Assess
    expect(next.invalidated).toEqual(expect.arrayContaining(['/tags/z/index.xml', '/tags/z/atom.xml', '/tags/z/feed.json']));
    await expectConverged(world, since);
  }, 60_000);
});

/** Writes of one run of `options` on a converged small site after `change`, found by running it. */
async function writesOf(change: (world: World) => Promise<void>, options: RebuildOptions): Promise<number> {
  const world = await newWorld(SMALL_SITE, 'https://small.example.org/');
  await rebuild(depsFor(world), HOURLY);
  await change(world);
  const before = proxy.requests.length;
  await rebuild(depsFor(world), options);
  return proxy.requests.slice(before).filter((r) => r.op === 'PUT' || r.op === 'DELETE').length;
}

describe('a run killed after each of its writes, the author reverting, its retry killed or refused: the next run converges and leaves nothing stale', () => {
  const edit = (world: World) => authorPut(world, ALPHA, (world.files.get(ALPHA) ?? '').replace('"Alpha"', '"Alpha, revised"').replace('["x"]', '["x", "z"]'));
  const revert = (world: World) => authorPut(world, ALPHA, SMALL_SITE.find(([key]) => key === ALPHA)?.[1] ?? '');
  const removeBeta = (world: World) => authorDelete(world, 'content/posts/b.md');

  it.each([
    { name: 'an edit (and a new tag)', change: edit, undo: revert, key: ALPHA },
    {
      name: 'a removal (its tag feeds deleted)',
      change: removeBeta,
      undo: (world: World) => authorPut(world, 'content/posts/b.md', SMALL_SITE[2]?.[1] ?? ''),
      key: 'content/posts/b.md',
    },
  ])(
    '$name, undone: first run killed after K writes, its retry refused by the CDN, the other way round, and both killed',
    async ({ change, undo, key }) => {
      const writes = await writesOf(change, eventFor(key));
      expect(writes).toBeGreaterThan(6);
      const failures: string[] = [];
      let bothFailed = 0;
      const scenarios: Array<readonly [Failure, Failure]> = [];
      for (let k = 0; k <= writes; k++) scenarios.push([{ killAfterWrites: k }, 'cdn-refuses'], ['cdn-refuses', { killAfterWrites: k }]);
      // Both killed: before their first feed write, half-way, and before their manifest.
      const some = [1, Math.round(writes / 2), writes - 1];
      for (const k1 of some) for (const k2 of some) scenarios.push([{ killAfterWrites: k1 }, { killAfterWrites: k2 }]);
      // One site for every scenario: each ends where it started (the change undone, and converged).
      const world = await newWorld(SMALL_SITE, 'https://small.example.org/');
      await rebuild(depsFor(world), HOURLY);
      for (const [first, second] of scenarios) {
        const label = JSON.stringify([first, second]);
        const since = proxy.requests.length;
        await change(world);
        const failed = await failingRun(world, eventFor(key), first);
        await undo(world);
        if ((await failingRun(world, eventFor(key), second)) && failed) bothFailed += 1;
        try {
          await rebuild(depsFor(world), eventFor(key));
        } catch (error) {
          failures.push(`${label}: the run after failed: ${(error as Error).message}`);
          continue;
        }
        try {
          await expectConverged(world, since);
        } catch (error) {
          failures.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      expect(failures).toEqual([]);
      expect(bothFailed).toBeGreaterThan(writes + some.length ** 2);
    },
    120_000,
  );
});
