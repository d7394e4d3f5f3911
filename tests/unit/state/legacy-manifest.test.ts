import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { WriteConflictError } from '../../../src/errors.js';
import { decodeLegacyHead, headFormat, legacyStoredManifest } from '../../../src/legacy-manifest.js';
import { MANIFEST_FORMAT, MANIFEST_KEY, type Manifest } from '../../../src/manifest.js';
import { readManifest, readState, writeManifest } from '../../../src/rebuild/state.js';
import { sha256 } from '../../../src/sha256.js';
import { upgradeFiles } from '../../support/upgrade-fixture.js';

function stateWithHead(body: Uint8Array | string): MemoryStorage {
  return new MemoryStorage([[MANIFEST_KEY, body]]);
}

describe('the state of an older feedpub (manifest formats 1 to 7)', () => {
  it.each([
    ['format-6', 'feedpub-manifest/6', 'feedpub'],
    ['format-7', 'feedpub-manifest/7', 'old.example.net/'],
  ])('reads the id namespace and every file %s published, by path with its sha256', (fixture, format, idNamespace) => {
    // Arrange: the head and the output the old version left (tests/fixtures/upgrade/make.sh).
    const head = upgradeFiles(`${fixture}/state`).get(MANIFEST_KEY);
    const published = upgradeFiles(`${fixture}/out`);
    // Act
    const legacy = decodeLegacyHead(head);
    // Assert: every published file, by its path, with the hash of its bytes (format 7 named them within their folders).
    expect(legacy?.format).toBe(format);
    expect(legacy?.idNamespace).toBe(idNamespace);
    const recorded = Object.values(legacy?.feeds ?? {}).flatMap((feed) => Object.entries(feed.files));
    expect(new Map(recorded)).toEqual(new Map([...published].map(([key, bytes]) => [key, sha256(bytes)])));
    expect(Object.keys(legacy?.feeds ?? {}).sort()).toEqual(['', '@site', 'posts/', 'tags/go/', 'tags/rust/', 'tags/zig/']);
    expect(Object.values(legacy?.feeds ?? {}).every((feed) => Object.keys(feed.versions ?? {}).length === Object.keys(feed.files).length)).toBe(true);
  });

  it('expands the names format 7 gave within a folder: a file outside it, the root, and the site-wide extras by path; keeps its write-ahead paths', () => {
    const index = JSON.stringify({ format: 'feedpub-manifest/7', articleShards: Array.from({ length: 16 }, () => '') });
    const rest = JSON.stringify({
      configHash: 'c',
      site: { feeds: { idNamespace: 'example.org/' } },
      feeds: {
        '': { fingerprint: 'a', files: { 'index.xml': 'h1' }, versions: { 'index.xml': 'v1' } },
        'tags/go/': { fingerprint: 'b', files: { 'atom.xml': 'h2', 'archive/1/atom.xml': 'h3', '/elsewhere/feed.json': 'h4' } },
        '@site': { fingerprint: 'c', files: { 'feeds/index.html': 'h5' } },
        'tags/none/': { fingerprint: 'd', files: {} },
      },
      intents: ['tags/new/atom.xml', 7],
    });
    const head = gzipSync(`${index}\n${rest}`);
    const legacy = decodeLegacyHead(head);
    expect(legacy).toEqual({
      format: 'feedpub-manifest/7',
      idNamespace: 'example.org/',
      feeds: {
        '': { files: { 'index.xml': 'h1' }, versions: { 'index.xml': 'v1' } },
        'tags/go/': { files: { 'tags/go/atom.xml': 'h2', 'tags/go/archive/1/atom.xml': 'h3', 'elsewhere/feed.json': 'h4' } },
        '@site': { files: { 'feeds/index.html': 'h5' } },
      },
      intents: ['tags/new/atom.xml'],
    });
    // The manifest a run starts from: those paths are feedpub's (deleted if no feed plans them).
    if (legacy === undefined) throw new Error('no legacy head');
    expect(legacyStoredManifest(head, legacy, undefined).manifest.intents).toEqual(['tags/new/atom.xml']);
  });

  it('reads formats 1 to 5 as format 6 (one JSON text), and nothing else', () => {
    const oneText = (format: string) =>
      gzipSync(JSON.stringify({ format, configHash: 'c', articles: {}, feeds: { '': { fingerprint: 'f', files: { 'index.xml': 'h' } } } }));
    // No site recorded (format 1 had none): written when every id was salted with feedpub.
    expect(decodeLegacyHead(oneText('feedpub-manifest/1'))).toEqual({
      format: 'feedpub-manifest/1',
      idNamespace: 'feedpub',
      feeds: { '': { files: { 'index.xml': 'h' } } },
    });
    expect(decodeLegacyHead(oneText('feedpub-manifest/5'))?.feeds['']?.files).toEqual({ 'index.xml': 'h' });
    // A format it does not know, format 8's head, damaged bytes: none.
    expect(decodeLegacyHead(oneText('feedpub-manifest/9'))).toBeUndefined();
    expect(decodeLegacyHead(gzipSync(`${JSON.stringify({ format: MANIFEST_FORMAT, articleShards: [] })}\n{"configHash":"c","feeds":{}}`))).toBeUndefined();
    expect(decodeLegacyHead(new TextEncoder().encode('not gzip'))).toBeUndefined();
    expect(decodeLegacyHead(gzipSync('{"format":"feedpub-manifest/6","feeds":[]}'))).toBeUndefined();
    expect(headFormat(oneText('feedpub-manifest/9'))).toBe('feedpub-manifest/9');
    expect(headFormat(new TextEncoder().encode('not gzip'))).toBeUndefined();
  });

  it('is read as a manifest of its files and id namespace alone, with the change token of its head', async () => {
    const state = new MemoryStorage(upgradeFiles('format-6/state'));
    const { stored, legacy, unreadable } = await readState(state);
    expect(legacy?.format).toBe('feedpub-manifest/6');
    expect(unreadable).toBeUndefined();
    expect(stored?.version).toBe((await state.readVersioned(MANIFEST_KEY))?.version);
    expect(stored?.manifest.articles.size).toBe(0);
    expect(stored?.manifest.idNamespace).toBe('feedpub');
    expect(stored?.manifest.configHash).toBe('');
    expect(stored?.manifest.site).toBeUndefined();
    expect(Object.values(stored?.manifest.feeds ?? {}).every((feed) => feed.fingerprint === '')).toBe(true);
    expect(stored?.manifest.feeds['tags/zig/']?.files['tags/zig/atom.xml']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says when a head is of a format this version cannot read, or damaged', async () => {
    const newer = gzipSync(`${JSON.stringify({ format: 'feedpub-manifest/9', articleShards: [] })}\n{}`);
    expect(await readState(stateWithHead(newer))).toEqual({ unreadable: { format: 'feedpub-manifest/9' } });
    expect(await readState(stateWithHead('not gzip'))).toEqual({ unreadable: {} });
    // A format some feedpub reads, cut short: damaged, whatever it names.
    const cut = (format: string) => stateWithHead(gzipSync(`${JSON.stringify({ format, articleShards: Array.from({ length: 16 }, () => '') })}\n{"conf`));
    expect(await readState(cut(MANIFEST_FORMAT))).toEqual({ unreadable: {} });
    expect(await readState(cut('feedpub-manifest/7'))).toEqual({ unreadable: {} });
    expect(await readState(stateWithHead(gzipSync('{"format":"feedpub-manifest/6","configHash":"c"}')))).toEqual({ unreadable: {} });
    expect(await readState(new MemoryStorage())).toEqual({});
  });

  it('is written over only as it was read (its change token): a run that overlapped another gets a WriteConflictError', async () => {
    // Arrange: an older feedpub's state, read, then replaced by another run.
    const state = new MemoryStorage(upgradeFiles('format-7/state'));
    const stored = await readManifest(state);
    if (stored === undefined) throw new Error('the format-7 state reads as none');
    const ahead: Manifest = { ...stored.manifest, unfinished: true };
    const raced = new MemoryStorage(upgradeFiles('format-7/state'));
    const racedStored = await readManifest(raced);
    await raced.write({ key: MANIFEST_KEY, body: upgradeFiles('format-6/state').get(MANIFEST_KEY) ?? '', contentType: '', cacheControl: '' });
    // Act, Assert: over the head it read, it writes a format-8 head that keeps the id namespace and the files.
    await writeManifest(state, ahead, stored);
    const again = await readState(state);
    expect(again.legacy).toBeUndefined();
    expect(again.stored?.manifest).toEqual(ahead);
    expect(again.stored?.manifest.idNamespace).toBe('old.example.net/');
    // Over a head replaced since: refused.
    await expect(writeManifest(raced, ahead, racedStored)).rejects.toBeInstanceOf(WriteConflictError);
  });
});
