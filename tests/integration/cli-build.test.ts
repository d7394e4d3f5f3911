import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_NOW } from '../support/repo.js';
import { copySampleSite, runMain, scratch } from './cli-harness.js';

/** `feedpub build` keeps its flags, output and exit codes. */
let site: string;
let out: string;

beforeAll(async () => {
  [site, out] = await Promise.all([copySampleSite(), scratch('feedpub-cli-out-')]);
});

afterAll(async () => {
  await Promise.all([site, out].map((dir) => (dir ? rm(dir, { recursive: true, force: true }) : undefined)));
});

describe('feedpub build', () => {
  it('builds every feed into --out and prints the summary; a second run writes nothing', async () => {
    const first = await runMain(['build', site, '--out', out], { now: SAMPLE_NOW });
    expect(first.code, first.stderr).toBe(0);
    const files = (await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(30);
    const [articles, feeds] = first.stdout.split('\n');
    expect(articles).toBe('articles: 13 found, 13 parsed, 9 published, 3 held back, 1 skipped, 0 rejected');
    expect(feeds).toBe(`feeds: 28 feeds, ${files.length} files written, 0 unchanged, 0 deleted → ${out}/`);
    const second = await runMain(['build', site, '--out', out], { now: SAMPLE_NOW });
    expect(second.stdout).toContain(`0 files written, ${files.length} unchanged`);
  });

  it('exits 1 with --strict when an article is rejected (0 without), and --quiet prints the errors alone', async () => {
    await writeFile(path.join(site, 'content/en/news/world/bad.en.md'), '---\ntitle: Bad\ndate: 2025-02-30\n---\nx\n');
    const lenient = await runMain(['build', site, '--out', out], { now: SAMPLE_NOW });
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: .* \[date-invalid\]$/m);
    const strict = await runMain(['build', site, '--out', out, '--strict', '--quiet'], { now: SAMPLE_NOW });
    expect(strict).toMatchObject({ code: 1, stdout: '' });
    expect(strict.stderr).toMatch(/^content\/en\/news\/world\/bad\.en\.md:3: error: .* \[date-invalid\]\n$/);
  });

  it('refuses a site folder that does not exist with exit 2, writing nothing, even with --base-url', async () => {
    const run = await runMain(['build', path.join(site, 'nope'), '--out', path.join(site, 'nope-out'), '--base-url', 'https://x.example/'], {
      now: SAMPLE_NOW,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('site folder');
    expect(run.stderr).toContain('does not exist');
    expect(existsSync(path.join(site, 'nope-out'))).toBe(false);
  });

  it('refuses an empty --out or --state (the current folder, shown as "/") with exit 2', async () => {
    for (const flag of ['--out', '--state']) {
      const run = await runMain(['build', site, flag, ''], { now: SAMPLE_NOW });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`feedpub build: ${flag} needs a folder (see feedpub build --help)\n`);
    }
  });
});
