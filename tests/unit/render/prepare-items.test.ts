import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newFragmentCache } from '../../../src/render/fragment-cache.js';
import { addFragments } from '../../../src/render/add-fragments.js';
import {
  ITEM_BUILDERS,
  type ItemBuilders,
  type ItemFragment,
  encodeSegments,
  prepareItem,
  prepareItems,
  type PrepareRequest,
  transferables,
} from '../../../src/render/prepare-items.js';
import { type RenderInput, renderFeedFiles } from '../../../src/render/render-feed.js';
import { escapeText, thawed } from '../../../src/render/xml.js';
import { readFrontMatter } from '../../../src/parse/front-matter.js';
import { validateItemFragment, validateOutput } from '../../../src/validate/validate-output.js';
import { benignInput, hostileInput, multilingualInput } from '../../support/sample-feed.js';

/** The prepare requests that reproduce an input's items (content given, as a render cache would). */
function requestsOf(input: RenderInput): PrepareRequest[] {
  const multi = input.feed.languageCode === undefined;
  return input.items.map((item) => ({
    article: item.article,
    derived: { html: item.html, summary: '' },
    alternates: item.alternates,
    multi,
    single: !multi,
  }));
}

const INPUTS = { benign: benignInput, hostile: hostileInput, multilingual: multilingualInput };

/** A fragment's text, from the bytes it carries. */
function textOf(fragment: ItemFragment | undefined): string {
  return fragment ? Buffer.concat(fragment.pieces).toString('utf8') : '';
}

describe('prepareItems (each item serialized and checked once, on any thread)', () => {
  it.each(Object.entries(INPUTS))('%s: feeds assembled from prepared items are byte-identical to feeds rendered directly', (_name, make) => {
    // Arrange
    const input = make();
    const fragments = newFragmentCache();
    // Act
    const prepared = prepareItems(input.site, requestsOf(input));
    for (const item of prepared) addFragments(fragments, item.fragments);
    const assembled = renderFeedFiles({ ...input, fragments });
    // Assert
    expect(prepared.flatMap((p) => p.failures)).toEqual([]);
    expect(prepared.flatMap((p) => p.fragments.map((f) => f.format))).toEqual(input.items.flatMap(() => ['rss', 'atom', 'json']));
    expect(assembled.files.map((f) => f.body)).toEqual(renderFeedFiles(input).files.map((f) => f.body));
    expect(fragments.xml.size + fragments.json.size).toBe(3 * input.items.length); // every item came from the cache
  });

  it('cuts the body from the source bytes a request brings, as from the body itself (BOM and CRLF too)', () => {
    const input = benignInput();
    const [item] = input.items;
    if (!item) throw new Error('no item');
    const body = 'Intro with [a link](/a/) and 中文.\n\n<!--more-->\n\nMore text.\n';
    const file = `\uFEFF---\r\ntitle: x\r\n---\r\n${body.replace(/\n/g, '\r\n')}`;
    const bodyStart = readFrontMatter(file).bodyStart;
    const base = { alternates: item.alternates, multi: false, single: true };
    const fromBody = prepareItem(input.site, { ...base, article: { ...item.article, body } });
    const fromSource = prepareItem(input.site, {
      ...base,
      article: { ...item.article, body: '' },
      source: { bytes: new TextEncoder().encode(file), bodyStart },
    });
    expect(fromSource.derived).toEqual(fromBody.derived);
    expect(fromSource.fragments.map(textOf)).toEqual(fromBody.fragments.map(textOf));
    expect(textOf(fromSource.fragments[0])).toContain('More text.');
    // Bytes that no longer decode as they did are a broken promise of the caller's, not a content problem.
    expect(() => prepareItem(input.site, { ...base, article: item.article, source: { bytes: Uint8Array.of(0xff, 0xfe, 0x00), bodyStart } })).toThrow(
      /internal error/,
    );
  });

  it('serializes both language variants when an article is in mixed and single-language feeds', () => {
    const input = multilingualInput();
    const [request] = requestsOf(input);
    if (!request) throw new Error('no item');
    const prepared = prepareItem(input.site, { ...request, multi: true, single: true });
    expect(prepared.fragments.map((f) => (f.format === 'rss' ? 'rss' : f.key.split('|').slice(0, 2).join('|')))).toEqual([
      'rss',
      'atom|multi',
      'atom|one',
      'json|multi',
      'json|one',
    ]);
    expect(textOf(prepared.fragments.find((f) => f.key.startsWith('atom|multi')))).toContain('xml:lang="zh-CN"');
    expect(textOf(prepared.fragments.find((f) => f.key.startsWith('json|multi')))).toContain('"language": "zh-CN"');
    expect(textOf(prepared.fragments.find((f) => f.key.startsWith('json|one')))).not.toContain('"language"');
    expect(textOf(prepared.fragments.find((f) => f.key.startsWith('atom|one')))).not.toContain('xml:lang');
  });

  it('derives the content from the body when none is given', () => {
    const input = benignInput();
    const [request] = requestsOf(input);
    if (!request) throw new Error('no item');
    const { derived: _given, ...withoutContent } = request;
    const prepared = prepareItem(input.site, { ...withoutContent, article: { ...request.article, body: 'Hello **world** and [a link](b/)' } });
    const html = `<p>Hello <strong>world</strong> and <a href="${new URL('b/', request.article.url).href}">a link</a></p>\n`;
    expect(textOf(prepared.fragments.find((f) => f.format === 'rss'))).toContain(`<content:encoded>${html.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}`);
    // The HTML is in the fragments only: a worker does not copy it back. (The front matter has a summary.)
    expect(prepared.derived).toEqual({ summary: '' });
  });

  it('summarizes a titled article whose part before <!--more--> is only a cover image with the text after it, in every format', () => {
    const input = benignInput();
    const [request] = requestsOf(input);
    if (!request) throw new Error('no item');
    const { derived: _given, ...withoutContent } = request;
    const body = '![cover](cover.jpg)\n\n<!--more-->\n\nThe story starts here.\n';
    const prepared = prepareItem(input.site, { ...withoutContent, article: { ...request.article, summary: '', body } });
    const text = (format: string): string => textOf(prepared.fragments.find((f) => f.format === format));
    expect(text('rss')).toContain('<description>The story starts here.</description>');
    expect(text('atom')).toContain('The story starts here.</summary>');
    expect(text('json')).toContain('"summary": "The story starts here."');
  });

  it("gives each article's items their UTF-8 bytes in one buffer of their own, which a worker can hand over without a copy", () => {
    // Articles of a mixed-language feed and a single-language one (two Atom entries each), with long HTML.
    const input = multilingualInput();
    const html = `<p>${'中文 & <b>bold</b> '.repeat(40)}</p>`;
    const requests = requestsOf(input).map((r) => ({ ...r, derived: { html, summary: '' }, multi: true, single: true }));
    const prepared = prepareItems(input.site, requests);
    const texts = prepared.map((p) => p.fragments.map(textOf));
    const buffers = transferables(prepared);
    expect(buffers).toHaveLength(prepared.length);
    for (const [i, item] of prepared.entries()) {
      const pieces = item.fragments.flatMap((f) => f.pieces);
      expect(new Set(pieces.map((p) => p.buffer))).toEqual(new Set([buffers[i]]));
      // The escaped HTML is one piece, in the RSS item and in the Atom entries alike.
      const content = item.fragments.find((f) => f.format === 'rss')?.pieces[1];
      expect(Buffer.from(content ?? []).toString()).toBe(escapeText(html, 'markup'));
      const entries = item.fragments.filter((f) => f.format === 'atom');
      expect(entries).toHaveLength(2);
      for (const entry of entries) expect(entry.pieces).toContain(content);
    }
    // Handed over: the bytes arrive whole, and the sender no longer holds them.
    const copy = structuredClone(prepared, { transfer: buffers });
    expect(copy.map((p) => p.fragments.map(textOf))).toEqual(texts);
    expect(prepared.flatMap((p) => p.fragments.flatMap((f) => f.pieces)).every((piece) => piece.byteLength === 0)).toBe(true);
  });

  it('transfers no buffer it did not make (a piece of a shared pool would take the pool with it)', () => {
    const pooled = Buffer.from('<item/>');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const fragment: ItemFragment = { key: 'k', format: 'rss', name: 'item', pieces: [pooled], depth: 2, prefixes: [] };
    expect(transferables([{ key: 'k', hash: 'h', derived: { summary: '' }, fragments: [fragment], failures: [], notes: [] }])).toEqual([]);
  });

  it('reports an item a buggy serializer would make invalid, per format, and only that format', () => {
    // Arrange: an RSS serializer that writes a raw `]]>`, and one that forgets the guid.
    const input = hostileInput();
    const broken: ItemBuilders = { ...ITEM_BUILDERS, rss: () => thawed('item', '    <item>\n      <title>a ]]> b</title>\n    </item>', 2, []) };
    const noGuid: ItemBuilders = {
      ...ITEM_BUILDERS,
      rss: (site, item) => ({ ...ITEM_BUILDERS.rss(site, item), children: ITEM_BUILDERS.rss(site, item).children.filter((c) => c.name !== 'guid') }),
    };
    // Act
    const [bad] = prepareItems(input.site, requestsOf(input).slice(0, 1), broken);
    const [missing] = prepareItems(input.site, requestsOf(input).slice(0, 1), noGuid);
    // Assert
    expect(new Set(bad?.failures.map((f) => f.format))).toEqual(new Set(['rss']));
    expect(bad?.failures[0]?.message).toMatch(/not well-formed XML/);
    expect(missing?.failures).toEqual([{ format: 'rss', message: 'RSS: an item has no guid' }]);
  });
});

describe('the gate by parts: skeleton + items decides as the whole file does', () => {
  it.each(Object.entries(INPUTS))('%s: a valid feed passes both ways, and a broken item fails both ways', (_name, make) => {
    const input = make();
    const prepared = prepareItems(input.site, requestsOf(input));
    const skeleton = renderFeedFiles({ ...input, feed: { ...input.feed, items: [] }, items: [] }).files;
    const whole = renderFeedFiles(input).files;
    expect(skeleton.flatMap((f) => validateOutput(f.path, f.body))).toEqual([]);
    expect(whole.flatMap((f) => validateOutput(f.path, f.body))).toEqual([]);
    // Break each item in turn: the part check and the whole check agree.
    const xmlDamage = [
      (t: string) => t.replace('<title', '<x:title').replace('</title>', '</x:title>'), // unbound prefix
      (t: string) => t.replace('</', '< /'), // a raw `<`
      (t: string) => t.slice(0, t.lastIndexOf('<')), // a lost end tag
      (t: string) => t.replace(/<(guid|id)\b[^>]*>[^<]*<\/\1>/, ''), // a lost id
    ];
    const jsonDamage = [(t: string) => t.slice(0, -1), (t: string) => t.replace('"id"', '"idx"'), (t: string) => t.replace('"content_html"', '"content"')];
    for (const item of prepared) {
      for (const fragment of item.fragments) {
        for (const damage of fragment.format === 'json' ? jsonDamage : xmlDamage) {
          const text = damage(textOf(fragment));
          if (text === textOf(fragment)) continue;
          const fragments = newFragmentCache();
          for (const other of prepared) addFragments(fragments, other.fragments);
          addFragments(fragments, [{ ...fragment, pieces: [new TextEncoder().encode(text)] }]);
          const file = renderFeedFiles({ ...input, fragments }).files.find((f) =>
            f.path.endsWith({ rss: 'index.xml', atom: 'atom.xml', json: 'feed.json' }[fragment.format]),
          );
          expect(validateItemFragment(fragment.format, text, fragment.prefixes), `${fragment.key} part`).not.toEqual([]);
          expect(validateOutput(file?.path ?? '', file?.body ?? ''), `${fragment.key} whole`).not.toEqual([]);
        }
      }
    }
  });
});

describe("encodeSegments (an article's items' bytes)", () => {
  it('gives what TextEncoder gives for each text, lone surrogates included, sharing equal long segments, in one buffer they fill exactly', () => {
    const encoder = new TextEncoder();
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('中', 'a', '\uD800', '\uDC00', '😀', '\u0000', 'é') }));
    fc.assert(
      fc.property(fc.array(fc.array(text, { maxLength: 5 }), { maxLength: 4 }), text, (texts, long) => {
        const withShared = texts.map((segments) => (segments.length >= 2 ? segments.with(1, long) : segments));
        const pieces = encodeSegments(withShared);
        expect(pieces.map((p) => p.map((piece) => [...piece]))).toEqual(withShared.map((s) => s.map((segment) => [...encoder.encode(segment)])));
        const all = pieces.flat();
        expect(new Set(all.map((p) => p.buffer)).size).toBeLessThanOrEqual(1);
        // The buffer (not zeroed when made) is exactly the distinct pieces, back to back: no byte of it is left unwritten.
        const distinct = [...new Set(all)].sort((x, y) => x.byteOffset - y.byteOffset);
        let end = 0;
        for (const piece of distinct) {
          expect(piece.byteOffset).toBe(end);
          end += piece.byteLength;
        }
        if (all[0] !== undefined) expect(all[0].buffer.byteLength).toBe(end);
        const longPieces = pieces.filter((p) => p.length >= 2).map((p) => p[1]);
        expect(new Set(longPieces).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
