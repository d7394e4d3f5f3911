import { createHash } from 'node:crypto';
import type { FsStorage } from '../../adapters/fs-storage.js';
import { StorageError } from '../../errors.js';
import { hasMarkdownSuffix } from '../../parse/pages.js';
import type { Storage } from '../../ports.js';
import { mapLimit } from '../../util/map-limit.js';
import { listConfigFiles } from '../read-site-config.js';

/** How many local files are read and hashed at once. */
const READ_CONCURRENCY = 16;

/** A file of the site folder that `upload` syncs. */
export interface LocalFile {
  /** Site-relative posix path, which is also its key in the content bucket. */
  readonly key: string;
  readonly size: number;
  /** Hex digests of the bytes: MD5 (what S3 reports as the ETag of a single-part upload) and SHA-256. */
  readonly md5: string;
  readonly sha256: string;
}

/**
 * The files `upload` syncs from a site folder: its config files (hugo.*, config.* and feedpub.* at its
 * root, and those Hugo reads in config/_default/ and config/production/, at any depth: `isConfigKey`) and the
 * Markdown files under `prefix` (the content folder: the only content a run reads, so images, video and other
 * files of the site are neither read nor sent), skipping hidden files and folders there (a segment starting
 * with `.`: Hugo reads those of the config folders); symbolic links as `storage` lists them (a site folder's follows those
 * that stay inside it, under the link's key). Each is read once to hash it. Sorted by key.
 *
 * @example const files = await listLocalSiteFiles(new FsStorage('.', { followLinks: true }), 'content/');
 */
export async function listLocalSiteFiles(storage: FsStorage, prefix: string): Promise<LocalFile[]> {
  const objects = [...(await listConfigFiles(storage))];
  for await (const object of storage.list(prefix)) {
    if (hasMarkdownSuffix(object.key) && !object.key.split('/').some((segment) => segment.startsWith('.'))) objects.push(object);
  }
  objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return mapLimit(objects, READ_CONCURRENCY, async ({ key }) => {
    const bytes = await readLocal(storage, key);
    return {
      key,
      size: bytes.byteLength,
      md5: createHash('md5').update(bytes).digest('hex'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
}

/**
 * The bytes of a site file (by key), through the storage's checks (a link is followed only while it
 * leads inside the folder), as a StorageError when it cannot be read or is gone.
 *
 * @example const bytes = await readLocal(new FsStorage('.', { followLinks: true }), 'content/en/a.md');
 */
export async function readLocal(storage: Storage, key: string): Promise<Uint8Array> {
  const bytes = await storage.read(key);
  if (bytes === undefined) throw new StorageError('read', key, { cause: new Error('the file is gone') });
  return bytes;
}
