/**
 * `Compute` on worker threads: parsing and item preparation spread over the machine's cores while the
 * main thread reads, plans and writes. Work is sent in chunks to the least loaded thread; results
 * come back in input order. The first items of a run are done on the calling thread, and the threads
 * start only when there are more (or when the run announces more, with `expect`), so a small site or a
 * small update never pays for starting them.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inProcessCompute } from '../compute.js';
import { ConfigError } from '../errors.js';
import type { SiteConfig } from '../model.js';
import type { ParseResult } from '../parse/parse-article.js';
import type { ArticleFile, Compute, ParseOptions } from '../ports.js';
import type { PreparedItem, PrepareRequest } from '../render/prepare-items.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

interface Thread {
  readonly worker: Worker;
  /** Items sent and not answered yet. */
  load: number;
}

interface Pending {
  readonly thread: Thread;
  readonly size: number;
  readonly resolve: (result: readonly unknown[]) => void;
  readonly reject: (error: Error) => void;
}

export interface WorkerComputeOptions {
  /** The worker entry (the bundled `compute-worker.mjs`). */
  readonly script: URL;
  /** How many threads (default: the cores available). */
  readonly threads?: number;
  /**
   * How many items (parses and preparations) the calling thread does itself before the threads start
   * (default 2,500): a call that would go past it starts them. A worker thread takes ~0.2 s to start
   * and warm up, which only pays back over a few thousand items (2 cores, a site has about two items
   * per article: 1,000 articles built in 2.4–2.5 s on one thread and 2.5–2.7 s when the worker
   * started at 1,000 items, 3,000 in 4.2–4.4 s and 4.15–4.25 s, 10,000 in 8.0–8.9 s and 7.15–7.4 s).
   */
  readonly startAfter?: number;
  /** Items per message to a thread (default 64). */
  readonly chunk?: number;
}

/**
 * @example
 * const compute = new WorkerCompute({ script: new URL('./compute-worker.mjs', import.meta.url) });
 * try { await rebuild({ ...deps, compute }); } finally { await compute.close(); }
 */
export class WorkerCompute implements Compute {
  readonly threads: number;
  private readonly script: URL;
  private readonly startAfter: number;
  /** Items done on the calling thread so far. */
  private done = 0;
  private readonly chunk: number;
  private pool: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(options: WorkerComputeOptions) {
    this.script = options.script;
    this.threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    this.startAfter = Math.max(0, options.startAfter ?? 2500);
    this.chunk = Math.max(1, options.chunk ?? 64);
  }

  async parse(site: SiteConfig, files: readonly ArticleFile[], options: ParseOptions = {}): Promise<ParseResult[]> {
    if (this.onCallingThread(files.length)) return inProcessCompute.parse(site, files, options);
    return this.spread(files, (id, chunk) => {
      const pack = packed(chunk);
      return { message: { id, op: 'parse', site, files: pack.files, options }, transfer: [pack.buffer] };
    }) as Promise<ParseResult[]>;
  }

  async prepare(site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]> {
    if (this.onCallingThread(requests.length)) return inProcessCompute.prepare(site, requests);
    return this.spread(requests, (id, chunk) => {
      const pack = packedSources(chunk);
      return { message: { id, op: 'prepare', site, requests: pack.requests }, transfer: [pack.buffer] };
    }) as Promise<PreparedItem[]>;
  }

  /** Starts the threads now when the work announced would take the run past `startAfter` (they boot while the files are read). */
  expect(items: number): void {
    if (this.pool.length === 0 && this.failure === undefined && this.done + items > this.startAfter) this.start();
  }

  /** Whether a call of `size` items runs on the calling thread: yes until the threads have started, while the run stays within `startAfter`. */
  private onCallingThread(size: number): boolean {
    if (this.pool.length > 0 || this.done + size > this.startAfter) return false;
    this.done += size;
    return true;
  }

  /** Threads running now (0 until the run has more work than `startAfter`). */
  get running(): number {
    return this.pool.length;
  }

  /** Stops the threads; later calls start them again. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = [];
    await Promise.all(pool.map((t) => t.worker.terminate()));
  }

  private async spread<T>(items: readonly T[], message: (id: number, chunk: readonly T[]) => Outgoing): Promise<unknown[]> {
    const chunks: Promise<readonly unknown[]>[] = [];
    for (let start = 0; start < items.length; start += this.chunk) {
      const chunk = items.slice(start, start + this.chunk);
      chunks.push(this.send(chunk.length, (id) => message(id, chunk)));
    }
    return (await Promise.all(chunks)).flat();
  }

  private send(size: number, message: (id: number) => Outgoing): Promise<readonly unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    this.start();
    const thread = this.pool.reduce((best, t) => (t.load < best.load ? t : best));
    const id = this.nextId++;
    thread.load += size;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { thread, size, resolve, reject });
      const { message: request, transfer } = message(id);
      thread.worker.postMessage(request, transfer);
    });
  }

  private start(): void {
    if (this.pool.length > 0) return;
    for (let i = 0; i < this.threads; i++) {
      const worker = new Worker(this.script);
      const thread: Thread = { worker, load: 0 };
      worker.unref(); // a forgotten close() never keeps the process alive
      worker.on('message', (response: WorkerResponse) => this.settle(response));
      worker.on('error', (error) => this.fail(thread, error));
      worker.on('exit', (code) => {
        if (this.pool.includes(thread)) this.fail(thread, new Error(`compute thread exited with code ${code}`));
      });
      this.pool.push(thread);
    }
  }

  private settle(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    pending.thread.load -= pending.size;
    if (response.error !== undefined) pending.reject(new Error(`compute thread: ${response.error}`));
    else pending.resolve(response.result);
  }

  /** A thread died: everything it held fails (an infrastructure error, so the run is retried whole). */
  private fail(thread: Thread, error: Error): void {
    this.failure ??= error;
    this.pool = this.pool.filter((t) => t !== thread);
    for (const [id, pending] of this.pending) {
      if (pending.thread !== thread) continue;
      this.pending.delete(id);
      pending.reject(error);
    }
    void thread.worker.terminate();
  }
}

/**
 * The bundled worker entry beside this module or its parent folder (`dist/compute-worker.mjs` next to
 * `dist/cli.mjs` and `dist/chunks/`), or undefined when running from sources.
 *
 * @example const script = findWorkerScript(import.meta.url);
 */
export function findWorkerScript(from: string): URL | undefined {
  for (const candidate of ['./compute-worker.mjs', '../compute-worker.mjs']) {
    const url = new URL(candidate, from);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/**
 * The compute a local command uses. `FEEDPUB_THREADS=N` asks for N threads in all: the main thread (reading,
 * assembling and writing feeds) and N − 1 worker threads (parsing and preparing items), when the bundled
 * worker is there; else everything runs on the calling thread. The default is two threads where there are
 * two cores or more (one worker: the machines measured have 2 cores), and one where there is one; the
 * worker starts only once a run has more than 2,500 items to parse or prepare (`startAfter`), so a small
 * site or a `build --state` after one edit runs on one thread as before.
 *
 * @example const compute = localCompute(process.env);
 */
export function localCompute(
  env: Readonly<Record<string, string | undefined>>,
  from: string = import.meta.url,
  cores: number = availableParallelism(),
): (Compute & { close(): Promise<void> }) | undefined {
  const requested = env.FEEDPUB_THREADS?.trim();
  const threads = requested ? Number(requested) : Math.min(2, cores);
  if (!Number.isInteger(threads) || threads < 1)
    throw new ConfigError('FEEDPUB_THREADS', `must be a whole number of threads, at least 1 (got ${JSON.stringify(requested)})`);
  if (threads < 2) return undefined;
  const script = findWorkerScript(from);
  return script ? new WorkerCompute({ script, threads: threads - 1 }) : undefined;
}

/** A message for a thread, with the buffers it hands over. */
interface Outgoing {
  readonly message: WorkerRequest;
  readonly transfer?: readonly ArrayBuffer[];
}

/**
 * The files with their bytes copied into one new buffer, to be handed over whole: cloning each file's
 * bytes cost the main thread a copy and the worker an allocation a file (and a file smaller than 4 KiB
 * sits in Node's shared 8 KiB pool, which was cloned whole). The caller's bytes stay as they were.
 */
function packed(files: readonly ArticleFile[]): { readonly files: ArticleFile[]; readonly buffer: ArrayBuffer } {
  const pack = packedBytes(
    files,
    (file) => file.bytes,
    (file, bytes) => ({ ...file, bytes }),
  );
  return { files: pack.items, buffer: pack.buffer };
}

/** The requests with their sources' bytes copied into one new buffer, to be handed over whole (as {@link packed}). */
function packedSources(requests: readonly PrepareRequest[]): { readonly requests: PrepareRequest[]; readonly buffer: ArrayBuffer } {
  const pack = packedBytes(
    requests,
    (request) => request.source?.bytes,
    (request, bytes) => (request.source ? { ...request, source: { ...request.source, bytes } } : request),
  );
  return { requests: pack.items, buffer: pack.buffer };
}

/** `items` with the bytes `bytesOf` finds (where it finds some) replaced by copies in one new buffer. */
function packedBytes<T>(
  items: readonly T[],
  bytesOf: (item: T) => Uint8Array | undefined,
  withBytes: (item: T, bytes: Uint8Array) => T,
): { readonly items: T[]; readonly buffer: ArrayBuffer } {
  let size = 0;
  for (const item of items) size += bytesOf(item)?.byteLength ?? 0;
  const all = new Uint8Array(size);
  let offset = 0;
  const copies = items.map((item) => {
    const original = bytesOf(item);
    if (original === undefined) return item;
    const bytes = all.subarray(offset, offset + original.byteLength);
    bytes.set(original);
    offset += bytes.byteLength;
    return withBytes(item, bytes);
  });
  return { items: copies, buffer: all.buffer };
}
