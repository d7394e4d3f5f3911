import type { FoundLink, LinkMatcher } from './ascii-links.js';

/** The characters goldmark leaves out at the end of a bare link, any number of them (GFM's trailing punctuation). */
const TRAILING = new Set('?!.,:*_~');

/**
 * Makes linkify-it's bare links (URLs, `www.` and e-mail addresses) end as goldmark ends them: without a
 * final run of `?`, `!`, `.`, `,`, `:`, `*`, `_` and `~`, so an underscore or tilde after a URL closes the
 * emphasis or strike it is in (`_see https://example.org/a_` is emphasis round a link to
 * `https://example.org/a`; linkify-it linked `…/a_` and left the `_` that opened it as text), and
 * `https://example.org/a_b_c_`, `…/q?,` and `…/a:` link `a_b_c`, `q` and `a`, as on Hugo's page. What
 * linkify-it already ends otherwise stays (`;`, a `)` after a `.`, a quote).
 *
 * Each link is read backwards from its end, over the run it loses only (an expression ending in `+$` would
 * try every start in a long run of `_`: quadratic).
 *
 * @example endLinksAsGoldmark(md.linkify); md.render('at https://example.org/a_ and') // '<p>at <a href="https://example.org/a">https://example.org/a</a>_ and</p>\n'
 */
export function endLinksAsGoldmark(linkify: LinkMatcher): void {
  const match = linkify.match.bind(linkify);
  const matchAtStart = linkify.matchAtStart.bind(linkify);
  linkify.match = (text) => match(text)?.map(trimmed) ?? null;
  linkify.matchAtStart = (text) => {
    const link = matchAtStart(text);
    return link === null ? null : trimmed(link);
  };
}

/** `link` without its final run of goldmark's trailing punctuation (never its first character). */
function trimmed(link: FoundLink): FoundLink {
  let end = link.raw.length;
  while (end > 1 && TRAILING.has(link.raw.charAt(end - 1))) end--;
  const cut = link.raw.length - end;
  if (cut === 0) return link;
  return { ...link, lastIndex: link.lastIndex - cut, raw: link.raw.slice(0, -cut), text: link.text.slice(0, -cut), url: link.url.slice(0, -cut) };
}
