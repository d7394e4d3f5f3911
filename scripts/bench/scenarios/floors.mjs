import { runCommand } from './run-command.mjs';

/**
 * The floors: what any build of this corpus must at least pay, each as its own node process measured
 * like feedpub. (0) node starting and exiting; (a) walking `content/` and reading every .md file;
 * (b) (a) plus parsing the front matter with gray-matter and js-yaml (feedpub's YAML engine).
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function floors(context) {
  return [
    await runCommand(context, { name: 'floor: node startup', command: () => ({ file: 'node', args: ['-e', ''] }) }),
    await runCommand(context, {
      name: 'floor: read all .md',
      command: () => ({ file: 'node', args: ['scripts/bench/floors/read-all.mjs', context.corpusDir] }),
    }),
    await runCommand(context, {
      name: 'floor: read + gray-matter/js-yaml',
      command: () => ({ file: 'node', args: ['scripts/bench/floors/read-and-parse.mjs', context.corpusDir] }),
    }),
  ];
}
