// How the function invalidates CloudFront (src/rebuild/invalidation-budget.ts), from
// `--param="invalidation=budget|paths|all"` (default budget: the changed paths while the month's count stays
// within the free paths, then `/*`) and `--param="freeInvalidationPaths=N"` (default 1000, CloudFront's free
// paths a month for the whole account: less when other distributions of the account use them). The
// function's CDN_INVALIDATION and CDN_FREE_PATHS. Read by serverless.yml at package time, which fails here
// on a value the function would refuse at its start (the free paths' rule is its own: deploy-settings.cjs).
'use strict';

const { freePathsProblem } = require('./deploy-settings.cjs');

const MODES = ['budget', 'paths', 'all'];

module.exports = async ({ resolveConfigurationProperty }) => {
  const mode = String((await resolveConfigurationProperty(['custom', 'invalidationParam'])) ?? '');
  const freePaths = String((await resolveConfigurationProperty(['custom', 'freeInvalidationPathsParam'])) ?? '');
  if (!MODES.includes(mode)) {
    throw new Error(`feedpub: invalidation must be one of ${MODES.join(', ')}, not ${JSON.stringify(mode)}`);
  }
  const problem = freePathsProblem(freePaths);
  if (problem !== undefined) throw new Error(`feedpub: freeInvalidationPaths ${problem}, not ${JSON.stringify(freePaths)}`);
  return { mode, freePaths: String(Number(freePaths.trim())) };
};
