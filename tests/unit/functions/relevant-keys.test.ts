import { describe, expect, it } from 'vitest';
import { relevantKeys } from '../../../functions/relevant-keys.js';

describe('relevantKeys', () => {
  it('keeps Markdown (.md, .markdown, .mdown, in lower case as Hugo reads them) under the content prefix and the site config files at the root', () => {
    const keys = [
      'content/posts/a.md',
      'content/中文/b.md',
      'content/posts/c.markdown',
      'content/posts/d.mdown',
      'content/posts/E.MD',
      'content/posts/photo.jpg',
      'content/posts/a.md.bak',
      'drafts/c.md',
      'contentx/d.md',
      'hugo.toml',
      'hugo.yaml',
      'hugo.json',
      'config.toml',
      'config.yaml',
      'config.json',
      'feedpub.toml',
      'feedpub.yaml',
      'feedpub.json',
      'hugo.yml',
      'config.yml',
      'feedpub.yml',
      'hugo.jsonc',
      'sub/hugo.toml',
      'hugo.toml.orig',
      '_feedpub/report.json',
      'config/_default/params.toml',
      'config/_default/menus.en.toml',
      'config/production/hugo.toml',
      'config/development/hugo.toml',
    ];
    expect(relevantKeys(keys, 'content/')).toEqual([
      'content/posts/a.md',
      'content/中文/b.md',
      'content/posts/c.markdown',
      'content/posts/d.mdown',
      'hugo.toml',
      'hugo.yaml',
      'hugo.json',
      'config.toml',
      'config.yaml',
      'config.json',
      'feedpub.toml',
      'feedpub.yaml',
      'feedpub.json',
      'hugo.yml',
      'config.yml',
      'feedpub.yml',
      'config/_default/params.toml',
      'config/_default/menus.en.toml',
      'config/production/hugo.toml',
    ]);
  });

  it('keeps the config files Hugo reads in folders below config/_default/ and config/production/, at any depth, and no other file there', () => {
    const config = [
      'config/_default/params/params.zh.toml',
      'config/_default/menus/menus.en.toml',
      'config/_default/sub/permalinks.toml',
      'config/_default/.hidden/params.yaml',
      'config/_default/a/b/c/params.json',
      'config/_default/sub/params.TOML',
      'config/production/sub/hugo.yml',
    ];
    const others = [
      'config/_default/sub/notes.txt',
      'config/_default/sub/params.toml~',
      'config/development/sub/params.toml',
      'config/params.toml',
      'content/config/_default/params.toml',
    ];
    expect(relevantKeys([...others, ...config], 'content/')).toEqual(config);
  });

  it('follows a custom content prefix', () => {
    expect(relevantKeys(['site/content/a.md', 'content/a.md'], 'site/content/')).toEqual(['site/content/a.md']);
  });
});
