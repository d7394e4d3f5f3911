import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { checkSite } from '../../src/cli/check-site.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';
import { expectValidFeeds } from '../support/validate-feeds.js';

// A Hugo site's pages show what its shortcodes render: feeds show Hugo's built-in ones in a feed's way, and
// tell the author about every other one, whose template feedpub does not run.

const NOW = Date.parse('2025-03-01T00:00:00Z');

function site(): MemoryStorage {
  return new MemoryStorage([
    ['hugo.toml', 'baseURL = "https://t.example/"\ntitle = "T"\n[params]\nauthor = "Site Desk"\n[params.social]\ntwitter = "siteTw"\n'],
    [
      'content/posts/a.md',
      '---\ntitle: "A"\ndate: 2025-02-01T08:00:00Z\n---\nBy {{< param "author" >}} ({{< param "social.twitter" >}}).\n\n{{< note >}}Kept.{{< /note >}} {{< note >}}\n\n{{< gist spf13 7896402 >}}\n',
    ],
    [
      'content/posts/b.md',
      '---\ntitle: "B"\ndate: 2025-02-02T08:00:00Z\nauthor: "Page Desk"\n---\nBy {{< param author >}}.\n{{< chart id="x" >}} {{< param "gone" >}}\n',
    ],
  ]);
}

const contentOf = (files: Map<string, string>, title: string): string =>
  (JSON.parse(files.get('feed.json') ?? '{}') as { items: { title: string; content_html: string }[] }).items.find((i) => i.title === title)?.content_html ?? '';

describe('shortcodes', () => {
  it('check and build both report each shortcode feedpub removes and each param it finds no value for, once an article, at its line', async () => {
    // Act
    const checked = await checkSite(site(), { now: NOW });
    const built = await buildToMemory(site(), NOW);
    // Assess
    const rows = (problems: readonly { rule: string; file: string; line?: number; severity: string }[]) =>
      problems.filter((p) => p.severity !== 'info').map((p) => `${p.file}:${p.line}: ${p.severity}: ${p.rule}`);
    expect(rows(checked.problems)).toEqual([
      'content/posts/a.md:7: warning: shortcode-removed',
      'content/posts/b.md:7: warning: shortcode-removed',
      'content/posts/b.md:7: warning: param-not-found',
    ]);
    expect(rows(built.report.problems)).toEqual(rows(checked.problems));
    expect(checked.problems.find((p) => p.file === 'content/posts/b.md' && p.rule === 'shortcode-removed')?.message).toContain('shortcode "chart"');
  });

  it('shows params and links a gist in valid feeds, in an event run for one article as in a clean build', async () => {
    // Arrange
    const source = site();
    const target = new MemoryStorage();
    const deps = memoryDeps(source, NOW, { target });
    await rebuild(deps);
    expect(contentOf(textFiles(target), 'A')).toBe(
      '<p>By Site Desk (siteTw).</p>\n<p>Kept.</p>\n<p><a href="https://gist.github.com/spf13/7896402">https://gist.github.com/spf13/7896402</a></p>\n',
    );
    expect(contentOf(textFiles(target), 'B')).toBe('<p>By Page Desk.</p>\n');
    // Act: b changes its author; a run for b alone renders it from its file again, a's from the manifest.
    await source.write({
      key: 'content/posts/b.md',
      body: '---\ntitle: "B"\ndate: 2025-02-02T08:00:00Z\nauthor: "New Desk"\n---\nBy {{< param author >}}.\n',
      contentType: '',
      cacheControl: '',
    });
    await rebuild(deps, { changedKeys: ['content/posts/b.md'] });
    // Assess
    const files = textFiles(target);
    expect(contentOf(files, 'B')).toBe('<p>By New Desk.</p>\n');
    expect(files).toEqual(await cleanBuildOf(source, NOW));
    expectValidFeeds(files, 'https://t.example/');
  });

  it('keeps a hostile param value inert and every feed valid, in RSS, Atom and JSON Feed alike', async () => {
    // Arrange: markup, an attribute breakout, a CDATA end and characters XML forbids, from the site params and
    // from front matter, shown in text, code, a fenced block, attributes of raw HTML and a link.
    const hostile = String.raw`<script>alert(1)</script> \"><img src=x onerror=alert(1)> ' onmouseover='alert(1) ]]> \u0000\u0001\u000b\u001f end`;
    const body = [
      'Text {{< param hostile >}} and {{% param hostile %}}.',
      '`{{< param hostile >}}` and `{{% param hostile %}}`',
      '```\n{{< param hostile >}}\n```',
      `<span title="{{< param hostile >}}">a</span> <span title='{{< param hostile >}}'>b</span> <a href="{{< param hostile >}}">c</a>`,
      '[d]({{< param hostile >}}) {{< param page >}}',
      '{{< param hostile >}}',
    ].join('\n\n');
    const source = new MemoryStorage([
      ['hugo.toml', `baseURL = "https://t.example/"\ntitle = "T"\n[params]\nhostile = "${hostile}"\n`],
      ['content/posts/h.md', `---\ntitle: "H"\ndate: 2025-02-01T08:00:00Z\npage: "${hostile.replace(/\\u00/g, '\\x')}"\n---\n${body}\n`],
    ]);
    // Act
    const { files, report } = await buildToMemory(source, NOW);
    // Assess: well-formed and valid, and in each format one item whose HTML has no element or attribute of the value's.
    // (The W3C validator warns of a text summary that says `</script>`: it does, as words, escaped.)
    expectValidFeeds(files, 'https://t.example/', ['ContainsUndeclaredHTML']);
    expect(report.problems.filter((p) => p.severity !== 'info')).toEqual([]);
    const json = (JSON.parse(files.get('feed.json') ?? '{}') as { items: { content_html: string }[] }).items.map((i) => i.content_html);
    // Each XML feed's item HTML as an XML parser reads it (feed-parser would decode its references once more).
    const xml = (file: string, element: string): string[] =>
      DomUtils.getElementsByTagName(element, parseDocument(files.get(file) ?? '', { xmlMode: true })).map((e) => DomUtils.textContent(e));
    const contents = { json, rss: xml('index.xml', 'content:encoded'), atom: xml('atom.xml', 'content') };
    expect(contents.rss).toEqual(json);
    expect(contents.atom).toEqual(json);
    const html = json[0] ?? '';
    expect(html).toContain(
      "<code>&lt;script&gt;alert(1)&lt;/script&gt; \"&gt;&lt;img src=x onerror=alert(1)&gt; ' onmouseover='alert(1) ]]&gt; \ufffd end</code>",
    );
    const elements: { name: string; attributes: Record<string, string> }[] = [];
    const walk = (nodes: readonly unknown[]): void => {
      for (const node of nodes as { type: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }[]) {
        if (node.type === 'tag' || node.type === 'script') elements.push({ name: node.name ?? '', attributes: node.attribs ?? {} });
        walk(node.children ?? []);
      }
    };
    walk(parseDocument(html).children);
    expect([...new Set(elements.map((e) => e.name))].sort()).toEqual(['a', 'code', 'p', 'pre', 'span']);
    expect(elements.flatMap((e) => Object.keys(e.attributes))).toEqual(['title', 'title', 'href', 'href']);
    // No control character but tab and line ends (the value's NUL is U+FFFD, as in Hugo; the others are gone).
    expect([...html].filter((c) => c < ' ' && !'\t\n\r'.includes(c))).toEqual([]);
  });

  it('publishes an article whose params would show millions of characters without its content, and says why', async () => {
    // Arrange: a 60,000-character front matter value called 100 times (6 MB of HTML from a 1.5 KB body).
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://t.example/"\ntitle = "T"\n'],
      [
        'content/posts/big.md',
        `---\ntitle: "Big"\ndate: 2025-02-01T08:00:00Z\nsummary: "S"\nbig: "${'x'.repeat(60_000)}"\n---\n${'{{< param big >}} '.repeat(100)}\n`,
      ],
      ['content/posts/ok.md', '---\ntitle: "Ok"\ndate: 2025-02-02T08:00:00Z\nbig: "small"\n---\n{{< param big >}}\n'],
    ]);
    // Act
    const { files, report } = await buildToMemory(source, NOW);
    // Assess
    expect(report.problems.filter((p) => p.severity !== 'info').map((p) => `${p.file}: ${p.rule}: ${p.message.slice(0, 120)}`)).toEqual([
      'content/posts/big.md: content-failed: its content could not be rendered (RangeError: its param shortcodes show over 4194304 characters, more than feedpub puts',
    ]);
    expect(contentOf(files, 'Big')).toBe('');
    expect(contentOf(files, 'Ok')).toBe('small\n');
    expectValidFeeds(files, 'https://t.example/');
  });
});
