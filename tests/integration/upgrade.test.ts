import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { MANIFEST_KEY, type ManifestArticle } from '../../src/manifest.js';
import type { Storage, WriteRequest } from '../../src/ports.js';
import { type RebuildReport, rebuild } from '../../src/rebuild.js';
import { RENDER_VERSION } from '../../src/rebuild/render-version.js';
import { readManifest, readState, writeManifest } from '../../src/rebuild/state.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { upgradeFiles } from '../support/upgrade-fixture.js';

/**
 * The ids of each feed file: the Atom feed's id then its entries', the RSS items' guids, the JSON Feed
 * items' ids, by path.
 */
function idsOf(files: ReadonlyMap<string, string | Uint8Array>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [path, raw] of files) {
    const body = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
    if (path.endsWith('atom.xml'))
      out.set(
        path,
        [...body.matchAll(/<id>([^<]*)<\/id>/g)].map((m) => m[1] ?? ''),
      );
    else if (path.endsWith('index.xml'))
      out.set(
        path,
        [...body.matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((m) => m[1] ?? ''),
      );
    else if (path.endsWith('feed.json'))
      out.set(
        path,
        (JSON.parse(body) as { items: { id: string }[] }).items.map((item) => item.id),
      );
  }
  return out;
}

const FIXTURES = [
  // Published at 4fa0005, before ids followed the baseURL: salted with 'feedpub'.
  ['format-6', 'feedpub-manifest/6', 'feedpub'],
  // Published at 5dd77ea under https://old.example.net/; hugo.toml now names https://news.example.org/.
  ['format-7', 'feedpub-manifest/7', 'old.example.net/'],
] as const;

/** The fixture site, the feeds and the state an older feedpub left for it. */
function upgraded(fixture: string, state: Storage = new MemoryStorage(upgradeFiles(`${fixture}/state`))) {
  const source = new MemoryStorage(upgradeFiles('site'));
  const target = new MemoryStorage(upgradeFiles(`${fixture}/out`));
  const deps = memoryDeps(source, SAMPLE_NOW, { target, state, report: new MemoryStorage() });
  return { source, target, deps, published: idsOf(upgradeFiles(`${fixture}/out`)) };
}

const ZIG = ['tags/zig/atom.xml', 'tags/zig/feed.json', 'tags/zig/index.xml'];

/** The format-6 fixture's state with its head as format 1 wrote it: no site recorded (so no namespace). */
function formatOneState(): MemoryStorage {
  const files = upgradeFiles('format-6/state');
  const head = files.get(MANIFEST_KEY);
  if (head === undefined) throw new Error('no head in the format-6 fixture');
  const { site: _site, ...rest } = JSON.parse(gunzipSync(head).toString('utf8')) as Record<string, unknown>;
  files.set(MANIFEST_KEY, gzipSync(JSON.stringify({ ...rest, format: 'feedpub-manifest/1' })));
  return new MemoryStorage(files);
}

describe('the first run after an upgrade from an older state', () => {
  it('keeps the ids of a state that recorded no site (format 1): they were salted with feedpub then', async () => {
    const { target, deps, published } = upgraded('format-6', formatOneState());
    const report = await rebuild(deps);
    expect(idsOf(textFiles(target))).toEqual(published);
    expect(report.problems.find((p) => p.rule === 'manifest-format')?.message).toContain('(feedpub-manifest/1): ids keep its idNamespace "feedpub"');
  });

  it.each(FIXTURES)('keeps every item id and feed id %s published (its idNamespace), and says what it kept', async (fixture, format, idNamespace) => {
    // Arrange
    const { target, deps, published } = upgraded(fixture);
    expect(published.size).toBe(15);
    // Act
    const report = await rebuild(deps);
    // Assert: every feed file the old version wrote lists the very ids it did, and nothing was deleted.
    expect(idsOf(textFiles(target))).toEqual(published);
    expect(report.deleted).toEqual([]);
    expect(report.problems).toContainEqual({
      file: '(state)',
      severity: 'info',
      rule: 'manifest-format',
      message: `the state at ${MANIFEST_KEY} was written by an older feedpub (${format}): ids keep its idNamespace "${idNamespace}", the files it published that this run does not write are deleted, and every page is read and every feed rendered again`,
    });
    // Recorded for the next runs, which say nothing more of it.
    expect((await readState(deps.state)).stored?.manifest.site?.feeds.idNamespace).toBe(idNamespace);
    const next = await rebuild(deps);
    expect(next.written).toEqual([]);
    expect(next.problems.filter((p) => p.rule === 'manifest-format')).toEqual([]);
    // What a run without that state gives (what the upgrade gave before): other ids.
    const fresh = idsOf((await buildToMemory(new MemoryStorage(upgradeFiles('site')), SAMPLE_NOW)).files);
    expect(fresh.get('atom.xml')?.[0]).not.toBe(published.get('atom.xml')?.[0]);
    expect(fresh.get('feed.json')?.some((id) => published.get('feed.json')?.includes(id))).toBe(false);
  });

  it.each(FIXTURES)('deletes the feeds %s published that the run no longer writes, and invalidates them', async (fixture) => {
    // Arrange: the only article tagged zig goes at the upgrade.
    const { source, target, deps } = upgraded(fixture);
    await source.delete('content/posts/gamma.md');
    // Act
    const report = await rebuild(deps);
    // Assert
    expect(report.deleted).toEqual(ZIG);
    expect(report.invalidated).toEqual(expect.arrayContaining(ZIG.map((path) => `/${path}`)));
    expect([...target.snapshot().keys()].filter((key) => key.startsWith('tags/zig/'))).toEqual([]);
  });

  it('keeps the ids through runs that stop before their manifest: a config error, a failed write after the write-ahead', async () => {
    // Arrange: a config that does not resolve, then a feeds store that refuses writes.
    const { source, deps, published } = upgraded('format-7');
    const config = source.text('hugo.toml') ?? '';
    await source.write({ key: 'hugo.toml', body: `${config}\nbaseURL = 1\n`, contentType: '', cacheControl: '' });
    await expect(rebuild(deps)).rejects.toThrow();
    await source.write({ key: 'hugo.toml', body: config, contentType: '', cacheControl: '' });
    const refusing: Storage = {
      list: (prefix) => deps.target.list(prefix),
      read: (key) => deps.target.read(key),
      write: async () => {
        throw new Error('feeds bucket unavailable');
      },
      delete: (key) => deps.target.delete(key),
    };
    await expect(rebuild({ ...deps, target: refusing })).rejects.toThrow('feeds bucket unavailable');
    const stopped = await readState(deps.state);
    expect(stopped.legacy).toBeUndefined();
    expect(stopped.stored?.manifest).toMatchObject({ idNamespace: 'old.example.net/', unfinished: true });
    // Act
    await rebuild(deps);
    // Assert
    expect(idsOf(textFiles(deps.target as MemoryStorage))).toEqual(published);
  });

  it('writes its manifest over the old head only as read (its change token, as S3 If-Match)', async () => {
    // Arrange: a state store that records its head writes.
    const state = new MemoryStorage(upgradeFiles('format-6/state'));
    const heads: WriteRequest[] = [];
    const recording: Storage = {
      list: (prefix) => state.list(prefix),
      read: (key) => state.read(key),
      readVersioned: (key) => state.readVersioned(key),
      write: (request) => {
        if (request.key === MANIFEST_KEY) heads.push(request);
        return state.write(request);
      },
      delete: (key) => state.delete(key),
    };
    const read = await state.readVersioned(MANIFEST_KEY);
    const { deps } = upgraded('format-6', recording);
    // Act
    await rebuild(deps);
    // Assert: the write-ahead over the old head's token, the manifest over the write-ahead's; the old shards gone.
    expect(heads.map((head) => head.ifVersion)).toEqual([read?.version, expect.any(String)]);
    expect(heads[1]?.ifVersion).not.toBe(read?.version);
    const shards = [...state.snapshot().keys()].filter((key) => key.startsWith('manifest/'));
    const named = (await readState(state)).stored?.shards.map((shard) => shard.name) ?? [];
    expect(shards.every((key) => named.includes(key))).toBe(true);
  });

  it('warns when the state is of a format this version cannot read, and leaves what it published in place', async () => {
    // Arrange: a head of a format to come, and the zig feed gone at the same time.
    const newer = new TextEncoder().encode(
      `${JSON.stringify({ format: 'feedpub-manifest/9', articleShards: Array.from({ length: 16 }, () => '') })}\n{"configHash":"c","feeds":{}}`,
    );
    const state = new MemoryStorage([[MANIFEST_KEY, gzipSync(newer)]]);
    const { source, target, deps } = upgraded('format-6', state);
    await source.delete('content/posts/gamma.md');
    // Act
    const report = await rebuild(deps);
    // Assert: said, the zig feed left as it was, and the head replaced by this version's.
    expect(report.problems).toContainEqual({
      file: '(state)',
      severity: 'warning',
      rule: 'manifest-format',
      message: `the state at ${MANIFEST_KEY} was written by a feedpub this one cannot read (feedpub-manifest/9): item and feed ids follow idNamespace "news.example.org/" (from the baseURL: if the published ids used another, set idNamespace to it); files it published that this run does not write are left in place`,
    });
    expect(report.deleted).toEqual([]);
    expect(ZIG.every((path) => target.snapshot().has(path))).toBe(true);
    expect((await readState(state)).stored?.manifest.site?.feeds.idNamespace).toBe('news.example.org/');
  });
});

describe('a state another feedpub version wrote', () => {
  const SITE = 'baseURL = "https://example.com/"\ntitle = "T"\n';
  const post = (title: string) => `---\ntitle: ${title}\ndate: 2025-01-01\n---\nBody.\n`;

  /** A built site (its pages `pages`) whose manifest then says it was written at `renderVersion`. */
  async function stateOf(renderVersion: number, pages: readonly (readonly [string, string])[] = [['content/posts/a.md', post('A')]]) {
    const source = new MemoryStorage([['hugo.toml', SITE], ...pages]);
    const deps = memoryDeps(source, SAMPLE_NOW);
    await rebuild(deps);
    await writtenAt(deps.state, renderVersion);
    return deps;
  }

  /** The stored manifest, as if written at `renderVersion`. */
  async function writtenAt(state: Storage, renderVersion: number): Promise<void> {
    const stored = await readManifest(state);
    const configSource = stored?.manifest.configSource;
    if (stored === undefined || configSource === undefined) throw new Error('no manifest');
    await writeManifest(state, { ...stored.manifest, configHash: 'another', configSource: { ...configSource, renderVersion } }, stored);
  }
  const notes = (report: RebuildReport) => report.problems.filter((p) => p.rule === 'render-version-changed');

  it('says once, as an info, that an older one wrote it, and nothing at the next run', async () => {
    const deps = await stateOf(RENDER_VERSION - 1);
    const first = notes(await rebuild(deps));
    expect(first.map((p) => [p.severity, p.file])).toEqual([['info', '(state)']]);
    expect(first[0]?.message).toContain(`older feedpub (render version ${RENDER_VERSION - 1}; this one is ${RENDER_VERSION})`);
    expect(notes(await rebuild(deps))).toEqual([]);
  });

  it('remembers no page of a draft section that goes in the first run after an upgrade, and keeps what the older one remembered', async () => {
    // Prepare: an older feedpub's state of a site with a page in a draft section and a page deleted already.
    const wip = 'content/wip/a.md';
    const deps = await stateOf(RENDER_VERSION - 1, [
      ['content/posts/a.md', post('A')],
      ['content/posts/gone.md', post('Gone')],
      ['content/wip/_index.md', '---\ntitle: WIP\ndraft: true\n---\n'],
      [wip, post('Idea')],
    ]);
    await deps.source.delete('content/posts/gone.md');
    await rebuild(deps);
    await writtenAt(deps.state, RENDER_VERSION - 1);
    const remembered = (await readManifest(deps.state))?.manifest.retired;
    expect(remembered?.map((row) => row[0])).toEqual(['content/posts/gone.md']);
    // Act: the draft section's page goes in the upgrade's run, and another comes at its path.
    await deps.source.delete(wip);
    const upgrade = await rebuild(deps);
    await deps.source.write({ key: wip, body: post('Another idea').replace('2025-01-01', '2025-01-05'), contentType: '', cacheControl: '' });
    const next = await rebuild(deps);
    // Assess
    expect([...upgrade.problems, ...next.problems].filter((p) => p.rule.startsWith('id-'))).toEqual([]);
    expect((await readManifest(deps.state))?.manifest.retired).toEqual(remembered);
  });

  it('parses every page again after a state of render version 39, which kept a cascade of no terms nor dates, every taxonomy of a page, and no undated page', async () => {
    // Prepare: a section cascading a category and a date to a dated page and an undated one, its state as 39 kept it.
    const list = '---\ntitle: Posts\ncascade:\n  categories: [guides]\n  date: 2021-05-05T00:00:00Z\n---\n';
    const deps = await stateOf(RENDER_VERSION, [
      ['content/posts/_index.md', list],
      ['content/posts/a.md', post('A')],
      ['content/posts/b.md', '---\ntitle: B\n---\nBody.\n'],
    ]);
    const stored = await readManifest(deps.state);
    if (stored === undefined || stored.manifest.configSource === undefined) throw new Error('no manifest');
    const old = (record: ManifestArticle): ManifestArticle => {
      const { undated: _undated, entry, list: page, ...rest } = record;
      const cascade = page?.cascade?.map(({ terms: _terms, dates: _dates, ...entryOf }) => entryOf);
      return {
        ...rest,
        ...(entry !== undefined ? { entry: (({ dates: _dates, ...kept }) => ({ ...kept, terms: { tags: [], categories: [], ...entry.terms } }))(entry) } : {}),
        ...(page !== undefined ? { list: { ...page, ...(cascade !== undefined ? { cascade } : {}) } } : {}),
      };
    };
    const articles = new Map([...stored.manifest.articles].map(([key, record]) => [key, old(record)]));
    await writeManifest(deps.state, { ...stored.manifest, articles, configSource: { ...stored.manifest.configSource, renderVersion: 39 } }, stored);
    // Act: the upgrade's first run is one for a reported key.
    await rebuild(deps, { changedKeys: ['content/posts/a.md'] });
    // Assess: what a clean build publishes.
    expect(textFiles(deps.target as MemoryStorage)).toEqual(await cleanBuildOf(deps.source as MemoryStorage, SAMPLE_NOW));
    expect(textFiles(deps.target as MemoryStorage).get('categories/guides/index.xml')).toContain('<title>B</title>');
  });

  it('warns when a newer one wrote it (a rollback, or a CLI, CI or function left behind)', async () => {
    const deps = await stateOf(RENDER_VERSION + 1);
    const found = notes(await rebuild(deps));
    expect(found.map((p) => p.severity)).toEqual(['warning']);
    expect(found[0]?.message).toContain('newer feedpub');
    expect(found[0]?.message).toContain('run one version everywhere');
  });
});
