import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { WebSubHub } from '../../src/adapters/websub-hub.js';
import { CdnError } from '../../src/errors.js';
import { type Cdn, noopHub } from '../../src/ports.js';
import { type RebuildDeps, type RebuildReport, rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { memoryDeps, textFiles } from '../support/build.js';
import { type RecordingHub, startRecordingHub } from '../support/recording-hub.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';
import { attr, childrenNamed, parseXml } from '../support/validate-xml.js';

/**
 * WebSub end to end over the sample site in memory: the feeds name the hub (W3C WebSub §4), and the
 * hub on 127.0.0.1 is told, once per changed feed and only once the CDN serves the new bytes
 * (trap 29), the feed's own rel="self" URL.
 */
const BASE_URL = 'https://news.example.org/';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const ARTICLE = 'content/en/news/world/entities-and-punctuation.en.md';
/** How long the recording CDN takes to "reach every edge". */
const PROPAGATION_MS = 150;

let hub: RecordingHub;

beforeAll(async () => {
  hub = await startRecordingHub();
});
afterAll(() => hub.stop());

/** The sample site with `feedpub.hub` set (or not), as authors would write it in hugo.toml. */
function siteWithHub(hubUrl: string | undefined): MemoryStorage {
  const files = sampleSiteFiles();
  const config = files.get('hugo.toml') ?? '';
  expect(config).toContain('\n[feedpub]\n');
  if (hubUrl !== undefined) files.set('hugo.toml', config.replace('\n[feedpub]\n', `\n[feedpub]\nhub = "${hubUrl}"\n`));
  return new MemoryStorage(files);
}

/** A CDN that records what happens when, and reaches every edge PROPAGATION_MS after being asked to wait. */
class RecordingCdn implements Cdn {
  readonly log: string[] = [];
  /** `performance.now()` when the last wait resolved. */
  liveAt = Number.NaN;

  async invalidate(paths: readonly string[]): Promise<undefined> {
    this.log.push(`invalidate ${paths.length}`);
    return undefined;
  }

  async waitUntilLive(): Promise<void> {
    this.log.push('wait');
    await new Promise((resolve) => setTimeout(resolve, PROPAGATION_MS));
    this.liveAt = performance.now();
    this.log.push('live');
  }
}

/** The hub and self links of a published feed, read the way a subscriber's software reads them. */
function links(path: string, body: string): { self: string | undefined; hubs: string[] } {
  if (path.endsWith('feed.json')) {
    const doc = JSON.parse(body) as { feed_url?: string; hubs?: { type: string; url: string }[] };
    return { self: doc.feed_url, hubs: (doc.hubs ?? []).filter((h) => h.type === 'WebSub').map((h) => h.url) };
  }
  const root = parseXml(body, path);
  const parent = root.local === 'rss' ? childrenNamed(root, '', 'channel')[0] : root;
  const all = parent ? childrenNamed(parent, ATOM_NS, 'link') : [];
  const rel = (value: string) => all.filter((l) => attr(l, 'rel') === value).map((l) => attr(l, 'href') ?? '');
  return { self: rel('self')[0], hubs: rel('hub') };
}

function isFeed(path: string): boolean {
  return /(^|\/)(index\.xml|atom\.xml|feed\.json)$/.test(path);
}

function feedFiles(target: MemoryStorage): Map<string, string> {
  return new Map([...textFiles(target)].filter(([path]) => isFeed(path)));
}

function selfUrls(files: ReadonlyMap<string, string>, paths: Iterable<string>): string[] {
  return [...paths].map((path) => links(path, files.get(path) ?? '').self ?? `(no self link in ${path})`).sort();
}

describe('WebSub: hub links in every feed, pings after the CDN is live, only for changed feeds', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let cdn: RecordingCdn;
  let deps: RebuildDeps;

  beforeEach(() => {
    hub.reset();
    source = siteWithHub(hub.url);
    target = new MemoryStorage();
    cdn = new RecordingCdn();
    deps = memoryDeps(source, SAMPLE_NOW, { target, cdn, hub: new WebSubHub({ retryDelayMs: 10 }) });
  });

  /**
   * `report` is of the run after one whose invalidation of `refused` failed or was deferred: it wrote
   * nothing, invalidated exactly those paths, waited, and pinged their feeds; the run after it has nothing to do.
   */
  async function expectCaughtUp(report: RebuildReport, refused: readonly string[]): Promise<void> {
    expect(report.written).toEqual([]);
    expect([...report.invalidated].sort()).toEqual([...refused].sort());
    expect(cdn.log).toEqual([`invalidate ${refused.length}`, 'wait', 'live']);
    const feeds = refused.map((p) => p.slice(1)).filter(isFeed);
    expect(feeds.length).toBeGreaterThanOrEqual(12);
    expect(hub.pinged().sort()).toEqual(selfUrls(feedFiles(target), feeds));
    hub.reset();
    cdn.log.length = 0;
    expect((await rebuild(deps)).invalidated).toEqual([]);
    expect(hub.requests).toEqual([]);
    expect(cdn.log).toEqual([]);
  }

  /** The site built once, then the article edited: the next run writes that article's feeds again. */
  async function convergeThenEdit(): Promise<void> {
    await rebuild(deps);
    const text = source.text(ARTICLE) ?? '';
    const body = text.replace('Traders called the session', 'Traders later called the session');
    expect(body).not.toBe(text);
    await source.write({ key: ARTICLE, body, contentType: 'text/markdown', cacheControl: '' });
  }

  it('links the hub from every feed (RSS atom:link, Atom link, JSON Feed hubs), and the feeds stay valid', async () => {
    // Act
    await rebuild(deps);
    // Assess
    const files = feedFiles(target);
    expect(files.size).toBeGreaterThan(9);
    for (const [path, body] of files) {
      const { self, hubs } = links(path, body);
      expect(hubs, path).toEqual([hub.url]);
      expect(self, path).toBe(BASE_URL + encodeURI(path).replace(/#/g, '%23'));
    }
    expectValidFeeds(files, BASE_URL);
  });

  it('pings each written feed once, with its rel="self" URL, only after the invalidation has reached every edge', async () => {
    // Act
    const report = await rebuild(deps);
    // Assess
    const written = report.written.filter(isFeed);
    expect(written.length).toBeGreaterThan(9);
    const files = feedFiles(target);
    expect(hub.pinged().sort()).toEqual(selfUrls(files, written));
    expect(new Set(hub.pinged()).size).toBe(hub.pinged().length);
    // Non-ASCII and reserved characters in term folders arrive percent-encoded, exactly as the self link.
    expect(hub.pinged().some((url) => url.includes('%C3%89conomie') || url.includes('%C3%A9conomie'))).toBe(true);
    expect(cdn.log).toEqual([`invalidate ${report.invalidated.length}`, 'wait', 'live']);
    for (const request of hub.requests) expect(request.at).toBeGreaterThan(cdn.liveAt);
    // Pages of the feed directory, OPML and discovery files changed too, but are no WebSub topics.
    expect(report.written.length).toBeGreaterThan(written.length);
    expect(hub.pinged().every((url) => /(index\.xml|atom\.xml|feed\.json)$/.test(url))).toBe(true);
  });

  it('pings the RSS files where a renamed Hugo RSS output format puts them (feed.xml), as they are written', async () => {
    const config = (await source.read('hugo.toml')) ?? new Uint8Array();
    const renamed = `${new TextDecoder().decode(config).replace('\n[feedpub]\n', '\n[outputFormats.RSS]\nbaseName = "feed"\n\n[feedpub]\n')}`;
    await source.write({ key: 'hugo.toml', body: renamed, contentType: '', cacheControl: '' });
    const report = await rebuild(deps);
    const rss = hub.pinged().filter((url) => url.endsWith('/feed.xml'));
    expect(rss.length).toBeGreaterThan(3);
    expect(rss.length).toBe(report.written.filter((p) => p.endsWith('feed.xml')).length);
    expect(hub.pinged().some((url) => url.endsWith('index.xml'))).toBe(false);
  });

  it('pings nothing, and does not wait for the CDN, on a run that changes nothing', async () => {
    await rebuild(deps);
    hub.reset();
    cdn.log.length = 0;
    const report = await rebuild(deps);
    expect(report.written).toEqual([]);
    expect(hub.requests).toEqual([]);
    expect(cdn.log).toEqual([]);
  });

  it('after an update pings exactly the feeds that list the article, in all three formats', async () => {
    // Prepare: a first run, then the feeds that list the article (found by its text in the JSON feeds).
    await rebuild(deps);
    const before = feedFiles(target);
    const listing = [...before]
      .filter(
        ([path, body]) =>
          path.endsWith('feed.json') &&
          (JSON.parse(body) as { items: { content_html?: string }[] }).items.some((item) => item.content_html?.includes('Traders called the session')),
      )
      .map(([path]) => path.slice(0, -'feed.json'.length));
    expect(listing.length).toBeGreaterThanOrEqual(4); // site, language, categories and tags at least
    const expected = selfUrls(
      before,
      listing.flatMap((dir) => [`${dir}index.xml`, `${dir}atom.xml`, `${dir}feed.json`]),
    );
    const text = source.text(ARTICLE) ?? '';
    expect(text).toContain('Traders called the session');
    await source.write({
      key: ARTICLE,
      body: text.replace('Traders called the session', 'Traders again called the session'),
      contentType: 'text/markdown',
      cacheControl: '',
    });
    hub.reset();
    cdn.log.length = 0;
    // Act
    await rebuild(deps);
    // Assess
    expect(hub.pinged().sort()).toEqual(expected);
    expect(hub.pinged().length).toBeLessThan(before.size);
    expect(cdn.log).toEqual([expect.stringMatching(/^invalidate \d+$/), 'wait', 'live']);
    for (const request of hub.requests) expect(request.at).toBeGreaterThan(cdn.liveAt);
    expectValidFeeds(feedFiles(target), BASE_URL);
  });

  it('keeps the pings a refusing hub did not take and sends them with the next run, without failing the run', async () => {
    // Prepare
    hub.answer(() => ({ status: 503, body: 'maintenance' }));
    // Act: the hub refuses every notification (two attempts each).
    const report = await rebuild(deps);
    // Assess: the feeds are published, the run warns, and nothing is lost.
    const feeds = report.written.filter(isFeed);
    expect(feeds.length).toBeGreaterThan(0);
    expect(report.problems.filter((p) => p.rule === 'hub-unreachable')).toHaveLength(1);
    expect(hub.requests).toHaveLength(2 * feeds.length);
    // The hub is back: a run with nothing changed still sends every pending ping, once.
    hub.answer(() => ({ status: 204, body: '' }));
    hub.requests.length = 0;
    const retry = await rebuild(deps);
    expect(retry.written).toEqual([]);
    expect(hub.pinged().sort()).toEqual(feeds.map((p) => `${BASE_URL}${encodeURI(p).replace(/#/g, '%23')}`).sort());
    hub.requests.length = 0;
    await rebuild(deps);
    expect(hub.requests).toEqual([]);
  });

  it('keeps the pings of a run that has no hub client (feedpub dev) for the next run that has one, which sends them once', async () => {
    // Act: a run that publishes the site with no way to reach the hub, then one that has it.
    const { hub: _, ...withoutHub } = deps;
    const first = await rebuild(withoutHub);
    const feeds = first.written.filter(isFeed);
    expect(feeds.length).toBeGreaterThan(0);
    expect(hub.requests).toEqual([]);
    expect(first.problems.filter((p) => p.rule === 'hub-unreachable')).toEqual([]);
    const next = await rebuild(deps);
    // Assess: nothing new was written, and every feed the first run wrote reaches the hub, once.
    expect(next.written).toEqual([]);
    expect(hub.pinged().sort()).toEqual(feeds.map((p) => `${BASE_URL}${encodeURI(p).replace(/#/g, '%23')}`).sort());
    hub.requests.length = 0;
    await rebuild(deps);
    expect(hub.requests).toEqual([]);
  });

  it('keeps nothing from a run whose hub is told nothing (a local build: its output is not where subscribers read)', async () => {
    const first = await rebuild({ ...deps, hub: noopHub });
    expect(first.written.filter(isFeed).length).toBeGreaterThan(0);
    const next = await rebuild(deps);
    expect(next.written).toEqual([]);
    expect(hub.requests).toEqual([]);
  });

  it('keeps only the pings a hub refused when it took the others, and sends just those with the next run', async () => {
    // Prepare: the hub takes every RSS and JSON notification and refuses every Atom one.
    hub.answer((request) => ((request.url ?? '').endsWith('/atom.xml') ? { status: 503, body: 'busy' } : { status: 204, body: '' }));
    // Act
    const report = await rebuild(deps);
    // Assess: one warning that counts the refused ones among all.
    const feeds = report.written.filter(isFeed);
    const atom = feeds.filter((p) => p.endsWith('atom.xml'));
    expect(atom.length).toBeGreaterThan(3);
    const warnings = report.problems.filter((p) => p.rule === 'hub-unreachable');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(`notified of ${atom.length} of ${feeds.length} feeds`);
    // The hub is back: a run with nothing changed sends the Atom notifications again, and nothing else.
    hub.reset();
    const retry = await rebuild(deps);
    expect(retry.written).toEqual([]);
    expect(hub.pinged().sort()).toEqual(selfUrls(feedFiles(target), atom));
    hub.reset();
    await rebuild(deps);
    expect(hub.requests).toEqual([]);
  });

  it('keeps the pings when the wait for the CDN fails, with a warning, without failing the run; the next run sends them', async () => {
    // Prepare: CloudFront does not confirm the invalidation (the wait times out or fails).
    const waitFails: Cdn = {
      invalidate: async () => {},
      waitUntilLive: async () => {
        throw new CdnError('CloudFront invalidation I1 on E2EXAMPLE did not complete within 200 s');
      },
    };
    // Act
    const report = await rebuild({ ...deps, cdn: waitFails });
    // Assess: published, nothing pinged (the hub would fetch stale copies), the run says so.
    const feeds = report.written.filter(isFeed);
    expect(feeds.length).toBeGreaterThan(9);
    expect(hub.requests).toEqual([]);
    const warnings = report.problems.filter((p) => p.rule === 'cdn-not-live');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', file: '(site)' });
    expect(warnings[0]?.message).toContain('did not complete within 200 s');
    expect(warnings[0]?.message).toContain(`${feeds.length} feeds`);
    // The pings were kept: a run with nothing changed sends each once.
    const retry = await rebuild(deps);
    expect(retry.written).toEqual([]);
    expect(hub.pinged().sort()).toEqual(selfUrls(feedFiles(target), feeds));
  });

  // The test's timeout guards against a hang (the adapter alone would wait 10 s twice per feed); no speed test.
  it('stops waiting for a hub that hangs at the run deadline: the run succeeds in time and keeps the pings', { timeout: 10_000 }, async () => {
    // Prepare: a hub that never answers (the adapter alone would wait 10 s twice per feed), and a run
    // whose clock moves with real time and that has 3 s in all.
    hub.answer(() => 'hang');
    const started = performance.now();
    const maxRunMs = 3_000;
    const timed: RebuildDeps = { ...deps, hub: new WebSubHub(), clock: () => SAMPLE_NOW + Math.round(performance.now() - started) };
    // Act
    const report = await rebuild(timed, { limits: { maxRunMs } });
    // Assess
    const feeds = report.written.filter(isFeed);
    expect(hub.requests.length).toBeGreaterThan(0);
    // The pings were abandoned at the run's deadline, every one kept for the next run.
    const unreachable = report.problems.filter((p) => p.rule === 'hub-unreachable');
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0]?.message).toMatch(
      /could not be notified of (\d+) of \1 feeds \(the WebSub pings did not finish within the \d+ ms the run had left\)/,
    );
    // The hub is back: the next run sends every ping.
    hub.reset();
    await rebuild(deps);
    expect(hub.pinged().sort()).toEqual(selfUrls(feedFiles(target), feeds));
  });

  it('a hub that never answers costs each later run one wave of pings, not one per pending feed; once it is back, the next run sends them all', async () => {
    // Prepare: a hub that never answers (a black-holed host), and the function's timings scaled 1:100
    // (10 s a request: 100 ms; the pings' 30 s: 300 ms; a run's 870 s: 8.7 s) on a clock that moves
    // with real time. Before, each run sent every pending ping, 4 at a time, each twice: ~4.3 s here
    // (~7 minutes in Lambda for the sample site's 84 feeds), holding the one execution slot.
    hub.answer(() => 'hang');
    const started = performance.now();
    const timed: RebuildDeps = {
      ...deps,
      hub: new WebSubHub({ timeoutMs: 100, retryDelayMs: 5, budgetMs: 300 }),
      clock: () => SAMPLE_NOW + Math.round(performance.now() - started),
    };
    const limits = { maxRunMs: 8_700 };
    const pending = async (): Promise<readonly string[]> => (await readManifest(deps.state))?.manifest.pendingPings ?? [];
    const first = await rebuild(timed, { limits });
    const feeds = first.written.filter(isFeed);
    const everyFeed = selfUrls(feedFiles(target), feeds);
    expect(everyFeed).toHaveLength(84);
    expect(await pending()).toEqual(everyFeed);
    for (const [from, to] of [
      ['Traders called the session', 'Traders later called the session'],
      ['Traders later called the session', 'Traders then called the session'],
      ['Traders then called the session', 'Traders called the session'],
    ] as const) {
      const text = source.text(ARTICLE) ?? '';
      expect(text).toContain(from);
      await source.write({ key: ARTICLE, body: text.replace(from, to), contentType: 'text/markdown', cacheControl: '' });
      hub.requests.length = 0;
      // Act: a one-article update, through its event, while the hub is still down.
      const report = await rebuild(timed, { trigger: 'sqs', changedKeys: [ARTICLE], limits });
      // Assess: one wave (four notifications sent together, each tried twice and given up at its
      // timeout, not at the run's deadline), the rest not sent, a warning, and every ping still kept.
      expect(report.written.filter(isFeed).length).toBeGreaterThan(0);
      expect(hub.requests).toHaveLength(8);
      expect(Math.max(...hub.requests.map((request) => request.inFlight))).toBeGreaterThan(1);
      const unreachable = report.problems.filter((p) => p.rule === 'hub-unreachable');
      expect(unreachable).toHaveLength(1);
      expect(unreachable[0]?.message).toContain('(no answer within 100 ms)');
      expect(unreachable[0]?.message).toContain('(not sent: the hub answered none of the first 4 notifications)');
      expect(unreachable[0]?.message).not.toContain('the run had left');
      expect(await pending()).toEqual(everyFeed);
    }
    // The hub is back: the next run, with nothing changed, sends each ping once, and keeps none.
    hub.reset();
    const back = await rebuild(deps);
    expect(back.written).toEqual([]);
    expect(hub.pinged().sort()).toEqual(everyFeed);
    expect(await pending()).toEqual([]);
  }, 30_000);

  it('drops a kept ping once its feed is gone: nothing is left to tell of it', async () => {
    // Prepare: a hub that refuses every ping, then an edit that takes the article out of its one C# tag.
    hub.answer(() => ({ status: 503 }));
    await rebuild(deps);
    const kept = (await readManifest(deps.state))?.manifest.pendingPings ?? [];
    const text = source.text(ARTICLE) ?? '';
    expect(text).toContain('tags: ["C#", ');
    await source.write({ key: ARTICLE, body: text.replace('tags: ["C#", ', 'tags: ['), contentType: 'text/markdown', cacheControl: '' });
    // Act: the hub is back.
    hub.reset();
    const report = await rebuild(deps);
    // Assess: the tag's feeds are deleted, and their kept pings dropped, not sent.
    const gone = report.deleted.filter(isFeed).map((p) => BASE_URL + p.split('/').map(encodeURIComponent).join('/'));
    expect(gone).toHaveLength(3);
    for (const url of gone) expect(kept).toContain(url);
    expect(hub.pinged().filter((url) => gone.includes(url))).toEqual([]);
    expect(hub.pinged().sort()).toEqual(kept.filter((url) => !gone.includes(url)));
    expect((await readManifest(deps.state))?.manifest.pendingPings).toBeUndefined();
  });

  it('pings and invalidates the feeds of a run that failed at the invalidation after writing them, without writing them again', async () => {
    // Prepare: converged, then an edit whose run fails at the invalidation (after its writes).
    await convergeThenEdit();
    let refused: string[] = [];
    const failing: Cdn = {
      invalidate: async (paths) => {
        refused = [...paths];
        throw new CdnError('CloudFront invalidation failed: simulated');
      },
    };
    await expect(rebuild({ ...deps, cdn: failing })).rejects.toThrow(CdnError);
    expect(refused.length).toBeGreaterThan(0);
    hub.reset();
    cdn.log.length = 0;
    // Act
    const report = await rebuild(deps);
    // Assess
    await expectCaughtUp(report, refused);
  });

  it('defers the invalidation CloudFront refuses for now, without failing the run: the next run invalidates those paths, then pings', async () => {
    // Prepare: converged, then an edit whose invalidation is refused for now (too many in progress).
    await convergeThenEdit();
    hub.reset();
    cdn.log.length = 0;
    let refused: string[] = [];
    const busy: Cdn = {
      invalidate: async (paths) => {
        refused = [...paths];
        throw new CdnError('CloudFront invalidation failed: TooManyInvalidationsInProgress', { retryLater: true });
      },
      waitUntilLive: async () => {
        throw new Error('no invalidation to wait for');
      },
    };
    // Act: the run publishes and says so; nothing is pinged while caches may hold the old copies.
    const deferred = await rebuild({ ...deps, cdn: busy });
    // Assess
    expect(deferred.written.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(12);
    expect(deferred.invalidated).toEqual([]);
    expect(deferred.problems.filter((p) => p.rule === 'cdn-deferred').map((p) => p.severity)).toEqual(['warning']);
    expect(hub.requests).toEqual([]);
    // Act: the next run, with nothing changed, invalidates what was deferred, waits, and pings.
    const next = await rebuild(deps);
    // Assess
    await expectCaughtUp(next, refused);
  });

  it('fails a run once CloudFront has kept refusing for over an hour, so that it alarms; the run after it invalidates what waited', async () => {
    // Prepare: converged, then an edit whose invalidation is deferred.
    await convergeThenEdit();
    const busy: Cdn = {
      invalidate: async () => {
        throw new CdnError('CloudFront invalidation failed: Throttling', { retryLater: true });
      },
    };
    const first = await rebuild({ ...deps, cdn: busy });
    const waiting = first.problems.filter((p) => p.rule === 'cdn-deferred').length;
    // Act: 59 minutes later it still defers; 61 minutes later the run fails.
    const later = (minutes: number): RebuildDeps => ({ ...deps, cdn: busy, clock: () => SAMPLE_NOW + minutes * 60_000 });
    const stillDeferred = await rebuild(later(59));
    const failing = rebuild(later(61));
    // Assess
    expect(waiting).toBe(1);
    expect(stillDeferred.problems.filter((p) => p.rule === 'cdn-deferred').length).toBe(1);
    await expect(failing).rejects.toThrow(/deferred since .* over an hour/);
    cdn.log.length = 0;
    const recovered = await rebuild(deps);
    expect(recovered.invalidated.length).toBeGreaterThan(12);
    expect(cdn.log[0]).toBe(`invalidate ${recovered.invalidated.length}`);
  });

  it('pings no hub when the site names none (and the feeds carry no hub link)', async () => {
    deps = { ...deps, source: siteWithHub(undefined) };
    const report = await rebuild(deps);
    expect(report.written.filter(isFeed).length).toBeGreaterThan(0);
    expect(hub.requests).toEqual([]);
    expect(cdn.log).not.toContain('wait');
    for (const [path, body] of feedFiles(target)) expect(links(path, body).hubs, path).toEqual([]);
  });
});
