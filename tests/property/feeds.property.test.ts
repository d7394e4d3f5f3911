import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { buildToMemory } from '../support/build.js';
import { SAMPLE_NOW } from '../support/repo.js';
import { validateOutput } from '../../src/validate/validate-output.js';
import { checkAtomRules } from '../support/validate-atom.js';
import { validateJsonFeed } from '../support/validate-json-feed.js';
import { checkRssRules } from '../support/validate-rss.js';
import { assertWellFormed, errorsOf } from '../support/validate-xml.js';

const CONFIG = 'baseURL = "https://example.com/"\ntitle = "P"\ntimeZone = "Asia/Shanghai"\n';

/** Any string, including control characters, lone surrogates, `]]>`, quotes and markup. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(']]>', ']]>]]>', '<script>x</script>', '&amp;', '&nbsp;', '"\'<>&', '\u0000\u0008\uFFFE\uD800', '../..', '%2e%2e/', '人工智能', ' '),
);

/** A TOML basic string holding any text (TOML escapes keep the front matter parseable). */
function toml(value: string): string {
  return `"${[...value].map((c) => (c === '"' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('')}"`;
}

/** Days of February 2025: three, so articles often share a date and only the key tie-break orders them. */
const day = fc.integer({ min: 1, max: 3 });

const article = fc.record({ title: nasty, summary: nasty, tags: fc.array(nasty, { maxLength: 3 }), category: nasty, author: nasty, body: nasty, day });

function site(
  articles: readonly { title: string; summary: string; tags: string[]; category: string; author: string; body: string; day: number }[],
  order: readonly number[],
): MemoryStorage {
  const files: [string, string][] = [['hugo.toml', CONFIG]];
  for (const i of order) {
    const a = articles[i];
    if (!a) continue;
    const fm = `+++\ntitle = ${toml(`T${i} ${a.title}`)}\ndate = 2025-02-0${a.day}T10:00:00Z\nsummary = ${toml(a.summary)}\ntags = [${a.tags.map(toml).join(', ')}]\ncategories = [${toml(a.category)}]\nauthor = ${toml(a.author || 'x')}\n+++\n`;
    files.push([`content/p${i}.md`, `${fm}${a.body.replace(/\0/g, '')}\n`]); // a NUL marks a binary file (rejected by design)
  }
  return new MemoryStorage(files);
}

describe('feeds from arbitrary strings in every field (property)', () => {
  it('are always well-formed and valid RSS, Atom and JSON Feed, and input order never changes a byte, even among articles of one date', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(article, { minLength: 1, maxLength: 5 }), fc.integer(), async (articles, seed) => {
        const order = articles.map((_, i) => i);
        const shuffled = [...order].sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        const one = await buildToMemory(site(articles, order), SAMPLE_NOW);
        const two = await buildToMemory(site(articles, shuffled), SAMPLE_NOW);
        expect([...two.files]).toEqual([...one.files]);
        expect(one.report.problems.filter((p) => p.rule === 'output-invalid')).toEqual([]);
        expect(one.report.problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(one.report.articles.published).toBe(articles.length);
        for (const [path, body] of one.files) {
          expect(validateOutput(path, body), path).toEqual([]);
          if (path.endsWith('.xml')) assertWellFormed(body, path);
          if (path.endsWith('index.xml')) expect(errorsOf(checkRssRules(body)), path).toEqual([]);
          if (path.endsWith('atom.xml')) expect(errorsOf(checkAtomRules(body)), path).toEqual([]);
          if (path.endsWith('feed.json')) expect(errorsOf(validateJsonFeed(body)), path).toEqual([]);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
