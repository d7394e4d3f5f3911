/**
 * Atom 1.0 validation for tests:
 *
 * - `validateAtomSchema(docs)`: RFC 4287's RELAX NG schema (Appendix B, vendored as
 *   tests/fixtures/atom.rnc) via Debian's `jing -c`, many documents per JVM start.
 * - `checkAtomRules(xml)`: the W3C Feed Validation Service rules the schema does not express
 *   (w3c/feedvalidator `feed.py`, `entry.py`, `link.py`, `content.py`, `validators.py`), plus the
 *   schema's Schematron rules that jing skips.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlEndTag, isAbsoluteIri, isLanguageTag, parseRfc3339 } from './validate-values.js';
import { htmlWarnings } from './w3c-html.js';
import { attr, childNamed, childrenNamed, descendants, type FeedMessage, parseXml, XML_NS, type XmlNode } from './validate-xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const MEDIA = 'http://search.yahoo.com/mrss/';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** RFC 4287 Appendix B schema, vendored in the repository (a clone needs nothing beside it): `tests/fixtures/atom.rnc`. */
export const ATOM_SCHEMA = path.resolve(REPO_ROOT, 'tests', 'fixtures', 'atom.rnc');

/** A document to validate: XML text, or a file on disk. */
export type AtomDocument = string | { readonly file: string };

/** One schema violation reported by jing. */
export interface SchemaMessage {
  /** Index of the document in the input list (-1 when jing reports no file). */
  readonly document: number;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * Validates Atom documents against RFC 4287's RELAX NG schema with `jing -c` in ONE JVM run
 * (start-up costs about a second). Returns the violations; empty means all documents are valid.
 * Throws if jing cannot run or fails for a reason other than invalid documents.
 *
 * @example
 * expect(validateAtomSchema([renderAtom(a), renderAtom(b)])).toEqual([]);
 */
export function validateAtomSchema(input: AtomDocument | readonly AtomDocument[]): SchemaMessage[] {
  const docs: readonly AtomDocument[] = typeof input === 'string' || !Array.isArray(input) ? [input as AtomDocument] : input;
  if (docs.length === 0) return [];
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-jing-'));
  try {
    const files = docs.map((doc, i) => {
      if (typeof doc !== 'string') return path.resolve(doc.file);
      const file = path.join(dir, `doc-${i}.xml`);
      writeFileSync(file, doc, 'utf8');
      return file;
    });
    const run = spawnSync('jing', ['-c', ATOM_SCHEMA, ...files], { encoding: 'utf8', timeout: 120_000 });
    if (run.error) throw new Error(`cannot run jing: ${run.error.message}`);
    const messages: SchemaMessage[] = [];
    for (const line of `${run.stdout}`.split('\n')) {
      if (line.trim() === '') continue;
      const m = /^(.*?):(\d+):(\d+): (?:error|fatal): (.*)$/.exec(line);
      if (!m) {
        messages.push({ document: -1, line: 0, column: 0, message: line });
        continue;
      }
      const [, file = '', l = '0', c = '0', message = ''] = m;
      messages.push({ document: files.indexOf(path.resolve(file)), line: Number(l), column: Number(c), message });
    }
    if (run.status !== 0 && messages.length === 0) {
      throw new Error(
        `jing exited with ${String(run.status)}: ${run.stderr
          .split('\n')
          .filter((l) => !l.startsWith('[warning]'))
          .join('\n')}`,
      );
    }
    return messages;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const REGISTERED_RELS = new Set([
  'alternate',
  'current',
  'describedby',
  'edit',
  'edit-media',
  'enclosure',
  'first',
  'hub',
  'last',
  'license',
  'next',
  'next-archive',
  'payment',
  'prev-archive',
  'previous',
  'related',
  'replies',
  'search',
  'self',
  'service',
  'up',
  'via',
]);
const TEXT_TYPES = new Set(['text', 'html', 'xhtml']);

/** Options of `checkAtomRules`. */
export interface AtomCheckOptions {
  /** When given, the feed's `rel="self"` href must equal it. */
  readonly selfUrl?: string;
}

/**
 * Checks an Atom feed document against the rules that RFC 4287's schema cannot express (and the
 * schema's own Schematron rules): absolute IRIs in `href`/`src`/`uri`/`id`, RFC 3339 dates,
 * author on the feed or every entry, `rel="self"` with the Atom media type, valid `xml:lang` and
 * `hreflang`, unique entry ids, text-construct types and "no HTML in type=text". Returns every
 * finding; empty = valid. Throws if the document is not well-formed.
 *
 * @example
 * expect(errorsOf(checkAtomRules(renderAtom(input)))).toEqual([]);
 */
export function checkAtomRules(xml: string, options: AtomCheckOptions = {}): FeedMessage[] {
  const out: FeedMessage[] = [];
  const error = (rule: string, node: XmlNode, message: string): void => {
    out.push({ severity: 'error', rule, path: node.path, message });
  };
  const warn = (rule: string, node: XmlNode, message: string): void => {
    out.push({ severity: 'warning', rule, path: node.path, message });
  };

  const feed = parseXml(xml);
  if (feed.uri !== ATOM || feed.local !== 'feed') {
    error('InvalidRoot', feed, `root element is {${feed.uri}}${feed.local}, not atom:feed`);
    return out;
  }

  // Language tags and xml:base anywhere.
  for (const node of descendants(feed)) {
    const lang = attr(node, 'lang', XML_NS);
    if (lang !== undefined && lang !== '' && !isLanguageTag(lang)) error('InvalidLanguage', node, `xml:lang "${lang}" is not a BCP 47 tag`);
    const base = attr(node, 'base', XML_NS);
    if (base !== undefined) warn('feedpub:XmlBase', node, 'xml:base is ignored by many readers; write absolute URLs');
  }

  const iri = (node: XmlNode, value: string | undefined, what: string): void => {
    if (value === undefined || !isAbsoluteIri(value)) error('InvalidIRI', node, `${what} must be an absolute IRI: ${JSON.stringify(value ?? '')}`);
  };
  const exactlyOne = (parent: XmlNode, local: string): XmlNode | undefined => {
    const found = childrenNamed(parent, ATOM, local);
    if (found.length === 0) error('MissingElement', parent, `${parent.local} must contain atom:${local}`);
    if (found.length > 1 && found[1]) error('DuplicateElement', found[1], `${parent.local} has more than one atom:${local}`);
    return found[0];
  };
  const atMostOne = (parent: XmlNode, local: string): XmlNode | undefined => {
    const found = childrenNamed(parent, ATOM, local);
    if (found.length > 1 && found[1]) error('DuplicateElement', found[1], `${parent.local} has more than one atom:${local}`);
    return found[0];
  };
  const date = (node: XmlNode | undefined): number | undefined => {
    if (!node) return undefined;
    const ms = parseRfc3339(node.text.trim());
    if (ms === undefined) error('InvalidRFC3339Date', node, `"${node.text}" is not an RFC 3339 date-time`);
    else if (!node.text.trim().endsWith('Z')) warn('W3DTFDateNonUTC', node, 'dates should be in UTC (Z)');
    // w3c/feedvalidator validators.py: `implausible_8601` warns of any date before 1990.
    if (ms !== undefined && node.text.trim() < '1990-01-01') warn('ImplausibleDate', node, `"${node.text}" is implausible (before 1990)`);
    return ms;
  };
  const textConstruct = (node: XmlNode | undefined, blankIsError = false): void => {
    if (!node) return;
    const type = attr(node, 'type') ?? 'text';
    if (!TEXT_TYPES.has(type)) error('InvalidTextType', node, `type="${type}" is not text, html or xhtml`);
    if (type === 'text') {
      if (node.children.length > 0) error('UndefinedElement', node, `type="text" ${node.local} cannot contain elements`);
      const tag = htmlEndTag(node.text);
      if (tag) warn('ContainsUndeclaredHTML', node, `${node.local} is type="text" but contains ${tag}`);
    }
    if (type === 'html') for (const w of htmlWarnings(node.text)) warn(w.rule, node, `${node.local}: ${w.message}`);
    if (type === 'xhtml' && !childNamed(node, 'http://www.w3.org/1999/xhtml', 'div')) error('MissingXhtmlDiv', node, 'xhtml needs one xhtml:div');
    if (node.text.trim() === '' && node.children.length === 0) {
      if (blankIsError) error('NotBlank', node, `${node.local} must not be blank`);
      else warn('NotBlank', node, `${node.local} is blank`);
    }
  };
  const person = (node: XmlNode): void => {
    const name = exactlyOne(node, 'name');
    if (name && name.text.trim() === '') warn('NotBlank', name, 'author name is blank');
    const uri = atMostOne(node, 'uri');
    if (uri) iri(uri, uri.text.trim(), 'uri');
    const email = atMostOne(node, 'email');
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email.text.trim())) error('InvalidAddrSpec', email, `"${email.text}" is not an e-mail address`);
  };
  const links = (parent: XmlNode): XmlNode[] => {
    const all = childrenNamed(parent, ATOM, 'link');
    const alternates = new Map<string, XmlNode>();
    for (const link of all) {
      const href = attr(link, 'href');
      if (href === undefined) error('MissingHref', link, 'link needs href');
      else iri(link, href, 'link href');
      const rel = attr(link, 'rel') ?? 'alternate';
      if (!REGISTERED_RELS.has(rel) && !isAbsoluteIri(rel)) warn('UnregisteredAtomLinkRel', link, `rel="${rel}" is not registered`);
      const hreflang = attr(link, 'hreflang');
      if (hreflang !== undefined && !isLanguageTag(hreflang)) error('InvalidLanguage', link, `hreflang "${hreflang}"`);
      const type = attr(link, 'type');
      if (type !== undefined && !/^[^\s()<>,;:\\"/[\]?=]+\/[^\s()<>,;:\\"/[\]?=]+(\s*;.*)?$/.test(type)) error('InvalidMIMEType', link, `type="${type}"`);
      if (rel === 'alternate') {
        const key = `${type ?? ''}|${hreflang ?? ''}`;
        if (alternates.has(key)) error('DuplicateAtomLink', link, `two alternate links with type "${type ?? ''}" and hreflang "${hreflang ?? ''}"`);
        alternates.set(key, link);
      }
      if (link.text.trim() !== '') warn('AtomLinkNotEmpty', link, 'link should be empty');
    }
    return all;
  };
  const categories = (parent: XmlNode): void => {
    for (const category of childrenNamed(parent, ATOM, 'category')) {
      const term = attr(category, 'term');
      if (term === undefined || term.trim() === '') error('MissingAttribute', category, 'category needs a non-empty term');
      const scheme = attr(category, 'scheme');
      if (scheme !== undefined) iri(category, scheme, 'category scheme');
    }
  };

  // Feed metadata.
  const feedId = exactlyOne(feed, 'id');
  if (feedId) iri(feedId, feedId.text.trim(), 'feed id');
  textConstruct(exactlyOne(feed, 'title'), true);
  textConstruct(atMostOne(feed, 'subtitle'));
  textConstruct(atMostOne(feed, 'rights'));
  const feedUpdated = date(exactlyOne(feed, 'updated'));
  const generator = atMostOne(feed, 'generator');
  if (generator && generator.text.trim() === '') warn('NotBlank', generator, 'generator is blank');
  for (const local of ['icon', 'logo']) {
    const node = atMostOne(feed, local);
    if (node) iri(node, node.text.trim(), local);
  }
  const feedLinks = links(feed);
  const self = feedLinks.filter((l) => attr(l, 'rel') === 'self');
  if (self.length === 0) warn('MissingSelf', feed, 'missing link rel="self"');
  for (const s of self) {
    if (attr(s, 'type') !== undefined && (attr(s, 'type') ?? '').split(';')[0]?.trim() !== 'application/atom+xml') {
      warn('SelfNotAtom', s, `self link type should be application/atom+xml, not "${attr(s, 'type') ?? ''}"`);
    }
    if (options.selfUrl !== undefined && attr(s, 'href') !== options.selfUrl) {
      warn('SelfDoesntMatchLocation', s, `self link ${attr(s, 'href') ?? ''} is not ${options.selfUrl}`);
    }
  }
  const feedAuthors = childrenNamed(feed, ATOM, 'author');
  for (const a of feedAuthors) person(a);
  for (const c of childrenNamed(feed, ATOM, 'contributor')) person(c);
  categories(feed);

  // Entries.
  const ids = new Map<string, XmlNode>();
  let newest: number | undefined;
  let seenEntry = false;
  for (const child of feed.children) {
    if (child.uri === ATOM && child.local === 'entry') seenEntry = true;
    else if (seenEntry) error('MisplacedMetadata', child, `${child.name} after the first entry`);
  }
  for (const entry of childrenNamed(feed, ATOM, 'entry')) {
    const id = exactlyOne(entry, 'id');
    if (id) {
      const value = id.text.trim();
      iri(id, value, 'entry id');
      const previous = ids.get(value);
      if (previous) error('DuplicateIds', id, `entry id "${value}" repeats ${previous.path}`);
      else ids.set(value, id);
    }
    textConstruct(exactlyOne(entry, 'title'));
    const updated = date(exactlyOne(entry, 'updated'));
    if (updated !== undefined && (newest === undefined || updated > newest)) newest = updated;
    const published = date(atMostOne(entry, 'published'));
    if (published !== undefined && updated !== undefined && published > updated) {
      warn('feedpub:PublishedAfterUpdated', entry, 'published is later than updated');
    }
    const entryAuthors = childrenNamed(entry, ATOM, 'author');
    for (const a of entryAuthors) person(a);
    for (const c of childrenNamed(entry, ATOM, 'contributor')) person(c);
    // RFC 4287 §4.1.1: an author on the feed, or on every entry (schema Schematron rule).
    if (entryAuthors.length === 0 && feedAuthors.length === 0 && !childNamed(entry, ATOM, 'source')) {
      error('MissingElement', entry, 'entry has no author and the feed has none');
    }
    const entryLinks = links(entry);
    categories(entry);
    const summary = atMostOne(entry, 'summary');
    textConstruct(summary);
    textConstruct(atMostOne(entry, 'rights'));
    const content = atMostOne(entry, 'content');
    if (content) {
      const type = attr(content, 'type') ?? 'text';
      const src = attr(content, 'src');
      if (src !== undefined) iri(content, src, 'content src');
      const textual = TEXT_TYPES.has(type) || type.endsWith('+xml') || type.endsWith('/xml') || type.startsWith('text/');
      if (!summary && (src !== undefined || !textual)) error('MissingSummary', entry, 'content with src or a non-textual type needs a summary');
      if ((type === 'text' || type === 'html') && src === undefined) textConstruct(content);
    } else {
      // RFC 4287 §4.1.2: without content, an alternate link is required; W3C also wants a summary.
      if (!entryLinks.some((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate')) {
        error('MissingContentOrAlternate', entry, 'entry without content needs a rel="alternate" link');
      }
      if (!summary) warn('MissingTextualContent', entry, 'entry has neither content nor summary');
    }
    for (const t of childrenNamed(entry, MEDIA, 'thumbnail')) iri(t, attr(t, 'url'), 'media:thumbnail url');
  }

  // feedpub: updated means "last significant change" — never older than the newest entry.
  const updatedNode = childNamed(feed, ATOM, 'updated');
  if (updatedNode && feedUpdated !== undefined && newest !== undefined && feedUpdated < newest) {
    warn('feedpub:StaleUpdated', updatedNode, 'feed updated is older than the newest entry');
  }
  return out;
}
