// Bundles the CLI into dist/ (see scripts/cli-build-options.mjs).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { cliBuildOptions } from './cli-build-options.mjs';

rmSync('dist', { recursive: true, force: true });
await build({ ...cliBuildOptions(process.cwd()), outdir: 'dist', sourcemap: 'linked' });
