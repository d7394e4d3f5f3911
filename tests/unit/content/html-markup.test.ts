import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model.js';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { MAX_HTML_TAGS, renderArticleHtml } from '../../../src/render/article-html.js';
import { deriveContent } from '../../../src/render/derive-content.js';
import { EMOJI_TABLE } from '../../../src/render/emoji-table.js';
import { prepareItem } from '../../../src/render/prepare-items.js';
import { testSite } from '../../support/site.js';

// A page with `markup: html`: Hugo 0.111 shows its body as HTML once its shortcodes are expanded (checked
// with hugo: no Markdown, no emoji, raw HTML kept even with unsafe = false). Feeds carry it as they carry
// raw HTML in Markdown: sanitized, URLs absolute, the part before <!--more--> its summary.

const PAGE = 'https://example.org/blog/posts/a/';
const html = (body: string, params: [string, string][] = [], refs?: ReadonlyMap<string, string>) =>
  renderArticleHtml(body, PAGE, refs, undefined, params, undefined, undefined, 'html');

describe('renderArticleHtml with markup html', () => {
  it('reads no Markdown: emphasis, links, indented code and blank lines stay as written', () => {
    expect(html('*a* **b** [r](x/) `c`\n\n    code\n# h\n').html).toBe('*a* **b** [r](x/) `c`\n\n    code\n# h\n');
  });

  it('replaces no emoji alias, as Hugo 0.111 leaves them in an HTML page of a site that sets enableEmoji', () => {
    const emoji = (markup?: 'html') => renderArticleHtml('<p>Ship it :rocket:</p>', PAGE, undefined, undefined, [], EMOJI_TABLE, undefined, markup).html;
    expect(emoji('html')).toBe('<p>Ship it :rocket:</p>');
    expect(emoji()).toBe('<p>Ship it 🚀</p>');
  });

  it('sanitizes the HTML as raw HTML in Markdown is: no script, no event handler, no javascript: link', () => {
    const { html: out } = html('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">j</a><iframe src="https://v.example/e"></iframe>');
    expect(out).not.toMatch(/script|onclick|javascript/);
    expect(out).toContain('<p>a</p>');
    expect(out).toContain('<a href="https://v.example/e">');
  });

  it('makes relative URLs absolute against the page, notes them and the first image', () => {
    const result = html('<a href="../b/">b</a> <img src="img/a.png" srcset="s1.png 1x, /s2.png 2x"> <img src="/c.png">');
    expect(result.html).toBe(
      '<a href="https://example.org/blog/posts/b/">b</a> <img src="https://example.org/blog/posts/a/img/a.png" srcset="https://example.org/blog/posts/a/s1.png 1x, https://example.org/s2.png 2x" /> <img src="https://example.org/c.png" />',
    );
    expect(result.firstImage).toBe('https://example.org/blog/posts/a/img/a.png');
    expect(result.rewritten).toEqual(['../b/', 'img/a.png', 's1.png', '/s2.png', '/c.png']);
    // With canonifyURLs, a leading slash is under the baseURL, as in Markdown.
    const canonified = renderArticleHtml('<img src="/c.png">', PAGE, undefined, undefined, [], undefined, 'https://example.org/blog/', 'html');
    expect(canonified.html).toBe('<img src="https://example.org/blog/c.png" />');
  });

  it('takes the part before <!--more--> as its lead, and leaves the marker out of the whole', () => {
    const result = html('<p>Lead <b>bold</b></p>\n<!--more-->\n<p>Rest</p>\n');
    expect(result.lead).toBe('<p>Lead <b>bold</b></p>\n');
    expect(result.html).toBe('<p>Lead <b>bold</b></p>\n\n<p>Rest</p>\n');
    expect(html('<p>No divider</p>').lead).toBeUndefined();
    // An open element at the divider is closed in the lead.
    expect(html('<div><p>Lead</p><!-- more --><p>Rest</p></div>').lead).toBe('<div><p>Lead</p></div>');
  });

  it(`refuses an HTML body of more than ${MAX_HTML_TAGS} tags before it reaches the sanitizer, and sanitizes one of that many`, () => {
    expect(() => html('<br>'.repeat(MAX_HTML_TAGS + 1))).toThrow(
      new RangeError(`its HTML has ${MAX_HTML_TAGS + 1} tags, over the ${MAX_HTML_TAGS} feedpub sanitizes in one article`),
    );
    expect(html('<br>'.repeat(MAX_HTML_TAGS)).html).toBe('<br />'.repeat(MAX_HTML_TAGS));
  });

  it('expands the shortcodes as Hugo does in an HTML page: params escaped, refs, figure, videos, highlight as a code block, others removed', () => {
    const body = [
      '<p>{{< param "author" >}} and {{% param "author" %}}</p>',
      '<a href="{{< relref "b.md" >}}">b</a> {{< ref "b.md" >}}',
      '{{< figure src="f.png" caption="*cap*" >}}',
      '{{< highlight go >}}',
      'a < b && c',
      '{{< /highlight >}}',
      '{{< youtube abc >}}',
      '{{< unknownsc >}}<i>inner</i>{{< /unknownsc >}}',
      '',
    ].join('\n');
    const { html: out } = html(body, [['author', 'A & <B>']], new Map([['b.md', 'https://example.org/blog/posts/b/']]));
    expect(out).toBe(
      [
        '<p>A &amp; &lt;B&gt; and A &amp; &lt;B&gt;</p>',
        '<a href="https://example.org/blog/posts/b/">b</a> https://example.org/blog/posts/b/',
        '<figure><img src="https://example.org/blog/posts/a/f.png" alt="cap" /><figcaption><p><em>cap</em></p></figcaption></figure>',
        '<pre><code class="language-go">a &lt; b &amp;&amp; c',
        '</code></pre>',
        '<a href="https://www.youtube.com/watch?v=abc">https://www.youtube.com/watch?v=abc</a>',
        '<i>inner</i>',
        '',
      ].join('\n'),
    );
    // A self-closed highlight is an empty code block; the escaped form stays as written.
    expect(html('{{< highlight go />}}<p>x</p> {{</* param "author" */>}}').html).toBe(
      '<pre><code class="language-go"></code></pre><p>x</p> {{&lt; param "author" &gt;}}',
    );
  });
});

describe('deriveContent with markup html', () => {
  it('gives the summary from the part before <!--more--> and the first image, as for raw HTML', () => {
    const content = deriveContent(
      '<p>Lead *text* <img src="a.png"></p>\n<!--more-->\n<p>Rest</p>',
      PAGE,
      true,
      true,
      undefined,
      undefined,
      [],
      undefined,
      undefined,
      'html',
    );
    expect(content).toEqual({
      html: '<p>Lead *text* <img src="https://example.org/blog/posts/a/a.png" /></p>\n\n<p>Rest</p>',
      summary: 'Lead *text*',
      image: 'https://example.org/blog/posts/a/a.png',
    });
  });
});

describe('prepareItem with markup html', () => {
  const site = testSite();
  const key = 'content/en/posts/a.md';
  const parsed = (markup: string, body: string): Article => {
    const text = `---\ntitle: A\ndate: 2025-02-10\nmarkup: ${markup}\n---\n${body}`;
    const result = parseArticle(site, { key, bytes: Buffer.from(text) }, locateArticle(site, key) as ArticleLocation);
    return result.article ?? expect.unreachable('not parsed');
  };

  it('carries the HTML body into the items, and notes no footnotes in it', () => {
    const marks = `<p>${'[^1] '.repeat(2500)}</p>`;
    const asHtml = prepareItem(site, { article: parsed('html', marks), alternates: [], multi: false, single: true });
    const asMarkdown = prepareItem(site, { article: parsed('md', marks), alternates: [], multi: false, single: true });
    expect(asHtml.notes).toEqual([]);
    expect(asMarkdown.notes.map((n) => n.rule)).toEqual(['footnotes-as-text']);
    const rss = (item: typeof asHtml) => Buffer.concat(item.fragments.find((f) => f.format === 'rss')?.pieces ?? []).toString();
    expect(rss(prepareItem(site, { article: parsed('HTM', '*a* <b>b</b>'), alternates: [], multi: false, single: true }))).toContain(
      '*a* &lt;b&gt;b&lt;/b&gt;',
    );
  });
});
