import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderArticleHtml } from '../../../src/render/article-html.js';
import { bodyExcerpt } from '../../../src/render/body-excerpt.js';
import { deriveContent } from '../../../src/render/derive-content.js';
import { checkEmojiTable, emojify } from '../../../src/render/emoji.js';
import { EMOJI_TABLE } from '../../../src/render/emoji-table.js';
import { emojiTableFor } from '../../../src/emoji-table-for.js';
import { testSite } from '../../support/site.js';

const PAGE = 'https://example.com/posts/a/';
const e = (markdown: string): string => emojify(markdown, EMOJI_TABLE);

/**
 * Hugo 0.111's page lexer, byte by byte as it reads the source (parser/pageparser, `lexEmoji`): at a
 * colon, each byte from the next one on is decoded as a rune (so the second byte of a character outside
 * ASCII decodes as U+FFFD), a colon after at least one byte ends the alias, and a rune other than a letter,
 * digit, `_`, `-` or `+` ends the search with the colon as text. An alias's text is replaced when the
 * table has its name. The oracle for the property below: the same answers, by another route.
 */
function hugoLexer(text: string, table: ReadonlyMap<string, string>): string {
  const input = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const runeAt = (i: number): string => {
    const first = input[i] ?? 0;
    const width = first < 0x80 ? 1 : first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
    return first >= 0x80 && first < 0xc0 ? '\uFFFD' : decoder.decode(input.subarray(i, i + width));
  };
  const out: string[] = [];
  let start = 0;
  let pos = 0;
  while (pos < input.length) {
    if (input[pos] !== 0x3a) {
      pos++;
      continue;
    }
    out.push(decoder.decode(input.subarray(start, pos)));
    let end = -1;
    for (let i = pos + 1; i < input.length; i++) {
      if (i > pos + 1 && input[i] === 0x3a) {
        end = i + 1;
        break;
      }
      if (!/^[\p{L}\p{Nd}_+-]$/u.test(runeAt(i))) break;
    }
    if (end === -1) {
      out.push(':');
      start = pos = pos + 1;
    } else {
      const alias = decoder.decode(input.subarray(pos, end));
      out.push(table.get(alias.slice(1, -1)) ?? alias);
      start = pos = end;
    }
  }
  out.push(decoder.decode(input.subarray(start)));
  return out.join('');
}

describe('emojify (Hugo 0.111 enableEmoji, on the Markdown source)', () => {
  it('replaces the aliases real sites use with the emoji Hugo shows', () => {
    expect(e(':smile: :see_no_evil: :tent: :+1: :-1: :heart: :rocket: :100: :tada:')).toBe('😄 🙈 ⛺ 👍 👎 ❤️ 🚀 💯 🎉');
    expect(e('flags :us: :fr: :cn: :jp: :de: :gb: :uk:')).toBe('flags 🇺🇸 🇫🇷 🇨🇳 🇯🇵 🇩🇪 🇬🇧 🇬🇧');
  });

  it('finds an alias only between two colons with ASCII letters, digits, _, + or - between them', () => {
    for (const text of ['::', ':::', ':not an alias:', ':smile', 'smile:', ':sm.ile:', ':smile :', ': smile:', ':smile\n:', ':héllo:', ':😄:', '']) {
      expect(e(text), JSON.stringify(text)).toBe(text);
    }
    expect(e(':héllo:smile:')).toBe(':héllo😄');
    expect(e(':smile\n:smile:')).toBe(':smile\n😄');
    expect(e('a:smile:b 漢字:smile:漢字 :smile:.')).toBe('a😄b 漢字😄漢字 😄.');
  });

  it('takes a name whole, colons and all, whether or not it is an emoji, and goes on after it', () => {
    expect(e(':smile::smile:')).toBe('😄😄');
    expect(e(':smile:smile:')).toBe('😄smile:');
    expect(e(':+1:+1:')).toBe('👍+1:');
    // `:foo:` is a name the table lacks: its second colon opens nothing, so `smile:` stays.
    expect(e(':foo:smile:')).toBe(':foo:smile:');
    expect(e(':a:smile:')).toBe('🅰️smile:');
    expect(e(':-:smile:')).toBe(':-:smile:');
  });

  it('leaves times, ports and URLs as they are', () => {
    for (const text of [
      '10:30:45',
      'at 12:00',
      'http://x:80/',
      'https://example.com:8443/a:b',
      'mailto:a@b.c',
      'C:\\dir',
      'key: value',
      'std::vector',
      'a : b',
    ]) {
      expect(e(text), text).toBe(text);
    }
    // A name between two colons of a time is a name like any other (Hugo's too).
    expect(e('at 10:100:00')).toBe('at 10💯00');
  });

  it('is case-sensitive and knows no name from the prototype of an object', () => {
    expect(e(':SMILE: :Smile: :smile:')).toBe(':SMILE: :Smile: 😄');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) expect(e(`:${name}:`)).toBe(`:${name}:`);
  });

  it('returns the very string when it has no colon, and any text unchanged with no table', () => {
    const text = 'no colon here '.repeat(10);
    expect(e(text)).toBe(text);
    expect(emojify(':smile: :heart:', new Map())).toBe(':smile: :heart:');
  });

  it('gives what Hugo 0.111 lexer gives, on any text', () => {
    // Colons and names mostly, with what ends a name between them.
    const piece = fc.oneof(
      { arbitrary: fc.constant(':'), weight: 4 },
      { arbitrary: fc.constantFrom('smile', 'heart', '+1', 'foo', 'a', '10', '_x-y'), weight: 3 },
      { arbitrary: fc.constantFrom(' ', '\n', 'é', '漢', '😄', '.', '{{', '`', '\uFFFD'), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(e(text)).toBe(hugoLexer(text, EMOJI_TABLE));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(e(text)).toBe(hugoLexer(text, EMOJI_TABLE));
      }),
    );
  });
});

describe('emoji in rendered content, as Hugo 0.111 renders a page with enableEmoji', () => {
  const html = (markdown: string, params: readonly (readonly [string, string])[] = []): string =>
    renderArticleHtml(markdown, PAGE, undefined, undefined, params, EMOJI_TABLE).html;

  it('replaces aliases before rendering: in text, code spans, code blocks and raw HTML attributes', () => {
    expect(html('Hi :smile: and `:smile:`')).toBe('<p>Hi 😄 and <code>😄</code></p>\n');
    expect(html('```\n:rocket: in a fence\n```')).toBe('<pre><code>🚀 in a fence\n</code></pre>\n');
    expect(html('<span title=":heart:">:heart:</span>')).toBe('<p><span title="❤️">❤️</span></p>\n');
  });

  it('leaves aliases alone without the table', () => {
    expect(renderArticleHtml('Hi :smile:', PAGE).html).toBe('<p>Hi :smile:</p>\n');
  });

  it("replaces none in a shortcode's parameters or what it shows, and does in a paired one's inner Markdown", () => {
    expect(html('{{< figure src="a.png" caption=":smile:" >}}')).toContain('alt=":smile:" /><figcaption><p>:smile:</p></figcaption>');
    expect(html('A {{% param x %}} B {{< param x >}} C :smile:', [['x', 'val :smile:']])).toBe('<p>A val :smile: B val :smile: C 😄</p>\n');
    expect(html('{{< highlight go >}}\nfmt.Println(":smile:")\n{{< /highlight >}}')).toContain('fmt.Println(&quot;😄&quot;)');
    expect(html('{{< unknown >}}inner :heart:{{< /unknown >}}')).toBe('<p>inner ❤️</p>\n');
    expect(html('{{</* x a=:smile: */>}}')).toBe('<p>{{&lt; x a=:smile: &gt;}}</p>\n');
  });

  it('shows them in the summary made from the content, and in the excerpt of an untitled page', () => {
    const derived = deriveContent('Lead :heart:\n\n<!--more-->\n\nRest :smile:', PAGE, true, true, undefined, undefined, undefined, EMOJI_TABLE);
    expect(derived.summary).toBe('Lead ❤️');
    expect(deriveContent('Text :smile:', PAGE, true, true, undefined, undefined, undefined, EMOJI_TABLE).summary).toBe('Text 😄');
    expect(bodyExcerpt('Just a note :tent:', PAGE, undefined, undefined, EMOJI_TABLE)).toBe('Just a note ⛺');
  });
});

describe('the emoji table of a site', () => {
  it('is loaded for a site that sets enableEmoji, and for no other', async () => {
    expect(await emojiTableFor(testSite({ enableEmoji: true }))).toBe(EMOJI_TABLE);
    expect(await emojiTableFor(testSite())).toBeUndefined();
    expect(EMOJI_TABLE.size).toBeGreaterThan(1800);
  });

  it('must be given to render a site that sets enableEmoji', () => {
    expect(() => checkEmojiTable(testSite({ enableEmoji: true }), undefined)).toThrow(/enableEmoji/);
    expect(() => checkEmojiTable(testSite({ enableEmoji: true }), EMOJI_TABLE)).not.toThrow();
    expect(() => checkEmojiTable(testSite(), undefined)).not.toThrow();
  });
});
