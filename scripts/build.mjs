// Bundles the CLI into dist/ (dependencies stay external: they are installed beside it). Code
// splitting keeps each command's modules in its own chunk, so `feedpub build` never loads the AWS SDK.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  // The compute worker is its own entry: worker threads load it beside cli.mjs.
  entryPoints: { cli: 'src/cli/run.ts', 'compute-worker': 'src/adapters/compute-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
