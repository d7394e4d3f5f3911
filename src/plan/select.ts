/** What publication depends on. */
export interface Schedulable {
  readonly key: string;
  readonly draft: boolean;
  readonly publishAt: number;
  readonly expiresAt?: number;
}

export type HoldReason = 'draft' | 'future' | 'expired';

export interface Selection<T> {
  readonly published: T[];
  readonly held: { readonly entry: T; readonly reason: HoldReason }[];
  /** The next moment the selection changes by itself (a future post appears or a post expires). */
  readonly nextChangeAt?: number;
}

/**
 * Keeps what is live at `now`: not a draft, publishAt reached, not expired. Input order is kept.
 *
 * @example selectPublished(entries, Date.parse('2025-01-01T00:00:00Z')).published
 */
export function selectPublished<T extends Schedulable>(entries: readonly T[], now: number): Selection<T> {
  const published: T[] = [];
  const held: { entry: T; reason: HoldReason }[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    if (entry.draft) held.push({ entry, reason: 'draft' });
    else if (entry.publishAt > now) {
      held.push({ entry, reason: 'future' });
      next = Math.min(next, entry.publishAt);
    } else if (entry.expiresAt !== undefined && entry.expiresAt <= now) held.push({ entry, reason: 'expired' });
    else {
      published.push(entry);
      if (entry.expiresAt !== undefined) next = Math.min(next, entry.expiresAt);
    }
  }
  return Number.isFinite(next) ? { published, held, nextChangeAt: next } : { published, held };
}
