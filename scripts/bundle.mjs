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

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    outfile: { type: 'string', default: path.join(root, 'dist/lambda/publish.mjs') },
    quiet: { type: 'boolean', default: false },
  },
});
const outfile = path.resolve(values.outfile);
await mkdir(path.dirname(outfile), { recursive: true });

/**
 * zod re-exports every message locale through one `locales` namespace, which keeps all of them in
 * the bundle although feedpub only ever uses the default English messages (~350 KB of ~45 locales).
 * This plugin gives the bundle a `locales/index.js` that exports English only.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
      resolveDir: path.join(root, 'node_modules/zod/v4/locales'),
    }));
  },
};

/** @type {import('esbuild').BuildOptions & { metafile: true }} */
const options = {
  plugins: [zodEnglishOnly],
  absWorkingDir: root,
  entryPoints: [path.join(root, 'functions/publish.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // Prefer the ES module builds of dependencies: they tree-shake (the AWS SDK ships both).
  mainFields: ['module', 'main'],
  minify: true,
  treeShaking: true,
  sourcemap: false,
  // Licence notices of bundled packages go to publish.mjs.LEGAL.txt, shipped in the zip.
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: [
      "import { createRequire as __feedpubCreateRequire } from 'node:module';",
      'const require = __feedpubCreateRequire(import.meta.url);',
    ].join(''),
  },
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
