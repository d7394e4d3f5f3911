import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';

const html = (markdown: string): string => renderArticleHtml(markdown, 'https://example.org/posts/a/').html;

/** Each case as Hugo 0.111 wrote it (tests/integration/hugo-markdown-inline.test.ts compares 300 generated documents). */
describe('strikes as goldmark reads them: runs of tildes paired as emphasis is', () => {
  it('strikes twice between runs of three or four tildes, and spends what two runs share', () => {
    expect(html('x ~~~a~~~')).toBe('<p>x <del><del>a</del></del></p>\n');
    expect(html('x ~~~~a~~~~')).toBe('<p>x <del><del>a</del></del></p>\n');
    expect(html('x ~~~~~a~~~~~')).toBe('<p>x <del><del><del>a</del></del></del></p>\n');
    expect(html('x ~~~a~~')).toBe('<p>x ~<del>a</del></p>\n');
    expect(html('x ~~b~~~')).toBe('<p>x <del>b</del>~</p>\n');
    // The tildes left over on either side pair with each other.
    expect(html('x ~~~a~~ and ~~b~~~')).toBe('<p>x <del><del>a</del> and <del>b</del></del></p>\n');
    expect(html('**~~~a~~~**')).toBe('<p><strong><del><del>a</del></del></strong></p>\n');
  });

  it('pairs by the rule of three: a run of four between letters closes no run of two', () => {
    expect(html('x ~~a~~~~b~~')).toBe('<p>x <del>a~~~~b</del></p>\n');
    expect(html('x ~~a~~~b~~~c~~')).toBe('<p>x <del>a</del><del>b</del><del>c</del></p>\n');
  });

  it('leaves a lone tilde as text, and strikes and emphasis that cross each other as goldmark does', () => {
    expect(html('One ~tilde~ and ~5 km.')).toBe('<p>One ~tilde~ and ~5 km.</p>\n');
    expect(html('x ~~a~ b')).toBe('<p>x ~~a~ b</p>\n');
    expect(html('*a ~~b* c~~ and ~~a *b~~ c*')).toBe('<p><em>a ~~b</em> c~~ and <del>a *b</del> c*</p>\n');
  });

  it('pairs 200 KB of alternating runs in linear time', () => {
    // Every run can open and close: balance_pairs's lower bounds per length keep the pairing linear, and
    // each run is scanned once.
    const hostile = 'a~~~b~~'.repeat(30_000);
    expect(html(hostile).length).toBeGreaterThan(hostile.length);
    expect(html('~~ a'.repeat(50_000)).startsWith('<p>~~ a')).toBe(true);
  });
});
