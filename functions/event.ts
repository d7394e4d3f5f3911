import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { EventError } from '../src/index.js';

/** An S3 event notification record (only the fields feedpub reads; the rest pass through). */
export const s3RecordSchema = z.object({
  eventSource: z.literal('aws:s3'),
  eventName: z.string().check(z.minLength(1)),
  s3: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: z.object({ key: z.string().check(z.minLength(1)), eTag: z.optional(z.string()) }),
  }),
});

/** An S3 event notification, as S3 sends it to Lambda or in an SQS message body. */
export const s3EventSchema = z.object({ Records: z.array(s3RecordSchema).check(z.minLength(1)) });

/** The message S3 sends once when a notification configuration is saved. */
export const s3TestEventSchema = z.object({
  Service: z.literal('Amazon S3'),
  Event: z.literal('s3:TestEvent'),
});

/** An SQS batch; each body is parsed on its own as an S3 notification or test event. */
export const sqsEventSchema = z.object({
  Records: z.array(z.object({ eventSource: z.literal('aws:sqs'), messageId: z.string(), body: z.string() })).check(z.minLength(1)),
});

/** A direct invocation asking for a full run (a schedule, an operator). */
export const rebuildEventSchema = z.strictObject({
  action: z.literal('rebuild'),
  force: z.optional(z.boolean()),
});

/**
 * What Lambda records in the dead-letter queue for an asynchronous invocation that failed (its
 * `OnFailure` destination): the event it was given is `requestPayload`. Redriven to the events queue,
 * a failed `{"action":"rebuild"}` asks for a rebuild again.
 */
const asyncFailureSchema = z.object({ requestContext: z.object({}), requestPayload: rebuildEventSchema });
/** Any failed asynchronous invocation's record, whatever its payload. */
const failureEnvelopeSchema = z.object({ requestContext: z.object({}), requestPayload: z.unknown() });

/** A message of an SQS batch that asks for nothing feedpub knows, and why: skipped, not retried. */
export interface IgnoredMessage {
  readonly messageId: string;
  readonly reason: string;
}

/** What started a run: the kind of event and the decoded object keys it names. */
export interface Trigger {
  readonly kind: 's3' | 'sqs' | 'rebuild' | 'test';
  /** Decoded keys of created or removed objects, de-duplicated, in event order. */
  readonly keys: readonly string[];
  /**
   * The version of each key whose last event created it: its ETag, quoted as S3 listings give it
   * (`"9b2cf535f27731c974343645a3985328"`). A key last removed, or reported without an ETag, has none.
   */
  readonly versions?: ReadonlyMap<string, string>;
  /** Only for `rebuild`: ignore the manifest. */
  readonly force?: boolean;
  /** Messages of an SQS batch that were neither S3 notifications nor rebuild requests. */
  readonly ignored?: readonly IgnoredMessage[];
}

/** The S3 events that change the content: everything else names no key. */
const CHANGE_EVENT = /^(ObjectCreated|ObjectRemoved):/;

/**
 * Validates an incoming Lambda event and says what it asks for. Accepts an S3 event notification,
 * an SQS batch whose bodies are S3 notifications (or the `s3:TestEvent`, which asks for nothing),
 * and `{"action":"rebuild"}` (optionally `"force": true`). Keys are form-decoded as S3 encodes
 * them (`+` is a space). Anything else throws an {@link EventError} that lists every problem with
 * its path.
 *
 * @example
 * parseTrigger({ action: 'rebuild' }); // { kind: 'rebuild', keys: [], force: false }
 */
export function parseTrigger(event: unknown): Trigger {
  if (isObject(event) && 'action' in event) {
    const { force = false } = check(rebuildEventSchema, event, 'rebuild event');
    return { kind: 'rebuild', keys: [], force };
  }
  const source = isObject(event) && Array.isArray(event.Records) ? firstSource(event.Records) : undefined;
  if (source === 'aws:s3') {
    const changes = changesOf(check(s3EventSchema, event, 'S3 event').Records);
    return { kind: 's3', keys: unique(changes.map((c) => c.key)), ...versionsOf(changes) };
  }
  if (source === 'aws:sqs') {
    // A message no retry can make readable is skipped (and logged), not allowed to fail the batch, whose
    // other notifications would then never be published: the queue's dead letters, redriven, are of
    // both kinds. A failed rebuild among them asks for a rebuild, which covers every notification.
    const batch = check(sqsEventSchema, event, 'SQS event');
    const changes: Change[] = [];
    const ignored: IgnoredMessage[] = [];
    let notifications = 0;
    let rebuild: { force: boolean } | undefined;
    for (const record of batch.Records) {
      const what = `SQS message ${record.messageId}`;
      let body: unknown;
      try {
        body = parseJson(record.body, what);
        if (s3TestEventSchema.safeParse(body).success) continue;
        const failed = asyncFailureSchema.safeParse(body);
        if (failed.success) {
          rebuild = { force: (rebuild?.force ?? false) || (failed.data.requestPayload.force ?? false) };
          continue;
        }
        // A failed invocation whose payload the function does not read (a typo sent by hand): said as such,
        // not as a malformed S3 notification (an operator audit).
        const envelope = failureEnvelopeSchema.safeParse(body);
        if (envelope.success) {
          const payload = JSON.stringify(envelope.data.requestPayload) ?? String(envelope.data.requestPayload);
          throw new EventError(
            `a failed invocation, redriven from the dead-letter queue, whose payload is not one the function reads (${payload.length > 200 ? `${payload.slice(0, 200)}…` : payload}; {"action":"rebuild"} is)`,
          );
        }
        const notification = changesOf(check(s3EventSchema, body, what).Records);
        notifications += 1;
        changes.push(...notification);
      } catch (error) {
        if (!(error instanceof EventError)) throw error;
        // The whole message: S3 puts one record in each, so a bad key costs no other notification.
        ignored.push({ messageId: record.messageId, reason: error.message });
      }
    }
    const skipped = ignored.length > 0 ? { ignored } : {};
    if (rebuild) return { kind: 'rebuild', keys: [], force: rebuild.force, ...skipped };
    return notifications === 0
      ? { kind: 'test', keys: [], ...skipped }
      : { kind: 'sqs', keys: unique(changes.map((c) => c.key)), ...versionsOf(changes), ...skipped };
  }
  throw new EventError(`unsupported event ${describe(event)}: expected an S3 event notification, an SQS batch of S3 notifications, or {"action":"rebuild"}`);
}

/**
 * Decodes an S3 notification key: S3 form-encodes keys, so `+` is a space.
 *
 * @example
 * decodeS3Key('my+post%E4%B8%AD.md'); // 'my post中.md'
 */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (error) {
    throw new EventError(`malformed object key in event: ${JSON.stringify(key)}`, { cause: error });
  }
}

/** One created or removed object, as a record reports it. */
interface Change {
  readonly key: string;
  /** The quoted ETag of a created object, when the record gives one. */
  readonly version: string | undefined;
}

function changesOf(records: readonly z.infer<typeof s3RecordSchema>[]): Change[] {
  return records
    .filter((record) => CHANGE_EVENT.test(record.eventName))
    .map((record) => {
      const { key, eTag } = record.s3.object;
      const created = record.eventName.startsWith('ObjectCreated:') && eTag !== undefined && eTag !== '';
      return { key: decodeS3Key(key), version: created ? `"${eTag.replace(/^"|"$/g, '')}"` : undefined };
    });
}

/** Each key's version from its last change, in event order (a later removal leaves it none); nothing when none has one. */
function versionsOf(changes: readonly Change[]): { versions?: ReadonlyMap<string, string> } {
  const versions = new Map<string, string>();
  for (const { key, version } of changes) {
    if (version === undefined) versions.delete(key);
    else versions.set(key, version);
  }
  return versions.size > 0 ? { versions } : {};
}

/** zod/mini has no messages of its own: its English ones, made once, for {@link check}. */
const englishErrors = en().localeError;

function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value, { error: englishErrors });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new EventError(`invalid ${what}: ${issues.join('; ')}`);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EventError(`${what}: body is not JSON`, { cause: error });
  }
}

function firstSource(records: unknown[]): unknown {
  const first: unknown = records[0];
  return isObject(first) ? first.eventSource : undefined;
}

function describe(event: unknown): string {
  if (!isObject(event)) return `of type ${event === null ? 'null' : typeof event}`;
  const keys = Object.keys(event).slice(0, 5);
  return `with keys [${keys.join(', ')}]`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
