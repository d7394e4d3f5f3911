import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { findWorkerScript, localCompute, WorkerCompute } from '../../../src/adapters/worker-compute.js';
import { inProcessCompute } from '../../../src/compute.js';
import { ConfigError } from '../../../src/errors.js';
import { rebuild } from '../../../src/rebuild.js';
import { memoryDeps, textFiles } from '../../support/build.js';
import { bundleForTest } from '../../support/bundle.js';
import { REPO_ROOT, SAMPLE_NOW } from '../../support/repo.js';
import { sampleArticleFiles, sampleSource } from '../../support/sample-source.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { sha256 } from '../../../src/sha256.js';

let dir: string;
let script: URL;
let remove: () => Promise<void>;

beforeAll(async () => {
  // The worker as shipped: src/adapters/compute-worker.ts bundled by esbuild (as scripts/build.mjs does).
  ({ dir, remove } = await bundleForTest('worker', [{ entryPoints: [path.join(REPO_ROOT, 'src/adapters/compute-worker.ts')], outfile: 'compute-worker.mjs' }]));
  await writeFile(path.join(dir, 'crash-worker.mjs'), 'process.exit(7);\n');
  script = pathToFileURL(path.join(dir, 'compute-worker.mjs'));
});

afterAll(() => remove());

/** A compute on two threads from the first item, three items a message. */
function twoThreads(): WorkerCompute {
  return new WorkerCompute({ script, threads: 2, startAfter: 0, chunk: 3 });
}

/** The files parsed by `compute`, and each article prepared as the one page of its feed. */
async function parseAndPrepare(compute: WorkerCompute, site: Parameters<typeof locateArticle>[0], files: Parameters<WorkerCompute['parse']>[1]) {
  const parsed = await compute.parse(site, files);
  const requests = parsed.flatMap((r) => (r.article ? [{ article: r.article, alternates: [], multi: false, single: true }] : []));
  return { parsed, requests, prepared: await compute.prepare(site, requests) };
}

/** Article files of `site` from (key, text) pairs, as the build reads them. */
function articleFiles(site: Parameters<typeof locateArticle>[0], entries: readonly (readonly [string, string])[]) {
  return entries.map(([key, text]) => {
    const bytes = new TextEncoder().encode(text);
    return { key, bytes, hash: sha256(bytes), location: locateArticle(site, key) ?? expect.unreachable('no location') };
  });
}
describe('WorkerCompute (parsing and item preparation on worker threads)', () => {
  it('gives exactly what the calling thread gives, in input order, over several threads and chunks', async () => {
    // Arrange
    const { site, files } = sampleArticleFiles();
    const compute = new WorkerCompute({ script, threads: 2, startAfter: 0, chunk: 3 });
    try {
      // Act
      const parsed = await compute.parse(site, files);
      const requests = parsed.flatMap((r) => (r.article ? [{ article: r.article, alternates: [], multi: true, single: true }] : []));
      const prepared = await compute.prepare(site, requests);
      // Assert
      expect(compute.running).toBe(2);
      expect(parsed).toEqual(await inProcessCompute.parse(site, files));
      expect(prepared).toEqual(await inProcessCompute.prepare(site, requests));
      expect(prepared.map((p) => p.key)).toEqual(requests.map((r) => r.article.key));
    } finally {
      await compute.close();
    }
    expect(compute.running).toBe(0);
  });

  it('renders the emoji of a site that sets enableEmoji, each thread loading the alias table itself', async () => {
    // Arrange: the sample with enableEmoji, and two articles with aliases (one untitled: its excerpt is made when parsed).
    const sample = sampleArticleFiles();
    const site = { ...sample.site, enableEmoji: true as const };
    const extra = articleFiles(site, [
      ['content/en/news/emoji.md', '---\ntitle: "E"\ndate: 2025-01-01\n---\nShip it :rocket:\n'],
      ['content/en/news/note.md', '---\ndate: 2025-01-02\n---\nA note :+1:\n'],
    ]);
    const files = [...sample.files, ...extra];
    const compute = twoThreads();
    try {
      // Act
      const { parsed, requests, prepared } = await parseAndPrepare(compute, site, files);
      // Assert
      expect(parsed).toEqual(await inProcessCompute.parse(site, files));
      expect(prepared).toEqual(await inProcessCompute.prepare(site, requests));
      expect(parsed.at(-1)?.article?.summary).toBe('A note 👍');
      expect(prepared.at(-2)?.derived.summary).toBe('Ship it 🚀');
    } finally {
      await compute.close();
    }
  });

  it('carries a page s markup html from parsing to its items over threads, from its source bytes too, as the calling thread does', async () => {
    // Arrange: the sample and a page whose body is HTML (untitled too: its excerpt is made when parsed).
    const sample = sampleArticleFiles();
    const site = sample.site;
    const extra = articleFiles(site, [
      ['content/en/news/html.md', '---\ntitle: "H"\ndate: 2025-01-01\nmarkup: HTML\n---\n*a* <b>b</b> <img src="i.png">\n'],
      ['content/en/news/html-note.md', '---\ndate: 2025-01-02\nmarkup: htm\n---\n*a* <b>note</b>\n'],
    ]);
    const files = [...sample.files, ...extra];
    const compute = twoThreads();
    try {
      // Act: with bodies, and from the source bytes (parsed without bodies).
      const { parsed, requests, prepared } = await parseAndPrepare(compute, site, files);
      const headless = await compute.parse(site, files, { withBodies: false });
      const fromSource = headless.flatMap((r, i) => {
        const file = files[i];
        if (!r.article || !file || r.article.bodyStart === undefined) return [];
        return [{ article: r.article, source: { bytes: file.bytes, bodyStart: r.article.bodyStart }, alternates: [], multi: false, single: true }];
      });
      const preparedFromSource = await compute.prepare(site, fromSource);
      // Assert
      expect(parsed).toEqual(await inProcessCompute.parse(site, files));
      expect(prepared).toEqual(await inProcessCompute.prepare(site, requests));
      expect(preparedFromSource).toEqual(prepared);
      expect(parsed.slice(-2).map((r) => [r.article?.markup, r.article?.summary])).toEqual([
        ['html', ''],
        ['html', '*a* note'],
      ]);
      const rss = Buffer.concat(prepared.at(-2)?.fragments.find((f) => f.format === 'rss')?.pieces ?? []).toString();
      expect(rss).toContain('*a* &lt;b&gt;b&lt;/b&gt; &lt;img src="https://news.example.org/news/html/i.png" /&gt;');
      expect(prepared.at(-2)?.derived).toEqual({ summary: '*a* b', image: 'https://news.example.org/news/html/i.png' });
    } finally {
      await compute.close();
    }
  });

  it("hands the files' bytes over in one copied buffer a call: the caller's bytes, pooled ones included, stay whole", async () => {
    // Arrange: bytes in Node's shared pool (small Buffers) and bytes of their own.
    const { site, files } = sampleArticleFiles();
    const mixed = files.map((file, i) => ({ ...file, bytes: i % 2 === 0 ? Buffer.from(file.bytes) : new Uint8Array(file.bytes) }));
    const pooled = mixed.map((f) => f.bytes).filter((b) => b.buffer.byteLength > b.byteLength);
    expect(pooled.length).toBeGreaterThan(0);
    const before = mixed.map((f) => Buffer.from(f.bytes).toString('base64'));
    const compute = new WorkerCompute({ script, threads: 1, startAfter: 0, chunk: 4 });
    try {
      // Act
      const parsed = await compute.parse(site, mixed);
      // Assert
      expect(parsed).toEqual(await inProcessCompute.parse(site, files));
      expect(mixed.map((f) => Buffer.from(f.bytes).toString('base64'))).toEqual(before);
      expect(Buffer.from('the pool still works').toString()).toBe('the pool still works');
    } finally {
      await compute.close();
    }
  });

  it("prepares from the source bytes a request brings, handed over in one copied buffer a call: the caller's bytes stay whole", async () => {
    // Arrange: articles parsed without bodies, their files' bytes (pooled and their own) sent instead.
    const { site, files } = sampleArticleFiles();
    const parsed = await inProcessCompute.parse(site, files, { withBodies: false });
    const requests = parsed.flatMap((r, i) => {
      const file = files[i];
      if (!r.article || !file || r.article.bodyStart === undefined) return [];
      const bytes = i % 2 === 0 ? Buffer.from(file.bytes) : new Uint8Array(file.bytes);
      return [{ article: r.article, source: { bytes, bodyStart: r.article.bodyStart }, alternates: [], multi: true, single: true }];
    });
    const withBodies = (await inProcessCompute.parse(site, files)).flatMap((r) => (r.article ? [r.article] : []));
    const before = requests.map((r) => Buffer.from(r.source.bytes).toString('base64'));
    const compute = new WorkerCompute({ script, threads: 1, startAfter: 0, chunk: 4 });
    try {
      // Act
      const prepared = await compute.prepare(site, requests);
      // Assert: as if each request had carried its body.
      const expected = await inProcessCompute.prepare(
        site,
        requests.map(({ source: _source, article, ...rest }) => ({ ...rest, article: withBodies.find((a) => a.key === article.key) ?? article })),
      );
      expect(requests.length).toBeGreaterThan(4);
      expect(prepared).toEqual(expected);
      expect(requests.map((r) => Buffer.from(r.source.bytes).toString('base64'))).toEqual(before);
    } finally {
      await compute.close();
    }
  });

  it('runs small calls on the calling thread and never starts threads for them', async () => {
    const { site, files } = sampleArticleFiles();
    const compute = new WorkerCompute({ script, threads: 2 });
    expect(await compute.parse(site, files)).toEqual(await inProcessCompute.parse(site, files));
    expect(compute.running).toBe(0);
  });

  it('starts the threads as soon as a run announces more work than `startAfter`, and not for less', async () => {
    const compute = new WorkerCompute({ script, threads: 1, startAfter: 100 });
    try {
      compute.expect(100);
      expect(compute.running).toBe(0);
      compute.expect(101);
      expect(compute.running).toBe(1);
      const { site, files } = sampleArticleFiles();
      expect(await compute.parse(site, files)).toEqual(await inProcessCompute.parse(site, files));
    } finally {
      await compute.close();
    }
  });

  it('does the first `startAfter` items of a run on the calling thread, and starts the threads for the call that goes past them', async () => {
    const { site, files } = sampleArticleFiles();
    const compute = new WorkerCompute({ script, threads: 1, startAfter: 2 * files.length });
    try {
      await compute.parse(site, files);
      await compute.parse(site, files);
      expect(compute.running).toBe(0); // exactly startAfter items so far
      const third = await compute.parse(site, files.slice(0, 1));
      expect(compute.running).toBe(1);
      expect(third).toEqual(await inProcessCompute.parse(site, files.slice(0, 1)));
      // Once started, the threads take every call, small ones too.
      await compute.parse(site, files.slice(0, 1));
      expect(compute.running).toBe(1);
    } finally {
      await compute.close();
    }
  });

  it('fails the calls a dying thread held with an error (the run is retried), instead of hanging', async () => {
    const { site, files } = sampleArticleFiles();
    const compute = new WorkerCompute({ script: pathToFileURL(path.join(dir, 'crash-worker.mjs')), threads: 1, startAfter: 0 });
    try {
      await expect(compute.parse(site, files)).rejects.toThrow(/exited with code 7/);
      await expect(compute.parse(site, files)).rejects.toThrow(/exited with code 7/);
    } finally {
      await compute.close();
    }
  });

  it('builds the sample site to the same bytes as the calling thread does', async () => {
    const run = async (compute?: WorkerCompute) => {
      const target = new MemoryStorage();
      const deps = memoryDeps(sampleSource(), SAMPLE_NOW, { target, ...(compute ? { compute } : {}) });
      const report = await rebuild(deps, { trigger: 'test' });
      return { report, files: textFiles(target) };
    };
    const compute = new WorkerCompute({ script, threads: 2, startAfter: 0, chunk: 2 });
    try {
      const threaded = await run(compute);
      const plain = await run();
      expect(compute.running).toBe(2);
      expect(threaded.files).toEqual(plain.files);
      expect(threaded.report).toEqual(plain.report);
    } finally {
      await compute.close();
    }
  });
});

describe('localCompute (what `feedpub build` uses)', () => {
  it('uses worker threads only where the bundled worker is and more than one thread is allowed, the main thread counted', async () => {
    const beside = pathToFileURL(path.join(dir, 'cli.mjs')).href;
    expect(findWorkerScript(beside)?.href).toBe(script.href);
    expect(findWorkerScript(pathToFileURL(path.join(REPO_ROOT, 'src', 'adapters', 'x.ts')).href)).toBeUndefined();
    const compute = localCompute({ FEEDPUB_THREADS: '3' }, beside);
    expect(compute).toBeInstanceOf(WorkerCompute);
    expect((compute as WorkerCompute).threads).toBe(2); // and the main thread
    expect((localCompute({ FEEDPUB_THREADS: '2' }, beside) as WorkerCompute).threads).toBe(1);
    expect(localCompute({ FEEDPUB_THREADS: '1' }, beside)).toBeUndefined();
    // By default two threads where there are two cores or more, one where there is one.
    expect((localCompute({}, beside, 2) as WorkerCompute).threads).toBe(1);
    expect((localCompute({}, beside, 16) as WorkerCompute).threads).toBe(1);
    expect(localCompute({}, beside, 1)).toBeUndefined();
    expect(localCompute({ FEEDPUB_THREADS: ' ' }, beside, 1)).toBeUndefined();
    expect(() => localCompute({ FEEDPUB_THREADS: 'many' }, beside)).toThrow(ConfigError);
    expect(() => localCompute({ FEEDPUB_THREADS: 'many' }, beside)).toThrow(/FEEDPUB_THREADS/);
  });
});

describe('parsing without bodies (a caller that keeps none)', () => {
  it('leaves every body empty and keeps where it starts, on the calling thread and on worker threads alike', async () => {
    const { site, files } = sampleArticleFiles();
    const full = await inProcessCompute.parse(site, files);
    const bare = await inProcessCompute.parse(site, files, { withBodies: false });
    expect(bare.some((r) => r.article)).toBe(true);
    for (const [i, result] of bare.entries()) {
      const article = full[i]?.article;
      expect(result.problems).toEqual(full[i]?.problems);
      expect(result.article).toEqual(article ? { ...article, body: '' } : undefined);
      if (article) expect(result.article?.bodyStart).toBeGreaterThan(0);
    }
    const compute = new WorkerCompute({ script, threads: 1, startAfter: 0, chunk: 4 });
    try {
      expect(await compute.parse(site, files, { withBodies: false })).toEqual(bare);
      expect(await compute.parse(site, files)).toEqual(full);
    } finally {
      await compute.close();
    }
  });
});
