#!/usr/bin/env node
/**
 * The benchmark: generates (or reuses) corpora, runs every scenario on each, prints a Markdown table and
 * writes it to bench/RESULTS.md. See bench/README.md.
 *
 *   node scripts/bench/run.mjs [--sizes 1000,10000] [--runs 3] [--warmup 1] [--hugo]
 *                              [--only floors,feedpub,incremental,hugo,s3,bundle] [--stats auto|time|preload|none]
 *                              [--out bench/RESULTS.md] [--corpora bench/corpus] [--tmp DIR]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './ensure-corpus.mjs';
import { formatReport } from './format-report.mjs';
import { defaultScratchRoot, defaultStatsMethod, GNU_TIME } from './measure.mjs';
import { hugoVersion } from './scenarios/hugo-build.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const METHODS = ['auto', 'time', 'preload', 'none'];

/** Parses a positive integer flag, or throws naming the flag. */
function positiveInteger(/** @type {string} */ flag, /** @type {string} */ text, minimum = 1) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${flag} must be an integer ≥ ${minimum}, got "${text}"`);
  return value;
}

/** A path as given on the command line, made relative to the repository root when it lies inside it. */
function repoRelative(/** @type {string} */ path) {
  const absolute = resolve(path);
  const fromRoot = relative(REPO_ROOT, absolute);
  return fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot) ? absolute : fromRoot;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      hugo: { type: 'boolean', default: false },
      only: { type: 'string' },
      stats: { type: 'string', default: 'auto' },
      out: { type: 'string', default: join(REPO_ROOT, 'bench', 'RESULTS.md') },
      corpora: { type: 'string', default: join(REPO_ROOT, 'bench', 'corpus') },
      tmp: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const ids = SCENARIOS.map((scenario) => scenario.id);
  const only = values.only?.split(',').map((id) => id.trim()) ?? ids;
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${ids.join(', ')})`);
  if (!METHODS.includes(values.stats)) throw new Error(`--stats must be one of ${METHODS.join(', ')}`);
  return {
    help: values.help,
    sizes: values.sizes.split(',').map((size) => positiveInteger('sizes', size.trim())),
    runs: positiveInteger('runs', values.runs),
    warmup: positiveInteger('warmup', values.warmup, 0),
    hugo: values.hugo,
    only,
    method: /** @type {import('./measure.mjs').StatsMethod} */ (values.stats === 'auto' ? defaultStatsMethod() : values.stats),
    out: resolve(values.out),
    corpora: repoRelative(values.corpora),
    tmp: resolve(values.tmp ?? defaultScratchRoot()),
  };
}

/** The commit being measured, marked `+dirty` with uncommitted changes; undefined outside git. */
function gitCommit() {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (head.status !== 0) return undefined;
  const status = spawnSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return `${head.stdout.trim()}${status.stdout.trim() === '' ? '' : ' +dirty'}`;
}

const MEASUREMENT = {
  time: `wall time by the runner; CPU (%U+%S) and peak RSS (%M) of the child by GNU time (\`${GNU_TIME} -f '%U %S %M'\`)`,
  preload:
    'wall time by the runner; CPU and peak RSS of node children by process.resourceUsage() at exit (scripts/bench/child-stats.mjs preload); none for other commands',
  none: 'wall time only',
};

async function main() {
  const options = parseOptions();
  if (options.help) {
    console.log(
      'usage: node scripts/bench/run.mjs [--sizes 1000,10000] [--runs 3] [--warmup 1] [--hugo] [--only floors,feedpub,incremental,hugo,s3,bundle] [--stats auto|time|preload|none] [--out bench/RESULTS.md] [--corpora bench/corpus] [--tmp DIR]',
    );
    return 0;
  }
  const log = (/** @type {string} */ line) => process.stderr.write(`${line}\n`);
  const hugo = options.hugo ? hugoVersion() : undefined;
  /** @type {import('./scenarios/run-command.mjs').Row[]} */
  const rows = [];
  const corpora = [];
  const chosen = SCENARIOS.filter(({ id }) => options.only.includes(id));
  /** @type {Parameters<import('./scenarios/run-command.mjs').Scenario>[0] | undefined} */
  let last;
  for (const size of options.sizes) {
    const corpus = ensureCorpus(REPO_ROOT, options.corpora, size, log);
    corpora.push({ size, ...corpus });
    const context = {
      repoRoot: REPO_ROOT,
      size,
      corpusDir: corpus.dir,
      runs: options.runs,
      warmup: options.warmup,
      method: options.method,
      hugo: options.hugo,
      tmp: options.tmp,
      log,
    };
    for (const scenario of chosen.filter((s) => !s.once)) rows.push(...(await scenario.run(context)));
    last = context;
  }
  // Scenarios that run once per bench go last (see SCENARIOS).
  if (last !== undefined) for (const scenario of chosen.filter((s) => s.once)) rows.push(...(await scenario.run(last)));

  const cpuList = cpus();
  const report = formatReport(
    {
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: `${cpuList[0]?.model.trim() ?? 'unknown'} × ${cpuList.length} logical cores`,
      memory: `${(totalmem() / 1073741824).toFixed(1)} GiB`,
      ...(hugo === undefined ? {} : { hugo }),
      ...(gitCommit() === undefined ? {} : { commit: gitCommit() }),
      measurement: `${MEASUREMENT[options.method]}; output folders under \`${options.tmp}\``,
      runs: options.runs,
      warmup: options.warmup,
      corpora,
    },
    rows,
  );
  process.stdout.write(report);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, report);
  log(`written to ${options.out}`);
  return rows.some((row) => row.status === 'failed') ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
