import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { checkSite } from '../../src/cli/check-site.js';
import type { Problem } from '../../src/model.js';
import { buildToMemory } from '../support/build.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** A site of every hostile and front matter fixture, plus a body not UTF-8 past a good head and a NUL past the sniffed bytes. */
function hostileSite(): MemoryStorage {
  const files: [string, string | Uint8Array][] = [
    ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "T"\ntimeZone = "Asia/Shanghai"\n[taxonomies]\ntag = "tags"\ncategory = "categories"\n'],
  ];
  for (const folder of ['hostile', 'front-matter']) {
    for (const name of readdirSync(path.join(FIXTURES, folder))) {
      files.push([`content/${folder}/${name}`, readFileSync(path.join(FIXTURES, folder, name))]);
    }
  }
  const head = Buffer.from('---\ntitle: Head fine\ndate: 2025-02-10 16:27:09\n---\n');
  files.push(['content/late/bad-body.md', Buffer.concat([head, Buffer.from('Body then '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])]);
  files.push(['content/late/nul-late.md', Buffer.concat([head, Buffer.from('x'.repeat(9000)), Buffer.from([0]), Buffer.from('\n')])]);
  return new MemoryStorage(files);
}

/** The problems as comparable rows, in a stable order. */
function rows(problems: readonly Problem[]): string[] {
  return problems.map((p) => `${p.file}:${p.line ?? ''}: ${p.severity}: ${p.rule}: ${p.message}`).sort();
}

describe('check against a build', () => {
  it('reports exactly the problems and counts a full build reports, reading only heads (nothing rendered)', async () => {
    const checked = await checkSite(hostileSite(), { now: NOW });
    const built = await buildToMemory(hostileSite(), NOW);
    // What only rendering finds (an item too large, a gate failure) is the build's alone.
    const renderOnly = new Set(['content-too-large', 'content-failed', 'footnotes-as-text', 'output-invalid']);
    expect(rows(checked.problems)).toEqual(rows(built.report.problems.filter((p) => !renderOnly.has(p.rule))));
    expect(checked.report.articles).toEqual(built.report.articles);
    expect(checked.problems.some((p) => p.file === 'content/late/bad-body.md' && p.rule === 'encoding')).toBe(true);
    expect(checked.report.articles.rejected).toBeGreaterThan(10);
  });
});
