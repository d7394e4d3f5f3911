import { describe, expect, it } from 'vitest';
import { ignoredConfigWarnings } from '../../../src/config/config-keys.js';

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
