import { describe, expect, it, vi } from 'vitest';
import { parseConfigText } from '../../../src/config/config-files.js';
import { ConfigError } from '../../../src/errors.js';
import { expectThrown } from '../../support/thrown.js';

/** The ConfigError `run` throws. */
function configError(run: () => unknown): ConfigError {
  return expectThrown(ConfigError, run);
}

/** A YAML alias bomb: `levels` levels, each a list of ten references to the one below. */
function aliasBomb(levels: number): string {
  const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
  return `baseURL: https://example.com/\n${lines.join('\n')}\n`;
}

describe('parseConfigText', () => {
  it('reads TOML, YAML and JSON as the same data, dates as ISO strings', () => {
    const toml = parseConfigText('hugo.toml', 'baseURL = "https://e/"\n[params]\nsince = 2020-05-01T08:00:00Z\ntags = ["a", "b"]\n');
    const yaml = parseConfigText('hugo.yaml', 'baseURL: https://e/\nparams:\n  since: "2020-05-01T08:00:00.000Z"\n  tags: [a, b]\n');
    const json = parseConfigText('hugo.json', '{"baseURL": "https://e/", "params": {"since": "2020-05-01T08:00:00.000Z", "tags": ["a", "b"]}}');
    expect(toml).toEqual({ baseURL: 'https://e/', params: { since: '2020-05-01T08:00:00.000Z', tags: ['a', 'b'] } });
    expect(yaml).toEqual(toml);
    expect(json).toEqual(toml);
  });

  it('reads an empty file as no settings, and refuses a root that is not a table', () => {
    expect(parseConfigText('hugo.yaml', '')).toEqual({});
    expect(parseConfigText('hugo.yaml', '# only a comment\n')).toEqual({});
    expect(configError(() => parseConfigText('hugo.yaml', '- a\n- b\n')).message).toBe('hugo.yaml: (root): the config must be a table/object');
    expect(configError(() => parseConfigText('hugo.json', '"text"')).key).toBe('(root)');
  });

  // The timeout is a guard against a hang (expanding the bomb), not a speed test.
  it('refuses a YAML alias bomb at once, naming the file', { timeout: 5_000 }, () => {
    // Ten levels of ten would be ten billion values; the copy stops at the budget instead of hanging.
    const error = configError(() => parseConfigText('hugo.yaml', aliasBomb(10)));
    expect(error.message).toMatch(/^hugo\.yaml: \(root\): config holds more than 100000 values once YAML aliases are expanded$/);
    // A few shared references, as a real config might use, are fine.
    expect(Object.keys(parseConfigText('hugo.yaml', aliasBomb(2)))).toEqual(['baseURL', 'l0', 'l1', 'l2']);
  });

  it('refuses nesting deeper than 32 levels, naming the file', () => {
    const deep = `${'['.repeat(40)}1${']'.repeat(40)}`;
    expect(configError(() => parseConfigText('hugo.json', `{"a": ${deep}}`)).message).toBe('hugo.json: (root): config nested deeper than 32 levels');
  });

  it('refuses a file over 1 MiB and names syntax errors with the file', () => {
    expect(configError(() => parseConfigText('hugo.toml', `# ${'x'.repeat(1024 * 1024)}\n`)).message).toMatch(/^hugo\.toml: .*larger than 1 MiB/);
    expect(configError(() => parseConfigText('config.yaml', 'a: [1, 2\n')).message).toMatch(/^config\.yaml: \(syntax\): /);
    expect(configError(() => parseConfigText('feedpub.json', '{"a": }')).message).toMatch(/^feedpub\.json: \(syntax\): /);
    // The parser's own error is kept as the cause, for logs.
    expect(configError(() => parseConfigText('feedpub.json', '{"a": }')).cause).toBeInstanceOf(SyntaxError);
    expect(configError(() => parseConfigText('hugo.toml', 'title = oops\n')).cause).toBeInstanceOf(Error);
  });

  it('gives the line and column of a syntax error in TOML and JSON, as in YAML', () => {
    expect(configError(() => parseConfigText('hugo.toml', 'baseURL = "https://e/"\ntitle = oops\n')).message).toBe('hugo.toml: (syntax): invalid value (2:9)');
    expect(configError(() => parseConfigText('hugo.yaml', 'a: 1\nb: [\n')).message).toMatch(/^hugo\.yaml: \(syntax\): .* \(3:1\)$/);
    expect(configError(() => parseConfigText('hugo.json', '{"a": 1,\n "b": 2,}')).message).toMatch(/^hugo\.json: \(syntax\): .* \(2:9\)$/);
    // One line, without the quoted source V8 adds to some JSON errors.
    expect(configError(() => parseConfigText('hugo.json', '{"a": 1,\n "b": oops}')).message).toBe("hugo.json: (syntax): Unexpected token 'o'");
  });

  it('gives a JSON text that ends too soon the line and column of its end', () => {
    expect(configError(() => parseConfigText('hugo.json', '{"a": 1,\n "b": ')).message).toBe('hugo.json: (syntax): Unexpected end of JSON input (2:7)');
    expect(configError(() => parseConfigText('hugo.json', '')).message).toBe('hugo.json: (syntax): Unexpected end of JSON input (1:1)');
  });

  it('reads the line and column from a JSON error as Node 22 words it, and keeps a JSON error with no position as V8 words it', () => {
    // Node 20 gives only the offset; these are the messages of later V8s (and of one with no position at all).
    const parse = vi.spyOn(JSON, 'parse');
    try {
      parse.mockImplementationOnce(() => {
        throw new SyntaxError('Expected double-quoted property name in JSON at position 17 (line 2 column 9)');
      });
      expect(configError(() => parseConfigText('hugo.json', '{"a": 1,\n "b": 2,}')).message).toBe(
        'hugo.json: (syntax): Expected double-quoted property name (2:9)',
      );
      parse.mockImplementationOnce(() => {
        throw new SyntaxError('Unexpected token in JSON');
      });
      expect(configError(() => parseConfigText('hugo.json', '{"a": }')).message).toBe('hugo.json: (syntax): Unexpected token in JSON');
    } finally {
      parse.mockRestore();
    }
  });

  it('drops keys that could reach prototypes, in every format', () => {
    const texts = {
      'hugo.toml': '"__proto__" = { polluted = 1 }\n[a.constructor.prototype]\np = 1\n[b]\nok = 1\n',
      'hugo.yaml': '__proto__: { polluted: 1 }\na: { constructor: { prototype: { p: 1 } } }\nb: { ok: 1 }\n',
      'hugo.json': '{"__proto__": {"polluted": 1}, "a": {"constructor": {"prototype": {"p": 1}}}, "b": {"ok": 1}}',
    };
    for (const [file, text] of Object.entries(texts)) {
      expect(parseConfigText(file, text), file).toEqual({ a: {}, b: { ok: 1 } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});
