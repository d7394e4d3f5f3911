/**
 * A minimal, deterministic XML writer for the feed serializers: escaping that is always applied
 * (no caller can forget it), a tiny element tree, namespace declarations derived from the prefixes
 * actually used, and a pretty printer with two-space indentation.
 *
 * Elements hold either text or child elements, never both, so indentation never changes the
 * meaning of a document.
 */
import { stripInvalidXmlChars } from './xml-chars.js';
import { joinParts, type Part, SharedText } from './parts.js';

/**
 * How `&`, `<` and `>` are written in character data: `named` (`&amp;`), `hex` (`&#x26;`, `&#x3C;`,
 * `&#x3E;`: plain text) or `markup` (`&#x26;`, `&lt;`, `&gt;`: escaped HTML).
 */
export type TextRefs = 'named' | 'hex' | 'markup';

const NAMED_TEXT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const HEX_TEXT: Readonly<Record<string, string>> = { '&': '&#x26;', '<': '&#x3C;', '>': '&#x3E;', '\r': '&#xD;' };
const MARKUP_TEXT: Readonly<Record<string, string>> = { '&': '&#x26;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
const TEXT_TABLES: Readonly<Record<TextRefs, Readonly<Record<string, string>>>> = { named: NAMED_TEXT, hex: HEX_TEXT, markup: MARKUP_TEXT };
const ATTR: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
};

/**
 * Escapes character data: strips characters XML 1.0 forbids, writes `&`, `<`, `>` as references
 * (so `]]>` can never appear) and CR as `&#xD;` (parsers would otherwise normalize it to LF).
 * `refs: 'hex'` writes `&#x26;`/`&#x3C;`/`&#x3E;`, which the RSS Profile recommends for plain-text
 * RSS elements so readers cannot mistake them for encoded HTML. `refs: 'markup'` writes the `&` of
 * escaped HTML as `&#x26;`: parsers built on fast-xml-parser (@rowanmanning/feed-parser,
 * @extractus/feed-extractor) decode the named references of the XML and then the HTML's own again, so
 * `&amp;lt;` in content read as a live `<` (a code sample about `<details>` became the element);
 * numeric references they leave to that one pass.
 *
 * @example
 * escapeText('a < b & ]]>'); // 'a &lt; b &amp; ]]&gt;'
 * escapeText('<b>', 'hex');  // '&#x3C;b&#x3E;'
 * escapeText('<i>&lt;</i>', 'markup');  // '&lt;i&gt;&#x26;lt;&lt;/i&gt;'
 */
export function escapeText(value: string, refs: TextRefs = 'named'): string {
  // An article's HTML is escaped once for RSS and once more for Atom: remember the last long one.
  if (value.length >= MEMO_MIN_LENGTH && value === lastEscaped.value && refs === lastEscaped.refs) return lastEscaped.result;
  const table = TEXT_TABLES[refs];
  const result = stripInvalidXmlChars(value).replace(/[&<>\r]/g, (c) => table[c] ?? c);
  if (value.length >= MEMO_MIN_LENGTH) lastEscaped = { value, refs, result };
  return result;
}

/** Texts at least this long (article content) are remembered by `escapeText`. */
const MEMO_MIN_LENGTH = 1024;
let lastEscaped: { value: string; refs: TextRefs; result: string } = { value: '', refs: 'named', result: '' };

/**
 * Escapes a double-quoted attribute value: strips forbidden characters and writes `&`, `<`, `>`,
 * `"` and whitespace other than space as references (attribute-value normalization would turn
 * a literal tab or newline into a space).
 *
 * @example
 * escapeAttr('a<b "c"'); // 'a&lt;b &quot;c&quot;'
 */
export function escapeAttr(value: string): string {
  return stripInvalidXmlChars(value).replace(/[&<>"\t\n\r]/g, (c) => ATTR[c] ?? c);
}

/** One node of the tree: an element holding text or elements. */
export interface XmlElement {
  /** Qualified name, e.g. `title`, `atom:link`. */
  readonly name: string;
  /** Attributes in output order; values are raw (escaped on output). */
  readonly attrs: readonly (readonly [name: string, value: string])[];
  readonly children: readonly XmlElement[];
  /** Character data; when set the element is a text element and `children` is empty. */
  readonly text?: string;
  readonly refs?: TextRefs;
  /**
   * Already-serialized lines of this element (see `frozen`), with the namespace prefixes it uses; a
   * shared text, so documents written as bytes copy its one encoding.
   */
  readonly raw?: { readonly shared: SharedText; readonly depth: number; readonly prefixes: readonly string[] };
}

/** Attribute input: insertion order is output order; `undefined` values are left out. */
export type XmlAttrs = Readonly<Record<string, string | undefined>>;

/** A child slot: falsy entries are dropped, so optional elements can be written inline. */
export type XmlChild = XmlElement | undefined | null | false;

function toAttrs(attrs: XmlAttrs | undefined): (readonly [string, string])[] {
  const out: (readonly [string, string])[] = [];
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined) out.push([name, value]);
  }
  return out;
}

/**
 * An element with child elements (or none).
 *
 * @example
 * el('link', { rel: 'self', href: 'https://example.org/atom.xml' });
 */
export function el(name: string, attrs?: XmlAttrs, children: readonly XmlChild[] = []): XmlElement {
  return { name, attrs: toAttrs(attrs), children: children.filter((c): c is XmlElement => Boolean(c)) };
}

/**
 * A text element.
 *
 * @example
 * textEl('title', 'Fish & Chips', { type: 'text' });
 */
export function textEl(name: string, text: string, attrs?: XmlAttrs, refs: TextRefs = 'named'): XmlElement {
  return { name, attrs: toAttrs(attrs), children: [], text, refs };
}

function prefixOf(qname: string): string | undefined {
  const i = qname.indexOf(':');
  return i > 0 ? qname.slice(0, i) : undefined;
}

function collectPrefixes(node: XmlElement, into: Set<string>): void {
  if (node.raw) {
    for (const p of node.raw.prefixes) into.add(p);
    return;
  }
  const p = prefixOf(node.name);
  if (p) into.add(p);
  for (const [name] of node.attrs) {
    const ap = prefixOf(name);
    if (ap && ap !== 'xmlns') into.add(ap);
  }
  for (const child of node.children) collectPrefixes(child, into);
}

/**
 * Returns `root` with `xmlns:prefix` declarations for exactly the prefixes of `known` that the
 * tree uses, appended after root's own attributes in `known`'s order. `xml:` needs none; a used
 * prefix missing from `known` throws.
 *
 * @example
 * declareNamespaces(rss, { atom: 'http://www.w3.org/2005/Atom', dc: 'http://purl.org/dc/elements/1.1/' });
 */
export function declareNamespaces(root: XmlElement, known: Readonly<Record<string, string>>): XmlElement {
  const used = new Set<string>();
  collectPrefixes(root, used);
  const decls: (readonly [string, string])[] = [];
  for (const [prefix, uri] of Object.entries(known)) {
    if (used.has(prefix)) decls.push([`xmlns:${prefix}`, uri]);
  }
  for (const prefix of used) {
    if (prefix !== 'xml' && !(prefix in known)) throw new Error(`undeclared XML namespace prefix "${prefix}"`);
  }
  return { ...root, attrs: [...root.attrs, ...decls] };
}

/** One line of output, or the lines of a frozen element, shared with other documents. */
type Line = string | SharedText;

/**
 * Where a value sits in the output: an element's character data or an attribute's value (escaped, as
 * written), its line and the span in that line.
 */
interface ValueSpan {
  readonly kind: 'text' | 'attr';
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function isNamespaceDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

/**
 * A text element's line as {@link write} leaves it for the gate: its head (up to `>`), its escaped text and
 * its end tag, not joined. Joining would copy an article's whole HTML into the line, and cutting the values
 * out of that line would copy it again (V8 flattens a concatenated string before taking a slice of it).
 */
interface TextLine {
  readonly head: string;
  readonly text: string;
  readonly close: string;
}

/** What {@link write} writes with `spans`: lines, a text element's in its three pieces. */
type WrittenLine = Line | TextLine;

function isTextLine(line: WrittenLine): line is TextLine {
  return typeof line === 'object' && !(line instanceof SharedText);
}

/** A written line as text. */
function lineText(line: WrittenLine): string {
  if (typeof line === 'string') return line;
  return isTextLine(line) ? line.head + line.text + line.close : line.text;
}

/**
 * Writes `node`'s lines to `out`; with `spans`, records where every non-empty text and attribute value went
 * (but namespace declarations'), and leaves text elements' lines in pieces ({@link TextLine}).
 */
function write(node: XmlElement, depth: number, out: Line[]): void;
function write(node: XmlElement, depth: number, out: WrittenLine[], spans: ValueSpan[]): void;
function write(node: XmlElement, depth: number, out: WrittenLine[], spans?: ValueSpan[]): void {
  if (node.raw) {
    if (node.raw.depth !== depth) throw new Error(`frozen <${node.name}> serialized at depth ${node.raw.depth}, used at ${depth}`);
    out.push(node.raw.shared);
    return;
  }
  const indent = '  '.repeat(depth);
  let head = `${indent}<${node.name}`;
  for (const [name, raw] of node.attrs) {
    const value = escapeAttr(raw);
    head += ` ${name}="`;
    // A namespace declaration's value is part of the structure (an empty one undeclares): it stays.
    if (spans !== undefined && value !== '' && !isNamespaceDeclaration(name)) {
      spans.push({ kind: 'attr', line: out.length, start: head.length, end: head.length + value.length, text: value });
    }
    head += `${value}"`;
  }
  if (node.text !== undefined) {
    head += '>';
    const text = escapeText(node.text, node.refs);
    const close = `</${node.name}>`;
    if (spans === undefined) out.push(`${head}${text}${close}`);
    else {
      if (text !== '') spans.push({ kind: 'text', line: out.length, start: head.length, end: head.length + text.length, text });
      out.push({ head, text, close });
    }
  } else if (node.children.length === 0) {
    out.push(`${head}/>`);
  } else {
    out.push(`${head}>`);
    for (const child of node.children) {
      if (spans === undefined) write(child, depth + 1, out as Line[]);
      else write(child, depth + 1, out, spans);
    }
    out.push(`${indent}</${node.name}>`);
  }
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Serializes a document: `<?xml version="1.0" encoding="utf-8"?>`, one element per line,
 * two-space indentation, LF line ends, trailing newline.
 *
 * @example
 * serializeXml(el('feed', { xmlns: 'http://www.w3.org/2005/Atom' }, [textEl('id', 'urn:uuid:…')]));
 */
export function serializeXml(root: XmlElement): string {
  return joinParts(serializeXmlParts(root));
}

/**
 * The same document as {@link serializeXml}, in parts: frozen elements stay the shared texts they are,
 * so a document written as bytes copies their one encoding.
 *
 * @example encodeParts(serializeXmlParts(root)).equals(Buffer.from(serializeXml(root))) // true
 */
export function serializeXmlParts(root: XmlElement): Part[] {
  const lines: Line[] = [XML_DECLARATION];
  write(root, 0, lines);
  const parts: Part[] = [];
  let text = '';
  for (const [i, line] of lines.entries()) {
    const separator = i === 0 ? '' : '\n';
    if (typeof line === 'string') text += separator + line;
    else {
      parts.push(text + separator, line);
      text = '';
    }
  }
  parts.push(`${text}\n`);
  return parts;
}

/**
 * Serializes an element once, for reuse at the same depth in many documents (an item that appears in
 * several feeds): the result writes the same bytes as `node` would, without re-escaping.
 *
 * @example
 * const item = frozen(el('item', {}, [textEl('title', 'A')]), 2);
 */
export function frozen(node: XmlElement, depth: number): XmlElement {
  const out: Line[] = [];
  write(node, depth, out);
  const xml = out.map((line) => (typeof line === 'string' ? line : line.text)).join('\n');
  return { name: node.name, attrs: [], children: [], raw: { shared: new SharedText(xml), depth, prefixes: prefixesOf(node) } };
}

/** The namespace prefixes an element and its descendants use. */
function prefixesOf(node: XmlElement): string[] {
  const prefixes = new Set<string>();
  collectPrefixes(node, prefixes);
  return [...prefixes];
}

/** Character data at least this long is set apart by {@link frozenInParts} (article content, long summaries). */
export const LONG_TEXT = 256;

/** An element serialized as {@link frozen} would, taken apart: see {@link frozenInParts}. */
export interface FrozenInParts {
  /**
   * The element's XML in order: the XML between long texts at even indices, each long text's escaped
   * character data at odd ones. Joined, they are `frozen`'s XML.
   */
  readonly segments: readonly string[];
  /**
   * The element's XML with every value left out: each text element's character data and each attribute's
   * value (`<title></title>`, `href=""`) but namespace declarations'. Items of the same make have the same shape.
   */
  readonly shape: string;
  /** The character data of the text elements, escaped, exactly as the XML holds it: the long ones (the odd segments). */
  readonly texts: readonly string[];
  /** The character data of the other text elements (shorter than {@link LONG_TEXT}), escaped, in order. */
  readonly shortTexts: readonly string[];
  /** The attribute values, escaped, in order. */
  readonly attributeValues: readonly string[];
  /** The namespace prefixes the element uses. */
  readonly prefixes: readonly string[];
}

/**
 * {@link frozen}'s XML in parts, for the output gate and for sharing. The XML is the shape with each value
 * put back in its place, so it is well-formed when the shape is, every text is character data and references
 * only (`characterDataProblems`) and every attribute value is what a quoted value may hold
 * (`attributeValueProblems`): an XML parser then reads the shape, which items of the same make share, and
 * the values are checked by a scan each. A long text (of {@link LONG_TEXT} characters or more) is the very
 * string `escapeText` gave, so an article's RSS item and Atom entry hold the same one, and its segments
 * keep it apart to be encoded once.
 *
 * @example
 * const { shape, texts } = frozenInParts(textEl('content:encoded', html), 2);
 * // shape: '    <content:encoded></content:encoded>', texts: [escapeText(html)]
 */
export function frozenInParts(node: XmlElement, depth: number): FrozenInParts {
  const out: WrittenLine[] = [];
  const spans: ValueSpan[] = [];
  write(node, depth, out, spans);
  const segments: string[] = [];
  const texts: string[] = [];
  const shortTexts: string[] = [];
  const attributeValues: string[] = [];
  for (const span of spans) {
    if (span.kind === 'attr') attributeValues.push(span.text);
    else if (span.text.length < LONG_TEXT) shortTexts.push(span.text);
    else texts.push(span.text);
  }
  // The XML between long texts, and each long text as the very string `escapeText` gave (shared by identity).
  let xml = '';
  for (const [i, line] of out.entries()) {
    if (i > 0) xml += '\n';
    if (isTextLine(line) && line.text.length >= LONG_TEXT) {
      segments.push(xml + line.head, line.text);
      xml = line.close;
    } else xml += lineText(line);
  }
  segments.push(xml);
  return { segments, shape: cutValues(out, spans).join('\n'), texts, shortTexts, attributeValues, prefixes: prefixesOf(node) };
}

/** The written lines with the values at `spans` (in line order) cut out. */
function cutValues(out: readonly WrittenLine[], spans: readonly ValueSpan[]): string[] {
  const shape: string[] = [];
  let next = 0;
  for (let i = 0; i < out.length; i++) {
    const written = out[i] as WrittenLine;
    // A text element's text is its last value: what follows it is the end tag.
    const line = isTextLine(written) ? written.head : written instanceof SharedText ? written.text : written;
    let shaped = '';
    let from = 0;
    for (let span = spans[next]; span?.line === i; span = spans[++next]) {
      if (span.kind === 'text') break;
      shaped += line.slice(from, span.start);
      from = span.end;
    }
    if (spans[next]?.line === i) next++;
    shape.push(shaped + line.slice(from) + (isTextLine(written) ? written.close : ''));
  }
  return shape;
}

/** A whole document taken apart as {@link frozenInParts} takes an element: its shape and its values. */
export interface DocumentInParts {
  /** The document (XML declaration included) with every text element's character data and attribute value left out (but namespace declarations'). */
  readonly shape: string;
  /** The character data of its text elements, escaped, in order. */
  readonly texts: readonly string[];
  /** Its attribute values, escaped, in order. */
  readonly attributeValues: readonly string[];
}

/**
 * The document {@link serializeXml} writes for `root`, taken apart for the output gate: put back in
 * order, the values give that document byte for byte.
 *
 * @example documentInParts(el('feed', { xmlns: ATOM_NS }, [textEl('id', 'urn:x')])).shape
 * // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <id></id>\n</feed>'
 */
export function documentInParts(root: XmlElement): DocumentInParts {
  const out: WrittenLine[] = [];
  const spans: ValueSpan[] = [];
  write(root, 0, out, spans);
  const shape = cutValues(out, spans);
  const texts = spans.filter((span) => span.kind === 'text').map((span) => span.text);
  const attributeValues = spans.filter((span) => span.kind === 'attr').map((span) => span.text);
  return { shape: `${[XML_DECLARATION, ...shape].join('\n')}\n`, texts, attributeValues };
}

/** A per-run cache of frozen elements, keyed by what determines their bytes. */
export type XmlFragmentCache = Map<string, XmlElement>;

/**
 * An element already serialized elsewhere (another thread) by `frozen`: `xml` and `prefixes` are
 * what `frozen` produced for it at `depth`.
 *
 * @example const item = thawed('item', lines, 2, ['content']);
 */
export function thawed(name: string, xml: string | Uint8Array | readonly Uint8Array[], depth: number, prefixes: readonly string[]): XmlElement {
  return { name, attrs: [], children: [], raw: { shared: new SharedText(xml), depth, prefixes } };
}

/** The cached frozen element for `key`, built and frozen on first use; no cache, no freezing. */
export function memoFragment(cache: XmlFragmentCache | undefined, key: string, depth: number, build: () => XmlElement): XmlElement {
  if (!cache) return build();
  let node = cache.get(key);
  if (!node) {
    node = frozen(build(), depth);
    cache.set(key, node);
  }
  return node;
}
