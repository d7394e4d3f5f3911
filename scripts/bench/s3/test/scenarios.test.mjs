/**
 * The S3 and bundle scenarios end to end on a tiny corpus: the rows they return, and that every process
 * and folder they started is gone afterwards. Nothing here asserts how fast anything is.
 * Run: node --test scripts/bench/s3/test/   (about a minute: it bundles the Lambda and runs s3rver)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { coldStartBytes, lambdaBundle } from '../../scenarios/lambda-bundle.mjs';
import { s3Reconcile } from '../../scenarios/s3-reconcile.mjs';

const REPO_ROOT = resolve(fileURLToPath(new URL('../../../..', import.meta.url)));
const ARTICLES = 40;

/** @type {string} */
let scratch;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-s3-test-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Processes whose parent is this one (the `ps` asking excluded). */
function children() {
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((pid) => pid !== '' && pid !== String(ps.pid));
}

/** Temporary folders of the bench (s3rver data, bundles) that exist now. */
const benchFolders = () =>
  readdirSync(tmpdir())
    .filter((name) => /^feedpub-bench-(s3rver|s3|bundle)-/.test(name))
    .sort();

function context() {
  return {
    repoRoot: REPO_ROOT,
    size: ARTICLES,
    corpusDir: join(scratch, String(ARTICLES)),
    runs: 1,
    warmup: 0,
    method: /** @type {const} */ ('none'),
    hugo: false,
    tmp: scratch,
    log: () => {},
    s3Articles: ARTICLES,
  };
}

describe('s3 scenario', () => {
  it('reports the upload and each phase, with requests, CDN paths and the issue #3 check, and leaves nothing running', async () => {
    const foldersBefore = benchFolders();
    const rows = await s3Reconcile(/** @type {any} */ (context()));

    assert.deepEqual(
      rows.map((row) => [row.scenario, row.status, row.articles]),
      [
        ['s3 setup: upload corpus to s3rver', 'ok', ARTICLES],
        ['s3: full reconcile (empty feeds bucket)', 'ok', ARTICLES],
        ['s3: one-article update', 'ok', ARTICLES],
        ['s3: one-article update, warm container', 'ok', ARTICLES],
        ['s3: one-article delete', 'ok', ARTICLES],
        ['s3: no-op (nothing changed)', 'ok', ARTICLES],
      ],
      rows.map((row) => row.note).join('\n'),
    );
    const [upload, full, update, warm, remove, noop] = /** @type {any[]} */ (rows);
    assert.match(upload.note, new RegExp(`${ARTICLES + 1} objects`));
    assert.match(full.note, new RegExp(`parsed ${ARTICLES}/${ARTICLES}`));
    assert.ok(full.output.files > 0 && full.output.bytes > 0);
    assert.match(update.note, /parsed 1\//);
    assert.match(update.note, /GET (1 articles|\d+ \((\d+ \w+, )*1 articles)/); // one article read (plus the config, when it changed)
    assert.ok(update.output.files > 0 && update.output.files < full.output.files);
    // A warm container read the manifest shards in its earlier invocation: now only the head.
    assert.match(update.note, /state: GET \d+ \(1 manifest, \d+ manifest shard\)/);
    assert.match(warm.note, /parsed 1\//);
    assert.match(warm.note, /state: GET 1 manifest\b/);
    assert.doesNotMatch(warm.note, /GET \d+ \(1 manifest, \d+ manifest shard\)/);
    assert.match(remove.note, new RegExp(`parsed 0/${ARTICLES - 1}`));
    assert.equal(noop.output.files, 0);
    assert.match(noop.note, /CDN 0 paths in 0 call/);
    for (const row of [update, warm, remove, noop]) assert.match(row.note, /issue #3 target: (met|beyond)|beyond issue #3 target/);
    for (const row of [full, update, warm, remove, noop]) {
      assert.ok(row.wallMs.median > 0 && row.cpuMs.median > 0 && row.maxRssKiB.median > 0);
      assert.match(row.note, /s3rver CPU \d+ ms/);
    }

    assert.deepEqual(children(), [], 'no child process left');
    assert.deepEqual(benchFolders(), foldersBefore, 'no s3rver or bundle folder left');
  });

  it('runs once per bench, whatever the number of corpus sizes', async () => {
    // A fresh copy of the module, so this does not depend on the test before it; its first run is cut
    // short after the bundle (a failed row), which is enough to count as the run.
    /** @type {{ s3Reconcile: import('../../scenarios/run-command.mjs').Scenario }} */
    const { s3Reconcile: fresh } = await import(/** @type {string} */ ('../../scenarios/s3-reconcile.mjs?once'));
    const log = (/** @type {string} */ line) => {
      if (line.includes('bundled')) throw new Error('stopped after the bundle');
    };
    const first = await fresh(/** @type {any} */ ({ ...context(), log }));
    assert.deepEqual(
      first.map((row) => [row.scenario, row.status]),
      [['s3: bundle', 'failed']],
    );
    assert.match(/** @type {string} */ (first[0]?.note), /stopped after the bundle/);
    assert.deepEqual(await fresh(/** @type {any} */ (context())), []);
    assert.deepEqual(await fresh(/** @type {any} */ ({ ...context(), s3Articles: ARTICLES * 2 })), []);
  });
});

describe('s3 scenario on error', () => {
  it('returns a failed row naming the phase, and still stops s3rver and removes its folders', async () => {
    // A fresh copy of the module (the first one has already run once).
    /** @type {{ s3Reconcile: import('../../scenarios/run-command.mjs').Scenario }} */
    const { s3Reconcile: fresh } = await import(/** @type {string} */ ('../../scenarios/s3-reconcile.mjs?on-error'));
    const foldersBefore = benchFolders();
    let thrown = false;
    const log = (/** @type {string} */ line) => {
      if (!thrown && line.includes('uploaded')) {
        thrown = true;
        throw new Error('injected failure after the upload');
      }
    };
    const rows = await fresh(/** @type {any} */ ({ ...context(), log }));
    assert.deepEqual(
      rows.map((row) => [row.scenario, row.status]),
      [['s3: upload', 'failed']],
    );
    assert.match(/** @type {string} */ (rows[0]?.note), /injected failure/);
    assert.deepEqual(children(), []);
    assert.deepEqual(benchFolders(), foldersBefore);
  });
});

describe('bundle scenario', () => {
  it('counts as cold-start bytes the entry and the chunks it imports statically, transitively, and no chunk reached by import()', () => {
    const outputs = {
      'out/publish.mjs': {
        bytes: 100,
        entryPoint: 'functions/publish.ts',
        imports: [
          { path: 'out/chunks/a.mjs', kind: 'import-statement' },
          { path: 'out/chunks/lazy.mjs', kind: 'dynamic-import' },
          { path: 'node:fs', kind: 'import-statement' },
        ],
      },
      'out/chunks/a.mjs': { bytes: 20, imports: [{ path: 'out/chunks/b.mjs', kind: 'import-statement' }] },
      'out/chunks/b.mjs': { bytes: 3, imports: [{ path: 'out/chunks/a.mjs', kind: 'import-statement' }] },
      // esbuild names the source of a chunk reached by import() as its entryPoint too
      'out/chunks/lazy.mjs': { bytes: 1000, entryPoint: 'src/compute.ts', imports: [{ path: 'out/chunks/lazy-dep.mjs', kind: 'import-statement' }] },
      'out/chunks/lazy-dep.mjs': { bytes: 500, imports: [] },
    };
    assert.equal(coldStartBytes({ outputs }, 'functions/publish.ts'), 123);
  });

  it('reports the size of the Lambda bundle (entry and chunks) and ten cold imports of its entry', async () => {
    const rows = await lambdaBundle(/** @type {any} */ (context()));
    assert.equal(rows.length, 1);
    const [row] = /** @type {any[]} */ (rows);
    assert.equal(row.status, 'ok', row.note);
    assert.equal(row.runs, 10);
    assert.ok(row.output.bytes > 0 && row.wallMs.median > 0);
    assert.ok(row.output.files > 1, 'the entry and its chunks');
    assert.match(
      row.note,
      new RegExp(
        `^${row.output.bytes} bytes minified in ${row.output.files} files .*, publish\\.mjs \\d+ KiB of them, \\d+ KiB with the chunks it imports statically`,
      ),
    );
    assert.match(row.note, /target < 1 MB: (met|MISSED)/);
    assert.match(row.note, /target < 150 ms: (met|MISSED)/);
    assert.deepEqual(children(), []);
  });
});
