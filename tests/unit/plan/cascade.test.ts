import { describe, expect, it } from 'vitest';
import { readCascade } from '../../../src/parse/cascade.js';
import { cascadeApplies, hugoPath, resolveCascade, targetMatcher } from '../../../src/plan/cascade.js';
import { siteCascade } from '../../../src/rebuild/sections.js';
import { testSite } from '../../support/site.js';

describe('cascade targets and precedence', () => {
  const site = testSite();
  const page = { kind: 'page', path: '/posts/old/x', lang: 'en' } as const;

  it('hugoPath is the path Hugo 0.123 gives a page: no extension nor language suffix, a bundle by its folder, lower case, spaces as -', () => {
    expect(hugoPath(site, 'posts/Old Posts/X.md')).toBe('/posts/old-posts/x');
    expect(hugoPath(site, 'posts/x.zh-cn.md')).toBe('/posts/x');
    expect(hugoPath(site, 'posts/v1.2.md')).toBe('/posts/v1.2');
    expect(hugoPath(site, 'posts/b/index.md')).toBe('/posts/b');
    expect(hugoPath(site, 'posts/old/_index.md')).toBe('/posts/old');
    expect(hugoPath(site, '_index.md')).toBe('/');
    // A page named as a language is no translation: only a suffix after a dot names one.
    expect(hugoPath(site, 'posts/en.md')).toBe('/posts/en');
  });

  it('takes in no page by a glob that does not compile (an unclosed class, braces nested too deep, too long), whatever its other globs say', () => {
    for (const path of ['/posts/[old', `/${'{'.repeat(40)}a${'}'.repeat(40)}`, `/${'a'.repeat(1100)}`]) {
      expect(cascadeApplies({ path }, page), path.slice(0, 20)).toBe(false);
      expect(cascadeApplies({ path, kind: 'page' }, page), path.slice(0, 20)).toBe(false);
    }
  });

  it('takes in a page when each of its globs matches: path, kind, language, and the environment, production', () => {
    expect(cascadeApplies(undefined, page)).toBe(true);
    expect(cascadeApplies({ path: '/posts/old/**' }, page)).toBe(true);
    expect(cascadeApplies({ path: '/posts/old/**' }, { ...page, path: '/posts/new' })).toBe(false);
    expect(cascadeApplies({ path: '/posts/old/**', kind: 'section' }, page)).toBe(false);
    expect(cascadeApplies({ kind: '{page,section}', lang: 'e?' }, page)).toBe(true);
    expect(cascadeApplies({ lang: 'zh-*' }, page)).toBe(false);
    expect(cascadeApplies({ environment: '{staging,production}' }, page)).toBe(true);
    expect(cascadeApplies({ environment: 'development' }, page)).toBe(false);
  });

  it('compiles each target once however many a site has (past 1,000 globs, every page compiled them all again)', () => {
    const entries = Array.from({ length: 1_536 }, (_, i) => ({ target: { path: `/posts/p${i}/**` }, draft: true }));
    const first = entries[0]?.target;
    if (first === undefined) throw new Error('no entry');
    const matcher = targetMatcher(first);
    for (const i of [3, 700, 1_535]) {
      const node = { kind: 'page', path: `/posts/p${i}/x`, lang: 'en' } as const;
      expect(resolveCascade([{ origin: 'content/_index.md', entries }], node).draft?.value).toBe(true);
    }
    expect(targetMatcher(first)).toBe(matcher);
    expect(matcher(page)).toBe(false);
    expect(matcher({ kind: 'page', path: '/posts/p0/a', lang: 'en' })).toBe(true);
  });

  it('gives each key from the nearest entry that targets the page and gives it, the site config last', () => {
    const values = resolveCascade(
      [
        {
          origin: 'near',
          entries: [
            { target: { kind: 'section' }, draft: true },
            { target: { path: '/posts/old/**' }, build: { local: true } },
          ],
        },
        { origin: 'far', entries: [{ draft: false, build: { unlisted: '_build.list is never' }, expiryDate: 5 }] },
        { origin: 'hugo.toml', entries: [{ expiryDate: 9, publishDate: 1 }] },
      ],
      page,
    );
    expect(values).toEqual({
      draft: { value: false, origin: 'far' },
      build: { value: { local: true }, origin: 'near' },
      expiryDate: { value: 5, origin: 'far' },
      publishDate: { value: 1, origin: 'hugo.toml' },
    });
  });

  it('gives dates, headless and terms from the nearest entry that targets the page, each date key and each taxonomy on its own', () => {
    const values = resolveCascade(
      [
        {
          origin: 'near',
          entries: [
            { target: { kind: 'section' }, headless: true, date: 1, dates: { date: { ms: 1 } }, terms: { tags: ['x'] } },
            { date: 10, dates: { date: { ms: 10, offset: 60 } }, terms: { tags: ['a'] } },
          ],
        },
        {
          origin: 'far',
          entries: [
            {
              headless: false,
              date: 20,
              build: { local: true },
              dates: { date: { ms: 20 }, lastmod: { ms: 30 } },
              terms: { tags: ['b'], series: ['s'] },
            },
          ],
        },
      ],
      page,
    );
    expect(values).toEqual({
      date: { value: 10, origin: 'near' },
      headless: { value: false, origin: 'far' },
      build: { value: { local: true }, origin: 'far' },
      dates: new Map([
        ['date', { value: { ms: 10, offset: 60 }, origin: 'near' }],
        ['lastmod', { value: { ms: 30 }, origin: 'far' }],
      ]),
      terms: new Map([
        ['tags', { value: ['a'], origin: 'near' }],
        ['series', { value: ['s'], origin: 'far' }],
      ]),
    });
  });

  it('reads the site config cascade for each language, and reports an entry it leaves out once, at the config file', () => {
    const withCascade = testSite({
      timeZone: 'UTC',
      languages: { en: { contentDir: 'content/en', weight: 1 }, de: { contentDir: 'content/de', weight: 2, timeZone: 'Europe/Berlin' } },
      cascade: [
        { publishDate: '2099-01-01T00:00:00', _target: { lang: 'de' } },
        { draft: true, target: { sites: { matrix: { languages: ['en'] } } } },
        'not a table',
      ],
    });
    expect(withCascade.cascade).toEqual({ file: 'hugo.toml', entries: [expect.objectContaining({ publishDate: '2099-01-01T00:00:00' }), expect.anything()] });
    const { cascades, problems } = siteCascade(withCascade);
    // A date without a zone is in each language's.
    expect(cascades.get('en')?.entries).toEqual([
      { target: { lang: 'de' }, publishDate: Date.UTC(2099, 0, 1), dates: { publishdate: { ms: Date.UTC(2099, 0, 1) } } },
    ]);
    expect(cascades.get('de')?.entries).toEqual([
      { target: { lang: 'de' }, publishDate: Date.UTC(2098, 11, 31, 23), dates: { publishdate: { ms: Date.UTC(2098, 11, 31, 23) } } },
    ]);
    expect(cascades.get('en')?.origin).toBe('hugo.toml');
    expect(problems).toEqual([
      { file: 'hugo.toml', severity: 'warning', rule: 'cascade-target', message: expect.stringMatching(/^cascade: entry 2: target has "sites"/) },
    ]);
    expect(siteCascade(testSite())).toEqual({ cascades: new Map(), problems: [] });
  });

  it('reads a cascade as Hugo 0.123 does: a map is one entry, a list its maps in order, `target` or `_target`', () => {
    const options = { taxonomies: [], timeZone: 'UTC', maxTerms: 1 };
    expect(readCascade({ draft: true, target: { path: '/a/**' } }, options).entries).toEqual([{ target: { path: '/a/**' }, draft: true }]);
    expect(readCascade([{ draft: true }, 7, { _build: { render: 'link' }, _target: { kind: 'page' } }], options).entries).toEqual([
      { draft: true },
      { target: { kind: 'page' }, build: { unlisted: '_build.render is link', unrendered: '_build.render is link' } },
    ]);
    expect(readCascade('draft', options).entries).toEqual([]);
    // An empty glob is no condition.
    expect(readCascade({ draft: true, target: { path: '', kind: null } }, options).entries).toEqual([{ draft: true }]);
  });

  it('says why it leaves out an entry whose target it cannot read, a long glob shortened, and keeps a target whose folders hold a dot', () => {
    const options = { taxonomies: [], timeZone: 'UTC', maxTerms: 1 };
    const why = (value: unknown): string[] => readCascade(value, options).problems.map((p) => `${p.rule} ${p.message.replace(/: feedpub cannot tell.*$/, '')}`);
    expect(why({ draft: true, target: 'x' })).toEqual(['cascade-target target is no map of path, kind, lang and environment']);
    expect(
      why([
        { draft: true, target: { sites: 1 } },
        { draft: true, _target: { path: ['a'] } },
      ]),
    ).toEqual([
      'cascade-target entry 1: target has "sites", which feedpub does not read (it reads path, kind, lang, environment)',
      'cascade-target entry 2: _target .path is no glob (text)',
    ]);
    expect(why({ draft: true, target: { kind: 'posts' } })).toEqual([
      'cascade-target target .kind "posts" names no page kind (home, page, section, taxonomy, term)',
    ]);
    const unread = (glob: string): string =>
      `cascade-target target .path "${glob}" is no glob feedpub reads (one Hugo compiles, at most 1024 characters, braces at most 32 deep)`;
    expect(why({ draft: true, target: { path: `[${'a'.repeat(79)}` } })).toEqual([unread(`[${'a'.repeat(79)}`)]);
    expect(why({ draft: true, target: { path: `[${'a'.repeat(80)}` } })).toEqual([unread(`[${'a'.repeat(79)}…`)]);
    // A number is a glob as written; a key without a value, or no target at all, is no condition.
    expect(
      readCascade(
        [
          { draft: true, target: { path: 5, kind: null } },
          { draft: true, _target: null },
        ],
        options,
      ),
    ).toEqual({
      entries: [{ target: { path: '5' }, draft: true }, { draft: true }],
      problems: [],
    });
    // A path ending with a file name is kept, with a warning; a dot in a folder of it is no file name.
    const dotted = readCascade(
      [
        { draft: true, target: { path: '/v1.2/**' } },
        { draft: true, target: { path: '/v1./**' } },
        { draft: true, target: { path: '/posts/*.md' } },
      ],
      options,
    );
    expect(dotted.entries).toHaveLength(3);
    expect(dotted.problems.map((p) => [p.rule, p.message.slice(0, 56)])).toEqual([
      ['cascade-target', 'entry 3: target.path "/posts/*.md" ends with a file name'],
    ]);
  });

  it('reads only what an entry gives a value: a key without one, a blank date or a key that is no date gives and reports nothing', () => {
    const options = { taxonomies: ['tags'], timeZone: 'UTC', maxTerms: 3 };
    expect(readCascade({ draft: null, headless: null, title: 'x', date: null, lastmod: '  ', expirydate: '' }, options)).toEqual({ entries: [], problems: [] });
    expect(readCascade({ headless: false }, options).entries).toEqual([{ headless: false }]);
    expect(readCascade({ build: { list: 'never' } }, options).entries).toEqual([{ build: { unlisted: 'build.list is never' } }]);
    // A date key written twice, in two cases: the first, for its date and by its key alike.
    expect(readCascade({ Date: '2020-01-01T00:00:00Z', date: '2021-01-01T00:00:00Z' }, options).entries).toEqual([
      { date: Date.UTC(2020, 0, 1), dates: { date: { ms: Date.UTC(2020, 0, 1), offset: 0 } } },
    ]);
    // A source a page would not take its date from is still read, and one that is no date reported once.
    expect(readCascade({ date: '2020-01-01', published: 'soon' }, options)).toEqual({
      entries: [{ date: Date.UTC(2020, 0, 1), dates: { date: { ms: Date.UTC(2020, 0, 1) } } }],
      problems: [{ rule: 'date-invalid', message: expect.stringMatching(/^published: "soon" is not a date: .*: left out$/) }],
    });
    // An alias a page would not read (its publishDate is pubdate's) is read all the same: one that is no date is left out, with a problem.
    expect(readCascade({ pubdate: '2020-01-01', published: 'soon' }, options)).toEqual({
      entries: [{ publishDate: Date.UTC(2020, 0, 1), dates: { pubdate: { ms: Date.UTC(2020, 0, 1) } } }],
      problems: [{ rule: 'date-invalid', message: expect.stringMatching(/^published: "soon" is not a date: .*: left out$/) }],
    });
    // With a [frontmatter], a cascade gives its dates by key only, no date of a list page's own.
    const custom = {
      ...options,
      dates: { sources: { date: ['mydate', 'date'], publishDate: ['publishdate'], lastmod: ['lastmod'], expiryDate: ['expirydate'] } },
    };
    expect(readCascade({ mydate: '2020-01-01T00:00:00Z' }, custom).entries).toEqual([{ dates: { mydate: { ms: Date.UTC(2020, 0, 1), offset: 0 } } }]);
    // What feedpub does not apply is Hugo's business: no problem for it; a taxonomy under params is reported.
    expect(readCascade({ title: {}, slug: [1], url: {}, summary: {}, images: 5, draft: true }, options)).toEqual({ entries: [{ draft: true }], problems: [] });
    expect(readCascade({ params: { tags: { a: 1 } }, draft: true }, options)).toEqual({
      entries: [{ draft: true }],
      problems: [{ rule: 'field-type', message: 'params.tags: must be a term or a list of terms, not a map: left out' }],
    });
    // A term with a comma: said where it is.
    expect(readCascade([{ tags: 'a, b' }], options).problems).toEqual([
      { rule: 'term-with-comma', message: expect.stringMatching(/^entry 1: tags: is one term, "a, b"/) },
    ]);
  });

  it('reads the terms of every taxonomy an entry gives as a page reads its own: trimmed, NFC, without repeats, a custom one too', () => {
    const options = { taxonomies: ['tags', 'categories', 'series'], timeZone: 'UTC', maxTerms: 2 };
    const { entries, problems } = readCascade({ Tags: [' Cafe\u0301 ', 'Café'], series: 'S1', categories: null, other: ['x'] }, options);
    // A taxonomy written without terms is given too (empty): a page below takes no farther cascade's.
    expect(entries).toEqual([{ terms: { tags: ['Café'], categories: [], series: ['S1'] } }]);
    expect(problems).toEqual([]);
    // More terms than a page may list, or no list of terms: that taxonomy is left out, with a problem; the rest stays.
    const bad = readCascade([{ tags: ['a', 'b', 'c'], series: { a: 1 }, draft: true }], options);
    expect(bad.entries).toEqual([{ draft: true }]);
    expect(bad.problems.map((p) => [p.rule, p.message.replace(/:.*/, '')])).toEqual([
      ['too-many-terms', 'entry 1'],
      ['field-type', 'entry 1'],
    ]);
    expect(readCascade({ tags: 'a, b' }, options).problems.map((p) => p.rule)).toEqual(['term-with-comma']);
  });

  it('reads the dates an entry gives by key, aliases and [frontmatter] keys too, in the zone given, with the offset written', () => {
    const options = { taxonomies: [], timeZone: 'Asia/Shanghai', maxTerms: 1 };
    const { entries, problems } = readCascade({ Date: '2021-05-05T23:30:00-05:00', pubdate: '2021-01-01', lastmod: '', mydate: '2020-01-01' }, options);
    expect(entries).toEqual([
      {
        date: Date.UTC(2021, 4, 6, 4, 30),
        dates: { date: { ms: Date.UTC(2021, 4, 6, 4, 30), offset: -300 }, pubdate: { ms: Date.UTC(2020, 11, 31, 16) } },
        publishDate: Date.UTC(2020, 11, 31, 16),
      },
    ]);
    expect(problems).toEqual([]);
    const custom = {
      ...options,
      dates: { sources: { date: ['mydate', 'date'], publishDate: ['publishdate'], lastmod: ['lastmod'], expiryDate: ['expirydate'] } },
    };
    expect(readCascade({ mydate: '2020-01-01T00:00:00Z', pubdate: '2021-01-01' }, custom).entries[0]?.dates).toEqual({
      mydate: { ms: Date.UTC(2020, 0, 1), offset: 0 },
    });
    // A key that is no date is left out, with a problem, once.
    const bad = readCascade({ date: 'soon', pubdate: 7 }, options);
    expect(bad.entries).toEqual([]);
    expect(bad.problems.map((p) => [p.rule, p.message.slice(0, p.message.indexOf(':'))])).toEqual([
      ['date-invalid', 'date'],
      ['date-invalid', 'pubdate'],
    ]);
  });
});
