import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RVER_PUT_PATCH } from '../../src/cli/dev/s3rver-put-patch.js';

/** An object created or removed on the server (from s3rver's notifications; keys not encoded). */
export interface ObjectEvent {
  readonly bucket: string;
  readonly key: string;
  /** `ObjectCreated:Put`, `ObjectCreated:Copy`, `ObjectRemoved:Delete`... */
  readonly eventName: string;
}

/** A running s3rver and a client for it. */
export interface S3Server {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** Path-style, us-east-1, s3rver's credentials, no retries (tests want errors at once). */
  readonly client: S3Client;
  /** Environment for code that builds its own client (the Lambda bundle): endpoint, region, credentials. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Every object created or removed since the server started (or since the last `clearEvents`),
   * in order. Waits for the server to deliver the events of every request already answered.
   */
  objectEvents(): Promise<ObjectEvent[]>;
  clearEvents(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** s3rver's built-in account. */
const ACCESS_KEY = 'S3RVER';

/**
 * s3rver runs in a child Node process started with `--openssl-legacy-provider`: it signs listing
 * continuation tokens with DES, which Node 17+ only has in OpenSSL's legacy provider, so any
 * paginated listing fails with InternalError in a normal test process. The child exits when the
 * test process goes away (IPC disconnect), so it never outlives the tests.
 *
 * Its filesystem store answers a PUT before the object's file is written (3.7.1 resolves once the body
 * is handed to the write stream, then writes the metadata): a GET right after it was given the old or a
 * cut body under the new ETag, about 1 in 100 PUT-then-GET pairs of a few KiB (a run reading the manifest
 * head its predecessor had just written read it as damaged, and failed with a false WriteConflictError).
 * The child replaces `putObject` with one that waits for the file to be closed, as S3 answers a PUT once
 * the object is stored ({@link S3RVER_PUT_PATCH}, as `feedpub dev`'s server does).
 */
const CHILD = `${S3RVER_PUT_PATCH}
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
server.on('event', (event) => {
  for (const record of event.Records) {
    process.send({ event: { bucket: record.s3.bucket.name, key: record.s3.object.key, eventName: record.eventName } });
  }
});
process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message === 'ping') process.send('pong');
  if (message === 'stop') server.close().finally(() => process.exit(0));
});
`;

/**
 * A client for s3rver at `endpoint` (the server's own, or a fault proxy in front of it): path-style,
 * us-east-1, s3rver's credentials, checksums only where required; one attempt unless `maxAttempts` says.
 *
 * @example const client = s3rverClient(proxy.endpoint, { maxAttempts: 3 });
 */
export function s3rverClient(endpoint: string, options: { readonly maxAttempts?: number } = {}): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    ...(options.maxAttempts !== undefined && options.maxAttempts > 1 ? { retryMode: 'standard' } : {}),
    maxAttempts: options.maxAttempts ?? 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/**
 * Starts s3rver on 127.0.0.1 on a free port, over a fresh temporary directory, with the buckets
 * created.
 *
 * @example
 * const s3 = await startS3Server({ buckets: ['content', 'feeds'] });
 * afterAll(() => s3.stop());
 */
export async function startS3Server(options: { buckets: readonly string[] }): Promise<S3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'feedpub-s3rver-'));
  const s3rverMain = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD, s3rverMain, directory, JSON.stringify(options.buckets)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { PATH: process.env.PATH ?? '' },
  });
  let port: number;
  try {
    port = await waitForPort(child);
  } catch (error) {
    child.kill();
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3rverClient(endpoint);
  const events: ObjectEvent[] = [];
  child.on('message', (message: unknown) => {
    const event = (message as { event?: ObjectEvent }).event;
    if (event) events.push(event);
  });
  // Events are sent before the response to their request, so after a ping/pong every answered
  // request's events have arrived (one IPC channel keeps order).
  const settle = () =>
    new Promise<void>((resolve) => {
      const onMessage = (message: unknown) => {
        if (message !== 'pong') return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send('ping');
    });
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    client,
    env: {
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: ACCESS_KEY,
    },
    async objectEvents() {
      await settle();
      return [...events];
    },
    async clearEvents() {
      await settle();
      events.length = 0;
    },
    stop() {
      stopped ??= (async () => {
        client.destroy();
        await stopChild(child);
        await rm(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function waitForPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 10 s')), 10_000);
    child.once('message', (message: unknown) => {
      clearTimeout(timer);
      const port = (message as { port?: unknown }).port;
      if (typeof port === 'number') resolve(port);
      else reject(new Error(`unexpected message from s3rver: ${JSON.stringify(message)}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with code ${code}`));
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
    else child.kill();
  });
}
