import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';

const PAGE = 'https://example.org/posts/a/';
const html = (markdown: string, typographer = true): string =>
  renderArticleHtml(markdown, PAGE, undefined, { footnote: true, definitionList: true, typographer, headingAttributes: true }).html;

/**
 * Curly quotes as Hugo 0.111's goldmark makes them: each case as Hugo wrote it
 * (tests/integration/hugo-compat.test.ts compares 300 generated documents with Hugo where it is installed).
 */
describe('curly quotes, as goldmark decides each where it stands', () => {
  it('curls a quote its paragraph leaves open, and closes it in a later one', () => {
    // A quotation that goes on in the next paragraph, as news copy writes it: straight before (no pair).
    expect(html('"We will win," he said. "The team\n\nis ready."')).toBe('<p>“We will win,” he said. “The team</p>\n<p>is ready.”</p>\n');
    expect(html('"quoted\n\n5\'10" tall, 5\'10" wide')).toBe("<p>“quoted</p>\n<p>5'10” tall, 5'10&quot; wide</p>\n");
  });

  it('writes apostrophes in decades, cut words and between letters, and leaves inches straight', () => {
    expect(html("the '90s, rock 'n' roll, 'tis, 'em, O'Brien's dogs' bones")).toBe('<p>the ’90s, rock ’n’ roll, ’tis, ’em, O’Brien’s dogs’ bones</p>\n');
    expect(html('5\'10" tall')).toBe("<p>5'10&quot; tall</p>\n");
    expect(html("said: 'no' ' lone")).toBe('<p>said: ’no’ ’ lone</p>\n');
    expect(html('"a"b"c" "*em*"')).toBe('<p>“a&quot;b&quot;c” “<em>em</em>”</p>\n');
  });

  it('writes an apostrophe for a quote that could open before s, m, t, d, ve, ll or re ending a word, and leaves inches after a digit straight', () => {
    // After a space, or a symbol (`$` is none of Unicode's punctuation): goldmark's special cases for Alice's, I'm, don't, you'd.
    expect(html("a 's b, x 'm y, x 'd. $'t x")).toBe('<p>a ’s b, x ’m y, x ’d. $’t x</p>\n');
    // I've, I'll, you're; after an opening parenthesis too.
    expect(html("we 're here, $'ll x ('ve) ('re)")).toBe('<p>we ’re here, $’ll x (’ve) (’re)</p>\n');
    // Not where the word goes on: an opening quote.
    expect(html("'so' x 'sa' $'lo x 'very' y")).toBe('<p>‘so’ x ‘sa’ $‘lo x ‘very’ y</p>\n');
    // A quote after a digit and before another quote is inches: the second closes the quotation.
    expect(html('"size 21""')).toBe('<p>“size 21&quot;”</p>\n');
    expect(html('"a 2""b"')).toBe('<p>“a 2&quot;“b”</p>\n');
  });

  it('keeps quotes straight in code, in URLs linked whole and without the typographer, and curls them in alt text', () => {
    expect(html('`it\'s "x"`')).toBe("<p><code>it's &quot;x&quot;</code></p>\n");
    expect(html("see www.example.org/it's and https://example.org/it's")).toBe(
      '<p>see <a href="https://www.example.org/it\'s">www.example.org/it\'s</a> and <a href="https://example.org/it\'s">https://example.org/it\'s</a></p>\n',
    );
    expect(html('"press@example.dev"')).toBe('<p>“<a href="mailto:press@example.dev">press@example.dev</a>”</p>\n');
    expect(html('![it\'s "x"](a.png)')).toBe('<p><img src="https://example.org/posts/a/a.png" alt="it’s “x”" /></p>\n');
    expect(html('"quoted" it\'s', false)).toBe("<p>&quot;quoted&quot; it's</p>\n");
  });

  it('reads as goldmark reads what a review found otherwise (each checked with Hugo 0.111)', () => {
    // A link's text is read twice (once to find its end): its quotes are counted once.
    expect(html('["Title](https://x.org/)" and 6\'2" tall')).toBe('<p><a href="https://x.org/">“Title</a>” and 6\'2&quot; tall</p>\n');
    expect(html('[ "a\n\nb" c"')).toBe('<p>[ “a</p>\n<p>b” c&quot;</p>\n');
    // `=` is a symbol to goldmark's unicode.IsPunct: no apostrophe rule after it.
    expect(html("set lang='en' and mode='legacy'")).toBe('<p>set lang=‘en’ and mode=‘legacy’</p>\n');
    // The end of a link's text is no end of the line to goldmark.
    expect(html("[the Smiths'](https://x.org/) house")).toBe('<p><a href="https://x.org/">the Smiths’</a> house</p>\n');
    // Links are found in the text with its quotes as written.
    expect(html('He wrote "www.example.com" today.')).toBe('<p>He wrote “<a href="https://www.example.com/">www.example.com</a>” today.</p>\n');
    expect(html("Visit www.example.com's blog.")).toBe('<p>Visit <a href="https://www.example.com/">www.example.com</a>’s blog.</p>\n');
    expect(html("Write to o'neil@example.com.")).toBe('<p>Write to <a href="mailto:o\'neil@example.com">o\'neil@example.com</a>.</p>\n');
  });

  it('decides each quote from a few characters of its line, however long the line (no quadratic reading)', () => {
    const prose = "It's John's dog's toy, isn't it? ".repeat(8_000);
    expect(html(prose).split('It’s John’s dog’s toy, isn’t it?')).toHaveLength(8_001);
  });

  it("writes none of its stand-ins, and an author's own is no quote", () => {
    expect(html('"\'"\'"\'\n\n\'"\'"\n\nwww.a.bc/\'" x')).not.toMatch(/[\ufdd0-\ufdd3]/u);
    // U+FDD0 to U+FDD3 are noncharacters: the author's are U+FFFD, not the quotes they stand for here.
    expect(html('a \ufdd0b\ufdd1 \ufdd2c\ufdd3 `\ufdd0`')).toBe('<p>a \ufffdb\ufffd \ufffdc\ufffd <code>\ufffd</code></p>\n');
  });
});
