/**
 * Runs Debian's headless Chromium (`apt-get install chromium`) for one job and makes sure every
 * process it started has ended before returning: each run gets a fresh temporary folder for its
 * profile (--user-data-dir) and for HOME/XDG dirs (so the crash handler writes there too); after
 * the run, any process whose command line still names that folder is killed by pid, and the
 * folder is removed.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The flags every run uses (headless, no network chatter, no sandbox: CI runs as root in a container). */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Pids of live processes whose command line contains `marker`. */
function processesNaming(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/**
 * Runs `chromium <flags> --user-data-dir=<fresh dir> ...args` with a timeout (SIGKILL when it
 * expires), then kills whatever it left behind and removes its folder.
 *
 * @example await runChromium(['--dump-dom', 'file:///tmp/x/index.html'], { timeoutMs: 60_000 });
 */
export async function runChromium(args: readonly string[], options: { timeoutMs: number }): Promise<ChromiumResult> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'feedpub-chromium-'));
  chromiumRuns.push(root);
  const home = path.join(root, 'home');
  mkdirSync(home);
  try {
    return await new Promise<ChromiumResult>((resolve, reject) => {
      execFile(
        'chromium',
        [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(root, 'profile')}`, ...args],
        {
          timeout: options.timeoutMs,
          killSignal: 'SIGKILL',
          maxBuffer: 64 * 1024 * 1024,
          encoding: 'utf8',
          env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
        },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`chromium ${args.join(' ')} failed: ${error.message}\n${stderr.slice(-2000)}`, { cause: error }));
          else resolve({ stdout, stderr });
        },
      );
    });
  } finally {
    for (const pid of processesNaming(root)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
}

/** The temporary folder of every run so far (removed, but still the marker of its processes). */
export const chromiumRuns: string[] = [];

/** Pids of processes still alive from any run of this module (should always be empty). */
export function leftoverChromiumProcesses(): number[] {
  return chromiumRuns.flatMap(processesNaming);
}
