import type { TestContext } from 'vitest';

/**
 * Skips the running test and says why on stderr. Vitest's default reporter shows a skip's note only in
 * its verbose listing, and counts the test as skipped among hundreds: a test that cannot run on this
 * machine (no root, no `chattr`, no PID namespaces) would go unnoticed.
 *
 * @example
 * if (!mounted) skipBecause(ctx, 'cannot mount a read-only tmpfs here (needs root)');
 */
export function skipBecause(ctx: TestContext, why: string): never {
  console.warn(`skipped: ${ctx.task.name}: ${why}`);
  return ctx.skip(why);
}
