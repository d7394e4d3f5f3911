import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleId, feedId, idNamespaceOf, keptIdNamespace } from '../../../src/plan/ids.js';

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('articleId', () => {
  it('keeps a front matter id that is already an absolute IRI', () => {
    for (const iri of ['urn:isbn:0451450523', 'tag:example.com,2025:post-1', 'https://example.com/p/1']) {
      expect(articleId('feedpub', 'en', 'news/a', iri)).toBe(iri);
    }
  });

  it('turns any other front matter id into a name-based UUID (RFC 9562 v5), the same one every time', () => {
    for (const id of ['post-1', '12345', 'has space:in it', 'urn:with space', '']) {
      const made = articleId('feedpub', 'en', 'news/a', id);
      expect(made).toMatch(UUID_URN);
      expect(articleId('feedpub', 'zh-cn', 'other/path', id)).toBe(made); // the id alone decides it
    }
    expect(articleId('feedpub', 'en', 'news/a', 'post-1')).not.toBe(articleId('feedpub', 'en', 'news/a', 'post-2'));
  });

  it('derives the id from language and content path only, never from other inputs (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (salt, lang, key, otherKey) => {
        const id = articleId(salt, lang, key, undefined);
        expect(id).toMatch(UUID_URN);
        expect(articleId(salt, lang, key, undefined)).toBe(id);
        if (otherKey !== key) expect(articleId(salt, lang, otherKey, undefined)).not.toBe(id);
      }),
    );
  });

  it('gives different ids to the translations of one article and to an explicit id of the same text', () => {
    const en = articleId('feedpub', 'en', 'news/qq/20250210A05MD2', undefined);
    expect(articleId('feedpub', 'zh-cn', 'news/qq/20250210A05MD2', undefined)).not.toBe(en);
    expect(articleId('feedpub', 'en', 'news/qq/20250210A05MD2', 'news/qq/20250210A05MD2')).not.toBe(en);
    expect(articleId('another-site', 'en', 'news/qq/20250210A05MD2', undefined)).not.toBe(en); // the salt separates sites
  });
});

describe('feedId', () => {
  it('is a stable UUID per feed folder', () => {
    expect(feedId('feedpub', 'zh-cn/tags/qq/')).toMatch(UUID_URN);
    expect(feedId('feedpub', 'zh-cn/tags/qq/')).toBe(feedId('feedpub', 'zh-cn/tags/qq/'));
    expect(feedId('feedpub', '')).not.toBe(feedId('feedpub', 'zh-cn/'));
  });
});

describe('idNamespaceOf and keptIdNamespace', () => {
  it("salts a site's ids with its baseURL's host and path, whatever the scheme", () => {
    expect(idNamespaceOf('https://news.example.org/')).toBe('news.example.org/');
    expect(idNamespaceOf('http://news.example.org/')).toBe('news.example.org/');
    expect(idNamespaceOf('https://Example.ORG:8443/blog/')).toBe('example.org:8443/blog/');
  });

  it('keeps the salt of earlier runs unless the config names one', () => {
    const site = (idNamespace: string, fromConfig = false) => ({ feeds: { idNamespace, ...(fromConfig ? { idNamespaceFromConfig: true as const } : {}) } });
    expect(keptIdNamespace(site('moved.example/'), 'news.example.org/').feeds.idNamespace).toBe('news.example.org/');
    expect(keptIdNamespace(site('moved.example/'), 'feedpub').feeds.idNamespace).toBe('feedpub'); // published before the default followed baseURL
    expect(keptIdNamespace(site('mine', true), 'news.example.org/').feeds.idNamespace).toBe('mine');
    expect(keptIdNamespace(site('news.example.org/'), undefined).feeds.idNamespace).toBe('news.example.org/');
    const same = site('news.example.org/');
    expect(keptIdNamespace(same, 'news.example.org/')).toBe(same);
  });
});
