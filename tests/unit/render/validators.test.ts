/**
 * The test tooling must catch what it claims to catch: each validator against real invalid
 * documents (several copied from feed@6 output, see feed-correctness.md), so a validator that
 * silently accepts everything fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBack, parseBackJson } from '../../support/parse-back.js';
import { ATOM_SCHEMA, checkAtomRules, REPO_ROOT, validateAtomSchema } from '../../support/validate-atom.js';
import { validateJsonFeed } from '../../support/validate-json-feed.js';
import { checkRssRules } from '../../support/validate-rss.js';
import { checkRfc822, isAbsoluteIri, isAbsoluteUri, isLanguageTag, parseRfc3339 } from '../../support/validate-values.js';
import { htmlWarnings } from '../../support/w3c-html.js';
import { assertWellFormed, errorsOf, type FeedMessage, findUnusedNamespaces, parseXml, XmlCheckError } from '../../support/validate-xml.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/render/invalid');
const fixture = (name: string): string => readFileSync(path.join(DIR, name), 'utf8');
const summary = (messages: readonly FeedMessage[]): string[] => messages.map((m) => `${m.severity} ${m.rule}@${m.path}`);

describe('assertWellFormed', () => {
  it.each([
    ['rss-feed6-unsplit-cdata.xml', /4:\d+: the string "]]>" is disallowed/],
    ['rss-control-char.xml', /4:\d+: disallowed character/],
    ['rss-html-entity.xml', /4:\d+: undefined entity/],
    ['rss-undeclared-prefix.xml', /9:\d+: unbound namespace prefix: "dc"/],
    ['atom-feed6-category-lt.xml', /10:\d+: disallowed character/],
    ['rss-feed6-author-unused-dc.xml', /2:\d+: unused namespace declaration\(s\): xmlns:dc$/],
  ])('rejects %s with line and column', (name, message) => {
    expect(() => assertWellFormed(fixture(name))).toThrow(XmlCheckError);
    expect(() => assertWellFormed(fixture(name))).toThrow(message);
  });

  it('accepts a namespace used only by an attribute or a descendant, and reports unused ones by scope', () => {
    expect(() => assertWellFormed('<a xmlns:m="urn:m"><b m:x="1"/></a>')).not.toThrow();
    expect(() => assertWellFormed('<a xmlns="urn:d"><b/></a>')).not.toThrow();
    expect(findUnusedNamespaces('<a><b xmlns:m="urn:m"/><m:c xmlns:m="urn:m"/></a>')).toEqual(['1:23: xmlns:m="urn:m" is never used']);
  });

  it('gives the raw source and the decoded text of elements', () => {
    const root = parseXml('<a><b>x &amp; <![CDATA[<y>]]></b></a>');
    expect(root.children[0]?.text).toBe('x & <y>');
    expect(root.children[0]?.raw).toBe('x &amp; <![CDATA[<y>]]>');
    expect(root.children[0]?.path).toBe('/a/b');
  });
});

describe('checkRssRules', () => {
  it('flags feed@6 style <author> names (trap 16)', () => {
    expect(summary(checkRssRules(fixture('rss-feed6-author-unused-dc.xml')))).toEqual(['error InvalidContact@/rss/channel/item/author']);
  });

  it('implements the W3C channel, item, guid, date, language, link and enclosure rules', () => {
    expect(summary(checkRssRules(fixture('rss-rules.xml')))).toEqual([
      'error MissingDescription@/rss/channel',
      'warning ContainsHTML@/rss/channel/title',
      'error InvalidFullLink@/rss/channel/link',
      'error InvalidLanguage@/rss/channel/language',
      'error ProblematicalRFC822Date@/rss/channel/lastBuildDate',
      'warning MissingAtomSelfLink@/rss/channel',
      'warning MisplacedItem@/rss/channel/ttl',
      'error InvalidHttpGUID@/rss/channel/item/guid',
      'error IncorrectDOW@/rss/channel/item/pubDate',
      'error NotBlank@/rss/channel/item/category',
      'warning DuplicateEnclosure@/rss/channel/item/enclosure[2]',
      'error MissingAttribute@/rss/channel/item/enclosure',
      'error DuplicateValue@/rss/channel/item[2]/guid',
      'error InvalidRFC2822Date@/rss/channel/item[2]/pubDate',
      'warning NeedDescriptionBeforeContent@/rss/channel/item[2]/content:encoded',
      'error ItemMustContainTitleOrDescription@/rss/channel/item[3]',
      'error InvalidHttpGUID@/rss/channel/item[3]/guid',
    ]);
  });

  it('checks the self link type and location, and flags a stale lastBuildDate (trap 12)', () => {
    const xml = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>https://e.org/</link><description>d</description>
      <lastBuildDate>Mon, 01 Jan 2024 00:00:00 GMT</lastBuildDate>
      <atom:link rel="self" href="https://e.org/feed" type="application/atom+xml"/>
      <item><title>a</title><guid isPermaLink="false">x-1</guid><pubDate>Tue, 02 Jan 2024 00:00:00 GMT</pubDate></item></channel></rss>`;
    expect(summary(checkRssRules(xml, { selfUrl: 'https://e.org/index.xml' }))).toEqual([
      'warning SelfNotAtom@/rss/channel/atom:link',
      'warning SelfDoesntMatchLocation@/rss/channel/atom:link',
      'warning feedpub:StaleLastBuildDate@/rss/channel/lastBuildDate',
    ]);
  });

  it('checks the channel image as the validator does: parts, format, size, and the title and link of the channel', () => {
    const channel = (image: string) =>
      `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>News</title><link>https://e.org/</link><description>d</description>${image}<atom:link rel="self" href="https://e.org/index.xml" type="application/rss+xml"/></channel></rss>`;
    expect(summary(checkRssRules(channel('<image><url>https://e.org/i.png</url><title>News</title><link>https://e.org/</link></image>')))).toEqual([]);
    expect(
      summary(
        checkRssRules(
          channel(
            '<image><url>https://e.org/i.svg</url><title>Other</title><link>https://e.org/x/</link><width>512</width><height>0</height><alt>x</alt></image>',
          ),
        ),
      ),
    ).toEqual([
      'error UndefinedElement@/rss/channel/image/alt',
      'warning ImageUrlFormat@/rss/channel/image/url',
      'warning ImageTitleDoesntMatch@/rss/channel/image/title',
      'warning ImageLinkDoesntMatch@/rss/channel/image/link',
      'error InvalidWidth@/rss/channel/image/width',
      'error InvalidHeight@/rss/channel/image/height',
    ]);
    expect(summary(checkRssRules(channel('<image><title>News</title></image><image/>')))).toEqual([
      'error DuplicateElement@/rss/channel/image[2]',
      'error MissingElement@/rss/channel/image',
      'error MissingLink@/rss/channel/image',
    ]);
  });
});

describe('validateAtomSchema (jing)', () => {
  it('finds the RFC 4287 schema inside the repository, so a clone needs nothing beside it', () => {
    expect(ATOM_SCHEMA).toBe(path.join(REPO_ROOT, 'tests', 'fixtures', 'atom.rnc'));
    expect(readFileSync(ATOM_SCHEMA, 'utf8')).toContain('start = atomFeed | atomEntry');
  });

  it('validates strings and files in one run and maps messages to documents', () => {
    // Arrange
    const good = '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>t</title><updated>2024-01-01T00:00:00Z</updated></feed>';
    // Act
    const messages = validateAtomSchema([good, { file: path.join(DIR, 'atom-schema.xml') }, fixture('atom-rules.xml')]);
    // Assert
    expect(messages.map((m) => [m.document, m.line])).toEqual([
      [1, 4],
      [1, 8],
      [2, 2],
      [2, 11],
      [2, 18],
    ]);
    expect(messages[0]?.message).toMatch(/missing required elements "id" and "updated"/);
    expect(messages[1]?.message).toMatch(/category" missing required attribute "term"/);
  });
});

describe('checkAtomRules', () => {
  it('implements the rules the schema cannot express', () => {
    expect(summary(checkAtomRules(fixture('atom-rules.xml')))).toEqual([
      'error InvalidLanguage@/feed',
      'error InvalidIRI@/feed/id',
      'warning ContainsUndeclaredHTML@/feed/title',
      'warning SelfNotAtom@/feed/link',
      'error InvalidRFC3339Date@/feed/entry/updated',
      'error MissingElement@/feed/entry',
      'error InvalidIRI@/feed/entry/link',
      'warning MissingTextualContent@/feed/entry',
      'error DuplicateIds@/feed/entry[2]/id',
      'error InvalidRFC3339Date@/feed/entry[2]/updated',
      'error MissingElement@/feed/entry[2]',
      'error DuplicateAtomLink@/feed/entry[2]/link[2]',
    ]);
  });

  it('checks the HTML of content as the W3C service does: elements, attributes, style (SecurityRisk)', () => {
    expect(htmlWarnings('<p data-x="1" class="c" dir="rtl"><a href="x" title="t">a</a><img src="i" srcset="i 2x" loading="lazy"></p>')).toEqual([]);
    expect(htmlWarnings('<bdo dir="rtl">a</bdo><video controls poster="p"></video><p style="color: red" onclick="x()">b</p>')).toEqual([
      { rule: 'SecurityRisk', message: '<bdo> is not an element the validator accepts' },
      { rule: 'SecurityRiskAttr', message: '<video controls> is not an attribute the validator accepts' },
      { rule: 'DangerousStyleAttr', message: '<p style>' },
      { rule: 'SecurityRiskAttr', message: '<p onclick> is not an attribute the validator accepts' },
    ]);
    const rss = `<rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description><item><title>a</title><description>&lt;script&gt;x&lt;/script&gt;</description></item></channel></rss>`;
    expect(summary(checkRssRules(rss))).toContain('warning SecurityRisk@/rss/channel/item/description');
  });

  it('warns of a date before 1990 as the W3C service does (ImplausibleDate), in Atom and RSS', () => {
    const atom = (updated: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>${updated}</updated><link rel="self" href="https://example.org/atom.xml"/></feed>`;
    expect(summary(checkAtomRules(atom('1970-01-01T00:00:00Z')))).toContain('warning ImplausibleDate@/feed/updated');
    expect(summary(checkAtomRules(atom('1989-12-31T23:59:59Z')))).toContain('warning ImplausibleDate@/feed/updated');
    expect(summary(checkAtomRules(atom('1990-01-01T00:00:00Z')))).not.toContain('warning ImplausibleDate@/feed/updated');
    const rss = (date: string) =>
      `<rss version="2.0"><channel><title>t</title><link>https://example.org/</link><description>d</description><lastBuildDate>${date}</lastBuildDate></channel></rss>`;
    expect(summary(checkRssRules(rss('Sun, 31 Dec 1989 23:59:59 GMT'))).join()).toContain('ImplausibleDate');
    expect(summary(checkRssRules(rss('Mon, 01 Jan 1990 00:00:00 GMT'))).join()).not.toContain('ImplausibleDate');
  });

  it('reports the required elements and category term (traps 7, 8)', () => {
    expect(errorsOf(checkAtomRules(fixture('atom-schema.xml'))).map((m) => m.message)).toEqual([
      'feed must contain atom:id',
      'feed must contain atom:updated',
      'entry has no author and the feed has none',
      'category needs a non-empty term',
      'entry without content needs a rel="alternate" link',
    ]);
  });
});

describe('validateJsonFeed', () => {
  it('rejects feed@6 JSON: version 1, author object, item without id (trap 17)', () => {
    expect(summary(validateJsonFeed(fixture('json-feed6.json')))).toEqual([
      'error Schema@version',
      'error Schema@items.0.id',
      'error DeprecatedAuthor@author',
      'error DeprecatedAuthor@items.0.author',
    ]);
  });

  it('checks titles, URLs, authors, languages, ids, dates, content and unknown keys', () => {
    expect(summary(validateJsonFeed(fixture('json-rules.json')))).toEqual([
      'error Schema@title',
      'error Schema@feed_url',
      'error Schema@authors.0',
      'error Schema@language',
      'error Schema@items.0.id',
      'error Schema@items.1.date_published',
      'error MissingContent@items.1',
      'error UnknownKey@items.2.content-html',
      'error DuplicateIds@items.2.id',
    ]);
    expect(summary(validateJsonFeed('{'))).toEqual(['error InvalidJson@']);
  });
});

describe('value checks', () => {
  it('RFC 822: four-digit years, real dates, right day names, zones', () => {
    expect(checkRfc822('Tue, 02 Jan 2024 10:00:00 GMT')).toEqual({ ok: true, ms: Date.UTC(2024, 0, 2, 10) });
    expect(checkRfc822('2 Jan 2024 10:00 +0100')).toEqual({ ok: true, ms: Date.UTC(2024, 0, 2, 9) });
    expect(checkRfc822('Wed, 02 Jan 2024 10:00:00 GMT')).toMatchObject({ ok: false, rule: 'IncorrectDOW' });
    expect(checkRfc822('Tue, 02 Jan 24 10:00:00 GMT')).toMatchObject({ ok: false, rule: 'ProblematicalRFC822Date' });
    expect(checkRfc822('Fri, 30 Feb 2024 10:00:00 GMT')).toMatchObject({ ok: false, rule: 'InvalidRFC2822Date' });
    expect(checkRfc822('2024-01-02T10:00:00Z')).toMatchObject({ ok: false, rule: 'InvalidRFC2822Date' });
  });

  it('RFC 3339: T, seconds and a zone required; real dates only', () => {
    expect(parseRfc3339('2024-01-02T10:00:00Z')).toBe(Date.UTC(2024, 0, 2, 10));
    expect(parseRfc3339('2024-01-02T10:00:00.5+01:00')).toBe(Date.UTC(2024, 0, 2, 9, 0, 0, 500));
    for (const bad of ['2024-01-02 10:00:00Z', '2024-01-02T10:00Z', '2024-01-02T10:00:00', '2024-02-30T00:00:00Z', 'Invalid Date']) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
  });

  it('URIs, IRIs and language tags', () => {
    expect(isAbsoluteUri('https://example.org/posts/%E4%B8%AD/')).toBe(true);
    expect(isAbsoluteUri('https://example.org/posts/中/')).toBe(false);
    expect(isAbsoluteIri('https://example.org/posts/中/')).toBe(true);
    expect(isAbsoluteIri('/relative/')).toBe(false);
    expect(isAbsoluteIri('https:///nohost')).toBe(false);
    expect(isAbsoluteIri('urn:uuid:6f1c2a50-0000-4000-8000-00000000feed')).toBe(true);
    expect(isAbsoluteIri('urn:uuid:not-a-uuid')).toBe(false);
    expect(isAbsoluteIri('tag:example.org,2024:post-1')).toBe(true);
    expect(['en', 'en-GB', 'zh-CN', 'zh-Hant-TW', 'sr-Latn', 'es-419', 'x-private'].every(isLanguageTag)).toBe(true);
    expect(['en_US', 'en GB', 'zh-', '', 'e', 'abcdefghi'].some(isLanguageTag)).toBe(false);
    // Tags of the right form whose primary subtag names no language (Hugo language keys taken for codes).
    for (const tag of ['english', 'cn', 'jp', 'cn-ZH', 'engl']) expect(isLanguageTag(tag), tag).toBe(false);
    expect(['yue-HK', 'he', 'iw', 'fil'].every(isLanguageTag)).toBe(true);
  });
});

describe('parseBack', () => {
  it('reads RSS, Atom and JSON Feed into one shape', () => {
    const rss = parseBack(fixture('rss-feed6-author-unused-dc.xml'));
    expect(rss).toEqual({
      title: 'Example Site',
      items: [
        {
          id: 'urn:uuid:00000000-0000-4000-8000-000000000003',
          title: 'Post number 3',
          url: 'https://example.org/posts/post-3/',
          published: '2024-03-04T12:00:00.000Z',
        },
      ],
    });
    expect(parseBackJson(fixture('json-feed6.json')).items).toEqual([
      { id: null, title: 'Post number 3', url: 'https://example.org/posts/post-3/', published: '2024-03-04T12:00:00.000Z' },
    ]);
  });
});
