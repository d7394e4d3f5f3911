import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildDeps, type RebuildReport, rebuild } from '../../src/rebuild.js';
import { readManifest, writeManifest } from '../../src/rebuild/state.js';
import { cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

/**
 * The runtime's time zone data, as the tests set it: `zone`'s offsets an hour ahead from `from` on (another
 * tzdata, as Node 20's 2025c and Node 24's 2026e for America/Vancouver from 2026); no zone: this runtime's.
 */
const tzdata = vi.hoisted(() => ({ zone: '', from: 0, fingerprinted: [] as string[] }));

vi.mock('../../src/parse/zone-offset.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parse/zone-offset.js')>();
  const moved = (zone: string, ms: number, offset: number | undefined): number | undefined =>
    offset !== undefined && zone === tzdata.zone && ms >= tzdata.from ? offset + 60 : offset;
  return {
    ...real,
    zoneOffsetMinutes: (zone: string, ms: number) => moved(zone, ms, real.zoneOffsetMinutes(zone, ms)),
    zoneOffsetSource: (zone: string) => {
      const source = real.zoneOffsetSource(zone);
      return source && ((ms: number) => moved(zone, ms, source(ms)));
    },
  };
});

// Fingerprinted on every call, from the offsets above (a process keeps each zone's: its tzdata cannot change),
// in a tzdata version of its own while the offsets are moved.
vi.mock('../../src/parse/zone-rules.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parse/zone-rules.js')>();
  const { zoneOffsetSource } = await import('../../src/parse/zone-offset.js');
  return {
    ...real,
    tzdataVersion: () => (tzdata.zone === '' ? '2025c' : `2025c-${tzdata.zone}-${tzdata.from}`),
    zoneRules: (zone: string) => {
      tzdata.fingerprinted.push(zone);
      const source = zoneOffsetSource(zone);
      return source === undefined ? 'unknown' : real.zoneRulesDigest(source);
    },
  };
});

const VANCOUVER = 'America/Vancouver';
const NOW = Date.UTC(2026, 11, 1);
const SITE = `baseURL = "https://blog.example.ca/"
title = "Vancouver Notes"
timeZone = "${VANCOUVER}"
[permalinks]
posts = "/:year/:month/:day/:slug/"
`;

function post(title: string, date: string): string {
  return `---\ntitle: ${title}\ndate: ${date}\ntags: [notes]\n---\n${title}.\n`;
}

const zoneNotes = (report: RebuildReport) => report.problems.filter((p) => p.rule === 'zone-rules-changed');

describe('dates read with the time zone rules of another runtime', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let state: MemoryStorage;
  let deps: RebuildDeps;

  beforeEach(() => {
    tzdata.zone = '';
    tzdata.fingerprinted = [];
    source = new MemoryStorage([
      ['hugo.toml', SITE],
      ['content/posts/day.md', post('A day', '2026-11-25')],
      ['content/posts/naive.md', post('Naive', '2026-11-20T09:00:00')],
      ['content/posts/utc.md', post('In UTC', '2026-11-16T07:30:00Z')],
      ['content/posts/old.md', post('Old', '2019-06-01T12:00:00')],
    ]);
    target = new MemoryStorage();
    state = new MemoryStorage();
    deps = memoryDeps(source, NOW, { target, state });
  });

  /** A clean build with this runtime's rules. */
  async function cleanBuild(): Promise<Map<string, string>> {
    const { zone } = tzdata;
    tzdata.zone = '';
    try {
      return await cleanBuildOf(source, NOW);
    } finally {
      tzdata.zone = zone;
    }
  }

  it('are read again by a run for an uploaded key on this runtime, which publishes what a clean build does and says why', async () => {
    // Arrange: a CLI on another runtime built the site, whose dates without a zone in 2026 are an hour off this runtime's.
    tzdata.zone = VANCOUVER;
    tzdata.from = Date.UTC(2026, 0, 1);
    await rebuild(deps);
    tzdata.zone = '';
    expect(textFiles(target).get('index.xml')).not.toBe((await cleanBuild()).get('index.xml'));
    // Act: the function, on this runtime, for an uploaded post.
    await source.write({ key: 'content/posts/new.md', body: post('New', '2026-11-28'), contentType: 'text/markdown', cacheControl: '' });
    const report = await rebuild(deps, { changedKeys: ['content/posts/new.md'] });
    // Assert: every page read again, no mix of the two runtimes' dates.
    expect(report.articles.parsed).toBe(5);
    expect(textFiles(target)).toEqual(await cleanBuild());
    expect(zoneNotes(report)).toEqual([expect.objectContaining({ file: '(state)', severity: 'info' })]);
    expect(zoneNotes(report)[0]?.message).toContain(`the time zone ${VANCOUVER} has other rules`);
    // The next run trusts the manifest again, and says nothing more.
    const next = await rebuild(deps);
    expect(next.articles.parsed).toBe(0);
    expect(next.written).toEqual([]);
    expect(zoneNotes(next)).toEqual([]);
  });

  it('are read again when the rules change where no date is, and no file is written', async () => {
    await rebuild(deps);
    const before = textFiles(target);
    tzdata.zone = VANCOUVER;
    tzdata.from = Date.UTC(2090, 0, 1);
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(4);
    expect(report.written).toEqual([]);
    expect(zoneNotes(report)).toHaveLength(1);
    expect(textFiles(target)).toEqual(before);
    expect((await rebuild(deps)).articles.parsed).toBe(0);
  });

  it('are not read again when the rules of a zone the site does not use change', async () => {
    await rebuild(deps);
    tzdata.zone = 'Europe/Chisinau';
    tzdata.from = Date.UTC(2022, 0, 1);
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(0);
    expect(zoneNotes(report)).toEqual([]);
  });

  it('are read again once from a manifest that recorded no rules (an older feedpub), without a notice', async () => {
    await rebuild(deps);
    const stored = await readManifest(state);
    if (stored === undefined) throw new Error('no manifest');
    expect(Object.keys(stored.manifest.zoneRules ?? {})).toEqual([VANCOUVER]);
    const { zoneRules: _rules, ...older } = stored.manifest;
    await writeManifest(state, older, stored);
    const report = await rebuild(deps);
    expect(report.articles.parsed).toBe(4);
    expect(report.written).toEqual([]);
    expect(zoneNotes(report)).toEqual([]);
    expect((await readManifest(state))?.manifest.zoneRules).toEqual(stored.manifest.zoneRules);
    expect((await rebuild(deps)).articles.parsed).toBe(0);
  });

  it('are fingerprinted only by a run that has a manifest to compare with or to write', async () => {
    // A one-off build (the CLI without --state) keeps no manifest: the ~12,000 Intl calls a zone would be waste.
    const oneOff = await rebuild(deps, { keepState: false });
    expect(oneOff.articles.published).toBe(4);
    // Nor does a run that stops after planning (feedpub check).
    const planned = await rebuild(deps, { planOnly: true });
    expect(planned.articles.published).toBe(4);
    expect(tzdata.fingerprinted).toEqual([]);
    expect(await readManifest(state)).toBeUndefined();
    await rebuild(deps);
    expect(tzdata.fingerprinted).toEqual([VANCOUVER]);
    const stored = (await readManifest(state))?.manifest;
    expect(stored?.zoneRules).toEqual({ [VANCOUVER]: expect.stringMatching(/^z2-/) });
    expect(stored?.tzdata).toBe('2025c');
  });

  it('are taken from the manifest by a run whose time zone data has the version they were made with', async () => {
    await rebuild(deps);
    tzdata.fingerprinted = [];
    // A cold function's run for an upload, and a full run: the same tzdata version, no fingerprint made.
    await source.write({ key: 'content/posts/new.md', body: post('New', '2026-11-28'), contentType: 'text/markdown', cacheControl: '' });
    const event = await rebuild(deps, { changedKeys: ['content/posts/new.md'] });
    expect(event.articles.parsed).toBe(1);
    const full = await rebuild(deps);
    expect(full.articles.parsed).toBe(0);
    expect(tzdata.fingerprinted).toEqual([]);
    expect(textFiles(target)).toEqual(await cleanBuild());
    tzdata.fingerprinted = [];
    // Another version: made again, and the dates it moves read again, also by a run that keeps no manifest.
    tzdata.zone = VANCOUVER;
    tzdata.from = Date.UTC(2026, 0, 1);
    const moved = await rebuild(deps, { keepState: false });
    expect(tzdata.fingerprinted).toEqual([VANCOUVER]);
    expect(moved.articles.parsed).toBe(5);
    expect(zoneNotes(moved)).toHaveLength(1);
  });

  it('are made again where the manifest names no version, or none for a zone, with the same digests', async () => {
    await rebuild(deps);
    const stored = await readManifest(state);
    if (stored === undefined) throw new Error('no manifest');
    const { tzdata: _version, ...older } = stored.manifest;
    await writeManifest(state, older, stored);
    tzdata.fingerprinted = [];
    const report = await rebuild(deps);
    expect(tzdata.fingerprinted).toEqual([VANCOUVER]);
    expect(report.articles.parsed).toBe(0);
    expect((await readManifest(state))?.manifest).toMatchObject({ tzdata: '2025c', zoneRules: stored.manifest.zoneRules });
  });
});
