import { describe, expect, it } from 'vitest';
import { validateOutput } from '../../../src/validate/validate-output.js';

const RSS_OK =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://e/</link><description>d</description><item><title>a</title><guid isPermaLink="false">x</guid></item></channel></rss>';
const ATOM_OK =
  '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><entry><id>urn:y</id><title>a</title><updated>2025-01-01T00:00:00Z</updated></entry></feed>';

describe('validateOutput (the gate before every write)', () => {
  it('accepts valid RSS, Atom and JSON Feed', () => {
    expect(validateOutput('index.xml', RSS_OK)).toEqual([]);
    expect(validateOutput('atom.xml', ATOM_OK)).toEqual([]);
    expect(validateOutput('feed.json', '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x"}]}')).toEqual([]);
  });

  it('rejects ill-formed XML: raw ]]>, control characters, undeclared prefixes, unclosed tags', () => {
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a ]]> b</title>'))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a \u0008 b</title>'))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<dc:creator>x</dc:creator>'))).not.toEqual([]);
    expect(validateOutput('atom.xml', ATOM_OK.replace('</feed>', ''))).not.toEqual([]);
    expect(validateOutput('index.xml', RSS_OK.replace('<title>a</title>', '<title>a &nbsp; b</title>'))).not.toEqual([]);
  });

  it('rejects feeds missing what readers need', () => {
    expect(validateOutput('index.xml', RSS_OK.replace('<guid isPermaLink="false">x</guid>', ''))).toEqual(['RSS: an item has no guid']);
    expect(validateOutput('index.xml', RSS_OK.replace('<link>https://e/</link>', ''))).toEqual(['RSS: channel has no link']);
    expect(validateOutput('atom.xml', ATOM_OK.replace('<id>urn:y</id>', ''))).toEqual(['Atom: entry has no id']);
    expect(validateOutput('feed.json', '{"version":"https://jsonfeed.org/version/1","title":"t","items":[{"id":1}]}')).toEqual([
      'JSON Feed: version must be https://jsonfeed.org/version/1.1',
      'JSON Feed: items[0].id must be a non-empty string',
      'JSON Feed: items[0] needs content_html or content_text',
    ]);
    expect(validateOutput('feed.json', '{"items": [')[0]).toMatch(/^invalid JSON/);
  });
});
