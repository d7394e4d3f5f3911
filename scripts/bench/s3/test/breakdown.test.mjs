/**
 * The pure parts of the S3 scenario: naming requests, adding them up, checking them against issue #3's
 * target, the author's edit, and which articles are edited. No timing is asserted.
 * Run: node --test scripts/bench/s3/test/
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editArticle, newestPublishedKeys } from '../author-edits.mjs';
import { beyondTarget, compactRequests, healthNotes, isFeedFile, rowNote } from '../breakdown.mjs';
import { classifyRequest, recordRequests, tallyRequests } from '../request-log.mjs';
import { listingPassPages, s3ArticleCount, S3_DEFAULT_ARTICLES } from '../../scenarios/s3-reconcile.mjs';

const layout = { contentBucket: 'content', feedsBucket: 'feeds', statePrefix: '_feedpub/', reportPrefix: '_feedpub/' };
const request = (/** @type {string} */ command, /** @type {string} */ bucket, /** @type {Record<string, unknown>} */ fields = {}) => ({
  command,
  bucket,
  attempts: 1,
  failed: false,
  ...fields,
});

describe('classifyRequest', () => {
  it('tells config, articles and the report apart in the content bucket', () => {
    assert.deepEqual(classifyRequest(request('ListObjectsV2Command', 'content', { prefix: 'hugo.' }), layout), { area: 'content', op: 'LIST', what: 'config' });
    assert.deepEqual(classifyRequest(request('GetObjectCommand', 'content', { key: 'hugo.toml' }), layout), { area: 'content', op: 'GET', what: 'config' });
    for (const prefix of ['config.', 'config/_default/']) {
      assert.deepEqual(classifyRequest(request('ListObjectsV2Command', 'content', { prefix }), layout), { area: 'content', op: 'LIST', what: 'config' });
    }
    assert.deepEqual(classifyRequest(request('GetObjectCommand', 'content', { key: 'config/_default/params.toml' }), layout), {
      area: 'content',
      op: 'GET',
      what: 'config',
    });
    assert.deepEqual(classifyRequest(request('ListObjectsV2Command', 'content', { prefix: 'content/en/' }), layout), {
      area: 'content',
      op: 'LIST',
      what: 'articles',
    });
    assert.deepEqual(classifyRequest(request('GetObjectCommand', 'content', { key: 'content/en/a.md' }), layout), {
      area: 'content',
      op: 'GET',
      what: 'articles',
    });
    assert.deepEqual(classifyRequest(request('PutObjectCommand', 'content', { key: '_feedpub/report.json' }), layout), {
      area: 'report',
      op: 'PUT',
      what: 'report',
    });
  });

  it('tells published feeds, the manifest and its shards apart in the feeds bucket', () => {
    assert.deepEqual(classifyRequest(request('ListObjectsV2Command', 'feeds', { prefix: '' }), layout), { area: 'feeds', op: 'LIST', what: 'whole bucket' });
    assert.deepEqual(classifyRequest(request('PutObjectCommand', 'feeds', { key: 'tags/go/index.xml' }), layout), { area: 'feeds', op: 'PUT', what: 'feeds' });
    assert.deepEqual(classifyRequest(request('GetObjectCommand', 'feeds', { key: '_feedpub/manifest.json.gz' }), layout), {
      area: 'state',
      op: 'GET',
      what: 'manifest',
    });
    assert.deepEqual(classifyRequest(request('PutObjectCommand', 'feeds', { key: '_feedpub/manifest/articles-3-ab12cd34.json.gz' }), layout), {
      area: 'state',
      op: 'PUT',
      what: 'manifest shard',
    });
    // A published JSON Feed read back for the items it holds (feedpub's only render cache) is a feed read.
    assert.deepEqual(classifyRequest(request('GetObjectCommand', 'feeds', { key: 'tags/go/feed.json' }), layout), { area: 'feeds', op: 'GET', what: 'feeds' });
    assert.deepEqual(classifyRequest(request('DeleteObjectCommand', 'feeds', { key: 'tags/go/feed.json' }), layout), {
      area: 'feeds',
      op: 'DELETE',
      what: 'feeds',
    });
  });
});

describe('tallyRequests', () => {
  it('counts by purpose, adds up retries, failures, 404s and the bytes of published files', () => {
    const tally = tallyRequests(
      [
        request('GetObjectCommand', 'content', { key: 'content/en/a.md', attempts: 3 }),
        request('GetObjectCommand', 'content', { key: 'content/en/b.md' }),
        request('GetObjectCommand', 'feeds', { key: '_feedpub/manifest.json.gz', notFound: true }),
        request('PutObjectCommand', 'feeds', { key: 'index.xml', bytes: 100 }),
        request('PutObjectCommand', 'feeds', { key: '_feedpub/manifest.json.gz', bytes: 7, failed: true }),
      ],
      layout,
    );
    assert.deepEqual(tally, {
      counts: { 'content GET articles': 2, 'feeds PUT feeds': 1, 'state GET manifest': 1, 'state PUT manifest': 1 },
      total: 5,
      retries: 2,
      failed: 1,
      notFound: 1,
      feedBytes: 100,
    });
  });
});

describe('recordRequests', () => {
  it('records each command with its bucket, key and body size, and marks a 404 as not found', async () => {
    /** @type {any[]} */
    const middlewares = [];
    const client = { middlewareStack: { add: (/** @type {any} */ middleware) => middlewares.push(middleware) } };
    /** @type {any[]} */
    const log = [];
    recordRequests(client, log);
    const put = middlewares[0](async () => ({ output: { $metadata: { attempts: 2 } } }), { commandName: 'PutObjectCommand' });
    await put({ input: { Bucket: 'feeds', Key: 'index.xml', Body: Buffer.from('abc') } });
    const get = middlewares[0](
      async () => {
        throw Object.assign(new Error('missing'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404, attempts: 1 } });
      },
      { commandName: 'GetObjectCommand' },
    );
    await assert.rejects(get({ input: { Bucket: 'feeds', Key: '_feedpub/manifest.json.gz' } }));
    assert.deepEqual(log, [
      { command: 'PutObjectCommand', bucket: 'feeds', key: 'index.xml', bytes: 3, attempts: 2, failed: false },
      { command: 'GetObjectCommand', bucket: 'feeds', key: '_feedpub/manifest.json.gz', attempts: 1, failed: false, notFound: true },
    ]);
  });
});

/** A run as the child reports it, with the given request counts. */
function result(/** @type {Record<string, number>} */ counts, overrides = {}) {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const ops = { list: 0, read: 0, write: 0, delete: 0 };
  for (const [name, count] of Object.entries(counts)) {
    const op = name.split(' ')[1];
    if (op === 'LIST') ops.list += count;
    if (op === 'GET') ops.read += count;
    if (op === 'PUT') ops.write += count;
    if (op === 'DELETE') ops.delete += count;
  }
  return {
    wallMs: 1,
    cpuMs: 1,
    maxRssKiB: 1024,
    importMs: 1,
    depsMs: 1,
    report: {
      total: 100,
      parsed: 1,
      published: 99,
      rejected: 0,
      held: 1,
      feeds: 10,
      rendered: 4,
      written: 12,
      deleted: 0,
      unchanged: 0,
      invalidated: 12,
      problems: {},
    },
    written: ['all/index.xml', 'all/atom.xml', 'all/feed.json'],
    cdn: { calls: 1, paths: 12 },
    tally: { counts, total, retries: 0, failed: 0, notFound: 0, feedBytes: 10 },
    adapterCounts: { source: ops, target: { list: 0, read: 0, write: 0, delete: 0 } },
    ...overrides,
  };
}

describe('beyondTarget', () => {
  const onTarget = { 'content LIST articles': 3, 'state GET manifest': 1, 'content GET articles': 1, 'feeds PUT feeds': 12, 'state PUT manifest': 2 };

  it('is empty for an update that costs exactly what issue #3 allows', () => {
    assert.deepEqual(beyondTarget('update', /** @type {any} */ (result(onTarget)), 3), []);
  });

  it('names every request, parse and written non-feed file beyond the target', () => {
    const run = result(
      { ...onTarget, 'content LIST articles': 5, 'content LIST config': 3, 'feeds GET feeds': 4, 'content GET articles': 2, 'state PUT manifest': 3 },
      { report: { ...result({}).report, parsed: 2 }, written: ['all/index.xml', 'feeds/index.html'] },
    );
    assert.deepEqual(beyondTarget('update', /** @type {any} */ (run), 3), [
      'content GET articles ×2 (target 1)',
      'content LIST articles ×5 (target 3)',
      'content LIST config ×3',
      'feeds GET feeds ×4',
      'state PUT manifest ×3 (target 2)',
      'parsed 2 articles (target 1)',
      '1 written files are not feeds (directory/OPML/discovery)',
    ]);
  });

  it('allows no article read, no feed write and no manifest write in a no-op run', () => {
    const run = result(
      { 'content LIST articles': 3, 'state GET manifest': 1, 'content GET articles': 1, 'feeds PUT feeds': 1, 'state PUT manifest': 1 },
      { report: { ...result({}).report, parsed: 0 }, written: [] },
    );
    assert.deepEqual(beyondTarget('noop', /** @type {any} */ (run), 3), [
      'content GET articles ×1',
      'feeds PUT feeds ×1',
      'state PUT manifest ×1',
      'CDN 12 paths',
    ]);
  });

  it('allows deleting feeds only in the delete phase', () => {
    const counts = { 'content LIST articles': 3, 'state GET manifest': 1, 'feeds DELETE feeds': 3, 'state PUT manifest': 1 };
    const run = result(counts, { report: { ...result({}).report, parsed: 0 }, written: [] });
    assert.deepEqual(beyondTarget('delete', /** @type {any} */ (run), 3), []);
    assert.deepEqual(beyondTarget('update', /** @type {any} */ (run), 3), ['feeds DELETE feeds ×3']);
  });
});

describe('healthNotes', () => {
  it('flags retries, failures, and a count that S3Storage.requests does not confirm', () => {
    const run = result({ 'content GET articles': 2 }, { adapterCounts: { source: { list: 0, read: 1, write: 0, delete: 0 } } });
    run.tally.retries = 1;
    run.tally.failed = 1;
    assert.deepEqual(healthNotes(/** @type {any} */ (run)), ['1 retried attempts', '1 failed requests', 'GET: S3Storage.requests says 1, the client sent 2']);
  });
});

describe('compactRequests and rowNote', () => {
  it('groups requests by area and operation in a fixed order', () => {
    const tally = tallyRequests(
      [
        request('PutObjectCommand', 'feeds', { key: '_feedpub/manifest.json.gz' }),
        request('ListObjectsV2Command', 'content', { prefix: 'content/en/' }),
        request('ListObjectsV2Command', 'content', { prefix: 'hugo.' }),
        request('GetObjectCommand', 'content', { key: 'content/en/a.md' }),
        request('PutObjectCommand', 'feeds', { key: 'index.xml' }),
      ],
      layout,
    );
    assert.equal(compactRequests(tally), 'content: LIST 2 (1 articles, 1 config), GET 1 articles; feeds: PUT 1 feeds; state: PUT 1 manifest');
  });

  it('says when the target is met', () => {
    const note = rowNote(/** @type {any} */ (result({ 'content LIST articles': 1 })), []);
    assert.match(note, /issue #3 target: met$/);
    assert.match(note, /^S3 1 requests: content: LIST 1 articles\. CDN 12 paths in 1 call\(s\)\./);
  });
});

describe('isFeedFile', () => {
  it('knows the three feed file names, at the root and in folders', () => {
    assert.deepEqual(['index.xml', 'tags/go/atom.xml', 'all/feed.json', 'feeds/index.html', 'feeds/en.opml'].map(isFeedFile), [true, true, true, false, false]);
  });
});

describe('listingPassPages', () => {
  it('counts a page per started 1,000 keys in each content/<lang>/ folder, ignoring the config', () => {
    const keys = ['hugo.toml', ...Array.from({ length: 1001 }, (_, i) => `content/en/news/a/${i}.md`), 'content/zh-CN/news/a/1.md'];
    assert.equal(listingPassPages(keys), 3);
  });
});

describe('s3ArticleCount', () => {
  it('takes the context, then FEEDPUB_BENCH_S3_ARTICLES, then the default', () => {
    assert.equal(s3ArticleCount({ s3Articles: 30000 }, { FEEDPUB_BENCH_S3_ARTICLES: '500' }), 30000);
    assert.equal(s3ArticleCount({}, { FEEDPUB_BENCH_S3_ARTICLES: '500' }), 500);
    assert.equal(s3ArticleCount({}, {}), S3_DEFAULT_ARTICLES);
    assert.throws(() => s3ArticleCount({}, { FEEDPUB_BENCH_S3_ARTICLES: 'many' }), /integer/);
  });
});

describe('editArticle', () => {
  it('changes the title and appends a paragraph, leaving the rest of the front matter alone', () => {
    const text = '---\ntitle: "Tom & \\"Jerry\\""\ndate: "2025-01-01 10:00:00"\ntags:\n  - "a"\n---\n\nBody.\n';
    assert.equal(
      editArticle(text, 'edit 1'),
      '---\ntitle: "Tom & \\"Jerry\\" (edit 1)"\ndate: "2025-01-01 10:00:00"\ntags:\n  - "a"\n---\n\nBody.\n\nUpdated: edit 1.\n',
    );
  });

  it('refuses a file without a title line', () => {
    assert.throws(() => editArticle('---\ndate: "2025-01-01"\n---\n', 'x'), /title/);
  });
});

describe('newestPublishedKeys', () => {
  it('gives distinct published articles, newest first, the same on every call', () => {
    const keys = newestPublishedKeys(1000, 6);
    assert.equal(keys.length, 6);
    assert.equal(new Set(keys).size, 6);
    assert.deepEqual(newestPublishedKeys(1000, 6), keys);
    const dates = keys.map((key) => /** @type {string} */ (/\/(\d{8})A/.exec(key)?.[1]));
    assert.deepEqual([...dates].sort().reverse(), dates);
    assert.ok(
      dates.every((date) => date < '2030'),
      'no future post',
    );
  });
});
