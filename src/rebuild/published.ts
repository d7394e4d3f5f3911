import type { Manifest } from '../manifest.js';
import type { OutputFile } from '../model.js';
import type { Storage } from '../ports.js';
import type { DerivedContent } from '../render/derive-content.js';
import { FORMAT_FILE } from '../render/formats.js';
import { sha256 } from '../sha256.js';

/** What the manifest records of each published path: its sha256 and change token, by path. */
export type PublishedIndex = ReadonlyMap<string, { readonly hash: string; readonly version?: string }>;

export function publishedIndex(previous: Manifest | undefined): PublishedIndex {
  const index = new Map<string, { hash: string; version?: string }>();
  for (const feed of Object.values(previous?.feeds ?? {})) {
    for (const [path, hash] of Object.entries(feed.files)) {
      const version = feed.versions?.[path];
      index.set(path, version === undefined ? { hash } : { hash, version });
    }
  }
  return index;
}

/**
 * How the published file compares with these bytes: by the trusted hash when there is one (`same` or
 * `different`), else by reading it (`same-untrusted` when the bytes match: no run has recorded them).
 */
export async function publishedCopy(
  target: Storage,
  file: OutputFile,
  hash: string,
  trustedHash: string | undefined,
  listing: ReadonlyMap<string, unknown>,
): Promise<'same' | 'same-untrusted' | 'different'> {
  if (!listing.has(file.path)) return 'different';
  if (trustedHash !== undefined) return trustedHash === hash ? 'same' : 'different';
  const current = await target.read(file.path);
  return current !== undefined && sha256(current) === hash ? 'same-untrusted' : 'different';
}

export async function write(target: Storage, file: OutputFile): Promise<string | undefined> {
  return (await target.write({ key: file.path, body: file.bytes ?? file.body, contentType: file.contentType, cacheControl: file.cacheControl })) ?? undefined;
}

/**
 * The rendered content of the items of a published JSON Feed, by item id, when the file is exactly
 * the one the manifest records (a crash between writing it and writing the manifest makes it
 * untrusted: the items are then read and rendered again). JSON Feed keeps content_html, summary and
 * image verbatim, which is all an item's rendering needs beyond the manifest's entry.
 */
export async function publishedContent(
  target: Storage,
  dir: string,
  published: PublishedIndex,
): Promise<Map<string, { readonly content: DerivedContent; readonly url: string }> | undefined> {
  const path = `${dir}${FORMAT_FILE.json}`;
  const known = published.get(path)?.hash;
  if (known === undefined) return undefined;
  const bytes = await target.read(path);
  if (!bytes || sha256(bytes) !== known) return undefined;
  try {
    const feed = JSON.parse(new TextDecoder().decode(bytes)) as {
      items?: { id?: unknown; url?: unknown; content_html?: unknown; summary?: unknown; image?: unknown }[];
    };
    const out = new Map<string, { content: DerivedContent; url: string }>();
    for (const item of feed.items ?? []) {
      if (typeof item.id !== 'string' || typeof item.url !== 'string') continue;
      const content = {
        html: typeof item.content_html === 'string' ? item.content_html : '',
        summary: typeof item.summary === 'string' ? item.summary : '',
        ...(typeof item.image === 'string' ? { image: item.image } : {}),
      };
      out.set(item.id, { content, url: item.url });
    }
    return out;
  } catch {
    return undefined;
  }
}
