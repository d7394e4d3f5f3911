import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { keepPlainLinks } from '../../../src/render/plain-links.js';

/** markdown-it as it comes, and one with the shortcut. */
function normalizers(): { plain: MarkdownIt; fast: MarkdownIt } {
  const fast = new MarkdownIt();
  keepPlainLinks(fast);
  return { plain: new MarkdownIt(), fast };
}

// URLs made of the pieces that schemes, hosts, user info, ports, escapes and near misses are made of.
const piece = fc.constantFrom(
  'http://',
  'https://',
  'HTTP://',
  'mailto:',
  'javascript:',
  '//',
  '/',
  '../',
  ':',
  '@',
  '.',
  '-',
  '_',
  '~',
  '%',
  '%2F',
  '%e4',
  '%zz',
  '?',
  '#',
  '&',
  '=',
  '+',
  '$',
  ',',
  ';',
  '!',
  '*',
  "'",
  '(',
  ')',
  '[',
  ']',
  ' ',
  'example',
  'EXAMPLE',
  'com',
  'xn--',
  '8080',
  'a',
  'Z',
  '0',
  '新闻',
  'é',
);
const url = fc.oneof(
  fc.array(piece, { maxLength: 24 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('keepPlainLinks', () => {
  it('normalizes every URL exactly as markdown-it does (property)', () => {
    const { plain, fast } = normalizers();
    fc.assert(
      fc.property(url, (u) => {
        expect(fast.normalizeLink(u)).toBe(plain.normalizeLink(u));
      }),
      { numRuns: 20000 },
    );
  });

  it('returns the links of news articles as they are, and leaves the rest to markdown-it', () => {
    const { fast } = normalizers();
    for (const u of ['https://new.qq.com/rain/a/20250210A05MD200', '../../../uploads/2023/11/x-2.png', '/news/sina/20230509A002E3/', 'a%2Fb?c=d#e']) {
      expect(fast.normalizeLink(u)).toBe(u);
    }
    expect(fast.normalizeLink('https://例子.测试/新闻 a')).toBe('https://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB%20a');
    expect(fast.normalizeLink('HTTP://@')).toBe('HTTP://');
    expect(fast.normalizeLink('a%2')).toBe('a%252');
  });

  it('renders Markdown with links to the same HTML', () => {
    const { plain, fast } = normalizers();
    const markdown = '[a](https://example.org/a?b=1#c) ![i](../img/x.png "t") <https://例子.测试/> [m](mailto:A@B.com) [s](//host/x)';
    expect(fast.render(markdown)).toBe(plain.render(markdown));
  });
});
