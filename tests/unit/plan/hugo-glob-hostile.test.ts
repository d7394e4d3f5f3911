import { describe, expect, it } from 'vitest';
import { hugoGlob, hugoGlobSteps, MAX_GLOB_LENGTH, MAX_GLOB_NESTING } from '../../../src/plan/hugo-glob.js';

// Hugo matches these in a tenth of a second; a backtracking matcher took minutes (a review).
describe('hugoGlob on hostile cascade targets', () => {
  it('matches a star-heavy pattern against a long path visiting each state at most once per character', () => {
    const pattern = `/${'*a'.repeat(12)}b`;
    const value = `/${'a'.repeat(40)}`;
    expect(hugoGlob(pattern)?.(value)).toBe(false);
    expect(hugoGlob(pattern)?.(`${value}b`)).toBe(true);
    // Its 26 characters compile to under 3 states each.
    expect(hugoGlobSteps(pattern, value)).toBeLessThanOrEqual((value.length + 1) * pattern.length * 3);
    // At least one visit for each character taken, and none for a pattern that does not compile.
    expect(hugoGlobSteps('/a*', '/abc')).toBeGreaterThanOrEqual(4);
    expect(hugoGlobSteps('/posts/[', '/posts/a')).toBeUndefined();
  }, 60_000);

  it('matches twelve double stars against a 30-segment path in as few steps', () => {
    const pattern = `${'**/'.repeat(12)}x`;
    const value = `${'/seg'.repeat(30)}/y`;
    expect(hugoGlob(pattern)?.(value)).toBe(false);
    expect(hugoGlob(pattern)?.(`${'/seg'.repeat(30)}/x`)).toBe(true);
    expect(hugoGlobSteps(pattern, value)).toBeLessThanOrEqual((value.length + 1) * pattern.length * 3);
  }, 60_000);

  it('gives nothing, without throwing, for braces nested deeper than the bound (a 16 KB target in a list page)', () => {
    const nested = (depth: number): string => `/${'{'.repeat(depth)}a${'}'.repeat(depth)}`;
    expect(() => hugoGlob(nested(8_000))).not.toThrow();
    expect(hugoGlob(nested(8_000))).toBeUndefined();
    expect(hugoGlob(nested(MAX_GLOB_NESTING + 1))).toBeUndefined();
    expect(hugoGlob(nested(MAX_GLOB_NESTING))?.('/a')).toBe(true);
  });

  it('gives nothing for a pattern longer than the bound, and matches one as long', () => {
    expect(hugoGlob(`/${'a'.repeat(MAX_GLOB_LENGTH)}`)).toBeUndefined();
    expect(hugoGlob(`/${'a'.repeat(MAX_GLOB_LENGTH - 1)}`)?.(`/${'a'.repeat(MAX_GLOB_LENGTH - 1)}`)).toBe(true);
  });
});
