#!/usr/bin/env node
/**
 * Bundles the Lambda handler (functions/publish.ts) into self-contained ESM for Node 24 on Lambda:
 * dist/lambda/publish.mjs, and under dist/lambda/chunks/ what it loads on demand (the CloudFront and
 * EventBridge Scheduler clients, the parsers and renderers a run loads when it first needs them). The AWS SDK is bundled (not taken from the runtime), so the artifact
 * runs with exactly the versions the tests ran with.
 *
 * Usage: node scripts/bundle.mjs [--outdir dist/lambda] [--quiet]
 * Prints the size of the whole and of the entry, and the ten biggest contributors (from esbuild's
 * metafile, also written next to the bundle as meta.json). Writes THIRD_PARTY_NOTICES.txt there too: the
 * licence of every bundled package (scripts/third-party-notices.mjs), shipped in the zip (serverless.yml).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './lambda-build-options.mjs';
import { thirdPartyNotices } from './third-party-notices.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    outdir: { type: 'string', default: path.join(root, 'dist/lambda') },
    quiet: { type: 'boolean', default: false },
  },
});
const outdir = path.resolve(values.outdir);
// Chunk names carry a content hash: clear the old ones, or the package would ship them too.
await rm(path.join(outdir, 'chunks'), { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

/** @type {import('esbuild').BuildOptions & { metafile: true }} */
const options = {
  ...lambdaBuildOptions(root),
  entryPoints: [path.join(root, 'functions/publish.ts')],
  outdir,
  // The legal comments (`/*! ... */`, @license) of the code in a file go to <file>.LEGAL.txt beside it,
  // shipped in the zip; esbuild writes one only for a file that has such comments (today some chunks,
  // not publish.mjs). The packages' full licences are in THIRD_PARTY_NOTICES.txt.
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
};

let result;
try {
  result = await build(options);
} catch {
  process.exit(1); // esbuild has already printed the errors
}

await writeFile(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
await writeFile(path.join(outdir, 'THIRD_PARTY_NOTICES.txt'), thirdPartyNotices({ root, metafile: result.metafile, bundle: 'dist/lambda/' }));
const code = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
// The handler's own file: chunks loaded with import() are entry points in the metafile too.
const entry = code.find(([, output]) => output.entryPoint === 'functions/publish.ts');
const bytes = code.reduce((sum, [, output]) => sum + output.bytes, 0);

if (!values.quiet) {
  const byPackage = new Map();
  for (const [, output] of code) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1] : input.startsWith('src/') || input.startsWith('functions/') ? '(feedpub)' : input;
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(
    `${path.relative(root, outdir)}: ${kib(bytes)} in ${code.length} files; ${entry?.[0] ?? '?'} (loaded at a cold start): ${kib(entry?.[1].bytes ?? 0)}`,
  );
  for (const [name, size] of top) console.log(`  ${kib(size).padStart(12)}  ${name}`);
}
