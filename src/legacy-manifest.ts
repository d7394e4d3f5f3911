import { gunzipSync } from 'node:zlib';
import { joinManifest, MANIFEST_FORMAT, type Manifest, type ManifestArticle, type ManifestFeed, SHARDS, type StoredManifest } from './manifest.js';
import { isRecord, recordFrom } from './util/record.js';

/**
 * What a run takes from a state an older feedpub wrote (manifest formats 1 to 7): the salt of the ids it
 * published and the files it published (or was about to). Nothing else: its articles, fingerprints and
 * config were made by other code, so a run after it parses and renders everything, as a first run does.
 */
export interface LegacyManifest {
  /** As the head names it (`feedpub-manifest/6`). */
  readonly format: string;
  /** Its site's `feeds.idNamespace`, when it recorded one. */
  readonly idNamespace?: string;
  /** The files it published by feed (a folder, or `@site`): path → sha256, and path → change token when recorded. */
  readonly feeds: Readonly<Record<string, Pick<ManifestFeed, 'files' | 'versions'>>>;
  /** Paths a run of it that died was about to create (its write-ahead, formats 2 on): it may have published them. */
  readonly intents?: readonly string[];
}

/** The formats {@link decodeLegacyHead} reads. */
const ONE_JSON_TEXT = /^feedpub-manifest\/[1-6]$/;
const TWO_LINES = 'feedpub-manifest/7';

/** The salt of every derived id before ids followed the baseURL (7b1a54a, still format 6). */
const LEGACY_ID_NAMESPACE = 'feedpub';

/**
 * Decodes the head of a state an older feedpub wrote; undefined for anything else (format 8 included).
 * Formats 1 to 6 are one JSON text (`format`, `feeds` by path, `site`, …); format 7 is two lines, the
 * format and the shard names, then the rest, with each feed's files named within its folder (`index.xml`,
 * or `/` and the path for one outside it) and the `@site` record's by path.
 *
 * @example decodeLegacyHead(await state.read(MANIFEST_KEY))?.idNamespace // 'feedpub'
 */
export function decodeLegacyHead(bytes: Uint8Array | undefined): LegacyManifest | undefined {
  const text = textOf(bytes);
  if (text === undefined) return undefined;
  try {
    const end = text.indexOf('\n');
    const first = asObject(JSON.parse(end < 0 ? text : text.slice(0, end)));
    const format = first?.format;
    if (typeof format !== 'string') return undefined;
    let body: Record<string, unknown> | undefined;
    if (ONE_JSON_TEXT.test(format) && end < 0) body = first;
    else if (format === TWO_LINES && end >= 0) body = asObject(JSON.parse(text.slice(end + 1)));
    const feeds = asObject(body?.feeds);
    if (feeds === undefined) return undefined;
    const recorded = asObject(asObject(body?.site)?.feeds)?.idNamespace;
    // A one-text head that names no namespace was written before ids followed the baseURL (7b1a54a), when
    // every site's ids were salted with `feedpub` (format 1 records no site at all).
    const idNamespace = typeof recorded === 'string' && recorded !== '' ? recorded : ONE_JSON_TEXT.test(format) ? LEGACY_ID_NAMESPACE : undefined;
    const intents = Array.isArray(body?.intents) ? body.intents.filter((path): path is string => typeof path === 'string') : [];
    return {
      format,
      ...(idNamespace !== undefined ? { idNamespace } : {}),
      feeds: recordFrom(Object.entries(feeds).flatMap(([dir, feed]) => feedOf(dir, asObject(feed), format === TWO_LINES))),
      ...(intents.length > 0 ? { intents } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether a head naming this format is one a run reads (this version's, or an older one's): when it does
 * not read, it is damaged, not of another format.
 *
 * @example isKnownFormat('feedpub-manifest/6') // true
 */
export function isKnownFormat(format: string): boolean {
  return format === MANIFEST_FORMAT || format === TWO_LINES || ONE_JSON_TEXT.test(format);
}

/**
 * The format a stored head names, whatever else it holds: the first JSON text's `format` (undefined when
 * the bytes are not gzip, or name none).
 *
 * @example headFormat(await state.read(MANIFEST_KEY)) // 'feedpub-manifest/9'
 */
export function headFormat(bytes: Uint8Array | undefined): string | undefined {
  const text = textOf(bytes);
  if (text === undefined) return undefined;
  try {
    const end = text.indexOf('\n');
    const format = asObject(JSON.parse(end < 0 ? text : text.slice(0, end)))?.format;
    return typeof format === 'string' ? format : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The stored manifest a run starts from after an older feedpub: no article, each feed recorded with its
 * files and no fingerprint (every feed is rendered and compared with what is published), the paths its
 * write-ahead named, and the id namespace (see `Manifest.idNamespace`). Its head is the bytes read, so that the next head is written
 * over them (with their change token, where the store gives one), as over any head.
 *
 * @example const stored = legacyStoredManifest(headBytes, legacy, etag);
 */
export function legacyStoredManifest(head: Uint8Array, legacy: LegacyManifest, version: string | undefined): StoredManifest {
  const feeds = recordFrom(Object.entries(legacy.feeds).map(([dir, feed]): [string, ManifestFeed] => [dir, { fingerprint: '', ...feed }]));
  const manifest: Omit<Manifest, 'articles'> = {
    format: MANIFEST_FORMAT,
    configHash: '',
    feeds,
    ...(legacy.idNamespace !== undefined ? { idNamespace: legacy.idNamespace } : {}),
    ...(legacy.intents !== undefined ? { intents: legacy.intents } : {}),
  };
  const empty = Array.from({ length: SHARDS }, () => new Map<string, ManifestArticle>());
  const stored = joinManifest(head, { ...manifest, articleShards: empty.map(() => '') }, empty);
  return version !== undefined ? { ...stored, version } : stored;
}

function textOf(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** One feed's record by path (format 7's names within its folder expanded), or none when it has no files. */
function feedOf(dir: string, feed: Record<string, unknown> | undefined, named: boolean): [string, Pick<ManifestFeed, 'files' | 'versions'>][] {
  const folder = named && (dir === '' || dir.endsWith('/'));
  const byPath = (value: unknown): Record<string, string> | undefined => {
    const names = asObject(value);
    if (names === undefined) return undefined;
    const entries = Object.entries(names).flatMap(([name, v]): [string, string][] =>
      typeof v === 'string' ? [[folder ? (name.startsWith('/') ? name.slice(1) : dir + name) : name, v]] : [],
    );
    return recordFrom(entries);
  };
  const files = byPath(feed?.files);
  if (files === undefined || Object.keys(files).length === 0) return [];
  const versions = byPath(feed?.versions);
  return [[dir, versions !== undefined ? { files, versions } : { files }]];
}
