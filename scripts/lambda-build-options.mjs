import path from 'node:path';

/**
 * zod re-exports every message locale through one `locales` namespace, which keeps all of them in
 * the bundle although feedpub only ever uses the default English messages (~350 KB of ~45 locales).
 * This plugin gives the bundle a `locales/index.js` that exports English only.
 * @param {string} root the repository root
 * @returns {import('esbuild').Plugin}
 */
function zodEnglishOnly(root) {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: 'export { default as en } from "./en.js";',
        loader: 'js',
        resolveDir: path.join(root, 'node_modules/zod/v4/locales'),
      }));
    },
  };
}

/**
 * How the Lambda's code is bundled: shared by `scripts/bundle.mjs` (the artifact) and the benchmark
 * (`scripts/bench/s3/build-lambda-lib.mjs`), so the bench measures exactly the code the Lambda runs.
 * Everything is bundled (the AWS SDK included, so the artifact is pinned), minified, for Node 22.
 *
 * @param {string} root the repository root
 * @returns {import('esbuild').BuildOptions}
 * @example await build({ ...lambdaBuildOptions(root), entryPoints: ['functions/publish.ts'], outfile })
 */
export function lambdaBuildOptions(root) {
  return {
    plugins: [zodEnglishOnly(root)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    // Prefer the ES module builds of dependencies: they tree-shake (the AWS SDK ships both).
    mainFields: ['module', 'main'],
    minify: true,
    treeShaking: true,
    sourcemap: false,
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: [
        "import { createRequire as __feedpubCreateRequire } from 'node:module';",
        'const require = __feedpubCreateRequire(import.meta.url);',
      ].join(''),
    },
  };
}
