import { request } from 'node:http';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalS3, startLocalS3 } from '../../src/cli/dev/local-s3-server.js';
import { type FeedServer, serveFeeds } from '../../src/cli/dev/serve-feeds.js';

/**
 * `feedpub dev`'s two servers, the feed server and the local S3 one, against what another page in the
 * user's browser, or a request meant for another place, can send them.
 */
let s3: LocalS3;
let server: FeedServer;

beforeAll(async () => {
  s3 = await startLocalS3(['content', 'feeds']);
  server = await serveFeeds({ client: s3.client, bucket: 'feeds', port: 0 });
}, 30_000);

afterAll(async () => {
  await server?.close();
  await s3?.stop();
});

beforeEach(async () => {
  const put = (Bucket: string, Key: string, Body: string) => s3.client.send(new PutObjectCommand({ Bucket, Key, Body }));
  await put('content', 'content/en/secret-draft.md', '---\ntitle: "Unannounced merger"\ndraft: true\n---\n');
  await put('feeds', 'index.xml', '<rss/>');
});

/** One request, with the Host and other headers given (Node's client sends the URL's host otherwise). */
function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The served feed, read with the SDK. */
async function servedFeed(): Promise<string> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: 'feeds', Key: 'index.xml' }));
  return (await object.Body?.transformToString()) ?? '';
}

describe('the dev feed server', () => {
  it('serves only the feeds bucket: an encoded ../ does not reach the content bucket (drafts)', async () => {
    for (const path of [
      '..%2fcontent%2fcontent%2fen%2fsecret-draft.md',
      '%2e%2e%2fcontent%2fcontent%2fen%2fsecret-draft.md',
      'x/..%2f..%2fcontent%2fcontent%2fen%2fsecret-draft.md',
    ]) {
      const leak = await send(`${server.url}${path}`);
      expect(leak.body, path).not.toContain('Unannounced merger');
      expect(leak.status, path).toBe(404);
    }
  });

  it('answers a key no object can have with a 404, not a 502', async () => {
    const paths = ['a%2f.%2fb.xml', 'a%2f%2fb.xml', 'a%5cb.xml', 'a%00b.xml', 'a%01b.xml', 'a%0ab.xml', 'a%7fb.xml', 'a%c2%85b.xml'];
    paths.push(`${'x'.repeat(256)}/index.xml`, `${'x'.repeat(240)}.xml`, `${'%C3%A9'.repeat(120)}.xml`);
    for (const path of paths) expect((await send(`${server.url}${path}`)).status, path).toBe(404);
    expect((await send(`${server.url}index.xml`)).status).toBe(200);
  });

  it('lists the feeds with their keys escaped as HTML text', async () => {
    await s3.client.send(new PutObjectCommand({ Bucket: 'feeds', Key: 'tags/a&b<i>"q"/index.xml', Body: '<rss/>' }));
    const page = await send(server.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('>tags/a&amp;b&lt;i&gt;&quot;q&quot;/index.xml</a></li>');
    expect(page.body).not.toContain('<i>');
  });

  it('answers only to its own host names (DNS rebinding): 421 for another', async () => {
    const { port } = new URL(server.url);
    for (const host of ['attacker.example', `attacker.example:${port}`, `127.0.0.1.attacker.example:${port}`, `localhost.:${port}`]) {
      const rebound = await send(`${server.url}index.xml`, { headers: { host } });
      expect([rebound.status, rebound.body], host).toEqual([421, expect.stringContaining('misdirected request')]);
    }
    for (const host of ['127.0.0.1', `127.0.0.1:${port}`, 'localhost', `LocalHost:${port}`, '[::1]', `[::1]:${port}`, 'localhost:9000']) {
      const local = await send(`${server.url}index.xml`, { headers: { host } });
      expect([local.status, local.body], host).toEqual([200, '<rss/>']);
    }
  });
});

describe('the dev S3 server', () => {
  it('refuses a Host other than its own (DNS rebinding), which it would take for a bucket name', async () => {
    const host = `attacker.example:${new URL(s3.endpoint).port}`;
    // As a rebinding page could: a bucket named after its host, then a key that leaves it for feeds/.
    expect((await send(`${s3.endpoint}/`, { method: 'PUT', headers: { host } })).status).toBe(421);
    const put = await send(`${s3.endpoint}/..%2ffeeds%2findex.xml`, { method: 'PUT', headers: { host, 'content-type': 'text/plain' }, body: 'REBOUND' });
    expect(put.status).toBe(421);
    expect(await servedFeed()).toBe('<rss/>');
    expect((await send(`${s3.endpoint}/content/content/en/secret-draft.md`, { headers: { host } })).status).toBe(421);
  });

  it('refuses requests from a web page: a cross-site form POST does not replace a feed', async () => {
    const boundary = 'feedpub-test-boundary';
    const form = [
      `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nindex.xml\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x"\r\nContent-Type: text/plain\r\n\r\nFORGED\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const contentType = `multipart/form-data; boundary=${boundary}`;
    for (const browser of [{ origin: 'https://attacker.example' }, { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }]) {
      const post = await send(`${s3.endpoint}/feeds`, { method: 'POST', headers: { 'content-type': contentType, ...browser }, body: form });
      expect(post.status).toBe(403);
      expect(await servedFeed()).toBe('<rss/>');
    }
    // The SDK, which sends neither, is served (the test's own reads and writes above), and so is localhost.
    const { port } = new URL(s3.endpoint);
    expect((await send(`${s3.endpoint}/feeds/index.xml`, { headers: { host: `localhost:${port}` } })).body).toBe('<rss/>');
  });
});
