/**
 * Counting S3 requests by what they are for. A middleware on the S3 client records every command the
 * SDK sends (one per ListObjectsV2 page, GetObject, PutObject, DeleteObject) with its bucket and key;
 * `classifyRequest` names the purpose, and `tallyRequests` adds them up. The child that runs
 * `rebuild()` installs the middleware; the parent formats the tally.
 */

/** Config files sit at the site root: `rebuild` lists these prefixes to find them. */
const CONFIG_PREFIXES = ['hugo.', 'config.', 'feedpub.'];

/** @typedef {'LIST' | 'GET' | 'PUT' | 'DELETE' | 'OTHER'} Operation */

/**
 * One request as recorded by the middleware.
 *
 * @typedef {object} RecordedRequest
 * @property {string} command SDK command name (`GetObjectCommand`, ...)
 * @property {string} bucket
 * @property {string} [key] Key of Get/Put/Delete
 * @property {string} [prefix] Prefix of a listing
 * @property {number} [bytes] body size of a PutObject
 * @property {number} attempts HTTP attempts the SDK made (more than 1 = retried)
 * @property {boolean} failed ended in an error other than "not found"
 * @property {boolean} [notFound] a read of a key that does not exist (404)
 */

/**
 * Where a request went and what it was for.
 *
 * @typedef {object} RequestClass
 * @property {'content' | 'report' | 'feeds' | 'state'} area the content bucket, feedpub's report in it,
 *   the feeds bucket (published files), or feedpub's private state (`_feedpub/` in the feeds bucket)
 * @property {Operation} op
 * @property {string} what `config`, `articles`, `manifest`, `manifest shard`, `state`, `feeds`, `whole bucket`, ...
 */

/**
 * The buckets and prefixes of one deployment, as `functions/deps.ts` uses them.
 *
 * @typedef {object} Layout
 * @property {string} contentBucket
 * @property {string} feedsBucket
 * @property {string} statePrefix `_feedpub/` in the feeds bucket
 * @property {string} reportPrefix `_feedpub/` in the content bucket
 */

const OPERATION = /** @type {Record<string, Operation>} */ ({
  ListObjectsV2Command: 'LIST',
  GetObjectCommand: 'GET',
  HeadObjectCommand: 'GET',
  PutObjectCommand: 'PUT',
  DeleteObjectCommand: 'DELETE',
  DeleteObjectsCommand: 'DELETE',
});

/**
 * Names the purpose of one request.
 *
 * @param {RecordedRequest} request
 * @param {Layout} layout
 * @returns {RequestClass}
 * @example
 * classifyRequest({ command: 'GetObjectCommand', bucket: 'feeds', key: '_feedpub/manifest.json.gz', attempts: 1, failed: false }, layout);
 * // → { area: 'state', op: 'GET', what: 'manifest' }
 */
export function classifyRequest(request, layout) {
  const op = OPERATION[request.command] ?? 'OTHER';
  const path = op === 'LIST' ? (request.prefix ?? '') : (request.key ?? '');
  if (request.bucket === layout.contentBucket) {
    if (path.startsWith(layout.reportPrefix) && op !== 'LIST') return { area: 'report', op, what: 'report' };
    // Config: a root config file, a file of Hugo's config/_default/ or config/production/, or the listing of one.
    const configFile =
      (CONFIG_PREFIXES.some((prefix) => path.startsWith(prefix)) && !path.includes('/')) ||
      path.startsWith('config/_default/') ||
      path.startsWith('config/production/');
    if (configFile) return { area: 'content', op, what: 'config' };
    if (op === 'LIST') return { area: 'content', op, what: path === '' ? 'whole bucket' : 'articles' };
    return { area: 'content', op, what: path.endsWith('.md') ? 'articles' : 'other files' };
  }
  if (request.bucket === layout.feedsBucket) {
    if (op === 'LIST') {
      if (path === '') return { area: 'feeds', op, what: 'whole bucket' };
      if (path.startsWith(layout.statePrefix)) return { area: 'state', op, what: 'state' };
      return { area: 'feeds', op, what: 'feeds' };
    }
    if (path.startsWith(layout.statePrefix)) {
      const rest = path.slice(layout.statePrefix.length);
      if (rest === 'manifest.json.gz') return { area: 'state', op, what: 'manifest' };
      if (rest.startsWith('manifest/')) return { area: 'state', op, what: 'manifest shard' };
      return { area: 'state', op, what: rest };
    }
    return { area: 'feeds', op, what: 'feeds' };
  }
  return { area: 'content', op, what: `bucket ${request.bucket}` };
}

/**
 * @typedef {object} Tally
 * @property {Record<string, number>} counts `area op what` → requests, e.g. `state GET manifest`
 * @property {number} total requests
 * @property {number} retries HTTP attempts beyond the first
 * @property {number} failed requests that ended in an error other than 404
 * @property {number} notFound reads of keys that do not exist (404), e.g. the manifest on a first run
 * @property {number} feedBytes bytes of the PutObjects to published files
 */

/**
 * Adds up recorded requests by purpose.
 *
 * @param {readonly RecordedRequest[]} requests
 * @param {Layout} layout
 * @returns {Tally}
 * @example
 * tallyRequests(records, layout).counts['content GET articles']; // → 1
 */
export function tallyRequests(requests, layout) {
  /** @type {Record<string, number>} */
  const counts = {};
  let retries = 0;
  let failed = 0;
  let notFound = 0;
  let feedBytes = 0;
  for (const request of requests) {
    const { area, op, what } = classifyRequest(request, layout);
    const name = `${area} ${op} ${what}`;
    counts[name] = (counts[name] ?? 0) + 1;
    retries += Math.max(0, request.attempts - 1);
    if (request.failed) failed += 1;
    if (request.notFound === true) notFound += 1;
    if (area === 'feeds' && op === 'PUT') feedBytes += request.bytes ?? 0;
  }
  return { counts: sortKeys(counts), total: requests.length, retries, failed, notFound, feedBytes };
}

/**
 * Adds a middleware to an S3 client (v3) that appends one {@link RecordedRequest} per command to `log`.
 * It runs in the `initialize` step, so it sees each command once (retries show up in `attempts`), and it
 * changes neither the request nor the response.
 *
 * @param {{ middlewareStack: { add: Function } }} client
 * @param {RecordedRequest[]} log
 * @example
 * const log = []; recordRequests(clients.s3, log);
 */
export function recordRequests(client, log) {
  client.middlewareStack.add(
    (/** @type {Function} */ next, /** @type {{ commandName?: string }} */ context) => async (/** @type {{ input: any }} */ args) => {
      const { input } = args;
      const body = input?.Body;
      /** @type {RecordedRequest} */
      const entry = {
        command: context.commandName ?? 'unknown',
        bucket: String(input?.Bucket ?? ''),
        ...(input?.Key === undefined ? {} : { key: String(input.Key) }),
        ...(input?.Prefix === undefined ? {} : { prefix: String(input.Prefix) }),
        ...(body === undefined ? {} : { bytes: typeof body === 'string' ? Buffer.byteLength(body) : (body.byteLength ?? 0) }),
        attempts: 1,
        failed: false,
      };
      log.push(entry);
      try {
        const result = await next(args);
        entry.attempts = result?.response?.$metadata?.attempts ?? result?.output?.$metadata?.attempts ?? 1;
        return result;
      } catch (error) {
        const metadata = /** @type {any} */ (error)?.$metadata;
        const notFound = /** @type {any} */ (error)?.name === 'NoSuchKey' || metadata?.httpStatusCode === 404;
        if (notFound) entry.notFound = true;
        else entry.failed = true;
        entry.attempts = metadata?.attempts ?? 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'feedpubBenchRequestLog', override: true },
  );
}

function sortKeys(/** @type {Record<string, number>} */ counts) {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
