import { createHash } from 'node:crypto';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaDeps } from '../../functions/deps.js';
import { createS3Client } from '../../src/adapters/s3-client.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { openManifestHead } from '../../src/manifest.js';
import { StorageError } from '../../src/errors.js';
import { silentLogger } from '../../src/ports.js';
import { type RebuildDeps, type RebuildReport, rebuild } from '../../src/rebuild.js';
import { buildToMemory } from '../support/build.js';
import { type FaultAction, type FaultProxy, isWrite, type RequestMatch, type RuleHandle, startFaultProxy } from '../support/fault-proxy.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { sampleSiteFiles } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';
import { getOrInsert } from '../../src/get-or-insert.js';

/**
 * Fault injection against the real S3 protocol: s3rver behind a {@link FaultProxy}, and feedpub wired
 * exactly as the Lambda wires it (`createLambdaDeps` with the production `createS3Client`: standard
 * retries, 5 attempts) except for the clock. Each scenario gets its own content and feeds buckets,
 * holding the sample site plus files the author uploaded that feedpub must never touch. Uploads and
 * checks go straight to s3rver; only feedpub's requests pass through the proxy.
 */

const BASE_URL = 'https://news.example.org/';
const MANIFEST = '_feedpub/manifest.json.gz';
const REPORT = '_feedpub/report.json';
const OPENAI_EN = 'content/en/news/world/openai-funding.en.md';
const DEEPSEEK_EN = 'content/en/news/tech/deepseek-r1.en.md';
const ROBOTS_EN = 'content/en/news/tech/robot-parcels.en.md';
const ROBOTS_ARTICLE = `---
title: "Robots learn to sort parcels"
date: 2025-05-30T10:00:00+08:00
categories: ["Tech"]
tags: ["Robotics", "AI"]
slug: "robot-parcels"
---

Warehouse robots now sort **parcels** faster than people.
`;
/** Objects the author keeps in the content bucket that are not articles: feedpub must leave them alone. */
const AUTHOR_EXTRAS: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['content/en/news/tech/chart.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])],
  ['content/en/news/README.txt', new TextEncoder().encode('Editors: one folder per desk.\n')],
  ['drafts/notes.md', new TextEncoder().encode('---\ntitle: "Not in a content dir"\ndate: 2025-01-01\n---\nIgnored.\n')],
  ['index.xml', new TextEncoder().encode('<rss version="2.0"><channel><title>author copy</title></channel></rss>\n')],
  ['tags/ai/atom.xml', new TextEncoder().encode('<feed xmlns="http://www.w3.org/2005/Atom"/>\n')],
];
/** A file the operator put in the feeds bucket beside the feeds. */
const ROBOTS_TXT = new TextEncoder().encode('User-agent: *\nAllow: /\n');

interface Site {
  readonly content: string;
  readonly feeds: string;
  /** What the author uploaded to the content bucket and has not deleted, by key. */
  readonly files: Map<string, Uint8Array>;
}

let s3: S3Server;
let proxy: FaultProxy;
const sites: Site[] = [];
const clients: S3Client[] = [];
const cloudFront = new CloudFrontClient({ region: 'us-east-1' });
const savedEnv = { ...process.env };
const decoder = new TextDecoder('utf-8', { fatal: true });
const runs = { succeeded: 0, failed: 0 };

beforeAll(async () => {
  // createS3Client takes credentials from the default provider chain, as in Lambda.
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' });
  s3 = await startS3Server({ buckets: [] });
  // The proxy refuses conditional writes as S3 does (s3rver ignores If-Match and If-None-Match).
  proxy = await startFaultProxy(s3.endpoint, { conditionalWrites: s3.client });
});

afterEach(() => proxy?.clearFaults());

afterAll(async () => {
  process.env = savedEnv;
  for (const client of clients) client.destroy();
  cloudFront.destroy();
  if (proxy) {
    const all = proxy.requests;
    // Numbers for docs/reliability.md.
    console.info(
      `[faults] ${JSON.stringify({
        injected: proxy.injected,
        requests: proxy.countByOperation(),
        faulted: all.filter((r) => r.fault !== undefined && r.fault !== 'delay').length,
        runs,
        scenarios: sites.length,
      })}`,
    );
  }
  await proxy?.stop();
  await s3?.stop();
});

/** A client built as the Lambda builds it, pointed at the proxy. */
function productionClient(): S3Client {
  const client = createS3Client({ AWS_ENDPOINT_URL_S3: proxy.endpoint, AWS_REGION: 'us-east-1' });
  clients.push(client);
  return client;
}

/** Fresh buckets with the sample site, the author's extra files, and robots.txt in the feeds bucket. */
async function newSite(): Promise<Site> {
  const n = sites.length + 1;
  const site: Site = { content: `faults-${n}-content`, feeds: `faults-${n}-feeds`, files: new Map() };
  sites.push(site);
  await s3.client.send(new CreateBucketCommand({ Bucket: site.content }));
  await s3.client.send(new CreateBucketCommand({ Bucket: site.feeds }));
  const encoder = new TextEncoder();
  const files: Array<readonly [string, Uint8Array]> = [...[...sampleSiteFiles()].map(([key, text]) => [key, encoder.encode(text)] as const), ...AUTHOR_EXTRAS];
  await Promise.all(files.map(([key, body]) => authorPut(site, key, body)));
  await s3.client.send(new PutObjectCommand({ Bucket: site.feeds, Key: 'robots.txt', Body: ROBOTS_TXT }));
  return site;
}

/** The author uploads a file (straight to S3, not through the proxy). */
async function authorPut(site: Site, key: string, body: Uint8Array | string): Promise<void> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  site.files.set(key, bytes);
  await s3.client.send(new PutObjectCommand({ Bucket: site.content, Key: key, Body: bytes }));
}

async function authorDelete(site: Site, key: string): Promise<void> {
  site.files.delete(key);
  await s3.client.send(new DeleteObjectCommand({ Bucket: site.content, Key: key }));
}

function authorText(site: Site, key: string): string {
  return decoder.decode(site.files.get(key));
}

/** An edit, a new article (with a new tag) and a delete (which empties the venture-capital feeds). */
async function changeSite(site: Site): Promise<void> {
  await authorPut(site, DEEPSEEK_EN, authorText(site, DEEPSEEK_EN).replace('what the open model changes', 'what the open model changed'));
  await authorPut(site, ROBOTS_EN, ROBOTS_ARTICLE);
  await authorDelete(site, OPENAI_EN);
}

/** Undoes {@link changeSite}: the original edit, no robots article, the OpenAI article back. */
async function revertSite(site: Site): Promise<void> {
  const original = sampleSiteFiles();
  await authorPut(site, DEEPSEEK_EN, original.get(DEEPSEEK_EN) ?? '');
  await authorDelete(site, ROBOTS_EN);
  await authorPut(site, OPENAI_EN, original.get(OPENAI_EN) ?? '');
}

/** From the sample site to the changed one, or back: both ways write, and delete a feed. */
async function toggleSite(site: Site): Promise<void> {
  await (site.files.has(ROBOTS_EN) ? revertSite(site) : changeSite(site));
}

/** The Lambda's dependencies for this site, with the sample clock. */
function depsFor(site: Site, client: S3Client): RebuildDeps {
  const lambda = createLambdaDeps({ CONTENT_BUCKET: site.content, FEEDS_BUCKET: site.feeds }, { s3: client, cloudFront }, silentLogger);
  return { ...lambda.rebuild, clock: () => SAMPLE_NOW };
}

async function run(site: Site, client: S3Client): Promise<RebuildReport> {
  try {
    const report = await rebuild(depsFor(site, client));
    runs.succeeded += 1;
    return report;
  } catch (error) {
    runs.failed += 1;
    throw error;
  }
}

/** Every object of a bucket (straight from s3rver), by key. */
async function bucketObjects(bucket: string): Promise<Map<string, Uint8Array>> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client: s3.client }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
  }
  const objects = await Promise.all(keys.map(async (key) => [key, await getBytes(bucket, key)] as const));
  return new Map(objects.filter((entry): entry is readonly [string, Uint8Array] => entry[1] !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function getBytes(bucket: string, key: string): Promise<Uint8Array | undefined> {
  try {
    const response = await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await response.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** The published feeds (everything in the feeds bucket but feedpub's state and robots.txt), as text. */
async function published(site: Site): Promise<Map<string, string>> {
  const objects = await bucketObjects(site.feeds);
  return new Map([...objects].filter(([key]) => !key.startsWith('_feedpub/') && key !== 'robots.txt').map(([key, body]) => [key, decoder.decode(body)]));
}

/**
 * How `actual` differs from `expected`, path by path (`+` extra, `-` missing, `≠` other bytes): an
 * empty list means byte-identical. Short and fast to diff when a test fails.
 */
function differences(actual: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [path, body] of actual) {
    const want = expected.get(path);
    if (want === undefined) out.push(`+ ${path}`);
    else if (want !== body) out.push(`≠ ${path}`);
  }
  for (const path of expected.keys()) if (!actual.has(path)) out.push(`- ${path}`);
  return out.sort();
}

/** Feed outputs already validated the strictest way: path → sha256 of the bodies checked. */
const validated = new Map<string, Set<string>>();
/** Every path some clean build produced (what feedpub may write in a feeds bucket besides its state). */
const outputPaths = new Set<string>();

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isValidated(path: string, body: string): boolean {
  return validated.get(path)?.has(sha256(body)) ?? false;
}

function remember(files: ReadonlyMap<string, string>): void {
  for (const [path, body] of files) {
    getOrInsert(validated, path, () => new Set()).add(sha256(body));
  }
}

/**
 * What a clean build of the author's current files publishes, as text (fatal decoding: equal text ⇔
 * equal bytes). Each distinct build is checked once with expectValidFeeds (parity included).
 */
async function cleanBuild(site: Site): Promise<Map<string, string>> {
  const state = sourceHash(site.files);
  let files = cleanBuilds.get(state);
  if (!files) {
    const build = await buildToMemory(new MemoryStorage([...site.files]), SAMPLE_NOW);
    files = new Map([...build.target.snapshot()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, object]) => [key, decoder.decode(object.body)] as const));
    if ([...files].some(([path, body]) => !isValidated(path, body))) {
      expectValidFeeds(files, BASE_URL);
      remember(files);
    }
    for (const path of files.keys()) outputPaths.add(path);
    cleanBuilds.set(state, files);
  }
  return new Map(files);
}

/** Clean builds by source state: the scenarios share a few states (the sample site, and after changeSite). */
const cleanBuilds = new Map<string, ReadonlyMap<string, string>>();

function sourceHash(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const key of [...files.keys()].sort())
    hash
      .update(key)
      .update('\0')
      .update(files.get(key) ?? new Uint8Array())
      .update('\0');
  return hash.digest('hex');
}

/**
 * Every feed file valid on its own. Files equal to a validated clean build output are known valid;
 * any other is checked now, RSS, Atom and JSON apart (a run cut short may leave the formats of one
 * feed at different versions, so cross-format parity is not expected mid-failure).
 */
function expectEveryFileValid(files: ReadonlyMap<string, string>): void {
  const unseen = new Map([...files].filter(([path, body]) => !isValidated(path, body)));
  for (const suffix of ['index.xml', 'atom.xml', 'feed.json']) {
    const subset = new Map([...unseen].filter(([key]) => key.endsWith(suffix)));
    if (subset.size > 0) expectValidFeeds(subset, BASE_URL);
  }
  remember(unseen);
}

/**
 * After a failed run, every published file is whole: byte-identical to its copy before the run or to
 * a clean build of the new content (absent from both only if never published).
 */
function expectEachFileBeforeOrAfter(files: ReadonlyMap<string, string>, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): void {
  const torn = [...files].filter(([path, body]) => body !== before.get(path) && body !== after.get(path)).map(([path]) => path);
  expect(torn, 'files that are neither the previous nor the new version').toEqual([]);
}

/** The author's files are all there, byte for byte, and robots.txt is untouched. */
async function expectAuthorFilesUntouched(site: Site): Promise<void> {
  const content = await bucketObjects(site.content);
  const authored = new Map([...content].filter(([key]) => !key.startsWith('_feedpub/')));
  expect([...authored.keys()]).toEqual([...site.files.keys()].sort());
  for (const [key, body] of site.files) expect(Buffer.from(authored.get(key) ?? []).equals(Buffer.from(body)), key).toBe(true);
  expect(Buffer.from((await getBytes(site.feeds, 'robots.txt')) ?? []).equals(Buffer.from(ROBOTS_TXT))).toBe(true);
}

type Fault = 'error500' | 'error503' | 'error500after' | 'reset' | 'resetAfter' | 'resetMidResponse';

function actionOf(fault: Fault): FaultAction {
  switch (fault) {
    case 'error500':
      return { kind: 'error', status: 500 };
    case 'error503':
      return { kind: 'error', status: 503 };
    case 'error500after':
      return { kind: 'error', status: 500, after: true };
    case 'reset':
      return { kind: 'reset', phase: 'request' };
    case 'resetAfter':
      return { kind: 'reset', phase: 'response' };
    case 'resetMidResponse':
      return { kind: 'reset', phase: 'mid-response' };
  }
}

/** Adds rules; the returned check asserts that each fired exactly `times` times (so no fault is vacuous). */
function plan(rules: ReadonlyArray<{ match: RequestMatch; fault: Fault; times: number }>): () => void {
  const handles: Array<[string, number, RuleHandle]> = rules.map(({ match, fault, times }) => {
    const label = `${fault} ${JSON.stringify(match, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}`;
    return [label, times, proxy.addRule({ match, action: actionOf(fault), times })];
  });
  return () => {
    expect(handles.map(([label, , handle]) => [label, handle.fired()])).toEqual(handles.map(([label, times]) => [label, times]));
  };
}

describe('transient faults are absorbed by the SDK retries (production client)', () => {
  it('500s, SlowDowns and connection resets on listings, reads, writes and deletes: both runs succeed with the bytes of a clean build', async () => {
    // Prepare
    const site = await newSite();
    const client = productionClient();
    const c = site.content;
    const f = site.feeds;
    const firstRunFaults = plan([
      { match: { op: 'LIST', bucket: c }, fault: 'error500', times: 2 },
      { match: { op: 'LIST', bucket: c }, fault: 'resetMidResponse', times: 1 },
      { match: { op: 'LIST', bucket: f }, fault: 'error503', times: 1 },
      { match: { op: 'GET', bucket: c, key: 'hugo.toml' }, fault: 'error500', times: 1 },
      { match: { op: 'GET', bucket: c, key: /\.md$/ }, fault: 'error503', times: 2 },
      { match: { op: 'GET', bucket: c, key: /\.md$/ }, fault: 'reset', times: 2 },
      // The SDK retries until an answer's head arrives; a body cut after it is read again by S3Storage.
      { match: { op: 'GET', bucket: c, key: /\.md$/ }, fault: 'resetMidResponse', times: 2 },
      { match: { op: 'GET', bucket: f, key: MANIFEST }, fault: 'error500', times: 1 },
      { match: { op: 'PUT', bucket: f, key: /(^|\/)index\.xml$/ }, fault: 'reset', times: 2 },
      { match: { op: 'PUT', bucket: f, key: /(^|\/)atom\.xml$/ }, fault: 'resetAfter', times: 2 },
      { match: { op: 'PUT', bucket: f, key: /(^|\/)feed\.json$/ }, fault: 'error500after', times: 2 },
      { match: { op: 'PUT', bucket: c, key: REPORT }, fault: 'error500', times: 1 },
      { match: { op: 'PUT', bucket: f, key: MANIFEST }, fault: 'reset', times: 1 },
    ]);
    // Act
    const first = await run(site, client);
    // Assess
    firstRunFaults();
    expect(first.written.length).toBeGreaterThan(0);
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);

    // Prepare: the author edits, adds and deletes; faults on the incremental run, deletes included.
    await changeSite(site);
    const secondRunFaults = plan([
      { match: { op: 'LIST', bucket: c }, fault: 'resetMidResponse', times: 1 },
      { match: { op: 'LIST', bucket: f }, fault: 'error500', times: 1 },
      { match: { op: 'GET', bucket: f, key: MANIFEST }, fault: 'reset', times: 1 },
      { match: { op: 'GET', bucket: c, key: /\.md$/ }, fault: 'error503', times: 1 },
      { match: { op: 'GET', bucket: c, key: /\.md$/ }, fault: 'reset', times: 1 },
      { match: { op: 'GET', bucket: f, key: /(^|\/)feed\.json$/ }, fault: 'error500', times: 1 },
      { match: { op: 'PUT', bucket: f, key: /(^|\/)index\.xml$/ }, fault: 'error503', times: 1 },
      { match: { op: 'PUT', bucket: f, key: /(^|\/)atom\.xml$/ }, fault: 'reset', times: 1 },
      { match: { op: 'DELETE', bucket: f }, fault: 'error500', times: 1 },
      { match: { op: 'DELETE', bucket: f }, fault: 'reset', times: 1 },
      { match: { op: 'DELETE', bucket: f }, fault: 'resetAfter', times: 1 },
      { match: { op: 'PUT', bucket: f, key: MANIFEST }, fault: 'error500after', times: 1 },
    ]);
    // Act
    const second = await run(site, client);
    // Assess
    secondRunFaults();
    expect(second.deleted).toEqual(['tags/venture-capital/atom.xml', 'tags/venture-capital/feed.json', 'tags/venture-capital/index.xml']);
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
    await expectAuthorFilesUntouched(site);
    // A third run on unchanged content writes nothing.
    const third = await run(site, client);
    expect([third.written, third.deleted]).toEqual([[], []]);
  }, 60_000);
});

describe('a manifest write applied whose answer is lost', () => {
  // S3 applies the conditional PUT, the answer is lost; the SDK sends it again, and S3 refuses it (412): the
  // head is this run's own write. Each of a run's manifest writes (its write-ahead, its final head), on a
  // first run (If-None-Match) and on an incremental one (If-Match).
  it.each([
    { lost: '500', fault: 'error500after', nth: 1 },
    { lost: '500', fault: 'error500after', nth: 2 },
    { lost: 'a reset', fault: 'resetAfter', nth: 1 },
    { lost: 'a reset', fault: 'resetAfter', nth: 2 },
  ] as const)(
    'answered $lost (manifest write $nth of each run): both runs succeed with the bytes of a clean build',
    async ({ fault, nth }) => {
      // Prepare
      const site = await newSite();
      const client = productionClient();
      const manifestWrites = { op: 'PUT', bucket: site.feeds, key: MANIFEST } as const;
      const lostAnswer = () => proxy.addRule({ match: manifestWrites, action: actionOf(fault), after: nth - 1, times: 1 });
      // Act: a first run, then an incremental one.
      const first = lostAnswer();
      const from = proxy.requests.length;
      await run(site, client);
      const firstStatuses = proxy
        .matching(manifestWrites)
        .filter((r) => r.seq > from)
        .map((r) => r.status);
      first.remove();
      await changeSite(site);
      const second = lostAnswer();
      await run(site, client);
      // Assess
      expect([first.fired(), second.fired()]).toEqual([1, 1]);
      expect(firstStatuses).toContain(412); // the retry was refused: the defect's path was taken
      expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
      const third = await run(site, client);
      expect([third.written, third.deleted]).toEqual([[], []]);
      await expectAuthorFilesUntouched(site);
    },
    60_000,
  );
});

describe('an article S3 will not give (archived, SSE-C, a KMS key the role may not use)', () => {
  it('is reported and left out of the feeds as a rejected edit is, while the rest publishes; once readable, the next run puts it back', async () => {
    // Prepare: published; then the author edits an article, which S3 answers 403 InvalidObjectState (archived).
    const site = await newSite();
    const client = productionClient();
    await run(site, client);
    await authorPut(site, OPENAI_EN, authorText(site, OPENAI_EN).replace(/^title: .*$/m, 'title: "Edited, then archived"'));
    const archived = proxy.addRule({
      match: { op: 'GET', bucket: site.content, key: OPENAI_EN },
      action: {
        kind: 'error',
        status: 403,
        code: 'InvalidObjectState',
        message: 'The operation is not valid for the object storage class',
        details: { StorageClass: 'GLACIER' },
      },
    });
    // The feeds of the same files with that article's edit rejected (front matter that does not parse).
    const files = new Map(site.files);
    files.set(OPENAI_EN, new TextEncoder().encode('---\ntitle: "Unclosed\n---\nBody.\n'));
    const rejected = (await buildToMemory(new MemoryStorage([...files]), SAMPLE_NOW)).files;
    // Act
    const report = await run(site, client);
    // Assess
    expect(archived.fired()).toBe(1); // one GET, not retried
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.rule, p.message])).toEqual([
      [
        OPENAI_EN,
        'unreadable',
        'cannot be read: archived in a storage class S3 does not read from (GLACIER): restore it, or copy it to a class that can be read; not in feeds until it can be (every full run tries again)',
      ],
    ]);
    expect(report.articles.rejected).toBe(1);
    expect(differences(await published(site), rejected)).toEqual([]);
    // Act: a new post is published meanwhile; then the object is restored.
    await authorPut(site, ROBOTS_EN, ROBOTS_ARTICLE);
    const meanwhile = await run(site, client);
    expect(meanwhile.written.some((path) => path.startsWith('tags/robotics/'))).toBe(true);
    archived.remove();
    await run(site, client);
    // Assess
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
    await expectAuthorFilesUntouched(site);
  }, 60_000);
});

/** Faults that outlast the SDK's 5 attempts: the run must throw and leave the bucket safe. */
const PERSISTENT: ReadonlyArray<{ name: string; match: (site: Site) => RequestMatch; fault: Fault; times?: number }> = [
  { name: 'every listing of the content bucket answers 500', match: (s) => ({ op: 'LIST', bucket: s.content }), fault: 'error500' },
  { name: 'every article read answers 500', match: (s) => ({ op: 'GET', bucket: s.content, key: /\.md$/ }), fault: 'error500' },
  { name: 'every write under tags/ resets the connection', match: (s) => ({ op: 'PUT', bucket: s.feeds, key: /^tags\// }), fault: 'reset' },
  {
    name: 'every feed write is applied but answers 500',
    match: (s) => ({ op: 'PUT', bucket: s.feeds, key: /(index\.xml|atom\.xml|feed\.json)$/ }),
    fault: 'error500after',
  },
  { name: 'every delete answers 500', match: (s) => ({ op: 'DELETE', bucket: s.feeds }), fault: 'error500' },
  { name: 'every manifest write answers 500', match: (s) => ({ op: 'PUT', bucket: s.feeds, key: MANIFEST }), fault: 'error500' },
  // A body cut mid-stream is read again (three GETs in all): cut three times, the run fails.
  {
    name: 'every read of one article is cut in the middle of its body',
    match: (s) => ({ op: 'GET', bucket: s.content, key: DEEPSEEK_EN }),
    fault: 'resetMidResponse',
    times: 3,
  },
];

describe('persistent faults: the run throws, published feeds stay valid, the manifest is the previous one, the next run converges', () => {
  // One site for every case: each starts converged and fails on the way to the other state.
  let shared: { site: Site; client: S3Client } | undefined;
  beforeAll(async () => {
    const site = await newSite();
    const client = productionClient();
    await run(site, client);
    shared = { site, client };
  }, 60_000);

  it.each(PERSISTENT)(
    '$name',
    async ({ match, fault, times }) => {
      // Prepare: a converged site, then the author's changes.
      if (!shared) throw new Error('no site');
      const { site, client } = shared;
      const before = await published(site);
      expect(differences(before, await cleanBuild(site))).toEqual([]);
      const previousManifest = await getBytes(site.feeds, MANIFEST);
      expect(previousManifest).toBeDefined();
      await toggleSite(site);
      const after = await cleanBuild(site);
      const rule = proxy.addRule({ match: match(site), action: actionOf(fault), ...(times === undefined ? {} : { times }) });
      // Act
      const failure = await run(site, client).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Assess
      expect(failure).toBeInstanceOf(StorageError);
      expect(rule.fired()).toBeGreaterThanOrEqual(times ?? 5); // a request failed all 5 attempts (a body read all 3)
      const during = await published(site);
      expectEachFileBeforeOrAfter(during, before, after);
      expectEveryFileValid(during);
      expectSameRecords(await getBytes(site.feeds, MANIFEST), previousManifest);
      // Act: the retry, without faults (same warm client, as in Lambda).
      proxy.clearFaults();
      await run(site, client);
      // Assess
      expect(differences(await published(site), after)).toEqual([]);
      await expectAuthorFilesUntouched(site);
    },
    60_000,
  );

  it('a first run that cannot write leaves no manifest records (only the paths it meant to write), and the next run publishes everything', async () => {
    // Prepare
    const site = await newSite();
    const client = productionClient();
    const after = await cleanBuild(site);
    const rule = proxy.failMatching({ op: 'PUT', bucket: site.feeds, key: /^(categories|zh-cn)\// }, 500);
    // Act
    await expect(run(site, client)).rejects.toBeInstanceOf(StorageError);
    // Assess
    expect(rule.fired()).toBeGreaterThanOrEqual(5);
    expectNoRecords(await getBytes(site.feeds, MANIFEST));
    const during = await published(site);
    expect(during.size).toBeGreaterThan(0);
    expectEachFileBeforeOrAfter(during, new Map(), after);
    expectEveryFileValid(during);
    proxy.clearFaults();
    await run(site, client);
    expect(differences(await published(site), after)).toEqual([]);
    await expectAuthorFilesUntouched(site);
  }, 60_000);
});

describe('a run killed between two writes (every write after the K-th fails)', () => {
  it.each([1, 5, 20])(
    'K = %i: on the first run and on an incremental run, feeds stay valid and the next run converges',
    async (k) => {
      const site = await newSite();
      const client = productionClient();
      // First run, killed: no manifest records yet (the first write is the write-ahead of its paths).
      const initial = await cleanBuild(site);
      proxy.crashAfterWrites(k);
      await expect(run(site, client)).rejects.toBeInstanceOf(StorageError);
      const firstCrash = await published(site);
      expect(firstCrash.size).toBe(k - 1);
      expectEachFileBeforeOrAfter(firstCrash, new Map(), initial);
      expectEveryFileValid(firstCrash);
      expectNoRecords(await getBytes(site.feeds, MANIFEST));
      proxy.clearFaults();
      await run(site, client);
      expect(differences(await published(site), initial)).toEqual([]);

      // Incremental run, killed: the previous manifest stays.
      const previousManifest = await getBytes(site.feeds, MANIFEST);
      await changeSite(site);
      const changed = await cleanBuild(site);
      proxy.crashAfterWrites(k);
      await expect(run(site, client)).rejects.toBeInstanceOf(StorageError);
      const secondCrash = await published(site);
      // The killed run did publish something (with K = 1 its one write was the write-ahead of new paths).
      if (k > 1) expect(differences(secondCrash, initial)).not.toEqual([]);
      expectEachFileBeforeOrAfter(secondCrash, initial, changed);
      expectEveryFileValid(secondCrash);
      expectSameRecords(await getBytes(site.feeds, MANIFEST), previousManifest);
      proxy.clearFaults();
      await run(site, client);
      expect(differences(await published(site), changed)).toEqual([]);
      await expectAuthorFilesUntouched(site);
    },
    60_000,
  );

  // The retry of a killed run (SQS redelivers the batch) may see the author's next change. If that change
  // undoes the one the killed run was publishing, the content matches the manifest again, yet the bucket
  // holds what the killed run wrote: feeds with the undone version, and feeds of a new tag that no
  // manifest lists (so no later run deletes them).
  const addArticle = { change: (site: Site) => authorPut(site, ROBOTS_EN, ROBOTS_ARTICLE), undo: (site: Site) => authorDelete(site, ROBOTS_EN) };
  const editTitle = {
    change: (site: Site) => authorPut(site, DEEPSEEK_EN, authorText(site, DEEPSEEK_EN).replace('what the open model changes', 'what the open model changed')),
    undo: (site: Site) => authorPut(site, DEEPSEEK_EN, authorText(site, DEEPSEEK_EN).replace('what the open model changed', 'what the open model changes')),
  };
  const killAfterFiveWrites = (_site: Site) => proxy.crashAfterWrites(5);
  // The write-ahead of new paths goes through; the manifest written at the end does not.
  const killBeforeState = (site: Site) =>
    void proxy.addRule({ match: { op: 'PUT', bucket: site.feeds, key: /^_feedpub\// }, action: { kind: 'error', status: 500 }, after: 1 });
  it.each([
    { name: 'killed after 5 writes, then the new article is deleted again', ...addArticle, kill: killAfterFiveWrites },
    { name: 'killed after 5 writes, then the edit is reverted', ...editTitle, kill: killAfterFiveWrites },
    { name: 'killed after every feed write (before its state), then the new article is deleted again', ...addArticle, kill: killBeforeState },
  ])(
    '$name before the retry: the retry still converges',
    async ({ change, undo, kill }) => {
      // Prepare: converged, then a change whose run is killed.
      const site = await newSite();
      const client = productionClient();
      await run(site, client);
      const before = await published(site);
      await change(site);
      const changed = await cleanBuild(site);
      kill(site);
      await expect(run(site, client)).rejects.toBeInstanceOf(StorageError);
      proxy.clearFaults();
      const killed = await published(site);
      expect(differences(killed, before)).not.toEqual([]); // the killed run did publish something
      expectEachFileBeforeOrAfter(killed, before, changed);
      // Act: the author undoes the change; the retry runs.
      await undo(site);
      await run(site, client);
      // Assess
      expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
    },
    60_000,
  );
});

/**
 * The manifest's records (articles, feeds, config) are those of `previous`: a failed run changes none
 * of them. The head names the article shards by their content, so the same names are the same articles.
 */
function expectSameRecords(current: Uint8Array | undefined, previous: Uint8Array | undefined): void {
  const records = (bytes: Uint8Array | undefined) => {
    const m = openManifestHead(bytes)?.rest();
    return m && { configHash: m.configHash, articleShards: m.articleShards, feeds: m.feeds };
  };
  expect(records(current)).toEqual(records(previous));
}

/** No manifest, or one that records nothing but the paths a run meant to write. */
function expectNoRecords(bytes: Uint8Array | undefined): void {
  const m = openManifestHead(bytes)?.rest();
  if (bytes !== undefined) expect(m).toBeDefined();
  const none = m?.articleShards.every((name) => name === '');
  expect(m ? { none, feeds: m.feeds } : undefined).toEqual(m ? { none: true, feeds: {} } : undefined);
}

/**
 * The last PUT (by arrival) among the requests recorded since index `from`: the manifest head is written
 * last (only the removal of article shards it no longer names may follow).
 */
function lastWrite(from: number): { bucket: string; key: string; status: number } | undefined {
  const recent = proxy.requests.slice(from);
  const writes = recent.filter((r) => r.op === 'PUT');
  const head = writes.findLastIndex((r) => r.key === MANIFEST);
  const after = recent.slice(recent.indexOf(writes[head] as (typeof recent)[number]) + 1).filter((r) => isWrite(r.op));
  expect(after.every((r) => r.op === 'DELETE' && r.key.startsWith('_feedpub/manifest/'))).toBe(true);
  const last = writes.at(-1);
  return last && { bucket: last.bucket, key: last.key, status: last.status };
}

describe('slow storage', () => {
  it('200 ms on every GET (reads and listings) still converges, with the manifest written last', async () => {
    const site = await newSite();
    const client = productionClient();
    const slow = proxy.delay(200, { method: 'GET' });
    const from = proxy.requests.length;
    await run(site, client);
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
    expect(lastWrite(from)).toEqual({ bucket: site.feeds, key: MANIFEST, status: 200 });
    await changeSite(site);
    const again = proxy.requests.length;
    await run(site, client);
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
    expect(lastWrite(again)).toEqual({ bucket: site.feeds, key: MANIFEST, status: 200 });
    expect(slow.fired()).toBeGreaterThan(10);
    await expectAuthorFilesUntouched(site);
  }, 60_000);
});

describe('a response that stalls', () => {
  it('fails its attempt after the idle timeout and is retried: the run converges instead of hanging until it is killed', async () => {
    const site = await newSite();
    const client = createS3Client({ AWS_ENDPOINT_URL_S3: proxy.endpoint, AWS_REGION: 'us-east-1' }, { connectMs: 1_000, idleMs: 500 });
    clients.push(client);
    // The first three GETs answer only after 5 s; without a timeout the run waits that long for each.
    const stalls = proxy.delay(5_000, { method: 'GET' }, 3);
    const seen = proxy.requests.length;
    await run(site, client);
    expect(stalls.fired()).toBe(3);
    // Each stalled GET was given up and sent again once, and the retry was answered (404 for a state file
    // a first run has not written yet), rather than waited for: waited out, a stall is answered and never
    // sent again. (It takes 3–4 s; waiting the stalls out, 11–15 s: a count tells them apart, not the clock.)
    const gets = proxy.requests.slice(seen).filter((r) => r.method === 'GET');
    const stalled = gets.filter((r) => r.fault === 'delay');
    expect(stalled).toHaveLength(3);
    for (const first of stalled) {
      const retries = gets.filter((r) => r.seq > first.seq && r.bucket === first.bucket && r.key === first.key && r.fault === undefined);
      expect(
        retries.map((r) => r.status === 200 || r.status === 404),
        `${first.bucket}/${first.key}`,
      ).toEqual([true]);
    }
    expect(differences(await published(site), await cleanBuild(site))).toEqual([]);
  }, 60_000);
});

describe('nothing an author uploaded is ever rewritten or deleted', () => {
  it('after every scenario: author files byte-identical, and no write through the proxy to a content key but the report', async () => {
    expect(sites.length).toBeGreaterThan(0);
    for (const site of sites) await expectAuthorFilesUntouched(site);
    const contentBuckets = new Set(sites.map((site) => site.content));
    const writesToContent = proxy.requests.filter((r) => contentBuckets.has(r.bucket) && isWrite(r.op));
    expect(writesToContent.filter((r) => !(r.op === 'PUT' && r.key === REPORT))).toEqual([]);
    expect(writesToContent.length).toBeGreaterThan(0);
    // In the feeds buckets, only paths a clean build publishes and feedpub's state were ever written.
    const feedsBuckets = new Set(sites.map((site) => site.feeds));
    const writesToFeeds = proxy.requests.filter((r) => feedsBuckets.has(r.bucket) && isWrite(r.op));
    expect(writesToFeeds.length).toBeGreaterThan(0);
    expect(writesToFeeds.filter((r) => !r.key.startsWith('_feedpub/') && !outputPaths.has(r.key))).toEqual([]);
  });
});
