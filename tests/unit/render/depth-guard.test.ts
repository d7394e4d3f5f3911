import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { renderMarkdownHtml } from '../../../src/render/article-html.js';
import { blockDepthLimit, useDepthGuard } from '../../../src/render/depth-guard.js';

const URL = 'https://example.org/a/';

/** The text of `html`: its tags removed, its references for `<`, `>` and `&` read. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
}

/** How many of `tag` open in `html`. */
function opened(html: string, tag: string): number {
  return html.split(`<${tag}>`).length - 1;
}

/** A block nested in containers, the outermost first: `>` a quote, `-` a list item, `1.` an ordered one, `:` a definition. */
type Container = '>' | '-' | '1.' | ':';

/** Markdown for `lines` inside `container`: its marker on the first line, its continuation on the others. */
function wrap(container: Container, lines: readonly string[]): string[] {
  if (container === '>') return lines.map((line) => (line === '' ? '>' : `> ${line}`));
  if (container === ':') return ['term', ...lines.map((line, i) => (i === 0 ? `: ${line}` : line === '' ? '' : `  ${line}`))];
  const indent = ' '.repeat(container.length + 1);
  return lines.map((line, i) => (i === 0 ? `${container} ${line}` : line === '' ? '' : `${indent}${line}`));
}

describe('blocks nested past the depth markdown-it reads', () => {
  it('keep their text inside the quotes it reads, and what follows them', () => {
    const html = renderMarkdownHtml(`${'>'.repeat(120)} deep\n\nafter`, URL);
    // 98 levels read as quotes; the 22 `>` left are text (the typographer's `»` for each pair, as goldmark's).
    expect(opened(html, 'blockquote')).toBe(98);
    expect(html).toContain(`<p>${'»'.repeat(11)} deep</p>`);
    expect(html.endsWith('</blockquote>\n<p>after</p>\n')).toBe(true);
  });

  it('read no differently up to that depth', () => {
    const limit = blockDepthLimit(new MarkdownIt('default'));
    expect(limit).toBe(98);
    const html = renderMarkdownHtml(`${'>'.repeat(limit)} deep\n\nafter`, URL);
    expect(opened(html, 'blockquote')).toBe(limit);
    expect(html).toContain('<p>deep</p>');
  });

  it('keep the rest of the document after a list nested that deep, which markdown-it left out', () => {
    const items = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- x${i}`);
    const html = renderMarkdownHtml(`${items.join('\n')}\n${'  '.repeat(10)}- back\n\nafter`, URL);
    // A list opens two levels: 49 lists, the 49th item's content at the depth, one paragraph (hidden: the list
    // is tight) of its line and the deeper items' as written.
    expect(opened(html, 'ul')).toBe(49);
    expect(html).toContain(`<li>x48\n${Array.from({ length: 11 }, (_, i) => `- x${49 + i}`).join('\n')}</li>`);
    // The less indented item is read by the list at its depth, and the paragraph after the lists by the document.
    expect(html).toMatch(/<\/ul>\n<\/li>\n<li>back<\/li>\n<\/ul>/);
    expect(html.endsWith('</ul>\n<p>after</p>\n')).toBe(true);
  });

  it('keep a deep quote lazy lines in its paragraph', () => {
    const html = renderMarkdownHtml(`${'>'.repeat(99)} a\n${'>'.repeat(99)} b\nlazy\n\n>>> c`, URL);
    expect(opened(html, 'blockquote')).toBe(98 + 3);
    expect(html).toContain('<p>&gt; a\n&gt; b\nlazy</p>');
    expect(html).toContain('<p>c</p>');
  });

  it('keep every word, whatever containers nest them and how deep (property)', () => {
    const container = fc.constantFrom<Container>('>', '-', '1.', ':');
    // A chain of containers around a paragraph, a few a block of its own: the document is blocks one after another.
    const chain = fc.array(container, { minLength: 0, maxLength: 140, size: 'max' });
    fc.assert(
      fc.property(fc.array(chain, { minLength: 1, maxLength: 4 }), (chains) => {
        let n = 0;
        const blocks = chains.map((containers) => containers.reduceRight<string[]>((lines, c) => wrap(c, lines), [`w${n++}`, `w${n++}`]));
        const html = renderMarkdownHtml(`${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n\nwend`, URL);
        const words = new Set(textOf(html).split(/\s+/));
        for (let i = 0; i < n; i++) expect(words, `w${i}`).toContain(`w${i}`);
        expect(words).toContain('wend');
      }),
      { numRuns: Number(process.env.FEEDPUB_PROPERTY_RUNS ?? 60) },
    );
  });

  it('render 512 Ki characters of list markers on one line, as text past the depth', () => {
    const html = renderMarkdownHtml(`${'- '.repeat(262_144)}x`, URL);
    expect(opened(html, 'ul')).toBe(49);
    expect(html).toContain(`<li>${'- '.repeat(262_144 - 49)}x</li>`);
  });
});

describe('useDepthGuard', () => {
  it('puts its rule first, or refuses', () => {
    const md = new MarkdownIt('default');
    useDepthGuard(md);
    expect(md.block.ruler.getRules('')[0]?.name).toBe('depthGuard');
    const late = new MarkdownIt('default');
    late.block.ruler.before('table', 'other', () => false);
    expect(() => useDepthGuard(late)).toThrow(/not the first block rule/);
  });
});
