/**
 * The RENDER_VERSION guard. A manifest keeps what a run parsed and rendered (article URLs and dates,
 * item bytes, the resolved config) and reuses it while the render version is unchanged, so a change
 * to what feedpub writes for the same input reaches an upgraded site only once RENDER_VERSION moves:
 * without a bump, its old links and dates stay until a config edit moves them all at once (an upgrade
 * audit found six such changes). This digest of everything written for the sample site, a probe site
 * (tests/fixtures/render-probe/, the settings read when parsing) and the Markdown fixtures is pinned to
 * the render version with a digest of those inputs: when the output changes while the inputs do not,
 * the version must move (a changed input, such as a new probe page, may be pinned again as it is).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDER_VERSION } from '../../src/rebuild.js';
import { renderArticleHtml } from '../../src/render/article-html.js';
import { buildToMemory } from '../support/build.js';
import { UPDATE_GOLDEN } from '../support/golden.js';
import { REPO_ROOT, SAMPLE_NOW } from '../support/repo.js';

const PINNED = path.join(REPO_ROOT, 'tests', 'golden', 'render-version.json');
const PROBE = path.join(REPO_ROOT, 'tests', 'fixtures', 'render-probe');
const MARKDOWN = path.join(REPO_ROOT, 'tests', 'fixtures', 'markdown');

/** sha256 of every file under each folder (and of each single file), by relative path, in order. */
function inputDigest(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(REPO_ROOT, full)}\u0000`).update(readFileSync(full));
    }
  };
  for (const dir of [path.join(REPO_ROOT, 'content'), PROBE, MARKDOWN]) walk(dir);
  hash.update(readFileSync(path.join(REPO_ROOT, 'hugo.toml')));
  return hash.digest('hex');
}

/** sha256 over everything written for the inputs, by name, in order. */
async function outputDigest(): Promise<string> {
  const hash = createHash('sha256');
  const add = (name: string, text: string): void => {
    hash.update(`${name}\u0000${text.length}\u0000`).update(text);
  };
  for (const [label, site] of [
    ['sample', REPO_ROOT],
    ['probe', PROBE],
  ] as const) {
    const build = await buildToMemory(site, SAMPLE_NOW, { trigger: 'test' });
    for (const [file, text] of build.files) add(`${label}/${file}`, text);
    add(`${label}/problems`, JSON.stringify(build.report.problems));
  }
  for (const name of readdirSync(MARKDOWN)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    const html = renderArticleHtml(readFileSync(path.join(MARKDOWN, name), 'utf8'), 'https://example.com/zh-cn/news/qq/a/');
    add(`markdown/${name}`, JSON.stringify(html));
  }
  return hash.digest('hex');
}

interface Pinned {
  readonly renderVersion: number;
  /** {@link inputDigest} when pinned. */
  readonly inputs: string;
  /** {@link outputDigest} when pinned. */
  readonly digest: string;
}

describe('RENDER_VERSION', () => {
  it('moves whenever the bytes written for the same input change', async () => {
    const inputs = inputDigest();
    const digest = await outputDigest();
    const pinned: Pinned | undefined = existsSync(PINNED) ? (JSON.parse(readFileSync(PINNED, 'utf8')) as Pinned) : undefined;
    const sameVersion = pinned?.renderVersion === RENDER_VERSION;
    if (sameVersion && pinned.inputs === inputs) {
      expect(
        digest,
        `what feedpub writes for the same input changed at render version ${RENDER_VERSION}: an upgraded site would keep its old links, dates and items until a config edit. Bump RENDER_VERSION in src/rebuild/render-version.ts (say what changed in its comment), then run UPDATE_GOLDEN=1 npx vitest run tests/integration/render-version.test.ts`,
      ).toBe(pinned.digest);
      return;
    }
    if (!UPDATE_GOLDEN) {
      const why = sameVersion ? 'its inputs changed' : `it pins render version ${pinned?.renderVersion}, the code is at ${RENDER_VERSION}`;
      throw new Error(
        `${path.relative(REPO_ROOT, PINNED)} is out of date (${why}): run UPDATE_GOLDEN=1 npx vitest run tests/integration/render-version.test.ts`,
      );
    }
    expect(RENDER_VERSION, 'RENDER_VERSION only grows').toBeGreaterThanOrEqual(pinned?.renderVersion ?? 0);
    writeFileSync(PINNED, `${JSON.stringify({ renderVersion: RENDER_VERSION, inputs, digest } satisfies Pinned, null, 2)}\n`);
  });
});
