/**
 * A loader (such as a dynamic `import()`) run once for every caller: the first call starts it, later ones
 * share its promise. A failed load is not kept: the next call tries again.
 *
 * @example const loadParser = loadOnce(() => import('./parser.js')); (await loadParser()).parse(text);
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
