import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { differencesFromHugo, generatedDocuments } from '../support/hugo-markdown.js';

/**
 * Hugo's HTML with its relative link and image URLs made absolute against the page's URL, as feedpub writes
 * them for feed readers (which have no page to resolve them against): the rest of each URL is compared as
 * Hugo writes it.
 */
function absolutized(hugo: string, page: string): string {
  return hugo.replace(/ (href|src)="([^"#][^"]*)"/g, (whole, name: string, url: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return whole;
    const resolved = new URL(decodeHTML(url), `https://pages.example/posts/${page}/`).href;
    return ` ${name}="${resolved.replaceAll('&', '&amp;')}"`;
  });
}

/** The documents whose HTML differs from Hugo's once Hugo's relative URLs are made absolute. */
async function differences(docs: readonly string[]): Promise<{ markdown: string; hugo: string; html: string }[]> {
  // An image is a void element, written `<img … />` as the sanitizer writes it (Hugo: `<img …>`). An empty
  // destination (`[a]()`, `[a](<>)`) is a link without `href` in a feed, as one whose URL a feed may not
  // carry: Hugo's `href=""` is the page itself, which in a feed reader would be the feed or nothing.
  const feedLike = (html: string) => html.replace(/<img([^>]*) \/>/g, '<img$1>').replaceAll('<a href="">', '<a>');
  // A document is page `d<index>`; one generated twice is two pages, either of which it may be.
  return (await differencesFromHugo(docs)).filter(
    ({ markdown, hugo, html }) => !docs.some((doc, i) => doc === markdown && feedLike(absolutized(hugo, `d${i}`)) === feedLike(html)),
  );
}

describe('inline links, images and autolinks in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Links as news articles write them: titles in each quote style, `<…>` destinations with spaces,
   * balanced parentheses, CJK characters, percent escapes, `&amp;` and backslash escapes in destinations
   * and titles; images (an image in a link), autolinks, links in emphasis and emphasis in links, nested
   * brackets, a link text that holds a URL, a link text over two lines, code spans that look like links,
   * relative URLs (made absolute, see `absolutized`), emphasis around a linked image and a few bare URLs. Left out: links that feedpub
   * writes without `href` on purpose, as it writes every link to a scheme other than http(s), mailto and
   * tel (`javascript:`, `<ftp://…>`), a destination whose scheme or host is in capitals (feedpub writes
   * URLs as WHATWG's URL parser does, `https://example.org/Path` for `HTTPS://Example.ORG/Path`: the same
   * URL), and `<https://x y>` (see the reference links below). docs/publishing.md says so.
   */
  const LINES = [
    'See [the report](https://example.org/report "The report") today.',
    "Read [the memo](https://example.org/memo 'Single title').",
    'Read [the brief](https://example.org/brief (Paren title)).',
    '[Spaced](<https://example.org/a b.pdf>) file',
    '[Wiki](https://example.org/wiki/Foo_(bar)) page',
    '[中文链接](https://example.org/新闻/报道 "报道") 发布',
    '[Escaped](https://example.org/a%20b%E4%B8%AD) path',
    '[Query](https://example.org/search?q=a&amp;page=2) and [raw](https://example.org/search?q=a&b=2)',
    '[Backslash](https://example.org/a\\_b\\)c "say \\"hi\\" &amp; go")',
    '![Chart *of* votes](https://example.org/chart.png "Votes")',
    '![](https://example.org/empty.png)',
    '[![Logo](https://example.org/logo.png)](https://example.org/)',
    '*Photo: [![Logo](https://example.org/logo.png)](https://example.org/) by the desk*',
    'Mail <press@example.org> or see <https://example.org/auto?x=1&y=2>.',
    '*Read [this story](https://example.org/em) first*',
    '[*Emphasis* and **strong**](https://example.org/strong)',
    '[a [nested] text](https://example.org/nested)',
    '[https://example.org/shown](https://example.org/target)',
    '`[not a link](https://example.org/code)` in code',
    '[not a link](https://example.org/a b) has a space',
    '[Empty]() and [angle](<>)',
    '[](https://example.org/no-text)',
    '[One](https://example.org/1)[Two](https://example.org/2)',
    '[Spaces](   https://example.org/ws   "t"   )',
    '[`code` text](https://example.org/code-text)',
    '[Mail](mailto:desk@example.org) or [call](tel:+1-555-0100)',
    '[Open text\nclosed](https://example.org/two-lines)',
    'Bare https://example.org/bare link.',
    '[Related](/posts/related/) and [sibling](../d1/)',
    '![Photo](images/photo%201.jpg "Photo") here',
    '[Section](#section) anchor',
    '[Paged](?page=2)',
    '[Quote "inside"](https://example.org/q "A \'mixed\' title")',
    '[Entity](https://example.org/caf&eacute; "&copy; 2025 &quot;Desk&quot;")',
    '[Bad escape](https://example.org/100%zz) and [fragment](https://example.org/a#中文)',
    '[Query](<https://example.org/?q=a b&c=d>) and [hash](https://example.org/#/route?x=[1])',
    '',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold links with titles, images inside links, and links over two lines.
    expect(docs.filter((markdown) => markdown.includes('"The report")') || markdown.includes("'Single title')")).length).toBeGreaterThan(60);
    expect(docs.filter((markdown) => markdown.includes('[![Logo]')).length).toBeGreaterThan(20);
    expect(docs.filter((markdown) => markdown.includes('[Open text\nclosed]')).length).toBeGreaterThan(3);
    expect(await differences(docs)).toEqual([]);
  }, 120_000);
});

describe('reference links and images in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Definitions (a title on the next line, `<…>` destinations, CJK labels, labels that differ in case or
   * in white space, duplicates of which the first wins, definitions in quotes and lists, one that a
   * paragraph holds as text) and their uses: full, collapsed, shortcut, images, and labels with none.
   */
  const LINES = [
    '[ref]: https://example.org/ref "Ref title"',
    '[Ref]: https://example.org/second',
    '[REF]: https://example.org/third',
    // After a blank line, always a definition: as text, `<https://…` would be a bare link (docs/publishing.md says
    // where feedpub links one after punctuation, where goldmark does not).
    "\n[other]: <https://example.org/o b> 'Other'",
    '[next line]: https://example.org/next\n  "On the next line"',
    '[中文]: https://example.org/中文 (标题)',
    '[img]: https://example.org/img.png "Image"',
    '[spaced   label]: https://example.org/spaced',
    '> [quoted]: https://example.org/quoted',
    '- [listed]: https://example.org/listed',
    '[bad]: https://example.org/bad "unterminated',
    '[rel]: ../d2/ "Relative"',
    'Full [text][ref] link.',
    'Collapsed [ref][] link.',
    'Shortcut [ref] link.',
    'Case [text][REF] and [REF][].',
    '[中文]与[文字][中文]。',
    '![Image][img] and ![img]',
    '[next line] and [other][]',
    '[Spaced Label] and [quoted] and [listed]',
    '[missing][nope] and [bad] stay text',
    '[ref]',
    '*[ref]* and [**ref**][ref]',
    '[rel][] link',
    '',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    // The documents hold definitions used before and after them, and two definitions of one label.
    expect(docs.filter((markdown) => markdown.includes('[ref]: ') && /\[(?:text\]\[)?ref\]/i.test(markdown)).length).toBeGreaterThan(40);
    expect(docs.filter((markdown) => (markdown.match(/^\[ref\]: /gim)?.length ?? 0) > 1).length).toBeGreaterThan(20);
    expect(await differences(docs)).toEqual([]);
  }, 120_000);
});

describe('links in Chinese news text in generated documents, as Hugo 0.111 reads them', () => {
  /**
   * Links and images as Chinese articles write them: run into the text with no space, after full-width
   * punctuation, in `**` emphasis, between book-title marks, with Chinese text, titles, alt text, labels and
   * paths, and a bare URL now and then.
   */
  const LINES = [
    '详见[新华社报道](https://example.org/news/2025/0210.html)。',
    '据**[人民日报](https://example.org/rmrb "人民日报")**报道，',
    '（[来源](https://example.org/source)）',
    '《[三体](https://example.org/书/三体)》一书',
    '![新闻图片：现场](https://example.org/图片/现场.jpg "现场照片")',
    '点击[这里][链接]查看，或见[链接]。',
    'DEFINITION',
    '“[引号内链接](https://example.org/q)”',
    '[**粗体**链接](https://example.org/b)后',
    '原文链接：https://example.org/original',
    '见 https://example.org/see 。',
    '[![封面](https://example.org/cover.png)](https://example.org/文章)',
    '记者<press@example.org>来稿',
    '~~[旧链接](https://example.org/old)~~。',
    '*[斜体链接](https://example.org/i)*。',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    // One or two lines a paragraph: Chinese runs phrases together.
    // The definition between blank lines, where it is one.
    const docs = generatedDocuments(LINES, 300).map((markdown) =>
      markdown.replace(/\n(?!\n)/g, (nl, at: number) => (at % 2 === 0 ? '' : nl)).replaceAll('DEFINITION', '\n\n[链接]: https://example.org/链接 "标题"\n\n'),
    );
    expect(docs.filter((markdown) => /[\u4e00-\u9fff。，）]\[/.test(markdown)).length).toBeGreaterThan(60);
    expect(await differences(docs)).toEqual([]);
  }, 120_000);
});
