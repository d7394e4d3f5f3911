import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../../src/adapters/memory-storage.js';
import { checkSite } from '../../../src/cli/check-site.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');

function site(): MemoryStorage {
  return new MemoryStorage({
    'hugo.toml': 'baseURL = "https://example.com/"\ntitle = "T"\ntimeZone = "UTC"\n[taxonomies]\ntag = "tags"\n',
    'content/a.md': '---\ntitle: A\ndate: 2025-01-01\ntags: [Go]\n---\n![x](x.png)\n',
    'content/b.md': '---\ntitle: B\ndate: 2025-01-02\ntags: [go]\n---\nB\n',
    'content/c.md': '---\ntitle: C\ndate: 2025-02-31\n---\nC\n',
    'content/d.md': '---\ntitle: D\ndate: 2099-01-01\n---\nD\n',
  });
}

describe('checkSite', () => {
  it("combines the rebuild's problems with term collisions, and changes nothing in the source", async () => {
    const source = site();
    const { report, problems } = await checkSite(source, { now: NOW });
    expect(report.articles).toMatchObject({ total: 4, rejected: 1, held: 1, published: 2 });
    expect(problems.map((p) => [p.file, p.severity, p.rule])).toEqual(
      expect.arrayContaining([
        ['content/c.md', 'error', 'date-invalid'],
        ['content/d.md', 'info', 'future'],
        ['content/b.md', 'warning', 'term-collision'],
      ]),
    );
    expect(problems.some((p) => p.rule === 'relative-url')).toBe(false);
    expect(source.calls.write + source.calls.delete).toBe(0);
  });

  it('adds the relative URLs with verbose, and honours a base URL override', async () => {
    const { problems } = await checkSite(site(), { now: NOW, verbose: true, baseURL: 'https://staging.example.org/' });
    const relative = problems.filter((p) => p.rule === 'relative-url');
    expect(relative).toEqual([
      {
        file: 'content/a.md',
        line: 6,
        severity: 'warning',
        rule: 'relative-url',
        message: 'relative URL "x.png" becomes https://staging.example.org/a/x.png in feeds',
      },
    ]);
  });
});
