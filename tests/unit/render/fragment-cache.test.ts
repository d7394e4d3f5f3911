import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentKey, fragmentKeys, keyIn } from '../../../src/render/fragment-cache.js';

describe('fragment keys', () => {
  it("an article's keys made once are the keys made on each use, for every format and variant (property)", () => {
    fc.assert(
      fc.property(fc.record({ key: fc.string(), hash: fc.string() }), (article) => {
        const keys = fragmentKeys(article);
        for (const format of ['rss', 'atom', 'json'] as const) {
          for (const multi of [false, true]) expect(keyIn(keys, format, multi)).toBe(fragmentKey(format, multi, article));
        }
      }),
    );
  });

  it('tells the variants apart, except RSS, whose items are the same in every feed', () => {
    const keys = fragmentKeys({ key: 'content/en/a.md', hash: 'ab12' });
    expect(keyIn(keys, 'rss', true)).toBe(keyIn(keys, 'rss', false));
    expect(new Set([keys.rss, ...keys.atom, ...keys.json]).size).toBe(5);
  });
});
