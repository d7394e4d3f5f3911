import { Agent, createServer, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** What an S3 request does, from its method and path (path-style addressing). */
export type S3Operation = 'LIST' | 'GET' | 'HEAD' | 'PUT' | 'DELETE' | 'POST' | 'OTHER';

/** What the proxy did to a request instead of (or besides) passing it through. */
export type FaultKind = 'error' | 'reset' | 'delay' | 'crash';

/** One request seen by the proxy. `status` is 0 when the connection was reset before an answer. */
export interface ProxiedRequest {
  /** 1, 2, 3... in arrival order. */
  readonly seq: number;
  readonly method: string;
  readonly op: S3Operation;
  readonly bucket: string;
  /** Decoded object key; '' for bucket-level requests (listings). */
  readonly key: string;
  /** Raw path, as sent. */
  readonly path: string;
  /** Raw query string without `?` ('' when none). */
  readonly query: string;
  /** Status the client received; 0 when the connection was reset, -1 while in flight. */
  status: number;
  /** The fault applied, if any. */
  fault?: FaultKind;
}

/** Which requests a rule applies to; every given field must match. */
export interface RequestMatch {
  readonly op?: S3Operation | readonly S3Operation[];
  readonly method?: string;
  readonly bucket?: string;
  /** Decoded key: exact string or pattern. */
  readonly key?: string | RegExp;
}

/**
 * What to do to a matching request.
 * - `error`: answer `status` with an S3 XML error body (500 InternalError, 503 SlowDown, 403
 *   AccessDenied, 400 InvalidRequest by default; `message` and further elements, `details`, as S3 gives
 *   them: `{ StorageClass: 'GLACIER' }` for InvalidObjectState).
 *   `after: true` forwards the request first (the change is applied) and then answers the error.
 * - `reset`: destroy the client's socket: `request` before forwarding (nothing applied), `response`
 *   after the server answered (applied, answer lost), `mid-response` after the head and half the body.
 * - `delay`: wait `ms` before forwarding.
 */
export type FaultAction =
  | {
      readonly kind: 'error';
      readonly status: 400 | 403 | 500 | 503;
      readonly code?: string;
      readonly message?: string;
      readonly details?: Readonly<Record<string, string>>;
      readonly after?: boolean;
    }
  | { readonly kind: 'reset'; readonly phase?: 'request' | 'response' | 'mid-response' }
  | { readonly kind: 'delay'; readonly ms: number };

/** A fault for matching requests, applied `times` times (forever when absent). */
export interface FaultRule {
  readonly match?: RequestMatch;
  readonly action: FaultAction;
  readonly times?: number;
  /** Let this many matching requests through untouched before the rule applies (default 0). */
  readonly after?: number;
}

/** A rule once added: how often it has fired, and a way to remove it. */
export interface RuleHandle {
  readonly fired: () => number;
  readonly remove: () => void;
}

/** Options of {@link FaultProxy.crashAfterWrites}. */
export interface CrashOptions {
  /** The answer every write after the K-th gets (default 500 InternalError; 'reset' drops the connection). */
  readonly answer?: 500 | 503 | 'reset';
}

/** Options of {@link FaultProxy.start}. */
export interface FaultProxyOptions {
  /**
   * Enforce S3's conditional writes, which s3rver ignores: a PUT with `If-Match` is applied only while the
   * object's ETag is the one named, with `If-None-Match: *` only while there is no object; otherwise it is
   * answered 412 PreconditionFailed and nothing is written. The check (a HEAD through this client, straight
   * to the upstream) and the PUT are one step: conditional PUTs pass one at a time. Fault rules apply to the
   * answer as to any other (`after: true` on a PUT that passed its check: applied, and the answer lost).
   */
  readonly conditionalWrites?: S3Client;
}

/** Injected faults by kind, for reports: `error:500`, `error:503`, `reset:request`, `delay`, `crash`... */
export type FaultCounts = Record<string, number>;

interface ActiveRule {
  readonly rule: FaultRule;
  fired: number;
  /** Matching requests let through because of `after`. */
  passed: number;
}

interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'expect', 'te', 'trailer']);
const DEFAULT_CODES: Record<number, [string, string]> = {
  400: ['InvalidRequest', 'Invalid request.'],
  403: ['AccessDenied', 'Access Denied'],
  500: ['InternalError', 'We encountered an internal error. Please try again.'],
  503: ['SlowDown', 'Please reduce your request rate.'],
};

/**
 * An HTTP proxy on 127.0.0.1 in front of an S3-protocol endpoint (s3rver), whose behaviour a test
 * controls: pass through, answer 500/503 with an S3 XML error, delay, reset the connection, or fail
 * every write after the K-th (a run killed between two writes); with `conditionalWrites`, it also
 * refuses conditional PUTs as S3 does (412). Every request is recorded with the status the client got. The SigV4 signature covers the `Host` header, so requests are forwarded
 * with their headers unchanged (the upstream server verifies what the client signed for the proxy).
 *
 * @example
 * const proxy = await startFaultProxy(s3.endpoint);
 * proxy.addRule({ match: { op: 'PUT' }, action: { kind: 'error', status: 503 }, times: 2 });
 * const client = new S3Client({ endpoint: proxy.endpoint, forcePathStyle: true, ... });
 * afterAll(() => proxy.stop());
 */
export class FaultProxy {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly #server: ReturnType<typeof createServer>;
  readonly #upstream: URL;
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 64 });
  readonly #sockets = new Set<Socket>();
  readonly #log: ProxiedRequest[] = [];
  readonly #rules: ActiveRule[] = [];
  readonly #injected: FaultCounts = {};
  readonly #conditional: S3Client | undefined;
  /** Conditional PUTs pass one at a time: each waits for the one before. */
  #conditionalQueue: Promise<void> = Promise.resolve();
  #crash: { readonly after: number; readonly answer: 500 | 503 | 'reset'; writes: number } | undefined;
  #stopped: Promise<void> | undefined;

  private constructor(server: ReturnType<typeof createServer>, upstream: URL, options: FaultProxyOptions) {
    this.#server = server;
    this.#upstream = upstream;
    this.#conditional = options.conditionalWrites;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      this.#handle(request, response).catch(() => {
        if (!response.headersSent) response.socket?.destroy();
      });
    });
  }

  /** Starts a proxy on a free port of 127.0.0.1 in front of `upstream` (`http://host:port`). */
  static async start(upstream: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FaultProxy(server, new URL(upstream), options);
  }

  /** Every request so far (or since `clearLog`), in arrival order. */
  get requests(): readonly ProxiedRequest[] {
    return this.#log;
  }

  /** Faults injected so far, by kind (never reset by `clearLog`). */
  get injected(): Readonly<FaultCounts> {
    return { ...this.#injected };
  }

  /** Adds a rule; rules are tried in the order added, the first that matches applies. */
  addRule(rule: FaultRule): RuleHandle {
    const active: ActiveRule = { rule, fired: 0, passed: 0 };
    this.#rules.push(active);
    return {
      fired: () => active.fired,
      remove: () => {
        const index = this.#rules.indexOf(active);
        if (index >= 0) this.#rules.splice(index, 1);
      },
    };
  }

  /** Answers the next `n` requests (matching `match`, if given) with `status`. */
  failNext(n: number, status: 500 | 503 = 500, match: RequestMatch = {}): RuleHandle {
    return this.addRule({ match, action: { kind: 'error', status }, times: n });
  }

  /** Answers every request matching `match` with `status` (until the rule is removed). */
  failMatching(match: RequestMatch, status: 500 | 503 = 500): RuleHandle {
    return this.addRule({ match, action: { kind: 'error', status } });
  }

  /** Resets the connection of the next `n` matching requests. */
  resetNext(n: number, match: RequestMatch = {}, phase: 'request' | 'response' | 'mid-response' = 'request'): RuleHandle {
    return this.addRule({ match, action: { kind: 'reset', phase }, times: n });
  }

  /** Delays every matching request by `ms` (until removed, or `times` requests). */
  delay(ms: number, match: RequestMatch = {}, times?: number): RuleHandle {
    return this.addRule({ match, action: { kind: 'delay', ms }, ...(times === undefined ? {} : { times }) });
  }

  /** Lets `k` more writes (PUT, DELETE, POST) through, then fails every later one: a run killed between two writes. */
  crashAfterWrites(k: number, options: CrashOptions = {}): void {
    this.#crash = { after: k, answer: options.answer ?? 500, writes: 0 };
  }

  /** Removes every rule and the crash mode: pure pass-through. */
  clearFaults(): void {
    this.#rules.length = 0;
    this.#crash = undefined;
  }

  /** Forgets the recorded requests. */
  clearLog(): void {
    this.#log.length = 0;
  }

  /** Recorded requests matching `match` (all when omitted). */
  matching(match: RequestMatch = {}): ProxiedRequest[] {
    return this.#log.filter((entry) => matches(match, entry));
  }

  /** Recorded requests by operation. */
  countByOperation(match: RequestMatch = {}): Record<S3Operation, number> {
    const counts: Record<S3Operation, number> = { LIST: 0, GET: 0, HEAD: 0, PUT: 0, DELETE: 0, POST: 0, OTHER: 0 };
    for (const entry of this.matching(match)) counts[entry.op] += 1;
    return counts;
  }

  /** Closes the server, every client and upstream socket. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      this.#rules.length = 0;
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
      this.#agent.destroy();
    });
    return this.#stopped;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const entry = describeRequest(this.#log.length + 1, request);
    this.#log.push(entry);
    const crash = this.#crashFor(entry);
    const rule = crash ? undefined : this.#ruleFor(entry);
    const action: FaultAction | undefined = crash ? (crash === 'reset' ? { kind: 'reset', phase: 'request' } : { kind: 'error', status: crash }) : rule?.action;
    if (crash || (action && action.kind !== 'delay')) entry.fault = crash ? 'crash' : (action?.kind ?? 'error');
    if (crash) this.#count('crash');

    if (action?.kind === 'reset' && action.phase !== 'response' && action.phase !== 'mid-response') {
      if (!crash) this.#count('reset:request');
      entry.status = 0;
      request.socket.destroy();
      return;
    }
    const body = await readBody(request);
    if (action?.kind === 'error' && !action.after) {
      if (!crash) this.#count(`error:${action.status}`);
      this.#sendError(response, entry, action);
      return;
    }
    if (action?.kind === 'delay') {
      entry.fault = 'delay';
      this.#count('delay');
      await sleep(action.ms);
    }
    const upstream = await this.#apply(request, body, entry);
    if (action?.kind === 'error') {
      this.#count(`error:${action.status}:after`);
      this.#sendError(response, entry, action);
      return;
    }
    if (action?.kind === 'reset') {
      this.#count(`reset:${action.phase}`);
      entry.status = 0;
      if (action.phase === 'mid-response' && upstream.body.length > 1) {
        response.writeHead(upstream.status, { ...endToEnd(upstream.headers), 'content-length': String(upstream.body.length) });
        response.write(upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () => request.socket.destroy());
      } else request.socket.destroy();
      return;
    }
    entry.status = upstream.status;
    if (request.method === 'HEAD') {
      response.writeHead(upstream.status, endToEnd(upstream.headers, true)).end();
      return;
    }
    response.writeHead(upstream.status, { ...endToEnd(upstream.headers), 'content-length': String(upstream.body.length) });
    response.end(upstream.body);
  }

  #crashFor(entry: ProxiedRequest): 500 | 503 | 'reset' | undefined {
    const crash = this.#crash;
    if (!crash || !isWrite(entry.op)) return undefined;
    crash.writes += 1;
    return crash.writes > crash.after ? crash.answer : undefined;
  }

  #ruleFor(entry: ProxiedRequest): FaultRule | undefined {
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (!matches(rule.match ?? {}, entry)) continue;
      if (active.passed < (rule.after ?? 0)) {
        active.passed += 1;
        continue;
      }
      active.fired += 1;
      return rule;
    }
    return undefined;
  }

  #count(kind: string): void {
    this.#injected[kind] = (this.#injected[kind] ?? 0) + 1;
  }

  #sendError(response: ServerResponse, entry: ProxiedRequest, action: Extract<FaultAction, { kind: 'error' }>): void {
    const { status } = action;
    const [defaultCode, defaultMessage] = DEFAULT_CODES[status] ?? ['InternalError', 'Internal error'];
    const resource = `/${entry.bucket}${entry.key === '' ? '' : `/${entry.key}`}`;
    const requestId = `FAULT${String(entry.seq).padStart(8, '0')}`;
    const details = Object.entries(action.details ?? {})
      .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
      .join('');
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${action.code ?? defaultCode}</Code><Message>${escapeXml(action.message ?? defaultMessage)}</Message>${details}<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
    entry.status = status;
    const headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId };
    if (entry.method === 'HEAD') response.writeHead(status, headers).end();
    else response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(xml)) }).end(xml);
  }

  /** Forwards the request, unless it is a conditional PUT whose condition fails (with `conditionalWrites`): then S3's 412. */
  async #apply(request: IncomingMessage, body: Buffer, entry: ProxiedRequest): Promise<Upstream> {
    const ifMatch = request.headers['if-match'];
    const ifNoneMatch = request.headers['if-none-match'];
    const client = this.#conditional;
    if (client === undefined || entry.op !== 'PUT' || (ifMatch === undefined && ifNoneMatch === undefined)) return this.#forward(request, body);
    let release = (): void => {};
    const previous = this.#conditionalQueue;
    this.#conditionalQueue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      let etag: string | undefined;
      try {
        etag = (await client.send(new HeadObjectCommand({ Bucket: entry.bucket, Key: entry.key }))).ETag;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw error;
      }
      const refused = (ifNoneMatch === '*' && etag !== undefined) || (ifMatch !== undefined && ifMatch !== etag);
      if (!refused) return await this.#forward(request, body);
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>${ifMatch === undefined ? 'If-None-Match' : 'If-Match'}</Condition></Error>`;
      return { status: 412, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml) };
    } finally {
      release();
    }
  }

  #forward(request: IncomingMessage, body: Buffer): Promise<Upstream> {
    const headers = endToEnd(request.headers);
    if (body.length > 0 || request.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
    return new Promise<Upstream>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          protocol: this.#upstream.protocol,
          hostname: this.#upstream.hostname,
          port: this.#upstream.port,
          method: request.method,
          path: request.url,
          headers,
          agent: this.#agent,
        },
        (incoming) => {
          readBody(incoming).then((data) => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: data }), reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}

/**
 * Starts a {@link FaultProxy} in front of `upstream`.
 *
 * @example
 * const proxy = await startFaultProxy('http://127.0.0.1:4568');
 */
export function startFaultProxy(upstream: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  return FaultProxy.start(upstream, options);
}

/** Whether an operation changes a bucket. */
export function isWrite(op: S3Operation): boolean {
  return op === 'PUT' || op === 'DELETE' || op === 'POST';
}

function describeRequest(seq: number, request: IncomingMessage): ProxiedRequest {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  const [bucket = '', ...rest] = path.replace(/^\//, '').split('/');
  const key = rest.map(safeDecode).join('/');
  const method = request.method ?? 'GET';
  return { seq, method, op: operationOf(method, key, query), bucket: safeDecode(bucket), key, path, query, status: -1 };
}

function operationOf(method: string, key: string, query: string): S3Operation {
  if (method === 'GET') return key === '' && /(^|&)(list-type=2|prefix=|delimiter=|max-keys=)/.test(query) ? 'LIST' : key === '' ? 'OTHER' : 'GET';
  if (method === 'HEAD' || method === 'PUT' || method === 'DELETE' || method === 'POST') return method;
  return 'OTHER';
}

function matches(match: RequestMatch, entry: ProxiedRequest): boolean {
  if (match.op !== undefined && !(typeof match.op === 'string' ? [match.op] : match.op).includes(entry.op)) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== entry.method) return false;
  if (match.bucket !== undefined && match.bucket !== entry.bucket) return false;
  if (match.key !== undefined && !(typeof match.key === 'string' ? match.key === entry.key : match.key.test(entry.key))) return false;
  return true;
}

function endToEnd(headers: IncomingHttpHeaders, keepLength = false): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || (!keepLength && name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.on('aborted', () => reject(new Error('aborted')));
  });
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
