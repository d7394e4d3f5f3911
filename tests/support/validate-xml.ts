/**
 * XML test tooling shared by the feed validators.
 *
 * - `assertWellFormed(xml)`: throws on any XML 1.0 well-formedness error or Namespaces-in-XML
 *   error (undeclared prefix, …) with line:column, and on namespace declarations nothing uses.
 * - `parseXml(xml)`: a small namespace-aware tree (with line/column and the raw source of each
 *   element's content) for rule checkers.
 * - `FeedMessage` and helpers: the message shape every `check*`/`validate*` function returns.
 *
 * Built on `saxes` (a strict, conformance-tested XML parser) with `xmlns: true`.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** One finding of a feed checker. `rule` names the W3C Feed Validation Service message where one exists. */
export interface FeedMessage {
  readonly severity: 'error' | 'warning';
  /** Stable code, e.g. `InvalidRFC2822Date`, `MissingAtomSelfLink`. */
  readonly rule: string;
  /** Where: an element path like `/rss/channel/item[2]/guid`, or a JSON path like `items[0].id`. */
  readonly path: string;
  readonly message: string;
}

/** Only the errors of a message list. */
export function errorsOf(messages: readonly FeedMessage[]): FeedMessage[] {
  return messages.filter((m) => m.severity === 'error');
}

/** One line per message, for assertion output. */
export function formatMessages(messages: readonly FeedMessage[]): string {
  return messages.map((m) => `${m.severity} ${m.rule} at ${m.path}: ${m.message}`).join('\n');
}

/** An attribute of a parsed element. */
export interface XmlAttribute {
  /** Qualified name as written (`xml:lang`, `isPermaLink`). */
  readonly name: string;
  readonly local: string;
  readonly prefix: string;
  /** Namespace URI ('' for unprefixed attributes). */
  readonly uri: string;
  readonly value: string;
}

/** An element of a parsed document. */
export interface XmlNode {
  /** Qualified name as written. */
  readonly name: string;
  readonly local: string;
  readonly prefix: string;
  /** Namespace URI ('' when none). */
  readonly uri: string;
  readonly attributes: readonly XmlAttribute[];
  readonly children: XmlNode[];
  /** Concatenated character data (text and CDATA) directly inside this element. */
  text: string;
  /** Raw source between the start tag and the end tag ('' for `<x/>`). */
  raw: string;
  /** 1-based line and 0-based column just after the start tag. */
  readonly line: number;
  readonly column: number;
  /** `/rss/channel/item[2]/title` — 1-based positions among same-named siblings. */
  readonly path: string;
}

/** Thrown by `parseXml`/`assertWellFormed`; the message starts with `line:column:`. */
export class XmlCheckError extends Error {
  override readonly name = 'XmlCheckError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** The namespace-prefix facts of a document, for the unused-declaration check. */
interface Declaration {
  readonly prefix: string;
  readonly uri: string;
  readonly line: number;
  readonly column: number;
  used: boolean;
}

interface ParseResult {
  readonly root: XmlNode;
  readonly unused: readonly Declaration[];
}

function parse(xml: string, fileName?: string): ParseResult {
  const parser = new SaxesParser({ xmlns: true, position: true, ...(fileName ? { fileName } : {}) });
  const stack: { node: XmlNode; start: number; decls: Declaration[] }[] = [];
  const unused: Declaration[] = [];
  let root: XmlNode | undefined;
  let firstError: XmlCheckError | undefined;

  parser.on('error', (err) => {
    firstError ??= new XmlCheckError(err.message, parser.line, parser.column);
  });
  const markUsed = (prefix: string): void => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const decl = stack[i]?.decls.find((d) => d.prefix === prefix);
      if (decl) {
        decl.used = true;
        return;
      }
    }
  };
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1]?.node;
    const sameName = parent ? parent.children.filter((c) => c.name === tag.name).length + 1 : 1;
    const path = `${parent ? parent.path : ''}/${tag.name}${parent && sameName > 1 ? `[${sameName}]` : ''}`;
    const attributes = Object.values(tag.attributes).map((a) => ({
      name: a.name,
      local: a.local,
      prefix: a.prefix,
      uri: a.uri,
      value: a.value,
    }));
    const node: XmlNode = {
      name: tag.name,
      local: tag.local,
      prefix: tag.prefix,
      uri: tag.uri,
      attributes,
      children: [],
      text: '',
      raw: '',
      line: parser.line,
      column: parser.column,
      path,
    };
    if (parent) parent.children.push(node);
    else root = node;
    const decls = Object.entries(tag.ns).map(([prefix, uri]) => ({
      prefix,
      uri,
      line: parser.line,
      column: parser.column,
      used: false,
    }));
    stack.push({ node, start: parser.position, decls });
    markUsed(tag.prefix);
    for (const a of attributes) {
      if (a.prefix !== '' && a.prefix !== 'xmlns' && a.prefix !== 'xml') markUsed(a.prefix);
    }
  });
  parser.on('closetag', (tag: SaxesTagNS) => {
    const frame = stack.pop();
    if (!frame) return;
    if (!tag.isSelfClosing) {
      const end = parser.position - `</${tag.name}>`.length;
      frame.node.raw = xml.slice(frame.start, Math.max(frame.start, end));
    }
    for (const decl of frame.decls) if (!decl.used) unused.push(decl);
  });
  const addText = (text: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.node.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  parser.write(xml).close();
  if (firstError) throw firstError;
  if (!root) throw new XmlCheckError('1:0: no root element', 1, 0);
  return { root, unused };
}

/**
 * Parses a document into a tree. Throws `XmlCheckError` (`line:column: message`) on the first
 * well-formedness or namespace error — forbidden characters, `]]>` in text, undefined entities
 * such as `&nbsp;`, unescaped `<` in attributes, undeclared prefixes.
 *
 * @example
 * const root = parseXml('<a xmlns="urn:x"><b>1</b></a>');
 * root.children[0]?.text; // '1'
 */
export function parseXml(xml: string, fileName?: string): XmlNode {
  return parse(xml, fileName).root;
}

/**
 * Namespace declarations that no element or attribute in their scope uses, as
 * `line:column: xmlns:prefix="uri"` strings (`xmlns` for a default declaration).
 */
export function findUnusedNamespaces(xml: string): string[] {
  return parse(xml).unused.map((d) => `${d.line}:${d.column}: ${d.prefix === '' ? 'xmlns' : `xmlns:${d.prefix}`}="${d.uri}" is never used`);
}

/**
 * Throws unless `xml` is a well-formed, namespace-well-formed XML 1.0 document without unused
 * namespace declarations.
 *
 * @example
 * assertWellFormed(renderRss(input)); // throws XmlCheckError('12:40: unbound namespace prefix: "dc".')
 */
export function assertWellFormed(xml: string, fileName?: string): void {
  const { unused } = parse(xml, fileName);
  const [first] = unused;
  if (first) {
    const list = unused.map((d) => (d.prefix === '' ? 'xmlns' : `xmlns:${d.prefix}`)).join(', ');
    throw new XmlCheckError(`${first.line}:${first.column}: unused namespace declaration(s): ${list}`, first.line, first.column);
  }
}

/** Child elements of `node` with this namespace URI and local name. */
export function childrenNamed(node: XmlNode, uri: string, local: string): XmlNode[] {
  return node.children.filter((c) => c.uri === uri && c.local === local);
}

/** The first child element with this namespace URI and local name. */
export function childNamed(node: XmlNode, uri: string, local: string): XmlNode | undefined {
  return node.children.find((c) => c.uri === uri && c.local === local);
}

/** Value of an attribute (by namespace URI and local name; '' for unprefixed). */
export function attr(node: XmlNode, local: string, uri = ''): string | undefined {
  return node.attributes.find((a) => a.local === local && a.uri === uri)?.value;
}

/** Every element of the tree, depth first. */
export function descendants(node: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode): void => {
    out.push(n);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

/** The XML namespace (for `xml:lang`, `xml:base`). */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
