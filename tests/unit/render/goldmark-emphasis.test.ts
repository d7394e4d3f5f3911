import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';

const html = (markdown: string): string => renderArticleHtml(markdown, 'https://example.org/posts/a/').html;

/** Each case as Hugo 0.111 wrote it (tests/integration/hugo-compat.test.ts compares 300 generated documents). */
describe('emphasis as goldmark reads it: symbols are no punctuation', () => {
  it('bolds a run that starts or ends at a currency sign or a percent, as on a Chinese news page', () => {
    expect(html('价格为**¥100**元')).toBe('<p>价格为<strong>¥100</strong>元</p>\n');
    expect(html('收盘**€5**元，涨**3%**。')).toBe('<p>收盘<strong>€5</strong>元，涨<strong>3%</strong>。</p>\n');
  });

  it('leaves as written what a symbol or punctuation keeps from opening or closing', () => {
    // A full-width tilde (a symbol) before `__` is a letter to goldmark: an underscore run inside a word.
    expect(html('～__粗__')).toBe('<p>～__粗__</p>\n');
    // A closing run after a full-width quote (punctuation) and before a letter closes nothing, in both.
    expect(html('**“引号”**中文')).toBe('<p>**“引号”**中文</p>\n');
  });

  it('reads a character outside the Basic Multilingual Plane whole on either side of a run', () => {
    expect(html('𠀀**字**𠀀')).toBe('<p>𠀀<strong>字</strong>𠀀</p>\n');
    expect(html('😀**a**😀')).toBe('<p>😀<strong>a</strong>😀</p>\n');
  });
});
