import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/adapters/memory-storage.js';
import { ConfigError } from '../../src/errors.js';
import { rebuild } from '../../src/rebuild.js';
import { buildToMemory, memoryDeps } from '../support/build.js';

const CONFIG = `baseURL = "https://example.com/"
title = "News"
defaultContentLanguage = "en"
[languages.en]
contentDir = "content/en"
[languages.zh-CN]
contentDir = "content/zh-cn"
`;

describe('a content folder without pages', () => {
  it('is reported against the config, naming the language as the config writes it and the folder; the other languages publish', async () => {
    // The zh-CN folder is written content/zh-CN/ on disk but content/zh-cn in the config.
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/en/a.md', '---\ntitle: "A"\ndate: "2025-01-01"\n---\nbody\n'],
      ['content/zh-CN/b.md', '---\ntitle: "B"\ndate: "2025-01-01"\n---\nbody\n'],
    ]);
    const { report, files } = await buildToMemory(source, Date.parse('2025-03-01T00:00:00Z'));
    expect(report.problems.filter((p) => p.rule === 'content-dir-empty')).toEqual([
      {
        file: 'hugo.toml',
        severity: 'warning',
        rule: 'content-dir-empty',
        message: 'languages.zh-CN.contentDir: no Markdown page under "content/zh-cn/"; is the folder name right?',
      },
    ]);
    expect(files.get('index.xml')).toContain('<title>A</title>');
  });

  it('names the top-level contentDir on a one-language site', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "One"\ncontentDir = "contnet"\n'],
      ['content/a.md', '---\ntitle: "A"\ndate: "2025-01-01"\n---\nbody\n'],
    ]);
    const { report } = await buildToMemory(source, Date.parse('2025-03-01T00:00:00Z'));
    expect(report.problems.filter((p) => p.rule === 'content-dir-empty').map((p) => p.message)).toEqual([
      'contentDir: no Markdown page under "contnet/"; is the folder name right?',
    ]);
  });

  it('is not reported when every language has pages', async () => {
    const source = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/en/a.md', '---\ntitle: "A"\ndate: "2025-01-01"\n---\nbody\n'],
      ['content/zh-cn/b.md', '---\ntitle: "B"\ndate: "2025-01-01"\n---\nbody\n'],
    ]);
    const { report } = await buildToMemory(source, Date.parse('2025-03-01T00:00:00Z'));
    expect(report.problems.filter((p) => p.rule === 'content-dir-empty')).toEqual([]);
  });
});

describe("a deployment's content prefix", () => {
  const page = '---\ntitle: "A"\ndate: "2025-01-01"\n---\nbody\n';
  const now = Date.parse('2025-03-01T00:00:00Z');

  it('takes content folders under it, and refuses one outside with a config error naming the key (every run would fail)', async () => {
    const inside = new MemoryStorage([
      ['hugo.toml', CONFIG],
      ['content/en/a.md', page],
      ['content/zh-cn/b.md', page],
    ]);
    expect((await buildToMemory(inside, now, { contentPrefix: 'content/' })).files.has('index.xml')).toBe(true);
    const outside = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ntitle = "One"\ncontentDir = "posts"\n'],
      ['posts/a.md', page],
    ]);
    const error = await buildToMemory(outside, now, { contentPrefix: 'content/' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).key).toBe('contentDir');
    expect((error as ConfigError).message).toContain('"posts" is outside content/');
    const multilingual = new MemoryStorage([
      ['hugo.toml', CONFIG.replace('contentDir = "content/zh-cn"', 'contentDir = "zh"')],
      ['content/en/a.md', page],
    ]);
    const second = await buildToMemory(multilingual, now, { contentPrefix: 'content/' }).catch((e: unknown) => e);
    expect((second as ConfigError).key).toBe('languages.zh-CN.contentDir');
  });

  it('that held pages at the last run is refused, naming what lifts it for the caller (rebuild --force by default, which does)', async () => {
    const page = '---\ntitle: "A"\ndate: "2025-01-01"\n---\nbody\n';
    const source = new MemoryStorage([
      ['hugo.toml', 'baseURL = "https://example.com/"\ncontentDir = "posts"\n'],
      ['posts/a.md', page],
    ]);
    const deps = memoryDeps(source, Date.parse('2025-03-01T00:00:00Z'));
    await rebuild(deps);
    await source.write({ key: 'hugo.toml', body: 'baseURL = "https://example.com/"\ncontentDir = "post"\n', contentType: 'text/plain', cacheControl: '' });
    const refused = await rebuild(deps).catch((e: unknown) => e);
    expect((refused as ConfigError).message).toMatch(/to publish the language without pages, run feedpub rebuild --force\)$/);
    const local = await rebuild(deps, { forceAdvice: 'delete the --state folder st and build again' }).catch((e: unknown) => e);
    expect((local as ConfigError).message).toMatch(/to publish the language without pages, delete the --state folder st and build again\)$/);
    expect((await rebuild(deps, { force: true })).problems.map((p) => p.rule)).toContain('content-dir-empty');
  });
});
