import { parse as parseToml } from 'smol-toml';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { ConfigError } from '../errors.js';
import { configSyntax } from './config-keys.js';
import { configTooLarge, MAX_CONFIG_BYTES } from './config-size.js';

/**
 * Parses a config file's text as data only (TOML, YAML or JSON by extension, in any case). Keys that could touch
 * prototypes are dropped.
 *
 * @example parseConfigText('hugo.toml', 'baseURL = "https://example.com/"') // → { baseURL: '...' }
 */
export function parseConfigText(file: string, text: string): Record<string, unknown> {
  if (text.length > MAX_CONFIG_BYTES) throw configTooLarge(file);
  let data: unknown;
  try {
    const syntax = configSyntax(file);
    if (syntax === 'toml') data = parseToml(text);
    else if (syntax === 'json') data = JSON.parse(text);
    else data = loadYaml(text, { schema: CORE_SCHEMA });
  } catch (error) {
    throw new ConfigError('(syntax)', syntaxMessage(error, text), file, { cause: error });
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new ConfigError('(root)', 'the config must be a table/object', file);
  const budget = { values: MAX_CONFIG_VALUES };
  return toPlain(data, file, budget) as Record<string, unknown>;
}

/**
 * Values a config may hold once YAML aliases are expanded. A real one holds hundreds; a 1 KiB YAML
 * alias bomb (ten levels of ten references each) stands for ten billion, which copying would never finish.
 */
const MAX_CONFIG_VALUES = 100_000;

/** Deep copy into null-prototype-free plain objects, dropping dangerous keys; dates become ISO strings. */
function toPlain(value: unknown, file: string, budget: { values: number }, depth = 0): unknown {
  if (depth > 32) throw new ConfigError('(root)', 'config nested deeper than 32 levels', file);
  if (--budget.values < 0) throw new ConfigError('(root)', `config holds more than ${MAX_CONFIG_VALUES} values once YAML aliases are expanded`, file);
  if (Array.isArray(value)) return value.map((v) => toPlain(v, file, budget, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      out[k] = toPlain(v, file, budget, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * A parser's error in one line ending with `(line:column)`, as js-yaml writes its own: smol-toml keeps
 * the position in fields (its message adds the quoted lines), and V8's JSON errors give an offset
 * (`at position 14`, Node 20) or `(line 2 column 7)` (Node 22), or none for an end that comes too soon (the
 * end of the text is), and quote the text, which is left out.
 */
function syntaxMessage(error: unknown, text: string): string {
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const { line, column } = error as { line?: unknown; column?: unknown };
  if (typeof line === 'number' && typeof column === 'number') {
    return `${message.replace(/^Invalid TOML document: /, '') || 'syntax error'} (${line}:${column})`;
  }
  if (!(error instanceof SyntaxError)) return message || 'syntax error';
  // JSON: V8 quotes the source text after the reason ('Unexpected token 'o', "{"a": oops}" is not valid JSON'),
  // newlines and all; that form gives no position.
  const quoted = /^(.*?), ".*" is not valid JSON$/s.exec(error.message);
  if (quoted) return quoted[1] ?? 'syntax error';
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
  const lineColumn = / \(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn) return `${reason} (${lineColumn[1]}:${lineColumn[2]})`;
  // The end of the input has no position in V8's words: it is where the text ends.
  const offset = / at position (\d+)/.exec(message)?.[1] ?? (message.startsWith('Unexpected end of JSON input') ? String(text.length) : undefined);
  if (offset === undefined) return reason || 'syntax error';
  const before = text.slice(0, Number(offset));
  const lines = before.split('\n');
  return `${reason} (${lines.length}:${(lines.at(-1)?.length ?? 0) + 1})`;
}
