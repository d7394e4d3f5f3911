import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { MAX_FOOTNOTE_MARKS, MAX_PARAM_CHARS, renderArticleHtml, SANITIZER_ALLOWS } from '../../../src/render/article-html.js';
import { htmlWarnings, W3C_ACCEPTABLE_ATTRIBUTES, W3C_ACCEPTABLE_ELEMENTS } from '../../support/w3c-html.js';
import { deriveContent } from '../../../src/render/derive-content.js';
import { refKey } from '../../../src/parse/shortcodes.js';
import { sha256 } from '../../../src/sha256.js';
import { MAX_WWW_LINK } from '../../../src/render/www-links.js';
import { HUGO_BARE_LINKS } from './hugo-bare-links.js';
import { HUGO_DEFINITION_LISTS } from './hugo-definition-lists.js';
import { expectGolden, isXmlValid, PAGE_URL, readMarkdownFixture, safetyProblems, tagsOf } from './markdown-fixtures.js';
import type { MarkdownExtensions } from '../../../src/model.js';

/** Hugo's defaults. */
const ALL_ON: MarkdownExtensions = { footnote: true, definitionList: true, typographer: true, headingAttributes: true };

/** Character references the output may contain: the four the HTML serializers write. */
const OTHER_REFERENCE = /&(?!amp;|lt;|gt;|quot;)[#a-zA-Z0-9]+;/;

describe('renderArticleHtml: the reference article', () => {
  const markdown = readMarkdownFixture('reference.md');
  const result = renderArticleHtml(markdown, PAGE_URL);

  it('matches the golden HTML', () => {
    expectGolden('reference.html', result.html);
  });

  it('renders bold and keeps the absolute source link', () => {
    expect(result.html).toContain('<p><strong>孙正义操刀</strong></p>');
    expect(result.html).toContain('<p><strong>“旧世界分崩离析，</strong></p>');
    expect(result.html).toContain('<p><a href="https://new.qq.com/rain/a/20250210A05MD200">qq</a></p>');
    expect(result.rewritten).toEqual([]);
    expect(result.lead).toBeUndefined();
    expect(result.firstImage).toBeUndefined();
  });

  it('is safe and XML-valid', () => {
    expect(safetyProblems(result.html)).toEqual([]);
    expect(isXmlValid(result.html)).toBe(true);
  });
});

describe('renderArticleHtml: an article pasted from WeChat and a Chinese news site', () => {
  const result = renderArticleHtml(readMarkdownFixture('copy-paste.md'), PAGE_URL);

  it('matches the golden HTML (its paragraphs of bare links are what Hugo 0.111 renders)', () => {
    expectGolden('copy-paste.html', result.html);
  });

  it('shows its lazy-loaded images and its noscript fallback, the first of them the thumbnail', () => {
    expect(
      tagsOf(result.html)
        .filter((t) => t.name === 'img')
        .map((t) => t.attributes.get('src')),
    ).toEqual([
      'https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg',
      'https://example.com/uploads/2025/02/chart.png',
      'https://example.com/uploads/2025/02/fallback.jpg',
    ]);
    expect(result.firstImage).toBe('https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg');
  });

  it('is safe and XML-valid', () => {
    expect(safetyProblems(result.html)).toEqual([]);
    expect(isXmlValid(result.html)).toBe(true);
  });
});

describe('renderArticleHtml: relative URLs', () => {
  const result = renderArticleHtml(readMarkdownFixture('relative-urls.md'), PAGE_URL);
  const attribute = (tag: string, name: string): string[] =>
    tagsOf(result.html)
      .filter((t) => t.name === tag && t.attributes.has(name))
      .map((t) => t.attributes.get(name) ?? '');

  it('matches the golden HTML', () => {
    expectGolden('relative-urls.html', result.html);
  });

  it('resolves links against the nested page URL', () => {
    expect(attribute('a', 'href')).toEqual([
      'https://example.com/zh-cn/news/qq/other/',
      'https://example.com/zh-cn/about/',
      'https://example.com/zh-cn/news/qq/20250210a05md2/?page=2',
      'https://example.com/zh-cn/news/qq/20250210a05md2/#part-2',
      'https://example.org/a?b=1&c=2',
      'mailto:editor@example.com',
      'tel:+861012345678',
      'https://example.com/zh-cn/news/qq/20250210a05md2/ref/target/',
    ]);
  });

  it('resolves images, ../ paths, every srcset candidate, poster and cite', () => {
    expect(attribute('img', 'src')).toEqual([
      'https://example.com/zh-cn/news/qq/20250210a05md2/images/photo.png',
      'https://example.com/zh-cn/news/qq/x.png',
      'https://cdn.example.net/pic.jpg',
      'https://example.com/zh-cn/news/qq/20250210a05md2/img/fallback.jpg',
    ]);
    expect(attribute('source', 'srcset')).toEqual([
      'https://example.com/zh-cn/news/qq/20250210a05md2/img/wide.webp 1200w, https://example.com/zh-cn/news/qq/20250210a05md2/img/narrow.webp 600w',
    ]);
    expect(attribute('img', 'srcset')).toEqual([
      'https://example.com/zh-cn/news/qq/20250210a05md2/img/a.jpg 1x, https://example.com/zh-cn/news/qq/20250210a05md2/img/b.jpg 2x',
    ]);
    expect(attribute('video', 'src')).toEqual(['https://example.com/zh-cn/news/qq/20250210a05md2/media/clip.mp4']);
    expect(attribute('video', 'poster')).toEqual(['https://example.com/zh-cn/news/qq/20250210a05md2/media/poster.jpg']);
    expect(attribute('blockquote', 'cite')).toEqual(['https://example.com/zh-cn/news/qq/sources/quote.html']);
  });

  it('drops srcset candidates with invalid descriptors itself, so nothing of the attribute reaches stdout', () => {
    const logged: unknown[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
    try {
      const { html } = renderArticleHtml(
        '<img srcset="a.png 1x \u001b[31mINJECTED\u001b[0m, b.png 2x, c.png 640w 480h, d.png 1x 640w, e.png 0w, f.png -1x, g.png 1.5x">',
        PAGE_URL,
      );
      const base = 'https://example.com/zh-cn/news/qq/20250210a05md2/';
      expect(/srcset="([^"]*)"/.exec(html)?.[1]).toBe(`${base}b.png 2x, ${base}c.png 640w 480h, ${base}g.png 1.5x`);
    } finally {
      log.mockRestore();
    }
    expect(logged).toEqual([]);
  });

  it('reads commas inside a srcset descriptor’s parentheses as its own, and drops the empty candidate after a final comma', () => {
    // Arrange: HTML's srcset parser reads `(…, …)` as one descriptor, which is invalid: its candidate goes whole,
    // and `h)` is no candidate of its own.
    const base = 'https://example.com/zh-cn/news/qq/20250210a05md2/';
    // Act
    const { html } = renderArticleHtml('<img src="x.png" srcset="a.png 1x (w, h), b.png 2x (h), c.png 3x, ">', PAGE_URL);
    // Assess
    expect(/srcset="([^"]*)"/.exec(html)?.[1]).toBe(`${base}c.png 3x`);
  });

  it('resolves the src of a video’s text track', () => {
    const { html, rewritten } = renderArticleHtml('<video src="clip.mp4"><track src="subs/en.vtt" kind="captions"></video>', PAGE_URL);
    expect(html).toContain('<track src="https://example.com/zh-cn/news/qq/20250210a05md2/subs/en.vtt" kind="captions" />');
    expect(rewritten).toEqual(['clip.mp4', 'subs/en.vtt']);
  });

  it('reports each rewritten URL as written, and the first image', () => {
    expect(result.rewritten).toEqual([
      '../other/',
      '/zh-cn/about/',
      '?page=2',
      '#part-2',
      'images/photo.png',
      '../x.png',
      './ref/target/',
      '//cdn.example.net/pic.jpg',
      'img/wide.webp',
      'img/narrow.webp',
      'img/fallback.jpg',
      'img/a.jpg',
      'img/b.jpg',
      'media/clip.mp4',
      'media/poster.jpg',
      '../sources/quote.html',
    ]);
    expect(result.firstImage).toBe('https://example.com/zh-cn/news/qq/20250210a05md2/images/photo.png');
  });

  it('drops a srcset candidate with over 16 commas in a row, which the sanitizer would read in quadratic time', () => {
    // Arrange: a candidate without descriptors, its URL a run of commas, before another (parse-srcset tried
    // each comma of the run against the end of the URL: 64 Ki commas took 2 s, 256 Ki 42 s).
    const base = 'https://example.com/zh-cn/news/qq/20250210a05md2/';
    const srcset = (commas: number) => `<img srcset="a${','.repeat(commas)}b,, c.jpg 2x">`;
    // Act
    const hostile = renderArticleHtml(srcset(500_000), PAGE_URL).html;
    // Assess: the other candidate stays, and a URL with 16 commas in a row is still one.
    expect(hostile).toBe(`<img src="${base}c.jpg" srcset="${base}c.jpg 2x" />`);
    const sixteen = `${base}a${','.repeat(16)}b`;
    expect(renderArticleHtml(srcset(16), PAGE_URL).html).toBe(`<img src="${sixteen}" srcset="${sixteen}, ${base}c.jpg 2x" />`);
  });

  it('puts a URL with a leading slash under the baseURL with canonifyURLs, in src, href and srcset only, as Hugo 0.111 does', () => {
    const page = 'https://example.org/blog/posts/a/';
    const md =
      '![a](/images/a.png) [x](/about/) [r][ref] [p](//cdn.example/x) [q](img/rel.png)\n\n[ref]: /ref/\n\n<img src="/img/a.jpg" srcset="/img/a-1.jpg 1x, /img/a-2.jpg 2x"> <img data-src="/img/lazy.jpg"> <video poster="/img/p.jpg" src="/v.mp4"></video> <q cite="/cite/">c</q> <a href=\'/single/\'>s</a>\n';
    const { html, firstImage, rewritten } = renderArticleHtml(md, page, undefined, ALL_ON, [], undefined, 'https://example.org/blog/');
    expect(html).toBe(
      [
        '<p><img src="https://example.org/blog/images/a.png" alt="a" /> <a href="https://example.org/blog/about/">x</a> <a href="https://example.org/blog/ref/">r</a> <a href="https://cdn.example/x">p</a> <a href="https://example.org/blog/posts/a/img/rel.png">q</a></p>',
        '<p><img src="https://example.org/blog/img/a.jpg" srcset="https://example.org/blog/img/a-1.jpg 1x, https://example.org/blog/img/a-2.jpg 2x" /> <img src="https://example.org/blog/img/lazy.jpg" /> <video poster="https://example.org/img/p.jpg" src="https://example.org/blog/v.mp4" controls></video> <q cite="https://example.org/cite/">c</q> <a href="https://example.org/blog/single/">s</a></p>',
        '',
      ].join('\n'),
    );
    expect(firstImage).toBe('https://example.org/blog/images/a.png');
    expect(rewritten).toContain('/images/a.png');
    // A figure shortcode's image, a <!--more--> lead, and a Markdown-only body.
    const fig = renderArticleHtml(
      '{{< figure src="/img/f.jpg" >}}\n\n[a](/a/)\n\n<!--more-->\n\nb',
      page,
      undefined,
      ALL_ON,
      [],
      undefined,
      'https://example.org/blog/',
    );
    expect(fig.html).toContain('<img src="https://example.org/blog/img/f.jpg" />');
    expect(fig.lead).toContain('href="https://example.org/blog/a/"');
    expect(renderArticleHtml('[a](/a/)\n\n<!--more-->\n\nb', page, undefined, ALL_ON, [], undefined, 'https://example.org/blog/').lead).toContain(
      'href="https://example.org/blog/a/"',
    );
    // Without it, a leading slash is the host's root, as a browser reads Hugo's page.
    expect(renderArticleHtml('![a](/images/a.png)', page).html).toBe('<p><img src="https://example.org/images/a.png" alt="a" /></p>\n');
  });

  it('gives protocol-relative URLs https even on an http page', () => {
    const { html } = renderArticleHtml('![a](//cdn.example.net/a.png) [b](//cdn.example.net/b)', 'http://example.com/a/');
    expect(html).toBe('<p><img src="https://cdn.example.net/a.png" alt="a" /> <a href="https://cdn.example.net/b">b</a></p>\n');
  });

  it('reports a relative URL once however often it appears, and non-ASCII as written', () => {
    const { rewritten } = renderArticleHtml('[a](x/) [b](x/) ![c](图片.png) <img src="x/">', PAGE_URL);
    expect(rewritten).toEqual(['x/', '图片.png']);
  });

  it('takes the first image in document order, raw HTML included', () => {
    const { firstImage } = renderArticleHtml('<img src="raw.png">\n\n![md](md.png)', PAGE_URL);
    expect(firstImage).toBe(`${PAGE_URL}raw.png`);
  });

  it('throws on a page URL that is not absolute', () => {
    expect(() => renderArticleHtml('x', '/relative/')).toThrow(TypeError);
  });
});

describe('renderArticleHtml: sanitizing', () => {
  const result = renderArticleHtml(readMarkdownFixture('raw-html.md'), PAGE_URL);

  it('matches the golden HTML', () => {
    expectGolden('raw-html.html', result.html);
  });

  it('drops script, style, iframe, forms, svg, object and head elements with their content', () => {
    expect(safetyProblems(result.html)).toEqual([]);
    for (const gone of ['alert', 'display: none', 'iframe body', 'no player', 'Send', 'typed', 'one', 'circle', 'evil', 'swf', 'refresh']) {
      expect(result.html).not.toContain(gone);
    }
    expect(result.html).toContain('Form text');
  });

  it('leaves a link where an embedded player with an http(s) source was, named by its title', () => {
    expect(result.html).toContain('<a href="https://player.example/v/1">The talk');
    expect(renderArticleHtml('<iframe src="//www.youtube.com/embed/abc"></iframe>', PAGE_URL).html).toBe(
      '<a href="https://www.youtube.com/embed/abc">https://www.youtube.com/embed/abc</a>',
    );
  });

  it('lets through only elements and attributes the W3C service accepts, but controls on media', () => {
    expect(SANITIZER_ALLOWS.tags.filter((tag) => !W3C_ACCEPTABLE_ELEMENTS.has(tag))).toEqual([]);
    const attributes = Object.entries(SANITIZER_ALLOWS.attributes).flatMap(([tag, names]) => names.map((name) => `${tag} ${name}`));
    expect(attributes.length).toBeGreaterThan(30);
    expect(attributes.filter((pair) => !W3C_ACCEPTABLE_ATTRIBUTES.has(pair.split(' ')[1] ?? ''))).toEqual(['video controls', 'audio controls']);
    // And what comes out says the same to the validator's check.
    const html = renderArticleHtml('<p><bdo dir="rtl">abc</bdo> <video src="v.mp4" data-x="1"></video></p>', PAGE_URL).html;
    expect(html).toBe('<p>abc <video src="https://example.com/zh-cn/news/qq/20250210a05md2/v.mp4" controls></video></p>');
    expect(htmlWarnings(html).map((w) => w.message)).toEqual(['<video controls> is not an attribute the validator accepts']);
  });

  it('keeps article markup and drops handlers, style, class and id', () => {
    expect(result.html).toContain('<p>Safe <em>inline</em> HTML and <mark>marks</mark> stay.</p>');
    expect(result.html).toContain('<p>Paragraph with handlers.</p>');
    expect(result.html).toContain('<img src="https://example.com/zh-cn/news/qq/20250210a05md2/a.png" alt="handlers" />');
    expect(result.html).toContain('<details open><summary>More</summary><p>Hidden <abbr title="HyperText">HTML</abbr>.</p></details>');
  });

  it('removes javascript:, vbscript: and data: URLs, keeping the links and dropping an image left without a source', () => {
    expect(result.html).toContain('<p><a>js link</a> <a>vb link</a> </p>');
    expect(result.html).not.toContain('data image');
  });

  it('gives audio and video controls and no autoplay', () => {
    expect(result.html).toContain('<audio src="https://example.com/zh-cn/news/qq/20250210a05md2/sound.mp3" controls></audio>');
  });

  const vectorsFile = fileURLToPath(new URL('../../fixtures/markdown/xss-vectors.txt', import.meta.url));
  const vectors = readFileSync(vectorsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replaceAll('\\n', '\n'));

  it.each(vectors)('neutralizes %s', (vector) => {
    // Act
    const { html } = renderArticleHtml(vector, PAGE_URL);
    // Assess
    expect(safetyProblems(html)).toEqual([]);
  });

  it('removes a javascript: link written in Markdown in every obfuscation', () => {
    for (const md of [
      '[x](javascript:alert(1))',
      '[x](JAVASCRIPT:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](<javascript:alert(1)>)',
      '[x]( javascript:alert(1))',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '<javascript:alert(1)>',
      '![x](javascript:alert(1))',
    ]) {
      const { html } = renderArticleHtml(md, PAGE_URL);
      expect(
        tagsOf(html).filter((t) => t.attributes.has('href') || t.attributes.has('src')),
        md,
      ).toEqual([]);
      expect(safetyProblems(html), md).toEqual([]);
    }
  });

  it('keeps the text of a link whose URL a feed may not carry, as Hugo does, instead of the Markdown as written', () => {
    expect(renderArticleHtml('[js](javascript:alert(1)) and [f](file:///etc/passwd) [ok](https://x.org/)', PAGE_URL).html).toBe(
      '<p><a>js</a> and <a>f</a> <a href="https://x.org/">ok</a></p>\n',
    );
  });
});

describe('renderArticleHtml: lazy-loaded images', () => {
  const render = (markdown: string) => renderArticleHtml(markdown, PAGE_URL);
  const base = 'https://example.com/zh-cn/news/qq/20250210a05md2/';

  it('gives an image pasted from WeChat its data-src, and a placeholder src the data-original or data-lazy-src', () => {
    expect(render('<img data-src="https://mmbiz.qpic.cn/x.jpg">').html).toBe('<img src="https://mmbiz.qpic.cn/x.jpg" />');
    expect(render('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-original="/real2.jpg" alt="x">').html).toBe(
      '<img src="https://example.com/real2.jpg" alt="x" />',
    );
    expect(render('<p><img src="" data-lazy-src="img/l.jpg" data-src=" " alt="l"></p>').html).toBe(`<p><img src="${base}img/l.jpg" alt="l" /></p>`);
    // The first of data-src, data-original and data-lazy-src; an image with a src of its own keeps it.
    expect(render('<img data-lazy-src="/c.jpg" data-original="/b.jpg" data-src="/a.jpg">').html).toBe('<img src="https://example.com/a.jpg" />');
    expect(render('<img src="/own.jpg" data-src="/lazy.jpg">').html).toBe('<img src="https://example.com/own.jpg" />');
  });

  it('takes data-srcset as the srcset, and shows a srcset alone by its first candidate', () => {
    expect(render('<img src="data:image/gif;base64,AA" data-src="a.jpg" data-srcset="a.jpg 1x, b.jpg 2x">').html).toBe(
      `<img src="${base}a.jpg" srcset="${base}a.jpg 1x, ${base}b.jpg 2x" />`,
    );
    expect(render('<img data-srcset="/a.jpg 640w, /b.jpg 1280w" sizes="50vw">').html).toBe(
      '<img src="https://example.com/a.jpg" sizes="50vw" srcset="https://example.com/a.jpg 640w, https://example.com/b.jpg 1280w" />',
    );
    // A comma inside a URL is the URL's (an image CDN's transformations), not the end of the candidate.
    const cdn = 'https://res.cloudinary.com/d/image/upload/w_400,h_300/c.jpg';
    expect(render(`<img srcset="${cdn} 1x, /b.jpg 2x">`).html).toBe(`<img src="${cdn}" srcset="${cdn} 1x, https://example.com/b.jpg 2x" />`);
    expect(render(`<img srcset="${cdn}">`).html).toBe(`<img src="${cdn}" srcset="${cdn}" />`);
  });

  it('keeps the image of a noscript fallback, unwrapped, unless an earlier image shows the same', () => {
    expect(render('<noscript><img src="/ns.jpg"></noscript>').html).toBe('<p><img src="https://example.com/ns.jpg" /></p>\n');
    expect(render('<noscript>\n<p>Turn on JavaScript</p>\n<img src="/ns.jpg" alt="n">\n</noscript>').html).toBe(
      '<img src="https://example.com/ns.jpg" alt="n" />',
    );
    // A WeChat paste: the lazy image and its fallback are one image.
    expect(render('<img data-src="https://mmbiz.qpic.cn/y.jpg"><noscript><img src="https://mmbiz.qpic.cn/y.jpg"></noscript>').html).toBe(
      '<p><img src="https://mmbiz.qpic.cn/y.jpg" /></p>\n',
    );
    // The same URL written relative and absolute, and twice in fallbacks, is one image too.
    expect(
      render('<img src="https://example.com/a.jpg"><noscript><img src="/a.jpg"><img src="/b.jpg"></noscript><noscript><img src="/b.jpg"></noscript>').html,
    ).toBe('<p><img src="https://example.com/a.jpg" /><img src="https://example.com/b.jpg" /></p>\n');
    // A noscript left open is dropped with what it holds, as before.
    expect(render('text <noscript><img src="/a.jpg">').html).toBe('<p>text </p>\n');
  });

  it('drops an image left without a source: a javascript: or data: URL promoted, or none at all', () => {
    expect(render('<img data-src="javascript:alert(1)" alt="js"><img src="data:x" data-src="data:text/html,x">').html).toBe('<p></p>\n');
    expect(render('<p>a<img alt="nothing">b</p>').html).toBe('<p>ab</p>');
    expect(render('<noscript><img data-src="java\tscript:alert(1)"></noscript>').html).toBe('<p></p>\n');
    expect(render('a ![y](javascript:alert(1)) b').html).toBe('<p>a  b</p>\n');
  });

  it('takes the promoted URL as the first image, the thumbnail of the item', () => {
    const lazy = '<p><img src="data:image/gif;base64,AA" data-original="/real2.jpg" alt="x"></p>\n\n![later](/later.png)';
    expect(render(lazy).firstImage).toBe('https://example.com/real2.jpg');
    expect([...render(lazy).rewritten].sort()).toEqual(['/later.png', '/real2.jpg']);
    expect(deriveContent(lazy, PAGE_URL, true).image).toBe('https://example.com/real2.jpg');
    expect(deriveContent('<noscript><img src="/ns.jpg"></noscript>', PAGE_URL, true).image).toBe('https://example.com/ns.jpg');
    // An image that is dropped is no thumbnail.
    expect(deriveContent('<img data-src="javascript:x"> ![b](/b.png)', PAGE_URL, true).image).toBe('https://example.com/b.png');
  });
});

describe('renderArticleHtml: <!--more-->', () => {
  it('splits at a divider on its own line and removes it', () => {
    // Act
    const result = renderArticleHtml(readMarkdownFixture('more-top.md'), PAGE_URL);
    // Assess
    expect(result.lead).toBe('<p>Top part with <strong>bold</strong> and a <a href="https://example.com/zh-cn/news/qq/20250210a05md2/intro/">link</a>.</p>\n');
    expect(result.html).not.toContain('more');
    expect(result.html.startsWith(result.lead ?? '-')).toBe(true);
    expect(result.html).toContain('The rest');
  });

  it('closes the elements left open by a divider inside a list item', () => {
    const result = renderArticleHtml(readMarkdownFixture('more-inline.md'), PAGE_URL);
    expect(result.lead).toBe('<ul>\n<li>first item </li></ul>');
    expect(result.html).toBe('<ul>\n<li>first item  continues</li>\n<li>second item</li>\n</ul>\n<p>After the list.</p>\n');
  });

  it('finds the divider inside raw HTML and with inner spaces', () => {
    expect(renderArticleHtml('<div>\n<!--more-->\n</div>\n\nrest', PAGE_URL).lead).toBe('<div>\n</div>');
    expect(renderArticleHtml('lead\n\n<!-- more -->\n\nrest', PAGE_URL).lead).toBe('<p>lead</p>\n');
  });

  it('has no lead without a divider, or when the divider is code', () => {
    expect(renderArticleHtml('just text', PAGE_URL).lead).toBeUndefined();
    const code = renderArticleHtml('`<!--more-->`\n\n    <!--more-->\n', PAGE_URL);
    expect(code.lead).toBeUndefined();
    expect(code.html).toBe('<p><code>&lt;!--more--&gt;</code></p>\n<pre><code>&lt;!--more--&gt;\n</code></pre>\n');
  });
});

describe('renderArticleHtml: Hugo shortcodes', () => {
  const result = renderArticleHtml(readMarkdownFixture('shortcodes.md'), PAGE_URL);

  it('matches the golden HTML', () => {
    expectGolden('shortcodes.html', result.html);
  });

  it('removes calls and keeps the inner Markdown of paired ones', () => {
    expect(result.html).toContain('<p>Inner <strong>Markdown</strong> is kept.</p>');
    expect(result.html).toContain('<p>Paired content stays.</p>');
    expect(result.html).toContain('<p>Self-closing  and  vanish.</p>');
    expect(result.html).not.toMatch(/notice|details|gallery|toc/);
  });

  it('links the post of a gist, tweet or instagram call (each form Hugo 0.111 takes), as it links a video', () => {
    expect(result.html).toContain(
      [
        '<p>Embeds: <a href="https://gist.github.com/user/12345">https://gist.github.com/user/12345</a>, ',
        '<a href="https://twitter.com/SanDiegoZoo/status/1453110110599868418">https://twitter.com/SanDiegoZoo/status/1453110110599868418</a>, ',
        // The older form names no user: Hugo asks Twitter for user x, which leads to the post too.
        '<a href="https://twitter.com/x/status/1453110110599868418">https://twitter.com/x/status/1453110110599868418</a>, ',
        '<a href="https://www.instagram.com/p/BWNjjyYFxVx/">https://www.instagram.com/p/BWNjjyYFxVx/</a> and ',
        '<a href="https://vimeo.com/48912912">https://vimeo.com/48912912</a>.</p>',
      ].join(''),
    );
  });

  it('shows a param call as the text Hugo shows, its Markdown as written, and the percent form as Markdown', () => {
    // Arrange: what parsing found for the keys (the page's value, else the site's).
    const params: [string, string][] = [
      ['author', 'Page <b>*A*</b> & co'],
      ['social.twitter', 'pageTw'],
    ];
    // Act
    const { html } = renderArticleHtml(
      'A {{< param "author" >}} B {{< param social.twitter >}} C {{% param "author" %}} D {{< param "gone" >}} E',
      PAGE_URL,
      undefined,
      undefined,
      params,
    );
    // Assess: the HTML Hugo 0.111 renders for these calls (checked with hugo).
    expect(html).toBe('<p>A Page &lt;b&gt;*A*&lt;/b&gt; &amp; co B pageTw C Page &lt;b&gt;<em>A</em>&lt;/b&gt; &amp; co D  E</p>\n');
  });

  it('puts a {{< param >}} value into the rendered HTML, escaped where it lands, never read as Markdown', () => {
    // Arrange: what parsing found (the site params of the review's cases).
    const params: [string, string][] = [
      ['version', '1.2.3'],
      ['company', 'AT&T'],
      ['lines', 'one\n\n    two'],
      ['quoted', `say "hi" it's`],
      ['url', 'https://a.example/x?a=1&b=2'],
      ['page', 'other/page/'],
      ['js', 'javascript:alert(1)'],
    ];
    const render = (markdown: string) => renderArticleHtml(markdown, PAGE_URL, undefined, undefined, params);
    // Act / Assess: the HTML Hugo 0.111 writes for each (checked with hugo; it writes `"` and `'` as &#34; and &#39;).
    expect(render('`pip install foo=={{< param version >}}` `{{< param company >}}`').html).toBe(
      '<p><code>pip install foo==1.2.3</code> <code>AT&amp;T</code></p>\n',
    );
    expect(render('```sh\npip install foo=={{< param version >}}\n```').html).toBe('<pre><code class="language-sh">pip install foo==1.2.3\n</code></pre>\n');
    expect(render('    x {{< param company >}}').html).toBe('<pre><code>x AT&amp;T\n</code></pre>\n');
    // A blank line and an indented line in a value start no block: the paragraph goes on.
    expect(render('Before {{< param lines >}} after.').html).toBe('<p>Before one\n\n    two after.</p>\n');
    // Alone in a paragraph, the value takes the paragraph's place (Hugo drops the `<p>` around a placeholder).
    expect(render('a\n\n{{< param version >}}\n\n> {{< param company >}}').html).toBe('<p>a</p>\n1.2.3\n<blockquote>\nAT&amp;T\n</blockquote>\n');
    expect(render('{{< param version >}}{{< param version >}}').html).toBe('<p>1.2.31.2.3</p>\n');
    // In an attribute, whole: quoted in a double-quoted one, and in a single-quoted one of raw HTML.
    expect(render(`<span title="{{< param quoted >}}">x</span><span title='{{< param quoted >}}'>y</span>`).html).toBe(
      `<p><span title="say &quot;hi&quot; it's">x</span><span title="say &quot;hi&quot; it's">y</span></p>\n`,
    );
    expect(render('![{{< param quoted >}}](a.png "t {{< param company >}}")').html).toBe(
      `<p><img src="${PAGE_URL}a.png" alt="say &quot;hi&quot; it's" title="t AT&amp;T" /></p>\n`,
    );
    // A link's destination is the URL the value makes: resolved against the page, or dropped (Hugo keeps
    // `javascript:`; a feed may not).
    const links = render('[a]({{< param url >}}) [b]({{< param page >}}) [c]({{< param js >}}) <https://a.example/{{< param version >}}>');
    expect(links.html).toBe(
      `<p><a href="https://a.example/x?a=1&amp;b=2">a</a> <a href="${PAGE_URL}other/page/">b</a> <a>c</a> <a href="https://a.example/1.2.3">https://a.example/1.2.3</a></p>\n`,
    );
    expect(links.rewritten).toEqual(['other/page/']);
    // The percent form is Markdown: Hugo's template escaping (`&#34;` for `"`) shows as written in code, and its
    // quotes, references in the Markdown, stay straight in text.
    expect(render('`{{% param quoted %}}` {{% param quoted %}}').html).toBe(
      `<p><code>say &amp;#34;hi&amp;#34; it&amp;#39;s</code> say &quot;hi&quot; it's</p>\n`,
    );
  });

  it('leaves text shaped as a param placeholder as written, whoever wrote it', () => {
    // Arrange: the placeholder a body would get if it were made from the Markdown alone (it is a digest of the
    // Markdown with the params and refs): any text that held its own placeholder would hold a digest of itself.
    const params: [string, string][] = [['a', 'VALUE']];
    const body = 'x {{< param a >}} y';
    const guessed = `feedpub${sha256(JSON.stringify([body, params, []])).slice(0, 32)}v0z`;
    // Act
    const forged = renderArticleHtml(`${body} ${guessed} \`${guessed}\``, PAGE_URL, undefined, undefined, params).html;
    const fromValue = renderArticleHtml(body, PAGE_URL, undefined, undefined, [['a', `${guessed} <b>`]]).html;
    // Assess: the guess was right for the body alone, and is text in a body that holds it.
    expect(renderArticleHtml(body, PAGE_URL, undefined, undefined, params).html).toBe('<p>x VALUE y</p>\n');
    expect(forged).toBe(`<p>x VALUE y ${guessed} <code>${guessed}</code></p>\n`);
    expect(fromValue).toBe(`<p>x ${guessed} &lt;b&gt; y</p>\n`);
    expect(renderArticleHtml('{{< param a >}}', PAGE_URL, undefined, undefined, [['a', 'feedpub0v0z']]).html).toBe('feedpub0v0z\n');
  });

  it(`refuses to show more than ${MAX_PARAM_CHARS} characters of params in one article, in either form`, () => {
    // Arrange: a 60,000-character value (a front matter value may be 64 KiB) called 70 times: 4.2 million characters.
    const params: [string, string][] = [['a', 'x'.repeat(60_000)]];
    for (const call of ['{{< param a >}}', '{{% param a %}}']) {
      // Act / Assess: thrown before anything is rendered (an article under the bound renders as it is).
      expect(() => renderArticleHtml(`${call} `.repeat(70), PAGE_URL, undefined, undefined, params)).toThrow(RangeError);
      expect(renderArticleHtml(`${call} `.repeat(69), PAGE_URL, undefined, undefined, params).html).toHaveLength(69 * 60_001 + 7);
    }
  });

  it('counts a param where it lands: a link reference title used 500 times is refused, not 500 MB of HTML', () => {
    // Arrange: one call, in a reference definition's title, copied into every link that uses it (a security review).
    const params: [string, string][] = [['v', 'a'.repeat(100_000)]];
    const body = `${'[a][r] '.repeat(500)}\n\n[r]: /x "{{< param v >}}"\n`;
    // Act / Assess
    expect(() => renderArticleHtml(body, PAGE_URL, undefined, undefined, params)).toThrow(/shortcodes show over/);
    // 40 uses (4 million characters) are shown, each with the whole value.
    const shown = renderArticleHtml(body.replace('[a][r] '.repeat(500), '[a][r] '.repeat(40)), PAGE_URL, undefined, undefined, params).html;
    expect(shown.split(`title="${'a'.repeat(100_000)}"`)).toHaveLength(41);
  });

  it('finds a call right after another brace, as Hugo 0.111 does (a{{{< param w >}}}b is a{word}b)', () => {
    expect(renderArticleHtml('a{{{< param w >}}}b', PAGE_URL, undefined, undefined, [['w', 'word']]).html).toBe('<p>a{word}b</p>\n');
  });

  it('refuses a link reference whose URL or title, copied into each of its links, makes more than an article can hold', () => {
    // Arrange: a 107 KB body (a 100,000-character title, 500 uses) that markdown-it would make 50 MB of HTML of.
    const body = `${'[a][r] '.repeat(500)}\n\n[r]: /x "${'t'.repeat(100_000)}"\n`;
    // Act / Assess: refused before the HTML is made; 100 uses are fine.
    expect(() => renderArticleHtml(body, PAGE_URL)).toThrow(/links and images hold over/);
    expect(renderArticleHtml(`${'[a][r] '.repeat(100)}\n\n[r]: /x "${'t'.repeat(100_000)}"\n`, PAGE_URL).html.length).toBeGreaterThan(10_000_000);
  });

  it('keeps a hostile param value inert wherever it lands: text, code, attributes, links, raw HTML', () => {
    // Arrange: markup, an attribute breakout, a CDATA end, a script URL and characters XML forbids.
    const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> ' onmouseover='alert(1) ]]> \u0000\u0001\u000b\u001f\ufffe end`;
    const places = [
      'Text {{< param h >}} and {{% param h %}}.',
      '`{{< param h >}}` and `{{% param h %}}`',
      '```{{< param h >}}\n{{< param h >}}\n```',
      '    {{< param h >}}',
      '<span title="{{< param h >}}">a</span> <span title=\'{{< param h >}}\'>b</span> <span title={{< param h >}}>c</span>',
      '<a href="{{< param h >}}">d</a> <img src="{{< param h >}}" alt="{{< param h >}}">',
      '[e]({{< param h >}}) ![f {{< param h >}}]({{< param h >}} "{{< param h >}}")',
      '{{< param h >}}',
    ];
    for (const markdown of [...places, places.join('\n\n')]) {
      // Act
      const { html } = renderArticleHtml(markdown, PAGE_URL, undefined, undefined, [['h', hostile]]);
      // Assess
      expect(safetyProblems(html), markdown).toEqual([]);
      expect(isXmlValid(html), markdown).toBe(true);
      expect(html, markdown).not.toMatch(OTHER_REFERENCE);
      expect(html, markdown).not.toMatch(/\ufffe|feedpub[0-9a-f]{32}/);
      // Its text is all there is of it: no element, and no attribute beyond those the Markdown wrote.
      const written = tagsOf(html).filter((t) => !t.closing);
      expect(
        written.filter((t) => t.name === 'img' && t.attributes.get('src') === 'x'),
        markdown,
      ).toEqual([]);
      expect(
        written.flatMap((t) => [...t.attributes.keys()]).filter((a) => !['title', 'href', 'src', 'alt', 'class'].includes(a)),
        markdown,
      ).toEqual([]);
      // A fence's language is the value's first word: one class, as for a language written there.
      for (const t of written) if (t.attributes.has('class')) expect(t.attributes.get('class'), markdown).toBe('language-<script>alert(1)</script>');
    }
  });

  it('keeps figure images, video links and highlighted code', () => {
    // Hugo's template writes a line break (a space) before the `attrlink` link.
    expect(result.html).toContain(
      '<figure><a href="https://example.org/source"><img src="https://example.com/zh-cn/news/qq/20250210a05md2/images/cover.jpg" alt="Cover" /></a><figcaption><h4>The cover</h4><p>Photo by <em>Ann</em> &amp; <a href="https://example.com/zh-cn/news/qq/co/">co</a> <a href="https://example.org/agency">Agency</a></p></figcaption></figure>',
    );
    // Hugo's template: a caption alone is the image's alt text too, as plain text.
    expect(result.html).toContain(
      '<figure><img src="https://example.com/zh-cn/news/qq/20250210a05md2/images/map.png" alt="The old map" /><figcaption><p>The <strong>old</strong> map</p></figcaption></figure>',
    );
    expect(result.html).toContain('<a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">');
    expect(result.html).toContain('<a href="https://vimeo.com/146022717">');
    expect(result.html).toContain('<pre><code class="language-go"># not a heading\nfunc main() { fmt.Println("{{ .Title }}") }\n</code></pre>');
    expect(result.firstImage).toBe('https://example.com/zh-cn/news/qq/20250210a05md2/images/cover.jpg');
  });

  it('reads a bounded share of a body made of unclosed calls, and leaves the rest as written', () => {
    // Each `{{<\"` opens a quote that `\"` never closes, so its scan reads 4 KiB: 1,000 of them are over the
    // budget (4 reads a character); without it they cost ~4 s a MB.
    const call = '{{< youtube abc >}}';
    expect(renderArticleHtml(`text ${call}`, PAGE_URL).html).toContain('https://www.youtube.com/watch?v=abc');
    const hostile = renderArticleHtml(`${'{{<\\"'.repeat(1_000)}\n\n${call}`, PAGE_URL).html;
    expect(hostile).not.toContain('https://www.youtube.com/watch?v=abc');
    expect(hostile).toContain('{{&lt; youtube abc &gt;}}');
    // A long body of ordinary calls is expanded whole.
    expect(
      renderArticleHtml(`${'x '.repeat(50_000)}${call.repeat(2_000)}`, PAGE_URL).html.split('<a href="https://www.youtube.com/watch?v=abc">').length - 1,
    ).toBe(2_000);
  });

  it('puts the URL a ref or relref call resolved to in its place, and nothing for one that resolved to none', () => {
    // Arrange: what `resolveRefs` found for two of the three calls.
    const refs = new Map([
      [refKey({ path: 'b.md' }), 'https://example.com/posts/b/'],
      [refKey({ path: 'b.md', lang: 'fr' }), 'https://example.com/fr/posts/b/#top'],
    ]);
    const markdown = [
      '[B]({{< ref "b.md" >}}), [B fr]({{% relref path="b.md" lang="fr" %}}), [gone]({{< ref "gone" >}})',
      '',
      '```',
      '{{< ref "b.md" >}} {{</* ref "b.md" */>}}',
      '```',
    ].join('\n');
    // Act
    const { html, rewritten } = renderArticleHtml(markdown, PAGE_URL, refs);
    // Assess
    expect(html).toContain('<a href="https://example.com/posts/b/">B</a>, <a href="https://example.com/fr/posts/b/#top">B fr</a>, <a>gone</a>');
    expect(html).toContain('<pre><code>https://example.com/posts/b/ {{&lt; ref &quot;b.md&quot; &gt;}}\n</code></pre>');
    expect(rewritten).toEqual([]);
    // Without resolved refs (a caller that has none), the calls give nothing, as before.
    expect(renderArticleHtml(markdown, PAGE_URL).html).toContain('<a>B</a>, <a>B fr</a>, <a>gone</a>');
  });

  it('puts a ref URL in as a URI that neither ends a link destination nor an attribute early', () => {
    // Arrange: a page whose `url` is `/x)y/`, one with a space and a quote, and a fragment with a control character.
    const refs = new Map([
      [refKey({ path: 'b' }), 'https://example.com/x)y/'],
      [refKey({ path: 'c' }), 'https://example.com/a b"c/#p\u007fq'],
    ]);
    // Act
    const { html } = renderArticleHtml('[1]({{< ref "b" >}}) after, <a href="{{< ref "c" >}}">2</a>', PAGE_URL, refs);
    // Assess
    expect(html).toContain('<a href="https://example.com/x%29y/">1</a> after');
    expect(html).toContain('<a href="https://example.com/a%20b%22c/#p%7Fq">2</a>');
  });

  it('writes a self-closed highlight as an empty code block and the rest as Markdown, as Hugo 0.111 does', () => {
    // Arrange: Hugo writes `<p>Before.</p>`, an empty highlighted `<code class="language-go">`, then the rest as
    // Markdown; before, the call opened a fence that only a later closing call ended. A call inside a paragraph
    // puts its block there, as Hugo's page does, which an HTML parser (a reader's, as a browser's) reads as
    // the paragraph closed before the block, the rest of its text after it, and an empty `<p></p>` for its end.
    const md = 'Before.\n\n{{< highlight go />}}\n\nAfter **paragraph**.\n\nInline {{< highlight />}} here.\n\n{{% highlight sh /%}}\n\nEnd *x*.\n';
    // Act
    const { html } = renderArticleHtml(md, PAGE_URL);
    // Assess
    expect(html).toBe(
      [
        '<p>Before.</p>',
        '<pre><code class="language-go"></code></pre>',
        '<p>After <strong>paragraph</strong>.</p>',
        '<p>Inline </p><pre><code></code></pre> here.<p></p>',
        '<pre><code class="language-sh"></code></pre>',
        '<p>End <em>x</em>.</p>',
        '',
      ].join('\n'),
    );
  });

  it('removes a closing highlight call with none open (Hugo fails the build): the rest stays Markdown', () => {
    // Act
    const { html } = renderArticleHtml('{{< highlight go />}}\n\nA *b*.\n\n{{< /highlight >}}\n\nC *d*.\n', PAGE_URL);
    // Assess
    expect(html).toBe('<pre><code class="language-go"></code></pre>\n<p>A <em>b</em>.</p>\n<p>C <em>d</em>.</p>\n');
  });

  it('puts a {{< figure >}} where Hugo 0.111 puts it: in the paragraph, list item or quote whose line it is on', () => {
    // Arrange: Hugo inserts a `{{< >}}` call's output into the HTML its Markdown made, so the call is part of the
    // paragraph it is in; written into the Markdown as an HTML block, it swallowed the lines after it as raw HTML.
    const at = (markdown: string): string => renderArticleHtml(markdown, PAGE_URL).html;
    // Act / Assess: the line after it is Markdown, and an HTML parser closes the paragraph before the figure, as a
    // browser reads Hugo's page.
    expect(at('The river rose.\n{{< figure src="f.jpg" alt="Flood" >}}\nMore *text*.')).toBe(
      '<p>The river rose.\n</p><figure><img src="https://example.com/zh-cn/news/qq/20250210a05md2/f.jpg" alt="Flood" /></figure>\nMore <em>text</em>.<p></p>\n',
    );
    // A paragraph's lazy line: the figure stays in the list item; a list after the call is a list.
    expect(at('- Item one\n{{< figure src="f.jpg" >}}\n- Item two')).toBe(
      '<ul>\n<li>Item one\n<figure><img src="https://example.com/zh-cn/news/qq/20250210a05md2/f.jpg" /></figure></li>\n<li>Item two</li>\n</ul>\n',
    );
    expect(at('{{< figure src="f.jpg" >}}\n- A list')).toBe(
      '<figure><img src="https://example.com/zh-cn/news/qq/20250210a05md2/f.jpg" /></figure>\n<ul>\n<li>A list</li>\n</ul>\n',
    );
  });

  it('puts a {{< highlight >}} block in the quote whose line it is on, its blank lines in it', () => {
    // Arrange: a fenced code block in the Markdown ended the quote.
    const { html } = renderArticleHtml('> Quoted\n{{< highlight go >}}\nx := 1\n\ny := "2"\n{{< /highlight >}}\n\nAfter.', PAGE_URL);
    // Assess
    expect(html).toBe('<blockquote>\n<p>Quoted\n</p><pre><code class="language-go">x := 1\n\ny := "2"\n</code></pre><p></p>\n</blockquote>\n<p>After.</p>\n');
    // Alone in its paragraph, it takes the paragraph's place, and the HTML needs no sanitizing (its code is escaped).
    expect(renderArticleHtml('{{< highlight go >}}\na < "b" {{< param v >}}\n{{< /highlight >}}', PAGE_URL, undefined, undefined, [['v', '<i>']]).html).toBe(
      '<pre><code class="language-go">a &lt; &quot;b&quot; &lt;i&gt;\n</code></pre>\n',
    );
  });

  it('ends a {{% figure %}} with the last line break of the Hugo template: the next line is a paragraph of Markdown', () => {
    // Act: Hugo puts the output of a `{{% %}}` call into the Markdown, where its last line break leaves a blank line.
    const { html } = renderArticleHtml('{{% figure src="f.jpg" caption="Cap" %}}\nThe *next* line.', PAGE_URL);
    // Assess
    expect(html).toContain('</figcaption></figure>\n<p>The <em>next</em> line.</p>\n');
  });

  it('writes a {{< ref >}} URL in text as text, as Hugo does, and links a {{% ref %}} one as a bare URL', () => {
    // Arrange
    const refs = new Map([[refKey({ path: 'b' }), 'https://example.com/posts/b/']]);
    // Act
    const { html } = renderArticleHtml('See {{< ref "b" >}} and {{% ref "b" %}}, [b]({{< ref "b" >}}).', PAGE_URL, refs);
    // Assess
    expect(html).toBe(
      '<p>See https://example.com/posts/b/ and <a href="https://example.com/posts/b/">https://example.com/posts/b/</a>, <a href="https://example.com/posts/b/">b</a>.</p>\n',
    );
  });

  it('renders 200 KB of shortcode blocks, figures and unclosed highlights in paragraphs', () => {
    // Arrange: the worst cases of the placeholders: every call a block inside a paragraph (each goes through the
    // sanitizer), an unclosed highlight that takes in the rest, and calls nested in one. Each call is read once
    // and its output inserted once by one pass of a regular expression over the HTML, so the work is linear.
    const bodies = [
      'a {{< highlight go >}}x{{< /highlight >}} '.repeat(5_000),
      'a {{< figure src="f.jpg" caption="*c*" >}} '.repeat(5_000),
      'a {{< highlight go >}}'.repeat(10_000),
      `{{< highlight go >}}${'{{< figure src=f >}}{{< param v >}}'.repeat(6_000)}`,
    ];
    for (const body of bodies) {
      expect(body.length).toBeGreaterThan(200_000);
      // Act / Assess: it renders (an article past a bound is refused with a RangeError, which is also an end).
      try {
        expect(renderArticleHtml(body, PAGE_URL, undefined, undefined, [['v', 'v']]).html.length).toBeGreaterThan(0);
      } catch (error) {
        expect(error).toBeInstanceOf(RangeError);
      }
    }
  });

  it('ends 12,000 highlight blocks in time linear in the body, in Markdown and in an HTML body', () => {
    // Arrange: each end took the line break before it off all the text made so far, copying it (a review:
    // 512 Ki characters of `{{% highlight %}}` blocks took 3.7 s, of an HTML body's 19 s).
    const block = (open: '<' | '%') => {
      const close = open === '<' ? '>' : '%';
      return `{{${open} highlight go ${close}}}\r\nx\r\n{{${open} /highlight ${close}}}\n`;
    };
    for (const [body, markup] of [
      [block('%').repeat(12_000), undefined],
      [block('<').repeat(12_000), 'html'],
      [block('%').repeat(12_000), 'html'],
    ] as const) {
      // Act
      const { html } = renderArticleHtml(body, PAGE_URL, undefined, undefined, undefined, undefined, undefined, markup);
      // Assess: each block its own code, its line break before the end call one.
      expect(html.split('<pre><code class="language-go">x\n</code></pre>\n'), `${markup} ${body.slice(0, 4)}`).toHaveLength(12_001);
    }
  });

  it('shows nothing for a figure without a src or caption, or a video, gist, tweet or instagram call without its id', () => {
    // Arrange: Hugo 0.111 writes an embed of no video for `youtube` and fails the build for `tweet` and
    // `instagram`; a link that names no video or post would lead nowhere.
    const md =
      'A {{< figure >}}{{< figure src="" >}} B {{< youtube >}}{{< vimeo id="" >}}{{< gist user >}}{{< gist "" 1 >}} C {{< tweet >}}{{< tweet id="" user="u" >}}{{< instagram >}}.';
    // Act
    const { html } = renderArticleHtml(md, PAGE_URL);
    // Assess
    expect(html).toBe('<p>A  B  C .</p>\n');
  });

  it('keeps the caption of a figure without a src, where Hugo 0.111 writes it after an image of no source', () => {
    // Arrange: Hugo writes `<img src="" alt="Cap x"/>` (in `<a href>` with a link), then the caption.
    const md = '{{< figure caption="Cap *x*" title="T" >}}\n\n{{< figure src="" link="https://l.example/" attr="Credit" attrlink="https://c.example/" >}}\n';
    // Act
    const { html } = renderArticleHtml(md, PAGE_URL);
    // Assess
    expect(html).toBe(
      '<figure><figcaption><h4>T</h4><p>Cap <em>x</em></p></figcaption></figure>\n' +
        '<figure><figcaption><p> <a href="https://c.example/">Credit</a></p></figcaption></figure>\n',
    );
  });

  it('drops the CRLF line break after an opening {{% highlight %}} as it drops a LF one', () => {
    const { html } = renderArticleHtml('{{% highlight go %}}\r\nx := 1\r\n{{% /highlight %}}\r\n', PAGE_URL);
    expect(html).toBe('<pre><code class="language-go">x := 1\n</code></pre>\n');
  });

  it('shows the escaped form literally and leaves unclosed braces alone', () => {
    expect(result.html).toContain('<code>{{&lt; figure src="x.png" &gt;}}</code>');
    expect(result.html).toContain('<p>Unclosed {{&lt; braces stay as text.</p>');
  });
});

describe('renderArticleHtml: XML safety of the text', () => {
  it('keeps "]]>" as text', () => {
    const { html } = renderArticleHtml(readMarkdownFixture('cdata.md'), PAGE_URL);
    expect(html).not.toContain(']]>');
    expect(html.match(/\]\]&gt;/g)).toHaveLength(5);
    expect(html).toContain('<p title="a ]]&gt; b">raw ]]&gt; html</p>');
  });

  it('removes control characters, U+FFFE and U+FFFF, also from references in raw HTML', () => {
    // Act
    const { html } = renderArticleHtml(readMarkdownFixture('control-chars.md'), PAGE_URL);
    // Assess
    expect(isXmlValid(html)).toBe(true);
    expect(html).toContain('soh bs vt ff us nonchars end, tab\tkept.');
    expect(html).toContain('<span title="tt">');
    expect(html).toContain('C1 \u0085 and \u009F are valid');
    expect(html).toContain('emoji \u{1F600} stays');
    // CommonMark replaces NUL with U+FFFD; never a raw NUL.
    expect(html).toContain('Nul\uFFFD');
  });

  it('removes lone surrogates from text and URLs', () => {
    const { html } = renderArticleHtml('a\uD800b \uDC00c [l](x\uD800.html) <em title="\uDBFF">e</em>', PAGE_URL);
    expect(isXmlValid(html)).toBe(true);
    expect(html).toContain('ab c');
  });

  it('leaves no named references: &nbsp; and &copy; become characters', () => {
    const { html } = renderArticleHtml('a&nbsp;b &copy; <span title="&eacute;">&hellip;&nbsp;</span> &amp;', PAGE_URL);
    expect(html).toBe('<p>a\u00A0b © <span title="é">…\u00A0</span> &amp;</p>\n');
    expect(html).not.toMatch(OTHER_REFERENCE);
  });
});

describe('renderArticleHtml: GFM', () => {
  const { html } = renderArticleHtml(readMarkdownFixture('gfm.md'), PAGE_URL);

  it('matches the golden HTML', () => {
    expectGolden('gfm.html', html);
  });

  it('renders task lists as checkbox characters, not inputs', () => {
    expect(html).toContain('<li>☐ open task</li>\n<li>☑ done task</li>\n<li>☑ also done</li>');
    expect(html).toContain('<li>plain [ ] not a task marker mid-line</li>');
    expect(html).not.toContain('<input');
  });

  it('renders tables with align attributes instead of style', () => {
    expect(html).toContain('<th align="left">Left</th>\n<th align="center">Center</th>\n<th align="right">Right</th>');
    expect(html).not.toContain('style=');
  });

  it('renders strikethrough, autolinks, bare URLs and e-mail addresses', () => {
    expect(html).toContain('<del>struck</del>');
    expect(html).toContain('<a href="https://example.org/path?q=1">https://example.org/path?q=1</a>');
    expect(html).toContain('<a href="https://example.com/auto">https://example.com/auto</a>');
    expect(html).toContain('<a href="mailto:me@example.com">me@example.com</a>');
  });

  it('links no bare word with a dot in it (a sentence that runs on is not a domain)', () => {
    const out = renderArticleHtml('The research.Mu fans met at example.com today.', PAGE_URL).html;
    expect(out).toBe('<p>The research.Mu fans met at example.com today.</p>\n');
  });

  it('keeps the code language class and escapes code', () => {
    expect(html).toContain('<pre><code class="language-js">const x = 1 &lt; 2 &amp;&amp; &quot;quoted&quot;;\n</code></pre>');
  });

  it('makes the typographic substitutions goldmark makes by default, and no others', () => {
    const out = renderArticleHtml('"quotes" it\'s -- --- ... a << b >> (c) (tm) +- ?????? `"code" --`', PAGE_URL).html;
    expect(out).toBe('<p>“quotes” it’s – — … a « b » (c) (tm) +- ?????? <code>&quot;code&quot; --</code></p>\n');
  });

  it('reads << as an angle quote before any tag or autolink starts there, as goldmark does (Hugo 0.111 checked)', () => {
    expect(renderArticleHtml('<<angle>> quotes, <<https://x.org>> and <<<b>bold</b>>>', PAGE_URL).html).toBe(
      '<p>«angle» quotes, «<a href="https://x.org/">https://x.org</a>» and «<b>bold</b>»</p>\n',
    );
    // Without the typographer, << is text before a tag, as in goldmark.
    expect(
      renderArticleHtml('<<b>x</b>', PAGE_URL, undefined, { footnote: true, definitionList: true, typographer: false, headingAttributes: true }).html,
    ).toBe('<p>&lt;<b>x</b></p>\n');
  });

  it('links www. addresses to https, as goldmark does, and no other bare word with a dot', () => {
    expect(renderArticleHtml('visit www.example.com/path?x=1 today, (www.e.org) or example.com', PAGE_URL).html).toBe(
      '<p>visit <a href="https://www.example.com/path?x=1">www.example.com/path?x=1</a> today, (<a href="https://www.e.org/">www.e.org</a>) or example.com</p>\n',
    );
    for (const text of ['awww.example.com', 'www.example', '新闻www.example.com报道']) expect(renderArticleHtml(text, PAGE_URL).html).toBe(`<p>${text}</p>\n`);
  });

  it('links bare URLs, www. addresses and e-mails next to Chinese text where Hugo 0.111 does, and ends them where it does', () => {
    for (const [markdown, hugo] of HUGO_BARE_LINKS) expect(renderArticleHtml(markdown, PAGE_URL).html, markdown).toBe(`${hugo}\n`);
  });

  it('links a URL that CJK text follows up to that text, on every path markdown-it finds links by', () => {
    // In emphasis (markdown-it's inline rule), after a tag (its core rule), across lines, in a list and a table.
    expect(renderArticleHtml('*https://example.com/a中* <span>https://example.com/b。</span>\n见 https://example.com/c、', PAGE_URL).html).toBe(
      '<p><em><a href="https://example.com/a">https://example.com/a</a>中</em> <span><a href="https://example.com/b">https://example.com/b</a>。</span>\n见 <a href="https://example.com/c">https://example.com/c</a>、</p>\n',
    );
    expect(renderArticleHtml('- 见 https://example.com/a。\n\n| 链接 |\n|---|\n| https://example.com/b（注） |', PAGE_URL).html).toBe(
      '<ul>\n<li>见 <a href="https://example.com/a">https://example.com/a</a>。</li>\n</ul>\n<table>\n<thead>\n<tr>\n<th>链接</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><a href="https://example.com/b">https://example.com/b</a>（注）</td>\n</tr>\n</tbody>\n</table>\n',
    );
    // A link after CJK text is no link, but one after it in the same text is.
    expect(renderArticleHtml('见https://example.com/a 和 https://example.com/b。', PAGE_URL).html).toBe(
      '<p>见https://example.com/a 和 <a href="https://example.com/b">https://example.com/b</a>。</p>\n',
    );
  });

  it('leaves a bare ftp:// URL as text, not a link without a target', () => {
    expect(renderArticleHtml('get ftp://ftp.example.com/file now', PAGE_URL).html).toBe('<p>get ftp://ftp.example.com/file now</p>\n');
  });

  it('leaves a bare URL with dashes as it is, and its link', () => {
    expect(renderArticleHtml('see https://e.org/a--b...', PAGE_URL).html).toBe('<p>see <a href="https://e.org/a--b">https://e.org/a--b</a>…</p>\n');
  });

  it("leaves the quotes of a linked URL's text straight, as its href", () => {
    expect(renderArticleHtml('see http://e.com/it\'s and <https://e.com/"q">', PAGE_URL).html).toBe(
      '<p>see <a href="http://e.com/it\'s">http://e.com/it\'s</a> and <a href="https://e.com/%22q%22">https://e.com/&quot;q&quot;</a></p>\n',
    );
  });

  it('makes no typographic substitutions when the site turns the typographer off, in figure captions neither', () => {
    const figure = '{{< figure src="a.png" caption="\\"Old\\" map" >}}';
    expect(renderArticleHtml(figure, PAGE_URL).html).toContain('<p>\u201cOld\u201d map</p>');
    expect(renderArticleHtml(figure, PAGE_URL, undefined, { ...ALL_ON, typographer: false }).html).toContain('<p>"Old" map</p>');
  });

  it('makes no typographic substitutions when the site turns the typographer off', () => {
    const out = renderArticleHtml('"quotes" -- ...', PAGE_URL, undefined, { ...ALL_ON, typographer: false }).html;
    expect(out).toBe('<p>&quot;quotes&quot; -- ...</p>\n');
  });
});

describe('renderArticleHtml: determinism', () => {
  it('gives the same result for the same input, whatever was rendered in between', () => {
    const a = readMarkdownFixture('relative-urls.md');
    const first = renderArticleHtml(a, PAGE_URL);
    renderArticleHtml(readMarkdownFixture('raw-html.md'), 'https://other.example/x/');
    renderArticleHtml(readMarkdownFixture('more-top.md'), 'https://other.example/y/');
    expect(renderArticleHtml(a, PAGE_URL)).toEqual(first);
  });
});

describe("renderArticleHtml: what Hugo's goldmark reads beyond GFM", () => {
  const notes = 'Claim.[^1] Again.[^note] Once more.[^1]\n\n[^1]: Text *em*.\n[^note]: Ibid.\n';

  it("renders footnotes as numbered links to the page's notes, and the notes with links back", () => {
    const { html } = renderArticleHtml(notes, PAGE_URL);
    const page = new URL(PAGE_URL).href;
    expect(html).toBe(
      [
        `<p>Claim.<sup><a href="${page}#fn:1">1</a></sup> Again.<sup><a href="${page}#fn:2">2</a></sup> Once more.<sup><a href="${page}#fn:1">1</a></sup></p>`,
        '<section>',
        '<hr />',
        '<ol>',
        // Each link back to its own reference: the ids Hugo 0.111's page gives the first and the second.
        `<li><p>Text <em>em</em>. <a href="${page}#fnref:1">\u21a9\ufe0e</a> <a href="${page}#fnref1:1">\u21a9\ufe0e</a></p>`,
        '</li>',
        `<li><p>Ibid. <a href="${page}#fnref:2">\u21a9\ufe0e</a></p>`,
        '</li>',
        '</ol>',
        '</section>',
        '',
      ].join('\n'),
    );
    // What a body without raw HTML renders needs no sanitizing: the same HTML with raw HTML beside it.
    expect(renderArticleHtml(`${notes}\n<div>raw</div>\n`, PAGE_URL).html).toBe(html.replace('</p>\n<section>', '</p>\n<div>raw</div>\n<section>'));
  });

  it('reads notes as goldmark does: labels with spaces, the first of two notes of a label, a note after a quote', () => {
    const page = new URL(PAGE_URL).href;
    const note = (n: number, text: string) => `<li><p>${text} <a href="${page}#fnref:${n}">\u21a9\ufe0e</a></p>\n</li>`;
    const ref = (n: number) => `<sup><a href="${page}#fn:${n}">${n}</a></sup>`;
    // A label with spaces: the plugin left the reference and the note as text.
    expect(renderArticleHtml('See[^my note].\n\n[^my note]: Spaced.', PAGE_URL).html).toContain(`<p>See${ref(1)}.</p>`);
    expect(renderArticleHtml('See[^my note].\n\n[^my note]: Spaced.', PAGE_URL).html).toContain(note(1, 'Spaced.'));
    // Not one label for another, and a blank one is no label.
    expect(renderArticleHtml('See[^my note].\n\n[^my  note]: Two spaces.', PAGE_URL).html).toBe('<p>See[^my note].</p>\n');
    // (`[^ ]: x` is a link reference definition then, as in Hugo: `[^ ]` links to x.)
    expect(renderArticleHtml('See[^ ].\n\n[^ ]: Blank.', PAGE_URL).html).not.toContain('<section>');
    // Two notes of one label: the first, where the plugin kept the last.
    const twice = renderArticleHtml('See[^1].\n\n[^1]: First.\n\n[^1]: Second.', PAGE_URL).html;
    expect(twice).toContain(note(1, 'First.'));
    expect(twice).not.toContain('Second');
    // Each `[^` looks for its label's end within a line and 999 characters (CommonMark's bound for a link
    // label), not to the end of the paragraph: a longer label with spaces stays text.
    const label = (n: number) => `x${' x'.repeat(n)}`;
    expect(renderArticleHtml(`See[^${label(499)}].\n\n[^${label(499)}]: Long.`, PAGE_URL).html).toContain(ref(1));
    expect(renderArticleHtml(`See[^${label(500)}].\n\n[^${label(500)}]: Too long.`, PAGE_URL).html).not.toContain('<section>');
    // A line indented as code is no note, in a quote's lazy line too (it goes on as the quote's text).
    expect(renderArticleHtml('> quote\n    [^1]: not a note', PAGE_URL).html).toBe('<blockquote>\n<p>quote\n[^1]: not a note</p>\n</blockquote>\n');
    // Notes with a space in their label are read up to a hundred a document (each copies the source once).
    const many = Array.from({ length: 101 }, (_, i) => `r[^a ${i}]`).join(' ');
    const notes = Array.from({ length: 101 }, (_, i) => `[^a ${i}]: n${i}`).join('\n\n');
    const hundred = renderArticleHtml(`${many}\n\n${notes}`, PAGE_URL).html;
    expect(hundred).toContain(`r${ref(100)}`);
    // The 101st is no note: a link reference definition then, as it would be in CommonMark.
    expect(hundred).not.toContain('#fn:101');
    // A note ends a quote's lazy line.
    expect(renderArticleHtml('> Quote[^1]\n[^1]: Note.', PAGE_URL).html).toBe(
      `<blockquote>\n<p>Quote${ref(1)}</p>\n</blockquote>\n<section>\n<hr />\n<ol>\n${note(1, 'Note.')}\n</ol>\n</section>\n`,
    );
  });

  it('reads no inline notes, which goldmark does not have: ^[text] stays as written, in linear time', () => {
    expect(renderArticleHtml('the regex ^[a-z]+ matches', PAGE_URL).html).toBe('<p>the regex ^[a-z]+ matches</p>\n');
    // markdown-it-footnote's inline notes took 9.8 s for 16,000 of them (one copy of the tokens per note).
    const many = renderArticleHtml('^[a]'.repeat(16_000), PAGE_URL).html;
    expect(many).not.toContain('<sup>');
  });

  it('sanitizes a body where a note is defined inside another, which leaves end tags without start tags', () => {
    for (const md of ['a[^1]\n\n[^1]: > [^2]: x\n', 'a[^1]\n\n[^1]: - [^2]: x\n\n  tail text\n', '[^1]: - [^2]: x\n\n<!--more-->\n\nrest\n']) {
      const { html, lead } = renderArticleHtml(md, PAGE_URL);
      for (const text of [html, lead ?? '']) {
        for (const tag of ['blockquote', 'ul', 'li', 'ol', 'section', 'p']) {
          expect(text.split(`<${tag}>`).length, `${tag} in ${JSON.stringify(text)}`).toBe(text.split(`</${tag}>`).length);
        }
      }
    }
  });

  it('keeps a one-word footnote (markdown-it alone read it as a link definition and lost it)', () => {
    expect(renderArticleHtml('A.[^2]\n\n[^2]: Ibid.\n', PAGE_URL).html).toContain('<li><p>Ibid. ');
    expect(renderArticleHtml('A.[^2]\n\n[^2]: Ibid.\n', PAGE_URL, undefined, { ...ALL_ON, footnote: false }).html).toBe(
      `<p>A.<a href="${new URL('Ibid.', PAGE_URL).href}">^2</a></p>\n`,
    );
  });

  it('leaves footnotes as text in an article with more marks than feedpub reads (markdown-it-footnote is quadratic in them)', () => {
    const notes = (n: number) =>
      `${Array.from({ length: n }, (_, i) => `[^${i}]`).join(' ')}\n\n${Array.from({ length: n }, (_, i) => `[^${i}]: note ${i}`).join('\n')}\n`;
    expect(renderArticleHtml(notes(MAX_FOOTNOTE_MARKS / 2), PAGE_URL).html).toContain('<sup>');
    // 15,000 notes with their references took the plugin ~15 s.
    const many = renderArticleHtml(notes(15_000), PAGE_URL).html;
    expect(many).not.toContain('<sup>');
    expect(many).toContain('[^14999]');
  });

  it('renders definition lists, unless the site turns them off', () => {
    expect(renderArticleHtml('Apple\n: A red fruit.\n', PAGE_URL).html).toBe('<dl>\n<dt>Apple</dt>\n<dd>A red fruit.</dd>\n</dl>\n');
    expect(renderArticleHtml('Apple\n: A red fruit.\n', PAGE_URL, undefined, { ...ALL_ON, definitionList: false }).html).toBe('<p>Apple\n: A red fruit.</p>\n');
  });

  it('breaks a line where the Markdown does with hardWraps, as Hugo 0.111 does, and only then', () => {
    const md = '第一行\n第二行\n\n> a\n> b\n\n- c\n  d\n\n`e\nf`\n\n```\ng\nh\n```\n';
    expect(renderArticleHtml(md, PAGE_URL, undefined, { ...ALL_ON, hardWraps: true }).html).toBe(
      '<p>第一行<br />\n第二行</p>\n<blockquote>\n<p>a<br />\nb</p>\n</blockquote>\n<ul>\n<li>c<br />\nd</li>\n</ul>\n<p><code>e f</code></p>\n<pre><code>g\nh\n</code></pre>\n',
    );
    expect(renderArticleHtml(md, PAGE_URL).html).toContain('<p>第一行\n第二行</p>');
    // Sanitized (raw HTML in the body), the break is the same element.
    expect(renderArticleHtml('<b>x</b>\ny', PAGE_URL, undefined, { ...ALL_ON, hardWraps: true }).html).toBe('<p><b>x</b><br />\ny</p>\n');
    // The summary made from the content reads the break as a space.
    expect(deriveContent('第一行\n第二行', PAGE_URL, true, true, undefined, { ...ALL_ON, hardWraps: true }).summary).toBe('第一行 第二行');
  });

  it('leaves bare links, tables, strikethrough and task marks as text where the site turns each off, as Hugo 0.111 does', () => {
    const md =
      'See https://a.example/x, www.b.example and c@d.example.\n\n<https://e.example/>\n\n| a | b |\n|---|---|\n| c | d |\n\n~~x~~\n\n- [ ] todo\n- [x] done\n';
    const on = renderArticleHtml(md, PAGE_URL).html;
    expect(on).toContain('<a href="https://a.example/x">');
    expect(on).toContain('<table>');
    expect(on).toContain('<del>x</del>');
    expect(on).toContain('<li>\u2610 todo</li>');
    const off = { ...ALL_ON, linkify: false, table: false, strikethrough: false, taskList: false } as const;
    expect(renderArticleHtml(md, PAGE_URL, undefined, off).html).toBe(
      [
        '<p>See https://a.example/x, www.b.example and c@d.example.</p>',
        // An autolink in angle brackets is CommonMark: a link either way.
        '<p><a href="https://e.example/">https://e.example/</a></p>',
        '<p>| a | b |\n|\u2014|\u2014|\n| c | d |</p>',
        '<p>~~x~~</p>',
        '<ul>\n<li>[ ] todo</li>\n<li>[x] done</li>\n</ul>\n',
      ].join('\n'),
    );
    // Each alone.
    expect(renderArticleHtml(md, PAGE_URL, undefined, { ...ALL_ON, linkify: false }).html).toContain('<table>');
    expect(renderArticleHtml(md, PAGE_URL, undefined, { ...ALL_ON, taskList: false }).html).toContain('<a href="https://a.example/x">');
    expect(renderArticleHtml(md, PAGE_URL, undefined, { ...ALL_ON, table: false }).html).toContain('<del>x</del>');
    expect(renderArticleHtml(md, PAGE_URL, undefined, { ...ALL_ON, strikethrough: false }).html).toContain('<li>\u2610 todo</li>');
  });

  it('takes out a line of block attributes where Hugo 0.111 reads one with parser.attribute.block, and only then', () => {
    const on = { ...ALL_ON, attributeBlock: true } as const;
    const render = (md: string) => renderArticleHtml(md, PAGE_URL, undefined, on).html;
    // After a paragraph, a list, a quote, a table, a heading, code and a definition list, after a blank line, alone.
    expect(render('Lead.\n{.lead}\n\nNext.')).toBe('<p>Lead.</p>\n<p>Next.</p>\n');
    expect(render('- a\n- b\n{.list}')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n');
    expect(render('> q\n{.q}')).toBe('<blockquote>\n<p>q</p>\n</blockquote>\n');
    expect(render('| a | b |\n|---|---|\n| c | d |\n{.table .striped}')).toBe(
      '<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>c</td>\n<td>d</td>\n</tr>\n</tbody>\n</table>\n',
    );
    expect(render('## H\n{.h}\n\n```\nx\n```\n{.code}\n\n    y\n{.ind}\n\nT\n: d\n{.dl}\n\n{.alone}\n\n---\n{.hr}')).toBe(
      '<h2>H</h2>\n<pre><code>x\n</code></pre>\n<pre><code>y\n</code></pre>\n<dl>\n<dt>T</dt>\n<dd>d</dd>\n</dl>\n<hr />\n',
    );
    // The rest of its line goes with it, and a list may run over lines; in a quote or a list item too.
    expect(render('P\n{.x} trailing\n\nQ\n{.a\n.b}\n\nR\n  {.c}')).toBe('<p>P</p>\n<p>Q</p>\n<p>R</p>\n');
    expect(render('Lazy\n> {.q}\n\n- item\n  {.nested}')).toBe('<p>Lazy</p>\n<blockquote></blockquote>\n<ul>\n<li>item</li>\n</ul>\n');
    // goldmark reads these as attributes: empty ones, an empty class, any letters, numbers, arrays, tables.
    for (const list of ['{}', '{.}', '{ .a }', '{.a,.b}', '{#a#b}', '{.类}', '{key=1}', '{k=a-b}', '{k=[1,2]}', '{k={a=1}}', '{k=1.5e3}', '{k="x}y" .c}']) {
      expect(render(`P\n${list}`), list).toBe('<p>P</p>\n');
    }
    // And these as text: not a list, or indented as code.
    for (const text of ['{.a!b}', "{k='v'}", '{ }', '{k=1e}', '{class=true}', '{k=50%}', '\\{.a}', 'x {.a}']) {
      expect(renderArticleHtml(`P\n${text}`, PAGE_URL, undefined, { ...on, typographer: false }).html, text).toBe(`<p>P\n${text.replace('\\', '')}</p>\n`);
    }
    expect(render('P\n    {.a}')).toBe('<p>P\n{.a}</p>\n');
    expect(render('```\n{.a}\n```')).toBe('<pre><code>{.a}\n</code></pre>\n');
    // Without the setting (Hugo's default), every such line is text.
    expect(renderArticleHtml('Lead.\n{.lead}', PAGE_URL).html).toBe('<p>Lead.\n{.lead}</p>\n');
  });

  it('reads hostile block attribute lines in time linear in their length', () => {
    const on = { ...ALL_ON, attributeBlock: true } as const;
    for (const unit of ['{a=[', '{a={', '{.a\n', '{k="\n']) {
      const { html } = renderArticleHtml(`P\n${unit.repeat(100_000)}`, PAGE_URL, undefined, on);
      expect(html.length, unit).toBeGreaterThan(0);
    }
  });

  it('makes each line of a term that spans lines a term, as Hugo 0.111 does, and none when lists are off', () => {
    for (const [markdown, hugo] of HUGO_DEFINITION_LISTS) expect(renderArticleHtml(markdown, PAGE_URL).html, markdown).toBe(`${hugo}\n`);
    const off = { ...ALL_ON, definitionList: false };
    expect(renderArticleHtml('Term A\nTerm B\n: Shared definition.', PAGE_URL, undefined, off).html).toBe('<p>Term A\nTerm B\n: Shared definition.</p>\n');
    // A line that starts another block ends the paragraph, and so the terms.
    expect(renderArticleHtml('Term V\n# Heading\nTerm W\nTerm X\n: Definition W.', PAGE_URL).html).toBe(
      '<p>Term V</p>\n<h1>Heading</h1>\n<dl>\n<dt>Term W</dt>\n<dt>Term X</dt>\n<dd>Definition W.</dd>\n</dl>\n',
    );
    // A block attribute line after a list ends it, as in goldmark; blank lines do not.
    expect(renderArticleHtml('A\nB\n: d\n{.dl}\n\nC\nD\n: e', PAGE_URL, undefined, { ...ALL_ON, attributeBlock: true }).html).toBe(
      '<dl>\n<dt>A</dt>\n<dt>B</dt>\n<dd>d</dd>\n</dl>\n<dl>\n<dt>C</dt>\n<dt>D</dt>\n<dd>e</dd>\n</dl>\n',
    );
    // A line that starts a list only at a block start (`2.`) or code (4 spaces) is a term like any other.
    expect(renderArticleHtml('Term A\n2. Term B\n      Term C\n: Definition.', PAGE_URL).html).toBe(
      '<dl>\n<dt>Term A</dt>\n<dt>2. Term B</dt>\n<dt>Term C</dt>\n<dd>Definition.</dd>\n</dl>\n',
    );
  });

  it('reads a long paragraph before a definition, and many of them, in time linear in their length', () => {
    const lines = 'Term\n'.repeat(100_000);
    expect(renderArticleHtml(`${lines}: Definition.`, PAGE_URL).html.split('<dt>Term</dt>')).toHaveLength(100_001);
    expect(renderArticleHtml(`${'a\n# h\n'.repeat(50_000)}b\n: d`, PAGE_URL).html).toContain('<dt>b</dt>');
    // Lists that each end before a marker goldmark reads as text: every line read once (not the rest of
    // the text again after each list).
    const ended = renderArticleHtml('T\n: d\n\n~ x\n\n'.repeat(50_000), PAGE_URL).html;
    expect(ended.split('<dl>\n<dt>T</dt>\n<dd>d</dd>\n</dl>\n<p>~ x</p>')).toHaveLength(50_001);
    // Setext headings with no blank line between them: each looked for a definition to the end of the text
    // (a review: 10 s for 32 KB, 39 s for 64 KB).
    const headings = renderArticleHtml('a\nb\n-\n'.repeat(50_000), PAGE_URL).html;
    expect(headings.split('<h2>a\nb</h2>')).toHaveLength(50_001);
  });

  it("takes a heading's attribute list out of its text, and nothing else in braces", () => {
    const md = '## Custom {#custom-id}\n\n# Styled {.fancy data-x="1 2" #top}\n\n## Use {braces}\n\n## Escaped \\{#no}\n\nSetext {#s}\n---\n';
    expect(renderArticleHtml(md, PAGE_URL).html).toBe('<h2>Custom</h2>\n<h1>Styled</h1>\n<h2>Use {braces}</h2>\n<h2>Escaped {#no}</h2>\n<h2>Setext</h2>\n');
    // As Hugo 0.111 reads them: ids and classes of any letters, an empty list, a quoted value with a brace.
    for (const list of ['{#ä}', '{#a#b}', '{.a.b}', '{#a:b}', '{}', '{k="a}b"}', '{ #x .y k=v }']) {
      expect(renderArticleHtml(`## T ${list}`, PAGE_URL).html, list).toBe('<h2>T</h2>\n');
    }
    for (const text of ["{k='v'}", '{k=v=w}', '{k=a/b}']) {
      expect(renderArticleHtml(`## T ${text}`, PAGE_URL, undefined, { ...ALL_ON, typographer: false }).html, text).toBe(`<h2>T ${text}</h2>\n`);
    }
    expect(renderArticleHtml('## Custom {#custom-id}', PAGE_URL, undefined, { ...ALL_ON, headingAttributes: false }).html).toBe(
      '<h2>Custom {#custom-id}</h2>\n',
    );
  });

  // The timeout guards against the quadratic scan coming back (35 s or more; these take ~1 s); no speed test.
  // One test a pattern, each with the time a quadratic scan would overrun many times over (each took 35 s
  // or more): the seven together took 6–7 s in CI with coverage, and over 20 s on a host shared with other runs.
  it.each(['a://', 'www.', 'http://a ', 'a@', '*a@a.', ' a@a.a', `${'a'.repeat(62)}-@`])(
    'finds bare links in a body of near-links %j in time linear in its length (a security review: 35 s and 2 minutes)',
    { timeout: 15_000 },
    (unit) => {
      // Each looked at the rest of the text at every `://` or `www.`; 512 Ki characters are the most rendered.
      const { html } = renderArticleHtml(unit.repeat(Math.floor(524_288 / unit.length)), PAGE_URL);
      expect(html.length, unit).toBeGreaterThan(500_000);
    },
  );

  it('links a www. address up to the length feedpub reads, and no longer one', () => {
    // A `www.` link longer than feedpub reads is no link, not one cut short.
    const long = `www.example.com/${'a'.repeat(MAX_WWW_LINK)}`;
    expect(renderArticleHtml(`see ${long} here`, PAGE_URL).html).toBe(`<p>see ${long} here</p>\n`);
    expect(renderArticleHtml('see www.example.com/a here', PAGE_URL).html).toContain('<a href="https://www.example.com/a">');
  });

  it('reads hostile headings in time linear in their length (runs of spaces and of unclosed lists)', () => {
    // Each took a regular expression unanchored at its start quadratic time (~10^10 steps).
    const spaces = ' '.repeat(200_000);
    expect(renderArticleHtml(`## a${spaces}x {#id}`, PAGE_URL).html).toBe(`<h2>a${spaces}x</h2>\n`);
    expect(renderArticleHtml(`## ${'{#a '.repeat(50_000)}`, PAGE_URL).html).toMatch(/^<h2>\{#a /);
    expect(renderArticleHtml(`## {${spaces}#a${spaces}x`, PAGE_URL).html).toMatch(/^<h2>\{ /);
  });
});
