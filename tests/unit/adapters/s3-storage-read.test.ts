import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3Storage } from '../../../src/adapters/s3-storage.js';
import { ObjectTooLargeError } from '../../../src/errors.js';

// What s3rver cannot show: an answer without Content-Length (S3 gives one; a proxy might not).
describe('S3Storage bounded reads (against the SDK mock)', () => {
  it('stops reading a body without Content-Length once it passes maxBytes, and drops the stream', async () => {
    const s3 = mockClient(S3Client);
    try {
      // Prepare: 16 chunks of 1 KiB, counted as the reader takes them.
      let pulled = 0;
      const stream = Readable.from(
        (function* () {
          for (let i = 0; i < 16; i++) {
            pulled++;
            yield new Uint8Array(1024);
          }
        })(),
      );
      s3.on(GetObjectCommand).resolves({ Body: stream as unknown as NonNullable<GetObjectCommandOutput['Body']>, ETag: '"e"' });
      const storage = new S3Storage({ client: new S3Client({ region: 'us-east-1' }), bucket: 'content' });
      // Act
      const failure = await storage.read('a.md', { maxBytes: 4 * 1024 }).catch((error: unknown) => error);
      // Assess
      expect(failure).toBeInstanceOf(ObjectTooLargeError);
      expect(failure).toMatchObject({ size: 5 * 1024, maxBytes: 4 * 1024 });
      expect(pulled).toBeLessThan(16);
      expect(stream.destroyed).toBe(true);
    } finally {
      s3.restore();
    }
  });
});
