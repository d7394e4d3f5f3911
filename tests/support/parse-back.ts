/**
 * Reads feeds back the way a reader would, for parity assertions across formats: RSS and Atom
 * through @rowanmanning/feed-parser (a lenient, widely used parser), JSON Feed through JSON.parse.
 *
 * Note: feed-parser trims text and decodes named HTML entities once more after XML parsing; feedpub writes
 * `&` as `&#x26;`, which it reads right (tests/unit/render/double-decoding.test.ts), but in other feeds a
 * title that literally contains `&amp;` comes back as `&`.
 */
import { parseFeed } from '@rowanmanning/feed-parser';

/** What parity tests compare: the feed title and, per item, id, title, link and publication date. */
export interface ParsedFeed {
  readonly title: string | null;
  readonly items: readonly ParsedItem[];
}

export interface ParsedItem {
  readonly id: string | null;
  readonly title: string | null;
  readonly url: string | null;
  /** ISO 8601 (`toISOString`) of the publication date, or null. */
  readonly published: string | null;
}

/**
 * Parses an RSS or Atom document back.
 *
 * @example
 * expect(parseBack(renderRss(input))).toEqual(parseBack(renderAtom(input)));
 */
export function parseBack(xml: string): ParsedFeed {
  const feed = parseFeed(xml);
  return {
    title: feed.title,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      url: item.url,
      published: item.published ? item.published.toISOString() : null,
    })),
  };
}

/**
 * Parses a JSON Feed back into the same shape (titles trimmed like feed-parser does).
 *
 * @example
 * expect(parseBackJson(renderJsonFeed(input))).toEqual(parseBack(renderAtom(input)));
 */
export function parseBackJson(text: string): ParsedFeed {
  const doc = JSON.parse(text) as {
    title?: string;
    items?: { id?: string; title?: string; url?: string; date_published?: string }[];
  };
  return {
    title: doc.title?.trim() ?? null,
    items: (doc.items ?? []).map((item) => ({
      id: item.id ?? null,
      title: item.title?.trim() ?? null,
      url: item.url ?? null,
      published: item.date_published ? new Date(item.date_published).toISOString() : null,
    })),
  };
}
