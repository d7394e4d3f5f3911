import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { walkMarkdown } from '../walk-markdown.mjs';

/** Parallel PutObject requests while uploading (s3rver is one node process: more does not help). */
export const UPLOAD_CONCURRENCY = 32;

/**
 * The keys of a corpus as they sit in the content bucket: the site config at the root (`hugo.toml`) and every
 * article under `content/`, posix-style and relative to the corpus folder, sorted.
 *
 * @param {string} corpusDir absolute path of a generated corpus
 * @returns {string[]}
 * @example
 * corpusKeys('/repo/bench/corpus/1000')[0]; // → 'content/en/news/163/20230302A00XYZ.en.md'
 */
export function corpusKeys(corpusDir) {
  const articles = walkMarkdown(join(corpusDir, 'content')).map((path) => relative(corpusDir, path).split(sep).join('/'));
  return ['hugo.toml', ...articles].sort();
}

/**
 * Uploads every key of a corpus with PutObject, `concurrency` at a time, as `feedpub upload` would leave the
 * bucket (Content-Type by extension). Files are read one by one as they are sent.
 *
 * @param {import('@aws-sdk/client-s3').S3Client} client
 * @param {{ bucket: string, corpusDir: string, keys: readonly string[], concurrency?: number }} options
 * @returns {Promise<{ objects: number, bytes: number }>}
 * @example
 * await uploadCorpus(client, { bucket: 'content', corpusDir, keys: corpusKeys(corpusDir) });
 */
export async function uploadCorpus(client, { bucket, corpusDir, keys, concurrency = UPLOAD_CONCURRENCY }) {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = /** @type {string} */ (keys[next]);
      next += 1;
      const body = readFileSync(join(corpusDir, key));
      bytes += body.byteLength;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType(key) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return { objects: keys.length, bytes };
}

/** Content-Type of a source file, by extension. */
export function contentType(/** @type {string} */ key) {
  if (key.endsWith('.md')) return 'text/markdown; charset=utf-8';
  if (key.endsWith('.toml')) return 'application/toml';
  return 'application/octet-stream';
}
