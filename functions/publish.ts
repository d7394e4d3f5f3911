import { rebuild } from '../src/index.js';
import { createLambdaDeps } from './deps.js';
import { parseTrigger } from './event.js';
import { relevantKeys } from './relevant-keys.js';
import { summarize } from './summarize.js';

/** Built once per cold start; a bad environment fails the init, loudly. */
const deps = createLambdaDeps(process.env);

/**
 * The Lambda handler: S3 notifications (through SQS) and `{"action":"rebuild"}`. A notification run
 * reads only the keys it names and trusts the manifest for the rest (a config key makes it a full
 * run); `{"action":"rebuild"}` (the hourly schedule, an operator) lists and reconciles everything.
 * A failure fails the whole batch (SQS retries it, then the DLQ).
 *
 * @example
 * await handler({ action: 'rebuild', force: true });
 */
export const handler = async (event: unknown) => {
  const trigger = parseTrigger(event);
  const keys = relevantKeys(trigger.keys, deps.env.contentPrefix);
  if (trigger.kind === 'test' || (trigger.kind !== 'rebuild' && keys.length === 0)) {
    deps.logger.info('skipped', { trigger: trigger.kind, keys: trigger.keys.length });
    return { skipped: true as const, trigger: trigger.kind };
  }
  const report = await rebuild(deps.rebuild, {
    trigger: trigger.kind,
    force: trigger.force ?? false,
    limits: deps.limits,
    contentPrefix: deps.env.contentPrefix,
    ...(trigger.kind === 'rebuild' ? {} : { changedKeys: keys, ...(trigger.versions ? { changedVersions: trigger.versions } : {}) }),
  });
  const summary = summarize(report);
  deps.logger.info('rebuilt', { ...summary, keys: keys.slice(0, 20), problemList: report.problems.slice(0, 20) });
  return summary;
};
