/**
 * Bare links next to Chinese text, and ASCII ones around them, as Hugo 0.111.3's goldmark renders them
 * (`{{ .Content }}` of a page holding the Markdown alone, default settings): recorded, so the unit tests
 * compare with Hugo without it; tests/integration/hugo-compat.test.ts checks that Hugo still gives these
 * answers, and feedpub the same, where Hugo is installed (CI installs it).
 *
 * goldmark's linkify reads a link made of ASCII characters only (the first other one ends it; a host in
 * other characters is no link), and only at the start of a line, after an ASCII space, `(`, `*`, `_`, `~`
 * or other Markdown: never right after a CJK character, full-width punctuation or an ideographic space.
 */
export const HUGO_BARE_LINKS: readonly (readonly [markdown: string, html: string])[] = [
  ['详见 https://example.com/a。下一句', '<p>详见 <a href="https://example.com/a">https://example.com/a</a>。下一句</p>'],
  ['原文：https://new.qq.com/rain/a/20250210A05MD200（腾讯新闻）', '<p>原文：https://new.qq.com/rain/a/20250210A05MD200（腾讯新闻）</p>'],
  ['链接 https://example.com/a）结束', '<p>链接 <a href="https://example.com/a">https://example.com/a</a>）结束</p>'],
  ['见https://example.com/a', '<p>见https://example.com/a</p>'],
  ['（https://example.com/a）后', '<p>（https://example.com/a）后</p>'],
  ['“https://example.com/a”后', '<p>“https://example.com/a”后</p>'],
  ['「https://example.com/a」后', '<p>「https://example.com/a」后</p>'],
  ['见　https://example.com/a 后', '<p>见　https://example.com/a 后</p>'],
  ['详见 https://example.com/中文路径 后', '<p>详见 <a href="https://example.com/">https://example.com/</a>中文路径 后</p>'],
  ['https://example.com/a?x=1。后', '<p><a href="https://example.com/a?x=1">https://example.com/a?x=1</a>。后</p>'],
  ['https://example.com/a.。后', '<p><a href="https://example.com/a">https://example.com/a</a>.。后</p>'],
  ['https://example.com/a，https://example.org/b', '<p><a href="https://example.com/a">https://example.com/a</a>，https://example.org/b</p>'],
  ['**粗体**https://example.com/a', '<p><strong>粗体</strong><a href="https://example.com/a">https://example.com/a</a></p>'],
  ['粗体 **https://example.com/a。** 后', '<p>粗体 <strong><a href="https://example.com/a">https://example.com/a</a>。</strong> 后</p>'],
  ['详见 https://例子.com/a 后', '<p>详见 https://例子.com/a 后</p>'],
  ['原文：www.example.com/a', '<p>原文：www.example.com/a</p>'],
  ['www.example.com/a。下一句', '<p><a href="https://www.example.com/a">www.example.com/a</a>。下一句</p>'],
  ['联系 a@example.com。谢谢', '<p>联系 <a href="mailto:a@example.com">a@example.com</a>。谢谢</p>'],
  ['联系　a@example.com 后', '<p>联系　a@example.com 后</p>'],
  ['邮件：a@example.com', '<p>邮件：a@example.com</p>'],
  ['a@example.com中文', '<p><a href="mailto:a@example.com">a@example.com</a>中文</p>'],
  ['a@例子.com 后', '<p>a@例子.com 后</p>'],
  // After an escape or a character reference, as after the character itself.
  ['\\（https://example.com/a）', '<p>\\（https://example.com/a）</p>'],
  ['&#x4E2D;https://example.com', '<p>中https://example.com</p>'],
  ['see https://example.com/a. Next', '<p>see <a href="https://example.com/a">https://example.com/a</a>. Next</p>'],
  [
    'see https://example.com/a, and (https://example.org/b)',
    '<p>see <a href="https://example.com/a">https://example.com/a</a>, and (<a href="https://example.org/b">https://example.org/b</a>)</p>',
  ],
  [
    'https://example.com/a_(b) and https://example.com/a?x=1&y=2.',
    '<p><a href="https://example.com/a_(b)">https://example.com/a_(b)</a> and <a href="https://example.com/a?x=1&amp;y=2">https://example.com/a?x=1&amp;y=2</a>.</p>',
  ],
  [
    'visit www.example.com/a. or me@example.com',
    '<p>visit <a href="https://www.example.com/a">www.example.com/a</a>. or <a href="mailto:me@example.com">me@example.com</a></p>',
  ],
];
