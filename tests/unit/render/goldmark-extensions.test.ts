import MarkdownIt from 'markdown-it';
import type { StateBlock } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { describe, expect, it } from 'vitest';
import type { MarkdownExtensions } from '../../../src/model.js';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { useFootnotes } from '../../../src/render/goldmark-extensions.js';

const PAGE = 'https://example.org/posts/a/';
/** Hugo's defaults with `parser.attribute.block` on, and no typographer (so quotes stay as written). */
const BLOCK_ATTRIBUTES: MarkdownExtensions = { footnote: true, definitionList: true, typographer: false, headingAttributes: true, attributeBlock: true };
const html = (markdown: string): string => renderArticleHtml(markdown, PAGE, undefined, BLOCK_ATTRIBUTES).html;

/**
 * A line of block attributes as goldmark's `parser.ParseAttributes` reads one: each case as Hugo 0.111
 * wrote it with `markup.goldmark.parser.attribute.block = true` (a list goes, with nothing written; text
 * stays).
 */
describe('block attribute lines, as Hugo 0.111 reads their values', () => {
  it('takes signed numbers, exponents with a sign, and strings with backslash escapes', () => {
    for (const list of ['{k=-1}', '{k=+2}', '{k=1e-5}', '{k=1E+5}', '{k="a\\"b"}', '{k="a\\qb"}', '{k="a\\\\"}']) {
      expect(html(`P\n${list}`), list).toBe('<p>P</p>\n');
    }
  });

  it('leaves as text a name with no value, a value cut off by the text’s end, a sign without digits and an unclosed string', () => {
    for (const text of ['{foo}', '{foo bar}', '{.a k .b}', '{k=-}', '{k=+}']) expect(html(`P\n${text}`), text).toBe(`<p>P\n${text}</p>\n`);
    // `\"` is an escaped quote, so the string never closes (and Markdown's escape then shows `"`); a
    // backslash that ends the line escapes nothing.
    expect(html('P\n{k="a\\"}')).toBe('<p>P\n{k=&quot;a&quot;}</p>\n');
    expect(html('P\n{k="ab\\')).toBe('<p>P\n{k=&quot;ab\\</p>\n');
    expect(html('P\n{k=')).toBe('<p>P\n{k=</p>\n');
    expect(html('P\n{k=\n\nQ')).toBe('<p>P\n{k=</p>\n<p>Q</p>\n');
  });

  it('reads values nested in arrays 63 deep, and takes a list nested deeper for text (goldmark has no bound)', () => {
    const nested = (depth: number): string => `{k=${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(html(`P\n${nested(63)}`)).toBe('<p>P</p>\n');
    expect(html(`P\n${nested(64)}`)).toBe(`<p>P\n${nested(64)}</p>\n`);
  });
});

describe('useFootnotes', () => {
  it('reads only the footnote plugin’s note rule anew, and registers a plugin’s other block rules as they are', () => {
    // Prepare: a plugin that adds a block rule of its own beside markdown-it-footnote's.
    const aside = (state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean => {
      const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
      if (!state.src.startsWith('%%', start)) return false;
      if (!silent) state.push('hr', 'hr', 0);
      state.line = startLine + 1;
      return true;
    };
    const md = new MarkdownIt();
    // Act
    useFootnotes(md, (instance) => {
      instance.use(footnote);
      instance.block.ruler.before('paragraph', 'aside', aside, { alt: ['paragraph'] });
    });
    // Assess: the rule itself (not a footnote rule's wrapper) in both chains, and both rules at work.
    expect(md.block.ruler.getRules('')).toContain(aside);
    expect(md.block.ruler.getRules('paragraph')).toContain(aside);
    expect(md.block.ruler.getRules('blockquote')).not.toContain(aside);
    expect(md.render('a[^my note]\n%%\n\n[^my note]: b')).toContain('<p>a<sup class="footnote-ref">');
    expect(md.render('a\n%%')).toBe('<p>a</p>\n<hr>\n');
  });
});
