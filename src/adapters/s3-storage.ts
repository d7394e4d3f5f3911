import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { ObjectTooLargeError, StorageError, UnreadableObjectError, WriteConflictError } from '../errors.js';
import type { ReadOptions, Storage, StoredObject, WriteRequest } from '../ports.js';
import { emptyRequestCounts, type RequestCounts } from './request-counts.js';

/** GETs of one read, when their bodies are cut: the SDK retries a request only until its answer's head arrives. */
const BODY_ATTEMPTS = 3;

/** How to reach the bucket. */
export interface S3StorageOptions {
  /** Created by the composition root (see `createS3Client`); never created here. */
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key (`_feedpub/`); keys seen through this storage are relative to it. */
  readonly prefix?: string;
  /** Keys per ListObjectsV2 page (1..1000, default 1000). */
  readonly pageSize?: number;
}

/**
 * {@link Storage} on an S3 bucket, optionally below a prefix.
 *
 * Writes store `ContentType`, `CacheControl` and the sha256 of the body in the object metadata
 * (`x-amz-meta-sha256`), because S3's ETag is not a content hash under SSE-KMS or multipart. A
 * conditional write S3 refuses (412, 409) is a {@link WriteConflictError} unless a HEAD finds the
 * object holding the bytes sent: an earlier attempt of the same write landed, its answer lost. A read
 * whose body is cut (the SDK retries only until an answer's head arrives) is sent again, three GETs in all.
 * A read with `maxBytes` drops the body of a larger object once its `Content-Length` says so. An object S3
 * refuses for a reason of its own (archived, SSE-C, a KMS key the role may not use) is an
 * {@link UnreadableObjectError}; any other refusal a {@link StorageError}.
 * Every SDK failure is rethrown as a {@link StorageError} naming the operation and the
 * `s3://bucket/key`, with the SDK error as `cause`. Listed objects carry the ETag as `version`
 * (it changes whenever the bytes may have changed). `requests` counts the S3 requests sent
 * (one per ListObjectsV2 page).
 *
 * @example
 * const feeds = new S3Storage({ client: createS3Client(process.env), bucket: 'my-feeds' });
 * await feeds.write({ key: 'index.xml', body: xml, contentType: 'application/rss+xml', cacheControl: 'max-age=300' });
 */
export class S3Storage implements Storage {
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;
  readonly #pageSize: number;
  /** S3 requests sent so far, by operation (LIST counts pages). */
  readonly requests: RequestCounts = emptyRequestCounts();

  constructor(options: S3StorageOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
    this.#prefix = options.prefix ?? '';
    this.#pageSize = Math.min(1000, Math.max(1, Math.trunc(options.pageSize ?? 1000)));
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const fullPrefix = this.#prefix + prefix;
    const pages = paginateListObjectsV2({ client: this.#client, pageSize: this.#pageSize }, { Bucket: this.#bucket, Prefix: fullPrefix });
    try {
      for await (const page of pages) {
        this.requests.list += 1;
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined || !object.Key.startsWith(this.#prefix)) continue;
          yield {
            key: object.Key.slice(this.#prefix.length),
            size: object.Size ?? 0,
            ...(object.ETag === undefined ? {} : { version: object.ETag }),
          };
        }
      }
    } catch (error) {
      throw new StorageError('list', this.#uri(fullPrefix), { cause: error });
    }
  }

  async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
    return (await this.readVersioned(key, options))?.bytes;
  }

  async readVersioned(key: string, options: ReadOptions = {}): Promise<{ bytes: Uint8Array; version: string | undefined } | undefined> {
    const fullKey = this.#prefix + key;
    for (let attempt = 1; ; attempt++) {
      this.requests.read += 1;
      let response: GetObjectCommandOutput;
      try {
        response = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: fullKey }));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        const reason = unreadableReason(error);
        if (reason !== undefined) throw new UnreadableObjectError(this.#uri(fullKey), reason, { cause: error });
        throw new StorageError('read', this.#uri(fullKey), { cause: error });
      }
      try {
        const bytes = await readBody(response, options.maxBytes, this.#uri(fullKey));
        return { bytes, version: response.ETag };
      } catch (error) {
        if (error instanceof ObjectTooLargeError) throw error;
        // The SDK retries a request until its answer's head arrives, not a body cut after it (a reset, a
        // stalled stream): a GET changes nothing, so it is sent again, up to BODY_ATTEMPTS in all.
        if (attempt >= BODY_ATTEMPTS) throw new StorageError('read', this.#uri(fullKey), { cause: error });
      }
    }
  }

  async write(request: WriteRequest): Promise<string | undefined> {
    this.requests.write += 1;
    const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    const hash = createHash('sha256').update(body).digest('hex');
    const key = this.#prefix + request.key;
    try {
      const response = await this.#client.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: body,
          ContentType: request.contentType,
          CacheControl: request.cacheControl,
          Metadata: { sha256: hash },
          ...(request.ifVersion === null ? { IfNoneMatch: '*' } : request.ifVersion !== undefined ? { IfMatch: request.ifVersion } : {}),
        }),
      );
      return response.ETag;
    } catch (error) {
      if (request.ifVersion === undefined || !isConflict(error)) throw new StorageError('write', this.#uri(key), { cause: error });
      // S3 may apply a write whose answer is then lost (a 500, a reset, a timeout): the SDK sends it again,
      // and the condition now fails on this very write. The bytes sent being there says which it was.
      const landed = await this.#versionIfStored(key, hash);
      if (landed !== undefined) return landed;
      throw new WriteConflictError(this.#uri(key));
    }
  }

  /**
   * The object's ETag when it holds the bytes whose sha256 is `hash` (the metadata every write stores);
   * undefined when it holds others or is gone.
   */
  async #versionIfStored(key: string, hash: string): Promise<string | undefined> {
    this.requests.read += 1;
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: key }));
      return head.Metadata?.sha256 === hash ? head.ETag : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new StorageError('write', this.#uri(key), { cause: error });
    }
  }

  async delete(key: string): Promise<void> {
    this.requests.delete += 1;
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#prefix + key }));
    } catch (error) {
      if (isNotFound(error)) return;
      throw new StorageError('delete', this.#uri(this.#prefix + key), { cause: error });
    }
  }

  #uri(fullKey: string): string {
    return `s3://${this.#bucket}/${fullKey}`;
  }
}

/**
 * A GET's body, read no further than `maxBytes`: an object S3 says is larger (`Content-Length`) is not
 * read at all (its stream is dropped), and one that turns out longer stops the read past the bound.
 */
async function readBody(response: GetObjectCommandOutput, maxBytes: number | undefined, uri: string): Promise<Uint8Array> {
  const body = response.Body;
  if (body === undefined) return new Uint8Array();
  if (maxBytes === undefined) return body.transformToByteArray();
  const stream = body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  if (response.ContentLength !== undefined && response.ContentLength > maxBytes) {
    stream.destroy?.();
    throw new ObjectTooLargeError(uri, response.ContentLength, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += chunk.byteLength;
    if (length > maxBytes) {
      stream.destroy?.();
      throw new ObjectTooLargeError(uri, response.ContentLength ?? length, maxBytes);
    }
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks, length);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A conditional write S3 refused: 412 PreconditionFailed (the object changed, or exists), or 409
 * ConditionalRequestConflict (another conditional write to it was in progress).
 */
function isConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'PreconditionFailed' || name === 'ConditionalRequestConflict' || $metadata?.httpStatusCode === 412 || $metadata?.httpStatusCode === 409;
}

/**
 * Why S3 will not give this one object to any retry, or undefined for a failure a retry (or a fixed
 * deployment) may cure. Only what S3 says of the object itself: archived (403 InvalidObjectState),
 * encrypted with a customer-provided key (400 InvalidRequest about server-side encryption), or with a KMS
 * key this role may not use (a `KMS.*` code, or AccessDenied naming KMS). Any other AccessDenied is the
 * role's or the bucket's policy, which applies to every key: thrown, so the run fails and the alarm says so.
 */
function unreadableReason(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, message, StorageClass, $metadata } = error as {
    name?: unknown;
    message?: unknown;
    StorageClass?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = $metadata?.httpStatusCode;
  const text = typeof message === 'string' ? message : '';
  if (name === 'InvalidObjectState' && status === 403) {
    const storageClass = typeof StorageClass === 'string' && StorageClass !== '' ? ` (${StorageClass})` : '';
    return `archived in a storage class S3 does not read from${storageClass}: restore it, or copy it to a class that can be read`;
  }
  if (name === 'InvalidRequest' && status === 400 && /server.side encryption/i.test(text)) {
    return 'encrypted with a customer-provided key (SSE-C), which feedpub does not have: upload it without SSE-C';
  }
  if ((typeof name === 'string' && name.startsWith('KMS.')) || (name === 'AccessDenied' && /\bkms\b|kms:/i.test(text))) {
    return `encrypted with a KMS key this function may not use (S3: ${text || String(name)})`;
  }
  return undefined;
}

/** NoSuchKey, or any 404 (HEAD-style responses carry no error code). */
function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return name === 'NoSuchKey' || (name !== 'NoSuchBucket' && $metadata?.httpStatusCode === 404);
}
