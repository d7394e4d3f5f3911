import { feedpubBuild } from './feedpub-build.mjs';
import { floors } from './floors.mjs';
import { hugoBuild } from './hugo-build.mjs';

/**
 * Every scenario, in table order. A scenario is a function from the context to rows; to add one (the S3
 * scenarios, say), write it in its own file in this folder and list it here with an id for `--only`.
 *
 * @type {ReadonlyArray<{ id: string, run: import('./run-command.mjs').Scenario }>}
 */
export const SCENARIOS = [
  { id: 'floors', run: floors },
  { id: 'feedpub', run: feedpubBuild },
  { id: 'hugo', run: hugoBuild },
];
