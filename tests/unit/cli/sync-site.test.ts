import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { inOrder, type SyncStep, type SyncTarget, syncSite } from '../../../src/cli/upload/sync-site.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { ConfigError, LinkOutsideError, StorageError } from '../../../src/errors.js';

/**
 * syncSite over a real site folder and a MemoryStorage bucket. MemoryStorage lists a revision
 * number as the version (never an MD5), so every existing object takes the sha256 path, as objects
 * uploaded in several parts or under SSE-KMS do on S3.
 */
let dir: string;

async function put(key: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, key)), { recursive: true });
  await writeFile(path.join(dir, key), text);
}

function memoryTarget(bucket = new MemoryStorage()): SyncTarget & { bucket: MemoryStorage; heads: string[]; writes: string[] } {
  const heads: string[] = [];
  const writes: string[] = [];
  return {
    bucket,
    heads,
    writes,
    storage: {
      list: (prefix) => bucket.list(prefix),
      read: (key) => bucket.read(key),
      delete: (key) => bucket.delete(key),
      write: async (request) => {
        writes.push(request.key);
        await bucket.write(request);
      },
    },
    async sha256(key) {
      heads.push(key);
      const object = bucket.snapshot().get(key);
      return object && createHash('sha256').update(object.body).digest('hex');
    },
  };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedpub-sync-'));
  await put('hugo.toml', 'baseURL = "https://example.com/"\ntitle = "T"\n');
  await put('content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01\n---\nA\n');
  await put('content/posts/a/photo.png', 'png');
  await put('content/.hidden/x.md', 'hidden');
  await put('content/posts/.a.md.swp', 'swap');
  await put('README.md', 'not content');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('syncSite', () => {
  it('sends the config first, then the Markdown of the content folder, skipping hidden files, other files and the rest of the root', async () => {
    // Prepare: what a run never reads, beside the Markdown (a bundle's image, a file named in upper case is Markdown still).
    await put('content/posts/b.MD', 'upper');
    await put('content/posts/a/clip.mp4', 'video');
    const target = memoryTarget();
    const steps: SyncStep[] = [];
    const result = await syncSite(target, { siteDir: dir, concurrency: 1, onStep: (s) => steps.push(s) });
    expect(target.writes).toEqual(['hugo.toml', 'content/posts/a.md', 'content/posts/b.MD']);
    expect(steps).toEqual([
      { action: 'upload', key: 'hugo.toml', size: 45, reason: 'new' },
      { action: 'upload', key: 'content/posts/a.md', size: 36, reason: 'new' },
      { action: 'upload', key: 'content/posts/b.MD', size: 5, reason: 'new' },
    ]);
    expect(result).toMatchObject({ unchanged: 0, deleted: [], bytes: 86, dryRun: false, staleConfig: [] });
    expect(target.bucket.snapshot().get('content/posts/a.md')?.contentType).toBe('text/markdown; charset=utf-8');
    expect(target.bucket.snapshot().get('hugo.toml')?.cacheControl).toBe('no-cache');
  });

  it('writes nothing when the stored sha256 matches, and re-sends only what changed', async () => {
    const target = memoryTarget();
    await syncSite(target, { siteDir: dir });
    target.writes.length = 0;
    const same = await syncSite(target, { siteDir: dir });
    expect(target.writes).toEqual([]);
    expect(same).toMatchObject({ uploaded: [], unchanged: 2 });
    expect(target.heads.sort()).toEqual(['content/posts/a.md', 'hugo.toml']);
    await put('content/posts/a.md', '---\ntitle: B\ndate: 2025-01-01\n---\nB\n'); // same size, other bytes
    const changed = await syncSite(target, { siteDir: dir });
    expect(changed.uploaded).toEqual([{ key: 'content/posts/a.md', size: 36, reason: 'changed' }]);
  });

  it('deletes the Markdown under the prefix and the config the site no longer has only with deleteMissing, and a dry run changes nothing', async () => {
    const target = memoryTarget(
      new MemoryStorage({
        'content/old.md': 'old',
        'content/old/photo.png': 'png',
        'other/keep.md': 'keep',
        '_feedpub/report.json': '{}',
        'config.yaml': 'x: 1',
      }),
    );
    const kept = await syncSite(target, { siteDir: dir });
    // Without deleteMissing, what would go is counted and kept.
    expect(kept).toMatchObject({ staleConfig: ['config.yaml'], notInSite: 1, deleted: [] });
    await syncSite(target, { siteDir: dir });
    expect([...target.bucket.snapshot().keys()]).toContain('content/old.md');
    const before = target.bucket.snapshot();
    target.writes.length = 0;
    await unlink(path.join(dir, 'content/posts/a.md'));
    const dry = await syncSite(target, { siteDir: dir, deleteMissing: true, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, deleted: ['config.yaml', 'content/old.md', 'content/posts/a.md'], uploaded: [] });
    expect(target.bucket.snapshot()).toEqual(before);
    const real = await syncSite(target, { siteDir: dir, deleteMissing: true });
    expect(real.deleted).toEqual(['config.yaml', 'content/old.md', 'content/posts/a.md']);
    // What upload never sends (an image) and what is outside the prefix stay.
    expect([...target.bucket.snapshot().keys()].sort()).toEqual(['_feedpub/report.json', 'content/old/photo.png', 'hugo.toml', 'other/keep.md']);
    expect(real.staleConfig).toEqual([]);
  });

  it('sends the config files Hugo reads in folders below config/_default/ and config/production/, hidden ones too, and deletes those the site no longer has', async () => {
    // Prepare: a site that keeps its params per language in a folder, as the zh fork of Hugo's docs does.
    await put('hugo.toml', 'baseURL = "https://example.com/"\n[languages.en]\nweight = 1\n[languages.zh]\nweight = 2\n');
    await put('config/_default/params/params.zh.toml', 'description = "zh"\n');
    await put('config/_default/sub/permalinks.toml', 'posts = "/p/:slug/"\n');
    await put('config/_default/.hidden/params.TOML', 'x = 1\n');
    await put('config/production/deeper/params.yaml', 'y: 2\n');
    await put('config/_default/sub/notes.txt', 'not config');
    await put('config/_default/sub/params.toml.orig', 'not config');
    const target = memoryTarget(new MemoryStorage({ 'config/_default/old/menus.en.toml': '[[main]]\n' }));
    // Act
    const result = await syncSite(target, { siteDir: dir, concurrency: 1, deleteMissing: true });
    // Assess: the config files go first, the others in the folders stay on the disk, the stale one goes.
    expect(target.writes).toEqual([
      'config/_default/.hidden/params.TOML',
      'config/_default/params/params.zh.toml',
      'config/_default/sub/permalinks.toml',
      'config/production/deeper/params.yaml',
      'hugo.toml',
      'content/posts/a.md',
    ]);
    expect(result.deleted).toEqual(['config/_default/old/menus.en.toml']);
    expect(target.bucket.snapshot().get('config/_default/sub/permalinks.toml')?.cacheControl).toBe('no-cache');
  });

  it('stops, as build does, when a language content folder is a link out of the site folder (its pages would never be sent)', async () => {
    // Prepare: content/en leads out; content/fr is a folder of the site.
    const outside = await mkdtemp(path.join(tmpdir(), 'feedpub-sync-outside-'));
    try {
      await put(
        'hugo.toml',
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n',
      );
      await put('content/fr/b.md', 'b');
      await writeFile(path.join(outside, 'a.md'), 'a');
      await symlink(outside, path.join(dir, 'content/en'));
      const target = memoryTarget();
      // Act
      const error = await syncSite(target, { siteDir: dir }).catch((caught: unknown) => caught);
      // Assess: nothing sent, the link named.
      expect(error).toBeInstanceOf(LinkOutsideError);
      expect(error).toMatchObject({ folder: 'content/en', link: 'content/en', target: outside });
      expect(target.writes).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("uploads a linked file or folder inside the site under the link's key, and names the links it does not follow", async () => {
    // Prepare: links into the site (a file, a folder) and out of it (a file) or to nothing.
    const outside = await mkdtemp(path.join(tmpdir(), 'feedpub-sync-outside-'));
    try {
      await writeFile(path.join(outside, 'secret.md'), 'secret');
      await symlink('a.md', path.join(dir, 'content/posts/link.md'));
      await put('content/posts/a/notes.md', 'notes');
      await symlink('a', path.join(dir, 'content/posts/linked'));
      await symlink(path.join(outside, 'secret.md'), path.join(dir, 'content/posts/out.md'));
      await symlink('gone.md', path.join(dir, 'content/posts/broken.md'));
      const target = memoryTarget();
      // Act
      const result = await syncSite(target, { siteDir: dir, concurrency: 1 });
      // Assess
      expect(target.writes).toEqual(['hugo.toml', 'content/posts/a.md', 'content/posts/a/notes.md', 'content/posts/link.md', 'content/posts/linked/notes.md']);
      expect(target.bucket.snapshot().get('content/posts/link.md')?.body).toEqual(target.bucket.snapshot().get('content/posts/a.md')?.body);
      expect(result.skippedLinks.map((p) => `${p.file} ${p.severity} ${p.rule}`)).toEqual([
        'content/posts/broken.md warning symlink-broken',
        'content/posts/out.md warning symlink-outside',
      ]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('tells each step in the plan order even when the requests finish in another', async () => {
    // Prepare: more articles, and a bucket whose first writes are the slowest.
    for (const name of ['b', 'c', 'd']) await put(`content/posts/${name}.md`, name);
    const target = memoryTarget(new MemoryStorage({ 'content/gone.md': 'x' }));
    const write = target.storage.write;
    let delay = 40;
    target.storage.write = async (request) => {
      delay = Math.max(0, delay - 10);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await write(request);
    };
    const steps: string[] = [];
    // Act
    await syncSite(target, { siteDir: dir, concurrency: 8, deleteMissing: true, onStep: (s) => steps.push(`${s.action} ${s.key}`) });
    // Assess
    expect(steps).toEqual([
      'upload hugo.toml',
      'upload content/posts/a.md',
      'upload content/posts/b.md',
      'upload content/posts/c.md',
      'upload content/posts/d.md',
      'delete content/gone.md',
    ]);
  });

  it('goes on when the role may not list where the manifest would be (the CI recipe lists only what it syncs)', async () => {
    const target = memoryTarget();
    const list = target.storage.list;
    target.storage.list = (prefix) => {
      if (!prefix.startsWith('_feedpub/')) return list(prefix);
      const denied = Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      throw new StorageError('list', `s3://site/${prefix}`, { cause: denied });
    };
    const result = await syncSite(target, { siteDir: dir });
    expect(result.uploaded.map((u) => u.key)).toEqual(['hugo.toml', 'content/posts/a.md']);
  });

  it('never deletes what the site has through a link it does not follow, config or content', async () => {
    // Prepare: a config file and an article that are links out of the site, and their copies in the bucket.
    const outside = await mkdtemp(path.join(tmpdir(), 'feedpub-sync-outside-'));
    try {
      await writeFile(path.join(outside, 'params.toml'), 'x = 1');
      await writeFile(path.join(outside, 'shared.md'), 'shared');
      await mkdir(path.join(dir, 'config/_default'), { recursive: true });
      await symlink(path.join(outside, 'params.toml'), path.join(dir, 'config/_default/params.toml'));
      await symlink(path.join(outside, 'shared.md'), path.join(dir, 'content/posts/shared.md'));
      const target = memoryTarget(new MemoryStorage({ 'config/_default/params.toml': 'x = 1', 'content/posts/shared.md': 'shared' }));
      // Act
      const result = await syncSite(target, { siteDir: dir, deleteMissing: true });
      // Assess
      expect(result.deleted).toEqual([]);
      expect([...target.bucket.snapshot().keys()]).toEqual(expect.arrayContaining(['config/_default/params.toml', 'content/posts/shared.md']));
      expect(result.skippedLinks.map((p) => p.file).sort()).toEqual(['config/_default/params.toml', 'content/posts/shared.md']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('tells the steps done after a failed one, in order, before the failure', async () => {
    for (const name of ['b', 'c']) await put(`content/posts/${name}.md`, name);
    const target = memoryTarget();
    const write = target.storage.write;
    target.storage.write = async (request) => {
      if (request.key === 'content/posts/a.md') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new StorageError('write', request.key, { cause: new Error('boom') });
      }
      await write(request);
    };
    const steps: string[] = [];
    await expect(syncSite(target, { siteDir: dir, concurrency: 8, onStep: (s) => steps.push(s.key) })).rejects.toThrow(StorageError);
    expect(steps).toEqual(['hugo.toml', 'content/posts/b.md', 'content/posts/c.md']);
  });

  it('refuses the feeds bucket (it holds the manifest), sending nothing there', async () => {
    const target = memoryTarget(new MemoryStorage({ '_feedpub/manifest.json.gz': 'gz', 'index.xml': '<rss/>' }));
    const refused = await syncSite(target, { siteDir: dir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageError);
    expect(refused).toMatchObject({
      message: "the bucket holds feedpub's published feeds (_feedpub/manifest.json.gz): give --bucket the content bucket, not the feeds bucket",
    });
    expect(target.writes).toEqual([]);
  });

  it('refuses a prefix that does not hold every content folder, and a site without config', async () => {
    await put('hugo.toml', 'baseURL = "https://example.com/"\ncontentDir = "posts"\n');
    const outside = await syncSite(memoryTarget(), { siteDir: dir }).catch((error: unknown) => error);
    expect(outside).toBeInstanceOf(UsageError);
    expect(outside).toMatchObject({
      command: 'upload',
      message:
        'the content folder of language "en" (posts) is outside --prefix content/: pass --prefix posts/ (and deploy with --param="contentPrefix=posts/": the function reads content/ unless told)',
    });
    // Folders in no one folder: no prefix holds them (content/ would leave docs/de out), so none is suggested.
    await put('hugo.toml', 'baseURL = "https://example.com/"\n[languages.en]\ncontentDir = "content/en"\n[languages.de]\ncontentDir = "docs/de"\n');
    await expect(syncSite(memoryTarget(), { siteDir: dir })).rejects.toMatchObject({
      message:
        'the content folder of language "de" (docs/de) is outside --prefix content/, and the site\'s content folders (content/en, docs/de) lie in no one folder the function can read: move them under one, such as content/',
    });
    // Both under docs/: that prefix is the one suggested, whichever language is outside.
    await put('hugo.toml', 'baseURL = "https://example.com/"\n[languages.en]\ncontentDir = "docs/en"\n[languages.de]\ncontentDir = "docs/de"\n');
    await expect(syncSite(memoryTarget(), { siteDir: dir, prefix: 'docs/en/' })).rejects.toThrow(
      'the content folder of language "de" (docs/de) is outside --prefix docs/en/: pass --prefix docs/ (and deploy',
    );
    await unlink(path.join(dir, 'hugo.toml'));
    await expect(syncSite(memoryTarget(), { siteDir: dir })).rejects.toThrow(
      `no site config found in the folder ${dir}: add hugo.toml there (or one of hugo.yaml,`,
    );
    await put('hugo.toml', 'baseURL = "not a url"\n');
    await expect(syncSite(memoryTarget(), { siteDir: dir })).rejects.toBeInstanceOf(ConfigError);
    await expect(syncSite(memoryTarget(), { siteDir: dir, prefix: '_feedpub/' })).rejects.toThrow(/--prefix must lie apart from _feedpub\//);
    await expect(syncSite(memoryTarget(), { siteDir: dir, prefix: 'content' })).rejects.toThrow(/--prefix must be a folder ending in "\/", such as content\//);
    await expect(syncSite(memoryTarget(), { siteDir: dir, prefix: 'a/../b/' })).rejects.toThrow(/--prefix must be a relative folder/);
  });
});

describe('inOrder', () => {
  it('tells steps in the order of their numbers, whatever order they finish in', () => {
    const told: string[] = [];
    const tell = inOrder((step) => told.push(step.key));
    tell(2, { action: 'delete', key: 'c' });
    tell(1, { action: 'delete', key: 'b' });
    expect(told).toEqual([]);
    tell(0, { action: 'delete', key: 'a' });
    expect(told).toEqual(['a', 'b', 'c']);
    tell(3, { action: 'delete', key: 'd' });
    expect(told).toEqual(['a', 'b', 'c', 'd']);
  });
});
