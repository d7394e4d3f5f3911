import { createHash } from 'node:crypto';
import { readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { settleAll } from '../support/settle-all.js';
import { copySampleSite, runMain } from './cli-harness.js';

/**
 * `feedpub upload` against s3rver on 127.0.0.1, in this process (main() with captured output). Each test
 * that uploads has a bucket of its own, and each that edits the site a copy of its own: they pass in any
 * order, and alone.
 */
let s3: S3Server;
/** The sample site, never changed: a test that edits the site takes its own copy (`uploaded`). */
let site: string;
const copies: string[] = [];
const savedEnv = { ...process.env };

/** Every file of the site that upload sends: hugo.toml and content/, as keys. */
async function siteKeys(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, 'content'), { recursive: true, withFileTypes: true });
  const content = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  return ['hugo.toml', ...content].sort();
}

async function bucketKeys(bucket: string): Promise<string[]> {
  const page = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key ?? '').sort();
}

function upload(...args: string[]) {
  return runMain(['upload', site, ...args], { env: s3.env });
}

/** One edit and one deletion in the site folder `dir`, as an author makes them between two uploads. */
async function editAndDelete(dir: string): Promise<void> {
  const edited = path.join(dir, 'content/en/news/tech/deepseek-r1.en.md');
  await writeFile(edited, `${await readFile(edited, 'utf8')}\nAn edit.\n`);
  await unlink(path.join(dir, 'content/en/news/world/draft-budget.en.md'));
}

/** A copy of the sample site, uploaded once into `bucket` (the test's own); the events of that upload cleared. */
async function uploaded(bucket: string): Promise<string> {
  const dir = await copySampleSite();
  copies.push(dir);
  const first = await runMain(['upload', dir, '--bucket', bucket], { env: s3.env });
  expect(first.code, first.stderr).toBe(0);
  await s3.clearEvents();
  return dir;
}

beforeAll(async () => {
  await settleAll([
    startS3Server({ buckets: ['site-content', 'other-content', 'second-run', 'same-size', 'dry-run', 'delete'] }).then((server) => {
      s3 = server;
    }),
    copySampleSite().then((dir) => {
      site = dir;
    }),
  ]);
  // The SDK's default credential chain reads process.env: give it s3rver's account.
  Object.assign(process.env, s3.env);
});

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([s3?.stop(), ...[site, ...copies].map((dir) => (dir ? rm(dir, { recursive: true, force: true }) : undefined))]);
});

describe('feedpub upload', () => {
  beforeEach(async () => {
    await s3.clearEvents();
  });

  it('uploads every config and content file on the first run, with content type and sha256', async () => {
    const run = await upload('--bucket', 'site-content');
    expect(run.code, run.stderr).toBe(0);
    const keys = await siteKeys(site);
    const puts = (await s3.objectEvents()).filter((e) => e.eventName.startsWith('ObjectCreated'));
    expect(puts.map((e) => e.key).sort()).toEqual(keys);
    expect(await bucketKeys('site-content')).toEqual(keys);
    // Not a TTY: one plain line per file, then the summary.
    expect(run.stdout).toMatch(/^uploaded hugo\.toml \([\d.]+ k?B, new\)\n/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^uploaded ${keys.length} files \\([\\d.]+ kB\\), 0 unchanged, 0 deleted → s3://site-content$`),
    );
    const [markdown, config] = await Promise.all(
      ['content/en/news/world/openai-funding.en.md', 'hugo.toml'].map((key) => s3.client.send(new HeadObjectCommand({ Bucket: 'site-content', Key: key }))),
    );
    expect(markdown?.ContentType).toBe('text/markdown; charset=utf-8');
    expect(config?.ContentType).toBe('application/toml');
    const bytes = await readFile(path.join(site, 'hugo.toml'));
    expect(config?.Metadata?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('uploads nothing on a second run of an unchanged site (zero PUTs)', async () => {
    // Prepare: a first run.
    const dir = await uploaded('second-run');
    // Act
    const run = await runMain(['upload', dir, '--bucket', 'second-run'], { env: s3.env });
    // Assess
    expect(run.code).toBe(0);
    expect(await s3.objectEvents()).toEqual([]);
    const total = (await siteKeys(dir)).length;
    expect(run.stdout).toBe(`uploaded 0 files (0 B), ${total} unchanged, 0 deleted → s3://second-run\n`);
  });

  it('re-uploads an object of the same size whose bytes differ (the ETag differs, the HEAD shows another sha256)', async () => {
    // Prepare: a first run, then someone replaced one object with other bytes of the same length.
    const dir = await uploaded('same-size');
    const key = 'content/en/news/world/openai-funding.en.md';
    const bytes = await readFile(path.join(dir, key));
    const other = Buffer.from(bytes);
    other[other.length - 2] = other[other.length - 2] === 0x2e ? 0x21 : 0x2e;
    await s3.client.send(
      new PutObjectCommand({ Bucket: 'same-size', Key: key, Body: other, Metadata: { sha256: createHash('sha256').update(other).digest('hex') } }),
    );
    await s3.clearEvents();
    // Act
    const run = await runMain(['upload', dir, '--bucket', 'same-size'], { env: s3.env });
    // Assess
    expect(run.code).toBe(0);
    expect((await s3.objectEvents()).map((e) => e.key)).toEqual([key]);
    expect(run.stdout).toMatch(new RegExp(`^uploaded ${key.replace(/\./g, '\\.')} \\([\\d.]+ k?B, changed\\)$`, 'm'));
    const stored = await s3.client.send(new GetObjectCommand({ Bucket: 'same-size', Key: key }));
    expect(Buffer.from((await stored.Body?.transformToByteArray()) ?? [])).toEqual(bytes);
  });

  it('--dry-run prints what it would upload and delete and changes nothing', async () => {
    // Prepare: a first run, then one edit and one local deletion.
    const dir = await uploaded('dry-run');
    await editAndDelete(dir);
    const before = await bucketKeys('dry-run');
    // Act
    const run = await runMain(['upload', dir, '--bucket', 'dry-run', '--delete', '--dry-run'], { env: s3.env });
    // Assess
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^would upload content\/en\/news\/tech\/deepseek-r1\.en\.md \(.*, changed\)$/),
        'would delete content/en/news/world/draft-budget.en.md',
        expect.stringMatching(/^dry run: would upload 1 file \(.*\), \d+ unchanged, would delete 1 → s3:\/\/dry-run \(nothing changed\)$/),
      ]),
    );
    expect(await s3.objectEvents()).toEqual([]);
    expect(await bucketKeys('dry-run')).toEqual(before);
    // Without --delete, the article deleted here is counted: it stays published until removed; a config
    // file the site does not have is named, with what it does and how to remove it.
    await s3.client.send(new PutObjectCommand({ Bucket: 'dry-run', Key: 'feedpub.yaml', Body: 'limit: 5\n' }));
    const keep = await runMain(['upload', dir, '--bucket', 'dry-run', '--dry-run'], { env: s3.env });
    expect(keep.stdout.trim().split('\n').at(-1)).toMatch(
      /^dry run: would upload 1 file \(.*\), \d+ unchanged, would delete 0, 1 not in the site \(kept without --delete\) → s3:\/\/dry-run \(nothing changed\)$/,
    );
    expect(keep.stderr).toContain(
      `warning: s3://dry-run/feedpub.yaml is not in ${dir} but the function still reads it, with the site's own config files (its settings may override theirs): upload with --delete to remove it\n`,
    );
  });

  it('--delete removes a locally deleted article and a config file the site no longer has, and nothing outside the prefix or under _feedpub/', async () => {
    // Prepare: a first run, one edit and one local deletion, objects the sync must never touch, and a config
    // file the site does not have (it would still apply).
    const dir = await uploaded('delete');
    await editAndDelete(dir);
    const keep = ['_feedpub/report.json', 'content-notes.md', 'drafts/old.md', 'content/en/news/world/photo.jpg'];
    for (const key of [...keep, 'feedpub.yaml']) await s3.client.send(new PutObjectCommand({ Bucket: 'delete', Key: key, Body: 'x' }));
    await s3.clearEvents();
    // Act
    const run = await runMain(['upload', dir, '--bucket', 'delete', '--delete'], { env: s3.env });
    // Assess
    expect(run.code, run.stderr).toBe(0);
    const events = await s3.objectEvents();
    expect(events.map((e) => [e.eventName.split(':')[0], e.key]).sort()).toEqual([
      ['ObjectCreated', 'content/en/news/tech/deepseek-r1.en.md'],
      ['ObjectRemoved', 'content/en/news/world/draft-budget.en.md'],
      ['ObjectRemoved', 'feedpub.yaml'],
    ]);
    const keys = await bucketKeys('delete');
    for (const key of keep) expect(keys).toContain(key);
    expect(keys).not.toContain('content/en/news/world/draft-budget.en.md');
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^uploaded 1 file \(.*\), \d+ unchanged, 2 deleted → s3:\/\/delete$/);
    expect(run.stderr).toBe('');
    const body = await s3.client.send(new GetObjectCommand({ Bucket: 'delete', Key: 'content/en/news/tech/deepseek-r1.en.md' }));
    expect(await body.Body?.transformToString()).toContain('An edit.');
  });

  it('draws a progress bar on a terminal instead of one line per file', async () => {
    const tty: string[] = [];
    const dir = await copySampleSite();
    copies.push(dir);
    await writeFile(path.join(dir, 'content/en/news/world/new.en.md'), '---\ntitle: New\ndate: 2025-01-05\n---\nNew.\n');
    const run = await runMain(['upload', dir, '--bucket', 'other-content', '--concurrency', '2'], { env: s3.env, tty });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const frames = tty.join('');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line ends in the terminal's erase-line escape
    expect(frames).toMatch(/\r\[#+\] uploading (\d+)\/\1 files, [\d.]+ kB\x1b\[K/);
    expect(frames.endsWith('\r\x1b[K')).toBe(true);
  });

  it('fails with exit 3 and one line when the bucket does not exist', async () => {
    const run = await upload('--bucket', 'no-such-bucket');
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('feedpub upload: bucket "no-such-bucket" does not exist (check the bucket name and AWS_REGION)\n');
  });

  it('refuses bad flags and a prefix that does not hold the content folders with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--bucket'], /^feedpub upload: --bucket needs a value \(see feedpub upload --help\)\n$/],
      [[], /^feedpub upload: --bucket NAME is required/],
      [['--bucket', 'Bad_Name'], /^feedpub upload: --bucket: "Bad_Name" is not a valid S3 bucket name/],
      [['--bucket', 'site-content', '--concurrency', '0'], /^feedpub upload: --concurrency must be a whole number from 1 to 64, not "0"/],
      [
        ['--bucket', 'site-content', '--prefix', '/abs/'],
        /^feedpub upload: --prefix must be a relative folder ending in "\/", with no empty, "\." or "\.\." folder \(content\/, site\/src\/\), not "\/abs\/"/,
      ],
      [
        ['--bucket', 'site-content', '--prefix', 'content/en/'],
        /^feedpub upload: the content folder of language "zh-cn" \(content\/zh-CN\) is outside --prefix content\/en\/: pass --prefix content\//,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await upload(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(await s3.objectEvents()).toEqual([]);
  });

  it('refuses an AWS_ENDPOINT_URL_S3 that is no URL with exit 2, naming the variable and an example', async () => {
    for (const endpoint of ['127.0.0.1:4599', 'localhost:4599', 'ftp://127.0.0.1/']) {
      const run = await runMain(['upload', site, '--bucket', 'site-content'], { env: { ...s3.env, AWS_ENDPOINT_URL_S3: endpoint } });
      expect(run.code, endpoint).toBe(2);
      expect(run.stderr).toBe(
        `feedpub upload: config error: AWS_ENDPOINT_URL_S3: "${endpoint}" is not an http(s) URL: set it to the S3-compatible server's URL with its scheme, e.g. http://127.0.0.1:4569, or unset it for AWS\n`,
      );
    }
    expect(await s3.objectEvents()).toEqual([]);
  });
});
