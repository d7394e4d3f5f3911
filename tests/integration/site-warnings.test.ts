import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';

// Warnings about the site as a whole come from the run itself, so the Lambda's report and log carry them
// as the CLI's output does (the CLI used to add the first one on its own).

const NOW = Date.parse('2025-03-01T00:00:00Z');
const post = (title: string): string => `---\ntitle: "${title}"\ndate: 2025-01-02\n---\nBody.\n`;

describe('site-wide warnings in the run report', () => {
  it('warns (build shows it) of an index.md that hides dated articles, and only notes one that hides undated files', async () => {
    // Arrange: news/index.md meant as news/_index.md hides two articles; trip/ is a bundle with notes.
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "News"\n'],
      ['content/news/index.md', '---\ntitle: "News"\n---\n'],
      ['content/news/a.md', post('A')],
      ['content/news/b.md', post('B')],
      ['content/trip/index.md', post('Trip')],
      ['content/trip/notes.md', '---\ntitle: "Notes"\n---\nx\n'],
    ]);
    // Act
    const { report } = await buildToMemory(source, NOW);
    // Assess
    const hides = report.problems.filter((p) => p.rule === 'bundle-hides-pages');
    expect(hides.map((p) => [p.file, p.severity])).toEqual([
      ['content/news/index.md', 'warning'],
      ['content/trip/index.md', 'info'],
    ]);
    expect(hides[0]?.message).toContain('though a.md has a date like an article: if content/news/ is a section, rename index.md to _index.md');
    expect(report.articles).toMatchObject({ total: 2, published: 1 });
  });

  it('names a config file that is not read beside the one that is', async () => {
    // Arrange: Hugo reads hugo.toml first; config.toml and feedpub.yaml (beside feedpub.toml) are ignored.
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "News"\n'],
      ['config.toml', 'baseURL = "https://other.example/"\n'],
      ['feedpub.toml', 'limit = 5\n'],
      ['feedpub.yaml', 'limit: 7\n'],
      ['content/posts/a.md', post('A')],
    ]);
    // Act
    const { report } = await buildToMemory(source, NOW);
    // Assess
    const ignored = report.problems.filter((p) => p.rule === 'config-ignored');
    expect(ignored.map((p) => [p.file, p.severity])).toEqual([
      ['config.toml', 'warning'],
      ['feedpub.yaml', 'warning'],
    ]);
    expect(ignored[0]?.message).toContain('hugo.toml here');
  });

  it('says when a section takes the folder of the all-languages feed, and publishes the section there', async () => {
    // Arrange: a section named `all` on a two-language site whose all-languages feed is in all/.
    const source = new MemoryStorage([
      [
        'hugo.toml',
        'baseURL = "https://example.com/"\ntitle = "News"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.fr]\ncontentDir = "content/fr"\nweight = 2\n',
      ],
      ['content/en/all/a.md', post('In all')],
      ['content/en/posts/b.md', post('In posts')],
      ['content/fr/posts/c.md', post('En français')],
    ]);
    // Act
    const { report, files } = await buildToMemory(source, NOW);
    // Assess
    expect(report.problems.filter((p) => p.rule === 'feed-path-collision')).toEqual([
      expect.objectContaining({ file: '(site)', severity: 'warning', message: expect.stringContaining('allLanguagesPath "all/"') }),
    ]);
    const all = files.get('all/index.xml') ?? '';
    expect(all).toContain('<title>In all</title>');
    expect(all).not.toContain('En français');
  });

  it('says when neither icon nor logo can be the RSS image, and publishes them in Atom and JSON Feed', async () => {
    const site = (options: string) =>
      new MemoryStorage([
        ['hugo.toml', `baseURL = "https://example.com/"\ntitle = "News"\n[params.feedpub]\n${options}`],
        ['content/posts/a.md', post('A')],
      ]);
    const { report, files } = await buildToMemory(site('icon = "/icon.svg"\n'), NOW);
    expect(report.problems.filter((p) => p.rule === 'rss-image-format')).toEqual([
      expect.objectContaining({ file: 'hugo.toml', severity: 'warning', message: expect.stringContaining('icon "https://example.com/icon.svg"') }),
    ]);
    expect(files.get('index.xml')).not.toContain('<image>');
    expect(files.get('atom.xml')).toContain('<icon>https://example.com/icon.svg</icon>');
    expect(JSON.parse(files.get('feed.json') ?? '{}').favicon).toBe('https://example.com/icon.svg');
    // A PNG logo beside it is the RSS image: nothing to say. Without RSS, nothing either.
    const withLogo = await buildToMemory(site('icon = "/icon.svg"\nlogo = "/logo.png"\n'), NOW);
    expect(withLogo.report.problems.filter((p) => p.rule === 'rss-image-format')).toEqual([]);
    expect(withLogo.files.get('posts/index.xml')).toContain('<url>https://example.com/logo.png</url>');
    const noRss = await buildToMemory(site('icon = "/icon.svg"\nformats = ["atom", "json"]\n'), NOW);
    expect(noRss.report.problems.filter((p) => p.rule === 'rss-image-format')).toEqual([]);
  });

  it('leaves out the feed of a section named like a feed file of the folder above, instead of failing the build', async () => {
    // Hugo fails the whole build here (its index.xml is a file, the section a folder); a local build failed too.
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "News"\n'],
      ['content/index.xml/a.md', post('In a folder named index.xml')],
      ['content/news/feed.json/b.md', post('Nested')],
      ['content/news/_index.md', '---\ntitle: "News"\n---\n'],
      ['content/news/feed.json/_index.md', '---\ntitle: "Odd"\n---\n'],
      ['content/posts/c.md', post('Plain')],
    ]);
    const { report, files } = await buildToMemory(source, NOW);
    const dropped = report.problems.filter((p) => p.rule === 'feed-path-collision').map((p) => p.message);
    expect(dropped).toEqual([
      expect.stringContaining('section "index.xml" (language en) would be in index.xml/, a folder named like a file of the site feed'),
      expect.stringContaining('would be in news/feed.json/, a folder named like a file of the feed of section "news"'),
    ]);
    expect([...files.keys()].filter((f) => /(^|\/)(index\.xml|atom\.xml|feed\.json)\//.test(f))).toEqual([]);
    // Their articles stay in the other feeds (a nested section's pages are in its own feed only, as in Hugo).
    expect(files.get('index.xml')).toContain('In a folder named index.xml');
    expect(files.get('index.xml')).toContain('Nested');
  });
});
