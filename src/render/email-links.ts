import { type FoundLink, hostCutShort } from './ascii-links.js';

/** What feedpub asks of linkify-it to add the e-mail addresses it finds to the links linkify-it finds. */
export interface EmailLinkFinder {
  set(options: { fuzzyEmail: boolean }): unknown;
  test(text: string): boolean;
  match(text: string): FoundLink[] | null;
}

/** Where an e-mail address may be found. */
export interface EmailOptions {
  /**
   * Whether a `"` or `'` that opens a quote (at the start of the text, after a space or `(`) comes before
   * an address: goldmark's typographer makes a curly quote of it, after which goldmark looks for links.
   */
  readonly afterOpeningQuote: boolean;
}

/**
 * Characters of an address's local part, as goldmark reads them (its `util.FindEmailIndex`: the HTML
 * standard's valid e-mail address): ASCII letters, digits and ``.!#$%&'*+/=?^_`{|}~-``.
 */
const LOCAL = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-") LOCAL[c.charCodeAt(0)] = 1;

function isLocal(code: number): boolean {
  return code < 128 && LOCAL[code] === 1;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * The domain after `@`, as goldmark reads it: labels of ASCII letters, digits and inner hyphens, at most
 * 63 characters each, separated by dots (a longer label ends the domain after its 63rd character, where a
 * letter or digit follows).
 * Sticky: read where `lastIndex` is; a label is read in at most 63 steps, so a domain in steps linear in it.
 */
const DOMAIN = /[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*/y;

/**
 * Whether goldmark would look for a link at `at` of a text run: at its start (a line's start, or right
 * after other Markdown: emphasis, a code span, a link, raw HTML), or after a space, `(`, `*`, `_` or `~`
 * (its linkify triggers; not a tab), or after an opening quote when the typographer is on.
 */
function mayStartAt(text: string, at: number, options: EmailOptions): boolean {
  if (at === 0) return true;
  const before = text.charCodeAt(at - 1);
  if (before === 0x20 || before === 0x28 /* ( */ || before === 0x2a /* * */ || before === 0x5f /* _ */ || before === 0x7e /* ~ */) return true;
  // A quote as written, or the stand-in the typographer's rule wrote for an opening one (goldmark-quotes.ts).
  if (!options.afterOpeningQuote || (before !== 0x22 /* " */ && before !== 0x27 /* ' */ && before !== 0xfdd0 && before !== 0xfdd2)) return false;
  const quoteBefore = at < 2 ? 0x20 : text.charCodeAt(at - 2);
  return quoteBefore === 0x20 || quoteBefore === 0x28;
}

/**
 * The e-mail addresses in a run of text, as Hugo 0.111's goldmark links them (GFM's extended e-mail
 * autolinks): a local part of {@link LOCAL} characters that starts with a letter or digit where goldmark
 * looks for a link ({@link mayStartAt}), `@`, and a {@link DOMAIN} with at least one dot, under any
 * top-level domain (`press@example.dev`, `a@b.c`, `a@1.2`); not followed by `-` or `_`
 * (`a.b-c_d@a.b-` is no link); a final `.` stays text. A domain label over 63 characters makes no address,
 * where goldmark links the address up to its 63rd character, nor a domain cut short by letters that are
 * not ASCII (`hostCutShort`). An address ends where another one may start:
 * `a@example.com@x.org` links `a@example.com`.
 *
 * Each character is read at most twice (once in the local part before an `@`, once in the domain after
 * the one before it), so the time is linear in the text.
 *
 * @example findEmailAddresses('Write to press@example.dev.', { afterOpeningQuote: true }) // one link: press@example.dev (index 9)
 */
export function findEmailAddresses(text: string, options: EmailOptions): FoundLink[] {
  const found: FoundLink[] = [];
  // No address starts before the end of the one before it.
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let run = at;
    while (run > from && isLocal(text.charCodeAt(run - 1))) run--;
    let start = run;
    while (start < at && !(isAlphanumeric(text.charCodeAt(start)) && mayStartAt(text, start, options))) start++;
    if (start === at) continue;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(text)?.[0];
    if (domain === undefined || !domain.includes('.')) continue;
    const end = at + 1 + domain.length;
    const next = text.charCodeAt(end);
    // A label over 63 characters makes no address (goldmark links its first 63): none is cut inside a
    // `{{< param >}}` placeholder, whose value would then not replace it.
    if (next === 0x2d /* - */ || next === 0x5f /* _ */ || isAlphanumeric(next)) continue;
    // Nor one whose domain goes on in letters that are not ASCII (`a@sub.bücher.de`; Hugo links `a@sub.b`).
    if (hostCutShort(text, end, domain)) continue;
    const raw = text.slice(start, end);
    found.push({ index: start, lastIndex: end, raw, text: raw, url: `mailto:${raw}`, schema: 'mailto:' });
    from = end;
  }
  return found;
}

/**
 * Makes linkify-it find e-mail addresses as goldmark does ({@link findEmailAddresses}) instead of by its own
 * fuzzy rule, which takes only the top-level domains on its list (`info@example.org` was linked,
 * `press@example.dev` was not) and starts an address after other punctuation (`x,a@example.com`). Its
 * `mailto:` links stay; of a link and an address that overlap, the one that starts first is kept.
 *
 * @example linkEmailAddresses(md.linkify, { afterOpeningQuote: true }); md.render('press@example.dev') // '<p><a href="mailto:press@example.dev">press@example.dev</a></p>\n'
 */
export function linkEmailAddresses(linkify: EmailLinkFinder, options: EmailOptions): void {
  linkify.set({ fuzzyEmail: false });
  const test = linkify.test.bind(linkify);
  const match = linkify.match.bind(linkify);
  const emails = (text: string): FoundLink[] => (text.includes('@') ? findEmailAddresses(text, options) : []);
  // linkify-it's own match() calls test() on what is left of the text, and takes the link test() found in
  // it: there, test() answers for linkify-it's links alone.
  let matching = false;
  linkify.test = (text) => test(text) || (!matching && emails(text).length > 0);
  linkify.match = (text) => {
    matching = true;
    let links: FoundLink[] | null;
    try {
      links = match(text);
    } finally {
      matching = false;
    }
    const addresses = emails(text);
    if (addresses.length === 0) return links;
    if (links === null || links.length === 0) return addresses;
    return merge(links, addresses);
  };
}

/**
 * linkify-it's links and the addresses, in order: of two that overlap, the one that starts first (goldmark
 * reads from left to right), linkify-it's at the same place (goldmark tries a URL before an address).
 */
function merge(links: readonly FoundLink[], addresses: readonly FoundLink[]): FoundLink[] {
  const all: FoundLink[] = [];
  let end = 0;
  let i = 0;
  let j = 0;
  while (i < links.length || j < addresses.length) {
    const link = links[i];
    const address = addresses[j];
    let next: FoundLink;
    if (address === undefined || (link !== undefined && link.index <= address.index)) {
      next = link as FoundLink;
      i++;
    } else {
      next = address;
      j++;
    }
    if (next.index < end) continue;
    all.push(next);
    end = next.lastIndex;
  }
  return all;
}
