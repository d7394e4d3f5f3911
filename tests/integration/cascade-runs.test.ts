import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { noopCdn, silentLogger } from '../../src/ports.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { cleanBuildOf, textFiles } from '../support/build.js';

const NOW = Date.UTC(2025, 5, 1);
const CONFIG = 'baseURL = "https://example.org/"\ntitle = "Ex"\n';
const LIST_PAGE = 'content/posts/_index.md';
const TARGETED = '---\ntitle: Posts\ncascade:\n  - _build:\n      list: never\n      render: never\n    target:\n      path: /posts/old/**\n---\n';
const page = (title: string, extra = ''): string => `---\ntitle: ${title}\ndate: 2025-01-02T00:00:00Z\n${extra}---\n${title}\n`;

/** Item links of a feed the run wrote. */
function links(target: MemoryStorage, path = 'index.xml'): string[] {
  return [...(target.text(path) ?? '').matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => m[1] ?? '').sort();
}

describe('a change of a cascade re-plans the pages it targets, in a run for the reported keys and in a full run with state', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let deps: RebuildDeps;
  const put = (key: string, body: string) => source.write({ key, body, contentType: 'text/plain', cacheControl: '' });

  beforeEach(async () => {
    // Arrange: a section whose list page cascades nothing yet; a page in old/ and one beside it.
    source = new MemoryStorage(
      new Map([
        ['hugo.toml', CONFIG],
        [LIST_PAGE, '---\ntitle: Posts\n---\n'],
        ['content/posts/new.md', page('New')],
        ['content/posts/old/x.md', page('Old')],
        ['content/posts/old/kept.md', page('Kept', '_build:\n  list: always\n')],
      ]),
    );
    target = new MemoryStorage();
    deps = { source, target, state: new MemoryStorage(), cdn: noopCdn, clock: () => NOW, logger: silentLogger };
    await rebuild(deps);
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/', 'https://example.org/posts/old/x/']);
  });

  it('a list page that comes to cascade to old/ takes its page out, and a page reported later stays out; then back in', async () => {
    // Act: the list page's cascade targets old/ (an S3 event for it alone).
    await put(LIST_PAGE, TARGETED);
    const report = await rebuild(deps, { changedKeys: [LIST_PAGE] });
    // Assess: its own `_build` keeps kept.md; x.md is left out, and said so.
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(report.problems.find((p) => p.file === 'content/posts/old/x.md')?.rule).toBe('not-listed');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // A page below reported alone takes the cascade the manifest keeps of its list page.
    await put('content/posts/old/x.md', page('Old, edited'));
    await rebuild(deps, { changedKeys: ['content/posts/old/x.md'] });
    expect(links(target)).not.toContain('https://example.org/posts/old/x/');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // The cascade goes: the page is back.
    await put(LIST_PAGE, '---\ntitle: Posts\n---\n');
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(links(target)).toContain('https://example.org/posts/old/x/');
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a config cascade that comes, changes and goes re-plans every page, in a run for the config key and in a full run', async () => {
    // Act: the config cascades to old/ (reported).
    await put('hugo.toml', `${CONFIG}[[cascade]]\n[cascade._build]\nlist = "never"\n[cascade._target]\npath = "/posts/old/**"\n`);
    await rebuild(deps, { changedKeys: ['hugo.toml'] });
    expect(links(target)).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(links(target, 'posts/index.xml')).toEqual(['https://example.org/posts/new/', 'https://example.org/posts/old/kept/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // A draft cascade to every page: a page that says draft: false stays (a full run, as `--state` does).
    await put('hugo.toml', `${CONFIG}[cascade]\ndraft = true\n[cascade.target]\nkind = "page"\n`);
    await put('content/posts/new.md', page('New', 'draft: false\n'));
    await rebuild(deps);
    expect(links(target)).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
    // And gone.
    await put('hugo.toml', CONFIG);
    await rebuild(deps, { changedKeys: ['hugo.toml'] });
    expect(links(target)).toHaveLength(3);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a page that comes to say draft: false under a cascade of draft: true is published, in a run for its key', async () => {
    await put(LIST_PAGE, '---\ntitle: Posts\ncascade:\n  - draft: true\n    target:\n      kind: page\n---\n');
    await rebuild(deps, { changedKeys: [LIST_PAGE] });
    expect(links(target)).toEqual([]);
    await put('content/posts/new.md', page('New', 'draft: false\n'));
    await rebuild(deps, { changedKeys: ['content/posts/new.md'] });
    expect(links(target)).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });

  it('a taxonomy list page cascade with a path target hides the term it names only', async () => {
    await put('content/posts/new.md', page('New', 'tags: [go, rust]\n'));
    await put('content/tags/_index.md', '---\ntitle: Tags\ncascade:\n  - _build:\n      render: never\n    target:\n      path: /tags/go\n---\n');
    await rebuild(deps);
    expect(target.text('tags/go/index.xml')).toBeUndefined();
    expect(links(target, 'tags/rust/index.xml')).toEqual(['https://example.org/posts/new/']);
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, NOW));
  });
});
