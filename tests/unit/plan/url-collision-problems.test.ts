import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { urlCollisionProblems } from '../../../src/plan/url-collision-problems.js';
import { buildToMemory } from '../../support/build.js';

describe('url-collision: published articles that share an item link (found by an audit: they went unreported)', () => {
  it('names each article after the first by key, whatever the order given, and nothing when links differ', () => {
    const entries = [
      { key: 'content/c.md', url: 'https://x.org/a/' },
      { key: 'content/b.md', url: 'https://x.org/b/' },
      { key: 'content/a.md', url: 'https://x.org/a/' },
      { key: 'content/d.md', url: 'https://x.org/a/' },
    ];
    expect(urlCollisionProblems(entries).map((p) => `${p.file} ${p.message.slice(0, 45)}`)).toEqual([
      'content/c.md has the link https://x.org/a/ of content/a.md',
      'content/d.md has the link https://x.org/a/ of content/a.md',
    ]);
    expect(urlCollisionProblems(entries.filter((e) => e.key !== 'content/a.md' && e.key !== 'content/d.md'))).toEqual([]);
  });

  it('says when the two are one page to Hugo, their paths differing only in case (checked with hugo: it keeps one)', () => {
    const entries = [
      { key: 'content/posts/a.md', url: 'https://x.org/posts/a/' },
      { key: 'content/Posts/a.md', url: 'https://x.org/posts/a/' },
      { key: 'content/posts/B.markdown', url: 'https://x.org/posts/b/' },
      { key: 'content/posts/b.md', url: 'https://x.org/posts/b/' },
      { key: 'content/posts/c.md', url: 'https://x.org/posts/b/' },
    ];
    expect(urlCollisionProblems(entries).map((p) => [p.file, p.message.includes('differs only in case')])).toEqual([
      ['content/posts/a.md', true],
      ['content/posts/b.md', true],
      ['content/posts/c.md', false],
    ]);
  });

  it('a build reports two pages with one url, and not a draft that shares it or a draft spelling of a tag', async () => {
    const page = (title: string, extra: string) => `---\ntitle: ${title}\ndate: 2025-01-01T00:00:00Z\n${extra}---\nBody.\n`;
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\n'],
      ['content/posts/one.md', page('one', 'url: /same/\ntags: [Go]\n')],
      ['content/posts/two.md', page('two', 'url: /same/\n')],
      ['content/posts/three.md', page('three', 'url: /same/\ndraft: true\ntags: [go]\n')],
    ]);
    const { report } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    expect(report.problems.filter((p) => p.rule === 'url-collision' || p.rule === 'term-collision').map((p) => `${p.file} ${p.rule}`)).toEqual([
      'content/posts/two.md url-collision',
    ]);
  });
});
