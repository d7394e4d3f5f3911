import { describe, expect, it } from 'vitest';
import { type FrontMatter, readFrontMatter } from '../../../src/parse/front-matter.js';
import { type ReadFieldsOptions, readFields } from '../../../src/parse/front-matter-fields.js';
import { fixtureText } from './fixture.js';

const OPTIONS: ReadFieldsOptions = { taxonomies: ['tags', 'categories'], timeZone: 'Asia/Shanghai', maxTerms: 100 };

const fieldsOf = (text: string, options: Partial<ReadFieldsOptions> = {}) => readFields(readFrontMatter(text), { ...OPTIONS, ...options });

/** A FrontMatter around data, as readFrontMatter would return for JSON without lines. */
const fmOf = (data: Record<string, unknown>): FrontMatter => ({ data, body: '', bodyLine: 1, bodyStart: 0, format: 'none', raw: '', rawLine: 1 });

describe('readFields: the reference article', () => {
  it('reads title, date, terms, lang and summary', () => {
    // Act
    const { fields, problems } = fieldsOf(fixtureText('reference-yaml.md'));
    // Assess
    expect(problems).toEqual([]);
    expect(fields).toEqual({
      title: '2900亿，OpenAI将拿下史上最大融资',
      date: Date.UTC(2025, 1, 10, 8, 27, 9),
      dateOffsets: {}, // the reference article's date has no zone: Asia/Shanghai, the site's
      dateKeys: { date: 'date' },
      draft: false,
      summary: '奥特曼迫不及待。当DeepSeek正在全球掀起风暴，OpenAI近日释放一则信息：软银集团即将敲定4...',
      terms: { tags: ['qq'], categories: ['qq'] },
      lang: 'zh-CN',
      translations: ['zh-CN'],
      authors: [],
      images: [],
    });
    expect(new Date(fields.date ?? 0).toISOString()).toBe('2025-02-10T08:27:09.000Z');
  });

  it.each(['reference-toml.md', 'reference-json.md', 'reference-bom-crlf.md'])('%s yields the same fields as the YAML original', (name) => {
    const yaml = fieldsOf(fixtureText('reference-yaml.md'));
    const other = fieldsOf(fixtureText(name));
    expect(other.problems).toEqual([]);
    expect(other.fields).toEqual(yaml.fields);
  });
});

describe('readFields: coercion', () => {
  it('coerces as Hugo does: numbers to text, "false" to false, trimmed NFC unique terms', () => {
    const { fields, problems } = fieldsOf(fixtureText('coercions.md'));
    expect(problems).toEqual([]);
    expect(fields.title).toBe('1999');
    expect(fields.draft).toBe(false);
    // `é` written as e + combining acute is stored NFC; " Go " and "Go" are one term; "" and ~ dropped.
    expect(fields.terms).toEqual({ tags: ['2024', 'Go', 'été'], categories: ['News'] });
    expect(fields.authors).toEqual([{ name: 'Jane' }, { name: 'Joe', email: 'joe@example.org' }]);
    expect(fields.images).toEqual(['/t.png', '/a.png']);
  });

  it('accepts draft yes with a warning on its line, and reads it as true', () => {
    const { fields, problems } = fieldsOf(fixtureText('draft-yes.md'));
    expect(fields.draft).toBe(true);
    expect(problems).toEqual([{ key: 'draft', line: 4, severity: 'warning', rule: 'field-coerced', message: '"yes" read as true; write true or false' }]);
  });

  it.each([
    [true, true],
    [false, false],
    ['TRUE', true],
    [' False ', false],
    ['no', false],
    ['off', false],
    ['on', true],
  ])('draft %j → %s', (draft, expected) => {
    expect(readFields(fmOf({ draft }), OPTIONS).fields.draft).toBe(expected);
  });

  it('matches keys case-insensitively, as Hugo does', () => {
    const { fields, problems } = readFields(fmOf({ Title: 'T', DATE: '2025-02-10', Tags: ['a'], Draft: true, PUBLISHDATE: '2025-02-11' }), OPTIONS);
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({ title: 'T', date: Date.UTC(2025, 1, 9, 16), publishDate: Date.UTC(2025, 1, 10, 16), draft: true, terms: { tags: ['a'] } });
  });

  it("reads Hugo's date aliases: pubdate/published, modified, unpublishdate", () => {
    const { fields } = readFields(
      fmOf({ published: '2025-01-01T00:00:00Z', modified: '2025-01-02T00:00:00Z', unpublishdate: '2026-01-01T00:00:00Z' }),
      OPTIONS,
    );
    expect(fields).toMatchObject({ publishDate: Date.UTC(2025, 0, 1), lastmod: Date.UTC(2025, 0, 2), expiryDate: Date.UTC(2026, 0, 1) });
    expect(fields.date).toBeUndefined();
  });

  it('reads each date from the first source the site names for it, the file name where it says :filename', () => {
    // Arrange: `[frontmatter] date = [":filename", "date"], publishDate = ["released"]`.
    const sources = { date: [':filename', 'date'], publishDate: ['released'], lastmod: ['lastmod'], expiryDate: [] };
    const data = { date: '2025-03-01T00:00:00Z', released: '2025-03-02T00:00:00Z', publishDate: '2020-01-01T00:00:00Z' };
    // Act
    const named = readFields(fmOf(data), { ...OPTIONS, dates: { sources, filename: Date.UTC(2025, 0, 5) } }).fields;
    const unnamed = readFields(fmOf(data), { ...OPTIONS, dates: { sources } }).fields;
    // Assess: the file name gives the date when it has one, else the next source does; publishDate is not read.
    expect([named.date, named.dateFromFilename, named.publishDate]).toEqual([Date.UTC(2025, 0, 5), true, Date.UTC(2025, 2, 2)]);
    expect([unnamed.date, unnamed.dateFromFilename, unnamed.publishDate]).toEqual([Date.UTC(2025, 2, 1), undefined, Date.UTC(2025, 2, 2)]);
  });

  it('keeps the zone a date was written with, and none for a wall-clock date', () => {
    const { fields } = readFields(fmOf({ date: '2025-01-02T03:04:05+08:00', lastmod: '2025-01-03T00:00:00', publishDate: '2025-01-02T00:00:00Z' }), OPTIONS);
    expect(fields.dateOffsets).toStrictEqual({ date: 480, publishDate: 0 });
  });

  it('treats a date of white space alone as absent, as Hugo 0.111 publishes such a page', () => {
    const { fields, problems } = fieldsOf('---\ntitle: x\ndate: "  "\n---\n');
    expect([fields.date, problems]).toEqual([undefined, []]);
  });

  it('treats empty and null values as absent', () => {
    const { fields, problems } = readFields(fmOf({ title: '  ', date: '', lastmod: null, draft: null, tags: null, summary: '', slug: '' }), OPTIONS);
    expect(problems).toEqual([]);
    // A taxonomy written without terms is there, empty (a cascade gives the page none of it); one not written is not.
    expect(fields).toEqual({ dateOffsets: {}, dateKeys: {}, draft: false, terms: { tags: [] }, translations: [], authors: [], images: [] });
  });

  it('reads description when there is no summary', () => {
    expect(readFields(fmOf({ description: ' About ' }), OPTIONS).fields.summary).toBe('About');
    expect(readFields(fmOf({ summary: 'S', description: 'D' }), OPTIONS).fields.summary).toBe('S');
  });

  it('reads the first lang of a list, translations, translationKey, slug, url and id', () => {
    const { fields, problems } = readFields(
      fmOf({ lang: ['zh-CN', 'en'], translations: ['en', ' ', 'en'], translationKey: 42, slug: 'my-post', url: '/x/y/', id: 'tag:example.org,2025:1' }),
      OPTIONS,
    );
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({ lang: 'zh-CN', translations: ['en'], translationKey: '42', slug: 'my-post', url: '/x/y/', id: 'tag:example.org,2025:1' });
  });

  it('reads a slug as Hugo 0.111 does: its dashes at either end trimmed, its white space kept (audit repro r4); the others trimmed of white space', () => {
    const slug = (value: unknown): string | undefined => readFields(fmOf({ slug: value }), OPTIONS).fields.slug;
    expect([' v1', ' v1 ', '-v1-', '--x--', ' -x- ', 'a-b', '  ', 7].map(slug)).toEqual([' v1', ' v1 ', 'v1', 'x', ' -x- ', 'a-b', '  ', '7']);
    expect(['-', '--', ''].map(slug)).toEqual([undefined, undefined, undefined]);
    const { fields } = readFields(fmOf({ url: ' /x/y/ ', translationKey: ' k ', id: ' i ' }), OPTIONS);
    expect(fields).toMatchObject({ url: '/x/y/', translationKey: 'k', id: 'i' });
  });

  it('reads authors from author and authors, in that order, without repeats', () => {
    const { fields, problems } = readFields(
      fmOf({
        author: { name: 'A', email: 'a@example.org', url: 'https://a.example', extra: 1 },
        authors: ['B', { name: 'A', email: 'a@example.org', url: 'https://a.example' }, null],
      }),
      OPTIONS,
    );
    expect(problems).toEqual([]);
    expect(fields.authors).toEqual([{ name: 'A', email: 'a@example.org', url: 'https://a.example' }, { name: 'B' }]);
    // Names, e-mail addresses and URLs trimmed, an empty one dropped.
    const trimmed = readFields(
      fmOf({
        author: ' Ann ',
        authors: [
          { name: ' Bo ', email: ' b@example.org ', url: ' https://b.example ' },
          { name: 'Cy', email: ' ' },
        ],
      }),
      OPTIONS,
    );
    expect(trimmed.fields.authors).toEqual([{ name: 'Ann' }, { name: 'Bo', email: 'b@example.org', url: 'https://b.example' }, { name: 'Cy' }]);
  });

  it('reads images from thumbnail, image, images, cover and featured_image, dropping empty ones', () => {
    const { fields } = readFields(
      fmOf({ featured_image: '/f.png', cover: { image: '/c.png', alt: 'x' }, images: ['/i1.png', '', '/i2.png'], image: ' ', thumbnail: '/t.png' }),
      OPTIONS,
    );
    expect(fields.images).toEqual(['/t.png', '/i1.png', '/i2.png', '/c.png', '/f.png']);
    expect(readFields(fmOf({ cover: '/c.png' }), OPTIONS).fields.images).toEqual(['/c.png']);
    // A cover map without an image adds none; paths are kept as written (a decomposed é stays so).
    expect(readFields(fmOf({ image: '/im.png', cover: { image: null } }), OPTIONS).fields.images).toEqual(['/im.png']);
    expect(readFields(fmOf({ images: ['/cafe\u0301.png'], translations: ['e\u0301'] }), OPTIONS).fields).toMatchObject({
      images: ['/cafe\u0301.png'],
      translations: ['e\u0301'],
    });
  });

  it('reads authors, images and terms from the params table too (Hugo 0.123), its value over one at the top', () => {
    const { fields, problems } = readFields(
      fmOf({
        author: 'Top',
        image: '/top.png',
        tags: ['top'],
        categories: ['News'],
        params: { Author: 'Ada Guest', images: ['img/cover.png'], TAGS: ['rust'] },
      }),
      OPTIONS,
    );
    expect(problems).toEqual([]);
    expect(fields.authors).toEqual([{ name: 'Ada Guest' }]);
    expect(fields.images).toEqual(['/top.png', 'img/cover.png']);
    expect(fields.terms).toEqual({ tags: ['rust'], categories: ['News'] });
    // A null there is none; what is not Hugo's custom field stays the page's own (a title, a date, draft).
    const own = readFields(fmOf({ title: 'T', author: 'Top', params: { author: null, title: 'P', draft: true } }), OPTIONS).fields;
    expect(own).toMatchObject({ title: 'T', draft: false, authors: [{ name: 'Top' }] });
    // No table: nothing read from it.
    expect(readFields(fmOf({ params: 'x', tags: ['t'] }), OPTIONS).fields.terms.tags).toEqual(['t']);
  });

  it('reports a params value that does not read by its path in the params table, at its own line', () => {
    const { fields, problems } = fieldsOf('---\ntitle: T\nparams:\n  author: {email: x}\n  tags: {a: 1}\n---\n');
    expect(fields.authors).toEqual([]);
    expect(problems.map((p) => [p.key, p.rule, p.line])).toEqual([
      ['params.tags', 'field-type', 5],
      ['params.author', 'author-no-name', 4],
    ]);
  });

  it('returns every taxonomy asked for that the front matter has, in any case or without terms, including odd names', () => {
    const { fields } = readFields(fmOf({ series: 'S', Tags: null, ['__proto__']: [] }), {
      ...OPTIONS,
      taxonomies: ['series', '__proto__', 'tags', 'tags', 'categories'],
    });
    expect(Object.keys(fields.terms)).toEqual(['series', '__proto__', 'tags']);
    expect(fields.terms.series).toEqual(['S']);
    expect(Object.getPrototypeOf(fields.terms)).toBe(Object.prototype);
  });
});

describe('readFields: problems', () => {
  it('rejects wrong types, each with its key and line', () => {
    const { fields, problems } = fieldsOf(fixtureText('wrong-types.md'));
    expect(problems).toEqual([
      { key: 'title', line: 2, severity: 'error', rule: 'field-type', message: 'must be text, not a list' },
      { key: 'date', line: 3, severity: 'error', rule: 'date-invalid', message: expect.stringMatching(/^a number is not a date/) },
      { key: 'draft', line: 4, severity: 'error', rule: 'field-type', message: 'must be true or false, not text' },
      { key: 'summary', line: 6, severity: 'warning', rule: 'field-type', message: 'must be text, not a list' },
      { key: 'tags', line: 5, severity: 'error', rule: 'field-type', message: 'must be a term or a list of terms, not a map' },
      { key: 'slug', line: 7, severity: 'error', rule: 'field-type', message: 'must be text, not a map' },
    ]);
    expect(fields.title).toBeUndefined();
    expect(fields.date).toBeUndefined();
  });

  it('rejects an impossible date with the line of its key', () => {
    const { fields, problems } = fieldsOf(fixtureText('impossible-date.md'));
    expect(fields.date).toBeUndefined();
    expect(problems).toEqual([{ key: 'date', line: 3, severity: 'error', rule: 'date-invalid', message: 'day 30 does not exist in February 2025' }]);
  });

  it('reads a date-only value as midnight in the site zone', () => {
    expect(fieldsOf(fixtureText('date-only.md')).fields.date).toBe(Date.UTC(2025, 1, 9, 16));
    expect(fieldsOf(fixtureText('date-only.md'), { timeZone: 'UTC' }).fields.date).toBe(Date.UTC(2025, 1, 10));
  });

  it('reads wall-clock dates through DST changes as Hugo does', () => {
    const { fields } = fieldsOf(fixtureText('dst-gap.md'), { timeZone: 'America/New_York' });
    expect(fields.date).toBe(Date.UTC(2025, 2, 9, 6, 30));
    expect(fields.lastmod).toBe(Date.UTC(2025, 10, 2, 5, 30));
  });

  it('reads TOML offset, local date-time and local date values', () => {
    const { fields, problems } = fieldsOf(fixtureText('toml-dates.md'));
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({
      date: Date.UTC(2025, 1, 10, 8, 27, 9),
      publishDate: Date.UTC(2025, 1, 9, 16),
      lastmod: Date.UTC(2025, 1, 11),
      expiryDate: Date.UTC(2026, 0, 1),
    });
  });

  it('rejects a TOML time without a date, with the line of the key', () => {
    expect(fieldsOf(fixtureText('toml-time-only.md')).problems).toEqual([
      { key: 'date', line: 3, severity: 'error', rule: 'date-invalid', message: 'a TOML time without a date is not a date' },
    ]);
  });

  it('warns that a string of terms with commas is one term, as Hugo reads it, and says how to write several', () => {
    const one = readFields(fmOf({ categories: 'news, world' }), OPTIONS);
    expect(one.fields.terms.categories).toEqual(['news, world']);
    expect(one.problems).toEqual([
      {
        key: 'categories',
        severity: 'warning',
        rule: 'term-with-comma',
        message: 'is one term, "news, world", as Hugo reads it; for 2 terms write categories as a list: ["news", "world"]',
      },
    ]);
    // A list item with a comma, a trailing comma, or a number written with a comma is what the author meant.
    expect(readFields(fmOf({ categories: '2024,news' }), OPTIONS).problems.map((p) => p.message)).toEqual([
      'is one term, "2024,news", as Hugo reads it; for 2 terms write categories as a list: ["2024", "news"]',
    ]);
    for (const categories of [['news, world'], 'news,', '1,000 days']) {
      expect(readFields(fmOf({ categories }), OPTIONS).problems).toEqual([]);
    }
  });

  it('warns when an unquoted YAML value is cut by a comment (" #"), as YAML and Hugo read it, with the quoted value to write', () => {
    const problems = (text: string) => readFields(readFrontMatter(text), OPTIONS).problems;
    expect(problems("---\ntitle: We're #1 again\ndate: 2025-01-01\ntags: #news\n---\nx\n")).toEqual([
      {
        key: 'title',
        line: 2,
        severity: 'warning',
        rule: 'yaml-comment',
        message:
          'stops at "#": YAML reads " #" and what follows as a comment, so the value is "We\'re"; if the "#…" belongs to it, put it in quotes: title: "We\'re #1 again"',
      },
      {
        key: 'tags',
        line: 4,
        severity: 'warning',
        rule: 'yaml-comment',
        message:
          'stops at "#": YAML reads " #" and what follows as a comment, so the value is empty; if the "#…" belongs to it, put it in quotes: tags: "#news"',
      },
    ]);
    // A # inside a word, a quoted value, a comment after another field and TOML are what the author meant.
    expect(problems('---\ntitle: C# tips\nsummary: "Top #1"\ndraft: false # later\n---\nx\n')).toEqual([]);
    expect(problems('+++\ntitle = "We are #1"\n+++\nx\n')).toEqual([]);
    // Every field feeds show is checked (summary, description, terms), each as written up to the comment.
    expect(
      problems('---\ntitle: Plain\nsummary: Top #1\ndescription  : All  #2\ncategories: go   # lang\n---\nx\n').map((p) => [p.key, p.line, p.message]),
    ).toEqual([
      [
        'summary',
        3,
        'stops at "#": YAML reads " #" and what follows as a comment, so the value is "Top"; if the "#…" belongs to it, put it in quotes: summary: "Top #1"',
      ],
      [
        'description',
        4,
        'stops at "#": YAML reads " #" and what follows as a comment, so the value is "All"; if the "#…" belongs to it, put it in quotes: description: "All  #2"',
      ],
      [
        'categories',
        5,
        'stops at "#": YAML reads " #" and what follows as a comment, so the value is "go"; if the "#…" belongs to it, put it in quotes: categories: "go   # lang"',
      ],
    ]);
  });

  it('warns of a comment that cuts a value written after a quoted key, and of none for a value merged in from an anchor', () => {
    const problems = (text: string) => readFields(readFrontMatter(text), OPTIONS).problems.map((p) => [p.key, p.line, p.rule, p.message]);
    // A key in quotes, as tools that write YAML from JSON put it.
    expect(problems(`---\n"title": We're #1 again\n'summary' : Top #1\n---\nx\n`)).toEqual([
      [
        'title',
        2,
        'yaml-comment',
        'stops at "#": YAML reads " #" and what follows as a comment, so the value is "We\'re"; if the "#…" belongs to it, put it in quotes: title: "We\'re #1 again"',
      ],
      [
        'summary',
        3,
        'yaml-comment',
        'stops at "#": YAML reads " #" and what follows as a comment, so the value is "Top"; if the "#…" belongs to it, put it in quotes: summary: "Top #1"',
      ],
    ]);
    // A value merged in (`<<: *base`) has no line of its own key: from a block anchor, the key is on an
    // indented line (maybe another map's); from a flow one, on none. Only the summary written here is reported.
    expect(problems("---\nbase: &b\n  title: We're #1 again\n<<: *b\n---\nx\n")).toEqual([]);
    expect(problems("---\nbase: &b {title: We're}\n<<: *b\nsummary: Top #1\n---\nx\n").map(([key, line]) => [key, line])).toEqual([['summary', 4]]);
  });

  it('rejects more terms than allowed, counting after de-duplication', () => {
    const ok = readFields(fmOf({ tags: ['a', 'b', 'a', ' b '] }), { ...OPTIONS, maxTerms: 2 });
    expect(ok.problems).toEqual([]);
    const tooMany = readFields(fmOf({ tags: ['a', 'b', 'c'] }), { ...OPTIONS, maxTerms: 2 });
    expect(tooMany.problems).toEqual([{ key: 'tags', severity: 'error', rule: 'too-many-terms', message: 'lists 3 terms; the limit is 2' }]);
  });

  it.each([
    [{ tags: [['nested']] }, 'a list holding a list'],
    [{ tags: ['ok', true] }, 'a list holding true'],
    [{ tags: [{ name: 'x' }] }, 'a list holding a map'],
    [{ tags: [new Date(0)] }, 'a list holding a date'],
    [{ categories: false }, 'false'],
    [{ tags: [null, 1, { a: 1 }] }, 'a list holding a map'],
  ])('rejects terms that are not text: %j', (data, what) => {
    const { problems } = readFields(fmOf(data), OPTIONS);
    expect(problems).toMatchObject([{ severity: 'error', rule: 'field-type', message: `must be a term or a list of terms, not ${what}` }]);
  });

  it('accepts numbers as terms, as text', () => {
    expect(readFields(fmOf({ tags: [2024, 1.5, -0] }), OPTIONS).fields.terms.tags).toEqual(['2024', '1.5', '0']);
    // A big integer (TOML) is text too, and no odd entry of a list.
    expect(readFields(fmOf({ tags: [2n ** 70n] }), OPTIONS).fields.terms.tags).toEqual(['1180591620717411303424']);
    expect(readFields(fmOf({ tags: [2n, { a: 1 }] }), OPTIONS).problems.map((p) => p.message)).toEqual([
      'must be a term or a list of terms, not a list holding a map',
    ]);
  });

  it('drops the characters XML forbids from terms before grouping them: a term of nothing else is none', () => {
    const { fields, problems } = readFields(fmOf({ tags: ['\uFFFE', '\ud83d', 'ok\u0000', 'ok', ' \u0001 go'] }), OPTIONS);
    expect(fields.terms.tags).toEqual(['ok', 'go']);
    expect(problems).toEqual([]);
  });

  it('rejects a title longer than maxTitleChars', () => {
    const { fields, problems } = readFields(fmOf({ title: 'x'.repeat(11) }), { ...OPTIONS, maxTitleChars: 10 });
    expect(fields.title).toBeUndefined();
    expect(problems).toEqual([{ key: 'title', severity: 'error', rule: 'field-too-long', message: 'is 11 characters long; the limit is 10' }]);
    // As many characters as the limit pass; so does any length without one, and no title at all.
    expect(readFields(fmOf({ title: 'x'.repeat(10) }), { ...OPTIONS, maxTitleChars: 10 }).fields.title).toBe('x'.repeat(10));
    expect(readFields(fmOf({ title: 'x'.repeat(11) }), OPTIONS).fields.title).toBe('x'.repeat(11));
    expect(readFields(fmOf({}), { ...OPTIONS, maxTitleChars: 10 }).problems).toEqual([]);
    // The key as written, and a key written twice reported once though read twice.
    expect(fieldsOf('---\nTITLE: xxxxxxxxxxx\ntitle: y\n---\n', { maxTitleChars: 10 }).problems).toEqual([
      { key: 'title', line: 3, severity: 'error', rule: 'field-duplicate', message: 'written twice ("TITLE", "title"); keys are case-insensitive' },
      { key: 'TITLE', line: 2, severity: 'error', rule: 'field-too-long', message: 'is 11 characters long; the limit is 10' },
    ]);
  });

  it('rejects keys that differ only in case (Hugo would pick one at random)', () => {
    const { problems } = fieldsOf('---\ntitle: a\nTitle: b\n---\n');
    expect(problems).toEqual([
      { key: 'Title', line: 3, severity: 'error', rule: 'field-duplicate', message: 'written twice ("title", "Title"); keys are case-insensitive' },
    ]);
  });

  it('rejects a url with a scheme, which Hugo refuses to build, and keeps a path', () => {
    for (const url of ['https://other.example.com/x/', 'javascript:alert(1)', 'HTTP://x']) {
      const { fields, problems } = readFields(fmOf({ url }), OPTIONS);
      expect(fields.url).toBeUndefined();
      expect(problems.map((p) => [p.severity, p.rule, p.key])).toEqual([['error', 'url-absolute', 'url']]);
    }
    expect(readFields(fmOf({ url: '/news/a:b/' }), OPTIONS).fields.url).toBe('/news/a:b/');
    expect(readFields(fmOf({ URL: 'https://x.example/' }), OPTIONS).problems).toEqual([
      { key: 'URL', severity: 'error', rule: 'url-absolute', message: '"https://x.example/" must be a path on the site, such as /news/a/, as Hugo requires' },
    ]);
  });

  it('rejects non-text id, slug, url and translationKey, which decide ids and addresses', () => {
    const { problems } = readFields(fmOf({ id: ['x'], slug: true, url: {}, translationKey: [] }), OPTIONS);
    expect(problems.map((p) => [p.key, p.severity, p.rule])).toEqual([
      ['translationKey', 'error', 'field-type'],
      ['slug', 'error', 'field-type'],
      ['url', 'error', 'field-type'],
      ['id', 'error', 'field-type'],
    ]);
  });

  it('warns about and drops bad optional fields', () => {
    const { fields, problems } = readFields(
      fmOf({ lang: 'not a code!', translations: { en: 1 }, author: [{ email: 'x@y' }], authors: true, images: [1], cover: [1] }),
      OPTIONS,
    );
    expect(fields).toMatchObject({ translations: [], authors: [], images: [] });
    expect(fields.lang).toBeUndefined();
    expect(problems.map((p) => [p.key, p.severity, p.rule, p.message])).toEqual([
      ['lang', 'warning', 'lang-invalid', '"not a code!" is not a language code (like en or zh-CN)'],
      ['translations', 'warning', 'field-type', 'must be a list of language codes, not a map'],
      ['author', 'warning', 'author-no-name', 'an author without a name is ignored'],
      ['authors', 'warning', 'field-type', 'must be a name, a map with name/email/url, or a list of those, not true'],
      ['images', 'warning', 'field-type', 'must be an image path or a list of them, not a list'],
      ['cover', 'warning', 'field-type', 'must be an image path or a map with image, not a list'],
    ]);
    const more = readFields(fmOf({ lang: { en: 1 }, image: { src: '/a.png' }, description: ['a'], draft: 1, tags: { a: 1 }, authors: ['  ', 'B'] }), OPTIONS);
    expect(more.fields).toMatchObject({ draft: false, terms: { tags: [] }, authors: [{ name: 'B' }] });
    expect(more.problems.map((p) => [p.key, p.severity, p.rule, p.message])).toEqual([
      ['draft', 'error', 'field-type', 'must be true or false, not a number'],
      ['description', 'warning', 'field-type', 'must be text, not a list'],
      ['tags', 'error', 'field-type', 'must be a term or a list of terms, not a map'],
      ['lang', 'warning', 'field-type', 'must be a language code, not a map'],
      ['image', 'warning', 'field-type', 'must be an image path, not a map'],
    ]);
  });

  it('takes a language code of letters and digits in dash- or underscore-separated parts, quoting at most 40 characters of another', () => {
    const lang = (value: string) => readFields(fmOf({ lang: value }), OPTIONS);
    expect(['zh-Hant-TW', 'en_US', 'x-1'].map((value) => lang(value).fields.lang)).toEqual(['zh-Hant-TW', 'en_US', 'x-1']);
    expect(lang('x en').problems.map((p) => p.rule)).toEqual(['lang-invalid']);
    expect(lang(`${'x'.repeat(50)}!`).problems.map((p) => p.message)).toEqual([`"${'x'.repeat(40)}" is not a language code (like en or zh-CN)`]);
  });

  it('reads draft no and off as false with a warning, as it reads yes and on as true', () => {
    for (const draft of ['no', 'off']) {
      const { fields, problems } = readFields(fmOf({ draft }), OPTIONS);
      expect(fields.draft).toBe(false);
      expect(problems).toEqual([{ key: 'draft', severity: 'warning', rule: 'field-coerced', message: `"${draft}" read as false; write true or false` }]);
    }
  });

  it('finds problem lines in TOML and JSON front matter too', () => {
    const toml = fieldsOf('+++\ntitle = "x"\n[params]\ndraft = 1\n+++\n');
    expect(toml.problems).toEqual([]);
    expect(fieldsOf('+++\ntitle = "x"\ndraft = 1\n+++\n').problems).toMatchObject([{ key: 'draft', line: 3 }]);
    expect(fieldsOf('{\n  "title": "x",\n  "draft": 1\n}\n').problems).toMatchObject([{ key: 'draft', line: 3 }]);
  });
});

describe('readFields: pages Hugo lists nowhere', () => {
  it('reads headless and _build (or build) list and render options, as Hugo 0.111 names them', () => {
    const unlisted = (data: Record<string, unknown>): string | undefined => readFields(fmOf(data), OPTIONS).fields.unlisted;
    // headless is read on its own: it counts in a leaf bundle's index only (parseArticle decides).
    const headless = (data: Record<string, unknown>): string | undefined => readFields(fmOf(data), OPTIONS).fields.headless;
    expect(headless({ headless: true })).toBe('headless is true');
    expect(headless({ Headless: 'true' })).toBe('Headless is true');
    expect(headless({ headless: false })).toBeUndefined();
    // As Hugo 0.111 reads it (cast.ToBool: Go's ParseBool): a leaf bundle saying "T", "1", "TRUE" or YAML 1 is
    // published by no page; one saying " true", "tRuE", 1.5 or a TOML 1 is published.
    const headlessIn = (text: string): string | undefined => fieldsOf(text).fields.headless;
    for (const value of ['"T"', '"t"', '"1"', '"TRUE"', '"True"', '1']) expect(headlessIn(`---\nheadless: ${value}\n---\n`), value).toBe('headless is true');
    for (const value of ['" true"', '"tRuE"', '1.5', '0', '"yes"']) expect(headlessIn(`---\nheadless: ${value}\n---\n`), value).toBeUndefined();
    expect(headlessIn('+++\nheadless = 1\n+++\n')).toBeUndefined();
    expect(headlessIn('{"headless": 1}\n')).toBeUndefined();
    expect(unlisted({ headless: true })).toBeUndefined();
    expect(unlisted({ _build: { list: 'never' } })).toBe('_build.list is never');
    expect(unlisted({ _build: { list: false } })).toBe('_build.list is false');
    // local: listed, in its section's and terms' feeds only.
    expect(unlisted({ _build: { list: 'local' } })).toBeUndefined();
    expect(readFields(fmOf({ _build: { list: 'local' } }), OPTIONS).fields.local).toBe(true);
    // A `_build` of its own, local or not, is what a list page's cascade cannot replace.
    expect(readFields(fmOf({ _build: { list: 'always' } }), OPTIONS).fields.local).toBe(false);
    expect(readFields(fmOf({ _build: { publishResources: false } }), OPTIONS).fields.local).toBe(false);
    expect(readFields(fmOf({ title: 'no build' }), OPTIONS).fields.local).toBeUndefined();
    expect(unlisted({ _build: { render: 'never' } })).toBe('_build.render is never');
    expect(unlisted({ _build: { render: 'link' } })).toBe('_build.render is link');
    expect(unlisted({ build: { List: 'Never' } })).toBe('build.List is never');
    expect(unlisted({ _build: { list: 'always', render: 'always' } })).toBeUndefined();
    expect(unlisted({ _build: { list: true } })).toBeUndefined();
    expect(unlisted({ _build: 'never' })).toBeUndefined(); // not a map: Hugo ignores it too
    // ... and so it leaves a list page's cascade in force.
    expect(readFields(fmOf({ _build: 'never' }), OPTIONS).fields.local).toBeUndefined();
    // Each option by its own key, whichever comes first; only render decides that no page is made.
    const build = (value: Record<string, unknown>) => {
      const { fields } = readFields(fmOf({ _build: value }), OPTIONS);
      return [fields.unlisted, fields.unrendered, fields.local];
    };
    expect(build({ publishResources: false, render: 'never' })).toEqual(['_build.render is never', '_build.render is never', false]);
    expect(build({ list: 'never' })).toEqual(['_build.list is never', undefined, false]);
    expect(build({ list: 'never', render: 'link' })).toEqual(['_build.list is never', '_build.render is link', false]);
    expect(build({ render: 'local' })).toEqual([undefined, undefined, false]);
    expect(unlisted({})).toBeUndefined();
  });
});
