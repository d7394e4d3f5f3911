import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { differencesFromHugo, generatedDocuments, sanitizedView } from '../support/hugo-markdown.js';

// Hugo's built-in shortcodes as news sites write them in Markdown, compared with Hugo 0.111's page. The site
// lets raw HTML through (`unsafe = true`): a `{{% %}}` call's output is Markdown, and Hugo's figure is HTML
// in it, which a site with Hugo's default would omit from the page (feedpub keeps raw HTML, sanitized: the
// docs/publishing.md says so). Fenced code is not highlighted (`codeFences = false`), as feedpub writes it.
const CONFIG =
  '[params]\nauthor = "Ada Lovelace"\nversion = "1.2.3"\n[params.social]\ntwitter = "newsdesk"\n[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\ncodeFences = false\n';

/** The pages `ref` and `relref` calls name: a story in the same section, one in another and a bundle. */
const TARGETS: Readonly<Record<string, string>> = {
  'content/posts/flood-update.md': '---\ntitle: "Flood update"\ndate: 2025-01-01T00:00:00Z\n---\nUpdate.\n\n## Timeline\n',
  'content/world/summit.md': '---\ntitle: "Summit"\ndate: 2025-01-01T00:00:00Z\nslug: leaders-summit\n---\nSummit.\n',
  'content/posts/budget/index.md': '---\ntitle: "Budget"\ndate: 2025-01-01T00:00:00Z\n---\nBudget.\n',
};

/**
 * Hugo's highlighting as feedpub writes code: Chroma's wrappers (`<div class="highlight">`, written
 * `<section>` by `differencesFromHugo`), its styled `<span>`s and its line numbers (`linenos=table` puts them
 * in a table's first cell, `linenos=inline` in unselectable spans) taken away, so the block is `<pre><code>`
 * and the code's text, as in a feed (docs/publishing.md says feedpub writes a `highlight` as a plain code block:
 * readers style code themselves and drop `style`).
 */
function unhighlighted(html: string): string {
  return html.replace(/<section>(?:<div[^>]*>)?(<table[\s\S]*?<\/table>|<pre[\s\S]*?<\/pre>)(?:<\/section>)?<\/section>/g, (_, inner: string) => {
    const code = /<code[^>]*>((?:(?!<code)[\s\S])*)<\/code><\/pre>(?:<\/td><\/tr><\/table>)?$/.exec(inner)?.[1] ?? '';
    const text = code.replace(/<span style="white-space:pre;[^"]*user-select:none[^"]*">\d+\s*<\/span>/g, '').replace(/<\/?span[^>]*>/g, '');
    return `<pre><code>${text}</code></pre>`;
  });
}

/**
 * Both HTMLs as a reader sees them once feedpub's deliberate changes are undone: read by htmlparser2 and
 * written out again (`<img/>` and `<img … />` alike), comments gone, the attributes the sanitizer drops on
 * purpose gone (`class`, `target`, `rel`: see `SANITIZER_ALLOWS`), feedpub's absolute URLs made relative
 * again, as written (`https://pages.example/posts/d7/a.jpg` → `a.jpg`), and Hugo's figure `alt` made of its
 * caption read once more: Hugo's template escapes the caption's HTML again (`A &amp;ldquo;q&amp;rdquo;`,
 * shown as `A &ldquo;q&rdquo;`), where feedpub's alt is the caption's text (`A “q”`), as docs/publishing.md says.
 * Also: URLs as WHATWG's parser writes them (`https://apnews.com/`, `%E4`: the same URLs, docs/publishing.md says
 * so), white space in code blocks gone (`differencesFromHugo` took the space between Chroma's spans, and
 * Hugo's highlight has no final newline), white space at the end of a paragraph gone and empty
 * paragraphs gone: Hugo's page holds a block in a `<p>` (a figure or highlight with text on its lines),
 * which an HTML parser, a reader's as a browser's, closes before the block, and its `</p>` after it
 * makes an empty one; no reader shows it.
 */
function asReadersSee(html: string, hugo: boolean): string {
  return sanitizedView(hugo ? unhighlighted(html) : html, { url: whatwg, ...(hugo ? { alt: decodeHTML } : {}) })
    .replace(/(>|&gt;)\s+</g, '$1<')
    .replace(/<pre><code>[\s\S]*?<\/code><\/pre>/g, (block) => block.replace(/\s+/g, ''))
    .replace(/\s+<\/p>/g, '</p>')
    .replace(/<p><\/p>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An absolute URL as WHATWG's parser writes it, its escapes in capitals; any other as it is. */
function whatwg(url: string): string {
  if (!/^https?:/.test(url)) return url;
  return new URL(url).href.replace(/%[0-9a-f]{2}/g, (hex) => hex.toUpperCase());
}

/** The documents whose HTML differs from Hugo's as readers see it ({@link asReadersSee}). */
async function differences(docs: readonly string[]): Promise<{ markdown: string; hugo: string; html: string }[]> {
  return (await differencesFromHugo(docs, CONFIG, TARGETS))
    .map(({ markdown, hugo, html }) => ({ markdown, hugo: asReadersSee(hugo, true), html: asReadersSee(html, false) }))
    .filter(({ hugo, html }) => hugo !== html);
}

describe('the figure shortcode in generated documents, as Hugo 0.111 renders it', () => {
  /**
   * `figure` with every parameter Hugo 0.111's template reads (src, link, target, rel, alt, title, caption
   * in Markdown, attr, attrlink, width, height, class; `loading` it does not read), quoted with `"`, with
   * backticks and not at all, values holding quotes and `>`, in both call forms; alone on a line, inside a
   * paragraph, in list items and quotes, and right after a paragraph line. Left out: a self-closed call
   * (`{{< figure src="a.jpg" />}}`), on which Hugo 0.111 fails the build, and a `{{% figure %}}` in a list
   * item or quote, whose end Hugo's template puts after the item (docs/publishing.md says so).
   */
  const LINES = [
    '{{< figure src="https://cdn.example.org/flood.jpg" alt="Flooded street in the old town" >}}',
    '{{< figure src="https://cdn.example.org/a.jpg" caption="Residents wade through *floodwater* on Monday." attr="Photo: Jane Doe/Reuters" attrlink="https://example.org/jane" >}}',
    '{{< figure src="https://cdn.example.org/b.jpg" title="Election night" caption="Votes **counted** in [Ohio](https://example.org/ohio)" >}}',
    '{{< figure src="https://cdn.example.org/c.jpg" link="https://example.org/full.jpg" target="_blank" rel="noopener" width="640" height="480" class="wide" >}}',
    '{{< figure src=https://cdn.example.org/d.jpg alt=Unquoted width=300 >}}',
    '{{< figure src=`https://cdn.example.org/e.jpg` caption=`A "quoted" caption > here` >}}',
    '{{< figure src="https://cdn.example.org/f.jpg" caption="He said \\"no\\" & left" title="Q&A" >}}',
    '{{< figure src="https://cdn.example.org/g.jpg" alt="5 > 3" title="a > b" attr="AP" >}}',
    '{{< figure src="https://cdn.example.org/h.jpg" loading="lazy" alt="Lazy" >}}',
    '{{% figure src="https://cdn.example.org/i.jpg" caption="Percent *form*" %}}',
    'Officials said {{< figure src="https://cdn.example.org/j.jpg" alt="Inline" >}} the water was receding.',
    '- {{< figure src="https://cdn.example.org/k.jpg" caption="In a list" >}}',
    '- Item with {{< figure src="https://cdn.example.org/k2.jpg" >}} in it',
    '> {{< figure src="https://cdn.example.org/l.jpg" attr="Quote credit" >}}',
    'A paragraph line\n{{< figure src="https://cdn.example.org/m.jpg" caption="After a line" >}}',
    '{{< figure src="https://cdn.example.org/o.jpg" attr="AP" attrlink="https://apnews.com" >}}',
    '{{< figure src="https://cdn.example.org/p.jpg" caption="Caption with `code` in it" >}}',
    '{{< figure src="https://cdn.example.org/中文.jpg" caption="中文说明：**重要**" >}}',
    '{{< figure link="https://example.org/q" src="images/q.jpg" alt="Relative" >}}',
    '{{<figure src="https://cdn.example.org/r.jpg" title="Tight">}}',
    '{{< figure\n  src="https://cdn.example.org/s.jpg"\n  caption="Over lines"\n>}}',
    '{{< figure src="https://cdn.example.org/u.jpg" title="*Not* Markdown" caption="First line<br>second line" attr="[AP](https://apnews.com/) / *Pool*" >}}',
    'Officials said the water was receding.',
    '',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    expect(docs.filter((markdown) => /caption="[^"]*\*/.test(markdown)).length).toBeGreaterThan(60);
    expect(docs.filter((markdown) => /\S \{\{< figure/.test(markdown)).length).toBeGreaterThan(40);
    expect(await differences(docs)).toEqual([]);
  }, 120_000);
});

describe('shortcode forms, escapes, code and the other built-in shortcodes in generated documents, as Hugo 0.111 renders them', () => {
  /**
   * `param`, `ref`, `relref` and `highlight` in both call forms, in text, links, code spans, fenced code
   * and after a paragraph line; escaped calls (a call in a block comment's delimiters) shown as written; `highlight` with options.
   * Left out: the embeds (`youtube`, `vimeo`, `tweet`, `instagram`, `gist`), which feedpub makes links on
   * purpose (readers drop iframes and scripts), and paired calls of templates the site lacks (Hugo fails the
   * build on them).
   */
  const LINES = [
    'By {{< param author >}}, follow @{{< param "social.twitter" >}}.',
    'Install `pip install foo=={{< param version >}}` today.',
    'Written by {{% param "author" %}} for the desk.',
    'Read [the update]({{< ref "flood-update.md" >}}) and [the summit]({{< relref "/world/summit.md" >}}).',
    'See {{< ref "flood-update.md#timeline" >}} and [budget]({{< ref "budget" >}}).',
    '[Percent ref]({{% relref "flood-update" %}})',
    'Show {{</* figure src="a.jpg" */>}} and {{%/* param author */%}} as written.',
    '`{{</* ref "a.md" */>}}` in code',
    '```\nversion {{< param version >}}\n```',
    '```go\n// by {{< param author >}}\nfunc main() {}\n```',
    '{{< highlight go >}}\nfunc main() {\n\tprintln("hi")\n}\n{{< /highlight >}}',
    '{{< highlight python "linenos=table,hl_lines=2" >}}\nx = 1\ny = 2\n{{< /highlight >}}',
    '{{< highlight js "linenos=inline" >}}\nlet a = 1;\n{{< /highlight >}}',
    'A paragraph line\n{{< highlight sh >}}\necho {{< param version >}}\n{{< /highlight >}}',
    // A blank line after it: Hugo puts the highlighted HTML of a `{{% %}}` call in the Markdown without a final
    // line break, so the lines after it are its HTML block's, shown as written (their Markdown unread);
    // feedpub reads them as Markdown (docs/publishing.md says so).
    '{{% highlight go %}}\nfmt.Println("percent")\n{{% /highlight %}}\n',
    'Empty code: {{< highlight go />}}',
    '- Item with code\n\n  {{< highlight sh >}}\n  make all\n  {{< /highlight >}}',
    '    indented {{< param version >}} code',
    '<a href="{{< ref "flood-update.md" >}}">raw link</a> and <span title="{{< param author >}}">raw</span>',
    '## Report by {{< param author >}}',
    '```\n{{</* param author */>}} stays in a fence\n```',
    '- Item by {{< param author >}}',
    '> Quote by {{% param author %}}',
    'Officials said the water was receding.',
    '',
    '',
  ];

  it('gives each of 300 documents the HTML Hugo gives it', async () => {
    const docs = generatedDocuments(LINES, 300);
    expect(docs.filter((markdown) => markdown.includes('{{< highlight')).length).toBeGreaterThan(60);
    expect(docs.filter((markdown) => markdown.includes('/*')).length).toBeGreaterThan(20);
    expect(await differences(docs)).toEqual([]);
  }, 120_000);
});
