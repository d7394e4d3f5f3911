import { type ChildProcess, spawn } from 'node:child_process';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { processRunning } from '../../adapters/process-running.js';
import { PublisherError } from '../../errors.js';
import { UsageError } from '../usage-error.js';
import { LOCAL_HOST, MISDIRECTED } from './local-host.js';
import { S3RVER_PUT_PATCH } from './s3rver-put-patch.js';

/** A running local S3-protocol server and a client for it. */
export interface LocalS3 {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Path-style, us-east-1, the server's built-in credentials. */
  readonly client: S3Client;
  /** Resolves when the server stops, for whatever reason (with the reason when it was not asked to). */
  readonly exited: Promise<string | undefined>;
  /** Stops the server and removes its folder; safe to call more than once. */
  stop(): Promise<void>;
}

/** s3rver's built-in account. */
const ACCESS_KEY = 'S3RVER';

/** The server's folder, in the temporary folder: `feedpub-dev-s3-<pid of feedpub dev>-<6 random characters>`. */
const FOLDER_PREFIX = 'feedpub-dev-s3-';
const FOLDER_NAME = /^feedpub-dev-s3-(\d+)-[A-Za-z0-9]{6}$/;

/** Options of {@link startLocalS3}. */
export interface LocalS3Options {
  /** Once aborted, the client's requests fail at once (with the signal's reason), never reaching the server. */
  readonly signal?: AbortSignal;
}

/**
 * The server runs in a child Node process with `--openssl-legacy-provider`: s3rver signs listing
 * continuation tokens with DES, which Node 17+ has only in OpenSSL's legacy provider. The child
 * ignores SIGINT and SIGHUP (Ctrl-C and a closed terminal reach the whole process group; the parent
 * decides when it stops) and, when its parent goes away without stopping it (IPC disconnect: killed),
 * removes its folder and exits, so it never outlives `feedpub dev` nor leaves its objects behind. Its
 * store answers a PUT once the object is written ({@link S3RVER_PUT_PATCH}).
 *
 * s3rver takes unsigned requests, as anonymous, and names a bucket after a Host header that is not an IP
 * address or localhost (virtual-hosted style): a web page could write to it with a plain form POST (its
 * browser-upload API), and one whose own name resolves to 127.0.0.1 (DNS rebinding) could make a bucket
 * named after that name and write to `feeds` through a `..%2f` key, its store joining keys onto its folder.
 * A guard before its handlers refuses a Host other than 127.0.0.1, localhost or [::1] (421) and any
 * request a browser makes, which carries `Origin` or `Sec-Fetch-*` (403); the AWS SDKs and CLI send neither.
 */
const CHILD_SCRIPT = `${S3RVER_PUT_PATCH}
const S3rver = require(process.argv[1]);
const [directory, buckets] = [process.argv[2], JSON.parse(process.argv[3])];
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
server.middleware.unshift((ctx, next) => {
  const headers = ctx.request.headers;
  if (headers.host !== undefined && !${LOCAL_HOST}.test(headers.host)) {
    ctx.status = 421;
    ctx.body = ${JSON.stringify(MISDIRECTED)};
    return;
  }
  if (headers.origin !== undefined || Object.keys(headers).some((name) => name.startsWith('sec-fetch-'))) {
    ctx.status = 403;
    ctx.body = 'requests from web browsers are refused\\n';
    return;
  }
  return next();
});
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
process.on('disconnect', () => {
  require('node:fs').rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  process.exit(0);
});
process.on('message', (message) => { if (message === 'stop') server.close().finally(() => process.exit(0)); });
server.run().then(
  (address) => process.send({ port: address.port }),
  (error) => { console.error(String(error && error.message || error)); process.exit(1); },
);
`;

/**
 * Starts s3rver (a dev dependency of feedpub) on 127.0.0.1 on a free port, over a fresh temporary
 * folder, with the buckets created. Throws a UsageError when s3rver is not installed. The folders
 * earlier runs left (when both processes were killed at once) are removed first: those named with the
 * id of a process that no longer runs.
 *
 * @example
 * const s3 = await startLocalS3(['content', 'feeds']);
 * try { ... } finally { await s3.stop(); }
 */
export async function startLocalS3(buckets: readonly string[], options: LocalS3Options = {}): Promise<LocalS3> {
  let main: string;
  try {
    main = createRequire(import.meta.url).resolve('s3rver');
  } catch {
    throw new UsageError("dev needs feedpub's dev dependencies (s3rver), which are not installed: run `npm install` in the feedpub checkout", 'dev');
  }
  await removeStaleFolders(tmpdir());
  const directory = await mkdtemp(path.join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD_SCRIPT, main, directory, JSON.stringify(buckets)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  let stopping = false;
  const exited = new Promise<string | undefined>((resolve) => {
    child.once('exit', (code, signal) =>
      resolve(stopping ? undefined : `local S3 server exited (${signal ?? code})${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`),
    );
  });
  let port: number;
  try {
    port = await firstPort(child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    maxAttempts: 3,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const { signal } = options;
  if (signal) {
    client.middlewareStack.add(
      (next) => (args) => {
        signal.throwIfAborted();
        return next(args);
      },
      { step: 'initialize', name: 'feedpubStopped' },
    );
  }
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    client,
    exited,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        client.destroy();
        await stopChild(child);
        await rm(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** Removes the server folders in `dir` of this user whose `feedpub dev` no longer runs. */
async function removeStaleFolders(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const uid = process.getuid?.();
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(FOLDER_NAME.exec(name)?.[1] ?? 0);
      if (pid <= 0 || processRunning(pid)) return;
      const folder = path.join(dir, name);
      try {
        const stats = await lstat(folder);
        if (stats.isDirectory() && (uid === undefined || stats.uid === uid)) await rm(folder, { recursive: true, force: true });
      } catch {
        // gone already, or not ours to remove
      }
    }),
  );
}

function firstPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PublisherError('the local S3 server did not start within 15 s')), 15_000);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      const port = (message as { port?: unknown }).port;
      if (typeof port === 'number') resolve(port);
      else reject(new PublisherError(`unexpected message from the local S3 server: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new PublisherError(`the local S3 server exited with code ${code}: ${stderr().trim().split('\n')[0] ?? ''}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('stop');
    else child.kill('SIGTERM');
  });
}
