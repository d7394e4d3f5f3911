import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, type GetObjectCommandOutput, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { FsStorage } from '../../../src/adapters/fs-storage.js';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { S3Storage } from '../../../src/adapters/s3-storage.js';
import { StorageError, WriteConflictError } from '../../../src/errors.js';
import type { Storage } from '../../../src/ports.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const write = (storage: Storage, body: string, ifVersion?: string | null) =>
  storage.write({ key: 'm.json', body, contentType: 'application/json', cacheControl: 'no-store', ...(ifVersion !== undefined ? { ifVersion } : {}) });

// The manifest's head is written only over the head a run read (S3's If-Match / If-None-Match): the same
// contract for every store a run can keep its state in.
describe.each([
  ['MemoryStorage', () => new MemoryStorage()],
  [
    'FsStorage',
    () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'feedpub-cas-'));
      folders.push(folder);
      return new FsStorage(folder);
    },
  ],
] as const)('conditional writes: %s', (_name, make) => {
  it('writes over the version read, refuses any other, creates only what does not exist', async () => {
    const storage: Storage = make();
    await expect(write(storage, 'a', 'no-such-version')).rejects.toBeInstanceOf(WriteConflictError);
    const first = await write(storage, 'a', null);
    await expect(write(storage, 'b', null)).rejects.toBeInstanceOf(WriteConflictError);
    const read = await storage.readVersioned?.('m.json');
    expect(read?.version).toBe(first);
    expect(new TextDecoder().decode(read?.bytes)).toBe('a');
    const second = await write(storage, 'b', read?.version);
    // The version read before the last write is stale now: refused, and nothing written.
    const stale = await write(storage, 'c', first).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(WriteConflictError);
    expect(stale).toBeInstanceOf(StorageError);
    expect(new TextDecoder().decode(await storage.read('m.json'))).toBe('b');
    expect((await storage.readVersioned?.('m.json'))?.version).toBe(second);
    expect(await storage.readVersioned?.('none.json')).toBeUndefined();
    await write(storage, 'd'); // unconditional, as feeds are written
  });
});

// The headers S3Storage sends and the answers it maps, against the SDK's mock (s3-storage.test.ts runs them
// against s3rver behind a proxy that enforces the conditions, which s3rver ignores).
describe('conditional writes: S3Storage (the requests, against the SDK mock)', () => {
  it('sends If-Match / If-None-Match, gives the ETag it read, and maps 412 and 409 to WriteConflictError when other bytes are stored', async () => {
    const s3 = mockClient(S3Client);
    try {
      // Only what S3Storage reads of a response body.
      const body = { transformToByteArray: async () => new TextEncoder().encode('head') } as unknown as NonNullable<GetObjectCommandOutput['Body']>;
      s3.on(GetObjectCommand).resolves({ Body: body, ETag: '"e1"' });
      s3.on(PutObjectCommand).resolves({ ETag: '"e2"' });
      const storage = new S3Storage({ client: new S3Client({ region: 'us-east-1' }), bucket: 'state' });
      const read = await storage.readVersioned('m.json');
      expect(read?.version).toBe('"e1"');
      expect(await write(storage, 'x', '"e1"')).toBe('"e2"');
      expect(await write(storage, 'x', null)).toBe('"e2"');
      await write(storage, 'x');
      const inputs = s3.commandCalls(PutObjectCommand).map((call) => [call.args[0].input.IfMatch, call.args[0].input.IfNoneMatch]);
      expect(inputs).toEqual([
        ['"e1"', undefined],
        [undefined, '*'],
        [undefined, undefined],
      ]);
      s3.on(HeadObjectCommand).resolves({ ETag: '"e3"', Metadata: { sha256: 'not the hash of x' } });
      for (const [name, status] of [
        ['PreconditionFailed', 412],
        ['ConditionalRequestConflict', 409],
      ] as const) {
        s3.on(PutObjectCommand).rejects(new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } }));
        await expect(write(storage, 'x', '"e1"')).rejects.toBeInstanceOf(WriteConflictError);
        // Unconditional, the same answer is a storage failure like any other.
        const other = await write(storage, 'x').catch((error: unknown) => error);
        expect(other).toBeInstanceOf(StorageError);
        expect(other).not.toBeInstanceOf(WriteConflictError);
      }
      // Refused, yet the object holds the bytes sent (an earlier attempt landed): written, with its ETag.
      s3.on(HeadObjectCommand).resolves({ ETag: '"e4"', Metadata: { sha256: createHash('sha256').update('x').digest('hex') } });
      expect(await write(storage, 'x', '"e1"')).toBe('"e4"');
      // Refused, and the object is gone: a conflict.
      s3.on(HeadObjectCommand).rejects(new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } }));
      await expect(write(storage, 'x', null)).rejects.toBeInstanceOf(WriteConflictError);
    } finally {
      s3.restore();
    }
  });
});
