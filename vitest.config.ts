import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Coverage floors, per folder: statements, branches, functions and lines, each a point below the level
 * measured when it was set, rounded down (98.57% measured → 97), since property tests draw new inputs on
 * every run and move coverage by up to a point. Last set on 2026-12-01 from main at 1bb64be: one
 * `npx vitest run --coverage --coverage.reporter=json-summary`, each folder's totals summed from
 * coverage/coverage-summary.json. Raise them the same way when coverage rises (the goal is 100%). Lowering
 * one is a decision to say in its commit: that day's set lowered src/plan's lines and statements (new
 * cascade-target and permalink code, hugo-glob.ts and go-time-format.ts, had left them at 98.57%, under
 * the floor of 99, and 98.08%, just over that of 98); a folder measured at 100% of its functions keeps
 * a floor of 100.
 */
const CORE_COVERAGE = {
  'src/parse/**': { statements: 97, branches: 93, functions: 98, lines: 98 },
  'src/plan/**': { statements: 97, branches: 90, functions: 100, lines: 97 },
  'src/render/**': { statements: 97, branches: 92, functions: 98, lines: 98 },
  'src/config/**': { statements: 96, branches: 91, functions: 100, lines: 98 },
  'src/validate/**': { statements: 96, branches: 93, functions: 100, lines: 98 },
  'src/manifest.ts': { statements: 98, branches: 95, functions: 100, lines: 99 },
  // The use case and its phases (not pure: they await the ports), floored the same way.
  'src/rebuild.ts': { statements: 99, branches: 94, functions: 100, lines: 99 },
  'src/rebuild/**': { statements: 97, branches: 91, functions: 98, lines: 97 },
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
