import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { excerpt, htmlText, plainText } from '../../../src/render/plain-text.js';
import { isXmlValid, PAGE_URL, readMarkdownFixture } from './markdown-fixtures.js';

const codePoints = (s: string): number => [...s].length;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Whether `out` (an excerpt of `text`, maybe with `…`) is a prefix of `text` that ends between two of its grapheme clusters. */
function endsOnGrapheme(text: string, out: string): boolean {
  const body = out.endsWith('…') ? out.slice(0, -1) : out;
  const bounds = new Set([...graphemes.segment(text)].map((s) => s.index));
  bounds.add(text.length);
  return text.startsWith(body) && bounds.has(body.length);
}

describe('plainText', () => {
  it('decodes character references exactly once', () => {
    expect(plainText('Don&#39;t panic')).toBe("Don't panic");
    expect(plainText('Tom &amp;amp; Jerry')).toBe('Tom &amp; Jerry');
    expect(plainText('&amp;lt;b&amp;gt;')).toBe('&lt;b&gt;');
    expect(plainText('&lt;3 &quot;quoted&quot; &#x4E2D;&#25991;')).toBe('<3 "quoted" 中文');
  });

  it('leaves markup as literal text', () => {
    expect(plainText('<b>x</b> & <meta charset="x">')).toBe('<b>x</b> & <meta charset="x">');
  });

  it('only decodes references that end with a semicolon', () => {
    expect(plainText('AT&T R&D &para x &copy2024 &amp')).toBe('AT&T R&D &para x &copy2024 &amp');
  });

  it('collapses whitespace runs and trims, keeping no-break and ideographic spaces', () => {
    expect(plainText('  a \t\n b\r\n\u2028c\u000B\u000Cd  ')).toBe('a b c d');
    expect(plainText('10\u00A0km\u3000中文')).toBe('10\u00A0km\u3000中文');
    expect(plainText('a&nbsp;b')).toBe('a\u00A0b');
  });

  it('removes characters XML forbids, also when they come from a reference', () => {
    // A vertical tab is white space first: it separates the words it stands between.
    expect(plainText('a\u000Bb')).toBe('a b');
    expect(plainText('a\u0000b\u0001 \uFFFE\uD800c')).toBe('ab c');
    expect(plainText('x&#1;y &#xFFFF;z')).toBe('xy z');
    expect(plainText('gap \u0001 here')).toBe('gap here');
  });

  it('gives XML-valid, trimmed, single-spaced text for any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const out = plainText(s);
        return isXmlValid(out) && !/ {2}|^ | $|[\t\n\r]/.test(out);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('htmlText', () => {
  it('puts a space at the boundaries of block elements, and none at those of inline ones', () => {
    const blocks = [
      'address',
      'article',
      'aside',
      'audio',
      'blockquote',
      'caption',
      'dd',
      'details',
      'div',
      'dl',
      'dt',
      'figcaption',
      'figure',
      'footer',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'header',
      'li',
      'main',
      'nav',
      'ol',
      'p',
      'picture',
      'pre',
      'section',
      'summary',
      'table',
      'tbody',
      'td',
      'tfoot',
      'th',
      'thead',
      'tr',
      'ul',
      'video',
    ];
    for (const tag of blocks) expect(htmlText(`a<${tag}>b</${tag}>c`), tag).toBe('a b c');
    for (const tag of ['br', 'hr', 'img']) expect(htmlText(`a<${tag}>b<${tag} />c`), tag).toBe('a b c');
    expect(htmlText('a<b>b</b><span>c</span><em>d</em>e')).toBe('abcde');
  });

  it('drops comments, doctypes, processing instructions and script-like elements whole, also unclosed ones', () => {
    expect(htmlText('x<!-- a > b -->y')).toBe('xy');
    expect(htmlText('x<!-- never closed')).toBe('x');
    expect(htmlText('<?xml version="1.0"?><!DOCTYPE html>x')).toBe('x');
    expect(htmlText('a<script type="text/javascript">alert(1); var b = 2</script>b<style>p { color: red }</style>c<script>open x')).toBe('abc');
  });

  it('keeps one space where a removed character stood between two', () => {
    expect(htmlText('a \u0001 b')).toBe('a b');
  });
});

describe('excerpt', () => {
  it('returns the whole text when it fits', () => {
    expect(excerpt('<p>Short <em>text</em>.</p>', 100)).toBe('Short text.');
    expect(excerpt('<p>exact</p>', 5)).toBe('exact');
  });

  it('cuts English at a word boundary and counts the ellipsis', () => {
    // Prepare
    const html = '<p>The quick <b>brown</b> fox jumps over the lazy dog.</p>';
    // Act
    const out = excerpt(html, 20);
    // Assess
    expect(out).toBe('The quick brown fox…');
    expect(codePoints(out)).toBeLessThanOrEqual(20);
    expect(excerpt(html, 14)).toBe('The quick…');
  });

  it('drops every punctuation mark and space the cut leaves at the end', () => {
    expect(excerpt('<p>one two,; three four</p>', 12)).toBe('one two…');
  });

  it('never cuts at a no-break space: a number with one is a word, as it was when only ASCII spaces were', () => {
    const html = '<p>Le prix est de 10\u00A0000\u00A0euros par an</p>';
    for (const limit of [19, 20, 22, 25]) expect(excerpt(html, limit)).toBe('Le prix est de…');
    expect(excerpt('<p>a b 1\u202F2\u20073\uFEFF4 c</p>', 8)).toBe('a b…');
  });

  it('never splits a ZWJ sequence', () => {
    expect(excerpt('<p>a👨\u200D👩\u200D👧 more</p>', 4)).toBe('a…');
  });

  it('cuts at a script boundary without backing off: after Chinese before Latin, after Latin before Chinese, and at other white space', () => {
    expect(excerpt('<p>x 中文ab</p>', 5)).toBe('x 中文…');
    expect(excerpt('<p>ab cd中文字</p>', 6)).toBe('ab cd…');
    expect(excerpt('<p>ab cd\u2003ef</p>', 6)).toBe('ab cd…');
  });

  it('backs off through the Latin word or number at the cut alone, not across the Chinese text before it', () => {
    // A heading, then one long paragraph whose 300th code point falls inside "2024" (the block boundary is
    // the only space): the cut is just before "2024", not at that space ("背景…").
    const lead = `${'我们团队在过去几年里一直在使用自建的服务器来部署各种应用程序。'.repeat(9)}直到`;
    const para = `${lead}${'很'.repeat(298 - '背景 '.length - lead.length)}2024年我们才开始迁移。`;
    const out = excerpt(`<h2>背景</h2><p>${para}</p>`, 300);
    expect(out).toBe(`背景 ${lead}${'很'.repeat(298 - '背景 '.length - lead.length)}…`);
    expect(excerpt('<p>x 中文abc</p>', 6)).toBe('x 中文…');
    expect(excerpt('<p>背景 今年2024年</p>', 8)).toBe('背景 今年…');
    expect(excerpt('<p>中文 abc def</p>', 8)).toBe('中文 abc…');
  });

  it('does the same in Japanese with a Latin word at the cut', () => {
    const lead = 'この記事では自宅サーバーでアプリケーションを動かす方法を紹介します。'.repeat(8);
    const para = `${lead}${'あ'.repeat(296 - 'はじめに '.length - lead.length)}Kubernetesを使います。`;
    // The cut is just before "Kubernetes": 296 code points and the ellipsis.
    expect([...excerpt(`<h2>はじめに</h2><p>${para}</p>`, 300)].length).toBe(297);
  });

  it('loses at most a word of the reference article at any limit from 20 to 600', () => {
    // Before the fix, 48 limits of 100..600 lost over 15 code points, 17 of them leaving "奥特曼迫不及待。…".
    const { html } = renderArticleHtml(readMarkdownFixture('reference.md'), PAGE_URL);
    const losses = Array.from({ length: 581 }, (_, i) => 20 + i - codePoints(excerpt(html, 20 + i)));
    expect(Math.max(...losses)).toBeLessThanOrEqual(10);
  });

  it.each([
    ['a flag in Chinese text', `${'中文'.repeat(149)}🇨🇳🇯🇵国旗很多很多`, 300],
    ['a flag after an odd run of regional indicators', '中🇦🇨🇳🇯🇵文字很多很多很多', 5],
    ['a tag sequence flag', `${'中文'.repeat(4)}🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}很长很长`, 10],
    ['a skin-toned emoji in Chinese text', `${'中文'.repeat(4)}👍🏽谢谢你们很长很长`, 10],
    ['a keycap', '中文中文1\uFE0F\u20E32\uFE0F\u20E3中文中文', 7],
    ['Thai SARA AM', 'ทำงานทำงาน', 2],
    ['Thai SARA AM after a tone mark', 'ผมชอบน้ำมากมากมากมากมาก', 8],
    ['Lao SARA AM', 'ຄຳສັບຄຳສັບ', 2],
    ['Hangul in jamo (NFD)', `${'한국어텍스트가아주길다'.normalize('NFD')} 끝`, 8],
    ['a Devanagari conjunct', 'क्षत्रियक्षत्रियक्षत्रिय', 4],
    ['a Devanagari conjunct after a Latin word', 'ab क्षत्रिय', 5],
  ])('never cuts inside a grapheme cluster: %s', (_label, text, max) => {
    const out = excerpt(`<p>${text}</p>`, max);
    expect(endsOnGrapheme(text, out), JSON.stringify(out)).toBe(true);
    expect(codePoints(out)).toBeLessThanOrEqual(max);
  });

  it('cuts between grapheme clusters of the whole text, also where it segments only part of it (property)', () => {
    const piece = fc.constantFrom(
      ' ',
      'a',
      'word',
      '2024',
      '中文',
      'かな',
      'ทำ',
      'ຄຳ',
      'น้ำ',
      'क्ष',
      '्',
      'ि',
      '\u1100\u1161\u11A8',
      '\u11A8',
      '🇨',
      '🇳',
      '👍',
      '🏽',
      '\u200D',
      '\uFE0F',
      '\u0301',
      '\u0600',
      '👨\u200D👩',
      '#\uFE0F\u20E3',
      '\uFF76\uFF9E',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (parts, max) => {
        const text = parts.join('');
        const full = excerpt(`<p>${text}</p>`, Number.MAX_SAFE_INTEGER);
        const out = excerpt(`<p>${text}</p>`, max);
        return codePoints(out) <= max && endsOnGrapheme(full, out);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts a single long word where it must', () => {
    expect(excerpt('<p>Supercalifragilistic</p>', 6)).toBe('Super…');
  });

  it('cuts CJK text anywhere', () => {
    expect(excerpt('<p>奥特曼迫不及待。当DeepSeek正在全球掀起风暴</p>', 6)).toBe('奥特曼迫不…');
    expect(excerpt('<p>日本語のテキストです</p>', 4)).toBe('日本語…');
  });

  it('never splits a surrogate pair or a base from its combining mark', () => {
    expect(excerpt('<p>😀😀😀😀</p>', 3)).toBe('😀😀…');
    expect(excerpt('<p>e\u0301e\u0301e\u0301e\u0301</p>', 4)).toBe('e\u0301…');
  });

  it('drops tags, comments and script/style content, decodes entities, spaces block boundaries', () => {
    const html = '<h2>Title</h2><p>One&nbsp;&amp;&lt;two&gt;</p><!-- note --><script>alert(1)</script><style>p{}</style><ul><li>a</li><li>b</li></ul>';
    expect(excerpt(html, 100)).toBe('Title One\u00A0&<two> a b');
  });

  it('returns nothing for a non-positive limit and only the ellipsis for 1', () => {
    expect(excerpt('<p>text</p>', 0)).toBe('');
    expect(excerpt('<p>text</p>', -3)).toBe('');
    expect(excerpt('<p>text</p>', 1)).toBe('…');
  });

  it('excerpts the reference article', () => {
    const { html } = renderArticleHtml(readMarkdownFixture('reference.md'), PAGE_URL);
    const out = excerpt(html, 40);
    expect(out).toBe('奥特曼迫不及待。 当DeepSeek正在全球掀起风暴，OpenAI近日释放一则…');
    expect(codePoints(out)).toBe(40);
  });

  it('stays within the limit, is XML-valid and a prefix of the full text (property)', () => {
    const words = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(' ', '中文', '😀', 'e\u0301', '<b>', '</p>', '&amp;')), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 40 }), (parts, max) => {
        const html = parts.join('');
        const full = excerpt(html, Number.MAX_SAFE_INTEGER);
        const out = excerpt(html, max);
        const body = out.endsWith('…') && out !== full ? out.slice(0, -1) : out;
        return codePoints(out) <= max && isXmlValid(out) && full.startsWith(body);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads only the start of a long document, with the same result (property)', () => {
    const piece = fc.constantFrom(
      'word ',
      '中文',
      '😀',
      '&amp;',
      '&nbsp;',
      '&#x1F600;',
      '<p>',
      '</p>',
      '<b>',
      '</b>',
      '<br />',
      '<!-- c -->',
      '<script>var a = "<p>";</script>',
      `<img src="${'x'.repeat(300)}" alt="a" />`,
      '\n',
      '  ',
      'e\u0301',
    );
    const escapeHtml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 200, maxLength: 600 }), fc.integer({ min: 1, max: 300 }), (parts, max) => {
        const html = parts.join('');
        const full = excerpt(html, Number.MAX_SAFE_INTEGER);
        expect(excerpt(html, max)).toBe(excerpt(`<p>${escapeHtml(full)}</p>`, max));
      }),
      { numRuns: 300 },
    );
  });

  it('excerpts a 4 MB document (speed is measured by npm run bench, not here)', () => {
    const html = `<p>${'中文字符 text &amp; '.repeat(200_000)}</p>`;
    expect(excerpt(html, 12)).toBe('中文字符 text &…');
  });
});
