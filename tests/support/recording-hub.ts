import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the hub received, as it arrived. */
export interface HubRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** The form fields of the body, in order (`hub.mode`, `hub.url`, ...). */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** `hub.url` of a publish notification. */
  readonly url: string | undefined;
  /** `performance.now()` when the request was complete. */
  readonly at: number;
  /** Requests open when this one was complete, itself included: more than 1 when they were sent together. */
  readonly inFlight: number;
}

/** How the hub answers a request: a status (and body), or `'hang'` (never answers), or `'drop'` (closes the socket). */
export type HubAnswer = { readonly status: number; readonly body?: string } | 'hang' | 'drop';

/** A WebSub hub on 127.0.0.1 that records every request. */
export interface RecordingHub {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly requests: HubRequest[];
  /** `hub.url` of every publish notification received, in arrival order. */
  pinged(): string[];
  /** Chooses the answer to each request (default 204 No Content). */
  answer(decide: (request: HubRequest, index: number) => HubAnswer): void;
  /** Forgets the recorded requests and goes back to answering 204. */
  reset(): void;
  /** Stops the server (and ends any hanging request). */
  stop(): Promise<void>;
}

/**
 * Starts a hub on a free port of 127.0.0.1 that accepts (204) and records every request. Every test
 * that starts one stops it.
 *
 * @example
 * const hub = await startRecordingHub();
 * afterAll(() => hub.stop());
 */
export async function startRecordingHub(): Promise<RecordingHub> {
  const requests: HubRequest[] = [];
  const open = new Set<ServerResponse>();
  /** Requests received and not yet answered or closed (a hanging one stays until its client gives up). */
  let unanswered = 0;
  let decide: (request: HubRequest, index: number) => HubAnswer = () => ({ status: 204 });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    unanswered++;
    res.once('close', () => unanswered--);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const fields = [...new URLSearchParams(body)];
      const request: HubRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body,
        fields,
        url: fields.find(([name]) => name === 'hub.url')?.[1],
        at: performance.now(),
        inFlight: unanswered,
      };
      requests.push(request);
      const answer = decide(request, requests.length - 1);
      if (answer === 'hang') {
        open.add(res);
        return;
      }
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    pinged: () => requests.filter((r) => r.fields.some(([n, v]) => n === 'hub.mode' && v === 'publish')).map((r) => r.url ?? ''),
    answer(next) {
      decide = next;
    },
    reset() {
      requests.length = 0;
      decide = () => ({ status: 204 });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
