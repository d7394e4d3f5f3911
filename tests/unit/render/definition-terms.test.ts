import MarkdownIt from 'markdown-it';
import deflist from 'markdown-it-deflist';
import { describe, expect, it } from 'vitest';
import { useDefinitionLists } from '../../../src/render/definition-terms.js';

describe('useDefinitionLists', () => {
  it('reads terms that span lines with the definition list plugin', () => {
    const md = new MarkdownIt();
    useDefinitionLists(md, deflist);
    expect(md.render('A\nB\n: c')).toBe('<dl>\n<dt>A</dt>\n<dt>B</dt>\n<dd>c</dd>\n</dl>\n');
  });

  it('refuses a plugin that adds no deflist block rule, which it would have nothing to wrap', () => {
    expect(() => useDefinitionLists(new MarkdownIt(), () => {})).toThrow(new Error('the definition list plugin added no `deflist` block rule'));
  });
});
