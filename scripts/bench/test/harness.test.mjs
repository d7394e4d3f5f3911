/**
 * The runner's parts and the runner end to end (with the stand-in feedpub, and Hugo when installed).
 * Nothing here asserts how fast anything is: only that each number is measured and reported.
 * Run: node --test scripts/bench/test/
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { formatReport } from '../format-report.mjs';
import { generateCorpus } from '../generator/generate-corpus.mjs';
import { prepareHugoSite } from '../hugo/prepare-hugo-site.mjs';
import { defaultScratchRoot, formatCommand, hasGnuTime, measureCommand } from '../measure.mjs';
import { FEEDPUB_COMMAND, feedpubCommand } from '../scenarios/feedpub-build.mjs';
import { feedpubIncremental } from '../scenarios/feedpub-incremental.mjs';
import { hugoVersion } from '../scenarios/hugo-build.mjs';
import { runCommand } from '../scenarios/run-command.mjs';
import { spread } from '../spread.mjs';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const STAND_IN = 'scripts/bench/fixtures/stand-in-feedpub.mjs';

/** @type {string} */
let scratch;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-harness-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('spread', () => {
  it('gives the median, min and max, and the mean of the middle two for an even count', () => {
    assert.deepEqual(spread([30, 10, 20]), { median: 20, min: 10, max: 30 });
    assert.deepEqual(spread([4, 1, 3, 2]), { median: 2.5, min: 1, max: 4 });
  });

  it('is undefined when any value was not measured', () => {
    assert.equal(spread([]), undefined);
    assert.equal(spread([1, undefined]), undefined);
  });
});

describe('measureCommand', () => {
  const methods = /** @type {const} */ (hasGnuTime() ? ['time', 'preload'] : ['preload']);
  for (const method of methods) {
    it(`reports wall time, CPU time and peak RSS of a node child (${method})`, async () => {
      const sample = await measureCommand({ file: 'node', args: ['-e', 'console.log(Buffer.alloc(8e6).length)'] }, { cwd: REPO_ROOT, method });
      assert.equal(sample.exitCode, 0);
      assert.equal(sample.stdout.trim(), '8000000');
      assert.ok(sample.wallMs > 0);
      assert.ok(typeof sample.cpuMs === 'number' && sample.cpuMs >= 0);
      assert.ok(typeof sample.maxRssKiB === 'number' && sample.maxRssKiB > 1024);
    });

    it(`keeps the exit code and stderr of a failing child (${method})`, async () => {
      const sample = await measureCommand({ file: 'node', args: ['-e', 'console.error("boom"); process.exit(3)'] }, { cwd: REPO_ROOT, method });
      assert.equal(sample.exitCode, 3);
      assert.equal(sample.stderr.trim(), 'boom');
    });
  }

  it('measures wall time only with method none', async () => {
    const sample = await measureCommand({ file: 'node', args: ['-e', ''] }, { cwd: REPO_ROOT, method: 'none' });
    assert.equal(sample.exitCode, 0);
    assert.equal(sample.cpuMs, undefined);
    assert.equal(sample.maxRssKiB, undefined);
  });
});

describe('defaultScratchRoot', () => {
  it('is tmpfs on Linux when /dev/shm is a writable folder, else the system temporary folder', () => {
    const folder = join(scratch, 'shm');
    mkdirSync(folder, { recursive: true });
    assert.equal(defaultScratchRoot('linux', folder), folder);
    assert.equal(defaultScratchRoot('darwin', folder), tmpdir());
    assert.equal(defaultScratchRoot('linux', join(scratch, 'no-such-folder')), tmpdir());
    const file = join(scratch, 'shm-file');
    writeFileSync(file, '');
    assert.equal(defaultScratchRoot('linux', file), tmpdir());
  });
});

describe('formatCommand', () => {
  it('shows node as node, keeps <placeholders> and quotes the rest for a shell', () => {
    assert.equal(formatCommand({ file: process.execPath, args: ['a b', '<tmp>', "it's", 'x/y.mjs'] }), `node 'a b' <tmp> 'it'\\''s' x/y.mjs`);
  });
});

describe('feedpubCommand', () => {
  it('fills the corpus and output folder into FEEDPUB_COMMAND', () => {
    assert.deepEqual(FEEDPUB_COMMAND, ['node', 'bin/feedpub.js', 'build', '{corpus}', '--out', '{out}']);
    assert.deepEqual(feedpubCommand('bench/corpus/1000', '/tmp/o', ''), {
      file: 'node',
      args: ['bin/feedpub.js', 'build', 'bench/corpus/1000', '--out', '/tmp/o'],
    });
    assert.deepEqual(feedpubCommand('c', 'o', STAND_IN).args, [STAND_IN, 'build', 'c', '--out', 'o']);
  });
});

describe('formatReport', () => {
  it('writes the environment, one table row per result with median (min–max), and the commands', () => {
    const text = formatReport(
      {
        date: '2025-01-01T00:00:00.000Z',
        node: 'v20.0.0',
        platform: 'linux x64',
        cpu: 'Test CPU × 2 logical cores',
        memory: '1.0 GiB',
        measurement: 'GNU time',
        runs: 3,
        warmup: 1,
        corpora: [{ size: 1000, dir: 'bench/corpus/1000', bytes: 4 * 1048576 }],
      },
      [
        {
          scenario: 'feedpub build',
          status: 'ok',
          articles: 1000,
          runs: 3,
          wallMs: { median: 500, min: 400, max: 900 },
          cpuMs: { median: 600, min: 600, max: 600 },
          maxRssKiB: { median: 102400, min: 100352, max: 104448 },
          output: { files: 12, bytes: 3 * 1048576 },
          command: 'node bin/feedpub.js build bench/corpus/1000 --out <tmp>',
        },
        { scenario: 'hugo', status: 'skipped', articles: 1000, runs: 0, note: 'not run: hugo | missing' },
      ],
    );
    assert.match(text, /^# feedpub benchmark results\n/);
    assert.match(text, /- Node: v20\.0\.0 \(linux x64\)/);
    assert.match(text, /4\.0 MiB of Markdown/);
    assert.match(text, /\| feedpub build \| 1000 \| 500 \(400–900\) \| 600 \| 100 \(98–102\) \| 2000 \| 12 files, 3\.0 MiB \| {2}\|/);
    assert.match(text, /\| hugo \| 1000 \| – \| – \| – \| – \| – \| not run: hugo \\\| missing \|/);
    assert.match(text, /- feedpub build @ 1000: `node bin\/feedpub\.js build bench\/corpus\/1000 --out <tmp>`/);
  });
});

describe('prepareHugoSite', () => {
  it('writes config and layouts next to the corpus and links its content', () => {
    // Prepare
    const corpus = join(scratch, 'h60');
    generateCorpus(corpus, { articles: 60 });
    // Act
    const site = prepareHugoSite(corpus);
    prepareHugoSite(corpus); // idempotent
    // Assess
    assert.equal(site, `${corpus}-hugo`);
    assert.equal(readlinkSync(join(site, 'content')), join('..', 'h60', 'content'));
    const config = readFileSync(join(site, 'hugo.toml'), 'utf8');
    assert.match(config, /^disableKinds = \["taxonomy", "sitemap", "robotsTXT", "404"\]$/m);
    assert.match(config, /^\s*home = \["RSS", "Atom", "JSON"\]$/m);
    assert.match(config, /^\s*section = \["RSS", "Atom", "JSON"\]$/m);
    assert.match(config, /^\s*term = \["RSS", "Atom", "JSON"\]$/m);
    for (const layout of ['list.rss.xml', 'list.atom.xml', 'list.json.json']) {
      assert.ok(existsSync(join(site, 'layouts', '_default', layout)), layout);
    }
    assert.ok(!existsSync(join(corpus, 'layouts')), 'the corpus stays a plain site');
  });

  it('makes Hugo write only feeds: RSS, Atom and JSON Feed per language home, per section and per term', {
    skip: hugoVersion() === undefined && 'hugo is not on PATH',
  }, () => {
    // Prepare
    const corpus = join(scratch, 'h80');
    generateCorpus(corpus, { articles: 80 });
    const site = prepareHugoSite(corpus);
    const out = join(scratch, 'h80-out');
    // Act
    // Its own cache folder: by default Hugo leaves $TMPDIR/hugo_cache behind.
    const result = spawnSync('hugo', ['--quiet', '-s', site, '-d', out, '--cacheDir', join(scratch, 'h80-cache')], { encoding: 'utf8' });
    // Assess
    assert.equal(result.status, 0, result.stderr);
    for (const home of ['', 'zh-cn/', 'zh-hk/']) {
      const feed = JSON.parse(readFileSync(join(out, home, 'feed.json'), 'utf8'));
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.ok(feed.items.length > 0 && feed.items.length <= 20);
      assert.ok(feed.items.every((/** @type {any} */ item) => item.content_html.includes('<p>')));
      assert.match(readFileSync(join(out, home, 'index.xml'), 'utf8'), /<content:encoded>/);
      assert.match(readFileSync(join(out, home, 'atom.xml'), 'utf8'), /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    }
    assert.ok(existsSync(join(out, 'zh-cn', 'categories', 'qq', 'atom.xml')));
    for (const section of ['news/', 'zh-cn/news/']) assert.ok(existsSync(join(out, section, 'feed.json')), section);
    const html = spawnSync('find', [out, '-name', '*.html'], { encoding: 'utf8' }).stdout.trim().split('\n');
    assert.deepEqual(html, [join(out, 'en', 'index.html')], 'only the /en/ → / redirect is HTML');
  });
});

describe('runCommand', () => {
  // A child that records its output folder and whether the folders of the runs before it still exist.
  const probe = (/** @type {string} */ log) => (/** @type {string} */ out) => ({
    file: 'node',
    args: [
      '-e',
      'const fs = require("node:fs"); const [log, out] = process.argv.slice(1); const before = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\\n").filter(Boolean) : []; fs.writeFileSync(out + "/f", "x"); fs.appendFileSync(log, out + "\\n"); process.exit(before.every((dir) => fs.existsSync(dir + "/f")) ? 0 : 4)',
      log,
      out,
    ],
  });
  const outputs = () => {
    const folder = join(scratch, 'outputs');
    mkdirSync(folder, { recursive: true });
    return folder;
  };
  const context = (/** @type {number} */ runs) => ({
    repoRoot: REPO_ROOT,
    size: 1,
    corpusDir: scratch,
    runs,
    warmup: 1,
    method: /** @type {const} */ ('none'),
    hugo: false,
    tmp: outputs(),
    log: () => {},
  });

  it("keeps every run's output folder until the last run has finished, then deletes them all", async () => {
    const log = join(scratch, 'run-command-folders.log');
    const row = await runCommand(context(3), { name: 'probe', command: probe(log), countOutput: true });
    assert.equal(row.status, 'ok', row.note);
    assert.equal(row.runs, 3);
    assert.deepEqual(row.output, { files: 1, bytes: 1 });
    const folders = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    assert.equal(new Set(folders).size, 4); // a fresh folder per run, the warm-up included
    for (const folder of folders) assert.ok(folder.startsWith(join(scratch, 'outputs', 'feedpub-bench-out-')), folder);
    for (const folder of folders) assert.equal(existsSync(folder), false, folder);
  });

  it('sets the environment it is given for the command, and shows it before the command', async () => {
    const command = () => ({ file: 'node', args: ['-e', 'process.exit(process.env.BENCH_PROBE === "on" ? 0 : 5)'] });
    const row = await runCommand(context(1), { name: 'probe', command, env: { BENCH_PROBE: 'on' } });
    assert.equal(row.status, 'ok', row.note);
    assert.match(row.command ?? '', /^BENCH_PROBE=on node -e /);
    assert.equal((await runCommand(context(1), { name: 'probe', command })).status, 'failed');
  });

  it('deletes the folders of a scenario that failed too', async () => {
    const log = join(scratch, 'run-command-failed.log');
    const row = await runCommand(context(2), {
      name: 'probe',
      command: (out) => ({
        file: 'node',
        args: ['-e', 'require("node:fs").appendFileSync(process.argv[1], process.argv[2] + "\\n"); process.exit(3)', log, out],
      }),
    });
    assert.equal(row.status, 'failed');
    assert.match(row.note ?? '', /exit 3/);
    const folders = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    assert.equal(folders.length, 1);
    assert.equal(existsSync(folders[0] ?? ''), false);
  });
});

describe('feedpubIncremental', () => {
  it('builds a copy once, then measures builds after one edit each, which publish the edit', {
    skip: !existsSync(join(REPO_ROOT, 'bin/feedpub.js')) && 'bin/feedpub.js is not built',
  }, async () => {
    const corpus = join(scratch, 'incremental-corpus');
    generateCorpus(corpus, { articles: 60 });
    const lines = [];
    const context = {
      repoRoot: REPO_ROOT,
      size: 60,
      corpusDir: corpus,
      runs: 2,
      warmup: 1,
      method: /** @type {const} */ ('none'),
      hugo: false,
      tmp: scratch,
      log: (/** @type {string} */ line) => lines.push(line),
    };
    const [row] = await feedpubIncremental(context);
    assert.equal(row?.status, 'ok', row?.note);
    assert.equal(row?.runs, 2);
    assert.ok((row?.wallMs?.median ?? 0) > 0);
    // Each edited article is at the top of its feeds: every run wrote files (the edit reached them).
    const counts = /wrote (\d+), (\d+) files/.exec(row?.note ?? '');
    assert.ok(counts && Number(counts[1]) > 0 && Number(counts[2]) > 0, row?.note);
    assert.equal(lines.length, 4); // the first build, the warm-up and two runs
    // The corpus itself is left as generated: the edits went to a copy.
    assert.doesNotMatch(spawnSync('grep', ['-rl', 'bench local edit', corpus], { encoding: 'utf8' }).stdout, /\.md/);
  });

  it('is skipped while a stand-in replaces the CLI', async () => {
    process.env.FEEDPUB_BENCH_BIN = STAND_IN;
    try {
      const [row] = await feedpubIncremental({
        repoRoot: REPO_ROOT,
        size: 60,
        corpusDir: join(scratch, 'none'),
        runs: 1,
        warmup: 0,
        method: 'none',
        hugo: false,
        tmp: scratch,
        log: () => {},
      });
      assert.equal(row?.status, 'skipped');
      assert.match(row?.note ?? '', /stand-in/);
    } finally {
      delete process.env.FEEDPUB_BENCH_BIN;
    }
  });
});

describe('run.mjs', () => {
  /** Runs the benchmark into the scratch folder. */
  function runBench(/** @type {string[]} */ args, /** @type {string} */ bin) {
    const out = join(scratch, `results-${args.join('_').replace(/\W+/g, '')}.md`);
    const result = spawnSync(
      process.execPath,
      ['scripts/bench/run.mjs', '--sizes', '40', '--runs', '2', '--warmup', '0', '--corpora', join(scratch, 'corpora'), '--out', out, ...args],
      { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, FEEDPUB_BENCH_BIN: bin } },
    );
    return { ...result, report: existsSync(out) ? readFileSync(out, 'utf8') : '' };
  }

  it('measures the floors and feedpub (a stand-in here) and writes the report', () => {
    const { status, stderr, stdout, report } = runBench(['--only', 'floors,feedpub'], STAND_IN);
    assert.equal(status, 0, stderr);
    assert.equal(stdout, report);
    assert.match(report, /\| floor: node startup \| 40 \| \d+/);
    assert.match(report, /\| floor: read all \.md \| 40 \| \d+/);
    assert.match(report, /\| floor: read \+ gray-matter\/js-yaml \| 40 \| \d+/);
    assert.match(report, /\| feedpub build \| 40 \| \d+.*\| 3 files, 0\.0 MiB \| stand-in scripts\/bench\/fixtures\/stand-in-feedpub\.mjs/);
    assert.match(report, /`node scripts\/bench\/fixtures\/stand-in-feedpub\.mjs build .*corpora\/40 --out <tmp>`/);
    assert.match(report, /\| feedpub build, 1 thread \| 40 \| \d+.*\| 3 files, 0\.0 MiB \|/);
    assert.match(report, /`FEEDPUB_THREADS=1 node scripts\/bench\/fixtures\/stand-in-feedpub\.mjs build .*corpora\/40 --out <tmp>`/);
    assert.doesNotMatch(report, /hugo/i);
    assert.match(stderr, /generating 40 articles/);
  });

  it('writes the output folders under --tmp, and says where in the report', () => {
    const tmp = join(scratch, 'bench-tmp');
    mkdirSync(tmp, { recursive: true });
    const { status, stderr, report } = runBench(['--only', 'feedpub', '--tmp', tmp], STAND_IN);
    assert.equal(status, 0, stderr);
    assert.ok(report.includes(`output folders under \`${tmp}\``), report);
  });

  it('reuses a corpus stamped by the same generator', () => {
    const { status, stderr } = runBench(['--only', 'floors'], STAND_IN);
    assert.equal(status, 0, stderr);
    assert.match(stderr, /corpora\/40: reused/);
  });

  it('reports a failing build in the table and exits 1', () => {
    const failing = join(scratch, 'failing.mjs');
    writeFileSync(failing, 'console.error("Error: cannot build"); process.exit(1);\n');
    const { status, report } = runBench(['--only', 'feedpub'], failing);
    assert.equal(status, 1);
    assert.match(report, /\| feedpub build \| 40 \| – \|.*failed \(exit 1\): Error: cannot build/);
  });

  it('skips feedpub with a note, and exits 0, while the CLI does not exist', () => {
    const { status, report } = runBench(['--only', 'feedpub'], join(scratch, 'missing.mjs'));
    assert.equal(status, 0);
    assert.match(report, /\| feedpub build \| 40 \| – \|.*not run: .*missing\.mjs does not exist yet/);
  });

  it('rejects an unknown scenario', () => {
    const { status, stderr } = runBench(['--only', 'nope'], STAND_IN);
    assert.equal(status, 2);
    assert.match(stderr, /unknown scenario nope/);
  });
});
