/**
 * The entry of one `WorkerCompute` thread: runs the in-process compute on what the main thread
 * sends and posts the results back. Holds no state between messages.
 */
import { parentPort } from 'node:worker_threads';
import { parseFiles } from '../compute.js';
import { emojiTableFor } from '../emoji-table-for.js';
import { ITEM_BUILDERS, prepareItems, transferables } from '../render/prepare-items.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('compute-worker runs as a worker thread (new Worker(...)), not as a script');
port.on('message', async (request: WorkerRequest) => {
  let response: WorkerResponse;
  // Prepared items' bytes move to the main thread without a copy.
  let transfer: ArrayBuffer[] = [];
  try {
    // The site's emoji aliases, when it sets enableEmoji: loaded once by each thread.
    const emoji = await emojiTableFor(request.site);
    if (request.op === 'parse') response = { id: request.id, result: parseFiles(request.site, request.files, request.options, emoji) };
    else {
      const result = prepareItems(request.site, request.requests, ITEM_BUILDERS, emoji);
      transfer = transferables(result);
      response = { id: request.id, result };
    }
  } catch (error) {
    response = { id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(response, transfer);
});
