/**
 * The error of class `type` that `run` throws, or undefined when it throws nothing; any other error is
 * thrown on, so a test never mistakes one failure for another.
 *
 * @example expect(thrownBy(ConfigError, () => parseConfigText('hugo.yaml', '- a'))?.key).toBe('(root)');
 */
// biome-ignore lint/suspicious/noExplicitAny: any constructor of an error class
export function thrownBy<E extends Error>(type: new (...args: any[]) => E, run: () => unknown): E | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  return undefined;
}

/**
 * The error of class `type` that `run` throws; fails the test when it throws nothing.
 *
 * @example expect(expectThrown(BlockError, () => parseJsonBlock('{')).offset).toBe(1);
 */
// biome-ignore lint/suspicious/noExplicitAny: any constructor of an error class
export function expectThrown<E extends Error>(type: new (...args: any[]) => E, run: () => unknown): E {
  const error = thrownBy(type, run);
  if (error === undefined) throw new Error(`expected a ${type.name}, but nothing was thrown`);
  return error;
}
