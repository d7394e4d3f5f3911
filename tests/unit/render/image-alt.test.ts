import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { altText } from '../../../src/render/image-alt.js';

const PAGE = 'https://example.org/posts/a/';

/** The `alt` of the first image of `markdown`, as markdown-it parses it and {@link altText} writes it. */
function altOf(markdown: string): string {
  const image = new MarkdownIt('default', { html: true }).parseInline(markdown, {})[0]?.children?.find((t) => t.type === 'image');
  return altText(image?.children ?? []);
}

describe('altText', () => {
  it('reads entities and backslash escapes, and keeps the text of code spans and nested images', () => {
    expect(altOf('![AT&amp;T &copy; &#169; &#x4e2d;](a.png)')).toBe('AT&T © © 中');
    expect(altOf('![a\\*b \\[c\\] \\\\](a.png)')).toBe('a*b [c] \\');
    expect(altOf('![**bold** `npm install` x](a.png)')).toBe('bold npm install x');
    expect(altOf('![x ![y &amp; z](b.png)](a.png)')).toBe('x y & z');
    expect(altOf('![[link](/u) x](a.png)')).toBe('link x');
  });

  it('leaves out raw HTML tags and line breaks, as goldmark does (Hugo 0.111 writes alt="ab")', () => {
    expect(altOf('![a <b>b</b> c](a.png)')).toBe('a b c');
    expect(altOf('![a\nb](a.png)')).toBe('ab');
    expect(altOf('![a  \nb](a.png)')).toBe('ab');
    expect(altOf('![a \\\nb\n`c`\nd](a.png)')).toBe('a bcd');
    // A hostile description of 100,000 lines, read once.
    expect(altOf(`![${'a\n'.repeat(100_000)}](a.png)`)).toBe('a'.repeat(100_000));
  });
});

describe('renderArticleHtml: image descriptions', () => {
  it('keeps what entities, escapes and code spans write in alt, with raw HTML in the body or without', () => {
    // markdown-it's renderInlineAsText dropped them: `AT&amp;T` was `AT T`, `\*1` was `1`.
    const markdown = '![Photo: AT&amp;T \\*1 `x` <b>y</b>](a.png)';
    const alt = 'alt="Photo: AT&amp;T *1 x y"';
    expect(renderArticleHtml(markdown, PAGE).html).toContain(alt);
    expect(renderArticleHtml(`${markdown} <span>raw</span>`, PAGE).html).toContain(alt);
  });
});
