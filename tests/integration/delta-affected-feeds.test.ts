import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { type RebuildDeps, rebuild } from '../../src/rebuild.js';
import { cleanBuildOf, memoryDeps, textFiles } from '../support/build.js';

// A run for reported keys fingerprints only the feeds those keys can have changed. Each case changes the
// site so that some feed changes through an article the event did not name, and the run must still end
// with the bytes of a clean build.

const CONFIG = `baseURL = "https://example.com/"
title = "News"
defaultContentLanguage = "en"
timeZone = "UTC"
[languages.en]
contentDir = "content/en"
weight = 1
[languages.zh-CN]
contentDir = "content/zh-CN"
weight = 2
[taxonomies]
category = "categories"
tag = "tags"
[feedpub]
limit = 2
`;

const DAY = 86_400_000;
const NOW = Date.parse('2025-03-01T00:00:00Z');
/** A post scheduled between NOW and LATER. */
const LATER = NOW + 10 * DAY;

interface Fields {
  readonly title: string;
  readonly date: string;
  readonly tags?: readonly string[];
  readonly category?: string;
  readonly id?: string;
  readonly translationKey?: string;
}

function article(f: Fields): string {
  const lines = ['---', `title: "${f.title}"`, `date: "${f.date}"`];
  if (f.category) lines.push(`categories: ["${f.category}"]`);
  if (f.tags) lines.push(`tags: [${f.tags.map((t) => `"${t}"`).join(', ')}]`);
  if (f.id) lines.push(`id: "${f.id}"`);
  if (f.translationKey) lines.push(`translationKey: "${f.translationKey}"`);
  return [...lines, '---', '', `Body of ${f.title}.`, ''].join('\n');
}

const A: Record<string, Fields> = {
  'content/en/news/a1.md': { title: 'A1', date: '2025-01-01', tags: ['solo', 'x'], category: 'c1', translationKey: 't1' },
  'content/en/news/a2.md': { title: 'A2', date: '2025-01-02', tags: ['x'], category: 'c1' },
  'content/en/news/a3.md': { title: 'A3', date: '2025-01-03', tags: ['x', 'y'], category: 'c2' },
  'content/en/news/a4.md': { title: 'A4', date: '2025-01-04', tags: ['y'], category: 'c2' },
  'content/en/news/a5.md': { title: 'A5', date: '2025-01-05', tags: ['x', 'z'], category: 'c1', id: 'story-5' },
  'content/en/news/a6.md': { title: 'A6', date: '2025-01-06', tags: ['z'], category: 'c2' },
  'content/zh-CN/news/b1.md': { title: 'B1', date: '2025-01-01', tags: ['x'], category: 'c1', translationKey: 't1' },
  'content/zh-CN/news/b2.md': { title: 'B2', date: '2025-01-07', tags: ['x'], category: 'c1' },
  'content/zh-CN/news/later.md': { title: 'Later', date: new Date(LATER).toISOString(), tags: ['y'], category: 'c2' },
};

function site(): MemoryStorage {
  return new MemoryStorage([['hugo.toml', CONFIG], ...Object.entries(A).map(([key, f]): [string, string] => [key, article(f)])]);
}

describe('a run for reported keys, against the bytes of a clean build', () => {
  let source: MemoryStorage;
  let target: MemoryStorage;
  let clock: number;
  let deps: RebuildDeps;

  beforeEach(async () => {
    source = site();
    target = new MemoryStorage();
    clock = NOW;
    deps = memoryDeps(source, () => clock, { target });
    await rebuild(deps);
  });

  const write = (key: string, fields: Fields): Promise<unknown> => source.write({ key, body: article(fields), contentType: 'text/markdown', cacheControl: '' });
  const a = (key: string): Fields => A[key] as Fields;

  const A5 = 'content/en/news/a5.md';
  const A6 = 'content/en/news/a6.md';
  const A3 = 'content/en/news/a3.md';
  const B1 = 'content/zh-CN/news/b1.md';
  const B3 = 'content/zh-CN/news/b3.md';
  const B9 = 'content/zh-CN/news/b9.md';

  it.each<[string, readonly string[], () => Promise<unknown>]>([
    // The article leaves tag x: tags/x/ lists the next one, which the event did not name.
    ['a retag', [A5], () => write(A5, { ...a(A5), tags: ['z', 'new'] })],
    // Older than everything: it drops out of every feed it led, and the next ones move up.
    ['a date moved back', [A6], () => write(A6, { ...a(A6), date: '2024-01-01' })],
    // a3 went live before a5 and now claims a5's id: a5, which the event did not name, is held back.
    ['an id taken over', [A3], () => write(A3, { ...a(A3), id: 'story-5' })],
    // a1 loses its translation: its items' alternates change in feeds the event did not name.
    ['a translation deleted', [B1], () => source.delete(B1)],
    [
      'a translation added',
      [A3, B3],
      async () => {
        await write(B3, { title: 'B3', date: '2025-01-03', tags: ['y'], translationKey: 'a3' });
        await write(A3, { ...a(A3), translationKey: 'a3' });
      },
    ],
    ['a new article in a new tag', [B9], () => write(B9, { title: 'B9', date: '2025-02-01', tags: ['新'], category: 'c9' })],
    // The folder becomes a leaf bundle: its other articles are resources now, not pages (a full run).
    ['a bundle index added', ['content/en/news/index.md'], () => write('content/en/news/index.md', { title: 'Bundle', date: '2025-01-08', tags: ['x'] })],
  ])('%s', async (_name, keys, change) => {
    await change();
    await rebuild(deps, { changedKeys: [...keys] });
    expect(textFiles(target)).toEqual(await cleanBuildOf(source, clock));
  });

  it('a post that went live since the last run is published by a run for another key', async () => {
    clock = LATER + DAY;
    await write('content/en/news/a2.md', { ...a('content/en/news/a2.md'), title: 'A2, edited' });
    await rebuild(deps, { changedKeys: ['content/en/news/a2.md'] });
    const files = textFiles(target);
    expect(files.get('zh-cn/index.xml')).toContain('<title>Later</title>');
    expect(files).toEqual(await cleanBuildOf(source, clock));
  });

  it('a clock set back before a post went live takes it out again', async () => {
    clock = LATER + DAY;
    await rebuild(deps); // the post is live
    clock = NOW;
    await write('content/en/news/a2.md', { ...a('content/en/news/a2.md'), title: 'A2, edited' });
    await rebuild(deps, { changedKeys: ['content/en/news/a2.md'] });
    const files = textFiles(target);
    expect(files.get('zh-cn/index.xml')).not.toContain('<title>Later</title>');
    expect(files).toEqual(await cleanBuildOf(source, clock));
  });
});
