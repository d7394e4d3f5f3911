import { describe, expect, it } from 'vitest';
import { promoteLazySource, unwrapNoscriptImages } from '../../../src/render/lazy-images.js';

const BASE = new URL('https://example.com/news/a/');

describe('promoteLazySource', () => {
  it('takes the first lazy source that is not blank where the src is absent, blank or a data: placeholder', () => {
    const promoted = (attribs: Record<string, string>) => {
      promoteLazySource(attribs);
      return [attribs.src, attribs.srcset];
    };
    expect(promoted({ 'data-src': 'a.jpg' })).toEqual(['a.jpg', undefined]);
    expect(promoted({ src: ' ', 'data-src': '', 'data-original': 'b.jpg', 'data-lazy-src': 'c.jpg' })).toEqual(['b.jpg', undefined]);
    expect(promoted({ src: '\tDATA:image/gif;base64,AA', 'data-lazy-src': 'c.jpg', 'data-srcset': 'c.jpg 1x' })).toEqual(['c.jpg', 'c.jpg 1x']);
    expect(promoted({ src: 'data:,', srcset: 'data:, 1x', 'data-srcset': 'd.jpg 2x' })).toEqual(['data:,', 'd.jpg 2x']);
    // An image with a source of its own keeps it, and its srcset.
    expect(promoted({ src: 'own.jpg', srcset: 'own.jpg 1x', 'data-src': 'x.jpg', 'data-srcset': 'x.jpg 1x' })).toEqual(['own.jpg', 'own.jpg 1x']);
  });
});

describe('unwrapNoscriptImages', () => {
  it('reads the HTML as the sanitizer does: no noscript in a comment, an attribute value or a style (a security review)', () => {
    const commented = '<!-- <noscript> --><p>kept</p><!-- </noscript> -->';
    expect(unwrapNoscriptImages(commented, BASE)).toBe(commented);
    const quoted = '<img title="</noscript><script>x</script>" src=a.png>';
    expect(unwrapNoscriptImages(`<noscript>${quoted}</noscript>`, BASE)).toBe(quoted);
    expect(unwrapNoscriptImages('<noscript><style><img src=s.png></style></noscript><p>b</p>', BASE)).toBe('<p>b</p>');
  });

  it('keeps only the images of a noscript that no earlier image shows, by resolved URL', () => {
    expect(unwrapNoscriptImages('<p>a</p><noscript>Turn on JavaScript <img src="/x.jpg" alt="x"></noscript>', BASE)).toBe('<p>a</p><img src="/x.jpg" alt="x">');
    expect(unwrapNoscriptImages("<img data-src='https://example.com/x.jpg'><NOSCRIPT><img src=/x.jpg></noscript >", BASE)).toBe(
      "<img data-src='https://example.com/x.jpg'>",
    );
    expect(unwrapNoscriptImages('<img src="x.jpg?a=1&amp;b=2"><noscript><img src="x.jpg?a=1&b=2"></noscript>', BASE)).toBe('<img src="x.jpg?a=1&amp;b=2">');
    // An image after the noscript does not count, and HTML without a noscript is returned as it is.
    expect(unwrapNoscriptImages('<noscript><img src="/x.jpg"></noscript><img src="/x.jpg">', BASE)).toBe('<img src="/x.jpg"><img src="/x.jpg">');
    const plain = '<p><img src="/x.jpg"></p>';
    expect(unwrapNoscriptImages(plain, BASE)).toBe(plain);
  });

  // A hang guard, not a speed test (speed is the bench's): these take 0.3 s (1.2 s on a loaded
  // machine), where a scan that is quadratic in them, such as the regular expression
  // /<noscript\b[^>]*>([\s\S]*?)<\/noscript\s*>/gi, takes about 30 s. The test's timeout sits far from both.
  it('does not hang on unclosed quotes, tags and elements (a hang guard: a quadratic scan takes about 30 s)', { timeout: 10_000 }, () => {
    for (const html of [
      `${"<img a='".repeat(50_000)}<noscript><img src="/x.jpg"></noscript>`,
      `${'<img a="'.repeat(50_000)}<noscript><img src="/x.jpg"></noscript>`,
      `${'<noscript'.repeat(50_000)}>`,
      `${'<noscript>'.repeat(50_000)}<img src="/x.jpg">`,
      `${'<img data-src="/a.jpg"><noscript><img src="/a.jpg"></noscript>'.repeat(2_000)}`,
    ]) {
      expect(typeof unwrapNoscriptImages(html, BASE)).toBe('string');
    }
  });
});
