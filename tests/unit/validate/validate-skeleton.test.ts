/**
 * The feed-level gate checks a feed without items in parts (its shape, then its values): it must say what a
 * whole-file check says, and the parts must be the document.
 */
import { describe, expect, it } from 'vitest';
import { atomDocument } from '../../../src/render/atom.js';
import { type RenderInput, renderFeedFiles } from '../../../src/render/render-feed.js';
import { rssDocument } from '../../../src/render/rss.js';
import { documentInParts, serializeXml } from '../../../src/render/xml.js';
import { feedSkeletonProblems, validateOutput, validateXmlInParts } from '../../../src/validate/validate-output.js';
import { benignInput, emptyInput, HOSTILE, hostileInput, multilingualInput, sampleSite } from '../../support/sample-feed.js';

const withoutItems = (input: RenderInput): RenderInput => ({ ...input, feed: { ...input.feed, items: [] }, items: [] });

const INPUTS: Readonly<Record<string, () => RenderInput>> = {
  benign: benignInput,
  hostile: hostileInput,
  empty: emptyInput,
  multilingual: multilingualInput,
  'hostile site': () => ({ ...emptyInput(), site: sampleSite({ title: HOSTILE.title, description: HOSTILE.summary, copyright: 'A "quoted" <b> & \u0001' }) }),
};

describe('documentInParts (a feed taken apart for the gate)', () => {
  for (const [name, make] of Object.entries(INPUTS)) {
    it(`${name}: the values put back into the shape, in order, give the document byte for byte`, () => {
      for (const document of [rssDocument, atomDocument]) {
        const root = document(withoutItems(make()));
        const { shape, texts, attributeValues } = documentInParts(root);
        const spans = [...shape.matchAll(/="(?=")|><\//g)];
        expect(spans).toHaveLength(holes(root));
        expect(texts.length + attributeValues.length).toBeLessThanOrEqual(spans.length);
        expect(putBack(shape, root)).toBe(serializeXml(root));
      }
    });
  }
});

describe('feedSkeletonProblems (the gate for a feed without items)', () => {
  for (const [name, make] of Object.entries(INPUTS)) {
    it(`${name}: says what a whole-file check of each file says`, () => {
      const input = withoutItems(make());
      const problems = feedSkeletonProblems(input);
      const files = renderFeedFiles(input).files;
      expect([...problems.keys()]).toEqual(files.map((f) => f.path));
      for (const file of files) expect(problems.get(file.path)).toEqual(validateOutput(file.path, file.body));
    });
  }

  it('refuses a feed with items: those are checked when they are prepared', () => {
    expect(() => feedSkeletonProblems(benignInput())).toThrow(RangeError);
    expect(() => feedSkeletonProblems(benignInput())).toThrow(/has items/);
  });

  it('checks only the formats the site publishes', () => {
    const input = withoutItems(benignInput());
    const atomOnly = { ...input, site: { ...input.site, feeds: { ...input.site.feeds, formats: ['atom' as const] } } };
    expect([...feedSkeletonProblems(atomOnly).keys()]).toEqual(renderFeedFiles(atomOnly).files.map((f) => f.path));
    expect([...feedSkeletonProblems(atomOnly).keys()]).toHaveLength(1);
  });
});

describe('validateXmlInParts', () => {
  const shape =
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="">\n  <channel>\n    <title></title>\n    <link></link>\n    <description></description>\n  </channel>\n</rss>\n';

  it('passes a good shape with good values, the same way every time', () => {
    expect(validateXmlInParts(shape, ['t', 'https://e/', 'd'], ['2.0'])).toEqual([]);
    expect(validateXmlInParts(shape, ['t', 'https://e/', 'd'], ['2.0'])).toEqual([]);
  });

  it('fails a bad value, text or attribute, and a bad shape whatever its values', () => {
    expect(validateXmlInParts(shape, ['a <b>', 'https://e/', 'd'], ['2.0'])).toHaveLength(1);
    expect(validateXmlInParts(shape, ['t', 'https://e/', 'd'], ['2."0'])).toHaveLength(1);
    const noLink = shape.replace('    <link></link>\n', '');
    expect(validateXmlInParts(noLink, ['t', 'd'], ['2.0'])).toEqual(['RSS: channel has no link']);
    expect(validateXmlInParts(noLink, [], [])).toEqual(['RSS: channel has no link']);
    expect(validateXmlInParts(shape.replace('</channel>', ''), [], [])).not.toEqual([]);
    // Without a line and column: the shape's lines are not the file's.
    for (const problem of validateXmlInParts(shape.replace('</channel>', ''), [], [])) expect(problem).not.toMatch(/^not well-formed XML: \d+:\d+/);
  });
});

/** The document with each value put back where the writer took it from (empty values were never taken). */
function putBack(shape: string, root: ReturnType<typeof rssDocument>): string {
  const { texts, attributeValues } = documentInParts(root);
  // Walk the tree in the writer's order: an element's attributes, then its text or its children.
  const order: string[] = [];
  const walk = (node: typeof root): void => {
    for (const [name, value] of node.attrs) if (!isDeclaration(name)) order.push(value === '' ? '' : 'attr');
    if (node.text !== undefined) order.push(node.text === '' ? '' : 'text');
    for (const child of node.children) walk(child);
  };
  walk(root);
  let t = 0;
  let a = 0;
  let next = 0;
  return shape.replace(/="(?=")|><\//g, (hole) => {
    const kind = order[next++];
    const value = kind === 'attr' ? attributeValues[a++] : kind === 'text' ? texts[t++] : '';
    return hole === '="' ? `="${value}` : `>${value}</`;
  });
}

/** The values the writer takes out or leaves empty: every attribute but namespace declarations, every text. */
function holes(root: ReturnType<typeof rssDocument>): number {
  let n = 0;
  const walk = (node: typeof root): void => {
    for (const [name] of node.attrs) if (!isDeclaration(name)) n++;
    if (node.text !== undefined) n++;
    for (const child of node.children) walk(child);
  };
  walk(root);
  return n;
}

/** A namespace declaration: the writer leaves its value in the shape. */
function isDeclaration(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}
