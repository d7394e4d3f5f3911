import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildToMemory } from '../support/build.js';

/**
 * Random titles and slugs built by Hugo 0.111 and by feedpub, under `:title`, `:slug` and `:slugorfilename`
 * permalinks and in a path without one: white space of every kind at either end and beside a `/`, what a
 * path drops (`?`, emoji, a zero-width space, references), dashes, dots, `+` and `#`. Every page Hugo gives
 * a URL of its own has that URL as its item's link. Left out, where feedpub differs on purpose (docs/publishing.md,
 * What gets published): `\` and `%`, a `..` (feedpub never climbs above the slug), a `#` before a `/` (a
 * fragment to Hugo: `#/` links `/p/#/`, where feedpub writes `%23`), and a slug that names or keeps nothing
 * in a path without a permalink (Hugo links `posts/`, `posts//` or `posts/./`, its section's page). The hand-checked rows are in
 * tests/unit/plan/slug.test.ts (urlizeValue) and hugo-compat.test.ts.
 */

// The dates are all in the past: feedpub gets the clock Hugo uses (now).
const NOW = Date.now();

/** Pieces of a value: white space (Go's, and a zero-width space that is none), what a path drops, and what it keeps. */
const UNITS = [
  ' ',
  ' ',
  '  ',
  '\t',
  '\u00A0',
  '\u3000',
  '\u0085',
  '\u200B',
  '?',
  '!',
  '&amp;',
  '&lt;',
  ':',
  '"',
  '🚀',
  '-',
  '-',
  '--',
  '_',
  '.',
  '/',
  '/',
  '+',
  '#',
  '~',
  '@',
  'a',
  'B',
  'word',
  'Qui',
  'É',
  'ß',
  'Σ',
  '字',
  'x\u0301',
];

const value = fc.array(fc.constantFrom(...UNITS), { maxLength: 7 }).map((units) => units.join(''));

/** Where a value goes: a page's title under `/p/:title/`, its slug under `/p/s/:slug/` or `/p/f/:slugorfilename/`, or its slug without a permalink. */
const KINDS = ['t', 's', 'f', 'd'] as const;

const site = fc.record({
  disablePathToLower: fc.boolean(),
  pages: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), value: value.filter((v) => !v.includes('..') && !/#.*\//.test(v)) }), {
    minLength: 1,
    maxLength: 8,
  }),
});
type Site = typeof site extends fc.Arbitrary<infer T> ? T : never;

/** A YAML double-quoted scalar of `text`, its white space and format characters escaped (YAML reads NEL as a line break). */
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\u00A0\u2000-\u200B\u2028\u2029\u3000\uFEFF]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function writeSite(dir: string, s: Site): string {
  const config = [
    'baseURL = "https://pages.example/"',
    'title = "Pages"',
    `disablePathToLower = ${s.disablePathToLower}`,
    '[services.rss]',
    'limit = 100',
    '[outputs]',
    'home = ["HTML", "RSS", "JSON"]',
    '[permalinks]',
    't = "/p/:title/"',
    's = "/p/s/:slug/"',
    'f = "/p/f/:slugorfilename/"',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'hugo.toml'), config);
  // Each page's path and link, one a line, to find its item by.
  mkdirSync(path.join(dir, 'layouts'), { recursive: true });
  writeFileSync(path.join(dir, 'layouts', 'index.json'), '{{ range .Site.RegularPages }}{{ .File.TranslationBaseName }}\t{{ .RelPermalink }}\n{{ end }}');
  s.pages.forEach((page, i) => {
    const front = page.kind === 't' ? `title: ${quoted(page.value)}` : `title: "P${i}"\nslug: ${quoted(page.value)}`;
    const folder = path.join(dir, 'content', page.kind);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `p${i}.md`), `---\n${front}\ndate: 2024-03-01T10:00:00Z\n---\nBody ${i}.\n`);
  });
  return config;
}

/** A site-relative link, its segments decoded (Hugo writes `#` raw, feedpub as `%23`). */
function decoded(link: string): string {
  return link
    .split('/')
    .map((segment) => decodeURIComponent(segment))
    .join('/');
}

/**
 * Each page's link as Hugo 0.111 gives it, by its index; undefined when a title that starts with `//` and
 * holds a `@` panics Hugo 0.111's URL parser ("net/url: invalid userinfo"); any other failure is thrown.
 */
function hugoLinks(dir: string): Map<number, string> | undefined {
  const out = path.join(dir, 'public');
  try {
    execFileSync('hugo', ['--quiet', '--source', dir, '--destination', out, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
  } catch (error) {
    if (String((error as { stderr?: unknown }).stderr).includes('invalid userinfo')) return undefined;
    throw error;
  }
  const rows = readFileSync(path.join(out, 'index.json'), 'utf8').trim().split('\n');
  return new Map(
    rows
      .filter((row) => row !== '')
      .map((row) => row.split('\t'))
      .map(([name = '', link = '']) => [Number(name.slice(1)), decoded(link)]),
  );
}

/** Each page's link in feedpub's site feed (JSON Feed), by its index. */
function feedpubLinks(json: string): Map<number, string> {
  const feed = JSON.parse(json) as { items: { url: string; content_html?: string }[] };
  const out = new Map<number, string>();
  for (const item of feed.items) {
    const index = /Body (\d+)\./.exec(item.content_html ?? '')?.[1];
    if (index !== undefined) out.set(Number(index), decoded(new URL(item.url).pathname));
  }
  return out;
}

/** The audit's sites: `Pourquoi Hugo ?` was `/pourquoi-hugo-/`, `🚀 Launch day` `/-launch-day/`, slug `" v1"` `/d/v1/`. */
const EXAMPLES: [Site][] = [
  [
    {
      disablePathToLower: false,
      pages: [
        { kind: 't', value: 'Pourquoi Hugo ?' },
        { kind: 't', value: '🚀 Launch day' },
        { kind: 't', value: 'Tom &amp; Jerry' },
        { kind: 's', value: 'Qui suis-je ?' },
        { kind: 'd', value: ' v1' },
        { kind: 'f', value: ' / x ' },
      ],
    },
  ],
];

/** More with `FEEDPUB_PROPERTY_RUNS=2000` (the time limit grows with it). */
const RUNS = Number(process.env.FEEDPUB_PROPERTY_RUNS ?? 15);

describe('titles and slugs in links against Hugo 0.111 (property)', () => {
  it(
    'links every page where Hugo does',
    async () => {
      await fc.assert(
        fc.asyncProperty(site, async (s) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-hugo-titles-'));
          try {
            const config = writeSite(dir, s);
            const hugo = hugoLinks(dir);
            if (hugo === undefined) return;
            const { files } = await buildToMemory(dir, NOW);
            const ours = feedpubLinks(files.get('feed.json') ?? '');
            const counts = new Map<string, number>();
            for (const link of hugo.values()) counts.set(link, (counts.get(link) ?? 0) + 1);
            for (const [i, link] of hugo) {
              const page = s.pages[i];
              // Two pages at one URL are one page for Hugo (whichever it renders last); a slug that names or
              // keeps nothing in a path without a permalink (`/`, `?`, `?.`) is the section's own page to Hugo
              // (`/d/`, `/d//`, `/d/./`), the file name or `t-<hash>` to feedpub.
              if (page === undefined || counts.get(link) !== 1 || link === '/d/' || /\/\.?\//.test(link)) continue;
              expect(ours.get(i), `${page.kind} ${JSON.stringify(page.value)} in ${config}`).toBe(link);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
        { numRuns: RUNS, examples: EXAMPLES },
      );
    },
    Math.max(300_000, RUNS * 2000),
  );
});
