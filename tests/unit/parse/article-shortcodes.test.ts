import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { flattenParams, pageParam, paramText, siteParam } from '../../../src/parse/params.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { MAX_PARAM_KEYS, MAX_SHORTCODE_NAMES } from '../../../src/parse/shortcodes.js';
import { testSite } from '../../support/site.js';

// The site's params as Hugo reads them, with zh-CN's own author over the site's.
const site = testSite({
  params: { Author: 'Site Author', Social: { Twitter: 'siteTw' }, zero: 0, list: ['a', 'b'] },
  languages: {
    en: { contentDir: 'content/en', weight: 1 },
    'zh-CN': { contentDir: 'content/zh-CN', weight: 2, params: { author: '作者' } },
  },
});

function parse(key: string, text: string, body = false) {
  const location = locateArticle(site, key);
  if (!location) throw new Error(`no location for ${key}`);
  return parseArticle(site, { key, bytes: new TextEncoder().encode(text) }, location, { body });
}

const HEAD = '---\ntitle: A\ndate: 2025-01-01\n---\n';

describe('the shortcodes of an article that are not Hugo built-in ones', () => {
  it.each([true, false])('are reported once by name, at the line of the first call, and built-in ones never (body: %s)', (body) => {
    // Arrange: the body starts on line 5; `note` is called twice (paired), `gallery` once.
    const text = `${HEAD}{{< note >}}\nx\n{{< /note >}}\n{{% gallery dir="a" %}} {{< note >}}\n{{< youtube a >}} {{< gist u 1 >}} {{< tweet user="u" id="1" >}} {{< instagram p >}} {{< param "author" >}} {{</* custom */>}}\n`;
    // Act
    const { article, problems } = parse('content/en/posts/a.md', text, body);
    // Assess
    expect(article).toBeDefined();
    expect(problems.map((p) => [p.rule, p.severity, p.line, p.message.slice(0, 20)])).toEqual([
      ['shortcode-removed', 'warning', 5, 'shortcode "note" is '],
      ['shortcode-removed', 'warning', 8, 'shortcode "gallery" '],
    ]);
  });

  it(`are named up to ${MAX_SHORTCODE_NAMES}, and the others counted in one more report`, () => {
    const calls = Array.from({ length: MAX_SHORTCODE_NAMES + 3 }, (_, i) => `{{< c${i} >}}`).join('\n');
    const { problems } = parse('content/en/posts/a.md', `${HEAD}${calls}\n`);
    expect(problems).toHaveLength(MAX_SHORTCODE_NAMES + 1);
    expect(problems.at(-1)?.message).toBe("and 3 more shortcodes that are not Hugo's built-in ones: removed too");
  });
});

describe('the param calls of an article', () => {
  it('show the page front matter value, else its language params, else the site params, keys in any case and dotted', () => {
    // Arrange
    const text = `---\ntitle: A\ndate: 2025-01-01\nSocial:\n  twitter: pageTw\n---\n{{< param "Author" >}} {{< param social.twitter >}} {{< param "title" >}} {{< param list >}}\n`;
    // Act
    const en = parse('content/en/posts/a.md', text);
    const zh = parse('content/zh-CN/posts/a.md', text);
    // Assess
    expect(en.article?.params).toEqual([
      ['Author', 'Site Author'],
      ['social.twitter', 'pageTw'],
      ['title', 'A'],
      ['list', '[a b]'],
    ]);
    expect(zh.article?.params?.[0]).toEqual(['Author', '作者']);
    expect(en.problems).toEqual([]);
  });

  it('that find no value (none, or 0 as Hugo 0.111 tests it) are reported with their line, once by key', () => {
    const { article, problems } = parse('content/en/posts/a.md', `${HEAD}{{< param "zero" >}}\n{{< param "gone" >}} {{< param "gone" >}}\n`);
    expect(article).not.toHaveProperty('params');
    expect(problems.map((p) => [p.rule, p.line, p.message.slice(0, 12)])).toEqual([
      ['param-not-found', 5, 'param "zero"'],
      ['param-not-found', 6, 'param "gone"'],
    ]);
  });

  it(`are read for ${MAX_PARAM_KEYS} keys, the others counted in one more report at the line of the last key read`, () => {
    // Arrange: one key a line from line 5, the first one found in the site params.
    const calls = ['{{< param "Author" >}}', ...Array.from({ length: MAX_PARAM_KEYS + 2 }, (_, i) => `{{< param k${i} >}}`)].join('\n');
    // Act
    const { article, problems } = parse('content/en/posts/a.md', `${HEAD}${calls}\n`);
    // Assess
    expect(article?.params).toEqual([['Author', 'Site Author']]);
    expect(problems).toHaveLength(MAX_PARAM_KEYS);
    expect(problems.at(-1)).toEqual({
      file: 'content/en/posts/a.md',
      severity: 'warning',
      rule: 'param-not-found',
      message: `more than ${MAX_PARAM_KEYS} different keys in param shortcodes: feeds show nothing for the other 3`,
      line: 4 + MAX_PARAM_KEYS,
    });
  });
});

describe('param values', () => {
  it('are printed as Hugo prints them, and the empty, zero and false ones not at all', () => {
    expect(['x', 1.5, 42, true, ['a', 1]].map(paramText)).toEqual(['x', '1.5', '42', 'true', '[a 1]']);
    expect(['', 0, false, [], null, { a: 1 }].map(paramText)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('are read from a table by their dotted path in lower case, and from front matter in any case', () => {
    expect(flattenParams({ Author: 'A', Social: { Twitter: 't', Empty: '' } })).toEqual([
      ['author', 'A'],
      ['social.twitter', 't'],
    ]);
    expect(pageParam({ Social: { TWITTER: 't' }, 'a.b': 'whole' }, 'social.twitter')).toBe('t');
    // Hugo looks for the whole key first.
    expect(pageParam({ 'a.b': 'whole', a: { b: 'nested' } }, 'A.B')).toBe('whole');
    expect(pageParam({ a: 'x' }, 'a.b')).toBeUndefined();
  });

  it('are looked up in a Map made once from the site params, however many keys an article asks for', () => {
    // Arrange: 10,000 site values (the most flattenParams keeps), every read of a pair counted.
    const pairs = Array.from({ length: 10_000 }, (_, i): [string, string] => [`k${i}`, `v${i}`]);
    let reads = 0;
    const counted = new Proxy(pairs, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
    // Act: 100 keys (an article's most), in another case, the last ones missing.
    const found = Array.from({ length: 100 }, (_, i) => siteParam(counted, `K${i * 102}`));
    // Assess: each pair read once (a scan for each key read 500,000 for these).
    expect(found.slice(0, 3)).toEqual(['v0', 'v102', 'v204']);
    expect(found.at(-1)).toBeUndefined();
    expect(reads).toBe(10_000);
    expect(siteParam(counted, 'k9999')).toBe('v9999');
    expect(reads).toBe(10_000);
    expect(siteParam(undefined, 'k1')).toBeUndefined();
  });

  it('are found in the front matter params table first (Hugo 0.123 .Params), then at the top', () => {
    const data = { author: 'Top', social: { twitter: 'top' }, version: '1', params: { Author: 'Guest', Social: { mastodon: 'm' }, empty: null } };
    expect(pageParam(data, 'author')).toBe('Guest');
    // A table there replaces the top one whole, as Hugo sets the key.
    expect(pageParam(data, 'social.mastodon')).toBe('m');
    expect(pageParam(data, 'social.twitter')).toBeUndefined();
    expect(pageParam(data, 'version')).toBe('1');
    expect(pageParam(data, 'params.author')).toBe('Guest');
    expect(pageParam({ params: 'x', a: 'b' }, 'a')).toBe('b');
  });

  it('are found in front matter in any case, the first of keys written in two cases winning, as before', () => {
    const data = { Author: 'first', author: 'second', Nested: { KEY: 'n' } };
    expect(pageParam(data, 'AUTHOR')).toBe('first');
    expect(pageParam(data, 'nested.key')).toBe('n');
    expect(pageParam(data, 'author')).toBe('first');
  });
});
