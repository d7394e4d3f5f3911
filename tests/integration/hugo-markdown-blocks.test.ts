import { describe, expect, it } from 'vitest';
import { differencesFromHugo, generatedDocuments } from '../support/hugo-markdown.js';

/**
 * What both HTMLs are normalized for beyond `differencesFromHugo`'s own normalizing, each on purpose:
 * - a column's alignment is an `align` attribute in a feed, where Hugo writes a `style` (feed readers and
 *   the sanitizer drop styles);
 * - a task list item's box is ☐ or ☑, where Hugo writes a disabled `<input>` checkbox (readers drop inputs);
 * - white space before a `<pre>` (a tight list item's text, then a fence) is not shown.
 */
function asFeed(html: string): string {
  return html
    .replace(/ style="text-align:(left|right|center)"/g, ' align="$1"')
    .replace(/<input checked="" disabled="" type="checkbox">/g, '\u2611')
    .replace(/<input disabled="" type="checkbox">/g, '\u2610')
    .replace(/\s+<pre>/g, '<pre>');
}

/** The documents that differ from Hugo's page once both are normalized by {@link asFeed}. */
async function differences(docs: readonly string[], config = ''): Promise<{ markdown: string; hugo: string; html: string }[]> {
  return (await differencesFromHugo(docs, config)).filter(({ hugo, html }) => asFeed(hugo) !== asFeed(html));
}

/** How many of `docs` match `pattern`. */
function countOf(docs: readonly string[], pattern: RegExp): number {
  return docs.filter((markdown) => pattern.test(markdown)).length;
}

describe('tables in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Header, delimiter and body rows as news articles write them: with and without outer pipes, aligned
   * columns, escaped pipes in text and in code, a pipe in code (which ends the cell, as in GFM), emphasis
   * and links in cells, rows with fewer or more cells than the header, a delimiter row of more cells than
   * its header, a table right after a paragraph's line, in a list item or a quote, and a header-only one.
   * Left out: raw HTML in a cell (Hugo omits it, feedpub keeps it sanitized: docs/publishing.md says so), and a
   * setext underline (`===`, `---`) right after a table whose paragraph had lines before it, which goldmark
   * writes as a heading after the table.
   */
  const LINES = [
    'Results for the week:',
    '| Team | Won | Lost |',
    '|:-----|----:|-----:|',
    '| --- | --- |',
    '| Ajax | 10 | 2 |',
    '| PSV | 9 |',
    '| Feyenoord | 8 | 3 | 1 |',
    '| `a \\| b` | *em* and [link](https://example.org/) |',
    '| 3 \\| 4 | up **2%** |',
    '| `x|y` | z |',
    'Team | Points',
    '--- | ---',
    'Ajax | **30**',
    'Source: league data.',
    '',
    '',
    '- item',
    '> | q | r |',
    '1. first',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold tables after a blank line and right after a paragraph's line, and delimiter rows
    // of more cells than their headers.
    const delimiter = String.raw`(\|:-----\|----:\|-----:\||\| --- \| --- \||--- \| ---)`;
    expect(countOf(docs, new RegExp(String.raw`(^|\n\n)[^\n]*\|[^\n]*\n${delimiter}`))).toBeGreaterThan(30);
    expect(countOf(docs, new RegExp(String.raw`(Results for the week:|Source: league data\.)\n[^\n]+\n${delimiter}`))).toBeGreaterThan(15);
    const fewer =
      /(^|\n)((Results for the week:|Source: league data\.|\| PSV \| 9 \||Team \| Points|Ajax \| \*\*30\*\*)\n\|:-----\|----:\|-----:\||(Results for the week:|Source: league data\.)\n(\| --- \| --- \||--- \| ---))/;
    expect(countOf(docs, fewer)).toBeGreaterThan(30);
    expect(await differences(docs)).toEqual([]);
  }, 60_000);
});

describe('lists in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Bullets `-`, `*` and `+` (a new list at each change), ordered lists from 1, 3 and 10 with `.` and `)`,
   * nested items at two, three and four spaces, task items, empty items, a list right after a paragraph's
   * line (one from 2 may not interrupt it), continuation lines, tight and loose lists. An empty item is
   * followed by an item: goldmark reads a list item indented by less than four columns on the line right
   * after one as the next item (`-\n  - b` is two items; CommonMark nests it), and markdown-it ends the list
   * at an empty item followed by two blank lines (goldmark goes on), which docs/publishing.md says.
   */
  const LINES = [
    '- Apples',
    '* Bananas',
    '+ Cherries',
    '1. First step',
    '3. Third step',
    '1) Option one',
    '2) Option two',
    '  - nested at two',
    '   - nested at three',
    '    - nested at four',
    '- [ ] To do',
    '- [x] Done',
    '-\n- Dates',
    '1.\n2. Figures',
    'The committee said:',
    '2. Starts at two',
    '',
    '',
    '  continued text',
    '10. Tenth',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold nested items, task items, and lists right after a paragraph's line.
    expect(countOf(docs, /(^|\n)[-*+] [^\n]+\n {2,4}- nested/)).toBeGreaterThan(30);
    expect(countOf(docs, /(^|\n)- \[[ x]\] /)).toBeGreaterThan(30);
    expect(countOf(docs, /The committee said:\n(2\. |1\. |- )/)).toBeGreaterThan(10);
    expect(await differences(docs)).toEqual([]);
  }, 60_000);
});

describe('block quotes in generated documents, as Hugo 0.111 reads them', () => {
  /** Quotes with lazy continuation lines, nested quotes, lists, headings, code and a table in them. */
  const LINES = [
    '> The minister said the plan was final.',
    'lazy continuation of the quote',
    '> > A nested reply.',
    '> - a list in a quote',
    '> 1. ordered in a quote',
    '>',
    '',
    '',
    'Reporting by the desk.',
    '> ## A heading in a quote',
    '> > > Deeper still.',
    '- an item',
    '>     code in a quote',
    '> ```',
    '> *emphasis* and [a link](https://example.org/)',
    '> | Votes | Seats |',
    '> |---|---|',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold lazy continuation lines and nested quotes.
    expect(countOf(docs, /(^|\n)>[^\n]*[^>\n]\nlazy continuation/)).toBeGreaterThan(30);
    expect(countOf(docs, /(^|\n)> > /)).toBeGreaterThan(30);
    expect(await differences(docs)).toEqual([]);
  }, 60_000);
});

describe('code blocks in generated documents, as Hugo 0.111 writes them without highlighting', () => {
  /**
   * Fences of backticks and tildes, with and without a language and with Hugo's attributes, unclosed
   * ones, longer closing fences, indented code after a paragraph's line (text) and after a blank line,
   * fences in list items. Compared with `codeFences = false`: feedpub writes a fence as goldmark does, a
   * `<pre><code class="language-go">` without Chroma's highlighting (whose inline styles a feed drops), as
   * docs/publishing.md says.
   */
  const LINES = [
    '```',
    '```go',
    '~~~',
    '~~~python',
    '```js {linenos=true}',
    'fmt.Println("hi")',
    '    indented code',
    '',
    '',
    'The output was:',
    '- item',
    '  ```',
    '  code in a list',
    '- Build it:\n  ```sh\n  make build\n  ```',
    '````',
    'if a < b && c > d { return }',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold fences with a language, indented code after a blank line, and fences in lists.
    expect(countOf(docs, /(^|\n)(```go|~~~python|```js \{linenos=true\})\n[^\n]/)).toBeGreaterThan(30);
    expect(countOf(docs, /\n\n {4}indented code/)).toBeGreaterThan(10);
    expect(countOf(docs, /(^|\n)- (item|Build it:)\n {2}```/)).toBeGreaterThan(10);
    expect(await differences(docs, '[markup.highlight]\ncodeFences = false\n')).toEqual([]);
  }, 60_000);
});
