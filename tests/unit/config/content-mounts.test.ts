import { describe, expect, it } from 'vitest';
import { contentMountsOf, withContentMounts } from '../../../src/config/content-mounts.js';
import { ConfigError } from '../../../src/errors.js';
import type { LanguageConfig } from '../../../src/model.js';
import { expectThrown } from '../../support/thrown.js';

// The file each setting is in, as a site config split in files (config/_default/module.toml) names it.
const fileOf = (key: string) => `file of ${key}`;
const mountsOf = (module: unknown) => contentMountsOf({ module }, fileOf);
const errorOf = (module: unknown) => {
  const error = expectThrown(ConfigError, () => mountsOf(module));
  return { key: error.key, message: error.message, file: error.file };
};

function language(key: string, writtenKey?: string): LanguageConfig {
  return { key, ...(writtenKey !== undefined ? { writtenKey } : {}), name: key, title: 'T', description: '', contentDir: 'content', weight: 1 };
}
const EN_DE = [language('en'), language('de')];
const mounted = (languages: readonly LanguageConfig[], module: unknown, defaultLang = 'en', disabled: readonly string[] = []) =>
  withContentMounts(languages, mountsOf(module) ?? [], { defaultLang, disabled, fileOf });
const mountedError = (languages: readonly LanguageConfig[], module: unknown, defaultLang = 'en') => {
  const error = expectThrown(ConfigError, () => mounted(languages, module, defaultLang));
  return { key: error.key, message: error.message, file: error.file };
};

describe('contentMountsOf: the folders of the site mounted at content', () => {
  it('gives none for a module without mounts, with none or with mounts of other components only', () => {
    expect(mountsOf(undefined)).toBeUndefined();
    expect(mountsOf(null)).toBeUndefined();
    expect(mountsOf({ hugoVersion: { min: '0.111.0' } })).toBeUndefined();
    expect(mountsOf({ mounts: null })).toBeUndefined();
    expect(mountsOf({ mounts: [] })).toBeUndefined();
    expect(mountsOf({ mounts: [{ source: 'scss', target: 'assets/scss' }] })).toBeUndefined();
  });

  it('reads each content mount in the order written, its folder cleaned as Go cleans a path', () => {
    const mounts = mountsOf({
      Mounts: [
        { Source: ' ./docs//en/ ', Target: './content/', Lang: 'en' },
        { source: 'static', target: 'static' },
        { source: 'content/../de\\pages', target: 'content', lang: 'de' },
        { source: 'content/x:y', target: 'content', lang: null },
      ],
    });
    expect(mounts).toStrictEqual([
      { setting: 'module.mounts[0]', source: 'docs/en', lang: 'en' },
      { setting: 'module.mounts[2]', source: 'de/pages', lang: 'de' },
      { setting: 'module.mounts[3]', source: 'content/x:y' },
    ]);
  });

  it('reads the site folder itself as the folder named by no path', () => {
    for (const source of ['.', './', 'content/..'])
      expect(mountsOf({ mounts: [{ source, target: 'content' }] })).toStrictEqual([{ setting: 'module.mounts[0]', source: '' }]);
  });

  it('takes a filter or a sites matrix set to nothing as not set', () => {
    const mount = { source: 'content', target: 'content', excludeFiles: null, includeFiles: null, files: null, sites: null };
    expect(mountsOf({ mounts: [mount] })).toStrictEqual([{ setting: 'module.mounts[0]', source: 'content' }]);
  });

  it('refuses a source outside the site: a parent folder, however far up, an absolute path, a drive', () => {
    for (const source of ['../shared', 'a/../../shared', '../../shared', '/srv/content', ' /srv/content', '\\srv\\content', 'C:/content', 'c:content']) {
      expect(errorOf({ mounts: [{ source, target: 'content' }] }), source).toEqual({
        key: 'module.mounts[0]',
        message: expect.stringContaining(`module.mounts[0]: source "${source}" is outside the site folder`),
        file: 'file of module.mounts',
      });
    }
  });

  it('names the mount, what is wrong with it and the file of the mounts, for a mount it cannot read', () => {
    const at = (key: string, message: string) => ({ key, message: `file of module.mounts: ${key}: ${message}`, file: 'file of module.mounts' });
    expect(errorOf({ mounts: 'content' })).toEqual(at('module.mounts', 'must be a list of mounts ([[module.mounts]] tables)'));
    expect(errorOf({ mounts: ['content'] })).toEqual(at('module.mounts[0]', 'must be a table with source and target'));
    for (const target of [undefined, 1, '', '  ']) {
      expect(errorOf({ mounts: [{ source: 'content', target }] })).toEqual(at('module.mounts[0]', 'target: must be a folder such as "content"'));
    }
    for (const source of [undefined, 1, '', '  ']) {
      expect(errorOf({ mounts: [{ source, target: 'content' }] })).toEqual(at('module.mounts[0]', 'source: must be a folder of the site such as "content/en"'));
    }
    for (const lang of [1, '  ']) {
      expect(errorOf({ mounts: [{ source: 'content', target: 'content', lang }] })).toEqual(
        at('module.mounts[0]', 'lang: must be the key of a language of the site'),
      );
    }
  });

  it('refuses content mounted from an imported module, naming the file of the imports, and reads its other mounts as nothing', () => {
    expect(errorOf({ imports: [{ path: 'x' }, { path: 'theme', mounts: [{ target: 'layouts' }, { source: 'content', target: 'content/' }] }] })).toEqual({
      key: 'module.imports[1].mounts[1]',
      message: expect.stringContaining('content mounted from an imported module or theme is not read by feedpub'),
      file: 'file of module.imports',
    });
    const imports = [
      { path: 'x' },
      { path: 'y', mounts: 'content' },
      { path: 'z', mounts: ['content', { source: 'a' }, { source: 'b', target: 'static' }] },
      'w',
    ];
    expect(mountsOf({ imports, mounts: [{ source: 'docs', target: 'content' }] })).toStrictEqual([{ setting: 'module.mounts[0]', source: 'docs' }]);
  });
});

describe('withContentMounts: each language with the content folder its mount gives it', () => {
  it('gives a language without a mount of its own the default language folder, and skips the mount of a disabled one', () => {
    const module = {
      mounts: [
        { source: 'docs', target: 'content' },
        { source: 'fr', target: 'content', lang: 'fr' },
      ],
    };
    expect(mounted(EN_DE, module, 'en', ['fr']).map((l) => [l.key, l.contentDir, l.contentDirSetting])).toEqual([
      ['en', 'docs', 'module.mounts[0]'],
      ['de', 'docs', 'module.mounts[0]'],
    ]);
  });

  it('names every language, as written, for a mount of a language the site has not', () => {
    expect(mountedError([language('en'), language('pt-br', 'pt-BR')], { mounts: [{ source: 'fr', target: 'content', lang: 'fr' }] })).toEqual({
      key: 'module.mounts[0]',
      message: 'file of module.mounts: module.mounts[0]: lang "fr" is not one of the languages (en, pt-BR)',
      file: 'file of module.mounts',
    });
  });

  it('refuses a mount lang written otherwise than the language key Hugo 0.111 matches it with exactly, which publishes none of its pages', () => {
    const hugoReadsNone = (languages: readonly LanguageConfig[], lang: string, key: string) => {
      const error = mountedError(languages, {
        mounts: [
          { source: 'docs', target: 'content' },
          { source: 'other', target: 'content', lang },
        ],
      });
      expect(error, lang).toEqual({
        key: 'module.mounts[1]',
        message: `file of module.mounts: module.mounts[1]: lang "${lang}" is not the key of a language as Hugo reads it ("${key}", in lower case): Hugo reads no page of this mount; write lang = "${key}"`,
        file: 'file of module.mounts',
      });
    };
    for (const lang of ['DE', ' de', 'de ']) hugoReadsNone(EN_DE, lang, 'de');
    hugoReadsNone([language('en'), language('pt-br', 'pt-BR')], 'pt-BR', 'pt-br');
    // A disabled language written so: Hugo reads no page of it either way.
    const disabled = mounted(
      [language('en')],
      {
        mounts: [
          { source: 'docs', target: 'content' },
          { source: 'fr', target: 'content', lang: 'FR' },
        ],
      },
      'en',
      ['fr'],
    );
    expect(disabled.map((l) => [l.key, l.contentDir])).toEqual([['en', 'docs']]);
  });

  it('reads an empty mount lang as none, the default language folder, as Hugo 0.111 does', () => {
    expect(mounted(EN_DE, { mounts: [{ source: 'docs', target: 'content', lang: '' }] }).map((l) => [l.key, l.contentDir])).toEqual([
      ['en', 'docs'],
      ['de', 'docs'],
    ]);
  });

  it('refuses a second mount of one language, naming the first and its folder (the site folder as .)', () => {
    const error = mountedError(EN_DE, {
      mounts: [
        { source: '.', target: 'content' },
        { source: 'more', target: 'content', lang: 'en' },
      ],
    });
    expect(error).toEqual({
      key: 'module.mounts[1]',
      message: expect.stringContaining('module.mounts[1]: a second content mount of language "en" (module.mounts[0] mounts ".")'),
      file: 'file of module.mounts',
    });
  });

  it('refuses a folder mounted for two languages, naming the mount of the other and its language', () => {
    for (const [source, shown] of [
      ['docs', 'docs'],
      ['./', '.'],
    ]) {
      const error = mountedError(EN_DE, {
        mounts: [
          { source, target: 'content' },
          { source, target: 'content', lang: 'de' },
        ],
      });
      expect(error).toEqual({
        key: 'module.mounts[1]',
        message: `file of module.mounts: module.mounts[1]: "${shown}" is mounted by module.mounts[0] too, for language "en": feedpub reads a content folder for one language; name the others' pages by their suffix (a.de.md) in one mount`,
        file: 'file of module.mounts',
      });
    }
    const named = mountedError(EN_DE, {
      mounts: [
        { source: 'docs', target: 'content', lang: 'de' },
        { source: 'docs', target: 'content', lang: 'en' },
      ],
    });
    expect(named.message).toContain('"docs" is mounted by module.mounts[0] too, for language "de"');
  });

  it('refuses a site whose default language has no mount, naming the file of the mounts', () => {
    expect(mountedError(EN_DE, { mounts: [{ source: 'de', target: 'content', lang: 'de' }] })).toEqual({
      key: 'module.mounts',
      message: expect.stringContaining('no content mount of the default language "en"'),
      file: 'file of module.mounts',
    });
  });
});
