import type { SiteConfig } from './model.js';
import type { ParseResult } from './parse/parse-article.js';
import type { ArticleLocation } from './parse/pages.js';
import type { PreparedItem, PrepareRequest } from './render/prepare-items.js';

/**
 * The ports the use case talks through. Adapters live in `src/adapters/`; composition roots
 * (`functions/deps.ts`, `src/cli/deps.ts`, test helpers) choose them.
 */

/** One object in a listing. */
export interface StoredObject {
  /** Key relative to the storage's root, posix. */
  readonly key: string;
  /** Bytes; absent from a listing of keys only (`FsStorage` with `details: false`). */
  readonly size?: number;
  /** Opaque change token (S3 ETag, or size+mtime on a filesystem): differs when the content may differ. */
  readonly version?: string;
}

/** A file to store. `hash` is the sha256 (hex) of `body`, kept as metadata where the store allows. */
export interface WriteRequest {
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
  readonly cacheControl: string;
  /**
   * Writes only if the stored object is still at this change token (as `readVersioned` gave it); `null`:
   * only if there is none. Otherwise the store throws a `WriteConflictError` and writes nothing (S3's
   * conditional writes, `If-Match` and `If-None-Match`): two runs cannot both replace the manifest they read.
   */
  readonly ifVersion?: string | null;
}

/** How {@link Storage.read} reads. */
export interface ReadOptions {
  /**
   * The most bytes to read: an object larger than this is not read (or no further than past the bound),
   * and the store throws an `ObjectTooLargeError` with its size. Memory stays bounded whatever was uploaded.
   */
  readonly maxBytes?: number;
}

/** Key/value storage of files: a folder, an S3 bucket (with a prefix), or memory. */
export interface Storage {
  /** Every object whose key starts with `prefix`, in any order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  /** The object's bytes, or undefined when it does not exist. */
  read(key: string, options?: ReadOptions): Promise<Uint8Array | undefined>;
  /** The object's bytes and change token, for a write conditional on it (`WriteRequest.ifVersion`). */
  readVersioned?(key: string): Promise<{ readonly bytes: Uint8Array; readonly version: string | undefined } | undefined>;
  /**
   * Stores the object. Resolves to its new change token (the same `version` a listing gives), when
   * the store has one: the manifest records it, so a later run notices files changed behind its back.
   */
  write(request: WriteRequest): Promise<string | undefined>;
  /** Removes the object; no error when it does not exist. */
  delete(key: string): Promise<void>;
}

/** How one invalidation goes. */
export interface InvalidateOptions {
  /**
   * The most paths the request may have (each form the CDN sends of a path counted) for the paths to go
   * out as they are; beyond it, everything is invalidated (`/*`). 0: always everything. The CDN's own
   * ceiling still applies.
   */
  readonly maxPaths?: number;
}

/** What an invalidation sent, as the CDN accepted (and bills) it. */
export interface InvalidationSent {
  /** Paths in the request the CDN accepted: the changed paths in every form sent, or 1 for everything (`/*`). */
  readonly paths: number;
  /** Whether that request was everything (`/*`). */
  readonly everything: boolean;
  /** The paths the request would have had with the changed paths as they are (forms included). */
  readonly precise: number;
}

/** The CDN in front of the published feeds. */
export interface Cdn {
  /**
   * Invalidates these site-relative paths (leading slash), in one request. Resolves to what it sent, as
   * billed; a CDN that bills nothing (`noopCdn`) or does not say resolves to nothing, and is not counted.
   */
  invalidate(paths: readonly string[], options?: InvalidateOptions): Promise<InvalidationSent | undefined>;
  /**
   * Resolves when the last invalidation has reached every edge (so the new bytes are what readers get).
   * Rejects when `signal` aborts first: the run has no time left to wait.
   */
  waitUntilLive?(signal?: AbortSignal): Promise<void>;
}

/** A WebSub hub (W3C WebSub §7): told which feed URLs changed, after the new bytes are live. */
export interface Hub {
  /**
   * Sends one publish notification per feed URL to the hub at `hubUrl`; throws when it cannot be
   * reached, or when `signal` aborts (the run's time is up) before every notification was accepted.
   * A `HubError` lists the notifications not accepted: only those are sent again by the next run (any
   * other error, all of them).
   */
  publish(hubUrl: string, feedUrls: readonly string[], signal?: AbortSignal): Promise<void>;
}

/** Wakes the publisher at a given moment (a scheduled post appears, an expired one disappears). */
export interface Scheduler {
  /**
   * What this scheduler arranges (its schedule and target), when it can say: the manifest records it
   * with the time last set, and a run that would set the same time on the same schedule skips the call.
   * Without it, every run calls `scheduleAt`.
   */
  readonly id?: string | undefined;
  /**
   * Arranges one rebuild at `at` (epoch ms), replacing any earlier arrangement; undefined clears it.
   * `setBefore`: an earlier run set this very time on this schedule (an adapter may then leave one about to
   * fire as it is: setting it again could only make it later).
   */
  scheduleAt(at: number | undefined, options?: { readonly setBefore?: boolean }): Promise<void>;
}

/** Structured log sink. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Epoch milliseconds now. The only clock; it decides what is published, never what a file says. */
export type Clock = () => number;

/** A CDN with nothing to invalidate: local builds, `check`, and a deployment without a distribution. */
export const noopCdn: Cdn = { invalidate: async () => {} };

/**
 * The hub of a run whose feeds are not where subscribers read them (a local build): told nothing, and
 * nothing kept for later. A run given no hub at all keeps its pings for a run that has one (`feedpub dev`,
 * whose state is the function's; a bucket rebuild that cannot wait for CloudFront).
 */
export const noopHub: Hub = { publish: async () => {} };

/** A logger that drops every line: runs whose report says all (`check`, tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A Markdown file to parse, with where it sits in the site. */
export interface ArticleFile {
  readonly key: string;
  readonly bytes: Uint8Array;
  /** sha256 (hex) of `bytes`. */
  readonly hash: string;
  readonly location: ArticleLocation;
}

/** How `Compute.parse` returns articles. */
export interface ParseOptions {
  readonly withBodies?: boolean;
}

/**
 * Where the CPU-heavy per-article work runs: parsing files and preparing feed items (Markdown,
 * sanitizing, serializing, checking). Both are pure functions of their input, so an implementation
 * only chooses the threads; results come back in input order.
 */
export interface Compute {
  /**
   * `withBodies: false` (default true) leaves each article's `body` empty (`bodyStart` and `bodyLine` are
   * kept, to read it again later): a caller that keeps no bodies spares a thread copying them back.
   */
  parse(site: SiteConfig, files: readonly ArticleFile[], options?: ParseOptions): Promise<ParseResult[]>;
  prepare(site: SiteConfig, requests: readonly PrepareRequest[]): Promise<PreparedItem[]>;
  /**
   * Told how many items (files to parse) a run is about to hand over, before it reads the first: threads
   * that take a moment to start can start now, while the files are read. A run that reads every file it
   * lists also tells it, several times, how many it has listed so far (a growing count), so that they
   * start while a big site is being listed.
   */
  expect?(items: number): void;
  /**
   * Told a run has started, before its first read: a compute that loads its code on first use starts
   * loading it now, while the run waits on storage.
   */
  warm?(): void;
}
