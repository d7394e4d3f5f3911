import { createHash } from 'node:crypto';
import { getOrInsert } from '../get-or-insert.js';

/**
 * The longest name, in UTF-8 bytes, of a folder feedpub writes (a term's, a section's): the limit of a file
 * name on ext4, APFS, NTFS and most other file systems (Hugo 0.111 fails the build on a longer one: "file
 * name too long"), and well within S3's 1,024-byte keys. A page link's segments are never cut: feedpub
 * writes nothing there ({@link urlizeLink}).
 */
export const MAX_FOLDER_BYTES = 255;

/**
 * Go's `unicode.IsSpace`, which Hugo's urlize turns into `-`: JavaScript's `\s` but with U+0085 (NEL) and
 * without U+FEFF (a BOM is dropped as any other format character: `a\uFEFFb` → `ab`, `a\u0085b` → `a-b`).
 */
export const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/u;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * Hugo's `urlize` for one path segment of a folder feedpub writes (a term's, a section's): NFC, letters, decimal digits (Go's `unicode.IsDigit`: not ² or Ⅻ) and marks kept with `. _ # + ~ - @`,
 * runs of spaces (Go's: {@link GO_SPACE}) become one `-`, everything else dropped, lower-cased as Go does ({@link lowerAsGo}).
 * Dots are kept where they are, as Hugo 0.111 keeps them (`.NET` → `.net`, `dots...` → `dots...`, `. .` → `.-.`).
 * Where Hugo would be unsafe, feedpub differs: `/` and `\` act like spaces (a term's `/` nests: {@link termSlug}),
 * `%` is dropped, names Windows reserves get a `_` prefix, results over {@link MAX_FOLDER_BYTES} are cut and
 * suffixed with a hash, and a result that is empty or a dot segment (`.`, `..`: Hugo drops such a term, or fails the build
 * on `..`) becomes `t-<hash>`.
 * The result is never empty, never `.` or `..`, never contains a path separator, and `urlize(urlize(x)) === urlize(x)`.
 *
 * @example urlize('Hello World') // 'hello-world'
 * @example urlize('人工智能') // '人工智能'
 * @example urlize('.NET') // '.net'
 */
export function urlize(name: string, style: PathStyle = true): string {
  return urlized(name, style, NO_ENDS, true);
}

/**
 * A segment of a page's link (a folder or file name, a slug's part): {@link urlize}d, but neither cut nor prefixed, as Hugo 0.111 links the page whatever its length (a
 * 63-character Chinese title under `/:year/:title/` is one 189-byte segment) or name (`con.md` is `/posts/con/`):
 * feedpub writes no file there.
 *
 * @example urlizeLink('CON') // 'con'
 */
export function urlizeLink(name: string, style: PathStyle = true, within = false): string {
  // `within`: a part of a path with `/` on either side, as Hugo urlizes the whole path: white space at
  // either end of it is a dash there too (`" v1"` → `-v1`, `" "` → `-`, `" - "` → `-`).
  return urlized(name, style, within ? BOTH_ENDS : NO_ENDS, false);
}

/**
 * A permalink's `:title` or `:slug` (`:slugorfilename`) as Hugo 0.111 expands it, urlizing the whole value
 * at once: white space at its start or end is no dash (`Pourquoi Hugo ?` → `pourquoi-hugo`, `🚀 Launch
 * day` → `launch-day`), white space beside a `/` in it is one (`x / y` → `x-/-y`), and each `/` nests a
 * folder, empty and `.` parts dropped and `..` taking off the part before it (never above the value). A
 * value that names nothing is '' (its folder dropped, as an untitled page's `:title`: `?` too). A page link:
 * never cut nor prefixed ({@link urlizeLink}).
 *
 * @example urlizeValue('Qui suis-je ?') // 'qui-suis-je'
 * @example urlizeValue(' A / B ') // 'a-/-b'
 */
export function urlizeValue(value: string, style: PathStyle = true): string {
  const raw = value.split('/');
  const parts: string[] = [];
  raw.forEach((part, i) => {
    const out = sanitized(sourceOf(part, style), style, { open: i > 0, close: i < raw.length - 1 });
    if (out === '..') parts.pop();
    else if (out !== '' && out !== '.') parts.push(out);
  });
  return parts.join('/');
}

/**
 * Where a name meets a `/` kept in Hugo's path: `open`, one before it (white space at its start is a dash);
 * `close`, one after it (white space at its end is one). Hugo urlizes a whole path or value, where white
 * space at the very start or end is none.
 */
interface Ends {
  readonly open: boolean;
  readonly close: boolean;
}
const NO_ENDS: Ends = { open: false, close: false };
const BOTH_ENDS: Ends = { open: true, close: true };

/** {@link urlize}, its ends as {@link Ends} says; `folder`: feedpub writes it (a Windows name prefixed, a long one cut). */
function urlized(name: string, style: PathStyle, ends: Ends, folder: boolean): string {
  const source = sourceOf(name, style);
  let out = sanitized(source, style, ends);
  if (out === '' || out === '.' || out === '..') return `t-${shortHash(source)}`;
  if (!folder) return out;
  if (WINDOWS_RESERVED.test(out)) out = `_${out}`;
  if (Buffer.byteLength(out) > MAX_FOLDER_BYTES) out = `${truncateBytes(out, MAX_FOLDER_BYTES - 9)}-${shortHash(source)}`;
  return out;
}

/** A name in NFC, without its accents with removePathAccents (Hugo's NFD, marks (Mn) removed, NFC: `Café` → `Cafe`, `Ç` → `C`). */
function sourceOf(name: string, style: PathStyle): string {
  return typeof style !== 'boolean' && style.removeAccents
    ? name
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '')
        .normalize('NFC')
    : name.normalize('NFC');
}

/**
 * Hugo's urlize of a name ({@link sourceOf}) with no `/` of its own (a `/` or `\\` in it is white space),
 * lower-cased unless `style` says not; possibly empty or a dot segment.
 */
function sanitized(source: string, style: PathStyle, ends: Ends): string {
  const lower = typeof style === 'boolean' ? style : style.lower;
  let out = '';
  let pendingDash = false;
  for (const ch of source) {
    if (isAllowed(ch)) {
      if (pendingDash) {
        if (!out.endsWith('-') && ch !== '-') out += '-';
        pendingDash = false;
      }
      out += ch;
    } else if ((ends.open || out.length > 0) && (ch === '/' || ch === '\\' || GO_SPACE.test(ch))) {
      pendingDash = true;
    }
  }
  // The `/` after it.
  if (pendingDash && ends.close && !out.endsWith('-')) out += '-';
  return lower ? lowerAsGo(out).normalize('NFC') : out;
}

/**
 * How names become path segments: lower-cased (unless `disablePathToLower`) and, with Hugo's
 * `removePathAccents`, without their accents. `true`/`false` is lower-casing alone.
 */
export type PathStyle = boolean | { readonly lower: boolean; readonly removeAccents: boolean };

/**
 * A site's {@link PathStyle} (`lower` where a caller decides it otherwise).
 *
 * @example pathStyle({ disablePathToLower: false, removePathAccents: true }) // { lower: true, removeAccents: true }
 */
export function pathStyle(site: { readonly disablePathToLower: boolean; readonly removePathAccents?: boolean }, lower = !site.disablePathToLower): PathStyle {
  return site.removePathAccents === true ? { lower, removeAccents: true } : lower;
}

/** The files feedpub writes in a feed's folder: a term's folder may not be named like one of them. */
const FEED_FILE_NAMES = new Set(['index.xml', 'atom.xml', 'feed.json']);

/**
 * Whether a folder named `part` would be named like a file of a feed's folder (in any case; `rssFile` is
 * the site's RSS file when it renames it, `SiteConfig.rssFile`).
 *
 * @example isFeedFileName('Index.XML') // true
 * @example isFeedFileName('feed.xml', 'feed.xml') // true
 */
export function isFeedFileName(part: string, rssFile?: string): boolean {
  const lower = part.toLowerCase();
  return FEED_FILE_NAMES.has(lower) || (rssFile !== undefined && lower === rssFile.toLowerCase());
}

/**
 * The folder of a term below its taxonomy's, as Hugo 0.111 makes it: the name urlized, a `/` in it nesting
 * a folder (`CI/CD` → `ci/cd`; spaces beside one become dashes, `p / q` → `p-/-q`), and `.` and `..` parts
 * resolved as in a path (`u/../v` → `v`), other dots kept (`x/...` → `x/...`). Safe where Hugo is not: each part
 * is a {@link urlize}d name (no backslash or `%`, never empty, `.` or `..`), `..` never climbs above the taxonomy's folder (`../x` is `x`,
 * where Hugo fails the build), and a part named like a feed file (`index.xml`) gets a `_` prefix, so that
 * `k/index.xml` cannot make a folder where term `k`'s feed is a file (`rssFile` too, when the site renames
 * its RSS file: `SiteConfig.rssFile`).
 *
 * @example termSlug('CI/CD') // 'ci/cd'
 * @example termSlug('Go') // 'go'
 * @example termSlug('k/feed.xml', true, 'feed.xml') // 'k/_feed.xml'
 */
export function termSlug(name: string, lower: PathStyle = true, rssFile?: string): string {
  const safe = (part: string): string => (isFeedFileName(part, rssFile) ? `_${part}` : part);
  if (!name.includes('/')) return safe(urlize(name, lower));
  const parts: string[] = [];
  const raws = name.split('/');
  raws.forEach((raw, i) => {
    // As written: a part with spaces is no dot segment (`u/ .. /v` → `u/-..-/v`, `p/ /q` → `p/-/q`, as in Hugo 0.111).
    if (raw === '' || raw === '.') return;
    if (raw === '..') {
      parts.pop();
      return;
    }
    // Hugo urlizes the whole name: a space beside a `/` is a dash there, one at the name's start or end none
    // (a list page's slug `" s / t "` → `s-/-t`), and a part that keeps nothing is no folder (`a/?/b` → `a/b`).
    const ends = { open: i > 0, close: i < raws.length - 1 };
    if (sanitized(sourceOf(raw, lower), lower, ends) === '') return;
    parts.push(safe(urlized(raw, lower, ends, true)));
  });
  return parts.length === 0 ? safe(urlize(name, lower)) : parts.join('/');
}

/**
 * A urlized name as Hugo 0.111's permalinks put it in a path (what its `URLize` adds to `urlize`): a `#` that
 * ends it is dropped (`C#` → `c`: a URL with an empty fragment). Its `+`, a space to Hugo once the permalink
 * is expanded, is made a dash with the rest of the path (`permalinkPath` in src/plan/urls.ts: `c++-tips` →
 * `c-tips`, `a+b` → `a-b`, `--+` → `--`). Only in permalinks: a page or term path without one keeps both
 * (`tags/c++/`). Checked against Hugo 0.111 in `hugo-compat.test.ts`.
 *
 * @example permalinkValue('c#') // 'c'
 */
export function permalinkValue(name: string): string {
  return name.indexOf('#') === name.length - 1 ? name.slice(0, -1) : name;
}

/** The characters where lower-casing a whole string in JavaScript and Go's `strings.ToLower` differ. */
const GO_LOWER_DIFFERS = /[\u0130\u03A3]/;

/**
 * Lower case as Go's `strings.ToLower` (Hugo's) gives it: each code point on its own by its simple mapping.
 * JavaScript's `toLowerCase` applies two full mappings Go does not: a final capital sigma becomes `ς` (Go:
 * `σ`, so Hugo's path for the tag `ΟΔΟΣ` is `οδοσ/`), and `İ` becomes `i` with a combining dot (Go: `i`).
 * Checked against Hugo 0.111 in `hugo-compat.test.ts`.
 *
 * @example lowerAsGo('ΟΔΟΣ') // 'οδοσ'
 * @example lowerAsGo('İstanbul') // 'istanbul'
 */
export function lowerAsGo(s: string): string {
  if (!GO_LOWER_DIFFERS.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) out += ch === '\u0130' ? 'i' : ch.toLowerCase();
  return out;
}

function isAllowed(ch: string): boolean {
  return /[\p{L}\p{Nd}\p{M}._#+~@-]/u.test(ch);
}

function truncateBytes(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out.replace(/\.+$/, '');
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8);
}

/**
 * Groups names by slug and returns the groups where different names share one slug (`Go`/`go`; not
 * when `lower` is false, as with `disablePathToLower`), slugged as feed folders are, with the site's RSS
 * file name (`rssFile`: `feed.xml` and `_feed.xml` share `_feed.xml`).
 * feedpub, like Hugo, publishes such names as one term; `check` reports the merge.
 *
 * @example findCollisions(['Go', 'go', 'Rust']) // [{ slug: 'go', names: ['Go', 'go'] }]
 */
export function findCollisions(names: Iterable<string>, lower: PathStyle = true, rssFile?: string): { slug: string; names: string[] }[] {
  const bySlug = new Map<string, Set<string>>();
  for (const name of new Set(names)) {
    const slug = termSlug(name, lower, rssFile);
    getOrInsert(bySlug, slug, () => new Set()).add(name);
  }
  return [...bySlug]
    .filter(([, set]) => set.size > 1)
    .map(([slug, set]) => ({ slug, names: [...set].sort() }))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
