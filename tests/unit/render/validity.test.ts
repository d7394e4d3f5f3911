/**
 * Every sample input, every format: well-formed, schema-valid (Atom, jing), rule-valid (W3C
 * Feed Validation Service rules), JSON Feed-valid, and read back by a real parser with the same
 * ids, titles, links, dates and order in all three formats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toUri } from '../../../src/render/formats.js';
import type { RenderInput } from '../../../src/render/render-feed.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../../src/render/render-feed.js';
import { parseBack, parseBackJson } from '../../support/parse-back.js';
import { benignInput, emptyInput, hostileInput, inputOf, multilingualInput, sampleArticle, sampleSite, untitledInput } from '../../support/sample-feed.js';
import { checkAtomRules, type SchemaMessage, validateAtomSchema } from '../../support/validate-atom.js';
import { validateJsonFeed } from '../../support/validate-json-feed.js';
import { checkRssRules } from '../../support/validate-rss.js';
import { assertWellFormed, type FeedMessage } from '../../support/validate-xml.js';

function plainSite(): RenderInput {
  const { authors: _a, copyright: _c, ...site } = sampleSite();
  const { image: _i, ...noImage } = sampleArticle(1, { authors: [], terms: {} });
  return inputOf([noImage], { site, html: () => '' });
}

function rawUrls(): RenderInput {
  const site = sampleSite({ baseURL: 'https://例子.example/' });
  const article = sampleArticle(1, { url: 'https://例子.example/文章 一/', image: 'https://例子.example/图 1.jpg' });
  return inputOf([article], {
    site,
    feed: { link: 'https://例子.example/' },
    alternates: () => [{ hreflang: 'zh-CN', href: 'https://例子.example/zh-cn/文章/' }],
  });
}

/** A site with a feed icon and logo: RSS takes the first GIF, JPEG or PNG of the two (here the logo). */
function feedImages(): RenderInput {
  const site = sampleSite();
  return inputOf([sampleArticle(1)], {
    site: { ...site, feeds: { ...site.feeds, icon: 'https://example.com/图标.svg', logo: 'https://example.com/logo.png?v=2' } },
  });
}

/** name → input, and the warnings that input is expected to produce (rule@path). */
const CASES: Readonly<Record<string, { input: () => RenderInput; rss: string[]; atom: string[] }>> = {
  benign: { input: benignInput, rss: [], atom: [] },
  // The hostile title really contains "</b>" as text: validators warn that it looks like HTML.
  hostile: { input: hostileInput, rss: ['ContainsHTML@/rss/channel/item/title'], atom: ['ContainsUndeclaredHTML@/feed/entry/title'] },
  empty: { input: emptyInput, rss: [], atom: [] },
  multilingual: { input: multilingualInput, rss: [], atom: [] },
  'no author, no image, no content, no hub': { input: plainSite, rss: [], atom: [] },
  'raw non-ASCII URLs': { input: rawUrls, rss: [], atom: [] },
  'feed icon and logo': { input: feedImages, rss: [], atom: [] },
  // An empty Atom title is valid (RFC 4287 requires the element only); the W3C validator recommends text.
  untitled: { input: untitledInput, rss: [], atom: ['NotBlank@/feed/entry/title', 'NotBlank@/feed/entry[2]/title'] },
};

const rendered = Object.entries(CASES).map(([name, c]) => {
  const input = c.input();
  return { name, input, rss: renderRss(input), atom: renderAtom(input), json: renderJsonFeed(input), expected: c };
});

const summary = (messages: readonly FeedMessage[]): string[] => messages.map((m) => `${m.rule}@${m.path}`);

let schemaMessages: SchemaMessage[] = [];
beforeAll(() => {
  // One JVM start for every Atom document.
  schemaMessages = validateAtomSchema(rendered.map((r) => r.atom));
});

describe.each(rendered)('$name', ({ input, rss, atom, json, expected }) => {
  it('is well-formed XML with exactly the namespaces it uses (traps 1–5)', () => {
    expect(() => assertWellFormed(rss)).not.toThrow();
    expect(() => assertWellFormed(atom)).not.toThrow();
    expect(rss.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    expect(atom.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  });

  it('Atom is valid against the RFC 4287 schema (jing)', () => {
    const index = rendered.findIndex((r) => r.atom === atom);
    expect(schemaMessages.filter((m) => m.document === index || m.document === -1)).toEqual([]);
  });

  it('passes the RSS rules with only the expected warnings', () => {
    expect(summary(checkRssRules(rss, { selfUrl: toUri(input.urls.rss) }))).toEqual(expected.rss);
  });

  it('passes the Atom rules with only the expected warnings (traps 7, 8)', () => {
    expect(summary(checkAtomRules(atom, { selfUrl: toUri(input.urls.atom) }))).toEqual(expected.atom);
  });

  it('is a valid JSON Feed 1.1 (trap 17)', () => {
    expect(validateJsonFeed(json)).toEqual([]);
  });

  it('reads back with the same ids, titles, links, dates and order in all formats (trap 9)', () => {
    // Arrange
    const fromRss = parseBack(rss);
    const fromAtom = parseBack(atom);
    const fromJson = parseBackJson(json);
    // Assert
    expect(fromRss).toEqual(fromAtom);
    expect(fromJson).toEqual(fromAtom);
    expect(fromAtom.items.map((i) => i.id)).toEqual(input.items.map((i) => i.article.id));
    expect(fromAtom.items.map((i) => i.url)).toEqual(input.items.map((i) => toUri(i.article.url)));
    expect(fromAtom.items.map((i) => i.published)).toEqual(input.items.map((i) => new Date(i.article.published).toISOString()));
  });
});
