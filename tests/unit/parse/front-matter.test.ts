import { describe, expect, it } from 'vitest';
import { FrontMatterError, readFrontMatter } from '../../../src/parse/front-matter.js';
import { fixtureText, frontMatterErrorOf } from './fixture.js';

const errorOf = frontMatterErrorOf;

describe('readFrontMatter: the reference article', () => {
  it('parses YAML front matter, body and line numbers', () => {
    // Act
    const fm = readFrontMatter(fixtureText('reference-yaml.md'));
    // Assess
    expect(fm.format).toBe('yaml');
    expect(fm.data).toMatchObject({
      title: '2900亿，OpenAI将拿下史上最大融资',
      date: '2025-02-10 16:27:09',
      categories: ['qq'],
      tags: ['qq'],
      lang: ['zh-CN'],
      comments: false,
      pager: true,
      widgets: ['search', 'recent', 'taglist'],
    });
    // The closing --- is on line 26, so the body (an empty line) starts on line 27.
    expect(fm.rawLine).toBe(2);
    expect(fm.bodyLine).toBe(27);
    expect(fm.body.startsWith('\n奥特曼迫不及待。\n')).toBe(true);
    expect(fm.raw.split('\n')[0]).toBe('title: "2900亿，OpenAI将拿下史上最大融资"');
    expect(fm.raw.split('\n')).toHaveLength(24);
  });

  it('gives the same data and body with a BOM, blank lines before the opener and CRLF, with lines shifted', () => {
    const lf = readFrontMatter(fixtureText('reference-yaml.md'));
    const crlf = readFrontMatter(fixtureText('reference-bom-crlf.md'));
    expect(crlf.data).toEqual(lf.data);
    expect(crlf.body).toBe(lf.body);
    expect(crlf.raw).toBe(lf.raw);
    // Three blank lines (one with spaces, one with a tab) precede the opener.
    expect(crlf.rawLine).toBe(lf.rawLine + 3);
    expect(crlf.bodyLine).toBe(lf.bodyLine + 3);
  });

  it('parses the TOML and JSON variants to the same data, apart from TOML dates', () => {
    const yaml = readFrontMatter(fixtureText('reference-yaml.md'));
    const toml = readFrontMatter(fixtureText('reference-toml.md'));
    const json = readFrontMatter(fixtureText('reference-json.md'));
    expect(toml.format).toBe('toml');
    expect(json.format).toBe('json');
    const { date: tomlDate, ...tomlRest } = toml.data;
    const { date: _yamlDate, ...yamlRest } = yaml.data;
    expect(tomlRest).toEqual(yamlRest);
    expect(tomlDate).toBeInstanceOf(Date);
    expect(json.data).toEqual(yaml.data);
    expect(toml.body).toBe(yaml.body);
    expect(json.body).toBe(yaml.body);
    // TOML: opener on line 1, 17 block lines, closer on line 19. JSON: the object's own lines.
    expect(toml.bodyLine).toBe(20);
    expect(json.rawLine).toBe(1);
    expect(json.bodyLine).toBe(json.raw.split('\n').length + 1);
    expect(json.raw.startsWith('{') && json.raw.endsWith('}')).toBe(true);
  });
});

describe('readFrontMatter: where front matter is and is not', () => {
  it('returns the whole text as body when there is no front matter', () => {
    const text = '\n\nJust *Markdown*.\n';
    expect(readFrontMatter(text)).toEqual({ data: {}, body: text, bodyLine: 1, bodyStart: 0, format: 'none', raw: '', rawLine: 1 });
  });

  it.each([
    ['a thematic break of four dashes', '----\ntitle: x\n----\n'],
    ['four pluses', '++++\ntitle = "x"\n++++\n'],
    ['a list item', '- item\n'],
    ['an empty file', ''],
    ['only a BOM', '\uFEFF'],
  ])('treats %s as no front matter', (_name, text) => {
    expect(readFrontMatter(text).format).toBe('none');
  });

  it('accepts an empty block and empty data', () => {
    expect(readFrontMatter('---\n---\nBody')).toMatchObject({ data: {}, body: 'Body', bodyLine: 3, raw: '', rawLine: 2 });
    expect(readFrontMatter('---\n# only a comment\n---\n')).toMatchObject({ data: {}, body: '', bodyLine: 4 });
    // A YAML block that is null, as Hugo 0.111 reads it: a page without front matter values (gray-matter gives {}).
    expect(readFrontMatter('---\n~\n---\n').data).toEqual({});
    expect(readFrontMatter('---\nnull\n---\nBody').data).toEqual({});
    expect(readFrontMatter('{}\n').data).toEqual({});
  });

  it('accepts a closer at the end of the file and trailing spaces on delimiter lines', () => {
    expect(readFrontMatter('---  \ntitle: x\n---')).toMatchObject({ data: { title: 'x' }, body: '', bodyLine: 4 });
    expect(readFrontMatter('+++\ntitle = "x"\n+++ \t\nBody')).toMatchObject({ data: { title: 'x' }, body: 'Body', bodyLine: 4 });
  });

  it('accepts the block own language name after the opener', () => {
    expect(readFrontMatter('---yaml\ntitle: x\n---\n').data).toEqual({ title: 'x' });
    expect(readFrontMatter('--- yml\ntitle: x\n---\n').data).toEqual({ title: 'x' });
    expect(readFrontMatter('+++ toml\ntitle = "x"\n+++\n').data).toEqual({ title: 'x' });
  });

  it('treats lone CRs as line breaks', () => {
    expect(readFrontMatter('---\rtitle: x\r---\rBody')).toMatchObject({ data: { title: 'x' }, body: 'Body', bodyLine: 4 });
  });

  it('reads JSON front matter whose strings hold braces and escaped quotes', () => {
    const fm = readFrontMatter('  {"title": "a } \\" {", "n": {"m": [1, {"k": "}"}]}}\n\nBody');
    expect(fm.data).toEqual({ title: 'a } " {', n: { m: [1, { k: '}' }] } });
    expect(fm.body).toBe('\nBody');
    expect(fm.bodyLine).toBe(2);
  });

  it('keeps a `---` line inside the body', () => {
    const fm = readFrontMatter('---\ntitle: x\n---\nabove\n---\nbelow\n');
    expect(fm.body).toBe('above\n---\nbelow\n');
  });
});

describe('readFrontMatter: errors', () => {
  it.each([
    ['unclosed.md', 'front-matter-unclosed', 1],
    ['unclosed-toml.md', 'front-matter-unclosed', 1],
    ['unclosed-json.md', 'front-matter-unclosed', 1],
    ['broken-yaml.md', 'front-matter-syntax', 4],
    ['broken-toml.md', 'front-matter-syntax', 5],
    ['broken-json.md', 'front-matter-syntax', 4],
    ['list-front-matter.md', 'front-matter-not-object', 2],
    ['scalar-front-matter.md', 'front-matter-not-object', 2],
    ['closer-with-text.md', 'front-matter-delimiter', 3],
    ['impossible-date-toml.md', 'front-matter-syntax', 3],
    ['impossible-datetime-toml.md', 'front-matter-syntax', 4],
  ])('%s → %s at line %i', (name, rule, line) => {
    const error = errorOf(fixtureText(name));
    expect(error).toBeInstanceOf(FrontMatterError);
    expect(error.name).toBe('FrontMatterError');
    expect(error.rule).toBe(rule);
    expect(error.line).toBe(line);
    expect(error.message).not.toBe('');
  });

  it('translates error lines to file lines past a BOM, blank lines and CRLF', () => {
    const error = errorOf('\uFEFF\r\n\r\n---\r\ntitle: ok\r\ntags: [a\r\nx: 1\r\n---\r\n');
    expect(error.rule).toBe('front-matter-syntax');
    expect(error.line).toBe(6);
  });

  it('keeps the parser error as the cause', () => {
    expect(errorOf(fixtureText('broken-json.md')).cause).toBeInstanceOf(Error);
    expect(errorOf(fixtureText('broken-yaml.md')).cause).toBeInstanceOf(Error);
  });

  it('names the problem in syntax error messages without quoting the whole block', () => {
    expect(errorOf(fixtureText('broken-json.md')).message).toBe('invalid JSON: expected a value, found "n"');
    expect(errorOf(fixtureText('broken-toml.md')).message).toMatch(/^invalid TOML: /);
    expect(errorOf(fixtureText('impossible-date-toml.md')).message).toBe('invalid TOML: impossible date 2025-02-30');
    expect(errorOf(fixtureText('impossible-datetime-toml.md')).message).toBe('invalid TOML: impossible date 2025-04-31');
  });

  it('keeps the last value of a repeated YAML key, as Hugo does', () => {
    expect(readFrontMatter(fixtureText('duplicate-key.md')).data).toEqual({ title: 'two', date: '2025-02-10' });
  });

  it('reads YAML up to a document end marker and nothing after it, as Hugo 0.111 does', () => {
    // Hugo publishes each of these with the first document's keys (checked with hugo 0.111); js-yaml alone
    // refuses a second document.
    expect(readFrontMatter('---\ntitle: a\n...\ntitle: b\n---\nbody\n').data).toEqual({ title: 'a' });
    expect(readFrontMatter('---\ntitle: c\n... # end\n: : [bad\n---\nbody\n').data).toEqual({ title: 'c' });
    expect(readFrontMatter('---\r\ntitle: d\r\ntags: [x]\r\n...\r\n---\r\nbody\r\n').data).toEqual({ title: 'd', tags: ['x'] });
    // Not a marker: indented, in a value, or more dots.
    expect(readFrontMatter('---\ntitle: e\nnote: |\n  ...\n....: f\n---\n').data).toEqual({ title: 'e', note: '...\n', '....': 'f' });
    // An error before the marker is still told at its line.
    expect(errorOf('---\ntitle: [a\n...\ntitle: b\n---\n')).toMatchObject({ rule: 'front-matter-syntax' });
  });

  it('reports an opener without a line break as unclosed', () => {
    expect(errorOf('---').rule).toBe('front-matter-unclosed');
    expect(errorOf('+++ ').rule).toBe('front-matter-unclosed');
  });

  it('rejects text after the closing brace of JSON front matter', () => {
    expect(errorOf('{"title": "x"} trailing\nBody').rule).toBe('front-matter-delimiter');
    // On the last line of the file too, where no line break ends the closing line.
    expect(errorOf('{"title": "x"} trailing').rule).toBe('front-matter-delimiter');
  });

  it('accepts JSON front matter that ends the file, or whose closing line ends in white space', () => {
    expect(readFrontMatter('{"title": "x"}')).toMatchObject({ data: { title: 'x' }, body: '', bodyLine: 2, bodyStart: 14 });
    expect(readFrontMatter('{"title": "x"} \t\nBody')).toMatchObject({ data: { title: 'x' }, body: 'Body', bodyLine: 2 });
  });

  it('reports a file that is only an opener with its language name as unclosed', () => {
    expect(errorOf('---yaml').rule).toBe('front-matter-unclosed');
    expect(errorOf('+++toml').rule).toBe('front-matter-unclosed');
  });

  it('says in each structural error what is wrong, quoting at most 40 characters of the file', () => {
    expect(errorOf(`---${'z'.repeat(50)}\n---\n`).message).toBe(
      `front matter language "${'z'.repeat(40)}" is not supported: use YAML (---), TOML (+++) or JSON ({…})`,
    );
    const closer = errorOf(`---\ntitle: x\n--- trailing${'y'.repeat(50)}\nBody`);
    expect(closer.message).toBe(`the closing --- line must hold nothing else (found "--- trailing${'y'.repeat(28)}")`);
    expect(closer.line).toBe(3);
    expect(errorOf('{"title": "x"} trailing').message).toBe('the line that closes JSON front matter must hold nothing after the }');
    expect(errorOf('---\n- a\n---\n').message).toBe('front matter must be a map of keys to values, not a list');
    expect(errorOf('---\n1\n---\n').message).toBe('front matter must be a map of keys to values, not a number');
    const deep = errorOf(`\n\n${'{"a":'.repeat(40)}1${'}'.repeat(40)}\n`);
    expect(deep.message).toBe('front matter nests deeper than 32 levels');
    expect(deep.line).toBe(3);
    expect(errorOf(`---\ntitle: ${'x'.repeat(70_000)}\n---\n`).message).toBe('front matter is larger than 64 KiB');
  });

  it('rejects other front matter languages before any engine sees them', () => {
    for (const language of ['json', 'toml', 'YAML', 'constructor', '__proto__', 'toString']) {
      expect(errorOf(`---${language}\n{}\n---\n`).rule).toBe('front-matter-language');
    }
  });
});
