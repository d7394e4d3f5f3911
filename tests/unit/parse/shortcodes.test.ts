import { describe, expect, it } from 'vitest';
import { findRefCalls, findShortcodeUses, MAX_PARAM_KEYS, MAX_REFS, refKey, shortcodeCalls, shortcodeParams } from '../../../src/parse/shortcodes.js';

describe('shortcodeCalls', () => {
  it('finds both delimiters, closing calls and the escaped form, with their places', () => {
    // Arrange
    const src = 'a {{< figure src="x.png" >}} b {{% note %}}c{{% /note %}} {{</* ref "x" */>}}';
    // Act
    const calls = [...shortcodeCalls(src)];
    // Assess
    expect(calls.map((c) => [c.name, c.open, c.closing, c.escaped])).toEqual([
      ['figure', '<', false, false],
      ['note', '%', false, false],
      ['note', '%', true, false],
      ['', '<', false, true],
    ]);
    expect(src.slice(calls[0]?.start, calls[0]?.end)).toBe('{{< figure src="x.png" >}}');
  });

  it('tells a self-closed call (`/` before its close) from an open and a closing one, and keeps the `/` out of its arguments', () => {
    // Act
    const calls = [...shortcodeCalls('{{< highlight go />}} {{% highlight/%}} {{< highlight go >}} {{< /highlight >}} {{< a/b >}}')];
    // Assess
    expect(calls.map((c) => [c.name, c.args, c.closing, c.selfClosing])).toEqual([
      ['highlight', ' go ', false, true],
      ['highlight', '', false, true],
      ['highlight', ' go', false, false],
      ['highlight', '', true, false],
      ['a/b', '', false, false],
    ]);
  });

  it('skips a `{{<` that is never closed and keeps a close inside quotes from ending a call', () => {
    expect([...shortcodeCalls('{{< a "x >}}" >}} {{< b')].map((c) => [c.name, c.args.trim()])).toEqual([['a', '"x >}}"']]);
  });

  it('stops searching past its budget: a body of unclosed calls costs a few times its length, and the rest stays text', () => {
    // Arrange: in `{{<\\"` a quote opens and is never closed (each next one is escaped), so every call
    // would read the next 4 KiB for its close (~4 s a MB): the scan gives up long
    // before the real call at the end. The same call after a few of them is still found.
    const call = '{{< ref "x" >}}';
    // Act
    const cut = [...shortcodeCalls(`${'{{<\\"'.repeat(200_000)}\n${call}`)];
    const found = [...shortcodeCalls(`${'{{<\\"'.repeat(10)}\n${call}`)];
    // Assess
    expect(cut).toEqual([]);
    expect(found.map((c) => c.name)).toEqual(['ref']);
  });
});

describe('shortcodeCalls: what opens, closes and names a call', () => {
  const calls = (src: string) => [...shortcodeCalls(src)].map((c) => [c.name, c.args]);

  it('reads a name with slashes (a shortcode in a folder of layouts/shortcodes/) whole', () => {
    expect(calls('{{< foo/bar x >}} {{< a/b/c >}}')).toEqual([
      ['foo/bar', ' x'],
      ['a/b/c', ''],
    ]);
  });

  it('closes a call only at `>}}` (or `%}}`) outside quotes, backtick quotes raw (a backslash escapes nothing in them)', () => {
    expect(calls('{{< a b}} >x} >}x >}}')).toEqual([['a', ' b}} >x} >}x']]);
    expect(calls('{{< a `>}}` >}}')).toEqual([['a', ' `>}}`']]);
    expect(calls('{{< a `x\\` >}} {{< b >}}')).toEqual([
      ['a', ' `x\\`'],
      ['b', ''],
    ]);
    expect(calls('{{% a >}} %}}')).toEqual([['a', ' >}}']]);
  });

  it('gives up a call at a `{{` before its close (the later call is read), but not at a single brace', () => {
    expect(calls('{{< a x{y >}} {{< b {{< c >}}')).toEqual([
      ['a', ' x{y'],
      ['c', ''],
    ]);
  });

  it('starts a call only at `{{<` or `{{%`: template actions and a single brace are text', () => {
    expect(calls('{{ .Title }} {{ a %}} {{x a >}} x{< a >}} {{< b >}}x{< c >}}')).toEqual([['b', '']]);
    expect(calls('x{< a >}}')).toEqual([]);
  });

  it('takes a call as escaped only when wrapped in both comment delimiters', () => {
    expect([...shortcodeCalls('{{< a */ >}} {{< /* b >}} {{</* c */>}}')].map((c) => [c.escaped, c.args])).toEqual([
      [false, ' *'],
      [false, ' b'],
      [true, ''],
    ]);
  });

  it(`reads a call of up to ${4096 - 1} characters between its delimiters, not one more`, () => {
    expect(calls(`{{<${'y'.repeat(4095)}>}}`)).toHaveLength(1);
    expect(calls(`{{<${'y'.repeat(4096)}>}}`)).toEqual([]);
  });

  it('counts against the budget only the characters a scan reads, and the budget grows with the text', () => {
    // 300 unclosed calls read about 225,000 characters in all (each to the end of the text, under 4 KiB):
    // over the budget of a short text, within that of a text four times longer.
    const unclosed = '{{<\\"'.repeat(300);
    expect(calls(`${'x'.repeat(100_000)}${unclosed}\n{{< ref "x" >}}`)).toEqual([['ref', ' "x"']]);
    expect(calls(`${unclosed}\n{{< ref "x" >}}`)).toEqual([]);
  });
});

describe('shortcodeParams', () => {
  it('reads positional and named parameters, quoted, raw and bare', () => {
    const params = shortcodeParams(' "a \\"b\\"" `c d` e lang="fr" path=x.md');
    expect(params.positional).toEqual(['a "b"', 'c d', 'e']);
    expect([...params.named]).toEqual([
      ['lang', 'fr'],
      ['path', 'x.md'],
    ]);
  });

  it('reads a named parameter with white space around its = sign, as Hugo 0.111 does', () => {
    expect([...shortcodeParams(' lang = "fr"').named]).toEqual([['lang', 'fr']]);
  });
});

describe('findRefCalls', () => {
  it('finds ref and relref calls with their lines, once each, and the lang parameter', () => {
    // Arrange: the body starts on line 5 of its file.
    const body = [
      'See [b]({{< ref "b.md" >}}).',
      '',
      'And {{% relref "/news/c#part" %}} and [again]({{< ref "b.md" >}}).',
      '{{< ref path="b.md" lang="fr" >}}',
    ].join('\n');
    // Act
    const { calls, dropped } = findRefCalls(body, 5);
    // Assess
    expect(calls).toEqual([
      { path: 'b.md', line: 5 },
      { path: '/news/c#part', line: 7 },
      { path: 'b.md', lang: 'fr', line: 8 },
    ]);
    expect(dropped).toBe(0);
  });

  it('ignores other shortcodes, escaped and closing calls, and a ref without a path', () => {
    const body = '{{< figure src="a.png" >}} {{</* ref "x" */>}} {{< ref >}} {{< /ref >}} {{< /ref "z" >}} {{< refs "y" >}}';
    expect(findRefCalls(body, 1).calls).toEqual([]);
  });

  it('counts a line break at the start of the body, takes an empty lang for none, and skips a path over 1,000 characters', () => {
    const body = `\n{{< ref "a" >}} {{< ref path="c" lang="" >}} {{< ref "${'p'.repeat(1000)}" >}} {{< ref "${'q'.repeat(1001)}" >}}`;
    expect(findRefCalls(body, 3).calls).toStrictEqual([
      { path: 'a', line: 4 },
      { path: 'c', line: 4 },
      { path: 'p'.repeat(1000), line: 4 },
    ]);
  });

  it(`keeps the first ${MAX_REFS} different targets and counts the others`, () => {
    // Arrange: 130 different pages, each named twice.
    const body = Array.from({ length: 260 }, (_, i) => `{{< ref "p${i % 130}" >}}`).join('\n');
    // Act
    const { calls, dropped } = findRefCalls(body, 1);
    // Assess
    expect(calls).toHaveLength(MAX_REFS);
    expect(calls.at(-1)).toEqual({ path: `p${MAX_REFS - 1}`, line: MAX_REFS });
    expect(dropped).toBe(30);
  });
});

describe('refKey', () => {
  it('is one key for one target, and differs by language', () => {
    expect(refKey({ path: 'a.md' })).toBe(refKey({ path: 'a.md', lang: undefined }));
    expect(refKey({ path: 'a.md', lang: 'fr' })).not.toBe(refKey({ path: 'a.md' }));
    expect(refKey({ path: 'a.md', lang: 'fr' })).not.toBe(refKey({ path: 'b.md', lang: 'fr' }));
  });
});

describe('findShortcodeUses', () => {
  it('removes no Hugo built-in shortcode, nor a call without a name, and reads no param call without a key', () => {
    const body = [
      '{{< figure src="a" >}} {{< gist u 1 >}} {{< highlight go >}}x{{< /highlight >}} {{< instagram a >}}',
      '{{< instagram_simple a >}} {{< ref "a" >}} {{< relref "a" >}} {{< tweet user="u" id="1" >}} {{< twitter a >}}',
      '{{< twitter_simple a >}} {{< vimeo 1 >}} {{< vimeo_simple 1 >}} {{< youtube a >}} {{< /param >}}',
      '{{< >}} {{< "x" >}} {{< param >}} {{< param "" >}}',
      `{{< param "${'k'.repeat(200)}" >}} {{< param "${'l'.repeat(201)}" >}}`,
    ].join('\n');
    expect(findShortcodeUses(body, 1)).toEqual({ removed: [], removedBesides: 0, params: [{ key: 'k'.repeat(200), line: 5 }], paramsBesides: 0 });
  });

  it('gives each its line, counting a line break at the start of the body', () => {
    expect(findShortcodeUses('\n\n{{< note >}}\n{{< param a >}}', 3)).toEqual({
      removed: [{ name: 'note', line: 5 }],
      removedBesides: 0,
      params: [{ key: 'a', line: 6 }],
      paramsBesides: 0,
    });
  });

  it(`keeps the first ${MAX_PARAM_KEYS} param keys and counts the others`, () => {
    const body = Array.from({ length: MAX_PARAM_KEYS + 3 }, (_, i) => `{{< param k${i} >}}`).join('\n');
    const uses = findShortcodeUses(body, 1);
    expect(uses.params).toHaveLength(MAX_PARAM_KEYS);
    expect(uses.params.at(-1)).toEqual({ key: `k${MAX_PARAM_KEYS - 1}`, line: MAX_PARAM_KEYS });
    expect(uses.paramsBesides).toBe(3);
  });
});
