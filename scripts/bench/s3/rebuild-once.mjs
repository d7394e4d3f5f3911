#!/usr/bin/env node
/**
 * One Lambda-like run of `rebuild()`, in its own process (a cold start):
 *
 *   node scripts/bench/s3/rebuild-once.mjs <lambda-lib.mjs>
 *
 * The environment is the Lambda's (AWS_ENDPOINT_URL_S3, CONTENT_BUCKET, FEEDS_BUCKET, credentials, no
 * CDN_DISTRIBUTION_ID), plus FEEDPUB_BENCH_CHANGED_KEYS: a JSON list of the keys an S3 notification would
 * name, passed as `changedKeys` as the handler does (absent: a full run, as `{"action":"rebuild"}`), and
 * FEEDPUB_BENCH_CHANGED_VERSIONS: a JSON object of their ETags, which the notification carries and the
 * handler passes as `changedVersions`. The deps are `createLambdaDeps(process.env, clients)` from the bundle, unchanged,
 * except that `cdn` is a recording one, and the S3 client carries a middleware that records each request.
 * Prints one line `BENCH-S3-RESULT <json>` with the timings, the report and the request tally.
 */
import { pathToFileURL } from 'node:url';
import { RESULT_PREFIX } from './rebuild-child.mjs';
import { recordRequests, tallyRequests } from './request-log.mjs';

const started = performance.now();
const lib = await import(pathToFileURL(/** @type {string} */ (process.argv[2])).href);
const imported = performance.now();

const clients = lib.createLambdaClients(process.env);
/** @type {import('./request-log.mjs').RecordedRequest[]} */
const log = [];
recordRequests(clients.s3, log);
const deps = lib.createLambdaDeps(process.env, clients);
/** @type {string[][]} */
const invalidations = [];
const cdn = { invalidate: async (/** @type {readonly string[]} */ paths) => void invalidations.push([...paths]) };
const ready = performance.now();

// A warm container: an earlier invocation (for FEEDPUB_BENCH_WARMUP_KEYS, unchanged articles) ran in
// this process first, with the same deps, as Lambda reuses a container's module scope.
const warmup = process.env.FEEDPUB_BENCH_WARMUP_KEYS;
let warmupMs;
if (warmup !== undefined) {
  const start = performance.now();
  const earlier = await lib.rebuild({ ...deps.rebuild, cdn }, { trigger: 's3', force: false, changedKeys: JSON.parse(warmup) });
  warmupMs = performance.now() - start;
  if (earlier.written.length > 0 || invalidations.length > 0) throw new Error('the warm-up run changed something');
  log.length = 0;
}

/** `S3Storage.requests` of each role, copied now. @returns {Record<string, Record<string, number>>} */
const adapterRequests = () => Object.fromEntries(['source', 'target', 'state', 'report'].map((role) => [role, { ...deps.rebuild[role]?.requests }]));
/** The adapters' counts before the measured run (the warm-up's are not its own). */
const countsBefore = adapterRequests();
const cpuBefore = process.cpuUsage();
const before = performance.now();
const changed = process.env.FEEDPUB_BENCH_CHANGED_KEYS;
/** The versions (ETags) the notification would carry for the changed keys, as the handler passes them. */
const versions = process.env.FEEDPUB_BENCH_CHANGED_VERSIONS;
const report = await lib.rebuild(
  { ...deps.rebuild, cdn },
  {
    trigger: changed === undefined ? 'rebuild' : 's3',
    force: false,
    ...(changed === undefined ? {} : { changedKeys: JSON.parse(changed) }),
    ...(versions === undefined ? {} : { changedVersions: new Map(Object.entries(JSON.parse(versions))) }),
  },
);
const wallMs = performance.now() - before;
const cpu = process.cpuUsage(cpuBefore);

const layout = {
  contentBucket: deps.env.contentBucket,
  feedsBucket: deps.env.feedsBucket,
  statePrefix: lib.STATE_PREFIX,
  reportPrefix: deps.env.reportPrefix,
};
const adapterCounts = Object.fromEntries(
  Object.entries(adapterRequests()).map(([role, now]) => {
    const earlier = countsBefore[role] ?? {};
    return [role, Object.fromEntries(Object.entries(now).map(([op, n]) => [op, n - (earlier[op] ?? 0)]))];
  }),
);
/** @type {Record<string, number>} */
const severities = {};
for (const problem of report.problems) severities[problem.severity] = (severities[problem.severity] ?? 0) + 1;

const result = {
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  maxRssKiB: process.resourceUsage().maxRSS,
  importMs: imported - started,
  depsMs: ready - imported,
  ...(warmupMs === undefined ? {} : { warmupMs }),
  report: {
    total: report.articles.total,
    parsed: report.articles.parsed,
    published: report.articles.published,
    rejected: report.articles.rejected,
    held: report.articles.held,
    feeds: report.feeds,
    rendered: report.rendered,
    written: report.written.length,
    deleted: report.deleted.length,
    unchanged: report.unchanged,
    invalidated: report.invalidated.length,
    problems: severities,
  },
  written: report.written,
  cdn: { calls: invalidations.length, paths: invalidations.reduce((sum, paths) => sum + paths.length, 0) },
  tally: tallyRequests(log, layout),
  adapterCounts,
};
clients.s3.destroy();
clients.cloudFront?.destroy(); // created on demand: absent unless something loaded it
process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
