/**
 * A page's four dates as Hugo 0.111 settles them once a `cascade` is merged into its front matter: each
 * cascaded key fills the page's front matter where the page has no such key (`date:` written without a value
 * counts as one), and each date is then the first of its sources (`[frontmatter]`, else Hugo's defaults)
 * that has a value (checked with hugo: a cascaded `date` comes before a page's own `publishDate` for its
 * date, and a cascaded `publishDate` before its own `pubdate` for its publishDate). A module of its own,
 * without the front matter readers, for the planner's cold start.
 */
import type { FrontMatterDates } from '../model.js';
import { STATES } from '../parse/cascade-states.js';

/**
 * Hugo 0.111's default `[frontmatter]`, its aliases expanded (each key's after it) and `:git` left out
 * (feedpub reads no repository; without `enableGitInfo` Hugo skips it too).
 */
export const FRONT_MATTER_DATE_DEFAULTS: FrontMatterDates = {
  date: ['date', 'publishdate', 'pubdate', 'published', 'lastmod', 'modified'],
  publishDate: ['publishdate', 'pubdate', 'published', 'date'],
  lastmod: ['lastmod', 'modified', 'date', 'publishdate', 'pubdate', 'published'],
  expiryDate: ['expirydate', 'unpublishdate'],
};

/** The four dates, in the order {@link DateSources.ranks} and {@link MergedDates.values} hold them. */
export const DATE_KINDS = ['date', 'publishDate', 'lastmod', 'expiryDate'] as const;

/** Four values, one for each of {@link DATE_KINDS}. */
export type ByDateKind<T> = readonly [T, T, T, T];

/**
 * Where a page's own dates come from, which a cascade's are merged with (see {@link mergeDates}). An entry
 * holds it (`Article.dates`) only where {@link impliedDateSources} would not tell it: a page without a
 * `date` key of its own, an alias (`pubdate`), a date key written without a value, a site's `[frontmatter]`.
 */
export interface DateSources {
  /** For each date, the index in its sources of the key (or `:filename`) its own value came from; -1: none. */
  readonly ranks: ByDateKind<number>;
  /** Its own lastmod (epoch ms), which `updated` does not show where it is before the page's date. */
  readonly lastmod?: number;
  /** Its date keys (of the sources, lower case) written without a value: a cascade's of that key does not fill them. */
  readonly empty?: readonly string[];
  /**
   * Set where its link is made from its date (a permalink with `:year`, `:month`…, no `url`) and a cascade
   * may date it: its slug (the front matter's, or its file name's), for the link to be made again.
   */
  readonly link?: { readonly slug?: string };
}

/** A date a cascade gives by one key: epoch ms, and the offset it was written with (minutes east of UTC). */
export interface CascadedDate {
  readonly ms: number;
  readonly offset?: number;
}

/**
 * The date of a page without one of its own (Hugo's zero time, 0001-01-01T00:00:00Z): in an entry whose
 * {@link DateSources} has no date (`ranks[0]` -1) until a cascade dates it. Never in a feed. Also the
 * `publishAt` of a page without a publishDate (none of publishDate's sources): never ahead, as in Hugo.
 */
export const UNDATED = -62_135_596_800_000;

/**
 * A page's date sources where its entry holds none: its own `date` (the first of Hugo's default sources),
 * `publishDate` and `lastmod` as its `states` say, `expiryDate` as its `expiresAt` does.
 *
 * @example impliedDateSources({ states: 2 }).ranks // [0, 0, 2, -1]
 */
export function impliedDateSources(entry: { readonly states?: number; readonly expiresAt?: number }): DateSources {
  const states = entry.states ?? 0;
  // Hugo's default sources: publishDate's has `date` at 3, lastmod's at 2.
  return { ranks: [0, (states & STATES.publishDate) !== 0 ? 0 : 3, (states & STATES.lastmod) !== 0 ? 0 : 2, entry.expiresAt !== undefined ? 0 : -1] };
}

/** The front matter keys a cascade gives dates by: every key of the site's date sources (not `:filename`). */
export function cascadeDateKeys(sources: FrontMatterDates): string[] {
  const keys = new Set<string>();
  for (const kind of DATE_KINDS) for (const key of sources[kind]) if (key !== ':filename') keys.add(key);
  return [...keys];
}

/** What a page's dates are once its cascades are merged in: each value, and the cascade it came from, if any. */
export interface MergedDates {
  readonly values: ByDateKind<number | undefined>;
  /** The file of the cascade that gave each date (undefined: the page's own, or none). */
  readonly origins: ByDateKind<string | undefined>;
  /** The offset the cascaded date was written with, when the date is a cascade's. */
  readonly dateOffset?: number;
}

/**
 * A page's dates with the cascades' merged in, as Hugo merges them: for each date, the first of its
 * `sources` that the page has a value for, or that the page has no key for and a cascade gives (`cascaded`,
 * by lower-case key: the nearest cascade's); the page's own values are `own`, from `from`.
 *
 * @example mergeDates(FRONT_MATTER_DATE_DEFAULTS, { ranks: [-1, -1, -1, -1] }, [undefined, undefined, undefined, undefined], (k) => k === 'date' ? { value: { ms: 0 }, origin: 'x' } : undefined).values[0] // 0
 */
export function mergeDates(
  sources: FrontMatterDates,
  from: DateSources,
  own: ByDateKind<number | undefined>,
  cascaded: (key: string) => { readonly value: CascadedDate; readonly origin: string } | undefined,
): MergedDates {
  const values: (number | undefined)[] = [...own];
  const origins: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  let dateOffset: number | undefined;
  DATE_KINDS.forEach((kind, k) => {
    const list = sources[kind];
    const rank = from.ranks[k] ?? -1;
    const before = rank < 0 ? list.length : rank;
    for (let i = 0; i < before; i++) {
      const key = list[i] as string;
      if (key === ':filename' || from.empty?.includes(key)) continue;
      const given = cascaded(key);
      if (given === undefined) continue;
      values[k] = given.value.ms;
      origins[k] = given.origin;
      if (k === 0) dateOffset = given.value.offset;
      break;
    }
  });
  return {
    values: values as unknown as ByDateKind<number | undefined>,
    origins: origins as unknown as ByDateKind<string | undefined>,
    ...(dateOffset !== undefined ? { dateOffset } : {}),
  };
}
