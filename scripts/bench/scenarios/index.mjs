import { feedpubBuild } from './feedpub-build.mjs';
import { feedpubIncremental } from './feedpub-incremental.mjs';
import { floors } from './floors.mjs';
import { hugoBuild } from './hugo-build.mjs';
import { lambdaBundle } from './lambda-bundle.mjs';
import { s3Reconcile } from './s3-reconcile.mjs';

/**
 * Every scenario, in table order. A scenario is a function from the context to rows; to add one, write it
 * in its own file in this folder and list it here with an id for `--only`. `s3` and `bundle` run once per
 * bench whatever `--sizes` says (`once`: the S3 scenario has its own corpus size), after every size's
 * scenarios: the S3 scenario's full reconcile (750 MB, and s3rver beside it) left these machines slower
 * at handing out fresh memory for a while, and a 10,000-article build measured after it took 9.3 s
 * against 5.8 s on its own.
 *
 * @type {ReadonlyArray<{ id: string, run: import('./run-command.mjs').Scenario, once?: boolean }>}
 */
export const SCENARIOS = [
  { id: 'floors', run: floors },
  { id: 'feedpub', run: feedpubBuild },
  { id: 'incremental', run: feedpubIncremental },
  { id: 'hugo', run: hugoBuild },
  { id: 's3', run: s3Reconcile, once: true },
  { id: 'bundle', run: lambdaBundle, once: true },
];
