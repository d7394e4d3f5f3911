import { decodeHTML } from 'entities';

/** An element's attributes as sanitize-html hands them to a tag transform: names in lower case, values decoded. */
export type ImageAttributes = Record<string, string>;

/** Where lazy-loading scripts keep an image's real URL, in the order they are taken. */
const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src'] as const;

/** A `data:` URL (a placeholder: a blank GIF or a blurred preview), with what a browser ignores before it. */
const DATA_URL = /^[\0- ]*data:/i;

/** Whether `value` holds no image a feed can show: absent, blank or a `data:` URL. */
function placeholder(value: string | undefined): boolean {
  return value === undefined || value.trim() === '' || DATA_URL.test(value);
}

/**
 * Gives a lazy-loaded image (an `<img>` whose `src` is absent, blank or a `data:` placeholder, its real URL
 * in an attribute that a script copies over: WeChat's `data-src`, jQuery lazyload's `data-original`,
 * WordPress's `data-lazy-src`) its real URL as `src`, the first of those attributes that is not blank,
 * and its `data-srcset` as `srcset` when its own is a placeholder too: a feed reader runs no script, so
 * the image showed nothing. The URLs are then checked and resolved as any `src` is (a `javascript:` one
 * is dropped). Other images are left as they are.
 *
 * @example promoteLazySource({ src: 'data:image/gif;base64,R0lGOD', 'data-original': '/a.jpg' }) // src becomes '/a.jpg'
 */
export function promoteLazySource(attribs: ImageAttributes): void {
  if (!placeholder(attribs.src)) return;
  const real = LAZY_SOURCES.map((name) => attribs[name]).find((value) => value !== undefined && value.trim() !== '');
  if (real !== undefined) attribs.src = real;
  const srcset = attribs['data-srcset'];
  if (srcset !== undefined && srcset.trim() !== '' && placeholder(attribs.srcset)) attribs.srcset = srcset;
}

/**
 * An `<img>` start tag, `>` allowed inside quoted attribute values. No part of it reads past a `<`, so
 * finding them all takes time in proportion to the HTML, even with unclosed quotes; a tag with a `<` in
 * a value is not read (its image then counts as shown by none).
 */
const IMG = /<img\b(?:[^<>"']|"[^<"]*"|'[^<']*')*>/gi;
/** One attribute of a start tag: its name, and its value quoted either way or not at all. */
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The attributes of an `<img>` start tag as written, names in lower case, values decoded. */
function attributesOf(tag: string): ImageAttributes {
  const attribs: ImageAttributes = {};
  for (const m of tag.slice(4).matchAll(ATTRIBUTE)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!Object.hasOwn(attribs, name)) attribs[name] = decodeHTML(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attribs;
}

/** The URL an `<img>` start tag shows once its lazy source is promoted, resolved against `base`; undefined when none. */
function shownUrl(tag: string, base: URL): string | undefined {
  const attribs = attributesOf(tag);
  promoteLazySource(attribs);
  const src = attribs.src?.trim();
  return src === undefined || src === '' || !URL.canParse(src, base.href) ? undefined : new URL(src, base).href;
}

/**
 * Replaces each `<noscript>` element of raw HTML with the images in it that no earlier image of the
 * document shows (by URL, lazy sources promoted), and nothing else: a page's fallback for readers without
 * scripts (`<img data-src="x.jpg"><noscript><img src="x.jpg"></noscript>`) is what a feed reader needs
 * when the lazy image has no URL of its own, and a second copy when it has. Its other content (a "turn on
 * JavaScript" notice) goes, as before. The images kept go through the sanitizer as any other.
 *
 * @example unwrapNoscriptImages('<noscript><img src="/ns.jpg"> on</noscript>', new URL('https://e.com/a/')) // '<img src="/ns.jpg">'
 */
export function unwrapNoscriptImages(html: string, base: URL): string {
  if (!/<noscript/i.test(html)) return html;
  const open = /<noscript\b[^<>]*>/gi;
  const close = /<\/noscript\s*>/gi;
  const shown = new Set<string>();
  /** Adds the URLs that the images of `part` show to `shown`; returns the tags of those that showed none before. */
  const show = (part: string): string => {
    let added = '';
    for (const m of part.matchAll(IMG)) {
      const url = shownUrl(m[0], base);
      if (url === undefined || shown.has(url)) continue;
      shown.add(url);
      added += m[0];
    }
    return added;
  };
  let out = '';
  let done = 0;
  for (let start = open.exec(html); start !== null; start = open.exec(html)) {
    close.lastIndex = open.lastIndex;
    const end = close.exec(html);
    // An element left open is dropped by the sanitizer with all it holds, as before.
    if (end === null) break;
    const before = html.slice(done, start.index);
    show(before);
    out += before + show(html.slice(open.lastIndex, end.index));
    done = close.lastIndex;
    open.lastIndex = done;
  }
  return done === 0 ? html : out + html.slice(done);
}
