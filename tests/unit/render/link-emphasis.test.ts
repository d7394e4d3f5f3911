import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderMarkdownHtml } from '../../../src/render/article-html.js';
import { useGoldmarkLinkEmphasis } from '../../../src/render/link-emphasis.js';

/**
 * Emphasis around links that hold an image and images that hold a link, as Hugo 0.111.3 renders it
 * (`{{ .Content }}` of a page holding the Markdown alone): such a link ends the emphasis left open before it.
 */
const HUGO_LINK_EMPHASIS: readonly (readonly [markdown: string, html: string])[] = [
  ['**Photo: [![a](c)](w) by Reuters**', '<p>**Photo: <a href="w"><img src="c" alt="a"></a> by Reuters**</p>'],
  ['**Photo:** [![a](c)](w) by *Reuters*', '<p><strong>Photo:</strong> <a href="w"><img src="c" alt="a"></a> by <em>Reuters</em></p>'],
  ['*a* **b [![i](c)](w)** c', '<p><em>a</em> **b <a href="w"><img src="c" alt="i"></a>** c</p>'],
  ['[*a* ![i](c)](w)', '<p><a href="w"><em>a</em> <img src="c" alt="i"></a></p>'],
  ['**x ![a [b](u) c](i) y**', '<p>**x <img src="i" alt="a b c"> y**</p>'],
  ['**x [a [b] c](u) y**', '<p><strong>x <a href="u">a [b] c</a> y</strong></p>'],
  ['**x [a](u) [![i](c)](w) y**', '<p>**x <a href="u">a</a> <a href="w"><img src="c" alt="i"></a> y**</p>'],
  ['**x [![a][i]][w] y**\n\n[i]: c\n[w]: w', '<p>**x <a href="w"><img src="c" alt="a"></a> y**</p>'],
  ['**x ![![a](c)](w) y**', '<p>**x <img src="w" alt="a"> y**</p>'],
  ['**x [a ![i](c) b](w) y** and *z*', '<p>**x <a href="w">a <img src="c" alt="i"> b</a> y** and <em>z</em></p>'],
  ['***x [![a](c)](w) y***', '<p>***x <a href="w"><img src="c" alt="a"></a> y***</p>'],
  ['~~x [![a](c)](w) y~~', '<p>~~x <a href="w"><img src="c" alt="a"></a> y~~</p>'],
  ['**a [**b ![i](c)** c](w) d**', '<p>**a <a href="w"><strong>b <img src="c" alt="i"></strong> c</a> d**</p>'],
  [
    '*a* [![i](c)](w) *b* [![j](c)](w) *c [![k](c)](w) d*',
    '<p><em>a</em> <a href="w"><img src="c" alt="i"></a> <em>b</em> <a href="w"><img src="c" alt="j"></a> *c <a href="w"><img src="c" alt="k"></a> d*</p>',
  ],
  // An autolink is no link to goldmark's link parser: the emphasis around it stays.
  ['**x [a <https://x.org/> b](w) y**', '<p><strong>x <a href="w">a <a href="https://x.org/">https://x.org/</a> b</a> y</strong></p>'],
];

describe('useGoldmarkLinkEmphasis', () => {
  it.each(HUGO_LINK_EMPHASIS)('pairs emphasis around links with images as Hugo does: %j', (markdown, html) => {
    const ours = renderMarkdownHtml(markdown, 'https://pages.example/posts/a/').replaceAll('https://pages.example/posts/a/', '').replaceAll(' />', '>');
    expect(ours.trim()).toBe(html);
  });

  it('pairs emphasis in a paragraph without such links as markdown-it does', () => {
    const md = new MarkdownIt();
    useGoldmarkLinkEmphasis(md);
    for (const src of ['**a [b](u) c**', '*a ![b](i) c*', '**a [b *c* d](u) e**', '__a <https://x> b__ ~~c~~', '***a** b*'])
      expect(md.render(src)).toBe(new MarkdownIt().render(src));
  });

  it('reads a large hostile paragraph of emphasis and linked images in bounded time', () => {
    // Each delimiter is paired in one part only, by markdown-it's linear pairing, and each token is read
    // once: 200 KB of openers cut by linked images, then of openers before one.
    const md = new MarkdownIt();
    useGoldmarkLinkEmphasis(md);
    const cut = '*a **b [![i](c)](w) '.repeat(10_500);
    expect(cut.length).toBeGreaterThan(200_000);
    expect(md.render(cut)).not.toContain('<em>');
    const open = `${'**a '.repeat(50_000)}[![i](c)](w)${' b**'.repeat(50_000)}`;
    expect(md.render(open)).not.toContain('<strong>');
  });
});
