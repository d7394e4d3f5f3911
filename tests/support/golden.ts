import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** True when goldens should be rewritten (`npm run test:update`). */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with the golden file at `file` (a real .xml/.json file under tests/golden/); with
 * UPDATE_GOLDEN=1 rewrites it instead. A missing golden fails (never silently created in CI).
 */
export function expectGolden(file: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file missing: ${file} (run npm run test:update and review the diff)`);
  expect(actual, `golden ${path.relative(process.cwd(), file)}`).toBe(readFileSync(file, 'utf8'));
}
