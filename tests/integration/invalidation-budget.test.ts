import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CloudFrontCdn } from '../../src/adapters/cloudfront-cdn.js';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { MANIFEST_KEY } from '../../src/manifest.js';
import { type RebuildDeps, type RebuildOptions, rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { memoryDeps } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

const cloudFront = mockClient(CloudFrontClient);
afterAll(() => cloudFront.restore());

const OPENAI_EN = 'content/en/news/world/openai-funding.en.md';
const JUNE_30 = Date.parse('2025-06-30T23:00:00Z');
const JULY_1 = Date.parse('2025-07-01T00:30:00Z');

/** The Items of each CreateInvalidation sent since the last reset of the history. */
function batches(): string[][] {
  return cloudFront.commandCalls(CreateInvalidationCommand).map((call) => [...(call.args[0].input.InvalidationBatch?.Paths?.Items ?? [])]);
}

describe('the invalidation budget over runs that share one manifest', () => {
  let source: MemoryStorage;
  let state: MemoryStorage;
  let deps: RebuildDeps;
  let now: number;
  let edits = 0;
  /** The paths the first run (every feed published) sent. */
  let base: number;

  /** Retitles the article (a new title each time: its feeds change) and runs for that key. */
  async function editRun(options: RebuildOptions = {}) {
    edits += 1;
    const text = (source.text(OPENAI_EN) ?? '').replace(/^title: .*$/m, `title: "OpenAI funding, take ${edits}"`);
    await source.write({ key: OPENAI_EN, body: text, contentType: 'text/markdown', cacheControl: '' });
    return rebuild(deps, { changedKeys: [OPENAI_EN], ...options });
  }

  async function usage() {
    return (await readManifest(state))?.manifest.invalidationUsage;
  }

  beforeEach(async () => {
    cloudFront.reset();
    cloudFront.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I1', Status: 'InProgress' } as never });
    source = sampleSource();
    state = new MemoryStorage();
    now = SAMPLE_NOW;
    const cdn = new CloudFrontCdn({ client: new CloudFrontClient({ region: 'us-east-1' }), distributionId: 'E2EXAMPLE', clock: () => now });
    deps = memoryDeps(source, () => now, { state, cdn });
    // The first run publishes every feed of the sample site: 95 paths.
    base = (await rebuild(deps)).invalidation?.paths ?? 0;
    cloudFront.resetHistory();
  });

  it('counts what each run sent in the manifest, sends the changed paths while the month stays within the free paths (exactly at them too), then /*', async () => {
    // Prepare: the first run counted its paths; a one-article edit sends n paths.
    expect(base).toBeGreaterThan(50);
    expect(await usage()).toEqual({ month: '2025-06', paths: base });
    const first = await editRun();
    const n = first.invalidation?.paths ?? 0;
    expect(n).toBeGreaterThan(10);
    expect(first.invalidation).toEqual({ mode: 'budget', freePaths: 1000, month: '2025-06', monthPaths: base + n, paths: n, everything: false, precise: n });
    // Act: an allowance that the next edit reaches exactly, then one edit more.
    const exactly = await editRun({ invalidation: { mode: 'budget', freePaths: base + 2 * n } });
    const over = await editRun({ invalidation: { mode: 'budget', freePaths: base + 2 * n } });
    // Assess
    expect(exactly.invalidation).toMatchObject({ monthPaths: base + 2 * n, paths: n, everything: false });
    expect(over.invalidation).toMatchObject({ monthPaths: base + 2 * n + 1, paths: 1, everything: true, precise: n });
    expect(batches().map((items) => items.length)).toEqual([n, n, 1]);
    expect(batches()[2]).toEqual(['/*']);
    // The files invalidated are reported the same either way.
    expect(over.invalidated).toEqual(exactly.invalidated);
    expect(await usage()).toEqual({ month: '2025-06', paths: base + 2 * n + 1 });
  });

  it('starts the count again in a new month (UTC), and a run that invalidates nothing leaves the manifest as it was', async () => {
    // Prepare: June spent.
    now = JUNE_30;
    const spent = await editRun({ invalidation: { mode: 'budget', freePaths: 1 } });
    expect(spent.invalidation).toMatchObject({ month: '2025-06', everything: true });
    // Act: a run in July that changes nothing, then one that does.
    now = JULY_1;
    const head = state.snapshot().get(MANIFEST_KEY)?.body;
    const writes = state.calls.write;
    const idle = await rebuild(deps, { changedKeys: ['content/en/no-such-article.md'], invalidation: { mode: 'budget', freePaths: 1 } });
    const idleWrites = state.calls.write - writes;
    const idleHead = state.snapshot().get(MANIFEST_KEY)?.body;
    const july = await editRun({ invalidation: { mode: 'budget', freePaths: 1000 } });
    // Assess
    expect(idle.invalidation).toMatchObject({ month: '2025-07', monthPaths: 0, paths: 0 });
    expect(idleWrites).toBe(0);
    expect(idleHead).toEqual(head);
    expect(july.invalidation).toMatchObject({ month: '2025-07', monthPaths: july.invalidation?.paths, everything: false });
    expect(await usage()).toEqual({ month: '2025-07', paths: july.invalidation?.paths });
  });

  it('counts nothing for an invalidation CloudFront refused and deferred, and counts the deferred paths when the next run sends them', async () => {
    // Prepare: throttled once.
    cloudFront.reset();
    cloudFront
      .on(CreateInvalidationCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({ Invalidation: { Id: 'I2', Status: 'InProgress' } as never });
    // Act
    const deferred = await editRun();
    const next = await rebuild(deps, { changedKeys: ['content/en/no-such-article.md'] });
    // Assess
    expect(deferred.invalidation).toMatchObject({ paths: 0, monthPaths: base });
    expect(deferred.problems.map((p) => p.rule)).toContain('cdn-deferred');
    expect(next.invalidation?.paths).toBe(batches()[1]?.length);
    expect(next.invalidation?.paths).toBeGreaterThan(10);
    expect(await usage()).toEqual({ month: '2025-06', paths: base + (next.invalidation?.paths ?? 0) });
  });

  it('counts the one /* CloudFront accepted when it had too many paths in progress for the changed ones', async () => {
    // Prepare
    cloudFront.reset();
    cloudFront
      .on(CreateInvalidationCommand)
      .rejectsOnce(Object.assign(new Error('too many'), { name: 'TooManyInvalidationsInProgress' }))
      .resolves({ Invalidation: { Id: 'I3', Status: 'InProgress' } as never });
    // Act
    const report = await editRun();
    // Assess
    expect(batches()[1]).toEqual(['/*']);
    expect(report.invalidation).toMatchObject({ paths: 1, everything: true, monthPaths: base + 1 });
    expect(await usage()).toEqual({ month: '2025-06', paths: base + 1 });
  });

  it('sends the changed paths past the free ones in the paths mode, and /* always in the all mode; both count', async () => {
    // Act
    const paths = await editRun({ invalidation: { mode: 'paths', freePaths: 0 } });
    const all = await editRun({ invalidation: { mode: 'all', freePaths: 1000 } });
    // Assess
    expect(paths.invalidation).toMatchObject({ mode: 'paths', everything: false });
    expect(all.invalidation).toMatchObject({ mode: 'all', paths: 1, everything: true });
    expect(batches().map((items) => items.length)).toEqual([paths.invalidation?.paths, 1]);
    expect(await usage()).toEqual({ month: '2025-06', paths: base + 1 + (paths.invalidation?.paths ?? 0) });
  });

  it('reports no invalidation for a dry run, and counts nothing', async () => {
    const dry = await editRun({ dryRun: true });
    expect(dry.invalidation).toBeUndefined();
    expect(batches()).toEqual([]);
    expect(await usage()).toEqual({ month: '2025-06', paths: base });
  });

  it('keeps the month counted when a run has a clock behind it (a CLI on a machine a day slow): July past its free paths stays so', async () => {
    // Prepare: July's free paths spent (by the function, right clock).
    now = JULY_1;
    const spent = await editRun({ invalidation: { mode: 'paths', freePaths: 1000 } });
    const n = spent.invalidation?.paths ?? 0;
    const policy = { mode: 'budget' as const, freePaths: n + 5 };
    const july = await editRun({ invalidation: policy });
    expect(july.invalidation).toMatchObject({ month: '2025-07', everything: true, monthPaths: n + 1 });
    // Act: `feedpub rebuild --distribution` on a machine whose clock says June 30, then the function again in July.
    now = JUNE_30;
    const cli = await editRun({ invalidation: policy });
    now = JULY_1 + 3600_000;
    const fn = await editRun({ invalidation: policy });
    // Assess: July is past its free paths all along: every run after it must send /*.
    expect(cli.invalidation).toMatchObject({ everything: true });
    expect(fn.invalidation).toMatchObject({ month: '2025-07', everything: true });
  });

  it('counts an invalidation sent after midnight UTC on the 1st by a run that started before it in the month CloudFront bills it in', async () => {
    // Prepare: the run starts at 23:59:59.9 on June 30; the invalidation goes out a moment later, in July.
    let calls = 0;
    deps = { ...deps, clock: () => (calls++ === 0 ? Date.parse('2025-06-30T23:59:59.900Z') : JULY_1) };
    // Act
    await editRun();
    // Assess
    expect((await usage())?.month).toBe('2025-07');
  });
});
