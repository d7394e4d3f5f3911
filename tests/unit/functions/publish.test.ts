import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, configErrorOf, EventError, SourceChangedError, StorageError } from '../../../src/errors.js';
import type { RebuildDeps, RebuildOptions, RebuildReport } from '../../../src/rebuild.js';
import { loadEvent } from '../../fixtures/events/load-event.js';

// The use case is replaced: these tests are about the shell (events, filtering, logging, errors).
const rebuild = vi.hoisted(() => vi.fn<(deps: RebuildDeps, options?: RebuildOptions) => Promise<RebuildReport>>());
vi.mock('../../../src/rebuild.js', () => ({ rebuild }));

const s3Mock = mockClient(S3Client);

const report: RebuildReport = {
  trigger: 'sqs',
  articles: { total: 5, parsed: 1, published: 3, rejected: 1, held: 1, skipped: 0 },
  feeds: 6,
  rendered: 4,
  written: ['index.xml', 'index.atom'],
  deleted: ['tags/old/index.xml'],
  unchanged: 10,
  kept: 7,
  invalidated: ['/index.xml', '/index.atom', '/tags/old/index.xml'],
  invalidation: { mode: 'budget', freePaths: 250, month: '2025-06', monthPaths: 251, paths: 1, everything: true, precise: 3 },
  problems: [
    { file: 'content/bad.md', line: 3, severity: 'error', rule: 'date-invalid', message: 'bad date' },
    { file: 'content/draft.md', severity: 'info', rule: 'draft', message: 'draft' },
  ],
  nextChangeAt: 1_800_000_000_000,
};

describe('publish handler', () => {
  let handler: (event: unknown, context?: { getRemainingTimeInMillis(): number }) => Promise<unknown>;
  let lines: string[];

  beforeAll(async () => {
    vi.stubEnv('CONTENT_BUCKET', 'site-content');
    vi.stubEnv('FEEDS_BUCKET', 'site-feeds');
    vi.stubEnv('CDN_DISTRIBUTION_ID', 'E2EXAMPLE');
    // Other distributions of the account use 750 of the free paths; the mode is left to its default.
    vi.stubEnv('CDN_FREE_PATHS', '250');
    ({ handler } = await import('../../../functions/publish.js'));
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    s3Mock.restore();
  });
  beforeEach(() => {
    rebuild.mockReset();
    rebuild.mockResolvedValue(report);
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    return () => vi.restoreAllMocks();
  });

  it('rebuilds on a relevant S3 notification and returns the counts', async () => {
    const result = await handler(loadEvent('sqs-s3-put-delete'));
    expect(rebuild).toHaveBeenCalledTimes(1);
    // A notification run reads only the (decoded, de-duplicated) keys the notifications name.
    expect(rebuild.mock.calls[0]?.[1]).toEqual({
      trigger: 'sqs',
      force: false,
      limits: {},
      // Every content folder must lie under the deployment's prefix (the role reads nothing else).
      contentPrefix: 'content/',
      // The operator's invalidation settings (CDN_INVALIDATION, CDN_FREE_PATHS).
      invalidation: { mode: 'budget', freePaths: 250 },
      changedKeys: ['content/posts/hello world 中文.md', 'content/posts/old-post.md'],
      // The ETag of the created one, so the next full run knows it without reading it.
      changedVersions: new Map([['content/posts/hello world 中文.md', '"d41d8cd98f00b204e9800998ecf8427e"']]),
    });
    const deps = rebuild.mock.calls[0]?.[0];
    expect(deps && Object.keys(deps).sort()).toEqual(['cdn', 'clock', 'hub', 'logger', 'memoryUsage', 'report', 'shardCache', 'source', 'state', 'target']);
    // The decoded manifest shards outlive the invocation: the next one (a warm container) gets the same cache.
    await handler(loadEvent('sqs-s3-put-delete'));
    expect(deps?.shardCache).toBeInstanceOf(Map);
    expect(rebuild.mock.calls[1]?.[0].shardCache).toBe(deps?.shardCache);
    expect(result).toEqual({
      trigger: 'sqs',
      articles: report.articles,
      feeds: 6,
      rendered: 4,
      written: 2,
      deleted: 1,
      unchanged: 10,
      kept: 7,
      invalidated: 3,
      invalidation: report.invalidation,
      problems: 2,
      errors: 1,
      duplicates: 0,
      nextChangeAt: 1_800_000_000_000,
    });
  });

  it('logs exactly one JSON summary line per run', async () => {
    await handler(loadEvent('s3-put-encoded-key'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', message: 'rebuilt', service: 'feedpub', written: 2, problems: 2 });
    // The invalidation: what was sent, and the month's count against the free paths.
    expect(line.invalidation).toEqual({ mode: 'budget', freePaths: 250, month: '2025-06', monthPaths: 251, paths: 1, everything: true, precise: 3 });
    expect(line.keys).toEqual(['content/posts/hello world 中文.md']);
  });

  it("gives the run the invocation's deadline less 30 s, from Lambda's context", async () => {
    await handler({ action: 'rebuild' }, { getRemainingTimeInMillis: () => 900_000 });
    expect(rebuild.mock.calls[0]?.[1]?.limits).toEqual({ maxRunMs: 870_000 });
  });

  it('rebuilds on a config change at the root', async () => {
    await handler(loadEvent('s3-put-config'));
    expect(rebuild).toHaveBeenCalledTimes(1);
  });

  it('passes force from {"action":"rebuild","force":true}, and rebuilds without keys, setting a pending wake-up again', async () => {
    await handler(loadEvent('rebuild-force'));
    await handler(loadEvent('rebuild'));
    expect(rebuild.mock.calls.map((call) => call[1])).toEqual([
      { trigger: 'rebuild', force: true, limits: {}, contentPrefix: 'content/', invalidation: { mode: 'budget', freePaths: 250 }, refreshSchedule: true },
      { trigger: 'rebuild', force: false, limits: {}, contentPrefix: 'content/', invalidation: { mode: 'budget', freePaths: 250 }, refreshSchedule: true },
    ]);
  });

  it.each(['sqs-s3-test-event', 's3-put-image'])('skips %s without rebuilding', async (name) => {
    expect(await handler(loadEvent(name))).toMatchObject({ skipped: true });
    expect(rebuild).not.toHaveBeenCalled();
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', message: 'skipped' });
  });

  it('throws on an event it does not understand (nothing is retried into feeds)', async () => {
    await expect(handler(loadEvent('eventbridge-scheduled'))).rejects.toBeInstanceOf(EventError);
    expect(rebuild).not.toHaveBeenCalled();
  });

  it('a config error in a notification run is logged and not retried; in the hourly run it is thrown', async () => {
    const failure = new ConfigError('timeZone', 'unknown time zone "Europe/Pariss"', 'hugo.toml');
    rebuild.mockRejectedValue(failure);
    await expect(handler(loadEvent('sqs-s3-put-delete'))).resolves.toMatchObject({ configError: { key: 'timeZone' } });
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'error', message: 'config-invalid', key: 'timeZone' })]);
    await expect(handler({ action: 'rebuild' })).rejects.toBe(failure);
  });

  it('logs what to do by the class of the error: several config errors, a page that changed during the run', async () => {
    const several = configErrorOf([new ConfigError('timeZone', 'unknown', 'hugo.toml'), new ConfigError('uglyURLs', 'not a boolean', 'hugo.toml')]);
    for (const [failure, action] of [
      [several, /^fix the site config/],
      [new SourceChangedError('content/posts/a.md'), /changed again/],
    ] as const) {
      lines = [];
      rebuild.mockRejectedValue(failure);
      await expect(handler({ action: 'rebuild' })).rejects.toBe(failure);
      expect(lines.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          level: 'error',
          message: 'run-failed',
          error: expect.objectContaining({ name: failure.name }),
          action: expect.stringMatching(action),
        }),
      ]);
    }
  });

  it('lets infrastructure errors propagate so that the whole SQS batch is retried', async () => {
    const failure = new StorageError('write', 's3://site-feeds/index.xml');
    rebuild.mockRejectedValue(failure);
    await expect(handler(loadEvent('sqs-s3-put-delete'))).rejects.toBe(failure);
  });
});
