import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/repo.js';

/**
 * bin/feedpub.js, copied as it ships (bin/ beside dist/) into a temporary package whose dist/ is
 * missing, broken or a stub: a checkout or a git install that skipped the build gets one line, not a
 * stack trace; every other fault still surfaces.
 */
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'feedpub-bin-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A package folder with the real bin and these files under dist/. */
async function packageWith(name: string, dist: Record<string, string>): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(path.join(dir, 'bin'), { recursive: true });
  await cp(path.join(REPO_ROOT, 'bin/feedpub.js'), path.join(dir, 'bin/feedpub.js'));
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const [file, text] of Object.entries(dist)) {
    await mkdir(path.dirname(path.join(dir, 'dist', file)), { recursive: true });
    await writeFile(path.join(dir, 'dist', file), text);
  }
  return dir;
}

async function runBin(dir: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(dir, 'bin/feedpub.js'), ...args], {
      env: { PATH: process.env.PATH ?? '' },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('bin/feedpub.js', () => {
  it('exits 2 with one line when dist/ was never built', async () => {
    const run = await runBin(await packageWith('unbuilt', {}), ['build', '.']);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'feedpub: dist/ is missing; run npm run build (or install a packed release)\n' });
  });

  it('still throws when dist/cli.mjs is there but something it imports is missing', async () => {
    const run = await runBin(await packageWith('broken', { 'cli.mjs': "import './chunks/gone.mjs';\nexport const run = async () => 0;\n" }), ['--version']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ERR_MODULE_NOT_FOUND');
    expect(run.stderr).toContain('chunks/gone.mjs');
    expect(run.stderr).not.toContain('dist/ is missing');
  });

  it("runs dist/cli.mjs with the arguments and exits with run's code", async () => {
    const stub = 'export async function run(argv) { console.log(JSON.stringify(argv)); return 7; }\n';
    const run = await runBin(await packageWith('stub', { 'cli.mjs': stub }), ['check', 'site dir', '--json']);
    expect(run).toEqual({ code: 7, stdout: '["check","site dir","--json"]\n', stderr: '' });
  });
});
