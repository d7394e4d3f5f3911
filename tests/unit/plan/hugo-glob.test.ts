import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hugoGlob } from '../../../src/plan/hugo-glob.js';

describe('hugoGlob: a cascade target glob as Hugo (gobwas/glob, `/` the separator) matches it', () => {
  // The rows of Hugo's glob reference (gohugo.io/quick-reference/glob-patterns), and cascade targets.
  it.each([
    ['a/*.md', 'a/page.md', true],
    ['a/*/page.md', 'a/b/page.md', true],
    ['a/*/page.md', 'a/b/c/page.md', false],
    ['a/**/page.md', 'a/b/c/page.md', true],
    ['file.???', 'file.txt', true],
    ['file.???', 'file.js', false],
    ['?at', 'f/at', false],
    ['f.[jt]xt', 'f.txt', true],
    ['f.[!j]xt', 'f.txt', true],
    ['f.[a-c].txt', 'f.b.txt', true],
    ['f.[a-c].txt', 'f.z.txt', false],
    ['f.[!a-c].txt', 'f.z.txt', true],
    ['*.{jpg,png}', 'logo.png', true],
    ['*.{jpg,png}', 'logo.webp', false],
    ['/posts/old/**', '/posts/old/x', true],
    ['/posts/old/**', '/posts/old/a/b', true],
    ['/posts/old/**', '/posts/old', false],
    ['{/articles,/articles/**}', '/articles', true],
    ['{/articles,/articles/**}', '/articles/a', true],
    ['/{a,{b,c}}', '/c', true],
    ['/posts/*', '/posts/a/b', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a-b+c(d)', 'a-b+c(d)', true],
    // In any case, lower-cased as Go lower-cases (a capital sigma is σ, İ is i).
    ['/Posts/**', '/posts/X', true],
    ['/ΟΔΟΣ/**', '/οδοσ/x', true],
    ['{section,term}', 'term', true],
    // ? is one character but the separator; a class, one character of it only, below its range too.
    ['a?b', 'a/b', false],
    ['f.[b-c].txt', 'f.a.txt', false],
    ['[a-a]', 'a', true],
    ['[!a]', '!', true],
    ['[\\]]', ']', true],
    // A comma or a closing brace outside braces is itself.
    ['a,b', 'a,b', true],
    ['a,b', 'a', false],
    ['a}b', 'a}b', true],
    ['{a,b}}', 'a}', true],
  ])('%s on %s: %s', (pattern, value, want) => {
    expect(hugoGlob(pattern)?.(value)).toBe(want);
  });

  it('reads a class as gobwas/glob does (checked with hugo 0.111): one range, or a list whose - is itself, never both', () => {
    // A list: each character itself, a - too (Hugo did not take /posts/c in by /posts/[0b-z]*).
    const list = hugoGlob('/posts/[0b-z]*');
    expect(['/posts/0', '/posts/b', '/posts/-', '/posts/z', '/posts/c'].map((path) => list?.(path))).toEqual([true, true, true, true, false]);
    expect(hugoGlob('/posts/[!0b-z]*')?.('/posts/c')).toBe(true);
    expect(hugoGlob('[ab-]')?.('-')).toBe(true);
    // A range: its two ends as written, a backslash too.
    expect(hugoGlob('[\\-z]')?.('a')).toBe(true);
    // A range with more before its ], or one that ends at the ], does not compile (Hugo 0.111 took every page in by /posts/[b-z0]*).
    for (const pattern of ['/posts/[b-z0]*', '[a-z0-9]', '[a-]', '[b-]x', '[a-\\z]', '[a\\']) expect(hugoGlob(pattern), pattern).toBeUndefined();
  });

  it('gives nothing for a pattern that does not compile, as Hugo fails the build on it', () => {
    for (const pattern of ['/posts/[old', '{a,b', '[]', 'a\\', '[b-a]']) expect(hugoGlob(pattern), pattern).toBeUndefined();
  });

  it('matches a pattern without special characters as the very text, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'Z', '/', '.', '-', '+', '(', '$', '^', '|', '好') }), (text) => {
        expect(hugoGlob(text)?.(text)).toBe(true);
        expect(hugoGlob(text)?.(`${text}x`)).toBe(false);
      }),
    );
  });
});
