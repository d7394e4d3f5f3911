import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newFragmentCache } from '../../../src/render/fragment-cache.js';
import {
  addFragments,
  ITEM_BUILDERS,
  type ItemBuilders,
  type ItemFragment,
  ownUtf8,
  prepareItem,
  prepareItems,
  type PrepareRequest,
  transferables,
} from '../../../src/render/prepare-items.js';
import { type RenderInput, renderFeedFiles } from '../../../src/render/render-feed.js';
import { thawed } from '../../../src/render/xml.js';
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
  return fragment ? new TextDecoder().decode(fragment.bytes) : '';
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

  it('gives each item its UTF-8 bytes in a buffer of its own, which a worker can hand over without a copy', () => {
    const input = multilingualInput();
    const prepared = prepareItems(input.site, requestsOf(input));
    const buffers = transferables(prepared);
    expect(buffers).toHaveLength(prepared.flatMap((p) => p.fragments).length);
    expect(new Set(buffers).size).toBe(buffers.length);
    for (const fragment of prepared.flatMap((p) => p.fragments)) {
      expect(fragment.bytes.byteOffset).toBe(0);
      expect(fragment.bytes.byteLength).toBe(fragment.bytes.buffer.byteLength);
    }
    // Handed over: the bytes arrive whole, and the sender no longer holds them.
    const copy = structuredClone(prepared, { transfer: buffers });
    expect(copy.flatMap((p) => p.fragments.map(textOf)).join('')).toContain('xml:lang="zh-CN"');
    expect(prepared.flatMap((p) => p.fragments).every((f) => f.bytes.byteLength === 0)).toBe(true);
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
          addFragments(fragments, [{ ...fragment, bytes: new TextEncoder().encode(text) }]);
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

describe("ownUtf8 (an item's bytes)", () => {
  it('gives what TextEncoder gives, for any text, lone surrogates included, in a buffer of its own', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('中', 'a', '\uD800', '\uDC00', '😀', '\u0000', 'é') }), (a, b) => {
        for (const text of [a, b, a + b]) {
          const bytes = ownUtf8(text);
          expect(bytes).toEqual(encoder.encode(text));
          expect(bytes.byteOffset).toBe(0);
          expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
        }
      }),
      { numRuns: 500 },
    );
  });
});
