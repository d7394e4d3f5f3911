/**
 * The in-process `Compute`, loaded on first use. What parsing and preparing items need (the front
 * matter parsers, the Markdown renderer, the HTML sanitizer, entity decoding: ~190 KB of the Lambda's
 * bundled code) is compiled by a run that parses or renders something, not by every cold start: a run
 * calls `warm()` first, so the loading overlaps its first waits on storage. `rebuild` uses it unless
 * given a `Compute` (the CLI's worker threads, tests).
 */
import type { Compute } from './ports.js';
import { loadOnce } from './util/load-once.js';

/** The in-process compute, imported once; a failed import is tried again by the next call. */
const load = loadOnce(async () => (await import('./compute.js')).inProcessCompute);

/** {@link inProcessCompute} behind a dynamic import. */
export const deferredCompute: Compute = {
  parse: async (site, files, options) => (await load()).parse(site, files, options),
  prepare: async (site, requests) => (await load()).prepare(site, requests),
  warm: () => {
    // A failure here is not this run's to report: the first parse or prepare tries again and throws.
    load().catch(() => undefined);
  },
};
