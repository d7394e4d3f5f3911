import { describe, expect, it } from 'vitest';
import { bodyExcerpt } from '../../../src/render/body-excerpt.js';
import { deriveContent } from '../../../src/render/derive-content.js';
import { SUMMARY_CHARS, summaryOf } from '../../../src/render/summary-of.js';

const PAGE = 'https://example.com/posts/a/';

describe('summaryOf (the summary of an article whose front matter has none)', () => {
  it('is the text of the part before <!--more--> when it has text, up to 600 code points', () => {
    expect(summaryOf({ lead: '<p>Lead.</p>', html: '<p>Lead.</p><p>Rest.</p>' })).toBe('Lead.');
    const long = `<p>${'word '.repeat(200)}</p>`;
    expect([...summaryOf({ lead: long, html: long })].length).toBeGreaterThan(SUMMARY_CHARS);
    expect([...summaryOf({ lead: long, html: long })].length).toBeLessThanOrEqual(SUMMARY_CHARS * 2);
  });

  it('is the start of the body text, up to 300, without a divider or when the part before it has no text', () => {
    const long = `<p>${'word '.repeat(200)}</p>`;
    expect([...summaryOf({ html: long })].length).toBeLessThanOrEqual(SUMMARY_CHARS);
    expect(
      summaryOf({ lead: '<p><img src="https://example.com/c.jpg" alt=""></p>', html: '<p><img src="https://example.com/c.jpg" alt=""></p><p>Story.</p>' }),
    ).toBe('Story.');
    expect(summaryOf({ lead: '', html: '<p>Story.</p>' })).toBe('Story.');
    expect(summaryOf({ lead: '', html: '<p><img src="https://example.com/c.jpg" alt=""></p>' })).toBe('');
  });

  it('is the same for titled articles (deriveContent) and untitled ones (bodyExcerpt)', () => {
    for (const body of [
      '![cover](cover.jpg)\n\n<!--more-->\n\nThe story starts here.\n',
      '<!--more-->\n\nThe story starts here.\n',
      'Lead.\n\n<!--more-->\n\nThe story starts here.\n',
      'No divider at all.\n',
      '![cover](cover.jpg)\n',
    ]) {
      expect(deriveContent(body, PAGE, true).summary, JSON.stringify(body)).toBe(bodyExcerpt(body, PAGE));
    }
    expect(deriveContent('![cover](cover.jpg)\n\n<!--more-->\n\nThe story starts here.\n', PAGE, true).summary).toBe('The story starts here.');
  });
});
