/**
 * An article's body cut from its source at the offset front matter parsing found. Light on purpose (no
 * parser behind it): the rebuild cuts bodies of articles parsed before without loading the front
 * matter parsers.
 */
import { decodeSource } from './decode-source.js';

/**
 * The body of a file whose front matter was read before (`bodyStart` from `readFrontMatter`), for text
 * decoded as it was then: the front matter is not parsed again.
 *
 * @example bodyAt('---\ntitle: Hi\n---\nBody\n', readFrontMatter('---\ntitle: Hi\n---\nBody\n').bodyStart) // 'Body\n'
 */
export function bodyAt(text: string, bodyStart: number): string {
  return normalise(text).slice(bodyStart);
}

/**
 * The body of an article parsed before from these very bytes (the caller checks their hash), at the
 * `bodyStart` that parse gave: decoded as parse decodes, the front matter not parsed again.
 *
 * @example bodyFromSource(bytes, article.bodyStart) === article.body // for the bytes it was parsed from
 */
export function bodyFromSource(bytes: Uint8Array, bodyStart: number): string | undefined {
  const decoded = decodeSource(bytes);
  return decoded.ok ? bodyAt(decoded.text, bodyStart) : undefined;
}

/** Text without one leading BOM and with LF line breaks, as front matter offsets count it. */
export function normalise(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}
