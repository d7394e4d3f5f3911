import { describe, expect, it } from 'vitest';
import { termCollisionProblems } from '../../../src/plan/term-collision-problems.js';
import type { PlanEntry } from '../../../src/plan/plan-feeds.js';
import { testSite } from '../../support/site.js';

function entry(key: string, lang: string, terms: Record<string, string[]>): PlanEntry {
  return { key, lang, section: '', published: 1, updated: 1, terms };
}

describe('termCollisionProblems', () => {
  const site = testSite();

  it('warns once per collision, on the first article that uses a less common spelling', () => {
    const problems = termCollisionProblems(site, [
      entry('content/en/c.md', 'en', { tags: ['go'] }),
      entry('content/en/a.md', 'en', { tags: ['Go'] }),
      entry('content/en/b.md', 'en', { tags: ['Go', 'Rust'] }),
    ]);
    expect(problems).toEqual([
      {
        file: 'content/en/c.md',
        severity: 'warning',
        rule: 'term-collision',
        message: 'tags "Go" (2 articles) and "go" (1 article) share the slug "go": merged into one feed, tags/go/; use one spelling',
      },
    ]);
  });

  it('looks within one language only, and names the language folder of the shared feed', () => {
    const problems = termCollisionProblems(site, [
      entry('content/en/a.md', 'en', { categories: ['AI'] }),
      entry('content/zh-CN/a.md', 'zh-cn', { categories: ['ai'] }),
      entry('content/zh-CN/b.md', 'zh-cn', { categories: ['Ai', 'AI'] }),
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('content/zh-CN/a.md');
    expect(problems[0]?.message).toBe(
      'categories "AI" (1 article), "Ai" (1 article) and "ai" (1 article) share the slug "ai": merged into one feed, zh-cn/categories/ai/; use one spelling',
    );
  });

  it('finds nothing when every name has its own slug', () => {
    expect(termCollisionProblems(site, [entry('content/en/a.md', 'en', { tags: ['C#', 'C', 'C++'] })])).toEqual([]);
  });
});
