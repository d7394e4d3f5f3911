import { WriteConflictError } from '../errors.js';
import {
  MANIFEST_KEY,
  SHARD_PREFIX,
  decodeShard,
  encodeShards,
  encodeManifest,
  joinManifest,
  openManifestHead,
  type EncodedShards,
  type Manifest,
  type ManifestArticle,
  type ShardCache,
  type StoredManifest,
} from '../manifest.js';
import { decodeLegacyHead, headFormat, isKnownFormat, legacyStoredManifest, type LegacyManifest } from '../legacy-manifest.js';
import type { Storage, WriteRequest } from '../ports.js';
import { collect } from '../util/collect.js';

/** How the manifest's parts are stored. */
const MANIFEST_METADATA = { contentType: 'application/gzip', cacheControl: 'no-store' } as const;

/** The state as a run finds it: the stored manifest (none on a first run), or what it could not read. */
export interface StateRead {
  /** The manifest, or the one made from an older feedpub's state (`legacyStoredManifest`). */
  readonly stored?: StoredManifest;
  /** Set when `stored` was made from an older feedpub's state: what was read of it. */
  readonly legacy?: LegacyManifest;
  /** Set when there is a head this version cannot read (damaged, or of a format it does not know). */
  readonly unreadable?: { readonly format?: string };
}

/**
 * Reads the manifest: the head, then its shards in parallel (those `cache` holds are not read again).
 * Anything missing or unreadable gives undefined (a full run follows); an older feedpub's state gives
 * the manifest made of what a run takes from it (its id namespace and published files).
 *
 * @example const stored = await readManifest(deps.state); stored?.manifest.articles
 */
export async function readManifest(state: Storage, cache?: ShardCache): Promise<StoredManifest | undefined> {
  return (await readState(state, cache)).stored;
}

/**
 * {@link readManifest}, saying also when a head was found that this version cannot read.
 *
 * @example const { stored, unreadable } = await readState(deps.state);
 */
export async function readState(state: Storage, cache?: ShardCache): Promise<StateRead> {
  // With its change token where the store gives one: the next head is written only over it.
  const read = state.readVersioned ? await state.readVersioned(MANIFEST_KEY) : { bytes: await state.read(MANIFEST_KEY), version: undefined };
  const headBytes = read?.bytes;
  if (!headBytes) return {};
  const withVersion = (stored: StoredManifest): StateRead => ({ stored: read?.version !== undefined ? { ...stored, version: read.version } : stored });
  // A head of a format some feedpub reads that does not read is damaged: its format is not the reason.
  const unreadable = (): StateRead => {
    const format = headFormat(headBytes);
    return { unreadable: format !== undefined && !isKnownFormat(format) ? { format } : {} };
  };
  const opened = openManifestHead(headBytes);
  if (!opened) {
    const legacy = decodeLegacyHead(headBytes);
    return legacy ? { stored: legacyStoredManifest(headBytes, legacy, read?.version), legacy } : unreadable();
  }
  const reading = opened.articleShards.map(async (name): Promise<ReadonlyMap<string, ManifestArticle> | undefined> => {
    if (name === '') return new Map<string, ManifestArticle>();
    const known = cache?.get(name);
    if (known) return known;
    const bytes = await state.read(name);
    const records = bytes ? decodeShard(bytes) : undefined;
    if (records) cache?.set(name, records);
    return records;
  });
  for (const shard of reading) shard.catch(() => {}); // awaited below; not unhandled meanwhile
  // The rest of the head is decoded while the shards are on their way (after a turn that sends them).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const head = opened.rest();
  const shards = await Promise.all(reading);
  if (!head) return unreadable();
  if (cache) {
    const named = new Set(head.articleShards);
    for (const name of cache.keys()) if (!named.has(name)) cache.delete(name);
  }
  if (shards.every((records) => records !== undefined)) return withVersion(joinManifest(headBytes, head, shards));
  // A shard the head names is gone or unreadable (two runs overlapped, and one removed a shard the other's
  // head names; a hand edit). The rest of the head still holds (the published files, the id namespace, the
  // pings and wake-up to keep): the manifest is read without those articles, as unfinished, so the next
  // run is a full one that reads and parses them again.
  const joined = joinManifest(
    headBytes,
    { ...head, articleShards: head.articleShards.map((name, i) => (shards[i] === undefined ? '' : name)) },
    shards.map((records) => records ?? new Map<string, ManifestArticle>()),
  );
  // No head bytes: the next head is written whatever it holds (the same articles parsed again encode the
  // very shard that went missing, under its old name, in a head that would otherwise look unchanged).
  return withVersion({ ...joined, head: new Uint8Array(0), manifest: { ...joined.manifest, unfinished: true } });
}

/**
 * Stores the manifest: changed shards, then the head, last (a run that dies before it leaves the
 * previous manifest whole: shard names are content-addressed), then removes the shards only the
 * previous head named. Writes nothing when the head did not change.
 *
 * @example stored = await writeManifest(deps.state, manifest, stored);
 */
export async function writeManifest(
  state: Storage,
  manifest: Manifest,
  previous: StoredManifest | undefined,
  early?: EncodedShards,
  written?: ReadonlySet<string>,
): Promise<StoredManifest> {
  const { shardWrites, head, deletes, stored } = encodeManifest(manifest, previous, early);
  if (head === undefined) return stored;
  await Promise.all(shardWrites.filter((shard) => !written?.has(shard.key)).map((shard) => state.write({ ...shard, ...MANIFEST_METADATA })));
  // Only over the head this run read: a run that overlapped another and lost gets a WriteConflictError
  // (and removes no shard the winner's head may name). A head read from a store without change tokens is
  // replaced as it is. A first run (no head read) creates the head only if there is none: of two first
  // runs at once (a CLI rebuild and the function), the second to write gets the WriteConflictError.
  const request: WriteRequest = { key: MANIFEST_KEY, body: head, ...MANIFEST_METADATA };
  let version: string | undefined;
  if (previous !== undefined) {
    version = await state.write(previous.version !== undefined ? { ...request, ifVersion: previous.version } : request);
  } else {
    try {
      version = await state.write({ ...request, ifVersion: null });
    } catch (error) {
      // A head this version cannot read (a format it does not know, damaged) reads as none: it is replaced,
      // only over the bytes just found where the store has change tokens. One that reads is another run's,
      // which won. (An older feedpub's head is read as a manifest, `legacyStoredManifest`: a run that found
      // one writes over it above, with its change token.)
      if (!(error instanceof WriteConflictError)) throw error;
      const found = state.readVersioned ? await state.readVersioned(MANIFEST_KEY) : { bytes: await state.read(MANIFEST_KEY), version: undefined };
      if (found?.bytes === undefined || openManifestHead(found.bytes)?.rest() !== undefined) throw error;
      version = await state.write(found.version !== undefined ? { ...request, ifVersion: found.version } : request);
    }
  }
  for (const key of deletes) await state.delete(key);
  return version ? { ...stored, version } : stored;
}

/**
 * Marks the stored manifest unfinished, adding `paths` to its write-ahead intents and setting `fields`
 * (conditionally: another run writing it meanwhile is read again, up to three times; `stored`, when the
 * caller has just read it, saves the first read). Nothing when there is none to mark.
 */
export async function markUnfinished(
  state: Storage,
  paths: readonly string[],
  fields: Pick<Manifest, 'reportHash'> = {},
  stored?: StoredManifest,
): Promise<void> {
  let current = stored;
  for (let attempt = 0; attempt < 3; attempt++) {
    current ??= await readManifest(state);
    if (current === undefined) return;
    const intents = [...new Set([...(current.manifest.intents ?? []), ...paths])].sort();
    try {
      await writeManifest(state, { ...current.manifest, ...fields, unfinished: true, ...(intents.length > 0 ? { intents } : {}) }, current);
      return;
    } catch (error) {
      if (!(error instanceof WriteConflictError)) throw error;
      current = undefined;
    }
  }
}

/** Removes the article shards the stored head does not name (left by runs that died before their head). */
async function removeUnnamedShards(state: Storage, stored: StoredManifest): Promise<void> {
  const named = new Set(stored.shards.map((shard) => shard.name));
  for (const object of await collect(state.list(SHARD_PREFIX))) if (!named.has(object.key)) await state.delete(object.key);
}

/** A run's article shards, encoded and written ahead of its head. */
export interface EarlyShards {
  /** The encoded shards (undefined if encoding failed: encoded again, and thrown, where the manifest is written). */
  readonly early: Promise<EncodedShards | undefined>;
  /** The keys of the shards written. */
  readonly written: Promise<Set<string>>;
}

/**
 * A run for reported keys has its shards to store as soon as its records are known: they are encoded in
 * its first wait on storage (reading feeds, writing them), not after its last write, and written while it
 * plans and renders. They are named by their bytes, and no head names them before the run's last write
 * (the previous manifest stays whole): against S3 the run then ends with one write after its feeds', the
 * head, instead of two one after the other. `changed`: the keys whose records differ from `stored`'s.
 *
 * @example const shards = writeShardsEarly(deps.state, records, stored, keys); await storeManifest(deps.state, manifest, { stored, shards, written, fullRun: false });
 */
export function writeShardsEarly(
  state: Storage,
  records: ReadonlyMap<string, ManifestArticle>,
  stored: StoredManifest | undefined,
  changed: ReadonlySet<string> | undefined,
): EarlyShards {
  const early = new Promise<EncodedShards | undefined>((resolve) =>
    setImmediate(() => {
      try {
        resolve(encodeShards(records, stored, changed));
      } catch {
        resolve(undefined); // encoded again, and thrown, where the manifest is written
      }
    }),
  );
  const written = early.then(async (encoded) => {
    const keys = new Set<string>();
    await Promise.all(
      (encoded?.shardWrites ?? []).map(async (shard) => {
        await state.write({ ...shard, ...MANIFEST_METADATA });
        keys.add(shard.key);
      }),
    );
    return keys;
  });
  written.catch(() => {}); // awaited where the manifest is written
  return { early, written };
}

/**
 * Stores a run's manifest over the one it read (or stored ahead). When another run stored its manifest
 * meanwhile (they overlapped), its records stand but the files this run wrote (`paths`) are not the ones
 * they describe: the manifest is marked unfinished, with those paths as feedpub's, so the next run is a
 * full one that repairs both, and the WriteConflictError is thrown (retried). A full run then removes the
 * shards no head names (left by runs that died between a shard and their head).
 *
 * @example await storeManifest(deps.state, manifest, { stored: publisher.stored, shards: undefined, written: publisher.written, fullRun: true });
 */
export async function storeManifest(
  state: Storage,
  manifest: Manifest,
  run: {
    /** The manifest as stored now (read, or written ahead). */
    readonly stored: StoredManifest | undefined;
    /** The shards written ahead, if any. */
    readonly shards: EarlyShards | undefined;
    /** The paths this run wrote or deleted (marked feedpub's if another run's manifest won). */
    readonly written: readonly string[];
    /** A full run (listed everything): it also removes the shards no head names. */
    readonly fullRun: boolean;
  },
): Promise<void> {
  let kept: StoredManifest;
  try {
    kept = await writeManifest(state, manifest, run.stored, await run.shards?.early, await run.shards?.written);
  } catch (error) {
    if (error instanceof WriteConflictError) await markUnfinished(state, run.written);
    throw error;
  }
  if (run.fullRun) await removeUnnamedShards(state, kept);
}
