import { CreateScheduleCommand, type CreateScheduleInput, DeleteScheduleCommand, type SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import { PublisherError } from '../errors.js';
import type { Clock, Scheduler } from '../ports.js';

/** What the adapter needs. */
export interface EventBridgeSchedulerOptions {
  /** Created by the composition root; never created here. */
  readonly client: SchedulerClient;
  /** The one schedule this adapter owns (1–64 of `[0-9A-Za-z_.-]`). */
  readonly name: string;
  /** Its schedule group (default: the account's `default` group). */
  readonly groupName?: string;
  /** The Lambda function to invoke (full ARN). */
  readonly targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke it (lambda:InvokeFunction on `targetArn`). */
  readonly roleArn: string;
  /** Decides what "in the past" means (default `Date.now`). */
  readonly clock?: Clock;
}

/** A schedule operation failed; thrown so that the run is retried. */
export class SchedulerError extends PublisherError {
  override readonly name = 'SchedulerError';
}

const MINUTE = 60_000;
/**
 * How far ahead of the clock a wake-up is set at least: the request must reach the scheduler before its
 * time. A minute (as before) put posts due in the next minute two minutes late; a run finishing in the
 * minute before a due time pushed the wake-up a minute past it.
 */
const LEAD_MS = 15_000;

/** What the schedule sends to the function: a full run (see `functions/event.ts`). */
export const SCHEDULED_EVENT = { action: 'rebuild' } as const;

/**
 * {@link Scheduler} on EventBridge Scheduler: one named one-time schedule, `at(…)` in UTC, that
 * invokes the publish function with `{"action":"rebuild"}`.
 *
 * `scheduleAt(at)` replaces the schedule (`UpdateSchedule`, or `CreateSchedule` when it does not
 * exist yet, or `UpdateSchedule` again when a concurrent create won). The time is rounded up to the
 * minute (an `at` expression has no finer unit, and firing early would find the post still
 * held), and never less than 15 s ahead of the clock: a time in the past or within the next
 * 15 s becomes the next whole minute after that; but a time set before (`setBefore`) whose minute is
 * that close is left to fire. Flexible time window off. `scheduleAt(undefined)`
 * deletes the schedule (no error when there is none).
 *
 * After it fires, the schedule is kept (`ActionAfterCompletion: NONE`), not deleted: the run it
 * starts sets the next time on this same schedule a few seconds later, and a deletion by the
 * service racing with that update could delete the new time. A spent one-time schedule costs
 * nothing and never fires again. Failures become {@link SchedulerError}.
 *
 * @example
 * const scheduler = new EventBridgeScheduler({
 *   client: new SchedulerClient({}), name: 'feedpub-prod-next-change', groupName: 'feedpub-prod',
 *   targetArn: 'arn:aws:lambda:eu-west-1:111122223333:function:feedpub-prod-publish',
 *   roleArn: 'arn:aws:iam::111122223333:role/feedpub-prod-scheduler',
 * });
 * await scheduler.scheduleAt(Date.parse('2031-06-01T01:00:00Z')); // at(2031-06-01T01:00:00), UTC
 */
export class EventBridgeScheduler implements Scheduler {
  readonly #client: SchedulerClient;
  readonly #name: string;
  readonly #groupName: string | undefined;
  readonly #targetArn: string;
  readonly #roleArn: string;
  readonly #clock: Clock;

  constructor(options: EventBridgeSchedulerOptions) {
    this.#client = options.client;
    this.#name = options.name;
    this.#groupName = options.groupName;
    this.#targetArn = options.targetArn;
    this.#roleArn = options.roleArn;
    this.#clock = options.clock ?? Date.now;
  }

  async scheduleAt(at: number | undefined, options: { readonly setBefore?: boolean } = {}): Promise<void> {
    if (at === undefined || !Number.isFinite(at)) {
      await this.#delete();
      return;
    }
    const now = this.#clock();
    // Set before for this minute, and firing within seconds: setting it again (at least LEAD_MS ahead)
    // would only move it a minute later.
    const minute = Math.ceil(at / MINUTE) * MINUTE;
    if (options.setBefore === true && minute > now && minute - now < LEAD_MS) return;
    const due = scheduleTime(at, now);
    const input: CreateScheduleInput = {
      Name: this.#name,
      ...(this.#groupName === undefined ? {} : { GroupName: this.#groupName }),
      Description: `feedpub: next scheduled post or expiry (${new Date(at).toISOString()})`,
      ScheduleExpression: atExpression(due),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'NONE',
      State: 'ENABLED',
      Target: { Arn: this.#targetArn, RoleArn: this.#roleArn, Input: JSON.stringify(SCHEDULED_EVENT) },
    };
    try {
      try {
        await this.#client.send(new UpdateScheduleCommand(input));
      } catch (error) {
        if (!isNamed(error, 'ResourceNotFoundException')) throw error;
        try {
          await this.#client.send(new CreateScheduleCommand(input));
        } catch (createError) {
          // Created by someone else between the two calls: it exists now, so replace it.
          if (!isNamed(createError, 'ConflictException')) throw createError;
          await this.#client.send(new UpdateScheduleCommand(input));
        }
      }
    } catch (error) {
      throw this.#failure(`set to ${input.ScheduleExpression}`, error);
    }
  }

  async #delete(): Promise<void> {
    try {
      await this.#client.send(new DeleteScheduleCommand({ Name: this.#name, ...(this.#groupName === undefined ? {} : { GroupName: this.#groupName }) }));
    } catch (error) {
      if (isNamed(error, 'ResourceNotFoundException')) return;
      throw this.#failure('delete', error);
    }
  }

  #failure(what: string, error: unknown): SchedulerError {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    return new SchedulerError(`schedule ${this.#groupName ?? 'default'}/${this.#name} ${what} failed${reason}`, { cause: error });
  }
}

/**
 * When a wake-up for `at` should fire, seen at `now` (both epoch ms): `at` rounded up to the minute (a
 * schedule fires within its minute: never before the post), but no earlier than the first whole minute at
 * least {@link LEAD_MS} after `now`.
 *
 * @example
 * scheduleTime(Date.parse('2031-06-01T01:00:20Z'), 0); // Date.parse('2031-06-01T01:01:00Z')
 */
export function scheduleTime(at: number, now: number): number {
  return Math.ceil(Math.max(at, now + LEAD_MS) / MINUTE) * MINUTE;
}

/**
 * The one-time schedule expression for an instant, in UTC (`at(yyyy-mm-ddThh:mm:ss)`).
 *
 * @example
 * atExpression(Date.parse('2031-06-01T01:00:00Z')); // 'at(2031-06-01T01:00:00)'
 */
export function atExpression(epochMs: number): string {
  return `at(${new Date(epochMs).toISOString().slice(0, 19)})`;
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}
