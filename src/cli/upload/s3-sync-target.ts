import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3Storage } from '../../adapters/s3-storage.js';
import { StorageError } from '../../errors.js';
import type { SyncTarget } from './sync-site.js';

/**
 * The content bucket as a {@link SyncTarget}: S3Storage for listing, writing (which stores the
 * sha256 in the metadata) and deleting; HeadObject for the sha256 of an object.
 *
 * @example await syncSite(s3SyncTarget(createS3Client(process.env), 'site-content'), { siteDir: '.' });
 */
export function s3SyncTarget(client: S3Client, bucket: string): SyncTarget {
  return {
    storage: new S3Storage({ client, bucket }),
    async sha256(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.Metadata?.sha256;
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404) return undefined;
        throw new StorageError('head', `s3://${bucket}/${key}`, { cause: error });
      }
    },
  };
}
