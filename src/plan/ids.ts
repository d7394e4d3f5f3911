import { hash } from 'node:crypto';

// A fixed UUID namespace for feedpub (a random v4 chosen once; never change it: every derived id depends on it).
const FEEDPUB_NAMESPACE = 'a3c4e0b2-6f1d-4b7e-9a51-0d2c8e7f4b19';
const NAMESPACE_BYTES = Buffer.from(FEEDPUB_NAMESPACE.replace(/-/g, ''), 'hex');

/**
 * RFC 9562 name-based UUID (version 5, SHA-1) as a `urn:uuid:` IRI.
 *
 * @example uuidV5Urn('feedpub', 'article:en:news/hello') // 'urn:uuid:…'
 */
export function uuidV5Urn(salt: string, name: string): string {
  // The namespace's bytes then the name's UTF-8, hashed in one call (every article's id is derived at
  // every parse: a Hash object per id cost twice as much).
  const text = `${salt}\u0000${name}`;
  const input = Buffer.allocUnsafe(NAMESPACE_BYTES.byteLength + Buffer.byteLength(text, 'utf8'));
  input.set(NAMESPACE_BYTES, 0);
  input.write(text, NAMESPACE_BYTES.byteLength, 'utf8');
  const b = hash('sha1', input, 'buffer');
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex', 0, 16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The permanent id of an article: the front matter `id` when it is already an absolute IRI
 * (`urn:…`, `tag:…`, `https://…`); otherwise a UUID derived from that `id`, or from the language and
 * the content path without language suffix and extension (what Hugo pairs translations by when no
 * `translationKey` says otherwise). Nothing that changes with a title, a date or the host goes in, and
 * neither does `translationKey`: an author who links an article to its translation keeps its id, so
 * no reader sees it again as new.
 *
 * @example articleId('feedpub', 'zh-cn', 'news/qq/20250210A05MD2', undefined)
 */
export function articleId(salt: string, lang: string, path: string, explicit: string | undefined): string {
  if (explicit !== undefined) {
    if (/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(explicit)) return explicit;
    return uuidV5Urn(salt, `id:${explicit}`);
  }
  return uuidV5Urn(salt, `article:${lang}:${path}`);
}

/**
 * The default salt of a site's ids: its baseURL without the scheme (`news.example.org/`, `example.org/blog/`).
 * Ids must be unique across sites (RFC 4287 §4.2.6): two sites with `content/en/posts/hello.md` must not
 * give readers one item, nor their home feeds one feed id. An `http:` site moving to `https:` keeps its ids.
 *
 * @example idNamespaceOf('https://news.example.org/') // 'news.example.org/'
 */
export function idNamespaceOf(baseURL: string): string {
  const url = new URL(baseURL);
  return `${url.host}${url.pathname}`;
}

/**
 * The salt a run uses: the config's when it sets one, else the one earlier runs used (their manifest's
 * site, or the namespace an older feedpub's state recorded), so that moving a site to a new host, which
 * changes the default, changes no id (nor does a new feedpub: a site first published before the default
 * followed the baseURL keeps `feedpub`); else the default, from the baseURL. Ids are minted once, as tag
 * URIs are (RFC 4151).
 *
 * @example keptIdNamespace(site, previous?.site?.feeds.idNamespace).feeds.idNamespace
 */
export function keptIdNamespace<S extends { readonly feeds: { readonly idNamespace: string; readonly idNamespaceFromConfig?: true } }>(
  site: S,
  earlier: string | undefined,
): S {
  if (site.feeds.idNamespaceFromConfig || earlier === undefined || earlier === site.feeds.idNamespace) return site;
  return { ...site, feeds: { ...site.feeds, idNamespace: earlier } };
}

/** The permanent id of a feed, from its folder (`zh-cn/tags/qq/`). */
export function feedId(salt: string, dir: string): string {
  return uuidV5Urn(salt, `feed:${dir}`);
}
