import { Parser } from 'htmlparser2';

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

/** The URL an image shows once its lazy source is promoted, resolved against `base`; undefined when none. */
function shownUrl(attribs: ImageAttributes, base: URL): string | undefined {
  const promoted = { ...attribs };
  promoteLazySource(promoted);
  const src = promoted.src?.trim();
  return src === undefined || src === '' || !URL.canParse(src, base.href) ? undefined : new URL(src, base).href;
}

/**
 * Replaces each `<noscript>` element of raw HTML with the images in it that no earlier image of the
 * document shows (by URL, lazy sources promoted), and nothing else: a page's fallback for readers without
 * scripts (`<img data-src="x.jpg"><noscript><img src="x.jpg"></noscript>`) is what a feed reader needs
 * when the lazy image has no URL of its own, and a second copy when it has. Its other content (a "turn on
 * JavaScript" notice) goes, as before. The images kept go through the sanitizer as any other. The HTML is
 * read by htmlparser2, as sanitize-html reads it next, so a `<noscript>` in a comment, an attribute value or
 * a `<style>` is none (regular expressions took those for elements, a security review); an element left
 * open is left as it is (the sanitizer drops it with all it holds).
 *
 * @example unwrapNoscriptImages('<noscript><img src="/ns.jpg"> on</noscript>', new URL('https://e.com/a/')) // '<img src="/ns.jpg">'
 */
export function unwrapNoscriptImages(html: string, base: URL): string {
  if (!/<noscript/i.test(html)) return html;
  const shown = new Set<string>();
  /** The `<noscript>` elements to replace: where each starts and ends, and the images it keeps, as written. */
  const replaced: { start: number; end: number; images: string }[] = [];
  let open: { start: number; images: string } | undefined;
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'noscript') {
          if (depth++ === 0) open = { start: parser.startIndex, images: '' };
          return;
        }
        if (name !== 'img') return;
        const url = shownUrl(attribs, base);
        if (url === undefined || shown.has(url)) return;
        shown.add(url);
        if (open !== undefined) open.images += html.slice(parser.startIndex, parser.endIndex + 1);
      },
      onclosetag(name, implied) {
        if (name !== 'noscript' || depth === 0 || --depth > 0 || open === undefined) return;
        // To the end tag's `>` (htmlparser2's end index stops short of it after a space: `</noscript >`).
        if (!implied) replaced.push({ start: open.start, end: html.indexOf('>', parser.startIndex) + 1, images: open.images });
        open = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  let out = '';
  let done = 0;
  for (const { start, end, images } of replaced) {
    out += html.slice(done, start) + images;
    done = end;
  }
  return out + html.slice(done);
}
