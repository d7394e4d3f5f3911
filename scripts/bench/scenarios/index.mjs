import { feedpubBuild } from './feedpub-build.mjs';
import { feedpubIncremental } from './feedpub-incremental.mjs';
import { floors } from './floors.mjs';
import { hugoBuild } from './hugo-build.mjs';
import { lambdaBundle } from './lambda-bundle.mjs';
import { s3Reconcile } from './s3-reconcile.mjs';

/**
 * Every scenario, in table order. A scenario is a function from the context to rows; to add one, write it
 * in its own file in this folder and list it here with an id for `--only`. `s3` and `bundle` run once per
 * bench whatever `--sizes` says (the S3 scenario has its own corpus size).
 *
 * @type {ReadonlyArray<{ id: string, run: import('./run-command.mjs').Scenario }>}
 */
export const SCENARIOS = [
  { id: 'floors', run: floors },
  { id: 'feedpub', run: feedpubBuild },
  { id: 'incremental', run: feedpubIncremental },
  { id: 'hugo', run: hugoBuild },
  { id: 's3', run: s3Reconcile },
  { id: 'bundle', run: lambdaBundle },
];
