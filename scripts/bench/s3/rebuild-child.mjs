import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The line the child prints its result on. */
export const RESULT_PREFIX = 'BENCH-S3-RESULT ';

/** The child script (one cold-start run of `rebuild()`). */
export const REBUILD_ONCE = fileURLToPath(new URL('./rebuild-once.mjs', import.meta.url));

/**
 * What one child run measured and counted.
 *
 * @typedef {object} RebuildResult
 * @property {number} wallMs `rebuild()` alone, measured in the child with performance.now
 * @property {number} cpuMs user+system CPU of the child during `rebuild()` (process.cpuUsage)
 * @property {number} maxRssKiB peak RSS of the child (import and deps included)
 * @property {number} importMs importing the bundle
 * @property {number} depsMs createLambdaClients + createLambdaDeps
 * @property {number} [warmupMs] the earlier, unmeasured invocation of a warm-container run (FEEDPUB_BENCH_WARMUP_KEYS)
 * @property {{ total: number, parsed: number, published: number, rejected: number, held: number, feeds: number, rendered: number, written: number, deleted: number, unchanged: number, invalidated: number, problems: Record<string, number> }} report
 * @property {string[]} written paths written to the feeds bucket
 * @property {{ calls: number, paths: number }} cdn what the recording CDN received
 * @property {import('./request-log.mjs').Tally} tally S3 requests by purpose (middleware on the client)
 * @property {Record<string, { list: number, read: number, write: number, delete: number }>} adapterCounts
 *   `S3Storage.requests` of source, target, state and report
 * @property {number} [serverCpuMs] CPU s3rver used while the child ran (added by the scenario)
 */

/**
 * Runs `rebuild-once.mjs` in a fresh node process with exactly `env` (nothing inherited but PATH) and
 * returns its result. The child is killed if it outlives `timeoutMs` or the returned promise is abandoned
 * by an error; it never outlives this call.
 *
 * @param {string} libFile the bundled Lambda code (`buildLambdaLib`)
 * @param {Record<string, string>} env
 * @param {{ cwd: string, timeoutMs?: number, execArgv?: readonly string[] }} options node flags in `execArgv` (e.g. `--cpu-prof`)
 * @returns {Promise<RebuildResult>}
 * @example
 * const result = await runRebuildChild(lib.file, lambdaEnv, { cwd: repoRoot });
 */
export function runRebuildChild(libFile, env, { cwd, timeoutMs = 30 * 60_000, execArgv = [] }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, REBUILD_ONCE, libFile], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-16_384);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rebuild child timed out after ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
      if (code === 0 && line !== undefined) {
        resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
        return;
      }
      const detail = `${stderr}\n${stdout}`
        .split('\n')
        .map((text) => text.trim())
        .filter((text) => text !== '' && !text.startsWith(RESULT_PREFIX));
      const reason = detail.find((text) => /error/i.test(text)) ?? detail.at(-1) ?? '';
      reject(new Error(`rebuild child ${signal === null ? `exited with ${code}` : `killed by ${signal}`}: ${reason.slice(0, 300)}`));
    });
  });
}
