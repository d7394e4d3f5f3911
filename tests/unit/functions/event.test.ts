import { describe, expect, it } from 'vitest';
import { decodeS3Key, parseTrigger } from '../../../functions/event.js';
import { EventError } from '../../../src/errors.js';
import { loadEvent } from '../../fixtures/events/load-event.js';

function errorOf(run: () => unknown): EventError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventError);
    return error as EventError;
  }
  throw new Error('expected an EventError');
}

/** The ETag the fixtures' S3 records carry, quoted as S3 listings give it (the manifest's change token). */
const ETAG = '"d41d8cd98f00b204e9800998ecf8427e"';

describe('parseTrigger', () => {
  it('decodes an S3 put whose key is form-encoded (+ for spaces, %E4%B8%AD for 中)', () => {
    const event = loadEvent('s3-put-encoded-key');
    expect(parseTrigger(event)).toEqual({
      kind: 's3',
      keys: ['content/posts/hello world 中文.md'],
      versions: new Map([['content/posts/hello world 中文.md', ETAG]]),
    });
  });

  it('reads a delete (delete marker on a versioned bucket)', () => {
    expect(parseTrigger(loadEvent('s3-delete'))).toEqual({ kind: 's3', keys: ['content/posts/old-post.md'] });
  });

  it('passes non-Markdown keys on (the handler decides what is relevant)', () => {
    expect(parseTrigger(loadEvent('s3-put-image'))).toMatchObject({ kind: 's3', keys: ['content/posts/images/photo 1.jpg'] });
    expect(parseTrigger(loadEvent('s3-put-config'))).toMatchObject({ kind: 's3', keys: ['hugo.toml'] });
  });

  it('unwraps S3 notifications from an SQS batch, decoding and de-duplicating keys', () => {
    expect(parseTrigger(loadEvent('sqs-s3-put-delete'))).toEqual({
      kind: 'sqs',
      keys: ['content/posts/hello world 中文.md', 'content/posts/old-post.md'],
      // A removal has no version; the put has its ETag.
      versions: new Map([['content/posts/hello world 中文.md', ETAG]]),
    });
  });

  it('gives each created key the ETag of its last event, and none to a key last removed or reported without one', () => {
    const record = (eventName: string, key: string, eTag?: string) => ({
      eventSource: 'aws:s3',
      eventName,
      s3: { bucket: { name: 'content' }, object: { key, ...(eTag === undefined ? {} : { eTag }) } },
    });
    const trigger = parseTrigger({
      Records: [
        record('ObjectCreated:Put', 'content/a.md', 'aaa'),
        record('ObjectCreated:Put', 'content/a.md', 'bbb-2'),
        record('ObjectCreated:Put', 'content/b.md', 'ccc'),
        record('ObjectRemoved:Delete', 'content/b.md'),
        record('ObjectCreated:Copy', 'content/c.md'),
        record('ObjectCreated:Put', 'content/d.md', '"ddd"'),
      ],
    });
    expect(trigger.keys).toEqual(['content/a.md', 'content/b.md', 'content/c.md', 'content/d.md']);
    expect(trigger.versions).toEqual(
      new Map([
        ['content/a.md', '"bbb-2"'],
        ['content/d.md', '"ddd"'],
      ]),
    );
    expect(parseTrigger({ Records: [record('ObjectRemoved:Delete', 'content/b.md')] })).not.toHaveProperty('versions');
  });

  it('treats a batch of only s3:TestEvent messages as a test event with nothing to do', () => {
    expect(parseTrigger(loadEvent('sqs-s3-test-event'))).toEqual({ kind: 'test', keys: [] });
  });

  it('skips the s3:TestEvent inside a batch that also carries real notifications', () => {
    expect(parseTrigger(loadEvent('sqs-s3-mixed-test-and-put'))).toEqual({
      kind: 'sqs',
      keys: ['content/about us.md'],
      versions: new Map([['content/about us.md', ETAG]]),
    });
  });

  it('accepts {"action":"rebuild"}, with or without force', () => {
    expect(parseTrigger(loadEvent('rebuild'))).toEqual({ kind: 'rebuild', keys: [], force: false });
    expect(parseTrigger(loadEvent('rebuild-force'))).toEqual({ kind: 'rebuild', keys: [], force: true });
  });

  it('ignores S3 records that neither create nor remove an object', () => {
    const event = loadEvent('s3-put-encoded-key') as { Records: Array<{ eventName: string }> };
    for (const record of event.Records) record.eventName = 'ObjectRestore:Completed';
    expect(parseTrigger(event)).toEqual({ kind: 's3', keys: [] });
  });

  it.each([
    ['null', null],
    ['a string', 'rebuild'],
    ['an array', []],
    ['an empty object', {}],
    ['an EventBridge scheduled event', loadEvent('eventbridge-scheduled')],
    ['an empty Records list', { Records: [] }],
    ['records of another source', { Records: [{ eventSource: 'aws:dynamodb' }] }],
  ])('rejects %s with an EventError naming what is accepted', (_label, event) => {
    const error = errorOf(() => parseTrigger(event));
    expect(error.message).toMatch(/unsupported event .*expected an S3 event notification/);
  });

  it('rejects an unknown action or extra fields on the rebuild event, naming the field', () => {
    expect(errorOf(() => parseTrigger({ action: 'publish' })).message).toMatch(/invalid rebuild event: action/);
    expect(errorOf(() => parseTrigger({ action: 'rebuild', force: 'yes' })).message).toMatch(/force/);
    expect(errorOf(() => parseTrigger({ action: 'rebuild', dryRun: true })).message).toMatch(/dryRun/);
  });

  it('rejects an S3 record without an object key, with the path of the problem', () => {
    const event = loadEvent('s3-delete') as { Records: Array<{ s3: { object: Record<string, unknown> } }> };
    const record = event.Records[0];
    if (record) delete record.s3.object.key;
    expect(errorOf(() => parseTrigger(event)).message).toMatch(/invalid S3 event: Records\.0\.s3\.object\.key/);
  });

  it('skips an SQS message whose body is not JSON or not an S3 notification, naming it, and keeps the batch s other notifications', () => {
    expect(parseTrigger(loadEvent('sqs-not-json'))).toEqual({
      kind: 'test',
      keys: [],
      ignored: [{ messageId: '059f36b4-87a3-44ab-83d2-661975830a7d', reason: expect.stringMatching(/body is not JSON/) }],
    });
    // A redriven dead letter that no retry makes readable, beside a good notification (and a bad key).
    const batch = loadEvent('sqs-s3-put-delete') as { Records: Array<{ messageId: string; body: string }> };
    const good = batch.Records[0];
    if (!good) throw new Error('no record');
    const badKey = JSON.parse(good.body) as { Records: Array<{ s3: { object: { key: string } } }> };
    for (const record of badKey.Records) record.s3.object.key = 'content/100%.md';
    const trigger = parseTrigger({
      Records: [{ ...good, messageId: 'm-1', body: JSON.stringify({ hello: 'world' }) }, good, { ...good, messageId: 'm-3', body: JSON.stringify(badKey) }],
    });
    expect(trigger.kind).toBe('sqs');
    expect(trigger.keys.length).toBeGreaterThan(0);
    expect(trigger.ignored).toEqual([
      { messageId: 'm-1', reason: expect.stringMatching(/invalid SQS message m-1: Records/) },
      { messageId: 'm-3', reason: expect.stringContaining('"content/100%.md"') },
    ]);
  });

  it('reads a failed asynchronous rebuild that the dead-letter queue redrove into the batch as a rebuild (force kept)', () => {
    const failed = (payload: unknown) => ({
      version: '1.0',
      timestamp: '2026-11-30T10:00:00.000Z',
      requestContext: {
        requestId: 'r',
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:publish:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: payload,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'StorageError', errorMessage: 'storage write failed' },
    });
    const batch = loadEvent('sqs-s3-put-delete') as { Records: Array<{ messageId: string; body: string }> };
    const good = batch.Records[0];
    if (!good) throw new Error('no record');
    expect(parseTrigger({ Records: [good, { ...good, messageId: 'd', body: JSON.stringify(failed({ action: 'rebuild' })) }] })).toEqual({
      kind: 'rebuild',
      keys: [],
      force: false,
    });
    expect(parseTrigger({ Records: [{ ...good, body: JSON.stringify(failed({ action: 'rebuild', force: true })) }] })).toMatchObject({
      kind: 'rebuild',
      force: true,
    });
    // A failed invocation of a payload the function does not read is skipped, and said to be one (it read
    // as a malformed S3 notification: an operator audit).
    expect(parseTrigger({ Records: [{ ...good, messageId: 't', body: JSON.stringify(failed({ action: 'rebuld' })) }] })).toMatchObject({
      ignored: [
        {
          messageId: 't',
          reason: expect.stringContaining(
            'a failed invocation, redriven from the dead-letter queue, whose payload is not one the function reads ({"action":"rebuld"}',
          ),
        },
      ],
    });
  });

  it('rejects a malformed percent-encoding in a key', () => {
    const event = loadEvent('s3-delete') as { Records: Array<{ s3: { object: { key: string } } }> };
    const record = event.Records[0];
    if (record) record.s3.object.key = 'content/100%.md';
    expect(errorOf(() => parseTrigger(event)).message).toContain('"content/100%.md"');
  });
});

describe('decodeS3Key', () => {
  it.each([
    ['content/a+b.md', 'content/a b.md'],
    ['content/a%2Bb.md', 'content/a+b.md'],
    ['content/%E4%B8%AD.md', 'content/中.md'],
    ['content/caf%C3%A9+%26+more.md', 'content/café & more.md'],
    ['plain.md', 'plain.md'],
  ])('%j → %j', (encoded, decoded) => {
    expect(decodeS3Key(encoded)).toBe(decoded);
  });
});
