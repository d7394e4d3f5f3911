import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';

// Hugo 0.111 lower-cases a section's path: content/Tags/_index.md is the tags taxonomy's list page, and
// content/Tags/go/_index.md the term go's (checked with hugo: a draft one leaves out tags/ and tags/go/).
const site = (listPages: [string, string][]) =>
  new MemoryStorage([
    ['hugo.toml', 'baseURL = "https://x.org/"\ntitle = "X"\ntimeZone = "UTC"\n'],
    ['content/posts/a.md', '---\ntitle: A\ndate: 2024-01-02T10:00:00Z\ntags: [go, rust]\n---\nText.\n'],
    ...listPages,
  ]);
const tagFeeds = async (listPages: [string, string][]) => {
  const { files } = await buildToMemory(site(listPages), Date.UTC(2025, 0, 1));
  return [...files.keys()].filter((p) => p.startsWith('tags/')).sort();
};

describe('a taxonomy list page whose folder differs in case', () => {
  it('content/Tags/_index.md that is a draft hides the term feeds as content/tags/_index.md does', async () => {
    expect(await tagFeeds([['content/Tags/_index.md', '---\ntitle: Tags\ndraft: true\n---\n']])).toEqual([]);
  });

  it('content/Tags/go/_index.md speaks for the term go: a draft hides its feed, and its title titles it', async () => {
    const hidden = await tagFeeds([['content/Tags/go/_index.md', '---\ntitle: Golang\ndraft: true\n---\n']]);
    expect(hidden.some((p) => p.startsWith('tags/go/'))).toBe(false);
    expect(hidden.some((p) => p.startsWith('tags/rust/'))).toBe(true);
    const source = site([['content/Tags/go/_index.md', '---\ntitle: Golang\n---\n']]);
    const { files } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    expect(files.get('tags/go/index.xml')).toContain('<title>Golang on X</title>');
  });
});

describe('term list pages in folders that differ only in case', () => {
  it('speak for one term, and the last folder’s is the one that titles it, as Hugo 0.111 keeps the last it walks', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://x.org/"\ntitle = "X"\ntimeZone = "UTC"\n'],
      ['content/posts/a.md', '---\ntitle: A\ndate: 2024-01-02T10:00:00Z\ntags: [go]\n---\nText.\n'],
      ['content/Tags/go/_index.md', '---\ntitle: T1\n---\n'],
      ['content/tags/go/_index.md', '---\ntitle: T2\n---\n'],
    ]);
    const { files } = await buildToMemory(source, Date.UTC(2025, 0, 1));
    expect(files.get('tags/go/index.xml')).toContain('<title>T2 on X</title>');
  });

  it('a taxonomy’s too: the last folder’s list page decides whether its term feeds are there', async () => {
    const both = (first: string, last: string): [string, string][] => [
      ['content/Tags/_index.md', `---\ntitle: T1\n${first}---\n`],
      ['content/tags/_index.md', `---\ntitle: T2\n${last}---\n`],
    ];
    expect(await tagFeeds(both('draft: true\n', ''))).toContain('tags/go/index.xml');
    expect(await tagFeeds(both('', 'draft: true\n'))).toEqual([]);
  });
});
