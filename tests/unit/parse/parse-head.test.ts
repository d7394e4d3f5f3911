import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFiles } from '../../../src/compute.js';
import { decodeSourceHead } from '../../../src/parse/decode-source.js';
import { type ParseResult, parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { sha256 } from '../../../src/sha256.js';
import { testSite } from '../../support/site.js';

// A run that needs no bodies (every local build) reads front matter from the head of each file alone.
// Whatever the file, the result must be the whole file's, with an empty body.

const site = testSite();
const KEY = 'content/en/news/a.en.md';
const location = locateArticle(site, KEY) as ArticleLocation;

function withoutBody(result: ParseResult): ParseResult {
  if (result.undated) return { ...result, undated: { ...result.undated, body: '' } };
  return result.article ? { ...result, article: { ...result.article, body: '' } } : result;
}

function both(bytes: Uint8Array): { head: ParseResult; whole: ParseResult } {
  const file = { key: KEY, bytes, hash: sha256(bytes) };
  return { head: parseArticle(site, file, location, { body: false }), whole: withoutBody(parseArticle(site, file, location)) };
}

/** Pieces a file is made of, hostile ones included: openers, closers, stray delimiters, bad bytes. */
const lineText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ')),
  fc.constantFrom('中文 😀', '---', '+++', '----', '--- x', '...', '{', '}', 'title: "B"', 'draft: true', 'tags: [a, "中"]', ' ', '\t'),
);
const piece = fc.oneof(
  { weight: 6, arbitrary: lineText.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xe4, 0xb8]), Buffer.from([0]), Buffer.from('\uFEFF'), Buffer.from('\r')) },
);
const line = fc.array(piece, { maxLength: 3 }).map((pieces) => Buffer.concat(pieces));
const often = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ weight: 4, arbitrary: usual }, { weight: 1, arbitrary: rare });
const file = fc
  .record({
    bom: fc.boolean(),
    before: fc.array(fc.constantFrom('', ' ', '\t'), { maxLength: 2 }),
    yaml: fc.boolean(),
    opener: often(fc.constant(''), fc.constantFrom('yaml', ' toml', 'toml', '-', 'js', '{')),
    fields: fc.subarray(['title', 'date', 'tags', 'summary', 'draft']),
    value: often(fc.constantFrom('A', '中文 😀', '---', '2025-02-10 16:27:09'), lineText),
    extra: fc.array(line, { maxLength: 2 }),
    closer: often(fc.constant(''), fc.constantFrom(' ', 'x', '-', '.', '}')),
    body: fc.array(line, { maxLength: 4 }),
    eol: often(fc.constantFrom('\n', '\r\n'), fc.constant('\r')),
  })
  .map(({ bom, before, yaml, opener, fields, value, extra, closer, body, eol }) => {
    const fence = yaml ? '---' : '+++';
    const field = (name: string): string => {
      const v = name === 'date' ? '2025-02-10 16:27:09' : name === 'draft' ? 'false' : value;
      return yaml ? `${name}: ${JSON.stringify(name === 'tags' ? [v] : v)}` : `${name} = ${JSON.stringify(name === 'tags' ? [v] : v)}`;
    };
    const matter = [...fields.map((name) => Buffer.from(field(name))), ...extra];
    const lines = [...before.map((t) => Buffer.from(t)), Buffer.from(fence + opener), ...matter, Buffer.from(fence + closer), ...body];
    const joined = lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from(eol), l]));
    return new Uint8Array(Buffer.concat(bom ? [Buffer.from('\uFEFF'), ...joined] : joined));
  });

describe('parsing without bodies reads the head of a file only', () => {
  it('gives what parsing the whole file gives, but for the body, whatever the file (property)', () => {
    fc.assert(
      fc.property(file, (bytes) => {
        const { head, whole } = both(bytes);
        expect(head).toEqual(whole);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes only up to the line that closes the front matter, and nothing when it cannot tell', () => {
    const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
    expect(decodeSourceHead(bytes('\uFEFF\n---\r\ntitle: A\r\n---\r\nBody ---\n'))).toBe('\n---\ntitle: A\n---\n');
    expect(decodeSourceHead(bytes('+++\ntitle = "A"\n+++\n'))).toBe('+++\ntitle = "A"\n+++\n');
    expect(decodeSourceHead(bytes('---\ntitle: A\n---'))).toBeUndefined(); // the closer's line never ends
    expect(decodeSourceHead(bytes('{ "title": "A" }\nBody\n'))).toBeUndefined();
    expect(decodeSourceHead(bytes('No front matter\n---\n'))).toBeUndefined();
    expect(decodeSourceHead(Uint8Array.from([...bytes('---\ntitle: A\n---\n'), 0xff]))).toBeUndefined(); // not UTF-8 further on
  });

  it('still rejects a file whose body is not UTF-8, at the line of the bad byte', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('---\ntitle: A\ndate: 2025-01-01\n---\nfine\n'), 0xc3, 0x28]);
    const { head, whole } = both(bytes);
    expect(head.article).toBeUndefined();
    expect(head.problems).toEqual([expect.objectContaining({ rule: 'encoding', line: 6 })]);
    expect(head).toEqual(whole);
  });

  it('is what parseFiles does when asked for no bodies: the same articles with empty bodies', () => {
    const bytes = new TextEncoder().encode('---\ntitle: A\ndate: 2025-01-01\ntags: [中文]\n---\nThe body.\n');
    const files = [{ key: KEY, bytes, hash: sha256(bytes), location }];
    const [withBody] = parseFiles(site, files);
    const [without] = parseFiles(site, files, { withBodies: false });
    expect(withBody?.article?.body).toBe('The body.\n');
    expect(without).toEqual(withoutBody(withBody as ParseResult));
  });
});

describe("an article's record", () => {
  const parse = (text: string) => parseArticle(site, { key: KEY, bytes: Buffer.from(text) }, location).article;
  // The fields in order (but `sectionUrls`, for `:sections` permalinks only); `expiresAt`, `local` and `image` only when set.
  const ALL =
    'key hash id lang translationKey section title published updated publishAt expiresAt draft local summary terms authors image url body bodyLine bodyStart';
  const OPTIONAL = new Set(['expiresAt', 'local', 'image']);

  it('holds its fields in one order, the optional ones only when set', () => {
    const bare = parse('---\ntitle: A\ndate: 2025-02-10\n---\nBody\n');
    expect(Object.keys(bare ?? {})).toEqual(ALL.split(' ').filter((k) => !OPTIONAL.has(k)));
    const full = parse('---\ntitle: A\ndate: 2025-02-10\nexpiryDate: 2099-01-01\n_build:\n  list: local\nimages: [a.png]\n---\nBody\n');
    expect(Object.keys(full ?? {})).toEqual(ALL.split(' '));
    expect(full).toMatchObject({ local: true, image: 'https://example.com/a.png', body: 'Body\n' });
  });
});
