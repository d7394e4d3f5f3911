import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../../src/render/plain-text.js';
import { markdownText, SUMMARY_MARKDOWN_CHARS, summaryText } from '../../../src/render/summary-text.js';

const PAGE = 'https://example.org/blog/posts/p/';
const NO_TYPOGRAPHER = { footnote: true, definitionList: true, typographer: false, headingAttributes: true };

describe('summaryText', () => {
  it('renders a front matter summary as Markdown, as Hugo does, and keeps its text', () => {
    expect(summaryText('This is **bold** and a [link](https://x.example/) & more', PAGE)).toBe('This is bold and a link & more');
    expect(summaryText('# Heading\n\n- item one\n- item two\n\n`code` and a\\*b', PAGE)).toBe('Heading item one item two code and a*b');
    // Raw HTML goes (Hugo omits it), its text stays; the typographer curls quotes as in the body.
    expect(summaryText('<i>x</i> and "quoted" -- it\'s...', PAGE)).toBe('x and “quoted” – it’s…');
    expect(summaryText('"quoted" -- it\'s...', PAGE, NO_TYPOGRAPHER)).toBe('"quoted" -- it\'s...');
    // Shortcodes are not a summary's: Hugo leaves them as written.
    expect(summaryText('See {{< youtube abc >}} *now*', PAGE)).toBe('See {{< youtube abc >}} now');
  });

  it('decodes character references once, as plain text did', () => {
    expect(summaryText('Don&#39;t  &amp;lt;panic&gt;', PAGE)).toBe("Don't &lt;panic>");
    expect(summaryText('AT&T &amp; Q&A &para &copy;', PAGE)).toBe('AT&T & Q&A &para ©');
    expect(summaryText('&lt;b&gt;not bold&lt;/b&gt; **bold**', PAGE)).toBe('<b>not bold</b> bold');
  });

  it('takes a summary with no Markdown as plain text, the same text rendering gives (property)', () => {
    const piece = fc.constantFrom(
      ...'ab 中 \t\u00a0\u2028.,;:!?()=|{}%$^/\'"-*_`[]\\<>~&#@\n\r\0'.split(''),
      'www.',
      '//',
      '...',
      '....',
      '--',
      '---',
      '1.',
      '&amp;',
      '&#39;',
      '&x',
    );
    const summary = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
    fc.assert(
      fc.property(summary, fc.boolean(), (s, typographer) => {
        const extensions = typographer ? undefined : NO_TYPOGRAPHER;
        expect(summaryText(s, PAGE, extensions)).toBe(markdownText(s, PAGE, extensions) ?? '');
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a summary longer than it renders as plain text, as written', () => {
    const long = `**${'word '.repeat(SUMMARY_MARKDOWN_CHARS / 5)}**`;
    expect(summaryText(long, PAGE)).toBe(plainText(long));
    // The limit itself is still rendered.
    const atLimit = `**b** ${'x'.repeat(SUMMARY_MARKDOWN_CHARS - 6)}`;
    expect(summaryText(atLimit, PAGE).startsWith('b x')).toBe(true);
    expect(summaryText(`${atLimit}y`, PAGE).startsWith('**b** x')).toBe(true);
  });

  it('renders the blocks a summary starts with whatever their form: a list from any start number, a code block', () => {
    expect(summaryText('10. Things', PAGE)).toBe('Things');
    expect(summaryText(' - item', PAGE)).toBe('item');
    expect(summaryText('123456789) Things', PAGE)).toBe('Things');
    // CommonMark list numbers have at most 9 digits.
    expect(summaryText('1234567890. Things', PAGE)).toBe('1234567890. Things');
    // Four spaces make a code block, whose text the typographer leaves as written.
    expect(summaryText('    a -- b...', PAGE)).toBe('a -- b...');
  });

  it('takes a summary Markdown cannot render (the page URL is not absolute) as plain text', () => {
    expect(markdownText('**x**', 'relative/')).toBeUndefined();
    expect(summaryText('**x** &amp;', 'relative/')).toBe('**x** &');
  });
});
