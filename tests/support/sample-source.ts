import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
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

/** A MemoryStorage holding the sample site. */
export function sampleSource(): MemoryStorage {
  return new MemoryStorage(sampleSiteFiles());
}
