import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSimpleYaml } from '../../../src/parse/parse-simple-yaml.js';
import { YAML_OPTIONS } from '../../../src/parse/parse-yaml-block.js';
import { toPlainData } from '../../../src/parse/to-plain-data.js';

/** What the yaml package makes of `src`, or 'error'. */
function viaYaml(src: string): unknown {
  const doc = parseDocument(src, YAML_OPTIONS);
  if (doc.errors.length > 0) return 'error';
  return toPlainData(doc.toJS() ?? {}, 1000);
}

// Pieces that exercise every branch of the fast path and the YAML rules around it.
const keys = ['title', 'Title', 'tags', 'a-b', '_x', 'k1', 'yes', 'on', 'null', 'True', 'FALSE', '__proto__', 'e', 'x y', '1', '-', 'a:b', '"q"'];
const chars = [
  'a', 'Z', '1', '0', ' ', '  ', ':', ': ', '#', ' #', '-', '- ', '.', ',', '[', ']', '{', '}', '"', "'", "''", '\\', '\\"', '\\n', '\\u00e9', '\\x41',
  '\\ud800', '?', '!', '&', '*', '|', '>', '%', '@', '`', '~', '+', 'é', '中', '\u00a0', '\u3000', '\u2028', '\u0085', '\ufeff', '😀', '\ud800', '\t', '\u007f',
];
const scalars = [
  '', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'yes', 'no', 'on', '0', '-0', '+5', '007', '0o17', '0o8', '0x1F', '0xg',
  '1e3', '1E-3', '.5', '1.', '-.5e+2', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1_000', '2025-02-10', '2025-02-10 16:27:09', '12:30', '[]', '[ ]', '{}',
  '"a"', "'a'", '"a" # c', "'it''s'", '"a"b', 'a # c', 'a#b', 'C#', 'http://x.y/z?a=1', '---', '...', '- a', '-a', '-', '? a', ': a', 'a:', 'a: b',
];
const text = fc.array(fc.constantFrom(...chars), { maxLength: 8 }).map((parts) => parts.join(''));
const scalar = fc.oneof(
  fc.constantFrom(...scalars),
  text,
  text.map((t) => JSON.stringify(t)),
  text.map((t) => `"${t}"`),
  text.map((t) => `'${t}'`),
  fc.tuple(fc.constantFrom(...scalars), fc.constantFrom('', ' ', '  # c', '#c', ' #')).map(([s, tail]) => s + tail),
);
const line = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.constantFrom(':', ': ', ':  ', ' :'), scalar).map(([k, sep, v]) => `${k}${sep}${v}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '  ', '    ', ' '), scalar).map(([indent, v]) => `${indent}-${v === '' ? '' : ` ${v}`}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '# comment', '  # indented comment', '  nested: x', '...', '---', '\tx: 1', 'k:\t1') },
);
const document = fc.array(line, { maxLength: 8 }).map((lines) => `\n${lines.join('\n')}`);

describe('parseSimpleYaml', () => {
  it('reads the common Hugo shape', () => {
    const src = '\ntitle: "Hi: there"\ndraft: false\nweight: 10\ntags:\n  - "a"\n  - b # comment\ncategories:\n- c\nempty:\nnothing: ~\n';
    expect(parseSimpleYaml(src)).toEqual({ title: 'Hi: there', draft: false, weight: 10, tags: ['a', 'b'], categories: ['c'], empty: null, nothing: null });
  });

  it.each([
    ['anchors', 'a: &x 1'],
    ['flow lists', 'a: [1, 2]'],
    ['nested maps', 'a:\n  b: 1'],
    ['block scalars', 'a: |\n  text'],
    ['multi-line plain scalars', 'a: b\n  c'],
    ['repeated keys', 'a: 1\na: 2'],
    ['tabs', 'a:\t1'],
    ['YAML escapes JSON lacks', 'a: "\\x41"'],
    ['a key the core schema would not read as text', 'true: 1'],
  ])('leaves %s to the yaml package', (_name, src) => {
    expect(parseSimpleYaml(src)).toBeUndefined();
  });

  it('agrees with the yaml package on every document it accepts (differential property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (src) => {
        const fast = parseSimpleYaml(src);
        if (fast === undefined) return;
        accepted++;
        expect(toPlainData(fast, 1000)).toEqual(viaYaml(src));
      }),
      { numRuns: 5000 },
    );
    // The property must exercise the fast path, not just fall back.
    expect(accepted).toBeGreaterThan(400);
  });
});
