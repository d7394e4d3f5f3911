import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settleAll } from '../support/settle-all.js';
import { type BuiltCli, buildCli, type CliProcess, isListening, scratch, spawnCli } from './cli-harness.js';

/**
 * `feedpub dev` stopped while it starts and by the other ways a process is stopped, and a save made
 * while it starts: on a site large enough that its first upload and build take a few seconds.
 */
let cli: BuiltCli;
let site: string;
/** The temporary folder of the dev process under test (its TMPDIR), where the local S3 server keeps its folder. */
let tmp: string;
let dev: CliProcess | undefined;

/** Articles in the site: the first upload and build of 600 take some 4 s on two cores. */
const ARTICLES = 600;

beforeAll(async () => {
  await settleAll([
    buildCli().then((built) => {
      cli = built;
    }),
    scratch('feedpub-dev-stop-site-').then(async (dir) => {
      site = dir;
      await mkdir(path.join(dir, 'content', 'posts'), { recursive: true });
      await writeFile(path.join(dir, 'hugo.toml'), 'baseURL = "https://example.org/"\ntitle = "Many"\n');
      const newest = Date.UTC(2024, 11, 31);
      for (let i = 0; i < ARTICLES; i++) {
        const date = new Date(newest - i * 3_600_000).toISOString();
        const text = `---\ntitle: "Post ${i}"\ndate: ${date}\ntags: [t${i % 20}]\n---\n${'Some text. '.repeat(100)}\n`;
        await writeFile(path.join(dir, 'content', 'posts', `p${String(i).padStart(4, '0')}.md`), text);
      }
    }),
  ]);
}, 60_000);

afterEach(async () => {
  if (dev) {
    dev.kill('SIGKILL');
    await dev.exited;
    dev = undefined;
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all([cli?.remove(), site ? rm(site, { recursive: true, force: true }) : undefined]);
});

/** Starts `feedpub dev SITE --port 0` with a temporary folder of its own. */
async function startDev(): Promise<CliProcess> {
  tmp = await scratch('feedpub-dev-stop-tmp-');
  dev = spawnCli(cli.bin, ['dev', site, '--port', '0'], { HOME: tmp, TMPDIR: tmp });
  return dev;
}

/** Polls until `check` holds or `timeoutMs` passes; returns its last result. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('feedpub dev, stopped', () => {
  it('stops at once on Ctrl-C during its first upload and build, serving nothing, and leaves no folder behind', async () => {
    const running = await startDev();
    await running.waitFor(/^uploaded content\//m);
    running.kill('SIGINT');
    const { code } = await running.exited;
    expect(code, running.stderr()).toBe(0);
    // At once: the upload and build under way were cut short, not finished first (a finished build prints
    // `rebuilt:`, after `stopping` when it ends after it). A process that never stops fails by the timeout.
    expect(running.stdout()).not.toContain('serving feeds');
    expect(running.stdout()).not.toContain('rebuilt:');
    expect(running.stdout()).toMatch(/\nstopping\n$/);
    expect(running.stderr()).toBe('');
    expect(await readdir(tmp)).toEqual([]);
  }, 60_000);

  it('still removes its folder on a second Ctrl-C, instead of dying at once', async () => {
    const running = await startDev();
    await running.waitFor(/^uploaded content\//m);
    running.kill('SIGINT');
    // Apart, or the two are delivered as one; it may have stopped already.
    await new Promise((resolve) => setTimeout(resolve, 100));
    running.kill('SIGINT');
    await running.exited;
    // Stopped as by one (the second may land in the moment between the handlers' removal, last, and the exit).
    expect(running.stdout(), running.stderr()).toMatch(/\nstopping\n$/);
    expect(await readdir(tmp)).toEqual([]);
  }, 60_000);

  it('stops on SIGHUP (its terminal closed) as on Ctrl-C', async () => {
    const running = await startDev();
    await running.waitFor(/watching .* for changes/, 60_000);
    running.kill('SIGHUP');
    const { code, signal } = await running.exited;
    expect([code, signal], running.stderr()).toEqual([0, null]);
    expect(running.stdout()).toMatch(/\nstopping\n$/);
    expect(await readdir(tmp)).toEqual([]);
  }, 90_000);

  it('leaves no folder behind when killed: its S3 server removes it and exits', async () => {
    const running = await startDev();
    const s3Port = Number((await running.waitFor(/local S3 at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    await running.waitFor(/^uploaded content\//m);
    expect(await readdir(tmp)).toEqual([expect.stringMatching(new RegExp(`^feedpub-dev-s3-${running.pid}-`))]);
    running.kill('SIGKILL');
    await running.exited;
    expect(
      await eventually(
        () => readdir(tmp),
        (names) => names.length === 0,
      ),
    ).toEqual([]);
    expect(
      await eventually(
        () => isListening(s3Port),
        (listening) => !listening,
      ),
    ).toBe(false);
  }, 60_000);

  it('removes the folders earlier runs left whose process is gone, and only those', async () => {
    tmp = await scratch('feedpub-dev-stop-tmp-');
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.once('exit', () => resolve(child.pid ?? 0));
    });
    const left = [`feedpub-dev-s3-${gone}-a1B2c3`, `feedpub-dev-s3-${process.pid}-d4E5f6`, 'feedpub-dev-s3-g7H8i9', 'other-folder'];
    for (const name of left) await mkdir(path.join(tmp, name, 'content'), { recursive: true });
    dev = spawnCli(cli.bin, ['dev', site, '--port', '0'], { HOME: tmp, TMPDIR: tmp });
    await dev.waitFor(/^uploaded content\//m);
    const names = await readdir(tmp);
    expect(names).not.toContain(left[0]);
    expect(names).toEqual(expect.arrayContaining(left.slice(1)));
  }, 60_000);
});

describe('feedpub dev, edited while it starts', () => {
  it('picks up a save made during its first upload and build, without another', async () => {
    const file = path.join(site, 'content', 'posts', 'p0000.md');
    const source = await readFile(file, 'utf8');
    try {
      const running = await startDev();
      // Act: the newest article is edited once it is uploaded.
      await running.waitFor(/^uploaded content\/posts\/p0000\.md /m);
      await writeFile(file, source.replace('title: "Post 0"', 'title: "Saved while starting"'));
      const base = (await running.waitFor(/serving feeds at (http:\/\/127\.0\.0\.1:\d+\/)/, 60_000))[1] ?? '';
      // Assess: the served feed has it, the first cycle having been followed by one more.
      const feed = await eventually(
        async () => (await fetch(`${base}index.xml`)).text(),
        (body) => body.includes('Saved while starting'),
        30_000,
      );
      expect(feed).toContain('<title>Saved while starting</title>');
    } finally {
      await writeFile(file, source);
    }
  }, 90_000);
});
