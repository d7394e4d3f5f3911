import { describe, expect, it } from 'vitest';
import { readFrontMatter } from '../../../src/parse/front-matter.js';
import { yamlHint } from '../../../src/parse/yaml-hint.js';
import { frontMatterErrorOf } from './fixture.js';

const errorOf = frontMatterErrorOf;

const article = (lines: string): string => `---\n${lines}\n---\nBody\n`;

describe('YAML front matter: what to write instead of an unquoted value YAML cannot read', () => {
  it.each([
    [
      'a colon and a space in a title',
      'title: Breaking: war ends\ndate: 2025-01-06',
      2,
      'invalid YAML at column 16: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: title: "Breaking: war ends"',
    ],
    [
      'a colon and a space in a summary further down',
      'title: Ok\ndate: 2025-01-06\nsummary: Note: this is it',
      4,
      'invalid YAML at column 14: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: summary: "Note: this is it"',
    ],
    [
      'a colon at the end of a value',
      'title: Breaking:\ndate: 2025-01-06',
      2,
      'invalid YAML at column 16: bad indentation of a mapping entry (a ":" at the end of a value starts a new key); put the value in double quotes: title: "Breaking:"',
    ],
    [
      'a nested key',
      'author:\n  name: Bob: the builder',
      3,
      'invalid YAML at column 12: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: name: "Bob: the builder"',
    ],
    [
      'a value starting with [',
      'title: [Update] New release',
      2,
      'invalid YAML at column 17: bad indentation of a mapping entry (a value starting with [ is a list); put the value in double quotes: title: "[Update] New release"',
    ],
    [
      'a value starting with {',
      'title: {braces} here',
      2,
      'invalid YAML at column 17: bad indentation of a mapping entry (a value starting with { is a map); put the value in double quotes: title: "{braces} here"',
    ],
    [
      'a list item starting with [',
      'tags:\n  - [Update] x',
      3,
      'invalid YAML at column 14: bad indentation of a sequence entry (a value starting with [ is a list); put the value in double quotes: - "[Update] x"',
    ],
    [
      'a value starting with @',
      'title: @user said hi',
      2,
      'invalid YAML at column 8: bad indentation of a mapping entry (a value cannot start with @); put the value in double quotes: title: "@user said hi"',
    ],
    [
      'a value starting with a backtick',
      'title: `code` here',
      2,
      'invalid YAML at column 8: bad indentation of a mapping entry (a value cannot start with `); put the value in double quotes: title: "`code` here"',
    ],
    [
      'a value starting with %',
      'title: %done',
      2,
      'invalid YAML at column 8: bad indentation of a mapping entry (a value cannot start with %); put the value in double quotes: title: "%done"',
    ],
    [
      'a value starting with *',
      'title: *Important* news',
      2,
      'invalid YAML at column 19: unidentified alias "Important*" (a value starting with * names an alias); put the value in double quotes: title: "*Important* news"',
    ],
    [
      'a value starting with &',
      'title: & x',
      2,
      'invalid YAML at column 9: name of an anchor node must contain at least one character (a value starting with & names an anchor); put the value in double quotes: title: "& x"',
    ],
    [
      'a value starting with !',
      'title: !important thing',
      2,
      'invalid YAML at column 24: unknown tag !<!important> (a value starting with ! names a tag); put the value in double quotes: title: "!important thing"',
    ],
    [
      'a value starting with |',
      'title: | pipes',
      2,
      'invalid YAML at column 10: a line break is expected (a value starting with | is a block of text on the lines below); put the value in double quotes: title: "| pipes"',
    ],
    [
      'a value starting with >',
      'title: > quote',
      2,
      'invalid YAML at column 10: a line break is expected (a value starting with > is a block of text on the lines below); put the value in double quotes: title: "> quote"',
    ],
    [
      'a single-quoted value with an apostrophe inside',
      "title: 'It's here'",
      2,
      'invalid YAML at column 12: bad indentation of a mapping entry (the quotes end before the value does); put the value in double quotes: title: "It\'s here"',
    ],
    [
      'a double-quoted value with double quotes inside',
      'title: "He said "hi" today"',
      2,
      'invalid YAML at column 18: bad indentation of a mapping entry (the quotes end before the value does); put the value in double quotes: title: "He said \\"hi\\" today"',
    ],
    [
      'a quoted start followed by more text',
      'title: "Breaking" news',
      2,
      'invalid YAML at column 19: bad indentation of a mapping entry (the quotes end before the value does); put the value in double quotes: title: "\\"Breaking\\" news"',
    ],
    [
      'a backslash in double quotes',
      'title: "C:\\path\\file"',
      2,
      "invalid YAML at column 12: unknown escape sequence (in double quotes a backslash starts an escape); use single quotes: title: 'C:\\path\\file'",
    ],
  ])('%s', (_name, lines, line, message) => {
    const error = errorOf(article(lines));
    expect(error.rule).toBe('front-matter-syntax');
    expect(error.line).toBe(line);
    expect(error.message).toBe(message);
  });

  it('points at the line that opens a quote never closed, not at the end of the block', () => {
    const double = errorOf(article('title: "Unclosed\ndate: 2025-01-06\ntags: [a]'));
    expect(double.line).toBe(2);
    expect(double.message).toBe(
      'invalid YAML at column 8: unexpected end of the stream within a double quoted scalar (the quote that opens the value never closes); close the quote: title: "Unclosed"',
    );
    const single = errorOf(article("title: Ok\ndate: '2025-01-06\ntags: [a]"));
    expect(single.line).toBe(3);
    expect(single.message).toBe(
      "invalid YAML at column 7: unexpected end of the stream within a single quoted scalar (the quote that opens the value never closes); close the quote: date: '2025-01-06'",
    );
  });

  it('asks for spaces where a tab indents', () => {
    const error = errorOf(article('title: Tabbed\ndate: 2025-01-06\ntags:\n\t- a\n\t- b'));
    expect(error.line).toBe(5);
    expect(error.message).toBe('invalid YAML at column 1: tab characters must not be used in indentation; indent with spaces');
  });

  it('keeps the line and the reason of other errors, with the column, and suggests nothing it cannot know', () => {
    // A list not closed on its line may go on below: no quotes suggested.
    const list = errorOf(article('tags: [a, b\ndate: 2025-01-06'));
    expect(list.line).toBe(3);
    expect(list.message).toBe('invalid YAML at column 1: missed comma between flow collection entries');
    // A block scalar on the line before the failing one is no mistake.
    const block = errorOf(article('title: Ok\nsummary: |\n  text\n more: x'));
    expect(block.line).toBe(5);
    expect(block.message).toBe('invalid YAML at column 2: bad indentation of a mapping entry');
    // The end of the block has no column worth naming.
    expect(errorOf(article('title: Ok\ntags: [a')).message).toBe('invalid YAML: unexpected end of the stream within a flow collection');
  });

  it('finds the value after a quoted key, after more than one space past a list dash, and not after a # that starts a comment', () => {
    // A quoted key, in either quotes, with spaces before its colon or a tab after it.
    expect(errorOf(article('"title": Breaking: war ends')).message).toBe(
      'invalid YAML at column 18: bad indentation of a mapping entry (": " inside a value starts a new key); put the value in double quotes: "title": "Breaking: war ends"',
    );
    expect(errorOf(article("'title' : Breaking: war ends")).message).toMatch(/put the value in double quotes: 'title' : "Breaking: war ends"$/);
    expect(errorOf(article('"title":\tBreaking: war ends')).message).toMatch(/put the value in double quotes: "title": "Breaking: war ends"$/);
    // A list item whose dash is followed by several spaces.
    const item = errorOf(article('tags:\n  -   @home'));
    expect(item.line).toBe(3);
    expect(item.message).toBe(
      'invalid YAML at column 7: bad indentation of a sequence entry (a value cannot start with @); put the value in double quotes: - "@home"',
    );
    // `note #1: see: below` is the key `note` and a comment: no value to quote.
    const comment = errorOf(article('title: Ok\nnote #1: see: below'));
    expect(comment.line).toBe(3);
    expect(comment.message).toBe('invalid YAML at column 6: can not read an implicit mapping pair; a colon is missed');
  });

  it('suggests nothing for a merge key’s alias, nor for a single-quoted value before whose doubled quote is an apostrophe', () => {
    // `<<: *name` names an alias on purpose: the alias is what is wrong, not the missing quotes.
    const merge = errorOf(article('defaults: &d\n  draft: true\n<<: *missing'));
    expect(merge.line).toBe(4);
    expect(merge.message).toBe('invalid YAML at column 13: unidentified alias "missing"');
    // 'It''s here' closes at its last quote: the line before the failing one is right as written.
    const doubled = errorOf(article("title: 'It''s here'\nfoo"));
    expect(doubled.line).toBe(3);
    expect(doubled.message).toBe('invalid YAML at column 4: can not read a block mapping entry; a multiline key may not be an implicit key');
  });

  it('shortens a long value in the suggestion and stays one line', () => {
    const error = errorOf(article(`title: Breaking: ${'x'.repeat(500)}`));
    expect(error.message).toMatch(/put the value in double quotes: title: "Breaking: x{49}…"$/);
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).not.toContain('\n');
    const longKey = errorOf(article(`${'k'.repeat(5000)}: Breaking: ${'x'.repeat(500)}`));
    expect(longKey.message).toMatch(/put the value in double quotes: k{59}… "Breaking: x{49}…"$/);
  });

  it('accepts what it always accepted', () => {
    expect(readFrontMatter(article("title: \"Breaking: war ends\"\nsummary: 'It''s here'")).data).toEqual({
      title: 'Breaking: war ends',
      summary: "It's here",
    });
    expect(readFrontMatter(article('title: Issue #3: done')).data).toEqual({ title: 'Issue' });
    expect(readFrontMatter(article('title: &a x y\nother: *a')).data).toEqual({ title: 'x y', other: 'x y' });
  });

  // A guard against a super-linear blow-up (these take tens of ms), not a speed test: speed is the benchmark's.
  it('finds the hint in time linear in the block, for hostile blocks', { timeout: 2_000 }, () => {
    const lines = Array.from({ length: 4000 }, () => 'k: a [b] c: d').join('\n');
    const unclosed = errorOf(article(`title: "open\n${lines}`));
    const colons = errorOf(article(`title: ${'a: '.repeat(20_000)}`));
    expect(unclosed.line).toBe(2);
    expect(unclosed.message).toMatch(/close the quote: title: "open"$/);
    expect(colons.message).toMatch(/^invalid YAML at column \d+: bad indentation of a mapping entry \(": " inside a value starts a new key\)/);
  });
});

describe('yamlHint', () => {
  it('looks at the line of the key before when js-yaml stops at the start of the next line', () => {
    const src = '\ntitle: Breaking: war ends\ndate: 2025-01-06';
    const hint = yamlHint(src, 'bad indentation of a mapping entry', src.indexOf('date'));
    expect(hint).toEqual({
      offset: src.indexOf('Breaking'),
      column: 8,
      advice: ' (": " inside a value starts a new key); put the value in double quotes: title: "Breaking: war ends"',
    });
  });

  it('suggests nothing for a line before that may be right (an anchor, an alias, a tag, a block of text)', () => {
    for (const line of ['base: &b x', 'tags: *b', 'n: !!str 1', 'summary: |']) {
      const src = `\n${line}\nnext: y`;
      expect(yamlHint(src, 'some error', src.indexOf('next')).advice).toBe('');
    }
  });
});
