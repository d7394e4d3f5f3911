#!/usr/bin/env node
/**
 * Cost harness (a cost audit's, kept): the bundled Lambda handler in its own Node process, as Lambda runs it,
 * against s3rver behind a proxy that counts every S3 request by bucket and kind, and a fake CloudFront that
 * records every CreateInvalidation's paths (what CloudFront bills) and answers GetInvalidation `Completed`
 * COMPLETE_S seconds after the last one. Prints one JSON line per scenario: S3 requests, CloudFront paths,
 * GetInvalidation calls, WebSub pings, log bytes, time, and the run's own `invalidation` summary.
 *
 * Usage: node scripts/bundle.mjs && node scripts/bench/s3/bill.mjs bench/corpus/30000
 * Environment:
 *   ONLY_NEW=1   after the first reconcile, two one-article runs only
 *   ONLY_MIX=1   CI pushes of 4 and of 8 new articles, one batch each
 *   ONLY_BILL=1  both: two one-article runs, then the pushes of 4 and 8
 *   HUB=1        the site names a (local, recording) WebSub hub: runs wait for the invalidation
 *   COMPLETE_S=N CloudFront completes an invalidation N seconds after it is created (default 0)
 *   CDN_FREE_PATHS, CDN_INVALIDATION  passed to the function (its invalidation budget)
 *   BUNDLE=path  another bundle (default dist/lambda/publish.mjs); SHOW=1 prints the log lines and paths
 *   SIZES=path   writes the published files' sizes there (JSON) at the end of the full sequence
 */
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { S3Client, PutObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { s3rverCredentials, startS3rver } from './start-s3rver.mjs';
import { corpusKeys, uploadCorpus } from './upload-corpus.mjs';

const corpusDir = path.resolve(process.argv[2]);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const s3 = await startS3rver({ buckets: ['content', 'feeds'] });
const upstream = new URL(s3.endpoint);

// Counting proxy.
let counts = {};
const proxy = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const isList = req.method === 'GET' && rest.join('') === '';
  const area = bucket === 'feeds' && key.startsWith('_feedpub/') ? 'state' : bucket;
  const op = `${area} ${isList ? 'LIST' : req.method}`;
  counts[op] = (counts[op] ?? 0) + 1;
  const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  req.pipe(forward);
});
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;

// Fake CloudFront.
let invalidations = [];
let lastCreate = 0;
let getCalls = 0;
const hub = createServer((req, res) => {
  hubPings += 1;
  req.resume();
  req.on('end', () => {
    res.writeHead(204);
    res.end();
  });
});
let hubPings = 0;
await new Promise((r) => hub.listen(0, '127.0.0.1', r));
const cf = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'GET') {
      const done = Date.now() - lastCreate > Number(process.env.COMPLETE_S ?? 0) * 1000;
      getCalls += 1;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>${done ? 'Completed' : 'InProgress'}</Status><CreateTime>2025-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>`,
      );
      return;
    }
    lastCreate = Date.now();
    const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1]);
    invalidations.push(paths);
    const cfUrl = `http://127.0.0.1:${cf.address().port}`;
    res.writeHead(201, { 'content-type': 'text/xml', location: `${cfUrl}/2020-05-31/distribution/E2TESTDIST/invalidation/I1` });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I1</Id><Status>InProgress</Status><CreateTime>2025-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>x</CallerReference></InvalidationBatch></Invalidation>',
    );
  });
});
await new Promise((r) => cf.listen(0, '127.0.0.1', r));

const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3rverCredentials() });
const keys = corpusKeys(corpusDir);
const t0 = Date.now();
await uploadCorpus(client, { bucket: 'content', corpusDir, keys });
if (process.env.HUB)
  await client.send(
    new PutObjectCommand({
      Bucket: 'content',
      Key: 'hugo.toml',
      Body: `${readFileSync(path.join(corpusDir, 'hugo.toml'), 'utf8')}\n[feedpub]\n  hub = "http://127.0.0.1:${hub.address().port}/"\n`,
    }),
  );
console.error(`uploaded ${keys.length} in ${Date.now() - t0} ms`);

const RUNTIME = `
const { handler } = await import(process.argv[1]);
process.on('message', async (event) => {
  const t = performance.now();
  try { const result = await handler(event, { getRemainingTimeInMillis: () => 900000 }); process.send({ ok: true, result, ms: performance.now() - t }); }
  catch (error) { process.send({ ok: false, error: String(error), ms: performance.now() - t }); }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
`;
const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_ENDPOINT_URL_S3: proxyUrl,
  AWS_ENDPOINT_URL_CLOUDFRONT: `http://127.0.0.1:${cf.address().port}`,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '3008',
  CONTENT_BUCKET: 'content',
  FEEDS_BUCKET: 'feeds',
  CDN_DISTRIBUTION_ID: 'E2TESTDIST',
  ...(process.env.CDN_FREE_PATHS ? { CDN_FREE_PATHS: process.env.CDN_FREE_PATHS } : {}),
  ...(process.env.CDN_INVALIDATION ? { CDN_INVALIDATION: process.env.CDN_INVALIDATION } : {}),
};
let child;
let stdoutBytes = 0;
let stdoutLines = [];
async function startRuntime() {
  child = spawn(process.execPath, ['--input-type=module', '-e', RUNTIME, process.env.BUNDLE ?? path.join(root, 'dist/lambda/publish.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout.on('data', (d) => {
    stdoutBytes += d.length;
    stdoutLines.push(d.toString());
  });
  child.stderr.on('data', (d) => process.stderr.write(`[child stderr] ${d}`));
  await new Promise((r) => child.once('message', r));
}
function invoke(event) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(event);
  });
}

function sqsEvent(records) {
  return {
    Records: records.map(([name, key, etag], i) => ({
      messageId: `m${i}`,
      receiptHandle: 'r',
      eventSource: 'aws:sqs',
      awsRegion: 'us-east-1',
      attributes: {},
      messageAttributes: {},
      md5OfBody: '',
      eventSourceARN: 'arn:aws:sqs:us-east-1:111122223333:q',
      body: JSON.stringify({
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            awsRegion: 'us-east-1',
            eventTime: new Date().toISOString(),
            eventName: name,
            s3: {
              s3SchemaVersion: '1.0',
              bucket: { name: 'content', arn: 'arn:aws:s3:::content' },
              object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), ...(etag ? { eTag: etag, size: 1 } : {}), sequencer: '00' },
            },
          },
        ],
      }),
    })),
  };
}

async function scenario(label, event) {
  counts = {};
  invalidations = [];
  getCalls = 0;
  hubPings = 0;
  stdoutBytes = 0;
  stdoutLines = [];
  const reply = await invoke(event);
  await new Promise((r) => setTimeout(r, 50));
  const expanded = invalidations.reduce((n, p) => n + p.length, 0);
  const s3Total = Object.values(counts).reduce((a, b) => a + b, 0);
  const out = {
    label,
    ms: Math.round(reply.ms),
    ok: reply.ok,
    s3: s3Total,
    counts,
    cdnCalls: invalidations.length,
    getInvalidation: getCalls,
    hubPings,
    cdnPaths: expanded,
    logBytes: stdoutBytes,
    logLines: stdoutLines.join('').split('\n').filter(Boolean).length,
    written: reply.result?.written,
    invalidated: reply.result?.invalidated,
    invalidation: reply.result?.invalidation,
  };
  console.log(JSON.stringify(out));
  if (process.env.SHOW) {
    console.log(stdoutLines.join(''));
    console.log(JSON.stringify(invalidations));
  }
  return out;
}

const sample = keys.find((k) => k.startsWith('content/en/news/'));
const sampleBody = readFileSync(path.join(corpusDir, sample), 'utf8');
const now = new Date();
const stamp = (d) => d.toISOString().slice(0, 19).replace('T', ' ');
async function putNew(i, minutesAgo) {
  const key = `content/en/news/mingpao/bill-new-${i}.en.md`;
  const body = sampleBody
    .replace(/^date: .*$/m, `date: "${stamp(new Date(now.getTime() - minutesAgo * 60000))}"`)
    .replace(/^title: .*$/m, `title: "Bill test ${i}"`);
  const put = await client.send(new PutObjectCommand({ Bucket: 'content', Key: key, Body: body }));
  return ['ObjectCreated:Put', key, put.ETag?.replaceAll('"', '')];
}

/** The scenarios the environment asks for, in order. */
async function runScenarios() {
  await startRuntime();
  await scenario('first full reconcile', { action: 'rebuild' });
  await scenario('hourly no-op (same container)', { action: 'rebuild' });
  if (process.env.ONLY_BILL) {
    await scenario('new article (warm)', sqsEvent([await putNew(1, 30)]));
    await scenario('new article 2 (warm)', sqsEvent([await putNew(2, 20)]));
  }
  if (process.env.ONLY_MIX || process.env.ONLY_BILL) {
    for (const n of [4, 8]) {
      const recs = [];
      for (let j = 0; j < n; j++) {
        const pick = keys[1 + (Math.floor(((j + 0.5 + n * 7) * keys.length) / (n + 13)) % (keys.length - 1))];
        const b = readFileSync(path.join(corpusDir, pick), 'utf8')
          .replace(/^date: .*$/m, `date: "${stamp(new Date(now.getTime() - (n * 10 + j) * 1000))}"`)
          .replace(/^draft: .*$/m, 'draft: false');
        const key = pick.replace(/\/([^/]+)$/, `/mix-${n}-${j}-$1`);
        const put = await client.send(new PutObjectCommand({ Bucket: 'content', Key: key, Body: b }));
        recs.push(['ObjectCreated:Put', key, put.ETag?.replaceAll('"', '')]);
      }
      await scenario(`CI push of ${n} mixed new articles in one batch (warm)`, sqsEvent(recs));
    }
    return;
  }
  if (process.env.ONLY_NEW) {
    await scenario('new article (warm)', sqsEvent([await putNew(1, 30)]));
    await scenario('new article 2 (warm)', sqsEvent([await putNew(2, 20)]));
    return;
  }
  await scenario('new article (warm)', sqsEvent([await putNew(1, 30)]));
  await scenario('new article 2 (warm)', sqsEvent([await putNew(2, 20)]));
  // Edit an existing article (title).
  {
    const body = sampleBody.replace(/^title: .*$/m, 'title: "Edited by bill"');
    const put = await client.send(new PutObjectCommand({ Bucket: 'content', Key: sample, Body: body }));
    await scenario('edit existing article (warm)', sqsEvent([['ObjectCreated:Put', sample, put.ETag?.replaceAll('"', '')]]));
  }
  // A burst of 10 new articles in one batch.
  {
    const recs = [];
    for (let i = 10; i < 20; i++) recs.push(await putNew(i, 60 - i));
    await scenario('burst: 10 new articles in one batch (warm)', sqsEvent(recs));
  }
  await client.send(new DeleteObjectCommand({ Bucket: 'content', Key: 'content/en/news/mingpao/bill-new-1.en.md' }));
  await scenario('delete article (warm)', sqsEvent([['ObjectRemoved:Delete', 'content/en/news/mingpao/bill-new-1.en.md']]));
  await scenario('hourly no-op 2 (warm)', { action: 'rebuild' });
  // Cold container.
  child.disconnect();
  await new Promise((r) => setTimeout(r, 300));
  await startRuntime();
  await scenario('new article (cold)', sqsEvent([await putNew(3, 10)]));
  child.disconnect();
  await new Promise((r) => setTimeout(r, 300));
  await startRuntime();
  await scenario('hourly no-op (cold)', { action: 'rebuild' });
  // New articles copied from five other articles (other languages, categories and tags), warm.
  {
    const picks = [
      keys.find((k) => k.startsWith('content/zh-CN/')),
      keys.find((k) => k.startsWith('content/zh-HK/')),
      keys[Math.floor(keys.length / 3)],
      keys[Math.floor(keys.length / 2)],
      keys[keys.length - 7],
    ];
    let i = 100;
    for (const pick of picks) {
      const b = readFileSync(path.join(corpusDir, pick), 'utf8')
        .replace(/^date: .*$/m, `date: "${stamp(new Date(now.getTime() - 5 * 60000 + i * 1000))}"`)
        .replace(/^draft: .*$/m, 'draft: false');
      const key = pick.replace(/\/([^/]+)$/, `/bill-${i}-$1`);
      const put = await client.send(new PutObjectCommand({ Bucket: 'content', Key: key, Body: b }));
      await scenario(`new article like ${pick} (warm)`, sqsEvent([['ObjectCreated:Put', key, put.ETag?.replaceAll('"', '')]]));
      i += 1;
    }
  }
  // A config edit: full re-render (force).
  {
    const cfg = readFileSync(path.join(corpusDir, 'hugo.toml'), 'utf8').replace('title = "Example News"', 'title = "Example News!"');
    const put = await client.send(new PutObjectCommand({ Bucket: 'content', Key: 'hugo.toml', Body: cfg }));
    await scenario('config edit (site title)', sqsEvent([['ObjectCreated:Put', 'hugo.toml', put.ETag?.replaceAll('"', '')]]));
  }
}

try {
  await runScenarios();
  if (process.env.SIZES && !process.env.ONLY_NEW && !process.env.ONLY_MIX && !process.env.ONLY_BILL) {
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const sizes = {};
    let token;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: 'feeds', ContinuationToken: token }));
      for (const o of page.Contents ?? []) sizes[o.Key] = o.Size;
      token = page.NextContinuationToken;
    } while (token);
    (await import('node:fs')).writeFileSync(path.resolve(process.env.SIZES), JSON.stringify(sizes));
  }
} finally {
  child?.disconnect();
  proxy.close();
  cf.close();
  hub.close();
  await s3.stop();
}
