import MarkdownIt from 'markdown-it';
import deflist from 'markdown-it-deflist';
import footnote from 'markdown-it-footnote';
import type { MarkdownExtensions } from '../model.js';
import type { RendererRule, StateCore, Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { sha256 } from '../sha256.js';
import {
  paramKey,
  type ResolvedRefs,
  refKey,
  refTarget,
  type ShortcodeCall,
  shortcodeCalls,
  shortcodeParams,
  type ShortcodeParams,
} from '../parse/shortcodes.js';
import { toUri } from './formats.js';
import { useDefinitionLists } from './definition-terms.js';
import { keepNormalizedInput } from './normalized-input.js';
import { keepPlainLinks } from './plain-links.js';
import { keepBareLinksAscii } from './ascii-links.js';
import { linkEmailAddresses } from './email-links.js';
import { promoteLazySource, unwrapNoscriptImages } from './lazy-images.js';
import { linkWwwAddresses } from './www-links.js';
import { endLinksAsGoldmark } from './link-ends.js';
import { useGoldmarkFlanking } from './goldmark-emphasis.js';
import { useGoldmarkQuotes } from './goldmark-quotes.js';
import { useGoldmarkLinkDefinitions } from './link-definitions.js';
import { useLinearNestedQuotes } from './nested-quotes.js';
import { useGoldmarkLinkEmphasis } from './link-emphasis.js';
import { useGoldmarkTables } from './goldmark-tables.js';
import { countHtml, SUMMARY_DIVIDER, useHtmlFloor } from './html-floor.js';
import { useDepthGuard } from './depth-guard.js';
import { useGoldmarkStrikethrough } from './goldmark-strikethrough.js';
import { scanTextRuns } from './text-runs.js';
import { angleQuoteOpen, attributeBlock, dropHeadingAttributes, goldmarkReplacements, renderFootnotesAsGoldmark, useFootnotes } from './goldmark-extensions.js';
import { skipLinklessText } from './skip-linkless-text.js';
import { excerpt } from './plain-text.js';
import { altText } from './image-alt.js';
import { goldmarkComment } from './goldmark-comments.js';
import { stripInvalidXmlChars } from './xml-chars.js';
import { dropFinalLineBreak } from './final-line-break.js';
import { type EmojiTable, emojify } from './emoji.js';

/** The HTML of one article, ready to go into a feed. */
export interface ArticleHtml {
  /** Sanitized, absolute-URL HTML of the whole body (the `<!--more-->` marker removed). */
  readonly html: string;
  /** Sanitized HTML of the part before `<!--more-->` when the marker is present, else undefined. */
  readonly lead?: string;
  /** First image src in the body (absolute), if any. */
  readonly firstImage?: string;
  /** Relative URLs that were rewritten (as written, each once), for `feedpub check` to report. */
  readonly rewritten: readonly string[];
}

// ---------------------------------------------------------------------------------------------------
// Markdown

/** A task-list item's leading `[ ]` / `[x]`. */
const TASK_MARK = /^\[([ xX])\](?=\s|$)/;
/** The only style markdown-it writes: a table column's alignment. */
const TEXT_ALIGN = /^text-align:(left|right|center)$/;
const MORE = new RegExp(SUMMARY_DIVIDER, 'i');
const MORE_ALL = new RegExp(SUMMARY_DIVIDER, 'gi');
const MORE_ONLY = new RegExp(`^\\s*${SUMMARY_DIVIDER}\\s*$`, 'i');

/** What one render found out and collected; travels in markdown-it's `env`. */
class RenderState {
  /** Relative URLs rewritten, as written, in first-seen order. */
  readonly rewritten = new Set<string>();
  /** First Markdown image (used when the document has no raw HTML). */
  firstImage: string | undefined = undefined;
  /** The document contains raw HTML other than `<!--more-->`: it must go through the sanitizer. */
  rawHtml = false;
  /** Where the first `<!--more-->` is: its own top-level block, or anywhere else. */
  marker: 'top' | 'nested' | undefined = undefined;
  constructor(
    readonly base: URL,
    /** The values of the `{{< param >}}` placeholders in the Markdown, when it has any. */
    readonly insertions?: Insertions,
    /** The baseURL a leading `/` stands for, with Hugo's `canonifyURLs`. */
    readonly canonify?: string,
  ) {}
}

const STATE = Symbol('feedpub.render');

/** The `env` markdown-it hands to every rule: feedpub keeps its render state under a private symbol. */
type Env = { readonly [STATE]?: unknown } | undefined;

function stateOf(env: Env): RenderState | undefined {
  const state = env?.[STATE];
  return state instanceof RenderState ? state : undefined;
}

/**
 * Post-parse pass: task-list marks become ☐ / ☑ characters (no `<input>`) when `taskList`, column alignment
 * becomes an `align` attribute (no `style`), and raw HTML is detected.
 */
function inspectTokens(state: StateCore, taskList: boolean): void {
  const render = stateOf(state.env);
  const tokens = state.tokens;
  for (const [i, token] of tokens.entries()) {
    if (token.type === 'inline') {
      const first = token.children?.[0];
      if (taskList && first?.type === 'text' && tokens[i - 1]?.type === 'paragraph_open' && tokens[i - 2]?.type === 'list_item_open') {
        const mark = TASK_MARK.exec(first.content);
        if (mark) first.content = (mark[1] === ' ' ? '\u2610' : '\u2611') + first.content.slice(3);
      }
      for (const child of token.children ?? []) {
        if (child.type !== 'html_inline' || render === undefined) continue;
        if (MORE_ONLY.test(child.content)) render.marker ??= 'nested';
        else render.rawHtml = true;
      }
    } else if (token.type === 'th_open' || token.type === 'td_open') {
      const align = TEXT_ALIGN.exec(String(token.attrGet('style') ?? ''))?.[1];
      token.attrs = align === undefined ? null : [['align', align]];
    } else if (token.type === 'html_block' && render !== undefined) {
      if (MORE_ONLY.test(token.content)) render.marker ??= token.level === 0 ? 'top' : 'nested';
      else render.rawHtml = true;
    }
  }
}

/** URLs of Markdown links and images: absolute, or dropped when their scheme is not allowed. */
const linkOpen: RendererRule = (tokens, idx, options, env, renderer) => {
  const token = tokens[idx];
  const render = stateOf(env);
  if (token !== undefined && render !== undefined) rewriteTokenUrl(token, 'href', render, LINK_PROTOCOLS);
  return renderer.renderToken(tokens, idx, options);
};

const image: RendererRule = (tokens, idx, options, env, renderer) => {
  const token = tokens[idx];
  const render = stateOf(env);
  if (token !== undefined && render !== undefined) {
    const src = rewriteTokenUrl(token, 'src', render, MEDIA_PROTOCOLS);
    // An image whose URL a feed may not carry would show nothing: it goes, as such an image in raw HTML does.
    if (src === undefined) return '';
    render.firstImage ??= src;
    // Alt is the image description as plain text.
    const alt = token.attrIndex('alt');
    const attr = token.attrs?.[alt];
    if (attr !== undefined) attr[1] = altText(token.children ?? []);
  }
  return renderer.renderToken(tokens, idx, options);
};

/**
 * A code fence whose info string holds a param's value: its language is the value's first word, as for one
 * written there (Hugo would name the whole value in its class), so the class stays one `language-*`.
 */
function fenceWithParams(fence: RendererRule | undefined): RendererRule {
  return (tokens, idx, options, env, renderer) => {
    const token = tokens[idx];
    const insertions = stateOf(env)?.insertions;
    if (token !== undefined && insertions !== undefined) token.info = insertions.restore(token.info);
    return fence === undefined ? renderer.renderToken(tokens, idx, options) : fence(tokens, idx, options, env, renderer);
  };
}

function rewriteTokenUrl(token: Token, name: string, render: RenderState, protocols: ReadonlySet<string>): string | undefined {
  const index = token.attrIndex(name);
  // markdown-it makes every link with its `href` and every image with its `src`, and renders each token once.
  const attr = token.attrs?.[index] as [string, string];
  // A param's value in a link's destination is checked and resolved as the URL it makes.
  const written = render.insertions === undefined ? String(attr[1]) : render.insertions.restore(String(attr[1]));
  const url = absolute(written, { base: render.base, rewritten: render.rewritten, canonify: render.canonify }, protocols);
  if (url === undefined) token.attrs?.splice(index, 1);
  else attr[1] = url;
  return url;
}

/** Hugo's defaults: every goldmark extension feedpub renders is on. */
const HUGO_MARKDOWN: MarkdownExtensions = { footnote: true, definitionList: true, typographer: true, headingAttributes: true };

/**
 * A markdown-it instance for a site's extensions, one per combination, shared: building one is far more
 * expensive than rendering a page. `xhtmlOut` makes void elements look as the sanitizer writes them
 * (`<br />`), so both paths give the same markup.
 */
function markdownIt(extensions: MarkdownExtensions): MarkdownIt {
  const hardWraps = extensions.hardWraps === true;
  const linkify = extensions.linkify !== false;
  const taskList = extensions.taskList !== false;
  const key = [
    extensions.footnote,
    extensions.definitionList,
    extensions.typographer,
    extensions.headingAttributes,
    hardWraps,
    linkify,
    extensions.table !== false,
    extensions.strikethrough !== false,
    taskList,
    extensions.attributeBlock === true,
  ]
    .map(Number)
    .join('');
  let md = instances.get(key);
  if (md !== undefined) return md;
  // `breaks`: goldmark's `hardWraps` (a soft line break is a `<br />`, then the newline). Without `linkify`,
  // markdown-it's linkify rules, and so feedpub's around them (`keepBareLinksAscii`, `www.` addresses), find nothing.
  md = new MarkdownIt('default', { html: true, linkify, typographer: extensions.typographer, xhtmlOut: true, breaks: hardWraps });
  // Blocks nested past markdown-it's limit are kept as text, not dropped (src/render/depth-guard.ts).
  useDepthGuard(md);
  // Given an allowance, reading stops once the blocks read make more HTML (src/render/html-floor.ts).
  useHtmlFloor(md);
  // Quotes nested on one line read their lazy lines once, not once a level (src/render/nested-quotes.ts).
  useLinearNestedQuotes(md);
  // Tables as goldmark makes them, of a paragraph's lines (src/render/goldmark-tables.ts).
  if (extensions.table === false) md.disable('table');
  // Before the definition lists' rules, which then read a paragraph without a table.
  else useGoldmarkTables(md, { definitionLists: extensions.definitionList });
  if (extensions.strikethrough === false) md.disable('strikethrough');
  // Runs of `~` paired as goldmark pairs them (`~~~a~~~` is two strikes; src/render/goldmark-strikethrough.ts).
  else useGoldmarkStrikethrough(md);
  // A strike is `<del>`, as GFM's spec and goldmark write it (markdown-it writes `<s>`).
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  // Links are made of URLs with a scheme, `www.` addresses and e-mail addresses, never of bare words with a dot in them
  // ("the research.Mu fans" is not a link to http://research.Mu): linkify-it 5's fuzzy links are off,
  // as they are by default in linkify-it 6 (markdown-it 15).
  md.linkify.set({ fuzzyLink: false });
  // Every link and image destination is parsed as one (`[x](javascript:…)` is a link, as goldmark reads
  // it, not literal text): the `link_open` and `image` rules below then drop a URL whose scheme a feed may
  // not carry, keeping the text, as Hugo keeps it (goldmark writes `href=""`). markdown-it's own check
  // would leave the whole `[x](…)` in the item as written.
  md.validateLink = () => true;
  // A bare ftp:// URL stays text: a link may not lead there (LINK_PROTOCOLS), and an `<a>` without `href` is dead.
  md.linkify.add('ftp:', null);
  linkWwwAddresses(md.linkify);
  keepBareLinksAscii(md);
  // E-mail addresses under any top-level domain, where goldmark finds them (after an opening quote that the
  // typographer curls).
  linkEmailAddresses(md.linkify, { afterOpeningQuote: extensions.typographer });
  // Without a final run of `?!.,:*_~`, as goldmark ends a bare link (`_see https://example.org/a_` is emphasis).
  endLinksAsGoldmark(md.linkify);
  skipLinklessText(md.linkify);
  keepPlainLinks(md);
  keepNormalizedInput(md);
  // A `<!--` that opens no comment as goldmark reads one is text (markdown-it's comments are CommonMark 0.31's).
  md.inline.ruler.before('html_inline', 'feedpub_goldmark_comment', goldmarkComment);
  useGoldmarkLinkDefinitions(md);
  useGoldmarkFlanking(md);
  useGoldmarkLinkEmphasis(md);
  // With the typographer, a text run ends at each quote, for goldmark's quotes to decide it.
  scanTextRuns(md, extensions.typographer);
  if (extensions.footnote) {
    useFootnotes(md, footnote);
    // goldmark has no inline notes (`^[text]`): Hugo shows them as written, and `^[a-z]` is often a regex.
    md.inline.ruler.disable('footnote_inline');
    renderFootnotesAsGoldmark(md, (fragment, env) => {
      const base = stateOf(env as Env)?.base;
      return base === undefined ? fragment : new URL(fragment, base).href;
    });
    // A note defined inside another note (`[^1]: > [^2]: x`) ends the outer one early in
    // markdown-it-footnote, which leaves end tags without their start tags: such a body is sanitized.
    md.core.ruler.before('footnote_tail', 'feedpub_nested_notes', (state) => {
      const render = stateOf(state.env as Env);
      if (render !== undefined && state.tokens.some((t) => t.type === 'footnote_reference_open' && t.level > 0)) render.rawHtml = true;
    });
  }
  if (extensions.definitionList) useDefinitionLists(md, deflist);
  if (extensions.typographer) {
    md.core.ruler.at('replacements', goldmarkReplacements);
    md.inline.ruler.before('html_inline', 'feedpub_angle_quote', angleQuoteOpen);
    useGoldmarkQuotes(md);
  }
  if (extensions.headingAttributes) md.core.ruler.after('block', 'feedpub_heading_attributes', dropHeadingAttributes);
  if (extensions.attributeBlock === true) {
    md.block.ruler.before('table', 'feedpub_attribute_block', attributeBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  }
  md.core.ruler.push('feedpub_inspect', (state) => inspectTokens(state, taskList));
  md.renderer.rules.link_open = linkOpen;
  md.renderer.rules.image = image;
  md.renderer.rules.fence = fenceWithParams(md.renderer.rules.fence);
  instances.set(key, md);
  return md;
}
const instances = new Map<string, MarkdownIt>();

/** The instance for Hugo's defaults, also for what needs no site (link text normalizing). */
const md = markdownIt(HUGO_MARKDOWN);

// ---------------------------------------------------------------------------------------------------
// Hugo shortcodes

/**
 * Text as HTML text or a double-quoted attribute value: `&`, `<`, `>` and `"` as references.
 *
 * @example escapeHtml('a < "b"') // 'a &lt; &quot;b&quot;'
 */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Hugo's built-in `figure` as the HTML Hugo 0.111's template makes of it (an image the feed would otherwise
 * lose): the image (linked when `link` is given; its `alt` the caption's text when it has none), and a
 * caption of the `title` as a heading and the `caption` and `attr` as Markdown (Hugo's `markdownify`), `attr`
 * linked to `attrlink` after a space (the template's line break); without a `src`, the caption alone. `asMarkdown` (a `{{% figure %}}` call,
 * whose HTML Hugo puts in the Markdown) ends it with the template's last line break: the line after the
 * call is then a paragraph of its own, not the HTML block's. `class`, `target` and `rel`, which the
 * template also writes, are left out: feeds drop them.
 */
function figureHtml({ named }: ShortcodeParams, inline: (markdown: string) => string, asMarkdown: boolean): string {
  const given = (name: string): string | undefined => {
    const value = named.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const attr = (name: string, value: string | undefined): string => (value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`);
  const src = given('src');
  const caption = given('caption');
  const title = given('title');
  const credit = given('attr');
  // Without a `src` Hugo writes `<img src="">` (linked to `link`, if given), which shows nothing: the caption
  // alone is kept, and a figure with neither is nothing.
  if (src === undefined && title === undefined && caption === undefined && credit === undefined) return '';
  let img = '';
  if (src !== undefined) {
    const alt = given('alt') ?? (caption === undefined ? undefined : excerpt(inline(caption), caption.length));
    img = `<img${attr('src', src)}${attr('alt', alt)}${attr('width', given('width'))}${attr('height', given('height'))}>`;
    const link = given('link');
    if (link !== undefined) img = `<a${attr('href', link)}>${img}</a>`;
  }
  const end = asMarkdown ? '</figure>\n' : '</figure>';
  if (title === undefined && caption === undefined && credit === undefined) return `<figure>${img}${end}`;
  const attrlink = given('attrlink');
  const creditHtml = credit === undefined ? '' : inline(credit);
  const text =
    caption === undefined && credit === undefined
      ? ''
      : `<p>${caption === undefined ? '' : inline(caption)}${attrlink === undefined ? creditHtml : ` <a${attr('href', attrlink)}>${creditHtml}</a>`}</p>`;
  return `<figure>${img}<figcaption>${title === undefined ? '' : `<h4>${escapeHtml(title)}</h4>`}${text}</figcaption>${end}`;
}

/** Built-in video shortcodes become a plain link to the video. */
function videoLink(prefix: string, { positional, named }: ShortcodeParams): string {
  const id = named.get('id') ?? positional[0];
  if (id === undefined || id === '') return '';
  return plainLink(prefix + encodeURIComponent(stripInvalidXmlChars(id)));
}

/** A link whose text is its URL, as feeds show an embed (readers drop scripts and iframes). */
function plainLink(href: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`;
}

/** One path segment of a link: the value, percent-encoded. */
function segment(value: string): string {
  return encodeURIComponent(stripInvalidXmlChars(value));
}

/** `{{< gist user id [file] >}}` (Hugo embeds the gist's script): a link to the gist. */
function gistLink({ positional }: ShortcodeParams): string {
  const [user, id] = positional;
  if (user === undefined || user === '' || id === undefined || id === '') return '';
  return plainLink(`https://gist.github.com/${segment(user)}/${segment(id)}`);
}

/**
 * `{{< tweet user="x" id="n" >}}` (Hugo 0.111's form; `twitter` and `twitter_simple` too), or the older
 * `{{< tweet n >}}`, for which Hugo asks Twitter for user `x`: a link to the post.
 */
function tweetLink({ positional, named }: ShortcodeParams): string {
  const id = named.get('id') ?? positional[0];
  if (id === undefined || id === '') return '';
  const user = named.get('user') || 'x';
  return plainLink(`https://twitter.com/${segment(user)}/status/${segment(id)}`);
}

/** `{{< instagram id [hidecaption] >}}` (and `instagram_simple`): a link to the post. */
function instagramLink({ positional, named }: ShortcodeParams): string {
  const id = named.get('id') ?? positional[0];
  if (id === undefined || id === '') return '';
  return plainLink(`https://www.instagram.com/p/${segment(id)}/`);
}

/**
 * Hugo's html/template escaping of a shortcode's output (text context): `&`, `<`, `>`, both quotes and
 * `+` as references, NUL as U+FFFD.
 *
 * @example goHtmlEscape('a"b+c') // 'a&#34;b&#43;c'
 */
function goHtmlEscape(text: string): string {
  return text.replace(/[\0"&'+<>]/g, (c) => GO_HTML_ESCAPES[c] ?? c);
}
const GO_HTML_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\uFFFD',
  '"': '&#34;',
  '&': '&amp;',
  "'": '&#39;',
  '+': '&#43;',
  '<': '&lt;',
  '>': '&gt;',
};

/**
 * What a `param` call shows (see `Article.params`), as Hugo 0.111 runs it: the value escaped by Hugo's
 * template ({@link goHtmlEscape}). `{{% param %}}` puts it in the Markdown, which renders it (`*x*`
 * becomes emphasis, a blank line in it ends a paragraph, `&#34;` in a code span shows as written);
 * `{{< param >}}` puts a placeholder there, and the value goes into the rendered HTML in its place
 * ({@link Insertions}): as text, in a code span or block, in an attribute, never read as Markdown.
 */
function paramCall(call: ShortcodeCall, params: ReadonlyMap<string, string>, insertions: () => Insertions, shown: { chars: number }): string {
  const key = paramKey(call);
  const value = key === undefined ? undefined : params.get(key);
  if (value === undefined) return '';
  const text = stripInvalidXmlChars(value.replace(/\0/g, '\uFFFD'));
  shown.chars += text.length;
  if (shown.chars > MAX_PARAM_CHARS)
    throw new RangeError(`its param shortcodes show over ${MAX_PARAM_CHARS} characters, more than feedpub puts in one article`);
  return call.open === '%' ? goHtmlEscape(text) : insertions().placeholder(text);
}

/**
 * Characters an article's `param` calls may show in all: a short body can call a long value thousands of
 * times (4,000 calls of a 60,000-character front matter value made 240 MB of HTML; in `{{% %}}` calls, as
 * much Markdown to read), where an item's HTML is at most a quarter of a feed's 1 MiB by default. Over it,
 * rendering throws, and the article goes out without its content (`content-failed`).
 */
export const MAX_PARAM_CHARS = 4 * 1024 * 1024;

/**
 * Values that go into an article's rendered HTML where a `{{< >}}` call stood, as Hugo inserts the output
 * of every `{{< >}}` shortcode: the Markdown holds a placeholder, letters and digits that Markdown leaves
 * as they are in text, code spans, code blocks, link destinations and HTML attributes, and each
 * placeholder of the HTML is then replaced with its value (see {@link insert}): a `param`'s or a `ref`'s
 * text, escaped, or the HTML a `figure` or a `highlight` makes, as it is (the HTML is then sanitized). So
 * the call's output is never read as Markdown, and it ends no paragraph, list item or quote: a figure
 * right after a paragraph's line, or in a list item's, is in that paragraph, as on Hugo's page. A
 * placeholder cannot be forged: it starts with a digest of the Markdown, the params and the refs it was
 * made for, so a text that holds one would hold a digest of itself.
 */
class Insertions {
  readonly #values: string[] = [];
  /** Which values are HTML, by index: those the sanitizer must see (a figure's), and code blocks, escaped already. */
  readonly #html = new Map<number, 'unchecked' | 'escaped'>();
  /** Characters of the HTML values: each may be inserted once beyond {@link MAX_PARAM_CHARS}. */
  #htmlChars = 0;
  #sanitize = false;
  readonly #prefix: string;
  readonly #all: RegExp;
  readonly #alone: RegExp;

  constructor(markdown: string, params: ReadonlyMap<string, string>, refs: ResolvedRefs | undefined) {
    this.#prefix = `feedpub${sha256(JSON.stringify([markdown, [...params], [...(refs ?? [])]])).slice(0, 32)}v`;
    this.#all = new RegExp(`${this.#prefix}(\\d+)z`, 'g');
    // Hugo's replacement drops the `<p>` and `</p>` right around a placeholder (a call alone in a paragraph).
    this.#alone = new RegExp(`<p>${this.#prefix}(\\d+)z</p>|${this.#prefix}(\\d+)z`, 'g');
  }

  /** The placeholder of `value` (raw text), to put in the Markdown. */
  placeholder(value: string): string {
    this.#values.push(value);
    return `${this.#prefix}${this.#values.length - 1}z`;
  }

  /**
   * The placeholder of `html`, put in the rendered HTML as it is: `escaped` when it is a code block of
   * escaped text, which needs no sanitizing where it stands alone (it is HTML the renderer writes).
   */
  placeholderHtml(html: string, kind: 'unchecked' | 'escaped' = 'unchecked'): string {
    this.#html.set(this.#values.length, kind);
    this.#htmlChars += html.length;
    if (kind === 'unchecked') this.#sanitize = true;
    return this.placeholder(html);
  }

  /**
   * Whether the HTML must be sanitized once its placeholders are replaced: it holds a figure, or a code block
   * inside a paragraph (as in Hugo's page, which an HTML parser, a reader's as a browser's, reads as the
   * paragraph ended before the block; the sanitizer writes it so).
   */
  get sanitize(): boolean {
    return this.#sanitize;
  }

  /** `text` (an attribute's value before markdown-it escapes it: a link's URL) with its placeholders' values as they are. */
  restore(text: string): string {
    return text.includes(this.#prefix) ? text.replace(this.#all, (_, i: string) => this.#values[Number(i)] ?? '') : text;
  }

  /**
   * Rendered HTML with each placeholder replaced by its value: HTML as it is, text escaped, `&`, `<`, `>`
   * and `"` as references wherever it lands (text, code, a double-quoted attribute); `'` too when the HTML
   * is sanitized after (it may stand in a single-quoted attribute of raw HTML; the sanitizer writes it
   * back as `'`).
   */
  insert(html: string, sanitized: boolean): string {
    if (!html.includes(this.#prefix)) return html;
    const escaped = sanitized ? (v: string) => escapeHtml(v).replace(/'/g, '&#39;') : escapeHtml;
    // Counted where they land, not where they are called: a link reference's title is copied into every
    // link that uses it (a review made 500 MB of HTML from one call under the 4 Mi cap of the calls).
    const limit = MAX_PARAM_CHARS + this.#htmlChars;
    let inserted = 0;
    return html.replace(this.#alone, (_, alone: string | undefined, inline: string | undefined) => {
      const index = Number(alone ?? inline);
      const raw = this.#values[index] ?? '';
      const kind = this.#html.get(index);
      if (kind !== undefined && alone === undefined) this.#sanitize = true;
      const value = kind === undefined ? escaped(raw) : raw;
      inserted += value.length;
      if (inserted > limit) throw new RangeError(`its shortcodes show over ${limit} characters, more than feedpub puts in one article`);
      return value;
    });
  }
}

/** Most characters of link and image attributes (URLs, titles) one article's HTML may hold, whatever its size. */
const MAX_LINK_ATTRIBUTE_CHARS = 16 * 1024 * 1024;

/**
 * Throws a RangeError when the links and images of `tokens` hold more attribute text than an article can
 * need: markdown-it copies a link reference's URL and title into every link that uses it, so 500 uses of
 * one reference with a 100,000-character title made 50 MB of HTML from a 107 KB body (and a param's value
 * there 500 MB). The rendered HTML is not made; the article goes out without its content (`content-failed`).
 */
function checkLinkAttributes(tokens: readonly Token[], sourceChars: number): void {
  const limit = Math.max(MAX_LINK_ATTRIBUTE_CHARS, 4 * sourceChars);
  let chars = 0;
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.attrs === null) continue;
      for (const [, value] of child.attrs) chars += value.length;
    }
    if (chars > limit)
      throw new RangeError(
        `its links and images hold over ${limit} characters of URLs and titles (a link reference used many times), more than feedpub renders for one article`,
      );
  }
}

/**
 * A URL as it may stand wherever a shortcode call stood (a Markdown link's destination, an HTML attribute,
 * text): a URI (`toUri`: no space, `<`, `>`, `"` or control character), with the parentheses and quotes
 * that would end a link destination or an attribute percent-encoded too (a page whose `url` is `/x)y/`).
 *
 * @example inlineUrl('https://example.com/x)y/') // 'https://example.com/x%29y/'
 */
function inlineUrl(url: string): string {
  return toUri(url).replace(/[()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A backtick fence longer than any backtick run in `src`. */
function fenceFor(src: string): string {
  let longest = 2;
  for (const run of src.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  return '`'.repeat(longest + 1);
}

/**
 * Replaces Hugo shortcodes in Markdown, as Hugo itself does before rendering (also inside code):
 * `figure` becomes an `<img>` in a `<figure>`; `youtube`, `vimeo`, `gist`, `tweet` and `instagram` (and
 * their `_simple` forms, and `twitter`) a link to the video or post; `highlight` a code block (an empty
 * one when self-closed, `{{< highlight go />}}`, as Hugo 0.111 writes it);
 * `ref`/`relref` the URL `refs` resolved for it (nothing when it has none); `param` its value in `params`
 * (nothing when it has none). The output of a `{{< >}}` call of `figure`, `highlight`, `ref` or `param`
 * goes into the rendered HTML, as Hugo puts it there ({@link Insertions}); a `{{% %}}` call's into the
 * Markdown (a `highlight`'s as a fenced code block). Every other shortcode is removed, keeping the inner
 * Markdown of paired ones (parsing reports it: `shortcode-removed`). The escaped form (the call's text in
 * a block comment's delimiters) becomes the literal `{{< x >}}`. With `emoji`, the aliases in the Markdown
 * outside the calls become emoji, as Hugo's `enableEmoji` makes them (not those in a call's parameters or
 * in what it shows).
 */
function expandShortcodes(
  src: string,
  refs: ResolvedRefs | undefined,
  inline: (markdown: string) => string,
  params: ReadonlyMap<string, string>,
  emoji: EmojiTable | undefined,
  html = false,
): { readonly source: string; readonly insertions: Insertions | undefined } {
  // The Markdown around the calls (a paired call's inner Markdown too), as Hugo's lexer finds aliases; in an
  // HTML body, a highlight's code is text, escaped.
  const markdownText = emoji === undefined ? (markdown: string) => markdown : (markdown: string) => emojify(markdown, emoji);
  let insertions: Insertions | undefined;
  const made = (): Insertions => {
    insertions ??= new Insertions(src, params, refs);
    return insertions;
  };
  const shown = { chars: 0 };
  // The Markdown made so far, in pieces: a highlight's end takes the line break before it off their end,
  // where taking it off one string (`out.replace(/\r?\n$/, '')`) copied all of it at each end.
  const out: string[] = [];
  let copied = 0;
  let fence: string | undefined;
  // Inside a highlight's code block: a closing call ends it; one with none open (Hugo fails the build) is removed.
  let highlighting = false;
  // Inside a `{{< highlight >}}` of Markdown: its code so far (the calls in it as their output), and its language.
  let code: { text: string; language: string } | undefined;
  const text = (between: string): string => (html && highlighting ? escapeHtml(between) : markdownText(between));
  /** A `{{< highlight >}}` call's code block, into the rendered HTML (the text of the calls in it as they are). */
  const codeBlock = ({ text, language }: { text: string; language: string }): string => {
    // Its language's first word, as a fence's info string names it.
    const word = language.trim().split(/\s+/)[0] ?? '';
    return made().placeholderHtml(
      `<pre><code${word === '' ? '' : ` class="language-${escapeHtml(word)}"`}>${escapeHtml(made().restore(text))}${text === '' ? '' : '\n'}</code></pre>`,
      'escaped',
    );
  };
  for (const call of shortcodeCalls(src)) {
    const before = text(src.slice(copied, call.start));
    if (code === undefined) out.push(before);
    else code.text += before;
    copied = call.end;
    const { open, name, args } = call;
    let shows = '';
    if (call.escaped) {
      // Hugo's escape for showing a shortcode call literally.
      shows = `{{${open}${call.raw.replace(/^(\s*)\/\*/, '$1').replace(/\*\/(\s*)$/, '$1')}${open === '<' ? '>' : '%'}}}`;
    } else if (name === 'highlight' && html) {
      // The code block the Markdown one renders to (`<pre><code class="language-go">`), written as HTML.
      const language = shortcodeParams(args).positional[0] ?? '';
      const open = `<pre><code${language === '' ? '' : ` class="language-${escapeHtml(language)}"`}>`;
      if (call.selfClosing) shows = `${open}</code></pre>`;
      else if (!call.closing) {
        shows = open;
        highlighting = true;
        if (src[copied] === '\n') copied += 1;
        else if (src.startsWith('\r\n', copied)) copied += 2;
      } else if (highlighting) {
        dropFinalLineBreak(out);
        out.push('\n</code></pre>');
        highlighting = false;
      }
    } else if (name === 'highlight' && open === '<' && !highlighting && (code === undefined || call.closing)) {
      // Hugo's highlighted block, as a plain one, where the call stood: in the paragraph (or list item, or
      // quote) whose line it is on, in place of the paragraph when alone in it.
      const language = shortcodeParams(args).positional[0] ?? '';
      if (call.selfClosing) shows = codeBlock({ text: '', language });
      else if (!call.closing) {
        code = { text: '', language };
        if (src[copied] === '\n') copied += 1;
        else if (src.startsWith('\r\n', copied)) copied += 2;
      } else if (code !== undefined) {
        const block = codeBlock({ ...code, text: code.text.replace(/\r?\n$/, '') });
        code = undefined;
        shows = block;
      }
    } else if (name === 'highlight' && code === undefined) {
      fence ??= fenceFor(src);
      if (call.selfClosing) {
        // `{{% highlight go /%}}` has no inner text: Hugo 0.111 writes an empty code block, and the rest is Markdown.
        shows = `\n${fence}${shortcodeParams(args).positional[0] ?? ''}\n${fence}\n`;
      } else if (!call.closing) {
        shows = `\n${fence}${shortcodeParams(args).positional[0] ?? ''}\n`;
        highlighting = true;
        if (src[copied] === '\n') copied += 1;
        else if (src.startsWith('\r\n', copied)) copied += 2;
      } else if (highlighting) {
        dropFinalLineBreak(out);
        out.push(`\n${fence}\n`);
        highlighting = false;
      }
    } else if (!call.closing) {
      const blocks = open === '<' && !html;
      if (name === 'figure')
        shows = blocks ? made().placeholderHtml(figureHtml(shortcodeParams(args), inline, false)) : figureHtml(shortcodeParams(args), inline, !html);
      else if (name === 'youtube') shows = videoLink('https://www.youtube.com/watch?v=', shortcodeParams(args));
      else if (name === 'vimeo' || name === 'vimeo_simple') shows = videoLink('https://vimeo.com/', shortcodeParams(args));
      else if (name === 'gist') shows = gistLink(shortcodeParams(args));
      else if (name === 'tweet' || name === 'twitter' || name === 'twitter_simple') shows = tweetLink(shortcodeParams(args));
      else if (name === 'instagram' || name === 'instagram_simple') shows = instagramLink(shortcodeParams(args));
      else if (name === 'param') shows = paramCall(call, params, made, shown);
      else if (refs !== undefined) {
        const target = refTarget(call);
        const url = target === undefined ? undefined : refs.get(refKey(target));
        // In the Markdown, a `{{% ref %}}` URL may be linked as a bare URL; Hugo's `{{< ref >}}` URL is text.
        if (url !== undefined) shows = blocks ? made().placeholder(inlineUrl(url)) : inlineUrl(url);
      }
    }
    if (code === undefined) out.push(shows);
    else code.text += shows;
  }
  if (code !== undefined) {
    // An unclosed `{{< highlight >}}`: its code runs to the end, as an unclosed fence does.
    out.push(codeBlock({ ...code, text: (code.text + text(src.slice(copied))).replace(/\r?\n$/, '') }));
    copied = src.length;
  }
  return { source: out.join('') + text(src.slice(copied)), insertions };
}

// ---------------------------------------------------------------------------------------------------
// URLs

/** A URL that names its scheme (WHATWG "absolute-URL-with-fragment string" prefix). */
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** `//host/x` (browsers also accept backslashes): keeps the host, takes the scheme from the base. */
const PROTOCOL_RELATIVE = /^[\\/]{2}/;
/** What the WHATWG URL parser ignores anywhere: tab and newlines (C0 controls and space at the ends too). */
const URL_IGNORED = /[\t\n\r]/g;
const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const MEDIA_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);
const PROTOCOL_RELATIVE_BASE = 'https://protocol-relative.invalid/';

/** Where URLs resolve, and where relative ones and the first image are noted (when given). */
interface UrlContext {
  readonly base: URL;
  /** Absent for the lead: it is a second pass over HTML whose URLs were already collected. */
  readonly rewritten?: Set<string>;
  firstImage?: string | undefined;
  /**
   * With Hugo's `canonifyURLs`, the baseURL (with its trailing slash) that a URL with one leading slash is
   * under in `src`, `href` and `srcset`: Hugo 0.111 puts it in place of that slash in the page's HTML
   * (`/images/a.png` → `https://example.org/blog/images/a.png`), not in `poster` or `cite`.
   */
  readonly canonify?: string | undefined;
}

/**
 * Without the C0 controls and spaces at its start, which the URL parser drops (it drops those at the end too,
 * and no check here looks there), for the scheme and `//` checks to see what it sees.
 */
function trimStartC0(s: string): string {
  let start = 0;
  while (start < s.length && s.charCodeAt(start) <= 0x20) start++;
  return s.slice(start);
}

/**
 * The absolute form of an attribute's URL, or undefined when the attribute must go: empty, unparsable,
 * or a scheme outside the allowlist (checked on the parsed URL, so `java&#x09;script:`, `JAVASCRIPT:` and
 * leading spaces are all seen as `javascript:`). A URL with one leading slash is under `ctx.canonify` when
 * the attribute is one Hugo canonifies (`canonical`).
 */
function absolute(raw: string, ctx: UrlContext, protocols: ReadonlySet<string>, canonical = true): string | undefined {
  const value = trimStartC0(raw.replace(URL_IGNORED, ''));
  if (value === '') return undefined;
  const relative = !HAS_SCHEME.test(value);
  let url: URL;
  try {
    // Hugo replaces the slash by the baseURL unless another `/` follows (`/\x` is under the baseURL too),
    // and only one right after the quote: ` /a.png` is left as written, which a browser puts at the host root.
    if (ctx.canonify !== undefined && canonical && raw.startsWith('/') && !raw.startsWith('//')) url = new URL(ctx.canonify + value.slice(1));
    else url = PROTOCOL_RELATIVE.test(value) ? new URL(value, PROTOCOL_RELATIVE_BASE) : new URL(value, ctx.base);
  } catch {
    return undefined;
  }
  if (!protocols.has(url.protocol)) return undefined;
  if (relative) ctx.rewritten?.add(stripInvalidXmlChars(md.normalizeLinkText(raw.trim())));
  return url.href;
}

/**
 * More commas in a row than a srcset candidate's URL may hold. sanitize-html's srcset parser (parse-srcset)
 * takes a candidate's final commas off with `/[,]+$/`, which tries each comma of a run to the end: quadratic
 * in a long run inside the URL (`<img srcset="a,,,…,b, c 2x">`: 64 Ki commas took 2 s, 256 Ki 42 s). A
 * candidate with such a run (no image URL has one) is dropped, as one with a bad URL.
 */
const SRCSET_COMMA_RUN = ','.repeat(17);

/**
 * Each candidate of a `srcset` made absolute; candidates with a bad URL dropped (HTML "parse a srcset"), and
 * those with more than 16 commas in a row (`SRCSET_COMMA_RUN`).
 */
function absoluteSrcset(value: string, ctx: UrlContext): string | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    // Separators at the end leave an empty candidate: it has no URL, and goes as one with a bad URL does.
    while (i < value.length && /[\s,]/.test(value[i] ?? '')) i++;
    const start = i;
    while (i < value.length && !/\s/.test(value[i] ?? '')) i++;
    let url = value.slice(start, i);
    let descriptor = '';
    if (url.endsWith(',')) {
      url = withoutFinalCommas(url);
    } else {
      const from = i;
      let parens = false;
      for (; i < value.length; i++) {
        const c = value[i];
        if (c === '(') parens = true;
        else if (c === ')') parens = false;
        else if (c === ',' && !parens) break;
      }
      descriptor = value.slice(from, i).trim().replace(/\s+/g, ' ');
      i++;
    }
    const resolved = validDescriptors(descriptor) ? absolute(url, ctx, MEDIA_PROTOCOLS) : undefined;
    if (resolved !== undefined && !resolved.includes(SRCSET_COMMA_RUN)) out.push(descriptor === '' ? resolved : `${resolved} ${descriptor}`);
  }
  return out.length === 0 ? undefined : out.join(', ');
}

/**
 * `text` without the commas at its end. A loop: `/,+$/` tries each comma of a run to the end of the text,
 * quadratic in a candidate of many commas before its last character (`a,,,…,b,`: 64 Ki of them took 2 s).
 *
 * @example withoutFinalCommas('a.jpg,,') // 'a.jpg'
 */
function withoutFinalCommas(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2c /* , */) end--;
  return text.slice(0, end);
}

const NON_NEGATIVE_INTEGER = /^\d+$/;
const FLOATING_POINT = /^-?(?:\d+|\d*\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a srcset candidate's descriptors (space-separated) are valid, HTML "parse a srcset attribute"
 * step 13: at most one width (`640w`, above 0) or density (`1.5x`, not negative), never both, and a
 * height (`480h`, above 0) only without a density. A candidate that fails is dropped here, as a browser
 * drops it: sanitize-html would drop it too, but only after its srcset parser wrote the whole untrusted
 * attribute to stdout (`console.log`), which in a Lambda breaks the one-JSON-object-a-line log.
 *
 * @example validDescriptors('640w 480h') // true
 * @example validDescriptors('1x 640w') // false
 */
function validDescriptors(descriptor: string): boolean {
  if (descriptor === '') return true;
  let width = false;
  let density = false;
  let height = false;
  for (const token of descriptor.split(' ')) {
    const value = token.slice(0, -1);
    const unit = token.slice(-1);
    if (unit === 'w' && NON_NEGATIVE_INTEGER.test(value) && Number(value) > 0 && !width && !density) width = true;
    else if (unit === 'x' && FLOATING_POINT.test(value) && Number(value) >= 0 && !width && !density && !height) density = true;
    else if (unit === 'h' && NON_NEGATIVE_INTEGER.test(value) && Number(value) > 0 && !height && !density) height = true;
    else return false;
  }
  return true;
}

type Attributes = sanitizeHtml.Attributes;

function rewrite(attribs: Attributes, name: string, to: (value: string) => string | undefined): void {
  if (!Object.hasOwn(attribs, name)) return;
  const value = to(attribs[name] ?? '');
  if (value === undefined) delete attribs[name];
  else attribs[name] = value;
}

/** The tag transforms of one render: URLs made absolute (or removed), media given controls. */
function transforms(ctx: UrlContext): Record<string, sanitizeHtml.Transformer> {
  const link = (v: string) => absolute(v, ctx, LINK_PROTOCOLS);
  const media = (v: string) => absolute(v, ctx, MEDIA_PROTOCOLS);
  const srcset = (v: string) => absoluteSrcset(v, ctx);
  // Attributes Hugo's canonifyURLs leaves as written.
  const citeUrl = (v: string) => absolute(v, ctx, LINK_PROTOCOLS, false);
  const poster = (v: string) => absolute(v, ctx, MEDIA_PROTOCOLS, false);
  const cite: sanitizeHtml.Transformer = (tagName, attribs) => {
    rewrite(attribs, 'cite', citeUrl);
    return { tagName, attribs };
  };
  const mediaElement: sanitizeHtml.Transformer = (tagName, attribs) => {
    rewrite(attribs, 'src', media);
    rewrite(attribs, 'poster', poster);
    attribs.controls = '';
    return { tagName, attribs };
  };
  return {
    a: (tagName, attribs) => {
      rewrite(attribs, 'href', link);
      return { tagName, attribs };
    },
    // A lazy-loaded image gets its real URL; one left with a srcset alone shows its first candidate, and
    // one with no URL at all is dropped (`dropEmptyImage`).
    img: (tagName, attribs) => {
      const written = Object.hasOwn(attribs, 'src');
      promoteLazySource(attribs);
      rewrite(attribs, 'src', media);
      rewrite(attribs, 'srcset', srcset);
      // The first candidate's URL runs to a space (a comma may be in it: `…/w_400,h_300/c.jpg 1x`), as HTML
      // reads a srcset; a final comma ends a candidate without descriptors.
      const src = attribs.src ?? (attribs.srcset === undefined ? undefined : withoutFinalCommas(attribs.srcset.split(/\s/, 1)[0] ?? ''));
      if (src === undefined) return { tagName, attribs };
      if (ctx.rewritten !== undefined) ctx.firstImage ??= src;
      // A `src` the image was written without comes first.
      return { tagName, attribs: written && Object.hasOwn(attribs, 'src') ? attribs : { src, ...attribs } };
    },
    source: (tagName, attribs) => {
      rewrite(attribs, 'src', media);
      rewrite(attribs, 'srcset', srcset);
      return { tagName, attribs };
    },
    track: (tagName, attribs) => {
      rewrite(attribs, 'src', media);
      return { tagName, attribs };
    },
    // An embedded player (a video, a map, a post) cannot play in a feed: a link to it, titled as it is, keeps
    // its place, as the `youtube` shortcode's does; one without an http(s) source is dropped with its content.
    iframe: (tagName, attribs) => {
      const src = attribs.src === undefined ? undefined : media(attribs.src);
      if (src === undefined) return { tagName, attribs };
      const title = attribs.title?.trim();
      return { tagName: 'a', attribs: { href: src }, text: title === undefined || title === '' ? src : title };
    },
    video: mediaElement,
    audio: mediaElement,
    blockquote: cite,
    q: cite,
    del: cite,
    ins: cite,
  };
}

// ---------------------------------------------------------------------------------------------------
// Sanitizing

/** Elements an article may use. Everything else is dropped (its text kept unless listed in NON_TEXT). */
const ALLOWED_TAGS = [
  'a',
  'abbr',
  'address',
  'article',
  'aside',
  'audio',
  'b',
  'bdi',
  'blockquote',
  'br',
  'caption',
  'cite',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'details',
  'dfn',
  'div',
  'dl',
  'dt',
  'em',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'picture',
  'pre',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'section',
  'small',
  'source',
  'span',
  'strong',
  'sub',
  'summary',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'time',
  'tr',
  'track',
  'u',
  'ul',
  'var',
  'video',
  'wbr',
];

/** Disallowed elements whose content goes too: code, styles, embedded documents, forms' controls, SVG. */
const NON_TEXT = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'select',
  'button',
  'template',
  'iframe',
  'frame',
  'frameset',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'applet',
  'svg',
  'math',
  'title',
  'head',
  'plaintext',
];

/** No `on*`, no `style`, no `class` except code's language: nothing that scripts or restyles. */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  source: ['src', 'srcset', 'sizes', 'type', 'media', 'width', 'height'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'loop', 'muted', 'playsinline', 'preload'],
  audio: ['src', 'controls', 'loop', 'muted', 'preload'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  details: ['open'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  th: ['colspan', 'rowspan', 'align', 'scope'],
  td: ['colspan', 'rowspan', 'align'],
  col: ['span'],
  colgroup: ['span'],
};

/**
 * The elements and attributes an item's HTML may hold. Each is one the W3C Feed Validation Service accepts
 * (its `acceptable_elements` and `acceptable_attributes`; `<bdo>` is not, so it goes and its text stays) but
 * `controls` on media: without it a reader that shows the HTML as it is gives a video no way to play.
 */
export const SANITIZER_ALLOWS: { readonly tags: readonly string[]; readonly attributes: Readonly<Record<string, readonly string[]>> } = {
  tags: ALLOWED_TAGS,
  attributes: ALLOWED_ATTRIBUTES,
};

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT,
  selfClosing: ['img', 'br', 'hr', 'source', 'track', 'wbr', 'col'],
  parseStyleAttributes: false,
  enforceHtmlBoundary: false,
};

/** An `<img>` left without a `src` (none, or one whose scheme a feed may not carry): it would show nothing. */
const dropEmptyImage = (frame: sanitizeHtml.IFrame): boolean => frame.tag === 'img' && !frame.attribs.src;

/** Sanitizes `html`, the images of its `<noscript>` elements kept where they show what no earlier image does. */
function sanitize(html: string, ctx: UrlContext): string {
  return stripInvalidXmlChars(
    sanitizeHtml(unwrapNoscriptImages(html, ctx.base), { ...SANITIZE_OPTIONS, transformTags: transforms(ctx), exclusiveFilter: dropEmptyImage }),
  );
}

// ---------------------------------------------------------------------------------------------------

/**
 * Tags an article's HTML may have when it holds raw HTML (which is sanitized): sanitize-html's time grows
 * faster than the tags it is given once they stay open (25,000 unclosed `<div>` took 0.27 s, 100,000 took
 * 2.6 s, 200,000 about 15 s), and one upload must not hold up the run. A long news article has hundreds.
 */
export const MAX_HTML_TAGS = 25_000;

/**
 * Footnote marks (`[^`, references and notes together) an article may have for its footnotes to be read;
 * over it, they are left as text. markdown-it-footnote copies the document's tokens once for each note
 * it appends: 8,000 notes with their references took 3.9 s, 30,000 over a minute. 2,000 marks take
 * ~0.1 s, and no article has a thousand notes.
 */
export const MAX_FOOTNOTE_MARKS = 2_000;

/**
 * Whether an article's footnotes are left as written: the site reads footnotes, and the Markdown has more
 * than {@link MAX_FOOTNOTE_MARKS} marks.
 *
 * @example footnotesLeftAsText('[^1] '.repeat(3000)) // true
 */
export function footnotesLeftAsText(markdown: string, extensions: MarkdownExtensions = HUGO_MARKDOWN): boolean {
  return extensions.footnote && atLeast(markdown, '[^', MAX_FOOTNOTE_MARKS + 1);
}

/** Whether `text` holds `needle` at least `count` times (stops counting there). */
function atLeast(text: string, needle: string, count: number): boolean {
  let found = 0;
  for (let at = text.indexOf(needle); at >= 0 && found < count; at = text.indexOf(needle, at + needle.length)) found++;
  return found >= count;
}
const START_TAG = /<[A-Za-z]/g;

/**
 * Renders an article's Markdown body to HTML that is safe to put in a feed:
 *
 * - Markdown: CommonMark with GFM tables, strikethrough and links for bare `http(s)://` URLs, `www.` and e-mail
 *   addresses (ASCII only, and after no other character, as goldmark links them: `keepBareLinksAscii`); raw HTML allowed (then sanitized); task-list items shown as ☐ / ☑; and what Hugo's
 *   goldmark reads by default unless `extensions` turns it off: footnotes (linking to `#fn:N` and
 *   `#fnref:N` on the page), definition lists, curly quotes, dashes, ellipses and angle quotes, and
 *   headings without their trailing `{#id .class}` attribute lists.
 * - Hugo shortcodes replaced as Hugo would before rendering: `figure` → `<figure><img>`, `youtube`, `vimeo`,
 *   `gist`, `tweet`, `instagram` → a link, `highlight` → a code block, `ref`/`relref` → the page's URL,
 *   `param` → its value, any other removed (the inner Markdown of a paired one is kept).
 * - Sanitized: only article elements; no script, style, iframe (one with an http(s) `src` becomes a link
 *   to it, named by its `title`), object, embed, form controls or SVG; no
 *   `on*`, `style` or `class` attributes (except `language-*` on `<code>`); links may be http(s), mailto or
 *   tel, media http(s) only; everything else (javascript:, vbscript:, data:, however obfuscated) is removed.
 *   A lazy-loaded image gets its real URL (`promoteLazySource`), the images of a `<noscript>` are kept where
 *   no earlier image shows them (`unwrapNoscriptImages`), and an image left without a source is dropped.
 * - Every URL in `href`, `src`, `srcset` candidates, `poster` and `cite` resolved against `pageUrl` with
 *   WHATWG URL; protocol-relative URLs get https.
 * - Only `&amp;`, `&lt;`, `&gt;` and `&quot;` remain as references; characters XML forbids are removed.
 * - Deterministic: the same input always gives the same output.
 *
 * A body without raw HTML (other than `<!--more-->`) skips sanitize-html: markdown-it escapes all its
 * text and attributes in that case, and its link and image URLs pass the same allowlist here, so the
 * sanitizer would return the same string (a property test pins this).
 *
 * @param markdown The body after the front matter.
 * @param pageUrl The absolute URL of the article's page, which relative URLs are resolved against.
 * @param refs What its `ref` / `relref` shortcodes resolve to (see `resolveRefs`); without it, they give nothing.
 * @param extensions The goldmark extensions the site keeps (`SiteConfig.markdown`); Hugo's defaults when absent.
 * @param params What its `param` shortcodes show (`Article.params`); a key not in it shows nothing.
 * @param emoji The aliases to replace with emoji when the site sets `enableEmoji` (`emojiTableFor`); none when absent.
 * @param canonify With Hugo's `canonifyURLs`, the page's baseURL: a URL with one leading slash in `src`, `href` and
 * `srcset` is under it (`/a.png` → `https://example.org/blog/a.png`), as in Hugo's page; without it, under the host.
 * @param markup `html` for a page whose front matter says `markup: html` (`Article.markup`): its body is HTML, as in
 * Hugo 0.111, which shows it as written once its shortcodes are expanded (no Markdown, no emoji; a `highlight` is a
 * code block, `{{% %}}` output goes in as it is); it is sanitized as raw HTML in Markdown is.
 * @param htmlAllowance Bytes of HTML the Markdown may make, when a larger render is of no use (an item's share of its
 * feeds' byte budget): reading stops early, with `HtmlOverAllowance` (html-floor.ts), once the blocks read make more (counted
 * only in a Markdown body without raw HTML and shortcodes, where every tag read is sure to be in the HTML).
 * @throws TypeError when `pageUrl` is not an absolute URL; RangeError when raw HTML has more than
 * {@link MAX_HTML_TAGS} tags, or its param calls show more than {@link MAX_PARAM_CHARS} characters;
 * `HtmlOverAllowance` (html-floor.ts) over `htmlAllowance`.
 * @example
 * const { html, rewritten } = renderArticleHtml('![a](img/x.png) **b**', 'https://example.com/news/a/');
 * // html: '<p><img src="https://example.com/news/a/img/x.png" alt="a" /> <strong>b</strong></p>\n'
 * // rewritten: ['img/x.png']
 */
export function renderArticleHtml(
  markdown: string,
  pageUrl: string,
  refs?: ResolvedRefs,
  extensions: MarkdownExtensions = HUGO_MARKDOWN,
  params: readonly (readonly [string, string])[] = [],
  emoji?: EmojiTable,
  canonify?: string,
  markup?: 'html',
  htmlAllowance?: number,
): ArticleHtml {
  // A figure's caption is Markdown read as the site reads it (Hugo's `markdownify`, which finds no emoji alias).
  const inline = (caption: string): string => markdownIt(extensions).renderInline(caption);
  if (markup === 'html') {
    // Hugo 0.111 passes an HTML body through (no Markdown, no emoji) once its shortcodes are expanded.
    const { source, insertions } = expandShortcodes(markdown, refs, inline, new Map(params), undefined, true);
    return renderHtmlSource(source, pageUrl, insertions, canonify);
  }
  const { source, insertions } = expandShortcodes(markdown, refs, inline, new Map(params), emoji);
  return renderSource(source, pageUrl, extensions, insertions, canonify, htmlAllowance);
}

/**
 * {@link renderArticleHtml} of an HTML body (`markup: html`) once its shortcodes are expanded: raw HTML
 * throughout, so sanitized as such (URLs absolute, the first image noted), the part before `<!--more-->`
 * its lead.
 */
function renderHtmlSource(source: string, pageUrl: string, insertions: Insertions | undefined, canonify: string | undefined): ArticleHtml {
  const base = new URL(pageUrl);
  const rendered = insertions === undefined ? source : insertions.insert(source, true);
  const tags = rendered.match(START_TAG)?.length ?? 0;
  if (tags > MAX_HTML_TAGS) throw new RangeError(`its HTML has ${tags} tags, over the ${MAX_HTML_TAGS} feedpub sanitizes in one article`);
  const rewritten = new Set<string>();
  const ctx: UrlContext = { base, rewritten, canonify };
  const html = sanitize(rendered, ctx);
  const at = rendered.search(MORE);
  const lead = at < 0 ? undefined : sanitize(rendered.slice(0, at), { base, canonify });
  return {
    html,
    ...(lead === undefined ? {} : { lead }),
    ...(ctx.firstImage === undefined ? {} : { firstImage: ctx.firstImage }),
    rewritten: [...rewritten],
  };
}

/**
 * Renders Markdown that is no page body, a front matter `summary`, to sanitized HTML as
 * {@link renderArticleHtml} renders a body, but with no shortcodes: Hugo 0.111 renders a summary with its
 * Markdown renderer alone, so `{{< x >}}` stays as written.
 *
 * @throws as {@link renderArticleHtml} does.
 * @example renderMarkdownHtml('This is **bold**', 'https://example.com/a/') // '<p>This is <strong>bold</strong></p>\n'
 */
export function renderMarkdownHtml(markdown: string, pageUrl: string, extensions: MarkdownExtensions = HUGO_MARKDOWN): string {
  return renderSource(markdown, pageUrl, extensions).html;
}

/** {@link renderArticleHtml} once its shortcodes are expanded. */
function renderSource(
  source: string,
  pageUrl: string,
  extensions: MarkdownExtensions,
  insertions?: Insertions,
  canonify?: string,
  htmlAllowance?: number,
): ArticleHtml {
  const state = new RenderState(new URL(pageUrl), insertions, canonify);
  const reading = footnotesLeftAsText(source, extensions) ? { ...extensions, footnote: false } : extensions;
  const md = markdownIt(reading);
  const env = { [STATE]: state };
  // A shortcode's output goes in after rendering, and may be raw HTML: not counted.
  if (htmlAllowance !== undefined && insertions === undefined) countHtml(env, source, htmlAllowance);
  const tokens = md.parse(source, env);
  checkLinkAttributes(tokens, source.length);
  const markup = md.renderer.render(tokens, md.options, env);
  // Hugo puts a `{{< >}}` shortcode's output into the HTML its Markdown renderer made; the sanitizer sees it there.
  // A code block that lands inside a paragraph makes `sanitize` true only as it is inserted: the text values were
  // then escaped for HTML without raw HTML (no single-quoted attribute), which the sanitizer reads as well.
  const rendered = insertions === undefined ? markup : insertions.insert(markup, state.rawHtml || insertions.sanitize);
  const rawHtml = state.rawHtml || insertions?.sanitize === true;
  if (rawHtml) {
    const tags = rendered.match(START_TAG)?.length ?? 0;
    if (tags > MAX_HTML_TAGS) throw new RangeError(`its HTML has ${tags} tags, over the ${MAX_HTML_TAGS} feedpub sanitizes in one article`);
  }
  const at = rawHtml || state.marker !== undefined ? rendered.search(MORE) : -1;
  const before = rendered.slice(0, Math.max(at, 0));
  let html: string;
  let lead: string | undefined;
  let firstImage: string | undefined;
  if (rawHtml) {
    const ctx: UrlContext = { base: state.base, rewritten: state.rewritten, canonify };
    html = sanitize(rendered, ctx);
    firstImage = ctx.firstImage;
    if (at >= 0) lead = sanitize(before, { base: state.base, canonify });
  } else {
    html = stripInvalidXmlChars(at < 0 ? rendered : rendered.replace(MORE_ALL, ''));
    firstImage = state.firstImage;
    // A top-level divider splits between blocks; anywhere else the part before it has open elements.
    if (at >= 0) lead = state.marker === 'top' ? stripInvalidXmlChars(before) : sanitize(before, { base: state.base, canonify });
  }
  return {
    html,
    ...(lead === undefined ? {} : { lead }),
    ...(firstImage === undefined ? {} : { firstImage }),
    rewritten: [...state.rewritten],
  };
}
