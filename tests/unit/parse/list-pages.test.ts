import { describe, expect, it } from 'vitest';
import { parseArticle, readListPageReport } from '../../../src/parse/parse-article.js';
import { locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const site = testSite();

const title = (data: Uint8Array, maxArticleBytes = 1e6): string | undefined => readListPageReport(testSite({ feedpub: { maxArticleBytes } }), data).list?.title;

function parse(key: string, text: string) {
  const location = locateArticle(site, key);
  if (!location) throw new Error(`no location for ${key}`);
  return parseArticle(site, { key, bytes: bytes(text) }, location);
}

describe("list pages (_index.md): never articles; a section's or a term's gives that feed's title", () => {
  it("reads the title of a section's list page, in any front matter format, and reports the page as a list page", () => {
    for (const text of ['---\ntitle: Politics\n---\n', '+++\ntitle = "Politics"\n+++\n', '{"title": "Politics"}\n']) {
      const result = parse('content/en/politics/_index.md', text);
      expect(result.article).toBeUndefined();
      expect(result.list?.title).toBe('Politics');
      expect(result.problems.map((p) => [p.severity, p.rule])).toEqual([['info', 'list-page']]);
    }
  });

  it('reports a list page that cannot be read or whose fields are wrong (what it fails to say may be a draft or an embargo)', () => {
    const rules = (text: string) => parse('content/en/news/_index.md', text).problems.map((p) => [p.severity, p.rule, p.line]);
    // An unclosed quote: the YAML does not parse, so its `draft: true` is lost (reported where the quote opens).
    expect(rules('---\ntitle: "News\ndraft: true\n---\n')).toEqual([
      ['info', 'list-page', undefined],
      ['error', 'front-matter-syntax', 2],
    ]);
    const impossible = parse('content/en/news/_index.md', '---\npublishDate: 2099-02-30\n---\n');
    expect(impossible.problems.map((p) => [p.severity, p.rule])).toEqual([
      ['info', 'list-page'],
      ['error', 'date-invalid'],
    ]);
    expect(impossible.problems[1]?.message).toMatch(/^publishDate: /);
    expect(parse('content/en/news/_index.md', '---\ndraft: Yes please\n---\n').problems.filter((p) => p.severity !== 'info')).toHaveLength(1);
    // The rest of the page still counts: a good draft next to a bad date keeps the section held back.
    expect(parse('content/en/news/_index.md', '---\ndraft: true\ndate: 2099-02-30\n---\n').list?.draft).toBe(true);
  });

  it("reads a nested section's, a term's, a nested term's too (CI/CD) and the home page's, and gives no title for a taxonomy's", () => {
    const keys = [
      'content/en/politics/europe/_index.md',
      'content/en/tags/go/_index.md',
      'content/en/categories/world/_index.md',
      'content/en/tags/ci/cd/_index.md',
      'content/en/_index.md',
    ];
    for (const key of keys) {
      expect(parse(key, '---\ntitle: T\n---\n').list?.title, key).toBe('T');
    }
    // The home page's gives its title alone: what else it says is not read.
    expect(parse('content/en/_index.md', '---\ntitle: T\ndraft: true\nurl: /x/\n---\n').list).toEqual({ title: 'T' });
    for (const key of ['content/en/tags/_index.md']) {
      expect(parse(key, '---\ntitle: T\n---\n').list?.title, key).toBeUndefined();
    }
  });

  it('takes from its cascade what it does not say itself: draft, dates, and pages listed nowhere', () => {
    const site = testSite();
    expect(readListPageReport(site, bytes('---\ncascade:\n  draft: true\n---\n')).list).toEqual({ hidden: 'cascade draft: true', draft: true });
    expect(readListPageReport(site, bytes('---\ndraft: false\ncascade:\n  draft: true\n---\n')).list).toBeUndefined(); // its own says no
    expect(readListPageReport(site, bytes('---\ncascade:\n  - draft: true\n---\n')).list?.draft).toBe(true);
    expect(readListPageReport(site, bytes('---\ncascade:\n  - _target:\n      path: /x/**\n    draft: true\n---\n')).list).toBeUndefined();
    expect(readListPageReport(site, bytes('---\ncascade:\n  - publishDate: 2099-01-01T00:00:00Z\n---\n')).list).toBeUndefined();
    expect(readListPageReport(site, bytes('---\ncascade:\n  expiryDate: 2001-01-01T00:00:00Z\n---\n')).list?.expiresAt).toBe(Date.UTC(2001, 0, 1));
    expect(readListPageReport(site, bytes('---\ncascade:\n  _build:\n    list: never\n---\n')).list?.unlisted).toBe('cascade _build.list is never');
    // `list: local` lists the pages below in their sections and terms (Hugo 0.111), so they are not unlisted.
    expect(readListPageReport(site, bytes('---\ncascade:\n  _build:\n    list: local\n---\n')).list).toEqual({ local: true });
    // Any other `_build` it cascades overrides a `local` cascaded from further up.
    expect(readListPageReport(site, bytes('---\ncascade:\n  _build:\n    list: always\n---\n')).list).toEqual({ local: false });
    expect(readListPageReport(site, bytes('---\ncascade:\n  headless: true\n  _build:\n    list: local\n---\n')).list).toEqual({
      unlisted: 'cascade headless is true',
    });
    // A cascaded `render: never` applies to the list page itself (Hugo 0.111 renders no page there, so no
    // feed, not even an empty one), unless it has a `_build` of its own.
    expect(readListPageReport(site, bytes('---\ncascade:\n  _build:\n    render: never\n---\n')).list).toEqual({
      hidden: 'cascade _build.render is never',
      unlisted: 'cascade _build.render is never',
    });
    expect(readListPageReport(site, bytes('---\n_build:\n  render: always\ncascade:\n  _build:\n    render: never\n---\n')).list?.hidden).toBeUndefined();
  });

  it('reads the folder its url moves the feed to, and ignores a url of the site root', () => {
    const site = testSite();
    expect(readListPageReport(site, bytes('---\nurl: /articles\n---\n')).list).toEqual({ url: 'articles/' });
    expect(readListPageReport(site, bytes('---\nurl: "/lang/go.v2"\n---\n')).list?.url).toBe('lang/go.v2/');
    expect(readListPageReport(site, bytes('---\nurl: /\n---\n')).list).toBeUndefined();
  });

  it('says when Hugo publishes no page for it: a draft (whose pages stay out too), or _build.render never', () => {
    const site = testSite();
    expect(readListPageReport(site, bytes('---\ntitle: T\ndraft: true\n---\n')).list).toEqual({ title: 'T', hidden: 'draft: true', draft: true });
    expect(readListPageReport(site, bytes('---\n_build:\n  render: never\n---\n')).list).toEqual({ hidden: '_build.render is never' });
    expect(readListPageReport(site, bytes('---\n_build:\n  list: never\n---\n')).list).toBeUndefined(); // not listed, still rendered
    expect(readListPageReport(site, bytes('---\ndescription: d\n---\n')).list).toBeUndefined();
  });

  it('decodes entities once, trims, shortens a long title, and gives none for an empty, non-text or unreadable one', () => {
    expect(title(bytes('---\ntitle: "  Q&amp;A &lt;b&gt; "\n---\n'), 1e6)).toBe('Q&A <b>');
    expect(title(bytes('---\ntitle: 42\n---\n'))).toBe('42'); // read as an article's title is
    expect([...(title(bytes(`---\ntitle: "${'长'.repeat(600)}"\n---\n`), 1e6) ?? '')]).toHaveLength(500);
    // A flag at the cut goes whole: no lone regional indicator before the ellipsis.
    expect(title(bytes(`---\ntitle: "${'长'.repeat(498)}🇨🇳${'长'.repeat(100)}"\n---\n`), 1e6)).toBe(`${'长'.repeat(498)}…`);
    for (const text of ['---\ntitle: ""\n---\n', '---\ntitle: [a, b]\n---\n', '---\ntitle: [unclosed\n---\n', 'no front matter', '\u0000binary']) {
      expect(title(bytes(text), 1e6), text).toBeUndefined();
    }
    expect(title(bytes(`---\ntitle: Big\n---\n${'x'.repeat(2000)}`), 1024)).toBeUndefined();
  });
});

describe('a taxonomy list page (tags/_index.md): what it says of its terms, as Hugo 0.111 builds them', () => {
  const list = (frontMatter: string) => parse('content/en/tags/_index.md', `---\ntitle: Tags\n${frontMatter}\n---\n`).list;
  it('gives no title, only whether and when Hugo makes its term pages', () => {
    expect(list('')).toBeUndefined();
    expect(list('draft: true')).toEqual({ hidden: 'draft: true', draft: true });
    expect(list('cascade:\n  draft: true')).toEqual({ hidden: 'cascade draft: true', draft: true });
    // A cascaded draft applies to the terms whatever the page says of itself.
    expect(list('draft: false\ncascade:\n  - draft: true')).toEqual({ hidden: 'cascade draft: true', draft: true });
    expect(list('cascade:\n  _build:\n    render: never')?.hidden).toMatch(/^cascade /);
    // Its own _build and headless, and a cascaded list or headless, do not keep Hugo from making the term pages.
    for (const own of [
      '_build:\n  render: never',
      '_build:\n  list: never',
      'headless: true',
      'cascade:\n  _build:\n    list: never',
      'cascade:\n  headless: true',
    ]) {
      expect(list(own), own).toBeUndefined();
    }
  });

  it('takes the later of its own and the cascaded publishDate, and the earlier expiryDate', () => {
    // (Dates with a zone: the test site's own is Asia/Shanghai.)
    const at = (date: string): number => Date.parse(`${date}T00:00:00Z`);
    expect(list('publishDate: 2020-01-01T00:00:00Z\ncascade:\n  publishDate: 2099-01-01T00:00:00Z')).toEqual({ publishAt: at('2099-01-01') });
    expect(list('publishDate: 2099-01-01T00:00:00Z\ncascade:\n  publishDate: 2020-01-01T00:00:00Z')).toEqual({ publishAt: at('2099-01-01') });
    expect(list('cascade:\n  date: 2030-01-01T00:00:00Z')).toEqual({ publishAt: at('2030-01-01') });
    expect(list('expiryDate: 2030-01-01T00:00:00Z\ncascade:\n  expiryDate: 2020-01-01T00:00:00Z')).toEqual({ expiresAt: at('2020-01-01') });
    expect(list('expiryDate: 2020-01-01T00:00:00Z\ncascade:\n  expiryDate: 2030-01-01T00:00:00Z')).toEqual({ expiresAt: at('2020-01-01') });
  });
});
