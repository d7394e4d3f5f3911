/**
 * Parsers that decode entities twice. @rowanmanning/feed-parser (and @extractus/feed-extractor, both on
 * fast-xml-parser) decode the XML's named references and then the text's HTML references once more, but
 * leave numeric references to that second pass alone: a title written `Q&amp;amp;A` read "Q&A", and
 * content showing the code `<details>` got a live `<details>` element (a parser audit). feedpub writes
 * the `&` of plain text and of escaped HTML as `&#x26;`, which every XML parser reads as `&` and these
 * read right too. JSON Feed, parsed as JSON, says what was meant.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { renderAtom } from '../../../src/render/atom.js';
import { renderJsonFeed } from '../../../src/render/json-feed.js';
import { renderRss } from '../../../src/render/rss.js';
import { descendants, parseXml } from '../../support/validate-xml.js';
import { inputOf, sampleArticle } from '../../support/sample-feed.js';

const TITLE = 'Q&amp;A about <details> & ©, not &copy';
const HTML = '<p>Use <code>&lt;details&gt;</code> and <code>&amp;amp;</code> &amp; &copy; &nbsp;</p>';

const SUMMARY = 'Use <details> & &amp;, not &copy';
const article = sampleArticle(1, { title: TITLE, summary: SUMMARY });
const input = inputOf([article], { html: () => HTML, feed: { title: 'News &amp; views', description: 'About <b> & &amp;' } });

/** The text as HTML: what RSS descriptions hold. */
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('text for parsers that decode entities twice', () => {
  it.each([
    ['RSS', renderRss(input)],
    ['Atom', renderAtom(input)],
  ])('%s: the title, the summary and the content read back as written, by an XML parser and by feed-parser alike', (_name, xml) => {
    const [item] = parseFeed(xml).items;
    expect(parseFeed(xml).title).toBe('News &amp; views');
    expect(item?.title).toBe(TITLE);
    expect(item?.content).toBe(HTML);
    // RSS: the summary as escaped HTML in description, which feed-parser gives as that HTML; Atom: as text.
    expect(item?.description).toBe(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rss') ? escapeHtml(SUMMARY) : SUMMARY);
    expect(parseFeed(xml).description).toBe(xml.includes('<rss') ? escapeHtml('About <b> & &amp;') : 'About <b> & &amp;');
    // The content element as a conforming XML parser reads it.
    const content = descendants(parseXml(xml)).filter((node) => node.name === 'content:encoded' || node.name === 'content');
    expect(content.map((node) => node.text)).toEqual([HTML]);
  });

  it('JSON Feed says the same', () => {
    const feed = JSON.parse(renderJsonFeed(input)) as { title: string; items: { title: string; content_html: string }[] };
    expect(feed.title).toBe('News &amp; views');
    expect(feed.items[0]?.title).toBe(TITLE);
    expect(feed.items[0]?.content_html).toBe(HTML);
  });
});
