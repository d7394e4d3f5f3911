import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * How CPU time and peak RSS of a child are obtained:
 * - `time`: GNU time (`/usr/bin/time -f … -o <file>`), for any command;
 * - `preload`: `node --import child-stats.mjs` (process.resourceUsage() at exit), for node commands only;
 * - `none`: wall time only.
 *
 * @typedef {'time' | 'preload' | 'none'} StatsMethod
 */

/**
 * @typedef {object} Command
 * @property {string} file executable; `node` means the running Node (process.execPath)
 * @property {readonly string[]} args
 */

/**
 * @typedef {object} Sample
 * @property {number} wallMs
 * @property {number | undefined} cpuMs user + system CPU time of the child
 * @property {number | undefined} maxRssKiB peak resident set size of the child
 * @property {number | null} exitCode
 * @property {string | null} signal
 * @property {string} stdout the last 64 KiB
 * @property {string} stderr the last 64 KiB
 */

export const GNU_TIME = '/usr/bin/time';
const CHILD_STATS = fileURLToPath(new URL('./child-stats.mjs', import.meta.url));
const TIME_FORMAT = 'BENCH-STATS %U %S %M';
const KEEP_OUTPUT = 64 * 1024;

/**
 * Whether GNU time is installed and understands `-f`/`-o` (BusyBox `time` does not).
 *
 * @returns {boolean}
 */
export function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  const scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-probe-'));
  try {
    const file = join(scratch, 'stats');
    const probe = spawnSync(GNU_TIME, ['-f', TIME_FORMAT, '-o', file, process.execPath, '-e', ''], { stdio: 'ignore' });
    return probe.status === 0 && parseTimeOutput(readFileSync(file, 'utf8')) !== undefined;
  } catch {
    return false;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The method `auto` resolves to: GNU time when it works, else the node preload.
 *
 * @returns {Exclude<StatsMethod, 'none'>}
 */
export function defaultStatsMethod() {
  return hasGnuTime() ? 'time' : 'preload';
}

/**
 * Where the measured commands write their output folders: `/dev/shm` (tmpfs) when this is Linux and it is a
 * writable folder, else `os.tmpdir()`. On these VMs' disk, writeback adds up to half to any build (Hugo's
 * too), and ext4 creates files several times slower for ~30 s after thousands were deleted nearby, so
 * each scenario after one whose folders were just deleted (the one-thread row after the two-thread one,
 * a 1,000-article row after another job's cleanup) took up to twice as long (session 35: 1,000 articles
 * 1.4 s on tmpfs and right after a build, 2.6–3.3 s right after a deletion).
 *
 * @param {string} [platform]
 * @param {string} [shm]
 * @returns {string}
 */
export function defaultScratchRoot(platform = process.platform, shm = '/dev/shm') {
  if (platform !== 'linux') return tmpdir();
  try {
    if (!statSync(shm).isDirectory()) return tmpdir();
    accessSync(shm, constants.W_OK);
    return shm;
  } catch {
    return tmpdir();
  }
}

/** @returns {{ cpuMs: number, maxRssKiB: number } | undefined} */
function parseTimeOutput(/** @type {string} */ text) {
  // GNU time may write "Command exited with non-zero status N" before the formatted line.
  const line = text.split('\n').find((candidate) => candidate.startsWith('BENCH-STATS '));
  if (line === undefined) return undefined;
  const [, user, system, rss] = line.split(' ');
  const cpuMs = (Number(user) + Number(system)) * 1000;
  const maxRssKiB = Number(rss);
  return Number.isFinite(cpuMs) && Number.isFinite(maxRssKiB) ? { cpuMs, maxRssKiB } : undefined;
}

/** @returns {{ cpuMs: number, maxRssKiB: number } | undefined} */
function parsePreloadOutput(/** @type {string} */ text) {
  const { maxRSS, userCPUTime, systemCPUTime } = JSON.parse(text);
  return { cpuMs: (userCPUTime + systemCPUTime) / 1000, maxRssKiB: maxRSS };
}

/** Keeps the tail of a stream's output. */
function collect(/** @type {import('node:stream').Readable | null} */ stream) {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (/** @type {string} */ chunk) => {
    text = (text + chunk).slice(-KEEP_OUTPUT);
  });
  return () => text;
}

/**
 * Runs a command once as a child process and measures it: wall time (spawn to exit, measured here),
 * and user+system CPU time and peak RSS of the child (by `method`).
 *
 * @param {Command} command
 * @param {{ cwd: string, method: StatsMethod, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<Sample>}
 * @example
 * const sample = await measureCommand({ file: 'node', args: ['-e', ''] }, { cwd: process.cwd(), method: 'time' });
 */
export async function measureCommand(command, { cwd, method, env = process.env }) {
  const isNode = command.file === 'node' || command.file === process.execPath;
  const file = isNode ? process.execPath : command.file;
  const scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-stats-'));
  const statsFile = join(scratch, 'stats');
  let spawnFile = file;
  let spawnArgs = [...command.args];
  let childEnv = env;
  let parse;
  if (method === 'time') {
    spawnFile = GNU_TIME;
    spawnArgs = ['-f', TIME_FORMAT, '-o', statsFile, file, ...command.args];
    parse = parseTimeOutput;
  } else if (method === 'preload' && isNode) {
    spawnArgs = ['--import', pathToFileURL(CHILD_STATS).href, ...command.args];
    childEnv = { ...env, BENCH_CHILD_STATS_FILE: statsFile };
    parse = parsePreloadOutput;
  }

  try {
    const started = process.hrtime.bigint();
    const child = spawn(spawnFile, spawnArgs, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    /** @type {{ code: number | null, signal: string | null }} */
    const exit = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal }));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

    let stats;
    if (parse !== undefined && existsSync(statsFile)) {
      try {
        stats = parse(readFileSync(statsFile, 'utf8'));
      } catch {
        stats = undefined;
      }
    }
    return {
      wallMs,
      cpuMs: stats?.cpuMs,
      maxRssKiB: stats?.maxRssKiB,
      exitCode: exit.code,
      signal: exit.signal,
      stdout: stdout(),
      stderr: stderr(),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A command as a shell line for the report; `node` stands for the running Node, and `<name>` words are
 * placeholders (such as `<tmp>`, a fresh temporary folder per run) left unquoted.
 *
 * @param {Command} command
 * @returns {string}
 * @example
 * formatCommand({ file: 'hugo', args: ['--quiet', '-d', '<tmp>'] }); // → 'hugo --quiet -d <tmp>'
 */
export function formatCommand(command) {
  const file = command.file === process.execPath ? 'node' : command.file;
  const quote = (/** @type {string} */ word) => (/^[\w@%+=:,./-]+$/.test(word) || /^<\w+>$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
  return [file, ...command.args].map(quote).join(' ');
}
