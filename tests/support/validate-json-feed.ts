/**
 * JSON Feed 1.1 validation for tests (https://jsonfeed.org/version/1.1): a zod schema of the
 * structure, plus the rules a schema does not express well (every item has content_html or
 * content_text, unique ids, no 1.0-only `author`, custom keys start with `_`).
 */
import { z } from 'zod';
import { isAbsoluteIri, isLanguageTag, parseRfc3339 } from './validate-values.js';
import type { FeedMessage } from './validate-xml.js';

const url = z.string().refine((v) => isAbsoluteIri(v), { message: 'must be an absolute URL' });
const date = z.string().refine((v) => parseRfc3339(v) !== undefined, { message: 'must be an RFC 3339 date-time' });
const language = z.string().refine((v) => isLanguageTag(v), { message: 'must be a BCP 47 language tag' });

const author = z
  .looseObject({ name: z.string().optional(), url: url.optional(), avatar: url.optional() })
  .refine((a) => a.name !== undefined || a.url !== undefined || a.avatar !== undefined, {
    message: 'an author needs at least one of name, url, avatar',
  });

const attachment = z.looseObject({
  url,
  mime_type: z.string().regex(/^[^\s/]+\/[^\s/]+$/, 'must be a MIME type'),
  title: z.string().optional(),
  size_in_bytes: z.number().int().nonnegative().optional(),
  duration_in_seconds: z.number().nonnegative().optional(),
});

const item = z.looseObject({
  id: z.string().min(1, 'id must be a non-empty string'),
  url: url.optional(),
  external_url: url.optional(),
  title: z.string().optional(),
  content_html: z.string().optional(),
  content_text: z.string().optional(),
  summary: z.string().optional(),
  image: url.optional(),
  banner_image: url.optional(),
  date_published: date.optional(),
  date_modified: date.optional(),
  authors: z.array(author).optional(),
  tags: z.array(z.string().min(1, 'tags must not be empty strings')).optional(),
  language: language.optional(),
  attachments: z.array(attachment).optional(),
});

/** The structure of a JSON Feed 1.1 document. */
export const jsonFeedSchema = z.looseObject({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1, 'title is required'),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  user_comment: z.string().optional(),
  next_url: url.optional(),
  icon: url.optional(),
  favicon: url.optional(),
  authors: z.array(author).optional(),
  language: language.optional(),
  expired: z.boolean().optional(),
  hubs: z.array(z.looseObject({ type: z.string().min(1), url })).optional(),
  items: z.array(item),
});

const FEED_KEYS = new Set(Object.keys(jsonFeedSchema.shape));
const ITEM_KEYS = new Set(Object.keys(item.shape));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a JSON Feed 1.1 document. Returns every finding (empty = valid): JSON syntax, the
 * zod schema (version, title, items, string ids, RFC 3339 dates, absolute URLs, authors with
 * name/url/avatar), content_html/content_text on every item, unique ids, no deprecated `author`,
 * unknown keys without the `_` extension prefix.
 *
 * @example
 * expect(validateJsonFeed(renderJsonFeed(input))).toEqual([]);
 */
export function validateJsonFeed(text: string): FeedMessage[] {
  const out: FeedMessage[] = [];
  const error = (rule: string, path: string, message: string): void => {
    out.push({ severity: 'error', rule, path, message });
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    error('InvalidJson', '', e instanceof Error ? e.message : String(e));
    return out;
  }

  const result = jsonFeedSchema.safeParse(doc);
  if (!result.success) {
    for (const issue of result.error.issues) error('Schema', issue.path.map(String).join('.'), issue.message);
  }
  if (!isRecord(doc)) return out;

  if ('author' in doc) error('DeprecatedAuthor', 'author', 'JSON Feed 1.1 uses "authors" (an array), not "author"');
  for (const key of Object.keys(doc)) {
    if (!FEED_KEYS.has(key) && !key.startsWith('_') && key !== 'author') error('UnknownKey', key, `unknown top-level key "${key}" (extensions start with "_")`);
  }
  const items = Array.isArray(doc.items) ? doc.items : [];
  const ids = new Map<string, number>();
  items.forEach((entry: unknown, i) => {
    const at = `items.${i}`;
    if (!isRecord(entry)) return;
    if (typeof entry.content_html !== 'string' && typeof entry.content_text !== 'string') {
      error('MissingContent', at, 'an item needs content_html or content_text');
    }
    if ('author' in entry) error('DeprecatedAuthor', `${at}.author`, 'JSON Feed 1.1 uses "authors" (an array), not "author"');
    for (const key of Object.keys(entry)) {
      if (!ITEM_KEYS.has(key) && !key.startsWith('_') && key !== 'author') error('UnknownKey', `${at}.${key}`, `unknown item key "${key}"`);
    }
    if (typeof entry.id === 'string') {
      const previous = ids.get(entry.id);
      if (previous !== undefined) error('DuplicateIds', `${at}.id`, `id "${entry.id}" repeats items.${previous}.id`);
      else ids.set(entry.id, i);
    }
  });
  return out;
}
