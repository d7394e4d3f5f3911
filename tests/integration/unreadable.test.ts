import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { StorageError, UnreadableObjectError } from '../../src/errors.js';
import type { ReadOptions } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles } from '../support/sample-source.js';

const OPENAI_EN = 'content/en/news/world/openai-funding.en.md';
const DEEPSEEK_EN = 'content/en/news/tech/deepseek-r1.en.md';
const ARCHIVED = 'archived in a storage class S3 does not read from (GLACIER): restore it, or copy it to a class that can be read';

/** The sample site, where the keys in `denied` cannot be read (after `deniedAfter` good reads of each). */
class DenyingStorage extends MemoryStorage {
  readonly denied = new Map<string, string>();
  /** Reads of a denied key that still succeed first. */
  deniedAfter = 0;
  readonly #seen = new Map<string, number>();
  override async read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined> {
    const reason = this.denied.get(key);
    const seen = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, seen);
    if (reason !== undefined && seen > this.deniedAfter) throw new UnreadableObjectError(key, reason);
    return super.read(key, options);
  }
}

function depsOf(source: MemoryStorage, options: Partial<RebuildDeps> = {}): RebuildDeps & { target: MemoryStorage } {
  return memoryDeps(source, SAMPLE_NOW, options) as RebuildDeps & { target: MemoryStorage };
}

/** The feeds a clean build publishes when `key` holds an edit that does not parse (a rejected edit). */
async function withRejectedEdit(key: string): Promise<Map<string, string>> {
  const files = sampleSiteFiles();
  files.set(key, '---\ntitle: "Unclosed\n---\nBody.\n');
  const build = await buildToMemory(new MemoryStorage(files), SAMPLE_NOW);
  expect(build.report.problems.some((p) => p.file === key && p.severity === 'error')).toBe(true);
  return build.files;
}

describe('a page the storage cannot give (archived, encrypted with a key the function lacks)', () => {
  it('is rejected as an edit that does not parse is: out of the feeds, reported, and the rest published; back once readable', async () => {
    // Prepare: published, then the article re-uploaded and unreadable (a full run reads it: its version changed).
    const source = new DenyingStorage(sampleSiteFiles());
    const deps = depsOf(source);
    await rebuild(deps);
    await source.write({ key: OPENAI_EN, body: `${sampleSiteFiles().get(OPENAI_EN)}\nEdited.\n`, contentType: 'text/markdown', cacheControl: '' });
    source.denied.set(OPENAI_EN, ARCHIVED);
    // Act
    const report = await rebuild(deps);
    // Assess
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([
      {
        file: OPENAI_EN,
        severity: 'error',
        rule: 'unreadable',
        message: `cannot be read: ${ARCHIVED}; not in feeds until it can be (every full run tries again)`,
      },
    ]);
    expect(report.articles).toMatchObject({ total: 13, rejected: 1, published: 8 });
    expect(textFiles(deps.target)).toEqual(await withRejectedEdit(OPENAI_EN));
    // Act: readable again (restored: the same version); the next full run reads it again.
    source.denied.clear();
    const restored = await rebuild(deps);
    // Assess
    expect(restored.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(textFiles(deps.target)).toEqual(
      (await buildToMemory(new MemoryStorage([...source.snapshot()].map(([k, o]) => [k, o.body] as const)), SAMPLE_NOW)).files,
    );
  });

  it('found unreadable when its item is made (its record kept from the last run), is read again by a full run and rejected', async () => {
    // Prepare: published; then the published copies are lost (an item is made from its file again), another
    // article of the same feeds is edited, and the article is archived (the same version: its record is kept).
    const source = new DenyingStorage(sampleSiteFiles());
    const deps = depsOf(source);
    await rebuild(deps);
    for (const key of deps.target.snapshot().keys()) await deps.target.delete(key);
    await source.write({
      key: DEEPSEEK_EN,
      body: sampleSiteFiles().get(DEEPSEEK_EN)?.replace('what the open model changes', 'what it changed') ?? '',
      contentType: 'text/markdown',
      cacheControl: '',
    });
    source.denied.set(OPENAI_EN, ARCHIVED);
    // Act
    const report = await rebuild(deps);
    // Assess
    expect(report.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.rule])).toEqual([[OPENAI_EN, 'unreadable']]);
    expect(report.articles).toMatchObject({ rejected: 1, published: 8 });
  });

  it('most of the site unreadable is the storage, not its files: the run throws and writes nothing', async () => {
    // Prepare: published; then every page is under a key the function may not use, and a forced run reads them all.
    const source = new DenyingStorage(sampleSiteFiles());
    const deps = depsOf(source);
    await rebuild(deps);
    const before = textFiles(deps.target);
    for (const key of sampleSiteFiles().keys()) if (key.endsWith('.md')) source.denied.set(key, 'encrypted with a KMS key this function may not use');
    // Act
    const failure = await rebuild(deps, { force: true }).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(UnreadableObjectError);
    expect(failure).toBeInstanceOf(StorageError);
    expect(textFiles(deps.target)).toEqual(before);
  });

  it('most of what a run reads unreadable is the storage too, however large the site: two edited pages under a key it lacks', async () => {
    // Prepare: published; two articles edited, both under a key the function may not use (13 pages, 2 read).
    const source = new DenyingStorage(sampleSiteFiles());
    const deps = depsOf(source);
    await rebuild(deps);
    const before = textFiles(deps.target);
    for (const key of [OPENAI_EN, DEEPSEEK_EN]) {
      await source.write({ key, body: `${sampleSiteFiles().get(key)}\nEdited.\n`, contentType: 'text/markdown', cacheControl: '' });
      source.denied.set(key, 'encrypted with a KMS key this function may not use');
    }
    // Act
    const failure = await rebuild(deps).catch((error: unknown) => error);
    // Assess: thrown, nothing left the feeds (a count against the whole site took both out).
    expect(failure).toBeInstanceOf(UnreadableObjectError);
    expect(textFiles(deps.target)).toEqual(before);
  });

  it('pages rejected as unreadable by earlier runs, read again by every full run, never add up to a failed run', async () => {
    // Prepare: published; then one edited article becomes unreadable, and in a later run another.
    const source = new DenyingStorage(sampleSiteFiles());
    const deps = depsOf(source);
    await rebuild(deps);
    const edit = async (key: string) => {
      await source.write({ key, body: `${sampleSiteFiles().get(key)}\nEdited.\n`, contentType: 'text/markdown', cacheControl: '' });
      source.denied.set(key, ARCHIVED);
    };
    await edit(OPENAI_EN);
    expect((await rebuild(deps)).articles).toMatchObject({ rejected: 1 });
    await edit(DEEPSEEK_EN);
    // Act: the run that reads both (one known, one new), then two quiet full runs (a second review: they threw)
    const runs = [await rebuild(deps), await rebuild(deps), await rebuild(deps)];
    // Assess
    for (const report of runs) expect(report.problems.filter((p) => p.rule === 'unreadable').map((p) => p.file)).toEqual([DEEPSEEK_EN, OPENAI_EN]);
  });

  it('the one page of a site unreadable is thrown, not taken out of its feeds', async () => {
    // Prepare: a one-page site, published; then its page is under a key the function may not use.
    const source = new DenyingStorage([
      ['hugo.toml', 'baseURL = "https://one.example/"\ntitle = "One"\n'],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n'],
    ]);
    const deps = depsOf(source);
    await rebuild(deps);
    const before = textFiles(deps.target);
    source.denied.set('content/posts/a.md', 'encrypted with a KMS key this function may not use');
    // Act
    const failure = await rebuild(deps, { force: true }).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(UnreadableObjectError);
    expect(textFiles(deps.target)).toEqual(before);
    expect(before.get('index.xml')).toContain('<title>A</title>');
  });

  it('a leaf bundle resource the storage will not give is undated for the bundle warning, not a failed run', async () => {
    // Prepare: trip/index.md hides notes.md, which is archived.
    const source = new DenyingStorage([
      ['hugo.toml', 'baseURL = "https://one.example/"\ntitle = "One"\n'],
      ['content/trip/index.md', '---\ntitle: Trip\ndate: 2025-01-01\n---\nTrip.\n'],
      ['content/trip/notes.md', '---\ntitle: Notes\ndate: 2025-01-02\n---\nx\n'],
    ]);
    source.denied.set('content/trip/notes.md', ARCHIVED);
    // Act
    const report = await rebuild(depsOf(source));
    // Assess: published, and the bundle noted (not warned of: its resource could not be read for a date).
    expect(report.articles).toMatchObject({ published: 1 });
    expect(report.problems.filter((p) => p.rule === 'bundle-hides-pages').map((p) => p.severity)).toEqual(['info']);
  });
});
