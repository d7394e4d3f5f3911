/**
 * `Compute` on worker threads: parsing and item preparation spread over the machine's cores while the
 * main thread reads, plans and writes. Work is sent in chunks to the least loaded thread; results
 * come back in input order. Small calls (and any call before the threads are needed) run on the
 * calling thread, so a small site never pays for starting threads.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inProcessCompute } from '../compute.js';
import { ConfigError } from '../errors.js';
import type { SiteConfig } from '../model.js';
import type { ParseResult } from '../parse/parse-article.js';
import type { ArticleFile, Compute } from '../ports.js';
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
  /** Calls with fewer items run on the calling thread until the threads have started (default 64). */
  readonly minItems?: number;
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
  private readonly minItems: number;
  private readonly chunk: number;
  private pool: Thread[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(options: WorkerComputeOptions) {
    this.script = options.script;
    this.threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
    this.minItems = options.minItems ?? 64;
    this.chunk = Math.max(1, options.chunk ?? 64);
  }

  async parse(site: SiteConfig, files: readonly ArticleFile[]): Promise<ParseResult[]> {
    if (files.length < this.minItems && this.pool.length === 0) return inProcessCompute.parse(site, files);
    return this.spread(files, (id, chunk) => ({ id, op: 'parse', site, files: chunk })) as Promise<ParseResult[]>;
  }

  async prepare(site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]> {
    if (requests.length < this.minItems && this.pool.length === 0) return inProcessCompute.prepare(site, requests);
    return this.spread(requests, (id, chunk) => ({ id, op: 'prepare', site, requests: chunk })) as Promise<PreparedItem[]>;
  }

  /** Threads running now (0 until a call big enough starts them). */
  get running(): number {
    return this.pool.length;
  }

  /** Stops the threads; later calls start them again. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = [];
    await Promise.all(pool.map((t) => t.worker.terminate()));
  }

  private async spread<T>(items: readonly T[], message: (id: number, chunk: readonly T[]) => WorkerRequest): Promise<unknown[]> {
    const chunks: Promise<readonly unknown[]>[] = [];
    for (let start = 0; start < items.length; start += this.chunk) {
      const chunk = items.slice(start, start + this.chunk);
      chunks.push(this.send(chunk.length, (id) => message(id, chunk)));
    }
    return (await Promise.all(chunks)).flat();
  }

  private send(size: number, message: (id: number) => WorkerRequest): Promise<readonly unknown[]> {
    if (this.failure) return Promise.reject(this.failure);
    this.start();
    const thread = this.pool.reduce((best, t) => (t.load < best.load ? t : best));
    const id = this.nextId++;
    thread.load += size;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { thread, size, resolve, reject });
      thread.worker.postMessage(message(id));
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
 * worker is there; else everything runs on the calling thread. One thread is the default: on the 2-core
 * machines the benchmark runs on, two threads were not reliably faster at 10,000 articles (7.6–8.6 s
 * against 8.6–9.1 s in alternating runs, but 9.8 s against 9.5 s in one benchmark run, with 3 s more CPU),
 * and slower for small work (1,000 articles 2.8 s against 2.6 s; `build --state` after one edit 1.8 s
 * against 1.3 s: the worker starts and warms up for a few items).
 *
 * @example const compute = localCompute(process.env);
 */
export function localCompute(
  env: Readonly<Record<string, string | undefined>>,
  from: string = import.meta.url,
): (Compute & { close(): Promise<void> }) | undefined {
  const requested = env.FEEDPUB_THREADS?.trim();
  const threads = requested ? Number(requested) : 1;
  if (!Number.isInteger(threads) || threads < 1)
    throw new ConfigError('FEEDPUB_THREADS', `must be a whole number of threads, at least 1 (got ${JSON.stringify(requested)})`);
  if (threads < 2) return undefined;
  const script = findWorkerScript(from);
  return script ? new WorkerCompute({ script, threads: threads - 1 }) : undefined;
}
