#!/usr/bin/env node
/**
 * Bundles the Lambda handler (functions/publish.ts) into one self-contained ESM file:
 * dist/lambda/publish.mjs, for Node 22 on Lambda. The AWS SDK is bundled (not taken from the
 * runtime), so the artifact runs with exactly the versions the tests ran with.
 *
 * Usage: node scripts/bundle.mjs [--outfile dist/lambda/publish.mjs] [--quiet]
 * Prints the size and the ten biggest contributors (from esbuild's metafile, also written next
 * to the bundle as meta.json).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './lambda-build-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    outfile: { type: 'string', default: path.join(root, 'dist/lambda/publish.mjs') },
    quiet: { type: 'boolean', default: false },
  },
});
const outfile = path.resolve(values.outfile);
await mkdir(path.dirname(outfile), { recursive: true });

/** @type {import('esbuild').BuildOptions & { metafile: true }} */
const options = {
  ...lambdaBuildOptions(root),
  entryPoints: [path.join(root, 'functions/publish.ts')],
  outfile,
  // Licence notices of bundled packages go to publish.mjs.LEGAL.txt, shipped in the zip.
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

await writeFile(path.join(path.dirname(outfile), 'meta.json'), JSON.stringify(result.metafile));
const output = result.metafile.outputs[path.relative(root, outfile)] ?? Object.values(result.metafile.outputs)[0];
const bytes = output?.bytes ?? 0;

if (!values.quiet) {
  const byPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const name = match ? match[1] : input.startsWith('src/') || input.startsWith('functions/') ? '(feedpub)' : input;
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  const top = [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log(`${path.relative(root, outfile)}: ${(bytes / 1024).toFixed(1)} KiB`);
  for (const [name, size] of top) console.log(`  ${(size / 1024).toFixed(1).padStart(8)} KiB  ${name}`);
}
