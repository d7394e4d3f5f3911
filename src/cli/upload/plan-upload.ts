import type { StoredObject } from '../../ports.js';
import type { LocalFile } from './local-site-files.js';

/** A file to send, and why. */
export interface Upload {
  readonly file: LocalFile;
  readonly reason: 'new' | 'changed';
}

/** What to do to make the bucket match the folder. */
export interface UploadPlan {
  readonly uploads: Upload[];
  /** Same size, but the ETag is not a plain MD5 (multipart, SSE-KMS) or differs: ask the object's sha256. */
  readonly verify: LocalFile[];
  readonly unchanged: LocalFile[];
  /** Keys under the prefix with no local file (only when deleting). */
  readonly deletions: string[];
}

/** Keys that are never deleted: feedpub's report and state. */
const PROTECTED = /(^|\/)_feedpub\//;

/**
 * Compares the local files with the bucket's listing without any request per file: a missing
 * object or one of another size is uploaded; an object whose ETag is the file's MD5 (what S3
 * returns for a single-part upload without SSE-KMS) is unchanged; any other ETag goes to `verify`,
 * where the caller compares the sha256 stored in the object's metadata. With `deleteMissing`,
 * objects under `prefix` that have no local file are deleted, never a key outside the prefix and
 * never one under a `_feedpub/` folder. Pure.
 *
 * @example
 * planUpload(local, remoteByKey, { prefix: 'content/', deleteMissing: true });
 * // { uploads: [{ file, reason: 'new' }], verify: [], unchanged: [...], deletions: ['content/old.md'] }
 */
export function planUpload(
  local: readonly LocalFile[],
  remote: ReadonlyMap<string, StoredObject>,
  options: { readonly prefix: string; readonly deleteMissing: boolean },
): UploadPlan {
  const plan: UploadPlan = { uploads: [], verify: [], unchanged: [], deletions: [] };
  for (const file of local) {
    const object = remote.get(file.key);
    if (!object) plan.uploads.push({ file, reason: 'new' });
    else if (object.size !== file.size) plan.uploads.push({ file, reason: 'changed' });
    else if (plainMd5(object.version) === file.md5) plan.unchanged.push(file);
    else plan.verify.push(file);
  }
  if (options.deleteMissing && options.prefix !== '') {
    const keep = new Set(local.map((f) => f.key));
    for (const key of [...remote.keys()].sort()) {
      if (key.startsWith(options.prefix) && !keep.has(key) && !PROTECTED.test(key)) plan.deletions.push(key);
    }
  }
  return plan;
}

/**
 * The MD5 an ETag stands for, when it is a plain one (`"9e107d9d372bb6826bd81d3542a419d6"`); undefined
 * for multipart ETags (`"…-3"`) and anything else.
 *
 * @example plainMd5('"9e107d9d372bb6826bd81d3542a419d6"'); // '9e107d9d372bb6826bd81d3542a419d6'
 */
export function plainMd5(etag: string | undefined): string | undefined {
  const match = /^(?:W\/)?"?([0-9a-fA-F]{32})"?$/.exec(etag ?? '');
  return match?.[1]?.toLowerCase();
}
