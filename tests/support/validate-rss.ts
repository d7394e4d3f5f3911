/**
 * Offline RSS 2.0 checks modelled on the W3C Feed Validation Service (w3c/feedvalidator:
 * `channel.py`, `item.py`, `validators.py`, `logging.py`) and the RSS Advisory Board's RSS
 * Profile. Rule names are the validator's message classes; severities are its Error/Warning split,
 * except where noted (`feedpub:` rules are ours).
 *
 * Not covered (needs the network or the HTTP response): self link matching the fetched URL,
 * content type, encoding sniffing, HTML safety of descriptions.
 */
import { checkRfc822, htmlEndTag, isAbsoluteUri, isHttpUrl, isLanguageTag } from './validate-values.js';
import { htmlWarnings } from './w3c-html.js';
import { attr, childNamed, childrenNamed, type FeedMessage, parseXml, type XmlNode } from './validate-xml.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const CONTENT = 'http://purl.org/rss/1.0/modules/content/';
const DC = 'http://purl.org/dc/elements/1.1/';
const MEDIA = 'http://search.yahoo.com/mrss/';

const CHANNEL_ELEMENTS = new Set([
  'title',
  'link',
  'description',
  'language',
  'copyright',
  'managingEditor',
  'webMaster',
  'pubDate',
  'lastBuildDate',
  'category',
  'generator',
  'docs',
  'cloud',
  'ttl',
  'image',
  'rating',
  'textInput',
  'skipHours',
  'skipDays',
  'item',
]);
const ITEM_ELEMENTS = new Set(['title', 'link', 'description', 'author', 'category', 'comments', 'enclosure', 'guid', 'pubDate', 'source']);
/** Channel elements that may appear at most once. */
const CHANNEL_ONCE = ['title', 'link', 'description', 'language', 'copyright', 'pubDate', 'lastBuildDate', 'generator', 'docs', 'ttl', 'image'];
const IMAGE_ELEMENTS = new Set(['url', 'title', 'link', 'width', 'height', 'description']);
const ITEM_ONCE = ['title', 'link', 'description', 'guid', 'pubDate', 'comments', 'source'];

/** Options of `checkRssRules`. */
export interface RssCheckOptions {
  /** When given, the `atom:link rel="self"` href must equal it. */
  readonly selfUrl?: string;
}

/**
 * Checks an RSS 2.0 document; returns every finding (empty = valid and warning-free). Throws if
 * the document is not well-formed (use `assertWellFormed` for that).
 *
 * @example
 * expect(errorsOf(checkRssRules(renderRss(input)))).toEqual([]);
 */
export function checkRssRules(xml: string, options: RssCheckOptions = {}): FeedMessage[] {
  const out: FeedMessage[] = [];
  const error = (rule: string, node: XmlNode, message: string): void => {
    out.push({ severity: 'error', rule, path: node.path, message });
  };
  const warn = (rule: string, node: XmlNode, message: string): void => {
    out.push({ severity: 'warning', rule, path: node.path, message });
  };

  const root = parseXml(xml);
  if (root.uri !== '' || root.local !== 'rss') {
    error('InvalidRoot', root, `root element is ${root.name}, not rss`);
    return out;
  }
  if (attr(root, 'version') !== '2.0') error('InvalidRSSVersion', root, `version="${attr(root, 'version') ?? ''}"`);
  const channels = childrenNamed(root, '', 'channel');
  const channel = channels[0];
  if (!channel || channels.length > 1) {
    error('MissingElement', root, 'rss needs exactly one channel');
    if (!channel) return out;
  }

  const plainText = (node: XmlNode): void => {
    if (node.children.length > 0) error('UndefinedElement', node, `${node.name} must contain text only`);
    const tag = htmlEndTag(node.text);
    if (tag) warn('ContainsHTML', node, `${node.name} should not contain HTML (${tag})`);
    // RSS Profile: encode & and < in plain text with hexadecimal references (W3C CharacterData).
    else if (/&#[x0-9]|<[/a-zA-Z]/.test(node.text) && !node.raw.includes('&#x')) {
      warn('CharacterData', node, `encode "&" and "<" in ${node.name} with hexadecimal character references`);
    }
  };
  // description and content:encoded hold HTML: the validator checks its elements and attributes.
  const html = (node: XmlNode | undefined): void => {
    if (node) for (const w of htmlWarnings(node.text)) warn(w.rule, node, `${node.name}: ${w.message}`);
  };
  const uri = (node: XmlNode, value: string | undefined, what: string): void => {
    if (value === undefined || !isAbsoluteUri(value.trim())) {
      error('InvalidFullLink', node, `${what} must be an absolute URI with only ASCII URI characters: ${JSON.stringify(value ?? '')}`);
    }
  };
  const date = (node: XmlNode): number | undefined => {
    const result = checkRfc822(node.text.trim());
    // w3c/feedvalidator validators.py: `implausible_822` warns of any date before 1990.
    if (result.ok && result.ms < Date.UTC(1990, 0, 1)) warn('ImplausibleDate', node, `${node.name} "${node.text}" is implausible (before 1990)`);
    if (result.ok) return result.ms;
    // feedpub treats a two-digit year as an error (the W3C service warns).
    error(result.rule, node, `${node.name} "${node.text}": ${result.reason}`);
    return undefined;
  };
  const once = (parent: XmlNode, names: readonly string[]): void => {
    for (const name of names) {
      const found = childrenNamed(parent, '', name);
      if (found.length > 1 && found[1]) error('DuplicateElement', found[1], `${parent.name} has more than one ${name}`);
    }
  };
  const undefinedChildren = (parent: XmlNode, allowed: ReadonlySet<string>): void => {
    for (const child of parent.children) {
      if (child.uri === '' && !allowed.has(child.local)) error('UndefinedElement', child, `${child.name} is not an RSS 2.0 element of ${parent.name}`);
    }
  };
  const thumbnails = (parent: XmlNode): void => {
    for (const t of childrenNamed(parent, MEDIA, 'thumbnail')) uri(t, attr(t, 'url'), 'media:thumbnail url');
  };

  // Channel metadata.
  undefinedChildren(channel, CHANNEL_ELEMENTS);
  once(channel, CHANNEL_ONCE);
  for (const name of ['title', 'link', 'description']) {
    if (!childNamed(channel, '', name)) error(`Missing${name[0]?.toUpperCase()}${name.slice(1)}`, channel, `channel must have ${name}`);
  }
  const title = childNamed(channel, '', 'title');
  if (title) {
    plainText(title);
    if (title.text.trim() === '') error('NotBlank', title, 'channel title must not be blank');
  }
  const description = childNamed(channel, '', 'description');
  if (description) plainText(description);
  html(description);
  const link = childNamed(channel, '', 'link');
  if (link) uri(link, link.text, 'channel link');
  for (const name of ['copyright', 'generator']) {
    const node = childNamed(channel, '', name);
    if (node) plainText(node);
  }
  const language = childNamed(channel, '', 'language');
  if (language && !isLanguageTag(language.text.trim())) error('InvalidLanguage', language, `"${language.text}" is not a language tag`);
  const lastBuild = childNamed(channel, '', 'lastBuildDate');
  const lastBuildMs = lastBuild ? date(lastBuild) : undefined;
  const pubDate = childNamed(channel, '', 'pubDate');
  if (pubDate) date(pubDate);
  for (const category of childrenNamed(channel, '', 'category')) {
    plainText(category);
    if (category.text.trim() === '') error('NotBlank', category, 'category must not be blank');
  }

  // The channel image (the validator's image.py): url, title and link required, the title and link the
  // channel's, a GIF, JPEG or PNG by its file name, at most 144 × 400.
  const image = childNamed(channel, '', 'image');
  if (image) {
    undefinedChildren(image, IMAGE_ELEMENTS);
    once(image, [...IMAGE_ELEMENTS]);
    const url = childNamed(image, '', 'url');
    if (!url) error('MissingElement', image, 'image must have url');
    else {
      uri(url, url.text, 'image url');
      const ext = url.text.split('.').at(-1)?.toLowerCase() ?? '';
      if (/^\w+$/.test(ext) && !['jpg', 'jpeg', 'gif', 'png'].includes(ext)) warn('ImageUrlFormat', url, `image url should be a GIF, JPEG or PNG, not .${ext}`);
    }
    const imageTitle = childNamed(image, '', 'title');
    if (!imageTitle) error('MissingTitle', image, 'image must have title');
    else {
      if (imageTitle.text.trim() === '') warn('NotBlank', imageTitle, 'image title is blank');
      else plainText(imageTitle);
      if (title && imageTitle.text !== title.text) warn('ImageTitleDoesntMatch', imageTitle, `image title "${imageTitle.text}" is not the channel's`);
    }
    const imageLink = childNamed(image, '', 'link');
    if (!imageLink) error('MissingLink', image, 'image must have link');
    else {
      uri(imageLink, imageLink.text, 'image link');
      if (link && imageLink.text !== link.text) warn('ImageLinkDoesntMatch', imageLink, `image link ${imageLink.text} is not the channel's`);
    }
    for (const [name, max, rule] of [
      ['width', 144, 'InvalidWidth'],
      ['height', 400, 'InvalidHeight'],
    ] as const) {
      const node = childNamed(image, '', name);
      const value = node ? Number(node.text.trim()) : undefined;
      if (node && !(Number.isInteger(value) && (value ?? 0) > 0 && (value ?? 0) <= max)) error(rule, node, `image ${name} "${node.text}" is not 1–${max}`);
    }
  }

  // atom:link (self, hub, alternates).
  const atomLinks = childrenNamed(channel, ATOM, 'link');
  const selfLinks = atomLinks.filter((l) => attr(l, 'rel') === 'self');
  for (const l of atomLinks) {
    uri(l, attr(l, 'href'), 'atom:link href');
    if (l.text.trim() !== '') warn('AtomLinkNotEmpty', l, 'atom:link should be empty');
  }
  const self = selfLinks[0];
  if (!self) warn('MissingAtomSelfLink', channel, 'missing atom:link with rel="self"');
  else {
    if (selfLinks.length > 1) error('DuplicateAtomLink', selfLinks[1] ?? self, 'more than one self link');
    if ((attr(self, 'type') ?? '').split(';')[0]?.trim() !== 'application/rss+xml') {
      warn('SelfNotAtom', self, `self link type should be application/rss+xml, not "${attr(self, 'type') ?? ''}"`);
    }
    if (options.selfUrl !== undefined && attr(self, 'href') !== options.selfUrl) {
      warn('SelfDoesntMatchLocation', self, `self link ${attr(self, 'href') ?? ''} is not ${options.selfUrl}`);
    }
  }

  // Items.
  let seenItem = false;
  for (const child of channel.children) {
    if (child.uri === '' && child.local === 'item') seenItem = true;
    else if (seenItem && child.uri === '' && child.local !== 'item') {
      warn('MisplacedItem', child, `${child.name} after the first item (RSS Profile: items go last)`);
    }
  }
  const guids = new Map<string, XmlNode>();
  let newestPub: number | undefined;
  for (const item of childrenNamed(channel, '', 'item')) {
    undefinedChildren(item, ITEM_ELEMENTS);
    once(item, ITEM_ONCE);
    const itemTitle = childNamed(item, '', 'title');
    const itemDescription = childNamed(item, '', 'description');
    if (!itemTitle && !itemDescription) error('ItemMustContainTitleOrDescription', item, 'item needs a title or a description');
    if (itemTitle) {
      plainText(itemTitle);
      if (itemTitle.text.trim() === '') warn('NotBlank', itemTitle, 'item title is blank');
    }
    const itemLink = childNamed(item, '', 'link');
    if (itemLink) uri(itemLink, itemLink.text.trim(), 'item link');
    const guid = childNamed(item, '', 'guid');
    if (!guid) warn('MissingGuid', item, 'item should have a guid');
    else {
      const value = guid.text.trim();
      const permaAttr = attr(guid, 'isPermaLink');
      if (permaAttr !== undefined && permaAttr !== 'true' && permaAttr !== 'false') {
        error('InvalidBooleanAttribute', guid, `isPermaLink="${permaAttr}" must be true or false`);
      }
      if (permaAttr !== 'false') {
        // isPermaLink defaults to true: the guid must then be a URL a browser can open.
        if (!isHttpUrl(value)) error('InvalidHttpGUID', guid, `guid "${value}" is not a URL, so it needs isPermaLink="false"`);
        else uri(guid, value, 'permalink guid');
      } else if (/^\d{1,8}$/.test(value)) warn('NotSufficientlyUnique', guid, `guid "${value}" is not sufficiently unique`);
      if (value === '') error('NotBlank', guid, 'guid must not be blank');
      const previous = guids.get(value);
      if (previous) error('DuplicateValue', guid, `guid "${value}" repeats ${previous.path}`);
      else guids.set(value, guid);
    }
    const itemPub = childNamed(item, '', 'pubDate');
    if (itemPub) {
      const ms = date(itemPub);
      if (ms !== undefined && (newestPub === undefined || ms > newestPub)) newestPub = ms;
    }
    const encoded = childNamed(item, CONTENT, 'encoded');
    html(itemDescription);
    html(encoded);
    if (encoded && !itemDescription) warn('NeedDescriptionBeforeContent', encoded, 'content:encoded needs a description as well');
    else if (encoded && itemDescription && item.children.indexOf(encoded) < item.children.indexOf(itemDescription)) {
      warn('NeedDescriptionBeforeContent', encoded, 'description should come before content:encoded');
    }
    for (const author of childrenNamed(item, '', 'author')) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+/.test(author.text.trim())) {
        error('InvalidContact', author, `author must be an e-mail address ("${author.text}"); put names in dc:creator`);
      }
      if (childNamed(item, DC, 'creator')) warn('DuplicateItemSemantics', author, 'both author and dc:creator');
    }
    for (const creator of childrenNamed(item, DC, 'creator')) {
      if (creator.text.trim() === '') error('NotBlank', creator, 'dc:creator must not be blank');
      plainText(creator);
    }
    for (const category of childrenNamed(item, '', 'category')) {
      plainText(category);
      if (category.text.trim() === '') error('NotBlank', category, 'category must not be blank');
    }
    const enclosures = childrenNamed(item, '', 'enclosure');
    if (enclosures.length > 1 && enclosures[1]) warn('DuplicateEnclosure', enclosures[1], 'more than one enclosure');
    for (const enclosure of enclosures) {
      for (const name of ['url', 'length', 'type']) {
        if (attr(enclosure, name) === undefined) error('MissingAttribute', enclosure, `enclosure needs ${name}`);
      }
      const url = attr(enclosure, 'url');
      if (url !== undefined && !isHttpUrl(url)) error('InvalidURLAttribute', enclosure, `enclosure url "${url}" is not an http(s) URL`);
      const length = attr(enclosure, 'length');
      if (length !== undefined && !/^\d+$/.test(length)) error('InvalidIntegerAttribute', enclosure, `length "${length}"`);
      const type = attr(enclosure, 'type');
      if (type !== undefined && !/^[^\s()<>,;:\\"/[\]?=]+\/[^\s()<>,;:\\"/[\]?=]+$/.test(type)) {
        error('InvalidMIMEAttribute', enclosure, `type "${type}"`);
      }
    }
    const comments = childNamed(item, '', 'comments');
    if (comments) uri(comments, comments.text.trim(), 'comments');
    thumbnails(item);
  }

  // feedpub: lastBuildDate means "last content change" — never older than the newest item.
  if (lastBuild && lastBuildMs !== undefined && newestPub !== undefined && lastBuildMs < newestPub) {
    warn('feedpub:StaleLastBuildDate', lastBuild, 'lastBuildDate is older than the newest item pubDate');
  }
  return out;
}
