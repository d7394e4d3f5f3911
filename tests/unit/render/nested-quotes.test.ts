import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import deflist from 'markdown-it-deflist';
import footnote from 'markdown-it-footnote';
import hr from 'markdown-it/lib/rules_block/hr.mjs';
import { describe, expect, it } from 'vitest';
import { renderMarkdownHtml } from '../../../src/render/article-html.js';
import { useDefinitionLists } from '../../../src/render/definition-terms.js';
import { useGoldmarkTables } from '../../../src/render/goldmark-tables.js';
import { useGoldmarkLinkDefinitions } from '../../../src/render/link-definitions.js';
import { useLinearNestedQuotes } from '../../../src/render/nested-quotes.js';

/** The block rules that can end a quote's paragraph, in three sets: markdown-it's, its plugins', feedpub's. */
const SETUPS: Record<string, (md: MarkdownIt) => void> = {
  plain: () => {},
  plugins: (md) => {
    md.use(footnote);
    md.use(deflist);
  },
  feedpub: (md) => {
    useGoldmarkTables(md, { definitionLists: true });
    useGoldmarkLinkDefinitions(md);
    md.use(footnote);
    useDefinitionLists(md, deflist);
  },
};

function instance(setup: (md: MarkdownIt) => void, linear: boolean): MarkdownIt {
  const md = new MarkdownIt('default', { html: true });
  setup(md);
  if (linear) useLinearNestedQuotes(md);
  return md;
}

/** Starts of lines: quote markers with spaces and tabs around them, list markers, indentation. */
const PREFIXES = [
  '',
  '',
  '>',
  '> ',
  '>>',
  '> > ',
  '>\t',
  '>\t\t',
  ' >',
  '  > ',
  '   >',
  '    >',
  '\t>',
  '>>>>>',
  '- ',
  '1. ',
  '* > ',
  '> - ',
  '>  - ',
  '  ',
  '    ',
  '\t',
  ': ',
  '> : ',
];
/** What follows them: text and the starts of every block that can end a paragraph. */
const CONTENTS = [
  'a',
  'b c',
  '',
  '***',
  '---',
  '===',
  '# h',
  '```',
  '~~~',
  '[^1]: note',
  'x[^1]',
  ': def',
  '~ def',
  '<div>',
  '</div>',
  '<!-- c -->',
  '[a]: /u',
  '| a | b |',
  '|---|---|',
  'text *em*',
  '> q',
  '- item',
  '\tcode',
];

const documents = fc
  .array(fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...PREFIXES), fc.constantFrom(...CONTENTS)), { minLength: 1, maxLength: 14 })
  .map((lines) => lines.map(([a, b, c]) => `${a}${b}${c}`).join('\n'));

describe('useLinearNestedQuotes', () => {
  it.each(Object.keys(SETUPS))('reads every document as markdown-it 14 reads it (%s)', (name) => {
    const setup = SETUPS[name] as (md: MarkdownIt) => void;
    const base = instance(setup, false);
    const linear = instance(setup, true);
    fc.assert(
      fc.property(documents, (src) => {
        expect(linear.render(src)).toBe(base.render(src));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads quotes nested on one line, with lazy lines, as markdown-it does', () => {
    const base = instance(SETUPS.feedpub as (md: MarkdownIt) => void, false);
    const linear = instance(SETUPS.feedpub as (md: MarkdownIt) => void, true);
    for (const src of [
      `${'>'.repeat(120)} a\nb\nc\n***\nd`,
      '>>> a\nb\n> c\n>> d\ne\n\nf',
      '> > > a\n    b\n- c\nd',
      '- > > a\n  b\nc\n- > > d\ne',
      '> term\n> : > > def\nlazy\nlazy',
      '>\t>\t> a\n\tb\n> > \tc',
      '>>> a\nb\n>\nc',
      '> > a\n[^1]: n\n> > b\nc',
    ])
      expect(linear.render(src), src).toBe(base.render(src));
    expect(linear.render('>>> a\nb\nc')).toBe('<blockquote>\n<blockquote>\n<blockquote>\n<p>a\nb\nc</p>\n</blockquote>\n</blockquote>\n</blockquote>\n');
  });

  it('asks each lazy line whether it ends the paragraph a bounded number of times, however deep the quotes', () => {
    // markdown-it asks at every level (100 of them, its nesting limit): 1,000,000 times for these lines.
    const lines = 10_000;
    const src = `${'>'.repeat(1000)} a\n${'b\n'.repeat(lines)}`;
    const counted = (linear: boolean): number => {
      const md = instance(SETUPS.feedpub as (md: MarkdownIt) => void, linear);
      let calls = 0;
      md.block.ruler.at(
        'hr',
        (state, startLine, endLine, silent) => {
          if (silent && state.src.charCodeAt(state.bMarks[startLine] as number) === 0x62) calls++;
          return hr(state, startLine, endLine, silent);
        },
        { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
      );
      md.render(src);
      return calls;
    };
    expect(counted(false)).toBeGreaterThan(50 * lines);
    expect(counted(true)).toBeLessThanOrEqual(3 * lines);
  });

  it('renders 512 Ki characters of deep quotes and lazy lines as the innermost quote', () => {
    // 17 s before at 90 levels; each lazy line is now asked at the first two levels and by the paragraph.
    const html = renderMarkdownHtml(`${'>'.repeat(90)} a\n${'b\n'.repeat(262_000)}`, 'https://example.org/a/');
    expect(html.split('<blockquote>').length - 1).toBe(90);
    expect(html).toContain(`<p>a\n${'b\n'.repeat(261_999)}b</p>`);
    // Past the depth markdown-it reads (`maxNesting`, 100 levels), the rest is text (src/render/depth-guard.ts).
    const deep = renderMarkdownHtml(`${'>'.repeat(1000)} a\n${'b\n'.repeat(262_000)}`, 'https://example.org/a/');
    expect(deep.split('<blockquote>').length - 1).toBe(98);
    // 902 `>` as text, which the typographer makes 451 angle quotes, as goldmark's makes `>>`.
    expect(deep).toContain(`<p>${'»'.repeat(451)} a\n${'b\n'.repeat(261_999)}b</p>`);
  });
});
