import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { readManifest } from '../../src/rebuild/state.js';
import { type RenderInput, renderFeedFiles } from '../../src/render/render-feed.js';
import { cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

// The manifest keeps no summaries: a run that renders an unchanged article again takes its front matter
// summary from the published feed's item (the render cache) or from parsing the article again. Either
// way its items must read as in a clean build.

const CONFIG = `baseURL = "https://example.com/"
title = "News"
timeZone = "UTC"
[taxonomies]
tag = "tags"
[feedpub]
limit = 4
`;

const NOW = Date.parse('2025-03-01T00:00:00Z');

const ARTICLES: Record<string, string> = {
  // Front matter summary, and a body whose excerpt would differ from it.
  'content/with-summary.md':
    '---\ntitle: "With summary"\ndate: "2025-01-01"\ntags: ["x"]\nsummary: "The front matter summary &amp; more."\n---\n\nThe body says something else.\n',
  // `description` stands in for a summary.
  'content/with-description.md':
    '---\ntitle: "With description"\ndate: "2025-01-02"\ntags: ["x"]\ndescription: "Described in front matter."\n---\n\nAnother body.\n',
  // The summary is the part before <!--more-->.
  'content/with-more.md': '---\ntitle: "With more"\ndate: "2025-01-03"\ntags: ["x"]\n---\n\nBefore the divider.\n\n<!--more-->\n\nAfter it.\n',
  // No summary at all: an excerpt of the body.
  'content/plain.md': '---\ntitle: "Plain"\ndate: "2025-01-04"\ntags: ["x"]\n---\n\nJust a body, excerpted.\n',
};

const EDITED = 'content/plain.md';

/** feedpub's renderer, recording the summary each feed's items carry at the feed level, by feed folder. */
function recording(): { render: typeof renderFeedFiles; summaries: Map<string, string[]> } {
  const summaries = new Map<string, string[]>();
  const render = (input: RenderInput): ReturnType<typeof renderFeedFiles> => {
    summaries.set(
      input.feed.dir,
      input.items.map((i) => i.article.summary),
    );
    return renderFeedFiles(input);
  };
  return { render, summaries };
}

describe('summaries of articles a run does not parse', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let state: MemoryStorage;
  let deps: RebuildDeps;

  beforeEach(async () => {
    source = new MemoryStorage([['hugo.toml', CONFIG], ...Object.entries(ARTICLES)]);
    target = new MemoryStorage();
    state = new MemoryStorage();
    deps = memoryDeps(source, NOW, { target, state });
    await rebuild(deps);
  });

  const edit = (): Promise<unknown> => source.write({ key: EDITED, body: `${ARTICLES[EDITED]}\nEdited.\n`, contentType: 'text/markdown', cacheControl: '' });

  it('are not in the manifest', async () => {
    const entries = [...((await readManifest(state))?.manifest.articles.values() ?? [])];
    expect(entries.map((r) => r.entry?.title).sort()).toEqual(['Plain', 'With description', 'With more', 'With summary']);
    for (const record of entries) expect(record.entry).not.toHaveProperty('summary');
    // The build's feeds show them all the same.
    const feed = textFiles(target).get('feed.json') ?? '';
    expect(feed).toContain('"summary": "The front matter summary & more."');
    expect(feed).toContain('"summary": "Described in front matter."');
  });

  it('come from the published feed when an unchanged article is rendered again', async () => {
    await edit();
    const report = await rebuild(deps, { changedKeys: [EDITED] });
    expect(report.articles.parsed).toBe(1);
    expect(report.written).toContain('feed.json');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('come from the article again when the published feed cannot be trusted', async () => {
    // Someone replaced the published JSON Feeds: the render cache is refused, the articles are parsed again.
    for (const path of ['feed.json', 'tags/x/feed.json']) {
      await target.write({
        key: path,
        body: '{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[]}',
        contentType: 'application/feed+json',
        cacheControl: '',
      });
    }
    await edit();
    const run = recording();
    const report = await rebuild(deps, { changedKeys: [EDITED], render: run.render });
    expect(report.articles.parsed).toBe(1);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // A renderer of its own sees the summaries a clean build gives it, too.
    const clean = recording();
    await rebuild({ ...deps, target: new MemoryStorage(), state: new MemoryStorage() }, { render: clean.render });
    expect(run.summaries.get('')).toEqual([
      'Just a body, excerpted. Edited.',
      'Before the divider.',
      'Described in front matter.',
      'The front matter summary & more.',
    ]);
    expect(run.summaries.get('')).toEqual(clean.summaries.get(''));
  });

  it('come from the article again in a full run after a config change', async () => {
    await source.write({ key: 'hugo.toml', body: CONFIG.replace('title = "News"', 'title = "News, renamed"'), contentType: 'text/plain', cacheControl: '' });
    await rebuild(deps);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });
});
