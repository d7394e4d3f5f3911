import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../src/cli/upload/content-type.js';

describe('contentTypeFor', () => {
  it('gives Markdown as UTF-8 text/markdown, whatever the case of the extension', () => {
    expect(contentTypeFor('content/en/a.md')).toBe('text/markdown; charset=utf-8');
    expect(contentTypeFor('content/en/B.MARKDOWN')).toBe('text/markdown; charset=utf-8');
    expect(contentTypeFor('content/x.mdown')).toBe('text/markdown; charset=utf-8');
  });

  it('gives the config formats their media types', () => {
    expect(contentTypeFor('hugo.toml')).toBe('application/toml');
    expect(contentTypeFor('config.yaml')).toBe('application/yaml');
    expect(contentTypeFor('feedpub.yml')).toBe('application/yaml');
    expect(contentTypeFor('hugo.json')).toBe('application/json');
  });

  it('gives anything else octet-stream (upload sends only Markdown and config)', () => {
    expect(contentTypeFor('content/blog/photo/wide.jpg')).toBe('application/octet-stream');
    expect(contentTypeFor('content/blog/data.unknownext')).toBe('application/octet-stream');
    expect(contentTypeFor('content/blog/Makefile')).toBe('application/octet-stream');
    expect(contentTypeFor('content/.md')).toBe('application/octet-stream');
  });
});
