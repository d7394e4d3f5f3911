import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildToMemory, type MemoryBuild } from './build.js';

/** The folders {@link smallSite} made, until {@link removeSmallSites}. */
const made: string[] = [];

/**
 * A new site folder in the system's temporary folder, with `config` as its hugo.toml and `files` (paths
 * relative to the site folder). A test file that makes some calls {@link removeSmallSites} in its `afterAll`.
 *
 * @example smallSite('baseURL = "https://pages.example/"\ntitle = "Pages"\n', { 'content/posts/a.md': '---\ntitle: A\n---\n' })
 */
export function smallSite(config: string, files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-hugo-site-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'hugo.toml'), config);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Removes every folder {@link smallSite} made. */
export function removeSmallSites(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Hugo 0.111's output folder (`public/` in the site folder) and feedpub's build of the site in `dir` into
 * memory, feedpub at the clock `now` (Hugo's is the real one: give the real time when the site's dates are
 * all in the past).
 */
export async function buildWithHugo(dir: string, now: number): Promise<{ hugoOut: string; build: MemoryBuild }> {
  const hugoOut = path.join(dir, 'public');
  execFileSync('hugo', ['--quiet', '--source', dir, '--destination', hugoOut, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
  return { hugoOut, build: await buildToMemory(dir, now) };
}
