/**
 * Whether a Markdown file Hugo makes no page of looks like an article: its front matter has a date. Apart
 * from `pages.ts`, which a run loads without the front matter parser: only a run that finds such files
 * loads this.
 */
import { FRONT_MATTER_DATE_DEFAULTS } from '../plan/date-sources.js';
import type { SiteConfig } from '../model.js';
import { decodeSourceHead } from './decode-source.js';
import { readFrontMatter } from './front-matter.js';

/**
 * Whether a file's front matter has a date Hugo would date a page by (`date`, `publishDate`, `lastmod` or
 * their aliases, or the keys the site's `[frontmatter]` names), read from the file's head.
 *
 * @example hasFrontMatterDate(site, new TextEncoder().encode('---\ndate: 2025-01-01\n---\n')) // true
 */
export function hasFrontMatterDate(site: SiteConfig, bytes: Uint8Array): boolean {
  const head = decodeSourceHead(bytes);
  if (head === undefined) return false;
  let data: Record<string, unknown>;
  try {
    data = readFrontMatter(head).data;
  } catch {
    return false;
  }
  const sources = site.frontMatterDates ?? FRONT_MATTER_DATE_DEFAULTS;
  const keys = new Set([...sources.date, ...sources.publishDate, ...sources.lastmod]);
  return Object.entries(data).some(([key, value]) => keys.has(key.toLowerCase()) && value !== undefined && value !== null && value !== '');
}
