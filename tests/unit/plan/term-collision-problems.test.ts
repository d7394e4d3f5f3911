import { describe, expect, it } from 'vitest';
import { MAX_NAMED_SPELLINGS, termCollisionProblems } from '../../../src/plan/term-collision-problems.js';
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

  it('names 20 spellings, the most used first, and counts the rest', () => {
    // 21 case variants of "abcde": "Abcde" on two articles, the others on one each (sorted then by name).
    const variants = Array.from({ length: 32 }, (_, i) => [...'abcde'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join('')).slice(0, 21);
    const entries = variants.map((name, i) => entry(`content/en/p${String(i).padStart(2, '0')}.md`, 'en', { tags: [name] }));
    entries.push(entry('content/en/q.md', 'en', { tags: ['Abcde'] }));
    const message = termCollisionProblems(site, entries)[0]?.message ?? '';
    expect(message).toMatch(/^tags "Abcde" \(2 articles\), "ABCDe" \(1 article\), /);
    expect(message.match(/"[A-Za-z]+" \(/g)).toHaveLength(MAX_NAMED_SPELLINGS);
    expect(message).toContain(' (1 article) and 1 more spelling share the slug "abcde"');
    entries.pop();
    entries.pop();
    expect(termCollisionProblems(site, entries)[0]?.message).not.toContain('more spelling');
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
    // Assess: one warning naming the first 20 of the 2,000 spellings and counting the rest, after a few
    // passes (not one per spelling)
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('content/en/p0000.md');
    expect(problems[0]?.message).toContain('tags "ABCDEFGHIJk" (1 article), "ABCDEFGHIjK" (1 article), ');
    expect(problems[0]?.message.match(/\(1 article\)/g)).toHaveLength(MAX_NAMED_SPELLINGS);
    expect(problems[0]?.message).toMatch(
      / \(1 article\) and 1980 more spellings share the slug "abcdefghijk": merged into one feed, tags\/abcdefghijk\/; use one spelling$/,
    );
    // (each article is read 5 times here, once a taxonomy in each of two collision passes and once for the counts; one read a spelling took 4,000,000)
    expect(reads).toBeLessThanOrEqual(8 * entries.length);
  });
});
