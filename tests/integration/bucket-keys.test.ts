import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';

const CONFIG = 'baseURL = "https://example.org/"\ntitle = "Keys"\n';
const article = (title: string): string => `---\ntitle: ${title}\ndate: 2025-01-01\n---\nBody.\n`;

describe('keys a bucket can hold and a disk cannot', () => {
  it('publishes no page whose key has a folder of no name, and warns of each with the key meant', async () => {
    // Arrange: `content//world/a.md` is what `aws s3 cp a.md s3://bucket/content/` + `/world/a.md` writes.
    const source = new MemoryStorage({
      'hugo.toml': CONFIG,
      'content/world/kept.md': article('Kept'),
      'content//world/a.md': article('Doubled slash'),
      'content/world//b.md': article('Doubled slash inside'),
    });
    // Act
    const build = await buildToMemory(source, SAMPLE_NOW);
    // Assess: no link with a folder named for nothing (it was https://example.org/t-e3b0c442/world/a/).
    const rss = build.files.get('index.xml') ?? '';
    expect(rss.match(/<link>[^<]*<\/link>/g)).toEqual(['<link>https://example.org/</link>', '<link>https://example.org/world/kept/</link>']);
    expect([...build.files.keys()].filter((k) => k.includes('t-'))).toEqual([]);
    expect(build.report.problems.map((p) => [p.file, p.rule])).toEqual([
      ['content//world/a.md', 'key-empty-folder'],
      ['content/world//b.md', 'key-empty-folder'],
    ]);
  });
});
