import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeScheduler, type EventBridgeSchedulerOptions } from '../src/adapters/eventbridge-scheduler.js';
import { requestHandlerWith } from '../src/adapters/sdk-timeouts.js';

/**
 * The EventBridge Scheduler adapter, with its client when none is given: the function's region
 * (`AWS_REGION`), standard retries. `functions/deps.ts` loads this module at the end of the first
 * run that has a schedule to set, not at the cold start.
 *
 * @example
 * const scheduler = createEventBridgeScheduler(process.env, { name: 'next-change', targetArn, roleArn });
 */
export function createEventBridgeScheduler(
  env: Readonly<Record<string, string | undefined>>,
  options: Omit<EventBridgeSchedulerOptions, 'client'> & { readonly client?: SchedulerClient },
) {
  const client =
    options.client ??
    new SchedulerClient({ region: env.AWS_REGION?.trim() || 'us-east-1', retryMode: 'standard', maxAttempts: 5, requestHandler: requestHandlerWith() });
  return new EventBridgeScheduler({ ...options, client });
}
