import { request } from 'node:http';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAll } from '../support/settle-all.js';
import { mkdir } from 'node:fs/promises';
import { type BuiltCli, buildCli, type CliProcess, copySampleSite, isListening, runCli, scratch, spawnCli } from './cli-harness.js';

/**
 * `feedpub dev` as its own process (the shipped bundle): starts s3rver, uploads and rebuilds the
 * site, serves the feeds over HTTP, picks up an edit, and stops everything on SIGINT.
 */
let cli: BuiltCli;
let site: string;
let dev: CliProcess | undefined;

beforeAll(async () => {
  await settleAll([
    buildCli().then((built) => {
      cli = built;
    }),
    copySampleSite().then((dir) => {
      site = dir;
    }),
  ]);
}, 60_000);

afterAll(async () => {
  if (dev) {
    dev.kill('SIGKILL');
    await dev.exited;
  }
  await Promise.all([cli?.remove(), site ? rm(site, { recursive: true, force: true }) : undefined]);
});

/** Polls `url` until `accept` holds for its body (or `timeoutMs` passes); returns the last response. */
async function poll(url: string, accept: (body: string) => boolean, timeoutMs = 15_000): Promise<{ status: number; type: string | null; body: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url);
    const result = { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    if (accept(result.body) || Date.now() > deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('feedpub dev', () => {
  it('exits 2 on a usage or config error of its first upload and build, instead of serving nothing', async () => {
    // Prepare: an empty folder, and a site without baseURL.
    const [empty, noBase] = await Promise.all([scratch('feedpub-dev-empty-'), scratch('feedpub-dev-nobase-')]);
    await mkdir(path.join(noBase, 'content'));
    await writeFile(path.join(noBase, 'hugo.toml'), 'title = "No base"\n');
    try {
      const cases: [string[], RegExp][] = [
        [[empty], new RegExp(`^feedpub dev: config error: no site config found in the folder ${empty}: .*, or run with --base-url URL$`, 'm')],
        [[noBase], /^feedpub dev: config error: hugo\.toml: baseURL: is missing/m],
        [
          [site, '--prefix', 'nope/'],
          /^feedpub dev: the content folder of language "en" \(content\/en\) is outside --prefix nope\/: .* \(see feedpub dev --help\)$/m,
        ],
      ];
      for (const [args, message] of cases) {
        // Act
        const run = await runCli(cli.bin, ['dev', ...args, '--port', '0'], { HOME: empty }, 20_000);
        // Assess: exit 2 at once, pointing at dev's help, not upload's.
        expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toContain('feedpub upload --help');
        // Watched from the start, but a folder with no content folder is this error only.
        expect(run.stderr).not.toContain('warning');
        expect(run.stdout).not.toContain('serving feeds');
      }
      // --base-url stands in for the config's baseURL, as the help says.
      const based = spawnCli(cli.bin, ['dev', noBase, '--port', '0', '--base-url', 'https://dev.example/'], { HOME: empty });
      try {
        await based.waitFor(/watching .* for changes/);
        expect(based.stderr()).not.toContain('error');
      } finally {
        based.kill('SIGINT');
        await based.exited;
      }
    } finally {
      await Promise.all([empty, noBase].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  }, 90_000);

  it('serves the feeds, republishes an edited article, and stops everything on SIGINT', async () => {
    // Prepare
    dev = spawnCli(cli.bin, ['dev', site, '--port', '0'], { HOME: site });
    const s3Port = Number((await dev.waitFor(/local S3 at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    const base = (await dev.waitFor(/serving feeds at (http:\/\/127\.0\.0\.1:\d+\/)/))[1] ?? '';
    await dev.waitFor(/watching .* for changes/);
    expect(dev.stdout()).toMatch(
      /^rebuilt: \d+ files written, 0 deleted, 0 unchanged \(\d+ published, \d+ held back, \d+ skipped, 0 rejected; \d+ source changes\)$/m,
    );

    // The feeds, with their content types; feedpub's state is not served.
    const rss = await poll(`${base}index.xml`, () => true);
    expect(rss.status).toBe(200);
    expect(rss.type).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body).toContain('<rss');
    const json = await fetch(`${base}feed.json`);
    expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect((await fetch(`${base}_feedpub/manifest.json.gz`)).status).toBe(404);
    // Folder URLs as the deployed CloudFront serves them: the feed directory at /feeds/, /feeds redirected
    // there, and a term folder without an index.html a 404 (as deployed), not its RSS.
    const directory = await fetch(`${base}feeds/`);
    expect([directory.status, directory.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const bare = await fetch(`${base}feeds`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/feeds/']);
    // Never to another host: a path that starts with // stays on this one.
    const sneaky = await new Promise<string | undefined>((resolve, reject) => {
      const url = new URL(base);
      const req = request({ host: url.hostname, port: url.port, path: '/a/..//evil.example/x', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.headers.location);
      });
      req.on('error', reject);
      req.end();
    });
    expect(sneaky).toBe('/evil.example/x/');
    expect((await fetch(`${base}tags/c%23/`)).status).toBe(404);
    const etag = json.headers.get('etag') ?? '';
    expect((await fetch(`${base}feed.json`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect(await (await fetch(base)).text()).toContain('href="/atom.xml"');
    expect((await fetch(`${base}atom.xml`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${base}atom.xml`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-type')]).toEqual([200, 'application/atom+xml; charset=utf-8']);

    // Act: edit a published article's title.
    const file = path.join(site, 'content/en/news/world/openai-funding.en.md');
    const source = await readFile(file, 'utf8');
    const edited = source.replace(/^title: .*$/m, 'title: "Edited while dev runs"');
    expect(edited).not.toBe(source);
    await writeFile(file, edited);

    // Assess: the served feed picks it up.
    const updated = await poll(`${base}index.xml`, (body) => body.includes('Edited while dev runs'));
    expect(updated.body).toContain('<title>Edited while dev runs</title>');
    await dev.waitFor(/uploaded content\/en\/news\/world\/openai-funding\.en\.md \([^)]*, changed\)\nrebuilt: \d+ files written/);

    // Act: the site renames Hugo's RSS: its feeds are then feed.xml.
    const config = path.join(site, 'hugo.toml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('\n[feedpub]\n', '\n[outputFormats.RSS]\nbaseName = "feed"\n\n[feedpub]\n'));
    const renamed = await poll(`${base}tags/c%23/feed.xml`, (body) => body.includes('<rss'));
    expect([renamed.status, renamed.type]).toEqual([200, 'application/rss+xml; charset=utf-8']);
    await dev.waitFor(/uploaded hugo\.toml \([^)]*, changed\)\nrebuilt: \d+ files written/);

    // Stop: exit 0, and nothing is left listening.
    const port = Number(new URL(base).port);
    dev.kill('SIGINT');
    const { code } = await dev.exited;
    expect(code, dev.stderr()).toBe(0);
    expect(dev.stdout()).toMatch(/stopping\n$/);
    expect(await isListening(port)).toBe(false);
    expect(await isListening(s3Port)).toBe(false);
    dev = undefined;
  });
});
