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

describe('termCollisionProblems on many spellings', () => {
  const site = testSite();

  it('reads each article a bounded number of times, however many spellings share a slug', () => {
    // Prepare: 2,000 articles, each with its own case variant of one word (all share the slug)
    let reads = 0;
    const entries = Array.from({ length: 2000 }, (_, i) => {
      const name = [...'abcdefghijk'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join('');
      const terms = { tags: [name] };
      return {
        key: `content/en/p${String(i).padStart(4, '0')}.md`,
        lang: 'en',
        get terms() {
          reads++;
          return terms;
        },
      };
    });
    // Act
    const problems = termCollisionProblems(site, entries);
    // Assess: one warning naming all 2,000 spellings, after a few passes (not one per spelling)
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('content/en/p0000.md');
    expect(problems[0]?.message).toContain('tags "ABCDEFGHIJk" (1 article), "ABCDEFGHIjK" (1 article), ');
    expect(problems[0]?.message.match(/\(1 article\)/g)).toHaveLength(2000);
    // (each article is read 5 times here, once a taxonomy in each of two collision passes and once for the counts; one read a spelling took 4,000,000)
    expect(reads).toBeLessThanOrEqual(8 * entries.length);
  });
});
