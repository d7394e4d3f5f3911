import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './usage-error.js';

/**
 * Checks a folder flag the command writes into (`--out`, `--state`) before any work: it may be missing
 * (it is created), but neither it nor a folder above it may be a file, or a symbolic link that leads
 * nowhere (to nothing, or round a loop), which would fail only at the first write (`ENOTDIR`, `ENOENT`),
 * after the whole build.
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
    if ((await lstat(current).catch(() => undefined))?.isSymbolicLink()) {
      const target = await readlink(current).catch(() => '?');
      const link = `a symbolic link that leads nowhere (to ${target})`;
      const what = current === resolved ? `${flag} ${dir} is ${link}` : `${flag} ${dir} is inside ${current}, ${link}`;
      throw new UsageError(`${what}: create the folder it leads to, or give another folder`, command);
    }
    if (path.dirname(current) === current) return;
  }
}

/**
 * Refuses an `--out` and a `--state` that are one folder or one inside the other (through symbolic links
 * too, as far as the folders exist): the state (every article's path, title, dates and URL, drafts and
 * scheduled posts included) would be published with the feeds, or the feeds be inside what the advice
 * "delete the --state folder" deletes, and taken for stray shards when under its `manifest/`.
 *
 * @example await separateFolders('build', ['--out', 'public'], ['--state', 'public/.feedpub']); // a UsageError
 */
export async function separateFolders(command: string, out: readonly [flag: string, dir: string], state: readonly [flag: string, dir: string]): Promise<void> {
  const [outReal, stateReal] = await Promise.all([realPathSoFar(out[1]), realPathSoFar(state[1])]);
  const named = ([flag, dir]: readonly [string, string]) => `${flag} ${dir}`;
  const within = (inner: string, outer: string) => inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
  const advice = 'give two folders apart (the state would be published with the feeds: every article, drafts included)';
  if (outReal === stateReal) throw new UsageError(`${named(state)} and ${named(out)} are the same folder: ${advice}`, command);
  if (within(stateReal, outReal)) throw new UsageError(`${named(state)} is inside ${named(out)}: ${advice}`, command);
  if (within(outReal, stateReal)) {
    throw new UsageError(
      `${named(out)} is inside ${named(state)}: give two folders apart (the feeds would be part of feedpub's state, and deleted with it)`,
      command,
    );
  }
}

/** The real path of `dir`: its nearest folder that exists with symbolic links resolved, and the rest as written. */
async function realPathSoFar(dir: string): Promise<string> {
  const resolved = path.resolve(dir);
  for (let current = resolved; ; current = path.dirname(current)) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined) return path.join(real, path.relative(current, resolved));
    if (path.dirname(current) === current) return resolved;
  }
}
