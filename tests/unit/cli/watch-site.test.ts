import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SiteWatcher, watchSite } from '../../../src/cli/dev/watch-site.js';

let dir: string;
let watcher: SiteWatcher | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until `calls()` reaches `count` (at most 10 s: a starved machine delays the file events, which a
 * fixed sleep then outlasted), then the debounce time twice over, for a call too many to show; gives the count.
 */
async function settled(calls: () => number, count: number): Promise<number> {
  for (const deadline = Date.now() + 10_000; calls() < count && Date.now() < deadline; ) await sleep(20);
  await sleep(250);
  return calls();
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feedpub-watch-'));
  await mkdir(path.join(dir, 'content', 'posts'), { recursive: true });
  await writeFile(path.join(dir, 'hugo.toml'), 'title = "T"\n');
});

afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts watching and returns the calls so far; waits for the watchers to settle first. */
async function watching(): Promise<{ calls: () => number; errors: string[] }> {
  let calls = 0;
  const errors: string[] = [];
  watcher = watchSite({ siteDir: dir, prefix: 'content/', debounceMs: 100, onChange: () => calls++, onError: (m) => errors.push(m) });
  await sleep(150);
  return { calls: () => calls, errors };
}

describe('watchSite', () => {
  it('calls once for a burst of edits in the content folder, after the quiet time', async () => {
    const { calls, errors } = await watching();
    // Written without a turn of the event loop between them: one burst, however busy the machine.
    for (const name of ['a.md', 'b.md', 'c.md']) writeFileSync(path.join(dir, 'content', 'posts', name), name);
    expect(calls()).toBe(0);
    expect(await settled(calls, 1)).toBe(1);
    expect(errors).toEqual([]);
  });

  it('sees config edits at the root, but not other root files or hidden files', async () => {
    const { calls } = await watching();
    await writeFile(path.join(dir, 'README.md'), 'x');
    await writeFile(path.join(dir, 'content', 'posts', '.a.md.swp'), 'x');
    await sleep(400);
    expect(calls()).toBe(0);
    await writeFile(path.join(dir, 'hugo.toml'), 'title = "U"\n');
    expect(await settled(calls, 1)).toBe(1);
  });

  it('keeps seeing a file that editors and git replace (written beside it, renamed over it), again and again', async () => {
    const file = path.join(dir, 'content', 'posts', 'a.md');
    await writeFile(file, 'v0');
    const { calls } = await watching();
    for (let version = 1; version <= 3; version++) {
      await writeFile(`${file}.tmp`, `v${version}`);
      await rename(`${file}.tmp`, file);
      expect(await settled(calls, version), `save ${version}`).toBe(version);
    }
    await writeFile(file, 'v4, in place');
    expect(await settled(calls, 4)).toBe(4);
  });

  it('sees edits in a folder made after it started, and in one replaced by another', async () => {
    const { calls } = await watching();
    await mkdir(path.join(dir, 'content', 'posts', 'new', 'deeper'), { recursive: true });
    await sleep(400);
    const before = calls();
    await writeFile(path.join(dir, 'content', 'posts', 'new', 'deeper', 'b.md'), 'b');
    expect(await settled(calls, before + 1)).toBe(before + 1);
    await rm(path.join(dir, 'content', 'posts', 'new'), { recursive: true });
    await mkdir(path.join(dir, 'content', 'posts', 'new'));
    await sleep(400);
    const after = calls();
    await writeFile(path.join(dir, 'content', 'posts', 'new', 'c.md'), 'c');
    expect(await settled(calls, after + 1)).toBe(after + 1);
  });

  it('sees edits of the config files Hugo reads in folders below config/_default/, hidden ones and new ones too, not of other files there', async () => {
    // Prepare: params per language in a folder, as the zh fork of Hugo's docs keeps them.
    await mkdir(path.join(dir, 'config', '_default', 'params'), { recursive: true });
    await mkdir(path.join(dir, 'config', '_default', '.hidden'), { recursive: true });
    await writeFile(path.join(dir, 'config', '_default', 'params', 'params.zh.toml'), 'description = "a"\n');
    const { calls } = await watching();
    // Act and assess: a file that is no config (notes, an editor's backup) is not an edit of the config.
    await writeFile(path.join(dir, 'config', '_default', 'params', 'notes.txt'), 'x');
    await writeFile(path.join(dir, 'config', '_default', 'params', 'params.zh.toml~'), 'x');
    await sleep(400);
    expect(calls()).toBe(0);
    await writeFile(path.join(dir, 'config', '_default', 'params', 'params.zh.toml'), 'description = "b"\n');
    expect(await settled(calls, 1)).toBe(1);
    await writeFile(path.join(dir, 'config', '_default', '.hidden', 'params.toml'), 'x = 1\n');
    expect(await settled(calls, 2)).toBe(2);
    await mkdir(path.join(dir, 'config', '_default', 'sub'));
    await sleep(400);
    const before = calls();
    await writeFile(path.join(dir, 'config', '_default', 'sub', 'permalinks.toml'), 'posts = "/p/:slug/"\n');
    expect(await settled(calls, before + 1)).toBe(before + 1);
  });

  it('sees edits in a folder linked inside the site, which build and upload follow, and in one linked later', async () => {
    await mkdir(path.join(dir, 'shared', 'deep'), { recursive: true });
    await symlink('../../shared', path.join(dir, 'content', 'posts', 'linked'));
    const { calls, errors } = await watching();
    await writeFile(path.join(dir, 'shared', 'a.md'), 'a');
    expect(await settled(calls, 1)).toBe(1);
    await writeFile(path.join(dir, 'shared', 'deep', 'b.md'), 'b');
    expect(await settled(calls, 2)).toBe(2);
    // A link made while watching.
    await mkdir(path.join(dir, 'more'));
    await symlink('../../more', path.join(dir, 'content', 'posts', 'more'));
    await sleep(400);
    const before = calls();
    await writeFile(path.join(dir, 'more', 'c.md'), 'c');
    expect(await settled(calls, before + 1)).toBe(before + 1);
    expect(errors).toEqual([]);
  });

  it('sees a folder reached by two links, ends on a link to a folder that holds it, and leaves a link out of the site alone', async () => {
    const outside = await mkdtemp(path.join(tmpdir(), 'feedpub-watch-outside-'));
    try {
      await mkdir(path.join(dir, 'shared'));
      await symlink('../../shared', path.join(dir, 'content', 'posts', 'one'));
      await symlink('../../shared', path.join(dir, 'content', 'posts', 'two'));
      await symlink('..', path.join(dir, 'content', 'posts', 'loop'));
      await symlink(outside, path.join(dir, 'content', 'posts', 'out'));
      const { calls, errors } = await watching();
      await writeFile(path.join(outside, 'a.md'), 'a');
      await sleep(400);
      expect(calls()).toBe(0);
      await writeFile(path.join(dir, 'shared', 'b.md'), 'b');
      expect(await settled(calls, 1)).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('stops calling once closed', async () => {
    const { calls } = await watching();
    watcher?.close();
    await writeFile(path.join(dir, 'content', 'posts', 'a.md'), 'a');
    await sleep(400);
    expect(calls()).toBe(0);
  });

  it('reports a content folder that cannot be watched instead of failing', async () => {
    await rm(path.join(dir, 'content'), { recursive: true });
    const { errors } = await watching();
    expect(errors).toEqual([expect.stringMatching(/^cannot watch .*content: .*ENOENT/)]);
  });
});
