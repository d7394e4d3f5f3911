/**
 * The output checks (`validate-output.ts` and the XML parser behind it), loaded by the first run that
 * writes something: a run that writes nothing (most of a Lambda's no-op runs) never compiles them.
 *
 * @example const { validateOutput } = await loadValidation();
 */
import { loadOnce } from '../util/load-once.js';

export const loadValidation = loadOnce(() => import('./validate-output.js'));
