import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatCommand, measureCommand } from '../measure.mjs';
import { spread } from '../spread.mjs';

/**
 * What every scenario receives.
 *
 * @typedef {object} Context
 * @property {string} repoRoot cwd of every child process
 * @property {number} size articles in the corpus
 * @property {string} corpusDir the corpus, relative to repoRoot (`bench/corpus/1000`) or absolute
 * @property {number} runs measured runs per scenario
 * @property {number} warmup unmeasured runs before them
 * @property {import('../measure.mjs').StatsMethod} method
 * @property {boolean} hugo whether the Hugo scenario was asked for
 * @property {string} tmp where commands write their output folders (`--tmp`: tmpfs by default, see run.mjs)
 * @property {(line: string) => void} log progress, to stderr
 */

/**
 * One line of the results table.
 *
 * @typedef {object} Row
 * @property {string} scenario
 * @property {number} articles
 * @property {'ok' | 'skipped' | 'failed'} status
 * @property {number} runs measured runs (0 when the scenario did not run)
 * @property {import('../spread.mjs').Spread} [wallMs]
 * @property {import('../spread.mjs').Spread} [cpuMs]
 * @property {import('../spread.mjs').Spread} [maxRssKiB]
 * @property {{ files: number, bytes: number }} [output] what the command wrote (last run)
 * @property {string} [command] the command, as a shell line
 * @property {string} [note] why it did not run or failed, or anything else worth a footnote
 */

/**
 * A scenario: a function from the context to rows. Add a new one to `scenarios/index.mjs`.
 *
 * @typedef {(context: Context) => Promise<Row[]>} Scenario
 */

/** Counts the files under a folder and their total size. */
function measureOutput(/** @type {string} */ dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

/** The most telling line of a failed child's output (the first mentioning an error), for the note. */
function errorLine(/** @type {import('../measure.mjs').Sample} */ sample) {
  const lines = `${sample.stderr}\n${sample.stdout}`
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const line = lines.find((text) => /error/i.test(text)) ?? lines[0];
  return line === undefined ? '' : `: ${line.slice(0, 200)}`;
}

/**
 * Runs one command `warmup + runs` times, each with a fresh empty output folder, and returns one row: median/min/max of wall time, CPU time and peak RSS over the measured runs.
 * A run that exits non-zero stops the scenario and becomes the row's note.
 *
 * The output folders are deleted after the last run, not after each one: on ext4, creating files soon
 * after thousands were deleted nearby is several times slower (the inode allocator skips inodes freed
 * in the last ~30 s), which made every measured run pay ~2 s of kernel time for the run before it.
 *
 * @param {Context} context
 * @param {object} spec
 * @param {string} spec.name scenario name in the table
 * @param {(out: string) => import('../measure.mjs').Command} spec.command the command for an output folder
 * @param {boolean} [spec.countOutput] count the files written to the output folder and their size
 * @param {Record<string, string>} [spec.env] environment variables set for the command (shown before it)
 * @returns {Promise<Row>}
 * @example
 * const row = await runCommand(context, { name: 'hugo', command: (out) => ({ file: 'hugo', args: ['-d', out] }) });
 */
export async function runCommand(context, { name, command, countOutput = false, env = {} }) {
  const display = [...Object.entries(env).map(([key, value]) => `${key}=${value}`), formatCommand(command('<tmp>'))].join(' ');
  /** @type {import('../measure.mjs').Sample[]} */
  const samples = [];
  let output;
  /** @type {string[]} */
  const outs = [];
  try {
    for (let run = 0; run < context.warmup + context.runs; run += 1) {
      const out = mkdtempSync(join(context.tmp, 'feedpub-bench-out-'));
      outs.push(out);
      const sample = await measureCommand(command(out), { cwd: context.repoRoot, method: context.method, env: { ...process.env, ...env } });
      if (sample.exitCode !== 0) {
        const status = sample.signal === null ? `exit ${sample.exitCode}` : `signal ${sample.signal}`;
        return {
          scenario: name,
          status: 'failed',
          articles: context.size,
          runs: 0,
          command: display,
          note: `failed (${status})${errorLine(sample)}`,
        };
      }
      if (countOutput && run === context.warmup + context.runs - 1) output = measureOutput(out);
      const label = run < context.warmup ? 'warm-up' : `run ${run - context.warmup + 1}/${context.runs}`;
      context.log(`  ${name} @${context.size} ${label}: ${(sample.wallMs / 1000).toFixed(2)} s`);
      if (run >= context.warmup) samples.push(sample);
    }
  } finally {
    for (const out of outs) rmSync(out, { recursive: true, force: true });
  }
  return measuredRow(context, name, samples, { ...(output === undefined ? {} : { output }), command: display });
}

/**
 * The row of a scenario that ran: median/min/max of wall time, CPU time and peak RSS over `samples`.
 *
 * @param {Context} context
 * @param {string} name
 * @param {import('../measure.mjs').Sample[]} samples the measured runs
 * @param {Partial<Row>} rest output, command, note
 * @returns {Row}
 */
export function measuredRow(context, name, samples, rest) {
  return {
    scenario: name,
    status: 'ok',
    articles: context.size,
    runs: samples.length,
    wallMs: spread(samples.map((sample) => sample.wallMs)),
    cpuMs: spread(samples.map((sample) => sample.cpuMs)),
    maxRssKiB: spread(samples.map((sample) => sample.maxRssKiB)),
    ...rest,
  };
}

/**
 * A row for a scenario that was skipped, with the reason.
 *
 * @param {Context} context
 * @param {string} name
 * @param {string} note
 * @param {string} [command]
 * @returns {Row}
 */
export function skippedRow(context, name, note, command) {
  return { scenario: name, status: 'skipped', articles: context.size, runs: 0, note, ...(command === undefined ? {} : { command }) };
}
