import { sdkSchemaKeys, unreachedModules } from './lambda-build-options.mjs';

/**
 * How the CLI is bundled into dist/ (scripts/build.mjs; tests/integration/cli-startup.test.ts checks
 * what each command loads). Code splitting keeps each command's modules in its own chunk, so
 * `feedpub build` never loads the AWS SDK. The engine's dependencies are bundled in, with the stubs the
 * Lambda uses for code feedpub never reaches (postcss alone took ~0.1 s to load on every build) but the
 * credential one: on a workstation or in CI, credentials come from wherever the SDK's default chain
 * looks. The AWS SDK and s3rver stay external: installed beside dist/, loaded only by the commands that
 * talk to AWS or serve files.
 *
 * @param {string} root the repository root
 * @returns {import('esbuild').BuildOptions}
 * @example await build({ ...cliBuildOptions(process.cwd()), outdir: 'dist' })
 */
export function cliBuildOptions(root) {
  return {
    absWorkingDir: root,
    // The compute worker is its own entry: worker threads load it beside cli.mjs.
    entryPoints: { cli: 'src/cli/run.ts', 'compute-worker': 'src/adapters/compute-worker.ts' },
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@aws-sdk/*', '@smithy/*', 's3rver'],
    plugins: [unreachedModules(root, { credentialsFromEnvOnly: false }), sdkSchemaKeys(root)],
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __feedpubCreateRequire } from 'node:module'; const require = __feedpubCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  };
}
