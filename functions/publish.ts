import { ConfigError, type RebuildReport, rebuild } from '../src/index.js';
import type { Context } from 'aws-lambda';
import { createLambdaDeps, withDeadline } from './deps.js';
import { failureAction } from './failure-action.js';
import { parseTrigger } from './event.js';
import { relevantKeys } from './relevant-keys.js';
import { summarize } from './summarize.js';

/** Built once per cold start; a bad environment fails the init, loudly. */
const deps = createLambdaDeps(process.env);

/**
 * The Lambda handler: S3 notifications (through SQS) and `{"action":"rebuild"}`. A notification run
 * reads only the keys it names and trusts the manifest for the rest (a config key makes it a full
 * run); `{"action":"rebuild"}` (the hourly schedule, an operator) lists and reconciles everything.
 * A failure fails the whole batch (SQS retries it, then the DLQ), but a config error in a notification run:
 * retrying cannot fix it, and the authors' report names it.
 *
 * @example
 * await handler({ action: 'rebuild', force: true });
 */
export const handler = async (event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  let trigger: ReturnType<typeof parseTrigger>;
  try {
    trigger = parseTrigger(event);
  } catch (error) {
    deps.logger.error('run-failed', { trigger: 'unknown', error, action: failureAction(error) });
    throw error;
  }
  if (trigger.ignored !== undefined) deps.logger.warn('messages-ignored', { count: trigger.ignored.length, messages: trigger.ignored.slice(0, 10) });
  const keys = relevantKeys(trigger.keys, deps.env.contentPrefix);
  if (trigger.kind === 'test' || (trigger.kind !== 'rebuild' && keys.length === 0)) {
    deps.logger.info('skipped', { trigger: trigger.kind, keys: trigger.keys.length });
    return { skipped: true as const, trigger: trigger.kind };
  }
  let report: RebuildReport;
  try {
    report = await rebuild(deps.rebuild, {
      trigger: trigger.kind,
      force: trigger.force ?? false,
      limits: withDeadline(deps.limits, context),
      contentPrefix: deps.env.contentPrefix,
      invalidation: deps.env.invalidation,
      // A full run (the hourly safety net, a wake-up, an operator) sets a pending wake-up again, should it be lost.
      ...(trigger.kind === 'rebuild' ? { refreshSchedule: true } : { changedKeys: keys, ...(trigger.versions ? { changedVersions: trigger.versions } : {}) }),
    });
  } catch (error) {
    // A config that does not resolve (the authors' report names it) is not fixed by retrying a batch of
    // notifications: the upload that fixes it is notified itself. The hourly run still fails on it (alarm).
    if (error instanceof ConfigError && trigger.kind !== 'rebuild') {
      deps.logger.error('config-invalid', { trigger: trigger.kind, key: error.key, reason: error.message, keys: keys.slice(0, 20) });
      return { configError: { key: error.key, message: error.message }, trigger: trigger.kind };
    }
    // Thrown, so that Lambda retries (and the Errors alarm fires): one line first that says which run, why
    // and what to do, where the runtime's own would say only the stack (an operator audit).
    deps.logger.error('run-failed', { trigger: trigger.kind, error, action: failureAction(error), keys: keys.slice(0, 20) });
    throw error;
  }
  const summary = summarize(report);
  deps.logger.info('rebuilt', { ...summary, keys: keys.slice(0, 20), problemList: report.problems.slice(0, 20) });
  return summary;
};
