import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';

const PAGE = 'https://example.org/posts/a/';
const html = (markdown: string, definitionList = true): string =>
  renderArticleHtml(markdown, PAGE, undefined, { footnote: true, definitionList, typographer: false, headingAttributes: true }).html.replace(/\n/g, '');

const cell = (tag: 'th' | 'td', text: string, align?: string): string => `<${tag}${align === undefined ? '' : ` align="${align}"`}>${text}</${tag}>`;
const head = (...cells: string[]): string => `<thead><tr>${cells.join('')}</tr></thead>`;
const body = (...rows: string[][]): string => `<tbody>${rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('')}</tbody>`;

/**
 * GFM tables as Hugo 0.111's goldmark makes them, of a paragraph's lines: each case as Hugo wrote it
 * (tests/integration/hugo-markdown-blocks.test.ts compares 300 generated documents with Hugo where it is
 * installed).
 */
describe('tables, as goldmark makes them of a paragraph', () => {
  it('makes a table of a paragraph line and a delimiter row of more cells, filling the header with cells of no alignment', () => {
    expect(html('Team | Points\n|:--|--:|--:|\n| Ajax | 30 | 2 |')).toBe(
      `<table>${head(cell('th', 'Team', 'left'), cell('th', 'Points', 'right'), cell('th', ''))}${body([cell('td', 'Ajax', 'left'), cell('td', '30', 'right'), cell('td', '2', 'right')])}</table>`,
    );
    // A header of one cell and no `|`, after the paragraph's first lines: those stay a paragraph.
    expect(html('Week one.\nResults:\n| --- | --- |\n| a | b |')).toBe(
      `<p>Week one.</p><table>${head(cell('th', 'Results:'), cell('th', ''))}${body([cell('td', 'a'), cell('td', 'b')])}</table>`,
    );
    expect(html('a\n:--')).toBe(`<table>${head(cell('th', 'a', 'left'))}</table>`);
    expect(html('a\n-|')).toBe(`<table>${head(cell('th', 'a'))}</table>`);
  });

  it('makes no table of a header with more cells than its delimiter row, nor of a later delimiter row', () => {
    expect(html('a | b | c\n--- | ---\nd | e\n--- | ---')).toBe('<p>a | b | c--- | ---d | e--- | ---</p>');
    expect(html('a\n|---||---|')).toBe('<p>a|---||---|</p>');
    expect(html('a\n    ---|---')).toBe('<p>a---|---</p>');
  });

  it('reads the rows to the paragraph end: indented lines, a quote or a list item lazily continued, and no further', () => {
    const ab = head(cell('th', 'a'), cell('th', 'b'));
    expect(html('| a | b |\n|---|---|\n    | c | d |\n| e |')).toBe(
      `<table>${ab}${body([cell('td', 'c'), cell('td', 'd')], [cell('td', 'e'), cell('td', '')])}</table>`,
    );
    expect(html('> q | r\nlazy | x\n--- | ---\nmore')).toBe(
      `<blockquote><p>q | r</p><table>${head(cell('th', 'lazy'), cell('th', 'x'))}${body([cell('td', 'more'), cell('td', '')])}</table></blockquote>`,
    );
    expect(html('- a | b\n--|--')).toBe(`<ul><li><table>${ab}</table></li></ul>`);
    // A row of more cells than the delimiter row is cut; an escaped pipe is a cell's text, in code too.
    expect(html('| a | b |\n|---|---|\n| x \\| y | `1 \\| 2` | z |\n- item')).toBe(
      `<table>${ab}${body([cell('td', 'x | y'), cell('td', '<code>1 | 2</code>')])}</table><ul><li>item</li></ul>`,
    );
    // The `\\` stays outside code, where Markdown's escape reads it (`\\\\|` is `\\|`, with a code span before it too);
    // a trailing `|` goes even when escaped, and one right after the last cell adds no empty cell.
    expect(html('a | b\n-|-\nc \\\\| d | e\n`x` \\\\| y | z\n\\|')).toBe(
      `<table>${ab}${body([cell('td', 'c \\| d'), cell('td', 'e')], [cell('td', '<code>x</code> \\| y'), cell('td', 'z')], [cell('td', '\\'), cell('td', '')])}</table>`,
    );
    // In a code span of an image's alt text and of emphasis as well.
    expect(html('a | b\n-|-\n![`1 \\| 2`](i.png) | *`3 \\| 4`*')).toBe(
      `<table>${ab}${body([cell('td', `<img src="${PAGE}i.png" alt="1 | 2" />`), cell('td', '<em><code>3 | 4</code></em>')])}</table>`,
    );
    expect(html('a|b||\n-|-')).toBe(`<table>${ab}</table>`);
    expect(html('a|b\n:-|-:\nc||')).toBe(
      `<table>${head(cell('th', 'a', 'left'), cell('th', 'b', 'right'))}${body([cell('td', 'c', 'left'), cell('td', '')])}</table>`,
    );
    // A setext underline after the rows ends the table; with none, the paragraph is a heading.
    expect(html('| a | b |\n|---|---|\nx\n---')).toBe(`<table>${ab}${body([cell('td', 'x'), cell('td', '')])}</table><hr />`);
    expect(html('| a |\n---')).toBe('<h2>| a |</h2>');
    // Only at the block's indentation: a list item's lazy `===` is a row.
    expect(html('- a | b\n  --|--\n===')).toBe(`<ul><li><table>${ab}${body([cell('td', '==='), cell('td', '')])}</table></li></ul>`);
  });

  it('ends the paragraph at a definition: a term where no table is before it, text where one is', () => {
    const ab = head(cell('th', 'a'), cell('th', 'b'));
    expect(html('a | b\n---|---\nTerm\n: def')).toBe(`<table>${ab}${body([cell('td', 'Term'), cell('td', '')])}</table><p>: def</p>`);
    expect(html('Term\n: def\na | b\n---|---')).toBe(`<dl><dt>Term</dt><dd>def<table>${ab}</table></dd></dl>`);
    expect(html('a | b\n---|---\nTerm\n: def', false)).toBe(
      `<table>${ab}${body([cell('td', 'Term'), cell('td', '')], [cell('td', ': def'), cell('td', '')])}</table>`,
    );
  });

  it('reads hostile tables in time linear in their length, and fills at most 65,536 cells', () => {
    // Each pattern about 200 KB: a long line of dashes that no delimiter row ends, spaces around a cell,
    // many columns over many one-cell rows, and a paragraph of delimiter rows.
    const dashes = `a\n${'-'.repeat(200_000)}x`;
    expect(html(dashes)).toBe(`<p>a${'-'.repeat(200_000)}x</p>`);
    const spaces = `a | b\n---|---\n${' '.repeat(100_000)}x${' '.repeat(100_000)}y`;
    expect(html(spaces)).toContain('<td>x');
    const wide = `a\n${'|-'.repeat(50_000)}\n${'x\n'.repeat(50_000)}`;
    const out = html(wide);
    expect(out.split('<td></td>').length - 1).toBeLessThanOrEqual(0x10000);
    expect(out.split('<tr>').length - 1).toBe(50_001);
    expect(html(`a\n${'---|\n'.repeat(40_000)}`)).toContain('<td>---</td>');
    // Escaped pipes and empty cells, each pipe looked at once.
    expect(html(`a|b\n-|-\n${'\\|'.repeat(100_000)}x|y`)).toContain('x</td><td>y</td>');
    expect(html(`a|b\n-|-\n${'|'.repeat(200_000)}`)).toContain('<td></td><td></td>');
  });
});
