import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';

const NOW = Date.UTC(2025, 5, 1);

describe('front matter params (Hugo 0.123: custom fields go under params), as the feeds show them', () => {
  it('names the params author, shows the params image, files the page under the params terms, and the param shortcode shows the params value', async () => {
    // Arrange: the audit's site: the site's author in [params], the page's own under its params table.
    const source = new MemoryStorage(
      new Map([
        ['hugo.toml', "baseURL = 'https://example.org/'\ntitle = 'Ex'\n[params]\nauthor = 'Site Owner'\n"],
        [
          'content/posts/a.md',
          '---\ntitle: Guest\ndate: 2025-01-02\nparams:\n  author: Ada Guest\n  images: [img/cover.png]\n  tags: [rust]\n---\nHello {{< param author >}}\n',
        ],
      ]),
    );
    // Act
    const { files, report } = await buildToMemory(source, NOW);
    // Assess
    const rss = files.get('index.xml') ?? '';
    expect(rss).toContain('<dc:creator>Ada Guest</dc:creator>');
    expect(rss).not.toContain('Site Owner</dc:creator>');
    expect(rss).toContain('<media:thumbnail url="https://example.org/img/cover.png"/>');
    expect(rss).toContain('Hello Ada Guest');
    expect(files.get('tags/rust/index.xml')).toContain('https://example.org/posts/a/');
    expect(JSON.parse(files.get('feed.json') ?? '{}').items[0]).toMatchObject({ authors: [{ name: 'Ada Guest' }], tags: ['rust'] });
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});
