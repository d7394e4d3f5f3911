import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';

// Hugo 0.111 (checked with hugo): a page whose date comes from a lastmod (its own or cascaded) or a custom
// `[frontmatter]` key has a zero publishDate, so it is listed now, dated as its date says (reviewer's repro).
describe('a page without a publishDate source is listed now, dated by its date', () => {
  const NOW = Date.UTC(2026, 11, 1);
  const site = (files: Record<string, string>, config = ''): MemoryStorage =>
    new MemoryStorage(new Map([['hugo.toml', `baseURL = "https://example.org/"\ntitle = "Ex"\n${config}`], ...Object.entries(files)]));

  it('a page dated by a cascaded future lastmod is listed now, as Hugo 0.111 lists it', async () => {
    const source = site({
      'content/posts/_index.md': '---\ntitle: Posts\ncascade:\n  lastmod: 2027-06-01T00:00:00Z\n---\n',
      'content/posts/p.md': '---\ntitle: P\n---\nx\n',
    });
    const { files, report } = await buildToMemory(source, NOW);
    expect(files.get('posts/index.xml')).toContain('<pubDate>Tue, 01 Jun 2027 00:00:00 GMT</pubDate>');
    expect(report.problems.filter((p) => p.rule === 'future')).toEqual([]);
  });

  it('so is one dated by its own lastmod or a custom key, and one with a date to come is still held back', async () => {
    const source = site(
      {
        'content/posts/l.md': '---\ntitle: L\nlastmod: 2027-06-01T00:00:00Z\n---\nx\n',
        'content/posts/c.md': '---\ntitle: C\nmydate: 2027-06-02T00:00:00Z\n---\nx\n',
        'content/posts/d.md': '---\ntitle: D\ndate: 2027-06-03T00:00:00Z\n---\nx\n',
      },
      '[frontmatter]\ndate = ["mydate", ":default"]\n',
    );
    const { files, report } = await buildToMemory(source, NOW);
    const feed = files.get('posts/index.xml') ?? '';
    expect(feed).toContain('<link>https://example.org/posts/l/</link>');
    expect(feed).toContain('<link>https://example.org/posts/c/</link>');
    expect(feed).not.toContain('/posts/d/');
    expect(report.problems.filter((p) => p.rule === 'future').map((p) => p.file)).toEqual(['content/posts/d.md']);
  });
});
