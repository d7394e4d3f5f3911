import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type MemoryBuild, buildToMemory } from '../support/build.js';
import { REPO_ROOT, SAMPLE_NOW } from '../support/repo.js';
import { sampleSiteFiles } from '../support/sample-source.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

const HOSTILE_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile');
const key = (name: string): string => `content/en/hostile/${name}`;

/** The sample site plus every hostile fixture, a 10 MB article, 30,000 tags and a 10,000-character title. */
function hostileSite(): MemoryStorage {
  const files = new Map<string, string | Uint8Array>(sampleSiteFiles());
  for (const name of readdirSync(HOSTILE_DIR)) files.set(key(name), new Uint8Array(readFileSync(path.join(HOSTILE_DIR, name))));
  files.set(key('ten-megabytes.md'), `---\ntitle: "Huge"\ndate: "2025-02-01"\n---\n${'0123456789 '.repeat(1_000_000)}`);
  files.set(
    key('many-tags.md'),
    `---\ntitle: "Many tags"\ndate: "2025-02-01"\ntags: [${Array.from({ length: 30_000 }, (_, i) => `"t${i}"`).join(', ')}]\n---\nbody\n`,
  );
  files.set(
    key('hundreds-of-tags.md'),
    `---\ntitle: "Hundreds of tags"\ndate: "2025-02-01"\ntags: [${Array.from({ length: 150 }, (_, i) => `"t${i}"`).join(', ')}]\n---\nbody\n`,
  );
  files.set(key('long-title.md'), `---\ntitle: "${'Long '.repeat(2_000)}"\ndate: "2025-02-10 12:00:00"\n---\nbody\n`);
  // A lone surrogate in a URL cannot be percent-encoded (encodeURIComponent throws): it took the run down.
  files.set(key('lone-surrogate-url.md'), '{"title": "Lone surrogate url", "date": "2020-01-04", "tags": ["hostile-extra"], "url": "/odd/\\ud800x/"}\nbody\n');
  // A 3 MB URL overflowed the linkifier's stack and took the run down; now its length alone keeps it from
  // being rendered (Markdown over twice an item's HTML allowance).
  files.set(
    key('long-link.md'),
    `---\ntitle: "Long link"\ndate: "2020-01-03"\ntags: ["hostile-extra"]\nsummary: "A link too long"\n---\nsee http://a.b/${'a'.repeat(3_000_000)}`,
  );
  // 200,000 unclosed tags took sanitize-html ~15 s (1 MB: now not rendered for its length); 30,000 (150 KB)
  // are within that bound and over the 25,000 tags sanitized.
  files.set(key('unclosed-tags.md'), `---\ntitle: "Unclosed tags"\ndate: "2020-01-02"\ntags: ["hostile-extra"]\n---\n${'<div>'.repeat(30_000)}`);
  // An e-mail address with a line break, or only characters XML forbids before the @: schema-invalid in Atom.
  files.set(
    key('odd-emails.md'),
    '---\ntitle: "Odd emails"\ndate: "2020-01-01"\ntags: ["odd-emails"]\nauthors:\n  - {name: "N", email: "a@b\\nc"}\n  - {name: "M", email: "\\u0001@x"}\n---\nbody\n',
  );
  return new MemoryStorage(files);
}

describe('hostile input never breaks a good feed', () => {
  let clean: MemoryBuild;
  let hostile: MemoryBuild;
  beforeAll(async () => {
    clean = await buildToMemory(new MemoryStorage(sampleSiteFiles()), SAMPLE_NOW);
    hostile = await buildToMemory(hostileSite(), SAMPLE_NOW);
  }, 120_000);

  it('runs nothing and pollutes no prototype', () => {
    expect((globalThis as Record<string, unknown>).__feedpubPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });

  it('still publishes every good article of the site', () => {
    // Across every JSON Feed: the all-languages feed holds the newest 20 items only, and the hostile site
    // publishes more of them (no-title.md among them) than the sample does.
    const ids = (files: Map<string, string>): Set<string> =>
      new Set(
        [...files].filter(([path]) => path.endsWith('feed.json')).flatMap(([, body]) => [...body.matchAll(/"id": "(urn:uuid:[^"]+)"/g)].map((m) => m[1] ?? '')),
      );
    for (const id of ids(clean.files)) expect(ids(hostile.files)).toContain(id);
    expect(hostile.report.articles.published).toBeGreaterThan(clean.report.articles.published);
  });

  it('keeps every feed valid, in every format', () => {
    // no-title.md is published untitled: its Atom entries have an empty title (valid; the W3C validator warns).
    expectValidFeeds(hostile.files, 'https://news.example.org/', ['ContainsHTML', 'ContainsUndeclaredHTML', 'NotBlank@/feed/entry/title']);
  });

  it('writes only inside the output folder, with safe names', () => {
    for (const p of hostile.files.keys()) {
      expect(p).not.toMatch(/^\/|\\|\0/);
      for (const segment of p.split('/')) expect(['', '.', '..']).not.toContain(segment);
    }
    // A `/` in a term nests its folder, as in Hugo: `a/b` and `/etc/passwd` stay inside `tags/`.
    const tags = [...hostile.files.keys()].filter((p) => p.startsWith('tags/') && p.endsWith('/index.xml'));
    expect(tags).toEqual(
      expect.arrayContaining([
        'tags/_con/index.xml',
        'tags/_nul/index.xml',
        'tags/a/b/index.xml',
        'tags/etc/passwd/index.xml',
        'tags/2e2e/index.xml',
        'tags/windows-system32/index.xml',
      ]),
    );
  });

  it('reports each rejected file with its line and reason', () => {
    const byFile = new Map<string, string[]>();
    for (const p of hostile.report.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), `${p.severity}:${p.rule}:${p.line ?? '-'}`]);
    const rules = (name: string): string => (byFile.get(key(name)) ?? []).join(' ');
    expect(rules('js-engine.md')).toMatch(/^error:front-matter-language:1/);
    expect(rules('javascript-engine.md')).toMatch(/^error:front-matter-language:1/);
    expect(rules('coffee-engine.md')).toMatch(/^error:front-matter-language/);
    expect(rules('alias-bomb.md')).toMatch(/error:front-matter-aliases/);
    expect(rules('deep-nesting.md')).toMatch(/error:front-matter-too-deep/);
    expect(rules('wrong-types.md')).toMatch(/error:field-type:2/);
    expect(rules('unclosed.md')).toMatch(/error:front-matter-unclosed:1/);
    expect(rules('broken-yaml.md')).toMatch(/error:front-matter-syntax:\d/);
    expect(rules('broken-toml.md')).toMatch(/error:front-matter-syntax:2/);
    expect(rules('broken-json.md')).toMatch(/error:front-matter-/);
    expect(rules('impossible-date.md')).toMatch(/error:date-invalid:3/);
    expect(rules('impossible-time.md')).toMatch(/error:date-invalid:3/);
    expect(rules('month-13.md')).toMatch(/error:front-matter-syntax:3/); // not a TOML date at all
    expect(rules('far-past.md')).toMatch(/error:date-invalid/);
    expect(rules('not-utf8.md')).toMatch(/error:encoding/);
    expect(rules('nul-bytes.md')).toMatch(/error:binary/);
    expect(rules('ten-megabytes.md')).toMatch(/error:too-large/);
    expect(rules('many-tags.md')).toMatch(/error:front-matter-too-large/); // 30,000 tags: over the 64 KiB front matter bound
    expect(rules('hundreds-of-tags.md')).toMatch(/error:too-many-terms:4/);
    expect(rules('control-chars.md')).not.toMatch(/error/);
    expect(rules('no-date.md')).toMatch(/warning:no-date/);
    expect(rules('no-title.md')).toBe('info:title-missing:2'); // published untitled, as Hugo does
    expect(rules('long-title.md')).toMatch(/warning:title-long/);
    expect(rules('draft-string-false.md')).not.toMatch(/error/);
    expect(rules('bom-crlf.md')).not.toMatch(/error/);
    expect(rules('author-url.md')).toMatch(/^warning:author-url:5 warning:author-url:5$/);
    // Published without their content, and said why: the rest of the site is not held up by them.
    expect(rules('long-link.md')).toMatch(/^warning:content-too-large/);
    expect(rules('unclosed-tags.md')).toMatch(/^warning:content-failed/);
    expect(hostile.report.problems.find((p) => p.file === key('unclosed-tags.md'))?.message).toMatch(/30000 tags, over the 25000/);
    expect(rules('lone-surrogate-url.md')).not.toMatch(/error/);
  });

  it('publishes what is fine, with dangerous parts removed', () => {
    const all = hostile.files.get('all/feed.json') ?? '';
    expect(all).toContain('Draft string false is published');
    expect(all).toContain('BOM and CRLF survive');
    expect(all).toContain('Proto YAML');
    expect(all).toContain('Proto JSON');
    const feed = JSON.parse(all) as { items: { title?: string; url: string; summary?: string; content_html?: string }[] };
    const html = feed.items.find((i) => i.title?.startsWith('<b>bold</b>'))?.content_html ?? '';
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<svg|style=/i);
    expect(feed.items.find((i) => i.title?.startsWith('Long'))?.title?.length).toBeLessThanOrEqual(500);
    // An untitled article is published untitled, its text standing in for the title (no-title.md's body is "body").
    const untitled = feed.items.find((i) => i.url === 'https://news.example.org/hostile/no-title/');
    expect(untitled).toMatchObject({ summary: 'body', content_html: '<p>body</p>\n' });
    expect(untitled).not.toHaveProperty('title');
    expect(hostile.files.get('tags/go/index.xml')).toBeDefined(); // Go, go and "GO " share one feed
    // An author's link is published only as an absolute http(s) URL, in every format.
    const byAuthors = JSON.parse(hostile.files.get('tags/author-urls/feed.json') ?? '{}') as { items: { authors: { name: string; url?: string }[] }[] };
    expect(byAuthors.items[0]?.authors).toEqual([{ name: 'Eve' }, { name: 'Mallory' }, { name: 'Alice', url: 'https://news.example.org/about/alice/' }]);
    expect(hostile.files.get('tags/author-urls/atom.xml')).toContain('<uri>https://news.example.org/about/alice/</uri>');
    for (const format of ['index.xml', 'atom.xml', 'feed.json']) expect(hostile.files.get(`tags/author-urls/${format}`)).not.toMatch(/javascript:|data:text/);
    const extra = hostile.files.get('tags/hostile-extra/feed.json') ?? '';
    expect(extra).toContain('"url": "https://news.example.org/odd/x/"');
    expect(extra).toContain('A link too long');
    expect(extra).toContain('Unclosed tags');
    expect(hostile.files.get('tags/odd-emails/atom.xml')).not.toContain('<email>');
  });
});

describe('folders and terms named like the properties of a JavaScript object', () => {
  it('are sections and terms like any other: the build neither fails nor reads a prototype', async () => {
    // Arrange: `content/constructor/` once stopped every build (a permalink table lookup found
    // Object.prototype.constructor, a function, where a pattern string was expected).
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "News"\n[permalinks]\nposts = "/p/:slug/"\n'],
      ...names.map((name): [string, string] => [`content/${name}/x.md`, `---\ntitle: "In ${name}"\ndate: 2025-01-02\ntags: ["${name}"]\n---\nBody.\n`]),
    ]);
    // Act
    const { report, files } = await buildToMemory(source, SAMPLE_NOW);
    // Assess
    expect(report.articles.published).toBe(names.length);
    for (const name of names) {
      const folder = name.toLowerCase();
      expect(files.get(`${folder}/index.xml`), folder).toContain(`<link>https://example.com/${folder}/x/</link>`);
      expect(files.has(`tags/${folder}/feed.json`), folder).toBe(true);
    }
    expectValidFeeds(files, 'https://example.com/');
    expect(Object.prototype).not.toHaveProperty('title');
  });
});
