/**
 * The feed directory page in a real browser (Debian's headless `chromium`; CI installs it with
 * apt): the DOM Chromium builds has the feeds, typed subscribe links and inert hostile names; the
 * page's own Content-Security-Policy lets its style sheet apply; the layout fits a 360 px phone
 * without sideways scrolling (tables collapse), and a 320 px one with titles of long unbroken words
 * (WCAG 1.4.10 reflow), and stays a table on a desktop; screenshots at phone
 * and desktop size are not blank. `npm run test:update` also saves the desktop one as docs/directory.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeHTML } from 'entities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDirectoryPages } from '../../src/render/directory/render-directory-pages.js';
import { UPDATE_GOLDEN } from '../support/golden.js';
import { REPO_ROOT } from '../support/repo.js';
import { leftoverChromiumProcesses, runChromium } from './chromium.js';
import { colourHistogram, decodePng, type Image } from './png.js';
import { browserFeeds, browserSite, HOSTILE, hostileFeeds, LONG_WORD, longWordFeeds, longWordSite } from './sample.js';

const TIMEOUT = 120_000;
const RUN = { timeoutMs: 90_000 };

/**
 * Headless Chromium will not make a window narrower than 500 px (a 390 px screenshot is a 500 px
 * layout cropped), so phone sizes are given to an iframe instead: media queries inside it see the
 * iframe's width. The frame page around it has no CSP; the directory page inside keeps its own.
 */
function framePage(width: number, height: number, withProbe: boolean, name = 'clean'): string {
  const file = path.join(dir, `frame-${name}-${width}x${height}${withProbe ? '-probe' : ''}.html`);
  const probe = withProbe
    ? [
        '<script>',
        'addEventListener("load", function () {',
        '  try {',
        '    var w = frames[0], d = w.document, css = function (el) { return w.getComputedStyle(el); };',
        '    var wide = [].filter.call(d.querySelectorAll("body *"), function (e) { return e.getBoundingClientRect().right > d.documentElement.clientWidth + 0.5; });',
        '    var r = { innerWidth: w.innerWidth, scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth,',
        '      wider: wide.map(function (e) { return e.tagName + " " + e.textContent.slice(0, 40); }),',
        '      bodyMaxWidth: css(d.body).maxWidth, theadPosition: css(d.querySelector("thead")).position,',
        '      rowDisplay: css(d.querySelector("tbody tr")).display };',
        '    document.body.setAttribute("data-probe", JSON.stringify(r));',
        '  } catch (e) { document.body.setAttribute("data-probe-error", String(e)); }',
        '});',
        '</script>',
      ].join('\n')
    : '';
  writeFileSync(
    file,
    `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;overflow:hidden}iframe{display:block;border:0;width:${width}px;height:${height}px}</style></head>` +
      `<body><iframe src="${name}/feeds/index.html"></iframe>${probe}</body></html>\n`,
  );
  return file;
}

interface Probe {
  innerWidth: number;
  scrollWidth: number;
  clientWidth: number;
  /** Elements whose right edge is past the viewport's. */
  wider: string[];
  bodyMaxWidth: string;
  theadPosition: string;
  rowDisplay: string;
}

let dir = '';

/** Lays a page (the clean one by default) out at `width` CSS px and reads back what the browser computed. */
async function probe(width: number, name = 'clean'): Promise<Probe> {
  const frame = framePage(width, 800, true, name);
  // File pages are opaque origins; this flag lets the frame page read the page inside it.
  const { stdout } = await runChromium(
    [`--window-size=${Math.max(width, 500)},800`, '--allow-file-access-from-files', '--dump-dom', pathToFileURL(frame).href],
    RUN,
  );
  const match = /data-probe="([^"]*)"/.exec(stdout);
  if (!match?.[1]) throw new Error(`the probe did not run:\n${stdout.slice(0, 800)}`);
  return JSON.parse(decodeHTML(match[1])) as Probe;
}

async function screenshot(width: number, height: number, name: string): Promise<{ file: string; image: Image }> {
  const file = path.join(dir, name);
  const frame = framePage(width, height, false);
  await runChromium([`--window-size=${width},${height}`, `--screenshot=${file}`, '--hide-scrollbars', pathToFileURL(frame).href], RUN);
  return { file, image: decodePng(readFileSync(file)) };
}

/** Not blank: several colours, and the background covers neither almost all nor almost none of it. */
function expectNotBlank(image: Image): void {
  const histogram = colourHistogram(image);
  const total = image.width * image.height;
  const background = histogram[0]?.[1] ?? total;
  expect(histogram.length).toBeGreaterThan(20);
  expect(background / total).toBeLessThan(0.99);
  expect(background / total).toBeGreaterThan(0.3);
}

let hostilePage = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'feedpub-browser-'));
  const news = browserSite();
  const long = longWordSite();
  for (const [name, site, feeds] of [
    ['hostile', news, hostileFeeds(news)],
    ['clean', news, browserFeeds(news)],
    ['long', long, longWordFeeds(long)],
  ] as const) {
    const file = renderDirectoryPages(site, feeds).find((f) => f.path === 'feeds/index.html');
    if (!file) throw new Error('no feeds/index.html');
    mkdirSync(path.join(dir, name, 'feeds'), { recursive: true });
    writeFileSync(path.join(dir, name, 'feeds', 'index.html'), file.body);
  }
  hostilePage = path.join(dir, 'hostile', 'feeds', 'index.html');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the feed directory page in headless Chromium', () => {
  it(
    'builds a DOM with the title, every feed and typed subscribe links, and the hostile name as inert text',
    async () => {
      // Act
      const { stdout: dom } = await runChromium(['--window-size=390,844', '--dump-dom', pathToFileURL(hostilePage).href], RUN);

      // Assess: the title is unchanged (the hostile <script> did not run), and no script element exists
      expect(dom).toContain('<title>Feeds · Example News</title>');
      expect(dom).not.toMatch(/<script/i);
      expect(dom).toContain(`>${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</a>`);
      const links = [...dom.matchAll(/<a href="([^"]+)" type="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => `${m[3]} ${m[2]} ${decodeHTML(m[1] ?? '')}`);
      expect(links).toContain('RSS application/rss+xml https://news.example.org/all/index.xml');
      expect(links).toContain('Atom application/atom+xml https://news.example.org/tags/c%23/atom.xml');
      expect(links).toContain('JSON Feed application/feed+json https://news.example.org/zh-cn/tags/%E7%A9%BA/feed.json');
      expect(links).not.toContain('JSON Feed application/feed+json https://news.example.org/tags/c%23/feed.json');
      expect(links.filter((l) => l.endsWith('.opml'))).toHaveLength(3);
      for (const heading of ['All languages', 'English', '简体中文', 'Categories', 'Tags', '人工智能', '科技']) expect(dom).toContain(heading);
      expect(dom).toContain('<time datetime="2025-05-31T22:15:00Z">2025-06-01</time>');
    },
    TIMEOUT,
  );

  it(
    'applies its style sheet under its own Content-Security-Policy and fits a 360 px phone without sideways scrolling',
    async () => {
      // Act
      const phone = await probe(360);

      // Assess
      expect(phone.innerWidth).toBe(360);
      expect(phone.bodyMaxWidth).toBe('960px'); // the style sheet applied: the page's CSP hash matches its <style>
      expect(phone.scrollWidth).toBeLessThanOrEqual(phone.clientWidth);
      expect(phone.theadPosition).toBe('absolute'); // tables collapse into cards
      expect(phone.rowDisplay).toBe('block');
    },
    TIMEOUT,
  );

  it(
    'fits a 320 px screen with a title and a tag of long unbroken words, wrapping them (WCAG 1.4.10)',
    async () => {
      // Act
      const phone = await probe(320, 'long');

      // Assess: without overflow-wrap:anywhere on the body, the h1 alone made the page 660 px wide
      expect(phone.innerWidth).toBe(320);
      expect(phone.bodyMaxWidth).toBe('960px');
      expect(phone.wider).toEqual([]);
      expect(phone.scrollWidth).toBeLessThanOrEqual(phone.clientWidth);
      expect(readFileSync(path.join(dir, 'long', 'feeds', 'index.html'), 'utf8')).toContain(`<h1>Feeds · <span lang="de-DE" dir="auto">${LONG_WORD} `);
    },
    TIMEOUT,
  );

  it(
    'keeps real tables on a 1280 px screen',
    async () => {
      const desktop = await probe(1280);
      expect(desktop.innerWidth).toBe(1280);
      expect(desktop.scrollWidth).toBeLessThanOrEqual(desktop.clientWidth);
      expect(desktop.theadPosition).toBe('static');
      expect(desktop.rowDisplay).toBe('table-row');
    },
    TIMEOUT,
  );

  it(
    'takes a phone-sized screenshot that is not blank',
    async () => {
      const { image } = await screenshot(390, 844, 'phone.png');
      expect([image.width, image.height]).toEqual([390, 844]);
      expectNotBlank(image);
    },
    TIMEOUT,
  );

  it(
    'takes a desktop screenshot that is not blank (saved as docs/directory.png by npm run test:update)',
    async () => {
      const { file, image } = await screenshot(1280, 900, 'desktop.png');
      expect([image.width, image.height]).toEqual([1280, 900]);
      expectNotBlank(image);
      if (UPDATE_GOLDEN) copyFileSync(file, path.join(REPO_ROOT, 'docs', 'directory.png'));
    },
    TIMEOUT,
  );

  it('leaves no Chromium process behind', () => {
    expect(leftoverChromiumProcesses()).toEqual([]);
  });
});
