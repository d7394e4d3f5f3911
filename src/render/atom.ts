/**
 * Atom 1.0 (RFC 4287) serializer. Titles, subtitles and summaries are `type="text"`; content is
 * `type="html"`, escaped (never CDATA).
 */
import { copyrightOf, type Person, type SiteConfig } from '../model.js';
import { itemKey } from './fragment-cache.js';
import type { RenderInput, RenderItem } from './render-feed.js';
import {
  articleTerms,
  FH_NS,
  historyLinks,
  cleanText,
  FORMAT_ORDER,
  feedAuthors,
  formatRfc3339,
  hasTitle,
  itemAuthors,
  languageCode,
  mixesLanguages,
  MEDIA_TYPE,
  summaryOrTitle,
  toUri,
} from './formats.js';
import { joinParts, type Part } from './parts.js';
import { declareNamespaces, el, memoFragment, serializeXmlParts, textEl, type XmlElement } from './xml.js';
import { stripInvalidXmlChars } from './xml-chars.js';

/** The Atom namespace (the default namespace of the document). */
export const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Prefixed namespaces Atom output may use; only those used are declared. */
export const ATOM_EXTENSION_NAMESPACES: Readonly<Record<string, string>> = {
  media: 'http://search.yahoo.com/mrss/',
  fh: FH_NS,
};

/** Depth at which entries are serialized (children of `<feed>`). */
export const ATOM_ENTRY_DEPTH = 1;

/**
 * `updated` of an empty feed: Atom requires the element, and a fixed value keeps output stable (the
 * newest item of the site would rewrite every empty feed at each publication). 2000-01-01T00:00:00Z, not the
 * epoch: the W3C Feed Validation Service warns of a date before 1990 (ImplausibleDate), and readers
 * showed "updated 1970-01-01".
 */
export const EMPTY_FEED_UPDATED = Date.UTC(2000, 0, 1);

/**
 * An address as RFC 4287 §3.2.3 wants atom:email ("MUST conform to the addr-spec production in RFC 2822"):
 * a dot-atom local part, `@`, a domain of dot-separated labels. Quoted local parts and domain literals, which
 * the grammar allows and no reader shows, are left out with the rest.
 */
const ADDR_SPEC =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * The address to write as atom:email, or undefined: the value trimmed, or the part in angle brackets of
 * a `Name <address>` value (a common way to write one), when that is an addr-spec. Anything else
 * (`a b@x.org`, `a@x.org, b@x.org`, a folded line) would make the feed invalid: the address is left out.
 *
 * @example atomEmail('Ada Chen <ada@example.org>') // 'ada@example.org'
 */
export function atomEmail(value: string): string | undefined {
  const trimmed = stripInvalidXmlChars(value).trim();
  const address = /^[^<>]*<([^<>]+)>$/.exec(trimmed)?.[1]?.trim() ?? trimmed;
  return ADDR_SPEC.test(address) ? address : undefined;
}

function person(tag: 'author', p: Person): XmlElement {
  const email = p.email === undefined ? undefined : atomEmail(p.email);
  return el(tag, {}, [
    textEl('name', p.name, undefined, 'hex'),
    p.url !== undefined && p.url.trim() !== '' && textEl('uri', toUri(p.url)),
    email !== undefined && textEl('email', email),
  ]);
}

/** One `<entry>`; `multi` when the feed mixes languages (each entry then carries its own xml:lang). */
export function atomEntry(site: SiteConfig, multi: boolean, item: RenderItem): XmlElement {
  const { article, html } = item;
  const summary = cleanText(article.summary) !== '' ? article.summary : html === '' ? summaryOrTitle(article) : '';
  const code = languageCode(site, article.lang);
  return el('entry', { 'xml:lang': multi ? code : undefined }, [
    textEl('id', article.id),
    // Required (RFC 4287 §4.1.2), and empty for an untitled article: valid, the W3C validator only
    // recommends text (NotBlank, a warning). Such an entry always has a summary (see `hasTitle`). An empty
    // one goes without `type` ("text" is the default): rss-parser reads `<title type="text"></title>` as an
    // object, which crashes an app that prints it.
    hasTitle(article) ? textEl('title', article.title, { type: 'text' }, 'hex') : textEl('title', ''),
    el('link', { rel: 'alternate', type: 'text/html', href: toUri(article.url) }),
    ...item.alternates.map((alt) => el('link', { rel: 'alternate', type: 'text/html', hreflang: alt.hreflang, href: toUri(alt.href) })),
    // With translations, the entry's own page closes the set in its own language, as an HTML hreflang set
    // names the page itself. Readers take an entry's link from its first `alternate` (SimplePie, Miniflux)
    // or its last (Python's feedparser): both are the entry's page. A distinct type-and-hreflang pair, so
    // RFC 4287's one-alternate-per-pair rule holds.
    // A language without a code has no alternates (`translationIndex`), so `code` is there.
    item.alternates.length > 0 && code !== undefined && el('link', { rel: 'alternate', type: 'text/html', hreflang: code, href: toUri(article.url) }),
    textEl('published', formatRfc3339(article.published)),
    textEl('updated', formatRfc3339(article.updated)),
    ...itemAuthors(site, article).map((p) => person('author', p)),
    ...articleTerms(site, article).map((term) => el('category', { term, label: term })),
    summary !== '' && textEl('summary', summary, { type: 'text' }, 'hex'),
    html !== '' && textEl('content', html, { type: 'html' }, 'markup'),
    article.image !== undefined && el('media:thumbnail', { url: toUri(article.image) }),
  ]);
}

/**
 * Renders the feed as Atom 1.0. Pure: the same input gives the same bytes.
 *
 * @example
 * const xml = renderAtom(input); // '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" …'
 */
export function renderAtom(input: RenderInput): string {
  return joinParts(renderAtomParts(input));
}

/** The same document as {@link renderAtom}, in parts (items shared across feeds; see serializeXmlParts). */
export function renderAtomParts(input: RenderInput): Part[] {
  return serializeXmlParts(atomDocument(input));
}

/** The document {@link renderAtom} writes, as an element tree (its root, namespaces declared). */
export function atomDocument(input: RenderInput): XmlElement {
  const { site, feed, urls } = input;
  const alternates = FORMAT_ORDER.filter((f) => f !== 'atom' && site.feeds.formats.includes(f));
  const updated = feed.items.length > 0 ? feed.updated : EMPTY_FEED_UPDATED;
  const rights = copyrightOf(site, feed.lang);
  const root = el('feed', { xmlns: ATOM_NS, 'xml:lang': feed.languageCode }, [
    textEl('id', input.feedId),
    textEl('title', feed.title, { type: 'text' }, 'hex'),
    cleanText(feed.description) !== '' && textEl('subtitle', feed.description, { type: 'text' }, 'hex'),
    textEl('updated', formatRfc3339(updated)),
    // The site's page first: some parsers (feed-extractor, htmlparser2) take a feed's first link as its home page.
    el('link', { rel: 'alternate', type: 'text/html', href: toUri(feed.link) }),
    el('link', { rel: 'self', type: MEDIA_TYPE.atom, href: toUri(urls.atom) }),
    ...alternates.map((f) => el('link', { rel: 'alternate', type: MEDIA_TYPE[f], href: toUri(urls[f]) })),
    input.hub !== undefined && el('link', { rel: 'hub', href: toUri(input.hub) }),
    ...historyLinks(site, feed.history, 'atom').map((l) => el('link', { rel: l.rel, type: MEDIA_TYPE.atom, href: toUri(l.href) })),
    feed.history?.complete === true && el('fh:complete'),
    feed.history?.archive === true && el('fh:archive'),
    rights !== undefined && rights.trim() !== '' && textEl('rights', rights, { type: 'text' }, 'hex'),
    ...feedAuthors(site, feed.lang).map((p) => person('author', p)),
    textEl('generator', 'feedpub'),
    site.feeds.icon !== undefined && textEl('icon', toUri(site.feeds.icon)),
    site.feeds.logo !== undefined && textEl('logo', toUri(site.feeds.logo)),
    ...input.items.map((item) => {
      const multi = mixesLanguages(feed);
      return memoFragment(input.fragments?.xml, itemKey('atom', multi, item), ATOM_ENTRY_DEPTH, () => atomEntry(site, multi, item));
    }),
  ]);
  return declareNamespaces(root, ATOM_EXTENSION_NAMESPACES);
}
