/**
 * Differential test against feed@6 (jpmonette/feed), a widely used generator: for a benign feed,
 * both generators' outputs, read back by the same parser, must agree on titles, links, ids and
 * dates. feed@6 output is used as an oracle only where it is itself valid; where it is not, the
 * test pins why (see feed-correctness.md), so a fixed feed release shows up here.
 */
import { Feed } from 'feed';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RenderInput } from '../../../src/render/render-feed.js';
import { renderAtom, renderJsonFeed, renderRss } from '../../../src/render/render-feed.js';
import { parseBack, parseBackJson } from '../../support/parse-back.js';
import { benignInput } from '../../support/sample-feed.js';
import { checkAtomRules, validateAtomSchema } from '../../support/validate-atom.js';
import { validateJsonFeed } from '../../support/validate-json-feed.js';
import { checkRssRules } from '../../support/validate-rss.js';
import { assertWellFormed, errorsOf, findUnusedNamespaces } from '../../support/validate-xml.js';

/** The same feed, expressed through feed@6's API. */
function feed6(input: RenderInput): Feed {
  const { feed, site } = input;
  const out = new Feed({
    id: input.feedId,
    title: feed.title,
    description: feed.description,
    link: feed.link,
    updated: new Date(feed.updated),
    generator: 'feed',
    ...(feed.languageCode !== undefined ? { language: feed.languageCode } : {}),
    feedLinks: { rss: input.urls.rss, atom: input.urls.atom, json: input.urls.json },
    author: { name: site.authors?.[0]?.name ?? site.title },
  });
  for (const { article, html } of input.items) {
    out.addItem({
      id: article.id,
      guid: article.id,
      title: article.title,
      link: article.url,
      date: new Date(article.updated),
      published: new Date(article.published),
      description: article.summary,
      content: html,
      author: article.authors.map((p) => ({ name: p.name })),
    });
  }
  return out;
}

describe('feed@6 as a differential oracle (benign feed)', () => {
  const input = benignInput();
  const theirs = feed6(input);
  const theirAtom = theirs.atom1();
  let schema: ReturnType<typeof validateAtomSchema> = [];

  beforeAll(() => {
    schema = validateAtomSchema([theirAtom]);
  });

  it('feed@6 Atom is valid here, so it serves as the oracle', () => {
    expect(() => assertWellFormed(theirAtom)).not.toThrow();
    expect(schema).toEqual([]);
    expect(errorsOf(checkAtomRules(theirAtom))).toEqual([]);
  });

  it('our Atom, RSS and JSON Feed agree with feed@6 Atom on titles, links, ids and dates', () => {
    // Arrange
    const oracle = parseBack(theirAtom);
    // Act / Assert
    expect(oracle.items).toHaveLength(3);
    expect(parseBack(renderAtom(input))).toEqual(oracle);
    expect(parseBack(renderRss(input))).toEqual(oracle);
    expect(parseBackJson(renderJsonFeed(input))).toEqual(oracle);
  });

  it('feed@6 RSS is not an oracle: it declares dc: without using it and writes names into <author> (traps 4, 16)', () => {
    const rss = theirs.rss2();
    expect(findUnusedNamespaces(rss)).toEqual([expect.stringContaining('xmlns:dc=')]);
    expect(errorsOf(checkRssRules(rss)).map((m) => m.rule)).toEqual(['InvalidContact', 'InvalidContact', 'InvalidContact']);
  });

  it('feed@6 JSON is not an oracle: it writes JSON Feed 1.0 with an "author" object (trap 17)', () => {
    const rules = validateJsonFeed(theirs.json1()).map((m) => `${m.rule}@${m.path}`);
    expect(rules).toContain('Schema@version');
    expect(rules).toContain('DeprecatedAuthor@author');
  });
});
