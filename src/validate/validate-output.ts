import { SaxesParser } from 'saxes';
import type { FeedFormat } from '../model.js';
import { ATOM_EXTENSION_NAMESPACES, ATOM_NS, atomDocument } from '../render/atom.js';
import { FORMAT_ORDER, feedFile } from '../render/formats.js';
import { JSON_FEED_VERSION, renderJsonFeed } from '../render/json-feed.js';
import type { RenderInput } from '../render/render-feed.js';
import { RSS_NAMESPACES, rssDocument } from '../render/rss.js';
import { documentInParts } from '../render/xml.js';
import { firstInvalidXmlChar } from '../render/xml-chars.js';
import { getOrInsert } from '../get-or-insert.js';

const ATOM = ATOM_NS;

/**
 * The gate before any write: parses a rendered file back and checks the rules of its format that a
 * reader depends on. Returns the problems found (empty when the file may be published). Pure.
 *
 * - XML (RSS, Atom, OPML, HTML excluded): well-formed per XML 1.0 and Namespaces in XML (strict parser);
 *   RSS has channel title/link/description and every item a guid and a title or description; Atom has
 *   feed id/title/updated and every entry id/title/updated.
 * - JSON Feed: valid JSON; version 1.1, title, items; every item an id (string) and content_html or
 *   content_text.
 *
 * @example validateOutput('feed.json', '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[]}') // []
 */
export function validateOutput(path: string, body: string): string[] {
  if (path.endsWith('.json')) return path.endsWith('feed.json') ? validateJsonFeed(body) : validateJson(body);
  if (path.endsWith('.xml') || path.endsWith('.opml')) return validateXml(body);
  return [];
}

const DOCUMENTS: Readonly<Record<Exclude<FeedFormat, 'json'>, typeof rssDocument>> = { rss: rssDocument, atom: atomDocument };

/**
 * The gate for a feed without its items (its skeleton): with every item checked when it was prepared,
 * that is the whole file's check (see {@link validateItemFragment}). Gives the problems of each enabled
 * format's file of `input`'s feed, by path (`input` has no items). An XML file is checked in parts
 * (`documentInParts`): the feeds of a site share a few shapes, so the XML parser reads each once; the JSON
 * Feed file whole. What `validateOutput` says of each file, without positions (tested).
 *
 * @example feedSkeletonProblems(input).get('tags/go/index.xml') // []
 */
export function feedSkeletonProblems(input: RenderInput): Map<string, string[]> {
  if (input.items.length > 0) throw new RangeError(`feedSkeletonProblems: ${input.feed.dir} has items`);
  const problems = new Map<string, string[]>();
  for (const format of FORMAT_ORDER) {
    if (!input.site.feeds.formats.includes(format)) continue;
    const path = `${input.feed.dir}${feedFile(input.site, format)}`;
    if (format === 'json') problems.set(path, validateOutput(path, renderJsonFeed(input)));
    else {
      const { shape, texts, attributeValues } = documentInParts(DOCUMENTS[format](input));
      problems.set(path, validateXmlInParts(shape, texts, attributeValues));
    }
  }
  return problems;
}

function declarations(known: Readonly<Record<string, string>>, prefixes: readonly string[]): string {
  return prefixes
    .filter((p) => p !== 'xml' && known[p] !== undefined)
    .map((p) => ` xmlns:${p}="${known[p]}"`)
    .join('');
}

/**
 * The gate for one serialized item (RSS `<item>`, Atom `<entry>`, JSON Feed item text), checked
 * inside a minimal valid document of its format: the rules `validateOutput` applies to items. A feed
 * assembled from items that pass, around a skeleton (the feed with no items) that passes, passes too:
 * well-formedness composes, and every rule is about either the skeleton or one item. `prefixes` are
 * the namespace prefixes the item uses (an unknown one is an error).
 *
 * An XML item may come in parts (`frozenInParts`): `text`, its shape, with values left out, and the
 * values: `texts`, character data taken out of text elements, and `attributeValues`, values taken out of
 * attributes (`href=""`). The item is then valid when its shape is, every one of `texts` is character data
 * ({@link characterDataProblems}) and every attribute value is what a quoted value may hold
 * ({@link attributeValueProblems}): putting character data into an empty element, or a value between an
 * attribute's quotes, keeps a document well-formed, and no rule here is about values. Items of the same
 * make have the same shape: its verdict is remembered (by format, prefixes and shape), so the XML parser
 * reads a few dozen shapes in a site (50 in the bench's 10,000 articles), not every item. Pure.
 *
 * @example validateItemFragment('rss', '<item><title>A</title><guid>x</guid></item>', []) // []
 * @example validateItemFragment('rss', '<item><title></title><guid isPermaLink=""></guid></item>', [], ['A', 'x'], characterDataProblems, ['false']) // []
 */
export function validateItemFragment(
  format: FeedFormat,
  text: string,
  prefixes: readonly string[],
  texts: readonly string[] = [],
  textProblems: (text: string) => string[] = characterDataProblems,
  attributeValues: readonly string[] = [],
): string[] {
  if (format === 'json') return validateJsonFeed(`{"version":"${JSON_FEED_VERSION}","title":"t","items":[${text}]}`);
  const verdict = rememberedVerdict(`${format} ${prefixes.join(' ')}`, text, () =>
    validateXml(format === 'rss' ? `${rssOpen(prefixes)}\n${text}\n</channel></rss>` : `${atomOpen(prefixes)}\n${text}\n</feed>`, false),
  );
  return [...valueProblems(texts, textProblems, attributeValues), ...verdict];
}

/**
 * The gate for an XML document in parts (`documentInParts`): valid when its shape is (the checks of
 * {@link validateOutput}, remembered by shape as an item's are) and every text is character data and every
 * attribute value what a quoted value may hold. What `validateOutput` says of the whole document, without
 * positions (a test holds the two to each other). Pure.
 *
 * @example validateXmlInParts('<?xml version="1.0"?>\n<a b=""></a>\n', [], ['x']) // []
 */
export function validateXmlInParts(shape: string, texts: readonly string[], attributeValues: readonly string[]): string[] {
  return [...valueProblems(texts, characterDataProblems, attributeValues), ...rememberedVerdict('document', shape, () => validateXml(shape, false))];
}

/** The problems of values set apart: texts by `textProblems`, attribute values by {@link attributeValueProblems}. */
function valueProblems(texts: readonly string[], textProblems: (text: string) => string[], attributeValues: readonly string[]): string[] {
  const problems: string[] = [];
  for (const text of texts) problems.push(...textProblems(text));
  for (const value of attributeValues) problems.push(...attributeValueProblems(value));
  return problems;
}

/** The verdict remembered for `shape` in `group` (format and prefixes), else `check`'s, remembered. */
function rememberedVerdict(group: string, shape: string, check: () => readonly string[]): readonly string[] {
  const verdicts = getOrInsert(shapeVerdicts, group, () => new Map<string, readonly string[]>());
  let verdict = verdicts.get(shape);
  if (verdict === undefined) {
    verdict = check();
    if (verdicts.size >= SHAPES_REMEMBERED) verdicts.clear();
    verdicts.set(shape, verdict);
  }
  return verdict;
}

/**
 * What the XML parser said of an item's shape, by format and prefixes, then by shape (a pure function of
 * these, so remembering it changes no answer). The bench's 10,000 articles have 50 shapes over 22,000 items;
 * a whole item given as its shape (nothing taken out) is one of its own, and hostile front matter can make
 * more (a shape grows with an article's terms), hence the bound: at most a few MB in a warm Lambda.
 */
const shapeVerdicts = new Map<string, Map<string, readonly string[]>>();
const SHAPES_REMEMBERED = 1024;

function rssOpen(prefixes: readonly string[]): string {
  return `<rss version="2.0"${declarations(RSS_NAMESPACES, prefixes)}><channel><title>t</title><link>https://example.org/</link><description>d</description>`;
}

function atomOpen(prefixes: readonly string[]): string {
  return `<feed xmlns="${ATOM}"${declarations(ATOM_EXTENSION_NAMESPACES, prefixes)}><id>urn:x</id><title>t</title><updated>1970-01-01T00:00:00Z</updated>`;
}

/** Markup where only character data may be: `<`, a `&` that starts no predefined or character reference, `]]>`. */
const MARKUP_IN_TEXT = /<|&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)|\]\]>/;
/**
 * One scan for the common case, text escaped with the predefined entities only: markup, any other `&`,
 * `]]>`, or a character that might be outside `Char`. Text without any is character data.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what is matched
const ANYTHING_BUT_PLAIN_TEXT = /[<\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|&(?!(?:amp|lt|gt|quot|apos);)|\]\]>/;
/** What a double-quoted attribute value may not hold (XML 1.0 §2.3 AttValue): `<`, `"`, a `&` that starts no reference. */
const MARKUP_IN_ATTRIBUTE = /[<"]|&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;
/** The same one scan for an attribute value (`]]>` and `>` may be in one). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids are what is matched
const ANYTHING_BUT_PLAIN_ATTRIBUTE = /[<"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|&(?!(?:amp|lt|gt|quot|apos);)/;

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Why `text` cannot be the whole content of an XML element (empty when it can): it must be character
 * data and references only (XML 1.0 §2.4, §4.1, with the five predefined entities of a document
 * without a DTD): no `<`, every `&` starting `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` or a character
 * reference to a character XML allows, no `]]>`, and every character one XML allows (§2.2). What an XML
 * parser would say of `<a>text</a>` (a property test holds it to saxes). Pure.
 *
 * @example characterDataProblems('a &lt;b&gt; &#x26; c') // []
 * @example characterDataProblems('a <b>') // ['not well-formed XML: markup in character data ("<b>" at 2)']
 */
export function characterDataProblems(text: string): string[] {
  return scanValue(text, ANYTHING_BUT_PLAIN_TEXT, MARKUP_IN_TEXT, 'character data');
}

/**
 * Why `value` cannot be written between the double quotes of an attribute (empty when it can): no `<` or
 * `"`, every `&` starting a predefined or character reference to a character XML allows, and every
 * character one XML allows (XML 1.0 §2.3 AttValue, §2.2, §4.1). What an XML parser would say of
 * `<a b="value"/>` (a property test holds it to saxes). Pure.
 *
 * @example attributeValueProblems('https://e/?a=1&amp;b=2') // []
 * @example attributeValueProblems('say "hi"') // ['not well-formed XML: markup in an attribute value ("\"hi\"" at 4)']
 */
export function attributeValueProblems(value: string): string[] {
  return scanValue(value, ANYTHING_BUT_PLAIN_ATTRIBUTE, MARKUP_IN_ATTRIBUTE, 'an attribute value');
}

function scanValue(text: string, anythingButPlain: RegExp, markupIn: RegExp, where: string): string[] {
  if (!anythingButPlain.test(text)) return [];
  const problems: string[] = [];
  const markup = markupIn.exec(text);
  if (markup) problems.push(`not well-formed XML: markup in ${where} (${JSON.stringify(text.slice(markup.index, markup.index + 12))} at ${markup.index})`);
  const bad = firstInvalidXmlChar(text);
  if (bad)
    problems.push(
      `not well-formed XML: U+${(bad.char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} is not an XML character (at ${bad.index})`,
    );
  if (text.includes('&#')) {
    for (const ref of text.matchAll(/&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g)) {
      const code = ref[1] !== undefined ? Number.parseInt(ref[1], 16) : Number(ref[2]);
      if (!isXmlChar(code)) problems.push(`not well-formed XML: ${ref[0].slice(0, 16)} refers to a character XML does not allow (at ${ref.index})`);
    }
  }
  return problems;
}

function validateJson(body: string): string[] {
  try {
    JSON.parse(body);
    return [];
  } catch (error) {
    return [`invalid JSON: ${(error as Error).message}`];
  }
}

function validateJsonFeed(body: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    return [`invalid JSON: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const feed = doc as { version?: unknown; title?: unknown; items?: unknown };
  if (feed.version !== 'https://jsonfeed.org/version/1.1') problems.push('JSON Feed: version must be https://jsonfeed.org/version/1.1');
  if (typeof feed.title !== 'string') problems.push('JSON Feed: title must be a string');
  if (!Array.isArray(feed.items)) return [...problems, 'JSON Feed: items must be an array'];
  const ids = new Set<string>();
  feed.items.forEach((item: { id?: unknown; content_html?: unknown; content_text?: unknown }, i: number) => {
    if (typeof item.id !== 'string' || item.id === '') problems.push(`JSON Feed: items[${i}].id must be a non-empty string`);
    else if (ids.has(item.id)) problems.push(`JSON Feed: items[${i}].id ${item.id} is duplicated`);
    else ids.add(item.id);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string')
      problems.push(`JSON Feed: items[${i}] needs content_html or content_text`);
  });
  return problems;
}

interface Frame {
  readonly uri: string;
  readonly local: string;
  /** Local names of the children in the frame's own namespace; kept only for the elements rules are about. */
  readonly children: Set<string> | undefined;
}

/** Whether the rules below are about an element's children: RSS channel and item, Atom feed and entry. */
function checked(uri: string, local: string): boolean {
  return uri === '' ? local === 'channel' || local === 'item' : uri === ATOM && (local === 'feed' || local === 'entry');
}

/**
 * `position`: track lines and columns for the messages. An item's check goes without (a line of the
 * wrapper document it is checked in tells no one anything, and saxes is a sixth faster without).
 */
function validateXml(body: string, position = true): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position });
  const stack: Frame[] = [];
  let root: string | undefined;
  parser.on('error', (error) => {
    problems.push(`not well-formed XML: ${error.message}`);
  });
  parser.on('opentag', (tag) => {
    const uri = tag.uri ?? '';
    const local = tag.local ?? tag.name;
    const parent = stack.at(-1);
    if (parent?.children !== undefined && parent.uri === uri) parent.children.add(local);
    if (parent === undefined) root = `${uri} ${local}`;
    stack.push({ uri, local, children: checked(uri, local) ? new Set() : undefined });
  });
  parser.on('closetag', () => {
    const frame = stack.pop();
    const children = frame?.children;
    if (frame === undefined || children === undefined) return;
    if (root === ' rss' && frame.uri === '') {
      if (frame.local === 'channel') {
        for (const required of ['title', 'link', 'description']) if (!children.has(required)) problems.push(`RSS: channel has no ${required}`);
      } else {
        if (!children.has('guid')) problems.push('RSS: an item has no guid');
        if (!children.has('title') && !children.has('description')) problems.push('RSS: an item has neither title nor description');
      }
    }
    if (root === `${ATOM} feed` && frame.uri === ATOM) {
      for (const required of ['id', 'title', 'updated']) if (!children.has(required)) problems.push(`Atom: ${frame.local} has no ${required}`);
    }
  });
  try {
    parser.write(body).close();
  } catch (error) {
    if (problems.length === 0) problems.push(`not well-formed XML: ${(error as Error).message}`);
  }
  return [...new Set(problems)];
}
