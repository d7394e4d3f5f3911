/**
 * Reading the directory page in tests: the page is polyglot markup (HTML5 that is also well-formed
 * XML), so the strict XML parser checks tag balance and escaping, and gives a tree to query.
 */
import { descendants, parseXml, type XmlNode } from '../../support/validate-xml.js';

/** Parses the page as XML (the HTML doctype spelled the XML way); throws on any well-formedness error. */
export function parseHtml(html: string): XmlNode {
  if (!html.startsWith('<!doctype html>\n')) throw new Error('page does not start with <!doctype html>');
  return parseXml(html.replace('<!doctype html>', '<!DOCTYPE html>'));
}

/** Every element with this name. */
export function elements(root: XmlNode, name: string): XmlNode[] {
  return descendants(root).filter((n) => n.name === name);
}

/** An attribute's value ('' when absent). */
export function attrOf(node: XmlNode | undefined, name: string): string {
  return node?.attributes.find((a) => a.name === name)?.value ?? '';
}

/** All text inside an element, children included (document order within each level is enough here). */
export function deepText(node: XmlNode): string {
  return node.text + node.children.map(deepText).join('');
}

/** The table row (`tr`) whose row header links to `href`. */
export function rowFor(root: XmlNode, href: string): XmlNode {
  const row = elements(root, 'tr').find((tr) => tr.children[0]?.name === 'th' && attrOf(tr.children[0].children[0], 'href') === href);
  if (!row) throw new Error(`no row for ${href}`);
  return row;
}
