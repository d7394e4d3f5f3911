import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { rebuild } from '../../src/rebuild.js';
import { memoryDeps } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { sampleSource } from '../support/sample-source.js';

// Selection is what keeps item ids unique. Here it is made to let duplicates through (a regression), to
// show that the output gate still refuses a feed that would list one id twice.
vi.mock('../../src/plan/select.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/plan/select.js')>();
  return {
    ...real,
    // The real selection, blind to ids: each entry is given a unique one for it, and the entries it picks
    // are handed back as they came.
    selectPublished: <T extends Parameters<typeof real.selectPublished>[0][number]>(entries: readonly T[], now: number) => {
      const original = new Map<object, T>();
      const blind = entries.map((entry, index) => {
        const copy = { ...entry, id: `${entry.id}#${index}` };
        original.set(copy, entry);
        return copy;
      });
      const back = (entry: object): T => original.get(entry) as T;
      const selection = real.selectPublished(blind, now);
      return { ...selection, published: selection.published.map(back), held: selection.held.map((h) => ({ entry: back(h.entry), reason: h.reason })) };
    },
  };
});

const OPENAI_EN = 'content/en/news/world/openai-funding.en.md';

describe('the output gate, when selection lets a duplicate id through', () => {
  it('refuses every feed that would list the id twice, keeps the previous copy and names the article', async () => {
    // Arrange: a published site with an article that has an id of its own, then a copy that keeps the id.
    const source = sampleSource();
    const original = (source.text(OPENAI_EN) ?? '').replace(/^translationKey: .*$/m, 'id: "openai-2025"');
    await source.write({ key: OPENAI_EN, body: original, contentType: 'text/markdown', cacheControl: '' });
    const target = new MemoryStorage();
    const deps = memoryDeps(source, SAMPLE_NOW, { target });
    await rebuild(deps);
    const before = target.text('feed.json');
    const copy = 'content/en/news/tech/openai-copy.en.md';
    await source.write({
      key: copy,
      body: original.replace(/^title: .*$/m, 'title: "A copy"'),
      contentType: 'text/markdown',
      cacheControl: '',
    });
    // Act
    const report = await rebuild(deps);
    // Assert
    const refused = report.problems.filter((p) => p.rule === 'output-invalid');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((p) => p.message.includes('is duplicated'))).toBe(true);
    expect(refused.map((p) => p.file)).toContain(OPENAI_EN); // the second with the id, by feed order
    expect(target.text('feed.json')).toBe(before);
  });
});
