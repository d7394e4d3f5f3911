import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { checkSite } from '../../../src/cli/check-site.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');

function site(): MemoryStorage {
  return new MemoryStorage({
    'hugo.toml': 'baseURL = "https://example.com/"\ntitle = "T"\ntimeZone = "UTC"\n[taxonomies]\ntag = "tags"\n',
    'content/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [Go]\n---\n![x](x.png)\n',
    'content/b.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [go]\n---\nB\n',
    'content/c.md': '---\ntitle: C\ndate: 2025-02-31\n---\nC\n',
    'content/d.md': '---\ntitle: D\ndate: 2099-01-01\n---\nD\n',
  });
}

describe('checkSite', () => {
  it("combines the rebuild's problems with term collisions, and changes nothing in the source", async () => {
    const source = site();
    const { report, problems } = await checkSite(source, { now: NOW });
    expect(report.articles).toMatchObject({ total: 4, rejected: 1, held: 1, published: 2 });
    expect(problems.map((p) => [p.file, p.severity, p.rule])).toEqual(
      expect.arrayContaining([
        ['content/c.md', 'error', 'date-invalid'],
        ['content/d.md', 'info', 'future'],
        ['content/b.md', 'warning', 'term-collision'],
      ]),
    );
    expect(problems.some((p) => p.rule === 'relative-url')).toBe(false);
    expect(source.calls.write + source.calls.delete).toBe(0);
  });

  it('adds the relative URLs with verbose, and honours a base URL override', async () => {
    const { problems } = await checkSite(site(), { now: NOW, verbose: true, baseURL: 'https://staging.example.org/' });
    const relative = problems.filter((p) => p.rule === 'relative-url');
    expect(relative).toEqual([
      {
        file: 'content/a.md',
        line: 6,
        severity: 'warning',
        rule: 'relative-url',
        message: 'relative URL "x.png" becomes https://staging.example.org/a/x.png in feeds',
      },
    ]);
  });
});

describe('checkSite: Markdown beside the languages content folders', () => {
  const config =
    'baseURL = "https://example.com/"\ntitle = "T"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.fr]\ncontentDir = "content/fr"\n';
  const post = '---\ntitle: A\ndate: 2025-01-01\n---\nA.\n';

  it('is reported, as it is in no feed (an operator audit: no run said a word of it); the languages files and the site root are not', async () => {
    const source = new MemoryStorage({
      'hugo.toml': config,
      'content/en/a.md': post,
      'content/posts/stray.md': post,
      'content/_index.md': '---\ntitle: Home\n---\n',
      'archetypes/default.md': post,
    });
    const { problems } = await checkSite(source, { now: NOW });
    expect(problems.filter((p) => p.rule === 'outside-content-dirs')).toEqual([
      {
        file: 'content/_index.md',
        severity: 'warning',
        rule: 'outside-content-dirs',
        message: "in no language's content folder (content/en, content/fr): Hugo makes no page of it, so it is in no feed; move it into one",
      },
      expect.objectContaining({ file: 'content/posts/stray.md' }),
    ]);
  });

  it('is not looked for on a site that disables a language (its folder is not known) or keeps its content in one folder', async () => {
    const disabling = new MemoryStorage({
      'hugo.toml': `disableLanguages = ["de"]\n${config}[languages.de]\ncontentDir = "content/de"\n`,
      'content/en/a.md': post,
      'content/de/b.md': post,
    });
    expect((await checkSite(disabling, { now: NOW })).problems.filter((p) => p.rule === 'outside-content-dirs')).toEqual([]);
    const single = new MemoryStorage({ 'hugo.toml': 'baseURL = "https://example.com/"\ntitle = "T"\n', 'content/a.md': post, 'notes/b.md': post });
    expect((await checkSite(single, { now: NOW })).problems.filter((p) => p.rule === 'outside-content-dirs')).toEqual([]);
  });
});
