import { describe, expect, it } from 'vitest';
import { type ArticleEntry, MANIFEST_FORMAT, type Manifest, type ManifestArticle, type RetiredPage } from '../../../src/manifest.js';
import { articleId, uuidV5Urn } from '../../../src/plan/ids.js';
import { idContinuity, MAX_RETIRED, retiredPages } from '../../../src/rebuild/retired.js';
import { testSite } from '../../support/site.js';

const site = testSite();
const NOW = Date.UTC(2025, 2, 1);
const JAN3 = Date.UTC(2025, 0, 3, 9);
const JAN10 = Date.UTC(2025, 0, 10, 9);

function entry(key: string, id: string, title: string, published: number, extra: Partial<ArticleEntry> = {}): ArticleEntry {
  return {
    key,
    hash: `${key}-bytes`,
    id,
    lang: 'en',
    translationKey: key,
    section: 'posts',
    title,
    published,
    updated: published,
    publishAt: published,
    draft: false,
    terms: {},
    authors: [],
    url: `https://example.com/${key}/`,
    ...extra,
  };
}

/** A record with its file's bytes named by `bytes` (a sha256 stand-in, 64 hex). */
function recordOf(e: ArticleEntry, bytes = 'a'): ManifestArticle {
  return { hash: bytes.repeat(64).slice(0, 64), entry: e };
}

function manifestOf(records: Iterable<readonly [string, ManifestArticle]>, retired?: readonly RetiredPage[]): Manifest {
  return { format: MANIFEST_FORMAT, configHash: 'c', articles: new Map(records), feeds: {}, ...(retired ? { retired } : {}) };
}

const ROUNDUP = 'content/en/posts/weekly-roundup.md';
const OLD_ID = 'urn:uuid:e8d89ded-b313-5a1b-bad9-abbea747ea45';
const first = entry(ROUNDUP, OLD_ID, 'Weekly roundup: fires in the north', JAN3);

/** The run after the first article went (its memory), then the records of the run after that. */
function afterDeletion(): Manifest {
  const { retired } = idContinuity(site, manifestOf([[ROUNDUP, recordOf(first)]]), new Map(), { now: NOW, entries: [] });
  return manifestOf([], retired);
}

describe('idContinuity: what the pages that went say of the ids of a run', () => {
  it('remembers a published article whose file went, not a draft nor a post not live yet', () => {
    const draft = entry('content/en/posts/d.md', 'urn:x:d', 'Draft', JAN3, { draft: true });
    const future = entry('content/en/posts/f.md', 'urn:x:f', 'Future', NOW + 1);
    const previous = manifestOf([
      [ROUNDUP, recordOf(first)],
      [draft.key, recordOf(draft, 'd')],
      [future.key, recordOf(future, 'f')],
    ]);
    const { retired, problems } = idContinuity(site, previous, new Map(), { now: NOW, entries: [] });
    expect(retired).toEqual([[ROUNDUP, OLD_ID, JAN3, 'Weekly roundup: fires in the north', expect.stringMatching(/^[0-9a-f]{12}$/), 'a'.repeat(16)]]);
    expect(problems).toEqual([]);
  });

  it('remembers no page its section kept out of the last run: a draft, not live yet, or listing its pages nowhere', () => {
    // Arrange: a page in each section, and one with a `_build` of its own under the cascade (listed, as in Hugo).
    const list = (key: string, page: NonNullable<ManifestArticle['list']>): readonly [string, ManifestArticle] => [key, { hash: 'l'.repeat(64), list: page }];
    const inSection = (section: string, extra: Partial<ArticleEntry> = {}) =>
      entry(`content/en/${section}/a.md`, `urn:x:${section}`, section, JAN3, { section, ...extra });
    const pages = [inSection('draft'), inSection('future'), inSection('never'), inSection('expired'), inSection('own', { local: false })];
    const previous = manifestOf([
      list('content/en/draft/_index.md', { hidden: 'draft: true', draft: true }),
      list('content/en/future/_index.md', { publishAt: NOW + 1 }),
      list('content/en/never/_index.md', { states: 32, cascade: [{ build: { unlisted: '_build.list is never' } }] }),
      list('content/en/expired/_index.md', { expiresAt: JAN10 }),
      list('content/en/own/_index.md', { states: 32, cascade: [{ build: { unlisted: '_build.list is never' } }] }),
      ...pages.map((page) => [page.key, recordOf(page, page.section.slice(0, 1))] as const),
    ]);
    // Act: every page goes, the list pages stay.
    const records = new Map([...previous.articles].filter(([, record]) => record.list !== undefined));
    const { retired, problems } = idContinuity(site, previous, records, { now: NOW, entries: [] });
    // Assess: an expired section's page had readers before it expired, and a page with a `_build` of its own was listed.
    expect(retired.map((row) => row[0])).toEqual(['content/en/expired/a.md', 'content/en/own/a.md']);
    expect(problems).toEqual([]);
  });

  it('remembers no page a list page cascade had not made live yet, and a page it made live at the very moment of the run', () => {
    // Arrange: the cascade gives each page the publishDate it has none of, one a millisecond after the run, one at it.
    const list = (section: string, at: number): readonly [string, ManifestArticle] => [
      `content/en/${section}/_index.md`,
      { hash: 'l'.repeat(64), list: { cascade: [{ dates: { publishdate: { ms: at } } }] } },
    ];
    const pages = ['later', 'now'].map((section) => entry(`content/en/${section}/a.md`, `urn:x:${section}`, section, JAN3, { section }));
    const previous = manifestOf([
      list('later', NOW + 1),
      list('now', NOW),
      ...pages.map((page) => [page.key, recordOf(page, page.section.slice(0, 1))] as const),
    ]);
    // Act: both pages go, the list pages stay.
    const records = new Map([...previous.articles].filter(([, record]) => record.list !== undefined));
    const { retired } = idContinuity(site, previous, records, { now: NOW, entries: [] });
    // Assess
    expect(retired.map((row) => row[0])).toEqual(['content/en/now/a.md']);
  });

  it('warns of a new article at a retired path with its id, another title and another date, with a fresh id line', () => {
    const second = entry(ROUNDUP, OLD_ID, 'Weekly roundup: elections special', JAN10);
    const records = new Map([[ROUNDUP, recordOf(second, 'b')]]);
    const run = idContinuity(site, afterDeletion(), records, { now: NOW, entries: [second] });
    const fresh = uuidV5Urn(site.feeds.idNamespace, `reused:${OLD_ID}:${JAN10}`);
    expect(run.problems).toEqual([
      {
        file: ROUNDUP,
        severity: 'warning',
        rule: 'id-reused',
        message: expect.stringContaining(
          `has the item id ${OLD_ID} of the article deleted from this path earlier ("Weekly roundup: fires in the north", 2025-01-03 17:00 Asia/Shanghai)`,
        ),
      },
    ]);
    expect(run.problems[0]?.message).toContain(`add \`id: "${fresh}"\` to its front matter`);
    // Every run says it while it holds: the page stays remembered.
    expect(run.retired).toEqual(afterDeletion().retired);
    expect(idContinuity(site, manifestOf(records, run.retired), records, { now: NOW, entries: [second] }).problems).toHaveLength(1);
  });

  it('says nothing of an article put back (its title or its date the same), and forgets its page', () => {
    for (const back of [entry(ROUNDUP, OLD_ID, 'Weekly roundup: fires in the north (updated)', JAN3), entry(ROUNDUP, OLD_ID, first.title, JAN10)]) {
      const run = idContinuity(site, afterDeletion(), new Map([[ROUNDUP, recordOf(back)]]), { now: NOW, entries: [back] });
      expect(run.problems).toEqual([]);
      expect(run.retired).toEqual([]);
    }
  });

  it('says nothing once the article at the path has an id of its own', () => {
    const own = entry(ROUNDUP, 'urn:uuid:00000000-0000-5000-8000-000000000000', 'Weekly roundup: elections special', JAN10);
    const run = idContinuity(site, afterDeletion(), new Map([[ROUNDUP, recordOf(own, 'b')]]), { now: NOW, entries: [own] });
    expect(run.problems).toEqual([]);
    expect(run.retired).toHaveLength(1);
  });

  it('notes a file moved in one run, or after its old path went, with the line that keeps the old id', () => {
    const moved = entry('content/en/posts/renamed.md', 'urn:uuid:new', first.title, JAN3);
    const previous = manifestOf([[ROUNDUP, recordOf(first)]]);
    const notice = {
      file: moved.key,
      severity: 'info',
      rule: 'id-changed',
      message: expect.stringContaining(`has the bytes of ${ROUNDUP}, which is gone`),
    };
    // In one run.
    const records = new Map([[moved.key, recordOf(moved)]]);
    const one = idContinuity(site, previous, records, { now: NOW, entries: [moved] });
    expect(one.problems).toEqual([notice]);
    expect(one.problems[0]?.message).toContain(`add \`id: "${OLD_ID}"\``);
    // Its old path went in an earlier run (an event run: only the reported key is looked at).
    expect(idContinuity(site, afterDeletion(), records, { now: NOW, entries: [moved], keys: new Set([moved.key]) }).problems).toEqual([notice]);
    // Its new path came first: not told (the bytes alone cannot tell a move from one of two copies deleted).
    const both = manifestOf([
      [ROUNDUP, recordOf(first)],
      [moved.key, recordOf(moved)],
    ]);
    expect(idContinuity(site, both, records, { now: NOW, entries: [moved], keys: new Set([ROUNDUP]) }).problems).toEqual([]);
    // Once: the run after says nothing.
    expect(idContinuity(site, manifestOf(records, one.retired), records, { now: NOW, entries: [moved] }).problems).toEqual([]);
  });

  it('says nothing of a rename undone: a remembered page with these bytes had its path or its id', () => {
    const renamed = entry('content/en/posts/renamed.md', 'urn:uuid:new', first.title, JAN3);
    // The first run: moved, and told.
    const there = idContinuity(site, manifestOf([[ROUNDUP, recordOf(first)]]), new Map([[renamed.key, recordOf(renamed)]]), { now: NOW, entries: [renamed] });
    expect(there.problems.map((p) => p.rule)).toEqual(['id-changed']);
    // The second: moved back, its first id back; the page gone now (renamed.md) has its bytes and another id.
    const back = idContinuity(site, manifestOf([[renamed.key, recordOf(renamed)]], there.retired), new Map([[ROUNDUP, recordOf(first)]]), {
      now: NOW,
      entries: [first],
    });
    expect(back.problems).toEqual([]);
    // At another path too: a page with the id of a remembered page with these bytes is that page.
    const elsewhere = entry('content/en/posts/elsewhere.md', OLD_ID, first.title, JAN3);
    const remembered = manifestOf([], [...there.retired, ['content/en/posts/elsewhere.md', 'urn:uuid:other', JAN3, 'T', 'x', 'a'.repeat(16)]]);
    expect(idContinuity(site, remembered, new Map([[elsewhere.key, recordOf(elsewhere)]]), { now: NOW, entries: [elsewhere] }).problems).toEqual([]);
  });

  it('notes no page of another language with the bytes of one that went (a translation is another item)', () => {
    const translated = entry('content/zh-CN/posts/weekly-roundup.md', 'urn:uuid:zh', first.title, JAN3, { lang: 'zh-cn' });
    const run = idContinuity(site, afterDeletion(), new Map([[translated.key, recordOf(translated)]]), { now: NOW, entries: [translated] });
    expect(run.problems).toEqual([]);
  });

  it('forgets the page and warns no more when the article at its path states its id in front matter', () => {
    const pinned = entry(ROUNDUP, OLD_ID, 'Weekly roundup: fires in the north, revisited', JAN10, { idStated: true });
    const run = idContinuity(site, afterDeletion(), new Map([[ROUNDUP, recordOf(pinned, 'b')]]), { now: NOW, entries: [pinned] });
    expect(run).toEqual({ retired: [], problems: [] });
    // Without it, the warning says how to state it.
    const { idStated: _, ...unpinned } = pinned;
    const warned = idContinuity(site, afterDeletion(), new Map([[ROUNDUP, recordOf(unpinned, 'b')]]), { now: NOW, entries: [unpinned] });
    expect(warned.problems[0]?.message).toContain(`if it is that article put back, add \`id: "${OLD_ID}"\``);
  });

  it('remembers nothing and says nothing on a first run (no manifest yet)', () => {
    expect(idContinuity(site, undefined, new Map([[ROUNDUP, recordOf(first)]]), { now: NOW, entries: [first] })).toEqual({ retired: [], problems: [] });
  });

  it('retires no page whose file is still there, rejected in this run, nor a file that was no article', () => {
    const rejected: ManifestArticle = { hash: 'b'.repeat(64), problems: [{ file: ROUNDUP, severity: 'error', rule: 'yaml-comment', message: 'x' }] };
    // Still listed but rejected now: not gone (fixed, it is the same article again).
    const still = idContinuity(site, manifestOf([[ROUNDUP, recordOf(first)]]), new Map([[ROUNDUP, rejected]]), { now: NOW, entries: [] });
    expect(still).toEqual({ retired: [], problems: [] });
    // Gone, but it had been rejected (no reader saw it): nothing to remember.
    expect(idContinuity(site, manifestOf([[ROUNDUP, rejected]]), new Map(), { now: NOW, entries: [] })).toEqual({ retired: [], problems: [] });
    // A key reported gone that no manifest knew.
    const unknown = 'content/en/posts/never-seen.md';
    expect(idContinuity(site, afterDeletion(), new Map(), { now: NOW, entries: [], keys: new Set([unknown]) })).toEqual({
      retired: afterDeletion().retired,
      problems: [],
    });
  });

  it('retires a post that went live at the very moment of the run', () => {
    const live = entry('content/en/posts/now.md', 'urn:x:now', 'Now', NOW);
    const { retired } = idContinuity(site, manifestOf([[live.key, recordOf(live)]]), new Map(), { now: NOW, entries: [] });
    expect(retired.map((row) => row[0])).toEqual([live.key]);
  });

  it('notes nothing of a new file that is no article, even with the bytes of a retired page', () => {
    const rejected: ManifestArticle = { hash: 'a'.repeat(64), problems: [] };
    const key = 'content/en/posts/broken.md';
    expect(idContinuity(site, afterDeletion(), new Map([[key, rejected]]), { now: NOW, entries: [] }).problems).toEqual([]);
  });

  it('says nothing of a page back at its own path under another id (the id namespace changed meanwhile)', () => {
    const back = entry(ROUNDUP, 'urn:uuid:other-namespace', first.title, JAN3);
    const run = idContinuity(site, afterDeletion(), new Map([[ROUNDUP, recordOf(back)]]), { now: NOW, entries: [back] });
    expect(run.problems).toEqual([]);
  });

  it('says nothing of a page elsewhere with the id and the bytes of a retired page (that article, moved with its id)', () => {
    const elsewhere = entry('content/en/posts/elsewhere.md', OLD_ID, first.title, JAN3);
    const run = idContinuity(site, afterDeletion(), new Map([[elsewhere.key, recordOf(elsewhere)]]), { now: NOW, entries: [elsewhere] });
    expect(run.problems).toEqual([]);
  });

  it('skips a remembered page whose path is in no content folder now (the config moved them)', () => {
    const remembered = manifestOf([], [['static/old.md', 'urn:x:old', JAN3, 'Old', 'x', 'a'.repeat(16)]]);
    const moved = entry('content/en/posts/new.md', 'urn:x:new', 'Old', JAN3);
    expect(idContinuity(site, remembered, new Map([[moved.key, recordOf(moved)]]), { now: NOW, entries: [moved] }).problems).toEqual([]);
  });

  it('keeps a title of at most 60 code points whole, however many UTF-16 units it takes', () => {
    for (const title of [`${'x'.repeat(58)}\u{1F525}\u{1F525}`, '\u{1F525}'.repeat(31)]) {
      const hot = entry(ROUNDUP, OLD_ID, title, JAN3);
      const { retired } = idContinuity(site, manifestOf([[ROUNDUP, recordOf(hot)]]), new Map(), { now: NOW, entries: [] });
      expect(retired[0]?.[3]).toBe(title);
    }
  });

  it('cuts a retired title by code points, never in the middle of an emoji', () => {
    const title = `${'x'.repeat(59)}\u{1F525} and more`;
    const hot = entry(ROUNDUP, OLD_ID, title, JAN3);
    const { retired } = idContinuity(site, manifestOf([[ROUNDUP, recordOf(hot)]]), new Map(), { now: NOW, entries: [] });
    expect(retired[0]?.[3]).toBe(`${'x'.repeat(59)}\u{1F525}…`);
    expect(retired[0]?.[3]).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('does not retire an id a live page still has (a file moved with its id), nor note it', () => {
    const moved = entry('content/en/posts/renamed.md', OLD_ID, first.title, JAN3);
    const run = idContinuity(site, manifestOf([[ROUNDUP, recordOf(first)]]), new Map([[moved.key, recordOf(moved)]]), { now: NOW, entries: [moved] });
    expect(run).toEqual({ retired: [], problems: [] });
  });

  it('keeps the latest pages, at most MAX_RETIRED, a path gone again keeping its latest article', () => {
    const many = Array.from({ length: MAX_RETIRED + 5 }, (_, i) => entry(`content/en/posts/p${String(i).padStart(5, '0')}.md`, `urn:x:${i}`, `T${i}`, JAN3));
    const previous = manifestOf(many.map((e) => [e.key, recordOf(e)] as const));
    const { retired } = idContinuity(site, previous, new Map(), { now: NOW, entries: [] });
    expect(retired).toHaveLength(MAX_RETIRED);
    expect(retired[0]?.[0]).toBe(many[5]?.key);
    const again = entry(many[10]?.key ?? '', 'urn:x:again', 'Again', JAN10);
    const next = idContinuity(site, manifestOf([[again.key, recordOf(again)]], retired), new Map(), { now: NOW, entries: [] });
    expect(next.retired).toHaveLength(MAX_RETIRED);
    expect(next.retired.filter((row) => row[0] === again.key)).toEqual([[again.key, 'urn:x:again', JAN10, 'Again', expect.any(String), expect.any(String)]]);
    expect(next.retired.at(-1)?.[0]).toBe(again.key);
  });

  it('reads a manifest without retired pages (written before them), and skips rows it cannot read', () => {
    expect(retiredPages(manifestOf([]))).toEqual([]);
    const good: RetiredPage = [ROUNDUP, OLD_ID, JAN3, 'T', 'abc', 'def'];
    expect(retiredPages({ retired: [good, ['x', 1] as unknown as RetiredPage] })).toEqual([good]);
    expect(retiredPages({ retired: 'x' as unknown as RetiredPage[] })).toEqual([]);
    expect(retiredPages(undefined)).toEqual([]);
    // A row off by one field (a hand edit) is skipped, the good ones kept.
    const bad: unknown[] = [
      { ...good, length: 6 },
      [...good, 'extra'],
      [1, OLD_ID, JAN3, 'T', 'abc', 'def'],
      [ROUNDUP, 1, JAN3, 'T', 'abc', 'def'],
      [ROUNDUP, OLD_ID, String(JAN3), 'T', 'abc', 'def'],
      [ROUNDUP, OLD_ID, JAN3, 1, 'abc', 'def'],
      [ROUNDUP, OLD_ID, JAN3, 'T', 1, 'def'],
      [ROUNDUP, OLD_ID, JAN3, 'T', 'abc', 1],
    ];
    for (const row of bad) expect(retiredPages({ retired: [good, row as RetiredPage] })).toEqual([good]);
  });
});

describe('idContinuity: the ids pages beside each other share (a.md, a.FR.md)', () => {
  // `a.FR.md` is an English page whose path makes the id of `news/a` (its `id`) and that of `news/a.FR` (its `idOther`).
  const A = 'content/en/posts/a.md';
  const A_FR = 'content/en/posts/a.FR.md';
  const ID_A = articleId(site.feeds.idNamespace, 'en', 'posts/a', undefined);
  const ID_A_FR = articleId(site.feeds.idNamespace, 'en', 'posts/a.FR', undefined);
  const plain = entry(A, ID_A, 'A', JAN3);
  const upper = (extra: Partial<ArticleEntry> = {}) => entry(A_FR, ID_A, 'A upper', NOW, { idOther: ID_A_FR, ...extra });
  const recordsOf = (...entries: ArticleEntry[]) => new Map(entries.map((e) => [e.key, recordOf(e, e.key === A ? 'a' : 'b')] as const));
  const run = (before: ReadonlyMap<string, ManifestArticle>, now: ReadonlyMap<string, ManifestArticle>) =>
    idContinuity(site, manifestOf(before), now, { now: NOW, entries: [...now.values()].flatMap((r) => (r.entry ? [r.entry] : [])) }).problems;
  const draftPosts: readonly [string, ManifestArticle] = ['content/en/posts/_index.md', { hash: 'l'.repeat(64), list: { hidden: 'draft: true', draft: true } }];

  it('notes the page whose id a page added beside it, live earlier, takes, and the page that has it back when that one goes, once each', () => {
    const alone = recordsOf(upper());
    const both = recordsOf(plain, upper());
    expect(run(alone, both)).toEqual([
      { file: A_FR, severity: 'info', rule: 'id-changed', message: expect.stringContaining(`its item id is ${ID_A_FR}, no longer ${ID_A}: a page beside it`) },
    ]);
    expect(run(both, both)).toEqual([]);
    expect(run(both, alone)).toEqual([
      { file: A_FR, severity: 'info', rule: 'id-changed', message: expect.stringContaining(`its item id is ${ID_A}, no longer ${ID_A_FR}`) },
    ]);
  });

  it('notes it where every page has another id too (c.Fr.md beside c.fR.md)', () => {
    const id = articleId(site.feeds.idNamespace, 'en', 'posts/c', undefined);
    const own = (name: string) => articleId(site.feeds.idNamespace, 'en', `posts/${name}`, undefined);
    const later = entry('content/en/posts/c.Fr.md', id, 'C Fr', JAN10, { idOther: own('c.Fr') });
    const earlier = entry('content/en/posts/c.fR.md', id, 'C fR', JAN3, { idOther: own('c.fR') });
    const problems = run(recordsOf(later), recordsOf(later, earlier));
    expect(problems.map((p) => [p.file, p.rule])).toEqual([[later.key, 'id-changed']]);
    expect(problems[0]?.message).toContain(`its item id is ${own('c.Fr')}, no longer ${id}`);
  });

  it('notes no shared id moving from a page not live yet, nor from one its section keeps out of this run or the last', () => {
    const future = upper({ published: NOW + 1, updated: NOW + 1, publishAt: NOW + 1 });
    expect(run(recordsOf(future), recordsOf(plain, future))).toEqual([]);
    expect(run(recordsOf(upper()), new Map([...recordsOf(plain, upper()), draftPosts]))).toEqual([]);
    expect(run(new Map([...recordsOf(upper()), draftPosts]), recordsOf(plain, upper()))).toEqual([]);
  });

  it('notes no shared id moving from a page whose own id changed too (its front matter states one now)', () => {
    const stated = upper({ id: 'urn:uuid:00000000-0000-5000-8000-000000000001', idStated: true });
    const { idOther: _, ...withoutOther } = stated;
    expect(run(recordsOf(upper()), recordsOf(plain, withoutOther))).toEqual([]);
  });
});
