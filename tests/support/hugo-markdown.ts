import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeHTML } from 'entities';
import { DomUtils, parseDocument } from 'htmlparser2';
import { SANITIZER_ALLOWS } from '../../src/render/article-html.js';
import { buildToMemory } from './build.js';

/**
 * `count` documents of 2 to 9 of `lines` each, the same every run (a xorshift generator from a fixed
 * seed); a line in `once` at most once a document.
 *
 * @example generatedDocuments(['a', '', '- b'], 300)
 */
export function generatedDocuments(lines: readonly string[], count: number, once: ReadonlySet<string> = new Set()): string[] {
  let seed = 20_261_201;
  const next = (n: number): number => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  return Array.from({ length: count }, () => {
    const picked = Array.from({ length: 2 + next(8) }, () => lines[next(lines.length)] ?? '');
    return picked.filter((line, i) => !once.has(line) || picked.indexOf(line) === i).join('\n');
  });
}

/** What both HTMLs are normalized for before they are compared: what a feed drops or writes otherwise. */
function normalized(html: string, page: string): string {
  return html
    .replace(/ (?:id|tabindex|role|class)="[^"]*"/g, '')
    .replaceAll(`href="https://pages.example/posts/${page}/#`, 'href="#')
    .replace(/<(\/?)div>/g, '<$1section>')
    .replace(/&#160;|\u00a0/g, ' ')
    .replace(/&#x21a9;&#xfe0e;/g, '\u21a9\ufe0e')
    .replace(/<(hr|br) \/>/g, '<$1>')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .replace(/&(?:rsquo|lsquo|rdquo|ldquo|hellip|ndash|mdash|laquo|raquo);/g, (entity) => decodeHTML(entity))
    .trim();
}

/**
 * The documents whose HTML in feedpub's feed is not Hugo 0.111's page content, each document a page of a
 * site built by both (Hugo must be on the PATH), both normalized for what a feed drops or writes otherwise
 * (ids, roles, classes of notes, `<hr />`, space between tags, entities, a link to the page's own anchor
 * written absolute). `config` is added to the site's hugo.toml (top-level keys, then tables); `extraFiles`
 * (paths in the site folder → text) are added to the site too, such as pages for `ref` calls to name.
 *
 * @example expect(await differencesFromHugo(generatedDocuments(LINES, 300))).toEqual([]);
 */
export async function differencesFromHugo(
  docs: readonly string[],
  config = '',
  extraFiles: Readonly<Record<string, string>> = {},
): Promise<{ markdown: string; hugo: string; html: string }[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'feedpub-hugo-markdown-'));
  try {
    const files: Record<string, string> = {
      'hugo.toml': `baseURL = "https://pages.example/"\ntitle = "Pages"\n${config}\n[params.feedpub]\nlimit = 1000\n`,
      'layouts/_default/single.html': '{{ .Content }}',
      ...extraFiles,
    };
    docs.forEach((markdown, i) => {
      files[`content/posts/d${i}.md`] = `---\ntitle: "D${i}"\ndate: 2025-01-02T00:00:00Z\n---\n${markdown}\n`;
    });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const hugoOut = path.join(dir, 'public');
    execFileSync('hugo', ['--quiet', '--source', dir, '--destination', hugoOut, '--cacheDir', path.join(dir, 'cache')], { timeout: 60_000, stdio: 'pipe' });
    // Every date is in the past: the real clock serves both.
    const build = await buildToMemory(dir, Date.now());
    const ours = new Map(
      (JSON.parse(build.files.get('feed.json') ?? '{}') as { items: { title: string; content_html?: string }[] }).items.map((i) => [
        i.title,
        i.content_html ?? '',
      ]),
    );
    return docs.flatMap((markdown, i) => {
      // Hugo writes no file for a page whose template gives nothing (a document of blank lines).
      const file = path.join(hugoOut, 'posts', `d${i}`, 'index.html');
      const hugo = normalized(existsSync(file) ? readFileSync(file, 'utf8') : '', `d${i}`);
      const html = normalized(ours.get(`D${i}`) ?? '', `d${i}`);
      return hugo === html ? [] : [{ markdown, hugo, html }];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `html` read by htmlparser2 (as feedpub's sanitizer reads raw HTML) and written out again, so that both
 * sides spell `<br/>`, `<img … />`, `&quot;` in text and an element left open at the end one way, without
 * what feedpub drops on purpose: comments and processing instructions (no reader shows them) and the
 * attributes its sanitizer does not keep (`style`, `target`, `rel`, `data-*`: see `SANITIZER_ALLOWS`).
 * `href` and `src` go through `url` first, then lose the test site's origin and page folder (feedpub's
 * absolute URLs made relative again, as written: `https://pages.example/posts/d7/a.jpg` → `a.jpg`,
 * `…/img/a.jpg` → `/img/a.jpg`); `alt` goes through `alt`.
 *
 * @example sanitizedView('<p>a<br/><span style="x">b</span></p>') // '<p>a<br><span>b</span></p>'
 */
export function sanitizedView(html: string, edit: { readonly url?: (url: string) => string; readonly alt?: (alt: string) => string } = {}): string {
  const document = parseDocument(html);
  for (const node of DomUtils.filter(() => true, document.children)) {
    if (node.type === 'comment' || node.type === 'directive') DomUtils.removeElement(node);
    else if (node.type === 'tag') {
      const allowed = new Set([...(SANITIZER_ALLOWS.attributes['*'] ?? []), ...(SANITIZER_ALLOWS.attributes[node.name] ?? [])]);
      for (const name of Object.keys(node.attribs)) {
        const value = node.attribs[name] ?? '';
        if (!allowed.has(name)) delete node.attribs[name];
        else if (name === 'href' || name === 'src')
          node.attribs[name] = (edit.url?.(value) ?? value).replace(/^https:\/\/pages\.example\/(posts\/d\d+\/)?/, (_, page?: string) => (page ? '' : '/'));
        else if (name === 'alt' && edit.alt !== undefined) node.attribs[name] = edit.alt(value);
      }
    }
  }
  return DomUtils.getOuterHTML(document, { encodeEntities: 'utf8' });
}
