import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureCommand } from '../measure.mjs';
import { spread } from '../spread.mjs';

/** Cold imports measured (each in a new node process), after `context.warmup` unmeasured ones. */
export const IMPORT_RUNS = 10;
/** Issue #6's targets. 1 MB is 1,000,000 bytes. */
export const TARGET_BYTES = 1_000_000;
export const TARGET_IMPORT_MS = 150;

const IMPORT_PREFIX = 'BENCH-IMPORT ';
/** Times `import(bundle)` from inside a fresh process, so node's own startup is not counted. */
const IMPORT_SCRIPT = [
  'const started = performance.now();',
  'await import(process.argv[1]);',
  'const ms = performance.now() - started;',
  `process.stdout.write('${IMPORT_PREFIX}' + JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n');`,
].join('\n');

/** The environment `functions/publish.ts` needs at load (it builds its clients at module scope); no network is used. */
const LOAD_ENV = {
  CONTENT_BUCKET: 'feedpub-bench-content',
  FEEDS_BUCKET: 'feedpub-bench-feeds',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** The bench runs this once, whatever `--sizes` says. */
let ran = false;

/**
 * The Lambda artifact of issue #6: `scripts/bundle.mjs` builds it into a temporary folder; the row gives its
 * size (every `.mjs` file, minified, bytes: the entry and the chunks it loads on demand) and the time to
 * `import()` the entry in a fresh node process (median of {@link IMPORT_RUNS}), against the targets < 1 MB
 * and < 150 ms. The import runs with the environment the module reads at load.
 *
 * @type {import('./run-command.mjs').Scenario}
 */
export async function lambdaBundle(context) {
  if (ran) return [];
  ran = true;
  const name = 'lambda bundle: size + cold import';
  const scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-bundle-'));
  const outfile = join(scratch, 'publish.mjs');
  const command = `node scripts/bundle.mjs --outdir <tmp> --quiet; node --input-type=module -e '<import and time>' <tmp>/publish.mjs`;
  const row = { scenario: name, articles: 0, command };
  try {
    const bundled = await measureCommand(
      { file: 'node', args: ['scripts/bundle.mjs', '--outdir', scratch, '--quiet'] },
      { cwd: context.repoRoot, method: 'none' },
    );
    if (bundled.exitCode !== 0 || !existsSync(outfile)) {
      const line = `${bundled.stderr}\n${bundled.stdout}`.split('\n').find((text) => text.trim() !== '') ?? '';
      return [{ ...row, status: 'failed', runs: 0, note: `failed: scripts/bundle.mjs exited ${bundled.exitCode}: ${line.slice(0, 200)}` }];
    }
    const code = readdirSync(scratch, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
    const bytes = code.reduce((sum, file) => sum + statSync(join(scratch, file)).size, 0);
    const entryBytes = statSync(outfile).size;
    const coldBytes = coldStartBytes(JSON.parse(readFileSync(join(scratch, 'meta.json'), 'utf8')), 'functions/publish.ts');
    context.log(`  bundle: ${bytes} bytes in ${code.length} files (entry ${entryBytes}), built in ${(bundled.wallMs / 1000).toFixed(1)} s`);
    /** @type {Array<{ ms: number, maxRssKiB: number, processMs: number }>} */
    const samples = [];
    for (let index = 0; index < context.warmup + IMPORT_RUNS; index += 1) {
      const sample = await importOnce(outfile, context.repoRoot);
      if (index >= context.warmup) samples.push(sample);
    }
    const importMs = /** @type {import('../spread.mjs').Spread} */ (spread(samples.map((sample) => sample.ms)));
    const processMs = /** @type {import('../spread.mjs').Spread} */ (spread(samples.map((sample) => sample.processMs)));
    context.log(
      `  bundle: import ${importMs.median.toFixed(0)} ms median (${importMs.min.toFixed(0)}–${importMs.max.toFixed(0)}), process ${processMs.median.toFixed(0)} ms`,
    );
    const sizeVerdict = bytes < TARGET_BYTES ? 'met' : 'MISSED';
    const importVerdict = importMs.median < TARGET_IMPORT_MS ? 'met' : 'MISSED';
    return [
      {
        ...row,
        status: 'ok',
        runs: samples.length,
        wallMs: importMs,
        maxRssKiB: spread(samples.map((sample) => sample.maxRssKiB)),
        output: { files: code.length, bytes },
        note: [
          `${bytes} bytes minified in ${code.length} files (${(bytes / 1024).toFixed(0)} KiB; target < 1 MB: ${sizeVerdict}), publish.mjs ${(entryBytes / 1024).toFixed(0)} KiB of them, ${(coldBytes / 1024).toFixed(0)} KiB with the chunks it imports statically (what the import compiles; the rest loads at first use)`,
          `Wall = import() in a fresh node, median of ${samples.length} (target < ${TARGET_IMPORT_MS} ms: ${importVerdict})`,
          `whole process ${processMs.median.toFixed(0)} ms`,
          `node ${process.version} here (Lambda runs node 24)`,
          'Articles/s does not apply',
        ].join('; '),
      },
    ];
  } catch (error) {
    return [{ ...row, status: 'failed', runs: 0, note: `failed: ${error instanceof Error ? error.message : String(error)}` }];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * One cold import in a new node process (killed after 60 s).
 *
 * @returns {Promise<{ ms: number, maxRssKiB: number, processMs: number }>}
 */
function importOnce(/** @type {string} */ bundle, /** @type {string} */ cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(bundle).href], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...LOAD_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const processMs = performance.now() - started;
      const line = stdout.split('\n').find((text) => text.startsWith(IMPORT_PREFIX));
      if (code === 0 && line !== undefined) resolve({ ...JSON.parse(line.slice(IMPORT_PREFIX.length)), processMs });
      else
        reject(new Error(`importing the bundle ${signal === null ? `exited with ${code}` : `was killed by ${signal}`}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
  });
}

/**
 * The bytes a cold start compiles: the entry point's output and every chunk it imports statically,
 * transitively (chunks only reached through `import()` load when first used; esbuild lists each of
 * those with an `entryPoint` of its own, so the entry is named).
 *
 * @param {{ outputs: Record<string, { bytes: number, entryPoint?: string, imports: { path: string, kind: string }[] }> }} metafile esbuild's
 * @param {string} entryPoint the source file of the entry (`functions/publish.ts`)
 * @returns {number}
 * @example coldStartBytes(JSON.parse(readFileSync('dist/lambda/meta.json', 'utf8')), 'functions/publish.ts')
 */
export function coldStartBytes(metafile, entryPoint) {
  const { outputs } = metafile;
  const seen = new Set();
  const visit = (/** @type {string} */ file) => {
    if (seen.has(file) || outputs[file] === undefined) return;
    seen.add(file);
    for (const imported of outputs[file].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  for (const [file, output] of Object.entries(outputs)) if (output.entryPoint === entryPoint) visit(file);
  return [...seen].reduce((sum, file) => sum + outputs[file].bytes, 0);
}
