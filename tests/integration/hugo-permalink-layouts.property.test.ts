import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-files.js';
import { resolveSiteConfig } from '../../src/config/site-config.js';
import { ConfigError } from '../../src/errors.js';
import { buildToMemory } from '../support/build.js';

/**
 * Random permalink patterns built by Hugo 0.111 and by feedpub: tokens that are Go date layouts (`:06`,
 * `:Jan_2`, `:15MST`), Hugo's names, and the pattern's own text (capitals, spaces, `+`, accents), beside
 * each other so that a word after a token makes it another (`:year` + `ly`), in zones with DST, local mean
 * time before 1893 and half-hour offsets, for dates written with and without an offset. Every pattern
 * feedpub refuses, Hugo fails the build on; where both build, every page Hugo gives a URL of its own has
 * that URL as its item's link. The hand-checked rows are in tests/unit/plan/urls.test.ts.
 */

// The dates are all in the past: feedpub gets the clock Hugo uses (now).
const NOW = Date.now();

/** Zones whose abbreviation feedpub knows (Go's MST layout is drawn in them alone), and others. */
const NAMED_ZONES = ['UTC', 'GMT', 'Etc/GMT-5', 'Etc/GMT+3'];
const ZONES = [...NAMED_ZONES, 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe'];

/** Go's layout elements a token can spell, and word characters that are none (or make one another: `Jan` + `x`). */
const ELEMENTS = ['2006', '06', 'January', 'Jan', '1', '01', 'Monday', 'Mon', '2', '_2', '02', '__2', '002', '15', '3', '03', '4', '04', '5', '05'];
const CLOCK = ['PM', 'pm', 'Z0700', 'Z07', 'Z070000', 'x', '_', '7', 'ly'];
const NAMES = [':year', ':month', ':monthname', ':day', ':weekday', ':weekdayname', ':yearday', ':slug', ':title', ':filename', ':slugorfilename', ':section'];
/** The pattern's own text: mostly what ends a token, sometimes a word that joins it. */
const TEXT = ['-', '-', '.', ' ', '+', 'Blog', 'a b', 'Café', 'x', '_'];

const part = (zone: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
    {
      weight: 4,
      arbitrary: fc
        .array(fc.constantFrom(...ELEMENTS, ...CLOCK, ...(NAMED_ZONES.includes(zone) ? ['MST'] : [])), { minLength: 1, maxLength: 3 })
        .map((pieces) => `:${pieces.join('')}`),
    },
    { weight: 3, arbitrary: fc.constantFrom(...TEXT) },
  );

const pattern = (zone: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.array(part(zone), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
      { minLength: 1, maxLength: 3 },
    )
    .map((segments) => `/${segments.join('/')}/`);

/** A date as a front matter writes it: a day, a wall-clock time in the site's zone, or one with an offset. */
const written = fc
  .record({
    year: fc.integer({ min: 1850, max: 2024 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 5, 30, 59),
    second: fc.constantFrom(0, 9, 42),
    zone: fc.constantFrom('', '', 'Z', '+00:00', '+09:00', '-03:30', '+05:45'),
    dayOnly: fc.boolean(),
  })
  .map(({ year, month, day, hour, minute, second, zone, dayOnly }) => {
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    return dayOnly ? date : `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
  });

const site = fc.constantFrom(...ZONES).chain((zone) =>
  fc.record({
    zone: fc.constant(zone),
    disablePathToLower: fc.boolean(),
    removePathAccents: fc.boolean(),
    patterns: fc.array(pattern(zone), { minLength: 1, maxLength: 3 }),
    pages: fc.array(
      fc.record({
        section: fc.nat(2),
        date: written,
        title: fc.constantFrom('A Title', 'Ünï Café', 'x'),
        slug: fc.option(fc.constantFrom('My Slug', 'S+1'), { nil: undefined }),
        toml: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  }),
);
type Site = typeof site extends fc.Arbitrary<infer T> ? T : never;

function writeSite(dir: string, s: Site): string {
  const config = [
    'baseURL = "https://pages.example/"',
    'title = "Pages"',
    `timeZone = "${s.zone}"`,
    `disablePathToLower = ${s.disablePathToLower}`,
    `removePathAccents = ${s.removePathAccents}`,
    '[permalinks]',
    ...s.patterns.map((p, i) => `s${i} = ${JSON.stringify(p)}`),
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'hugo.toml'), config);
  s.pages.forEach((page, i) => {
    // Each page's title is its own, to find its item by.
    const title = `T${i} ${page.title}`;
    const front = page.toml
      ? ['+++', `title = ${JSON.stringify(title)}`, `date = ${page.date}`, ...(page.slug === undefined ? [] : [`slug = ${JSON.stringify(page.slug)}`]), '+++']
      : ['---', `title: ${JSON.stringify(title)}`, `date: ${page.date}`, ...(page.slug === undefined ? [] : [`slug: ${JSON.stringify(page.slug)}`]), '---'];
    const folder = path.join(dir, 'content', `s${page.section % s.patterns.length}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `Page ${i}.md`), `${front.join('\n')}\nBody ${i}.\n`);
  });
  return config;
}

/** Each page's URL as Hugo 0.111 gives it (`hugo list all`), by title; undefined when the build fails. */
function hugoUrls(dir: string): Map<string, string> | undefined {
  let csv: string;
  try {
    csv = execFileSync('hugo', ['list', 'all', '--source', dir], { timeout: 60_000, stdio: 'pipe', encoding: 'utf8' });
  } catch {
    return undefined;
  }
  const rows = csv.trim().split('\n').slice(1);
  // path,slug,title,date,expiryDate,publishDate,draft,permalink (no title has a comma).
  return new Map(rows.map((row) => row.split(',')).map((cells) => [cells[2] ?? '', decodeURI(cells.at(-1) ?? '')]));
}

/** Each item's link in feedpub's site feed, by title. */
function feedpubUrls(xml: string): Map<string, string> {
  return new Map([...xml.matchAll(/<item>\s*<title>([^<]*)<\/title>\s*<link>([^<]*)<\/link>/g)].map((m) => [m[1] ?? '', decodeURI(m[2] ?? '')]));
}

/** The site the defect was found with: `/:06/:Jan/:slug/` linked `https://pages.example/%3A06/%3AJan/…`, where Hugo wrote `/25/feb/…`. */
const EXAMPLES: [Site][] = [
  [
    {
      zone: 'UTC',
      disablePathToLower: false,
      removePathAccents: false,
      patterns: ['/:06/:Jan/:slug/'],
      pages: [{ section: 0, date: '2025-02-10', title: 'x', slug: undefined, toml: false }],
    },
  ],
];

/** More with `FEEDPUB_PROPERTY_RUNS=2000` (the time limit grows with it). */
const RUNS = Number(process.env.FEEDPUB_PROPERTY_RUNS ?? 15);

describe('permalink patterns with Go date layouts against Hugo 0.111 (property)', () => {
  it(
    'refuses what Hugo fails on, and links every page where Hugo does',
    async () => {
      await fc.assert(
        fc.asyncProperty(site, async (s) => {
          const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-hugo-layouts-'));
          try {
            const config = writeSite(dir, s);
            const hugo = hugoUrls(dir);
            let refused: ConfigError | undefined;
            try {
              resolveSiteConfig(parseConfigText('hugo.toml', config), { file: 'hugo.toml' });
            } catch (error) {
              if (!(error instanceof ConfigError)) throw error;
              refused = error;
            }
            expect(refused === undefined, refused?.message ?? `Hugo failed on ${config}`).toBe(hugo !== undefined);
            if (hugo === undefined) return;
            const { files } = await buildToMemory(dir, NOW);
            const ours = feedpubUrls(files.get('index.xml') ?? '');
            const counts = new Map<string, number>();
            for (const url of hugo.values()) counts.set(url, (counts.get(url) ?? 0) + 1);
            for (const [title, url] of hugo) {
              // Two pages at one URL are one page for Hugo (whichever it renders last): left out.
              if (counts.get(url) === 1) expect(ours.get(title), `${title} in ${config}`).toBe(url);
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
