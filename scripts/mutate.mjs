#!/usr/bin/env node
/**
 * Mutation testing of one module of the pure core, opt-in (not part of `npm test` or CI): which changes to
 * its code no test notices. `npm run mutate -- src/plan/slug.ts [tests/unit/plan/slug.test.ts ...]` runs
 * Stryker on that file with only the named test files (default: tests/unit/<folder>/<name>.test.ts), two at
 * a time (FEEDPUB_MUTATE_CONCURRENCY=1 for one, on a machine shared with other work), and writes
 * reports/mutation/<name>.html and .json. Minutes per file (12 s for src/plan/ids.ts, up
 * to 4 min for src/plan/urls.ts). Read each survivor: a gap in the tests, a bug (three were found so), or a
 * change nothing can observe (a cache, a fast path). Mutants of module-level code may be switched on too
 * late to count (stryker-js#6144): check those by hand.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';

const [source, ...named] = process.argv.slice(2);
if (source === undefined || !/^src\/.+\.ts$/.test(source) || !existsSync(source)) {
  console.error('usage: npm run mutate -- src/<folder>/<file>.ts [tests/unit/<folder>/<file>.test.ts ...]');
  process.exit(2);
}
const name = path.basename(source, '.ts');
const guess = path.join('tests', 'unit', path.basename(path.dirname(source)), `${name}.test.ts`);
const tests = named.length > 0 ? named : [guess];
for (const test of tests) {
  if (!existsSync(test)) {
    console.error(`no test file ${test}: name the test files after the source file`);
    process.exit(2);
  }
}
process.env.FEEDPUB_MUTATE_TESTS = tests.join(',');
const stryker = new Stryker({
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [source],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.FEEDPUB_MUTATE_CONCURRENCY ?? 2) || 2,
  checkers: [],
  // TypeScript 7 has no JavaScript API for Stryker's tsconfig step: it is skipped (no such file).
  tsconfigFile: 'tsconfig.mutate-none.json',
  ignorePatterns: ['dist', 'public', 'bench', 'scratch', 'coverage', 'reports', '.stryker-tmp'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
});
const results = await stryker.runMutationTest();
const survived = results.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').length;
console.log(`${source}: ${results.length} mutants, ${survived} survived or not covered (reports/mutation/${name}.html)`);
