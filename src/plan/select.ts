import { UNDATED } from './date-sources.js';
/** What publication depends on. */
export interface Schedulable {
  readonly key: string;
  /** The item id in every format: two live articles may not share one. */
  readonly id: string;
  readonly draft: boolean;
  readonly publishAt: number;
  /** Its date: when a page without a publishDate (`publishAt` UNDATED) went live, for which keeps a shared id. */
  readonly published: number;
  readonly expiresAt?: number;
}

export type HoldReason = 'draft' | 'future' | 'expired' | 'duplicate-id';

export interface Selection<T> {
  readonly published: T[];
  /** `duplicateOf`: for 'duplicate-id', the article that keeps the id. */
  readonly held: { readonly entry: T; readonly reason: HoldReason; readonly duplicateOf?: T }[];
  /** The next moment the selection changes by itself (a future post appears or a post expires). */
  readonly nextChangeAt?: number;
  /** The last moment up to `now` it did: the latest publishAt or expiresAt passed (none: never). */
  readonly lastChangeAt?: number;
}

/**
 * Keeps what is live at `now`: not a draft, publishAt reached, not expired, and not sharing its id with
 * another live article that went live earlier (at the same time: that comes first in input order).
 * Readers keep one item per id and Atom forbids two entries with the same id and time, so the newcomer
 * is held back: the feeds stay valid and keep updating, subscribers keep the item they have, and the
 * report names both files. Input order is kept.
 *
 * @example selectPublished(entries, Date.parse('2025-01-01T00:00:00Z')).published
 */
export function selectPublished<T extends Schedulable>(entries: readonly T[], now: number): Selection<T> {
  // The usual case, no two live articles sharing an id, takes one pass over the entries (a pass over
  // 30,000 costs ~15 ms of memory latency whatever it does); a shared id, two more first.
  // (With the holders of shared ids, partition always gives a selection.)
  return partition(entries, now, undefined) ?? (partition(entries, now, sharedIdHolders(entries, now)) as Selection<T>);
}

/**
 * The selection, with `holder` naming the live article that keeps each shared id; without it,
 * undefined as soon as two live entries share an id.
 */
function partition<T extends Schedulable>(entries: readonly T[], now: number, holder: ReadonlyMap<string, T> | undefined): Selection<T> | undefined {
  const seen = holder === undefined ? new Set<string>() : undefined;
  const published: T[] = [];
  const held: { entry: T; reason: HoldReason; duplicateOf?: T }[] = [];
  let next = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const entry of entries) {
    const reason = scheduleHold(entry, now);
    if (!entry.draft) {
      if (entry.publishAt <= now) last = Math.max(last, entry.publishAt);
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) last = Math.max(last, entry.expiresAt);
    }
    if (reason !== undefined) {
      held.push({ entry, reason });
      if (reason === 'future') next = Math.min(next, entry.publishAt);
      continue;
    }
    const owner = holder?.get(entry.id);
    if (owner !== undefined && owner !== entry) {
      held.push({ entry, reason: 'duplicate-id', duplicateOf: owner });
      if (owner.expiresAt !== undefined) next = Math.min(next, owner.expiresAt);
      continue;
    }
    if (seen !== undefined) {
      if (seen.has(entry.id)) return undefined;
      seen.add(entry.id);
    }
    published.push(entry);
    if (entry.expiresAt !== undefined) next = Math.min(next, entry.expiresAt);
  }
  return { published, held, ...(Number.isFinite(next) ? { nextChangeAt: next } : {}), ...(Number.isFinite(last) ? { lastChangeAt: last } : {}) };
}

/** The live article that keeps each id live articles share: the first to go live (in input order at the same time). */
function sharedIdHolders<T extends Schedulable>(entries: readonly T[], now: number): Map<string, T> {
  // One Set pass over 30,000 ids (a Map of holders for all of them cost twice as much), then holders
  // only for the few shared ones.
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const entry of entries) {
    if (scheduleHold(entry, now) !== undefined) continue;
    if (seen.has(entry.id)) shared.add(entry.id);
    else seen.add(entry.id);
  }
  const holder = new Map<string, T>();
  for (const entry of entries) {
    if (!shared.has(entry.id) || scheduleHold(entry, now) !== undefined) continue;
    const first = holder.get(entry.id);
    if (first === undefined || liveFrom(entry) < liveFrom(first)) holder.set(entry.id, entry);
  }
  return holder;
}

/**
 * When a page went live, for which of the pages sharing an id keeps it: its publishDate, else (a page
 * dated by a lastmod, a custom key or its file name alone, which Hugo 0.111 publishes at once: `publishAt`
 * UNDATED) its date. So which page keeps an id is the same as before RENDER_VERSION 42, when such a page's
 * publishAt was its date: no id moves to another article at the upgrade.
 */
function liveFrom(entry: { readonly publishAt: number; readonly published: number }): number {
  return entry.publishAt === UNDATED ? entry.published : entry.publishAt;
}

/** Why the schedule keeps an entry out at `now`, or undefined when it is live. */
function scheduleHold(entry: Schedulable, now: number): 'draft' | 'future' | 'expired' | undefined {
  if (entry.draft) return 'draft';
  if (entry.publishAt > now) return 'future';
  if (entry.expiresAt !== undefined && entry.expiresAt <= now) return 'expired';
  return undefined;
}

/**
 * The entries with their ids as published: where pages share the id their paths make and some have
 * another (`Article.idOther`: `news/a.FR.md`, an English page in Hugo 0.111 whose id was made without its
 * suffix, has `news/a.FR`'s), the page that goes live first keeps the shared id, as it did when the others
 * were held back as copies, and the others that have another id take it: beside an older `news/a.md`,
 * `news/a.FR.md` is published with an id of its own; beside a newer one, it keeps the id it was published
 * with and `news/a.md`, which has no other, is held back by {@link selectPublished} as before. So no
 * published id moves to another article, at an upgrade or when a page is added; only pages that were
 * held back get an id of their own. Pages with the keeper's other id too (`a.FR.md` and `a.FR.en.md`,
 * one page in Hugo) keep the id with it, and are held back as copies, as are two pages with one front
 * matter id or one other id. First: the earliest `publishAt` of the pages that are no drafts (of all, when
 * all are), at the same time the first in input order. Depends on the entries alone, not on the time: a
 * clean build and an incremental run give the same ids.
 *
 * @example sharedIdsResolved([a, aFr])[1].id // aFr.idOther, where a.id === aFr.id and a is older
 */
export function sharedIdsResolved<
  T extends { readonly id: string; readonly idOther?: string; readonly publishAt: number; readonly published: number; readonly draft: boolean },
>(entries: readonly T[]): readonly T[] {
  // The usual case: no page has another id (one pass over the entries).
  if (!entries.some((e) => e.idOther !== undefined)) return entries;
  const byId = new Map<string, T[]>();
  for (const entry of entries) {
    const same = byId.get(entry.id);
    if (same === undefined) byId.set(entry.id, [entry]);
    else same.push(entry);
  }
  const moved = new Set<T>();
  for (const same of byId.values()) {
    if (same.length < 2 || !same.some((e) => e.idOther !== undefined)) continue;
    const candidates = same.some((e) => !e.draft) ? same.filter((e) => !e.draft) : same;
    let keeper = candidates[0] as T;
    for (const e of candidates) if (liveFrom(e) < liveFrom(keeper)) keeper = e;
    // A page with the keeper's other id too is the same page in Hugo (`a.FR.md`, `a.FR.en.md`): it keeps the
    // id with it, and is held back as a copy, as `a.md` beside `a.en.md` is.
    const keeperOther = keeper.idOther;
    for (const e of same) if (e.idOther !== undefined && e !== keeper && (keeperOther === undefined || e.idOther !== keeperOther)) moved.add(e);
  }
  if (moved.size === 0) return entries;
  return entries.map((e) => (moved.has(e) ? { ...e, id: e.idOther as string, idOther: e.id } : e));
}
