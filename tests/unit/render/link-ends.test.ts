import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';

const html = (markdown: string): string => renderArticleHtml(markdown, 'https://example.org/posts/a/').html;

/** Each case as Hugo 0.111 wrote it (tests/unit/content/hugo-bare-links.ts records more, checked against Hugo). */
describe('bare links that end as goldmark ends them', () => {
  it('leaves a final run of question marks, colons, stars, underscores and tildes out of the link', () => {
    expect(html('at https://example.org/a*_~ b')).toBe('<p>at <a href="https://example.org/a">https://example.org/a</a>*_~ b</p>\n');
    expect(html('x https://example.org/a.b_ y')).toBe('<p>x <a href="https://example.org/a.b">https://example.org/a.b</a>_ y</p>\n');
    expect(html('__https://example.org/under__')).toBe('<p><strong><a href="https://example.org/under">https://example.org/under</a></strong></p>\n');
  });

  it('keeps such characters inside a link, and in an autolink or a link text', () => {
    expect(html('at https://example.org/a?b=1! and')).toBe('<p>at <a href="https://example.org/a?b=1">https://example.org/a?b=1</a>! and</p>\n');
    expect(html('at <https://example.org/a_> b')).toBe('<p>at <a href="https://example.org/a_">https://example.org/a_</a> b</p>\n');
  });

  it('reads 200 KB of underscores after a URL in linear time', () => {
    // The run is read once, backwards from the link's end; each `://` starts one link.
    const hostile = `https://example.org/${'_'.repeat(200_000)}x ${'https://example.org/_:'.repeat(10_000)}`;
    expect(html(hostile)).toContain(`<a href="https://example.org/${'_'.repeat(200_000)}x">`);
  });
});
