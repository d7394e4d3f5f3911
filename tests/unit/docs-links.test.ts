import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, USER_DOCS } from '../support/repo.js';

/** The Markdown a reader of the repository opens: the README, the reference in docs/, the bench's notes. */
const PROSE = [...USER_DOCS, 'bench/README.md', 'bench/HISTORY.md'];

/** The text outside fenced code blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The text outside fenced code blocks and code spans, where a `[x](y)` is a link. */
function linkableText(markdown: string): string {
  return withoutFences(markdown).replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
}

/** GitHub's anchor of a heading: lower case, spaces to `-`, punctuation other than `-` and `_` dropped; repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const [, heading] of withoutFences(markdown).matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (heading ?? '')
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Every relative link of a file: its target path (from the repository's root, or the file itself) and anchor. */
function relativeLinks(file: string): { link: string; target: string; anchor: string | undefined }[] {
  const text = linkableText(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
  const links = [];
  for (const [, link] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (link === undefined || /^[a-z][a-z+.-]*:/i.test(link)) continue;
    const [target = '', anchor] = link.split('#');
    links.push({ link, target: target === '' ? file : path.posix.join(path.posix.dirname(file), target), anchor });
  }
  return links;
}

describe('the documentation links', () => {
  it('find the files they are read in, and links in them', () => {
    expect(PROSE).toContain('docs/cli.md');
    expect(relativeLinks('README.md').length).toBeGreaterThan(20);
  });

  it.each(PROSE)('of %s lead to files and headings that exist', (file) => {
    const broken: string[] = [];
    for (const { link, target, anchor } of relativeLinks(file)) {
      const full = path.join(REPO_ROOT, target);
      if (!existsSync(full)) broken.push(`${link}: no ${target}`);
      else if (anchor !== undefined && statSync(full).isFile() && target.endsWith('.md') && !anchors(readFileSync(full, 'utf8')).has(anchor)) {
        broken.push(`${link}: no heading #${anchor} in ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('make the anchors GitHub makes of headings', () => {
    const made = anchors('# CLI reference\n### Browser readers (CORS)\n### `ref` and `relref`\n```\n# not a heading\n```\n## Tests\n## Tests\n');
    expect([...made]).toEqual(['cli-reference', 'browser-readers-cors', 'ref-and-relref', 'tests', 'tests-1']);
  });
});
