import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';

// Hugo 0.111 (the links of its home feed) on this site: its sections of a page in a top folder without a
// list page end with an empty one, so :sections[last] is none there and the folder with posts/_index.md.
describe('a :sections slice in a permalink, as the list pages make it', () => {
  const links = async (pattern: string, listPages: readonly string[]) => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02T10:00:00Z\n---\nx\n`;
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "https://example.com/"\ntitle = "T"\ntimeZone = "UTC"\n[permalinks]\nposts = "${pattern}"\n`],
      ['content/posts/p1.md', page('p1')],
      ['content/posts/b/p2.md', page('p2')],
      ['content/posts/b/c/p3.md', page('p3')],
      ...listPages.map((key): [string, string] => [key, '---\ntitle: L\n---\n']),
    ]);
    const { files } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    return [...(files.get('index.xml') ?? '').matchAll(/<link>https:\/\/example\.com(\/[^<]*)<\/link>/g)].map((m) => m[1]).sort();
  };
  const nested = ['content/posts/b/_index.md', 'content/posts/b/c/_index.md'];

  it('gives :sections[last] of a page in posts none without posts/_index.md, and posts with it', async () => {
    expect(await links('/:sections[last]/:slug/', nested)).toEqual(['/', '/b/p2/', '/c/p3/', '/p1/']);
    expect(await links('/:sections[last]/:slug/', ['content/posts/_index.md', ...nested])).toEqual(['/', '/b/p2/', '/c/p3/', '/posts/p1/']);
  });

  it('gives :sections[:last] of a page in posts posts without posts/_index.md, and none with it', async () => {
    expect(await links('/:sections[:last]/:slug/', nested)).toEqual(['/', '/posts/b/p3/', '/posts/p1/', '/posts/p2/']);
    expect(await links('/:sections[:last]/:slug/', ['content/posts/_index.md', ...nested])).toEqual(['/', '/p1/', '/posts/b/p3/', '/posts/p2/']);
    expect(await links('/:sections[1:]/:slug/', [])).toEqual(['/', '/p1/', '/p2/', '/p3/']);
  });
});
