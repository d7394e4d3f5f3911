import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatCommand } from '../measure.mjs';
import { runCommand, skippedRow } from './run-command.mjs';

/**
 * The command under test, as argv: `{corpus}` and `{out}` are replaced per run. The environment variable
 * FEEDPUB_BENCH_BIN, when set, replaces `bin/feedpub.js` (to try the harness with a stand-in).
 */
export const FEEDPUB_COMMAND = Object.freeze(['node', 'bin/feedpub.js', 'build', '{corpus}', '--out', '{out}']);

/**
 * The feedpub command for one corpus and output folder.
 *
 * @param {string} corpus
 * @param {string} out
 * @param {string} [bin] replacement for `bin/feedpub.js`
 * @returns {import('../measure.mjs').Command}
 */
export function feedpubCommand(corpus, out, bin = process.env.FEEDPUB_BENCH_BIN) {
  const [file, ...args] = FEEDPUB_COMMAND.map((word) =>
    word === '{corpus}' ? corpus : word === '{out}' ? out : word === 'bin/feedpub.js' && bin ? bin : word,
  );
  return { file: /** @type {string} */ (file), args };
}

/**
 * feedpub's full build of the corpus into a fresh folder: `node bin/feedpub.js build <corpus> --out <tmp>`,
 * as it runs by default (two threads on two cores or more: a worker thread beside the main one, started once
 * the run has enough work) and with `FEEDPUB_THREADS=1` (everything on the main thread).
 * Skipped with a note while the CLI does not exist.
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function feedpubBuild(context) {
  const command = (/** @type {string} */ out) => feedpubCommand(context.corpusDir, out);
  const script = command('<tmp>').args[0] ?? '';
  const variants = [
    { name: 'feedpub build', env: {} },
    { name: 'feedpub build, 1 thread', env: { FEEDPUB_THREADS: '1' } },
  ];
  if (!existsSync(resolve(context.repoRoot, script))) {
    return variants.map(({ name }) => skippedRow(context, name, `not run: ${script} does not exist yet`, formatCommand(command('<tmp>'))));
  }
  const standIn = process.env.FEEDPUB_BENCH_BIN;
  const rows = [];
  for (const { name, env } of variants) {
    const row = await runCommand(context, { name, command, countOutput: true, env });
    rows.push(standIn ? { ...row, note: [`stand-in ${standIn} (FEEDPUB_BENCH_BIN)`, row.note].filter(Boolean).join('; ') } : row);
  }
  return rows;
}
