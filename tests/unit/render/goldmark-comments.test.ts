import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { goldmarkComment } from '../../../src/render/goldmark-comments.js';

const PAGE = 'https://example.org/posts/a/';

/** markdown-it with raw HTML on and the rule, typographer off: the text shows as written. */
function plain(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true });
  md.inline.ruler.before('html_inline', 'feedpub_goldmark_comment', goldmarkComment);
  return md;
}

describe('goldmarkComment', () => {
  it('leaves a comment goldmark reads to markdown-it, and the sanitizer removes it', () => {
    const md = plain();
    for (const comment of ['<!-- ok -->', '<!---->', '<!--- x -->', '<!-- x - y -->', '<!--\nover lines\n-->', '<!--more-->']) {
      expect(md.renderInline(`a ${comment} b`), comment).toBe(`a ${comment} b`);
    }
    expect(renderArticleHtml('text <!-- an editor note --> text', PAGE).html).toBe('<p>text  text</p>\n');
  });

  it('shows as text a comment goldmark does not read, as Hugo 0.111 does (each checked against it)', () => {
    const md = plain();
    for (const text of ['<!-- a -- b -->', '<!-- a --->', '<!-->', '<!--->', '<!----->', '<!-- x\n-- y -->', '<!-- unclosed']) {
      expect(md.renderInline(`a ${text} b`), text).toBe(`a ${md.utils.escapeHtml(text)} b`);
    }
    expect(md.renderInline('a <!-- b --')).toBe('a &lt;!-- b --');
    // Hugo 0.111 writes the typographer's dashes as references; feedpub writes the characters.
    expect(renderArticleHtml('text <!-- TODO: check -- Ed. --> text', PAGE).html).toBe('<p>text &lt;!– TODO: check – Ed. –&gt; text</p>\n');
    expect(renderArticleHtml('a <!-- ok --> c <!-- x -- y --> d', PAGE).html).toBe('<p>a  c &lt;!– x – y –&gt; d</p>\n');
    expect(renderArticleHtml('[link <!-- a -- b -->](/u)', PAGE).html).toBe('<p><a href="https://example.org/u">link &lt;!– a – b –&gt;</a></p>\n');
    // A comment that starts a line is an HTML block, read as goldmark reads it: it goes.
    expect(renderArticleHtml('<!-- a -- b -->\ntext', PAGE).html.trim()).toBe('<p>text</p>');
  });

  it('lets a link end inside what markdown-it took for a comment, as Hugo 0.111 does', () => {
    expect(plain().renderInline('[a <!-- b -- ](/u) -->')).toBe('<a href="/u">a &lt;!-- b -- </a> --&gt;');
    expect(plain().renderInline('[a <!-- b -->](/u)')).toBe('<a href="/u">a <!-- b --></a>');
  });

  it('reads 200 KB of hostile openers in time linear in their length', () => {
    // Each scan stops at the first `--` after its opener, at the latest the next opener's: every
    // character is read at most twice, whatever the mix of openers, single dashes and text.
    for (const unit of ['<!--', '<!-- -', '<!--a-b', '<!---', '<!-- a -- ']) {
      // After text: a line that starts with `<!--` is an HTML block.
      const hostile = `a ${unit.repeat(Math.ceil(200_000 / unit.length))}`;
      const html = renderArticleHtml(hostile, PAGE).html;
      expect(html.length, unit).toBeGreaterThan(200_000);
    }
  });
});
