import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A page's front matter `markup`: with `html` (or `htm`, any case) Hugo 0.111 shows its body as HTML, its
// shortcodes expanded, and so do its feed items; a renderer feedpub lacks (org, asciidocext, rst, pandoc)
// is reported. Each compared with what Hugo 0.111 writes for the same site.

const NOW = Date.parse('2025-03-01T00:00:00Z');
const CONFIG = 'baseURL = "https://example.org/blog/"\ntitle = "T"\n[params]\nauthor = "Ada & <Bo>"\n';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A site of `pages` (path under content/ → text), built by Hugo (its page template `layout`) and by feedpub. */
async function bothBuild(pages: Readonly<Record<string, string>>, layout = '{{ .Content }}') {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-markup-'));
  dirs.push(dir);
  const files: Record<string, string> = { 'hugo.toml': CONFIG, 'layouts/_default/single.html': layout };
  for (const [name, text] of Object.entries(pages)) files[`content/${name}`] = text;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const out = path.join(dir, 'public');
  execFileSync('hugo', ['--quiet', '--source', dir, '--destination', out, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
  const build = await buildToMemory(dir, NOW);
  const items = (JSON.parse(build.files.get('feed.json') ?? '{}') as { items: { url: string; content_html: string; summary?: string }[] }).items;
  const hugo = (page: string): string => readFileSync(path.join(out, page, 'index.html'), 'utf8');
  const ours = (url: string) => items.find((i) => i.url === url);
  return { hugo, ours, build };
}

const page = (markup: string, body: string, title = 'A') => `---\ntitle: "${title}"\ndate: 2025-01-02T00:00:00Z\nmarkup: ${markup}\n---\n${body}`;

describe('markup html', () => {
  it('shows the body as HTML, shortcodes expanded, as Hugo 0.111 does, with URLs absolute', async () => {
    const body = [
      '<p>*not emphasis* <b>bold</b> by {{< param "author" >}} and {{% param "author" %}}</p>',
      '<p><a href="{{< relref "b.md" >}}">b</a> <a href="/x/">x</a> <img src="/i.png" alt="i"></p>',
      '',
      '    not code',
      '',
    ].join('\n');
    const { hugo, ours, build } = await bothBuild({
      'posts/a.md': page('HTML', body),
      'posts/b.md': page('md', 'B\n', 'B'),
    });
    const expected = hugo('posts/a')
      .replace(/(href|src)="\//g, '$1="https://example.org/')
      .replace(/<img([^>]*)>/g, '<img$1 />')
      .trim();
    expect(hugo('posts/a')).toContain('*not emphasis* <b>bold</b> by Ada &amp; &lt;Bo&gt; and Ada &amp; &lt;Bo&gt;');
    expect(ours('https://example.org/blog/posts/a/')?.content_html.trim()).toBe(expected);
    expect(build.report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    expectValidFeeds(build.files, 'https://example.org/blog/');
  }, 60_000);

  it('keeps the whole body and takes the part before <!--more--> as the summary, where Hugo 0.111 loses text', async () => {
    const body = '<p>Lead {{< param "author" >}}</p>\n<!--more-->\n<p>Rest {{< param "author" >}}</p>\n';
    const { hugo, ours } = await bothBuild({ 'posts/a.md': page('html', body) }, '[[{{ .Summary }}]][[{{ .Content }}]]');
    // Hugo 0.111 (an HTML page with a divider): its summary and content are the source as written, shortcodes not
    // run, and its content only the part after the divider.
    expect(hugo('posts/a')).toBe('[[<p>Lead {{< param "author" >}}</p>\n]][[<p>Rest {{< param "author" >}}</p>\n]]');
    expect(ours('https://example.org/blog/posts/a/')).toMatchObject({
      content_html: '<p>Lead Ada &amp; &lt;Bo&gt;</p>\n\n<p>Rest Ada &amp; &lt;Bo&gt;</p>\n',
      summary: 'Lead Ada & <Bo>',
    });
  }, 60_000);

  it('reports the renderers feedpub lacks, once a page at the markup key s line, and reads those bodies as Markdown; Markdown values are Markdown', async () => {
    const { hugo, ours, build } = await bothBuild({
      'posts/org.md': page('org', '*a*\n', 'O'),
      'posts/md.md': page('Markdown', '*a*\n', 'M'),
      'posts/asciidoc.md': page('asciidoc', '*a*\n', 'D'),
      'posts/foo.md': page('foo', '*a*\n', 'F'),
    });
    // Hugo's go-org reads `*a*` as bold; Markdown values (and asciidoc, which Hugo 0.111 does not know) as emphasis.
    expect(hugo('posts/org')).toContain('<strong>a</strong>');
    for (const name of ['md', 'asciidoc', 'foo']) {
      expect(hugo(`posts/${name}`).trim(), name).toBe('<p><em>a</em></p>');
      expect(ours(`https://example.org/blog/posts/${name}/`)?.content_html.trim(), name).toBe('<p><em>a</em></p>');
    }
    expect(ours('https://example.org/blog/posts/org/')?.content_html.trim()).toBe('<p><em>a</em></p>');
    expect(build.report.problems.filter((p) => p.severity !== 'info').map((p) => `${p.file}:${p.line}:${p.rule}`)).toEqual([
      'content/posts/org.md:4:markup-not-read',
    ]);
  }, 60_000);
});

describe('markup in a cascade', () => {
  it('makes the bodies of the pages below HTML where they have no markup of their own, and a nearer one stops it, as in Hugo 0.111', async () => {
    const { hugo, ours, build } = await bothBuild({
      'casc/_index.md': '---\ntitle: "C"\ncascade:\n  markup: HTML\n---\n',
      'casc/a.md': page('', '*a* <b>x</b>\n').replace('markup: \n', ''),
      'casc/own.md': page('md', '*a* <b>x</b>\n', 'Own'),
      'casc/sub/_index.md': '---\ntitle: "S"\ncascade:\n  markup: goldmark\n---\n',
      'casc/sub/b.md': page('', '*a* <b>x</b>\n', 'B').replace('markup: \n', ''),
    });
    expect(hugo('casc/a').trim()).toBe('*a* <b>x</b>');
    expect(ours('https://example.org/blog/casc/a/')?.content_html.trim()).toBe('*a* <b>x</b>');
    for (const name of ['own', 'sub/b']) {
      expect(hugo(`casc/${name}`).trim(), name).toBe('<p><em>a</em> <!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>');
      expect(ours(`https://example.org/blog/casc/${name}/`)?.content_html.trim(), name).toBe('<p><em>a</em> <b>x</b></p>');
    }
    expect(build.report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  }, 60_000);

  it('is applied from the site config s cascade too (checked with hugo), and a renderer feedpub lacks there is reported', async () => {
    for (const [markup, content, problems] of [
      ['html', '*a* <b>x</b>', []],
      ['org', '<p><em>a</em> <b>x</b></p>', ['hugo.toml:markup-not-read']],
    ] as const) {
      const source = new MemoryStorage([
        ['hugo.toml', `${CONFIG}[cascade]\nmarkup = "${markup}"\n`],
        ['content/posts/a.md', '---\ntitle: "A"\ndate: 2025-01-02T00:00:00Z\n---\n*a* <b>x</b>\n'],
      ]);
      const { files, report } = await buildToMemory(source, NOW);
      const items = (JSON.parse(files.get('feed.json') ?? '{}') as { items: { content_html: string }[] }).items;
      expect(items[0]?.content_html.trim(), markup).toBe(content);
      expect(report.problems.filter((p) => p.severity !== 'info').map((p) => `${p.file}:${p.rule}`)).toEqual(problems);
    }
  });

  it('renders the items below again when a list page s cascade gives or takes back markup html, to the bytes of a clean build', async () => {
    const list = (markup: string) => `---\ntitle: "C"\n${markup === '' ? '' : `cascade:\n  markup: ${markup}\n`}---\n`;
    const plain = (title: string) => `---\ntitle: "${title}"\ndate: 2025-01-02T00:00:00Z\n---\n*a* <b>${title}</b>\n`;
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/casc/_index.md', list('')],
      ['content/casc/a.md', plain('a')],
      ['content/casc/own.md', page('md', '*a* <b>own</b>\n', 'own')],
      ['content/other/b.md', plain('b')],
    ]);
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    const shown: string[] = [];
    for (const [markup, event] of [
      ['html', 'content/casc/_index.md'],
      ['html', 'content/other/b.md'],
      ['md', undefined],
      ['htm', 'content/casc/_index.md'],
      ['', undefined],
    ] as const) {
      // Arrange: the list page's cascade, and an edit of another page.
      await source.write({ key: 'content/casc/_index.md', body: list(markup), contentType: '', cacheControl: '' });
      if (event === 'content/other/b.md') await source.write({ key: event, body: plain('b').replace('*a*', '*b*'), contentType: '', cacheControl: '' });
      // Act
      await rebuild(deps, event === undefined ? {} : { changedKeys: [event] });
      // Assert
      const files = textFiles(target);
      expect(files, `${markup}, ${event}`).toEqual(await cleanBuildOf(source, NOW));
      const items = (JSON.parse(files.get('feed.json') ?? '{}') as { items: { content_html: string }[] }).items;
      shown.push(items.map((i) => i.content_html.trim()).join(' | '));
    }
    const html = '*a* <b>a</b>';
    const markdown = '<p><em>a</em> <b>a</b></p>';
    expect(shown.map((s) => s.includes(html))).toEqual([true, true, false, true, false]);
    expect(shown.map((s) => s.includes(markdown))).toEqual([false, false, true, false, true]);
    expect(shown.every((s) => s.includes('<p><em>a</em> <b>own</b></p>'))).toBe(true);
  });
});

describe('changing a page s markup', () => {
  const KEY = 'content/posts/a.md';
  const BODY = '*a* <b>b</b> <img src="i.png">\n\n<!--more-->\n\nrest\n';

  it('renders its item again, in a run for its upload and in a full run, to the bytes of a clean build', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      [KEY, page('md', BODY)],
      ['content/posts/b.md', page('md', 'B\n', 'B')],
    ]);
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    const contents: string[] = [];
    for (const [markup, event] of [
      ['html', true],
      ['md', true],
      ['HTM', false],
      ['markdown', false],
      ['html', true],
    ] as const) {
      // Arrange
      await source.write({ key: KEY, body: page(markup, BODY), contentType: '', cacheControl: '' });
      // Act
      await rebuild(deps, event ? { changedKeys: [KEY] } : {});
      // Assert
      const files = textFiles(target);
      expect(files, `${markup}, event ${event}`).toEqual(await cleanBuildOf(source, NOW));
      const items = (JSON.parse(files.get('feed.json') ?? '{}') as { items: { id: string; content_html: string }[] }).items;
      contents.push(items.find((i) => i.content_html.includes('rest'))?.content_html ?? '');
    }
    expect(contents[0]).toBe('*a* <b>b</b> <img src="https://example.org/blog/posts/a/i.png" />\n\n\n\nrest\n');
    expect(contents[1]).toBe('<p><em>a</em> <b>b</b> <img src="https://example.org/blog/posts/a/i.png" /></p>\n\n<p>rest</p>\n');
    expect(contents).toEqual([contents[0], contents[1], contents[0], contents[1], contents[0]]);
  });

  it('keeps an unchanged html page s item as HTML when a run for another page s upload renders its feeds again, from the manifest too', async () => {
    // With `itemIds = "permalink"` no item comes from the published feeds: the page's item is prepared again
    // from its manifest record and its file.
    for (const config of [CONFIG, `${CONFIG}[params.feedpub]\nitemIds = "permalink"\n`]) {
      // Arrange
      const source = new MemoryStorage([
        ['hugo.toml', config],
        [KEY, page('html', BODY)],
        ['content/posts/b.md', page('md', 'B\n', 'B')],
      ]);
      const target = new MemoryStorage();
      const deps = memoryDeps(source, NOW, { target });
      await rebuild(deps);
      await source.write({ key: 'content/posts/b.md', body: page('md', 'B again\n', 'B'), contentType: '', cacheControl: '' });
      // Act
      const report = await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
      // Assert
      expect(report.written.length).toBeGreaterThan(0);
      const files = textFiles(target);
      expect(files).toEqual(await cleanBuildOf(source, NOW));
      expect(files.get('feed.json')).toContain('*a* <b>b</b>');
    }
  });
});
