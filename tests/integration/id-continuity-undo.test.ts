import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildOptions, type RebuildReport, rebuild } from '../../src/rebuild.js';
import { MAX_RETIRED } from '../../src/rebuild/retired.js';
import { readManifest } from '../../src/rebuild/state.js';
import { memoryDeps } from '../support/build.js';

/**
 * Regressions of the id notices (a review): a rename undone, a branch checked out and back, a mass move
 * undone, one of two identical files deleted, and the deleted article put back with its old id stated are
 * no moves and no reuse, and are not told as such.
 */

const NOW = Date.UTC(2025, 2, 1);
const CONFIG = 'baseURL = "https://ex.org/"\ntitle = "T"\n';
const A = 'content/posts/a.md';
const B = 'content/posts/b.md';
const OTHER = 'content/posts/o.md';
const BODY_A = '---\ntitle: "Alpha"\ndate: 2025-01-03T09:00:00Z\n---\nAlpha body.\n';
const BODY_O = '---\ntitle: "Other"\ndate: 2025-01-02T09:00:00Z\n---\nOther body.\n';

function history(files: [string, string][]) {
  const source = new MemoryStorage(files);
  const state = new MemoryStorage();
  const deps = memoryDeps(source, NOW, { state });
  const put = (key: string, body: string) => source.write({ key, body, contentType: '', cacheControl: '' });
  const run = (options: RebuildOptions = {}): Promise<RebuildReport> => rebuild(deps, options);
  return { source, state, put, run };
}

const idNotes = (r: RebuildReport) => r.problems.filter((p) => p.rule.startsWith('id-'));

function postsOf(n: number): [string, string][] {
  return Array.from({ length: n }, (_, i) => [`content/posts/p${i}.md`, `---\ntitle: "Post ${i}"\ndate: 2025-01-0${1 + (i % 9)}T09:00:00Z\n---\nBody ${i}.\n`]);
}

describe('id notices: what is undone is not told', () => {
  for (const kind of ['full', 'event'] as const) {
    it(`says nothing of a rename undone, whose first id is back (${kind} runs)`, async () => {
      // Prepare
      const h = history([
        ['hugo.toml', CONFIG],
        [A, BODY_A],
        [OTHER, BODY_O],
      ]);
      await h.run();
      await h.source.delete(A);
      await h.put(B, BODY_A);
      const there = await h.run(kind === 'event' ? { changedKeys: [A, B] } : {});
      // Act
      await h.source.delete(B);
      await h.put(A, BODY_A);
      const back = await h.run(kind === 'event' ? { changedKeys: [A, B] } : {});
      // Assess
      expect(idNotes(there).map((p) => p.rule)).toEqual(['id-changed']);
      expect(idNotes(back)).toEqual([]);
    });
  }

  it('says nothing of a mass move undone, while the pages moved are remembered', async () => {
    // Prepare
    const posts = postsOf(MAX_RETIRED - 6);
    const h = history([['hugo.toml', CONFIG], ...posts]);
    await h.run();
    for (const [key, body] of posts) {
      await h.source.delete(key);
      await h.put(key.replace('/posts/', '/blog/'), body);
    }
    const there = await h.run();
    // Act
    for (const [key, body] of posts) {
      await h.source.delete(key.replace('/posts/', '/blog/'));
      await h.put(key, body);
    }
    const back = await h.run();
    // Assess
    expect(idNotes(there)).toHaveLength(posts.length);
    expect(idNotes(back)).toEqual([]);
  });

  it('tells no page to take the id of an identical file deleted beside it (a placeholder translation)', async () => {
    // Prepare
    const languages = 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n';
    const h = history([
      ['hugo.toml', CONFIG + languages],
      [A, BODY_A],
      ['content/posts/a.fr.md', BODY_A],
    ]);
    await h.run();
    // Act
    await h.source.delete('content/posts/a.fr.md');
    const full = await h.run();
    // Assess
    expect(idNotes(full)).toEqual([]);
  });

  it('tells no page to take the id of an identical copy deleted beside it, in its language', async () => {
    // Prepare
    const h = history([
      ['hugo.toml', CONFIG],
      [A, BODY_A],
      [B, BODY_A],
    ]);
    await h.run();
    // Act
    await h.source.delete(B);
    const event = await h.run({ changedKeys: [B] });
    // Assess
    expect(idNotes(event)).toEqual([]);
  });

  it('warns no more of the deleted article put back re-titled and re-dated once its old id is stated', async () => {
    // Prepare
    const h = history([
      ['hugo.toml', CONFIG],
      [A, BODY_A],
      [OTHER, BODY_O],
    ]);
    await h.run();
    await h.source.delete(A);
    await h.run();
    const oldId = (await readManifest(h.state))?.manifest.retired?.[0]?.[1];
    await h.put(A, '---\ntitle: "Alpha (updated)"\ndate: 2025-02-20T09:00:00Z\n---\nAlpha body, revised.\n');
    const warned = await h.run();
    // Act
    await h.put(A, `---\nid: "${oldId}"\ntitle: "Alpha (updated)"\ndate: 2025-02-20T09:00:00Z\n---\nAlpha body, revised.\n`);
    const stated = await h.run({ changedKeys: [A] });
    const after = await h.run();
    // Assess
    expect(idNotes(warned).map((p) => p.rule)).toEqual(['id-reused']);
    expect(idNotes(warned)[0]?.message).toContain(`if it is that article put back, add \`id: "${oldId}"\``);
    expect(idNotes(stated)).toEqual([]);
    expect(idNotes(after)).toEqual([]);
    expect((await readManifest(h.state))?.manifest.retired ?? []).toEqual([]);
  });
});
