// Bundles the CLI into dist/cli.mjs (dependencies stay external: they are installed beside it).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
