import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { scanTextRuns } from '../../../src/render/text-runs.js';

/** markdown-it as feedpub configures it, with its own `text` rule and with the sticky-regex one. */
function renderers(): { own: MarkdownIt; fast: MarkdownIt } {
  const options = { html: true, linkify: true, typographer: false, xhtmlOut: true } as const;
  const own = new MarkdownIt('default', options);
  const fast = new MarkdownIt('default', options);
  scanTextRuns(fast);
  return { own, fast };
}

// Markdown made of what inline markup is made of, every terminator character included, in several scripts.
const piece = fc.constantFrom(
  ...'\n!#$%&*+-:<=>@[\\]^_`{}~'.split(''),
  ' ',
  'a',
  'word',
  '新闻',
  '！',
  '😀',
  '**',
  '__',
  '[x](https://e.org/a)',
  '![i](b.png)',
  '<b>',
  '&amp;',
  '`c`',
  '~~s~~',
  'https://e.org/x',
  'a@b.org',
  '\n\n',
  '- ',
  '> ',
  '| a | b |\n|---|---|\n| 1 | 2 |',
);
const markdown = fc.oneof(
  fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

describe('scanTextRuns', () => {
  it('renders any Markdown to the HTML markdown-it renders (property)', () => {
    const { own, fast } = renderers();
    fc.assert(
      fc.property(markdown, (src) => {
        expect(fast.render(src)).toBe(own.render(src));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same tokens, text runs stopping at the end of a link label as at a terminator', () => {
    const { own, fast } = renderers();
    const src = '新闻[标题 text](https://e.org/a "t") more 文字 *em* `code` ~~del~~ a_b\\*c\nline';
    expect(fast.parseInline(src, {})).toEqual(own.parseInline(src, {}));
  });

  it('stops a run at posMax, where a rule that tokenizes part of the text puts the end (property)', () => {
    const { own, fast } = renderers();
    /** The pending text and position after the `text` rule alone, run on `src` up to `end`. */
    const run = (md: MarkdownIt, src: string, end: number): [string, number] => {
      const state = new md.inline.State(src, md, {}, []);
      state.posMax = end;
      // `text` is the first of markdown-it's inline rules.
      const rule = md.inline.ruler.getRules('')[0];
      rule?.(state, false);
      return [state.pending, state.pos];
    };
    expect(run(own, '新闻 a*', 3)).toEqual(['新闻 ', 3]);
    fc.assert(
      fc.property(markdown, fc.nat(), (src, n) => {
        const end = src.length === 0 ? 0 : n % (src.length + 1);
        expect(run(fast, src, end)).toEqual(run(own, src, end));
      }),
      { numRuns: 2000 },
    );
  });
});
