/**
 * The corpus generator: determinism, the reference article's shape, and the corpus's proportions.
 * Run: node --test scripts/bench/test/
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import YAML from 'yaml';
import { createRng, zipfSampler } from '../generator/create-rng.mjs';
import { categoryCount, generateCorpus, readStamp, STAMP_FILE } from '../generator/generate-corpus.mjs';
import { tagVocabulary } from '../generator/vocabulary.mjs';
import { walkMarkdown } from '../walk-markdown.mjs';

const REFERENCE_KEYS = [
  'title',
  'date',
  'summary',
  'categories',
  'lang',
  'translations',
  'tags',
  'menu',
  'thumbnail',
  'lead',
  'comments',
  'authorbox',
  'pager',
  'toc',
  'mathjax',
  'sidebar',
  'widgets',
];
const LANGS = ['en', 'zh-CN', 'zh-HK'];
const reject = () => {
  throw new Error('no JavaScript front matter');
};
const MATTER_OPTIONS = { engines: { yaml: (/** @type {string} */ text) => YAML.parse(text), js: reject, javascript: reject } };

/** Every file of a folder as path → bytes. */
function snapshot(/** @type {string} */ dir) {
  const files = new Map([['hugo.toml', readFileSync(join(dir, 'hugo.toml'))]]);
  for (const file of walkMarkdown(join(dir, 'content'))) files.set(relative(dir, file), readFileSync(file));
  return files;
}

describe('generateCorpus', () => {
  /** @type {string} */
  let scratch;
  /** @type {Array<{ path: string, text: string, data: Record<string, any>, content: string }>} */
  let articles;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'feedpub-bench-test-'));
    // Prepare: one corpus shared by the read-only checks below.
    generateCorpus(join(scratch, 'c2000'), { articles: 2000 });
    articles = walkMarkdown(join(scratch, 'c2000', 'content')).map((path) => {
      const text = readFileSync(path, 'utf8');
      const { data, content } = matter(text, MATTER_OPTIONS);
      return { path: relative(join(scratch, 'c2000'), path), text, data, content };
    });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes byte-identical files for the same size', () => {
    // Act
    generateCorpus(join(scratch, 'a'), { articles: 300 });
    generateCorpus(join(scratch, 'b'), { articles: 300 });
    // Assess
    const a = snapshot(join(scratch, 'a'));
    const b = snapshot(join(scratch, 'b'));
    assert.equal(a.size, 301);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [path, bytes] of a) assert.ok(bytes.equals(/** @type {Buffer} */ (b.get(path))), path);
    assert.deepEqual(readStamp(join(scratch, 'a')), readStamp(join(scratch, 'b')));
  });

  it('writes the requested number of articles and a complete stamp', () => {
    assert.equal(articles.length, 2000);
    const stamp = readStamp(join(scratch, 'c2000'));
    assert.equal(stamp?.articles, 2000);
    assert.equal(stamp?.complete, true);
    assert.equal(
      stamp?.bytes,
      articles.reduce((sum, article) => sum + Buffer.byteLength(article.text), 0),
    );
  });

  it('writes a hugo.toml with the three languages, their content folders and both taxonomies', () => {
    const config = parseToml(readFileSync(join(scratch, 'c2000', 'hugo.toml'), 'utf8'));
    assert.equal(config.baseURL, 'https://news.example.com/');
    assert.equal(config.defaultContentLanguage, 'en');
    assert.equal(config.timeZone, 'Asia/Shanghai');
    assert.equal(typeof config.title, 'string');
    assert.deepEqual({ ...config.taxonomies }, { category: 'categories', tag: 'tags' });
    const languages = /** @type {Record<string, { contentDir: string }>} */ (config.languages);
    assert.deepEqual(Object.keys(languages), LANGS);
    for (const lang of LANGS) assert.equal(languages[lang]?.contentDir, `content/${lang}`);
  });

  it('gives every article the front matter of the reference article', () => {
    for (const { path, text, data } of articles) {
      const expected = data.draft === true ? ['title', 'date', 'draft', ...REFERENCE_KEYS.slice(2)] : REFERENCE_KEYS;
      assert.deepEqual(Object.keys(data), expected, path);
      assert.match(text, /^---\ntitle: "/, path);
      assert.match(text, /\ndate: "\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}"\n/, path);
      assert.equal(data.categories.length, 1, path);
      assert.ok(data.tags.length >= 1 && data.tags.length <= 4, path);
      assert.equal(new Set(data.tags).size, data.tags.length, path);
      assert.deepEqual(data.lang.length, 1, path);
      assert.ok(data.translations.includes(data.lang[0]), path);
      assert.ok(data.summary.length > 0, path);
      assert.deepEqual(data.widgets, ['search', 'recent', 'taglist']);
      assert.equal(data.sidebar, 'right');
      assert.equal(data.comments, false);
      assert.equal(path, `content/${data.lang[0]}/news/${data.categories[0]}/${path.split('/').at(-1)}`);
      assert.ok(path.endsWith(`.${data.lang[0]}.md`), path);
    }
  });

  it('writes 1–6 KB bodies with bold lines, links, relative images and a trailing source link', () => {
    const bodies = articles.map((article) => article.content);
    for (const [index, body] of bodies.entries()) {
      const bytes = Buffer.byteLength(body);
      assert.ok(bytes >= 1024 && bytes <= 7 * 1024, `${articles[index]?.path}: ${bytes} bytes`);
      assert.match(body, /\n\[[^\]]+\]\(https:\/\/[^)]+\)\n$/, articles[index]?.path);
    }
    const all = bodies.join('\n');
    assert.match(all, /^\*\*[^*\n]+\*\*$/m);
    assert.match(all, /\]\(https:\/\/www\.example\.org\//);
    assert.match(all, /\]\(\/news\//);
    assert.match(all, /\]\(\.\.\//);
    assert.match(all, /!\[[^\]]*\]\(images\//);
    assert.doesNotMatch(all, /!\[[^\]]*\]\(https?:/);
    assert.match(all, /\p{Script=Han}/u);
    assert.ok(
      bodies.some((body) => /\p{Script=Han}/u.test(body) && /\n[A-Z][a-z]+ [a-z]/.test(body)),
      'CJK and English mixed',
    );
  });

  it('splits languages about 40/30/30 with ~1% drafts and a few posts dated after 2030', () => {
    /** @type {Record<string, number>} */
    const counts = { en: 0, 'zh-CN': 0, 'zh-HK': 0 };
    for (const { data } of articles) counts[data.lang[0]] = (counts[data.lang[0]] ?? 0) + 1;
    assert.ok(counts['zh-CN'] >= 700 && counts['zh-CN'] <= 900, JSON.stringify(counts));
    assert.ok(counts.en >= 500 && counts.en <= 700, JSON.stringify(counts));
    assert.ok(counts['zh-HK'] >= 500 && counts['zh-HK'] <= 700, JSON.stringify(counts));
    const drafts = articles.filter(({ data }) => data.draft === true).length;
    assert.ok(drafts >= 5 && drafts <= 60, `${drafts} drafts`);
    const future = articles.filter(({ data }) => data.date > '2031');
    assert.ok(future.length >= 3 && future.length <= 10, `${future.length} future posts`);
    const past = articles
      .filter(({ data }) => data.date < '2031')
      .map(({ data }) => data.date)
      .sort();
    assert.ok((past[0] ?? '') >= '2023-03-01' && (past.at(-1) ?? '') < '2025-03-02', `${past[0]} … ${past.at(-1)}`);
  });

  it('pairs some zh-HK articles with a zh-CN translation at the same relative path', () => {
    const paired = articles.filter(({ data }) => data.translations.length === 2);
    assert.ok(paired.length > 100, `${paired.length} paired`);
    const paths = new Set(articles.map((article) => article.path));
    for (const { path, data } of paired) {
      const other = data.lang[0] === 'zh-CN' ? 'zh-HK' : 'zh-CN';
      assert.ok(paths.has(path.replaceAll(data.lang[0], other)), path);
    }
  });

  it('draws categories and tags Zipf-like, with CJK and punctuated tags', () => {
    /** @type {Map<string, number>} */
    const categories = new Map();
    /** @type {Map<string, number>} */
    const tags = new Map();
    for (const { data } of articles) {
      categories.set(data.categories[0], (categories.get(data.categories[0]) ?? 0) + 1);
      for (const tag of data.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    }
    const byCount = [...categories.values()].sort((a, b) => b - a);
    assert.ok(categories.size <= categoryCount(2000));
    assert.ok((byCount[0] ?? 0) > 3 * (byCount.at(-1) ?? 0), 'the top category dominates');
    assert.ok(tags.size > 200, `${tags.size} distinct tags`);
    assert.ok([...tags.keys()].some((tag) => /\p{Script=Han}/u.test(tag)));
    assert.ok([...tags.keys()].some((tag) => / /.test(tag)));
    assert.ok([...tags.keys()].some((tag) => /[&#+.%:/"]/.test(tag)));
  });

  it('refuses a non-empty folder that is not a corpus, and replaces a stale corpus', () => {
    // Prepare
    const foreign = join(scratch, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine');
    const stale = join(scratch, 'stale');
    generateCorpus(stale, { articles: 50 });
    writeFileSync(join(stale, STAMP_FILE), JSON.stringify({ generator: 'old', articles: 50, bytes: 0, complete: false }));
    // Act + Assess
    assert.throws(() => generateCorpus(foreign, { articles: 10 }), /not empty/);
    assert.equal(readFileSync(join(foreign, 'keep.txt'), 'utf8'), 'mine');
    generateCorpus(stale, { articles: 20 });
    assert.equal(walkMarkdown(join(stale, 'content')).length, 20);
    assert.equal(readStamp(stale)?.complete, true);
  });
});

describe('categoryCount', () => {
  it('uses about 20 categories at 10k articles and all 77 at 100k', () => {
    assert.equal(categoryCount(10_000), 20);
    assert.equal(categoryCount(100_000), 77);
    assert.ok(categoryCount(30_000) > 20 && categoryCount(30_000) < 77);
    assert.equal(categoryCount(10), 8);
  });
});

describe('tagVocabulary', () => {
  it('has 500 tags that do not collide when lowercased and stripped of spaces', () => {
    const tags = tagVocabulary();
    assert.equal(tags.length, 500);
    const keys = new Set(
      tags.map((tag) =>
        tag
          .normalize('NFKC')
          .toLowerCase()
          .replace(/[\s\-_:/"']+/gu, ''),
      ),
    );
    assert.equal(keys.size, 500);
    assert.deepEqual(tagVocabulary(), tags);
  });
});

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (/** @type {string} */ seed) => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.next());
    };
    assert.deepEqual(draw('x'), draw('x'));
    assert.notDeepEqual(draw('x'), draw('y'));
    for (const value of draw('z')) assert.ok(value >= 0 && value < 1);
  });

  it('samples Zipf ranks with rank 0 the most frequent', () => {
    const rng = createRng('zipf');
    const rank = zipfSampler(10, 1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i += 1) counts[rank(rng)] += 1;
    assert.ok(counts[0] > counts[1] && counts[1] > counts[9]);
    assert.ok(counts.every((count) => count > 0));
  });
});
