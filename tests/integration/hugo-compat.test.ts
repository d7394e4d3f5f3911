import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MemoryBuild, buildToMemory } from '../support/build.js';
import { REPO_ROOT } from '../support/repo.js';

// The sample's dates are all in the past, so the build's clock can be the real one for Hugo too;
// feedpub gets the same clock Hugo uses (now).
const NOW = Date.now();

/** Item links of an RSS file, decoded (Hugo writes raw Unicode, feedpub percent-encodes). */
function links(xml: string): string[] {
  return [...xml.matchAll(/<item>[\s\S]*?<link>([^<]*)<\/link>/g)].map((m) => decodeURI(m[1] ?? '')).sort();
}

describe('URLs and feed paths match Hugo 0.111 on the sample site', () => {
  let dir: string;
  let hugoOut: string;
  let build: MemoryBuild;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'feedpub-hugo-'));
    cpSync(path.join(REPO_ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'hugo.toml'), path.join(dir, 'hugo.toml'));
    hugoOut = path.join(dir, 'public');
    execFileSync('hugo', ['--quiet', '--source', dir, '--destination', hugoOut, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
    build = await buildToMemory(dir, NOW);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every language and term feed feedpub writes exists in Hugo at the same path, with the same item links', () => {
    const rssPaths = [...build.files.keys()].filter((p) => p.endsWith('index.xml') && !p.startsWith('all/'));
    expect(rssPaths.length).toBeGreaterThan(10);
    let compared = 0;
    for (const rssPath of rssPaths) {
      const hugoFile = path.join(hugoOut, rssPath);
      expect(existsSync(hugoFile), `Hugo has no ${rssPath}`).toBe(true);
      const ours = links(build.files.get(rssPath) ?? '');
      expect(ours, rssPath).toEqual(links(readFileSync(hugoFile, 'utf8')));
      compared += ours.length;
    }
    // The reference article's URL keeps Hugo's quirk: `.zh-CN` is not a language key (`zh-cn`), so it stays.
    expect(links(build.files.get('zh-cn/index.xml') ?? '')).toContain('https://news.example.org/zh-cn/news/qq/20250210a05md2.zh-cn/');
    expect(compared).toBeGreaterThan(30);
  });
});
