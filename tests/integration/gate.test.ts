import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { inProcessCompute } from '../../src/compute.js';
import type { Compute } from '../../src/ports.js';
import { ITEM_BUILDERS, type ItemBuilders, prepareItems } from '../../src/render/prepare-items.js';
import { renderFeedFiles } from '../../src/render/render-feed.js';
import { thawed } from '../../src/render/xml.js';
import { memoryDeps, textFiles } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

const RUST = 'content/en/news/tech/toml-front-matter.en.md';

/** A renderer with a bug: RSS files listing the Rust article get a raw `]]>` (ill-formed XML). */
const faulty: typeof renderFeedFiles = (input) => {
  const out = renderFeedFiles(input);
  if (!input.items.some((i) => i.article.key === RUST)) return out;
  return { ...out, files: out.files.map((f) => (f.path.endsWith('index.xml') ? { ...f, body: f.body.replace('<channel>', '<channel>]]>') } : f)) };
};

/** The sample site after a good run publishes everything: its storages, deps and published files. */
async function publishedSample() {
  const source = sampleSource();
  const target = new MemoryStorage();
  const deps = memoryDeps(source, SAMPLE_NOW, { target });
  await rebuild(deps);
  return { source, target, deps, good: textFiles(target) };
}

/** The author rewrites the Rust article's title. */
async function editRust(source: MemoryStorage): Promise<void> {
  const text = source.text(RUST)?.replace('Rust 1.85 ships', 'Rust 1.85 is out with') ?? '';
  await source.write({ key: RUST, body: text, contentType: '', cacheControl: '' });
}

describe('the output gate', () => {
  it('never publishes an invalid file, keeps the previous copy and names the article that caused it', async () => {
    // Prepare: a good run publishes everything.
    const { source, target, deps, good } = await publishedSample();
    // Act: the Rust article changes, and the (faulty) renderer breaks every RSS file that lists it.
    await editRust(source);
    const report = await rebuild(deps, { render: faulty });
    // Assess
    const gated = report.problems.filter((p) => p.rule === 'output-invalid');
    expect(gated.map((p) => p.file)).toEqual([RUST, RUST, RUST, RUST, RUST, RUST]); // '', all/, news/, categories/tech/, tags/rust/, tags/open-source/
    const after = textFiles(target);
    for (const path of ['index.xml', 'all/index.xml', 'news/index.xml', 'categories/tech/index.xml', 'tags/rust/index.xml', 'tags/open-source/index.xml']) {
      expect(after.get(path), path).toBe(good.get(path)); // previous good copy stays
      expect(report.written).not.toContain(path);
    }
    expect(after.get('atom.xml')).toContain('Rust 1.85 is out with'); // the valid formats are published
    // A later good run publishes the RSS files again.
    const repaired = await rebuild(deps);
    expect(repaired.written).toEqual(expect.arrayContaining(['index.xml', 'tags/rust/index.xml']));
    expect(textFiles(target).get('index.xml')).toContain('Rust 1.85 is out with');
  });

  it("gates the files of feedpub's own serializers by their items: a bad item keeps every file of that format listing it out", async () => {
    // Prepare: a good run, then an RSS item serializer that breaks the Rust article's item only.
    const { source, target, deps, good } = await publishedSample();
    const broken: ItemBuilders = {
      ...ITEM_BUILDERS,
      rss: (site, item) =>
        item.article.key === RUST ? thawed('item', '    <item>\n      <title>]]></title>\n    </item>', 2, []) : ITEM_BUILDERS.rss(site, item),
    };
    const compute: Compute = { parse: inProcessCompute.parse, prepare: async (site, requests) => prepareItems(site, requests, broken) };
    // Act: the Rust article changes.
    await editRust(source);
    const report = await rebuild({ ...deps, compute });
    // Assess: the same six RSS files are kept back and blamed on the article; the rest is published.
    const gated = report.problems.filter((p) => p.rule === 'output-invalid');
    expect(gated.map((p) => p.file)).toEqual([RUST, RUST, RUST, RUST, RUST, RUST]);
    expect(gated[0]?.message).toMatch(/rss item: not well-formed XML/);
    const after = textFiles(target);
    for (const path of ['index.xml', 'all/index.xml', 'news/index.xml', 'categories/tech/index.xml', 'tags/rust/index.xml', 'tags/open-source/index.xml']) {
      expect(after.get(path), path).toBe(good.get(path));
    }
    expect(after.get('atom.xml')).toContain('Rust 1.85 is out with');
    expect(after.get('tags/rust/feed.json')).toContain('Rust 1.85 is out with');
  });
});
