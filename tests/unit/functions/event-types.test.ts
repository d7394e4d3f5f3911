import type { S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { parseTrigger, type s3EventSchema, type s3TestEventSchema, type sqsEventSchema } from '../../../functions/event.js';
import s3Delete from '../../fixtures/events/s3-delete.json' with { type: 'json' };
import s3PutConfig from '../../fixtures/events/s3-put-config.json' with { type: 'json' };
import s3PutEncodedKey from '../../fixtures/events/s3-put-encoded-key.json' with { type: 'json' };
import s3PutImage from '../../fixtures/events/s3-put-image.json' with { type: 'json' };
import sqsMixed from '../../fixtures/events/sqs-s3-mixed-test-and-put.json' with { type: 'json' };
import sqsPutDelete from '../../fixtures/events/sqs-s3-put-delete.json' with { type: 'json' };
import sqsTestEvent from '../../fixtures/events/sqs-s3-test-event.json' with { type: 'json' };

/**
 * The handler takes `unknown` and checks it at run time (an event is input like any other); AWS's own
 * event types (`@types/aws-lambda`) hold the schemas and the fixtures to the shapes AWS documents, so
 * that neither drifts into something Lambda never sends. These checks are made by `tsc` (`npm test`
 * runs it first); the assertions below make the same fixtures go through the parser.
 */
describe('events as AWS types describe them', () => {
  it('every S3 notification and SQS batch AWS can send is a shape the schemas read', () => {
    // Assignments tsc checks: an S3 event is an input the schema reads, and so on. AWS's types say
    // `eventSource: string`; the schemas tell the two kinds apart by its value.
    const readsS3: (event: { Records: (S3EventRecord & { eventSource: 'aws:s3' })[] }) => z.input<typeof s3EventSchema> = (event) => event;
    const readsSqs: (event: { Records: (SQSRecord & { eventSource: 'aws:sqs' })[] }) => z.input<typeof sqsEventSchema> = (event) => event;
    const readsTest: (event: { Service: 'Amazon S3'; Event: 's3:TestEvent' }) => z.input<typeof s3TestEventSchema> = (event) => event;
    expect([readsS3, readsSqs, readsTest]).toHaveLength(3);
  });

  it('the fixtures are real S3 and SQS events, field for field', () => {
    const s3Events = [s3PutConfig, s3PutEncodedKey, s3PutImage] satisfies S3Event[];
    const sqsEvents = [sqsMixed, sqsPutDelete, sqsTestEvent] satisfies SQSEvent[];
    // A removal has no size and no eTag (S3's event message structure), which AWS's type requires of every record.
    const removal = s3Delete satisfies { Records: Omit<S3EventRecord, 's3'>[] };
    for (const event of [...s3Events, removal]) expect(parseTrigger(event).kind).toBe('s3');
    expect(sqsEvents.map((event) => parseTrigger(event).kind)).toEqual(['sqs', 'sqs', 'test']);
  });
});
