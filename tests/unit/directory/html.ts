/**
 * Reading the directory page in tests: the page is HTML5 written so that it is well-formed XML once its
 * `<!doctype html>` is spelled `<!DOCTYPE html>` (it is not polyglot markup: XML wants the capitals), so
 * the strict XML parser checks tag balance and escaping, and gives a tree to query.
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

/**
 * The value of `name` in force at the first element whose own text contains `fragment`: that
 * element's attribute, else its nearest ancestor's (`lang`, `dir`); undefined when none sets it.
 */
export function inForce(root: XmlNode, name: string, fragment: string): string | undefined {
  const walk = (node: XmlNode, inherited: string | undefined): string | undefined | null => {
    const own = node.attributes.find((a) => a.name === name)?.value ?? inherited;
    if (node.text.includes(fragment)) return own;
    for (const child of node.children) {
      const found = walk(child, own);
      if (found !== null) return found;
    }
    return null;
  };
  const found = walk(root, undefined);
  if (found === null) throw new Error(`no element's text contains ${fragment}`);
  return found;
}
