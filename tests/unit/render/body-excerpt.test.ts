import { describe, expect, it } from 'vitest';
import { bodyExcerpt, EXCERPT_MARKDOWN_CHARS } from '../../../src/render/body-excerpt.js';

const PAGE = 'https://example.com/notes/a/';

describe('bodyExcerpt (the text that stands in for a missing title)', () => {
  it('is the plain text of the body, cut at 300 code points', () => {
    expect(bodyExcerpt('Just *a* note, see [this](x/).', PAGE)).toBe('Just a note, see this.');
    const cut = bodyExcerpt('word '.repeat(100), PAGE);
    expect([...cut].length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('is the part before <!--more--> when it has text, else the start of the body', () => {
    expect(bodyExcerpt('Lead.\n\n<!--more-->\n\nRest.', PAGE)).toBe('Lead.');
    expect(bodyExcerpt('<!--more-->\n\nRest.', PAGE)).toBe('Rest.');
    expect(bodyExcerpt('![](a.png)\n\n<!--more-->\n\nRest.', PAGE)).toBe('Rest.');
  });

  it('is empty for a body that shows no text', () => {
    for (const body of ['', '  \n\n', '![](a.png)', '<!-- only a comment -->', '<script>alert(1)</script>', '---']) {
      expect(bodyExcerpt(body, PAGE), JSON.stringify(body)).toBe('');
    }
  });

  it(`reads only the first ${EXCERPT_MARKDOWN_CHARS} characters, a surrogate pair cut there dropped`, () => {
    const far = `${'<!-- x -->\n'.repeat(Math.ceil(EXCERPT_MARKDOWN_CHARS / 11))}Far down.`;
    expect(far.length).toBeGreaterThan(EXCERPT_MARKDOWN_CHARS);
    expect(bodyExcerpt(far, PAGE)).toBe('');
    // Only comments before the limit, then an emoji across it: its first half alone is no text.
    const padding = '<!---->\n'.repeat(Math.floor(EXCERPT_MARKDOWN_CHARS / 8) - 1);
    const across = `${padding}${'\n'.repeat(EXCERPT_MARKDOWN_CHARS - padding.length - 1)}😀 tail`;
    expect(across.charCodeAt(EXCERPT_MARKDOWN_CHARS - 1)).toBe(0xd83d);
    expect(bodyExcerpt(across, PAGE)).toBe('');
    expect(bodyExcerpt(`a\uD83D`, PAGE)).toBe('a');
  });

  it('is empty, never a throw, when the body cannot be rendered', () => {
    expect(bodyExcerpt('Text.', 'not a URL')).toBe('');
    // With params, rendered a second time without them, which throws too.
    expect(bodyExcerpt('Version {{< param v >}} is out.', 'not a URL', undefined, [['v', '1.2.3']])).toBe('');
  });

  it('keeps the text around params that go over their bound, without them (a second review: such a page had no text)', () => {
    const body = `Real text. ${'{{< param v >}} '.repeat(1000)}`;
    expect(bodyExcerpt(body, PAGE, undefined, [['v', 'x'.repeat(5000)]])).toBe('Real text.');
    expect(bodyExcerpt('Version {{< param v >}} is out.', PAGE, undefined, [['v', '1.2.3']])).toBe('Version 1.2.3 is out.');
  });
});
