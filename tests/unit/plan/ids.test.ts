import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleId, feedId, idNamespaceOf, keptIdNamespace, uuidV5Urn } from '../../../src/plan/ids.js';

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** RFC 9562 §5.5 written out on its own: SHA-1 of the namespace's 16 bytes then the name's UTF-8, version 5, variant 10. */
function referenceUuidV5(namespace: string, name: string): string {
  const h = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  h.writeUInt8(((h[6] ?? 0) & 0x0f) | 0x50, 6);
  h.writeUInt8(((h[8] ?? 0) & 0x3f) | 0x80, 8);
  const x = h.toString('hex', 0, 16);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

describe('uuidV5Urn (ids readers keep: they must never change)', () => {
  it('is RFC 9562 version 5 under feedpub namespace, of the salt, a NUL and the name', () => {
    // The reference itself, on RFC 9562 test vector (DNS namespace, www.example.com).
    expect(referenceUuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (salt, name) => {
        expect(uuidV5Urn(salt, name)).toBe(`urn:uuid:${referenceUuidV5('a3c4e0b2-6f1d-4b7e-9a51-0d2c8e7f4b19', `${salt}\u0000${name}`)}`);
      }),
    );
  });

  it('gives the ids it gave when they were first published', () => {
    expect(articleId('news.example.org/', 'en', 'news/hello', undefined)).toBe('urn:uuid:df8e6abd-ca67-55f3-990b-5310f2430622');
    expect(articleId('news.example.org/', 'zh-cn', '新闻/你好', undefined)).toBe('urn:uuid:fba6a940-47b5-5dd5-a37c-ac29de72c3f1');
    expect(articleId('news.example.org/', 'en', 'x', 'post-1')).toBe('urn:uuid:d249232d-05fe-5c49-b2b8-33e1306d8c63');
    expect(feedId('news.example.org/', 'zh-cn/tags/qq/')).toBe('urn:uuid:a9069a15-f3af-5e18-be38-bbf9f4c9ece0');
  });
});

describe('articleId', () => {
  it('keeps a front matter id that is already an absolute IRI', () => {
    for (const iri of ['urn:isbn:0451450523', 'tag:example.com,2025:post-1', 'https://example.com/p/1']) {
      expect(articleId('feedpub', 'en', 'news/a', iri)).toBe(iri);
    }
  });

  it('turns any other front matter id into a name-based UUID (RFC 9562 v5), the same one every time', () => {
    for (const id of ['post-1', '12345', 'has space:in it', 'urn:with space', '', 'my post urn:x', '1tag:x', '-urn:x']) {
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
