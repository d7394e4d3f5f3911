import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { isXmlValid, PAGE_URL, safetyProblems, tagsOf } from './markdown-fixtures.js';

/** Pieces of Markdown and HTML that attacks and edge cases are made of. */
const HOSTILE = [
  '<script>',
  '</script>',
  '<SCRIPT SRC=//x.test/a.js>',
  '<scr',
  'ipt>',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'java&#x09;script:',
  '&#106;avascript:',
  'vbscript:',
  'data:text/html,',
  'data:image/png;base64,AA',
  '<a href="',
  '<a href=',
  '<img src=',
  '<img src="x" ',
  '<img data-src="',
  ' data-original=',
  ' data-lazy-src="',
  ' data-srcset="',
  '<noscript><img src="',
  '" onerror="alert(1)"',
  ' onclick=alert(1) ',
  ' style="x:y" ',
  '>',
  '<',
  '"',
  "'",
  '`',
  '=',
  '/',
  '//',
  '\\\\',
  '[x](',
  '![y](',
  ')',
  '](',
  '<!--',
  '-->',
  '<!--more-->',
  '{{<',
  '>}}',
  '{{%',
  '%}}',
  '{{< figure src="',
  '<svg><script>',
  '<iframe src=',
  '<style>',
  '<math>',
  '<noscript>',
  '</noscript>',
  '<p title="',
  '<textarea>',
  '<xmp>',
  '<template>',
  '<base href=',
  '<form action=',
  '<object data=',
  '<embed src=',
  '<video poster=',
  ' srcset="',
  ', ',
  ' 2x',
  '<source src=',
  '<blockquote cite=',
  '\n',
  '\n\n',
  '    ',
  '- ',
  '> ',
  '```',
  '|',
  '&',
  ';',
  '#',
  '&#0;',
  '&#x1;',
  '&#xFFFE;',
  '\u0000',
  '\u0008',
  '\u000B',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  '😀',
  'http://',
  'https://x.test/',
  'mailto:',
  'tel:',
  '&lt;',
  '&#x3C;',
  ']]>',
  '<![CDATA[',
  '&colon;',
  '[r]: ',
  '[r]',
  '<details open ontoggle=',
  '<input ',
  '<button formaction=',
  // Whole Markdown links, which markdown-it itself lets through or not.
  '![y](data:image/png;base64,AA)',
  '![y](data:image/gif;base64,AA)',
  '[x](javascript:alert(1))',
  '[x](vbscript:x)',
  '[x](data:text/html,x)',
  '[x](<java script:x>)',
  '[x](ftp://x.test/)',
  '[x](file:///etc/passwd)',
  '![y](//x.test/a.png)',
];

const hostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** Markdown without raw HTML: no `<` at all, and no shortcodes (which may produce HTML). */
const MARKDOWN = [
  '*',
  '**',
  '_',
  '~~',
  '`',
  '```',
  '```js\n',
  '\n',
  '\n\n',
  '  \n',
  '    ',
  '# ',
  '## ',
  '- ',
  '1. ',
  '> ',
  '---\n',
  '| a | b |\n|:-|-:|\n| 1 | 2 |\n',
  '- [ ] ',
  '- [x] ',
  '[x](',
  '![y](',
  '](',
  ')',
  '[r]',
  '[r]: ',
  ' "t"',
  '../',
  './',
  '/',
  '//cdn.test/',
  '#frag',
  '?q=1',
  'img.png',
  'https://x.test/a?b=1&c=2',
  'mailto:a@b.test',
  'tel:+1',
  'javascript:alert(1)',
  'data:image/png;base64,AA',
  '&amp;',
  '&nbsp;',
  '&quot;',
  '&#1;',
  '"',
  "'",
  '&',
  '\\',
  'a@b.test',
  'text',
  '中文',
  '😀',
  '\u0000',
  '\u0001',
  '\uFFFE',
  '\uD800',
  ']]>',
  // Hugo's goldmark extensions: footnotes, definition lists, typographer, heading attributes.
  '[^1]',
  '[^1]: ',
  '[^n]',
  '[^n]: ',
  '^[',
  '\n: ',
  '--',
  '...',
  '>>',
  ' {#id}',
  ' {.c k=v}',
];

const markdownText = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MARKDOWN) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 40 })
  .map((parts) => parts.join(''))
  .filter((s) => !s.includes('<') && !s.includes('{{'));

describe('renderArticleHtml (properties)', () => {
  it('never outputs script, handlers, style or a non-http(s)/mailto/tel URL, and only XML-valid characters', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom(PAGE_URL, 'http://example.com/'), (markdown, pageUrl) => {
        const { html, lead, rewritten, firstImage } = renderArticleHtml(markdown, pageUrl);
        expect(safetyProblems(html)).toEqual([]);
        expect(html).not.toMatch(/<script/i);
        expect(isXmlValid(html)).toBe(true);
        if (lead !== undefined) {
          expect(safetyProblems(lead)).toEqual([]);
          expect(isXmlValid(lead)).toBe(true);
        }
        for (const url of rewritten) expect(isXmlValid(url)).toBe(true);
        if (firstImage !== undefined) expect(['http:', 'https:']).toContain(new URL(firstImage).protocol);
        // An image always has a source: one without shows nothing (a lazy one gets its real URL, or goes).
        for (const tag of tagsOf(html)) if (tag.name === 'img') expect(tag.attributes.get('src')).toMatch(/^https?:/);
      }),
      { numRuns: 1500 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(hostileText, (markdown) => {
        expect(renderArticleHtml(markdown, PAGE_URL)).toEqual(renderArticleHtml(markdown, PAGE_URL));
      }),
      { numRuns: 300 },
    );
  });

  // Without raw HTML the sanitizer is skipped. A raw HTML block in front forces it; the rest of the document
  // must come out the same (markdown-it writes `"` in text as &quot;, the sanitizer as `"`).
  it('skips the sanitizer only where it would change nothing', () => {
    const unquote = (s: string) => s.replaceAll('&quot;', '"');
    fc.assert(
      fc.property(markdownText, (markdown) => {
        const direct = renderArticleHtml(markdown, PAGE_URL);
        const sanitized = renderArticleHtml(`<div></div>\n\n${markdown}`, PAGE_URL);
        expect(unquote(sanitized.html)).toBe(unquote(`<div></div>\n${direct.html}`));
        expect(sanitized.rewritten).toEqual(direct.rewritten);
        expect(sanitized.firstImage).toEqual(direct.firstImage);
      }),
      { numRuns: 1500 },
    );
  });
});

/** Param values: hostile text, put where param calls stand among Markdown and HTML. */
const paramValue = fc.oneof(
  hostileText,
  fc.constantFrom('1.2.3', 'AT&T', 'a\n\n    b', `say "hi" it's`, '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'),
);
const PARAM_CALLS = ['{{< param a >}}', '{{< param b >}}', '{{% param a %}}', '{{% param b %}}'];

describe('renderArticleHtml with param shortcodes (properties)', () => {
  it('never outputs script, handlers or a bad URL, and leaves no placeholder, whatever the values and wherever the calls', () => {
    const body = fc
      .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 2, arbitrary: fc.constantFrom(...PARAM_CALLS) }), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, paramValue, paramValue, (markdown, a, b) => {
        const { html, lead } = renderArticleHtml(markdown, PAGE_URL, undefined, undefined, [
          ['a', a],
          ['b', b],
        ]);
        for (const part of [html, lead ?? '']) {
          expect(safetyProblems(part)).toEqual([]);
          expect(isXmlValid(part)).toBe(true);
          expect(part).not.toMatch(/feedpub[0-9a-f]{32}v/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('skips the sanitizer only where it would change nothing, with values in the HTML', () => {
    const unquote = (s: string) => s.replaceAll('&quot;', '"');
    const body = fc
      .array(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MARKDOWN) }, { weight: 2, arbitrary: fc.constantFrom('{{< param a >}}', '{{< param b >}}') }),
        {
          maxLength: 30,
        },
      )
      .map((parts) => parts.join(''))
      // No raw HTML but the calls (a `<` of Markdown text would be a tag, or text the sanitizer writes otherwise).
      .filter((s) => !/<|\{\{/.test(s.replaceAll(/\{\{< param [ab] >\}\}/g, '')));
    fc.assert(
      fc.property(body, paramValue, paramValue, (markdown, a, b) => {
        const params: [string, string][] = [
          ['a', a],
          ['b', b],
        ];
        const direct = renderArticleHtml(markdown, PAGE_URL, undefined, undefined, params);
        const sanitized = renderArticleHtml(`<div></div>\n\n${markdown}`, PAGE_URL, undefined, undefined, params);
        expect(unquote(sanitized.html)).toBe(unquote(`<div></div>\n${direct.html}`));
        expect(sanitized.rewritten).toEqual(direct.rewritten);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('renderArticleHtml (regressions found by the properties)', () => {
  it('a "javascript:" in a tooltip stays prose, and the unclosed tag after it stays text', () => {
    const { html } = renderArticleHtml('<p title="java\tscript:\n\n![y](//x.test/a.png)', 'https://example.com/a/');
    expect(html).toBe('<p title="java\tscript:\n&lt;p&gt;&lt;img src="></p>\n');
    expect(safetyProblems(html)).toEqual([]);
  });

  it('an e-mail address never ends inside a param placeholder, whose value then shows in its place', () => {
    const params: [string, string][] = [['a', 'Vv']];
    expect(renderArticleHtml('a@b.test{{< param a >}}{{< param a >}}', PAGE_URL, undefined, undefined, params).html).toBe('<p>a@b.testVvVv</p>\n');
    expect(renderArticleHtml('a@b.test{{< param a >}} x', PAGE_URL, undefined, undefined, params).html).toBe(
      '<p><a href="mailto:a@b.testVv">a@b.testVv</a> x</p>\n',
    );
  });
});
