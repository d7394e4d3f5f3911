import { describe, expect, it } from 'vitest';
import { BINARY_SNIFF_BYTES, decodeSource, decodeSourceHead } from '../../../src/parse/decode-source.js';
import { fixtureBytes } from './fixture.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeSource', () => {
  it('decodes UTF-8, strips one BOM and normalises CRLF and lone CR to LF', () => {
    // Prepare
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...encode('a\r\nb\rc\n'));
    // Act
    const result = decodeSource(bytes);
    // Assess: only the first BOM is a BOM; the second is content.
    expect(result).toEqual({ ok: true, text: '\uFEFFa\nb\nc\n' });
  });

  it('keeps other control characters for the renderers to deal with', () => {
    expect(decodeSource(encode('a\u0008b\u000Bc\u001F'))).toEqual({ ok: true, text: 'a\u0008b\u000Bc\u001F' });
  });

  it('decodes the reference fixture with BOM and CRLF to the same text as the LF one', () => {
    const crlf = decodeSource(fixtureBytes('reference-bom-crlf.md'));
    const lf = decodeSource(fixtureBytes('reference-yaml.md'));
    expect(crlf.ok && lf.ok).toBe(true);
    if (crlf.ok && lf.ok) expect(crlf.text).toBe(`\n  \n\t\n${lf.text}`);
  });

  it('rejects a NUL byte in the first 8 KiB as binary', () => {
    const bytes = encode(`${'a'.repeat(100)}\u0000rest`);
    expect(decodeSource(bytes)).toEqual({ ok: false, rule: 'binary', message: 'the file looks binary (it contains a NUL byte)' });
  });

  it('does not look for NUL bytes past the first 8 KiB', () => {
    const bytes = encode(`${'a'.repeat(BINARY_SNIFF_BYTES)}\u0000`);
    expect(decodeSource(bytes)).toEqual({ ok: true, text: `${'a'.repeat(BINARY_SNIFF_BYTES)}\u0000` });
  });

  it('rejects UTF-16 with a hint to save as UTF-8, little-endian and big-endian', () => {
    for (const bytes of [Uint8Array.of(0xff, 0xfe, 0x61, 0x00), Uint8Array.of(0xfe, 0xff, 0x00, 0x61)]) {
      expect(decodeSource(bytes)).toEqual({ ok: false, rule: 'encoding', message: 'the file is UTF-16; save it as UTF-8' });
    }
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['a truncated sequence', [0xe4, 0xb8]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xFF', [0xff]],
    ['three stray continuation bytes, as many as a three-byte character has', [0x80, 0x80, 0x80]],
    ['four stray continuation bytes, as many as a four-byte character has', [0x80, 0x80, 0x80, 0x80]],
    ['an overlong three-byte encoding', [0xe0, 0x80, 0x80]],
    ['an overlong four-byte encoding', [0xf0, 0x80, 0x80, 0x80]],
    ['a lead byte past 0xF4', [0xf5, 0x80, 0x80, 0x80]],
  ])('rejects invalid UTF-8 (%s) with the line and column of the first bad byte', (_name, bad) => {
    // Prepare: two good lines (LF, then CRLF), then a good multi-byte character before the bad bytes.
    const bytes = Uint8Array.of(...encode('ok\n中文\r\nx文'), ...bad, ...encode('\nmore'));
    // Act
    const result = decodeSource(bytes);
    // Assess
    expect(result).toEqual({
      ok: false,
      rule: 'encoding',
      line: 3,
      message: 'the file is not UTF-8 text at column 3 (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8',
    });
  });

  it.each([
    ['Windows-1252', Uint8Array.of(...encode('---\ntitle: Caf'), 0xe9, ...encode('\n---\n')), 2, 11],
    ['GBK', Uint8Array.of(...encode('---\ntitle: '), 0xd6, 0xd0, 0xce, 0xc4, ...encode('\n---\n')), 2, 8],
    ['Windows-1252 on the first line after a BOM', Uint8Array.of(0xef, 0xbb, 0xbf, ...encode('Caf'), 0xe9), 1, 4],
  ])('names the legacy encoding a %s file was likely saved in', (_name, bytes, line, column) => {
    expect(decodeSource(bytes)).toEqual({
      ok: false,
      rule: 'encoding',
      line,
      message: `the file is not UTF-8 text at column ${column} (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8`,
    });
  });

  it.each([
    ['an ASCII letter', 'a'],
    ['the first two-byte character', '\u0080'],
    ['the last two-byte character', '\u07FF'],
    ['a three-byte character led by 0xE0', '\u0915'],
    ['the first three-byte character', '\u0800'],
    ['the last character led by 0xED', '\uD7FF'],
    ['U+FFFF', '\uFFFF'],
    ['a four-byte character led by 0xF0', '\u{1F600}'],
    ['the first character led by 0xF1', '\u{40000}'],
    ['the last code point, led by 0xF4', '\u{10FFFF}'],
    ['a character whose third byte is that of a BOM', '\uAEFF'],
    ['a character whose first two bytes are those of a BOM', '\uFEC0'],
    ['two characters whose third byte is that of a BOM', 'a\u00BF'],
  ])('counts %s before the first bad byte on the first line as a column per character', (_name, good) => {
    const bytes = Uint8Array.of(...encode(good), 0xff, ...encode('\nmore'));
    expect(decodeSource(bytes)).toEqual({
      ok: false,
      rule: 'encoding',
      line: 1,
      message: `the file is not UTF-8 text at column ${[...good].length + 1} (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8`,
    });
  });

  it.each([
    ['0xFE after a letter', [0x61, 0xfe], 2],
    ['0xFF after a letter', [0x61, 0xff], 2],
    ['0xFF before a letter', [0xff, 0x61], 1],
    ['0xFE before a letter', [0xfe, 0x61], 1],
  ])('takes only 0xFF 0xFE and 0xFE 0xFF for UTF-16, not %s', (_name, bad, column) => {
    expect(decodeSource(Uint8Array.from(bad))).toEqual({
      ok: false,
      rule: 'encoding',
      line: 1,
      message: `the file is not UTF-8 text at column ${column} (saved as Windows-1252, GBK or another legacy encoding?): save it as UTF-8`,
    });
  });

  it('counts a lone CR as a line break when locating bad bytes', () => {
    expect(decodeSource(Uint8Array.of(0x61, 0x0d, 0x62, 0x0d, 0x0a, 0xff))).toMatchObject({ ok: false, line: 3 });
  });

  it('accepts an empty file', () => {
    expect(decodeSource(new Uint8Array())).toEqual({ ok: true, text: '' });
  });
});

describe('decodeSourceHead', () => {
  it('skips spaces, tabs, CR and LF before the opener', () => {
    expect(decodeSourceHead(encode(' \t\r\n---\ntitle: A\n---\nBody\n'))).toBe(' \t\n---\ntitle: A\n---\n');
  });

  it.each([
    ['one whose third byte is that of a BOM', '\uAEFF'],
    ['one whose first two bytes are those of a BOM', '\uFEC0'],
    ['one whose first and third bytes are those of a BOM', '\uFFFF'],
    ['two whose third byte is that of a BOM', 'a\u00BF'],
  ])('gives nothing for a file that starts with characters, not a BOM: %s', (_name, start) => {
    expect(decodeSourceHead(encode(`${start}\n---\ntitle: A\n---\n`))).toBeUndefined();
  });

  it('gives nothing for a file with a +++ line but no opener', () => {
    expect(decodeSourceHead(encode('No front matter\n+++\nmore\n'))).toBeUndefined();
  });

  it('gives nothing for front matter never closed', () => {
    expect(decodeSourceHead(encode('---\ntitle: A\nBody\n'))).toBeUndefined();
  });
});
