import { spawnSync } from 'node:child_process';
import { prepareHugoSite } from '../hugo/prepare-hugo-site.mjs';
import { runCommand, skippedRow } from './run-command.mjs';

/**
 * `hugo version` of the Hugo on PATH, or undefined when there is none.
 *
 * @returns {string | undefined}
 */
export function hugoVersion() {
  const result = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Hugo building the same corpus, configured to write only RSS, Atom and JSON feeds (see
 * hugo/prepare-hugo-site.mjs): `hugo --quiet -s <corpus>-hugo -d <tmp>`. Runs only with `--hugo`.
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function hugoBuild(context) {
  if (!context.hugo) return [];
  const name = 'hugo (RSS+Atom+JSON)';
  if (hugoVersion() === undefined) return [skippedRow(context, name, 'not run: hugo is not on PATH')];
  const site = prepareHugoSite(context.corpusDir);
  return [
    await runCommand(context, {
      name,
      command: (out) => ({ file: 'hugo', args: ['--quiet', '-s', site, '-d', out] }),
      countOutput: true,
    }),
  ];
}
