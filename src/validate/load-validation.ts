/**
 * The output checks (`validate-output.ts` and the XML parser behind it), loaded by the first run that
 * writes something: a run that writes nothing (most of a Lambda's no-op runs) never compiles them.
 *
 * @example const { validateOutput } = await loadValidation();
 */
let loading: Promise<typeof import('./validate-output.js')> | undefined;

export function loadValidation(): Promise<typeof import('./validate-output.js')> {
  loading ??= import('./validate-output.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
