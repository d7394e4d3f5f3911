import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../../src/parse/decode-source.js';
import { readFrontMatter } from '../../../src/parse/front-matter.js';
import { bodyFromSource } from '../../../src/parse/source-body.js';

// A local build reads the body of an article again (instead of holding every body in memory) from the
// bytes it parsed, at the offset parsing found: it must be the very body parsing gave.

const line = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\r|\n/g, ' '));
const source = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  blankLinesBefore: fc.nat({ max: 2 }),
  format: fc.constantFrom('yaml', 'toml', 'json', 'none'),
  title: line,
  body: fc.array(fc.oneof(line, fc.constantFrom('', '---', '+++', '}', '<!--more-->', '中文 😀')), { maxLength: 6 }),
});

function text({
  bom,
  crlf,
  blankLinesBefore,
  format,
  title,
  body,
}: {
  bom: boolean;
  crlf: boolean;
  blankLinesBefore: number;
  format: string;
  title: string;
  body: string[];
}): string {
  const matter =
    format === 'yaml'
      ? `---\ntitle: ${JSON.stringify(title)}\n---\n`
      : format === 'toml'
        ? `+++\ntitle = ${JSON.stringify(title)}\n+++\n`
        : format === 'json'
          ? `{ "title": ${JSON.stringify(title)} }\n`
          : '';
  const lf = `${'\n'.repeat(format === 'none' ? 0 : blankLinesBefore)}${matter}${body.join('\n')}`;
  return `${bom ? '\uFEFF' : ''}${crlf ? lf.replace(/\n/g, '\r\n') : lf}`;
}

describe('bodyFromSource', () => {
  it('gives the body parsing gave, for any front matter format, BOM and line breaks (property)', () => {
    fc.assert(
      fc.property(source, (parts) => {
        const bytes = Buffer.from(text(parts), 'utf8');
        const decoded = decodeSource(bytes);
        if (!decoded.ok) throw new Error(decoded.message);
        let fm: ReturnType<typeof readFrontMatter>;
        try {
          fm = readFrontMatter(decoded.text);
        } catch {
          fc.pre(false); // a file parse rejects is never read again
          return;
        }
        expect(bodyFromSource(bytes, fm.bodyStart)).toBe(fm.body);
      }),
    );
  });

  it('gives nothing for bytes that do not decode', () => {
    expect(bodyFromSource(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 0)).toBeUndefined();
  });
});
