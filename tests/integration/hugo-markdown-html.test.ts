import { describe, expect, it } from 'vitest';
import { differencesFromHugo, generatedDocuments, sanitizedView } from '../support/hugo-markdown.js';

// Raw HTML and the text around it, as news articles write them, on a site that lets raw HTML through
// (`unsafe = true`, as news sites set it), compared with Hugo 0.111's page.

const UNSAFE = '[markup.goldmark.renderer]\nunsafe = true\n';

/**
 * Both HTMLs as a reader sees them once feedpub's deliberate changes are undone (`sanitizedView`: spelled
 * one way, comments and the attributes the sanitizer drops gone, absolute URLs relative again), white space
 * between tags and runs of it made one.
 */
function asReadersSee(html: string): string {
  // Space before a tag goes after a `>` of text too, as `differencesFromHugo` took it from Hugo's `> <p>` in raw HTML.
  return sanitizedView(html)
    .replace(/(>|&gt;)\s+</g, '$1<')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The documents whose HTML differs from Hugo's as readers see it ({@link asReadersSee}). */
async function differences(docs: readonly string[], config: string): Promise<{ markdown: string; hugo: string; html: string }[]> {
  return (await differencesFromHugo(docs, config))
    .map(({ markdown, hugo, html }) => ({ markdown, hugo: asReadersSee(hugo), html: asReadersSee(html) }))
    .filter(({ hugo, html }) => hugo !== html);
}

/**
 * Whole blocks of each CommonMark kind, as articles write them: comments over lines, `<div>` with
 * Markdown after a blank line and without, `<p>`, a figure, a table, `<pre>`, a processing instruction,
 * `<br>` and an image alone on a line, a block that interrupts a paragraph and one that cannot, HTML in a
 * list item and in a quote, and the Markdown blocks around them. Left out: script, style, iframe and
 * forms, which feedpub drops on purpose (see docs/security.md).
 */
const BLOCK_LINES = [
  '<!--\nEditor: check the quote\nwith the desk.\n-->',
  '<!-- a comment --> and text after it',
  '<div class="note">\n\n*Markdown* inside, after a blank line.\n\n</div>',
  '<div class="note">\n*Not Markdown* without a blank line.\n</div>',
  '<div>\n<p>A paragraph in a div.</p>\n</div>',
  '<p>A paragraph in <em>HTML</em>.</p>',
  '<p align="center">\nCentered *text*\n</p>',
  '<figure>\n<img src="photo.jpg" alt="Photo" width="600" height="400">\n<figcaption>Photo: Agency</figcaption>\n</figure>',
  '<figure><img src="/img/a.jpg" alt="A &amp; B"><figcaption>With <a href="https://example.org/">a link</a></figcaption></figure>',
  '<table>\n<thead>\n<tr><th>Team</th><th>Score</th></tr>\n</thead>\n<tbody>\n<tr><td>A</td><td>1</td></tr>\n</tbody>\n</table>',
  '<table>\n  <tr>\n    <td>Indented</td>\n  </tr>\n</table>',
  '<pre>\ncode  line\n\n  *kept* as is\n</pre>',
  '<pre><code>x = 1\ny = 2</code></pre>',
  '<?php echo "hello"; ?>',
  '<br>',
  '<br />',
  '<hr>',
  '<img src="photo.jpg" alt="Alone">',
  '<span class="dateline">\nBEIJING —\n</span>',
  '<blockquote>\nQuoted *text*\n</blockquote>',
  '<h2>HTML heading</h2>',
  '<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
  '<details>\n<summary>More</summary>\n\nHidden *text*\n\n</details>',
  'A paragraph\n<div>a div interrupts it</div>',
  'A paragraph\n<span class="x">a span does not</span>',
  'Before a break\n<br>\nafter it',
  '- item with <b>bold</b>\n\n  <div>a div in the item</div>',
  '> <p>quoted HTML</p>\n> and *Markdown*',
  'Text line.',
  'Text with <b>bold</b>.',
  '- list item',
  '> quote',
  '## Heading',
  '    indented code',
  '',
  '',
  '',
];

describe('HTML blocks in generated documents, as Hugo 0.111 reads them with unsafe', () => {
  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(BLOCK_LINES, 300);
    // The documents hold HTML blocks that Markdown follows without a blank line, and Markdown inside a div.
    expect(docs.filter((markdown) => /(^|\n)<(div|figure|table|pre|!--)[^\n]*\n[^\n<]/.test(markdown)).length).toBeGreaterThan(50);
    expect(docs.filter((markdown) => markdown.includes('<div class="note">\n\n*Markdown*')).length).toBeGreaterThan(30);
    expect(await differences(docs, UNSAFE)).toEqual([]);
  }, 120_000);
});

/**
 * Inline elements as articles write them (with the attributes feedpub drops on purpose, `style`,
 * `target`, `rel`, which the comparison leaves out), a tag over two lines, `<br>` in its three
 * spellings, comments (one with `--` inside, which goldmark reads as text), named, numeric and invalid
 * entities, `&` alone, and backslash escapes of every ASCII punctuation character. Left out: an image
 * whose description holds entities, escapes or code, whose `alt` Hugo 0.111 writes as the Markdown was
 * written (`AT&amp;amp;T \*1`; feedpub reads them: docs/publishing.md says so).
 */
const INLINE_LINES = [
  'A <span>span</span> here.',
  'Some <b>bold</b> and <i>italic</i> and <strong>strong</strong>.',
  'E = mc<sup>2</sup> and H<sub>2</sub>O.',
  'Read <a href="https://example.org/report" title="The report">the report</a>.',
  'A <a href="/about/" target="_blank" rel="noopener">relative</a> link.',
  '<img src="/img/b.png" alt="B" width="100" height="50" loading="lazy"> inline',
  '<span style="color:red">red</span> text',
  'An <abbr\ntitle="over lines">tag</abbr> over lines.',
  'line<br>break',
  'line<br/>break',
  'line<br />break',
  'text <!-- an inline comment --> text',
  'text <!-- TODO -- check the figure --> text',
  'Prices<sup>*</sup> and a note<sup>[1]</sup>.',
  '<a href="https://example.org/a?x=1&amp;y=2">a query</a>',
  '*<b>bold</b> in em*',
  '<em>em</em> and *md em*',
  '<mark>marked</mark> <del>old</del> <ins>new</ins>',
  '<kbd>Ctrl</kbd>+<kbd>C</kbd>',
  'A&nbsp;B &copy; 2024 &mdash; x &#8212; y &#x4e2d; z',
  'Invalid &foo; and & alone and AT&T',
  '&amp; &lt; &gt; &quot; &#39; &apos;',
  '&hellip; &laquo;a&raquo; &euro;5',
  '\\!\\"\\#\\$\\%\\&\\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~',
  '\\<b\\> not bold, \\*not em\\*, \\[not a link\\](x)',
  'A \\&copy; escaped entity',
  '<https://example.org/auto>',
  'plain text',
  '',
  '',
];

describe('inline HTML, entities and escapes in generated documents, as Hugo 0.111 reads them with unsafe', () => {
  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(INLINE_LINES, 300);
    // The documents hold inline HTML and entities in paragraphs.
    expect(docs.filter((markdown) => /<(span|b|a|img|br)[ />]/.test(markdown) && /&\w+;/.test(markdown)).length).toBeGreaterThan(50);
    expect(await differences(docs, UNSAFE)).toEqual([]);
  }, 120_000);
});

/**
 * Hard breaks (two spaces, a backslash) and soft ones, Chinese and Japanese text broken over lines,
 * ATX headings (closing `#`s, empty, trailing spaces, an escaped `#`), setext headings, thematic breaks.
 */
const TEXT_LINES = [
  'Line with two spaces  ',
  'Line with a backslash\\',
  'Soft broken',
  'line',
  '中文句子，',
  '断行继续。',
  '日本語の文、',
  '続きの文。',
  '# ATX heading',
  '## Closing ##',
  '### Trailing spaces   ',
  '#### Closing with spaces ##   ',
  '## Escaped \\#',
  '## Not closing#',
  '#',
  '#   ',
  '#No heading',
  '####### Seven',
  'Setext',
  '===',
  '---',
  'Setext   ',
  '***',
  '- - -',
  '___',
  ' * * *',
  '',
  '',
  '- item',
  '> quote',
];

describe('line breaks, headings and rules in generated documents, as Hugo 0.111 reads them', () => {
  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(TEXT_LINES, 300);
    // The documents hold hard breaks inside paragraphs, and setext headings.
    expect(docs.filter((markdown) => /( {2}|\\)\n[^\n#>-]/.test(markdown)).length).toBeGreaterThan(30);
    expect(docs.filter((markdown) => /(^|\n)[A-Za-z中日][^\n]*\n(===|---)(\n|$)/.test(markdown)).length).toBeGreaterThan(20);
    expect(await differences(docs, UNSAFE)).toEqual([]);
  }, 120_000);
});

describe('raw HTML in generated documents on a site without unsafe, as Hugo 0.111 reads them', () => {
  it('differs only where Hugo omits raw HTML from the page (feedpub keeps it, sanitized: see docs/publishing.md)', async () => {
    const docs = [...generatedDocuments(BLOCK_LINES, 100), ...generatedDocuments(INLINE_LINES, 100), ...generatedDocuments(TEXT_LINES, 100)];
    // A third of the documents hold no raw HTML at all: those must be Hugo's.
    expect(docs.filter((markdown) => !/<[A-Za-z!?/]/.test(markdown)).length).toBeGreaterThan(90);
    const found = (await differencesFromHugo(docs)).filter(({ hugo, html }) => asReadersSee(hugo) !== asReadersSee(html));
    expect(found.filter(({ hugo }) => !hugo.includes('<!-- raw HTML omitted -->'))).toEqual([]);
  }, 120_000);
});
