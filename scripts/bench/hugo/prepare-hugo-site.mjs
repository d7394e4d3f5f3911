import { cpSync, mkdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteConfigToml } from '../generator/site-config.mjs';

const LAYOUTS = join(dirname(fileURLToPath(import.meta.url)), 'layouts');

/**
 * Hugo settings that make Hugo do what feedpub does and little else: RSS, Atom and JSON Feed for each
 * language's home page, each section and each taxonomy term, 20 items with full content; no HTML pages,
 * no taxonomy-list pages, no sitemap, robots.txt or 404 page. Regular pages are still read and listed,
 * and their Markdown is rendered when a feed asks for `.Content`, but never written to disk.
 */
const HUGO_KEYS = `disableKinds = ["taxonomy", "sitemap", "robotsTXT", "404"]
ignoreErrors = ["error-disable-taxonomy"]`;
const HUGO_TABLES = `
[outputs]
  home = ["RSS", "Atom", "JSON"]
  section = ["RSS", "Atom", "JSON"]
  term = ["RSS", "Atom", "JSON"]

[mediaTypes."application/atom+xml"]
  suffixes = ["xml"]
[mediaTypes."application/feed+json"]
  suffixes = ["json"]

[outputFormats.Atom]
  mediaType = "application/atom+xml"
  baseName = "atom"
  rel = "alternate"
[outputFormats.JSON]
  mediaType = "application/feed+json"
  baseName = "feed"
  isPlainText = true

[services.rss]
  limit = 20

[[cascade]]
  [cascade._build]
    render = "link"
    list = "always"
  [cascade._target]
    kind = "page"
`;

/**
 * Writes a Hugo working copy next to a corpus (`bench/corpus/1000` → `bench/corpus/1000-hugo`): its own
 * `hugo.toml` and `layouts/`, and `content` as a relative symlink to the corpus's content, so the corpus
 * itself stays a plain site. Rewritten on every call (it is a few small files).
 *
 * @param {string} corpusDir
 * @returns {string} the working copy's folder
 * @example
 * const site = prepareHugoSite('bench/corpus/1000'); // then: hugo --quiet -s <site> -d <tmp>
 */
export function prepareHugoSite(corpusDir) {
  const siteDir = `${corpusDir.replace(/[\\/]+$/, '')}-hugo`;
  mkdirSync(siteDir, { recursive: true });
  writeFileSync(join(siteDir, 'hugo.toml'), siteConfigToml({ keys: HUGO_KEYS, tables: HUGO_TABLES }));
  rmSync(join(siteDir, 'layouts'), { recursive: true, force: true });
  cpSync(LAYOUTS, join(siteDir, 'layouts'), { recursive: true });

  const link = join(siteDir, 'content');
  const target = join('..', basename(corpusDir), 'content');
  let current;
  try {
    current = readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current !== target) {
    rmSync(link, { recursive: true, force: true });
    symlinkSync(target, link, 'dir');
  }
  return siteDir;
}
