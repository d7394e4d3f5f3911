import { describe, expect, it } from 'vitest';
import { findRefCalls, MAX_REFS, refKey, shortcodeCalls, shortcodeParams } from '../../../src/parse/shortcodes.js';

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

describe('shortcodeParams', () => {
  it('reads positional and named parameters, quoted, raw and bare', () => {
    const params = shortcodeParams(' "a \\"b\\"" `c d` e lang="fr" path=x.md');
    expect(params.positional).toEqual(['a "b"', 'c d', 'e']);
    expect([...params.named]).toEqual([
      ['lang', 'fr'],
      ['path', 'x.md'],
    ]);
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
    const body = '{{< figure src="a.png" >}} {{</* ref "x" */>}} {{< ref >}} {{< /ref >}} {{< refs "y" >}}';
    expect(findRefCalls(body, 1).calls).toEqual([]);
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
  });
});
