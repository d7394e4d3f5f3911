import { spawn } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliContext } from '../../src/cli/cli-context.js';
import { main } from '../../src/cli/main.js';
import { bundleForTest } from '../support/bundle.js';
import { REPO_ROOT } from '../support/repo.js';

/** Output of one CLI run. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `main` in this process with captured output (`tty` given → a fake terminal on stderr).
 * `env` is what the CLI reads for region and endpoint; the SDK's credentials still come from process.env.
 */
export async function runMain(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; now?: number; tty?: string[] } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const context: Partial<CliContext> = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: options.env ?? {},
    ...(options.now !== undefined ? { now: () => options.now as number } : {}),
    ...(options.tty ? { tty: { write: (text: string) => void options.tty?.push(text), columns: 80 } } : {}),
  };
  const code = await main(argv, context);
  return { code, stdout: out.map((l) => `${l}\n`).join(''), stderr: err.map((l) => `${l}\n`).join('') };
}

/** The CLI as shipped: src/cli/run.ts bundled by esbuild with the options of scripts/build.mjs, and a bin beside it. */
export interface BuiltCli {
  /** The bin script (`node BIN args`). */
  readonly bin: string;
  remove(): Promise<void>;
}

/**
 * Bundles the CLI into a fresh temporary folder (see {@link bundleForTest}: external packages resolve
 * as they do from dist/), with a bin like bin/feedpub.js.
 */
export async function buildCli(): Promise<BuiltCli> {
  const { dir, remove } = await bundleForTest('cli', [{ entryPoints: [path.join(REPO_ROOT, 'src/cli/run.ts')], outfile: 'cli.mjs' }]);
  const bin = path.join(dir, 'feedpub.mjs');
  await writeFile(bin, "import { run } from './cli.mjs';\nprocess.exitCode = await run(process.argv.slice(2));\n");
  return { bin, remove };
}

/** A spawned CLI process. */
export interface CliProcess {
  readonly pid: number;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match of `pattern` (rejects after `timeoutMs` or on exit). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `node BIN args` with exactly `env` (plus PATH). */
export function spawnCli(bin: string, args: readonly string[], env: Record<string, string>, cwd = REPO_ROOT): CliProcess {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid ?? -1,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        const onExit = () => {
          done();
          reject(new Error(`exited before ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
  };
}

/** Runs the built CLI to completion; killed (SIGKILL, code -1) if it runs longer than `timeoutMs`. */
export async function runCli(bin: string, args: readonly string[], env: Record<string, string>, timeoutMs = 30_000): Promise<CliRun> {
  const child = spawnCli(bin, args, env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const { code } = await child.exited;
  clearTimeout(timer);
  return { code: code ?? -1, stdout: child.stdout(), stderr: child.stderr() };
}

/** A copy of the sample site (hugo.toml + content/) in a fresh temporary folder. */
export async function copySampleSite(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedpub-cli-site-'));
  await cp(path.join(REPO_ROOT, 'hugo.toml'), path.join(dir, 'hugo.toml'));
  await cp(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  return dir;
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export async function isListening(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A scratch folder for one test file. */
export function scratch(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}
