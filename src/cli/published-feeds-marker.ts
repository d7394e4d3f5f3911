import { MANIFEST_KEY } from '../manifest.js';
import type { Storage } from '../ports.js';
import { isAccessDenied } from './describe-error.js';

/**
 * The key of feedpub's manifest when `storage` (a bucket's root) holds one, that is when it is a feeds
 * bucket; undefined when it holds none, or when the caller may not list there (a role that may not list
 * a bucket is no writer of its feeds, so its refusal says nothing).
 *
 * @example if (await publishedFeedsMarker(contentStorage)) throw new UsageError('that is the feeds bucket');
 */
export async function publishedFeedsMarker(storage: Storage): Promise<string | undefined> {
  try {
    for await (const object of storage.list(`_feedpub/${MANIFEST_KEY}`)) return object.key;
  } catch (error) {
    if (!isAccessDenied(error)) throw error;
  }
  return undefined;
}
