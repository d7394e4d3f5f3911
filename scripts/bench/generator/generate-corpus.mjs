import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, zipfSampler } from './create-rng.mjs';
import { articlePath, renderArticle } from './render-article.mjs';
import { siteConfigToml } from './site-config.mjs';
import { headline, paragraph, summarize } from './text.mjs';
import { CATEGORIES, NAMES, tagVocabulary } from './vocabulary.mjs';

/** @typedef {import('./create-rng.mjs').Rng} Rng */
/** @typedef {import('./render-article.mjs').ArticleRecord} ArticleRecord */
/** @typedef {import('./site-config.mjs').Lang} Lang */
/** @typedef {Omit<ArticleRecord, 'title' | 'summary' | 'blocks'> & { translations: Lang[] }} ArticleMeta */

/** Name of the stamp file of a generated corpus (written first as incomplete, rewritten last as complete). */
export const STAMP_FILE = '.bench-corpus.json';

const GENERATOR_DIR = dirname(fileURLToPath(import.meta.url));
const DAY_SECONDS = 86_400;
const PAST_START = Date.UTC(2023, 2, 1) / 1000; // 2023-03-01
const PAST_SPAN = 730 * DAY_SECONDS; // ~2 years
const FUTURE_START = Date.UTC(2031, 0, 1) / 1000;
const FUTURE_SPAN = 3 * 365 * DAY_SECONDS;

/**
 * A hash of the generator's own source files: a corpus whose stamp carries another version is stale.
 *
 * @returns {string}
 */
export function generatorVersion() {
  const hash = createHash('sha256');
  for (const name of readdirSync(GENERATOR_DIR).sort()) {
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(GENERATOR_DIR, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * How many categories a corpus of `articles` uses: 20 at 10k, 77 (all) at 100k, at least 8.
 *
 * @param {number} articles
 */
export function categoryCount(articles) {
  const count = Math.round(20 * (articles / 10_000) ** (Math.log(77 / 20) / Math.log(10)));
  return Math.min(CATEGORIES.length, Math.max(8, count));
}

/** `YYYY-MM-DD HH:MM:SS` of an epoch second, read as wall-clock time (the site's zone is implied). */
const formatDate = (/** @type {number} */ seconds) => new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** Tags 1–4, distinct, Zipf over the vocabulary; a quarter of articles also carry their category (as `qq` does). */
function pickTags(/** @type {Rng} */ rng, /** @type {string[]} */ vocabulary, /** @type {(rng: Rng) => number} */ rank, /** @type {string} */ category) {
  const roll = rng.next();
  const count = roll < 0.3 ? 1 : roll < 0.6 ? 2 : roll < 0.85 ? 3 : 4;
  const tags = rng.chance(0.25) ? [category] : [];
  while (tags.length < count) {
    const tag = /** @type {string} */ (vocabulary[rank(rng)]);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/**
 * The metadata of every article (no text yet): language split 40% zh-CN / 30% en / 30% zh-HK, a third
 * of the zh-HK articles being translations of a zh-CN one (same id, date, category and tags), ~1% drafts,
 * and a few future posts dated 2031–2033.
 *
 * @param {number} articles
 * @returns {ArticleMeta[]}
 */
export function planArticles(articles) {
  const rng = createRng(`feedpub-bench:${articles}:plan`);
  const categories = CATEGORIES.slice(0, categoryCount(articles));
  const categoryRank = zipfSampler(categories.length, 1);
  const vocabulary = tagVocabulary();
  const tagRank = zipfSampler(vocabulary.length, 1);
  const futureCount = Math.max(3, Math.round(articles / 2000));
  const future = new Set();
  while (future.size < Math.min(futureCount, articles)) future.add(rng.int(0, articles - 1));

  /** @type {ArticleMeta[]} */
  const records = [];
  /** @type {ArticleMeta[]} zh-CN articles still without a zh-HK translation */
  const untranslated = [];
  for (let index = 0; index < articles; index += 1) {
    const roll = rng.next();
    /** @type {Lang} */
    const lang = roll < 0.4 ? 'zh-CN' : roll < 0.7 ? 'en' : 'zh-HK';
    if (lang === 'zh-HK' && untranslated.length > 0 && rng.chance(1 / 3)) {
      const from = Math.max(0, untranslated.length - 50) + rng.int(0, Math.min(50, untranslated.length) - 1);
      const original = /** @type {ArticleMeta} */ (untranslated.splice(from, 1)[0]);
      original.translations = ['zh-CN', 'zh-HK'];
      records.push({ ...original, lang, translations: ['zh-CN', 'zh-HK'] });
      continue;
    }
    const seconds = future.has(index) ? FUTURE_START + rng.int(0, FUTURE_SPAN) : PAST_START + rng.int(0, PAST_SPAN);
    const date = formatDate(seconds);
    const id = `${date.slice(0, 10).replace(/-/g, '')}A${index.toString(36).toUpperCase().padStart(5, '0')}`;
    const category = /** @type {{ name: string }} */ (categories[categoryRank(rng)]).name;
    const record = {
      id,
      lang,
      category,
      date,
      draft: rng.chance(0.01),
      tags: pickTags(rng, vocabulary, tagRank, category),
      translations: [lang],
      thumbnail: rng.chance(0.1) ? `images/${id}-cover.jpg` : '',
    };
    records.push(record);
    if (lang === 'zh-CN') untranslated.push(record);
  }
  return records;
}

/** A Markdown link to another article, absolute or relative. */
function link(/** @type {Rng} */ rng, /** @type {readonly ArticleMeta[]} */ records, /** @type {string} */ anchor) {
  const other = /** @type {ArticleMeta} */ (rng.pick(records));
  const roll = rng.next();
  if (roll < 0.4) return `[${anchor}](https://www.example.org/${other.category}/${other.id.toLowerCase()}.html)`;
  if (roll < 0.7) return `[${anchor}](/news/${other.category}/${other.id}/)`;
  return `[${anchor}](../${other.category}/${other.id}/)`;
}

/**
 * Title, summary and a 1–6 KB body for one article: paragraphs in its language, some in another script,
 * **bold** lines, absolute and relative links, relative images, and a trailing source link.
 *
 * @param {ArticleMeta} meta
 * @param {number} index position in the corpus (seeds this article's own generator)
 * @param {number} articles corpus size
 * @param {readonly ArticleMeta[]} records every article, for link targets
 * @returns {ArticleRecord}
 */
export function writeArticle(meta, index, articles, records) {
  const rng = createRng(`feedpub-bench:${articles}:article:${index}`);
  const other = meta.lang === 'en' ? (rng.chance(0.5) ? 'zh-CN' : 'zh-HK') : 'en';
  const target = rng.int(1024, 6144);
  const blocks = [paragraph(rng, meta.lang)];
  let bytes = Buffer.byteLength(blocks[0] ?? '');
  let images = 0;
  while (bytes < target) {
    const roll = rng.next();
    let block;
    if (roll < 0.5) block = paragraph(rng, meta.lang);
    else if (roll < 0.65) block = paragraph(rng, other);
    else if (roll < 0.75) block = `**${headline(rng, meta.lang)}**`;
    else if (roll < 0.87) block = `${paragraph(rng, meta.lang)}${meta.lang === 'en' ? ' ' : ''}${link(rng, records, rng.pick(NAMES))}`;
    else {
      images += 1;
      block = rng.chance(0.6)
        ? `![${rng.pick(NAMES)}](images/${meta.id}-${images}.jpg)`
        : `![](../../../uploads/${meta.date.slice(0, 7).replace('-', '/')}/${meta.id.toLowerCase()}-${images}.png)`;
    }
    blocks.push(block);
    bytes += Buffer.byteLength(block) + 2;
  }
  const host = CATEGORIES.find((category) => category.name === meta.category)?.host ?? 'www.example.com';
  blocks.push(`[${meta.category}](https://${host}/rain/a/${meta.id}00)`);
  return {
    ...meta,
    title: headline(rng, meta.lang),
    summary: summarize(blocks.slice(0, 2), meta.lang === 'en' ? 120 : 50),
    blocks,
  };
}

/**
 * @typedef {object} CorpusStamp
 * @property {string} generator {@link generatorVersion} of the code that wrote the corpus
 * @property {number} articles
 * @property {number} bytes total size of the Markdown files (0 until complete)
 * @property {boolean} complete false while the corpus is being written (an interrupted run leaves it false)
 */

/**
 * Reads the stamp of a generated corpus, or undefined when there is none (or it is unreadable).
 *
 * @param {string} dir
 * @returns {CorpusStamp | undefined}
 */
export function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Writes a Hugo site of `articles` articles into `dir`: `hugo.toml` and `content/<lang>/news/<category>/`.
 * The same `articles` always gives byte-identical files. A previous corpus in `dir` (one with a stamp, even
 * an incomplete one) is replaced; a non-empty folder without a stamp is refused unless `force` is set.
 * The stamp is written first with `complete: false` and rewritten with `complete: true` at the end.
 *
 * @param {string} dir
 * @param {{ articles: number, force?: boolean }} options
 * @returns {CorpusStamp}
 * @example
 * generateCorpus('bench/corpus/1000', { articles: 1000 });
 */
export function generateCorpus(dir, { articles, force = false }) {
  if (!Number.isInteger(articles) || articles < 1) throw new RangeError(`articles must be a positive integer, got ${articles}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (readStamp(dir) === undefined && !force) {
      throw new Error(`${dir} is not empty and holds no ${STAMP_FILE}; pass --force to replace it`);
    }
    for (const entry of [STAMP_FILE, 'content', 'hugo.toml']) rmSync(join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const generator = generatorVersion();
  const writeStamp = (/** @type {CorpusStamp} */ stamp) => writeFileSync(join(dir, STAMP_FILE), `${JSON.stringify(stamp, null, 2)}\n`);
  writeStamp({ generator, articles, bytes: 0, complete: false });
  writeFileSync(join(dir, 'hugo.toml'), siteConfigToml());

  const records = planArticles(articles);
  const folders = new Set();
  let bytes = 0;
  records.forEach((meta, index) => {
    const path = join(dir, articlePath(meta));
    const folder = dirname(path);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    const text = renderArticle(writeArticle(meta, index, articles, records));
    bytes += Buffer.byteLength(text);
    writeFileSync(path, text);
  });

  /** @type {CorpusStamp} */
  const stamp = { generator, articles, bytes, complete: true };
  writeStamp(stamp);
  return stamp;
}
