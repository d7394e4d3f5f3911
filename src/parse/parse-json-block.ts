/**
 * JSON front matter → data with JSON.parse; on failure, a small validator finds where the text
 * stops being JSON, because V8's messages do not always give a position (and quote the input), and
 * names the usual mistakes (a comma after the last field, a comment) with what to do.
 */
import { BlockError } from './block-error.js';

/**
 * Parses one JSON document, throwing {@link BlockError} (`front-matter-syntax`) with the offset of
 * the first error.
 *
 * @example
 * parseJsonBlock('{"title": "Hi"}'); // { title: 'Hi' }
 */
export function parseJsonBlock(src: string): unknown {
  try {
    return JSON.parse(src) as unknown;
  } catch (error) {
    const found = locateJsonError(src);
    throw new BlockError('front-matter-syntax', `invalid JSON: ${found.message}`, { offset: found.offset }, { cause: error });
  }
}

interface Located {
  readonly offset: number;
  readonly message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Offset and description of the first error in a text that JSON.parse rejected. Recursion depth
 * is bounded by the caller (findJsonEnd rejects deep nesting before JSON.parse runs).
 */
function locateJsonError(src: string): Located {
  let i = 0;
  const ws = (): void => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\t' || src[i] === '\n' || src[i] === '\r')) i++;
  };
  const fail = (what: string): never => {
    const c = src[i];
    if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) {
      throw new Stop(i, `found ${JSON.stringify(src.slice(i, i + 2))}, but JSON front matter cannot hold comments; remove the comment`);
    }
    throw new Stop(i, c === undefined ? `${what}, found the end` : `${what}, found ${JSON.stringify(c)}`);
  };
  /** A comma at `comma` followed by the closing `close`: one too many, reported on the comma's line. */
  const trailing = (comma: number, close: '}' | ']'): never => {
    throw new Stop(comma, `trailing comma before "${close}"; remove the comma after the last ${close === '}' ? 'field' : 'item'}`);
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = src[i];
      if (c === undefined) fail('unterminated string');
      else if (c === '"') {
        i++;
        return;
      } else if (c === '\\') {
        const e = src[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail('bad escape in string');
        }
      } else if (c < ' ') fail('control character in string');
      else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      ws();
      if (src[i] === '}') {
        i++;
        return;
      }
      let comma = -1;
      for (;;) {
        ws();
        if (src[i] === '}' && comma !== -1) trailing(comma, '}');
        if (src[i] !== '"') fail('expected a quoted property name');
        string();
        ws();
        if (src[i] !== ':') fail("expected ':'");
        i++;
        value();
        ws();
        if (src[i] === ',') comma = i++;
        else if (src[i] === '}') {
          i++;
          return;
        } else fail("expected ',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (src[i] === ']') {
        i++;
        return;
      }
      let comma = -1;
      for (;;) {
        ws();
        if (src[i] === ']' && comma !== -1) trailing(comma, ']');
        value();
        ws();
        if (src[i] === ',') comma = i++;
        else if (src[i] === ']') {
          i++;
          return;
        } else fail("expected ',' or ']'");
      }
    } else if (c === '"') string();
    else if (src.startsWith('true', i)) i += 4;
    else if (src.startsWith('false', i)) i += 5;
    else if (src.startsWith('null', i)) i += 4;
    else {
      const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
      m.lastIndex = i;
      if (m.exec(src) === null) fail('expected a value');
      i = m.lastIndex;
    }
  };
  try {
    value();
    ws();
    if (i < src.length) fail('unexpected text after the JSON object');
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
  return { offset: 0, message: 'not valid JSON' };
}
