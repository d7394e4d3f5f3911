import { type Manifest, MANIFEST_FORMAT, type ManifestFeed, type StoredManifest } from '../manifest.js';
import type { OutputFile, Problem } from '../model.js';
import type { Storage } from '../ports.js';
import { sha256 } from '../sha256.js';
import { type PublishedIndex, publishedCopy, write } from './published.js';
import { writeManifest } from './state.js';

/** What the output gate says of one file. */
export interface GateResult {
  readonly failures: readonly string[];
  /** The article that made the file invalid, when one did. */
  readonly culprit?: string;
}

/** What a run publishes with: the published files as listed and recorded, and what it may change. */
export interface PublisherOptions {
  readonly target: Storage;
  readonly state: Storage;
  /** The run keeps a manifest (else: nothing to compare with, no hashes, no write-ahead). */
  readonly keepState: boolean;
  /** Decide everything, change nothing. */
  readonly dryRun: boolean;
  /** What is published now (path → change token): listed, or the manifest's record standing in for a listing. */
  readonly targetListing: ReadonlyMap<string, string | undefined>;
  /** What the last manifest records of each published path. */
  readonly published: PublishedIndex;
  /** The manifest as the run found it. */
  readonly previous: Manifest | undefined;
  readonly stored: StoredManifest | undefined;
  /** Every path the run publishes (its feeds' files and the extras, kept or not), asked at its first change. */
  readonly plannedPaths: () => readonly string[];
  /** The paths of the files the run renders (the feeds it renders, the extras it makes), asked at its first change. */
  readonly renderedPaths: () => readonly string[];
  /** Where the gate's refusals are reported. */
  readonly problems: Problem[];
}

/**
 * Writes a run's files through the output gate, only those whose bytes differ from the published copy,
 * and deletes what is gone; records what it did. Before its first change to the published files it stores
 * the manifest it started from marked `unfinished` (the write-ahead).
 *
 * @example const publisher = new Publisher({ target, state, keepState: true, dryRun: false, targetListing, published, previous, stored, plannedPaths, problems });
 */
export class Publisher {
  /** Paths written (changed or new). */
  readonly written: string[] = [];
  /** Paths deleted. */
  readonly deleted: string[] = [];
  /**
   * Files not written because they hold the bytes already, but whose copy is not the one the manifest
   * records: a run wrote it and failed before its manifest (at the invalidation, say), so no run has
   * invalidated it or told the hub yet. They are invalidated (and pinged) as if written.
   */
  readonly refreshed: string[] = [];
  /** Files rendered but identical to the published copy. */
  unchanged = 0;
  #stored: StoredManifest | undefined;
  #writingAhead: Promise<void> | undefined;
  /**
   * Paths runs that died may have written or deleted (their write-ahead): feedpub's, though no manifest
   * records them, and not trusted whatever their change tokens.
   */
  readonly #intended: ReadonlySet<string>;
  readonly #options: PublisherOptions;

  constructor(options: PublisherOptions) {
    this.#options = options;
    this.#stored = options.stored;
    this.#intended = new Set(options.previous?.intents ?? []);
  }

  /** The manifest as stored now (the write-ahead replaces the one the run read). */
  get stored(): StoredManifest | undefined {
    return this.#stored;
  }

  /** The sha256 the manifest records for `path`. */
  #knownHash(path: string): string | undefined {
    return this.#options.published.get(path)?.hash;
  }

  /**
   * Whether the file at `path` is trusted to hold the bytes the manifest records: only when its change
   * token is the one feedpub got when writing it (else someone, or a run that died or overlapped, changed
   * it: its bytes are read and compared instead), and no run that died may have written it since. The
   * token alone cannot say so: on S3 it is the MD5 of the bytes, so a failed run that wrote back the bytes
   * the manifest records (an edit, a failed run, the author's revert, its failed retry) left the very
   * token recorded, with copies of the reverted-away bytes at the edges and the hub never told.
   */
  trusted(path: string): boolean {
    const { published, targetListing } = this.#options;
    const record = published.get(path);
    if (!targetListing.has(path) || record === undefined || this.#intended.has(path)) return false;
    return record.version === undefined || record.version === targetListing.get(path);
  }

  /**
   * Write-ahead: before its first change to the published files, a run stores the manifest it started
   * from marked `unfinished`, with the paths it may create (`intents`). If it dies half-way (a CDN,
   * scheduler or storage failure, its time or memory limit), the published files are no longer the ones
   * the manifest records: the next run, even one for reported keys, is then a full one (it lists and
   * compares them), and knows those paths are feedpub's. A run that changes nothing stores nothing ahead.
   *
   * A run that starts from such a manifest (the one before it died) also lists every path it may rewrite
   * or delete: the files it renders, the recorded ones it no longer publishes. A file the dead run wrote
   * has another change token than the one recorded, which tells the next run, but one this run writes
   * back may not: on S3 the token is the MD5 of the bytes, so putting back the recorded bytes (an edit,
   * its run dies, the author reverts, this run dies too) puts back the recorded token, while edges may
   * hold the reverted-away bytes and the hub was never told. The run after it then compares those paths
   * whatever their tokens say ({@link trusted}), and invalidates and pings them. One write as before, with
   * a larger head, and only after a failure: a run after a complete one lists just its new paths.
   */
  #beforeFirstChange(): Promise<void> {
    const { keepState, dryRun, previous, state, published } = this.#options;
    if (!keepState || dryRun) return Promise.resolve();
    this.#writingAhead ??= (async () => {
      const intents = previous?.intents ?? [];
      const planned = this.#options.plannedPaths();
      const newPaths = planned.filter((path) => this.#knownHash(path) === undefined);
      let rewrites: string[] = [];
      if (previous?.unfinished === true) {
        const plannedNow = new Set(planned);
        rewrites = [...this.#options.renderedPaths(), ...[...published.keys()].filter((path) => !plannedNow.has(path))];
      }
      const paths = [...new Set([...intents, ...newPaths, ...rewrites])].sort();
      const ahead: Manifest = {
        ...(previous ?? { format: MANIFEST_FORMAT, configHash: '', articles: new Map(), feeds: {} }),
        ...(paths.length > 0 ? { intents: paths } : {}),
        unfinished: true,
      };
      this.#stored = await writeManifest(state, ahead, this.#stored);
    })();
    return this.#writingAhead;
  }

  /**
   * Writes the files whose bytes differ from the published copy, through the gate: a file that does
   * not pass is never published (the previous copy stays) and is reported against the article that
   * caused it. Returns the hashes and change tokens to remember, and whether the gate held a file back.
   */
  async publishAll(
    files: readonly OutputFile[],
    gate: (file: OutputFile) => GateResult | Promise<GateResult>,
  ): Promise<{ hashes: Record<string, string>; versions: Record<string, string>; gated: boolean }> {
    const { target, keepState, dryRun, targetListing, problems } = this.#options;
    const hashes: Record<string, string> = {};
    /** Change tokens by path: the published copy's, or the write's (settled once the writes are). */
    const tokens = new Map<string, string | undefined | Promise<string | undefined>>();
    let gated = false;
    const writes: Promise<unknown>[] = [];
    try {
      for (const file of files) {
        // The hash is for the manifest and for comparing with a published copy: a one-off build into an
        // empty folder needs neither.
        const hash = keepState || targetListing.has(file.path) ? sha256(file.bytes ?? file.body) : '';
        const copy = await publishedCopy(target, file, hash, this.trusted(file.path) ? this.#knownHash(file.path) : undefined, targetListing);
        if (copy !== 'different') {
          hashes[file.path] = hash;
          tokens.set(file.path, targetListing.get(file.path));
          this.unchanged++;
          // Same bytes in a copy the manifest does not record (its token changed): when the path is
          // feedpub's (recorded, or meant to be created by a run that died), a failed run wrote it. Not
          // so on a first run over files published without a manifest: nothing to invalidate there.
          if (copy === 'same-untrusted' && (this.#knownHash(file.path) !== undefined || this.#intended.has(file.path))) this.refreshed.push(file.path);
          continue;
        }
        const { failures, culprit } = await gate(file);
        if (failures.length > 0) {
          gated = true;
          problems.push({
            file: culprit ?? file.path,
            severity: 'error',
            rule: 'output-invalid',
            message: `${file.path} would be invalid (${failures[0]}); the previous copy stays published`,
          });
          const known = this.#knownHash(file.path);
          if (known !== undefined) hashes[file.path] = known;
          continue;
        }
        hashes[file.path] = hash;
        // The decisions (and problems) above go in file order; the writes go out together (a feed's three
        // files were three round trips one after the other).
        if (!dryRun) {
          await this.#beforeFirstChange();
          const writing = write(target, file).then((version) => version || undefined);
          writing.catch(() => {}); // settled below; a failure meanwhile is not an unhandled rejection
          writes.push(writing);
          tokens.set(file.path, writing);
        }
        this.written.push(file.path);
      }
    } finally {
      // Every write settles before the run goes on, or fails: none lands after the run is over (a
      // retry could read the feed before it, and keep a file that changes behind its back).
      await Promise.allSettled(writes);
    }
    const versions: Record<string, string> = {};
    for (const [path, token] of tokens) {
      const version = await token; // the first failed write, in file order, fails the run
      if (version !== undefined) versions[path] = version;
    }
    return { hashes, versions, gated };
  }

  /**
   * Removes what feedpub wrote for feeds that no longer exist (folders not in `planned`, or files of a
   * planned feed it no longer writes: a format turned off), and the paths a run that died meant to create
   * that no feed plans any more. Returns the paths planned now (those of `nextFeeds`).
   */
  async removeUnplanned(planned: ReadonlySet<string>, nextFeeds: Readonly<Record<string, ManifestFeed>>): Promise<Set<string>> {
    const { previous, targetListing } = this.#options;
    for (const [dir, feed] of Object.entries(previous?.feeds ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const stillWritten = planned.has(dir) ? new Set(Object.keys(nextFeeds[dir]?.files ?? {})) : new Set<string>();
      for (const path of Object.keys(feed.files)) {
        if (stillWritten.has(path) || !targetListing.has(path)) continue;
        await this.#remove(path);
      }
    }
    const plannedPaths = new Set(Object.values(nextFeeds).flatMap((f) => Object.keys(f.files)));
    for (const path of previous?.intents ?? []) {
      if (plannedPaths.has(path) || this.deleted.includes(path) || !targetListing.has(path)) continue;
      await this.#remove(path);
    }
    return plannedPaths;
  }

  /**
   * The paths to invalidate (leading slash), once every write and delete is done ({@link sortRecords}):
   * written, deleted and refreshed ones; files feedpub recorded, or a run that died may have written, that
   * are gone and no longer planned (a run that failed after deleting them, before its manifest, has not
   * invalidated them either); and the paths whose invalidation the last run had to defer.
   */
  toInvalidate(plannedPaths: ReadonlySet<string>): string[] {
    const { previous, targetListing } = this.#options;
    const goneUnseen = [...new Set([...Object.values(previous?.feeds ?? {}).flatMap((feed) => Object.keys(feed.files)), ...this.#intended])]
      .filter((path) => !plannedPaths.has(path) && !targetListing.has(path) && !this.deleted.includes(path))
      .sort();
    const paths = [...this.written, ...this.deleted, ...this.refreshed, ...goneUnseen].map((p) => `/${p}`);
    return [...new Set([...paths, ...(previous?.pendingInvalidations ?? [])])];
  }

  /** Puts what was written, deleted and refreshed in path order, once every write and delete is done. */
  sortRecords(): void {
    this.written.sort();
    this.deleted.sort();
    this.refreshed.sort();
  }

  /** Deletes a published file feedpub wrote and no longer writes (after the write-ahead). */
  async #remove(path: string): Promise<void> {
    if (!this.#options.dryRun) {
      await this.#beforeFirstChange();
      await this.#options.target.delete(path);
    }
    this.deleted.push(path);
  }
}
