import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** s3rver's built-in account: key id and secret are both this. */
export const S3RVER_KEY = 'S3RVER';

/**
 * Credentials for s3rver's built-in account, as a new object each time (the SDK writes into the object).
 *
 * @returns {{ accessKeyId: string, secretAccessKey: string }}
 */
export function s3rverCredentials() {
  return { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY };
}

/**
 * The patch of s3rver's store that `feedpub dev` and the tests' server run with (src/cli/dev/s3rver-put-patch.ts:
 * a PUT answered once the object is stored; it was answered before, and a read right after it could get the
 * old ETag or a cut body, which a run takes for a damaged manifest), compiled from the TypeScript source.
 *
 * @returns {Promise<string>}
 */
async function putPatch() {
  const { build, stop } = await import('esbuild');
  const source = new URL('../../../src/cli/dev/s3rver-put-patch.ts', import.meta.url);
  // esbuild's API runs a service child process: stopped once built, so the bench leaves nothing running.
  const result = await build({ entryPoints: [source.pathname], bundle: true, format: 'esm', platform: 'node', write: false }).finally(() => stop());
  const [output] = result.outputFiles;
  const module = await import(`data:text/javascript,${encodeURIComponent(output?.text ?? '')}`);
  return module.S3RVER_PUT_PATCH;
}

/**
 * The server, in a child node. It runs with `--openssl-legacy-provider` because s3rver encrypts listing
 * continuation tokens with DES, which Node 17+ only has in OpenSSL's legacy provider (without it, every
 * second ListObjectsV2 page fails). It exits when the parent goes away (IPC disconnect), so it never
 * outlives the bench, and forwards no events (that would add work to every measured request). Its store
 * answers a PUT once the object is stored, as S3 does ({@link putPatch}).
 */
const CHILD = `
const S3rver = require(process.argv[1]);
const [directory, buckets] = [process.argv[2], JSON.parse(process.argv[3])];
const server = new S3rver({
  address: '127.0.0.1', port: 0, silent: true, directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
server.run().then(
  (address) => process.send({ port: address.port }),
  (error) => { console.error(error); process.exit(1); },
);
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'stop') server.close().finally(() => process.exit(0));
});
`;

/**
 * @typedef {object} LocalS3
 * @property {string} endpoint `http://127.0.0.1:<port>`
 * @property {string} directory where s3rver keeps the objects (deleted by `stop`)
 * @property {number | undefined} pid the server process
 * @property {() => number | undefined} cpuMs user+system CPU the server has used so far (Linux /proc; undefined elsewhere)
 * @property {() => Promise<void>} stop stops the server (SIGKILL after 3 s) and deletes its directory; idempotent
 */

/**
 * Starts s3rver on 127.0.0.1 on a free port, over a new empty temporary directory, with `buckets` created.
 * Nothing survives a run: every call gets a new directory, and `stop` removes it.
 *
 * @param {{ buckets: readonly string[] }} options
 * @returns {Promise<LocalS3>}
 * @example
 * const s3 = await startS3rver({ buckets: ['content', 'feeds'] });
 * try { ... } finally { await s3.stop(); }
 */
export async function startS3rver({ buckets }) {
  const directory = mkdtempSync(join(tmpdir(), 'feedpub-bench-s3rver-'));
  const s3rverMain = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', `${await putPatch()}${CHILD}`, s3rverMain, directory, JSON.stringify(buckets)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '' },
  });
  /** @type {Promise<void> | undefined} */
  let stopped;
  const stop = () => {
    stopped ??= (async () => {
      await stopChild(child);
      rmSync(directory, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    const port = await waitForPort(child);
    return { endpoint: `http://127.0.0.1:${port}`, directory, pid: child.pid, cpuMs: () => processCpuMs(child.pid), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** @returns {Promise<number>} */
function waitForPort(/** @type {import('node:child_process').ChildProcess} */ child) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 10 s')), 10_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('message', (/** @type {any} */ message) => {
      clearTimeout(timer);
      if (typeof message?.port === 'number') resolve(message.port);
      else reject(new Error(`unexpected message from s3rver: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${signal ?? `code ${code}`}) before listening`));
    });
  });
}

/** Asks the child to close the server, kills it after 3 s, and resolves once it has exited. */
function stopChild(/** @type {import('node:child_process').ChildProcess} */ child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    if (child.connected) child.send('stop');
    else child.kill();
  });
}

/** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ is 100 on every mainstream architecture). */
const TICKS_PER_SECOND = 100;

/**
 * User+system CPU time of a process so far, from `/proc/<pid>/stat`; undefined when unavailable.
 *
 * @param {number | undefined} pid
 * @returns {number | undefined}
 * @example
 * processCpuMs(process.pid); // → 230
 */
export function processCpuMs(pid) {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
