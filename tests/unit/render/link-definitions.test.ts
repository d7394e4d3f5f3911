import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderMarkdownHtml } from '../../../src/render/article-html.js';
import { useGoldmarkLinkDefinitions } from '../../../src/render/link-definitions.js';

/**
 * Link reference definitions in a quote or a list item, and the lines after them that go on lazily, as
 * Hugo 0.111.3 renders them (`{{ .Content }}` of a page holding the Markdown alone, heading ids left out).
 */
const HUGO_LAZY_LINES: readonly (readonly [markdown: string, html: string])[] = [
  ['> [a]: https://example.org/a\nText [a]', '<blockquote>\n<p>Text <a href="https://example.org/a">a</a></p>\n</blockquote>\n'],
  ['- [a]: https://example.org/a\nText\n- b', '<ul>\n<li>Text</li>\n<li>b</li>\n</ul>\n'],
  ['> [a]: https://example.org/a\n[b]: https://example.org/b\nSee [b].', '<blockquote>\n<p>See <a href="https://example.org/b">b</a>.</p>\n</blockquote>\n'],
  ['- [a]: https://example.org/a\n# Heading', '<ul>\n<li></li>\n</ul>\n<h1>Heading</h1>\n'],
  ['> [a]: https://example.org/a\n  "Title"\nText [a]', '<blockquote>\n<p>Text <a href="https://example.org/a" title="Title">a</a></p>\n</blockquote>\n'],
  ['> [a]: https://example.org/a\n- li', '<blockquote>\n</blockquote>\n<ul>\n<li>li</li>\n</ul>\n'],
  ['> - [a]: https://example.org/a\nText [a]', '<blockquote>\n<ul>\n<li>Text <a href="https://example.org/a">a</a></li>\n</ul>\n</blockquote>\n'],
  ['> [a]: https://example.org/a\n    indented', '<blockquote>\n<p>indented</p>\n</blockquote>\n'],
  ['- [a]: https://example.org/a\nText\n===', '<ul>\n<li>Text\n===</li>\n</ul>\n'],
];

describe('useGoldmarkLinkDefinitions', () => {
  it.each(HUGO_LAZY_LINES)('keeps the lazy lines after definitions in their quote or item as Hugo does: %j', (markdown, html) => {
    // An empty quote is written `<blockquote></blockquote>` (goldmark breaks the line between the tags).
    expect(renderMarkdownHtml(markdown, 'https://pages.example/posts/a/')).toBe(html.replace('<blockquote>\n</blockquote>', '<blockquote></blockquote>'));
  });

  it('leaves definitions and paragraphs outside quotes and lists as markdown-it reads them', () => {
    const md = new MarkdownIt();
    useGoldmarkLinkDefinitions(md);
    for (const src of ['[a]: https://x\nText [a]', 'Para\n[a]: https://x', '[a]: https://x\n\n> q\nlazy', '> q\n[a]: https://x\n\n[a]'])
      expect(md.render(src)).toBe(new MarkdownIt().render(src));
  });

  it('reads a large hostile body of definitions with lazy lines in bounded time', () => {
    // Each lazy line is checked once for the blocks that end a paragraph and read once by the reference or
    // paragraph rule (linear); 200 KB of quoted definitions each followed by a lazy definition and a lazy line.
    const md = new MarkdownIt();
    useGoldmarkLinkDefinitions(md);
    const src = '> [a]: b\n[c]: d\ne\n\n'.repeat(11_000);
    expect(src.length).toBeGreaterThan(200_000);
    expect(md.render(src)).toContain('<p>e</p>');
    const list = `- [a]: b\n${'[c]: d\n'.repeat(30_000)}e`;
    expect(md.render(list)).toContain('<li>e</li>');
  });
});
