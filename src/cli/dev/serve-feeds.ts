import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, type GetObjectCommandOutput, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { keyProblem } from '../../adapters/key-problem.js';
import { escapeHtml } from '../../render/article-html.js';
import { UsageError } from '../usage-error.js';
import { LOCAL_HOST, MISDIRECTED } from './local-host.js';

/** A running feed server. */
export interface FeedServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** What the feed server reads from and where it listens (on 127.0.0.1: only this machine). */
export interface FeedServerOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** 0 picks a free port. */
  readonly port: number;
}

const HIDDEN = /(^|\/)_feedpub\//;
/** C0, DEL and C1 controls: no feed key holds one. */
const CONTROL = /\p{Cc}/u;
/**
 * s3rver stores an object as files named `<last segment>._S3rver_metadata.json` and the like, up to 22
 * bytes more, and a file name is at most 255 bytes: a longer segment cannot be in the bucket (s3rver
 * answers it with an internal error).
 */
const MAX_SEGMENT_BYTES = 255;
const MAX_LAST_SEGMENT_BYTES = MAX_SEGMENT_BYTES - '._S3rver_metadata.json'.length;

/**
 * Serves a feeds bucket over HTTP, read-only, as the stack's CloudFront does: `GET`/`HEAD` of `/path`
 * return the object with its stored Content-Type, ETag and Last-Modified (`If-None-Match` → 304, so
 * feed readers poll cheaply); `/dir/` means `/dir/index.html` (the feed directory at `/feeds/`) and
 * `/dir`, a last segment without a dot, is redirected there, as infra/cdn.yml's viewer-request function
 * does, so a URL that works here works deployed; `/`, which the stack redirects to `/feeds/`, is an HTML
 * list of every feed; feedpub's private `_feedpub/` is never served. A key that could leave the bucket in
 * s3rver's folder (a decoded `..%2f`: s3rver joins keys onto its folder) or that no object can have (an
 * empty, `.` or too long segment, a backslash, a control character) is a 404; a request whose Host is not
 * 127.0.0.1, localhost or [::1] is a 421, so that a web page whose own name resolves to 127.0.0.1 (DNS
 * rebinding) cannot read the feeds. A port in use is a UsageError.
 *
 * @example
 * const server = await serveFeeds({ client, bucket: 'feeds', port: 8080 });
 * console.log(`${server.url}index.xml`);
 */
export async function serveFeeds(options: FeedServerOptions): Promise<FeedServer> {
  const host = '127.0.0.1';
  const server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 502, `cannot read the feeds bucket: ${error instanceof Error ? error.message : String(error)}\n`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} on ${host} is in use: pass --port N (0 picks a free one)`, 'dev') : error);
    });
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(options: FeedServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  // A request without Host is HTTP/1.0 (Node refuses HTTP/1.1 ones), never a browser's.
  const hostHeader = request.headers.host;
  if (hostHeader !== undefined && !LOCAL_HOST.test(hostHeader)) {
    return send(response, 421, MISDIRECTED);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'method not allowed\n');
  }
  let key: string;
  try {
    key = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname).slice(1);
  } catch {
    return send(response, 400, 'bad path\n');
  }
  if (key === '') return send(response, 200, await indexPage(options), 'text/html; charset=utf-8', request.method === 'HEAD');
  if (key.endsWith('/')) key += 'index.html';
  else if (key.lastIndexOf('.') < key.lastIndexOf('/') + 1) {
    // One leading slash: `//host/x` would send a browser to another host.
    const location = `/${new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '')}/`;
    response.writeHead(301, { Location: location, 'Cache-Control': 'no-cache', 'Content-Length': '0' });
    response.end();
    return;
  }
  if (HIDDEN.test(key) || !isServable(key)) return send(response, 404, 'not found\n');
  let object: GetObjectCommandOutput;
  try {
    object = await options.client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404 || (error as { name?: string }).name === 'NoSuchKey') return send(response, 404, 'not found\n');
    throw error;
  }
  const body = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', 'Content-Type': object.ContentType ?? 'application/octet-stream' };
  if (object.ETag) headers.ETag = object.ETag;
  if (object.LastModified) headers['Last-Modified'] = object.LastModified.toUTCString();
  if (object.ETag && request.headers['if-none-match'] === object.ETag) {
    response.writeHead(304, headers).end();
    return;
  }
  response.writeHead(200, { ...headers, 'Content-Length': String(body.byteLength) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** Whether `key` stays in the bucket and could name an object of it. */
function isServable(key: string): boolean {
  if (keyProblem(key) !== undefined || CONTROL.test(key)) return false;
  const segments = key.split('/');
  return segments.every((segment, i) => Buffer.byteLength(segment, 'utf8') <= (i === segments.length - 1 ? MAX_LAST_SEGMENT_BYTES : MAX_SEGMENT_BYTES));
}

/** Every feed of the bucket, linked. */
async function indexPage(options: FeedServerOptions): Promise<string> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await options.client.send(new ListObjectsV2Command({ Bucket: options.bucket, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key && !HIDDEN.test(object.Key)) keys.push(object.Key);
    token = page.NextContinuationToken;
  } while (token);
  const items = keys
    .sort()
    .map((key) => `<li><a href="/${key.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(key)}</a></li>`)
    .join('\n');
  return `<!doctype html>\n<meta charset="utf-8">\n<title>feedpub dev: feeds</title>\n<h1>Feeds</h1>\n<ul>\n${items}\n</ul>\n`;
}

function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', headOnly = false): void {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': String(bytes.byteLength), 'Cache-Control': 'no-cache' });
  response.end(headOnly ? undefined : bytes);
}
