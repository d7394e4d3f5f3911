import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import type { SiteConfig } from '../../src/model.js';
import { locateArticle } from '../../src/parse/pages.js';
import type { ArticleFile } from '../../src/ports.js';
import { sha256 } from '../../src/sha256.js';
import { loadSiteConfig } from '../../src/site.js';
import { REPO_ROOT } from './repo.js';

/** The sample site (hugo.toml + content/) as key → text, read fresh on every call. */
export function sampleSiteFiles(): Map<string, string> {
  const files = new Map<string, string>([['hugo.toml', readFileSync(path.join(REPO_ROOT, 'hugo.toml'), 'utf8')]]);
  for (const rel of readdirSync(path.join(REPO_ROOT, 'content'), { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(REPO_ROOT, 'content', rel);
    if (rel.endsWith('.md')) files.set(`content/${rel.split(path.sep).join('/')}`, readFileSync(full, 'utf8'));
  }
  return files;
}

/** The sample site's config and its Markdown files as a `Compute` takes them (bytes, hash, location). */
export function sampleArticleFiles(): { site: SiteConfig; files: ArticleFile[] } {
  const texts = sampleSiteFiles();
  const site = loadSiteConfig(new Map([...texts].filter(([key]) => key === 'hugo.toml')));
  const files: ArticleFile[] = [];
  for (const [key, text] of texts) {
    const location = locateArticle(site, key);
    if (!key.endsWith('.md') || !location) continue;
    const bytes = new TextEncoder().encode(text);
    files.push({ key, bytes, hash: sha256(bytes), location });
  }
  return { site, files };
}

/** A MemoryStorage holding the sample site. */
export function sampleSource(): MemoryStorage {
  return new MemoryStorage(sampleSiteFiles());
}
