import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ensureCorpus } from '../ensure-corpus.mjs';
import { editArticle, newestPublishedKeys } from '../s3/author-edits.mjs';
import { beyondTarget, detailLines, rowNote } from '../s3/breakdown.mjs';
import { buildLambdaLib } from '../s3/build-lambda-lib.mjs';
import { runRebuildChild } from '../s3/rebuild-child.mjs';
import { s3rverCredentials, S3RVER_KEY, startS3rver } from '../s3/start-s3rver.mjs';
import { contentType, corpusKeys, UPLOAD_CONCURRENCY, uploadCorpus } from '../s3/upload-corpus.mjs';
import { spread } from '../spread.mjs';

/**
 * Articles in the S3 corpus unless `FEEDPUB_BENCH_S3_ARTICLES` (or `context.s3Articles`) says otherwise.
 * 10,000 rather than 30,000: on the 2-core development machine 30k took well over 5 minutes end to end,
 * most of it s3rver storing and listing objects.
 */
export const S3_DEFAULT_ARTICLES = 10_000;

const CONTENT_BUCKET = 'feedpub-bench-content';
const FEEDS_BUCKET = 'feedpub-bench-feeds';
const COMMAND = 'node scripts/bench/s3/rebuild-once.mjs <lambda-lib.mjs> (rebuild() with createLambdaDeps against s3rver)';

/**
 * Node flags for the rebuild children: with `FEEDPUB_BENCH_S3_CPU_PROF=<dir>`, each writes a V8 CPU profile
 * there (open it in Chrome DevTools). Profiling slows the runs down; the rows say so.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ execArgv?: string[] }}
 */
export function profile(env = process.env) {
  const dir = env.FEEDPUB_BENCH_S3_CPU_PROF;
  return dir === undefined || dir === '' ? {} : { execArgv: ['--cpu-prof', '--cpu-prof-dir', resolve(dir)] };
}

/** The S3 scenario runs once per bench, whatever `--sizes` says (it has its own corpus size). */
let ran = false;

/**
 * How many articles the S3 scenario uses: `context.s3Articles`, else `FEEDPUB_BENCH_S3_ARTICLES`, else
 * {@link S3_DEFAULT_ARTICLES}.
 *
 * @param {{ s3Articles?: number }} context
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {number}
 */
export function s3ArticleCount(context, env = process.env) {
  const given = context.s3Articles ?? (env.FEEDPUB_BENCH_S3_ARTICLES === undefined ? undefined : Number(env.FEEDPUB_BENCH_S3_ARTICLES));
  if (given === undefined) return S3_DEFAULT_ARTICLES;
  if (!Number.isInteger(given) || given < 10) throw new Error(`S3 articles must be an integer ≥ 10, got ${given}`);
  return given;
}

/**
 * Pages of one listing pass over the content folders: `content/<lang>/` each listed on its own, 1,000 keys
 * a page, an empty folder still one page.
 *
 * @param {readonly string[]} keys
 * @returns {number}
 */
export function listingPassPages(keys) {
  /** @type {Map<string, number>} */
  const perDir = new Map();
  for (const key of keys) {
    const parts = key.split('/');
    if (parts.length < 3 || parts[0] !== 'content') continue;
    const dir = `${parts[0]}/${parts[1]}/`;
    perDir.set(dir, (perDir.get(dir) ?? 0) + 1);
  }
  let pages = 0;
  for (const count of perDir.values()) pages += Math.max(1, Math.ceil(count / 1000));
  return pages;
}

/**
 * The serverless half of the bench (issues #3 and #6): a local s3rver holds the corpus in a content bucket,
 * and `rebuild()` runs as the Lambda runs it (the bundled `functions/deps.ts` adapters, a recording CDN),
 * each run in a fresh node process: a full reconcile into an empty feeds bucket, then one-article updates,
 * one-article deletes and no-op runs (`context.runs` each, a different article each time). Rows carry the
 * S3 requests by bucket, area and purpose, the CDN paths, and what went beyond issue #3's target.
 * s3rver and every child are stopped, and their folders removed, also on error.
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function s3Reconcile(context) {
  if (ran) return [];
  ran = true;
  const articles = s3ArticleCount(/** @type {any} */ (context));
  /** @type {import('./run-command.mjs').Row[]} */
  const rows = [];
  const base = (/** @type {string} */ scenario) => ({ scenario, articles, command: COMMAND });
  const corpus = ensureCorpus(context.repoRoot, dirname(context.corpusDir), articles, context.log);
  const corpusDir = resolve(context.repoRoot, corpus.dir);
  const scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-s3-'));
  /** @type {import('../s3/start-s3rver.mjs').LocalS3 | undefined} */
  let server;
  /** @type {S3Client | undefined} */
  let client;
  let phase = 'bundle';
  try {
    const lib = await buildLambdaLib(context.repoRoot, scratch);
    context.log(`  s3: bundled functions/deps.ts + rebuild (${(lib.bytes / 1024).toFixed(0)} KiB)`);
    phase = 's3rver';
    server = await startS3rver({ buckets: [CONTENT_BUCKET, FEEDS_BUCKET] });
    context.log(`  s3: s3rver on ${server.endpoint} (pid ${server.pid})`);
    client = new S3Client({
      endpoint: server.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: s3rverCredentials(),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const lambdaEnv = {
      AWS_ENDPOINT_URL_S3: server.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: S3RVER_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_KEY,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      CONTENT_BUCKET,
      FEEDS_BUCKET,
    };

    phase = 'upload';
    const keys = corpusKeys(corpusDir);
    const uploadStart = performance.now();
    const uploaded = await uploadCorpus(client, { bucket: CONTENT_BUCKET, corpusDir, keys });
    const uploadMs = performance.now() - uploadStart;
    context.log(`  s3: uploaded ${uploaded.objects} objects (${(uploaded.bytes / 1048576).toFixed(1)} MiB) in ${(uploadMs / 1000).toFixed(1)} s`);
    rows.push({
      ...base('s3 setup: upload corpus to s3rver'),
      status: 'ok',
      runs: 1,
      wallMs: spread([uploadMs]),
      command: `PutObject ×${uploaded.objects}, ${UPLOAD_CONCURRENCY} in parallel, from the bench process`,
      note: `setup, not feedpub: ${uploaded.objects} objects, ${(uploaded.bytes / 1048576).toFixed(1)} MiB, ${((uploaded.objects * 1000) / uploadMs).toFixed(0)} objects/s`,
    });
    const pages = listingPassPages(keys);
    const s3rver = server;
    /**
     * One cold-start rebuild, with the CPU s3rver spent meanwhile: for the keys an S3 notification
     * names (as the handler runs it), or a full run (`{"action":"rebuild"}`, the hourly safety net).
     * With `warmupKeys`, an earlier invocation for those (unchanged) keys runs first in the same process:
     * a warm container.
     * @param {string[]} [changedKeys]
     * @param {string[]} [warmupKeys]
     * @param {Record<string, string>} [changedVersions] the ETags the notification would carry
     */
    const run = async (changedKeys, warmupKeys, changedVersions) => {
      const before = s3rver.cpuMs();
      const env = {
        ...lambdaEnv,
        ...(changedKeys === undefined ? {} : { FEEDPUB_BENCH_CHANGED_KEYS: JSON.stringify(changedKeys) }),
        ...(changedVersions === undefined ? {} : { FEEDPUB_BENCH_CHANGED_VERSIONS: JSON.stringify(changedVersions) }),
        ...(warmupKeys === undefined ? {} : { FEEDPUB_BENCH_WARMUP_KEYS: JSON.stringify(warmupKeys) }),
      };
      const result = await runRebuildChild(lib.file, env, { cwd: context.repoRoot, ...profile() });
      const after = s3rver.cpuMs();
      return before === undefined || after === undefined ? result : { ...result, serverCpuMs: after - before };
    };

    phase = 'full reconcile';
    const full = await run();
    for (const line of detailLines('s3: full reconcile', full, undefined)) context.log(line);
    rows.push(resultRow(base('s3: full reconcile (empty feeds bucket)'), [full], undefined));

    const targets = newestPublishedKeys(articles, 3 * context.runs + 1);
    /** An article no step changes: what the earlier invocation of a warm container was for. */
    const untouched = /** @type {string} */ (targets[3 * context.runs]);
    /**
     * Uploads an edit; returns the object's ETag, which S3's notification of the upload carries (and the
     * handler passes on as the key's version).
     * @param {string} key @param {string} mark @returns {Promise<Record<string, string>>}
     */
    const edit = async (key, mark) => {
      const text = editArticle(readFileSync(join(corpusDir, key), 'utf8'), mark);
      const put = await /** @type {S3Client} */ (client).send(
        new PutObjectCommand({ Bucket: CONTENT_BUCKET, Key: key, Body: text, ContentType: contentType(key) }),
      );
      return put.ETag === undefined ? {} : { [key]: put.ETag };
    };
    /** @type {Array<{ name: string, phase: 'update' | 'delete' | 'noop', warm?: boolean, change: (index: number) => Promise<{ what: string, keys?: string[], versions?: Record<string, string> }> }>} */
    const steps = [
      {
        name: 's3: one-article update',
        phase: 'update',
        change: async (index) => {
          const key = /** @type {string} */ (targets[index]);
          const versions = await edit(key, `bench edit ${index + 1}`);
          return { what: `updated ${key}`, keys: [key], versions };
        },
      },
      {
        // The same, in a container that served an earlier event: the manifest shards it decoded then are kept.
        name: 's3: one-article update, warm container',
        phase: 'update',
        warm: true,
        change: async (index) => {
          const key = /** @type {string} */ (targets[2 * context.runs + index]);
          const versions = await edit(key, `bench warm edit ${index + 1}`);
          return { what: `updated ${key}`, keys: [key], versions };
        },
      },
      {
        name: 's3: one-article delete',
        phase: 'delete',
        change: async (index) => {
          const key = /** @type {string} */ (targets[context.runs + index]);
          await /** @type {S3Client} */ (client).send(new DeleteObjectCommand({ Bucket: CONTENT_BUCKET, Key: key }));
          return { what: `deleted ${key}`, keys: [key] };
        },
      },
      // The hourly full run (lists everything) when nothing changed.
      { name: 's3: no-op (nothing changed)', phase: 'noop', change: async () => ({ what: 'nothing changed, full run' }) },
    ];
    for (const step of steps) {
      phase = step.name;
      /** @type {import('../s3/rebuild-child.mjs').RebuildResult[]} */
      const results = [];
      /** @type {string[][]} */
      const excesses = [];
      for (let index = 0; index < context.runs; index += 1) {
        const { what, keys, versions } = await step.change(index);
        const result = await run(keys, step.warm ? [untouched] : undefined, versions);
        const excess = beyondTarget(step.phase, result, pages);
        for (const line of detailLines(`${step.name} ${index + 1}/${context.runs} (${what})`, result, excess)) context.log(line);
        results.push(result);
        excesses.push(excess);
      }
      rows.push(resultRow(base(step.name), results, excesses));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.log(`  s3: ${phase} failed: ${message}`);
    rows.push({ ...base(`s3: ${phase}`), status: 'failed', runs: 0, note: `failed: ${message.slice(0, 300)}` });
  } finally {
    client?.destroy();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

/**
 * One table row from the runs of a phase: median (min–max) of the child's own measurements, the output
 * and note of the first run, and a remark when later runs sent a different number of requests.
 *
 * @param {{ scenario: string, articles: number, command: string }} base
 * @param {readonly import('../s3/rebuild-child.mjs').RebuildResult[]} results
 * @param {readonly string[][] | undefined} excesses
 * @returns {import('./run-command.mjs').Row}
 */
function resultRow(base, results, excesses) {
  const first = /** @type {import('../s3/rebuild-child.mjs').RebuildResult} */ (results[0]);
  const totals = results.map((result) => result.tally.total);
  const differs = totals.some((total) => total !== totals[0]) ? ` Requests per run: ${totals.join(', ')}.` : '';
  return {
    ...base,
    status: 'ok',
    runs: results.length,
    wallMs: spread(results.map((result) => result.wallMs)),
    cpuMs: spread(results.map((result) => result.cpuMs)),
    maxRssKiB: spread(results.map((result) => result.maxRssKiB)),
    output: { files: first.report.written, bytes: first.tally.feedBytes },
    note: `${rowNote(first, excesses?.[0])}.${differs}${profile().execArgv === undefined ? '' : ' CPU-profiled (slower).'}`,
  };
}
