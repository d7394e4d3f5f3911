import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { keepNormalizedInput } from '../../../src/render/normalized-input.js';

/** The source markdown-it's rules see after `normalize`, with its own rule or with the shortcut. */
function normalized(md: MarkdownIt, src: string): string {
  let seen = '';
  md.core.ruler.after('normalize', 'probe', (state) => {
    seen = state.src;
  });
  md.parse(src, {});
  return seen;
}

const piece = fc.constantFrom('a', ' ', '\n', '\r', '\r\n', '\n\r', '\0', '\uFFFD', '新闻', '# h', '> q', '`', '\t');
const source = fc.oneof(
  fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('keepNormalizedInput', () => {
  it('gives the rules after normalize the very text markdown-it would (property)', () => {
    const own = new MarkdownIt();
    const fast = new MarkdownIt();
    keepNormalizedInput(fast);
    fc.assert(
      fc.property(source, (src) => {
        expect(normalized(fast, src)).toBe(normalized(own, src));
      }),
      { numRuns: 3000 },
    );
  });

  it('renders CRLF, lone CR and NUL as markdown-it does', () => {
    const fast = new MarkdownIt();
    keepNormalizedInput(fast);
    const src = 'a\r\nb\rc\0d\n\n- x\r\n- y';
    expect(fast.render(src)).toBe(new MarkdownIt().render(src));
    expect(fast.render(src)).toContain('\uFFFD');
  });
});
