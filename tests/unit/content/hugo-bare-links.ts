/**
 * Bare links next to Chinese text, and ASCII ones around them, as Hugo 0.111.3's goldmark renders them
 * (`{{ .Content }}` of a page holding the Markdown alone, default settings): recorded, so the unit tests
 * compare with Hugo without it; tests/integration/hugo-compat.test.ts checks that Hugo still gives these
 * answers, and feedpub the same, where Hugo is installed (CI installs it).
 *
 * goldmark's linkify reads a link made of ASCII characters only (the first other one ends it; a host in
 * other characters is no link), and only at the start of a line, after an ASCII space, `(`, `*`, `_`, `~`
 * or other Markdown: never right after a CJK character, full-width punctuation or an ideographic space.
 * An e-mail address is linked under any top-level domain (goldmark's rule, not linkify-it's list).
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
  // A host written partly in other characters (an IDN) is no link, not one to the ASCII letters before them.
  [
    'https://bücher.de/y, https://münchen.de/x and https://café.example.com/a stay text',
    '<p>https://bücher.de/y, https://münchen.de/x and https://café.example.com/a stay text</p>',
  ],
  [
    'https://www.例子.com/a, https://пример.рф/a, https://www.пример.рф/a and https://example.рф/a stay text',
    '<p>https://www.例子.com/a, https://пример.рф/a, https://www.пример.рф/a and https://example.рф/a stay text</p>',
  ],
  ['www.bücher.de/a and a@bücher.de stay text', '<p>www.bücher.de/a and a@bücher.de stay text</p>'],
  [
    'https://example.org/café and https://example.org/a中文',
    '<p><a href="https://example.org/caf">https://example.org/caf</a>é and <a href="https://example.org/a">https://example.org/a</a>中文</p>',
  ],
  // A final run of `?`, `!`, `.`, `,`, `:`, `*`, `_` and `~` is no part of a link, so an underscore or a tilde
  // after one closes the emphasis or strike it is in.
  [
    '_see https://example.com/a_ and https://example.com/a_b_c_ here',
    '<p><em>see <a href="https://example.com/a">https://example.com/a</a></em> and <a href="https://example.com/a_b_c">https://example.com/a_b_c</a>_ here</p>',
  ],
  [
    '~~old: https://example.com/old~~ and www.example.com/a__ b',
    '<p><del>old: <a href="https://example.com/old">https://example.com/old</a></del> and <a href="https://www.example.com/a">www.example.com/a</a>__ b</p>',
  ],
  [
    'is it https://example.com/q?, or https://example.com/a: b',
    '<p>is it <a href="https://example.com/q">https://example.com/q</a>?, or <a href="https://example.com/a">https://example.com/a</a>: b</p>',
  ],
  // E-mail addresses: under any top-level domain with a dot (GFM's extended e-mail autolinks, its
  // examples first), with goldmark's local-part characters, where goldmark looks for a link (not after
  // `,`, `;`, `:`, `-`, `>` or a tab), a final `.` left out, and none followed by `-` or `_`.
  [
    'Write to press@example.dev, tips@newsroom.app or info@example.org.',
    '<p>Write to <a href="mailto:press@example.dev">press@example.dev</a>, <a href="mailto:tips@newsroom.app">tips@newsroom.app</a> or <a href="mailto:info@example.org">info@example.org</a>.</p>',
  ],
  ['foo@bar.baz', '<p><a href="mailto:foo@bar.baz">foo@bar.baz</a></p>'],
  [
    'hello@mail+xyz.example is not valid, but hello+xyz@mail.example is.',
    '<p>hello@mail+xyz.example is not valid, but <a href="mailto:hello+xyz@mail.example">hello+xyz@mail.example</a> is.</p>',
  ],
  ['a.b-c_d@a.b', '<p><a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a></p>'],
  ['a.b-c_d@a.b.', '<p><a href="mailto:a.b-c_d@a.b">a.b-c_d@a.b</a>.</p>'],
  ['a.b-c_d@a.b-', '<p>a.b-c_d@a.b-</p>'],
  ['a.b-c_d@a.b_', '<p>a.b-c_d@a.b_</p>'],
  [
    'a@b.c, a@1.2, Ab@Example.COM and a@example.com.x',
    '<p><a href="mailto:a@b.c">a@b.c</a>, <a href="mailto:a@1.2">a@1.2</a>, <a href="mailto:Ab@Example.COM">Ab@Example.COM</a> and <a href="mailto:a@example.com.x">a@example.com.x</a></p>',
  ],
  [
    'x,a@example.com x;a@example.com x:a@example.com -a@example.com x>a@example.com x\ta@example.com',
    '<p>x,a@example.com x;a@example.com x:a@example.com -a@example.com x&gt;a@example.com x\ta@example.com</p>',
  ],
  [
    'x/a@example.com and x!#$%&*=?^{|}~y@example.com',
    '<p><a href="mailto:x/a@example.com">x/a@example.com</a> and <a href="mailto:x!#$%25&amp;*=?%5E%7B%7C%7D~y@example.com">x!#$%&amp;*=?^{|}~y@example.com</a></p>',
  ],
  [
    'a@-example.com a@example-.com a@example.com- a@ex_ample.com a@b a@localhost',
    '<p>a@-example.com a@example-.com a@example.com- a@ex_ample.com a@b a@localhost</p>',
  ],
  ['foo a@example.com@x.org and a@b@example.com', '<p>foo <a href="mailto:a@example.com">a@example.com</a>@x.org and a@b@example.com</p>'],
  [
    '(a@example.com) ~a@example.com~ **a@example.com** `c`a@example.com',
    '<p>(<a href="mailto:a@example.com">a@example.com</a>) ~<a href="mailto:a@example.com">a@example.com</a>~ <strong><a href="mailto:a@example.com">a@example.com</a></strong> <code>c</code><a href="mailto:a@example.com">a@example.com</a></p>',
  ],
];
