import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

/** Every item id and feed id of a build's JSON Feeds and Atom feeds. */
function ids(files: ReadonlyMap<string, string>): { items: Set<string>; feeds: Set<string> } {
  const items = new Set<string>();
  const feeds = new Set<string>();
  for (const [path, body] of files) {
    if (path.endsWith('feed.json')) for (const item of (JSON.parse(body) as { items: { id: string }[] }).items) items.add(item.id);
    if (path.endsWith('atom.xml')) {
      const id = /<feed[^>]*>[\s\S]*?<id>([^<]*)<\/id>/.exec(body)?.[1];
      if (id) feeds.add(id);
    }
  }
  return { items, feeds };
}

const HUGO_TOML = 'hugo.toml';

/** The sample site published once with state, its ids, its config text, and a way to replace that config. */
async function publishedSample() {
  const source = sampleSource();
  const target = new MemoryStorage();
  const deps = memoryDeps(source, SAMPLE_NOW, { target });
  await rebuild(deps);
  const config = new TextDecoder().decode(source.snapshot().get(HUGO_TOML)?.body);
  const writeConfig = (body: string) => source.write({ key: HUGO_TOML, body, contentType: 'text/plain', cacheControl: '' });
  return { source, deps, target, before: ids(textFiles(target)), config, writeConfig };
}

describe('ids are unique to a site and survive its move to a new host', () => {
  it('gives two sites with the same files no item id and no feed id in common; http and https give the same ids', async () => {
    const a = ids((await buildToMemory(sampleSource(), SAMPLE_NOW, { baseURL: 'https://news.example.org/' })).files);
    const b = ids((await buildToMemory(sampleSource(), SAMPLE_NOW, { baseURL: 'https://other.example.net/' })).files);
    const http = ids((await buildToMemory(sampleSource(), SAMPLE_NOW, { baseURL: 'http://news.example.org/' })).files);
    expect(a.items.size).toBeGreaterThan(5);
    expect(a.feeds.size).toBeGreaterThan(5);
    expect([...a.items].filter((id) => b.items.has(id))).toEqual([]);
    expect([...a.feeds].filter((id) => b.feeds.has(id))).toEqual([]);
    expect(http).toEqual(a);
  });

  it('keeps the ids of earlier runs when the baseURL changes, and says how to keep them without the state', async () => {
    // Arrange: a site published once, then moved to a new host.
    const { source, deps, target, before, config, writeConfig } = await publishedSample();
    const moved = config.replace(/^baseURL = .*$/m, 'baseURL = "https://moved.example.com/"');
    await writeConfig(moved);
    // Act
    const report = await rebuild(deps);
    // Assert: the links moved, the ids did not.
    const after = textFiles(target);
    expect(after.get('feed.json')).toContain('https://moved.example.com/');
    expect(ids(after)).toEqual(before);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        file: HUGO_TOML,
        severity: 'info',
        rule: 'id-namespace',
        message: expect.stringContaining('idNamespace = "news.example.org/"'),
      }),
    );
    // A fresh build of the moved site (no state) would mint new ids: the config's idNamespace keeps the old ones.
    expect(ids((await buildToMemory(source, SAMPLE_NOW)).files).items).not.toEqual(before.items);
    await writeConfig(`${moved}\n[params.feedpub]\nidNamespace = "news.example.org/"\n`);
    const fresh = await buildToMemory(source, SAMPLE_NOW);
    expect(ids(fresh.files)).toEqual(before);
    expect(fresh.report.problems.filter((p) => p.rule === 'id-namespace')).toEqual([]);
  });

  it('says how to keep the ids in the syntax of the config file they go in (YAML here)', async () => {
    const source = new MemoryStorage([
      ['hugo.yaml', 'baseURL: https://old.example/\ntitle: Old\n'],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2025-01-01\n---\nbody\n'],
    ]);
    const deps = memoryDeps(source, SAMPLE_NOW);
    await rebuild(deps);
    await source.write({ key: 'hugo.yaml', body: 'baseURL: https://new.example/\ntitle: New\n', contentType: 'text/plain', cacheControl: '' });
    const report = await rebuild(deps);
    const note = report.problems.find((p) => p.rule === 'id-namespace');
    expect(note?.file).toBe('hugo.yaml');
    expect(note?.message).toContain(': set idNamespace: "old.example/" under feedpub: in hugo.yaml to keep them');
    expect(note?.message).not.toContain('idNamespace = ');
  });

  it("lets the config's idNamespace win over what earlier runs used", async () => {
    const { deps, target, before, config, writeConfig } = await publishedSample();
    await writeConfig(`${config}\n[params.feedpub]\nidNamespace = "feedpub"\n`);
    await rebuild(deps);
    const after = ids(textFiles(target));
    expect([...after.items].filter((id) => before.items.has(id))).toEqual([]);
  });
});
