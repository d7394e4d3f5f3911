import { describe, expect, it } from 'vitest';
import { configDirKeyPath, configSyntax, feedpubSetting, hugoConfigOrder, ignoredConfigWarnings, isConfigKey } from '../../../src/config/config-keys.js';
import { mergeHugoConfig } from '../../../src/config/merge-config.js';

describe('ignoredConfigWarnings', () => {
  it('warns once per config file that is present but not read, naming the one read instead', () => {
    // Act
    const problems = ignoredConfigWarnings(['hugo.toml', 'feedpub.toml', 'feedpub.yaml', 'config.yaml']);
    // Assess
    expect(problems).toEqual([
      {
        file: 'config.yaml',
        severity: 'warning',
        rule: 'config-ignored',
        message:
          'not read: only the first of hugo.toml, hugo.yaml, hugo.yml, hugo.json, config.toml, config.yaml, config.yml, config.json is, hugo.toml here; move its settings into hugo.toml and delete it',
      },
      {
        file: 'feedpub.yaml',
        severity: 'warning',
        rule: 'config-ignored',
        message:
          'not read: only the first of feedpub.toml, feedpub.yaml, feedpub.yml, feedpub.json is, feedpub.toml here; move its settings into feedpub.toml and delete it',
      },
    ]);
  });

  it('finds nothing when each kind of config file is there once', () => {
    expect(ignoredConfigWarnings(['hugo.toml', 'feedpub.yml', 'config/_default/params.toml'])).toEqual([]);
  });
});

describe('feedpubSetting', () => {
  it('writes an option in the syntax of the file it goes in: the feedpub file, else the Hugo one under feedpub', () => {
    const text = (keys: string[]) => feedpubSetting(keys, 'idNamespace', 'old.example/');
    expect(text(['hugo.toml', 'feedpub.yml'])).toEqual({ file: 'feedpub.yml', text: 'set idNamespace: "old.example/" in feedpub.yml' });
    expect(text(['hugo.yaml', 'feedpub.toml']).text).toBe('set idNamespace = "old.example/" in feedpub.toml');
    expect(text(['feedpub.json']).text).toBe('set "idNamespace": "old.example/" in feedpub.json');
    expect(text(['hugo.toml'])).toEqual({ file: 'hugo.toml', text: 'set idNamespace = "old.example/" under [feedpub] in hugo.toml' });
    expect(text(['hugo.yaml', 'config/_default/params.toml']).text).toBe('set idNamespace: "old.example/" under feedpub: in hugo.yaml');
    expect(text(['config.json']).text).toBe('set "idNamespace": "old.example/" in the "feedpub" object of config.json');
    // The config folder: its hugo.* / config.*, not a file of one key; with none, a feedpub.toml to add.
    expect(text(['config/_default/languages.toml', 'config/_default/hugo.yml']).text).toBe(
      'set idNamespace: "old.example/" under feedpub: in config/_default/hugo.yml',
    );
    expect(text(['config/_default/params.toml'])).toEqual({ text: 'add a feedpub.toml at the site\'s root with idNamespace = "old.example/"' });
  });
});

describe("the files of Hugo's config folders, at any depth", () => {
  // Each rule below was checked with `hugo config` (Hugo 0.111.3); tests/integration/config-dir.test.ts
  // compares the whole rule with it.
  it('are the files with a config extension, in any case, anywhere below config/_default/ or config/production/, hidden folders too', () => {
    const read = [
      'config/_default/params/params.zh.toml',
      'config/_default/menus/menus.en.toml',
      'config/_default/a/b/c/params.yaml',
      'config/_default/.hidden/params.toml',
      'config/_default/_x/params.json',
      'config/_default/.params.toml',
      'config/_default/sub/params.TOML',
      'config/_default/sub/params.Yml',
      'config/production/sub/hugo.toml',
      'config/_default/1.toml',
      'config/_default/my params.toml',
    ];
    const notRead = [
      'config/_default/sub/params.txt',
      'config/_default/sub/README.md',
      'config/_default/sub/params.toml~',
      'config/_default/sub/.params.toml.swp',
      'config/_default/sub/toml',
      'config/development/sub/params.toml',
      'config/params.toml',
      'config/_default//params.toml',
      'config/_default/../params.toml',
      'config/_default/./params.toml',
      'config/_default/',
      'sub/config/_default/params.toml',
    ];
    expect(read.filter((key) => !isConfigKey(key))).toEqual([]);
    expect(notRead.filter(isConfigKey)).toEqual([]);
  });

  it('set the key their own name gives, whatever folders they are in', () => {
    const cases: Record<string, string[]> = {
      'config/_default/sub/params.toml': ['params'],
      'config/_default/sub/permalinks.toml': ['permalinks'],
      'config/_default/a/b/params.toml': ['params'],
      'config/_default/params/params.zh.toml': ['languages', 'zh', 'params'],
      'config/production/params/params.zh-cn.yaml': ['languages', 'zh-cn', 'params'],
      'config/_default/menus/menus.zh.toml': ['languages', 'zh', 'menus'],
      'config/_default/menus/menu.en.toml': ['languages', 'en', 'menus'],
      // The folder is no key: languages/zh.toml is the top-level key `zh` (no language), as in Hugo.
      'config/_default/languages/zh.toml': ['zh'],
      'config/_default/languages/languages.zh.toml': ['languages', 'zh'],
      // The language is what follows the last dot; a name with a dot that is neither params nor menus is the language itself.
      'config/_default/sub/params.zh.cn.toml': ['languages', 'cn'],
      'config/_default/sub/params..toml': ['params'],
      'config/_default/.dotparams.toml': ['languages', 'dotparams'],
      // hugo.* and config.* anywhere are the top of the config; another case of the name is a key.
      'config/_default/sub/hugo.toml': [],
      'config/_default/sub/config.yaml': [],
      'config/_default/sub/hugo.TOML': [],
      'config/_default/sub/Hugo.toml': ['Hugo'],
    };
    expect(Object.fromEntries(Object.keys(cases).map((key) => [key, configDirKeyPath(key)]))).toEqual(cases);
    expect(configDirKeyPath('config/_default/sub/params.txt')).toBeUndefined();
  });

  it('are merged a file before the keys under it as a folder, which only a bucket can hold (a disk has one or the other)', () => {
    const keys = ['config/_default/params.toml/zz.toml', 'config/_default/params.toml/a/b.toml', 'config/_default/params.toml'];
    expect(hugoConfigOrder(keys)).toEqual(['config/_default/params.toml', 'config/_default/params.toml/a/b.toml', 'config/_default/params.toml/zz.toml']);
  });

  it('are merged in the order of the walk Hugo makes: folder by folder, the entries of each by name in byte order', () => {
    const keys = [
      'config/production/sub/params.toml',
      'config/_default/params.toml',
      'config/_default/params/params.toml',
      'config/_default/a-b/params.toml',
      'config/_default/a/params.toml',
      'config/_default/Z/params.toml',
      'config/_default/_params.toml',
      'config/_default/hugo.toml',
      'config/production/hugo.toml',
      'config/_default/\u{1F600}/params.toml',
      'config/_default/\uFF21/params.toml',
      'hugo.toml',
    ];
    expect(hugoConfigOrder(keys)).toEqual([
      'hugo.toml',
      'config/_default/Z/params.toml',
      'config/_default/_params.toml',
      'config/_default/a/params.toml',
      'config/_default/a-b/params.toml',
      'config/_default/hugo.toml',
      'config/_default/params/params.toml',
      'config/_default/params.toml',
      // U+FF21 is 0xEF 0xBC 0xA1 in UTF-8, before U+1F600 (0xF0 ...), though its UTF-16 unit sorts after a surrogate.
      'config/_default/\uFF21/params.toml',
      'config/_default/\u{1F600}/params.toml',
      'config/production/hugo.toml',
      'config/production/sub/params.toml',
    ]);
  });

  it('are read in the syntax of their extension, in any case', () => {
    expect(configSyntax('config/_default/sub/params.TOML')).toBe('toml');
    expect(configSyntax('config/_default/sub/params.Json')).toBe('json');
    expect(configSyntax('config/_default/sub/params.YML')).toBe('yaml');
    const merged = mergeHugoConfig(
      new Map([
        ['config/_default/hugo.toml', 'baseURL = "https://example.com/"\n'],
        ['config/_default/a/params.TOML', 't = "toml"\n'],
        ['config/_default/a/params.JSON', '{"j": "json"}'],
        ['config/_default/a/params.YML', 'y: yaml\n'],
      ]),
    );
    expect(merged.hugo.params).toEqual({ j: 'json', t: 'toml', y: 'yaml' });
  });

  it('never set a prototype, whatever their names (__proto__.toml, params.__proto__.toml): those keys are dropped as inside a file', () => {
    for (const name of ['__proto__.toml', 'sub/__proto__.toml', 'constructor.toml', 'prototype.toml']) {
      const merged = mergeHugoConfig(
        new Map([
          ['hugo.toml', 'baseURL = "https://example.com/"\n'],
          [`config/_default/${name}`, 'title = "from the prototype"\n'],
        ]),
      );
      expect(Object.getPrototypeOf(merged.hugo), name).toBe(Object.prototype);
      expect(merged.hugo.title, name).toBeUndefined();
      expect(Object.keys(merged.hugo), name).toEqual(['baseURL']);
    }
    const files = new Map([
      ['hugo.toml', 'baseURL = "https://example.com/"\n[languages.en]\nweight = 1\n'],
      ['config/_default/params.__proto__.toml', 'x = 1\n'],
    ]);
    const languages = mergeHugoConfig(files).hugo.languages as object;
    expect(Object.getPrototypeOf(languages)).toBe(Object.prototype);
    expect(Object.keys(languages)).toEqual(['en']);
  });
});
