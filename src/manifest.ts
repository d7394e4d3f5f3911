import { createHash } from 'node:crypto';
import { isAscii } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Article, Problem, SiteConfig } from './model.js';
import type { ListPage, QuietPage } from './parse/parse-article.js';

/**
 * An article as planning and the manifest know it: everything but the body and, once read back from a
 * manifest, the front matter's summary. A manifest leaves summaries out (they were 30% of its bytes,
 * which every run decodes): only rendering uses one, and it takes it from the published feed's item
 * along with the content (`publishedContent` in src/rebuild/published.ts), or parses the article again.
 */
export type ArticleEntry = Omit<Article, 'body' | 'bodyLine' | 'summary'> & {
  /** The front matter's summary when this run parsed the article; absent in a manifest's entries. */
  readonly summary?: string;
  /**
   * What the cascades above it give it that its items show (terms, dates), as a run plans it (`withCascade`
   * in src/rebuild/sections.ts): its feeds' fingerprints hold it, as their items' bytes change with it where
   * its file's hash does not. Absent in a manifest's entries.
   */
  readonly cascaded?: string;
};

/** What the manifest remembers of one source file. */
export interface ManifestArticle {
  /** Change token from the listing (ETag / size+mtime). */
  readonly version?: string;
  readonly hash: string;
  /** Absent when the file was rejected or is not an article. */
  readonly entry?: ArticleEntry;
  readonly problems?: readonly Problem[];
  /** A section's or a term's list page (`news/_index.md`): what it says of that feed. */
  readonly list?: ListPage;
  /** A page Hugo builds that is in no feed (undated, listed nowhere): what it says of its section. */
  readonly quiet?: QuietPage;
  /**
   * A page without a date of its own (`ParseResult.undated`, with `quiet`): the article it is where a cascade
   * dates it. Stored in a row's entry, told apart by its `dates`.
   */
  readonly undated?: ArticleEntry;
}

/**
 * The invalidation paths sent in one calendar month (UTC), as the CDN accepted them (`/*` is one path), as
 * CloudFront bills them: its first 1,000 a month are free for the whole account.
 */
export interface InvalidationUsage {
  /** `2025-06`. */
  readonly month: string;
  readonly paths: number;
}

/** What the manifest remembers of one feed. */
export interface ManifestFeed {
  /** Hash of everything that shapes the feed's bytes. */
  readonly fingerprint: string;
  /** Output path → sha256 of the published bytes. */
  readonly files: Readonly<Record<string, string>>;
  /** Output path → the store's change token right after feedpub wrote it (ETag, size+mtime). */
  readonly versions?: Readonly<Record<string, string>>;
  /**
   * How many items the feed holds when `maxBytes` made it keep fewer than it plans (its files were cut);
   * absent when it holds them all. The feed directory, OPML lists and discovery count what a feed holds.
   */
  readonly held?: number;
}

/** feedpub's private record of the last completed run. Written last, so a crash leaves the previous one. */
export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly configHash: string;
  /**
   * The fingerprints of the rules of the site's time zones in the time zone data of the runtime that read
   * the articles' dates (`siteZoneRules`): another runtime's, or an updated one's, with other rules for one
   * of them reads every page again. Absent in manifests written before it: unknown, read again once.
   */
  readonly zoneRules?: Readonly<Record<string, string>>;
  /**
   * The version of the time zone data `zoneRules` were made with (`process.versions.tz`): a run on a runtime
   * with the same version takes them as they are instead of making them again. Absent: made again.
   */
  readonly tzdata?: string;
  /** By source key, in key order (a Map: 30k keys in a plain object were a dictionary to build and walk). */
  readonly articles: ReadonlyMap<string, ManifestArticle>;
  readonly feeds: Readonly<Record<string, ManifestFeed>>;
  /** sha256 of the last report written. */
  readonly reportHash?: string;
  /** The resolved site config, reused while the config files keep `configSource`'s change tokens. */
  readonly site?: SiteConfig;
  readonly configSource?: {
    readonly renderVersion: number;
    /** `CONFIG_VERSION` of the feedpub that resolved `site` (absent before 1). */
    readonly configVersion?: number;
    readonly versions: Readonly<Record<string, string>>;
    readonly baseURL?: string;
  };
  /**
   * Where the ref shortcodes of the published articles that have some led, by article key (a digest of
   * their calls' URLs, `RefResolution.targets`): the content of such an article in a published feed is
   * reused only while its digest is the same.
   */
  readonly refTargets?: Readonly<Record<string, string>>;
  /** Feed URLs whose WebSub ping failed: the next run sends them again. */
  readonly pendingPings?: readonly string[];
  /** Paths whose invalidation the CDN refused for now (`CdnError.retryLater`): the next run sends them again. */
  readonly pendingInvalidations?: readonly string[];
  /** When the first of the runs that deferred `pendingInvalidations` ran (epoch ms): past an hour, a run fails on it. */
  readonly invalidationsDeferredAt?: number;
  /**
   * The CDN invalidation paths the runs that keep this state (the function, `rebuild --distribution`) sent
   * in the last month they sent any, for the invalidation budget (src/rebuild/invalidation-budget.ts).
   * Absent in manifests written before it, and until a run invalidates: counted from 0.
   */
  readonly invalidationUsage?: InvalidationUsage;
  /**
   * Paths a run was about to create, written ahead of them: if that run dies, the next one still
   * knows feedpub owns them (and removes those no longer planned). A run that starts from an unfinished
   * manifest adds every path it may rewrite or delete: putting back bytes the manifest records puts back
   * their S3 ETag, so only this says such a run wrote them (see `Publisher.trusted`). The next run compares
   * all of them whatever their change tokens, and invalidates and pings those it finds changed.
   */
  readonly intents?: readonly string[];
  /**
   * Set ahead of a run's first change to the published files and cleared by its manifest: a run that
   * finds it knows the last one died half-way, so that the files may differ from what this records.
   */
  readonly unfinished?: true;
  /** The wake-up the last run left set (`at` null: none), on the scheduler with this id (`Scheduler.id`). */
  readonly scheduled?: { readonly id: string; readonly at: number | null };
  /**
   * When the run's selection of live articles holds without any article changing: from the last moment
   * before the run that a post went live or expired to the next (null: none). Within it, only the articles a
   * run reads can move between feeds.
   */
  readonly stableSelection?: { readonly since: number | null; readonly until: number | null };
  /**
   * What only a listing finds (config files not read, empty content folders, files Hugo makes no page of,
   * the id namespace), as the last full run found it: a run for reported keys lists nothing and reports
   * these again, so the authors' report does not change with the kind of run.
   */
  readonly siteProblems?: readonly Problem[];
  /**
   * The salt of the ids an older feedpub published (its state's site's `feeds.idNamespace`), on a manifest
   * made from its state (`legacyStoredManifest`), which has no `site` yet: ids keep it until a run records
   * its site (a write-ahead, or a run stopped by a config error, keeps it meanwhile).
   */
  readonly idNamespace?: string;
  /**
   * The last published articles whose files went (at most `MAX_RETIRED`, oldest first): a new article at
   * one's path takes its id, a file moved away from one gets another (see `idContinuity` in
   * src/rebuild/retired.ts). Absent in manifests written before it, and while none went.
   */
  readonly retired?: readonly RetiredPage[];
}

/**
 * A published article a run saw go (its file deleted, or no page of the site any more), as the manifest
 * remembers it: `[key, id, published, title, titleDigest, bytes]`. `title` is cut to 60 code points (it only
 * names the article in a message), `titleDigest` is the start of the sha256 of the whole title, `bytes` the
 * start of the file's sha256. Positional, as the shards' rows are: the head carries up to 256 of them,
 * and every run decodes the head.
 */
export type RetiredPage = readonly [key: string, id: string, published: number, title: string, titleDigest: string, bytes: string];

export const MANIFEST_FORMAT = 'feedpub-manifest/8';
/** The head: everything but the articles, plus the names of the article shards. Written last. */
export const MANIFEST_KEY = 'manifest.json.gz';
/** Folder of the article shards, named by content (`articles-<shard>-<sha256 prefix>.json.gz`). */
export const SHARD_PREFIX = 'manifest/';
/** Articles are spread over this many shards by a hash of their key; a run rewrites only the shards it changed. */
export const SHARDS = 16;

/** The stored head: the manifest without its articles, naming the shards that hold them. */
export type ManifestHead = Omit<Manifest, 'articles'> & { readonly articleShards: readonly string[] };

/** One article shard as stored: its name and the very records it holds (compared by identity). */
interface Shard {
  readonly name: string;
  readonly records: ReadonlyMap<string, ManifestArticle>;
}

/**
 * Decoded article shards by name, kept by a long-lived process (a warm Lambda container) from one run
 * to the next. Shard names are content-addressed, so a name read again stands for the very records
 * decoded before: the run skips that GET and its decode. Only shards decoded from stored bytes go in
 * (never records a run built itself), and `readManifest` keeps only the names of the head it read.
 */
export type ShardCache = Map<string, ReadonlyMap<string, ManifestArticle>>;

/** A manifest as read from (or written to) the state storage. */
export interface StoredManifest {
  readonly manifest: Manifest;
  readonly head: Uint8Array;
  readonly shards: readonly Shard[];
  /** The stored head's change token, when the store gives one: the next head is written only over it. */
  readonly version?: string;
}

/** Which shard holds a key: FNV-1a of the key, modulo SHARDS (stable across runs and machines). */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SHARDS;
}

/**
 * A shard's rows as gzip: one row per line (`[row,\nrow]`, still one JSON text), so that a reader can
 * parse them a piece at a time ({@link forEachRow}).
 */
function gzipRows(rows: readonly Row[]): Uint8Array {
  // Level 1: the articles of a 30,000-article site are ~27 MB of JSON; level 6 took 0.6 s to write them,
  // level 1 0.4 s, for 14% more bytes.
  return gzipSync(asciiText(`[${rows.map((row) => JSON.stringify(row)).join(',\n')}]`), { level: 1 });
}

/** The most `gunzipBytes` asks zlib to produce in one piece (a bigger manifest part is still read, in pieces). */
const MAX_GUNZIP_CHUNK = 64 * 2 ** 20;

/**
 * zlib's output piece for these gzip bytes: the size the gzip trailer records (ISIZE, RFC 1952), within
 * bounds. zlib's default of 16 KiB made a 1.4 MB shard ~90 pieces to produce and join: reading every
 * shard of a 30,000-article manifest took twice as long.
 */
export function gunzipChunk(bytes: Uint8Array): number {
  if (bytes.byteLength < 18) return 16 * 1024;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(bytes.byteLength - 4, true);
  return Math.min(MAX_GUNZIP_CHUNK, Math.max(16 * 1024, size + 1));
}

function gunzipBytes(bytes: Uint8Array): Buffer {
  return gunzipSync(bytes, { chunkSize: gunzipChunk(bytes) });
}

function gunzipText(bytes: Uint8Array): string {
  return textOf(gunzipBytes(bytes));
}

/** JSON bytes as text: ASCII decodes as Latin-1 at memory speed; UTF-8 with CJK took 10 ns a byte (manifests written before the escaping still decode, as UTF-8). */
function textOf(buffer: Buffer): string {
  return isAscii(buffer) ? buffer.toString('latin1') : buffer.toString('utf8');
}

/**
 * How many characters of rows one `JSON.parse` takes. A whole shard (a megabyte at 30,000 articles) is
 * a string V8 puts in pages of its own, fresh memory on every shard; pieces this size reuse the young
 * generation's pages, and fresh memory is what reading a manifest pays for most (~3.5 ms a MiB to touch
 * on these machines): decoding 16 shards took ~175 ms instead of ~230 ms, with 6,000 page faults
 * instead of 10,600.
 */
const ROW_PIECE = 64 * 1024;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * Calls `visit` with each row of a gzipped JSON array, parsed a piece of lines at a time when the array
 * has one row per line and is ASCII ({@link gzipRows}), else as one text (a shard of one row, or one
 * written with its rows on one line). Throws on anything that is not such an array.
 */
function forEachRow(bytes: Uint8Array, visit: (row: unknown) => void): void {
  const buffer = gunzipBytes(bytes);
  const end = buffer.length - 1;
  if (buffer[0] !== 0x5b || buffer[end] !== 0x5d || buffer.indexOf(NEWLINE) < 0 || !isAscii(buffer)) {
    const rows: unknown = JSON.parse(textOf(buffer));
    if (!Array.isArray(rows)) throw new Error('not an array of rows');
    for (const row of rows) visit(row);
    return;
  }
  // A newline stands only between rows: JSON.stringify writes none inside a value.
  let at = 1;
  while (at < end) {
    let stop = buffer.indexOf(NEWLINE, Math.min(at + ROW_PIECE, end));
    if (stop < 0) stop = end;
    const next = stop + 1;
    if (buffer[stop - 1] === COMMA) stop--;
    const rows = JSON.parse(`[${buffer.toString('latin1', at, stop)}]`) as unknown[];
    for (const row of rows) visit(row);
    at = next;
  }
}

const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * JSON with every non-ASCII UTF-16 unit written as a `\uXXXX` escape (JSON.stringify already escapes
 * lone surrogates): the same value, 20% more bytes before gzip, 4% after, and every run reads it back
 * in half the time (see `gunzipText`).
 *
 * @example asciiJson({ t: '新闻' }).toString() // → '{"t":"\\u65b0\\u95fb"}'
 */
export function asciiJson(value: unknown): Buffer {
  return asciiText(JSON.stringify(value) ?? 'null');
}

/** `text` as bytes, every non-ASCII UTF-16 unit written as a `\uXXXX` escape (JSON text stays the same value). */
function asciiText(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 6);
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      out[o++] = u;
      continue;
    }
    out[o++] = 0x5c; // backslash
    out[o++] = 0x75; // u
    out[o++] = HEX[u >> 12] as number;
    out[o++] = HEX[(u >> 8) & 15] as number;
    out[o++] = HEX[(u >> 4) & 15] as number;
    out[o++] = HEX[u & 15] as number;
  }
  return out.subarray(0, o);
}

/**
 * A stored head, opened: the shard names at once, the rest when asked. The head is two JSON texts, one
 * per line: the format and the shard names first, so that a reader asks for the shards before it
 * decodes the rest (a 30,000-article site's head is a megabyte of JSON, ~30 ms to decode); then
 * everything else.
 */
export interface OpenedHead {
  readonly articleShards: readonly string[];
  /** The whole head; undefined when the rest is unreadable. */
  rest(): ManifestHead | undefined;
}

/**
 * Opens a manifest head; anything unreadable or of another format gives undefined.
 *
 * @example const opened = openManifestHead(await state.read(MANIFEST_KEY)); opened?.articleShards
 */
export function openManifestHead(bytes: Uint8Array | undefined): OpenedHead | undefined {
  if (!bytes) return undefined;
  try {
    const text = gunzipText(bytes);
    const end = text.indexOf('\n');
    if (end < 0) return undefined;
    const index = JSON.parse(text.slice(0, end)) as Partial<ManifestHead>;
    if (index.format !== MANIFEST_FORMAT || !Array.isArray(index.articleShards)) return undefined;
    if (index.articleShards.length !== SHARDS || !index.articleShards.every((n) => typeof n === 'string')) return undefined;
    const articleShards = index.articleShards;
    return {
      articleShards,
      rest: () => {
        try {
          const data = JSON.parse(text.slice(end + 1)) as Partial<ManifestHead>;
          if (typeof data.configHash !== 'string' || !data.feeds || typeof data.feeds !== 'object') return undefined;
          return { ...data, format: MANIFEST_FORMAT, articleShards } as ManifestHead;
        } catch {
          return undefined;
        }
      },
    };
  } catch {
    return undefined;
  }
}

/**
 * The stored head: the shard names on the first line, the rest on the second. Feeds' files are stored by
 * path, as a run holds them: naming them within their folders (format 7) made the head 11% smaller
 * gzipped and cost ~35 ms to expand on every read (creating 5,000 keys one by one, against JSON.parse
 * creating them) and ~20 ms to rename on every write.
 */
function encodeHead(head: Omit<Manifest, 'articles'>, articleShards: readonly string[]): Uint8Array {
  const { format, feeds, ...rest } = head;
  const index = asciiJson({ format, articleShards });
  const body = asciiJson({ ...rest, feeds });
  return gzipSync(Buffer.concat([index, Buffer.from('\n'), body]), { level: 1 });
}

/**
 * Decodes one article shard; undefined when it is not one.
 *
 * @example decodeShard(bytes)?.get('content/en/a.md')?.hash
 */
export function decodeShard(bytes: Uint8Array): Map<string, ManifestArticle> | undefined {
  try {
    const records = new Map<string, ManifestArticle>();
    forEachRow(bytes, (row) => {
      const [key, record] = fromRow(row as Row);
      records.set(key, record);
    });
    return records;
  } catch {
    return undefined;
  }
}

/**
 * One article record in a shard: `[key, version, hash, entry, problems, list?, quiet?]`, the entry's fields in
 * a fixed order (its key and hash are the record's). Rows are a third smaller than keyed objects and parse
 * faster, which is what a run pays for every article of the site.
 */
type Row = readonly [
  key: string,
  version: string | null,
  hash: string,
  entry: EntryRow | null,
  problems: readonly Problem[] | null,
  /** Null when only `quiet` follows. */
  list?: ListPage | null,
  quiet?: QuietPage,
];
type EntryRow = readonly [
  id: string,
  lang: string,
  translationKey: string,
  title: string,
  published: number,
  updated: number,
  publishAt: number,
  expiresAt: number | null,
  draft: boolean,
  terms: ArticleEntry['terms'],
  authors: ArticleEntry['authors'],
  image: string | null,
  section: string,
  url: string,
  /** Only when it differs from the record's hash (null when only `local` follows). */
  hash?: string | null,
  /** Only when set: `_build.list: local`, or false for a `_build` of its own (null when only `sectionUrls` follows). */
  local?: boolean | null,
  /** Only when set: the permalinks by section depth (`Article.sectionUrls`) (null when only `refs` follows). */
  sectionUrls?: readonly string[] | null,
  /** Only when set: the pages its ref/relref shortcodes name (`Article.refs`) (null when only `params` follows). */
  refs?: ArticleEntry['refs'] | null,
  /** Only when set: what its param shortcodes show (`Article.params`) (null when only `idOther` follows). */
  params?: ArticleEntry['params'] | null,
  /** Only when set: the other id its path makes (`Article.idOther`) (null when only `states` follows). */
  idOther?: string | null,
  /** Only when set: the keys its front matter settles that a cascade would give (`Article.states`) (null when only `dates` follows). */
  states?: number | null,
  /**
   * Only when set: where its own dates come from (`Article.dates`); without a date (`ranks[0]` -1), the entry is
   * the record's `undated` (null when only `markup` follows).
   */
  dates?: ArticleEntry['dates'] | null,
  /** Only when set: `html`, its body read as HTML (`Article.markup`). */
  markup?: 'html',
];

function toRow(key: string, record: ManifestArticle): Row {
  const e = record.entry ?? record.undated;
  let entry: EntryRow | null = null;
  if (e) {
    const fields = [
      e.id,
      e.lang,
      e.translationKey,
      e.title,
      e.published,
      e.updated,
      e.publishAt,
      e.expiresAt ?? null,
      e.draft,
      e.terms,
      e.authors,
      e.image ?? null,
      e.section,
      e.url,
    ] as const;
    const hash = e.hash === record.hash ? undefined : e.hash;
    // The rare fields up to the last one set, null where one before it is not.
    const rare = [hash, e.local, e.sectionUrls, e.refs, e.params, e.idOther, e.states, e.dates, e.markup];
    let length = rare.length;
    while (length > 0 && rare[length - 1] === undefined) length--;
    entry = length === 0 ? fields : ([...fields, ...rare.slice(0, length).map((v) => v ?? null)] as unknown as EntryRow);
  }
  const head = [key, record.version ?? null, record.hash, entry, record.problems ?? null] as const;
  if (record.quiet !== undefined) return [...head, record.list ?? null, record.quiet];
  return record.list === undefined ? head : [...head, record.list];
}

function fromRow(row: Row): readonly [string, ManifestArticle] {
  const [key, version, hash, e, problems, list, quiet] = row;
  if (typeof key !== 'string' || typeof hash !== 'string') throw new Error('not a manifest row');
  // Every site's manifest is decoded on every run: objects are built in one go, in one shape each
  // (optional fields as undefined rather than spread in), which halves the decode.
  const base: ArticleEntry | undefined = e
    ? ({
        key,
        hash: e[14] ?? hash,
        id: e[0],
        lang: e[1],
        translationKey: e[2],
        title: e[3],
        published: e[4],
        updated: e[5],
        publishAt: e[6],
        expiresAt: e[7] ?? undefined,
        draft: e[8],
        terms: e[9],
        authors: e[10],
        image: e[11] ?? undefined,
        section: e[12],
        url: e[13],
      } as ArticleEntry)
    : undefined;
  // Rare fields (`_build.list: local`, `:sections` permalinks, ref and param shortcodes, another id, the keys a
  // cascade would give, an HTML body) only where set: every other
  // entry keeps the one shape.
  // Set on the entry just built (spreading it into another object for them doubled a decode where most
  // rows have one, as `states` has for a page that says `draft`).
  if (base !== undefined && e !== null && e.length > 15) {
    const rare = base as { -readonly [K in keyof ArticleEntry]: ArticleEntry[K] };
    if (typeof e[15] === 'boolean') rare.local = e[15];
    if (Array.isArray(e[16])) rare.sectionUrls = e[16];
    if (Array.isArray(e[17])) rare.refs = e[17];
    if (Array.isArray(e[18])) rare.params = e[18];
    if (typeof e[19] === 'string') rare.idOther = e[19];
    if (typeof e[20] === 'number') rare.states = e[20];
    if (typeof e[21] === 'object' && e[21] !== null) rare.dates = e[21];
    if (e[22] === 'html') rare.markup = 'html';
  }
  // A page without a date of its own is no article until a cascade dates it (`ManifestArticle.undated`).
  const undated = base?.dates !== undefined && base.dates.ranks[0] === -1;
  const record = (
    undated
      ? { version: version ?? undefined, hash, undated: base, problems: problems ?? undefined }
      : { version: version ?? undefined, hash, entry: base, problems: problems ?? undefined }
  ) as ManifestArticle;
  if (typeof quiet === 'object' && quiet !== null) return [key, typeof list === 'object' && list !== null ? { ...record, list, quiet } : { ...record, quiet }];
  return [key, typeof list === 'object' && list !== null ? { ...record, list } : record];
}

/**
 * The manifest a head and its shards (in the head's order; an empty name is an empty shard) make.
 *
 * @example const stored = joinManifest(headBytes, head, shards);
 */
export function joinManifest(headBytes: Uint8Array, head: ManifestHead, shards: readonly ReadonlyMap<string, ManifestArticle>[]): StoredManifest {
  const { articleShards, ...rest } = head;
  // Each shard is in key order: merged pairwise, the whole is too, without sorting 30,000 keys again.
  let runs: (readonly [string, ManifestArticle])[][] = shards.map((records) => [...records]);
  while (runs.length > 1) {
    const merged: (readonly [string, ManifestArticle])[][] = [];
    for (let i = 0; i < runs.length; i += 2) merged.push(mergeByKey(runs[i] ?? [], runs[i + 1] ?? []));
    runs = merged;
  }
  const articles = new Map<string, ManifestArticle>(runs[0]);
  return { manifest: { ...rest, articles }, head: headBytes, shards: shards.map((records, i) => ({ name: articleShards[i] ?? '', records })) };
}

/** Two runs of entries in key order, merged into one (a key in both keeps the second run's record). */
function mergeByKey<T>(a: readonly (readonly [string, T])[], b: readonly (readonly [string, T])[]): (readonly [string, T])[] {
  if (b.length === 0) return [...a];
  const out: (readonly [string, T])[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as readonly [string, T];
    const y = b[j] as readonly [string, T];
    if (x[0] < y[0]) {
      out.push(x);
      i++;
    } else {
      if (x[0] === y[0]) i++;
      out.push(y);
      j++;
    }
  }
  while (i < a.length) out.push(a[i++] as readonly [string, T]);
  while (j < b.length) out.push(b[j++] as readonly [string, T]);
  return out;
}

/** What storing a manifest takes: the shards to write, then the head, then the old shards to remove. */
export interface ManifestWrite {
  /** Shards whose records changed, content-addressed (write these first). */
  readonly shardWrites: readonly { readonly key: string; readonly body: Uint8Array }[];
  /** The head, to write last; undefined when it equals the previous head (nothing to store). */
  readonly head?: Uint8Array;
  /** Shards only the previous head named (remove after the head). */
  readonly deletes: readonly string[];
  /** The manifest as it will be stored. */
  readonly stored: StoredManifest;
}

/** A manifest's article shards, encoded against the previously stored manifest ({@link encodeShards}). */
export interface EncodedShards {
  /** The articles and the stored manifest they were encoded for. */
  readonly articles: ReadonlyMap<string, ManifestArticle>;
  readonly previous: StoredManifest | undefined;
  readonly shards: readonly Shard[];
  /** Shards whose records changed, content-addressed (write these first). */
  readonly shardWrites: readonly { readonly key: string; readonly body: Uint8Array }[];
}

/**
 * Encodes the article shards against the previously stored manifest: only shards whose records changed
 * (by identity: records a run reuses are the very objects it read) are encoded again. Pure. A run
 * encodes them as soon as its articles are known, while it waits on storage, not after its last write.
 *
 * @example const early = encodeShards(articles, stored); … encodeManifest(manifest, stored, early);
 */
export function encodeShards(articles: ReadonlyMap<string, ManifestArticle>, previous: StoredManifest | undefined, changed?: Iterable<string>): EncodedShards {
  const groups = groupByShard(articles, previous, changed);
  const shardWrites: { key: string; body: Uint8Array }[] = [];
  const shards = groups.map((records, i): Shard => {
    const before = previous?.shards[i];
    if (before && (records === before.records || sameRecords(before.records, records))) return before;
    if (records.size === 0) return { name: '', records };
    const body = gzipRows([...records].map(([key, record]) => toRow(key, record)));
    const name = `${SHARD_PREFIX}articles-${i.toString(16)}-${createHash('sha256').update(body).digest('hex').slice(0, 20)}.json.gz`;
    if (name !== before?.name) shardWrites.push({ key: name, body });
    return { name, records };
  });
  return { articles, previous, shards, shardWrites };
}

/**
 * Encodes a manifest against the previously stored one: its shards (those `early` encoded, when it was
 * for these very articles and this previous manifest), then its head. Pure.
 *
 * @example const { shardWrites, head, deletes } = encodeManifest(manifest, previous);
 */
export function encodeManifest(manifest: Manifest, previous: StoredManifest | undefined, early?: EncodedShards): ManifestWrite {
  // Shards encoded against a stored manifest hold against any other that stored the very same shards (a
  // run's write-ahead stores its starting articles again under another head).
  const { shards, shardWrites } =
    early !== undefined && early.articles === manifest.articles && early.previous?.shards === previous?.shards
      ? early
      : previous !== undefined && manifest.articles === previous.manifest.articles
        ? { shards: previous.shards, shardWrites: [] }
        : encodeShards(manifest.articles, previous);
  const { articles: _articles, ...rest } = manifest;
  const head = encodeHead(
    rest,
    shards.map((s) => s.name),
  );
  if (previous && sameBytes(previous.head, head)) return { shardWrites: [], deletes: [], stored: previous };
  const kept = new Set(shards.map((s) => s.name));
  const deletes = (previous?.shards ?? []).flatMap((old) => (old && old.name !== '' && !kept.has(old.name) ? [old.name] : []));
  return { shardWrites, head, deletes, stored: { manifest, head, shards } };
}

/**
 * The articles by shard, each in key order. Against a previous manifest, a shard none of whose keys was
 * added, removed or given another record is the previous shard's very records: a run that changed one
 * article hashes the keys it changed, not 30,000 (the grouping was ~40 ms of a one-article update).
 * `changed`, when given, names every key whose record may differ from the previous manifest's (a run for
 * reported keys knows them): the articles are then not even compared.
 */
function groupByShard(
  articles: ReadonlyMap<string, ManifestArticle>,
  previous: StoredManifest | undefined,
  changed?: Iterable<string>,
): ReadonlyMap<string, ManifestArticle>[] {
  const before = previous?.manifest.articles;
  if (previous === undefined || before === undefined || previous.shards.length !== SHARDS) {
    const groups: Map<string, ManifestArticle>[] = Array.from({ length: SHARDS }, () => new Map());
    for (const key of sortedKeys(articles)) {
      const record = articles.get(key);
      if (record) groups[shardOf(key)]?.set(key, record);
    }
    return groups;
  }
  // Keys new since the previous manifest, by shard; and which shards hold any change at all.
  const added: string[][] = Array.from({ length: SHARDS }, () => []);
  const dirty = new Set<number>();
  if (changed !== undefined) {
    for (const key of new Set(changed)) {
      const i = shardOf(key);
      dirty.add(i);
      if (!before.has(key) && articles.has(key)) added[i]?.push(key);
    }
  } else {
    let kept = 0;
    for (const [key, record] of articles) {
      const old = before.get(key);
      if (old === undefined) {
        const i = shardOf(key);
        added[i]?.push(key);
        dirty.add(i);
      } else {
        kept++;
        if (old !== record) dirty.add(shardOf(key));
      }
    }
    if (kept < before.size) for (const key of before.keys()) if (!articles.has(key)) dirty.add(shardOf(key));
  }
  return previous.shards.map((shard, i) => {
    if (!dirty.has(i)) return shard.records;
    const keys = [...shard.records.keys(), ...(added[i] ?? [])];
    if ((added[i]?.length ?? 0) > 0) keys.sort();
    const records = new Map<string, ManifestArticle>();
    for (const key of keys) {
      const record = articles.get(key);
      if (record) records.set(key, record);
    }
    return records;
  });
}

/** The keys in code-unit order; a run passes them sorted already, which one pass confirms. */
function sortedKeys(map: ReadonlyMap<string, unknown>): string[] {
  const keys = [...map.keys()];
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) >= (keys[i] as string)) return keys.sort();
  return keys;
}

function sameRecords(a: ReadonlyMap<string, ManifestArticle>, b: ReadonlyMap<string, ManifestArticle>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, record] of b) if (a.get(key) !== record) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
