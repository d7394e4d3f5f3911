import { describe, expect, it } from 'vitest';
import { readCascade } from '../../../src/parse/cascade.js';
import { STATES } from '../../../src/parse/cascade-states.js';
import { readFrontMatter } from '../../../src/parse/front-matter.js';
import { markupOf, readFields } from '../../../src/parse/front-matter-fields.js';
import { parseArticle } from '../../../src/parse/parse-article.js';
import { type ArticleLocation, locateArticle } from '../../../src/parse/pages.js';
import { testSite } from '../../support/site.js';

// A page's front matter `markup`, as Hugo 0.111 reads it (checked with hugo): `html` and `htm` in any case
// show the body as HTML; `org`, asciidocext (`adoc`, `ad`), `rst` and pandoc (`pdc`) hand it to a renderer
// feedpub does not have; anything else (`md`, `goldmark`, `asciidoc`, `mmark`, `foo`, ` html`) is Markdown.

const site = testSite();
const KEY = 'content/en/notes/a.md';
const location = locateArticle(site, KEY) as ArticleLocation;

function parse(text: string, body = true) {
  return parseArticle(site, { key: KEY, bytes: Buffer.from(text) }, location, { body });
}

const page = (markup: string, rest = '') => `---\ntitle: A\ndate: 2025-02-10\n${rest}markup: ${markup}\n---\n*a* <b>x</b>\n`;

describe('markupOf: a markup value as Hugo 0.111 resolves it', () => {
  it('reads html and htm in any case as html, the renderers feedpub lacks by their names and aliases, and the rest as Markdown', () => {
    expect(['html', 'HTML', 'Html', 'htm', 'HTM'].map(markupOf)).toEqual(['html', 'html', 'html', 'html', 'html']);
    expect(['org', 'ORG', 'asciidocext', 'adoc', 'ad', 'rst', 'pandoc', 'Pandoc', 'pdc'].map(markupOf)).toEqual([
      'org',
      'org',
      'asciidocext',
      'asciidocext',
      'asciidocext',
      'rst',
      'pandoc',
      'pandoc',
      'pandoc',
    ]);
    for (const markdown of [
      'md',
      'mdown',
      'markdown',
      'goldmark',
      'MD',
      'Markdown',
      'mmark',
      'blackfriday',
      'asciidoc',
      'REST',
      'foo',
      '',
      ' html',
      'html ',
      1,
      true,
      null,
      ['html'],
      { html: 1 },
    ]) {
      expect(markupOf(markdown), JSON.stringify(markdown)).toBeUndefined();
    }
  });
});

describe('readFields: markup', () => {
  const OPTIONS = { taxonomies: ['tags'], timeZone: 'UTC', maxTerms: 100 };

  it('gives the resolved markup, under its key in any case, and nothing for Markdown', () => {
    expect(readFields(readFrontMatter('---\nMarkup: HTM\n---\n'), OPTIONS).fields.markup).toBe('html');
    expect(readFields(readFrontMatter('+++\nmarkup = "pdc"\n+++\n'), OPTIONS).fields.markup).toBe('pandoc');
    expect(readFields(readFrontMatter('{"MARKUP": "org"}\n'), OPTIONS).fields.markup).toBe('org');
    expect(readFields(readFrontMatter('---\nmarkup: md\n---\n'), OPTIONS).fields).not.toHaveProperty('markup');
    expect(readFields(readFrontMatter('---\nmarkup: [html]\n---\n'), OPTIONS).problems).toEqual([]);
  });

  it('reports a markup key written twice, as every key', () => {
    const { problems } = readFields(readFrontMatter('---\nmarkup: html\nMarkup: md\n---\n'), OPTIONS);
    expect(problems.map((p) => p.rule)).toEqual(['field-duplicate']);
  });
});

describe('parseArticle: markup', () => {
  it('marks a page whose markup is html or htm, in any case, with or without its body decoded, and no other', () => {
    for (const body of [true, false]) {
      for (const markup of ['html', 'HTML', 'htm']) {
        const result = parse(page(markup), body);
        expect(result.article?.markup, markup).toBe('html');
        expect(result.problems).toEqual([]);
      }
      for (const markup of ['md', 'markdown', 'foo', 'asciidoc']) expect(parse(page(markup), body).article, markup).not.toHaveProperty('markup');
      expect(parse('---\ntitle: A\ndate: 2025-02-10\n---\nx\n', body).article).not.toHaveProperty('markup');
    }
  });

  it('warns once a page that Hugo renders with another renderer, at the line of its markup key, and publishes it as Markdown', () => {
    for (const [markup, renderer] of [
      ['org', 'go-org'],
      ['Org', 'go-org'],
      ['asciidocext', 'asciidoctor'],
      ['adoc', 'asciidoctor'],
      ['ad', 'asciidoctor'],
      ['rst', 'rst2html'],
      ['pandoc', 'pandoc'],
      ['PDC', 'pandoc'],
    ] as const) {
      // Arrange / Act: the markup key on line 5, after tags.
      const result = parse(page(markup, 'tags: [a]\n'));
      // Assert
      expect(result.article?.title, markup).toBe('A');
      expect(result.article, markup).not.toHaveProperty('markup');
      expect(
        result.problems.map((p) => [p.severity, p.rule, p.line]),
        markup,
      ).toEqual([['warning', 'markup-not-read', 5]]);
      expect(result.problems[0]?.message).toContain(renderer);
      expect(result.problems[0]?.message).toContain('reads its body as Markdown');
    }
  });

  it('warns a page without a date too (a cascade may date it), as it stays in no feed until then', () => {
    const result = parse('---\ntitle: A\nmarkup: rst\n---\nx\n');
    expect(result.problems.map((p) => `${p.rule}:${p.line}`)).toEqual(['no-date:2', 'markup-not-read:3']);
  });

  it('makes an untitled html page s excerpt from its HTML, not from Markdown', () => {
    for (const body of [true, false]) {
      const result = parse('---\ndate: 2025-02-10\nmarkup: html\n---\n*a* <b>x</b>\n\n    code <script>bad()</script>\n', body);
      expect(result.article?.summary).toBe('*a* x code');
    }
  });
});

describe('markup in a cascade', () => {
  const OPTIONS = { taxonomies: ['tags'], timeZone: 'UTC', maxTerms: 100 };

  it('is read as a page s own: html, Markdown (which stops one from further up), or a renderer feedpub lacks, reported', () => {
    expect(readCascade({ Markup: 'HTM' }, OPTIONS)).toEqual({ entries: [{ markup: 'html' }], problems: [] });
    expect(readCascade([{ markup: 'md' }, { markup: 'foo', target: { path: '/a/**' } }], OPTIONS)).toEqual({
      entries: [{ markup: 'markdown' }, { target: { path: '/a/**' }, markup: 'markdown' }],
      problems: [],
    });
    expect(readCascade({ markup: null }, OPTIONS).entries).toEqual([]);
    const org = readCascade([{ draft: true }, { markup: 'org' }], OPTIONS);
    expect(org.entries).toEqual([{ draft: true }, { markup: 'org' }]);
    expect(org.problems.map((p) => [p.rule, p.message.slice(0, 30)])).toEqual([['markup-not-read', 'entry 2: markup "org": Hugo re']]);
  });

  it('warns at a list page s cascade key', () => {
    const text = '---\ntitle: S\ncascade:\n  markup: pdc\n---\n';
    const list = parseArticle(
      site,
      { key: 'content/en/notes/_index.md', bytes: Buffer.from(text) },
      locateArticle(site, 'content/en/notes/_index.md') as ArticleLocation,
    );
    expect(list.problems.map((p) => `${p.severity}:${p.rule}:${p.line ?? '-'}`)).toEqual(['info:list-page:-', 'warning:markup-not-read:3']);
    expect(list.list?.cascade).toEqual([{ markup: 'pandoc' }]);
  });

  it('is stopped by a page s own markup key, whatever its value: the page says it settles it', () => {
    expect((parse(page('md')).article?.states ?? 0) & STATES.markup).toBe(STATES.markup);
    expect((parse(page('[html]')).article?.states ?? 0) & STATES.markup).toBe(STATES.markup);
    expect((parse('---\ntitle: A\ndate: 2025-02-10\n---\nx\n').article?.states ?? 0) & STATES.markup).toBe(0);
  });
});
