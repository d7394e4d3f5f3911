import { defineConfig } from 'vitest/config';

/**
 * The vitest config `npm run mutate` runs mutants with (scripts/mutate.mjs): only the test files it names
 * (FEEDPUB_MUTATE_TESTS, comma-separated), and a reporter for stryker-js#6150: a test file that fails to
 * load (a mutant that throws at import or describe time) collects no tests, and the vitest runner would
 * score that mutant Survived; the file gets one failed test, so that it counts as killed.
 */
interface RunnerFile {
  result?: { state?: string; errors?: unknown[] };
  tasks: unknown[];
}

let files: () => RunnerFile[] = () => [];
const loadFailuresAsFailedTests = {
  onInit(ctx: { state: { getFiles(): RunnerFile[] } }) {
    files = () => ctx.state.getFiles();
  },
  onTestRunEnd() {
    for (const file of files()) {
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      const errors = file.result.errors ?? [{ message: 'file failed to load' }];
      file.tasks.push({ type: 'test', name: 'file failed to load', mode: 'run', file, suite: undefined, result: { state: 'fail', errors } });
    }
  },
};

export default defineConfig({
  test: {
    reporters: ['default', loadFailuresAsFailedTests],
    include: (process.env.FEEDPUB_MUTATE_TESTS ?? '').split(',').filter(Boolean),
    testTimeout: 30_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
