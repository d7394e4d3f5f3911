import { spawn } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { settleAll } from '../support/settle-all.js';
import { type BuiltCli, buildCli, closedPort, copySampleSite, runCli, scratch } from './cli-harness.js';
import { REPO_ROOT } from '../support/repo.js';

/**
 * The shipped CLI (the esbuild bundle, run as its own process): exit codes and one-line errors for
 * a user's mistakes and for infrastructure that fails, never a stack trace.
 */
let cli: BuiltCli;
let s3: S3Server;
let site: string;
let home: string;

beforeAll(async () => {
  await settleAll([
    buildCli().then((built) => {
      cli = built;
    }),
    startS3Server({ buckets: ['proc-content'] }).then((server) => {
      s3 = server;
    }),
    copySampleSite().then((dir) => {
      site = dir;
    }),
    scratch('feedpub-cli-home-').then((dir) => {
      home = dir;
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([cli?.remove(), s3?.stop(), ...[site, home].map((dir) => (dir ? rm(dir, { recursive: true, force: true }) : undefined))]);
});

/** A clean environment: no credentials or config from this machine. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

describe('feedpub as a process', () => {
  it('prints help with exit 0, and usage with exit 2 when no command is given', async () => {
    const [help, commandHelp, none] = await Promise.all([
      runCli(cli.bin, ['--help'], env()),
      runCli(cli.bin, ['upload', '--help'], env()),
      runCli(cli.bin, [], env()),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^feedpub: RSS 2\.0, Atom 1\.0 and JSON Feed 1\.1/);
    for (const command of ['build', 'check', 'upload', 'rebuild', 'dev']) expect(help.stdout).toContain(`feedpub ${command}`);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toMatch(/^Usage: feedpub upload \[SITE_DIR\] --bucket NAME/);
    expect(none.code).toBe(2);
  });

  it('finishes the build when whoever reads its output goes away (`feedpub build | head -1`)', async () => {
    const out = await scratch('feedpub-cli-epipe-');
    try {
      const child = spawn(process.execPath, [cli.bin, 'build', site, '--out', out], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', ...env() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.destroy(); // the reader is gone before the first line: every write gets EPIPE
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(stderr).not.toMatch(/EPIPE|Unhandled/);
      expect(code).toBe(0);
      expect(await readdir(out)).toContain('index.xml');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('exits 2 with one line for a bad flag or command', async () => {
    const [flag, command, value] = await Promise.all([
      runCli(cli.bin, ['upload', site, '--bukcet', 'x'], env()),
      runCli(cli.bin, ['publish'], env()),
      runCli(cli.bin, ['dev', site, '--port', 'eighty'], env()),
    ]);
    expect([flag.code, command.code, value.code]).toEqual([2, 2, 2]);
    expect(flag.stderr).toBe('feedpub upload: unknown option --bukcet (see feedpub upload --help)\n');
    expect(command.stderr).toBe('feedpub: unknown command "publish" (commands: build, check, upload, rebuild, dev; see feedpub --help)\n');
    expect(value.stderr).toBe('feedpub dev: --port must be a whole number from 0 to 65535, not "eighty" (see feedpub dev --help)\n');
  });

  it('exits 1 from check when an article is rejected', async () => {
    const bad = await copySampleSite();
    try {
      await writeFile(path.join(bad, 'content/en/news/world/bad.en.md'), '---\ntitle: Bad\ndate: 2025-02-30\n---\nx\n');
      const run = await runCli(cli.bin, ['check', bad], env());
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: date: .* \[date-invalid\]$/m);
      expect(run.stderr).toBe('');
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it('exits 3 with one line when the bucket does not exist', async () => {
    const run = await runCli(cli.bin, ['upload', site, '--bucket', 'missing-bucket'], env(s3.env));
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('feedpub upload: bucket "missing-bucket" does not exist (check the bucket name and AWS_REGION)\n');
  });

  it('exits 3 quickly with one line when the endpoint cannot be reached', async () => {
    const port = await closedPort();
    // Killed (exit -1) if still running after 10 s: a guard against retrying a closed port for long, not a speed test.
    const run = await runCli(
      cli.bin,
      ['upload', site, '--bucket', 'proc-content'],
      env({ ...s3.env, AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}` }),
      10_000,
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(`feedpub upload: cannot reach http://127.0.0.1:${port} (ECONNREFUSED)\n`);
  });

  it('exits 3 with one line when there are no credentials', async () => {
    const run = await runCli(
      cli.bin,
      ['rebuild', '--content-bucket', 'proc-content', '--feeds-bucket', 'proc-feeds'],
      env({ AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: 'us-east-1' }),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^feedpub rebuild: no AWS credentials found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY .*\n$/);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });
});
