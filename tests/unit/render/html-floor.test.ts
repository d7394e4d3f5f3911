import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArticleHtml, renderArticleHtml } from '../../../src/render/article-html.js';
import { HtmlOverAllowance, UNCOUNTED_SHARE } from '../../../src/render/html-floor.js';

const PAGE = 'https://example.org/news/a/';

/** The render with an allowance: its result, or the floor it stopped at. */
function withAllowance(markdown: string, allowance: number): ArticleHtml | HtmlOverAllowance {
  try {
    return renderArticleHtml(markdown, PAGE, undefined, undefined, [], undefined, undefined, undefined, allowance);
  } catch (error) {
    if (error instanceof HtmlOverAllowance) return error;
    throw error;
  }
}

/**
 * Lines of what makes many elements, and of what could make a counted tag miss the HTML: tight lists and
 * definitions (their paragraphs hidden once read), adjacent definition lists (joined), footnote definitions
 * (moved, dropped when unreferenced, a second of one label dropped, one nested in another), raw HTML that
 * swallows what follows (`<textarea>`) or ends elements, `<!--more-->`, autolinks, shortcodes.
 */
const LINES = [
  '',
  '',
  'a',
  'word word word',
  '| a | b |',
  '|---|---|',
  '-|-',
  'a|b',
  '|',
  '- a',
  '- [ ] task',
  '  - b',
  '1. one',
  '* * *',
  '***',
  '---',
  '===',
  '> quote',
  '> - a',
  '>> deeper',
  '# heading',
  '### h3 {#id}',
  'Term',
  ': definition',
  'T',
  ': d',
  ':   - a list in a definition',
  '[^1]: a note',
  '[^1]: the same label again',
  '[^a]: > [^b]: nested',
  '    indented code',
  '```',
  'text with a note[^1] and [^a]',
  '[ref]: https://example.org/r',
  '[ref] link',
  '-',
  '- <textarea>',
  '| a | <textarea> |',
  '> <textarea>',
  '<textarea>',
  '</textarea>',
  '<div>',
  '</div>',
  '</td></tr></table>',
  'a <b>bold</b> word',
  '<!--more-->',
  '<!-- More -->',
  '<!-- comment',
  '<https://example.org/auto>',
  '{{< figure src="x.png" >}}',
];

describe('the HTML floor', () => {
  it('stops only where the whole render is over the allowance, by at least the floor; else gives the same render', () => {
    let stopped = 0;
    fc.assert(
      // An allowance of exactly the HTML's size is the sharpest: any stop there counted a tag the HTML lacks.
      // Runs of one line: a document made mostly of one construct makes little HTML besides its tags.
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...LINES), fc.integer({ min: 1, max: 30 })), { maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 600 })),
        (runs, given) => {
          const markdown = runs.flatMap(([line, count]) => Array<string>(count).fill(line)).join('\n');
          const whole = renderArticleHtml(markdown, PAGE);
          const bytes = Buffer.byteLength(whole.html, 'utf8');
          const allowance = given ?? bytes;
          const result = withAllowance(markdown, allowance);
          if (result instanceof HtmlOverAllowance) {
            stopped++;
            expect(result.floor).toBeGreaterThan(allowance);
            expect(bytes).toBeGreaterThanOrEqual(result.floor);
          } else expect(result).toEqual(whole);
        },
      ),
      { numRuns: Number(process.env.FEEDPUB_PROPERTY_RUNS ?? 2_000) },
    );
    // The property is about stops: many documents make more than a few hundred bytes of tags.
    expect(stopped).toBeGreaterThan(50);
  });

  it('stops a long table, list, run of headings or definitions within its first lines, where the allowance is spent', () => {
    const allowance = 256 * 1024;
    const bodies: Record<string, string> = {
      table: `a|b\n-|-\n${'1|2\n'.repeat(131_072)}`,
      'one-column table rows': `${'-|-\n'.repeat(131_072)}`,
      list: '- a\n'.repeat(131_072),
      'nested lists': '- - a\n'.repeat(87_381),
      paragraphs: 'a\n\n'.repeat(174_762),
      headings: '# a\n'.repeat(131_072),
      definitions: 'a\n: b\n'.repeat(87_381),
      'thematic breaks': '***\n'.repeat(131_072),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const result = withAllowance(body, allowance);
      expect(result, name).toBeInstanceOf(HtmlOverAllowance);
      const { floor, line } = result as HtmlOverAllowance;
      // Counted as read: the stop comes within a row, a block or 64 rows of a table after the allowance is spent.
      expect(floor, name).toBeLessThan(allowance + 64 * 20);
      // Each of these lines makes at least 3 bytes of tags (one row of a table: `<tr>`, `<td>` twice, ends).
      expect(line, name).toBeLessThan(allowance / 3);
    }
  });

  it('counts nothing from the first raw HTML on, nor in a body with shortcodes: those render whole', () => {
    const rows = '1|2\n'.repeat(2_000);
    for (const body of [`<textarea>\n\na|b\n-|-\n${rows}`, `a <b>b</b>\n\na|b\n-|-\n${rows}`, `{{< figure src="x.png" >}}\n\na|b\n-|-\n${rows}`]) {
      const result = withAllowance(body, 1024);
      expect(result).not.toBeInstanceOf(HtmlOverAllowance);
      expect(result).toEqual(renderArticleHtml(body, PAGE));
    }
    // Raw HTML on the line a table's rows are counted at (every 64th): the tags after it on that line are not
    // in the HTML (the `<textarea>` takes the rest as its text), and that row is not counted. 62 blank lines
    // put the first row on line 64; 200 columns make the row's tags more than what comes before it.
    const wide = `${'\n'.repeat(62)}${'|a'.repeat(200)}|\n${'|-'.repeat(200)}|\n|<textarea>${'|'.repeat(200)}\n`;
    const bytes = Buffer.byteLength(renderArticleHtml(wide, PAGE).html, 'utf8');
    expect(withAllowance(wide, bytes)).not.toBeInstanceOf(HtmlOverAllowance);
    // `<!--more-->` is no raw HTML: the divider of a long table's lead.
    expect(withAllowance(`Lead.\n\n<!--more-->\n\na|b\n-|-\n${rows}`, 1024)).toBeInstanceOf(HtmlOverAllowance);
  });

  it('counts nothing in a source of at most a 16th of the allowance, whose reading costs little', () => {
    // 100 rows a wide header fills: ~1,000 characters make ~200 KB of cells.
    const filled = `${'|a'.repeat(200)}|\n${'|-'.repeat(200)}|\n${'|\n'.repeat(100)}`;
    const whole = renderArticleHtml(filled, PAGE);
    expect(Buffer.byteLength(whole.html, 'utf8')).toBeGreaterThan(filled.length * UNCOUNTED_SHARE);
    expect(withAllowance(filled, filled.length * UNCOUNTED_SHARE)).toEqual(whole);
    expect(withAllowance(filled, filled.length * UNCOUNTED_SHARE - 1)).toBeInstanceOf(HtmlOverAllowance);
  });

  it('leaves a body under its allowance as it renders without one', () => {
    const body = `Lead.\n\n| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(100)}\n- x\n- y\n\nTerm\n: def\n\n# h\n\n***\n`;
    const whole = renderArticleHtml(body, PAGE);
    expect(withAllowance(body, Buffer.byteLength(whole.html, 'utf8'))).toEqual(whole);
    expect(withAllowance(body, 100)).toBeInstanceOf(HtmlOverAllowance);
  });
});
