import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Checks a folder flag the command writes into (`--out`, `--state`) before any work: it may be missing
 * (it is created), but neither it nor a folder above it may be a file, which would fail only at the first
 * write (`ENOTDIR`), after the whole build.
 *
 * @example await outputFolder('build', '--out', 'public'); // resolves; with 'README.md' a UsageError
 */
export async function outputFolder(command: string, flag: string, dir: string): Promise<void> {
  const resolved = path.resolve(dir);
  for (let current = resolved; ; current = path.dirname(current)) {
    const stats = await stat(current).catch(() => undefined);
    if (stats !== undefined) {
      if (stats.isDirectory()) return;
      const what = current === resolved ? `${flag} ${dir} is a file, not a folder` : `${flag} ${dir} is inside ${current}, which is a file`;
      throw new UsageError(`${what}: give a folder (it is created when missing)`, command);
    }
    if (path.dirname(current) === current) return;
  }
}
