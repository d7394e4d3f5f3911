import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Coverage floors, per folder: statements, branches, functions and lines, each a point below the level
 * measured when it was set, rounded down (98.57% measured → 97), since property tests draw new inputs on
 * every run and move coverage by up to a point. Last set on 2026-12-02 from main at fbf7116: one
 * `npx vitest run --coverage --coverage.reporter=json-summary`, each folder's totals summed from
 * coverage/coverage-summary.json, after session 41 took every statement the suite left unrun (146 of
 * 9,365) and tested it, or removed it where no input reaches it (core statements 98.44% → 99.67%,
 * branches 93.94% → 95.69%). Raise them the same way when coverage rises (the goal is 100%). Lowering
 * one is a decision to say in its commit. A folder measured at 100% of its functions keeps a floor of 100.
 */
const CORE_COVERAGE = {
  'src/parse/**': { statements: 98, branches: 95, functions: 100, lines: 98 },
  'src/plan/**': { statements: 98, branches: 93, functions: 100, lines: 98 },
  'src/render/**': { statements: 98, branches: 94, functions: 100, lines: 99 },
  'src/config/**': { statements: 98, branches: 95, functions: 100, lines: 99 },
  'src/validate/**': { statements: 97, branches: 94, functions: 100, lines: 98 },
  'src/manifest.ts': { statements: 99, branches: 95, functions: 100, lines: 99 },
  // The use case and its phases (not pure: they await the ports), floored the same way.
  'src/rebuild.ts': { statements: 99, branches: 97, functions: 100, lines: 99 },
  'src/rebuild/**': { statements: 99, branches: 94, functions: 98, lines: 99 },
} as const;

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two test files at a time at least: vitest's default (one fewer than the cores) ran them one by one on
    // the 2-core CI machines, 15–17 of the 20 minutes CI may take, while most of the slow files wait on
    // servers and child processes (osls, hugo, s3rver, chromium). Two: 590 s against 800 s, the same tests.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The AWS SDK warns once per process that its 2027 releases need Node 22 (these machines run 20;
    // the Lambda runs 24, and the SDK is pinned): keep the test output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    coverage: {
      provider: 'v8',
      include: Object.keys(CORE_COVERAGE),
      reporter: ['text-summary', 'html'],
      thresholds: CORE_COVERAGE,
    },
  },
});
