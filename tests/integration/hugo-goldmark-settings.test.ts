import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildToMemory, type MemoryBuild } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// Hugo site settings that change what a page's Markdown renders to: each checked against what Hugo 0.111
// writes for the same site, its page template only `{{ .Content }}`, so the page is the content alone.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const BASE = 'baseURL = "https://example.org/"\ntitle = "T"\n';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A site of one page with `body` and `files` (the config among them), built by Hugo and by feedpub. */
async function bothBuild(files: Readonly<Record<string, string>>, body: string): Promise<{ hugo: string; ours: string; build: MemoryBuild }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-goldmark-'));
  dirs.push(dir);
  const all = {
    ...files,
    'layouts/_default/single.html': '{{ .Content }}',
    'content/posts/a.md': `---\ntitle: "A"\ndate: 2025-01-02T00:00:00Z\n---\n${body}`,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const out = path.join(dir, 'public');
  execFileSync('hugo', ['--quiet', '--source', dir, '--destination', out, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
  const build = await buildToMemory(dir, NOW);
  const item = (JSON.parse(build.files.get('feed.json') ?? '{}') as { items: { content_html: string }[] }).items[0];
  return { hugo: readFileSync(path.join(out, 'posts/a/index.html'), 'utf8'), ours: item?.content_html ?? '', build };
}

/** Hugo's HTML as feedpub serializes it: void elements closed (`<br />`). */
const xhtml = (html: string): string => html.replace(/<(br|hr)>/g, '<$1 />').trim();

describe('markup.goldmark.renderer.hardWraps', () => {
  const BODY = '第一行\n第二行\nline a  \nline b\n\n> q1\n> q2\n\n- i1\n  i2\n\n`code\nspan`\n\n    code\n    block\n\n[link\ntext](/x/)\n';

  it('breaks each line of a paragraph, a quote and a list item as Hugo 0.111 does, in every config format', async () => {
    for (const files of [
      { 'hugo.toml': `${BASE}[markup.goldmark.renderer]\nhardWraps = true\n` },
      { 'config.yaml': 'baseURL: https://example.org/\ntitle: T\nmarkup:\n  goldmark:\n    renderer:\n      HARDWRAPS: true\n' },
      { 'hugo.json': '{"baseURL": "https://example.org/", "title": "T", "Markup": {"Goldmark": {"Renderer": {"hardwraps": true}}}}' },
      { 'config/_default/config.toml': BASE, 'config/_default/markup.toml': '[goldmark.renderer]\nhardWraps = true\n' },
    ]) {
      const { hugo, ours, build } = await bothBuild(files, BODY);
      const name = Object.keys(files).join(', ');
      expect(hugo, name).toContain('<p>第一行<br>\n第二行<br>\nline a<br>\nline b</p>');
      expect(xhtml(ours), name).toBe(xhtml(hugo).replace('href="/x/"', 'href="https://example.org/x/"'));
      expectValidFeeds(build.files, 'https://example.org/');
    }
  }, 120_000);

  it('leaves line breaks as they are without it, as Hugo 0.111 does', async () => {
    const { hugo, ours } = await bothBuild({ 'hugo.toml': `${BASE}[markup.goldmark.renderer]\nhardWraps = false\n` }, BODY);
    expect(hugo).toContain('<p>第一行\n第二行\nline a<br>\nline b</p>');
    expect(xhtml(ours)).toBe(xhtml(hugo).replace('href="/x/"', 'href="https://example.org/x/"'));
  }, 60_000);
});

describe('markup.goldmark.extensions linkify, table, strikethrough and taskList', () => {
  const BODY =
    'See https://example.com/a and www.example.com and a@b.org here.\n\n<https://x.org/> autolink\n\n| a | b |\n|---|---|\n| c | d |\n\n~~x~~ and ~y~\n\n- [ ] todo\n- [x] done\n';

  it('leaves each as text where the site turns it off, as Hugo 0.111 does', async () => {
    const config = `${BASE}[markup.goldmark.extensions]\nlinkify = false\ntable = false\nstrikethrough = false\ntaskList = false\n`;
    const { hugo, ours, build } = await bothBuild({ 'hugo.toml': config }, BODY);
    expect(hugo).toContain('<p>See https://example.com/a and www.example.com and a@b.org here.</p>');
    // Hugo writes the typographer's dash as a reference; feedpub writes the character.
    expect(xhtml(ours)).toBe(xhtml(hugo).replace(/&mdash;/g, '\u2014'));
    expect(ours).toContain('<li>[ ] todo</li>');
    expectValidFeeds(build.files, 'https://example.org/');
  }, 60_000);

  it('reads each on its own, in YAML, and keeps the others on', async () => {
    const { hugo, ours } = await bothBuild(
      { 'hugo.yaml': 'baseURL: https://example.org/\ntitle: T\nmarkup:\n  goldmark:\n    extensions:\n      Linkify: false\n      TaskList: false\n' },
      BODY,
    );
    expect(hugo).toContain('<table>');
    expect(ours).toContain('<table>');
    expect(ours).toContain('<del>x</del>');
    expect(ours).toContain('<p>See https://example.com/a and www.example.com and a@b.org here.</p>');
    expect(ours).toContain('<li>[ ] todo</li>');
    expect(hugo).toContain('<li>[ ] todo</li>');
  }, 60_000);
});

describe('markup.goldmark.parser.attribute.block', () => {
  // Where Hugo 0.111 reads a line of attributes (after a paragraph, a list, a quote, a table, a heading, code, a
  // definition list, a rule; after a blank line; first in a quote or a list item; over two lines) and where it
  // leaves one as text (not a list goldmark takes, indented as code, in code, inside a line).
  const BODY = [
    'Para one.\n{.lead}',
    'Para two.',
    '{.after-blank}',
    '- item a\n- item b\n{.list}',
    '> quote\n{.q}',
    '| a | b |\n|---|---|\n| c | d |\n{.table .striped}',
    '## Heading\n{.h}',
    '```go\ncode\n```\n{.code}',
    '    indented\n{.ind}',
    'Para three.\n{#id .c key="v" k2=w}',
    'Five.\n{.x} trailing',
    'Term\n: def\n{.dl}',
    '---\n{.hr}',
    'Lazy para\n> {.q2}',
    '- item\n  {.nested}',
    'Multi.\n{.a\n.b}',
    ...['{}', '{.}', '{ .a }', '{.a,.b}', '{#a#b}', '{.类}', '{key=1}', '{k=a-b}', '{k=[1,2]}', '{k={a=1}}', '{k=1.5e3}', '{k="x}y" .c}'].map(
      (list) => `Read ${list}\n${list}`,
    ),
    ...['{.a!b}', "{k='v'}", '{ }', '{k=1e}', '{class=true}', '{k=50%}', '{k=[1,]}', '\\{.a}', 'x {.a}', '    {.a}'].map((text) => `Text\n${text}`),
    '```\n{.in-code}\n```',
    'Text {.inline} here.',
  ].join('\n\n');
  const CONFIG = `${BASE}[markup.highlight]\ncodeFences = false\n[markup.goldmark.extensions]\ntypographer = false\n`;
  /**
   * Hugo's page without the attributes a feed drops (classes but a code block's language, ids), written as
   * feedpub writes it: a line after a quote's start tag (Hugo has none where it gave the quote a class), none in an empty one.
   */
  const asFeed = (html: string): string =>
    xhtml(html.replace(/ id="[^"]*"| class="(?!language-)[^"]*"/g, ''))
      .replace(/<blockquote><p>/g, '<blockquote>\n<p>')
      .replace('<blockquote>\n</blockquote>', '<blockquote></blockquote>');

  it('takes out every line Hugo 0.111 reads as attributes, and leaves the others as text', async () => {
    const { hugo, ours, build } = await bothBuild({ 'hugo.toml': `${CONFIG}[markup.goldmark.parser.attribute]\nblock = true\n` }, BODY);
    expect(hugo).toContain('<p class="lead">Para one.</p>');
    expect(hugo).toContain('<table class="table striped">');
    expect(ours).not.toContain('{.table');
    expect(xhtml(ours)).toBe(asFeed(hugo));
    expectValidFeeds(build.files, 'https://example.org/');
  }, 60_000);

  it('leaves every such line as text without it, as Hugo 0.111 does by default', async () => {
    const { hugo, ours } = await bothBuild({ 'hugo.toml': CONFIG }, BODY);
    expect(hugo).toContain('<p>Para one.\n{.lead}</p>');
    expect(xhtml(ours)).toBe(asFeed(hugo));
  }, 60_000);
});

describe('canonifyURLs with a baseURL that has a path', () => {
  const BODY =
    '![a](/images/a.png) [x](/about/) [r][ref] [p](//cdn.example/x) [q](img/rel.png)\n\n[ref]: /ref/\n\n<img src="/img/a.jpg" srcset="/img/a-1.jpg 1x, /img/a-2.jpg 2x"> <video poster="/img/p.jpg" src="/v.mp4"></video> <q cite="/cite/">c</q> <img src=" /sp.png">\n\n{{< figure src="/img/fig.jpg" >}}\n';
  const CONFIG = 'baseURL = "https://example.org/blog/"\ntitle = "T"\n[markup.goldmark.renderer]\nunsafe = true\n';
  /** Each URL of a src, href, srcset, poster or cite, as Hugo leaves it in the page or feedpub writes it. */
  const urls = (html: string): string[] => [...html.matchAll(/(?:src|href|srcset|poster|cite)="([^"]*)"/g)].map((m) => m[1] ?? '');
  /** A URL (or each of a srcset's) as a browser resolves it on the page. */
  const resolve = (value: string): string =>
    value
      .trim()
      .split(', ')
      .map((candidate) => {
        const [url = '', descriptor] = candidate.split(' ');
        const href = new URL(url, 'https://example.org/blog/posts/a/').href;
        return descriptor === undefined ? href : `${href} ${descriptor}`;
      })
      .join(', ');

  it('puts a leading slash under the baseURL in src, href and srcset, as Hugo 0.111 writes the page, and nowhere else', async () => {
    const { hugo, ours, build } = await bothBuild({ 'hugo.toml': `canonifyURLs = true\n${CONFIG}` }, BODY);
    expect(urls(hugo)).toEqual([
      'https://example.org/blog/images/a.png',
      'https://example.org/blog/about/',
      'https://example.org/blog/ref/',
      '//cdn.example/x',
      'img/rel.png',
      'https://example.org/blog/img/a.jpg',
      'https://example.org/blog/img/a-1.jpg 1x, https://example.org/blog/img/a-2.jpg 2x',
      '/img/p.jpg',
      'https://example.org/blog/v.mp4',
      '/cite/',
      // A space before the slash: no longer the text Hugo replaces; a browser puts it at the host root.
      ' /sp.png',
      'https://example.org/blog/img/fig.jpg',
    ]);
    expect(urls(ours)).toEqual(urls(hugo).map(resolve));
    // The item's image is the first one, under the baseURL too.
    expect(build.files.get('index.xml')).toContain('https://example.org/blog/images/a.png');
    expectValidFeeds(build.files, 'https://example.org/blog/');
  }, 60_000);

  it('leaves a leading slash at the host root without it, where a browser resolves Hugo 0.111’s page', async () => {
    const { hugo, ours } = await bothBuild({ 'hugo.toml': CONFIG }, BODY);
    expect(urls(hugo)[0]).toBe('/images/a.png');
    expect(urls(ours)[0]).toBe('https://example.org/images/a.png');
    expect(urls(ours)).toEqual(urls(hugo).map(resolve));
  }, 60_000);
});
