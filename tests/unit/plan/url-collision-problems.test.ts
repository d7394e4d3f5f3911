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

  it('names pages whose paths differ only in case at other links case-twin, once each, whatever the order given', () => {
    const entries = [
      { key: 'content/posts/a.md', url: 'https://x.org/posts/a/' },
      { key: 'content/Posts/a.md', url: 'https://x.org/Posts/a/' },
      { key: 'content/POSTS/A.markdown', url: 'https://x.org/POSTS/A/' },
      { key: 'content/posts/b.md', url: 'https://x.org/posts/b/' },
      { key: 'content/posts/B.md', url: 'https://x.org/posts/b/' },
      { key: 'content/posts/c.md', url: 'https://x.org/posts/c/' },
      { key: 'content/posts/c.fr.md', url: 'https://x.org/fr/posts/c/' },
    ];
    expect(urlCollisionProblems(entries).map((p) => `${p.file} ${p.rule}`)).toEqual([
      'content/posts/b.md url-collision',
      'content/Posts/a.md case-twin',
      'content/posts/a.md case-twin',
    ]);
    const [first] = urlCollisionProblems(entries).filter((p) => p.rule === 'case-twin');
    expect(first).toEqual({
      file: 'content/Posts/a.md',
      severity: 'warning',
      rule: 'case-twin',
      message:
        "is one page with content/POSTS/A.markdown to Hugo 0.111, their paths differing only in case: Hugo keys its pages lower-cased and keeps one of the two, so one item leads where Hugo writes no page (this one's link is https://x.org/Posts/a/); delete one of them or rename it",
    });
    expect(urlCollisionProblems(entries.filter((e) => !/\/a\./i.test(e.key)))).toHaveLength(1);
  });

  it('a build with disablePathToLower reports the second of two pages Hugo reads as one (checked with hugo: it keeps one)', async () => {
    const page = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-02T00:00:00Z\n---\n${title}.\n`;
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\ndisablePathToLower = true\n'],
      ['content/Posts/a.md', page('Upper')],
      ['content/posts/a.md', page('Lower')],
    ]);
    const { report } = await buildToMemory(source, Date.UTC(2025, 5, 1));
    expect(report.problems.filter((p) => p.rule === 'case-twin' || p.rule === 'url-collision').map((p) => `${p.file} ${p.rule}`)).toEqual([
      'content/posts/a.md case-twin',
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
