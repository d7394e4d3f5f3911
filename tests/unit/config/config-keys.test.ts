import { describe, expect, it } from 'vitest';
import { feedpubSetting, ignoredConfigWarnings } from '../../../src/config/config-keys.js';

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
