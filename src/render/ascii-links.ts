/** One link linkify-it found: where it is in the text it was given, and what it links. */
export interface FoundLink {
  index: number;
  lastIndex: number;
  raw: string;
  text: string;
  url: string;
  schema: string;
}

/** What markdown-it asks of linkify-it to find links: in a text token, and where its inline rule sees `://`. */
export interface LinkMatcher {
  test(text: string): boolean;
  match(text: string): FoundLink[] | null;
  matchAtStart(text: string): FoundLink | null;
}

/** What markdown-it's inline rules see and which can be added before `linkify`. */
export interface InlineLinkState {
  readonly src: string;
  pos: number;
  readonly posMax: number;
  pending: string;
  /** The tokens so far: an escape or a character reference is one (`text_special`), whose text ends before the pending text. */
  readonly tokens: readonly { readonly type: string; readonly content: string }[];
}

/** A markdown-it instance, as far as bare links go. */
export interface BareLinkParser {
  readonly linkify: LinkMatcher;
  readonly inline: {
    readonly ruler: { before(name: string, rule: string, fn: (state: InlineLinkState, silent: boolean) => boolean): void };
  };
}

/** A character that is not ASCII. */
const NON_ASCII = /[^\0-\x7f]/;
const NON_ASCII_ALL = /[^\0-\x7f]/g;

function isAscii(code: number): boolean {
  return code <= 0x7f;
}

/**
 * `text` with every UTF-16 unit that is not ASCII replaced by a space, where linkify-it ends any link: the
 * same length, so a link found in it is at the same place in `text`, and is the same ASCII text.
 */
function asciiOnly(text: string): string {
  return NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, ' ') : text;
}

/**
 * Makes a markdown-it instance find bare links (`https://` URLs, `www.` addresses, e-mail addresses) as
 * Hugo 0.111's goldmark does next to text that is not ASCII, as a Chinese article is written:
 *
 * - a link is made of ASCII characters only: it ends before the first other character, as before a space
 *   (`详见 https://example.com/a。下一句` links `https://example.com/a`, a final `.` or `)` left out as before;
 *   a host in other characters, `https://例子.com`, is no link, nor one that goes on in them,
 *   `https://bücher.de`: see {@link hostCutShort});
 * - no link starts right after a character that is not ASCII (`见https://…`, `原文：https://…`,
 *   `（https://…）`, after an ideographic space): goldmark looks for one only at the start of a line, after
 *   an ASCII space, `(`, `*`, `_`, `~` or other Markdown, never inside a run of such text.
 *
 * linkify-it's own rules for ASCII text are left as they were. Call it before `skipLinklessText`, which
 * then answers for text without a link before any copy is made.
 *
 * @example keepBareLinksAscii(md); md.render('详见 https://example.com/a。下一句') // '<p>详见 <a href="https://example.com/a">https://example.com/a</a>。下一句</p>\n'
 */
export function keepBareLinksAscii(md: BareLinkParser): void {
  const linkify = md.linkify;
  const test = linkify.test.bind(linkify);
  const match = linkify.match.bind(linkify);
  const matchAtStart = linkify.matchAtStart.bind(linkify);

  linkify.test = (text) => test(asciiOnly(text));
  // An empty list, not null, when test() found a link that starts after a character that is not ASCII, or
  // whose host goes on in such characters: markdown-it reads the list test() promised.
  linkify.match = (text) =>
    match(asciiOnly(text))?.filter((link) => (link.index === 0 || isAscii(text.charCodeAt(link.index - 1))) && !linkHostCutShort(text, link)) ?? null;
  // The text from a scheme on (markdown-it's inline rule): cut before its first character that is not
  // ASCII, which ends the link as the end of the text does.
  // Looked for only within the link found: searching the rest of the text at every `://` took a body of
  // `a://` repeated (512 Ki characters) 35 s (a security review).
  linkify.matchAtStart = (text) => {
    const link = matchAtStart(text);
    if (link === null) return null;
    const cut = text.slice(0, link.lastIndex).search(NON_ASCII);
    const ascii = cut < 0 ? link : matchAtStart(text.slice(0, cut));
    return ascii === null || linkHostCutShort(text, ascii) ? null : ascii;
  };

  // markdown-it's inline rule links `scheme://` where it finds `://`, whatever is before the scheme: here
  // the `:` stays text when the scheme follows a character that is not ASCII, in the same run of text or
  // as the last of an escape or a character reference (`\）https://…`, `&#x4E2D;https://…`).
  md.inline.ruler.before('linkify', 'feedpub_bare_link_after_ascii', (state, silent) => {
    const pos = state.pos;
    const src = state.src;
    if (src.charCodeAt(pos) !== 0x3a /* : */ || src.charCodeAt(pos + 1) !== 0x2f || src.charCodeAt(pos + 2) !== 0x2f) return false;
    // The scheme as markdown-it finds it: at most 10 scheme characters back, within the pending text.
    const textStart = pos - state.pending.length;
    const min = pos - Math.min(10, state.pending.length, pos);
    let start = pos;
    while (start > min && SCHEME_CHAR.test(src.charAt(start - 1))) start--;
    if (start === pos) return false;
    const last = state.tokens[state.tokens.length - 1];
    let before: number;
    if (start > textStart) before = src.charCodeAt(start - 1);
    else if (last?.type === 'text_special') before = last.content.charCodeAt(last.content.length - 1);
    else return false;
    if (isAscii(before)) return false;
    if (!silent) state.pending += ':';
    state.pos++;
    return true;
  });
}

/** A character of a URL scheme (RFC 3986), as markdown-it's inline rule reads one backwards from `:`. */
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;

/** A letter, mark or digit that is not ASCII, right after a host or after a `.` or `-` that follows it. */
const HOST_GOES_ON = /^[.-]?(?![\0-\x7f])([\p{L}\p{M}\p{N}])/u;
/** A letter of a script that writes spaces between words, or a combining mark: a word of it goes on. */
const SPACED_WORD = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Armenian}\p{Script=Georgian}\p{M}]/u;

/**
 * Whether the ASCII host that ends at `end` of `text` is an internationalized one cut short: it goes on in
 * a letter, mark or digit that is not ASCII (after a `.` or `-` too), and it is a single label
 * (`https://b|ücher.de`, `https://www|.例子.com`: Hugo 0.111 links neither, its hosts need a dot), or that
 * character is of a script written with spaces, whose word it goes on (`https://www.b|ücher.de`, which Hugo
 * links as `https://www.b`). A whole host that CJK text follows stays a link, as in Hugo
 * (`https://example.com|中文`): Chinese and Japanese write no space there.
 *
 * @example hostCutShort('https://www.bücher.de', 13, 'www.b') // true
 */
export function hostCutShort(text: string, end: number, host: string): boolean {
  const next = HOST_GOES_ON.exec(text.slice(end, end + 3))?.[1];
  return next !== undefined && (!host.includes('.') || SPACED_WORD.test(next));
}

/**
 * Whether a link linkify-it found in `text` ends with its host ({@link hostCutShort}): no port, path, query
 * or fragment after it.
 */
function linkHostCutShort(text: string, link: FoundLink): boolean {
  let rest = link.raw.slice(link.schema === 'www.' ? 0 : link.schema.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  if (/[/?#]/.test(rest)) return false;
  const host = rest.slice(rest.lastIndexOf('@') + 1);
  return !host.includes(':') && hostCutShort(text, link.lastIndex, host);
}
