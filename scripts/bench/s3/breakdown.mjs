/**
 * Reading a run's S3 requests against the target of issue #3: a one-article update costs one listing pass
 * of the articles, one manifest read, one read of the changed article, and writes only the affected feeds
 * plus the manifest; no unchanged article is parsed. Anything else is "beyond the target". The manifest
 * is a head and 16 article shards (src/manifest.ts): reading it is one GET each, and a one-article change
 * rewrites the head and the one shard that holds the article (and removes that shard's old copy). A run
 * that publishes writes the head twice: ahead of its first feed write, marked unfinished (so that if it
 * dies, the next run is a full one), and at its end; the target counts both.
 */

/** @typedef {'full' | 'update' | 'delete' | 'noop'} Phase */
/** @typedef {import('./rebuild-child.mjs').RebuildResult} RebuildResult */

/** Article shards of the manifest (`SHARDS` in src/manifest.ts). */
const MANIFEST_SHARDS = 16;

/** Feed file names (`src/render/formats.ts`); other written files are the directory, OPML and discovery. */
const FEED_FILES = ['index.xml', 'atom.xml', 'feed.json'];

/**
 * What issue #3 allows a phase: requests by `area op what` (Infinity = as many as needed), and how many
 * articles may be parsed. Feeds may be written (the affected ones) in every incremental phase; a deleted
 * article may also delete a feed that no longer has items.
 *
 * @param {Exclude<Phase, 'full'>} phase
 * @param {number} listingPages pages of one listing pass over the content folders
 * @returns {{ requests: Record<string, number>, parsed: number }}
 */
export function issue3Target(phase, listingPages) {
  return {
    requests: {
      'content LIST articles': listingPages,
      'state GET manifest': 1,
      'content GET articles': phase === 'update' ? 1 : 0,
      'feeds PUT feeds': phase === 'noop' ? 0 : Infinity,
      'feeds DELETE feeds': phase === 'delete' ? Infinity : 0,
      'state PUT manifest': phase === 'noop' ? 0 : 2,
      'state GET manifest shard': MANIFEST_SHARDS,
      'state PUT manifest shard': phase === 'noop' ? 0 : 1,
      'state DELETE manifest shard': phase === 'noop' ? 0 : 1,
    },
    parsed: phase === 'update' ? 1 : 0,
  };
}

/**
 * Everything a run did beyond issue #3's target for its phase, one phrase each (empty = on target).
 * Also flags retries, failed requests (other than 404s) and any disagreement between the
 * middleware's count and `S3Storage.requests`.
 *
 * @param {Exclude<Phase, 'full'>} phase
 * @param {RebuildResult} result
 * @param {number} listingPages
 * @returns {string[]}
 * @example
 * beyondTarget('update', result, 10); // → ['content LIST config ×3', 'feeds GET feeds ×4']
 */
export function beyondTarget(phase, result, listingPages) {
  const target = issue3Target(phase, listingPages);
  const excess = [];
  for (const [name, count] of Object.entries(result.tally.counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const allowed = target.requests[name] ?? 0;
    if (count > allowed) excess.push(allowed === 0 ? `${name} ×${count}` : `${name} ×${count} (target ${allowed})`);
  }
  if (result.report.parsed > target.parsed) excess.push(`parsed ${result.report.parsed} articles (target ${target.parsed})`);
  const writtenOther = result.written.filter((path) => !isFeedFile(path)).length;
  if (writtenOther > 0) excess.push(`${writtenOther} written files are not feeds (directory/OPML/discovery)`);
  if (phase === 'noop' && result.cdn.paths > 0) excess.push(`CDN ${result.cdn.paths} paths`);
  excess.push(...healthNotes(result));
  return excess;
}

/**
 * Retries, failed requests, and a mismatch between the two ways of counting, as phrases.
 *
 * @param {RebuildResult} result
 * @returns {string[]}
 */
export function healthNotes(result) {
  const notes = [];
  if (result.tally.retries > 0) notes.push(`${result.tally.retries} retried attempts`);
  if (result.tally.failed > 0) notes.push(`${result.tally.failed} failed requests`);
  const fromAdapters = { LIST: 0, GET: 0, PUT: 0, DELETE: 0 };
  for (const counts of Object.values(result.adapterCounts)) {
    fromAdapters.LIST += counts.list ?? 0;
    fromAdapters.GET += counts.read ?? 0;
    fromAdapters.PUT += counts.write ?? 0;
    fromAdapters.DELETE += counts.delete ?? 0;
  }
  const fromMiddleware = byOperation(result.tally.counts);
  for (const op of /** @type {const} */ (['LIST', 'GET', 'PUT', 'DELETE'])) {
    if (fromAdapters[op] !== (fromMiddleware[op] ?? 0)) {
      notes.push(`${op}: S3Storage.requests says ${fromAdapters[op]}, the client sent ${fromMiddleware[op] ?? 0}`);
    }
  }
  return notes;
}

/**
 * The requests of a run in one line, by area then operation:
 * `content: LIST 3 config + 10 articles, GET 1 config + 1 articles; feeds: …; state: …; report: …`.
 *
 * @param {import('./request-log.mjs').Tally} tally
 * @returns {string}
 * @example
 * compactRequests(tally); // → 'content: LIST 13 (3 config, 10 articles), GET 2 (1 config, 1 articles); …'
 */
export function compactRequests(tally) {
  /** @type {Map<string, Map<string, [string, number][]>>} */
  const areas = new Map();
  for (const [name, count] of Object.entries(tally.counts)) {
    const [area = '', op = '', ...what] = name.split(' ');
    if (!areas.has(area)) areas.set(area, new Map());
    const ops = /** @type {Map<string, [string, number][]>} */ (areas.get(area));
    if (!ops.has(op)) ops.set(op, []);
    ops.get(op)?.push([what.join(' '), count]);
  }
  const order = ['content', 'report', 'feeds', 'state'];
  const opOrder = ['LIST', 'GET', 'PUT', 'DELETE', 'OTHER'];
  return [...areas]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([area, ops]) => {
      const parts = [...ops]
        .sort(([a], [b]) => opOrder.indexOf(a) - opOrder.indexOf(b))
        .map(([op, whats]) => {
          const sum = whats.reduce((total, [, count]) => total + count, 0);
          return whats.length === 1 ? `${op} ${sum} ${whats[0]?.[0]}` : `${op} ${sum} (${whats.map(([what, count]) => `${count} ${what}`).join(', ')})`;
        });
      return `${area}: ${parts.join(', ')}`;
    })
    .join('; ');
}

/**
 * The note of a result row: requests, CDN, report counters, and what went beyond the target.
 *
 * @param {RebuildResult} result
 * @param {string[] | undefined} excess `beyondTarget` (undefined for the full run, which has no target)
 * @returns {string}
 */
export function rowNote(result, excess) {
  const { report } = result;
  const parts = [
    `S3 ${result.tally.total} requests: ${compactRequests(result.tally)}`,
    `CDN ${result.cdn.paths} paths in ${result.cdn.calls} call(s)`,
    ...(result.serverCpuMs === undefined ? [] : [`s3rver CPU ${result.serverCpuMs.toFixed(0)} ms`]),
    `parsed ${report.parsed}/${report.total}, feeds rendered ${report.rendered}/${report.feeds}, written ${report.written}, deleted ${report.deleted}, unchanged ${report.unchanged}`,
  ];
  if (excess !== undefined) parts.push(excess.length === 0 ? 'issue #3 target: met' : `beyond issue #3 target: ${excess.join(', ')}`);
  else {
    const health = healthNotes(result);
    if (health.length > 0) parts.push(health.join(', '));
  }
  return parts.join('. ');
}

/**
 * A readable block for the log: requests one per line, the written paths by folder, the target check.
 *
 * @param {string} title
 * @param {RebuildResult} result
 * @param {string[] | undefined} excess
 * @returns {string[]}
 */
export function detailLines(title, result, excess) {
  const lines = [
    `  ${title}: rebuild() ${result.wallMs.toFixed(0)} ms, CPU ${result.cpuMs.toFixed(0)} ms, peak RSS ${(result.maxRssKiB / 1024).toFixed(0)} MiB (bundle import ${result.importMs.toFixed(0)} ms, deps ${result.depsMs.toFixed(0)} ms)`,
  ];
  lines.push(`    S3 requests (${result.tally.total}):`);
  for (const [name, count] of Object.entries(result.tally.counts)) lines.push(`      ${String(count).padStart(6)}  ${name}`);
  lines.push(
    `    CDN: ${result.cdn.paths} paths in ${result.cdn.calls} call(s); feed bytes written ${result.tally.feedBytes}; reads of missing keys (404) ${result.tally.notFound}; s3rver CPU ${result.serverCpuMs?.toFixed(0) ?? '?'} ms`,
  );
  const { report } = result;
  lines.push(
    `    report: ${report.total} articles, parsed ${report.parsed}, published ${report.published}, held ${report.held}, rejected ${report.rejected}; feeds ${report.feeds}, rendered ${report.rendered}; written ${report.written}, deleted ${report.deleted}, unchanged ${report.unchanged}; problems ${JSON.stringify(report.problems)}`,
  );
  if (result.written.length > 0 && result.written.length <= 60) {
    /** @type {Map<string, string[]>} */
    const byDir = new Map();
    for (const path of result.written) {
      const slash = path.lastIndexOf('/');
      const dir = slash === -1 ? '/' : path.slice(0, slash + 1);
      byDir.set(dir, [...(byDir.get(dir) ?? []), path.slice(slash + 1)]);
    }
    lines.push(`    written (${result.written.length}):`);
    for (const [dir, names] of byDir) lines.push(`      ${dir} ${names.join(' ')}`);
  }
  if (excess !== undefined) lines.push(excess.length === 0 ? '    issue #3 target: met' : `    BEYOND issue #3 target: ${excess.join('; ')}`);
  return lines;
}

/** True for `…/index.xml`, `…/atom.xml`, `…/feed.json` (and the root ones). */
export function isFeedFile(/** @type {string} */ path) {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return FEED_FILES.includes(name);
}

function byOperation(/** @type {Record<string, number>} */ counts) {
  /** @type {Record<string, number>} */
  const ops = {};
  for (const [name, count] of Object.entries(counts)) {
    const op = name.split(' ')[1] ?? '';
    ops[op] = (ops[op] ?? 0) + count;
  }
  return ops;
}
