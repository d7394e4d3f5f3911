// Bundles the CLI into dist/ (see scripts/cli-build-options.mjs), with dist/THIRD_PARTY_NOTICES.txt: the
// licence of every bundled package (scripts/third-party-notices.mjs), in the npm package with dist/.
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { cliBuildOptions } from './cli-build-options.mjs';
import { thirdPartyNotices } from './third-party-notices.mjs';

const root = process.cwd();
rmSync('dist', { recursive: true, force: true });
const { metafile } = await build({ ...cliBuildOptions(root), outdir: 'dist', sourcemap: 'linked', metafile: true });
writeFileSync('dist/THIRD_PARTY_NOTICES.txt', thirdPartyNotices({ root, metafile, bundle: 'dist/' }));
