import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCommand, measureCommand } from '../measure.mjs';
import { editArticle, newestPublishedKeys } from '../s3/author-edits.mjs';
import { measuredRow, skippedRow } from './run-command.mjs';

/** The command, as argv: `{site}`, `{out}` and `{state}` are the scenario's own folders. */
export const INCREMENTAL_COMMAND = Object.freeze(['node', 'bin/feedpub.js', 'build', '{site}', '--out', '{out}', '--state', '{state}']);

const NAME = 'feedpub build --state, one article edited';

/**
 * An author's local loop: the corpus is copied, built once with `--state` (unmeasured), then each run
 * edits another of the newest articles (they sit at the top of their feeds, so the edit must reach them)
 * and builds again into the same output and state folders. The note says how many files each run wrote,
 * which proves the edit was published. Skipped while the CLI does not exist or a stand-in replaces it.
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function feedpubIncremental(context) {
  const command = (/** @type {Record<string, string>} */ folders) => {
    const [file, ...args] = INCREMENTAL_COMMAND.map((word) => word.replace(/^\{(\w+)\}$/, (whole, name) => folders[name] ?? whole));
    return { file: /** @type {string} */ (file), args };
  };
  const display = formatCommand(command({ site: '<copy>', out: '<out>', state: '<state>' }));
  if (process.env.FEEDPUB_BENCH_BIN) return [skippedRow(context, NAME, 'not run: a stand-in replaces bin/feedpub.js (FEEDPUB_BENCH_BIN)', display)];
  if (!existsSync(resolve(context.repoRoot, 'bin/feedpub.js'))) return [skippedRow(context, NAME, 'not run: bin/feedpub.js does not exist yet', display)];

  const scratch = mkdtempSync(join(context.tmp, 'feedpub-bench-incremental-'));
  try {
    const folders = { site: join(scratch, 'site'), out: join(scratch, 'out'), state: join(scratch, 'state') };
    cpSync(resolve(context.repoRoot, context.corpusDir), folders.site, { recursive: true });
    const first = await measureCommand(command(folders), { cwd: context.repoRoot, method: 'none' });
    if (first.exitCode !== 0) return [failedRow(context, display, `the first build failed (exit ${first.exitCode})`)];
    context.log(`  ${NAME} @${context.size}: first build ${(first.wallMs / 1000).toFixed(2)} s`);

    const keys = newestPublishedKeys(context.size, context.warmup + context.runs);
    /** @type {import('../measure.mjs').Sample[]} */
    const samples = [];
    /** @type {number[]} */
    const written = [];
    for (const [run, key] of keys.entries()) {
      const file = join(folders.site, key);
      writeFileSync(file, editArticle(readFileSync(file, 'utf8'), `bench local edit ${run + 1}`));
      const sample = await measureCommand(command(folders), { cwd: context.repoRoot, method: context.method });
      if (sample.exitCode !== 0) return [failedRow(context, display, `failed (exit ${sample.exitCode}) after editing ${key}`)];
      const label = run < context.warmup ? 'warm-up' : `run ${run - context.warmup + 1}/${context.runs}`;
      context.log(`  ${NAME} @${context.size} ${label}: ${(sample.wallMs / 1000).toFixed(2)} s (${key})`);
      if (run < context.warmup) continue;
      samples.push(sample);
      written.push(Number(/(\d+) files written/.exec(sample.stdout)?.[1] ?? Number.NaN));
    }
    return [
      measuredRow(context, NAME, samples, {
        command: display,
        note: `after one full build with --state (${(first.wallMs / 1000).toFixed(1)} s); each run edits another of the newest articles (title and body) and wrote ${written.join(', ')} files`,
      }),
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** @returns {import('./run-command.mjs').Row} */
function failedRow(/** @type {import('./run-command.mjs').Context} */ context, /** @type {string} */ display, /** @type {string} */ note) {
  return { scenario: NAME, status: 'failed', articles: context.size, runs: 0, command: display, note };
}
