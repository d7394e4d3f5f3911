import { describe, expect, it } from 'vitest';
import { parseArticle, readListPageReport } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { STATES } from '../../../src/parse/cascade-states.js';
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

  it('keeps of the home page’s list page the keys it settles, which its cascade then does not give it, and nothing for one that says nothing', () => {
    const text =
      '---\ndraft: false\npublishDate: 2020-01-01\ndate: 2020-01-01\nexpiryDate: 2099-01-01\n_build:\n  list: always\ncascade:\n  draft: true\n---\n';
    expect(parse('content/en/_index.md', text).list).toEqual({
      states: STATES.draft | STATES.publishDate | STATES.date | STATES.expiryDate | STATES.build,
      cascade: [{ draft: true }],
    });
    expect(parse('content/en/_index.md', '---\n---\nWelcome.\n')).toStrictEqual({
      problems: [{ file: 'content/en/_index.md', severity: 'info', rule: 'list-page', message: 'list page (_index), not an article: not in feeds' }],
    });
  });

  it('reports what is wrong in the home page’s list page as its own problems, with its file and line', () => {
    const { list, problems } = parse('content/en/_index.md', '---\ntitle: Home\ncascade:\n  date: soon\n---\n');
    expect(list).toEqual({ title: 'Home' });
    expect(problems).toEqual([
      { file: 'content/en/_index.md', severity: 'info', rule: 'list-page', message: 'list page (_index), not an article: not in feeds' },
      {
        file: 'content/en/_index.md',
        severity: 'warning',
        rule: 'date-invalid',
        message: expect.stringMatching(/^cascade: date: "soon" is not a date: .*: left out$/),
        line: 3,
      },
    ]);
  });

  it('reads nothing of a list page under a folder without a name (an S3 key with //), which no Hugo page is', () => {
    for (const key of ['content/en//_index.md', 'content/en/tags//_index.md']) {
      expect(parse(key, '---\ntitle: T\ndraft: true\n---\n'), key).toEqual({
        problems: [{ file: key, severity: 'info', rule: 'list-page', message: 'list page (_index), not an article: not in feeds' }],
      });
    }
  });

  it('takes from its cascade what it does not say itself (draft, dates, render) and keeps the cascade for the pages below', () => {
    const site = testSite();
    const list = (fm: string) => readListPageReport(site, bytes(`---\n${fm}---\n`)).list;
    expect(list('cascade:\n  draft: true\n')).toEqual({ hidden: 'cascade draft: true', draft: true, states: STATES.draft, cascade: [{ draft: true }] });
    // Its own says no; the pages below still take it.
    expect(list('draft: false\ncascade:\n  draft: true\n')).toEqual({ states: STATES.draft, cascade: [{ draft: true }] });
    expect(list('cascade:\n  - draft: true\n')?.draft).toBe(true);
    // An entry targeting other pages is kept for them, and not applied to the list page.
    expect(list('cascade:\n  - _target:\n      path: /x/**\n    draft: true\n')).toEqual({ cascade: [{ target: { path: '/x/**' }, draft: true }] });
    // Every key of a list's entries, as Hugo 0.123 applies them (0.111 took dates written in lower case only).
    expect(list('cascade:\n  - publishDate: 2099-01-01T00:00:00Z\n')?.publishAt).toBe(Date.UTC(2099, 0, 1));
    expect(list('cascade:\n  expiryDate: 2001-01-01T00:00:00Z\n')?.expiresAt).toBe(Date.UTC(2001, 0, 1));
    // A cascaded publishDate comes before its own date (each key is merged on its own, as in Hugo).
    expect(list('date: 2001-01-01T00:00:00Z\ncascade:\n  publishDate: 2099-01-01T00:00:00Z\n')?.publishAt).toBe(Date.UTC(2099, 0, 1));
    // `_build.list` never, local or always is for the pages below: the list page itself is still rendered.
    expect(list('cascade:\n  _build:\n    list: never\n')).toEqual({ states: STATES.build, cascade: [{ build: { unlisted: '_build.list is never' } }] });
    expect(list('cascade:\n  - _build:\n      list: never\n')?.cascade).toEqual([{ build: { unlisted: '_build.list is never' } }]);
    expect(list('cascade:\n  _build:\n    list: local\n')?.cascade).toEqual([{ build: { local: true } }]);
    // Any other `_build` it cascades overrides a `local` cascaded from further up.
    expect(list('cascade:\n  _build:\n    list: always\n')?.cascade).toEqual([{ build: {} }]);
    expect(list('cascade:\n  headless: true\n  _build:\n    list: local\n')?.cascade).toEqual([{ build: { local: true }, headless: true }]);
    // A cascaded `render: never` applies to the list page itself (Hugo 0.111 renders no page there, so no
    // feed, not even an empty one), unless it has a `_build` of its own.
    expect(list('cascade:\n  _build:\n    render: never\n')).toEqual({
      hidden: 'cascade _build.render is never',
      states: STATES.build,
      cascade: [{ build: { unlisted: '_build.render is never', unrendered: '_build.render is never' } }],
    });
    expect(list('_build:\n  render: always\ncascade:\n  _build:\n    render: never\n')?.hidden).toBeUndefined();
    // What is not for feeds is not kept.
    expect(list('cascade:\n  params:\n    color: red\n')).toBeUndefined();
  });

  it('applies the entries of its own cascade whose target takes it in, as Hugo does (`target`, or `_target` before 0.123)', () => {
    const site = testSite();
    const at = { kind: 'section', path: '/posts/old', lang: 'en' } as const;
    const list = (fm: string) => readListPageReport(site, bytes(`---\n${fm}---\n`), 'en', at).list;
    expect(list('cascade:\n  - draft: true\n    target:\n      kind: section\n')?.draft).toBe(true);
    expect(list('cascade:\n  - draft: true\n    _target:\n      path: "{/posts/old,/posts/old/**}"\n')?.draft).toBe(true);
    // The map form with a target, as Hugo 0.123 reads it (0.111 applied such a map to every page).
    expect(list('cascade:\n  draft: true\n  target:\n    path: /posts/old/**\n')?.draft).toBeUndefined();
    expect(list('cascade:\n  draft: true\n  target:\n    kind: page\n')?.draft).toBeUndefined();
    expect(list('cascade:\n  draft: true\n  target:\n    lang: fr\n')?.draft).toBeUndefined();
    expect(list('cascade:\n  draft: true\n  target:\n    environment: production\n')?.draft).toBe(true);
    expect(list('cascade:\n  draft: true\n  target:\n    environment: development\n')?.draft).toBeUndefined();
    // The first entry that gives a key wins.
    expect(list('cascade:\n  - draft: false\n  - draft: true\n')?.draft).toBeUndefined();
  });

  it('leaves out, with a warning at its cascade key, an entry whose target feedpub cannot evaluate, and a key that does not read', () => {
    const site = testSite();
    const report = (fm: string) => readListPageReport(site, bytes(`---\ntitle: T\n${fm}---\n`));
    const skipped = report('cascade:\n  - draft: true\n    target:\n      sites:\n        matrix:\n          languages: [en]\n  - draft: false\n');
    expect(skipped.list?.cascade).toEqual([{ draft: false }]);
    expect(skipped.problems).toEqual([
      {
        severity: 'warning',
        rule: 'cascade-target',
        message: expect.stringMatching(/^cascade: entry 1: target has "sites", which feedpub does not read .*the entry is left out$/),
        line: 3,
      },
    ]);
    for (const target of ['path: "/posts/[old"', 'kind: pages', 'path: [a, b]']) {
      const found = report(`cascade:\n  draft: true\n  _target:\n    ${target}\n`);
      expect(found.list?.cascade, target).toBeUndefined();
      expect(
        found.problems.map((p) => p.rule),
        target,
      ).toEqual(['cascade-target']);
    }
    // A path with an extension matches no page since Hugo 0.123: said, and kept.
    const withExt = report('cascade:\n  draft: true\n  _target:\n    path: /posts/*.md\n');
    expect(withExt.list?.cascade).toEqual([{ target: { path: '/posts/*.md' }, draft: true }]);
    expect(withExt.problems.map((p) => p.message)).toEqual([expect.stringContaining('ends with a file name')]);
    const bad = report('cascade:\n  draft: maybe\n  publishDate: soon\n  _build:\n    list: never\n');
    expect(bad.list?.cascade).toEqual([{ build: { unlisted: '_build.list is never' } }]);
    expect(bad.problems.map((p) => [p.rule, p.line])).toEqual([
      ['date-invalid', 3],
      ['field-type', 3],
    ]);
  });

  it('leaves out, with a warning, an entry whose target nests braces too deep or is too long (8,000 braces overflowed the stack)', () => {
    const site = testSite();
    for (const path of [`/${'{'.repeat(8_000)}a${'}'.repeat(8_000)}`, `/${'a'.repeat(1_024)}`]) {
      // TOML: a YAML block with that many braces is refused whole, as nesting too deep.
      const found = readListPageReport(site, bytes(`+++\ntitle = "T"\n[cascade]\ndraft = true\n[cascade._target]\npath = "${path}"\n+++\n`));
      expect(found.list?.cascade).toBeUndefined();
      expect(found.problems.map((p) => [p.rule, p.message.length < 400])).toEqual([['cascade-target', true]]);
    }
  });

  it('reads the folder its url moves the feed to, and ignores a url of the site root', () => {
    const site = testSite();
    expect(readListPageReport(site, bytes('---\nurl: /articles\n---\n')).list).toEqual({ url: 'articles/' });
    expect(readListPageReport(site, bytes('---\nurl: "/lang/go.v2"\n---\n')).list?.url).toBe('lang/go.v2/');
    expect(readListPageReport(site, bytes('---\nurl: /\n---\n')).list).toBeUndefined();
  });

  it("keeps a term's slug, which its taxonomy's permalink :slug gives, and no section's (Hugo reads it nowhere else)", () => {
    expect(parse('content/en/tags/go/_index.md', '---\ntitle: Golang\nslug: G G\n---\n').list).toEqual({ title: 'Golang', slug: 'G G' });
    expect(parse('content/en/tags/go/_index.md', '---\nslug: " "\n---\n').list).toBeUndefined();
    expect(parse('content/en/politics/_index.md', '---\ntitle: Politics\nslug: p\n---\n').list).toEqual({ title: 'Politics' });
  });

  it('says when Hugo publishes no page for it: a draft (whose pages stay out too), or _build.render never', () => {
    const site = testSite();
    // With the keys it settles itself, which no cascade from further up then gives it.
    expect(readListPageReport(site, bytes('---\ntitle: T\ndraft: true\n---\n')).list).toEqual({
      title: 'T',
      hidden: 'draft: true',
      draft: true,
      states: STATES.draft,
    });
    expect(readListPageReport(site, bytes('---\n_build:\n  render: never\n---\n')).list).toEqual({ hidden: '_build.render is never', states: STATES.build });
    expect(readListPageReport(site, bytes('---\n_build:\n  list: never\n---\n')).list).toEqual({ states: STATES.build }); // not listed, still rendered
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

  it('with a [frontmatter], is held back by the publishDate its sources read, never by a date, its own or cascaded', () => {
    // Arrange: `[frontmatter] publishDate = ["released"]`.
    const custom = testSite({ frontmatter: { publishDate: ['released'] } });
    const key = 'content/en/tags/_index.md';
    const taxonomy = (frontMatter: string) =>
      parseArticle(custom, { key, bytes: bytes(`---\ntitle: Tags\n${frontMatter}\n---\n`) }, locateArticle(custom, key) as ArticleLocation).list;
    // Act / Assess
    expect(taxonomy('date: 2099-01-01T00:00:00Z\ncascade:\n  date: 2098-01-01T00:00:00Z')).toBeUndefined();
    expect(taxonomy('released: 2099-01-01T00:00:00Z\ncascade:\n  date: 2098-01-01T00:00:00Z')).toEqual({ publishAt: Date.UTC(2099, 0, 1) });
  });
});
